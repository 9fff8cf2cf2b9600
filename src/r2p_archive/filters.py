"""The filters of every query (``year``, ``country``, ``speaker``, ``language``, ``status``,
``speaker_type``, ``record``, ``procedural``): normalised and turned into SQL clauses over the
``statements`` table (alias ``s``).  Used by :mod:`r2p_archive.api`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from r2p_archive.errors import UnusableInput
from r2p_archive.languages import LANGUAGES, by_name, of_alpha3
from r2p_archive.models import PENDING, SPEAKER_TYPES, STATUSES

COUNT_BY = ("year", "country", "language")  # what `search --count-by` groups by


def parse_years(values: Iterable[str]) -> list[int]:
    """``["2013", "2015-2017"]`` -> ``[2013, 2015, 2016, 2017]``."""
    years: set[int] = set()
    for value in values:
        m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?", value)
        if not m:
            raise UnusableInput(f'bad year "{value}": give a year like 2013 or a range 2012-2017')
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if last < first:
            raise UnusableInput(f'bad year range "{value}": the end is before the start')
        years.update(range(first, last + 1))
    return sorted(years)


def _norm_years(year: int | Iterable[int] | None) -> list[int] | None:
    if year is None:
        return None
    if isinstance(year, int):
        return [year]
    if isinstance(year, str):
        return parse_years([year])
    return sorted({int(y) for y in year})


def _norm_language(language: str | None) -> str | None:
    """An ISO 639-1 code (``es``) for a language given as an ISO 639-1, 639-2 or 639-3 code
    (``es``, ``spa``, ``fre``) or a name (``Spanish``, ``español``); ``und`` for statements of
    unknown language.  Anything else is refused."""
    if language is None:
        return None
    raw = language.strip()
    code = raw.lower()
    if code == "und" or code in LANGUAGES:
        return code
    if known := of_alpha3(code):  # the table's codes without pycountry (~150 ms to load)
        return known
    import pycountry

    lang = None
    if re.fullmatch(r"[a-z]{2}", code):
        lang = pycountry.languages.get(alpha_2=code)
    elif re.fullmatch(r"[a-z]{3}", code):
        lang = (pycountry.languages.get(alpha_3=code)
                or pycountry.languages.get(bibliographic=code))
    elif named := by_name(raw):
        return named
    elif raw:
        try:
            lang = pycountry.languages.lookup(raw)
        except LookupError:
            lang = None
    if lang is None:
        raise UnusableInput(
            f'unknown language "{language}": give an ISO 639 code such as fr or fra, or a '
            "name such as French"
        )
    return getattr(lang, "alpha_2", None) or lang.alpha_3


def _norm_country(country: str | None) -> str | None:
    if country is None:
        return None
    from r2p_archive import countries

    return countries.resolve_country(country).iso3


def _check_choice(value: str | None, choices: Iterable[str], what: str) -> str | None:
    if value is None:
        return None
    allowed = list(choices)
    if value not in allowed:
        raise UnusableInput(f'unknown {what} "{value}": choose one of {", ".join(allowed)}')
    return value


def _filters(
    year: Any = None,
    country: str | None = None,
    language: str | None = None,
    status: str | None = None,
    speaker_type: str | None = None,
    record: str | None = None,
    procedural: bool = True,
    speaker: str | None = None,
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if speaker is not None and speaker.strip():
        # a part of the speaker's name, the person's or the affiliation, any case
        clauses.append("(instr(casefold(s.speaker), ?) OR instr(casefold(coalesce(s.person, "
                       "'')), ?) OR instr(casefold(coalesce(s.affiliation, '')), ?))")
        params.extend([" ".join(speaker.split()).casefold()] * 3)
    if record is not None:
        clauses.append("upper(s.record) = ?")
        params.append(" ".join(record.split()).upper())
    if not procedural:
        clauses.append("s.procedural = 0")
    years = _norm_years(year)
    if years is not None:
        clauses.append(f"s.year IN ({', '.join('?' * len(years))})" if years else "0")
        params.extend(years)
    iso3 = _norm_country(country)
    if iso3 is not None:
        clauses.append("s.iso3 = ?")
        params.append(iso3)
    lang = _norm_language(language)
    if lang is not None:
        clauses.append("s.language = ?")
        params.append(lang)
    if _check_choice(status, (*STATUSES, PENDING), "status") is not None:
        clauses.append("s.status = ?")
        params.append(status)
    if _check_choice(speaker_type, SPEAKER_TYPES, "speaker type") is not None:
        clauses.append("s.speaker_type = ?")
        params.append(speaker_type)
    return clauses, params


def describe_filters(year: Any = None, country: str | None = None,
                     language: str | None = None, status: str | None = None,
                     speaker_type: str | None = None, record: str | None = None,
                     procedural: bool = False, speaker: str | None = None) -> str:
    """The filters in words, for messages: ``" in 2015, from Brazil, in fr"`` ("" for none)."""
    words = []
    years = _norm_years(year)
    if years:
        span = (f"{years[0]}–{years[-1]}" if len(years) > 2
                and years == list(range(years[0], years[-1] + 1))
                else ", ".join(map(str, years)))
        words.append(f"in {span}")
    for value, says in ((country, "from"), (speaker, "by"), (language, "in language"),
                        (status, "with status"), (speaker_type, "of type"), (record, "in record")):
        if value:
            words.append(f"{says} {value}")
    return (" " + ", ".join(words)) if words else ""


