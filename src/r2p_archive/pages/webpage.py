"""Dialogue pages as HTML: bytes -> text -> a lenient lxml tree -> a flat stream of text,
links and line breaks (navigation and other chrome skipped)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from r2p_archive import boilerplate
from r2p_archive.pages.links import IGNORED_SCHEMES, is_relative, resolve_url, target_kind
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from r2p_archive.boilerplate import Element

# --------------------------------------------------------------------------------------------
# decoding


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page -> text (see :func:`r2p_archive.boilerplate.decode_html`)."""
    return boilerplate.decode_html(data, content_type)[0]


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------------------------------
# flattening

_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
               "h6", "table", "tr", "thead", "tbody", "tfoot", "caption", "blockquote",
               "section", "article", "main", "header", "pre", "hr", "address", "center",
               "figure", "figcaption", "details", "summary", "body", "html", "fieldset"}
_CELL_TAGS = {"td", "th"}
_INLINE_PARENTS = {"p", "li", "td", "th", "dd", "span", "strong", "em", "b", "i", "a"}


def _skip_element(el: Element, tag: str, words: frozenset[str] = boilerplate.NARROW) -> bool:
    if boilerplate.is_chrome(el, words):
        return True
    # a date stamp on its own ("Posted <time>12 January 2015</time>"), not a date in prose
    parent = el.getparent()
    return tag == "time" and (parent is None or parent.tag not in _INLINE_PARENTS
                              or boilerplate.chrome_word(parent, _META_WORDS) is not None)


_STAMP_WORDS = frozenset({"time", "date", "byline", "submitted", "posted", "published",
                          "createdate", "created", "modifydate", "modified"})
_META_WORDS = frozenset({"meta", "date", "entry-meta", "post-meta", "posted-on", "entry-date"})


@dataclass
class Link:
    url: str | None  # None: not a usable link (treated as plain text)
    text: str
    kind: str  # never / doc / page
    pos: int
    refused: str | None = None  # scheme of a link never followed (javascript, file, ftp...)
    unresolved: bool = False  # a relative href, and no base URL to resolve it against


REFUSED_NOTE = "link refused: {scheme}: URLs are never followed"


# stream items: ("t", text) | ("a", Link) | ("b", None) line break | ("s", None) cell separator


def anchor_text(el: Element) -> str:
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


def flatten(root: Element, base: str | None, page_url: str | None, content: Element | None = None,
            chrome: frozenset[str] = frozenset(),
            meta: list[str] | None = None) -> tuple[list, str | None]:
    """The page as a stream of items.  With ``content`` (the main content block), everything
    outside it is dropped; inside it (or everywhere without it) chrome is skipped by
    :data:`boilerplate.NARROW` words (:data:`boilerplate.WIDE` without a content block), plus
    the layout's ``chrome`` words.  The blocks holding the content and the title never are.
    The text of skipped date stamps and bylines goes to ``meta``."""
    items: list = []
    title_el = boilerplate.find_title(root)
    keep = boilerplate.protected(root, content, title_el)
    path = _path_to(content, keep)
    words = (boilerplate.NARROW if content is not None else boilerplate.WIDE) | chrome
    title: str | None = None
    pos = 0
    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if done:
            _boundary(items, tag)
            _text(items, el.tail)
            continue
        if el in path:  # an ancestor of the content block: only the way to it
            stack.extend((child, False) for child in reversed(el)
                         if child in path or child is content)
            continue
        if not tag or (el not in keep and _skip_element(el, tag, words)):
            _skipped(items, el, tag, meta)
            continue
        if tag == "a" and el.get("href") is not None:
            pos += 1
            items.append(("a", _anchor_link(el, base, page_url, pos)))
            _text(items, el.tail)
            continue
        if tag == "br":
            items.append(("b", None))
            _text(items, el.tail)
            continue
        if tag == "h1" and title is None:
            title = one_line(anchor_text(el), 300) or None
        _boundary(items, tag)
        _text(items, el.text)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    return items, title


def _path_to(content: Element | None, keep: set[Element]) -> set[Element]:
    """The ancestors of the content block (walked only on the way to it); empty without one."""
    path = set(keep) if content is not None else set()
    if content is not None:
        path.difference_update(content.iterdescendants())
        path.discard(content)
    return path


def _text(items: list, t: str | None) -> None:
    if t:
        items.append(("t", t))


def _boundary(items: list, tag: str) -> None:
    """The line break of a block element, the separator of a table cell."""
    if tag in _BLOCK_TAGS:
        items.append(("b", None))
    elif tag in _CELL_TAGS:
        items.append(("s", None))


def _skipped(items: list, el: Element, tag: str, meta: list[str] | None) -> None:
    """A skipped element: its text goes to ``meta`` if it is a date stamp or byline; a block
    still ends the line."""
    if meta is not None and tag and (tag == "time" or boilerplate.chrome_word(
            el, _STAMP_WORDS)):
        meta.append(anchor_text(el))
    if tag in _BLOCK_TAGS:
        items.append(("b", None))
    _text(items, el.tail)


def _anchor_link(el: Element, base: str | None, page_url: str | None, pos: int) -> Link:
    """The link of an ``<a href>`` element, the ``pos``-th of the page."""
    href = el.get("href")
    url = resolve_url(href, base)
    kind = target_kind(url, page_url) if url else "never"
    refused = IGNORED_SCHEMES.match(re.sub(r"[\t\r\n]+", "", href))
    scheme = refused.group(1).lower() if refused else None
    if scheme in ("mailto", "tel", "sms"):
        scheme = None  # contact links: not a refused statement
    unresolved = url is None and base is None and is_relative(href)
    return Link(url, anchor_text(el), kind, pos, scheme, unresolved)



# --------------------------------------------------------------------------------------------
# the page


def parse_tree(text: str) -> Element | None:
    from lxml import etree  # type: ignore[import-untyped]

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
