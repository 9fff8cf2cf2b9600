from __future__ import annotations

import json

import pytest
from archive_factory import CORPUS, build_corpus
from archive_factory import run_r2p as run
from click.testing import CliRunner

from r2p_archive.cli import cli


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "arc")


def run_json(archive, *args):
    result = run(archive, *args, "--json")
    data = json.loads(result.stdout)
    # a search without hits exits 1, like grep (#12 item 7)
    assert result.exit_code == (1 if args[0] == "search" and not data else 0), result.output
    return data


def names(items):
    return [(d["year"], d["speaker"]) for d in items]


# -- list ------------------------------------------------------------------------------------
def test_list_json_sorted_by_year_then_name(corpus):
    arc, recs = corpus
    data = run_json(arc, "list")
    assert names(data) == [
        (2012, "Spain"),
        (2013, "Brazil"),
        (2013, "France"),
        (2013, "Ghana"),
        (2014, "European Union"),
        (2014, "Republic of Korea"),
        (2015, "Brazil"),
        (2015, "Chad"),
        (2015, "Democratic Republic of the Congo"),
    ]
    first = data[0]
    assert {k: first[k] for k in (
        "id", "year", "speaker", "speaker_type", "iso3", "language", "languages", "url",
        "status", "text_chars", "path")} == {
        "id": recs[0].id, "year": 2012, "speaker": "Spain", "speaker_type": "state",
        "iso3": "ESP", "language": "es", "languages": ["es"],
        "url": "http://127.0.0.1/2012/ESP-es.pdf", "status": "ok", "text_chars": 89,
        "path": "2012/ESP/es",
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--year", "2013"], [(2013, "Brazil"), (2013, "France"), (2013, "Ghana")]),
        (["--year", "2012", "--year", "2015", "--language", "fr"],
         [(2015, "Democratic Republic of the Congo")]),
        (["--year", "2012-2013", "--language", "en"], [(2013, "Brazil"), (2013, "Ghana")]),
        (["--country", "Brazil"], [(2013, "Brazil"), (2015, "Brazil")]),
        (["--country", "bra"], [(2013, "Brazil"), (2015, "Brazil")]),
        (["--country", "BR", "--year", "2015"], [(2015, "Brazil")]),
        (["--country", "South Korea"], [(2014, "Republic of Korea")]),
        (["--country", "DRC"], [(2015, "Democratic Republic of the Congo")]),
        (["--language", "FR"], [(2013, "France"), (2015, "Democratic Republic of the Congo")]),
        (["--language", "French"],
         [(2013, "France"), (2015, "Democratic Republic of the Congo")]),
        (["--status", "no_link"], [(2015, "Chad")]),
        (["--type", "organization"], [(2014, "European Union")]),
        (["--year", "2020"], []),
    ],
)
def test_list_filters(corpus, args, expected):
    arc, _ = corpus
    assert names(run_json(arc, "list", *args)) == expected


def test_list_table(corpus):
    arc, recs = corpus
    result = run(arc, "list", "--year", "2014", "--format", "table")
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines()]
    assert " ".join(lines[2]) == (
        f"2014 │ European Union │ organization │ en │ ok │ 93 │ {recs[4].id}"
    )
    assert " ".join(lines[3]) == (
        f"2014 │ Republic of Korea │ state │ en │ ok │ 100 │ {recs[5].id}"
    )
    assert result.output.splitlines()[-1] == "2 statements"


def test_list_no_match_and_empty_archive(corpus, tmp_path):
    arc, _ = corpus
    result = run(arc, "list", "--year", "2020", "--format", "table")
    assert (result.exit_code, result.output) == (0, "No statement matches these filters.\n")
    result = run(arc, "list", "--year", "2020")  # not a terminal: tsv, nothing for no row
    assert (result.exit_code, result.output) == (0, "")
    empty = tmp_path / "empty"
    result = CliRunner().invoke(cli, ["--archive", str(empty), "list", "--format", "table"])
    assert result.exit_code == 0
    assert result.output == (
        f"The archive at {empty} holds no statements yet; run `r2p fetch` first.\n"
    )
    result = CliRunner().invoke(cli, ["--archive", str(empty), "list", "--json"])
    assert (result.exit_code, result.output) == (0, "[]\n")


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("Korea", 'ambiguous country "Korea": Democratic People\'s Republic of Korea (PRK), '
                  "Republic of Korea (KOR)"),
        ("Congo", 'ambiguous country "Congo": Congo (COG), '
                  "Democratic Republic of the Congo (COD)"),
        ("Atlantis", None),
    ],
)
def test_country_errors(corpus, country, message):
    arc, _ = corpus
    for command in (["list"], ["search", "veto"], ["show"], ["export", "--format", "csv"]):
        result = run(arc, *command, "--country", country)
        assert result.exit_code == 2
        assert len(result.output.splitlines()) == 1
        if message:
            assert result.output == f"r2p: error: {message}\n"
        else:
            assert result.output.startswith('r2p: error: unknown country "Atlantis"')


def test_bad_filters(corpus):
    arc, _ = corpus
    for args, msg in [
        (["list", "--year", "20x3"],
         'bad year "20x3": give a year like 2013 or a range 2012-2017'),
        (["list", "--year", "2015-2012"],
         'bad year range "2015-2012": the end is before the start'),
        (["list", "--language", "Klingonese"],
         'unknown language "Klingonese": give an ISO 639 code such as fr or fra, or a name '
         "such as French"),
    ]:
        result = run(arc, *args)
        assert (result.exit_code, result.output) == (2, f"r2p: error: {msg}\n")


# -- search ----------------------------------------------------------------------------------
def hits(arc, *args):
    return [(h["year"], h["speaker"]) for h in run_json(arc, "search", *args)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # accent folding both ways: "veto" finds "véto", "securite" finds "sécurité"
        # (France first: its French stem "frveto" is rarer than the English one, so weighs more)
        (["veto"], [(2013, "France"), (2013, "Brazil"), (2015, "Brazil")]),
        (["VÉTO"], [(2013, "France"), (2013, "Brazil"), (2015, "Brazil")]),
        (["securite"], [(2013, "France")]),
        (["etat"], [(2015, "Democratic Republic of the Congo")]),
        # stems: "prevention" also finds "preventive" (English) and "prévention" (French)
        (["prevention"], [(2015, "Democratic Republic of the Congo"), (2013, "France"),
                          (2014, "European Union"), (2013, "Ghana"),
                          (2014, "Republic of Korea")]),
        (['"early warning"'], [(2014, "European Union"), (2013, "Ghana")]),
        (['"warning early"'], []),
        (["prevent*"], [(2014, "European Union"), (2013, "Ghana"),
                        (2015, "Democratic Republic of the Congo"), (2014, "Republic of Korea"),
                        (2013, "France")]),
        (["veto OR restraint"], [(2015, "Brazil"), (2013, "France"), (2013, "Brazil")]),
        (["prevention NOT early"], [(2015, "Democratic Republic of the Congo"),
                                    (2013, "France"), (2014, "Republic of Korea")]),
        (["(veto OR prevention) NOT brazil"], [(2013, "France"),
                                               (2015, "Democratic Republic of the Congo"),
                                               (2014, "European Union"), (2013, "Ghana"),
                                               (2014, "Republic of Korea")]),
        (["atrocity crimes"], [(2014, "European Union"), (2013, "Brazil")]),
        (["speaker:brazil"], [(2013, "Brazil"), (2015, "Brazil")]),
        (["text:congo"], [(2015, "Democratic Republic of the Congo")]),
        (["veto", "--year", "2015"], [(2015, "Brazil")]),
        (["veto", "--country", "France"], [(2013, "France")]),
        (["prevention", "--language", "fr"], [(2015, "Democratic Republic of the Congo"),
                                              (2013, "France")]),
        (["veto", "--limit", "1"], [(2013, "France")]),
        (["mediation"], []),
    ],
)
def test_search_hits_in_order(corpus, args, expected):
    arc, _ = corpus
    assert hits(arc, *args) == expected


def test_search_in_a_pipe_reads_no_text_file(corpus, monkeypatch):
    """tsv and csv show the snippet only: the hits' text files are read for json only."""
    from r2p_archive.statement import Statement

    reads = []
    text = Statement.text

    def counted(st):
        reads.append(st.id)
        return text.fget(st)

    monkeypatch.setattr(Statement, "text", property(counted))
    archive, _ = corpus
    for fmt in ("tsv", "csv"):
        result = run(archive, "search", "veto", "--format", fmt)
        assert result.exit_code == 0 and "veto" in result.stdout and reads == []
    hits = run_json(archive, "search", "veto")
    assert all(h["text"] for h in hits) and len(reads) == len(hits) == 3


def test_search_json_fields_and_snippet(corpus):
    arc, recs = corpus
    data = run_json(arc, "search", "veto", "--country", "FRA")
    assert len(data) == 1
    hit = data[0]
    # the statement's JSON shape (#12 item 10) plus rank, score, snippet
    assert set(hit) == {*run_json(arc, "list")[0], "rank", "score", "snippet"}
    assert hit["rank"] == 1 and hit["country"] == "France"
    assert (hit["id"], hit["iso3"], hit["language"]) == (recs[2].id, "FRA", "fr")
    assert hit["snippet"] == (
        "La France soutient la prévention des crimes de masse. Le **véto** ne doit jamais "
        "bloquer le Conseil de sécurité."
    )
    assert hit["score"] > 0
    phrase = run_json(arc, "search", '"early warning"')
    assert phrase[1]["snippet"] == (
        "Ghana believes that prevention begins at home, with **early warning** and strong "
        "institutions."
    )


def test_search_text_output(corpus):
    arc, recs = corpus
    result = run(arc, "search", "securite", "--format", "table")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("1. France · 2013 · fr · ")
    assert "score" not in lines[0]
    assert lines[0].endswith(f" · {recs[2].id}")
    assert lines[-1] == "1 hit"
    result = run(arc, "search", "mediation", "--format", "table")
    assert (result.exit_code, result.output) == (1, "No statement matches mediation.\n")


MALFORMED = [
    "", " ", '"veto', "veto)", "(veto", "()", "OR", "AND", "NOT", "veto OR", "OR veto",
    "NOT veto", "veto NOT", "veto AND OR x", "*", '""', "speaker:", "((a)", "a (OR b)", "&&&",
    "x" * 1200,
]


@pytest.mark.parametrize("query", MALFORMED)
def test_search_malformed_query_one_line_exit_2(corpus, query):
    arc, _ = corpus
    for extra in ([], ["--json"], ["--count-by", "year"]):
        result = run(arc, "search", query, *extra)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("r2p: error: ")
        assert "Traceback" not in result.stderr and "sqlite" not in result.stderr.lower()


def test_search_count_by_year(corpus):
    arc, _ = corpus
    data = run_json(arc, "search", "prevention", "--count-by", "year")
    assert data == [
        {"year": 2012, "count": 0, "total": 1},
        {"year": 2013, "count": 2, "total": 3},
        {"year": 2014, "count": 2, "total": 2},  # "preventive" (Korea) has the same stem
        {"year": 2015, "count": 1, "total": 2},
    ]
    result = run(arc, "search", "prevention", "--count-by", "year", "--format", "table")
    rows = [line.split("│") for line in result.output.splitlines()[2:6]]
    assert [[c.strip() for c in row[:3]] for row in rows] == [
        ["2012", "0", "1"], ["2013", "2", "3"], ["2014", "2", "2"], ["2015", "1", "2"],
    ]
    assert rows[1][3].strip() == "█" * 40 + " 67%"
    assert rows[2][3].strip() == "█" * 40 + " 100%"
    assert rows[3][3].strip() == "█" * 20 + " 50%"
    assert result.output.splitlines()[-1] == "5 matching statements"


def test_search_count_by_country_and_language(corpus):
    arc, _ = corpus
    assert run_json(arc, "search", "veto OR responsibility", "--count-by", "country") == [
        {"iso3": "BRA", "country": "Brazil", "count": 2, "total": 2},
        {"iso3": "FRA", "country": "France", "count": 1, "total": 1},
    ]
    assert run_json(arc, "search", "prevention OR prevencion", "--count-by", "language") == [
        {"language": "en", "count": 3, "total": 5},
        {"language": "fr", "count": 2, "total": 2},
        {"language": "es", "count": 1, "total": 1},
    ]
    assert run_json(arc, "search", "veto", "--count-by", "year", "--year", "2013") == [
        {"year": 2013, "count": 2, "total": 3},
    ]


# -- show ------------------------------------------------------------------------------------
def test_show_by_id_plain(corpus):
    arc, recs = corpus
    result = run(arc, "show", recs[2].id)
    assert result.exit_code == 0
    assert result.output == (
        "France — 2013\n"
        "speaker:  France (state)\n"
        "language: fr (page: fr)\n"
        "source:   http://127.0.0.1/2013/FRA-fr.pdf\n"
        "status:   ok\n"
        f"id:       {recs[2].id}   folder: 2013/FRA/fr\n"
        + "─" * 60 + "\n"
        + CORPUS[2].text + "\n"
    )
    # a unique prefix of the id is enough
    assert run(arc, "show", recs[2].id[:6]).output == result.output


def test_show_several_most_recent_first(corpus):
    arc, recs = corpus
    data = run_json(arc, "show", "--country", "Brazil")
    assert [(d["year"], d["id"]) for d in data] == [(2015, recs[7].id), (2013, recs[1].id)]
    assert data[0]["text"] == CORPUS[7].text
    result = run(arc, "show", "--country", "brazil")
    headers = [line for line in result.output.splitlines() if line.startswith("Brazil — ")]
    assert headers == ["Brazil — 2015", "Brazil — 2013"]
    assert names(run_json(arc, "show", "--year", "2015")) == [
        (2015, "Brazil"), (2015, "Chad"), (2015, "Democratic Republic of the Congo"),
    ]


def test_show_no_text_and_original(corpus):
    arc, recs = corpus
    result = run(arc, "show", recs[8].id)
    assert result.output.splitlines()[-1] == "(no text: no_link)"
    result = run(arc, "show", "--country", "Brazil", "--original")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        str(arc.root / "2015/BRA/en/statement.docx"),
        str(arc.root / "2013/BRA/en/statement.pdf"),
    ]
    result = run(arc, "show", "--country", "Chad", "--original")
    assert (result.stdout, result.stderr) == ("", f"{recs[8].id}: no original document (no_link)\n")


def test_show_errors(corpus):
    arc, _ = corpus
    for args, msg in [
        ([], "give a statement ID or a filter (--country, --speaker, --year, --language)"),
        (["not-an-id"], 'bad statement id "not-an-id": ids are hexadecimal, like 3f2a9c01d4'),
    ]:
        result = run(arc, "show", *args)
        assert (result.exit_code, result.output) == (2, f"r2p: error: {msg}\n")
    # no matching statement: exit 1 (like grep), not 2 (#12 item 7)
    for args, msg in [
        (["0000000000"], "no statement matches id 0000000000"),
        (["--country", "Peru", "--year", "2013"], "no statement matches in 2013, from Peru"),
    ]:
        result = run(arc, "show", *args)
        assert (result.exit_code, result.output) == (1, f"r2p: {msg}\n")


# -- reindex / verify ------------------------------------------------------------------------
def test_reindex_after_deleting_db(corpus):
    arc, _ = corpus
    listed = run_json(arc, "list")
    found = run_json(arc, "search", "prevent* OR veto")
    counted = run_json(arc, "search", "prevention", "--count-by", "country")
    arc.index_path.unlink()
    for extra in ("-wal", "-shm"):
        (arc.root / f"index.sqlite{extra}").unlink(missing_ok=True)
    result = run(arc, "list")
    assert result.exit_code == 2
    assert result.output == (
        f"r2p: error: no archive index at {arc.index_path}; run `r2p fetch` or `r2p reindex`\n"
    )
    result = run(arc, "reindex")
    assert (result.exit_code, result.output) == (
        0, f"indexed {len(CORPUS)} statements into {arc.index_path}\n")
    assert run_json(arc, "list") == listed
    assert run_json(arc, "search", "prevent* OR veto") == found
    assert run_json(arc, "search", "prevention", "--count-by", "country") == counted


def test_damaged_index_message(corpus):
    arc, _ = corpus
    arc.index_path.write_bytes(b"not sqlite at all" * 500)
    for extra in ("-wal", "-shm"):
        (arc.root / f"index.sqlite{extra}").unlink(missing_ok=True)
    for args in (["list"], ["search", "veto"], ["show", "--year", "2013"]):
        result = run(arc, *args)
        assert (result.exit_code, result.output) == (
            2, f"r2p: error: index {arc.index_path} is damaged; run `r2p reindex`\n")


def test_verify_cli(corpus):
    arc, recs = corpus
    result = run(arc, "verify")
    assert (result.exit_code, result.output) == (
        0, f"{len(CORPUS)} statements checked: all files and the index agree.\n")
    (arc.root / recs[1].dir / "statement.pdf").write_bytes(b"changed")
    result = run(arc, "verify")
    assert result.exit_code == 1
    assert "original modified" in result.output
    assert f"{recs[1].id} │ 2013/BRA/en/statement.pdf" in result.output
    assert result.output.splitlines()[-1] == (
        f"{len(CORPUS)} statements checked: 1 problems, 0 fixed, 1 left; run `r2p verify --fix`"
    )
    result = run(arc, "verify", "--fix")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"{len(CORPUS)} statements checked: 2 problems, 2 fixed, 0 left"
    )
    assert run(arc, "verify").exit_code == 0
    assert [d["status"] for d in run_json(arc, "list", "--country", "BRA")] == ["failed", "ok"]


def test_verify_missing_archive(tmp_path):
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "nothing"), "verify"])
    assert (result.exit_code, result.output) == (
        2, f"r2p: error: no archive at {tmp_path / 'nothing'}; run `r2p fetch` first (only "
           "fetch creates an archive)\n")
