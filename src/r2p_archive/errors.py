"""Exceptions the CLI turns into one-line messages and exit codes."""

from __future__ import annotations


class R2PError(Exception):
    """An error the user can act on: printed as one line, exit code ``exit_code``."""

    exit_code = 2


class UnusableInput(R2PError):
    """A source page, file, query or filter that cannot be used (exit 2)."""

    exit_code = 2
