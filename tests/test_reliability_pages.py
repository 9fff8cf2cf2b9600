"""Hostile dialogue pages: path-like and look-alike names, dangerous link schemes, a 10 MB page,
20,000 links, and bytes that are not HTML.

Nothing may be written outside the archive folder, non-http(s) links are never planned as
documents, each run ends in bounded time (< 30 s) and memory (peak RSS < 1 GB), and exit codes
are 0 or 2 with one-line errors and no traceback.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from docgen import make_pdf
from test_reliability_common import files_under, one_line_error, r2p, record_at_session_end

from r2p_archive.pages.generic import parse_page

HEADING = "<h1>Informal interactive dialogue on the responsibility to protect, 8 September 2015</h1>"
HOSTILE_NAMES = [
    "Global Centre for the Responsibility to Protect/../../../tmp/x",
    "International Coalition ../../etc",
    "/etc/passwd",
    "Bra\x00zil",
    "Z" * 500,
    "Asia Pacific Centre for R2P " + "Z" * 470,
    "Mr. Adama ../ Dieng",
    "C:\\Windows\\system32",
    "Br\u0430zil",  # Cyrillic a: not Brazil
    "\u0421hile",  # Cyrillic C: not Chile
    "..",
]
BAD_SCHEMES = [("Norway", "javascript:alert(document.cookie)"),
               ("Peru", "data:application/pdf;base64,JVBERi0xLjQK"),
               ("Japan", "file:///etc/passwd"),
               ("Kenya", "ftp://files.invalid/kenya.pdf"),
               ("Mexico", "  JaVaScRiPt:void(0)")]
MAX_SECONDS = 30
EXPECTED_STORED = [  # (folder, status) of each statement of the hostile page, sorted
    ("2015/BRA/en", "ok"),
    ("2015/CHL/und", "failed"),  # /docs/../../../etc/passwd is a 404 on the fixture host
    ("2015/GHA/en", "ok"),
    ("2015/JPN/und", "no_link"),
    ("2015/KEN/und", "no_link"),
    ("2015/MEX/und", "no_link"),
    ("2015/NOR/und", "no_link"),
    ("2015/PER/und", "no_link"),
    ("2015/asia-pacific-centre-for-the-responsibility-to-protect/en", "ok"),
    ("2015/international-coalition-etc/en", "ok"),
    ("2015/mr-adama-dieng/en", "ok"),
]
MAX_RSS_MB = 1024
_figures: dict[str, dict] = {}
record_at_session_end("hostile_pages", lambda: {"cases": _figures} if _figures else None)


def hostile_page(host: str) -> str:
    items = "".join(f'<li><a href="http://{host}/docs/s{i}.pdf">{name}</a></li>'
                    for i, name in enumerate(HOSTILE_NAMES))
    items += "".join(f'<li><a href="{href}">{name}</a></li>' for name, href in BAD_SCHEMES)
    items += (f'<li><a href="http://{host}/docs/..%2F..%2Fetc%2Fpasswd.pdf">Ghana</a></li>'
              f'<li><a href="http://{host}/docs/../../../etc/passwd">Chile</a></li>')
    return f"<html><body>{HEADING}<h2>Statements</h2><ul>{items}</ul></body></html>"


def test_parse_page_plans_hostile_names_safely():
    parsed = parse_page(hostile_page("127.0.0.9"), base_url="http://127.0.0.9/d.html", year=2015)
    got = [(s.speaker, s.speaker_type, s.iso3, s.url) for s in parsed.statements]
    doc = "http://127.0.0.9/docs/"
    assert got == [
        ("International Coalition ../../etc", "civil_society", None, doc + "s1.pdf"),
        ("Brazil", "state", "BRA", doc + "s3.pdf"),  # the NUL byte is dropped
        ("Asia Pacific Centre for the Responsibility to Protect", "civil_society", None,
         doc + "s5.pdf"),
        ("Mr. Adama ../ Dieng", "panelist", None, doc + "s6.pdf"),
        ("Norway", "state", "NOR", None),
        ("Peru", "state", "PER", None),
        ("Japan", "state", "JPN", None),
        ("Kenya", "state", "KEN", None),
        ("Mexico", "state", "MEX", None),
        ("Ghana", "state", "GHA", doc + "..%2F..%2Fetc%2Fpasswd.pdf"),
        ("Chile", "state", "CHL", doc + "../../../etc/passwd"),
    ]
    # each speaker whose link was refused says why
    notes = {s.speaker: s.note for s in parsed.statements if s.url is None}
    assert notes == {
        "Norway": "link refused: javascript: URLs are never followed",
        "Peru": "link refused: data: URLs are never followed",
        "Japan": "link refused: file: URLs are never followed",
        "Kenya": "link refused: ftp: URLs are never followed",
        "Mexico": "link refused: javascript: URLs are never followed",
    }
    # look-alikes never become the state they imitate
    assert [s.url for s in parsed.statements if s.iso3 == "BRA"] == [doc + "s3.pdf"]
    assert [s.url for s in parsed.statements if s.iso3 == "CHL"] == [
        doc + "../../../etc/passwd"]
    # no planned URL has a scheme other than http(s)
    assert all(s.url is None or re.match(r"https?://", s.url) for s in parsed.statements)


def test_fetch_of_a_hostile_page_writes_only_inside_the_archive(site, tmp_path):
    pdf = make_pdf(None, paragraphs=["An invented statement about prevention, early warning "
                                     "and the duty of every State to protect its people."])
    for i in range(len(HOSTILE_NAMES)):
        site.add(f"/docs/s{i}.pdf", pdf, content_type="application/pdf")
    site.add("/docs/..%2F..%2Fetc%2Fpasswd.pdf", pdf, content_type="application/pdf")
    page = site.add("/dialogue.html", hostile_page(site.host), content_type="text/html")
    outside = tmp_path / "cwd"
    outside.mkdir()
    before = files_under(tmp_path)
    ran = r2p(tmp_path / "arc", "fetch", page, "--json", "--jobs", "2", cwd=outside,
              timeout=MAX_SECONDS)  # a run that hangs fails the test
    assert "Traceback" not in ran.stderr
    assert ran.code == 1  # Chile's link is a 404
    new = {p for p in files_under(tmp_path) - before if not p.startswith("arc/")}
    assert new == {"arc"}
    assert files_under(outside) == set()
    statements = json.loads(ran.stdout)["statements"]
    assert sorted((s["path"], s["status"]) for s in statements) == EXPECTED_STORED
    paths = sorted(s["path"] for s in statements)
    assert all(re.fullmatch(r"2015/[A-Za-z0-9-]+/[a-z]{2,3}(-\d+)?", p) for p in paths), paths
    top = {p.split("/")[0] for p in files_under(tmp_path / "arc")}
    assert top <= {"2015", "pages", "index.sqlite", "index.sqlite-wal", "index.sqlite-shm",
                   ".r2p.lock", ".tmp"}, top
    assert not [p for p in (tmp_path / "arc" / ".tmp").rglob("*") if p.is_file()]
    # the page's dangerous links reached nobody: only http requests to the fixture host
    assert all(r.path.startswith(("/docs/", "/dialogue.html", "/etc/")) for r in site.log)
    assert ran.peak_rss_mb < MAX_RSS_MB
    _figures["hostile names fetch"] = {"seconds": round(ran.seconds, 1),
                                       "statements": len(statements)}


def _big_page(path, megabytes: int) -> int:
    """A dialogue page padded with invented prose to ``megabytes`` MB; returns its links."""
    para = ("<p>The Assembly heard many delegations speak about prevention, about early "
            "warning, and about the duty of every State towards its own population.</p>\n")
    names = ["Brazil", "Ghana", "Norway", "Peru", "Japan"]
    items = "".join(f'<li><a href="http://127.0.0.9/s/{n.lower()}.pdf">{n}</a></li>'
                    for n in names)
    head = f"<html><body>{HEADING}<h2>Statements</h2><ul>{items}</ul>".encode()
    filler = para.encode() * (megabytes * 2**20 // len(para) + 1)
    path.write_bytes(head + filler + b"</body></html>")
    return len(names)


def _many_links_page(path, n: int) -> None:
    from fixture_site import STATES

    items = "".join(
        f'<li><a href="http://127.0.0.9/s/{i}.pdf">{STATES[i % len(STATES)][0]}</a></li>'
        for i in range(n))
    path.write_text(f"<html><body>{HEADING}<h2>Statements</h2><ul>{items}</ul></body></html>",
                    encoding="utf-8")


CASES = ["10 MB page", "19 MB page", "25 MB page", "20,000 links", "random binary", "PDF as page", "empty file",
         "NUL bytes only", "UTF-16 garbage", "deeply nested tags"]


@pytest.mark.parametrize("case", CASES)
def test_dry_run_on_hostile_bytes_is_bounded(case, tmp_path):
    page = tmp_path / "page.html"
    rng = random.Random(CASES.index(case))
    expected_planned = None
    if case == "10 MB page":
        expected_planned = _big_page(page, 10)
    elif case == "19 MB page":  # just under the 20 MB cap on dialogue pages
        expected_planned = _big_page(page, 19)
    elif case == "25 MB page":
        _big_page(page, 25)
    elif case == "20,000 links":
        _many_links_page(page, 20_000)
        expected_planned = 20_000
    elif case == "random binary":
        page.write_bytes(rng.randbytes(2 * 2**20))
    elif case == "PDF as page":
        page.write_bytes(make_pdf(None, paragraphs=["Not a web page but a statement."]))
    elif case == "empty file":
        page.write_bytes(b"")
    elif case == "NUL bytes only":
        page.write_bytes(b"\x00" * 100_000)
    elif case == "UTF-16 garbage":
        page.write_bytes(b"\xff\xfe" + rng.randbytes(100_000))
    elif case == "deeply nested tags":
        page.write_bytes(b"<html><body>" + b"<div>" * 100_000 + HEADING.encode()
                         + b"</div>" * 100_000 + b"</body></html>")
    archive = tmp_path / "arc"
    ran = r2p(archive, "fetch", str(page), "--dry-run", "--json", "--year", "2015",
              cwd=tmp_path, timeout=MAX_SECONDS)  # a run that hangs fails the test
    assert "Traceback" not in ran.stderr
    assert ran.peak_rss_mb < MAX_RSS_MB
    assert not archive.exists()  # a dry run writes nothing
    assert files_under(tmp_path) == {"page.html"}
    if expected_planned is not None:
        assert (ran.code, ran.stderr) == (0, "")
        planned = json.loads(ran.stdout)
        assert len(planned) == expected_planned
        assert {p["url"].rsplit("/", 1)[1] for p in planned} == (
            {f"{i}.pdf" for i in range(expected_planned)} if case == "20,000 links" else
            {"brazil.pdf", "ghana.pdf", "norway.pdf", "peru.pdf", "japan.pdf"})
        outcome = f"exit 0, {len(planned)} planned"
    else:
        assert ran.code == 2
        outcome = f"exit 2: {one_line_error(ran.stderr)}"
        if case == "25 MB page":
            assert outcome == f"exit 2: r2p: error: {page}: larger than 20 MB"
        elif case == "PDF as page":  # a PDF that is no verbatim record either
            assert outcome == (f"exit 2: r2p: error: {page}: neither a dialogue page nor "
                               "a UN verbatim record")
        else:  # not HTML, or HTML without a statement: said so, not an empty plan
            assert outcome == (
                f"exit 2: r2p: error: {page}: no statements found; is it a dialogue page?")
    # peak RSS: the largest of any child process of this test run so far (an upper bound)
    _figures[case] = {"seconds": round(ran.seconds, 1), "outcome": outcome,
                      "peak_rss_mb_bound": round(ran.peak_rss_mb)}
