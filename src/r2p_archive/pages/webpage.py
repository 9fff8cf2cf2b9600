"""Dialogue pages as HTML: bytes -> text -> a lenient lxml tree -> a flat stream of text,
links and line breaks (navigation and other chrome skipped)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from r2p_archive.pages.links import IGNORED_SCHEMES, resolve_url, target_kind
from r2p_archive.speakers import clean_text

# --------------------------------------------------------------------------------------------
# decoding


def decode_html(data: bytes) -> str:
    """Bytes of a page -> text: BOM, then ``<meta charset>``, then UTF-8, then windows-1252."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    m = re.search(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})",
                  data[:8192], re.IGNORECASE)
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            enc = codecs.lookup(name).name
        except LookupError:
            enc = None
        if enc in ("latin-1", "iso8859-1", "ascii"):
            enc = "cp1252"  # what browsers do with these labels
        if enc and not enc.startswith("utf-16") and enc != "utf-8":
            return data.decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")



# --------------------------------------------------------------------------------------------
# flattening

_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "footer", "aside",
              "form", "button", "select", "option", "textarea", "iframe", "object", "embed",
              "svg", "math", "canvas", "video", "audio", "map", "menu", "dialog"}
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
               "h6", "table", "tr", "thead", "tbody", "tfoot", "caption", "blockquote",
               "section", "article", "main", "header", "pre", "hr", "address", "center",
               "figure", "figcaption", "details", "summary", "body", "html", "fieldset"}
_CELL_TAGS = {"td", "th"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "menubar", "toolbar", "dialog"}
_SKIP_WORDS = {"nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs",
               "footer", "sidebar", "share", "sharing", "social", "sociallinks", "pagination",
               "pagenav", "pager", "print", "email", "tags", "tagcloud", "cookie", "cookies",
               "skip", "toolbar", "comments", "widget", "widgets", "related", "icons"}
_KEEP_PREFIXES = ("has-", "with-", "no-", "not-")


def _skip_element(el, tag: str) -> bool:
    if tag in _SKIP_TAGS:
        return True
    attrib = el.attrib
    if "hidden" in attrib or (attrib.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrib.get("role") or "").lower() in _SKIP_ROLES:
        return True
    words = f"{attrib.get('class') or ''} {attrib.get('id') or ''}".lower().split()
    for word in words[:20]:
        if word.startswith(_KEEP_PREFIXES):
            continue
        parts = re.split(r"[-_]", word)
        if word in _SKIP_WORDS or parts[0] in _SKIP_WORDS or parts[-1] in _SKIP_WORDS:
            return True
    return False


@dataclass
class Link:
    url: str | None  # None: not a usable link (treated as plain text)
    text: str
    kind: str  # never / doc / page
    pos: int
    refused: str | None = None  # scheme of a link never followed (javascript, file, ftp...)


REFUSED_NOTE = "link refused: {scheme}: URLs are never followed"


# stream items: ("t", text) | ("a", Link) | ("b", None) line break | ("s", None) cell separator


def anchor_text(el) -> str:
    parts: list[str] = []
    stack = [(el, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if tag == "br" or tag in _BLOCK_TAGS or tag in _CELL_TAGS:
            parts.append(" ")
        if node.text and tag:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))
        if sum(len(p) for p in parts) > 2000:
            break
    return "".join(parts)


def flatten(root, base: str | None, page_url: str | None) -> tuple[list, str | None]:
    items: list = []
    title: str | None = None
    pos = 0

    def text(t: str | None) -> None:
        if t:
            items.append(("t", t))

    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if done:
            if tag in _BLOCK_TAGS:
                items.append(("b", None))
            elif tag in _CELL_TAGS:
                items.append(("s", None))
            text(el.tail)
            continue
        if not tag or _skip_element(el, tag):
            if tag in _BLOCK_TAGS:
                items.append(("b", None))
            text(el.tail)
            continue
        if tag == "a" and el.get("href") is not None:
            pos += 1
            href = el.get("href")
            url = resolve_url(href, base)
            kind = target_kind(url, page_url) if url else "never"
            refused = IGNORED_SCHEMES.match(re.sub(r"[\t\r\n]+", "", href))
            scheme = refused.group(1).lower() if refused else None
            if scheme in ("mailto", "tel", "sms"):
                scheme = None  # contact links: not a refused statement
            items.append(("a", Link(url, anchor_text(el), kind, pos, scheme)))
            text(el.tail)
            continue
        if tag == "br":
            items.append(("b", None))
            text(el.tail)
            continue
        if tag == "h1" and title is None:
            title = clean_text(anchor_text(el), 300) or None
        if tag in _BLOCK_TAGS:
            items.append(("b", None))
        elif tag in _CELL_TAGS:
            items.append(("s", None))
        text(el.text)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    return items, title



# --------------------------------------------------------------------------------------------
# the page


def parse_tree(text: str):
    from lxml import etree

    text = _BAD_CHARS.sub(" ", text)
    text = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", text)
    if not text.strip():
        return None
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                              no_network=True, recover=True)
    try:
        return etree.fromstring(text, parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
