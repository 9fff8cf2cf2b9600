"""`r2p serve` without a browser: the pages' work (search_page, statement_page), the
Datasette app in process (routes, read-only, readable errors), the command line, and the
charts (`r2p search --count-by --plot`, r2p_archive.plot)."""

from __future__ import annotations

import asyncio
import importlib.util
import sqlite3
from html import escape

import pytest
from click.testing import CliRunner
from serve_support import RECORD, RECORD_PDF, build_web_archive

from r2p_archive import plot, serve
from r2p_archive.api import open_archive
from r2p_archive.cli import cli
from r2p_archive.errors import UnusableInput
from r2p_archive.query import compile as compile_query

needs_web = pytest.mark.skipif(importlib.util.find_spec("datasette") is None,
                               reason="needs the [web] extra")
needs_mpl = pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None,
                               reason="needs matplotlib")


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    root = tmp_path_factory.mktemp("web") / "archive"
    ids = build_web_archive(root)
    conn = sqlite3.connect(f"{(root / 'index.sqlite').as_uri()}?mode=ro", uri=True)
    yield root, ids, conn
    conn.close()


def names(page):
    return [(h["name"], h["year"], h["language"]) for h in page.hits]


# -- the search page's work ----------------------------------------------------------------
def test_search_ranks_highlights_and_counts(web):
    root, ids, conn = web
    page = serve.search_page(conn, {"q": "veto"})
    assert page.error is None and page.total == 6
    # the French statements first: with stems per language, the French stem is the rarer one
    assert names(page) == [("Mexico", 2021, "fr"), ("France", 2013, "fr"),
                           ("Costa Rica", 2016, "en"), ("Brazil", 2013, "en"),
                           ("Mexico", 2021, "en"), ("Brazil", 2015, "en")]
    assert page.hits[3]["snippet"] == ("Brazil supports the responsibility to protect. The "
                                       "<mark>veto</mark> must never block action against "
                                       "atrocity crimes.")
    assert "<mark>véto</mark>" in page.hits[1]["snippet"]  # accents folded
    # the text's HTML is escaped, only <mark> is markup
    assert page.hits[2]["snippet"] == ("Costa Rica &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                                       "the <mark>veto</mark>: words, not deeds.")
    facets = {f["name"]: f["values"] for f in page.facets}
    assert facets == {
        "year": [("2021", 2), ("2016", 1), ("2015", 1), ("2013", 2)],
        "country": [("Brazil", 2), ("Mexico", 2), ("Costa Rica", 1), ("France", 1)],
        "language": [("en", 4), ("fr", 2)],
        "speaker_type": [("state", 6)],
        "record": [(RECORD, 2)],
    }
    assert page.by_year == [("2012", 0), ("2013", 2), ("2014", 0), ("2015", 1), ("2016", 1),
                            ("2021", 2)]
    assert page.by_country == [("Brazil", 2), ("Mexico", 2), ("Costa Rica", 1), ("France", 1)]


def test_a_facet_filters_and_the_others_still_count(web):
    _, _, conn = web
    page = serve.search_page(conn, {"q": "veto", "year": "2013", "language": "en"})
    assert page.total == 1 and names(page) == [("Brazil", 2013, "en")]
    facets = {f["name"]: f for f in page.facets}
    # year counts under the language filter only; language counts under the year only
    assert facets["year"]["values"] == [("2021", 1), ("2016", 1), ("2015", 1), ("2013", 1)]
    assert facets["year"]["selected"] == "2013"
    assert facets["language"]["values"] == [("en", 1), ("fr", 1)]
    assert page.by_year[1] == ("2013", 1) and sum(n for _, n in page.by_year) == 1


def test_same_query_language_as_the_cli(web):
    _, _, conn = web
    page = serve.search_page(conn, {"q": 'veto NOT "permanent members" speaker:brazil'})
    assert names(page) == [("Brazil", 2013, "en"), ("Brazil", 2015, "en")]
    assert serve.match_expression("prevent* OR veto") == compile_query("prevent* OR veto").match


def test_same_ranking_and_snippets_as_the_cli(web):
    """The web UI ranks with the CLI's weights and marks stem-only matches as it does."""
    root, ids, conn = web
    for query in ("warnings", "vetoes OR protects"):
        page = serve.search_page(conn, {"q": query})
        hits = open_archive(root).search(query, limit=100)
        assert [h["id"] for h in page.hits] == [h.id for h in hits]
        assert [h["snippet"].replace("<mark>", "**").replace("</mark>", "**")
                for h in page.hits] == [escape(h.snippet) for h in hits]
    # "warnings" is in no text: only its stem matches, FTS5 alone marks nothing
    page = serve.search_page(conn, {"q": "warnings"})
    assert [h["id"] for h in page.hits] == [ids["european2014"], ids["ghana2013"]]
    assert page.hits[1]["snippet"] == ("…prevention begins at home, with early "
                                       "<mark>warning</mark> and strong institutions.")


def test_browsing_without_a_query_and_procedural_turns(web):
    _, ids, conn = web
    page = serve.search_page(conn, {})
    assert page.total == 12  # 13 statements, the chair's procedural turn left out
    assert all(h["snippet"] == "" for h in page.hits)
    assert names(page)[:3] == [("Mexico", 2021, "en"), ("Mexico", 2021, "fr"),
                               ("Costa Rica", 2016, "en")]
    assert ids["chair"] not in {h["id"] for h in page.hits}
    with_chair = serve.search_page(conn, {"q": "floor", "procedural": "1"})
    assert [h["id"] for h in with_chair.hits] == [ids["chair"]]
    assert serve.search_page(conn, {"q": "floor"}).total == 0


def test_pages(web):
    _, _, conn = web
    assert serve.search_page(conn, {"page": "1"}).pages == 1
    page2 = serve.search_page(conn, {"page": "2"})
    assert page2.error is None and page2.hits == [] and page2.total == 12


@pytest.mark.parametrize("args, message", [
    ({"q": '"veto'}, 'unbalanced quote: the phrase "veto is not closed'),
    ({"q": "NOT veto"}, "NOT needs a word before it, as in veto NOT council (a query cannot "
                        "start with NOT)"),
    ({"q": "veto (council"}, 'unbalanced parentheses: a "(" is not closed'),
    ({"year": "20x3"}, 'year "20x3" is not a year like 2013'),
    ({"page": "0"}, 'page "0" is not a page number'),
    ({"page": "-1"}, 'page "-1" is not a page number'),
])
def test_bad_input_is_a_readable_message(web, args, message):
    _, _, conn = web
    page = serve.search_page(conn, args)
    assert page.error == message and page.hits == [] and page.total == 0


# -- the statement page's work ---------------------------------------------------------------
def test_statement_of_a_record_turn_lists_its_other_language(web):
    root, ids, conn = web
    st = serve.statement_page(conn, ids["mexico_en"])
    assert (st["name"], st["year"], st["language"], st["record"], st["turn"], st["page"]) == \
        ("Mexico", 2021, "en", RECORD, 2, 9)
    assert st["text"].startswith("Mexico calls on the permanent members")
    assert st["versions"] == [{"id": ids["mexico_fr"], "language": "fr"}]
    assert serve.original_file(root, st).read_bytes() == RECORD_PDF["en"]
    fr = serve.statement_page(conn, ids["mexico_fr"].upper())  # ids are case-folded
    assert fr["versions"] == [{"id": ids["mexico_en"], "language": "en"}]


def test_statement_of_a_dialogue_page(web):
    root, ids, conn = web
    st = serve.statement_page(conn, ids["brazil2013"])
    assert st["versions"] == [] and st["original"] == "statement.pdf"
    assert serve.original_file(root, st) == (root / st["path"] / "statement.pdf").resolve()
    assert serve.original_file(root, serve.statement_page(conn, ids["chad2015"])) is None


def test_unknown_and_bad_ids(web):
    _, _, conn = web
    with pytest.raises(LookupError, match='no statement with id "ffffffffff"'):
        serve.statement_page(conn, "ffffffffff")
    with pytest.raises(UnusableInput, match="is not a statement id"):
        serve.statement_page(conn, "../../etc/passwd")


def test_an_original_outside_the_archive_is_refused(web, tmp_path):
    root, _, _ = web
    assert serve.original_file(root, {"path": "..", "original": "index.sqlite"}) is None
    assert serve.original_file(root, {"record_file": "/etc/passwd"}) is None


# -- the Datasette app in process ------------------------------------------------------------
@pytest.fixture(scope="module")
def client(web):
    root, ids, _ = web
    ds = serve.make_datasette(root)

    def get(path, method="GET"):
        async def go():
            await ds.invoke_startup()
            return await ds.client.request(method, path)

        return asyncio.run(go())

    return get, ids, ds


@needs_web
def test_home_page_and_search(client):
    get, ids, _ = client
    home = get("/")
    assert home.status_code == 200
    assert '<input type="search" name="q"' in home.text and "<strong>12</strong>" in home.text
    res = get("/?q=veto&year=2013")
    assert res.status_code == 200
    assert res.text.count('class="r2p-hit"') == 2
    assert f'href="/statement/{ids["brazil2013"]}"' in res.text
    assert "<mark>veto</mark>" in res.text and "<mark>véto</mark>" in res.text
    assert res.text.count('<figure class="r2p-chart"><svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert 'Statements matching "veto" by year (year: 2013)' in res.text.replace("&quot;", '"')


@needs_web
def test_pages_load_nothing_from_another_host(client):
    get, ids, _ = client
    for path in ("/", "/?q=veto", f"/statement/{ids['mexico_en']}"):
        text = get(path).text
        assert "<script src" not in text
        assert "src=\"http" not in text and "href=\"http" not in text.split("<body", 1)[0]


@needs_web
def test_statement_page_and_original(client):
    get, ids, _ = client
    res = get(f"/statement/{ids['mexico_en']}")
    assert res.status_code == 200
    for piece in ("<h1>Mexico", f"{RECORD}, turn 2, page 9", "Mexico calls on the permanent",
                  f'href="/statement/{ids["mexico_fr"]}">fr</a>',
                  f'href="/original/{ids["mexico_en"]}">en.pdf</a>'):
        assert piece in res.text
    orig = get(f"/original/{ids['mexico_en']}")
    assert orig.status_code == 200 and orig.content == RECORD_PDF["en"]
    assert orig.headers["content-type"] == "application/pdf"


@needs_web
@pytest.mark.parametrize("path, status, message", [
    ("/?q=%22veto", 400, "Cannot search: unbalanced quote: the phrase &#34;veto is not closed"),
    ("/?q=veto&page=abc", 400, "Cannot search: page &#34;abc&#34; is not a page number"),
    ("/statement/ffffffffff", 404, "no statement with id &#34;ffffffffff&#34; in this archive"),
    ("/statement/nothex", 400, "&#34;nothex&#34; is not a statement id"),
    ("/original/ffffffffff", 404, "no statement with id &#34;ffffffffff&#34;"),
    ("/r2p/statements?_r2p=NOT+veto", 400, "search: NOT needs a word before it"),
    ("/no/such/page", 404, "Database not found"),
])
def test_bad_input_in_the_browser_is_a_page_not_a_traceback(client, path, status, message):
    get, _, _ = client
    res = get(path)
    assert res.status_code == status
    assert message in res.text
    assert "Traceback" not in res.text


@needs_web
def test_original_missing_is_a_readable_404(client):
    get, ids, _ = client
    res = get(f"/original/{ids['chad2015']}")
    assert res.status_code == 404
    assert f"the archive holds no original document for statement {ids['chad2015']}" in res.text


@needs_web
def test_datasette_table_with_the_r2p_query_and_facets(client):
    get, ids, _ = client
    res = get("/r2p/statements.json?_r2p=veto+NOT+permanent&_shape=objects&_facet=year"
              "&_sort=id")
    assert res.status_code == 200
    data = res.json()
    # Mexico's French turn says "permanents": the same stem as "permanent", so it is left out
    assert [r["id"] for r in data["rows"]] == sorted(
        [ids["brazil2013"], ids["france2013"], ids["brazil2015"], ids["costa2016"]])
    years = {v["value"]: v["count"] for v in data["facet_results"]["year"]["results"]}
    assert years == {2013: 2, 2015: 1, 2016: 1}


@needs_web
def test_read_only(client, web):
    get, _, ds = client
    assert ds.get_database(serve.DB_NAME).is_mutable is False
    res = get("/r2p.json?sql=delete+from+statements")
    assert res.status_code == 400
    for path in ("/", "/statement/ffffffffff", "/original/ffffffffff"):
        assert get(path, method="POST").status_code == 405
    _, _, conn = web
    assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 13


@needs_web
def test_missing_or_old_index_is_refused(tmp_path):
    with pytest.raises(UnusableInput, match="no archive index at"):
        serve.make_datasette(tmp_path)
    conn = sqlite3.connect(tmp_path / "index.sqlite")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(UnusableInput, match="made by another version of r2p; run `r2p reindex`"):
        serve.make_datasette(tmp_path)


# -- the command line ------------------------------------------------------------------------
def test_serve_without_the_web_extra_says_what_to_install(monkeypatch, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "datasette" else real(name, *a))
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path), "serve"])
    assert res.exit_code == 2
    assert res.stderr == "r2p: error: r2p serve needs Datasette: pip install " \
                         "'r2p-archive[web]'\n"


@needs_web
def test_serve_binds_to_localhost_unless_told(monkeypatch, web):
    import uvicorn

    root, _, _ = web
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    runner = CliRunner()
    assert runner.invoke(cli, ["--archive", str(root), "serve"]).exit_code == 0
    assert runner.invoke(cli, ["--archive", str(root), "serve", "--host", "0.0.0.0",
                               "--port", "9000"]).exit_code == 0
    assert [(c["host"], c["port"]) for c in calls] == [("127.0.0.1", 8001), ("0.0.0.0", 9000)]


def test_serve_an_empty_folder(tmp_path):
    if importlib.util.find_spec("datasette") is None:
        pytest.skip("needs the [web] extra")
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path), "serve"])
    assert res.exit_code == 2
    assert res.stderr.startswith("r2p: error: no archive index at ")


# -- charts ----------------------------------------------------------------------------------
def test_plot_svg_from_the_cli(web, tmp_path):
    root, _, _ = web
    out = tmp_path / "veto.svg"
    res = CliRunner().invoke(cli, ["--archive", str(root), "search", "veto", "--count-by",
                                   "year", "--language", "en", "--plot", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr == f"chart written to {out}\n"
    svg = out.read_text()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'Statements matching "veto" by year (language: en)' in svg.replace("&quot;", '"')
    assert ">Year</text>" in svg and ">Matching statements</text>" in svg
    bars = [t.split("</title>")[0] for t in svg.split("<title>")[1:]]
    assert bars == ["2013: 1", "2014: 0", "2015: 1", "2016: 1", "2021: 1"]  # years with en


@needs_mpl
def test_plot_png_from_the_cli_and_the_api(web, tmp_path):
    from r2p_archive.api import open_archive

    root, _, _ = web
    out = tmp_path / "veto.png"
    res = CliRunner().invoke(cli, ["--archive", str(root), "search", "veto", "--count-by",
                                   "country", "--plot", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with open_archive(root) as arc:
        got = plot.plot_search(arc, "veto", tmp_path / "api.svg", by="year", year=[2013])
    assert 'Statements matching "veto" by year (year: 2013)' in got.read_text().replace(
        "&quot;", '"')


def test_plot_png_without_matplotlib_says_what_to_install(monkeypatch, web, tmp_path):
    root, _, _ = web
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "matplotlib" else real(name, *a))
    res = CliRunner().invoke(cli, ["--archive", str(root), "search", "veto", "--count-by",
                                   "year", "--plot", str(tmp_path / "x.png")])
    assert res.exit_code == 2
    assert res.stderr == ("r2p: error: a PNG chart needs matplotlib: pip install "
                          "'r2p-archive[plot]' (or write an .svg file, which needs nothing)\n")
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("args, message", [
    (["--plot", "x.svg"], "--plot needs --count-by"),
    (["--count-by", "year", "--plot", "x.gif"],
     'cannot plot to "x.gif": give a file ending in .png or .svg'),
])
def test_plot_usage_errors(web, args, message):
    root, _, _ = web
    res = CliRunner().invoke(cli, ["--archive", str(root), "search", "veto", *args])
    assert res.exit_code == 2 and message in res.stderr


def test_svg_chart_escapes_labels_and_scales():
    svg = plot.svg_chart([("A & <B>", 3), ("C", 0)], title='t "x"', xlabel="X",
                         horizontal=True)
    assert "A &amp; &lt;B&gt;: 3" in svg and "<B>" not in svg
    assert plot._nice_max(0) == 1 and plot._nice_max(7) == 8 and plot._nice_max(73) == 80
    assert plot.chart_title("veto", "year", {"year": [2012, 2013], "country": None}) == \
        'Statements matching "veto" by year (year: 2012, 2013)'


def test_write_metadata_for_publishing(tmp_path):
    import json

    out = tmp_path / "metadata.json"
    res = CliRunner().invoke(cli, ["serve", "--write-metadata", str(out)])
    assert res.exit_code == 0 and res.stderr == f"metadata written to {out}\n"
    meta = json.loads(out.read_text())
    table = meta["databases"]["r2p"]["tables"]["statements"]
    assert table["facets"] == ["year", "country", "language", "speaker_type", "record"]
    assert (table["fts_table"], table["fts_pk"]) == ("statements_fts", "num")
    assert meta["plugins"] == {"r2p": {"archive": None}}
