"""Typed records shared by every pipeline stage.

A dialogue page is parsed into :class:`PlannedStatement` objects; fetching and extraction turn
each one into a :class:`Record`, which is what the JSON sidecar beside every stored document
holds and what the SQLite index is rebuilt from.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any

SPEAKER_TYPES = ("state", "organization", "civil_society", "un_official", "panelist")



def utc_now() -> str:
    """Now, as the sidecars' ``fetched_at`` writes it: UTC to the second, ISO 8601."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()

class _Word(str, Enum):
    """A word written to sidecars, the index and JSON: equal to its string, printed as it."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class Status(_Word):
    """A statement's status (issue #3); ``PENDING`` is downloaded but not yet extracted."""

    OK = "ok"
    NO_TEXT = "no_text"
    FAILED = "failed"
    NO_LINK = "no_link"
    UNSUPPORTED = "unsupported"
    PENDING = "pending"


class Action(_Word):
    """What one fetch run did with a statement (``action`` in ``r2p fetch --json``)."""

    DOWNLOADED = "downloaded"
    EXTRACTED = "extracted"
    REEXTRACTED = "reextracted"
    SKIPPED = "skipped"
    NOT_MODIFIED = "not_modified"
    RESUMED = "resumed"
    FAILED = "failed"
    REFRESH_FAILED = "refresh_failed"
    NO_LINK = "no_link"
    OCR = "ocr"
    OCR_FAILED = "ocr_failed"


# The final statuses, as plain strings (choices of --status, with PENDING).
STATUSES = tuple(s.value for s in Status if s is not Status.PENDING)
PENDING = Status.PENDING.value


def statement_id(year: int, url: str | None, speaker: str, part: Part | None = None) -> str:
    """Stable short identifier of a statement: the same page always gives the same ids.

    A turn of a verbatim record is known by the record's symbol, language and turn number,
    whichever address the record was read from.
    """
    if part is not None:
        key = f"{year}\nrecord:{part.record}/{part.language}#{part.turn}"
    else:
        key = f"{year}\n{url}" if url else f"{year}\nspeaker:{speaker.casefold()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Part:
    """Where a statement sits inside a document that holds many: a verbatim record's turn."""

    record: str  # the record's symbol as printed on page 1 ("A/76/PV.102")
    language: str  # the language of this version of the record
    turn: int  # 1-based, in reading order; the same turn in every language version
    page: int  # the page on which the turn starts
    person: str  # "Mr. Kimani", "The President"
    affiliation: str | None  # as printed ("Kenya"), or None
    delivered_in: str | None  # the language the speech was given in
    agenda_item: str | None
    agenda_title: str | None
    reply: bool  # in exercise of the right of reply
    on_behalf_of: str | None
    procedural: bool  # the presiding officer's turn ("I now give the floor to ...")
    text_start: str  # the first 80 characters of the speech
    page_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# The fields of a Part as a statement's record carries them (``record_language`` aside).
PART_FIELDS = tuple(f.name for f in dataclasses.fields(Part) if f.name != "language")


@dataclass(frozen=True)
class PlannedStatement:
    """One statement a source lists or holds: who spoke, and where its text is."""

    year: int
    speaker: str
    speaker_type: str
    iso3: str | None = None
    languages: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None
    source: str | None = None  # the page or record it came from (URL or file path)
    part: Part | None = None  # set when the statement is a part of a larger document
    text: str | None = field(default=None, repr=False, compare=False)  # a part's text
    # no link because its relative href could not be resolved (no base URL): not a statement
    # of its own; internal, not serialised
    unresolved: bool = field(default=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return statement_id(self.year, self.url, self.speaker, self.part)

    def to_json(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "year": self.year,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "iso3": self.iso3,
            "languages": list(self.languages),
            "url": self.url,
            "note": self.note,
            "source": self.source,
        }
        if self.part is not None:
            data.update(self.part.to_json())
            data.pop("language")
        return data


@dataclass
class Record:
    """Everything known about one statement; serialised as its JSON sidecar."""

    id: str
    year: int
    speaker: str
    speaker_type: str
    iso3: str | None = None
    country: str | None = None
    languages: list[str] = field(default_factory=list)  # hints from the page
    note: str | None = None
    url: str | None = None
    other_urls: list[str] = field(default_factory=list)  # the same document found elsewhere
    source: str | None = None  # the page or record the statement was planned from
    status: str = PENDING
    error: str | None = None
    # download
    final_url: str | None = None
    wayback_url: str | None = None
    wayback_timestamp: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    kind: str | None = None  # pdf, docx, html, doc, rtf, ... (sniffed)
    size: int | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    original: str | None = None  # file name of the original, inside the statement folder
    # extraction
    text: str | None = None  # file name of the extracted text, inside the statement folder
    language: str | None = None  # main language (detected, else the page's hint)
    languages_detected: list[str] = field(default_factory=list)
    language_disagrees: bool = False
    extractor: str | None = None
    text_chars: int | None = None
    pages: int | None = None
    extract_seconds: float | None = None
    extracted_sha256: str | None = None  # content the text was extracted from
    text_sha256: str | None = None  # SHA-256 of statement.txt (UTF-8), checked by verify
    # a turn of a verbatim record (see Part); None for a statement of its own
    record: str | None = None
    record_file: str | None = None  # the record's PDF, relative to the archive root
    turn: int | None = None
    page: int | None = None
    page_end: int | None = None
    person: str | None = None
    affiliation: str | None = None
    delivered_in: str | None = None
    agenda_item: str | None = None
    agenda_title: str | None = None
    reply: bool = False
    on_behalf_of: str | None = None
    procedural: bool = False
    text_start: str | None = None
    ocr: dict | None = None  # OCR engine, language, confidence when the text was recognised
    # where the statement lives, relative to the archive root (not stored in the sidecar)
    dir: str | None = None

    @classmethod
    def from_plan(cls, plan: PlannedStatement, country: str | None = None) -> Record:
        return cls(
            id=plan.id,
            year=plan.year,
            speaker=plan.speaker,
            speaker_type=plan.speaker_type,
            iso3=plan.iso3,
            country=country,
            languages=list(plan.languages),
            note=plan.note,
            url=plan.url,
            source=plan.source,
            **(plan_part_fields(plan.part) if plan.part else {}),
        )

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("dir")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], dir: str | None = None) -> Record:
        if isinstance(data.get("page"), str) and "source" not in data:
            data = {**data, "source": data["page"], "page": None}  # sidecars before records
        known = {f.name for f in dataclasses.fields(cls)}
        rec = cls(**{k: v for k, v in data.items() if k in known and k != "dir"})
        rec.dir = dir
        return rec


def text_sha256(text: str) -> str:
    """The checksum kept in a sidecar's ``text_sha256``: SHA-256 of the text in UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_part_fields(part: Part) -> dict[str, Any]:
    """A part's fields as a :class:`Record` carries them."""
    return {name: getattr(part, name) for name in PART_FIELDS}


def refresh_from_plan(rec: Record, plan: PlannedStatement, country: str | None) -> bool:
    """Copy what the page says about a statement onto its record; True if anything changed."""
    changed = False
    for name, value in (("speaker", plan.speaker), ("speaker_type", plan.speaker_type),
                        ("iso3", plan.iso3), ("languages", list(plan.languages)),
                        ("note", plan.note), ("source", plan.source), ("country", country),
                        *(plan_part_fields(plan.part).items() if plan.part else ())):
        if getattr(rec, name) != value:
            setattr(rec, name, value)
            changed = True
    return changed
