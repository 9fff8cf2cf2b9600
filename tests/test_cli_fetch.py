"""`r2p fetch` and `r2p dialogues` through the command line: output, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_site import serve_dialogue

from r2p_archive.cli import cli
from r2p_archive.pages.generic import parse_page

PAGES = Path(__file__).parent / "fixtures" / "pages"


def r2p(*args, archive=None):
    runner = CliRunner()
    pre = ["--archive", str(archive)] if archive else []
    return runner.invoke(cli, [*pre, *args], catch_exceptions=False)


def test_dialogues_json_lists_the_catalog():
    res = r2p("dialogues", "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert [d["year"] for d in data] == list(range(2009, 2026))
    d2013 = data[4]
    assert (d2013["year"], d2013["date"], d2013["format"], d2013["report"]) == (
        2013, "2013-09-11", "dialogue", "A/67/929–S/2013/399")
    assert [s["url"] for s in d2013["sources"]] == [
        "http://www.responsibilitytoprotect.org/index.php/component/content/article/"
        "35-r2pcs-topics/5004-united-nations-general-assembly-holds-fifth-informal-"
        "interactive-dialogue-on-the-responsibility-to-protect",
        "http://www.globalr2p.org/publications/267"]
    assert data[0]["format"] == "debate"
    assert (data[0]["date"], data[0]["end_date"]) == ("2009-07-23", "2009-07-28")
    assert [len(d["sources"]) for d in data] == [7, 2, 3, 3, 2, 2, 2, 2, 2, 1, 2, 0, 3, 2, 2, 2, 1]


def test_dry_run_json_is_the_parsed_plan():
    page = PAGES / "dialogue_2016_table.html"
    base = "http://r2p-coalition.test/2016/dialogue.html"
    res = r2p("fetch", str(page), "--dry-run", "--json", "--base-url", base)
    assert res.exit_code == 0
    expected = parse_page(page.read_bytes(), base_url=base, page=str(page)).statements
    got = json.loads(res.stdout)
    assert got == [
        {k: v for k, v in st.to_json().items() if k != "source"} for st in expected]
    assert set(got[0]) == {"id", "year", "speaker", "speaker_type", "iso3", "languages", "url",
                           "note"}


def test_dry_run_writes_nothing(tmp_path):
    page = PAGES / "dialogue_2016_table.html"
    res = r2p("fetch", str(page), "--dry-run", "--base-url", "http://r2p-coalition.test/",
              archive=tmp_path / "arc")
    assert res.exit_code == 0
    assert not (tmp_path / "arc").exists()


def test_page_whose_links_are_all_relative_asks_for_base_url():
    page = PAGES / "dialogue_2016_table.html"
    res = r2p("fetch", str(page), "--dry-run")
    assert res.exit_code == 2
    assert res.stderr == (f"r2p: error: {page}: no statements found; 19 relative link(s) cannot "
                          "be resolved; pass --base-url URL (the page's address)\n")


def test_local_page_with_relative_links_warns(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<p>On 6 September 2016 the dialogue took place.</p>"
                    "<ul><li><a href='docs/ghana.pdf'>Ghana</a></li>"
                    "<li><a href='http://x.test/kenya.pdf'>Kenya</a></li></ul>")
    res = r2p("fetch", str(page), "--dry-run", "--json")
    assert res.exit_code == 0
    assert res.stderr == (f"r2p: warning: {page}: 1 relative link(s) cannot be resolved; "
                          "pass --base-url URL (the page's address)\n")


@pytest.mark.parametrize("generator, layout", [
    ("", "generic"), ("Joomla! 1.5", "joomla"), ("Drupal 7", "drupal"),
    ("WordPress 6.4", "wordpress")])
def test_local_page_of_any_site_layout_drops_speakers_with_relative_links(
        tmp_path, generator, layout):
    from r2p_archive.pages import Document, layout_for

    page = tmp_path / "p.html"
    meta = f'<meta name="generator" content="{generator}">' if generator else ""
    page.write_text(f"<html><head>{meta}</head><body>"
                    "<p>On 6 September 2016 the dialogue took place.</p>"
                    "<ul><li><a href='docs/ghana.pdf'>Ghana</a></li>"
                    "<li><a href='http://x.test/kenya.pdf'>Kenya</a></li>"
                    "<li><a href='http://x.test/peru.pdf'>Peru</a></li>"
                    "<li><a href='http://x.test/chile.pdf'>Chile</a></li></ul></body></html>")
    assert layout_for(Document(str(page), page.read_bytes())).NAME == layout
    res = r2p("fetch", str(page), "--dry-run", "--json")
    assert res.exit_code == 0
    assert [s["speaker"] for s in json.loads(res.stdout)] == ["Kenya", "Peru", "Chile"]
    assert res.stderr == (f"r2p: warning: {page}: 1 relative link(s) cannot be resolved; "
                          "pass --base-url URL (the page's address); 1 speaker(s) without a "
                          "resolvable link not stored: Ghana\n")


def test_speakers_of_unresolvable_links_are_dropped_by_the_link_not_by_its_text(tmp_path):
    # the link texts are not the canonical names ("Russia", "UK", HTML entities): the parsed
    # link says its href could not be resolved; the unlinked Ghana is no link of the page
    page = tmp_path / "p.html"
    page.write_text("<p>On 6 September 2016 the dialogue took place.</p>"
                    "<ul><li><a href='docs/russia.pdf'>Russia</a></li>"
                    "<li><a href='docs/uk.pdf'>UK</a></li>"
                    "<li><a href='docs/ci.pdf'>C&ocirc;te d&#8217;Ivoire</a></li>"
                    "<li>Ghana</li>"
                    "<li><a href='http://x.test/kenya.pdf'>Kenya</a></li>"
                    "<li><a href='http://x.test/peru.pdf'>Peru</a></li></ul>")
    res = r2p("fetch", str(page), "--dry-run", "--json")
    assert res.exit_code == 0
    assert [(s["speaker"], s["url"]) for s in json.loads(res.stdout)] == [
        ("Ghana", None), ("Kenya", "http://x.test/kenya.pdf"),
        ("Peru", "http://x.test/peru.pdf")]
    assert res.stderr == (f"r2p: warning: {page}: 3 relative link(s) cannot be resolved; "
                          "pass --base-url URL (the page's address); 3 speaker(s) without a "
                          "resolvable link not stored: Russian Federation, United Kingdom, "
                          "Côte d'Ivoire\n")
    # with the page's <base href> the links resolve: nothing to warn about
    page.write_text("<base href='http://x.test/'>" + page.read_text())
    res = r2p("fetch", str(page), "--dry-run", "--json")
    assert res.exit_code == 0
    assert res.stderr == ""
    assert [(s["speaker"], s["url"]) for s in json.loads(res.stdout)][:3] == [
        ("Russian Federation", "http://x.test/docs/russia.pdf"),
        ("United Kingdom", "http://x.test/docs/uk.pdf"),
        ("Côte d'Ivoire", "http://x.test/docs/ci.pdf")]


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/page.html"], "r2p: error: /nonexistent/page.html: no such file or URL\n"),
    (["--year", "2020"], "r2p: error: the catalog has no source page for 2020 (see `r2p dialogues`); "
                         "pass a page URL or file\n"),
    (["ftp://example.test/page.html"],
     "r2p: error: ftp://example.test/page.html: only http(s) URLs and local files can be read\n"),
])
def test_unusable_sources_exit_2(args, message):
    res = r2p("fetch", *args, "--dry-run")
    assert res.exit_code == 2
    assert res.stderr == message


def test_page_without_date_asks_for_year(tmp_path):
    page = tmp_path / "undated.html"
    page.write_text("<ul><li><a href='http://x.test/a.pdf'>Brazil</a></li></ul>")
    res = r2p("fetch", str(page), "--dry-run")
    assert res.exit_code == 2
    assert res.stderr == f"r2p: error: no dialogue date found in {page}; pass --year YEAR\n"
    res = r2p("fetch", str(page), "--dry-run", "--json", "--year", "2012")
    assert res.exit_code == 0
    assert [(s["year"], s["speaker"], s["iso3"]) for s in json.loads(res.stdout)] == [
        (2012, "Brazil", "BRA")]


def test_unreachable_page_exits_2(site):
    url = site.add("/gone.html", "nope", status=404)
    res = r2p("fetch", url, "--dry-run", "--no-wayback")
    assert res.exit_code == 2
    assert res.stderr == f"r2p: error: {url}: HTTP 404\n"
    # with the Wayback Machine out of reach too (R2P_WAYBACK_URL is a closed port here)
    res = r2p("fetch", url, "--dry-run")
    assert res.exit_code == 2
    assert res.stderr == (f"r2p: error: {url}: HTTP 404; Wayback Machine unreachable: "
                          "host unreachable: connection refused\n")


def test_full_fetch_summary_and_exit_code(sites, tmp_path, monkeypatch):
    from wayback_support import wayback_site

    site = sites.site()
    monkeypatch.setenv("R2P_WAYBACK_URL", wayback_site(sites, {}).url(""))
    dialogue = serve_dialogue(site, 12, year=2015)
    dead = site.add("/statements/2015/atlantis.pdf", "gone", status=404)
    page = site.add("/dialogue-with-dead-link.html",
                    site._routes["/dialogue.html"][0].body.replace(
                        b"</ul>", f'<li><a href="{dead}">Tuvalu</a></li></ul>'.encode()),
                    content_type="text/html")
    res = r2p("fetch", page, "--json", "--jobs", "1", archive=tmp_path / "arc")
    assert res.exit_code == 1
    out = json.loads(res.stdout)
    assert out["counts"] == {"ok": 12, "failed": 1, "skipped": 0}
    failed = [s for s in out["statements"] if s["status"] == "failed"]
    assert [(s["speaker"], s["error"]) for s in failed] == [
        ("Tuvalu", "HTTP 404 and no Wayback capture")]
    assert out["sources"] == [{"source": page, "year": 2015, "planned": 13, "error": None,
                               "wayback_url": None}]
    languages = {s["speaker"]: s["language"] for s in out["statements"] if s["status"] == "ok"}
    assert languages == dialogue.languages

    # the plain summary table on a re-run: everything stored is skipped
    res = r2p("fetch", page, "--jobs", "1", archive=tmp_path / "arc")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    row = next(line for line in lines if line.startswith("│ 2015"))
    # each statement counts once (#12 item 5): the 12 stored ones as skipped, not also as ok
    assert [c.strip() for c in row.split("│")[1:-1]] == ["2015", "0", "0", "0", "1", "0", "12"]
    assert any("Tuvalu: HTTP 404 and no Wayback capture" in line for line in lines)


def test_catalog_file_adds_pages(site, tmp_path):
    # a year the bundled catalog does not know (its own years' pages are on the internet)
    dialogue = serve_dialogue(site, 3, year=2026)
    catalog = tmp_path / "extra.json"
    catalog.write_text(json.dumps({"dialogues": [{
        "year": 2026, "date": "2026-06-27", "format": "plenary debate", "title": "Debate",
        "report": "A/80/999", "sources": [dialogue.page_url]}]}))
    res = r2p("dialogues", "--json", "--catalog", str(catalog))
    assert [d["year"] for d in json.loads(res.stdout)][-1] == 2026
    res = r2p("fetch", "--catalog", str(catalog), "--year", "2026", "--json", "--jobs", "1",
              archive=tmp_path / "arc")
    assert res.exit_code == 0
    assert json.loads(res.stdout)["counts"] == {"ok": 3, "skipped": 0}


def test_bad_catalog_file_is_a_usage_error(tmp_path):
    catalog = tmp_path / "bad.json"
    catalog.write_text("{not json")
    res = r2p("dialogues", "--catalog", str(catalog))
    assert res.exit_code == 2
    assert res.stderr.startswith(f"r2p: error: catalog {catalog} is not valid JSON: ")
    assert len(res.stderr.splitlines()) == 1


def test_dead_page_is_read_from_wayback(sites, tmp_path, monkeypatch):
    from wayback_support import wayback_site

    origin = sites.site()
    page_url = origin.add("/old-dialogue.html", "gone", status=404)
    doc = origin.add("/ghana.pdf", b"%PDF-1.4 tiny", content_type="application/pdf")
    page = (f"<p>On 5 September 2012 the dialogue was held.</p>"
            f"<ul><li><a href='{doc}'>Ghana</a></li></ul>").encode()
    wb = wayback_site(sites, {page_url: page})
    monkeypatch.setenv("R2P_WAYBACK_URL", wb.url(""))
    res = r2p("fetch", page_url, "--dry-run", "--json")
    assert res.exit_code == 0
    assert [(s["speaker"], s["url"]) for s in json.loads(res.stdout)] == [("Ghana", doc)]
    assert res.stderr == (f"r2p: {page_url}: read from the Wayback capture "
                          f"{wb.url('/web/20140102030405id_/' + page_url)}\n")


def test_kept_copy_of_the_page_is_used_when_it_goes_away(site, tmp_path):
    dialogue = serve_dialogue(site, 2, year=2015)
    arc = tmp_path / "arc"
    assert r2p("fetch", dialogue.page_url, "--jobs", "1", archive=arc).exit_code == 0
    site.add("/dialogue.html", "gone", status=404)
    res = r2p("fetch", dialogue.page_url, "--json", "--no-wayback", archive=arc)
    assert res.exit_code == 0
    # #12 item 5: each statement counts once (it was {"ok": 2, "skipped": 2})
    assert json.loads(res.stdout)["counts"] == {"skipped": 2}


def test_kept_copy_of_the_page_is_rewritten_only_when_the_page_changed(site, tmp_path):
    dialogue = serve_dialogue(site, 2, year=2015)  # served without ETag: read in full each time
    arc = tmp_path / "arc"
    assert r2p("fetch", dialogue.page_url, "--jobs", "1", archive=arc).exit_code == 0
    (copy,) = (arc / "pages").glob("*.html")
    meta = copy.with_suffix(".json")

    def stamps():
        return [(p.stat().st_ino, p.stat().st_mtime_ns) for p in (copy, meta)]

    kept = stamps()
    assert r2p("fetch", dialogue.page_url, "--json", archive=arc).exit_code == 0
    assert stamps() == kept  # same bytes, same validators: nothing rewritten
    changed = site._routes["/dialogue.html"][0].body + b"<!-- corrected -->"
    site.add("/dialogue.html", changed, content_type="text/html; charset=utf-8")
    assert r2p("fetch", dialogue.page_url, "--json", archive=arc).exit_code == 0
    assert copy.read_bytes() == changed
    assert json.loads(meta.read_text())["url"] == dialogue.page_url


def test_kept_copy_is_compared_by_its_sha256_not_read_back(site, tmp_path, monkeypatch):
    import hashlib

    dialogue = serve_dialogue(site, 2, year=2015)  # served without ETag: read in full each time
    arc = tmp_path / "arc"
    assert r2p("fetch", dialogue.page_url, "--jobs", "1", archive=arc).exit_code == 0
    (copy,) = (arc / "pages").glob("*.html")
    meta = copy.with_suffix(".json")
    assert json.loads(meta.read_text())["sha256"] == hashlib.sha256(copy.read_bytes()).hexdigest()
    kept_meta = meta.read_bytes()
    read_back = []
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        read_back.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert r2p("fetch", dialogue.page_url, "--json", archive=arc).exit_code == 0
    assert copy not in read_back
    assert meta.read_bytes() == kept_meta  # same bytes: nothing rewritten
    # a meta kept before the SHA-256 was recorded: the copy is read back and compared
    old = json.loads(kept_meta)
    del old["sha256"]
    meta.write_text(json.dumps(old, indent=2))
    read_back.clear()
    assert r2p("fetch", dialogue.page_url, "--json", archive=arc).exit_code == 0
    assert copy in read_back
    assert json.loads(meta.read_text()) == old  # same bytes: still nothing rewritten


def test_second_writer_exits_2(tmp_path, site, monkeypatch):
    from filelock import FileLock

    monkeypatch.setenv("R2P_LOCK_TIMEOUT", "0.1")  # not the 10 s a user's second run waits
    dialogue = serve_dialogue(site, 1)
    arc = tmp_path / "arc"
    arc.mkdir()
    with FileLock(str(arc / ".r2p.lock")):
        res = r2p("fetch", dialogue.page_url, archive=arc)
    assert res.exit_code == 2
    assert res.stderr == (f"r2p: error: another r2p command is writing to {arc.resolve()}; "
                          "try again when it has finished\n")


def test_page_without_statements_is_unusable(tmp_path):
    page = tmp_path / "about.html"
    page.write_text("<html><body><h1>About us</h1><p>On 8 September 2015 we met.</p>"
                    "<a href='http://x.test/'>Home</a></body></html>")
    res = r2p("fetch", str(page), "--dry-run")
    assert res.exit_code == 2
    assert res.stderr == (f"r2p: error: {page}: no statements found; is it a dialogue page?\n")
