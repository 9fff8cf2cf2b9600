"""Site chrome and the main content block of an HTML page, shared by both readers of HTML:
dialogue pages (:mod:`r2p_archive.pages.webpage`) and HTML statements
(:mod:`r2p_archive.extract.html`).

* :func:`decode_html`: bytes -> text (BOM, HTTP charset, ``<meta>``, UTF-8, then detection).
* :func:`chrome_word` / :func:`is_chrome`: site chrome recognised by tag, ARIA role and
  class/id words (menus, module positions, sidebars, language switchers, "latest news",
  share widgets, footers...).  :data:`WIDE` is the full list, for what lies outside the main
  content; :data:`NARROW` the words that are chrome even inside it (share, print, pager...).
* :func:`main_content`: the element holding the page's content.  It is the nearest common
  container of the page title and the densest block of text (text not in links, plus
  statement documents), grown outwards as long as growing takes in no chrome; a layout may
  name its CMS's content containers first.  ``html``, ``body`` and the blocks holding the title
  are never chrome.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, TypeAlias

    # an lxml element (``lxml.html.HtmlElement``, ``lxml.etree._Element``): lxml ships no type
    # information (no py.typed, lxml-stubs not a dependency), so it is Any to mypy
    Element: TypeAlias = Any

# --------------------------------------------------------------------------------------------
# decoding

_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]{0,200}encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def codec_name(name: str | None) -> str | None:
    """Python's name of a charset label; Latin-1 and ASCII mean windows-1252 (WHATWG)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) >= 0.9 * len(letters)


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a page: BOM, then the HTTP charset, then ``<meta>`` (or the XML
    declaration), then UTF-8, then a detected charset (windows-1252 for Latin text)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace"), name
    declared = None
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        declared = codec_name(m.group(1)) if m else None
    if declared is None:
        found = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.search(data[:1024])
        declared = codec_name(found.group(1).decode("ascii", "replace")) if found else None
    if declared and not declared.startswith("utf-16") and declared != "utf-8":
        return data.decode(declared, "replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass  # undeclared, or a page that lies about being UTF-8
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    detected = codec_name(best.encoding) if best is not None else None
    if detected and detected != "cp1252" and not detected.startswith(("utf-16", "utf-32", "utf_")):
        try:
            text = data.decode(detected, "replace")
        except LookupError:
            text = ""
        if text and not _latin(text):
            return text, detected
    return data.decode("cp1252", "replace"), "cp1252"


# --------------------------------------------------------------------------------------------
# chrome

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form",
    "button", "select", "option", "textarea", "iframe", "object", "embed", "svg", "math",
    "canvas", "video", "audio", "map", "menu", "dialog"})
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                        "menu", "menubar", "toolbar", "dialog", "alertdialog"})
# chrome wherever it is, even inside the main content
NARROW = frozenset({
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "pathway",
    "footer", "sidebar", "share", "sharing", "social", "sociallinks", "sharedaddy", "addthis",
    "addtoany", "a2a", "pagination", "pagenav", "pager", "print", "email", "tags", "tagcloud",
    "cookie", "cookies", "consent", "skip", "toolbar", "comments", "widget", "widgets",
    "related", "icons", "submitted", "byline", "posted", "published", "createdate",
    "modifydate", "created", "modified", "hits", "langswitch", "newsletter", "subscribe",
    "popup", "modal", "offcanvas"})
# chrome outside the main content (module positions, sidebars, headers, "latest news"...)
WIDE = NARROW | frozenset({
    "header", "masthead", "banner", "branding", "logo", "topbar", "gdpr", "advert", "ads",
    "promo", "login", "search", "disclaimer", "language", "languages", "lang", "comment",
    "moduletable", "module", "modules", "latestnews", "latest", "newsflash", "mostread",
    "region-sidebar-first", "region-sidebar-second", "block-menu", "copyright",
    "leftcolumn", "rightcolumn", "col-left", "col-right", "secondary", "utility"})
# chrome even as a middle part of a word ("field-name-field-related-publications")
STRONG = frozenset({"related", "share", "sharing", "social", "breadcrumb", "breadcrumbs",
                    "pagination", "pager", "comments", "cookie", "addtoany", "sharedaddy",
                    "sharethis", "addthis", "newsletter"})
_KEEP_PREFIXES = ("has-", "with-", "no-", "not-", "one-", "two-")
_WORD_SPLIT = re.compile(r"[-_]")


def chrome_word(el: Element, words: frozenset[str] = NARROW, any_part: bool = False
                ) -> str | None:
    """The class/id word of ``el`` that marks it as chrome, if any: a whole word, or its
    first or last part ("share-links", "site-footer"; with ``any_part`` any part);
    "has-sidebar", "not-front"... are not."""
    attrib = el.attrib
    for word in f"{attrib.get('class') or ''} {attrib.get('id') or ''}".lower().split()[:20]:
        if word.startswith(_KEEP_PREFIXES) or word.startswith(("page-", "node-type")):
            continue
        if word in words:
            return word
        parts = _WORD_SPLIT.split(word)
        if parts[0] in words or parts[-1] in words or (
                (words if any_part else STRONG & words).intersection(parts)):
            return word
    return None


def is_chrome(el: Element, words: frozenset[str] = NARROW, any_part: bool = False) -> bool:
    """Chrome by tag, ARIA role, hidden attributes or class/id words."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in ("html", "body"):
        return False
    if tag in SKIP_TAGS:
        return True
    attrib = el.attrib
    if "hidden" in attrib or (attrib.get("aria-hidden") or "").lower() == "true":
        return True
    style = (attrib.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if (attrib.get("role") or "").lower() in SKIP_ROLES:
        return True
    return chrome_word(el, words, any_part) is not None


# --------------------------------------------------------------------------------------------
# the main content block

_TEXT_BLOCKS = ("p", "li", "blockquote", "pre", "td", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                "address")
_DOC_HREF = re.compile(r"\.(pdf|docx?|rtf|odt)(\?|#|$)|/(files|statements?|uploads|"
                       r"images/stories|documents?|docs|papersmart)/", re.IGNORECASE)
_TITLE_WORDS = {"title", "page-title", "entry-title", "contentheading", "componentheading",
                "page-header", "article-title", "item-title", "node-title", "documentfirstheading",
                "titulo", "titre", "meeting-title"}


def _text(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _link_chars(el: Element) -> tuple[int, int]:
    """(characters of link text that are not documents, number of document links)."""
    chars = docs = 0
    for a in el.iter("a"):
        if _DOC_HREF.search(a.get("href") or ""):
            docs += 1
        else:
            chars += len(_text(a))
    return chars, docs


def _inside_chrome(el: Element, stop: Element | None = None) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        # a <form> around the whole page (ASP.NET) is no chrome
        if node.tag != "form" and is_chrome(node, WIDE):
            return True
        node = node.getparent()
    return False


def densest_block(root: Element, *, docs: bool = False, skip_chrome: bool = True
                  ) -> Element | None:
    """The element whose text blocks hold the most text that is not links (plus, with
    ``docs``, credit for document links: statement lists are content), or None."""
    scores: dict[Element, float] = {}

    def credit(el: Element | None, value: float) -> None:
        if el is None:
            return
        scores[el] = scores.get(el, 0.0) + value
        grand = el.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + value / 2

    for block in root.iter(*_TEXT_BLOCKS):
        if block.tag in ("td", "li", "dd", "blockquote") and any(
                child.tag in ("p", "div", "table", "h1", "h2", "h3") for child in block):
            continue  # a layout cell: its paragraphs count, not the cell
        text = _text(block)
        if len(text) < 25 and not (docs and block.find(".//a") is not None):
            continue
        if skip_chrome and (is_chrome(block, WIDE) or _inside_chrome(block)):
            continue
        links, ndocs = _link_chars(block)
        value = len(text) * max(0.0, 1.0 - links / max(len(text), 1)) + 10 * text.count(". ")
        if docs:
            value += 40 * ndocs
        if value > 0:
            credit(block.getparent(), value)
    # text written straight into a <div> (paragraphs separated by <br>), as some sites do
    for div in root.iter("div", "section", "td"):
        parts = [div.text or ""] + [child.tail or "" for child in div]
        text = " ".join(" ".join(parts).split())
        if len(text) >= 100 and not (skip_chrome and (is_chrome(div, WIDE)
                                                      or _inside_chrome(div))):
            credit(div, len(text) + 10 * text.count(". "))
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    # a text split over sibling blocks: take the common parent when siblings score well
    parent = best.getparent()
    if parent is not None and any(s is not best and scores.get(s, 0) >= 0.3 * scores[best]
                                  for s in parent):
        return parent
    return best


def find_title(root: Element, chrome_words: frozenset[str] = WIDE) -> Element | None:
    """The element holding the page's title: a heading with a title class, or the first
    ``<h1>`` outside the site header; None when there is none."""
    title_el = root.find(".//title")
    doc_title = _text(title_el).casefold() if title_el is not None else ""
    best, best_score = None, 0
    for el in root.iter("h1", "h2", "td", "div", "span"):
        tag = el.tag
        words = set(f"{el.get('class') or ''} {el.get('id') or ''}".lower().split())
        titled = bool(words & _TITLE_WORDS)
        if tag not in ("h1", "h2") and not titled:
            continue
        text = _text(el)
        if not 4 <= len(text) <= 300:
            continue
        score = 2 * titled + (tag == "h1") + (text.casefold() in doc_title)
        if tag == "h2" and not titled:
            score -= 1
        if _inside_chrome(el):
            score -= 4
        if score > best_score:
            best, best_score = el, score
    return best


def _ancestors(el: Element) -> list[Element]:
    out = []
    node = el
    while node is not None:
        out.append(node)
        node = node.getparent()
    return out


def _common(a: Element | None, b: Element | None) -> Element | None:
    if a is None or b is None:
        return a if b is None else b
    seen = set(_ancestors(a))  # the proxies stay alive while the set holds them
    for node in _ancestors(b):
        if node in seen:
            return node
    return None


def _navlike(el: Element) -> bool:
    """A block of page links with little other text (a menu, a list of news headlines)."""
    anchors = [a for a in el.iter("a") if not _DOC_HREF.search(a.get("href") or "")]
    if len(anchors) < 3:
        return False
    text = len(_text(el))
    links, _ = _link_chars(el)
    return links >= 0.6 * max(text, 1)


def _has_chrome(el: Element) -> bool:
    if not isinstance(el.tag, str):
        return False
    if is_chrome(el, WIDE) or _navlike(el):
        return True
    return any(is_chrome(d, WIDE) for d in el.iterdescendants() if isinstance(d.tag, str))


def main_content(root: Element, selectors: tuple[str, ...] = ()) -> Element | None:
    """The element holding the page's content (see the module's doc), or None when the page
    gives no hold (then only chrome words tell chrome from content).

    ``selectors``: XPath expressions a layout names for its CMS's content container; the first
    that matches an element holding text wins."""
    for xpath in selectors:
        for el in root.xpath(xpath):
            if len(_text(el)) >= 40:
                return el
    title = find_title(root)
    node = _common(title, densest_block(root))
    documents = densest_block(root, docs=True)  # where a statement list is, if any
    if documents is not None and node is not None and _common(node, documents) is not None:
        node = _common(node, documents)
    if node is None or not isinstance(node.tag, str) or node.tag in ("html", "body"):
        return None
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in ("html", "body"):
            break
        if any(child is not node and _has_chrome(child) for child in parent):
            break
        node = parent
    return node


def protected(root: Element, content: Element | None, title: Element | None = None
              ) -> set[Element]:
    """Elements never skipped as chrome: ``html``, ``body``, the content block and what holds
    it, and what holds the title."""
    keep = {root}
    for el in (content, title):
        if el is not None:
            keep.update(_ancestors(el))
    body = root.find("body")
    if body is not None:
        keep.add(body)
    return keep


__all__ = ["NARROW", "SKIP_TAGS", "WIDE", "chrome_word", "codec_name", "decode_html",
           "densest_block", "find_title", "is_chrome", "main_content", "protected"]
