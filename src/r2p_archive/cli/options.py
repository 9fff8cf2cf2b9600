"""Options shared by several commands, defined once: the filters, the output format, years.

A command declares ``@filter_options("year", "country", ...)`` and ``@format_options``; it
gets the values as keyword arguments and hands them over with :func:`filters` and
:func:`output_format`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import click

from r2p_archive.models import PENDING, SPEAKER_TYPES, STATUSES

FORMATS = ("table", "tsv", "csv", "json", "jsonl")

_FILTERS: dict[str, Callable[[Callable], Callable]] = {
    "year": click.option(
        "--year", "years", multiple=True, metavar="YEAR",
        help="Only this year or range (2012-2017); repeat for several."),
    "country": click.option(
        "--country", metavar="NAME",
        help="Only this state: a name in any common form, in English, French or Spanish "
             "(Brasil, États-Unis), or an ISO code (BRA, BR)."),
    "speaker": click.option(
        "--speaker", metavar="NAME",
        help="Only speakers whose name (organisation, person or affiliation) contains NAME, "
             'e.g. "European Union".'),
    "language": click.option(
        "--language", metavar="LANG",
        help="Only statements in this language: ISO 639 code (fr, fra) or name (French)."),
    "status": click.option(
        "--status", type=click.Choice([*STATUSES, PENDING]), help="Only this status."),
    "type": click.option(
        "--type", "speaker_type", type=click.Choice(SPEAKER_TYPES), help="Only this type."),
    "record": click.option(
        "--record", metavar="SYMBOL",
        help="Only the turns of this verbatim record (its symbol, e.g. A/76/PV.102)."),
    "procedural": click.option(
        "--procedural", is_flag=True,
        help="Include the presiding officer's procedural turns (left out by default)."),
}
_KEYS = {"year": "years", "type": "speaker_type"}


def filter_options(*names: str) -> Callable[[Callable], Callable]:
    """Add the filter options ``names`` (keys of ``_FILTERS``) to a command, in that order."""

    def decorate(f: Callable) -> Callable:
        for name in reversed(names):
            f = _FILTERS[name](f)
        return f

    return decorate


def filters(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Take the filter options out of a command's ``kwargs``; the library's keyword arguments
    (``year`` a list of years, the others as given)."""
    out: dict[str, Any] = {}
    for name in _FILTERS:
        key = _KEYS.get(name, name)
        if key not in kwargs:
            continue
        value = kwargs.pop(key)
        if name == "year":
            out["year"] = parse_year_values(value) if value else None
        else:
            out[key] = value
    return out


def parse_year_values(values: tuple[str, ...] | str | None) -> list[int] | None:
    from r2p_archive.api import parse_years

    if not values:
        return None
    return parse_years([values] if isinstance(values, str) else values)


def format_options(f: Callable) -> Callable:
    """``--format table|tsv|csv|json|jsonl`` and its shortcut ``--json``."""
    f = click.option("--json", "as_json", is_flag=True, help="Shortcut for --format json.")(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), metavar="|".join(FORMATS),
        help="Output format. [default: table on a terminal, else tsv: one record per line]",
    )(f)


def output_format(kwargs: dict[str, Any]) -> str:
    """The format a command prints in (takes ``fmt`` and ``as_json`` out of ``kwargs``)."""
    fmt, as_json = kwargs.pop("fmt", None), kwargs.pop("as_json", False)
    if as_json:
        if fmt not in (None, "json"):
            raise click.UsageError(f"--json and --format {fmt} contradict each other")
        return "json"
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "tsv"


_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2,
          "mib": 1024**2, "g": 1024**3, "gb": 1024**3, "gib": 1024**3}


def size_text(size: int) -> str:
    """``size`` bytes as :class:`Size` reads it back, with the largest whole unit: ``50M``."""
    for unit in ("G", "M", "K"):
        if size % _UNITS[unit.lower()] == 0:
            return f"{size // _UNITS[unit.lower()]}{unit}"
    return str(size)


class Size(click.ParamType):
    """A size in bytes, with an optional unit: ``50M``, ``200k``, ``1.5G``, ``1048576``."""

    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = m.group(2).lower() if m else ""
        if not m or unit not in _UNITS:
            self.fail(f"{value!r} is not a size: give bytes or a number with K, M or G "
                      "(e.g. 50M)", param, ctx)
        size = int(float(m.group(1)) * _UNITS[unit])
        if size < 1:
            self.fail(f"{value!r}: the size must be at least 1 byte", param, ctx)
        return size

