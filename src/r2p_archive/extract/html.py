"""The main text of an HTML statement page, without navigation, menus, footers and banners.

Boilerplate elements are removed first (by tag, ARIA role, and id/class words such as
``cookie``, ``share`` or ``breadcrumb``); then the content block is the element whose
paragraphs hold the most text with the fewest links (a text-density score in the spirit of
readability), together with sibling blocks that score nearly as well.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from r2p_archive.extract import clean

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "nav", "header", "footer",
    "aside", "form", "iframe", "button", "select", "input", "textarea", "label", "menu",
    "dialog", "object", "embed", "video", "audio", "map", "figure", "picture", "img",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "menubar", "dialog", "alertdialog", "toolbar"}
_DROP_WORDS = {
    "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social", "breadcrumb",
    "breadcrumbs", "menu", "navbar", "nav", "navigation", "sidebar", "footer", "header",
    "masthead", "skip", "related", "newsletter", "subscribe", "popup", "modal", "banner",
    "advert", "ads", "promo", "pagination", "pager", "toolbar", "tags", "widget",
    "comments", "comment", "login", "search", "topbar", "offcanvas", "disclaimer", "langswitch",
    "language",
}
_KEEP_TAGS = {"html", "body", "main", "article"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
           "td", "th", "caption", "address", "div", "section", "article", "main", "ul",
           "ol", "table", "tr", "tbody", "thead", "dl", "center", "body", "figcaption"}
_TEXT_BLOCKS = ("p", "li", "blockquote", "pre", "td", "dd", "h1", "h2", "h3", "h4", "h5",
                "h6", "address")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


_BR = "\x00"  # marks a <br> while paragraphs are assembled


class HTMLFailure(Exception):
    """The page cannot be read; the message is one line."""


@dataclass
class HtmlText:
    paragraphs: list[str]
    title: str | None
    encoding: str


# -- encoding ----------------------------------------------------------------------------------


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # What browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding): BOM, then the HTTP header's charset, then <meta>, then detection."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    declared = None
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        declared = _codec(m.group(1)) if m else None
    if declared is None:
        head = data[:4096]
        m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if declared:
        if declared == "utf-8":
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass  # a page that lies about being UTF-8: detect instead
        else:
            return data.decode(declared, errors="replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = _codec(best.encoding) if best is not None else None
    name = name or "cp1252"
    return data.decode(name, errors="replace"), name


# -- main text ---------------------------------------------------------------------------------


def _words(value: str | None) -> set[str]:
    return set(re.split(r"[^a-z0-9]+", value.casefold())) if value else set()


def _is_boilerplate(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _KEEP_TAGS:
        return False
    if (el.get("role") or "").casefold() in _DROP_ROLES:
        return True
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").casefold()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool((_words(el.get("id")) | _words(el.get("class"))) & _DROP_WORDS)


def _strip(root) -> None:
    from lxml import etree

    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_boilerplate(el):
            el.drop_tree()


def _text_of(el) -> str:
    return clean.collapse_spaces(clean.normalize_chars(el.text_content()))


def _link_text(el) -> int:
    return sum(len(clean.collapse_spaces(a.text_content())) for a in el.iter("a"))


def _direct_text(el) -> str:
    parts = [el.text or ""] + [child.tail or "" for child in el]
    return clean.collapse_spaces(" ".join(parts))


def _best_container(root):
    """The element whose text blocks hold the most text that is not links."""
    scores: dict = {}

    def credit(el, value: float) -> None:
        if el is None:
            return
        scores[el] = scores.get(el, 0.0) + value
        grand = el.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + value / 2

    for block in root.iter(*_TEXT_BLOCKS):
        text = _text_of(block)
        if len(text) < 25:
            continue
        links = _link_text(block)
        value = len(text) * max(0.0, 1.0 - links / max(len(text), 1)) + 10 * text.count(". ")
        credit(block.getparent(), value)
    # Text written straight into a <div> (paragraphs separated by <br>), as some sites do.
    for div in root.iter("div", "section", "td"):
        text = _direct_text(div)
        if len(text) >= 100:
            credit(div, len(text) + 10 * text.count(". "))
    if not scores:
        return root.find("body") if root.find("body") is not None else root
    best = max(scores, key=scores.get)
    # A statement split over sibling blocks: take the common parent when siblings score well.
    parent = best.getparent()
    if parent is not None:
        siblings = [s for s in parent if s is not best and scores.get(s, 0) >= 0.3 * scores[best]]
        if siblings:
            return parent
    return best


def _paragraphs(container) -> list[str]:
    """Text blocks of the container in document order, one paragraph each."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean.collapse_spaces("".join(buf).replace(_BR, " "))
        if text:
            out.append(text)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in _BLOCKS
        if is_block:
            flush()
        if tag == "br":
            # two line breaks in a row (blank space between) end a paragraph
            if "".join(buf).rstrip(" \t\r\n").endswith(_BR):
                flush()
            else:
                buf.append(_BR)
        if el.text and tag not in ("br",):
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if is_block:
            flush()

    walk(container)
    # Drop lines that are mostly links ("Share on ...", "Back to top") left inside the block.
    return [p for p in out if not _is_link_line(p, container)]


def _is_link_line(text: str, container) -> bool:
    for a in container.iter("a"):
        if clean.collapse_spaces(a.text_content()) == text and len(text) < 80:
            return True
    return False


def extract_html(data: bytes, content_type: str | None = None) -> HtmlText:
    """The statement text of an HTML page."""
    import lxml.html

    text, encoding = decode_html(data, content_type)
    text = clean.normalize_chars(text)
    if not text.strip():
        return HtmlText([], None, encoding)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError / ValueError on unusable markup
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise HTMLFailure(f"HTML cannot be parsed ({reason})") from exc
    title_el = root.find(".//title")
    title = _text_of(title_el) if title_el is not None else None
    _strip(root)
    container = _best_container(root)
    paragraphs = [clean.collapse_spaces(p) for p in _paragraphs(container)]
    return HtmlText([p for p in paragraphs if p], title or None, encoding)


# -- error pages -------------------------------------------------------------------------------

_ERROR_TITLE = re.compile(
    r"\b404\b|\b403\b|\b410\b|\b500\b|not\s+found|page\s+(?:cannot|could\s+not|can't)\s+be\s+found"
    r"|page\s+you\s+(?:requested|are\s+looking\s+for)|\berror\b|access\s+denied|forbidden"
    r"|\blog\s*in\b|\bsign\s*in\b|introuvable|page\s+non\s+trouv|no\s+encontrad|no\s+existe"
    r"|nicht\s+gefunden",
    re.IGNORECASE,
)
TINY_BODY = 200  # characters of main text below which a page cannot be a statement
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_error_page(data: bytes) -> bool:
    """Whether an HTML response is an error, "not found" or login page rather than a text."""
    import lxml.html

    text, _ = decode_html(data)
    if not text.strip():
        return True
    try:
        root = lxml.html.document_fromstring(clean.normalize_chars(text))
    except Exception:
        return True
    heads = [root.find(".//title"), root.find(".//h1")]
    for el in heads:
        if el is not None and _ERROR_TITLE.search(_text_of(el)):
            return True
    _strip(root)
    body = root.find("body")
    main = _text_of(body if body is not None else root)
    # a Chinese or Japanese character says about as much as 4 letters of English: count it
    # so, or a short statement without spaces between words would look like an empty page
    return len(main) + 3 * len(_CJK.findall(main)) < TINY_BODY
