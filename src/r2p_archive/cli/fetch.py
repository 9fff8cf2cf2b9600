"""`r2p fetch` and `r2p dialogues`: option parsing and rendering; the work is in `fetch.py`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from r2p_archive.cli import archive_path, cli


def _console(stderr: bool = False):
    from r2p_archive.render import console

    return console(stderr=stderr)


@cli.command()
@click.option("--year", "years", multiple=True, metavar="YEAR",
              help="Only this year (or range, e.g. 2012-2014); repeat for several.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the full catalog entries (plus \"archived\") as JSON.")
@click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Extra catalog file (same format as the bundled data/dialogues.json).")
@click.pass_context
def dialogues(ctx: click.Context, years: tuple[str, ...], as_json: bool,
              catalog_file: Path | None) -> None:
    """List the General Assembly meetings on R2P, 2009 onward: dates, format, report, verbatim
    records (verified/all), known pages, speakers stated (states+organizations+civil society)
    and how many statements the archive holds for each year."""
    from r2p_archive import catalog, render
    from r2p_archive.api import open_archive, parse_years

    cat = catalog.load(catalog_file)
    wanted = set(parse_years(years)) if years else None
    chosen = [d for d in cat.dialogues if wanted is None or d.year in wanted]
    with open_archive(archive_path(ctx)) as view:
        counts = None if view.empty else view.count_per_year([d.year for d in chosen])
    rows = [(d, None if counts is None else counts.get(d.year, 0)) for d in chosen]
    if as_json:
        click.echo(render.to_json([{**d.to_json(), "archived": n} for d, n in rows]))
        return
    if not rows:
        click.echo("The catalog has no meeting in these years.")
        return
    render.console().print(render.dialogues_table(rows))


class _Progress:
    """Rich progress bar on a terminal; one plain line per statement otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self.counts = {"done": 0, "failed": 0, "skipped": 0}
        self.bar = None
        self.task = None
        self.err = _console(stderr=True)

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
            click.echo(f"{name}: {total} statement(s)", err=True)

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
            click.echo(f"{action:<12} {rec.status:<11} {rec.year} {rec.speaker} "
                       f"{where}{detail}", err=True)

    def message(self, text: str) -> None:
        if not self.quiet:
            click.echo(f"r2p: {text}", err=True)


def _render_plan(statements, as_json: bool) -> None:
    if as_json:
        out = [{k: v for k, v in s.to_json().items() if k != "source"} for s in statements]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    if statements and all(s.part is not None for s in statements):
        _render_turns(statements)
        return
    table = Table()
    for col in ("Year", "Speaker", "Type", "ISO3", "Lang", "Document / note"):
        table.add_column(col, overflow="fold")
    for s in statements:
        table.add_row(str(s.year), s.speaker, s.speaker_type, s.iso3 or "",
                      ",".join(s.languages), s.url or f"[dim]{s.note or 'no link'}[/dim]")
    con = _console()
    con.print(table)
    linked = sum(1 for s in statements if s.url)
    con.print(f"{len(statements)} statements planned, {linked} with a document.")


def _render_turns(statements) -> None:
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
    con = _console()
    con.print(table)
    con.print(f"{len(statements)} speaker turns.")


def _render_summary(report, as_json: bool) -> None:
    if as_json:
        out = {
            "statements": [
                {**rec.to_json(), "path": rec.dir, "action": report.actions.get(rec.id)}
                for rec in report.records
            ],
            "sources": [
                {"source": s.source, "year": s.year, "planned": len(s.statements),
                 "error": s.error, "wayback_url": s.from_wayback}
                for s in report.sources
            ],
            "counts": report.counts(),
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    cols = ("ok", "no_text", "unsupported", "failed", "no_link", "skipped")
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
    con = _console()
    con.print(table)
    failed = [r for r in report.records if r.status == "failed"]
    for rec in failed[:20]:
        con.print(f"[red]failed[/red] {rec.year} {rec.speaker}: {rec.error}  ({rec.url})")
    if len(failed) > 20:
        con.print(f"… and {len(failed) - 20} more failed; `r2p list --status failed` lists all.")
    # issue #16: say once what to install when scanned PDFs were kept without text
    if any(r.status == "no_text" and r.kind == "pdf" for r in report.records):
        from r2p_archive.extract import ocr_missing_hint

        if hint := ocr_missing_hint():
            click.echo(f"r2p: note: {hint}", err=True)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--dry-run", is_flag=True, help="Print the planned statements; download nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--year", type=click.IntRange(2005, 2100),
              help="Year of the dialogue (default: from the catalog, else the page's date). "
                   "Without SOURCE: fetch only that year's catalog pages.")
@click.option("--base-url", help="Resolve relative links of a local page against this URL.")
@click.option("--languages", default="en", show_default=True, metavar="LANG,...",
              help="Language versions of a record given by symbol (en,fr,es,ru,zh,ar).")
@click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Extra catalog file (same format as data/dialogues.json).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Downloads in flight in total (at most --per-host to one host).")
@click.option("--per-host", type=click.IntRange(1, 16), default=4, show_default=True,
              help="Downloads in flight to one host.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=30.0, show_default=True,
              help="Seconds to wait to connect and for each read.")
@click.option("--max-bytes", type=click.IntRange(1), default=50 * 1024 * 1024,
              show_default=True, help="Largest document accepted.")
@click.option("--no-wayback", is_flag=True,
              help="Do not look dead links up in the Internet Archive's Wayback Machine.")
@click.option("--refresh", is_flag=True,
              help="Re-validate stored documents with conditional requests.")
@click.option("--jobs", type=click.IntRange(1, 256),
              help="Extraction worker processes. [default: all cores]")
@click.option("--extract-timeout", type=click.FloatRange(1, 3600), default=120.0,
              show_default=True, help="Seconds one document's extraction may take.")
@click.option("--reextract", is_flag=True, help="Extract text again from stored documents.")
@click.option("--ocr", "run_ocr", is_flag=True,
              help="Run OCR on scanned PDFs afterwards (needs ocrmypdf and tesseract).")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def fetch(ctx, sources, dry_run, as_json, year, base_url, languages, catalog_file, concurrency,
          per_host, timeout, max_bytes, no_wayback, refresh, jobs, extract_timeout, reextract,
          run_ocr, quiet):
    """Read dialogue pages and UN verbatim records, store every statement, index its text.

    SOURCE is a dialogue page (URL or local HTML file) or a verbatim record: its symbol
    (A/72/PV.99, read from undocs.org), a URL or a local PDF; each speaker turn of a record is
    a statement.  Without SOURCE, every source of the catalog (see `r2p dialogues`) is read.
    Documents already stored are not downloaded again; failed ones are retried.  Exit code:
    0 all stored, 1 some failed, 2 unusable input.
    """
    from r2p_archive import catalog
    from r2p_archive import fetch as fetching
    from r2p_archive.pages.labels import LANGUAGES
    from r2p_archive.storage import Archive

    langs = tuple(dict.fromkeys(x.strip().lower() for x in languages.split(",") if x.strip()))
    unknown = [x for x in langs if x not in LANGUAGES]
    if unknown or not langs:
        raise click.BadParameter(f"{','.join(unknown) or 'nothing'}: the UN languages are "
                                 f"{','.join(LANGUAGES)}", param_hint="--languages")
    cat = catalog.load(catalog_file)
    from_catalog = not sources
    catalog_records: list[str] = []
    if from_catalog:
        sources, catalog_records = fetching.default_sources(cat, year)
        if not sources:
            which = f"for {year} " if year else ""
            click.echo(f"r2p: the catalog has no source page {which}(see `r2p dialogues`); "
                       "pass a page URL or file", err=True)
            ctx.exit(2)
    options = fetching.FetchOptions(
        concurrency=concurrency, per_host=per_host, timeout=timeout, max_bytes=max_bytes,
        wayback=not no_wayback, refresh=refresh, jobs=jobs, extract_timeout=extract_timeout,
        reextract=reextract, ocr=run_ocr)
    if run_ocr and not dry_run:
        fetching.require_ocr()
    http = options.http()
    archive = None if dry_run else Archive(archive_path(ctx))
    try:
        results = fetching.plan_sources(sources, catalog=cat, http=http, year=year,
                                        base_url=base_url, archive=archive, languages=langs,
                                        r2p_only=catalog_records)
        for res in results:
            if res.error:
                click.echo(f"r2p: error: {res.error}", err=True)
            elif res.warning:
                click.echo(f"r2p: warning: {res.warning}", err=True)
            if res.from_wayback and not quiet:
                click.echo(f"r2p: {res.source}: read from the Wayback capture "
                           f"{res.from_wayback}", err=True)
        readable = [r for r in results if not r.error]
        if not readable:
            ctx.exit(1 if from_catalog else 2)
        if dry_run:
            _render_plan(fetching.unique_statements(readable), as_json)
            ctx.exit(0 if len(readable) == len(results) else 1)
        with _Progress(quiet or as_json) as progress:
            report = fetching.run(archive, results, options, progress, http=http)
    finally:
        http.close()
    _render_summary(report, as_json)
    ctx.exit(report.exit_code)


@cli.command()
@click.option("--year", type=click.IntRange(2005, 2100), help="Only this year's statements.")
@click.option("--timeout", type=click.FloatRange(1, 7200), default=600.0, show_default=True,
              help="Seconds OCR of one document may take.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def ocr(ctx, year, timeout, quiet):
    """Recognise the text of scanned PDFs (status no_text) with ocrmypdf, then extract it.

    Needs `ocrmypdf` and `tesseract` on PATH.  The original PDF is kept unchanged; the
    recognised copy is stored beside it as statement.ocr.pdf.
    """
    from r2p_archive import fetch as fetching
    from r2p_archive.storage import Archive

    options = fetching.FetchOptions(ocr_timeout=timeout)
    with _Progress(quiet) as progress:
        done = fetching.ocr(Archive(archive_path(ctx)), year=year, options=options,
                            reporter=progress)
    ok = sum(1 for r in done if r.status == "ok")
    click.echo(f"OCR: {len(done)} scanned PDF(s), {ok} now with text.")
    ctx.exit(0 if ok == len(done) else 1)
