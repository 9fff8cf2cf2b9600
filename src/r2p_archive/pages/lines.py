"""Lines of a flattened page, classified: speaker-list lines, unlinked speakers, notes,
headings, prose; and the runs of lines that form a speaker list."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from r2p_archive.countries import lookup_state
from r2p_archive.pages.notes import languages_of, not_a_statement, note_of
from r2p_archive.pages.webpage import Link
from r2p_archive.speakers import (
    Speaker,
    classify,
    is_heading,
    scan_names,
    strip_decoration,
)
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from r2p_archive.countries import Country

# --------------------------------------------------------------------------------------------
# lines and speaker lists

_GENERIC_LINK = re.compile(
    r"^(full )?(statement|text|remarks|speech|intervention|pdf|doc|docx|download|read|"
    r"here|click here|link|document|version|original|english|french|spanish)\b", re.IGNORECASE)


def is_junk(text: str) -> bool:
    letters = re.findall(r"[^\W\d_]", text)
    return len(letters) <= 2


def _candidate(link: Link) -> bool:
    """Could this link be a statement in a speaker list?"""
    if link.url is None or link.kind == "never" or not_a_statement(link.text, link.url):
        return False
    if link.kind == "doc":
        return True
    text = one_line(link.text)
    return (classify(text) is not None or languages_of(text) is not None
            or _GENERIC_LINK.match(text) is not None)


def _names_someone(text: str) -> bool:
    text = one_line(text)
    return lookup_state(text) is not None or classify(text) is not None


def completed_state(text: str) -> Country | None:
    """The one state a lower-case name that lost its first letter can be ("hailand")."""
    text = one_line(text)
    if not text[:1].islower():
        return None
    fits = {lookup_state(ch + text) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} - {None}
    return fits.pop() if len(fits) == 1 else None


def names_someone_loosely(text: str) -> bool:
    """Names someone, possibly after restoring a lost first letter."""
    return _names_someone(text) or completed_state(text) is not None


def split_lines(items: list) -> list[list]:
    lines: list[list] = []
    cur: list = []
    for item in items:
        if item[0] == "b":
            if cur:
                lines.append(cur)
                cur = []
        else:
            cur.append(item)
    if cur:
        lines.append(cur)
    return lines


_DOCUMENT_LINE = re.compile(
    r"\W*(the\s+)?(report|concept\s+note|programme|program|summary|letter|list\s+of\s+"
    r"speakers|resolution|agenda|annex)\b", re.IGNORECASE)
_DATE_CELL = re.compile(r"\|\s*(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,4}[/.-]\d{1,2}[/.-]"
                        r"\d{1,4})\s*(?=\||$)")
_PARENS = re.compile(r"\([^()]{0,300}\)")
_LOWER_WORD = re.compile(r"(?<![\w'])[a-z][a-z']*\b")


def line_kind(line: list) -> tuple[str, int]:
    """Kind of a line and how many speakers it may hold.

    L (list line), U (unlinked speaker), N (note), H (heading/short), E (empty), P (prose).
    """
    text, candidates, link_len = _line_parts(line)
    outside = _DATE_CELL.sub(" | ", _PARENS.sub(" ", text))  # "Indonesia | | 6 Sep 2016"
    if candidates:
        return _linked_kind(outside, candidates, link_len)
    return _unlinked_kind(text, outside)


def _line_parts(line: list) -> tuple[str, int, int]:
    """(the line's text less its candidate links, how many candidate links it has, the length
    of their texts)."""
    text, links = _plain_and_links(line, _candidate)
    return text, len(links), sum(len(one_line(link.text, 400)) for link in links)


def _linked_kind(outside: str, candidates: int, link_len: int) -> tuple[str, int]:
    """A line with statement links: a list line, or prose (running text around the links).
    A list line has names, notes in parentheses and a few words ("statement", "delivered by
    ...") at most."""
    lower_words = len(_LOWER_WORD.findall(outside))
    if lower_words < 6 and (len(outside) <= 80 or len(outside) <= link_len):
        return "L", candidates
    return "P", 0


def _unlinked_kind(text: str, outside: str) -> tuple[str, int]:
    """A line without statement links: empty, note, heading, unlinked speakers or prose."""
    bare = re.sub(r"[\s|*\u2022\u00b7\u2013\u2014:;,.\-]+", " ", text).strip()
    if not bare:
        return "E", 0
    if len(text) > 300:
        return "P", 0
    if re.fullmatch(r"[\s()|*\u2022\u2013\u2014:;,.\-]*", outside):
        return "N", 0
    if len(_LOWER_WORD.findall(outside)) >= 12:
        return "P", 0  # running text (cheap test first: name scans are slow on huge pages)
    if outside.rstrip().endswith(":") or _DOCUMENT_LINE.match(text):
        return "H", 0  # "Statements received by ... :", "Report of the Secretary-General"
    if len(text) <= 200:
        found = segment_speakers(outside, people=True)
        if found:
            return "U", len(found)
    if not outside.strip("() ").strip() or languages_of(text.strip("() ")) or note_of(text):
        return "N", 0
    if is_heading(text) or text.endswith(":") or (len(text) <= 60 and len(text.split()) <= 8):
        return "H", 0
    return "P", 0


def segment_speakers(text: str, *, people: bool) -> list[Speaker]:
    text = strip_decoration(one_line(text, 400))
    if not text:
        return []
    several = scan_names(text)
    if several:
        return several
    speaker = classify(text, allow_people=people, allow_generic=people)
    return [speaker] if speaker is not None else []


def _line_plain(line: list) -> str:
    """The text a reader sees on a line, link texts included."""
    return _plain_and_links(line, lambda link: False)[0]


def _plain_and_links(line: list, leave_out: Callable[[Link], bool]) -> tuple[str, list[Link]]:
    """(the line's text without the links ``leave_out`` picks, those links)."""
    plain: list[str] = []
    left: list[Link] = []
    for kind, val in line:
        if kind == "a" and leave_out(val):
            left.append(val)
        elif kind == "a":
            plain.append(val.text)
        elif kind == "t":
            plain.append(val)
        else:
            plain.append(" | ")
        if len(plain) > 400:
            break
    return one_line(" ".join(plain), 2000), left


_OPEN_END = re.compile(r"(?:[,;(\-\u2013\u2014]|(?<![\w'\u2019-])[a-z][\w'\u2019-]*)$")
_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_CONTINUES = re.compile(r"^(?:[a-z]|[,;:.!?)\]'\u2019\u201d])")


_MAX_SENTENCE_NAMES = 8


def sentence_fragments(lines: list[list], kinds: list[tuple[str, int]]) -> set[int]:
    """Lines that are pieces of a sentence running through prose paragraphs.

    A naive conversion puts each link of a sentence in its own paragraph: "... there were
    some, including" / "[Venezuela]" / ", Cuba," / "[Malaysia]" / "and" / "[Sri Lanka]" /
    ", that expressed ...".  Two neighbouring lines are *glued* when the first one stops in
    the middle of a sentence (a comma, a lower-case word such as "including" or "and", or
    running text without a full stop) or the second one carries on a sentence (it starts with
    a lower-case word or with punctuation).  A chain of glued lines that starts with a prose
    line and ends with a prose line or a full stop is one sentence: its short lines are prose,
    not a speaker list.  A short line that starts a sentence and stops at "by", "including"
    or a comma ("Memory was raised by") may start the chain too.
    """
    texts = {k: _line_plain(lines[k]) for k in range(len(lines))}
    idx = [k for k in range(len(lines)) if texts[k]]  # a lone "." or "," counts here

    def glued(a: int, b: int) -> bool:
        ta, tb = texts[a], texts[b]
        if _OPEN_END.search(ta) or _CONTINUES.match(tb):
            return True
        return kinds[a][0] == "P" and _SENTENCE_END.search(ta) is None

    found: set[int] = set()
    start = 0
    while start < len(idx):
        end = start
        while end + 1 < len(idx) and glued(idx[end], idx[end + 1]):
            end += 1
        chain = idx[start:end + 1]
        # The sentence may end before the chain does: cut the chain after the last line that
        # is prose or ends with a full stop.
        head = chain[0]
        if len(chain) > 1 and (kinds[head][0] == "P" or (
                kinds[head][0] == "H" and _OPEN_END.search(texts[head])
                and re.match(r"[A-Z]\w*\s+\w", texts[head]))):
            last = max((i for i, k in enumerate(chain)
                        if kinds[k][0] == "P" or _SENTENCE_END.search(texts[k])), default=0)
            inner = [k for k in chain[:last + 1] if kinds[k][0] != "P"]
            # a sentence names a handful of speakers; a dozen comma-separated entries after
            # an introduction without a colon are a speaker list
            if last > 0 and sum(kinds[k][1] for k in inner) <= _MAX_SENTENCE_NAMES:
                found.update(inner)
        start = end + 1
    return found


def note_after(line: list, i: int) -> tuple[list[str], list[tuple[Link, list[str]]]]:
    """The language note in parentheses right after the link ``line[i]`` on its line:
    (languages of the note, [(a language word that is itself a link, its languages)])."""
    depth = 0
    plain: list[str] = []
    links: list[tuple[Link, list[str]]] = []
    size = 0
    for kind, val in line[i + 1:]:
        if kind == "s":
            return [], []
        if kind == "a":
            if depth == 0:
                return [], []
            text = one_line(val.text)
            langs = languages_of(text)
            if langs is not None and val.url is not None and val.kind != "never":
                links.append((val, langs))
            else:
                plain.append(f" {text} ")
            continue
        for ch in val:
            size += 1
            if size > 300:
                return [], []
            if depth == 0:
                if ch.isspace():
                    continue
                if ch != "(":
                    return [], []
                depth = 1
            elif ch == "(":
                return [], []
            elif ch == ")":
                note = one_line("".join(plain))
                whole = one_line(" ".join([note, *(one_line(lk.text) for lk, _ in links)]))
                if languages_of(whole) is None:
                    return [], []  # not (only) a language note
                return languages_of(note) or [], links
            else:
                plain.append(ch)
    return [], []


def ends_line(line: list, i: int) -> bool:
    """Nothing but white space follows the link ``line[i]`` on its line."""
    return all(kind == "t" and not val.strip() for kind, val in line[i + 1:])


def note_line_languages(lines: list[list], k: int) -> list[str]:
    """Languages of a line that holds only a language note in parentheses ("(in Spanish)")
    right after a line that holds only statement links."""
    if k + 1 >= len(lines) or any(kind == "t" and val.strip() for kind, val in lines[k]):
        return []
    nxt = lines[k + 1]
    if any(kind != "t" for kind, _ in nxt):
        return []
    text = one_line(" ".join(val for _, val in nxt), 200)
    m = re.fullmatch(r"\(([^()]*)\)", text)
    return (languages_of(m.group(1)) or []) if m else []


def find_regions(kinds: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Runs of speaker-list lines with at least three speakers: (first, last) line indexes."""
    regions: list[tuple[int, int]] = []
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i][0] not in "LU":
            i += 1
            continue
        j = i
        last = i
        speakers = 0
        while j < n and kinds[j][0] in "LUNHE":
            if kinds[j][0] in "LU":
                speakers += kinds[j][1]
                last = j
            elif kinds[j][0] == "N" and last == j - 1:
                last = j
            j += 1
        if speakers >= 3:
            regions.append((i, last))
        i = j if j > i else i + 1
    return regions
