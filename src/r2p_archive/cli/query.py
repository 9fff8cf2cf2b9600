"""`r2p list`, `search`, `show`, `export`, `reindex`, `verify`.

Option parsing only: the work is in :mod:`r2p_archive.api`, :mod:`r2p_archive.index` and
:mod:`r2p_archive.export`; rendering in :mod:`r2p_archive.render` (imported inside commands, so
`r2p --help` stays fast).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from r2p_archive.cli import archive_path, cli
from r2p_archive.models import PENDING, SPEAKER_TYPES, STATUSES

_YEAR_HELP = "Only this year (or range, e.g. 2012-2017); repeat for several."
_COUNTRY_HELP = "Only this state: a name in any common form or an ISO code (BRA, BR)."
_LANGUAGE_HELP = "Only statements in this language (ISO 639-1 code, e.g. fr)."
_RECORD_HELP = "Only the turns of this verbatim record (its symbol, e.g. A/76/PV.102)."
_PROCEDURAL_HELP = "Include the presiding officer's procedural turns (left out by default)."


def _view(ctx: click.Context):
    from r2p_archive.api import open_archive

    return open_archive(archive_path(ctx))


def _years(values: tuple[str, ...]) -> list[int] | None:
    from r2p_archive.api import parse_years

    return parse_years(values) if values else None


def _empty_line(view) -> str:
    return f"The archive at {view.root} holds no statements yet; run `r2p fetch` first."


@cli.command("list")
@click.option("--year", "years", multiple=True, metavar="YEAR", help=_YEAR_HELP)
@click.option("--country", metavar="NAME", help=_COUNTRY_HELP)
@click.option("--language", metavar="CODE", help=_LANGUAGE_HELP)
@click.option("--status", type=click.Choice([*STATUSES, PENDING]), help="Only this status.")
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES), help="Only this type.")
@click.option("--record", metavar="SYMBOL", help=_RECORD_HELP)
@click.option("--procedural", is_flag=True, help=_PROCEDURAL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_context
def list_cmd(ctx, years, country, language, status, speaker_type, record, procedural,
             as_json) -> None:
    """List the archived statements, by year then country or speaker (a record's turns in
    their order)."""
    with _view(ctx) as view:
        found = view.statements(
            year=_years(years), country=country, language=language, status=status,
            speaker_type=speaker_type, record=record, procedural=procedural,
        )
        from r2p_archive import render

        if as_json:
            click.echo(render.to_json([st.to_json() for st in found]))
            return
        if not found:
            click.echo(_empty_line(view) if view.empty else "No statement matches these filters.")
            return
        con = render.console()
        con.print(render.statements_table(found))
        con.print(f"{len(found)} statement{'s' if len(found) != 1 else ''}", style="dim")


@cli.command("search")
@click.argument("query")
@click.option("--year", "years", multiple=True, metavar="YEAR", help=_YEAR_HELP)
@click.option("--country", metavar="NAME", help=_COUNTRY_HELP)
@click.option("--language", metavar="CODE", help=_LANGUAGE_HELP)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many hits to show.")
@click.option("--count-by", "count_by", type=click.Choice(["year", "country", "language"]),
              help="Count matching statements per year, country or language instead.")
@click.option("--record", metavar="SYMBOL", help=_RECORD_HELP)
@click.option("--procedural", is_flag=True, help=_PROCEDURAL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def search_cmd(ctx, query, years, country, language, limit, count_by, record, procedural,
               as_json) -> None:
    """Full-text search, best matches first.

    QUERY: words (all must occur), "quoted phrases", OR, AND, NOT (upper case), parentheses,
    prefix* and speaker:/text: to search one field.  Case and accents are ignored.
    """
    with _view(ctx) as view:
        from r2p_archive import render

        year_list = _years(years)
        if count_by:
            groups = view.count_by(query, count_by, year=year_list, country=country,
                                   language=language, record=record, procedural=procedural)
            if as_json:
                click.echo(render.to_json([g.to_json(count_by) for g in groups]))
                return
            if view.empty:
                click.echo(_empty_line(view))
                return
            con = render.console()
            con.print(render.count_table(groups, count_by))
            total = sum(g.count for g in groups)
            con.print(f"{total} matching statement{'s' if total != 1 else ''}", style="dim")
            return
        hits = view.search(query, year=year_list, country=country, language=language,
                           limit=limit, record=record, procedural=procedural)
        if as_json:
            click.echo(render.to_json([h.to_json() for h in hits]))
            return
        if not hits:
            click.echo(_empty_line(view) if view.empty else f"No statement matches {query}.")
            return
        con = render.console()
        for n, hit in enumerate(hits, 1):
            con.print(render.hit_text(n, hit))
        more = " (the limit; use --limit for more)" if len(hits) == limit else ""
        con.print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}", style="dim")


@cli.command("show")
@click.argument("statement_id", metavar="[ID]", required=False)
@click.option("--year", "years", multiple=True, metavar="YEAR", help=_YEAR_HELP)
@click.option("--country", metavar="NAME", help=_COUNTRY_HELP)
@click.option("--language", metavar="CODE", help=_LANGUAGE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the records and texts as JSON.")
@click.option("--original", is_flag=True, help="Print the path of the original document.")
@click.pass_context
def show_cmd(ctx, statement_id, years, country, language, as_json, original) -> None:
    """Show statements: by ID (or its first characters), or all that match the filters,
    most recent first.  On a terminal the text goes through a pager."""
    from r2p_archive.errors import UnusableInput

    if statement_id is None and not (years or country or language):
        raise UnusableInput("give a statement ID or a filter (--country, --year, --language)")
    with _view(ctx) as view:
        found = view.find(statement_id, year=_years(years), country=country, language=language)
        if not found:
            what = [f"id {statement_id}"] if statement_id else []
            what += [f"year {', '.join(years)}"] if years else []
            what += [f"country {country}"] if country else []
            what += [f"language {language}"] if language else []
            raise UnusableInput(f"no statement matches {', '.join(what)}")
        from r2p_archive import render

        if original:
            for st in found:
                path = st.original_path
                if path is None:
                    click.echo(f"{st.id}: no original document ({st.status})", err=True)
                else:
                    click.echo(str(path))
            return
        if as_json:
            click.echo(render.to_json([st.to_json(text=True) for st in found]))
            return
        out = "\n".join(render.show_text(st) for st in found)
        if sys.stdout.isatty():
            click.echo_via_pager(out)
        else:
            click.echo(out, nl=False)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "txt"]), required=True,
              help="csv / jsonl: one row per statement with text; txt: one file each.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Output file (csv, jsonl; default standard output) or folder (txt).")
@click.option("--year", "years", multiple=True, metavar="YEAR", help=_YEAR_HELP)
@click.option("--country", metavar="NAME", help=_COUNTRY_HELP)
@click.option("--language", metavar="CODE", help=_LANGUAGE_HELP)
@click.option("--status", type=click.Choice([*STATUSES, PENDING]), help="Only this status.")
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES), help="Only this type.")
@click.pass_context
def export_cmd(ctx, fmt, out, years, country, language, status, speaker_type) -> None:
    """Export the corpus (metadata and texts) for pandas, R or quanteda.

    txt names files like the UN General Debate Corpus: ISO3_YEAR_LANG.txt (a slug for
    organisations), and writes metadata.csv beside them.
    """
    from r2p_archive.export import export

    with _view(ctx) as view:
        found = view.statements(
            year=_years(years), country=country, language=language, status=status,
            speaker_type=speaker_type,
        )
        result = export(found, fmt, out, stdout=sys.stdout)
    if result.out is not None:
        files = f" ({result.files} text files)" if fmt == "txt" else ""
        click.echo(f"exported {result.count} statements{files} to {result.out}", err=True)


@cli.command("reindex")
@click.pass_context
def reindex_cmd(ctx) -> None:
    """Rebuild the index from the archived files."""
    from r2p_archive.index import reindex
    from r2p_archive.storage import Archive, ArchiveError

    archive = Archive(archive_path(ctx))
    if not archive.root.is_dir():
        raise ArchiveError(f"no archive at {archive.root}; run `r2p fetch` first")
    with archive.writer_lock():
        n = reindex(archive)
    click.echo(f"indexed {n} statement{'s' if n != 1 else ''} into {archive.index_path}")


@cli.command("verify")
@click.option("--fix", is_flag=True, help="Repair the index and mark damaged statements for "
              "download on the next fetch.")
@click.pass_context
def verify_cmd(ctx, fix) -> None:
    """Check every file against its SHA-256 and the index against the files.

    Exit status 0 when all is well (or was fixed), 1 when problems remain.
    """
    import contextlib

    from r2p_archive.storage import Archive
    from r2p_archive.verify import verify

    archive = Archive(archive_path(ctx))
    with archive.writer_lock() if fix else contextlib.nullcontext():
        report = verify(archive, fix=fix)
    from r2p_archive import render

    con = render.console()
    n = report.checked
    if not report.problems:
        con.print(f"{n} statement{'s' if n != 1 else ''} checked: all files and the index agree.")
        return
    con.print(render.problems_table(report.problems))
    left = len(report.unfixed)
    con.print(f"{n} statements checked: {len(report.problems)} problems, "
              f"{len(report.problems) - left} fixed, {left} left"
              + ("" if fix or not left else "; run `r2p verify --fix`"))
    if left:
        ctx.exit(1)
