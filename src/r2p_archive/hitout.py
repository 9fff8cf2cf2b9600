"""Plain output of `r2p search` when standard output is not a terminal (a pipe, a file): the
same lines as on a terminal, without importing rich, so a search starts fast."""

from __future__ import annotations

import json
from typing import Any

import click


def expansion_note(compiled: Any) -> None:
    """On stderr: what each glossary term was expanded to, and the terms searched as typed."""
    for exp in compiled.expansions:
        forms = ", ".join(label for label, _ in exp.alternatives)
        click.echo(f"{exp.term}: searched in six languages as {forms}", err=True)
    if compiled.unknown:
        terms = ", ".join(compiled.unknown)
        click.echo(f"not in the glossary, searched as typed: {terms}", err=True)


def hit_line(n: int, hit: Any) -> str:
    line = f"{n}. {hit.name} · {hit.year} · {hit.language or '-'} · score {hit.score:.3g} · " \
           f"{hit.id}"
    if hit.matched:
        line += f" · matched {', '.join(hit.matched)}"
    return line + "\n   " + "".join(text for text, _ in hit.parts)


def plain_hits(view: Any, query: str, hits: list[Any], limit: int, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        empty = f"The archive at {view.root} holds no statements yet; run `r2p fetch` first."
        click.echo(empty if view.empty else f"No statement matches {query}.")
        return
    for n, hit in enumerate(hits, 1):
        click.echo(hit_line(n, hit))
    more = " (the limit; use --limit for more)" if len(hits) == limit else ""
    click.echo(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}")
