"""A mission's (or a ministry's) page of its own statement at a dialogue.

Such a page is one statement: the state is the mission's (from the page's title, its site
name or the address, ``un.int/ghana/``), its documents are the files the page links ("Download
the statement", "Version française"), and a page that links none holds the text itself: then
the page is the statement.  Pages of a mission site that list three or more statements are
read as dialogue pages by the generic layout.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from r2p_archive import boilerplate
from r2p_archive.countries import lookup_state
from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, generic
from r2p_archive.pages.links import MISSION_HOST, resolve_url, target_kind, url_key
from r2p_archive.pages.notes import find_year, languages_of, not_a_statement
from r2p_archive.speakers import state_in

if TYPE_CHECKING:
    from r2p_archive.boilerplate import Element
    from r2p_archive.countries import Country

NAME = "mission"
_DOC_LINK = re.compile(r"\.(pdf|docx?|rtf)$", re.IGNORECASE)
_OF_STATE = re.compile(r"\b(?:Mission|Representative|Embassy|Ministry|Government|Delegation)"
                       r" of (?:the )?(.{3,80})", re.IGNORECASE)


def _state(root: Element, url: str) -> Country | None:
    texts = []
    title = root.find(".//title")
    if title is not None:
        texts.append("".join(title.itertext()))
    h1 = boilerplate.find_title(root)
    if h1 is not None:
        texts.append("".join(h1.itertext()))
    texts = [" ".join(t.split()) for t in texts]
    for text in texts:  # "Permanent Mission of Ghana to the United Nations"
        for m in _OF_STATE.finditer(text):
            words = m.group(1).split()
            for size in range(min(6, len(words)), 0, -1):
                found = state_in(" ".join(words[:size]))
                if found is not None:
                    return found
    for text in texts:
        words = re.findall(r"[^\W\d_][\w'’.-]*", text)[:60]
        for i in range(len(words)):
            for size in range(min(6, len(words) - i), 0, -1):
                found = lookup_state(" ".join(words[i:i + size]))
                if found is not None:
                    return found
    parts = urlsplit(url)
    for word in (parts.hostname or "").split(".") + unquote(parts.path).split("/")[:3]:
        for token in [word, *re.split(r"[-_]", word)]:
            country = lookup_state(token) if len(token) > 3 else None
            if country is not None:
                return country
    return None


def _read(document: Document) -> Element | None:
    from r2p_archive.pages.webpage import decode_html, parse_tree

    return parse_tree(decode_html(document.data, document.content_type))


def _documents(root: Element, page: str) -> list[tuple[str, str]]:
    content = boilerplate.main_content(root)
    content = root if content is None else content
    out, seen = [], set()
    for a in content.iter("a"):
        url = resolve_url(a.get("href"), page)
        text = " ".join("".join(a.itertext()).split())
        if url is None or target_kind(url, page) != "doc" or not _DOC_LINK.search(
                urlsplit(url).path) or not_a_statement(text, url) or url_key(url) in seen:
            continue
        seen.add(url_key(url))
        out.append((url, text))
    return out


def suitable(url: str, document: Document) -> bool:
    if not generic.is_html(document) or "://" not in url:
        return False
    host = urlsplit(url).hostname or ""
    if not MISSION_HOST.search(host):
        return False
    root = _read(document)
    return root is not None and len(_documents(root, url)) < 3 and _state(root, url) is not None


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    from r2p_archive.errors import UnusableInput

    root = _read(document)
    country = _state(root, document.source)
    assert root is not None and country is not None  # suitable() saw both
    content = boilerplate.main_content(root)
    content = root if content is None else content
    text = " ".join(" ".join(content.itertext()).split())
    use_year = year or find_year(text)
    if use_year is None:
        raise UnusableInput(f"no dialogue date found in {document.source}; pass --year YEAR")
    docs = _documents(root, document.base_url or document.source)
    if not docs:
        lang = (root.get("lang") or "").split("-")[0].lower() or None
        docs = [(document.source, "")]
        langs: tuple[str, ...] = (lang,) if lang else ()
    out = []
    for url, link_text in docs:
        if docs != [(document.source, "")]:
            langs = tuple(languages_of(re.sub(r"\b(download|pdf|the|statement)\b", " ",
                                              link_text, flags=re.IGNORECASE)) or ())
        out.append(PlannedStatement(year=use_year, speaker=country.name, speaker_type="state",
                                    iso3=country.iso3, languages=langs, url=url,
                                    source=document.source))
    return out
