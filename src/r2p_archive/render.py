"""The one output layer of the `r2p` commands: rich tables and text and the record formats
(tsv, csv, json, jsonl); fetch progress and summaries are in :mod:`r2p_archive.render_fetch`.
Only the commands import these."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from r2p_archive.api import GroupCount, Hit, Statement
from r2p_archive.catalog import Dialogue
from r2p_archive.models import Status
from r2p_archive.plain import json_line, records, to_json  # noqa: F401  (re-exported)
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


def table(*columns: str, right: Collection[str] = (), no_wrap: Collection[str] = (),
          **options: Any) -> Table:
    """An empty table in r2p's style with these columns: those in ``right`` right-aligned,
    those in ``no_wrap`` never wrapped, the ID column dim."""
    out = Table(show_edge=False, pad_edge=False, header_style="bold", **options)
    for name in columns:
        out.add_column(name, justify="right" if name in right else "left",
                       no_wrap=name in no_wrap, style="dim" if name == "ID" else None)
    return out


def console(stderr: bool = False) -> Console:
    """The one way r2p prints rich output (tables, progress) on stdout or stderr."""
    return _Console(stderr=stderr, highlight=False, soft_wrap=False)


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
    out = table("Year", "Dates", "Format", "Report", "Records", "Pages", "Speakers", "Archived",
                right=("Year", "Records", "Pages", "Speakers", "Archived"),
                no_wrap=("Dates", "Report"), box=box.SIMPLE_HEAD, collapse_padding=True)
    for d, archived in rows:
        verified = len(d.record_symbols())
        out.add_row(
            str(d.year),
            meeting_dates(d),
            d.format,
            escape(d.report.split("–")[0]) if d.report else "–",
            f"{verified}/{len(d.records)}" if d.records else "–",
            str(len(d.page_urls)) if d.page_urls else "–",
            d.speakers_stated.short if d.speakers_stated else "–",
            "–" if archived is None else str(archived),
        )
    return out


def statements_table(statements: Sequence[Statement]) -> Table:
    out = table("Year", "Country / speaker", "Type", "Lang", "Status", "Chars", "ID",
                right=("Year", "Chars"))
    for st in statements:
        status = Text(st.status, style="green" if st.status == Status.OK else "yellow")
        out.add_row(
            str(st.year),
            escape(st.name),
            _TYPE_LABELS.get(st.speaker_type, st.speaker_type),
            st.language or "-",
            status,
            f"{st.text_chars:,}" if st.text_chars is not None else "-",
            st.id,
        )
    return out


def hit_text(hit: Hit) -> Text:
    """``rank. Name · year · lang · id`` then the snippet with matched words in bold (the
    rank says how good a hit is; the raw BM25 score is in the JSON)."""
    text = Text()
    text.append(f"{hit.rank}. ", style="dim")
    text.append(hit.name, style="bold cyan")
    text.append(f" · {hit.year} · {hit.language or '-'} · ", style="dim")
    text.append(hit.id, style="dim")
    if hit.matched:  # --any-language: which glossary forms this statement contains
        text.append(f" · matched {', '.join(hit.matched)}", style="dim")
    text.append("\n   ")
    for part, bold in hit.parts:
        text.append(part, style="bold yellow" if bold else None)
    return text


def count_table(groups: Sequence[GroupCount], by: str) -> Table:
    out = table(by.capitalize(), "Matches", "With text", "",
                right=("Year", "Matches", "With text"), no_wrap=("",))
    top = max((g.count for g in groups), default=0)
    for g in groups:
        width = round(BAR_WIDTH * g.count / top) if top else 0
        if g.count and not width:
            width = 1
        share = f" {100 * g.count / g.total:.0f}%" if g.total else ""
        bar = Text("█" * width, style="cyan")
        bar.append(share, style="dim")
        out.add_row(escape(g.label), str(g.count), str(g.total), bar)
    return out


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
    if st.ocr_confidence is not None:
        import json as _json

        low = _json.loads(st.ocr_low_pages or "[]")
        lines.append(f"text:     recognised by OCR, mean word confidence {st.ocr_confidence:.0f}"
                     + (f"; low confidence on page {', '.join(map(str, low))}" if low else ""))
    lines.append(f"id:       {st.id}   folder: {st.path}")
    text = st.text
    body = text.strip() if text else "(no text: " + (st.error or st.status) + ")"
    return "\n".join(lines) + "\n" + "─" * 60 + "\n" + body + "\n"


def problems_table(problems: Sequence[Problem]) -> Table:
    out = table("ID", "Path", "Problem", "Fixed")
    for p in problems:
        out.add_row(
            p.id or "-",
            escape(p.path),
            escape(p.problem),
            Text("yes", style="green") if p.fixed else Text("no", style="red"),
        )
    return out


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
