"""Typed records shared by every pipeline stage.

A dialogue page is parsed into :class:`PlannedStatement` objects; fetching and extraction turn
each one into a :class:`Record`, which is what the JSON sidecar beside every stored document
holds and what the SQLite index is rebuilt from.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SPEAKER_TYPES = ("state", "organization", "civil_society", "un_official", "panelist")

# Final statuses (issue #3); "pending" means downloaded but not yet extracted.
STATUSES = ("ok", "no_text", "failed", "no_link", "unsupported")
PENDING = "pending"


def statement_id(year: int, url: str | None, speaker: str) -> str:
    """Stable short identifier of a statement: the same page always gives the same ids."""
    key = f"{year}\n{url}" if url else f"{year}\nspeaker:{speaker.casefold()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class PlannedStatement:
    """One statement a dialogue page lists: who spoke, and where its document is."""

    year: int
    speaker: str
    speaker_type: str
    iso3: str | None = None
    languages: tuple[str, ...] = ()
    url: str | None = None
    note: str | None = None
    page: str | None = None  # the dialogue page it came from (URL or file path)

    @property
    def id(self) -> str:
        return statement_id(self.year, self.url, self.speaker)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "year": self.year,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "iso3": self.iso3,
            "languages": list(self.languages),
            "url": self.url,
            "note": self.note,
            "page": self.page,
        }


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
    page: str | None = None
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
            page=plan.page,
        )

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("dir")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], dir: str | None = None) -> Record:
        known = {f.name for f in dataclasses.fields(cls)}
        rec = cls(**{k: v for k, v in data.items() if k in known and k != "dir"})
        rec.dir = dir
        return rec
