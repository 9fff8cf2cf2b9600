"""The bundled catalog (data/dialogues.json, schema 2), user catalog files (schema 1 and 2) and
`r2p dialogues`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from archive_factory import build_corpus
from click.testing import CliRunner

from r2p_archive import catalog
from r2p_archive.catalog import CONFIDENCES, Source
from r2p_archive.cli import cli
from r2p_archive.errors import UnusableInput
from r2p_archive.fetch import default_sources

DATA = Path(__file__).resolve().parents[1] / "data" / "dialogues.json"
ICRTOP_2013 = ("http://www.responsibilitytoprotect.org/index.php/component/content/article/"
               "35-r2pcs-topics/5004-united-nations-general-assembly-holds-fifth-informal-"
               "interactive-dialogue-on-the-responsibility-to-protect")


@pytest.fixture(scope="module")
def cat() -> catalog.Catalog:
    return catalog.load()


def year(cat: catalog.Catalog, y: int) -> catalog.Dialogue:
    found = [d for d in cat.dialogues if d.year == y]
    assert len(found) == 1
    return found[0]


def records(cat, y):
    return [(r.symbol, r.date, r.confidence, r.verified) for r in year(cat, y).records]


# -- the bundled catalog ------------------------------------------------------------------------

def test_every_year_2009_to_2025_once(cat):
    assert [d.year for d in cat.dialogues] == list(range(2009, 2026))


def test_the_file_is_what_the_catalog_writes(cat):
    data = json.loads(DATA.read_text("utf-8"))
    assert data["schema"] == 2
    assert data["dialogues"] == [d.to_json() for d in cat.dialogues]


def test_2020_had_no_meeting(cat):
    d = year(cat, 2020)
    assert (d.format, d.date, d.dates, d.end_date, d.report) == ("none", None, (), None, None)
    assert (d.records, d.press_releases, d.sources, d.speakers_stated) == ((), (), (), None)
    assert d.notes == ("no meeting (COVID-19)",)


def test_formats(cat):
    assert {d.year: d.format for d in cat.dialogues if d.format != "debate"} == {
        **{y: "dialogue" for y in range(2010, 2018)}, 2020: "none"}


def test_record_symbols_are_verbatim_record_symbols(cat):
    symbols = [r.symbol for d in cat.dialogues for r in d.records]
    assert len(symbols) == 20 == len(set(symbols))
    assert all(re.fullmatch(r"A/\d{2}/PV\.\d{1,3}", s) for s in symbols)


def test_verified_exactly_when_high(cat):
    items = [x for d in cat.dialogues for x in (*d.records, *d.press_releases, *d.sources)]
    assert items
    for x in items:
        assert x.confidence in CONFIDENCES
        assert x.verified is (x.confidence == "high")
    assert {d.report_confidence for d in cat.dialogues if d.report} == {"high"}
    assert [d.year for d in cat.dialogues if d.report is None] == [2020, 2023, 2024, 2025]
    assert all(d.report_confidence is None for d in cat.dialogues if d.report is None)


def test_2009_records(cat):
    assert records(cat, 2009) == [
        ("A/63/PV.97", "2009-07-23", "inferred", False),
        ("A/63/PV.98", "2009-07-24", "inferred", False),
        ("A/63/PV.99", "2009-07-24", "inferred", False),
        ("A/63/PV.100", "2009-07-28", "high", True),
        ("A/63/PV.101", "2009-07-28", "high", True),
    ]
    d = year(cat, 2009)
    assert d.dates == ("2009-07-23", "2009-07-24", "2009-07-28")
    assert [(p.symbol, p.url, p.confidence) for p in d.press_releases] == [
        ("GA/10847", "https://press.un.org/en/2009/ga10847.doc.htm", "inferred"),
        ("GA/10849", "https://press.un.org/en/2009/ga10849.doc.htm", "inferred"),
        ("GA/10850", None, "high"),
    ]


def test_2019_2022_2023_2024_records(cat):
    assert records(cat, 2019) == [("A/73/PV.93", "2019-06-27", "high", True),
                                  ("A/73/PV.94", None, "inferred", False),
                                  ("A/73/PV.95", None, "inferred", False)]
    assert records(cat, 2022) == [("A/76/PV.86", None, "uncertain", False),
                                  ("A/76/PV.87", "2022-06-23", "high", True),
                                  ("A/76/PV.88", "2022-06-24", "high", True)]
    assert records(cat, 2023) == [("A/77/PV.83", "2023-06-26", "medium", False),
                                  ("A/77/PV.84", "2023-06-26", "medium", False)]
    assert [r.date_confidence for r in year(cat, 2024).records] == ["medium", "medium"]
    assert records(cat, 2018) == [("A/72/PV.99", "2018-06-25", "high", True),
                                  ("A/72/PV.100", "2018-06-25", "high", True)]


def test_2025_has_no_record_report_or_press_release(cat):
    d = year(cat, 2025)
    assert (d.records, d.press_releases, d.report, d.title) == ((), (), None, None)
    assert d.dates == ("2025-06-25", "2025-07-01", "2025-07-25")
    assert d.page_urls == ("https://www.globalr2p.org/publications/summary-of-the-2025-un-general-"
                           "assembly-plenary-meeting-on-the-responsibility-to-protect",)
    assert "verbatim records not found" in d.notes


def test_record_symbols_keep_only_the_verified(cat):
    assert year(cat, 2009).record_symbols() == ("A/63/PV.100", "A/63/PV.101")
    assert year(cat, 2009).record_symbols(verified_only=False) == (
        "A/63/PV.97", "A/63/PV.98", "A/63/PV.99", "A/63/PV.100", "A/63/PV.101")
    assert year(cat, 2022).record_symbols() == ("A/76/PV.87", "A/76/PV.88")
    assert year(cat, 2023).record_symbols() == ()
    assert year(cat, 2015).record_symbols(False) == ()


def test_year_of_source(cat):
    assert cat.year_of_source(ICRTOP_2013.replace("http://www.", "https://") + "/") == 2013
    assert cat.year_of_source("https://www.un.org/press/en/2021/ga12324.doc.htm") == 2021
    assert cat.year_of_source("http://example.test/") is None


def test_sources_of_a_few_years(cat):
    d = year(cat, 2013)
    assert d.sources == (
        Source(ICRTOP_2013, "ICRtoP", "medium", False, None),
        Source("http://www.globalr2p.org/publications/267", "GCR2P", "high", True, None),
    )
    assert [(s.publisher, s.url) for s in year(cat, 2021).sources] == [
        ("GCR2P", "https://globalr2p.org/publications/summary-of-the-2021-un-general-assembly-"
                  "plenary-meeting-on-the-responsibility-to-protect"),
        ("UN", "https://press.un.org/en/2021/ga12323.doc.htm"),
        ("UN", "https://www.un.org/press/en/2021/ga12324.doc.htm"),
    ]
    assert len(year(cat, 2009).page_urls) == 7
    assert sum(len(d.page_urls) for d in cat.dialogues) == 38


def test_fetch_reads_the_page_urls(cat):
    assert default_sources(cat, 2013) == (list(year(cat, 2013).page_urls), [])
    assert default_sources(cat, 2020) == ([], [])
    assert default_sources(cat, 2018) == (
        [*year(cat, 2018).page_urls, "A/72/PV.99", "A/72/PV.100"], ["A/72/PV.99", "A/72/PV.100"])
    pages, records = default_sources(cat, None)
    assert len(pages) == 38 + len(records)


def test_speakers_stated(cat):
    s = year(cat, 2013).speakers_stated
    assert s is not None
    assert s.text == "69 states (another GCR2P page: 68) + 1 RO + 2 CSOs"
    assert (s.states, s.organizations, s.civil_society, s.observers, s.on_behalf_of_states) == (
        69, 1, 2, 0, None)
    assert s.short == "69+1+2"
    s = year(cat, 2017).speakers_stated
    assert s is not None
    assert (s.states, s.organizations, s.civil_society, s.observers, s.on_behalf_of_states) == (
        73, 1, 5, 2, 98)


def test_titles_only_where_known(cat):
    assert [d.year for d in cat.dialogues if d.title is None] == [2019, 2020, 2023, 2024, 2025]
    assert year(cat, 2010).title == "Early warning, assessment and the responsibility to protect"


# -- user catalog files -------------------------------------------------------------------------

def write(tmp_path, data) -> Path:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data))
    return path


def test_schema_1_file_loads_and_merges(tmp_path):
    path = write(tmp_path, {"schema": 1, "dialogues": [
        {"year": 2013, "date": "2013-09-11", "format": "informal interactive dialogue",
         "title": "Other", "report": "A/67/929",
         "sources": ["http://mirror.test/2013.html", ICRTOP_2013.replace("www.", "")]},
        {"year": 2026, "date": "2026-06-30", "format": "plenary debate", "title": "Next",
         "report": "", "sources": ["http://mirror.test/2026.html"]},
    ]})
    cat = catalog.load(path)
    assert [d.year for d in cat.dialogues] == list(range(2009, 2027))
    d = year(cat, 2013)
    assert d.title == "Responsibility to protect: State responsibility and prevention"
    assert d.page_urls == (ICRTOP_2013, "http://www.globalr2p.org/publications/267",
                           "http://mirror.test/2013.html")
    assert d.sources[-1] == Source("http://mirror.test/2013.html", None, "uncertain", False,
                                   "from a schema-1 catalog file")
    new = year(cat, 2026)
    assert (new.format, new.date, new.dates, new.report, new.records) == (
        "debate", "2026-06-30", ("2026-06-30",), None, ())
    assert cat.year_of_source("http://mirror.test/2026.html") == 2026


def test_schema_2_file_adds_records(tmp_path):
    path = write(tmp_path, {"schema": 2, "dialogues": [
        {"year": 2018, "date": "2018-06-25", "dates": ["2018-06-25", "2018-07-02"],
         "format": "debate", "records": [
             {"symbol": "A/72/PV.99", "confidence": "medium"},
             {"symbol": "A/72/PV.105", "date": "2018-07-02", "confidence": "high"}]}]})
    cat = catalog.load(path)
    assert records(cat, 2018)[-1] == ("A/72/PV.105", "2018-07-02", "high", True)
    assert year(cat, 2018).record_symbols() == ("A/72/PV.99", "A/72/PV.100", "A/72/PV.105")


@pytest.mark.parametrize("row, message", [
    ({"symbol": "A/72/PV.1", "confidence": "sure"},
     "confidence 'sure' is not one of high, medium, inferred, uncertain"),
    ({"symbol": "A/72/PV.1", "confidence": "inferred", "verified": True},
     "verified is True with confidence 'inferred'"),
])
def test_bad_confidence_is_unusable(tmp_path, row, message):
    path = write(tmp_path, {"dialogues": [{"year": 2018, "date": None, "dates": [],
                                           "format": "debate", "records": [row]}]})
    with pytest.raises(UnusableInput) as err:
        catalog.load(path)
    assert str(err.value) == f"catalog {path} is not in the catalog format: {message}"


def test_bad_format_is_unusable(tmp_path):
    path = write(tmp_path, {"dialogues": [{"year": 2018, "date": "2018-06-25", "format": "x"}]})
    with pytest.raises(UnusableInput, match="format 'x' is not one of debate, dialogue, none"):
        catalog.load(path)


# -- r2p dialogues ------------------------------------------------------------------------------

TABLE_HEAD = [  # all 17 years: the widest dates are 2025's
    "Year  Dates             Format    Report     Records  Pages  Speakers  Archived",
    "─" * 79,
]


def r2p(*args, archive=None):
    pre = ["--archive", str(archive)] if archive else []
    fmt = [] if "--json" in args or "--format" in args else ["--format", "table"]
    return CliRunner().invoke(cli, [*pre, "dialogues", *args, *fmt], catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    build_corpus(tmp_path / "arc")  # 2012: 1, 2013: 3, 2014: 2, 2015: 3 statements
    return tmp_path / "arc"


def test_dialogues_table_without_archive(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    res = r2p()
    assert res.exit_code == 0
    lines = [line.rstrip() for line in res.stdout.splitlines()]
    assert lines[:2] == TABLE_HEAD
    assert len(lines) == 2 + 17
    assert lines[2] == "2009  07-23, 24, 28     debate    A/63/677       2/5      7    94+0+0         –"
    assert lines[13] == "2020  –                 none      –                –      –         –         –"
    assert lines[18] == "2025  06-25, 07-01, 25  debate    –                –      1    58+1+0         –"


def test_dialogues_table_with_archive(corpus, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    res = r2p("--year", "2012-2014", "--year", "2018", archive=corpus)
    assert res.exit_code == 0
    assert [line.rstrip() for line in res.stdout.splitlines()] == [
        "Year  Dates         Format    Report    Records  Pages  Speakers  Archived",
        "─" * 74,
        "2012  09-05         dialogue  A/66/874        –      3    58+1+2         1",
        "2013  09-11         dialogue  A/67/929        –      2    69+1+2         3",
        "2014  09-08         dialogue  A/68/947        –      2    67+1+4         2",
        "2018  06-25, 07-02  debate    A/72/884      2/2      1    79+1+0         0",
    ]


def test_dialogues_json_counts_archived_statements(corpus):
    res = r2p("--json", archive=corpus)
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert {d["year"]: d["archived"] for d in data} == {
        **{y: 0 for y in range(2009, 2026)}, 2012: 1, 2013: 3, 2014: 2, 2015: 3}
    full = year(catalog.load(), 2009)
    assert data[0] == {**full.to_json(), "archived": 0}


def test_dialogues_json_one_year_and_no_archive(tmp_path):
    res = r2p("--year", "2014", "--json", archive=tmp_path / "none")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert [(d["year"], d["archived"]) for d in data] == [(2014, None)]
    assert not (tmp_path / "none").exists()


def test_dialogues_empty_archive_shows_dashes(tmp_path):
    (tmp_path / "empty").mkdir()
    res = r2p("--json", "--year", "2013", archive=tmp_path / "empty")
    assert [d["archived"] for d in json.loads(res.stdout)] == [None]


def test_dialogues_year_outside_the_catalog():
    res = r2p("--year", "2030")
    assert (res.exit_code, res.stdout) == (0, "The catalog has no meeting in these years.\n")
    res = r2p("--year", "2030", "--json")
    assert (res.exit_code, res.stdout) == (0, "[]\n")


def test_dialogues_bad_year_is_a_usage_error():
    res = r2p("--year", "2014-2012")
    assert res.exit_code == 2
    assert res.stderr == 'r2p: error: bad year range "2014-2012": the end is before the start\n'
