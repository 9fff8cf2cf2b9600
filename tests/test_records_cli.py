"""Verbatim records through the command line: a symbol read from a local undocs server in two
languages, stored once, one statement per turn, and the everyday commands on them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from recordgen import sample_record

from r2p_archive.cli import cli

REAL = Path(__file__).parent / "fixtures" / "records" / "A_76_PV.102_E.pdf"


def r2p(archive, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], catch_exceptions=False)


def test_symbol_in_two_languages_is_stored_once_per_language(site, tmp_path, monkeypatch):
    en, _ = sample_record("en")
    fr, _ = sample_record("fr")
    site.add("/en/A/76/PV.102", en, content_type="application/pdf")
    site.add("/fr/A/76/PV.102", fr, content_type="application/pdf")
    monkeypatch.setenv("R2P_UNDOCS_URL", site.url("/").rstrip("/"))
    archive = tmp_path / "arc"
    res = r2p(archive, "fetch", "A/76/PV.102", "--languages", "en,fr", "--json", "-q")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["counts"] == {"ok": 28, "skipped": 0}
    assert sorted(p.relative_to(archive).as_posix()
                  for p in (archive / "records").rglob("*.pdf")) == [
        "records/A_76_PV.102/en.pdf", "records/A_76_PV.102/fr.pdf"]
    # the same turn in both languages
    listed = json.loads(r2p(archive, "list", "--record", "a/76/pv.102", "--json",
                            "--procedural").stdout)
    kenya = [(s["language"], s["turn"], s["person"]) for s in listed if s["iso3"] == "KEN"]
    assert kenya == [("en", 5, "Mr. Kimani"), ("fr", 5, "M. Kimani")]
    # procedural turns are left out unless asked for
    default = json.loads(r2p(archive, "list", "--record", "A/76/PV.102", "--json").stdout)
    assert len(listed) == 28 and len(default) == 28 - 10
    assert not any(s["procedural"] for s in default)
    # a second run stores nothing again
    again = json.loads(r2p(archive, "fetch", "A/76/PV.102", "--languages", "en,fr", "--json",
                           "-q").stdout)
    assert again["counts"] == {"skipped": 28}  # each statement counts once


def test_local_record_show_search_export(tmp_path):
    archive = tmp_path / "arc"
    assert r2p(archive, "fetch", str(REAL), "-q").exit_code == 0
    shown = r2p(archive, "show", "--country", "Kenya").stdout
    assert shown.splitlines()[:2] == ["Kenya — 2022", "person:   Mr. Kimani (Kenya)"]
    assert "record:   A/76/PV.102, turn 5, page 1, agenda item 66" in shown
    assert "delivered in: en" in shown
    hits = json.loads(r2p(archive, "search", "Volker Türk", "--json").stdout)
    assert {h["country"] for h in hits} >= {"Oman", "Switzerland"}
    out = r2p(archive, "export", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    china = [r for r in rows if r["iso3"] == "CHN"]
    assert [(r["record"], r["turn"], r["delivered_in"]) for r in china] == [
        ("A/76/PV.102", "13", "zh"), ("A/76/PV.102", "32", "zh"), ("A/76/PV.102", "51", "zh")]
    assert r2p(archive, "verify").exit_code == 0


def test_record_whose_patterns_find_no_turn_is_refused(tmp_path):
    from docgen import make_pdf

    path = tmp_path / "A_76_PV.102_E.pdf"
    make_pdf(path, paragraphs=["United Nations A/76/PV.102", "General Assembly",
                               "Mr. Kimani spoke of prevention without a label."])
    res = CliRunner().invoke(cli, ["fetch", str(path), "--dry-run"])
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        f"r2p: error: 0 speaker turns found in {path} (read as a record in en: is it a "
        "verbatim record in that language?)")


def test_catalog_records_keep_only_the_r2p_item(site, tmp_path, monkeypatch):
    """A record named by the catalog is fetched by `r2p fetch --year`, and only the turns under
    the R2P agenda item are stored (the generated record also has an item 7)."""
    en, truth = sample_record("en")
    site.add("/en/A/76/PV.102", en, content_type="application/pdf")
    monkeypatch.setenv("R2P_UNDOCS_URL", site.url("/").rstrip("/"))
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"schema": 2, "dialogues": [{
        "year": 2030, "date": "2030-06-25", "format": "debate", "title": "A test debate",
        "records": [{"symbol": "A/76/PV.102", "date": "2030-06-25", "confidence": "high",
                     "verified": True}]}]}), "utf-8")
    archive = tmp_path / "arc"
    res = r2p(archive, "fetch", "--year", "2030", "--catalog", str(catalog), "--json", "-q")
    assert res.exit_code == 0, res.output
    stored = json.loads(res.stdout)["statements"]
    r2p_turns = [t["turn"] for t in truth["turns"] if t["agenda_item"] == "128"]
    assert sorted(s["turn"] for s in stored) == r2p_turns
    assert {s["agenda_item"] for s in stored} == {"128"}
    assert {s["year"] for s in stored} == {2030}


def test_python_api_fetch_is_the_command(tmp_path):
    """`api.fetch` plans, stores and reports as `r2p fetch` does, without printing."""
    from r2p_archive import api

    seen = []
    dry = api.fetch([str(REAL)], archive=None, dry_run=True, on_source=seen.append)
    assert (dry.exit_code, dry.report, dry.root) == (0, None, None)
    assert [r.source for r in seen] == [r.source for r in dry.planned.results] == [str(REAL)]
    turns = seen[0].statements
    assert len(turns) == len(dry.planned.statements) == 87  # the record's turns (see its truth)
    archive = tmp_path / "arc"
    first = api.fetch([str(REAL)], archive=archive)
    assert first.exit_code == 0 and first.root == archive.resolve()
    assert first.report is not None and first.report.counts()["ok"] == len(turns)
    again = api.fetch([str(REAL)], archive=archive)
    assert again.report is not None and again.report.counts() == {"skipped": len(turns)}
    with api.open_archive(archive) as view:
        assert len(view.statements(procedural=True)) == len(turns)
    with pytest.raises(api.UnusableInput, match="the UN languages are"):
        api.fetch([str(REAL)], archive=archive, languages=("xx",))
