from __future__ import annotations

import pytest
from archive_factory import CORPUS, build_corpus

from r2p_archive.api import GroupCount, Hit, Statement, open_archive, parse_years
from r2p_archive.errors import UnusableInput


@pytest.fixture
def arc(tmp_path):
    archive, recs = build_corpus(tmp_path / "arc")
    view = open_archive(archive.root)
    yield view, recs
    view.close()


def test_statements_filters(arc):
    view, recs = arc
    got = view.statements(year=range(2013, 2015), language="en")
    assert all(isinstance(st, Statement) for st in got)
    assert [(st.year, st.name) for st in got] == [
        (2013, "Brazil"), (2013, "Ghana"), (2014, "European Union"), (2014, "Republic of Korea"),
    ]
    assert [st.id for st in view.statements(country="Côte d'Ivoire")] == []
    assert [st.id for st in view.statements(country="cod")] == [recs[6].id]
    assert [st.id for st in view.statements(status="no_link")] == [recs[8].id]
    assert [st.id for st in view.statements(speaker_type="organization")] == [recs[4].id]
    assert [st.id for st in view.statements(year=2012)] == [recs[0].id]
    with pytest.raises(UnusableInput) as exc:
        view.statements(status="done")
    assert str(exc.value) == (
        'unknown status "done": choose one of ok, no_text, failed, no_link, unsupported, pending'
    )
    with pytest.raises(UnusableInput):
        view.statements(country="Korea")


def test_statement_text_is_lazy_and_paths(arc):
    view, recs = arc
    st = view.get(recs[3].id)
    assert st._text_read is False
    assert st.text == CORPUS[3].text
    assert st._text_read is True
    assert st.original_path == view.root / "2013/GHA/en/statement.pdf"
    assert st.folder == view.root / "2013/GHA/en"
    chad = view.get(recs[8].id)
    assert (chad.text, chad.original_path, chad.name) == (None, None, "Chad")
    assert chad.to_json(text=True)["text"] is None


def test_get_errors(arc):
    view, recs = arc
    with pytest.raises(UnusableInput) as exc:
        view.get("ffffffffff")
    assert str(exc.value) == 'no statement with id "ffffffffff"'
    # a one-character prefix shared by several ids
    first = recs[1].id[0]
    sharing = sorted(r.id for r in recs if r.id.startswith(first))
    if len(sharing) > 1:
        with pytest.raises(UnusableInput) as exc:
            view.get(first)
        assert str(exc.value).startswith(f'statement id "{first}" is ambiguous: ')


def test_search_returns_hits(arc):
    view, recs = arc
    hits = view.search("véto", year=[2013])
    assert all(isinstance(h, Hit) for h in hits)
    # France first: "véto" is written so there, and its French stem matches too
    assert [(h.id, h.name) for h in hits] == [(recs[2].id, "France"), (recs[1].id, "Brazil")]
    assert hits[1].parts == [
        ("Brazil supports the responsibility to protect. The ", False),
        ("veto", True),
        (" must never block action against atrocity crimes.", False),
    ]
    assert hits[1].statement is not None and hits[1].statement.text == CORPUS[1].text
    assert hits[0].score >= hits[1].score > 0
    with pytest.raises(UnusableInput):
        view.search("veto", limit=0)


def test_snippet_is_cut_with_ellipsis(tmp_path):
    from archive_factory import Spec, build

    words = " ".join(f"word{i}" for i in range(60))
    archive, _ = build(tmp_path / "a", [Spec(2016, "Peru", f"{words} genocide {words}",
                                             iso3="PER")])
    with open_archive(archive.root) as view:
        (hit,) = view.search("genocide")
    assert hit.snippet == (
        "…word49 word50 word51 word52 word53 word54 word55 word56 word57 word58 word59 "
        "**genocide** word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 "
        "word11…"
    )


def test_count_by(arc):
    view, _ = arc
    groups = view.count_by("crimes OR prevention", "year")
    assert groups == [
        GroupCount(2012, "2012", 0, 1),
        GroupCount(2013, "2013", 3, 3),
        GroupCount(2014, "2014", 2, 2),  # "preventive" has the stem of "prevention"
        GroupCount(2015, "2015", 1, 2),
    ]
    with pytest.raises(UnusableInput) as exc:
        view.count_by("veto", "decade")
    assert str(exc.value) == 'cannot count by "decade": choose one of year, country, language'


def test_empty_archive(tmp_path):
    view = open_archive(tmp_path / "nothing-here")
    assert view.empty
    assert view.statements() == []
    assert view.search("veto") == []
    assert view.find(year=[2013]) == []
    with pytest.raises(UnusableInput):
        view.search('"unclosed')


def test_default_path_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("R2P_ARCHIVE", str(tmp_path / "x"))
    assert open_archive().root == (tmp_path / "x").resolve()


def test_parse_years():
    assert parse_years(["2013", "2015-2017", "2016"]) == [2013, 2015, 2016, 2017]
    assert parse_years([]) == []
