"""Furniture removal and paragraphs (steps 3 and 4 of :mod:`r2p_archive.extract.pdf`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from r2p_archive.extract import clean
from r2p_archive.extract.pdflayout import LEADERS, Row, Segment

# a row ending in one of these, well short of the column's right edge, ends its paragraph
_PARAGRAPH_END = re.compile(r"[.!?:;…»\"”’)]$")


# -- furniture -------------------------------------------------------------------------------


def remove_furniture(segments: list[Segment]) -> list[Segment]:
    """The segments without delivery notes and without the header and footer rows that
    recur on many pages, are page numbers or are document symbols."""
    pages: dict[int, list[str]] = {}
    for seg in segments:
        pages.setdefault(seg.page, [])
        pages[seg.page].extend(r.text for r in seg.rows if r.edge)
    repeated = clean.repeated_keys(list(pages.values())) if len(pages) > 1 else set()
    out = []
    for seg in segments:
        rows = [
            r for r in seg.rows
            if not clean.is_delivery_note(r.text)
            and not (r.edge and (clean.furniture_key(r.text) in repeated
                                 or clean.is_page_number(r.text) or clean.is_symbol(r.text)))
        ]
        if rows:
            kept = Segment(rows, page=seg.page, edge=seg.edge)
            # keep the column's extent: a column's last lines alone would look "full width"
            kept.x0, kept.x1 = seg.x0, seg.x1
            out.append(kept)
    return out


# -- paragraphs ------------------------------------------------------------------------------


def _pitch_ratio(segments: list[Segment]) -> float:
    """Usual distance between baselines, as a multiple of the line height."""
    ratios = []
    for seg in segments:
        for a, b in zip(seg.rows, seg.rows[1:], strict=False):
            if abs(a.h - b.h) <= 0.15 * max(a.h, b.h):
                pitch = a.y0 - b.y0
                if 0 < pitch < 3 * a.h:
                    ratios.append(pitch / max(a.h, b.h))
    if not ratios:
        return 1.2
    ratios.sort()
    # The lower quartile: paragraph gaps are the larger pitches, and a document may be made
    # of short paragraphs.  With few samples, do not trust them beyond a generous leading.
    ratio = ratios[len(ratios) // 4]
    return ratio if len(ratios) >= 8 else min(ratio, 1.45)


def _indented(row: Row, seg: Segment) -> bool:
    return row.x0 - seg.x0 > max(0.8 * row.h, 6.0) and row.x0 - seg.x0 < 0.35 * seg.width


def _ends_short(row: Row, seg: Segment) -> bool:
    return row.x1 < seg.x0 + 0.8 * seg.width and bool(_PARAGRAPH_END.search(row.text))


def _starts_paragraph(row: Row, seg: Segment, nxt: Row | None, prev: Row | None,
                     prev_seg: Segment | None, ratio: float) -> bool:
    if prev is None or prev_seg is None:
        return True
    if abs(row.h - prev.h) > 0.2 * max(row.h, prev.h):
        return True  # a heading, or back from one
    if LEADERS.search(row.text) or LEADERS.search(prev.text):
        return True  # table-of-contents or list-of-members rows
    if _indented(row, seg) and (nxt is None or nxt.x0 < row.x0 - 2) and (
        prev_seg is not seg or abs(prev.x0 - row.x0) > 2
    ):
        return True
    if prev_seg is seg:
        pitch = prev.y0 - row.y0
        return pitch > 1.3 * ratio * max(row.h, prev.h) or pitch < 0 or _ends_short(prev, seg)
    return _ends_short(prev, prev_seg)


class _Rows:
    """Rows one segment after another, each with whether it starts a paragraph (judged
    against the row read before it, through every segment given to :meth:`of`)."""

    def __init__(self, ratio: float) -> None:
        self.ratio = ratio
        self.prev: Row | None = None
        self.prev_seg: Segment | None = None

    def of(self, seg: Segment) -> Iterator[tuple[bool, str]]:
        for i, row in enumerate(seg.rows):
            nxt = seg.rows[i + 1] if i + 1 < len(seg.rows) else None
            starts = _starts_paragraph(row, seg, nxt, self.prev, self.prev_seg, self.ratio)
            self.prev, self.prev_seg = row, seg
            yield starts, LEADERS.sub(" ... ", row.text)


def _group(seg: Segment, ratio: float) -> list[list[str]]:
    """One segment's rows as paragraphs, read on their own."""
    paragraphs: list[list[str]] = []
    for starts, text in _Rows(ratio).of(seg):
        if starts or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(text)
    return paragraphs


def paragraphs_of(segments: list[Segment]) -> list[list[str]]:
    """Rows grouped into paragraphs (each a list of line texts), in reading order.

    Header and footer blocks that survived furniture removal do not interrupt the paragraph
    that flows around them: a page's header follows the paragraph that was open when the page
    began, its footer the paragraph open when the page ended.
    """
    ratio = _pitch_ratio(segments)
    out: list[list[str]] = []
    current: list[str] = []
    rows = _Rows(ratio)
    waiting: list[list[str]] = []  # edge paragraphs to place at the next paragraph break
    footers: list[list[str]] = []  # the last page's footers, placed once the next page starts
    body_page: int | None = None
    for seg in segments:
        if seg.edge:
            target = footers if seg.page == body_page else waiting
            target.extend(_group(seg, ratio))
            continue
        if seg.page != body_page:
            body_page = seg.page
            waiting = footers + waiting
            footers = []
        for starts, text in rows.of(seg):
            if starts:
                if current:
                    out.append(current)
                    current = []
                out.extend(waiting)
                waiting = []
            current.append(text)
    if current:
        out.append(current)
    out.extend(footers + waiting)
    return out

