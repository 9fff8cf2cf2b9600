"""The ``r2p`` command line: option parsing and rendering only; the work is in the library."""

from __future__ import annotations

import gc
import inspect
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from r2p_archive import __version__
from r2p_archive.errors import R2PError

if TYPE_CHECKING:
    from collections.abc import Sequence

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Group(click.Group):
    """Turns library errors and Click's usage errors into one line on stderr and the right exit
    code; no tracebacks."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            sys.exit(_usage_error(exc))
        except click.ClickException as exc:
            click.echo(f"r2p: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("r2p: interrupted", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except R2PError as exc:
            click.echo(f"r2p: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("r2p: interrupted; what was stored is kept, run the command again to "
                       "resume", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (e.g. `r2p list --json | head`): not an error.  Later
            # writes (the interpreter flushing stdout at exit) go to /dev/null.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


def _usage_error(exc: click.UsageError) -> int:
    """``r2p: error: No such option '--countri'. (see `r2p list --help`)``: one line, exit 2."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):  # plain `r2p`: the help
        click.echo(exc.format_message(), err=True)
        return exc.exit_code
    message = " ".join(exc.format_message().split())
    where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
    click.echo(f"r2p: error: {message}{where}", err=True)
    return exc.exit_code


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="r2p")
@click.option(
    "--archive",
    "archive",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="R2P_ARCHIVE",
    show_envvar=True,
    help="Archive folder. [default: the per-user data folder, see `r2p info`]",
)
@click.pass_context
def cli(ctx: click.Context, archive: Path | None) -> None:
    """Archive of the statements delivered at the UN General Assembly's dialogues and debates
    on the Responsibility to Protect (R2P), 2009 onward.

    Start with `r2p fetch`, then ask with `r2p list`, `r2p search` and `r2p show`.
    """
    from r2p_archive.storage import default_root

    ctx.obj = archive if archive is not None else default_root()


def archive_path(ctx: click.Context) -> Path:
    return ctx.find_root().obj


def _register() -> None:
    from r2p_archive.cli import admin, fetch, query, serve  # noqa: F401  (commands register themselves)

    # Each command's docstring ends with its examples; they go after the options, so that
    # --help ends with them.
    for command in cli.commands.values():
        help_text, sep, examples = inspect.cleandoc(command.help or "").partition(
            "\b\nExamples:\n")
        if sep:
            command.help = help_text.rstrip()
            command.epilog = "\b\nExamples:\n" + examples.rstrip()


_register()


def main() -> None:
    try:
        cli.main(prog_name="r2p")
    except KeyboardInterrupt:  # pragma: no cover - outside a command
        sys.exit(130)
    finally:
        # The process ends now.  Python's shutdown would still walk every object left in full
        # garbage collections (tens of ms after a fetch); frozen, they are freed by the exit.
        # Files are closed where they are written, and atexit handlers still run.
        gc.freeze()


__all__ = ["cli", "main", "archive_path"]
