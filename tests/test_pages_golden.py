"""Golden pages: real sites' templates (chrome included) -> the plan written by hand.

Each folder of ``tests/pages/`` holds the pages of one site family; next to each page
``NAME.html`` is ``NAME.plan.json``: the page's address (``source``), the meeting's year, whether
that year must be given (``year_given``: the page reports several meetings) and the statements a
reader sees on the page.  One parametrized test covers every folder (ids ``FOLDER-PAGE``; the
folder names the layout that must claim its pages), in the manner of yt-dlp's ``_TESTS``.
``python tests/test_pages_golden.py`` prints precision and recall of every page.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from r2p_archive.errors import UnusableInput
from r2p_archive.pages import Document, layout_for, plan

PAGES = Path(__file__).parent / "pages"
FIXTURES = Path(__file__).parent / "fixtures" / "pages"
FIELDS = ("speaker", "speaker_type", "iso3", "languages", "url", "note")


def cases() -> list:
    """Every page of every folder, with the layout that must claim it (the folder's name)."""
    return [pytest.param(p, folder.name, id=f"{folder.name}-{p.stem}")
            for folder in sorted(d for d in PAGES.iterdir() if d.is_dir())
            for p in sorted(folder.glob("*.html"))]


def expected(page: Path) -> dict:
    return json.loads(page.with_suffix("").with_suffix(".plan.json").read_text("utf-8"))


def row(statement) -> tuple:
    if isinstance(statement, dict):
        return tuple(tuple(statement[f]) if f == "languages" else statement[f] for f in FIELDS)
    return tuple(getattr(statement, f) for f in FIELDS)


def run(page: Path) -> tuple[list, dict, str]:
    want = expected(page)
    document = Document(want["source"], page.read_bytes(), want.get("content_type"))
    name = layout_for(document).NAME
    got = plan(document, want["year"] if want["year_given"] else None)
    return got, want, name


def scores(got: list, want: list) -> tuple[float, float]:
    got = [g if isinstance(g, tuple) else row(g) for g in got]
    want = [w if isinstance(w, tuple) else row(w) for w in want]
    hits = sum((Counter(got) & Counter(want)).values())
    precision = hits / len(got) if got else float(not want)
    recall = hits / len(want) if want else 1.0
    return precision, recall


def check(page: Path, layout: str) -> None:
    got, want, name = run(page)
    assert name == layout
    assert {s.year for s in got} == ({want["year"]} if want["statements"] else set())
    assert [row(s) for s in got] == [row(s) for s in want["statements"]]
    if want["year_given"]:  # several meetings on the page: without --year it asks for one
        with pytest.raises(UnusableInput, match="--year"):
            plan(Document(want["source"], page.read_bytes()), None)


@pytest.mark.parametrize("page, layout", cases())
def test_golden_page(page, layout):
    check(page, layout)


def main() -> int:
    print(f"{'page':44} {'layout':10} {'planned':>7} {'truth':>5} {'precision':>9} {'recall':>7}")
    for page in sorted(PAGES.glob("*/*.html")):
        try:
            got, want, name = run(page)
        except Exception as exc:  # a report, not a test: say what failed and go on
            print(f"{page.parent.name + '/' + page.name:44} failed: {exc}")
            continue
        p, r = scores(got, want["statements"])
        print(f"{page.parent.name + '/' + page.name:44} {name:10} {len(got):7} "
              f"{len(want['statements']):5} {p:9.1%} {r:7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# the fixture pages of test_pageparse, through the layouts (a Joomla-like page goes to joomla)
FIXTURE_PLANS = [
    ("dialogue_2014_messy.html", "test_pageparse:BASE", 2014, "MESSY_2014"),
    ("dialogue_2016_table.html", "http://gcr2p-fixture.test/statements/2016-dialogue", 2016,
     "TABLE_2016"),
    ("dialogue_2015_list.html", "https://fixture-r2p.test/2015/dialogue/", 2015, "LIST_2015"),
    ("dialogue_2013_naive.html", "test_pageparse:NAIVE_BASE", 2013, "NAIVE_2013"),
]


@pytest.mark.parametrize("name, source, year, truth", FIXTURE_PLANS)
def test_fixture_pages_through_the_layouts(name, source, year, truth):
    import test_pageparse

    if source.startswith("test_pageparse:"):
        source = getattr(test_pageparse, source.split(":")[1])
    document = Document(source, (FIXTURES / name).read_bytes())
    got = plan(document, None)
    want = getattr(test_pageparse, truth)
    assert {s.year for s in got} == {year}
    assert scores([row(s) for s in got], want) == (1.0, 1.0)
    assert [row(s) for s in got] == want
