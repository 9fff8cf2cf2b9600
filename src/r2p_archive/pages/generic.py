"""The generic layout: any dialogue page -> the statements it links.

A dialogue page is an article about one General Assembly dialogue on R2P.  Somewhere (usually
at the end) it has a *speaker list*: one entry per speaker, most of them linking the
statement's document, some with notes such as "(in Spanish)" or "(prepared statement, but did
not speak)".  The article's prose links country names to the same documents, and links many
things that are not statements (the Secretary-General's report, background pages, the
organisations' homepages, share and print icons, navigation).

How the parser reads a page:

1. **Flatten.**  The HTML is parsed leniently (lxml).  :mod:`r2p_archive.boilerplate` finds
   the main content block (the common container of the title, the densest prose and the
   statement documents, grown while growing takes in no chrome; a site layout may name its
   CMS's container) and everything outside it is dropped: menus, module positions, sidebars,
   language switchers, "latest news", footers.  Inside it, chrome that sits in articles too
   (share/print/e-mail blocks, pagers, "related", date stamps) is skipped by tag, ARIA role
   and class/id words; ``html``, ``body`` and the blocks holding the title never are.  The
   rest is walked once, in document order, into a flat stream of text, links and breaks.
   Block elements and ``<br>`` end a *line*; table cells are separators inside their row's line.

2. **Classify link targets** (:func:`target_kind`): links that can never be a statement are
   ``never`` (non-http schemes, fragment-only links, UN document symbols and the UN document
   systems, images, share services, print/e-mail/feed views, tag/category/search pages, site
   homepages); document-like targets are ``doc`` (``.pdf``/``.doc``/``.docx``/``.rtf``...,
   upload folders such as ``/files/``, ``/images/stories/``, ``/statements/``, and mission /
   ministry sites); the rest are ordinary ``page`` targets.

3. **Find the speaker list.**  Each line is classified: a *list line* carries statement links
   and little other text (less than the link text, or under 120 characters), an *unlinked
   speaker line* is short text naming a speaker ("Indonesia", "Dr. Jane Doe, Special Adviser
   ..."), a *note line* holds only a note ("(in Spanish)"), a *heading* is short text naming
   nobody ("Member States", "Statements:").  Prose paragraphs are none of these.  Short lines
   that are pieces of a sentence cut into paragraphs by a naive conversion ("... including" /
   "[Nepal]" / ", Nauru," / "[Oman]" / ", that expressed ...") are prose too
   (:func:`sentence_fragments`).  A run of list lines with at least three speakers is a
   speaker list; headings inside it are skipped.

4. **Read the speaker list** entry by entry, left to right (:class:`ListReader`):
   adjacent anchors with the same target are one name (``Urugu`` + ``ay``); a letter glued to
   the anchor is part of the name (``T`` + ``hailand``); words just before the anchor can
   complete it ("Republic of" + "Korea"); a lower-case name that lost its first letter is
   completed when exactly one state fits; stray anchors ("I", ".") pointing at the document
   just planned are ignored; otherwise the speaker comes from the file name
   (``Statement_ROK_2013.pdf``) or from the row's other text ("Brazil | Statement | English").
   Parenthesised notes attach to the entry before them: language notes become language hints,
   and a language word that is itself a link ("(in <a>French</a>)") is a second document of the
   same speaker in that language.  "prepared statement, but did not speak", "on behalf of ..."
   and similar become the note.  Unlinked names become statements without a URL.

5. **Prose links** outside the speaker list are planned only when the target is a document and
   the link text (or the file name) names a state, a known organisation or a UN office; links
   to the same document collapse into one statement (URLs compared without fragment, scheme,
   ``www.`` and trailing slash).  A language note right after such a link ("(in French)" on
   the same line, or alone on the next line after a line of links only) gives its language
   hints, and "(in <a>French</a>)" its second document.  Unlinked names in prose are never
   planned.  Order: speaker-list order, then prose-only documents in page order.

Everything is linear in the size of the page: no regular expression here can backtrack
catastrophically, names are truncated (200 characters) and control characters dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from r2p_archive import boilerplate
from r2p_archive.errors import UnusableInput
from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document
from r2p_archive.pages.lines import (
    ends_line,
    find_regions,
    line_kind,
    note_after,
    note_line_languages,
    sentence_fragments,
    split_lines,
)
from r2p_archive.pages.links import is_relative, resolve_url, url_key
from r2p_archive.pages.notes import find_year, not_a_statement, speaker_from_filename
from r2p_archive.pages.speakerlist import Entry, ListReader, who
from r2p_archive.pages.webpage import Link, anchor_text, decode_html, flatten, parse_tree
from r2p_archive.speakers import classify
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from r2p_archive.boilerplate import Element


@dataclass(frozen=True)
class ParsedPage:
    title: str | None
    date_year: int | None  # year of the dialogue date found in the page text, if any
    statements: list[PlannedStatement]  # in page order (speaker list order)
    unresolved_links: int = 0  # relative links, with no base URL to resolve them against




def _introduces(line: list) -> bool:
    return "".join(val for kind, val in line if kind == "t").rstrip().endswith(":")


@dataclass(frozen=True)
class Site:
    """What a site layout knows of its CMS: XPaths of its content containers (tried before
    the heuristics of :func:`boilerplate.main_content`) and class/id words of its chrome."""

    content: tuple[str, ...] = ()
    chrome: frozenset[str] = frozenset()


NAME = "generic"


def suitable(url: str, document: Document) -> bool:
    """Any page that is not a PDF or another binary document."""
    head = document.data[:1024].lstrip()
    return not head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def plan(document: Document, year: int | None, site: Site | None = None
         ) -> list[PlannedStatement]:
    """The statements of a dialogue page; site layouts pass what they know of their CMS."""
    base = document.base_url or (document.source if re.match(r"https?://", document.source)
                                 else None)
    parsed = parse_page(document.data, base_url=base, page=document.source, year=year,
                        content_type=document.content_type, site=site)
    document.unresolved_links = parsed.unresolved_links
    return parsed.statements


def is_html(document: Document) -> bool:
    return suitable(document.source, document)


def parse_page(html: bytes | str, *, base_url: str | None, page: str | None = None,
               year: int | None = None, content_type: str | None = None,
               site: Site | None = None) -> ParsedPage:
    """The statements a dialogue page lists, in page order.

    ``year``: the dialogue's year if known (``--year`` or the catalog); otherwise the first
    full date in the page text; otherwise :class:`UnusableInput` asks for ``--year``.
    """
    site = site or Site()
    text = (decode_html(html, content_type) if isinstance(html, (bytes, bytearray))
            else str(html))
    items, title, meta, unresolved = _flatten_page(text, base_url, page, site)
    plain = " ".join(val for kind, val in items if kind == "t")
    # the meeting's date; a date stamp of the page only when the text names no date
    date_year = find_year(plain) or find_year(" ".join(meta), stamps=True)
    use_year = year if year is not None else date_year
    if use_year is None:
        raise UnusableInput(f"no dialogue date found in {page or 'the page'}; pass --year YEAR")

    lines = split_lines(items)
    kinds = [line_kind(line) for line in lines]
    for k in sentence_fragments(lines, kinds):
        kinds[k] = ("P", 0)
    keys: set[str] = set()
    entries, in_region = _speaker_list_entries(lines, kinds, keys)
    _ProseLinks(entries, keys).read(lines, in_region)
    statements = [_planned(entry, use_year, page) for entry in _without_repeats(entries)]
    return ParsedPage(title=title, date_year=date_year, statements=statements,
                      unresolved_links=unresolved)


def _flatten_page(text: str, base_url: str | None, page: str | None, site: Site
                  ) -> tuple[list, str | None, list[str], int]:
    """Step 1: (the stream of items, the page's title, the text of its date stamps, how many
    of its links are relative with no base URL to resolve them against)."""
    root = parse_tree(text)
    items: list = []
    meta: list[str] = []
    title: str | None = None
    if root is None:
        return items, title, meta, 0
    base = _link_base(root, base_url, page)
    unresolved = 0 if base else sum(is_relative(a.get("href")) for a in root.iter("a"))
    page_url = resolve_url(base_url or page, None) if (base_url or page) else None
    content = boilerplate.main_content(root, site.content)
    items, title = flatten(root, base, page_url, content, site.chrome, meta)
    if title is None:
        title_el = root.find(".//title")
        if title_el is not None:
            title = one_line(anchor_text(title_el), 300) or None
    return items, title, meta, unresolved


def _link_base(root: Element, base_url: str | None, page: str | None) -> str | None:
    """The URL the page's links are relative to: its ``<base href>`` when that is an http(s)
    URL, else the page's own URL."""
    base = base_url or (page if page and re.match(r"https?://", page) else None)
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        try:
            base = urljoin(base or "", base_el.get("href").strip()) or base
        except ValueError:
            pass
        if base and not re.match(r"https?://", base):
            base = base_url
    return base


def _speaker_list_entries(lines: list[list], kinds: list[tuple[str, int]], keys: set[str]
                          ) -> tuple[list[Entry], list[bool]]:
    """Steps 3 and 4: the entries of the speaker lists, each document once (its key added to
    ``keys``), and which lines belong to a speaker list."""
    entries: list[Entry] = []
    in_region = [False] * len(lines)
    for first, last in find_regions(kinds):
        reader = ListReader()
        for k in range(first, last + 1):
            in_region[k] = True
            if kinds[k][0] == "H" and _introduces(lines[k]):
                continue  # "Statements received by the Global Centre:" names no speaker
            reader.feed(list(lines[k]))
        reader.finish()
        for entry in reader.entries:
            if entry.url is not None:
                key = url_key(entry.url)
                if key in keys:
                    continue
                keys.add(key)
            entries.append(entry)
    return entries, in_region


class _ProseLinks:
    """Step 5: documents linked from a name that is unmistakably a speaker, in the prose
    outside the speaker lists; added to ``entries`` and their keys to ``keys``."""

    def __init__(self, entries: list[Entry], keys: set[str]) -> None:
        self.entries = entries
        self.keys = keys
        self.by_key = {url_key(e.url): e for e in entries if e.url is not None}

    def read(self, lines: list[list], in_region: list[bool]) -> None:
        for k, line in enumerate(lines):
            if in_region[k]:
                continue
            for i, (kind, link) in enumerate(line):
                if kind == "a" and link.url is not None and link.kind == "doc":
                    self._link(lines, k, i, link, link.url)

    def _link(self, lines: list[list], k: int, i: int, link: Link, url: str) -> None:
        line = lines[k]
        key = url_key(url)
        langs, lang_links = note_after(line, i)
        if not langs and not lang_links and ends_line(line, i):
            langs = note_line_languages(lines, k)
        existing = self.by_key.get(key)
        if existing is not None:
            if not existing.languages:
                existing.add_languages(langs)
            return
        if key in self.keys or not_a_statement(link.text, url):
            return
        speaker = classify(link.text, allow_people=False, allow_generic=False)
        if speaker is None:
            speaker = speaker_from_filename(url)
        if speaker is None:
            return
        self._plan(key, Entry(speaker, url, notes=[speaker.note] if speaker.note else []),
                   langs)
        # "Botswana (in <a>French</a>)": the French version is a second document
        for lang_link, link_langs in lang_links:
            assert lang_link.url is not None  # note_after keeps only links with a URL
            lkey = url_key(lang_link.url)
            if lkey in self.keys:
                continue
            self._plan(lkey, Entry(speaker, lang_link.url, lang_from_link=True), link_langs)

    def _plan(self, key: str, entry: Entry, langs: list[str]) -> None:
        self.keys.add(key)
        entry.add_languages(langs)
        self.entries.append(entry)
        self.by_key[key] = entry


def _without_repeats(entries: list[Entry]) -> list[Entry]:
    """A speaker named without a link is planned only when no document of theirs is, and
    once (the notes of the repeats go to the first)."""
    linked = {who(e.speaker) for e in entries if e.url is not None}
    seen_unlinked: dict[tuple, Entry] = {}
    kept: list[Entry] = []
    for entry in entries:
        if entry.url is None:
            key = who(entry.speaker)
            if key in linked:
                continue
            if key in seen_unlinked:
                for note in entry.notes:
                    seen_unlinked[key].add_note(note)
                seen_unlinked[key].unresolved |= entry.unresolved
                continue
            seen_unlinked[key] = entry
        kept.append(entry)
    return kept


def _planned(entry: Entry, year: int, page: str | None) -> PlannedStatement:
    return PlannedStatement(
        year=year,
        speaker=entry.speaker.name,
        speaker_type=entry.speaker.type,
        iso3=entry.speaker.iso3,
        languages=tuple(entry.languages),
        url=entry.url,
        note="; ".join(entry.notes) if entry.notes else None,
        source=page,
        unresolved=entry.unresolved,
    )



__all__ = ["NAME", "ParsedPage", "Site", "parse_page", "plan", "suitable"]
