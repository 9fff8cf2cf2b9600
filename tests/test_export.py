from __future__ import annotations

import csv
import io
import json

import pytest
from archive_factory import CORPUS, Spec, build, build_corpus, run_r2p

from r2p_archive.export import FIELDS


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "arc")


def run(arc, *args):
    return run_r2p(arc, "export", *args)


def test_csv_to_stdout(corpus):
    arc, recs = corpus
    result = run(arc, "--format", "csv", "--year", "2013")
    assert result.exit_code == 0
    assert result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*FIELDS, "text"]
    assert [(r["year"], r["speaker"], r["iso3"], r["language"]) for r in rows] == [
        ("2013", "Brazil", "BRA", "en"),
        ("2013", "France", "FRA", "fr"),
        ("2013", "Ghana", "GHA", "en"),
    ]
    assert rows[1]["text"] == CORPUS[2].text
    assert rows[1]["languages"] == "fr"
    assert rows[1]["id"] == recs[2].id
    assert rows[1]["pages"] == ""


def test_jsonl_to_file(corpus, tmp_path):
    arc, recs = corpus
    out = tmp_path / "out" / "corpus.jsonl"
    result = run(arc, "--format", "jsonl", "--out", str(out), "--country", "Brazil")
    assert result.exit_code == 0
    assert result.output == f"exported 2 statements to {out}\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    data = [json.loads(line) for line in lines]
    assert [(d["year"], d["id"], d["text"]) for d in data] == [
        (2013, recs[1].id, CORPUS[1].text),
        (2015, recs[7].id, CORPUS[7].text),
    ]
    assert list(data[0]) == [*FIELDS, "text"]
    assert [p.name for p in out.parent.iterdir()] == ["corpus.jsonl"]  # no temp file left


def test_txt_names_and_metadata(tmp_path):
    specs = [*CORPUS, Spec(2013, "Brazil", "A second invented Brazilian text for 2013.",
                           iso3="BRA", url="http://127.0.0.1/2013/brazil-second.pdf")]
    arc, recs = build(tmp_path / "arc", specs)
    out = tmp_path / "txt"
    result = run(arc, "--format", "txt", "--out", str(out))
    assert result.exit_code == 0
    assert result.output == f"exported 10 statements (9 text files) to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "BRA_2013_en.txt",
        "BRA_2013_en_2.txt",
        "BRA_2015_en.txt",
        "COD_2015_fr.txt",
        "ESP_2012_es.txt",
        "FRA_2013_fr.txt",
        "GHA_2013_en.txt",
        "KOR_2014_en.txt",
        "european-union_2014_en.txt",
        "metadata.csv",
    ]
    assert (out / "FRA_2013_fr.txt").read_text(encoding="utf-8") == CORPUS[2].text
    meta = list(csv.DictReader((out / "metadata.csv").open(encoding="utf-8")))
    assert list(meta[0]) == ["file", *FIELDS]
    assert [(m["file"], m["speaker"], m["year"]) for m in meta] == [
        ("ESP_2012_es.txt", "Spain", "2012"),
        ("BRA_2013_en.txt", "Brazil", "2013"),
        ("BRA_2013_en_2.txt", "Brazil", "2013"),
        ("FRA_2013_fr.txt", "France", "2013"),
        ("GHA_2013_en.txt", "Ghana", "2013"),
        ("european-union_2014_en.txt", "European Union", "2014"),
        ("KOR_2014_en.txt", "Republic of Korea", "2014"),
        ("BRA_2015_en.txt", "Brazil", "2015"),
        ("", "Chad", "2015"),
        ("COD_2015_fr.txt", "Democratic Republic of the Congo", "2015"),
    ]
    # the two 2013 Brazilian statements keep their own texts
    by_id = {m["id"]: m["file"] for m in meta}
    assert (out / by_id[recs[9].id]).read_text(encoding="utf-8") == specs[9].text


def test_export_errors(corpus, tmp_path):
    arc, _ = corpus
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x")
    for args, msg in [
        (["--format", "txt"], "--format txt writes one file per statement: give --out FOLDER"),
        (["--format", "txt", "--out", str(busy)],
         f"export folder {busy} is not empty; choose a new or empty folder"),
        (["--format", "csv", "--out", str(busy)],
         f"{busy} is a folder; give a file name for --format csv"),
    ]:
        result = run(arc, *args)
        assert (result.exit_code, result.output) == (2, f"r2p: error: {msg}\n")
    result = run(arc, "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
