"""The catalog of General Assembly dialogues and debates on R2P, and their known source pages.

The bundled catalog is ``data/dialogues.json`` (installed as package data); users can add
their own file of the same format with ``--catalog FILE``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from r2p_archive.errors import UnusableInput


@dataclass(frozen=True)
class Dialogue:
    year: int
    date: str  # ISO date of the (first) meeting
    format: str  # "informal interactive dialogue" or "plenary debate"
    title: str
    report: str  # the Secretary-General's report symbol
    end_date: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "date": self.date,
            "end_date": self.end_date,
            "format": self.format,
            "report": self.report,
            "title": self.title,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Catalog:
    dialogues: tuple[Dialogue, ...]

    def by_year(self, year: int) -> Dialogue | None:
        return next((d for d in self.dialogues if d.year == year), None)

    def year_of_source(self, url: str) -> int | None:
        """The year of the dialogue whose known source pages include ``url``."""
        wanted = _normalise_url(url)
        for d in self.dialogues:
            if any(_normalise_url(s) == wanted for s in d.sources):
                return d.year
        return None

    def merged(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s dialogues added (sources of a known year appended)."""
        by_year = {d.year: d for d in self.dialogues}
        for d in other.dialogues:
            mine = by_year.get(d.year)
            if mine is None:
                by_year[d.year] = d
            else:
                extra = tuple(s for s in d.sources if s not in mine.sources)
                by_year[d.year] = Dialogue(**{**mine.__dict__, "sources": mine.sources + extra})
        return Catalog(tuple(sorted(by_year.values(), key=lambda d: d.year)))


def _normalise_url(url: str) -> str:
    url = url.strip()
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


def _parse(data: Any, origin: str) -> Catalog:
    try:
        rows = data["dialogues"]
        dialogues = []
        for row in rows:
            dialogues.append(
                Dialogue(
                    year=int(row["year"]),
                    date=str(row["date"]),
                    end_date=row.get("end_date"),
                    format=str(row.get("format", "informal interactive dialogue")),
                    title=str(row.get("title", "")),
                    report=str(row.get("report", "")),
                    sources=tuple(str(s) for s in row.get("sources", [])),
                )
            )
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
    """The bundled catalog, extended by the user's catalog file when given."""
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
