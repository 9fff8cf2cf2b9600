"""Output without rich: tsv, csv, json and jsonl records, and notes on stderr.

`r2p search` (and the other listing commands) print through here when standard output is not
a terminal, so a search in a pipe never imports rich and starts fast.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import click


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def json_line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _cell(value: Any, tsv: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        value = ";".join(map(str, value))
    text = str(value)
    return " ".join(text.split()) if tsv else text


def records(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """``rows`` as tsv or csv (``columns``, with a header), json (an array of whole rows) or
    jsonl (one whole row per line); "" for no row in tsv, csv and jsonl."""
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if not rows:
        return ""
    if fmt == "tsv":
        lines = ["\t".join(columns)]
        lines += ["\t".join(_cell(r.get(c), True) for c in columns) for r in rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(r.get(c), False) for c in columns] for r in rows)
    return buf.getvalue()


def expansion_note(compiled: Any) -> None:
    """On stderr: what each glossary term was expanded to, and the terms searched as typed."""
    for exp in compiled.expansions:
        forms = ", ".join(label for label, _ in exp.alternatives)
        click.echo(f"{exp.term}: searched in six languages as {forms}", err=True)
    if compiled.unknown:
        terms = ", ".join(compiled.unknown)
        click.echo(f"not in the glossary, searched as typed: {terms}", err=True)
