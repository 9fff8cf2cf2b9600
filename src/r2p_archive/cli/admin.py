"""`r2p info`, `reindex`, `verify` and `rm`: option parsing; the work is in
:mod:`r2p_archive.index`, :mod:`r2p_archive.verify` and :mod:`r2p_archive.remove`."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import click

from r2p_archive.cli import archive_path, cli
from r2p_archive.cli.options import filter_options, filters, format_options, output_format

if TYPE_CHECKING:
    from r2p_archive.storage import Archive


def _archive(ctx: click.Context) -> Archive:
    from r2p_archive.storage import Archive

    return Archive(archive_path(ctx))


@cli.command()
@format_options
@click.pass_context
def info(ctx: click.Context, **kwargs: Any) -> None:
    """Print where the archive is and what it holds.

    \b
    Examples:
      r2p info
      r2p --archive ~/r2p-copy info --json
    """
    from r2p_archive import render
    from r2p_archive.storage import archive_info

    fmt = output_format(kwargs)
    data = archive_info(_archive(ctx))
    if fmt in ("json", "jsonl"):  # one object
        click.echo(render.to_json(data) if fmt == "json" else render.json_line(data))
        return
    if fmt != "table":
        rows = [{"key": k, "value": v} for k, v in data.items()]
        click.echo(render.records(rows, fmt, ("key", "value")), nl=False)
        return
    click.echo(render.info_text(data), nl=False)


@cli.command("reindex")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def reindex_cmd(ctx: click.Context, as_json: bool) -> None:
    """Rebuild the index from the archived files.  A folder that holds no statement is
    refused (only `r2p fetch` creates an archive).

    \b
    Examples:
      r2p reindex
      r2p --archive ~/r2p reindex --json
    """
    from r2p_archive import render
    from r2p_archive.index import reindex
    from r2p_archive.storage import ArchiveError

    archive = _archive(ctx)
    archive.require()
    if not archive.holds_statements():
        raise ArchiveError(f"{archive.root} holds no statement (no statement.json, no index); "
                           "is it an archive? `r2p fetch` creates one")
    with archive.writer_lock():
        n = reindex(archive)
    if as_json:
        click.echo(render.to_json({"indexed": n, "index": str(archive.index_path)}))
        return
    click.echo(f"indexed {n} statement{'s' if n != 1 else ''} into {archive.index_path}")


@cli.command("verify")
@click.option("--fix", is_flag=True, help="Repair the index, extract changed texts again and "
              "mark damaged originals for download on the next fetch.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def verify_cmd(ctx: click.Context, fix: bool, as_json: bool) -> None:
    """Check every file against its SHA-256 and the index against the files.

    Exit status 0 when all is well (or was fixed), 1 when problems remain, 2 when there is
    no archive there.

    \b
    Examples:
      r2p verify
      r2p verify --fix
      r2p verify --json | jq '.problems[]'
    """
    from r2p_archive import render
    from r2p_archive.verify import verify

    archive = _archive(ctx)
    archive.require()
    with archive.writer_lock() if fix else contextlib.nullcontext():
        report = verify(archive, fix=fix)
    left = len(report.unfixed)
    if as_json:
        click.echo(render.to_json(report.to_json()))
    else:
        render.verify_report(report, fix)
    if left:
        ctx.exit(1)


@cli.command("rm")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@filter_options("year", "status")
@click.option("--dry-run", is_flag=True, help="Print what would be removed; remove nothing.")
@click.pass_context
def rm_cmd(ctx: click.Context, ids: tuple[str, ...], dry_run: bool, **kwargs: Any) -> None:
    """Remove statements and their files: by ID (or unique first characters), or all of a
    year or status.  A record's PDF goes when no turn of it is left.

    \b
    Examples:
      r2p rm 6d33ba60e1 03b3097619
      r2p rm --status failed --dry-run
      r2p rm --year 2009-2010
    """
    from r2p_archive.errors import UnusableInput
    from r2p_archive.remove import remove

    wanted = filters(kwargs)
    if not ids and not any(wanted.values()):
        raise UnusableInput("give statement IDs, --year or --status (nothing is removed "
                            "without one)")
    archive = _archive(ctx)
    archive.require()
    with contextlib.nullcontext() if dry_run else archive.writer_lock():
        gone = remove(archive, ids, year=wanted.get("year"), status=wanted.get("status"),
                      dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for rec in gone:
        click.echo(f"{verb} {rec.id} {rec.year} {rec.speaker} ({rec.dir})")
    click.echo(f"{verb} {len(gone)} statement{'s' if len(gone) != 1 else ''}", err=True)
    if not gone:
        ctx.exit(1)
