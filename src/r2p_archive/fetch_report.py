"""What a fetch is asked to do and what it reports: :class:`FetchOptions`, :class:`FetchReport`
(each statement counted once) and the :class:`Reporter` callbacks the CLI renders.  Split out of
:mod:`r2p_archive.fetch`, which imports them from here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from r2p_archive.models import PENDING, Action, Record, Status

if TYPE_CHECKING:  # annotations only: `r2p --help` imports this module for FetchOptions
    from r2p_archive.download import Http
    from r2p_archive.sources import SourceResult
    from r2p_archive.storage import Archive


@dataclass
class FetchOptions:
    concurrency: int = 8
    per_host: int = 4
    timeout: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    wayback: bool = True
    refresh: bool = False
    jobs: int | None = None  # extraction worker processes (default: all cores)
    extract_timeout: float = 120.0
    reextract: bool = False
    ocr: bool = False  # run ocrmypdf on scanned PDFs after extraction (`fetch --ocr`)
    auto_ocr: bool = True  # recognise scans with Tesseract while extracting, when installed
    ocr_timeout: float = 600.0

    def http(self) -> Http:
        """The HTTP client these options describe (one session for the whole run)."""
        from r2p_archive.download import Http, HttpConfig

        return Http(HttpConfig(timeout=self.timeout, max_bytes=self.max_bytes,
                               concurrency=self.concurrency, per_host=self.per_host,
                               wayback=self.wayback))


@dataclass
class FetchReport:
    sources: list[SourceResult]
    records: list[Record]  # the final state of every planned statement
    actions: dict[str, str]  # statement id -> what this run did (downloaded, skipped...)
    archive: Archive | None = None
    duplicates: list[tuple[Any, str]] = field(default_factory=list)  # (plan/record, kept id)

    def text_of(self, rec: Record) -> str | None:
        return self.archive.read_text(rec) if self.archive is not None else None

    def outcome(self, rec: Record) -> str:
        """The one column of the summary a statement counts in: what this run did with it
        (``skipped``, ``not_modified``, ``reextracted``) or, when it fetched or extracted it,
        its status."""
        action = self.actions.get(rec.id)
        if action in (Action.SKIPPED, Action.NOT_MODIFIED, Action.REEXTRACTED):
            return action
        if action == Action.REFRESH_FAILED:
            return Status.FAILED
        return rec.status

    def counts(self) -> dict[str, int]:
        """Statements per :meth:`outcome` (``skipped`` always there); each counts once."""
        counts = {str(Action.SKIPPED): 0,
                  **Counter(str(self.outcome(r)) for r in self.records)}
        if self.duplicates:
            counts["duplicate"] = len(self.duplicates)
        return counts

    def per_year(self) -> dict[int, Counter]:
        table: dict[int, Counter] = {}
        for rec in self.records:
            table.setdefault(rec.year, Counter())[self.outcome(rec)] += 1
        for dup, _ in self.duplicates:
            table.setdefault(dup.year, Counter())["duplicate"] += 1
        return dict(sorted(table.items()))

    @property
    def exit_code(self) -> int:
        unreadable = [s for s in self.sources if s.error]
        if self.sources and len(unreadable) == len(self.sources):
            return 2 if not self.records else 1
        if unreadable or any(r.status in (Status.FAILED, PENDING) for r in self.records):
            return 1
        return 0


class Reporter:
    """Progress callbacks; the CLI renders them (rich progress bar, or one line each)."""

    def phase(self, name: str, total: int) -> None: ...

    def done(self, rec: Record, action: str) -> None: ...

    def message(self, text: str) -> None: ...
