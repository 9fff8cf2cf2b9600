"""#12 items 7, 9, 11, 12 (filters), 13: exit codes, output formats, search results, names,
help."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from archive_factory import CORPUS, build_corpus
from archive_factory import run_r2p as run
from click.testing import CliRunner

from r2p_archive.cli import cli
from r2p_archive.languages import LANGUAGES, of_alpha3


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "arc")


# -- item 7 ----------------------------------------------------------------------------------
def test_search_without_hit_exits_1_like_grep(corpus):
    arc, _ = corpus
    for fmt in ("table", "tsv", "json", "jsonl", "csv"):
        assert run(arc, "search", "mediation", "--format", fmt).exit_code == 1
    assert run(arc, "search", "mediation", "--count-by", "year").exit_code == 1
    assert run(arc, "search", "veto").exit_code == 0


def test_exit_codes_are_in_the_help():
    assert "Exit status 1 when nothing matches" in CliRunner().invoke(
        cli, ["search", "--help"]).stdout
    text = " ".join(CliRunner().invoke(cli, ["show", "--help"]).stdout.split())
    assert "Exit status 1 when no statement matches" in text


# -- item 9 ----------------------------------------------------------------------------------
def test_list_is_one_record_per_line_when_not_a_terminal(corpus):
    arc, recs = corpus
    res = run(arc, "list")
    lines = res.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "year", "speaker", "speaker_type", "iso3", "country",
                                    "language", "status", "text_chars", "path"]
    assert len(lines) == 1 + len(CORPUS)
    assert lines[1].split("\t")[:3] == [recs[0].id, "2012", "Spain"]


@pytest.mark.parametrize("command", [["list"], ["search", "veto"], ["dialogues"], ["info"]])
def test_every_format(corpus, command):
    arc, _ = corpus
    out = {fmt: run(arc, *command, "--format", fmt) for fmt in
           ("table", "tsv", "csv", "json", "jsonl")}
    assert all(r.exit_code == 0 for r in out.values()), {k: r.output for k, r in out.items()}
    data = json.loads(out["json"].stdout)
    assert run(arc, *command, "--json").stdout == out["json"].stdout
    lines = [json.loads(line) for line in out["jsonl"].stdout.splitlines()]
    assert lines == (data if isinstance(data, list) else [data])
    rows = list(csv.reader(io.StringIO(out["csv"].stdout)))
    tsv = [line.split("\t") for line in out["tsv"].stdout.splitlines()]
    assert rows[0] == tsv[0] and len(rows) == len(tsv)
    contradiction = run(arc, *command, "--json", "--format", "csv")
    assert contradiction.exit_code == 2


# -- item 11 ---------------------------------------------------------------------------------
def test_search_footer_gives_the_total_and_no_raw_score(corpus):
    arc, recs = corpus
    res = run(arc, "search", "prevention OR veto", "--limit", "2", "--format", "table")
    lines = res.stdout.splitlines()
    assert lines[-1] == "2 of 7 hits (use --limit for more)"  # "preventive": prevention's stem
    assert "score" not in res.stdout and "e-0" not in res.stdout
    ids = {(r.speaker, r.year): r.id for r in recs}
    assert [line for line in lines if re.match(r"\d+\. ", line)] == [
        f"1. France · 2013 · fr · {ids['France', 2013]}",
        f"2. Brazil · 2013 · en · {ids['Brazil', 2013]}"]


def test_no_match_names_the_filters(corpus):
    arc, _ = corpus
    res = run(arc, "search", "veto", "--year", "2015", "--language", "fr", "--format", "table")
    assert (res.exit_code, res.stdout) == (
        1, "No statement matches veto in 2015, in language fr.\n")


def test_count_by_language_shows_zero_rows(corpus):
    arc, _ = corpus
    data = run(arc, "search", "veto", "--count-by", "language", "--json")
    groups = {g["language"]: g["count"] for g in json.loads(data.stdout)}
    assert groups == {"en": 2, "fr": 1, "es": 0}


# -- item 12 ---------------------------------------------------------------------------------
def test_country_filter_in_french_and_spanish(corpus):
    arc, recs = corpus
    for name in ("Brasil", "Brésil", "BRA"):
        data = json.loads(run(arc, "list", "--country", name, "--json").stdout)
        assert [d["id"] for d in data] == [recs[1].id, recs[7].id], name
    res = run(arc, "list", "--country", "Republic of China")
    assert res.exit_code == 2 and "Taiwan" in res.stderr and "not a UN member" in res.stderr


def test_speaker_filter_finds_organisations(corpus):
    arc, recs = corpus
    data = json.loads(run(arc, "list", "--speaker", "european union", "--json").stdout)
    assert [d["id"] for d in data] == [recs[4].id]
    hits = json.loads(run(arc, "search", "warning", "--speaker", "Union", "--json").stdout)
    assert [h["speaker"] for h in hits] == ["European Union"]


@pytest.mark.parametrize("given", ["es", "spa", "Spanish", "español", "SPA"])
def test_language_codes_and_names(corpus, given):
    arc, recs = corpus
    data = json.loads(run(arc, "list", "--language", given, "--json").stdout)
    assert [d["id"] for d in data] == [recs[0].id]


@pytest.mark.parametrize("given", ["xx", "qqq", "Klingonese"])
def test_unknown_language_is_refused(corpus, given):
    arc, _ = corpus
    res = run(arc, "list", "--language", given)
    assert res.exit_code == 2
    assert res.stderr.startswith(f'r2p: error: unknown language "{given}"')


def test_the_table_languages_need_no_pycountry():
    """fr, fra, fre and the other codes of r2p_archive.languages skip pycountry (~150 ms);
    the same answers as pycountry's."""
    code = ("import sys; from r2p_archive.filters import _norm_language as n; "
            "print([n(v) for v in ('fr', 'FRA', ' fre ', 'chi', 'nl', 'und')], "
            "'pycountry' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.stdout == "['fr', 'fr', 'fr', 'zh', 'nl', 'und'] False\n"
    import pycountry

    for lang in LANGUAGES.values():
        assert pycountry.languages.get(alpha_2=lang.code).alpha_2 == lang.code
        for a3 in lang.alpha3:
            found = pycountry.languages.get(alpha_3=a3) or pycountry.languages.get(
                bibliographic=a3)
            assert of_alpha3(a3) == found.alpha_2 == lang.code


# -- item 13 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_help_ends_with_examples(command):
    text = CliRunner().invoke(cli, [command, "--help"]).stdout
    head, _, examples = text.partition("  Examples:\n")
    lines = [line for line in examples.splitlines() if line.strip()]
    assert 2 <= len(lines) <= 3 and all(line.strip().startswith("r2p ") for line in lines), text
    assert "Options:" in head


@pytest.mark.parametrize("command", ["info", "verify", "reindex"])
def test_json_on_info_verify_reindex(corpus, command):
    arc, _ = corpus
    res = run(arc, command, "--json")
    assert res.exit_code == 0 and isinstance(json.loads(res.stdout), dict)


def test_year_ranges_and_size_units(tmp_path):
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "fetch", "--year",
                                   "2031-2032", "--dry-run"])
    assert (res.exit_code, res.stderr) == (
        2, "r2p: error: the catalog has no source page for 2031, 2032 (see `r2p dialogues`); "
           "pass a page URL or file\n")
    for bad in ("50X", "-1", "0"):
        res = CliRunner().invoke(cli, ["fetch", "--max-bytes", bad, "--dry-run"])
        assert res.exit_code == 2 and "--max-bytes" in res.stderr, bad


def test_size_units():
    from r2p_archive.cli.options import Size

    assert [Size().convert(v, None, None) for v in ("50M", "200k", "1.5G", "1048576", "2 MB")] \
        == [50 * 2**20, 200 * 2**10, int(1.5 * 2**30), 1048576, 2 * 2**20]
