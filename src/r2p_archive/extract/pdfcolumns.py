"""Columns of a PDF page (step 1 of :mod:`r2p_archive.extract.pdf`): the gutter between two
columns, and a page's fragments as segments in reading order."""

from __future__ import annotations

from r2p_archive.extract.pdflayout import LEADERS, Frag, Segment, rows_of


def find_gutter(frags: list[Frag]) -> tuple[float, float] | None:
    """The gutter between two columns as (x0, x1) on the page, or None (one column)."""
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
    frags = [f for f in frags if f.x1 - f.x0 < 0.6 * width and not LEADERS.search(f.text)]
    n = len(frags)
    if n < 6:
        return None
    coverage = _coverage(frags, left_edge, int(width) + 2)
    runs = _quiet_runs(coverage, int(0.2 * width), int(0.8 * width), int(0.05 * n))
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
        if len(left) < need or len(right) < need or not _side_by_side(left, right):
            continue
        score = (min(len(left), len(right)), b - a)
        if best is None or score > best[0]:
            best = (score, (gx0, gx1))
    return best[1] if best else None


def _coverage(frags: list[Frag], left_edge: float, size: int) -> list[int]:
    """How many fragments cross each of the ``size`` unit columns right of ``left_edge``."""
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
    return coverage


def _quiet_runs(coverage: list[int], lo: int, hi: int, tolerance: int) -> list[tuple[int, int]]:
    """The runs between ``lo`` and ``hi`` (inclusive) that at most ``tolerance`` lines cross."""
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
    return runs


def _side_by_side(left: list[Frag], right: list[Frag]) -> bool:
    """The two sides of a gutter stand beside each other, not one above the other."""
    top = min(max(f.y1 for f in left), max(f.y1 for f in right))
    bottom = max(min(f.y0 for f in left), min(f.y0 for f in right))
    shorter = min(max(f.y1 for f in s) - min(f.y0 for f in s) for s in (left, right))
    return top - bottom >= 0.3 * shorter


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



def order_segments(frags: list[Frag], page: int, depth: int = 0) -> list[Segment]:
    """Segments of one page (or band) in reading order."""
    if not frags:
        return []
    gutter = find_gutter(frags) if depth < 4 else None
    if gutter is None:
        return [Segment(rows_of(frags), page=page)]
    gx0, gx1 = gutter
    left: list[Frag] = []
    right: list[Frag] = []
    spanning: list[Frag] = []
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
        out.extend(order_segments(left[done_left:j], page, depth + 1))
        out.extend(order_segments(right[done_right:k], page, depth + 1))
        done_left, done_right = j, k
        if i < len(spanning):
            # consecutive spanning lines with nothing beside them form one segment
            group = [spanning[i]]
            while i + 1 < len(spanning) and not _between(
                left, right, done_left, done_right, (spanning[i + 1].y0 + spanning[i + 1].y1) / 2
            ):
                i += 1
                group.append(spanning[i])
            out.append(Segment(rows_of(group), page=page))
        i += 1
    return [s for s in out if s.rows]


def _between(left: list[Frag], right: list[Frag], dl: int, dr: int, cut: float) -> bool:
    """Whether a side column has lines above ``cut`` that are not yet placed."""
    return (dl < len(left) and (left[dl].y0 + left[dl].y1) / 2 > cut) or (
        dr < len(right) and (right[dr].y0 + right[dr].y1) / 2 > cut
    )

