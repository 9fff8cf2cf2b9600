"""The UN's own pages: the Office on Genocide Prevention's list of General Assembly meetings
(``un.org/en/genocideprevention/general-assembly.shtml``), the President of the General
Assembly's event pages (``un.org/pga/70/events/...``) and PaperSmart statement lists.

The Office's page reports every meeting on R2P since 2009, one section per meeting under a
heading that names its year.  Such a page is read one section at a time: the section of
``--year``, and without it the page asks for one (exit 2).  Chrome of the UN templates: the
language bar, the UN banner and menus, "Related links", the footer's links.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from r2p_archive.errors import UnusableInput
from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, generic

if TYPE_CHECKING:
    from r2p_archive.boilerplate import Element

NAME = "unpages"
SITE = generic.Site(
    chrome=frozenset({"language-bar", "lang-bar", "un-nav", "banner", "related-links",
                      "relatedlinks", "footer-links", "social-media", "un-footer",
                      "header-top", "topnav", "leftnav", "left-nav", "sidenav", "side-nav"}))
_HOSTS = re.compile(r"(^|\.)(un\.org|unmeetings\.org)$")
_SECTION_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_HEADINGS = ("h2", "h3", "h4")
_PGA_SITE = re.compile(r"un\.org/pga/\d+/")
_PGA_SPEECH = re.compile(r"/pga/\d+/\d{4}/\d\d/\d\d/")


def suitable(url: str, document: Document) -> bool:
    host = (urlsplit(url).hostname or "").lower() if "://" in url else ""
    return generic.is_html(document) and _HOSTS.search(host) is not None


def _sections(root: Element) -> tuple[str, dict[int, list[Element]]]:
    """(heading tag, year -> the heading and the elements up to the next heading) for pages
    whose sections are headed by years; an empty dict for other pages."""
    for tag in _HEADINGS:
        heads = [h for h in root.iter(tag) if _SECTION_YEAR.search("".join(h.itertext()))]
        parents = {id(h.getparent()) for h in heads}
        if len(heads) < 2 or len(parents) != 1:
            continue
        sections: dict[int, list[Element]] = {}
        for head in heads:
            m = _SECTION_YEAR.search("".join(head.itertext()))
            assert m is not None  # the headings kept are those that name a year
            year = int(m.group(1))
            part = [head]
            sib = head.getnext()
            while sib is not None and not (sib.tag == tag or sib in heads):
                part.append(sib)
                sib = sib.getnext()
            sections.setdefault(year, []).extend(part)
        if len(sections) >= 2:
            return tag, sections
    return "", {}


def _own_speeches(document: Document, root: Element) -> Document:
    """A President's site: its links to its own speeches ("Closing remarks" ->
    ``/pga/70/2016/09/06/closing-remarks-r2p/``) that name no other speaker are the President's."""
    from lxml import etree  # type: ignore[import-untyped]

    from r2p_archive.speakers import classify

    changed = False
    for a in root.iter("a"):
        href = a.get("href") or ""
        text = " ".join("".join(a.itertext()).split())
        if _PGA_SPEECH.search(href) and text and classify(text) is None:
            for child in list(a):
                a.remove(child)
            a.text = "President of the General Assembly"
            changed = True
    if not changed:
        return document
    return Document(document.source, etree.tostring(root, encoding="utf-8", method="html"),
                    "text/html; charset=utf-8", document.base_url)


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    from lxml import etree

    from r2p_archive.pages.webpage import decode_html, parse_tree

    root = parse_tree(decode_html(document.data, document.content_type))
    tag, sections = _sections(root) if root is not None else ("", {})
    if not sections:
        if root is not None and _PGA_SITE.search(document.source):
            return generic.plan(_own_speeches(document, root), year, SITE)
        return generic.plan(document, year, SITE)
    assert root is not None  # the sections were found in it
    if year is None:
        years = sorted(sections)
        raise UnusableInput(f"{document.source} reports {len(years)} meetings ({years[0]}-"
                            f"{years[-1]}); pass --year YEAR")
    part = sections.get(year, [])
    title = root.find(".//title")
    head = etree.tostring(title, encoding="unicode") if title is not None else ""
    body = "".join(etree.tostring(el, encoding="unicode") for el in part)
    for base in root.iter("base"):
        head += etree.tostring(base, encoding="unicode")
    page = f"<html><head>{head}</head><body><div class='section'>{body}</div></body></html>"
    section = Document(document.source, page.encode("utf-8"), "text/html; charset=utf-8",
                       document.base_url)
    return generic.plan(section, year, SITE)
