"""Figures shared by the benchmark scripts."""

from __future__ import annotations


def pct(values: list[float], p: float) -> float:
    """The ``p`` quantile (0 < p < 1) of ``values``: the value at index ``int(p * n)`` of the
    sorted values, the largest for ``p`` near 1."""
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]
