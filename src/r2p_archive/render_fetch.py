"""Output of `r2p fetch` and `r2p ocr`: progress (a rich bar on a terminal, one line per
statement otherwise), the planned statements of a dry run, the summary, and one line per
source that could not be read.  Part of the output layer with :mod:`r2p_archive.render`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from r2p_archive.fetch_report import Reporter
from r2p_archive.models import Action, Status
from r2p_archive.plain import to_json

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

    from r2p_archive.fetch_report import FetchReport
    from r2p_archive.models import PlannedStatement, Record


def console(stderr: bool = False) -> Console:
    """:func:`r2p_archive.render.console`, imported only when rich output is printed (a quiet
    or JSON fetch needs no rich: a re-run with nothing to do starts faster without it)."""
    from r2p_archive.render import console as rich_console

    return rich_console(stderr)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Progress(Reporter):
    """Rich progress bar on a terminal; one plain line per statement otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self.counts = {"done": 0, "failed": 0, "skipped": 0}
        self.bar: Bar | None = None  # a rich Progress once the first phase starts
        self.task: TaskID | None = None

    def __enter__(self) -> Progress:
        return self  # the bar appears with the first phase (after the sources' messages)

    def _start(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TextColumn("{task.fields[counts]}"),
                            console=console(stderr=True), transient=True)
        self.bar.__enter__()

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def _counts(self) -> str:
        c = self.counts
        return f"done {c['done']} · failed {c['failed']} · skipped {c['skipped']}"

    def phase(self, name: str, total: int) -> None:
        if self.tty and self.bar is None:
            self._start()
        if self.bar is not None:
            if self.task is not None:
                self.bar.remove_task(self.task)
            label = {"fetch": "Fetching", "ocr": "OCR"}.get(name, name)
            self.task = self.bar.add_task(label, total=total, counts=self._counts())
        elif not self.quiet and total:
            _err(f"{name}: {total} statement(s)")

    def done(self, rec: Record, action: str) -> None:
        """Called once per statement, when this run is done with it."""
        if rec.status == Status.FAILED or action in (Action.FAILED, Action.OCR_FAILED):
            key = "failed"
        elif action in (Action.SKIPPED, Action.NOT_MODIFIED):
            key = "skipped"
        else:
            key = "done"
        self.counts[key] += 1
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, counts=self._counts())
        elif not self.quiet:
            detail = f" ({rec.error})" if rec.error else ""
            where = rec.dir or ""
            _err(f"{action:<12} {rec.status:<11} {rec.year} {rec.speaker} "
                       f"{where}{detail}")

    def message(self, text: str) -> None:
        if not self.quiet:
            _err(f"r2p: {text}")


def fetch_plan(statements: Sequence[PlannedStatement], as_json: bool) -> None:
    if as_json:
        out = [{k: v for k, v in s.to_json().items() if k != "source"} for s in statements]
        print(to_json(out))
        return
    from rich.table import Table

    if statements and all(s.part is not None for s in statements):
        _fetch_turns(statements)
        return
    table = Table()
    for col in ("Year", "Speaker", "Type", "ISO3", "Lang", "Document / note"):
        table.add_column(col, overflow="fold")
    for s in statements:
        table.add_row(str(s.year), s.speaker, s.speaker_type, s.iso3 or "",
                      ",".join(s.languages), s.url or f"[dim]{s.note or 'no link'}[/dim]")
    con = console()
    con.print(table)
    linked = sum(1 for s in statements if s.url)
    con.print(f"{len(statements)} statements planned, {linked} with a document.")


def _fetch_turns(statements: Sequence[PlannedStatement]) -> None:
    from rich.table import Table

    table = Table()
    for col in ("Record", "Turn", "Page", "Speaker", "Type", "ISO3", "In", "Speech starts"):
        table.add_column(col, overflow="fold")
    for s in statements:
        p = s.part
        assert p is not None  # called when every statement is a turn
        who = p.person if p.affiliation is None else f"{p.person} ({p.affiliation})"
        flags = " [dim](reply)[/dim]" if p.reply else ""
        table.add_row(f"{p.record} {p.language}", str(p.turn), str(p.page), who + flags,
                      s.speaker_type, s.iso3 or "", p.delivered_in or "", p.text_start)
    con = console()
    con.print(table)
    con.print(f"{len(statements)} speaker turns.")


FETCH_COLUMNS = (Status.OK, Status.NO_TEXT, Status.UNSUPPORTED, Status.FAILED, Status.NO_LINK,
                 Action.SKIPPED)
# shown when a run has any
FETCH_EXTRA = (Action.NOT_MODIFIED, Action.REEXTRACTED, "duplicate", Status.PENDING)


def fetch_summary(report: FetchReport, as_json: bool, root: Any = None) -> None:
    """The summary of a fetch: per year, each statement counted once (see
    :meth:`~r2p_archive.fetch.FetchReport.outcome`); with ``as_json`` the statements in the
    JSON shape of `r2p list` plus ``action``."""
    if as_json:
        from r2p_archive.api import Statement

        def one(rec: Record) -> dict[str, Any]:
            st = Statement.from_record(rec, root, report.text_of(rec))
            return {**st.to_json(), "action": report.actions.get(rec.id)}

        out = {
            "statements": [one(rec) for rec in report.records],
            "sources": [
                {"source": s.source, "year": s.year, "planned": len(s.statements),
                 "error": s.error, "wayback_url": s.from_wayback}
                for s in report.sources
            ],
            "counts": report.counts(),
        }
        print(to_json(out))
        return
    from rich.table import Table

    counts = report.counts()
    cols = (*FETCH_COLUMNS, *(c for c in FETCH_EXTRA if counts.get(c)))
    table = Table(title="r2p fetch")
    table.add_column("Year")
    for col in cols:
        table.add_column(col, justify="right")
    totals = dict.fromkeys(cols, 0)
    per_year = report.per_year()
    for year, row in per_year.items():
        table.add_row(str(year), *(str(row.get(c, 0)) for c in cols))
        for c in cols:
            totals[c] += row.get(c, 0)
    if len(per_year) > 1:
        table.add_row("all", *(str(totals[c]) for c in cols), style="bold")
    con = console()
    con.print(table)
    failed = [r for r in report.records if r.status == Status.FAILED]
    for rec in failed[:20]:
        con.print(f"[red]failed[/red] {rec.year} {rec.speaker}: {rec.error}  ({rec.url})")
    if len(failed) > 20:
        con.print(f"… and {len(failed) - 20} more failed; `r2p list --status failed` lists all.")
    # say once what to install when scanned PDFs were kept without text
    if any(r.status == Status.NO_TEXT and r.kind == "pdf" for r in report.records):
        from r2p_archive.extract import ocr_missing_hint

        if hint := ocr_missing_hint():
            _err(f"r2p: note: {hint}")


def source_messages(results: Sequence[Any], quiet: bool) -> None:
    """One line on stderr per source that could not be read, has a warning, or came from the
    Wayback Machine."""
    for res in results:
        if res.error:
            _err(f"r2p: error: {res.error}")
        elif res.warning:
            _err(f"r2p: warning: {res.warning}")
        if res.from_wayback and not quiet:
            _err(f"r2p: {res.source}: read from the Wayback capture {res.from_wayback}")
