"""The catalog of General Assembly meetings on R2P: dates, records, press releases, source pages.

The bundled catalog is ``data/dialogues.json`` (schema 2, installed as package data); users can
add their own file with ``--catalog FILE``, in schema 2 or in the older schema 1 (where
``sources`` is a list of URL strings).  Every record symbol, press release and source page
carries a ``confidence`` (see :data:`CONFIDENCES`); ``verified`` is true only for "high".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from r2p_archive.errors import UnusableInput

#: high: read on a UN or GCR2P page; medium: read on a secondary copy; inferred: deduced from
#: neighbouring records, never confirmed; uncertain: named somewhere but doubtful.
CONFIDENCES = ("high", "medium", "inferred", "uncertain")
FORMATS = ("debate", "dialogue", "none")
_SCHEMA1_FORMATS = {"plenary debate": "debate", "informal interactive dialogue": "dialogue"}
_PUBLISHERS = {"globalr2p.org": "GCR2P", "responsibilitytoprotect.org": "ICRtoP",
               "un.org": "UN", "press.un.org": "UN"}


@dataclass(frozen=True)
class Source:
    """A civil-society or UN page about a meeting (summary, statements, press release)."""

    url: str
    publisher: str | None = None  # "ICRtoP", "GCR2P", "UN"
    confidence: str = "uncertain"
    verified: bool = False
    note: str | None = None


@dataclass(frozen=True)
class VerbatimRecord:
    """A verbatim record of a plenary meeting, e.g. ``A/72/PV.99``."""

    symbol: str
    date: str | None = None
    confidence: str = "uncertain"
    verified: bool = False
    date_confidence: str | None = None  # only when the date is less sure than the symbol


@dataclass(frozen=True)
class PressRelease:
    symbol: str  # e.g. "GA/10850"
    url: str | None = None
    confidence: str = "uncertain"
    verified: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Speakers:
    """Who spoke, as a page states it: ``text`` verbatim, the numbers parsed from it."""

    text: str
    states: int | None = None
    organizations: int | None = None
    civil_society: int | None = None
    observers: int | None = None
    on_behalf_of_states: int | None = None

    @property
    def short(self) -> str:
        """``"69+1+2"``: states + organizations + civil-society speakers."""
        return "+".join("?" if n is None else str(n)
                        for n in (self.states, self.organizations, self.civil_society))


@dataclass(frozen=True)
class Dialogue:
    """One year's General Assembly meeting(s) on R2P (a debate, a dialogue, or none)."""

    year: int
    date: str | None  # ISO date of the first meeting; None when there was none
    format: str  # "debate", "dialogue" or "none"
    title: str | None = None
    report: str | None = None  # the Secretary-General's report symbol, None if not verified
    end_date: str | None = None
    dates: tuple[str, ...] = ()
    report_confidence: str | None = None
    records: tuple[VerbatimRecord, ...] = ()
    press_releases: tuple[PressRelease, ...] = ()
    sources: tuple[Source, ...] = ()
    speakers_stated: Speakers | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def page_urls(self) -> tuple[str, ...]:
        """The source pages to read (`r2p fetch` without SOURCE reads these)."""
        return tuple(s.url for s in self.sources)

    def record_symbols(self, verified_only: bool = True) -> tuple[str, ...]:
        """Symbols of the verbatim records; only the verified ones unless ``verified_only``
        is false."""
        return tuple(r.symbol for r in self.records if r.verified or not verified_only)

    def to_json(self) -> dict[str, Any]:
        def plain(obj: Any) -> dict[str, Any]:
            return {k: v for k, v in obj.__dict__.items()
                    if not (k == "date_confidence" and v is None)}

        return {
            "year": self.year, "date": self.date, "dates": list(self.dates),
            "end_date": self.end_date, "format": self.format, "title": self.title,
            "report": self.report, "report_confidence": self.report_confidence,
            "records": [plain(r) for r in self.records],
            "press_releases": [plain(p) for p in self.press_releases],
            "sources": [plain(s) for s in self.sources],
            "speakers_stated": plain(self.speakers_stated) if self.speakers_stated else None,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Catalog:
    dialogues: tuple[Dialogue, ...]

    def year_of_source(self, url: str) -> int | None:
        """The year of the meeting whose known pages (or press releases) include ``url``."""
        wanted = _normalise_url(url)
        for d in self.dialogues:
            urls = [*d.page_urls, *(p.url for p in d.press_releases if p.url)]
            if any(_normalise_url(u) == wanted for u in urls):
                return d.year
        return None

    def merged(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s years added; for a year both know, the pages, records
        and press releases it lacks are appended (its other fields are kept)."""
        years = {d.year: d for d in self.dialogues}
        for d in other.dialogues:
            mine = years.get(d.year)
            if mine is None:
                years[d.year] = d
                continue
            urls = {_normalise_url(u) for u in mine.page_urls}
            symbols = {r.symbol for r in mine.records}
            releases = {p.symbol for p in mine.press_releases}
            years[d.year] = replace(
                mine,
                sources=mine.sources + tuple(s for s in d.sources
                                             if _normalise_url(s.url) not in urls),
                records=mine.records + tuple(r for r in d.records if r.symbol not in symbols),
                press_releases=mine.press_releases + tuple(
                    p for p in d.press_releases if p.symbol not in releases),
            )
        return Catalog(tuple(sorted(years.values(), key=lambda d: d.year)))


def _normalise_url(url: str) -> str:
    """What two addresses of one page share (the key the page layouts use for links)."""
    from r2p_archive.pages.links import url_key

    return url_key(url.strip())


def _publisher(url: str) -> str | None:
    return _PUBLISHERS.get(_normalise_url(url).split("/", 1)[0])


def _sure(row: dict[str, Any], default: str = "uncertain") -> dict[str, Any]:
    """``confidence`` and ``verified`` of a row, checked: verified only when high."""
    confidence = row.get("confidence", default)
    if confidence not in CONFIDENCES:
        raise ValueError(f"confidence {confidence!r} is not one of {', '.join(CONFIDENCES)}")
    verified = bool(row.get("verified", confidence == "high"))
    if verified != (confidence == "high"):
        raise ValueError(f"verified is {verified} with confidence {confidence!r}")
    return {"confidence": confidence, "verified": verified}


def _source(item: Any) -> Source:
    if isinstance(item, str):  # schema 1: a bare URL
        return Source(url=item, publisher=_publisher(item), note="from a schema-1 catalog file")
    return Source(url=str(item["url"]), publisher=item.get("publisher") or _publisher(item["url"]),
                  note=item.get("note"), **_sure(item))


def _dialogue(row: dict[str, Any]) -> Dialogue:
    fmt = str(row.get("format", "dialogue"))
    fmt = _SCHEMA1_FORMATS.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    date = row["date"] if "dates" not in row else row.get("date")
    dates = tuple(str(x) for x in row.get("dates") or ([date] if date else []))
    speakers = row.get("speakers_stated")
    return Dialogue(
        year=int(row["year"]),
        date=None if date is None else str(date),
        dates=dates,
        end_date=row.get("end_date"),
        format=fmt,
        title=row.get("title") or None,
        report=row.get("report") or None,
        report_confidence=row.get("report_confidence"),
        records=tuple(VerbatimRecord(symbol=str(r["symbol"]), date=r.get("date"),
                                     date_confidence=r.get("date_confidence"), **_sure(r))
                      for r in row.get("records", [])),
        press_releases=tuple(PressRelease(symbol=str(p["symbol"]), url=p.get("url"),
                                          note=p.get("note"), **_sure(p))
                             for p in row.get("press_releases", [])),
        sources=tuple(_source(s) for s in row.get("sources", [])),
        speakers_stated=Speakers(**speakers) if speakers else None,
        notes=tuple(str(n) for n in row.get("notes", [])),
    )


def _parse(data: Any, origin: str) -> Catalog:
    try:
        dialogues = [_dialogue(row) for row in data["dialogues"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise UnusableInput(f"catalog {origin} is not in the catalog format: {exc}") from exc
    return Catalog(tuple(sorted(dialogues, key=lambda d: d.year)))


def bundled() -> Catalog:
    """The catalog shipped with r2p (``data/dialogues.json``)."""
    packaged = resources.files("r2p_archive").joinpath("data/dialogues.json")
    if packaged.is_file():
        text = packaged.read_text("utf-8")
    else:  # an editable install or a source checkout: the file at the top of the repository
        text = (Path(__file__).resolve().parents[2] / "data" / "dialogues.json").read_text("utf-8")
    return _parse(json.loads(text), "bundled")


def load(path: str | Path | None = None) -> Catalog:
    """The bundled catalog, extended by the user's catalog file (schema 1 or 2) when given."""
    cat = bundled()
    if path is None:
        return cat
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise UnusableInput(f"cannot read catalog {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise UnusableInput(f"catalog {path} is not valid JSON: {exc}") from exc
    return cat.merged(_parse(data, str(path)))
