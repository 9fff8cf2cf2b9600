"""#12 items 2 (text checksums), 4 (duplicates, `r2p rm`) and 6 (leftovers)."""

from __future__ import annotations

import json
from pathlib import Path

from archive_factory import Spec, build, build_corpus
from click.testing import CliRunner
from recordgen import sample_record

from r2p_archive.cli import cli
from r2p_archive.storage import Archive


def r2p(archive, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], catch_exceptions=False)


# -- item 2: the text's SHA-256 --------------------------------------------------------------
HTML = (b"<html><head><title>Brazil</title></head><body><h1>Statement by Brazil</h1>"
        b"<p>Brazil supports the responsibility to protect, and the veto must never block "
        b"action against atrocity crimes.</p></body></html>")


def test_a_changed_text_is_reported_and_extracted_again(tmp_path):
    arc, (rec,) = build(tmp_path / "arc", [Spec(2013, "Brazil", "placeholder", iso3="BRA",
                                                 original=HTML, kind="html")])
    txt = arc.root / rec.dir / "statement.txt"
    txt.write_text("Good text.", encoding="utf-8")
    side = json.loads((arc.root / rec.dir / "statement.json").read_text())
    side["text_sha256"] = __import__("hashlib").sha256(b"Good text.").hexdigest()
    (arc.root / rec.dir / "statement.json").write_text(json.dumps(side))
    assert r2p(arc.root, "reindex").exit_code == 0
    assert r2p(arc.root, "verify").exit_code == 0

    txt.write_text("Good text, then tampered with.", encoding="utf-8")
    res = r2p(arc.root, "verify", "--json")
    assert res.exit_code == 1
    assert [(p["path"], p["problem"]) for p in json.loads(res.stdout)["problems"]] == [
        (f"{rec.dir}/statement.txt", "text modified (sha256 mismatch)")]
    res = r2p(arc.root, "verify", "--fix")
    assert res.exit_code == 0, res.output
    assert "responsibility to protect" in txt.read_text()
    assert r2p(arc.root, "verify").exit_code == 0


REAL = Path(__file__).parent / "fixtures" / "records" / "A_76_PV.102_E.pdf"


def test_a_changed_turn_is_split_again_out_of_its_record(tmp_path):
    arc = tmp_path / "arc"
    assert r2p(arc, "fetch", str(REAL), "--quiet", "--json").exit_code == 0
    turn = json.loads(r2p(arc, "list", "--country", "Kenya", "--json").stdout)[0]
    txt = arc / turn["text_path"]
    good = txt.read_text()
    txt.write_text(good.replace("Kenya", "Kenia"), encoding="utf-8")
    res = r2p(arc, "verify")
    assert res.exit_code == 1 and "text modified" in res.output
    res = r2p(arc, "verify", "--fix")
    assert res.exit_code == 0, res.output
    assert txt.read_text() == good


# -- item 3 (verify of a typo) is in test_readonly.py; item 4: duplicates and rm -------------
def test_the_same_document_at_two_urls_is_one_statement(site, tmp_path):
    pdf, _ = sample_record("en")  # any PDF with text
    one = site.add("/statements/brazil.pdf", pdf, content_type="application/pdf")
    two = site.add("/mirror/brazil-statement.pdf", pdf, content_type="application/pdf")
    page = site.add("/dialogue.html", (
        "<html><body><h1>Informal interactive dialogue on the responsibility to protect, "
        f"2015</h1><ul><li><a href='{one}'>Brazil</a></li><li><a href='{two}'>Brazil</a>"
        "</li></ul></body></html>").encode(), content_type="text/html")
    res = r2p(tmp_path / "arc", "fetch", page, "--json", "--jobs", "1", "--year", "2015")
    out = json.loads(res.stdout)
    stored = [s for s in out["statements"] if s["status"] == "ok"]
    assert len(stored) == 1, out["statements"]
    listed = json.loads(r2p(tmp_path / "arc", "list", "--json").stdout)
    assert len(listed) == 1
    side = Archive(tmp_path / "arc").load(listed[0]["path"])
    assert side.other_urls == [two]


def test_rm_by_id_year_and_status_with_dry_run(tmp_path):
    arc, recs = build_corpus(tmp_path / "arc")
    res = r2p(arc.root, "rm", "--status", "no_link", "--dry-run")
    assert res.exit_code == 0
    assert res.stdout.startswith(f"would remove {recs[8].id} 2015 Chad")
    assert (arc.root / recs[8].dir).is_dir()
    res = r2p(arc.root, "rm", recs[0].id, "--year", "2012")
    assert res.exit_code == 0
    assert not (arc.root / recs[0].dir).exists()
    res = r2p(arc.root, "rm", "--year", "2014")
    assert res.exit_code == 0 and res.stdout.count("removed") == 2
    ids = {d["id"] for d in json.loads(r2p(arc.root, "list", "--json").stdout)}
    assert ids == {r.id for r in recs} - {recs[0].id, recs[4].id, recs[5].id}
    assert r2p(arc.root, "verify").exit_code == 0
    res = r2p(arc.root, "rm")
    assert res.exit_code == 2 and "nothing is removed" in res.stderr
    res = r2p(arc.root, "rm", "ffffffffff")
    assert (res.exit_code, res.stderr) == (2, 'r2p: error: no statement with id "ffffffffff"\n')


# -- item 6: leftovers -----------------------------------------------------------------------
def test_info_names_leftovers(tmp_path):
    arc, recs = build_corpus(tmp_path / "arc")
    (arc.root / ".tmp").mkdir()
    (arc.root / ".tmp" / "dl-123.part").write_bytes(b"half a pdf")
    (arc.root / "pages").mkdir()
    (arc.root / "pages" / "0123456789abcdef.html").write_bytes(b"<html></html>")
    data = json.loads(r2p(arc.root, "info", "--json").stdout)
    assert (data["tmp_files"], data["page_copies"]) == (1, 1)
    text = r2p(arc.root, "info", "--format", "table").stdout
    assert "1 file(s) in .tmp/ from an interrupted fetch" in text
    assert "1 kept dialogue page(s) in pages/" in text


def test_an_unresolvable_link_is_not_stored_as_a_statement(site, tmp_path):
    pdf, _ = sample_record("en")
    one = site.add("/statements/brazil.pdf", pdf, content_type="application/pdf")
    page = tmp_path / "dialogue.html"
    page.write_text(
        "<html><body><h1>Informal interactive dialogue on the responsibility to protect, "
        f"2015</h1><ul><li><a href='{one}'>Brazil</a></li><li><a href='statements/ghana.pdf'>"
        "Ghana</a></li><li>Chile</li></ul></body></html>")
    res = r2p(tmp_path / "arc", "fetch", str(page), "--json", "--jobs", "1", "--year", "2015")
    # Chile has no link on the page (no_link); Ghana's link is relative: no statement
    assert [(s["speaker"], s["status"]) for s in json.loads(res.stdout)["statements"]] == [
        ("Brazil", "ok"), ("Chile", "no_link")]
    assert ("1 relative link(s) cannot be resolved; pass --base-url URL (the page's address); "
            "1 speaker(s) without a resolvable link not stored: Ghana") in res.stderr


def test_no_tmp_folder_is_left_after_a_finished_or_failed_fetch(site, tmp_path):
    pdf, _ = sample_record("en")
    one = site.add("/statements/brazil.pdf", pdf, content_type="application/pdf")
    dead = site.add("/statements/chile.pdf", "gone", status=404)
    page = site.add("/dialogue.html", (
        "<html><body><h1>Informal interactive dialogue on the responsibility to protect, "
        f"2015</h1><ul><li><a href='{one}'>Brazil</a></li><li><a href='{dead}'>Chile</a>"
        "</li></ul></body></html>").encode(), content_type="text/html")
    arc = tmp_path / "arc"
    assert r2p(arc, "fetch", page, "--jobs", "1", "--year", "2015", "-q").exit_code == 1
    assert not (arc / ".tmp").exists()
    gone = site.add("/gone.html", "gone", status=404)
    assert r2p(arc, "fetch", gone, "--no-wayback", "-q").exit_code == 2
    assert not (arc / ".tmp").exists()
    # pages/ is kept on purpose (conditional re-reads) and `info` says so
    assert "kept dialogue page(s) in pages/" in r2p(arc, "info", "--format", "table").stdout


# -- item 5: the fetch summary counts each statement once ------------------------------------
def test_refresh_and_reextract_counts(site, tmp_path):
    from fixture_site import serve_dialogue

    dialogue = serve_dialogue(site, 3, year=2015)
    arc = tmp_path / "arc"

    def counts(*args):
        res = r2p(arc, "fetch", dialogue.page_url, "--json", "--jobs", "1", *args)
        return json.loads(res.stdout)["counts"]

    assert counts() == {"ok": 3, "skipped": 0}
    assert counts() == {"skipped": 3}
    assert counts("--refresh") == {"not_modified": 3, "skipped": 0}
    assert counts("--reextract") == {"reextracted": 3, "skipped": 0}
    table = r2p(arc, "fetch", dialogue.page_url, "--reextract", "--jobs", "1").stdout
    header = next(line for line in table.splitlines() if "reextracted" in line)
    row = next(line for line in table.splitlines() if line.startswith("│ 2015"))
    assert header.split("┃")[-2].strip() == "reextracted" and row.split("│")[-2].strip() == "3"
