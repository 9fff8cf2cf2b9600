"""The archive's SQLite index: a table of statements plus an FTS5 full-text table.

The index is derived from the files: every row is computed from a statement's JSON sidecar and
its extracted text, so :func:`reindex` can always rebuild it, and :func:`verify` can compare it
with the files.  The schema is documented in ``docs/schema.md``.

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
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from r2p_archive import analyze
from r2p_archive.errors import UnusableInput
from r2p_archive.models import PENDING, Record
from r2p_archive.storage import Archive

SCHEMA_VERSION = 3
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
)
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _DECLS)
_DERIVED = {"country", "languages", "languages_detected", "path", "text_path", "text_chars",
            "year", "reply", "procedural"}
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
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
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
        return cls.open_path(archive, archive.index_path, readonly=readonly)

    @classmethod
    def open_path(cls, archive: Archive, path: Path, *, readonly: bool = False) -> Index:
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
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    return conn.execute(
        f"SELECT s.num, bm25(statements_fts, {weights}) AS score {_FTS_FROM} "
        f"WHERE statements_fts MATCH ?{cond} ORDER BY score, s.year DESC, s.id LIMIT ?",
        [match, *params, limit],
    ).fetchall()


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


# -- verify ----------------------------------------------------------------------------------
ORIGINAL_MISSING = "original missing"
ORIGINAL_MODIFIED = "original modified (sha256 mismatch)"
TEXT_MISSING = "text file missing"


@dataclass(frozen=True)
class Problem:
    """One difference between the files and what they should be."""

    id: str  # statement id ("" for archive-wide problems)
    path: str  # relative to the archive root
    problem: str  # one line
    fixed: bool = False


@dataclass
class VerifyReport:
    checked: int = 0  # statements (sidecars) checked
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(p.fixed for p in self.problems)

    @property
    def unfixed(self) -> list[Problem]:
        return [p for p in self.problems if not p.fixed]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _known_failure(rec: Record) -> bool:
    return rec.status == "failed" and rec.error in (ORIGINAL_MISSING, ORIGINAL_MODIFIED)


def verify(archive: Archive, *, fix: bool = False) -> VerifyReport:
    """Check the files against their checksums and the index against the files.

    Problems found (each one line): an original missing or modified, a missing text file,
    a statement missing from the index or indexed differently from its files, an index row
    without a sidecar, leftover ``*.part`` temp files, a missing or damaged index.  With
    ``fix`` the index is brought in line, temp files are removed, and records whose original
    is missing or modified are marked ``failed`` so the next fetch downloads them again.
    Statements already marked so are not reported again.
    """
    report = VerifyReport()
    problems = report.problems
    root = archive.root
    if not root.is_dir():
        raise UnusableInput(f"no archive at {root}")

    # leftover temp files from interrupted writes
    for part in sorted(root.rglob("*.part")):
        rel = part.relative_to(root).as_posix()
        fixed = False
        if fix:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
            fixed = True
        problems.append(Problem("", rel, "leftover temporary file", fixed))

    records = list(archive.iter_records())
    report.checked = len(records)
    to_save: list[Record] = []
    for rec in records:
        assert rec.dir is not None
        original = archive.file(rec, rec.original)
        rel = f"{rec.dir}/{rec.original}"
        if original is None and rec.record_file:  # a turn of a verbatim record
            original, rel = archive.path_of(rec.record_file), rec.record_file
        if original is not None and not _known_failure(rec):
            problem = None
            if not original.is_file():
                problem = ORIGINAL_MISSING
            elif rec.sha256 and _sha256(original) != rec.sha256:
                problem = ORIGINAL_MODIFIED
            if problem:
                problems.append(Problem(rec.id, rel, problem, fix))
                if fix:
                    rec.status = "failed"
                    rec.error = problem
                    to_save.append(rec)
        text_file = archive.file(rec, rec.text)
        if text_file is not None and not text_file.is_file():
            problems.append(Problem(rec.id, f"{rec.dir}/{rec.text}", TEXT_MISSING, fix))
            if fix:
                # extract again on the next fetch: the document is there, its text is not
                rec.text = None
                rec.text_chars = None
                if rec.status == "ok":
                    rec.status = PENDING
                    rec.error = TEXT_MISSING
                if rec not in to_save:
                    to_save.append(rec)
    for rec in to_save:
        archive.save(rec)

    # the index against the files
    db = archive.index_path
    index: Index | None = None
    whole_index_problem = None
    if not db.is_file():
        whole_index_problem = "index missing"
    else:
        try:
            index = Index.open(archive, readonly=not fix)
            indexed = index.paths()
        except (UnusableInput, sqlite3.DatabaseError):
            if index is not None:
                index.close()
                index = None
            whole_index_problem = "index damaged"
    if whole_index_problem:
        if fix:
            reindex(archive)
        problems.append(Problem("", db.name, whole_index_problem, fix))
        return report

    assert index is not None
    try:
        stale: list[tuple[Record, str | None]] = []
        seen: set[str] = set()
        for rec in records:
            text = archive.read_text(rec)
            seen.add(rec.id)
            want = row_of(rec, text)
            have = index.row(rec.id)
            if have is None:
                problems.append(Problem(rec.id, rec.dir or "", "not in the index", fix))
                stale.append((rec, text))
                continue
            have_text = have.pop("_text")
            if have != want or (have_text or "") != (text or ""):
                problems.append(Problem(rec.id, rec.dir or "", "index out of date", fix))
                stale.append((rec, text))
        extra = sorted(set(indexed) - seen)
        for sid in extra:
            problems.append(
                Problem(sid, indexed[sid], "in the index but no sidecar", fix)
            )
        if fix:
            index.upsert_many(stale)
            for sid in extra:
                index.delete(sid)
    finally:
        index.close()
    return report
