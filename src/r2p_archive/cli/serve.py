"""`r2p serve`: the local web UI (Datasette, the `[web]` extra).  The work is in
:mod:`r2p_archive.serve`."""

from __future__ import annotations

import click

from r2p_archive.cli import archive_path, cli


@cli.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default lets only this machine in).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option("--write-metadata", "metadata_out", type=click.Path(dir_okay=False),
              metavar="FILE", help="Write Datasette metadata for `datasette publish` and exit.")
@click.pass_context
def serve_cmd(ctx: click.Context, port: int, host: str, open_browser: bool, metadata_out: str | None
              ) -> None:
    """Serve a read-only web UI over the archive: search with highlighted snippets, facets,
    charts, statement pages and their original files.

    Needs the `[web]` extra: pip install 'r2p-archive[web]'.

    \b
    Examples:
      r2p serve --open
      r2p serve --port 8080 --host 0.0.0.0
      r2p serve --write-metadata metadata.json
    """
    from r2p_archive import serve

    if metadata_out:
        import json

        with open(metadata_out, "w", encoding="utf-8") as fh:
            json.dump(serve.metadata(None), fh, indent=2)
            fh.write("\n")
        click.echo(f"metadata written to {metadata_out}", err=True)
        return
    missing = serve.missing_extra()
    if missing:
        click.echo(f"r2p: error: {missing}", err=True)
        ctx.exit(2)
    serve.run(archive_path(ctx), host=host, port=port, open_browser=open_browser,
              announce=lambda line: click.echo(line, err=True))
