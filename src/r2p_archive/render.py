"""The one output layer of the `r2p` commands: rich tables and text, the record formats
(tsv, csv, json, jsonl), fetch progress and summaries.  Only the commands import this."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from r2p_archive.api import GroupCount, Hit, Statement
from r2p_archive.catalog import Dialogue
from r2p_archive.verify import Problem

BAR_WIDTH = 40
_TYPE_LABELS = {
    "state": "state",
    "organization": "organization",
    "civil_society": "civil society",
    "un_official": "UN official",
    "panelist": "panelist",
}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # `r2p list | head`: handled in one place, the command group (r2p_archive.cli.Group)
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    """The one way r2p prints rich output (tables, progress) on stdout or stderr."""
    return _Console(stderr=stderr, highlight=False, soft_wrap=False)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def json_line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _cell(value: Any, tsv: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        value = ";".join(map(str, value))
    text = str(value)
    return " ".join(text.split()) if tsv else text


def records(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """``rows`` as tsv or csv (``columns``, with a header), json (an array of whole rows) or
    jsonl (one whole row per line); "" for no row in tsv, csv and jsonl."""
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if not rows:
        return ""
    if fmt == "tsv":
        lines = ["\t".join(columns)]
        lines += ["\t".join(_cell(r.get(c), True) for c in columns) for r in rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(r.get(c), False) for c in columns] for r in rows)
    return buf.getvalue()


def meeting_dates(d: Dialogue) -> str:
    """``07-23, 24, 28``; ``06-25, 07-02``: month and day of the first meeting, then what
    changes (the year is the row's)."""
    if not d.dates:
        return "–"
    shown = [d.dates[0][5:] if d.dates[0][:4] == str(d.year) else d.dates[0]]
    for prev, cur in zip(d.dates, d.dates[1:], strict=False):
        shown.append(cur[8:] if cur[:7] == prev[:7] else cur[5:] if cur[:4] == prev[:4] else cur)
    return ", ".join(shown)


DIALOGUE_COLUMNS = ("year", "date", "end_date", "format", "title", "report", "archived")


def dialogues_table(rows: Sequence[tuple[Dialogue, int | None]]) -> Table:
    """The catalog, one row per year; ``rows`` pair each meeting with its archived count
    (None: no archive)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
                  collapse_padding=True)
    table.add_column("Year", justify="right")
    table.add_column("Dates", no_wrap=True)
    table.add_column("Format")
    table.add_column("Report", no_wrap=True)
    table.add_column("Records", justify="right")
    table.add_column("Pages", justify="right")
    table.add_column("Speakers", justify="right")
    table.add_column("Archived", justify="right")
    for d, archived in rows:
        verified = len(d.record_symbols())
        table.add_row(
            str(d.year),
            meeting_dates(d),
            d.format,
            escape(d.report.split("–")[0]) if d.report else "–",
            f"{verified}/{len(d.records)}" if d.records else "–",
            str(len(d.page_urls)) if d.page_urls else "–",
            d.speakers_stated.short if d.speakers_stated else "–",
            "–" if archived is None else str(archived),
        )
    return table


def statements_table(statements: Sequence[Statement]) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Year", justify="right")
    table.add_column("Country / speaker")
    table.add_column("Type")
    table.add_column("Lang")
    table.add_column("Status")
    table.add_column("Chars", justify="right")
    table.add_column("ID", style="dim")
    for st in statements:
        status = Text(st.status, style="green" if st.status == "ok" else "yellow")
        table.add_row(
            str(st.year),
            escape(st.name),
            _TYPE_LABELS.get(st.speaker_type, st.speaker_type),
            st.language or "-",
            status,
            f"{st.text_chars:,}" if st.text_chars is not None else "-",
            st.id,
        )
    return table


def hit_text(hit: Hit) -> Text:
    """``rank. Name · year · lang · id`` then the snippet with matched words in bold (the
    rank says how good a hit is; the raw BM25 score is in the JSON)."""
    text = Text()
    text.append(f"{hit.rank}. ", style="dim")
    text.append(hit.name, style="bold cyan")
    text.append(f" · {hit.year} · {hit.language or '-'} · ", style="dim")
    text.append(hit.id, style="dim")
    text.append("\n   ")
    for part, bold in hit.parts:
        text.append(part, style="bold yellow" if bold else None)
    return text


def count_table(groups: Sequence[GroupCount], by: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(by.capitalize(), justify="right" if by == "year" else "left")
    table.add_column("Matches", justify="right")
    table.add_column("With text", justify="right")
    table.add_column("", no_wrap=True)
    top = max((g.count for g in groups), default=0)
    for g in groups:
        width = round(BAR_WIDTH * g.count / top) if top else 0
        if g.count and not width:
            width = 1
        share = f" {100 * g.count / g.total:.0f}%" if g.total else ""
        bar = Text("█" * width, style="cyan")
        bar.append(share, style="dim")
        table.add_row(escape(g.label), str(g.count), str(g.total), bar)
    return table


def show_text(st: Statement) -> str:
    """Plain header and text of one statement, as `r2p show` prints it."""
    lines = [
        f"{st.name} — {st.year}",
        f"speaker:  {st.speaker} ({_TYPE_LABELS.get(st.speaker_type, st.speaker_type)})",
        f"language: {st.language or '-'}"
        + (f" (page: {', '.join(st.languages)})" if st.languages else ""),
        f"source:   {st.url or st.source or '-'}",
    ]
    if st.record:
        who = st.person + (f" ({st.affiliation})" if st.affiliation else "")
        lines[1:1] = [f"person:   {who}" + (f", {st.note}" if st.note else "")]
        where = f"{st.record}, turn {st.turn}, page {st.page}"
        lines.append(f"record:   {where}" + (f", agenda item {st.agenda_item}"
                                             if st.agenda_item else ""))
        lines.append(f"delivered in: {st.delivered_in or '-'}"
                     + ("   (right of reply)" if st.reply else ""))
        if st.on_behalf_of:
            lines.append(f"on behalf of: {st.on_behalf_of}")
    if st.wayback_url:
        lines.append(f"wayback:  {st.wayback_url}")
    status = st.status + (f" ({st.error})" if st.error else "")
    lines.append(f"status:   {status}")
    lines.append(f"id:       {st.id}   folder: {st.path}")
    text = st.text
    body = text.strip() if text else "(no text: " + (st.error or st.status) + ")"
    return "\n".join(lines) + "\n" + "─" * 60 + "\n" + body + "\n"


def problems_table(problems: Sequence[Problem]) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("ID", style="dim")
    table.add_column("Path")
    table.add_column("Problem")
    table.add_column("Fixed")
    for p in problems:
        table.add_row(
            p.id or "-",
            escape(p.path),
            escape(p.problem),
            Text("yes", style="green") if p.fixed else Text("no", style="red"),
        )
    return table


def info_text(data: dict[str, Any]) -> str:
    """`r2p info` on a terminal."""
    lines = [f"archive: {data['archive']}"]
    if not data["exists"]:
        return lines[0] + "\nstatus:  empty (run `r2p fetch`)\n"
    missing = "" if data["index_exists"] else " (missing: run `r2p reindex`)"
    lines.append(f"index:   {data['index']}{missing}")
    first, last = data["first_year"], data["last_year"]
    span = f", {first}–{last}" if first else ""
    by_status = ", ".join(f"{n} {s}" for s, n in data["by_status"].items())
    lines.append(f"holds:   {data['statements']} statements{span} ({by_status})")
    if data["read_only"]:
        lines.append("mode:    read-only (list, search, show and export work)")
    left = []
    if data["tmp_files"]:
        left.append(f"{data['tmp_files']} file(s) in .tmp/ from an interrupted fetch "
                    "(the next fetch removes them)")
    if data["part_files"]:
        left.append(f"{data['part_files']} unfinished *.part file(s) (`r2p verify --fix` "
                    "removes them)")
    if data["page_copies"]:
        left.append(f"{data['page_copies']} kept dialogue page(s) in pages/ (re-read "
                    "conditionally by the next fetch)")
    lines += [f"{'leftover:' if i == 0 else '         '} {x}" for i, x in enumerate(left)]
    return "\n".join(lines) + "\n"


def verify_report(report: Any, fix: bool) -> None:
    """`r2p verify` on a terminal: a table of problems and one summary line."""
    con = console()
    n = report.checked
    if not report.problems:
        con.print(f"{n} statement{'s' if n != 1 else ''} checked: all files and the index agree.")
        return
    con.print(problems_table(report.problems))
    left = len(report.unfixed)
    con.print(f"{n} statements checked: {len(report.problems)} problems, "
              f"{len(report.problems) - left} fixed, {left} left"
              + ("" if fix or not left else "; run `r2p verify --fix`"))
    for note in getattr(report, "notes", []):
        con.print(note)


# -- fetch: progress, plan and summary -------------------------------------------------------
def _err(text: str, err: bool = True) -> None:
    print(text, file=sys.stderr, flush=True)


class Progress:
    """Rich progress bar on a terminal; one plain line per statement otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self.counts = {"done": 0, "failed": 0, "skipped": 0}
        self.bar = None
        self.task = None
        self.err = console(stderr=True)

    def __enter__(self):
        if self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TextColumn("{task.fields[counts]}"),
                                console=self.err, transient=True)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def _counts(self) -> str:
        c = self.counts
        return f"done {c['done']} · failed {c['failed']} · skipped {c['skipped']}"

    def phase(self, name: str, total: int) -> None:
        if self.bar is not None:
            if self.task is not None:
                self.bar.remove_task(self.task)
            label = {"fetch": "Fetching", "ocr": "OCR"}.get(name, name)
            self.task = self.bar.add_task(label, total=total, counts=self._counts())
        elif not self.quiet and total:
            _err(f"{name}: {total} statement(s)", err=True)

    def done(self, rec, action: str) -> None:
        """Called once per statement, when this run is done with it."""
        if rec.status == "failed" or action in ("failed", "ocr_failed"):
            key = "failed"
        elif action in ("skipped", "not_modified"):
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
                       f"{where}{detail}", err=True)

    def message(self, text: str) -> None:
        if not self.quiet:
            _err(f"r2p: {text}", err=True)


def fetch_plan(statements, as_json: bool) -> None:
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


def _fetch_turns(statements) -> None:
    from rich.table import Table

    table = Table()
    for col in ("Record", "Turn", "Page", "Speaker", "Type", "ISO3", "In", "Speech starts"):
        table.add_column(col, overflow="fold")
    for s in statements:
        p = s.part
        who = p.person if p.affiliation is None else f"{p.person} ({p.affiliation})"
        flags = " [dim](reply)[/dim]" if p.reply else ""
        table.add_row(f"{p.record} {p.language}", str(p.turn), str(p.page), who + flags,
                      s.speaker_type, s.iso3 or "", p.delivered_in or "", p.text_start)
    con = console()
    con.print(table)
    con.print(f"{len(statements)} speaker turns.")


FETCH_COLUMNS = ("ok", "no_text", "unsupported", "failed", "no_link", "skipped")
FETCH_EXTRA = ("not_modified", "reextracted", "pending")  # shown when a run has any


def fetch_summary(report, as_json: bool, root: Any = None) -> None:
    """The summary of a fetch: per year, each statement counted once (see
    :meth:`~r2p_archive.fetch.FetchReport.outcome`); with ``as_json`` the statements in the
    JSON shape of `r2p list` plus ``action``."""
    if as_json:
        from r2p_archive.api import Statement

        def one(rec):
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
    for year, row in report.per_year().items():
        table.add_row(str(year), *(str(row.get(c, 0)) for c in cols))
        for c in cols:
            totals[c] += row.get(c, 0)
    if len(report.per_year()) > 1:
        table.add_row("all", *(str(totals[c]) for c in cols), style="bold")
    con = console()
    con.print(table)
    failed = [r for r in report.records if r.status == "failed"]
    for rec in failed[:20]:
        con.print(f"[red]failed[/red] {rec.year} {rec.speaker}: {rec.error}  ({rec.url})")
    if len(failed) > 20:
        con.print(f"… and {len(failed) - 20} more failed; `r2p list --status failed` lists all.")


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
