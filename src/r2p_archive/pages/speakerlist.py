"""Reading one speaker list entry by entry (step 4 of the generic layout)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from r2p_archive.countries import lookup_state
from r2p_archive.pages.lines import (
    completed_state,
    is_junk,
    names_someone_loosely,
    segment_speakers,
)
from r2p_archive.pages.links import url_key
from r2p_archive.pages.notes import languages_of, note_of, speaker_from_filename
from r2p_archive.pages.webpage import REFUSED_NOTE, Link
from r2p_archive.speakers import Speaker, classify, strip_decoration
from r2p_archive.text import one_line


@dataclass
class Entry:
    speaker: Speaker
    url: str | None
    languages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lang_from_link: bool = False  # languages named by the link text itself ("French")
    unresolved: bool = False  # named by a relative link with no base URL to resolve it

    def add_note(self, note: str | None) -> None:
        if note and note not in self.notes:
            self.notes.append(note)

    def add_languages(self, langs: list[str]) -> None:
        for lang in langs:
            if lang not in self.languages:
                self.languages.append(lang)


# "Opening remarks by the President of the General Assembly": the speaker is after "by"
_OCCASION = re.compile(r"^(?:(?:opening|closing|introductory|welcoming|keynote)\s+)?(?:remarks|"
                       r"statement|speech|address|message)\s+(?:by|of|from)\s+(?:the\s+)?(?="
                       r"(?:President|Secretary|Deputy|Special|High|Under|Assistant))",
                       re.IGNORECASE)


def _inner_languages(text: str) -> tuple[str, list[str]]:
    """A language note inside the anchor ("Guatemala (Spanish)"): (the name, its languages)."""
    m = re.search(r"\s*\(([^()]{1,40})\)\s*$", text)
    if m and text[:m.start()].strip():
        langs = languages_of(m.group(1))
        if langs:
            return text[:m.start()], langs
    return text, []


class ListReader:
    """Reads the entries of one speaker list (see the module docstring, step 4)."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_key: dict[str, Entry] = {}
        self.current: Entry | None = None
        self.line_entries = 0
        self.segments: list[str] = [""]
        self.paren_depth = 0
        self.paren_text: list[str] = []
        self.paren_links: list[Link] = []
        self.paren_lines = 0
        self.unresolved: set[tuple] = set()  # speakers of this line's unresolvable links

    # -- entries --------------------------------------------------------------------------
    def _add(self, speaker: Speaker, url: str | None, langs: list[str] | None = None) -> Entry:
        cur = self.current
        if (url is not None and cur is not None and cur.url is None and self.line_entries
                and url_key(url) not in self.by_key and who(cur.speaker) == who(speaker)):
            # "Sweden (on behalf of ...) | Statement": the row's name, now with its document
            cur.url = url
            cur.add_languages(langs or [])
            cur.lang_from_link = bool(langs)
            self.by_key[url_key(url)] = cur
            return cur
        if url is not None:
            key = url_key(url)
            existing = self.by_key.get(key)
            if existing is not None:
                if existing.speaker.name != speaker.name:
                    # One document listed for two speakers: plan it once, keep the second
                    # speaker without a link so that nobody disappears from the list.
                    entry = Entry(speaker, None)
                    entry.add_note(f"listed with the document of {existing.speaker.name}")
                    self.entries.append(entry)
                    self.current = entry
                    self.line_entries += 1
                    return entry
                existing.add_languages(langs or [])
                self.current = existing
                return existing
        entry = Entry(speaker, url, lang_from_link=bool(langs))
        entry.add_note(speaker.note)
        entry.add_languages(langs or [])
        self.entries.append(entry)
        if url is not None:
            self.by_key[url_key(url)] = entry
        self.current = entry
        self.line_entries += 1
        return entry

    def _flush(self) -> None:
        """Unlinked text seen so far on this line: speakers, language hints or notes."""
        for seg in self.segments:
            self._flush_segment(seg)
        self.segments = [""]
        self.unresolved.clear()

    def _flush_segment(self, seg: str) -> None:
        text = strip_decoration(one_line(seg, 400))
        if not text:
            return
        langs = languages_of(text)
        if langs is not None:
            # a language column beside links that name their language adds nothing
            if self.current is not None and not self.current.lang_from_link:
                self.current.add_languages(langs)
            return
        note = note_of(text)
        if note is not None and self.current is not None and self.line_entries:
            self.current.add_note(note)
            return
        for speaker in segment_speakers(text, people=self.line_entries == 0):
            entry = self._add(speaker, None)
            if who(speaker) in self.unresolved:
                entry.unresolved = True

    # -- notes in parentheses -------------------------------------------------------------
    def _close_note(self) -> None:
        main = self.current
        links, self.paren_links = self.paren_links, []
        text = one_line(" ".join(self.paren_text), 400)
        self.paren_text = []
        if main is None:
            return
        plain = text
        for link in links:
            ltext = one_line(link.text)
            langs = languages_of(ltext)
            if langs is not None and link.url is not None and link.kind != "never":
                self._add(main.speaker, link.url, langs)
                plain = plain.replace(ltext, " ", 1)
        self.current = main
        plain = one_line(plain)
        langs = languages_of(plain)
        if langs is not None:
            main.add_languages(langs)
        elif note_of(plain):
            main.add_note(note_of(plain))

    # -- the stream -------------------------------------------------------------------------
    def feed(self, line: list) -> None:
        self.line_entries = 0
        i = 0
        n = len(line)
        while i < n:
            kind, val = line[i]
            if kind == "s":
                if self.paren_depth:
                    self.paren_text.append(" ")
                else:
                    self.segments.append("")
                i += 1
                continue
            if kind == "a":
                i = self._link(line, i)
                continue
            self._text(val)
            i += 1
        if self.paren_depth:
            self.paren_lines += 1
            if self.paren_lines > 3:  # an unclosed "(" does not swallow the list
                self.paren_depth = 0
                self._close_note()
        self._flush()

    def finish(self) -> None:
        if self.paren_depth:
            self.paren_depth = 0
            self._close_note()
        self._flush()

    def _text(self, text: str) -> None:
        for piece in re.split(r"([()])", text):
            if piece == "(":
                if self.paren_depth == 0:
                    self._flush()
                    self.paren_lines = 0
                else:
                    self.paren_text.append("(")
                self.paren_depth += 1
            elif piece == ")":
                if self.paren_depth == 0:
                    continue
                self.paren_depth -= 1
                if self.paren_depth == 0:
                    self._close_note()
                else:
                    self.paren_text.append(")")
            elif piece:
                if self.paren_depth:
                    self.paren_text.append(piece)
                else:
                    self.segments[-1] += piece

    def _link(self, line: list, i: int) -> int:
        link: Link = line[i][1]
        seg = self.segments[-1]
        glued = re.search(r"[^\W\d_]+$", seg) if seg and not seg[-1:].isspace() else None
        text, j = _joined_anchors(line, i, glued.group(0) if glued else "")
        if self.paren_depth:
            self.paren_links.append(Link(link.url, text, link.kind, link.pos))
            self.paren_text.append(text)
            return j
        if link.url is None or link.kind == "never":
            self._plain_link(link, text)
            return j
        # a letter glued after the anchor: "Niger" + "ia"
        suffix = ""
        if j < len(line) and line[j][0] == "t":
            m = re.match(r"[^\W\d_]+", line[j][1])
            if m:
                suffix = m.group(0)
        text, inner = _inner_languages(_OCCASION.sub("", one_line(text)))
        resolved = self._resolve(link, text, suffix)
        if resolved is None:
            return j
        speaker, consumed, used_suffix, langs = resolved
        langs = langs or inner
        if used_suffix:
            line[j] = ("t", line[j][1][len(suffix):])
        if isinstance(consumed, tuple):
            self.segments[consumed[1]] = ""
        elif consumed:
            self.segments[-1] = self.segments[-1][: len(self.segments[-1]) - consumed]
        self._flush()
        self._add(speaker, link.url, langs)
        return j

    def _plain_link(self, link: Link, text: str) -> None:
        """A link that is not a statement: just text."""
        self.segments[-1] += f" {text} "
        if link.unresolved:
            # the speaker it names (as canonical as the speakers the segment yields)
            speaker = classify(one_line(text))
            if speaker is not None:
                self.unresolved.add(who(speaker))
        if link.refused and not self.paren_depth:
            # The speaker is planned without a document; say why its link was dropped.
            before = len(self.entries)
            self._flush()
            if len(self.entries) > before and self.current is not None:
                self.current.add_note(REFUSED_NOTE.format(scheme=link.refused))

    def _resolve(self, link: Link, text: str, suffix: str) -> _Resolved | None:
        """(speaker, consumed, used_suffix, languages) for a statement link, or None."""
        url = link.url
        assert url is not None
        seg = self.segments[-1]
        langs = languages_of(text)
        if langs is not None:
            return self._language_version(url, langs)
        if is_junk(text) and classify(text) is None:
            return self._stray_anchor(url)
        found = _glued_state(seg, text, suffix)
        if found is not None:
            return found
        found = _completed_by_words(seg, text)
        if found is not None:
            return found
        return self._named(text, url)

    def _language_version(self, url: str, langs: list[str]) -> _Resolved | None:
        """"French", "Version française": another document of the speaker at hand."""
        ctx = self._context()
        if ctx is not None:
            return ctx[0], ("segment", ctx[1]), False, langs
        if self.current is not None:
            return self.current.speaker, 0, False, langs
        found = speaker_from_filename(url)
        return (found, 0, False, langs) if found else None

    def _stray_anchor(self, url: str) -> _Resolved | None:
        """An anchor whose text names nobody ("I", "."): ignored when it points at the
        document just planned, else the speaker comes from the file name."""
        if self.current is not None and self.current.url and url_key(
                self.current.url) == url_key(url):
            return None  # a stray anchor on the document just planned
        found = speaker_from_filename(url)
        return (found, 0, False, []) if found else None

    def _named(self, text: str, url: str) -> _Resolved | None:
        """The speaker the anchor text names, or the row's name, or the file name's."""
        speaker = classify(text, allow_people=self.line_entries == 0)
        if speaker is not None:
            return speaker, 0, False, []
        country = completed_state(text)
        if country is not None:
            return Speaker(country.name, "state", country.iso3), 0, False, []
        ctx = self._context()
        if ctx is not None:
            return ctx[0], ("segment", ctx[1]), False, []
        if self.current is not None and self.current.url is None and self.line_entries:
            return self.current.speaker, 0, False, []  # the name this row started with
        found = speaker_from_filename(url)
        if found is not None:
            return found, 0, False, []
        return None

    def _context(self) -> tuple[Speaker, int] | None:
        """The speaker named by the unlinked text before the link on this line (the row's
        name cell, "Chile:"), with the index of the segment holding it."""
        for idx in range(len(self.segments) - 1, -1, -1):
            text = strip_decoration(one_line(self.segments[idx]))
            if text:
                speaker = classify(text, allow_people=self.line_entries == 0)
                return (speaker, idx) if speaker is not None else None
        return None


# (speaker, consumed, used_suffix, languages): what a statement link stands for.  consumed is
# how many characters of the text before the anchor belong to the name, or ("segment", index)
# for a whole segment (the row's name cell); used_suffix: the letters glued after the anchor
# belong to the name.
_Resolved = tuple[Speaker, "int | tuple[str, int]", bool, list[str]]


def _joined_anchors(line: list, i: int, prefix: str) -> tuple[str, int]:
    """The text of the anchor ``line[i]`` with the adjacent anchors to the same document, and
    the index of the first item after them.

    Adjacent anchors to the same document are one name ("Urugu" + "ay"), unless the name is
    complete already and the next anchor adds nothing that fits ("Thailand" followed by a stray
    "I").  ``prefix``: letters glued before the anchor.
    """
    link: Link = line[i][1]
    j = i + 1
    text = link.text
    if link.url is None:
        return text, j
    while j < len(line):
        if line[j][0] == "a" and line[j][1].url == link.url:
            gap, nxt = "", line[j][1].text
            step = 1
        elif (line[j][0] == "t" and not line[j][1].strip() and j + 1 < len(line)
              and line[j + 1][0] == "a" and line[j + 1][1].url == link.url):
            gap, nxt = " ", line[j + 1][1].text
            step = 2
        else:
            break
        if names_someone_loosely(prefix + text) and not names_someone_loosely(
                prefix + text + gap + nxt):
            break  # "hailand" + a stray "I": the name is complete without it
        text += gap + nxt
        j += step
    return text, j


def _glued_state(seg: str, text: str, suffix: str) -> _Resolved | None:
    """A state named by the anchor with the letters glued before it ("T" + "hailand") or
    after it (``suffix``: "Niger" + "ia")."""
    glued = re.search(r"[^\W\d_]+$", seg) if seg and not seg[-1:].isspace() else None
    candidates: list[tuple[str, int, bool]] = []
    if glued:
        candidates.append((glued.group(0) + text + suffix, len(glued.group(0)), True))
        candidates.append((glued.group(0) + text, len(glued.group(0)), False))
    if suffix:
        candidates.append((text + suffix, 0, True))
    for cand, consumed, used_suffix in candidates:
        country = lookup_state(cand)
        if country is not None:
            return Speaker(country.name, "state", country.iso3), consumed, used_suffix, []
    return None


def _completed_by_words(seg: str, text: str) -> _Resolved | None:
    """A state named by words just before the anchor and the anchor: "Republic of" + "Korea"."""
    if not (seg and re.search(r"[^\W\d_]\s+$", seg)):
        return None
    spans = [m.start() for m in re.finditer(r"\S+", seg[-200:])]
    offset = max(0, len(seg) - 200)
    for k in range(min(4, len(spans)), 0, -1):
        start = offset + spans[-k]
        cand = seg[start:] + text
        speaker = classify(cand, allow_people=False, allow_generic=False)
        if speaker is not None and speaker.type == "state":
            return speaker, len(seg) - start, False, []
    return None


def who(speaker: Speaker) -> tuple:
    return ("state", speaker.iso3) if speaker.iso3 else (speaker.type, speaker.name.casefold())
