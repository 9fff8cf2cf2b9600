"""Search in six languages: stems, Arabic marks, CJK words, the glossary (issue #13)."""

from __future__ import annotations

import pytest
from archive_factory import LANG_CORPUS, build
from click.testing import CliRunner

from r2p_archive import analyze
from r2p_archive.api import open_archive
from r2p_archive.cli import cli
from r2p_archive.extract import is_error_page
from r2p_archive.query import compile as compile_query

NAMES = [f"{s.speaker}/{s.year}" for s in LANG_CORPUS]


@pytest.fixture(scope="module")
def langs(tmp_path_factory):
    archive, _ = build(tmp_path_factory.mktemp("langs") / "a", LANG_CORPUS)
    with open_archive(archive.root) as view:
        yield archive, view


def found(view, query, **kw):
    return sorted(f"{h.speaker}/{h.year}" for h in view.search(query, limit=50, **kw))


EN_PROTECT = ["Canada/2021", "Ireland/2021", "Kenya/2021"]


@pytest.mark.parametrize(
    ("query", "kw", "expected"),
    [
        # 1. stems: a word finds the other forms of its stem, in its language
        ("protect", {}, EN_PROTECT),
        ("protecting", {}, EN_PROTECT),
        ("protection", {}, EN_PROTECT),
        ("responsibilities", {}, ["Canada/2021", "Japan/2021"]),
        ("responsibility", {}, ["Canada/2021", "Japan/2021"]),
        ("responsabilité", {}, ["France/2021", "Senegal/2021"]),
        ("защита", {}, ["Belarus/2021"]),
        ("prevenciones", {}, ["Mexico/2021"]),
        # "exact phrase", prefix* and --exact keep their exact meaning
        ('"protection"', {}, ["Ireland/2021"]),
        ("protection", {"exact": True}, ["Ireland/2021"]),
        ("responsibilities", {"exact": True}, ["Canada/2021"]),
        ("protect*", {}, EN_PROTECT),
        ("protecti*", {}, ["Canada/2021", "Ireland/2021"]),
        # 2. Chinese words inside runs of characters without spaces
        ("否决", {}, ["China/2021"]),
        ("安理会", {}, ["China/2021"]),
        ("理事会", {}, ["China/2022"]),
        ("保护", {}, ["China/2021", "China/2022"]),
        ("预警", {}, ["China/2022"]),
        ("否", {}, ["China/2021"]),
        ('"人权理事会"', {}, ["China/2022"]),
        ("否决 NOT 安理会", {}, []),
        # 3. Arabic: harakat, tatweel, alef/hamza forms do not matter
        ("حماية", {}, ["Egypt/2021"]),  # written حمـــاية (tatweel)
        ("تؤكد", {}, ["Egypt/2021"]),  # written تُؤَكِّدُ (harakat)
        ("الابادة", {"exact": True}, ["Egypt/2021"]),  # written الإبادة
        ("إبادة", {}, ["Egypt/2021"]),  # stem of الإبادة
        ('"حق النقض"', {}, ["Egypt/2021"]),
        # 4. across languages with the glossary
        ("veto", {}, ["France/2021", "Ireland/2021", "Mexico/2021"]),
        ("veto", {"any_language": True}, ["China/2021", "Egypt/2021", "France/2021",
                                          "Ireland/2021", "Mexico/2021",
                                          "Russian Federation/2021"]),
        ("genocide", {"any_language": True}, ["Belarus/2021", "Egypt/2021", "Ireland/2021"]),
        ("war crimes", {"any_language": True}, ["Canada/2021", "Senegal/2021"]),
        ('"Security Council"', {"any_language": True}, ["China/2021", "Japan/2021",
                                                        "Russian Federation/2021"]),
        ("early warning", {"any_language": True}, ["Chile/2021", "China/2022", "Kenya/2021",
                                                   "Qatar/2021"]),
        ("否决", {"any_language": True}, ["China/2021", "Egypt/2021", "France/2021",
                                         "Ireland/2021", "Mexico/2021",
                                         "Russian Federation/2021"]),
        ("veto populations", {"any_language": True}, ["France/2021", "Ireland/2021"]),
    ],
)
def test_search_matches(langs, query, kw, expected):
    _, view = langs
    assert found(view, query, **kw) == expected


def test_hits_say_which_expansion_matched(langs):
    _, view = langs
    hits = {h.speaker: h for h in view.search("veto", any_language=True)}
    assert hits["China"].matched == ["否决 (zh)"]
    assert hits["Egypt"].matched == ["حق النقض (ar)"]
    assert hits["Mexico"].matched == ["veto (en, fr, es)"]
    assert hits["Russian Federation"].matched == ["вето (ru)"]
    assert hits["China"].snippet == "…为，保护的责任不应被滥用。安理会常任理事国应慎用**否决**权。"
    stem_hit = view.search("protection", country="KEN")[0]
    assert stem_hit.snippet == "…supports early warning mechanisms and the **protected** status of refugees."


def test_text_column_kept_with_any_language():
    """``text:`` before a glossary term: each of its forms is searched in the text only."""
    anywhere = compile_query("veto", any_language=True)
    in_text = compile_query("text:veto", any_language=True)
    assert in_text.match == anywhere.match.replace("{speaker text plain}", "{text plain}")
    assert "speaker" not in in_text.match
    assert in_text.expansions[0].alternatives[0] == (
        "veto (en, fr, es)",
        '({text plain} : "veto" OR stems : "enveto" OR stems : "frveto" OR stems : "esvet")')


def test_count_by_language_any_language(langs):
    _, view = langs
    groups = view.count_by("veto", "language", any_language=True)
    assert [(g.key, g.count) for g in groups] == [
        ("ar", 1), ("en", 1), ("es", 1), ("fr", 1), ("ru", 1), ("zh", 1)]


def test_cli_any_language_notes(langs):
    archive, _ = langs
    result = CliRunner().invoke(cli, ["--archive", str(archive.root), "search", "veto foo",
                                      "--any-language"])
    assert result.exit_code == 1  # no hit: exit 1, like grep
    assert result.stderr.splitlines() == [
        "veto: searched in six languages as veto (en, fr, es), droit de veto (fr), "
        "derecho de veto (es), вето (ru), حق النقض (ar), الفيتو (ar), 否决 (zh)",
        "not in the glossary, searched as typed: foo",
    ]
    assert result.stdout == ""  # a pipe: tsv, and no row to print
    result = CliRunner().invoke(cli, ["--archive", str(archive.root), "search", "вето",
                                      "--any-language", "--count-by", "language", "--json"])
    assert result.exit_code == 0
    assert '"language": "zh"' in result.stdout


def test_cli_exact(langs):
    archive, _ = langs
    run = CliRunner().invoke
    args = ["--archive", str(archive.root), "search", "protecting", "--json"]
    assert len(run(cli, args).stdout.split('"id"')) - 1 == 3
    assert len(run(cli, [*args, "--exact"]).stdout.split('"id"')) - 1 == 1


def test_analysis_forms():
    assert analyze.normalize_arabic("حَقَّ الإبادة حمـــاية") == "حق الابادة حماية"
    assert analyze.cjk_of("否决权 ok 安") == "否决 决权 权 安"
    assert analyze.stems_of("Protecting protections", "en") == "enprotect enprotect"
    assert analyze.stems_of("anything", None) == ""
    assert compile_query("protection", exact=True).match == '{speaker text plain} : "protection"'
    assert compile_query("speaker:protection").match == 'speaker : "protection"'


def test_chinese_html_statement_is_not_an_error_page():
    paragraphs = ["主席先生，中国支持大会就保护的责任举行对话。",
                  "我们认为，预防暴行罪首先是各国政府的责任。",
                  "早期预警机制十分重要，人权理事会应发挥作用。",
                  "安理会应慎用否决权，平民必须得到保护。谢谢主席。"]
    page = ("<html><head><meta charset='utf-8'><title>发言</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>").encode()
    assert sum(map(len, paragraphs)) < 200  # shorter than TINY_BODY in characters
    assert is_error_page(page) is False
    assert is_error_page("<html><body><p>页面未找到</p></body></html>".encode()) is True
