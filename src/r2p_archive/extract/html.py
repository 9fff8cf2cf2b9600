"""The main text of an HTML statement page, without navigation, menus, footers and banners.

Chrome and the main content block are recognised by :mod:`r2p_archive.boilerplate`, the module
that dialogue pages use too: boilerplate elements are removed first (by tag, ARIA role, and
id/class words such as ``cookie``, ``share`` or ``breadcrumb``), never the blocks that hold the
main content; then the text is taken from the element whose paragraphs hold the most text with
the fewest links (a text-density score in the spirit of readability), together with sibling
blocks that score nearly as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from r2p_archive import boilerplate
from r2p_archive.extract import clean
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from collections.abc import Container

    from r2p_archive.boilerplate import Element

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "nav", "header", "footer",
    "aside", "form", "iframe", "button", "select", "input", "textarea", "label", "menu",
    "dialog", "object", "embed", "video", "audio", "map", "figure", "picture", "img",
)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
           "td", "th", "caption", "address", "div", "section", "article", "main", "ul",
           "ol", "table", "tr", "tbody", "thead", "dl", "center", "body", "figcaption"}

_BR = "\x00"  # marks a <br> while paragraphs are assembled


class HTMLFailure(Exception):
    """The page cannot be read; the message is one line."""


@dataclass
class HtmlText:
    paragraphs: list[str]


# -- encoding ----------------------------------------------------------------------------------

decode_html = boilerplate.decode_html  # (text, encoding): one decoder for every HTML reader


# -- main text ---------------------------------------------------------------------------------


def _strip(root: Element, keep: Container[Element] = frozenset()) -> None:
    """Drop chrome (:mod:`r2p_archive.boilerplate`), never what holds the main content."""
    from lxml import etree  # type: ignore[import-untyped]

    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None and el not in keep:
            el.drop_tree()
    for el in list(root.iter()):
        if (isinstance(el.tag, str) and el.getparent() is not None and el not in keep
                and boilerplate.is_chrome(el, boilerplate.WIDE, any_part=True)):
            el.drop_tree()


def _text_of(el: Element) -> str:
    return clean.collapse_spaces(clean.normalize_chars(el.text_content()))


def _best_container(root: Element) -> Element:
    """The element whose text blocks hold the most text that is not links."""
    best = boilerplate.densest_block(root, skip_chrome=False)
    if best is None:
        return root.find("body") if root.find("body") is not None else root
    return best


def _paragraphs(container: Element) -> list[str]:
    """Text blocks of the container in document order, one paragraph each."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean.collapse_spaces("".join(buf).replace(_BR, " "))
        if text:
            out.append(text)
        buf.clear()

    def walk(el: Element) -> None:
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


def _is_link_line(text: str, container: Element) -> bool:
    for a in container.iter("a"):
        if clean.collapse_spaces(a.text_content()) == text and len(text) < 80:
            return True
    return False


def extract_html(data: bytes, content_type: str | None = None) -> HtmlText:
    """The statement text of an HTML page."""
    import lxml.html  # type: ignore[import-untyped]

    text, _ = decode_html(data, content_type)
    text = clean.normalize_chars(text)
    if not text.strip():
        return HtmlText([])
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError / ValueError on unusable markup
        reason = one_line(str(exc), 160) or type(exc).__name__
        raise HTMLFailure(f"HTML cannot be parsed ({reason})") from exc
    content = boilerplate.main_content(root)
    _strip(root, boilerplate.protected(root, content) if content is not None else frozenset())
    container = _best_container(root)
    paragraphs = [clean.collapse_spaces(p) for p in _paragraphs(container)]
    return HtmlText([p for p in paragraphs if p])


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
