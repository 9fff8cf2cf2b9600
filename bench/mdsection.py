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
