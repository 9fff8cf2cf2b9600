"""Replace one `## Title` section of BENCHMARKS.md, leaving the others as they are."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def write_section(title: str, body: str, path: Path = BENCHMARKS) -> None:
    section = f"## {title}\n\n{body.strip()}\n\n"
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", "utf-8")


def publish(title: str, text: str, write: bool, script: str, *, after: str = "") -> None:
    """Print a benchmark's figures ``text``; with ``write``, make them the ``## title`` section
    of BENCHMARKS.md, headed by the command that made them (``python bench/SCRIPT``, ``script``
    being the benchmark's ``__file__``) and followed by ``after``, if given."""
    print(text)
    if write:
        body = f"`python bench/{Path(script).name}`\n\n{text}"
        write_section(title, f"{body}\n\n{after}" if after else body)
