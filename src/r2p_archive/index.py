"""The archive's SQLite index: a table of statements plus an FTS5 full-text table.

The index is derived from the files: every row is computed from a statement's JSON sidecar and
its extracted text, so :func:`reindex` can always rebuild it, and
:func:`r2p_archive.verify.verify` can compare it with the files.
The schema is documented in ``docs/schema.md``.

Only the standard library is imported here (``countries`` lazily), so the CLI stays fast.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from r2p_archive.errors import UnusableInput
from r2p_archive.models import Record
from r2p_archive.storage import Archive

SCHEMA_VERSION = 2
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
    speaker, text, tokenize = 'unicode61 remove_diacritics 2'
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
        self.conn.execute(
            "INSERT INTO statements_fts (rowid, speaker, text) VALUES (?, ?, ?)",
            (num, row["speaker"], text or ""),
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


# -- rebuild ---------------------------------------------------------------------------------
def _records_with_text(archive: Archive) -> Iterator[tuple[Record, str | None]]:
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


# -- user query -> safe FTS5 query -----------------------------------------------------------
_OPERATORS = ("AND", "OR", "NOT")
_COLUMNS_FILTERS = ("speaker", "text")
MAX_QUERY = 1000
MAX_DEPTH = 50  # nested parentheses; deeper nesting would exhaust Python's recursion limit


@dataclass(frozen=True)
class _Tok:
    kind: str  # "term", "op", "(", ")"
    value: str = ""
    prefix: bool = False
    column: str | None = None


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _show(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _tokenize(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            toks.append(_Tok(ch))
            i += 1
            continue
        # an optional column filter `speaker:` / `text:` before a word or phrase
        column = None
        lowered = query[i:].lower()
        for col in _COLUMNS_FILTERS:
            if lowered.startswith(col + ":"):
                column = col
                i += len(col) + 1
                if i >= n or query[i].isspace() or query[i] in "()":
                    raise UnusableInput(f'"{col}:" must be followed by a word or a "phrase"')
                ch = query[i]
                break
        if ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise UnusableInput(
                    f'unbalanced quote: the phrase "{_show(query[i + 1:])} is not closed'
                )
            phrase = query[i + 1 : end]
            i = end + 1
            prefix = i < n and query[i] == "*"
            if prefix:
                i += 1
            if not _has_word(phrase):
                raise UnusableInput(f'the quoted phrase "{_show(phrase)}" has no words in it')
            toks.append(_Tok("term", phrase, prefix, column))
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] not in '()"':
            j += 1
        word = query[i:j]
        i = j
        if column is None and word in _OPERATORS:
            toks.append(_Tok("op", word))
            continue
        if word.startswith("-") and len(word) > 1 and word[1].isalnum():
            raise UnusableInput(
                f'"{_show(word)}": to leave out a word use NOT, as in veto NOT {_show(word[1:])}'
            )
        prefix = word.endswith("*")
        stem = word.rstrip("*")
        if not _has_word(stem):
            if "*" in word:
                raise UnusableInput(
                    "a * must follow the start of a word, as in prevent* (prefix search)"
                )
            if column:
                raise UnusableInput(f'"{column}:" must be followed by a word or a "phrase"')
            continue  # punctuation only, e.g. "&" or "-": not searchable, ignored
        toks.append(_Tok("term", stem, prefix, column))
    return toks


class _Parser:
    """query := or ; or := and (OR and)* ; and := not ([AND] not)* ; not := atom (NOT atom)*"""

    def __init__(self, toks: list[_Tok]):
        self.toks = toks
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> str:
        expr = self.parse_or()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop parse_or early
            raise UnusableInput('unbalanced parentheses: a ")" has no matching "("')
        return expr

    def parse_or(self) -> str:
        parts = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "OR":
            self.next()
            parts.append(self.parse_and(after="OR"))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def parse_and(self, after: str | None = None) -> str:
        parts = [self.parse_not(after)]
        while (tok := self.peek()) is not None and not (
            tok.kind == ")" or (tok.kind == "op" and tok.value == "OR")
        ):
            if tok.kind == "op" and tok.value == "AND":
                self.next()
                parts.append(self.parse_not("AND"))
            else:
                parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def parse_not(self, after: str | None = None) -> str:
        left = self.parse_atom(after)
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "NOT":
            self.next()
            left = f"({left} NOT {self.parse_atom('NOT')})"
        return left

    def parse_atom(self, after: str | None) -> str:
        tok = self.peek()
        if tok is None:
            if after:
                raise UnusableInput(f"{after} must be followed by a word or a phrase")
            raise UnusableInput("empty query: give words to search for")
        if tok.kind == "op":
            if after:
                raise UnusableInput(f"{after} must be followed by a word, not by {tok.value}")
            if tok.value == "NOT":
                raise UnusableInput(
                    "NOT needs a word before it, as in veto NOT council "
                    "(a query cannot start with NOT)"
                )
            raise UnusableInput(f"{tok.value} needs a word on both sides, as in veto {tok.value} "
                                "council")
        if tok.kind == ")":
            if after:
                raise UnusableInput(f"{after} must be followed by a word, not by )")
            if self.pos > 0 and self.toks[self.pos - 1].kind == "(":
                raise UnusableInput("empty parentheses: () has nothing to search for")
            raise UnusableInput('unbalanced parentheses: a ")" has no matching "("')
        self.next()
        if tok.kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise UnusableInput(f"too many nested parentheses (more than {MAX_DEPTH})")
            inner = self.parse_or()
            close = self.peek()
            if close is None or close.kind != ")":
                raise UnusableInput('unbalanced parentheses: a "(" is not closed')
            self.next()
            self.depth -= 1
            return inner
        term = '"' + tok.value.replace('"', '""') + '"' + ("*" if tok.prefix else "")
        if tok.column:
            term = f"{tok.column} : {term}"
        return term


def fts_query(query: str) -> str:
    """Translate a user's search query into a safe FTS5 MATCH expression.

    Syntax: words (all must occur), ``"quoted phrases"``, ``OR``, ``AND``, ``NOT`` (upper case;
    lower-case "or"/"and"/"not" are ordinary words), parentheses, a trailing ``*`` for a prefix
    (``prevent*``), and ``speaker:`` / ``text:`` before a word or phrase to search one column.
    Every word is passed to FTS5 as a quoted string, so no user text is ever read as FTS5
    syntax.  A malformed query raises :class:`UnusableInput` saying what is wrong.
    """
    if len(query) > MAX_QUERY:
        raise UnusableInput(f"query too long ({len(query)} characters; at most {MAX_QUERY})")
    if "\x00" in query:
        raise UnusableInput("query contains a NUL character")
    toks = _tokenize(query)
    if not toks:
        if query.strip():
            raise UnusableInput(f'nothing to search for in "{_show(query)}": give a word')
        raise UnusableInput("empty query: give words to search for")
    return _Parser(toks).parse()
