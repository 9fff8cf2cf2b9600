"""`r2p fetch`, `r2p ocr` and `r2p dialogues`: option parsing; the work is in `pipeline.py`
(which calls `sources.py` and `fetch.py`) and `ocr.py`, the output in `render.py` and
`render_fetch.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from r2p_archive.cli import archive_path, cli
from r2p_archive.cli.options import (
    Size,
    format_options,
    output_format,
    parse_year_values,
    size_text,
)
from r2p_archive.fetch_report import FetchOptions
from r2p_archive.models import Status

DEFAULTS = FetchOptions()  # the one place the fetch options' defaults are written


@cli.command()
@click.option("--year", "years", multiple=True, metavar="YEAR",
              help="Only this year or range (2012-2014); repeat for several.")
@format_options
@click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Extra catalog file (same format as the bundled data/dialogues.json).")
@click.pass_context
def dialogues(ctx: click.Context, years: tuple[str, ...], catalog_file: Path | None,
              **kwargs: Any) -> None:
    """List the General Assembly meetings on R2P, 2009 onward: dates, format, report, verbatim
    records (verified/all), known pages, speakers stated (states+organizations+civil society)
    and how many statements the archive holds for each year.  JSON: the full catalog entries
    plus "archived".

    \b
    Examples:
      r2p dialogues
      r2p dialogues --year 2018-2025 --format csv
      r2p dialogues --json | jq '.[].records'
    """
    from r2p_archive import catalog, render
    from r2p_archive.api import open_archive

    fmt = output_format(kwargs)
    cat = catalog.load(catalog_file)
    wanted = parse_year_values(years)
    chosen = [d for d in cat.dialogues if wanted is None or d.year in wanted]
    with open_archive(archive_path(ctx)) as view:
        counts = None if view.empty else view.count_per_year([d.year for d in chosen])
    rows = [(d, None if counts is None else counts.get(d.year, 0)) for d in chosen]
    if fmt != "table":
        data = [{**d.to_json(), "archived": n} for d, n in rows]
        click.echo(render.records(data, fmt, render.DIALOGUE_COLUMNS), nl=False)
        return
    if not rows:
        click.echo("The catalog has no meeting in these years.")
        return
    render.console().print(render.dialogues_table(rows))


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--dry-run", is_flag=True, help="Print the planned statements; download nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--year", "years", metavar="YEAR",
              help="Year or range (2012-2014) of the dialogues: without SOURCE, fetch only "
                   "their catalog pages; one year is also the year of a page given as SOURCE "
                   "(default: from the catalog, else the page's date).")
@click.option("--base-url", help="Resolve relative links of a local page against this URL.")
@click.option("--languages", default="en", show_default=True, metavar="LANG,...",
              help="Language versions of a record given by symbol (en,fr,es,ru,zh,ar).")
@click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Extra catalog file (same format as data/dialogues.json).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=DEFAULTS.concurrency,
              show_default=True,
              help="Downloads in flight in total (at most --per-host to one host).")
@click.option("--per-host", type=click.IntRange(1, 16), default=DEFAULTS.per_host,
              show_default=True,
              help="Downloads in flight to one host.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=DEFAULTS.timeout,
              show_default=True,
              help="Seconds to wait to connect and for each read.")
@click.option("--max-bytes", type=Size(), default=size_text(DEFAULTS.max_bytes),
              show_default=True,
              help="Largest document accepted (bytes, or with a unit: 500K, 50M, 1G).")
@click.option("--no-wayback", is_flag=True,
              help="Do not look dead links up in the Internet Archive's Wayback Machine.")
@click.option("--refresh", is_flag=True,
              help="Re-validate stored documents with conditional requests.")
@click.option("--jobs", type=click.IntRange(1, 256),
              help="Extraction worker processes. [default: all cores]")
@click.option("--extract-timeout", type=click.FloatRange(1, 3600),
              default=DEFAULTS.extract_timeout,
              show_default=True, help="Seconds one document's extraction may take.")
@click.option("--reextract", is_flag=True, help="Extract text again from stored documents.")
@click.option("--ocr", "run_ocr", is_flag=True,
              help="Also run ocrmypdf on scanned PDFs afterwards (needs ocrmypdf).")
@click.option("--no-ocr", is_flag=True,
              help="Do not recognise scanned PDFs with Tesseract while extracting (it runs by "
                   "default when installed).")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def fetch(ctx: click.Context, sources: tuple[str, ...], dry_run: bool, as_json: bool,
          years: str | None, base_url: str | None, languages: str, catalog_file: Path | None,
          concurrency: int, per_host: int, timeout: float, max_bytes: int, no_wayback: bool,
          refresh: bool, jobs: int | None, extract_timeout: float, reextract: bool,
          run_ocr: bool, no_ocr: bool, quiet: bool) -> None:
    """Read dialogue pages and UN verbatim records, store every statement, index its text.

    SOURCE is a dialogue page (URL or local HTML file) or a verbatim record: its symbol
    (A/72/PV.99, read from undocs.org), a URL or a local PDF; each speaker turn of a record is
    a statement.  Without SOURCE, every source of the catalog (see `r2p dialogues`) is read.
    Documents already stored are not downloaded again; failed ones are retried.  Exit code:
    0 all stored, 1 some failed, 2 unusable input.  Only fetch creates an archive.

    \b
    Examples:
      r2p fetch --year 2012-2014
      r2p fetch A/76/PV.102 --languages en,fr
      r2p fetch page.html --base-url https://www.globalr2p.org/ --dry-run
    """
    from r2p_archive import render_fetch
    from r2p_archive.pipeline import fetch as run_fetch

    options = FetchOptions(
        concurrency=concurrency, per_host=per_host, timeout=timeout, max_bytes=max_bytes,
        wayback=not no_wayback, refresh=refresh, jobs=jobs, extract_timeout=extract_timeout,
        reextract=reextract, ocr=run_ocr, auto_ocr=not no_ocr)
    with render_fetch.Progress(quiet or as_json) as progress:
        outcome = run_fetch(
            sources, archive=archive_path(ctx), years=parse_year_values(years),
            languages=languages.split(","), base_url=base_url, catalog_file=catalog_file,
            options=options, dry_run=dry_run, reporter=progress,
            on_source=lambda result: render_fetch.source_messages([result], quiet))
    if outcome.report is not None:
        render_fetch.fetch_summary(outcome.report, as_json, outcome.root)
    elif dry_run and outcome.planned.readable:
        render_fetch.fetch_plan(outcome.planned.statements, as_json)
    ctx.exit(outcome.exit_code)


@cli.command()
@click.option("--year", "years", metavar="YEAR", help="Only this year's (or range's) statements.")
@click.option("--timeout", type=click.FloatRange(1, 7200), default=DEFAULTS.ocr_timeout,
              show_default=True,
              help="Seconds OCR of one document may take.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def ocr(ctx: click.Context, years: str | None, timeout: float, quiet: bool) -> None:
    """Recognise the text of scanned PDFs (status no_text) with ocrmypdf, then extract it.

    Needs `ocrmypdf` and `tesseract` on PATH.  The original PDF is kept unchanged; the
    recognised copy is stored beside it as statement.ocr.pdf.  PDFs that OCR has already read
    (here, or by Tesseract while fetching) are skipped; those whose OCR failed are tried again.

    \b
    Examples:
      r2p ocr
      r2p ocr --year 2009-2012 --timeout 1200
    """
    from r2p_archive import render_fetch
    from r2p_archive.ocr import ocr as run_ocr
    from r2p_archive.storage import Archive

    archive = Archive(archive_path(ctx))
    archive.require()
    options = FetchOptions(ocr_timeout=timeout)
    with render_fetch.Progress(quiet) as progress:
        done = run_ocr(archive, year=parse_year_values(years), options=options,
                       reporter=progress)
    ok = sum(1 for r in done if r.status == Status.OK)
    click.echo(f"OCR: {len(done)} scanned PDF(s), {ok} now with text.")
    ctx.exit(0 if ok == len(done) else 1)
