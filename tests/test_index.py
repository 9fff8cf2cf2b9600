from __future__ import annotations

import json
import sqlite3

import pytest
from archive_factory import CORPUS, Spec, build, build_corpus
from filelock import FileLock

from r2p_archive import index
from r2p_archive.api import open_archive
from r2p_archive.errors import UnusableInput
from r2p_archive.index import Index, reindex
from r2p_archive.query import fts_query
from r2p_archive.verify import verify


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("veto", '"veto"'),
        ("Veto Council", '("Veto" AND "Council")'),
        ('"responsibility to protect"', '"responsibility to protect"'),
        ("veto OR prevention", '("veto" OR "prevention")'),
        ("veto AND prevention", '("veto" AND "prevention")'),
        ("veto NOT council", '("veto" NOT "council")'),
        ("prevent*", '"prevent"*'),
        ('"early warn"*', '"early warn"*'),
        ("(veto OR véto) council", '(("veto" OR "véto") AND "council")'),
        ("a OR b c", '("a" OR ("b" AND "c"))'),
        ("a b NOT c OR d", '(("a" AND ("b" NOT "c")) OR "d")'),
        ("speaker:brazil", 'speaker : "brazil"'),
        ('text:"early warning"', 'text : "early warning"'),
        ("other:word", '"other:word"'),
        ("veto or not", '("veto" AND "or" AND "not")'),
        ("R2P's", "\"R2P's\""),
        ("Bosnia & Herzegovina", '("Bosnia" AND "Herzegovina")'),
        ("NEAR(a b)", '("NEAR" AND ("a" AND "b"))'),
        ("a;DROP", '"a;DROP"'),
        ("well-known - x", '("well-known" AND "x")'),
        ("x'y", "\"x'y\""),
        ("{speaker}:x", '"{speaker}:x"'),
    ],
)
def test_fts_query_translation(query, fts):
    assert fts_query(query) == fts


MALFORMED = {
    "": "empty query: give words to search for",
    "   ": "empty query: give words to search for",
    '"veto': 'unbalanced quote: the phrase "veto is not closed',
    'veto "early warning': 'unbalanced quote: the phrase "early warning is not closed',
    "(veto": 'unbalanced parentheses: a "(" is not closed',
    "((veto OR x)": 'unbalanced parentheses: a "(" is not closed',
    "veto)": 'unbalanced parentheses: a ")" has no matching "("',
    ")veto(": 'unbalanced parentheses: a ")" has no matching "("',
    "()": "empty parentheses: () has nothing to search for",
    "OR": "OR needs a word on both sides, as in veto OR council",
    "AND": "AND needs a word on both sides, as in veto AND council",
    "veto OR": "OR must be followed by a word or a phrase",
    "OR veto": "OR needs a word on both sides, as in veto OR council",
    "veto AND": "AND must be followed by a word or a phrase",
    "NOT veto": "NOT needs a word before it, as in veto NOT council "
                "(a query cannot start with NOT)",
    "veto NOT": "NOT must be followed by a word or a phrase",
    "veto AND OR x": "AND must be followed by a word, not by OR",
    "veto NOT NOT x": "NOT must be followed by a word, not by NOT",
    "veto (OR x)": "OR needs a word on both sides, as in veto OR council",
    "(veto OR)": "OR must be followed by a word, not by )",
    "*": "a * must follow the start of a word, as in prevent* (prefix search)",
    "veto **": "a * must follow the start of a word, as in prevent* (prefix search)",
    '""': 'the quoted phrase "" has no words in it',
    '"..."': 'the quoted phrase "..." has no words in it',
    "speaker:": '"speaker:" must be followed by a word or a "phrase"',
    "text: veto": '"text:" must be followed by a word or a "phrase"',
    "&&& --": 'nothing to search for in "&&& --": give a word',
    "x" * 1001: "query too long (1001 characters; at most 1000)",
    "veto -council": '"-council": to leave out a word use NOT, as in veto NOT council',
}


@pytest.mark.parametrize("query", list(MALFORMED))
def test_malformed_queries(query):
    with pytest.raises(UnusableInput) as exc:
        fts_query(query)
    assert str(exc.value) == MALFORMED[query]


def test_open_readonly_without_index(tmp_path):
    arc, _ = build(tmp_path / "a", CORPUS[:1], index=False)
    with pytest.raises(UnusableInput) as exc:
        Index.open(arc, readonly=True)
    assert str(exc.value) == (
        f"no archive index at {arc.index_path}; run `r2p fetch` or `r2p reindex`"
    )


def test_open_damaged_index(tmp_path):
    arc, _ = build(tmp_path / "a", CORPUS[:1], index=False)
    arc.index_path.write_bytes(b"this is not a database, just some bytes" * 100)
    for readonly in (True, False):
        with pytest.raises(UnusableInput) as exc:
            Index.open(arc, readonly=readonly)
        assert str(exc.value) == f"index {arc.index_path} is damaged; run `r2p reindex`"


def test_open_other_sqlite_file(tmp_path):
    arc, _ = build(tmp_path / "a", CORPUS[:1], index=False)
    conn = sqlite3.connect(arc.index_path)
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UnusableInput) as exc:
        Index.open(arc, readonly=True)
    assert str(exc.value) == f"index {arc.index_path} is damaged; run `r2p reindex`"


def test_schema_and_wal(tmp_path):
    arc, recs = build_corpus(tmp_path / "a")
    conn = sqlite3.connect(arc.index_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cols = [r[1] for r in conn.execute("PRAGMA table_info(statements)")]
    assert cols == ["id", "num", *index.COLUMNS[1:]]
    row = conn.execute(
        "SELECT id, year, speaker, iso3, country, language, languages, status, path, "
        "text_path, text_chars FROM statements WHERE speaker = 'Republic of Korea'"
    ).fetchone()
    assert row == (
        recs[5].id, 2014, "Republic of Korea", "KOR", "Republic of Korea", "en", "[]", "ok",
        "2014/KOR/en", "2014/KOR/en/statement.txt", 100,
    )
    # the country name comes from the countries module when the record has none
    assert conn.execute(
        "SELECT country FROM statements WHERE iso3 = 'COD'"
    ).fetchone() == ("Democratic Republic of the Congo",)
    fts = conn.execute(
        "SELECT s.speaker FROM statements_fts f JOIN statements s ON s.num = f.rowid "
        "WHERE statements_fts MATCH 'securite'"
    ).fetchall()
    assert fts == [("France",)]
    conn.close()


def test_upsert_replaces_and_delete_removes(tmp_path):
    arc, recs = build_corpus(tmp_path / "a")
    rec = recs[1]
    rec.status = "failed"
    rec.error = "gone"
    with Index.open(arc) as idx:
        idx.upsert(rec, "A completely new invented text about mediation.")
        assert idx.count() == len(CORPUS)
    view = open_archive(arc.root)
    assert [h.id for h in view.search("mediation")] == [rec.id]
    assert view.search("atrocity") and rec.id not in [h.id for h in view.search("atrocity")]
    assert view.get(rec.id).status == "failed"
    view.close()
    with Index.open(arc) as idx:
        idx.delete(rec.id)
        idx.delete("0000000000")  # unknown: nothing happens
        assert idx.count() == len(CORPUS) - 1
    with open_archive(arc.root) as view:
        assert view.search("mediation") == []


def _snapshot(root):
    with open_archive(root) as view:
        listed = [st.to_json() for st in view.statements()]
        searches = {
            q: [h.to_json() for h in view.search(q)]
            for q in ("veto", "prevention", '"early warning"', "prevent*", "brazil OR congo")
        }
        counts = [g.to_json("year") for g in view.count_by("prevention", "year")]
    return listed, searches, counts


def test_reindex_after_deleting_db_gives_identical_results(tmp_path):
    arc, recs = build(tmp_path / "a", list(reversed(CORPUS)))  # index in another order
    before = _snapshot(arc.root)
    for suffix in ("", "-wal", "-shm"):
        p = arc.root / f"index.sqlite{suffix}"
        if p.exists():
            p.unlink()
    assert reindex(arc) == len(CORPUS)
    after = _snapshot(arc.root)
    assert after == before
    assert [h["speaker"] for h in after[1]["veto"]] == ["France", "Brazil", "Brazil"]
    # no temporary database left behind
    assert [p.name for p in arc.root.iterdir() if p.name.startswith(".index.")] == []


def test_reindex_replaces_damaged_index(tmp_path):
    arc, _ = build_corpus(tmp_path / "a")
    arc.index_path.write_bytes(b"garbage" * 1000)
    assert reindex(arc) == len(CORPUS)
    with open_archive(arc.root) as view:
        assert len(view.statements()) == len(CORPUS)


def test_verify_clean(tmp_path):
    arc, _ = build_corpus(tmp_path / "a")
    report = verify(arc)
    assert report.checked == len(CORPUS)
    assert report.problems == []
    assert report.ok


def test_verify_finds_and_fixes_problems(tmp_path):
    arc, recs = build_corpus(tmp_path / "a")
    brazil13, france, ghana, eu = recs[1], recs[2], recs[3], recs[4]
    # a modified original, a missing original, a missing text, a stale row, a leftover temp file
    (arc.root / brazil13.dir / "statement.pdf").write_bytes(b"%PDF-1.4 tampered")
    (arc.root / france.dir / "statement.pdf").unlink()
    (arc.root / ghana.dir / "statement.txt").unlink()
    eu.note = "changed by hand"
    arc.save(eu)
    (arc.root / "2013" / ".statement.pdf.abc123.part").write_bytes(b"half")
    # an index row whose sidecar is gone
    ghost = Spec(2016, "Peru", "Peru speaks of invented things.", iso3="PER")
    arc2, (ghost_rec,) = build(arc.root, [ghost])
    import shutil

    shutil.rmtree(arc.root / ghost_rec.dir)

    report = verify(arc)
    got = [(p.id, p.path, p.problem, p.fixed) for p in report.problems]
    assert got == [
        ("", "2013/.statement.pdf.abc123.part", "leftover temporary file", False),
        (brazil13.id, "2013/BRA/en/statement.pdf", "original modified (sha256 mismatch)", False),
        (france.id, "2013/FRA/fr/statement.pdf", "original missing", False),
        (ghana.id, "2013/GHA/en/statement.txt", "text file missing", False),
        (ghana.id, "2013/GHA/en", "index out of date", False),
        (eu.id, "2014/european-union/en", "index out of date", False),
        (ghost_rec.id, "2016/PER/en", "in the index but no sidecar", False),
    ]
    assert not report.ok

    fixed = verify(arc, fix=True)
    assert [(p.id, p.problem, p.fixed) for p in fixed.problems] == [
        ("", "leftover temporary file", True),
        (brazil13.id, "original modified (sha256 mismatch)", True),
        (france.id, "original missing", True),
        (ghana.id, "text file missing", True),
        (brazil13.id, "index out of date", True),
        (france.id, "index out of date", True),
        (ghana.id, "index out of date", True),
        (eu.id, "index out of date", True),
        (ghost_rec.id, "in the index but no sidecar", True),
    ]
    assert fixed.ok
    # the records are marked for the next fetch
    assert (arc.load(brazil13.dir).status, arc.load(brazil13.dir).error) == (
        "failed", "original modified (sha256 mismatch)")
    assert (arc.load(france.dir).status, arc.load(france.dir).error) == (
        "failed", "original missing")
    g = arc.load(ghana.dir)
    assert (g.status, g.error, g.text, g.text_chars) == ("pending", "text file missing", None, None)
    assert not (arc.root / "2013" / ".statement.pdf.abc123.part").exists()
    # and everything agrees now
    again = verify(arc)
    assert again.problems == []
    with open_archive(arc.root) as view:
        assert view.get(eu.id).note == "changed by hand"
        assert view.get(france.id).status == "failed"
        assert [h.speaker for h in view.search("text:ghana")] == []


def test_verify_missing_index(tmp_path):
    arc, _ = build_corpus(tmp_path / "a", index=False)
    report = verify(arc)
    assert [(p.path, p.problem, p.fixed) for p in report.problems] == [
        ("index.sqlite", "index missing", False)
    ]
    report = verify(arc, fix=True)
    assert [(p.path, p.problem, p.fixed) for p in report.problems] == [
        ("index.sqlite", "index missing", True)
    ]
    assert verify(arc).problems == []


def test_write_lock_busy(tmp_path):
    arc, _ = build(tmp_path / "a", [])
    holder = FileLock(str(arc.lock_path))
    with holder:
        with pytest.raises(UnusableInput) as exc:
            with arc.writer_lock(timeout=0.05):
                pass
    assert str(exc.value) == (
        f"another r2p command is writing to {arc.root}; try again when it has finished"
    )
    with arc.writer_lock(timeout=0.05):
        pass


def test_sidecar_json_roundtrip_matches_index(tmp_path):
    arc, recs = build_corpus(tmp_path / "a")
    with open_archive(arc.root) as view:
        st = view.get(recs[2].id)
    side = json.loads((arc.root / recs[2].dir / "statement.json").read_text())
    assert (st.id, st.year, st.speaker, st.language, st.languages, st.sha256) == (
        side["id"], side["year"], side["speaker"], side["language"], side["languages"],
        side["sha256"],
    )


def test_rows_without_text(tmp_path):
    arc, recs = build(tmp_path / "a", CORPUS[:2])
    with Index.open(arc, readonly=True) as idx:
        with_text = list(idx.rows())
        without = list(idx.rows(text=False))
    assert [r["id"] for r in without] == sorted(r.id for r in recs)
    assert without == [{k: v for k, v in r.items() if k != "_text"} for r in with_text]
