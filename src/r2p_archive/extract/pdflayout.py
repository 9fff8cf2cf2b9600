"""A PDF page's text lines as fragments, rows and segments; header and footer blocks.

Steps 2 (rows) and the edge blocks of step 3 of :mod:`r2p_archive.extract.pdf`; the column
search (step 1) is :mod:`r2p_archive.extract.pdfcolumns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from r2p_archive.extract import clean

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pdfminer.layout import LTAnno, LTChar, LTItem, LTPage, LTTextLineHorizontal

_ZONE = 0.12  # top and bottom share of the page height where headers and footers live
_ZONE_ROWS = 3  # at most this many baselines from each edge are header/footer candidates
LEADERS = re.compile(r"\s*(?:\.\s?){5,}\s*")  # dot leaders: "Mr. X ..... (Country)"


@dataclass
class Row:
    """One visual line of text on a page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    edge: bool = False  # near the top or bottom edge: may be a header or footer
    bold: str = ""  # the row's leading run of bold text (speakers' names in UN records)

    @property
    def h(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def ymid(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Segment:
    """Rows read top to bottom in one column of one band of one page."""

    rows: list[Row]
    x0: float = 0.0
    x1: float = 0.0
    page: int = 0
    edge: bool = False  # a page header or footer block

    def __post_init__(self) -> None:
        if self.rows:
            self.x0 = min(r.x0 for r in self.rows)
            self.x1 = max(r.x1 for r in self.rows)

    @property
    def width(self) -> float:
        return max(self.x1 - self.x0, 1.0)


# -- reading pages ---------------------------------------------------------------------------


@dataclass
class Frag:
    """A piece of a text line as pdfminer drew it, with its box."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    bold: str = ""


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _bold_lead(objs: Iterable[LTChar | LTAnno]) -> str:
    """The text of the leading bold characters of a line (font weight from the font name)."""
    from pdfminer.layout import LTChar

    out: list[str] = []
    for obj in objs:
        if isinstance(obj, LTChar):
            if not _BOLD_FONT.search(obj.fontname):
                break
        out.append(obj.get_text())
    return _clean_text("".join(out)) if out else ""


def fragments(layout: LTPage, stats: dict[str, int]) -> list[Frag]:
    from pdfminer.layout import LTChar, LTFigure, LTTextBox, LTTextLineHorizontal

    out: list[Frag] = []

    def walk(container: Iterable[LTItem]) -> None:
        for obj in container:
            if isinstance(obj, LTTextLineHorizontal):
                add(obj)
            elif isinstance(obj, (LTTextBox, LTFigure)):
                walk(obj)

    def add(line: LTTextLineHorizontal) -> None:
        first = next((c for c in line if isinstance(c, LTChar)), None)
        if first is None or not first.upright:
            return
        raw = line.get_text()
        if "(cid:" in raw:
            stats["undecoded"] += raw.count("(cid:")
        lines.append((line, raw))

    lines: list[tuple[LTTextLineHorizontal, str]] = []
    walk(layout)
    if not lines:
        return out
    page_left = min(line.x0 for line, _ in lines)
    page_right = max(line.x1 for line, _ in lines)
    wide = 0.55 * (page_right - page_left)
    for line, raw in lines:
        if line.x1 - line.x0 > wide:
            # pdfminer joins the lines of two columns that share a baseline when the gutter is
            # narrow; cut wide lines at large gaps and let the column search see the pieces.
            out.extend(_cut_at_gaps(line))
        else:
            text = _clean_text(raw)
            if text:
                out.append(Frag(text, line.x0, line.y0, line.x1, line.y1, _bold_lead(line)))
    return out


def _clean_text(raw: str) -> str:
    if "(cid:" in raw:
        raw = clean.strip_cid(raw)
    return clean.normalize_chars(raw).strip()


def _cut_at_gaps(line: LTTextLineHorizontal) -> list[Frag]:
    """A pdfminer line as fragments, cut wherever two characters are far apart."""
    from pdfminer.layout import LTChar

    height = max(line.y1 - line.y0, 1.0)
    pieces: list[list] = [[]]
    last = None
    for obj in line:
        if isinstance(obj, LTChar):
            if last is not None and obj.x0 - last.x1 > 0.8 * height:
                pieces.append([])
            last = obj
        pieces[-1].append(obj)
    out = []
    for piece in pieces:
        chars = [c for c in piece if isinstance(c, LTChar)]
        text = _clean_text("".join(c.get_text() for c in piece))
        if chars and text:
            out.append(Frag(text, min(c.x0 for c in chars), min(c.y0 for c in chars),
                             max(c.x1 for c in chars), max(c.y1 for c in chars),
                             _bold_lead(piece)))
    return out



def rows_of(frags: list[Frag]) -> list[Row]:
    """Fragments grouped into rows (shared baseline, close together), top to bottom."""
    frags = sorted(frags, key=lambda f: -(f.y0 + f.y1) / 2)
    rows: list[list[Frag]] = []
    for f in frags:
        h = max(f.y1 - f.y0, 1.0)
        placed = False
        for row in reversed(rows[-4:]):
            ref = row[0]
            overlap = min(ref.y1, f.y1) - max(ref.y0, f.y0)
            if overlap >= 0.5 * min(h, max(ref.y1 - ref.y0, 1.0)):
                row.append(f)
                placed = True
                break
        if not placed:
            rows.append([f])
    out: list[Row] = []
    for row in rows:
        row.sort(key=lambda f: f.x0)
        current = row[0]
        pieces = [current]
        merged: list[list[Frag]] = [pieces]
        for f in row[1:]:
            h = max(f.y1 - f.y0, 1.0)
            if f.x0 - pieces[-1].x1 <= 2.0 * h:
                pieces.append(f)
            else:
                pieces = [f]
                merged.append(pieces)
        for group in merged:
            bold = []
            for g in group:  # a bold run may go on in the next word group of the row
                if g.bold:
                    bold.append(g.bold)
                if g.bold != g.text:
                    break
            out.append(Row(" ".join(g.text for g in group), group[0].x0,
                           min(g.y0 for g in group), max(g.x1 for g in group),
                           max(g.y1 for g in group), bold=" ".join(bold)))
    out.sort(key=lambda r: (-round(r.ymid, 0), r.x0))
    return out



def split_edges(frags: list[Frag], y_bottom: float, y_top: float
                 ) -> tuple[list[Frag], list[Frag], list[Frag]]:
    """(top edge, body, bottom edge): header and footer lines set apart by a clear gap.

    Candidates are the first few baselines from an edge that lie within the edge zone; they
    count as an edge block only when a gap of more than 1.3 line heights separates them from
    the rest of the page, so the first body line of a page is never taken for a header.
    """
    if len(frags) < 2:
        return [], frags, []
    height = max(y_top - y_bottom, 1.0)
    ordered = sorted(frags, key=lambda f: -(f.y0 + f.y1) / 2)
    lines: list[list[Frag]] = []  # baselines, top to bottom
    for f in ordered:
        if lines and min(lines[-1][0].y1, f.y1) - max(lines[-1][0].y0, f.y0) > 0.3 * max(
            f.y1 - f.y0, 1.0
        ):
            lines[-1].append(f)
        else:
            lines.append([f])

    def cut(seq: list[list[Frag]], inside: Callable[[Frag], bool],
            gap_between: Callable[[list[Frag], list[Frag]], float]) -> int:
        best = 0
        for i in range(min(_ZONE_ROWS, len(seq) - 1)):
            if not all(inside(f) for f in seq[i]):
                break
            h = max(max(f.y1 - f.y0 for f in seq[i]), max(f.y1 - f.y0 for f in seq[i + 1]))
            if gap_between(seq[i], seq[i + 1]) > 1.3 * h:
                best = i + 1
        return best

    top_limit = y_top - _ZONE * height
    bottom_limit = y_bottom + _ZONE * height
    n_top = cut(lines, lambda f: f.y0 >= top_limit,
                lambda a, b: min(f.y0 for f in a) - max(f.y1 for f in b))
    rest = lines[n_top:]
    rev = rest[::-1]
    n_bottom = cut(rev, lambda f: f.y1 <= bottom_limit,
                   lambda a, b: min(f.y0 for f in b) - max(f.y1 for f in a))
    if n_top + n_bottom >= len(lines):
        return [], frags, []
    top = [f for line in lines[:n_top] for f in line]
    bottom = [f for line in rev[:n_bottom] for f in line]
    body = [f for line in rest[: len(rest) - n_bottom] for f in line]
    return top, body, bottom


def edge_segment(frags: list[Frag], page: int) -> Segment:
    rows = rows_of(frags)
    for r in rows:
        r.edge = True
    return Segment(rows, page=page, edge=True)

