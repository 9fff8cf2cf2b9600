"""Index loss: the SQLite index deleted, truncated, zeroed or garbled.

Readers refuse in one line that says to run `r2p reindex` (exit 2) and never print a
traceback; `r2p reindex` rebuilds an index that gives the same `list --json` and the same
search results as before.
"""

from __future__ import annotations

import json
import random

import pytest
from fixture_site import serve_dialogue
from test_reliability_common import one_line_error, r2p, record_at_session_end

QUERIES = ["prevention", '"early warning"', "veto OR véto", "speaker:brazil", "prev*",
           "responsabilidad", "Secretary-General NOT Spain"]


def snapshot(root) -> tuple[list, dict]:
    listed = r2p(root, "list", "--json")
    assert listed.code == 0, listed.stderr
    hits = {}
    for q in QUERIES:
        ran = r2p(root, "search", "--json", "--limit", "100", "--", q)
        found = json.loads(ran.stdout)
        assert ran.code == (0 if found else 1), (q, ran.stderr)  # 1: no hit (like grep)
        hits[q] = [(h["id"], h["speaker"]) for h in found]
    return json.loads(listed.stdout), hits


def _delete(db):
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def _truncate(db):
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def _zero_length(db):
    db.write_bytes(b"")


def _garble_header(db):
    data = bytearray(db.read_bytes())
    data[0:100] = random.Random(1).randbytes(100)
    db.write_bytes(bytes(data))


def _not_sqlite(db):
    db.write_text("this is not a database, only an invented sentence\n" * 50)


def _garble_pages(db):
    data = bytearray(db.read_bytes())
    rng = random.Random(2)
    for page in range(1, len(data) // 4096):
        start = page * 4096 + 100
        data[start:start + 200] = rng.randbytes(200)
    db.write_bytes(bytes(data))


DAMAGE = {"deleted": _delete, "truncated to a third": _truncate, "zero bytes": _zero_length,
          "garbled header": _garble_header, "not SQLite": _not_sqlite,
          "garbled pages": _garble_pages}
_figures: dict[str, str] = {}
_fetched: list = []  # (listed, hits) once the module's archive is fetched
record_at_session_end("index_loss", lambda: {
    "statements": len(_fetched[0]), "queries": len(QUERIES),
    "hits": {q: len(h) for q, h in _fetched[1].items()}, "readers": _figures}
    if _fetched else None)


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    from siteserver import SiteServer

    server = SiteServer()
    d = serve_dialogue(server.site(), n=24)
    root = tmp_path_factory.mktemp("index-loss") / "arc"
    ran = r2p(root, "fetch", d.page_url, "--quiet", "--jobs", "2")
    server.close()
    assert ran.code == 0, ran.stderr
    _fetched[:] = snapshot(root)
    return root, tuple(_fetched)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_readers_refuse_a_lost_index_and_reindex_rebuilds_it(fetched, damage):
    root, (listed, hits) = fetched
    assert len(listed) == 24
    # the index is checkpointed (no WAL left) when the fetch ends; damage the main file
    db = root / "index.sqlite"
    DAMAGE[damage](db)
    outcomes = set()
    for args in (("list", "--json"), ("search", "prevention"), ("show", listed[0]["id"])):
        ran = r2p(root, *args)
        assert "Traceback" not in ran.stderr
        if ran.code == 0:
            outcomes.add("answered")  # damage SQLite cannot see (page contents garbled)
            continue
        assert ran.code == 2, (damage, args, ran.stderr)
        line = one_line_error(ran.stderr)
        assert "`r2p reindex`" in line, line
        outcomes.add(line.replace(str(db), "INDEX"))
    if damage != "garbled pages":
        assert "answered" not in outcomes, outcomes
    rebuilt = r2p(root, "reindex")
    assert (rebuilt.code, rebuilt.stdout.strip()) == (0, f"indexed 24 statements into {db}")
    assert snapshot(root) == (listed, hits)
    assert r2p(root, "verify").code == 0
    _figures[damage] = "; ".join(sorted(outcomes))


def test_undecodable_text_in_the_index_is_refused_in_one_line(tmp_path):
    """Garbled bytes inside a row (SQLite cannot tell) reach Python as undecodable text."""
    import sqlite3

    from archive_factory import build_corpus

    archive, _ = build_corpus(tmp_path / "arc")
    conn = sqlite3.connect(archive.index_path)
    with conn:
        conn.execute("UPDATE statements_fts SET text = CAST(x'ff0a41fe0a7665746f' AS TEXT)")
        conn.execute("UPDATE statements SET speaker = CAST(x'ff0a42' AS TEXT)")
    conn.close()
    messages = []
    for args in (("search", "veto"), ("list",)):
        ran = r2p(archive.root, *args)
        assert ran.code == 2, ran.stdout
        messages.append(one_line_error(ran.stderr))
    prefix = f"r2p: error: cannot read the index {archive.index_path}: Could not decode to UTF-8"
    assert [m.startswith(prefix) and m.endswith("; run `r2p reindex`") for m in messages] == [
        True, True], messages
    assert r2p(archive.root, "reindex").code == 0
    assert r2p(archive.root, "search", "veto").code == 0
