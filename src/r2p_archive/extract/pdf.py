"""PDF text with pdfminer.six: lines ordered column by column, page furniture removed.

pdfminer gives the text lines of each page with their positions.  The reading order is ours:

1. **Columns.**  A page's gutter is a vertical strip, in the middle 60 % of the text area,
   that (almost) no line crosses and that has enough lines on both sides beside each other.
   Lines that cross it (titles, full-width paragraphs) cut the page into bands; inside a band
   the left side is read before the right side, each side searched again for columns.
2. **Rows.**  Fragments on one baseline (justified text is sometimes drawn word group by word
   group) are merged, left to right, when they are close.
3. **Furniture.**  Lines near the top or bottom edge that recur on many pages (digits ignored,
   so "Page 2 of 3" and changing dates count as one), lone page numbers, document symbols and
   "Check against delivery" are dropped.
4. **Paragraphs.**  A new paragraph starts at a larger than usual line gap, at an indented
   first line, after a short line that ends a sentence, or at a change of font size; it
   continues across columns and pages otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from r2p_archive.extract import clean

# Layout analysis parameters.  boxes_flow=None skips pdfminer's own (slow, and on two-column
# UN records wrong) ordering of text boxes: we only need its lines.  detect_vertical=False
# keeps rotated margin notes out of the way.
LAPARAMS = {
    "line_overlap": 0.5,
    "char_margin": 2.0,
    "word_margin": 0.1,
    "line_margin": 0.5,
    "boxes_flow": None,
    "detect_vertical": False,
    "all_texts": True,
}

_ZONE = 0.12  # top and bottom share of the page height where headers and footers live
_ZONE_ROWS = 3  # at most this many baselines from each edge are header/footer candidates
_SENTENCE_END = re.compile(r"[.!?:;…»\"”’)]$")
_LEADERS = re.compile(r"\s*(?:\.\s?){5,}\s*")


class PDFFailure(Exception):
    """The PDF cannot be read; the message is one line for the user."""


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


@dataclass
class PdfText:
    paragraphs: list[str]
    pages: int
    images: int = 0  # pages that carry an image (for "scanned" diagnostics)
    undecoded: int = 0  # glyphs pdfminer could not map to Unicode


# -- reading pages ---------------------------------------------------------------------------


@dataclass
class _Frag:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    bold: str = ""


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _bold_lead(objs) -> str:
    """The text of the leading bold characters of a line (font weight from the font name)."""
    from pdfminer.layout import LTChar

    out: list[str] = []
    for obj in objs:
        if isinstance(obj, LTChar):
            if not _BOLD_FONT.search(obj.fontname):
                break
        out.append(obj.get_text())
    return _clean_text("".join(out)) if out else ""


def _fragments(layout, stats: dict[str, int]) -> list[_Frag]:
    from pdfminer.layout import LTChar, LTFigure, LTImage, LTTextBox, LTTextLineHorizontal

    out: list[_Frag] = []

    def walk(container) -> None:
        for obj in container:
            if isinstance(obj, LTTextLineHorizontal):
                add(obj)
            elif isinstance(obj, (LTTextBox, LTFigure)):
                walk(obj)
            elif isinstance(obj, LTImage):
                stats["images"] += 1

    def add(line) -> None:
        first = next((c for c in line if isinstance(c, LTChar)), None)
        if first is None or not first.upright:
            return
        raw = line.get_text()
        if "(cid:" in raw:
            stats["undecoded"] += raw.count("(cid:")
        lines.append((line, raw))

    lines: list[tuple[object, str]] = []
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
                out.append(_Frag(text, line.x0, line.y0, line.x1, line.y1, _bold_lead(line)))
    return out


def _clean_text(raw: str) -> str:
    if "(cid:" in raw:
        raw = clean.strip_cid(raw)
    return clean.normalize_chars(raw).strip()


def _cut_at_gaps(line) -> list[_Frag]:
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
            out.append(_Frag(text, min(c.x0 for c in chars), min(c.y0 for c in chars),
                             max(c.x1 for c in chars), max(c.y1 for c in chars),
                             _bold_lead(piece)))
    return out


def _find_gutter(frags: list[_Frag]) -> tuple[float, float] | None:
    if len(frags) < 6:
        return None
    left_edge = min(f.x0 for f in frags)
    right_edge = max(f.x1 for f in frags)
    width = right_edge - left_edge
    if width < 120:
        return None
    # Lines across most of the page (a title, a record's masthead or its boxed note) and
    # lines with dot leaders (a record's "President: Mr. X ..... (Country)") are spanning
    # lines whatever the columns are: they do not count against a gutter.
    frags = [f for f in frags if f.x1 - f.x0 < 0.6 * width and not _LEADERS.search(f.text)]
    n = len(frags)
    if n < 6:
        return None
    size = int(width) + 2
    diff = [0] * (size + 1)
    for f in frags:
        a = max(0, int(f.x0 - left_edge))
        b = min(size, int(f.x1 - left_edge) + 1)
        diff[a] += 1
        diff[b] -= 1
    coverage = []
    running = 0
    for d in diff[:size]:
        running += d
        coverage.append(running)
    tolerance = int(0.05 * n)
    lo, hi = int(0.2 * width), int(0.8 * width)
    runs: list[tuple[int, int]] = []
    start = None
    for x in range(lo, hi + 1):
        if coverage[x] <= tolerance:
            if start is None:
                start = x
        elif start is not None:
            runs.append((start, x - 1))
            start = None
    if start is not None:
        runs.append((start, hi))
    best = None
    need = max(3, 0.15 * n)
    for run, narrow in zip(runs, _narrowest(runs, coverage), strict=True):
        # the stretch fewest lines cross, unless that is a sliver (one line ending inside
        # the gutter): then the whole run, which stays under the tolerance anyway
        a, b = narrow if narrow[1] - narrow[0] >= 2 else run
        if b - a < 2:
            continue
        gx0, gx1 = left_edge + a, left_edge + b + 1
        left = [f for f in frags if f.x1 <= gx0 + 1]
        right = [f for f in frags if f.x0 >= gx1 - 1]
        if len(left) < need or len(right) < need:
            continue
        # The two sides must stand beside each other, not one above the other.
        top = min(max(f.y1 for f in left), max(f.y1 for f in right))
        bottom = max(min(f.y0 for f in left), min(f.y0 for f in right))
        shorter = min(max(f.y1 for f in s) - min(f.y0 for f in s) for s in (left, right))
        if top - bottom < 0.3 * shorter:
            continue
        score = (min(len(left), len(right)), b - a)
        if best is None or score > best[0]:
            best = (score, (gx0, gx1))
    return best[1] if best else None


def _narrowest(runs: list[tuple[int, int]], coverage: list[int]) -> list[tuple[int, int]]:
    """Each run cut down to its widest stretch of lowest coverage.

    A gutter run may extend into a column whose lines are partly indented (a block quote):
    only the part that the fewest lines cross is the gutter.
    """
    out = []
    for a, b in runs:
        low = min(coverage[a : b + 1])
        best = None
        start = None
        for x in range(a, b + 2):
            if x <= b and coverage[x] == low:
                if start is None:
                    start = x
            elif start is not None:
                if best is None or x - 1 - start > best[1] - best[0]:
                    best = (start, x - 1)
                start = None
        out.append(best or (a, b))
    return out


def _rows(frags: list[_Frag]) -> list[Row]:
    """Fragments grouped into rows (shared baseline, close together), top to bottom."""
    frags = sorted(frags, key=lambda f: -(f.y0 + f.y1) / 2)
    rows: list[list[_Frag]] = []
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
        merged: list[list[_Frag]] = [pieces]
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


def _order(frags: list[_Frag], page: int, depth: int = 0) -> list[Segment]:
    """Segments of one page (or band) in reading order."""
    if not frags:
        return []
    gutter = _find_gutter(frags) if depth < 4 else None
    if gutter is None:
        return [Segment(_rows(frags), page=page)]
    gx0, gx1 = gutter
    left: list[_Frag] = []
    right: list[_Frag] = []
    spanning: list[_Frag] = []
    for f in frags:
        if f.x1 <= gx0 + 1:
            left.append(f)
        elif f.x0 >= gx1 - 1:
            right.append(f)
        else:
            spanning.append(f)
    spanning.sort(key=lambda f: -(f.y0 + f.y1) / 2)
    out: list[Segment] = []
    done_left = done_right = 0
    left.sort(key=lambda f: -(f.y0 + f.y1) / 2)
    right.sort(key=lambda f: -(f.y0 + f.y1) / 2)
    i = 0
    while i <= len(spanning):
        cut = (spanning[i].y0 + spanning[i].y1) / 2 if i < len(spanning) else float("-inf")
        j = done_left
        while j < len(left) and (left[j].y0 + left[j].y1) / 2 > cut:
            j += 1
        k = done_right
        while k < len(right) and (right[k].y0 + right[k].y1) / 2 > cut:
            k += 1
        out.extend(_order(left[done_left:j], page, depth + 1))
        out.extend(_order(right[done_right:k], page, depth + 1))
        done_left, done_right = j, k
        if i < len(spanning):
            # consecutive spanning lines with nothing beside them form one segment
            group = [spanning[i]]
            while i + 1 < len(spanning) and not _between(
                left, right, done_left, done_right, (spanning[i + 1].y0 + spanning[i + 1].y1) / 2
            ):
                i += 1
                group.append(spanning[i])
            out.append(Segment(_rows(group), page=page))
        i += 1
    return [s for s in out if s.rows]


def _between(left, right, dl, dr, cut) -> bool:
    """Whether a side column has lines above ``cut`` that are not yet placed."""
    return (dl < len(left) and (left[dl].y0 + left[dl].y1) / 2 > cut) or (
        dr < len(right) and (right[dr].y0 + right[dr].y1) / 2 > cut
    )


def _split_edges(frags: list[_Frag], y_bottom: float, y_top: float
                 ) -> tuple[list[_Frag], list[_Frag], list[_Frag]]:
    """(top edge, body, bottom edge): header and footer lines set apart by a clear gap.

    Candidates are the first few baselines from an edge that lie within the edge zone; they
    count as an edge block only when a gap of more than 1.3 line heights separates them from
    the rest of the page, so the first body line of a page is never taken for a header.
    """
    if len(frags) < 2:
        return [], frags, []
    height = max(y_top - y_bottom, 1.0)
    ordered = sorted(frags, key=lambda f: -(f.y0 + f.y1) / 2)
    lines: list[list[_Frag]] = []  # baselines, top to bottom
    for f in ordered:
        if lines and min(lines[-1][0].y1, f.y1) - max(lines[-1][0].y0, f.y0) > 0.3 * max(
            f.y1 - f.y0, 1.0
        ):
            lines[-1].append(f)
        else:
            lines.append([f])

    def cut(seq: list[list[_Frag]], inside, gap_between) -> int:
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


def _short(row: Row, seg: Segment) -> bool:
    return row.x1 < seg.x0 + 0.8 * seg.width and bool(_SENTENCE_END.search(row.text))


def _starts_paragraph(row: Row, seg: Segment, nxt: Row | None, prev: Row | None,
                     prev_seg: Segment | None, ratio: float) -> bool:
    if prev is None or prev_seg is None:
        return True
    if abs(row.h - prev.h) > 0.2 * max(row.h, prev.h):
        return True  # a heading, or back from one
    if _LEADERS.search(row.text) or _LEADERS.search(prev.text):
        return True  # table-of-contents or list-of-members rows
    if _indented(row, seg) and (nxt is None or nxt.x0 < row.x0 - 2) and (
        prev_seg is not seg or abs(prev.x0 - row.x0) > 2
    ):
        return True
    if prev_seg is seg:
        pitch = prev.y0 - row.y0
        return pitch > 1.3 * ratio * max(row.h, prev.h) or pitch < 0 or _short(prev, seg)
    return _short(prev, prev_seg)


def _group(segments: list[Segment], ratio: float) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    prev: Row | None = None
    prev_seg: Segment | None = None
    for seg in segments:
        for i, row in enumerate(seg.rows):
            nxt = seg.rows[i + 1] if i + 1 < len(seg.rows) else None
            if _starts_paragraph(row, seg, nxt, prev, prev_seg, ratio) and current:
                paragraphs.append(current)
                current = []
            current.append(_LEADERS.sub(" ... ", row.text))
            prev, prev_seg = row, seg
    if current:
        paragraphs.append(current)
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
    prev: Row | None = None
    prev_seg: Segment | None = None
    waiting: list[list[str]] = []  # edge paragraphs to place at the next paragraph break
    footers: list[list[str]] = []  # the last page's footers, placed once the next page starts
    body_page: int | None = None
    for seg in segments:
        if seg.edge:
            target = footers if seg.page == body_page else waiting
            target.extend(_group([seg], ratio))
            continue
        if seg.page != body_page:
            body_page = seg.page
            waiting = footers + waiting
            footers = []
        for i, row in enumerate(seg.rows):
            nxt = seg.rows[i + 1] if i + 1 < len(seg.rows) else None
            if _starts_paragraph(row, seg, nxt, prev, prev_seg, ratio):
                if current:
                    out.append(current)
                    current = []
                out.extend(waiting)
                waiting = []
            current.append(_LEADERS.sub(" ... ", row.text))
            prev, prev_seg = row, seg
    if current:
        out.append(current)
    out.extend(footers + waiting)
    return out


# -- the whole document ------------------------------------------------------------------------


def check_complete(path: Path) -> None:
    """Raise :class:`PDFFailure` unless the file looks like a whole PDF."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
        if b"%PDF-" not in head:
            raise PDFFailure("not a PDF file (no %PDF header)")
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise PDFFailure("PDF is truncated (no end-of-file marker; the download may be incomplete)")


def iter_segments(path: Path, stats: dict[str, int]) -> Iterator[Segment]:
    import logging

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    # pdfminer warns about every oddity of a file ("CropBox missing..."); not for our users.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    for number, layout in enumerate(extract_pages(path, laparams=LAParams(**LAPARAMS)), 1):
        stats["pages"] = number
        frags = _fragments(layout, stats)
        top, body, bottom = _split_edges(frags, layout.bbox[1], layout.bbox[3])
        if top:
            yield _edge_segment(top, number)
        yield from _order(body, number)
        if bottom:
            yield _edge_segment(bottom, number)


def _edge_segment(frags: list[_Frag], page: int) -> Segment:
    rows = _rows(frags)
    for r in rows:
        r.edge = True
    return Segment(rows, page=page, edge=True)


def remove_furniture(segments: list[Segment]) -> list[Segment]:
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


def read_segments(path: Path, stats: dict[str, int] | None = None) -> list[Segment]:
    """Every segment of a PDF in reading order, headers and footers included (``edge``);
    raises :class:`PDFFailure` with a one-line reason."""
    check_complete(path)
    if stats is None:
        stats = {}
    stats.update(pages=0, images=0, undecoded=0)
    try:
        return list(iter_segments(path, stats))
    except PDFFailure:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types; all mean "cannot read this file"
        raise PDFFailure(describe_error(exc)) from exc


def extract_pdf(path: Path) -> PdfText:
    """Paragraph texts of a PDF; raises :class:`PDFFailure` with a one-line reason."""
    stats: dict[str, int] = {}
    segments = remove_furniture(read_segments(path, stats))
    groups = paragraphs_of(segments)
    dehyphenator = clean.Dehyphenator(line for group in groups for line in group)
    paragraphs = [clean.join_lines(g, dehyphenator) for g in groups]
    return PdfText(paragraphs, stats["pages"], stats["images"], stats["undecoded"])


def describe_error(exc: BaseException) -> str:
    """A one-line reason for a pdfminer exception."""
    name = type(exc).__name__
    message = " ".join(str(exc).split())
    if name in ("PDFPasswordIncorrect",):
        return "PDF is encrypted and needs a password to open"
    if name == "PDFEncryptionError" or "encrypt" in message.lower():
        return f"PDF encryption not supported: {message or name}"
    if name in ("PDFSyntaxError", "PSEOF", "PSSyntaxError", "PDFNoValidXRef"):
        return f"PDF is damaged ({name}: {message})" if message else f"PDF is damaged ({name})"
    if len(message) > 160:
        message = message[:157] + "..."
    return f"PDF cannot be read ({name}: {message})" if message else f"PDF cannot be read ({name})"
