"""The README's command table against the CLI: every command listed exists, every command is
listed, and every option a row names is an option of that command."""

from __future__ import annotations

import re
from pathlib import Path

from r2p_archive.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def command_rows() -> list[tuple[list[str], str]]:
    text = README.read_text("utf-8")
    table = text[text.index("## Commands"):]
    table = table[: table.index("\n\n", table.index("| command |"))]
    rows = []
    for line in table.splitlines():
        names = re.findall(r"`r2p ([a-z]+)", line.split("|")[1]) if line.startswith("| `") else []
        if names:
            rows.append((names, line))
    return rows


def options_of(name: str) -> set[str]:
    command = cli.commands[name]
    return {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}


def test_every_command_is_in_the_table_and_exists():
    listed = {n for names, _ in command_rows() for n in names}
    assert listed == set(cli.commands)


def test_options_named_in_a_row_belong_to_its_command():
    for names, line in command_rows():
        named = set(re.findall(r"(--[a-z][a-z-]*)", line))
        known = set().union(*(options_of(n) for n in names))
        assert named <= known, (names, sorted(named - known))
