"""Charts of matching statements (by year, country or language) for a paper or the web UI.

:func:`svg_chart` writes a small self-contained SVG with the standard library only (the web UI
inlines it: no JavaScript, no network).  :func:`save_chart` writes ``.svg`` the same way and
``.png`` through matplotlib (the ``[plot]`` extra).  :func:`plot_search` runs the count and
writes the file in one call, for notebooks::

    from r2p_archive.api import open_archive
    from r2p_archive.plot import plot_search

    with open_archive() as arc:
        plot_search(arc, "veto", "veto.png", by="year", country="Brazil")
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from r2p_archive.errors import UnusableInput
from r2p_archive.text import one_line

FORMATS = (".svg", ".png")
_AXIS = {"year": "Year", "country": "Country or speaker", "language": "Language"}
MAX_BARS = 30  # countries and languages: the groups with most matches


def chart_title(query: str, by: str, filters: dict[str, Any] | None = None) -> str:
    """'Statements matching "veto" by year (country: Brazil; language: en)'."""
    title = f'Statements matching "{query}" by {by}'
    shown = []
    for key, value in (filters or {}).items():
        if value is None or value == [] or value is False:
            continue
        if isinstance(value, (list, tuple, range)):
            value = ", ".join(str(v) for v in value)
        shown.append(f"{key.replace('_', ' ')}: {value}")
    return title + (f" ({'; '.join(shown)})" if shown else "")


def _nice_max(n: int) -> int:
    """A round upper bound for the value axis (at least 1)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if n <= step * 5:
            return max(step * -(-max(n, 1) // step), step)
    return n


def _ticks(top: int) -> list[int]:
    step = max(1, top // 5)
    return list(range(0, top + 1, step))


def svg_chart(
    bars: Sequence[tuple[str, int]],
    *,
    title: str,
    xlabel: str,
    ylabel: str = "Matching statements",
    horizontal: bool = False,
    width: int = 640,
    height: int = 300,
) -> str:
    """A bar chart as an SVG document: ``bars`` are (label, count) pairs in display order.

    Vertical bars (years along the x axis) or, with ``horizontal``, one row per label (long
    names such as countries).  Every bar has a ``<title>`` (tooltip) with its label and count.
    """
    top = _nice_max(max((c for _, c in bars), default=0))
    ticks = _ticks(top)
    out: list[str] = []
    if horizontal:
        row = 18
        left, right, head, foot = min(190, width // 3), 30, 44, 46
        plot_w = width - left - right
        height = head + max(len(bars), 1) * row + foot
        out.append(_open(width, height, title))
        for t in ticks:
            x = left + plot_w * t / top
            out.append(f'<line x1="{x:.1f}" y1="{head}" x2="{x:.1f}" '
                       f'y2="{head + len(bars) * row}" class="grid"/>')
            out.append(f'<text x="{x:.1f}" y="{head + len(bars) * row + 14}" '
                       f'text-anchor="middle">{t}</text>')
        for i, (label, count) in enumerate(bars):
            y = head + i * row
            w = plot_w * count / top
            short = one_line(label, 28)
            out.append(f'<text x="{left - 6}" y="{y + row * 0.7:.1f}" text-anchor="end">'
                       f"{escape(short)}</text>")
            out.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 4}" '
                       f'class="bar"><title>{escape(label)}: {count}</title></rect>')
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + row * 0.7:.1f}" '
                       f'class="value">{count}</text>')
        out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 10}" '
                   f'text-anchor="middle" class="label">{escape(ylabel)}</text>')
    else:
        left, right, head, foot = 56, 16, 44, 58
        plot_w, plot_h = width - left - right, height - head - foot
        base = head + plot_h
        out.append(_open(width, height, title))
        for t in ticks:
            ty = base - plot_h * t / top
            out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
                       'class="grid"/>')
            out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{t}</text>')
        slot = plot_w / max(len(bars), 1)
        every = max(1, -(-len(bars) * 34 // plot_w))  # leave out labels that would overlap
        for i, (label, count) in enumerate(bars):
            h = plot_h * count / top
            x = left + i * slot
            out.append(f'<rect x="{x + slot * 0.15:.1f}" y="{base - h:.1f}" '
                       f'width="{slot * 0.7:.1f}" height="{h:.1f}" class="bar">'
                       f"<title>{escape(label)}: {count}</title></rect>")
            if count:
                out.append(f'<text x="{x + slot / 2:.1f}" y="{base - h - 3:.1f}" '
                           f'text-anchor="middle" class="value">{count}</text>')
            if i % every == 0:
                out.append(f'<text x="{x + slot / 2:.1f}" y="{base + 15}" '
                           f'text-anchor="middle">{escape(label)}</text>')
        out.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" '
                   'class="axis"/>')
        out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" text-anchor="middle" '
                   f'class="label">{escape(xlabel)}</text>')
        out.append(f'<text transform="translate(14 {head + plot_h / 2:.1f}) rotate(-90)" '
                   f'text-anchor="middle" class="label">{escape(ylabel)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">\n'
        "<style>.bar{fill:#3b6ea5}.grid{stroke:#ddd}.axis{stroke:#333}"
        ".label{font-size:12px;font-weight:bold}.value{fill:#333;font-size:10px}"
        ".title{font-size:13px;font-weight:bold}</style>\n"
        f'<text x="{width / 2:.0f}" y="22" text-anchor="middle" class="title">'
        f"{escape(title)}</text>"
    )


def bars_of(groups: Sequence[Any], by: str) -> list[tuple[str, int]]:
    """(label, count) pairs from :class:`r2p_archive.api.GroupCount` rows, as charted."""
    bars = [(str(g.label), int(g.count)) for g in groups]
    return bars if by == "year" else bars[:MAX_BARS]


def check_target(path: str | Path) -> Path:
    """The chart file as a Path, or UnusableInput when it cannot be written (wrong suffix, PNG
    without matplotlib): checked before any work is done."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnusableInput(f'cannot plot to "{path.name}": give a file ending in .png or .svg')
    if suffix == ".png" and importlib.util.find_spec("matplotlib") is None:
        raise UnusableInput("a PNG chart needs matplotlib: pip install 'r2p-archive[plot]' "
                            "(or write an .svg file, which needs nothing)")
    return path


def save_chart(
    bars: Sequence[tuple[str, int]], path: str | Path, *, title: str, by: str
) -> Path:
    """Write the chart to ``path``: ``.svg`` (no dependency) or ``.png`` (matplotlib)."""
    path = check_target(path)
    suffix = path.suffix.lower()
    xlabel = _AXIS.get(by, by)
    if suffix == ".svg":
        path.write_text(svg_chart(bars, title=title, xlabel=xlabel, horizontal=by != "year"),
                        encoding="utf-8")
        return path
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    labels = [b[0] for b in bars]
    counts = [b[1] for b in bars]
    if by == "year":
        fig, ax = plt.subplots(figsize=(8, 4.2), dpi=150)
        ax.bar(labels, counts, color="#3b6ea5")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Matching statements")
        if len(labels) > 12:
            ax.tick_params(axis="x", labelrotation=90)
    else:
        fig, ax = plt.subplots(figsize=(8, max(2.5, 0.28 * len(bars) + 1.2)), dpi=150)
        ax.barh(labels[::-1], counts[::-1], color="#3b6ea5")
        ax.set_ylabel(xlabel)
        ax.set_xlabel("Matching statements")
    (ax.yaxis if by == "year" else ax.xaxis).set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=10, wrap=True)
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
    return path


def plot_search(view: Any, query: str, path: str | Path, by: str = "year",
                **filters: Any) -> Path:
    """Count the statements matching ``query`` by ``by`` (``view.count_by``, same filters as
    :meth:`r2p_archive.api.ArchiveView.count_by`) and write the chart to ``path``."""
    check_target(path)
    groups = view.count_by(query, by, **filters)
    shown = {k: v for k, v in filters.items() if k != "procedural"}
    return plot_groups(groups, path, query=query, by=by, **shown)


def plot_groups(groups: Sequence[Any], path: str | Path, *, query: str, by: str,
                **filters: Any) -> Path:
    """Chart counts already made by ``count_by``; ``filters`` only go into the title."""
    return save_chart(bars_of(groups, by), path, title=chart_title(query, by, filters), by=by)
