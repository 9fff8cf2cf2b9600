"""What the text around a link says: the dialogue's date, language notes, other notes, and
the speaker a document's file name names."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from r2p_archive.countries import lookup_state
from r2p_archive.languages import LANGUAGES, by_name, code_of
from r2p_archive.speakers import Speaker, known_org, strip_decoration
from r2p_archive.text import fold, one_line

# --------------------------------------------------------------------------------------------
# dates

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+"
    rf"(?P<y1>(?:19|20)\d\d)|(?:{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<y2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)


_PUBLISHED = re.compile(
    r"\b(posted|published|publi[eé]|updated|modified|created|submitted|written|released|"
    r"issued|printed|copyright)\b[^.;]{0,30}$|©[^.;]{0,20}$", re.IGNORECASE)
_MEETING = re.compile(
    r"\b(held|holds|convened|convenes|met|meets|meeting|dialogue|debate|took place|gathered|"
    r"General Assembly|plenary|interactive)\b", re.IGNORECASE)


def find_year(text: str, *, stamps: bool = False) -> int | None:
    """Year of the meeting a page reports: the first full date ("11 September 2013",
    "September 8, 2014") in a sentence about a meeting ("On 8 September 2014 the General
    Assembly held ..."), else the first full date; dates stamped as a publication ("Posted 12
    January 2015", "Last updated ...") are taken only with ``stamps``."""
    first = None
    for m in _DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        if not 1 <= day <= 31:
            continue
        if not stamps and _PUBLISHED.search(text[max(0, m.start() - 60):m.start()]):
            continue
        year = int(m.group("y1") or m.group("y2"))
        start = max(text.rfind(". ", 0, m.start()), m.start() - 200, 0)
        stop = text.find(". ", m.end())
        stop = m.end() + 200 if stop < 0 else min(stop, m.end() + 200)
        if _MEETING.search(text[start:stop]):
            return year
        if first is None:
            first = year
    return first


# --------------------------------------------------------------------------------------------
# languages and notes

_LANG_FILLER = {"in", "en", "and", "y", "et", "original", "originally", "version", "versions",
                "language", "languages", "translation", "unofficial", "official", "only",
                "text", "delivered", "as", "or", "with", "the", "available", "also", "la", "le",
                "statement", "copy", "versao", "plus", "then", "ou", "o"}
_NOTE_PHRASES = re.compile(
    r"did not (speak|deliver)|not delivered|undelivered|on behalf of|prepared statement|"
    r"written statement|circulated|delivered by|read by|joint statement|not read|"
    r"statement only|in writing", re.IGNORECASE)


def languages_of(text: str) -> list[str] | None:
    """ISO 639-1 codes when ``text`` is only a language note ("in Spanish", "English and
    Spanish", "original: Arabic", "en español", "French version"), else None."""
    if not text or len(text) > 120:
        return None
    found: list[str] = []
    code: str | None
    for raw in re.findall(r"[^\W\d_]+", text):
        if len(raw) == 2 and raw.isupper():  # "EN", "FR": a code only when written in capitals
            code = raw.lower() if raw.lower() in LANGUAGES else None
        else:  # a name, or a three-letter code ("eng", "ENG")
            code = by_name(raw) or (code_of(raw) if len(raw) == 3 else None)
        if code is None:
            if fold(raw) in _LANG_FILLER:
                continue
            return None
        if code not in found:
            found.append(code)
    return found or None


def note_of(text: str) -> str | None:
    text = strip_decoration(one_line(text))
    return text if text and _NOTE_PHRASES.search(text) else None


# --------------------------------------------------------------------------------------------
# documents that are not statements

_OTHER_DOCUMENT = (r"summary|summaries|brief|briefing|concept[\s_-]*note|agenda|"
                   r"list[\s_-]*of[\s_-]*speakers|speakers?[\s_-]*list|letter|"
                   r"press[\s_-]*release|toolkit|brochure|monitor|fact[\s_-]*sheet|invitation|"
                   r"flyer|newsletter")
_NOT_STATEMENT_TEXT = re.compile(rf"(?<![^\W_])({_OTHER_DOCUMENT}|report|programme|program|"
                                 r"background)(?![^\W_])", re.IGNORECASE)
_NOT_STATEMENT_FILE = re.compile(rf"(?<![^\W_])({_OTHER_DOCUMENT})(?![^\W_])", re.IGNORECASE)
_STATEMENT = re.compile(r"statement|remarks|speech|intervention|d[ée]claration|discurso",
                        re.IGNORECASE)


def not_a_statement(text: str, url: str | None = None) -> bool:
    """A link's text or file name says the document is something else than a statement
    ("summary of the dialogue", ``concept_note.pdf``, "List of speakers")."""
    text = text[:300]
    if _STATEMENT.search(text):
        return False
    if _NOT_STATEMENT_TEXT.search(text):
        return True
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])[:200] if url else ""
    return bool(_NOT_STATEMENT_FILE.search(name)) and not _STATEMENT.search(name)


# --------------------------------------------------------------------------------------------
# file names

_FILE_SPLIT = re.compile(r"[\s_\-.+,()\[\]]+")


def speaker_from_filename(url: str) -> Speaker | None:
    """A state (or an abbreviated organisation) named by the document's file name:
    ``/docs/2013/thailand.pdf``, ``Statement_ROK_2013.pdf``, ``Costa%20Rica%20-%20IID.pdf``."""
    path = urlsplit(url).path.rstrip("/")
    name = unquote(path.rsplit("/", 1)[-1])
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)[:150]
    country = lookup_state(name)
    if country is not None:
        return Speaker(country.name, "state", country.iso3)
    tokens = [t for t in _FILE_SPLIT.split(name) if t and not t.isdigit()][:16]
    for size in range(min(6, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            span = " ".join(tokens[i:i + size])
            country = lookup_state(span)
            if country is not None:
                return Speaker(country.name, "state", country.iso3)
            org = known_org(span) if size <= 3 and span[:1].isupper() else None
            if org is not None:
                return Speaker(org[0], org[1])
    return None
