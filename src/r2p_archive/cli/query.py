"""`r2p list`, `search`, `show`, `export`, `rm`, `reindex`, `verify`.

Option parsing only: the work is in :mod:`r2p_archive.api`, :mod:`r2p_archive.verify` and
:mod:`r2p_archive.export`; output in :mod:`r2p_archive.render` (imported inside commands, so
`r2p --help` stays fast).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from r2p_archive.cli import archive_path, cli
from r2p_archive.cli.options import filter_options, filters, format_options, output_format
from r2p_archive.export import FORMATS as EXPORT_FORMATS
from r2p_archive.filters import COUNT_BY

if TYPE_CHECKING:
    from r2p_archive.api import ArchiveView

LIST_COLUMNS = ("id", "year", "speaker", "speaker_type", "iso3", "country", "language",
                "status", "text_chars", "path")
HIT_COLUMNS = ("rank", "id", "year", "speaker", "iso3", "country", "language", "snippet")


def _view(ctx: click.Context) -> ArchiveView:
    from r2p_archive.api import open_archive

    return open_archive(archive_path(ctx))


def _empty_line(view: ArchiveView) -> str:
    return f"The archive at {view.root} holds no statements yet; run `r2p fetch` first."


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


@cli.command("list")
@filter_options("year", "country", "speaker", "language", "status", "type", "record",
                "procedural")
@format_options
@click.pass_context
def list_cmd(ctx: click.Context, **kwargs: Any) -> None:
    """List the archived statements, by year then country or speaker (a record's turns in
    their order).

    \b
    Examples:
      r2p list --year 2012-2014 --language fr
      r2p list --speaker "European Union" --format csv > eu.csv
      r2p list --record A/76/PV.102 --json
    """
    fmt = output_format(kwargs)
    with _view(ctx) as view:
        found = view.statements(**filters(kwargs))
        if fmt != "table":  # plain output: rich is not imported
            from r2p_archive.plain import records

            rows = [st.to_json(text=fmt in ("json", "jsonl")) for st in found]
            click.echo(records(rows, fmt, LIST_COLUMNS), nl=False)
            return
        from r2p_archive import render

        if not found:
            click.echo(_empty_line(view) if view.empty else "No statement matches these filters.")
            return
        con = render.console()
        con.print(render.statements_table(found))
        con.print(_plural(len(found), "statement"), style="dim")


@cli.command("search")
@click.argument("query")
@filter_options("year", "country", "speaker", "language", "record", "procedural")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many hits to show.")
@click.option("--count-by", "count_by", type=click.Choice(COUNT_BY),
              help="Count matching statements per year, country or language instead.")
@click.option("--exact", is_flag=True, help="Match words as typed, without stemming.")
@click.option("--any-language", "any_language", is_flag=True,
              help="Also match R2P glossary terms in the six UN languages.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE.png|FILE.svg",
              help="With --count-by: also write a chart of the counts (PNG needs [plot]).")
@format_options
@click.pass_context
def search_cmd(ctx: click.Context, query: str, limit: int, count_by: str | None, exact: bool,
               any_language: bool, plot: str | None, **kwargs: Any) -> None:
    """Full-text search, best matches first.  Exit status 1 when nothing matches (like grep).

    QUERY: words (all must occur), "quoted phrases", OR, AND, NOT (upper case), parentheses,
    prefix* and speaker:/text: to search one field.  Words match their stems in each
    statement's language (--exact: as typed); case and accents are ignored.

    \b
    Examples:
      r2p search veto --year 2013
      r2p search veto --any-language --count-by language --plot veto.svg
      r2p search 'prevent* NOT military' --country Brasil --format jsonl
    """
    from r2p_archive import plain
    from r2p_archive.api import describe_filters

    if plot and not count_by:
        raise click.UsageError("--plot needs --count-by (year, country or language)")
    if plot:
        from r2p_archive.plot import check_target

        check_target(plot)
    fmt = output_format(kwargs)
    wanted = filters(kwargs)
    opts: dict[str, Any] = {"exact": exact, "any_language": any_language}
    with _view(ctx) as view:
        if any_language:
            plain.expansion_note(view.compile(query, exact=exact, any_language=True))
        if count_by:
            groups = view.count_by(query, count_by, **wanted, **opts)
            total = sum(g.count for g in groups)
            if plot:
                from r2p_archive.plot import plot_groups

                plot_groups(groups, plot, query=query, by=count_by, **wanted)
                click.echo(f"chart written to {plot}", err=True)
            if fmt != "table":
                rows = [g.to_json(count_by) for g in groups]
                cols = ("iso3", "country") if count_by == "country" else (count_by,)
                click.echo(plain.records(rows, fmt, (*cols, "count", "total")), nl=False)
            elif view.empty:
                click.echo(_empty_line(view))
            else:
                from r2p_archive import render

                con = render.console()
                con.print(render.count_table(groups, count_by))
                con.print(_plural(total, "matching statement"), style="dim")
            ctx.exit(0 if total else 1)
        hits = view.search(query, limit=limit, **wanted, **opts)
        if fmt != "table":  # a pipe or a file: no rich
            rows = [h.to_json(text=fmt in ("json", "jsonl")) for h in hits]  # no file read
            click.echo(plain.records(rows, fmt, HIT_COLUMNS), nl=False)
            ctx.exit(0 if hits else 1)
        if not hits:
            click.echo(_empty_line(view) if view.empty else
                       f"No statement matches {query}{describe_filters(**wanted)}.")
            ctx.exit(1)
        from r2p_archive import render

        con = render.console()
        for hit in hits:
            con.print(render.hit_text(hit))
        total = len(hits)
        if len(hits) == limit:
            total = sum(g.count for g in view.count_by(query, "year", **wanted, **opts))
        more = " (use --limit for more)" if total > len(hits) else ""
        shown = f"{len(hits)} of {total} hits" if more else _plural(total, "hit")
        con.print(shown + more, style="dim")


@cli.command("show")
@click.argument("statement_id", metavar="[ID]", required=False)
@filter_options("year", "country", "speaker", "language")
@click.option("--json", "as_json", is_flag=True, help="Print the statements as JSON.")
@click.option("--original", is_flag=True, help="Print the path of the original document.")
@click.pass_context
def show_cmd(ctx: click.Context, statement_id: str | None, as_json: bool, original: bool,
             **kwargs: Any) -> None:
    """Show statements: by ID (or its first characters), or all that match the filters,
    most recent first.  On a terminal the text goes through a pager.  Exit status 1 when no
    statement matches.

    \b
    Examples:
      r2p show 6d33ba60e1
      r2p show --country Cyprus --year 2015
      r2p show --speaker "European Union" --json
    """
    from r2p_archive.api import describe_filters
    from r2p_archive.errors import UnusableInput

    wanted = filters(kwargs)
    if statement_id is None and not any(wanted.values()):
        raise UnusableInput("give a statement ID or a filter (--country, --speaker, --year, "
                            "--language)")
    with _view(ctx) as view:
        found = view.find(statement_id, **wanted)
        if not found:
            what = f" id {statement_id}" if statement_id else ""
            sep = "," if what and any(wanted.values()) else ""
            click.echo(f"r2p: no statement matches{what}{sep}{describe_filters(**wanted)}",
                       err=True)
            ctx.exit(1)
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
            click.echo(render.to_json([st.to_json() for st in found]))
            return
        out = "\n".join(render.show_text(st) for st in found)
        if sys.stdout.isatty():
            click.echo_via_pager(out)
        else:
            click.echo(out, nl=False)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv / jsonl: one row per statement with text; txt: one file each.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Output file (csv, jsonl; default standard output) or folder (txt).")
@filter_options("year", "country", "speaker", "language", "status", "type")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, out: Path | None, **kwargs: Any) -> None:
    """Export the corpus (metadata and texts) for pandas, R or quanteda.

    txt names files like the UN General Debate Corpus: ISO3_YEAR_LANG.txt (a slug for
    organisations), and writes metadata.csv beside them.

    \b
    Examples:
      r2p export --format csv --out r2p.csv
      r2p export --format txt --out corpus/ --year 2009-2017
      r2p export --format jsonl --language fr | head -1
    """
    from r2p_archive.export import export

    with _view(ctx) as view:
        found = view.statements(**filters(kwargs))
        result = export(found, fmt, out, stdout=sys.stdout)
    if result.out is not None:
        files = f" ({result.files} text files)" if fmt == "txt" else ""
        click.echo(f"exported {result.count} statements{files} to {result.out}", err=True)
