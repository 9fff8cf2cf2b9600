"""The archive's SQLite index: a table of statements plus an FTS5 full-text table.

The index is derived from the files: every row is computed from a statement's JSON sidecar and
its extracted text, so :func:`reindex` can always rebuild it, and
:func:`r2p_archive.verify.verify` can compare it with the files.
The schema is documented in ``docs/schema.md``.

Besides the text, ``statements_fts`` holds the forms that search matches (see
:mod:`r2p_archive.analyze`): ``plain`` (Arabic without marks), ``stems`` (tagged Snowball stems
in the statement's language) and ``cjk`` (character bigrams of text without spaces).  Every
SQL statement against the full-text table is here; :mod:`r2p_archive.query` makes the MATCH
expressions.

Only the standard library is imported here (``countries`` and PyStemmer lazily), so the CLI
stays fast.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from r2p_archive.errors import UnusableInput
from r2p_archive.models import Record
from r2p_archive.storage import Archive

SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 10_000

# Columns of `statements` and their SQL types (the integer `num` that links each row to its
# FTS rowid comes after `id`).  A column named like a Record field holds that field; the few
# others are derived in `row_of`.  A new statement field is a Record field plus a line here.
_DECLS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT PRIMARY KEY"),
    ("year", "INTEGER NOT NULL"),
    ("speaker", "TEXT NOT NULL"),
    ("speaker_type", "TEXT NOT NULL"),
    ("iso3", "TEXT"),
    ("country", "TEXT"),
    ("language", "TEXT"),
    ("languages", "TEXT NOT NULL DEFAULT '[]'"),
    ("languages_detected", "TEXT NOT NULL DEFAULT '[]'"),
    ("status", "TEXT NOT NULL"),
    ("error", "TEXT"),
    ("url", "TEXT"),
    ("final_url", "TEXT"),
    ("wayback_url", "TEXT"),
    ("path", "TEXT NOT NULL"),
    ("original", "TEXT"),
    ("text_path", "TEXT"),
    ("sha256", "TEXT"),
    ("text_chars", "INTEGER"),
    ("pages", "INTEGER"),
    ("fetched_at", "TEXT"),
    ("note", "TEXT"),
    ("source", "TEXT"),
    ("record", "TEXT"),
    ("record_file", "TEXT"),
    ("turn", "INTEGER"),
    ("page", "INTEGER"),
    ("person", "TEXT"),
    ("affiliation", "TEXT"),
    ("delivered_in", "TEXT"),
    ("agenda_item", "TEXT"),
    ("reply", "INTEGER NOT NULL DEFAULT 0"),
    ("on_behalf_of", "TEXT"),
    ("procedural", "INTEGER NOT NULL DEFAULT 0"),
    ("extractor", "TEXT"),
    ("ocr_confidence", "REAL"),
    ("ocr_low_pages", "TEXT"),
)
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _DECLS)
_DERIVED = {"country", "languages", "languages_detected", "path", "text_path", "text_chars",
            "year", "reply", "procedural", "ocr_confidence", "ocr_low_pages"}
_PLAIN = tuple(c for c in COLUMNS if c not in _DERIVED)

_TABLE = ",\n    ".join(
    f"{name} {decl}" + (",\n    num INTEGER NOT NULL UNIQUE" if name == "id" else "")
    for name, decl in _DECLS)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS statements (
    {_TABLE}
);
CREATE INDEX IF NOT EXISTS statements_year ON statements(year);
CREATE INDEX IF NOT EXISTS statements_iso3 ON statements(iso3);
CREATE INDEX IF NOT EXISTS statements_language ON statements(language);
CREATE INDEX IF NOT EXISTS statements_record ON statements(record, turn);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    speaker, text, plain, stems, cjk, tokenize = 'unicode61 remove_diacritics 2'
);
PRAGMA user_version = {SCHEMA_VERSION};
"""


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        # A read-only copy of an archive (WAL mode): SQLite cannot create the -shm file beside
        # it, so open it as immutable; it cannot change while no one can write there.
        flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=10)
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB: fewer page reads per search
    else:
        conn = sqlite3.connect(path, timeout=10)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _damaged(path: Path) -> UnusableInput:
    return UnusableInput(f"index {path} is damaged; run `r2p reindex`")


@functools.lru_cache(maxsize=1024)
def _country_name(iso3: str) -> str | None:
    from r2p_archive import countries

    try:
        return countries.country_name(iso3)
    except Exception:  # an unknown code in a sidecar must not stop indexing
        return None


def row_of(rec: Record, text: str | None) -> dict[str, Any]:
    """The `statements` row (without `num`) that a record and its text give."""
    if rec.dir is None:
        raise ValueError(f"record {rec.id} has no folder")
    country = rec.country
    if country is None and rec.iso3:
        country = _country_name(rec.iso3)
    text_chars = rec.text_chars
    if text_chars is None and text is not None:
        text_chars = len(text)
    row = {name: getattr(rec, name) for name in _PLAIN}
    row.update(
        year=int(rec.year),
        country=country,
        languages=json.dumps(list(rec.languages), ensure_ascii=False),
        languages_detected=json.dumps(list(rec.languages_detected), ensure_ascii=False),
        path=rec.dir,
        text_path=f"{rec.dir}/{rec.text}" if rec.text else None,
        text_chars=text_chars,
        reply=int(bool(rec.reply)),
        procedural=int(bool(rec.procedural)),
        ocr_confidence=(rec.ocr or {}).get("confidence"),
        ocr_low_pages=json.dumps((rec.ocr or {}).get("low_confidence_pages") or [])
        if rec.ocr else None,
    )
    return row


_INSERT = (
    f"INSERT INTO statements (num, {', '.join(COLUMNS)}) "
    f"VALUES (:num, {', '.join(':' + c for c in COLUMNS)})"
)
_UPDATE = (
    f"UPDATE statements SET {', '.join(f'{c} = :{c}' for c in COLUMNS if c != 'id')} "
    "WHERE id = :id"
)


class Index:
    """An open connection to ``{archive}/index.sqlite``."""

    def __init__(self, archive: Archive, conn: sqlite3.Connection, readonly: bool):
        self.archive = archive
        self.conn = conn
        self.readonly = readonly

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, archive: Archive, *, readonly: bool = False) -> Index:
        """Open (and unless ``readonly`` create) the archive's index."""
        path = archive.index_path
        if readonly and not path.is_file():
            raise UnusableInput(f"no archive index at {path}; run `r2p fetch` or `r2p reindex`")
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = _connect(path, readonly=readonly)
        except sqlite3.OperationalError as exc:
            raise UnusableInput(f"cannot open index {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise _damaged(path) from exc
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not readonly and not tables:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.executescript(SCHEMA)
                conn.commit()
            elif {"statements", "statements_fts"} - tables:
                raise _damaged(path)
            elif version != SCHEMA_VERSION:
                raise UnusableInput(
                    f"index {path} was made by another version of r2p; run `r2p reindex`"
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _damaged(path) from exc
        except UnusableInput:
            conn.close()
            raise
        return cls(archive, conn, readonly)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def _put(self, row: dict[str, Any], text: str | None) -> None:
        cur = self.conn.execute("SELECT num FROM statements WHERE id = ?", (row["id"],))
        found = cur.fetchone()
        if found is None:
            cur = self.conn.execute("SELECT coalesce(max(num), 0) + 1 FROM statements")
            num = cur.fetchone()[0]
            self.conn.execute(_INSERT, {**row, "num": num})
        else:
            num = found[0]
            self.conn.execute(_UPDATE, row)
            self.conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (num,))
        from r2p_archive import analyze  # stemmers load only when statements are indexed

        forms = analyze.forms(text, row["language"])
        self.conn.execute(
            "INSERT INTO statements_fts (rowid, speaker, text, plain, stems, cjk) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (num, row["speaker"], text or "", forms["plain"], forms["stems"], forms["cjk"]),
        )

    def upsert(self, rec: Record, text: str | None) -> None:
        """Insert or replace one statement (one transaction)."""
        self.upsert_many([(rec, text)])

    def upsert_many(self, pairs: Iterable[tuple[Record, str | None]]) -> int:
        """Insert or replace many statements in one transaction; returns how many."""
        n = 0
        with self.conn:
            for rec, text in pairs:
                self._put(row_of(rec, text), text)
                n += 1
        return n

    def delete(self, statement_id: str) -> None:
        with self.conn:
            found = self.conn.execute(
                "SELECT num FROM statements WHERE id = ?", (statement_id,)
            ).fetchone()
            if found is not None:
                self.conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (found[0],))
                self.conn.execute("DELETE FROM statements WHERE id = ?", (statement_id,))

    def optimize(self) -> None:
        """Merge the full-text index into one b-tree (faster queries after bulk loads)."""
        with self.conn:
            self.conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('optimize')")

    # -- reading -------------------------------------------------------------------------
    def rows(self, *, text: bool = True) -> Iterator[dict[str, Any]]:
        """Every row of `statements` as dicts (order: id), with its indexed text under
        ``_text`` unless ``text=False`` (cheap: the texts stay on disk)."""
        if not text:
            cur = self.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM statements ORDER BY id")
            for values in cur:
                yield dict(zip(COLUMNS, values, strict=True))
            return
        cur = self.conn.execute(
            f"SELECT {', '.join('s.' + c for c in COLUMNS)}, f.text "
            "FROM statements s LEFT JOIN statements_fts f ON f.rowid = s.num ORDER BY s.id"
        )
        for values in cur:
            row = dict(zip(COLUMNS, values[:-1], strict=True))
            row["_text"] = values[-1]
            yield row

    def row(self, statement_id: str) -> dict[str, Any] | None:
        """One row of `statements` with its indexed text (key ``_text``), or None."""
        values = self.conn.execute(
            f"SELECT {', '.join('s.' + c for c in COLUMNS)}, f.text "
            "FROM statements s LEFT JOIN statements_fts f ON f.rowid = s.num WHERE s.id = ?",
            (statement_id,),
        ).fetchone()
        if values is None:
            return None
        row = dict(zip(COLUMNS, values[:-1], strict=True))
        row["_text"] = values[-1]
        return row

    def paths(self) -> dict[str, str]:
        """id -> folder of every indexed statement."""
        return dict(self.conn.execute("SELECT id, path FROM statements"))

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM statements").fetchone()[0]


# -- search ----------------------------------------------------------------------------------
# bm25 weights of the FTS columns (speaker, text, plain, stems, cjk): a match in the text counts
# more than one in the speaker's name; a word found as itself also matches its stem, so it
# ranks above a word found through its stem only.
BM25_WEIGHTS = (1.0, 4.0, 4.0, 2.0, 4.0)
# When a query matches more statements than this, only the most recent CANDIDATES of them
# (highest rowid) are ranked by BM25: ranking is then bounded whatever the word.
CANDIDATES = 4000
_FTS_FROM = "FROM statements_fts JOIN statements s ON s.num = statements_fts.rowid"
_BM25 = f"bm25(statements_fts, {', '.join(str(w) for w in BM25_WEIGHTS)})"


def ranked(conn: sqlite3.Connection, match: str, where: list[str], params: list[Any],
           limit: int, candidates: int = CANDIDATES) -> list[tuple[int, float]]:
    """(num, bm25) of the best ``limit`` statements matching ``match`` and the conditions
    ``where`` on ``statements s``; best first (lower bm25), ties most recent, then id."""
    cond = "".join(f" AND {c}" for c in where)
    floor = conn.execute(
        f"SELECT statements_fts.rowid {_FTS_FROM} WHERE statements_fts MATCH ?{cond} "
        "ORDER BY statements_fts.rowid DESC LIMIT 1 OFFSET ?",
        [match, *params, candidates],
    ).fetchone()
    if floor is not None:
        cond += f" AND statements_fts.rowid > {int(floor[0])}"
    return conn.execute(
        f"SELECT s.num, {_BM25} AS score {_FTS_FROM} "
        f"WHERE statements_fts MATCH ?{cond} ORDER BY score, s.year DESC, s.id LIMIT ?",
        [match, *params, limit],
    ).fetchall()


def ranked_rows(conn: sqlite3.Connection, match: str, columns: str, where: str = ""
                ) -> list[tuple[Any, ...]]:
    """``columns`` (of ``statements s``) and the bm25 score of every statement matching
    ``match`` and the SQL condition ``where``, in the order of :func:`ranked` (its weights)."""
    return conn.execute(f"SELECT {columns}, {_BM25} AS score {_FTS_FROM} WHERE statements_fts "
                        f"MATCH ?{where and ' AND ' + where} ORDER BY score, s.year DESC, s.id",
                        [match]).fetchall()


def snippets(conn: sqlite3.Connection, match: str, num: int, marks: tuple[str, str],
             tokens: int) -> tuple[str, str, str]:
    """FTS5's snippets of one matching statement's text, speaker and ``plain`` columns."""
    found = conn.execute(
        "SELECT snippet(statements_fts, 1, ?1, ?2, '…', ?3), "
        "snippet(statements_fts, 0, ?1, ?2, '…', ?3), "
        "snippet(statements_fts, 2, ?1, ?2, '…', ?3) FROM statements_fts "
        "WHERE statements_fts MATCH ?4 AND rowid = ?5",
        [*marks, tokens, match, num],
    ).fetchone()
    return found or ("", "", "")


def text_of(conn: sqlite3.Connection, num: int) -> str:
    found = conn.execute("SELECT text FROM statements_fts WHERE rowid = ?", (num,)).fetchone()
    return found[0] if found else ""


def matching(conn: sqlite3.Connection, match: str, nums: Iterable[int]) -> set[int]:
    """Which of the statements ``nums`` match ``match``."""
    nums = [int(n) for n in nums]
    if not nums:
        return set()
    rows = conn.execute(
        "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ? "
        f"AND rowid IN ({', '.join(map(str, nums))})", [match]).fetchall()
    return {r[0] for r in rows}


def count_matches(conn: sqlite3.Connection, match: str, key: str, where: list[str],
                  params: list[Any]) -> dict[Any, int]:
    """Matching statements per value of the SQL expression ``key`` (on ``statements s``)."""
    cond = "".join(f" AND {c}" for c in where)
    return dict(conn.execute(
        f"SELECT {key}, count(*) {_FTS_FROM} WHERE statements_fts MATCH ?{cond} GROUP BY 1",
        [match, *params]).fetchall())


# -- rebuild ---------------------------------------------------------------------------------
def _records_with_text(archive: Archive) -> Iterator[tuple[Record, str | None]]:
    # folder order is year order, so the rowids (`num`) of the most recent statements are the
    # highest: `ranked` prefers them when a word is in very many statements
    for rec in archive.iter_records():
        yield rec, archive.read_text(rec)


def _drop_wal(db: Path) -> None:
    """Checkpoint the old database and take it out of WAL mode before it is replaced."""
    if db.is_file():
        try:
            conn = sqlite3.connect(db, timeout=10)
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
        except sqlite3.Error:
            pass
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db}{suffix}")


def reindex(archive: Archive, *, batch: int = 500) -> int:
    """Rebuild the index from the files into a temporary database, then swap it in atomically.

    Returns how many statements were indexed.
    """
    archive.ensure()
    fd, tmp_name = tempfile.mkstemp(dir=archive.root, prefix=".index.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA)
        conn.commit()
        idx = Index(archive, conn, readonly=False)
        n = 0
        pending: list[tuple[Record, str | None]] = []
        for pair in _records_with_text(archive):
            pending.append(pair)
            if len(pending) >= batch:
                n += idx.upsert_many(pending)
                pending = []
        n += idx.upsert_many(pending)
        idx.optimize()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
        _drop_wal(archive.index_path)
        os.replace(tmp, archive.index_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")
    return n


