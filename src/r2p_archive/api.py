"""A small Python API over an archive, for notebooks and scripts (and the `r2p` commands).

Example::

    from r2p_archive.api import open_archive

    arc = open_archive()                      # the CLI's default archive, or open_archive("path")
    for st in arc.statements(year=2013, language="fr"):
        print(st.year, st.name, st.text_chars)
    for hit in arc.search('veto OR "responsibility to protect"', year=range(2012, 2018)):
        print(hit.score, hit.name, hit.snippet)
    st = arc.get("3f2a9c01d4")                # a statement id (or a unique prefix of one)
    print(st.text[:200])                       # the text is read from its file on first use

Everything reads the archive's SQLite index (read-only); nothing here writes.  Filters:
``year`` an int or several (a list, a range); ``country`` a name in any common form (English,
French, Spanish...) or an ISO code, resolved by :func:`r2p_archive.countries.resolve_country`
(ambiguous or unknown names raise :class:`~r2p_archive.errors.UnusableInput`); ``speaker`` a
part of a speaker's, person's or affiliation's name; ``language`` an ISO 639 code (``"fr"``,
``"fra"``) or name (``"French"``); ``status`` and ``speaker_type`` the values of
:mod:`r2p_archive.models` (see :mod:`r2p_archive.filters`).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from r2p_archive import index as _index
from r2p_archive.errors import UnusableInput
from r2p_archive.filters import (  # noqa: F401  (part of this module's API)
    COUNT_BY,
    _filters,
    _norm_language,
    _norm_years,
    describe_filters,
    parse_years,
)
from r2p_archive.pipeline import FetchOutcome, fetch  # noqa: F401  (part of this API)
from r2p_archive.snippet import CLOSE, OPEN, snippet
from r2p_archive.statement import Statement
from r2p_archive.storage import SIDECAR, Archive
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from r2p_archive.query import Compiled

__all__ = [
    "ArchiveView",
    "GroupCount",
    "Hit",
    "Statement",
    "describe_filters",
    "open_archive",
    "parse_years",
]

_OPEN, _CLOSE = OPEN, CLOSE


@dataclass
class Hit:
    """A search result.  ``snippet`` marks matched words as ``**word**`` and cut text as ``…``."""

    id: str
    year: int
    speaker: str
    iso3: str | None
    country: str | None
    language: str | None
    score: float  # BM25 relevance, higher is better
    snippet: str
    rank: int = 0  # 1 for the best hit
    parts: list[tuple[str, bool]] = field(repr=False, compare=False, default_factory=list)
    statement: Statement | None = field(repr=False, compare=False, default=None)
    matched: list[str] = field(default_factory=list)  # --any-language: "否决 (zh)", ...

    @property
    def name(self) -> str:
        return self.country or self.speaker

    def to_json(self, *, text: bool = True) -> dict[str, Any]:
        """The statement's JSON (see ``docs/json.md``; ``text``: with its text) plus ``rank``,
        ``score``, ``snippet`` (and ``matched``: the glossary forms a hit contains, with
        ``--any-language``)."""
        st = self.statement
        data: dict[str, Any] = st.to_json(text=text) if st is not None else {
            "id": self.id, "year": self.year, "speaker": self.speaker, "iso3": self.iso3,
            "country": self.country, "language": self.language}
        data.update(rank=self.rank, score=self.score, snippet=self.snippet)
        if self.matched:
            data["matched"] = self.matched
        return data


@dataclass(frozen=True)
class GroupCount:
    """How many statements in one group (year, country or language) match a query."""

    key: int | str  # year, ISO3 (or speaker for non-states), language code
    label: str  # what to show
    count: int  # matching statements
    total: int  # statements with text in the group (under the same filters)

    def to_json(self, by: str) -> dict[str, Any]:
        if by == "country":  # the same keys as a statement: iso3 a code, country a name
            iso3 = self.key if self.key != self.label else None
            data: dict[str, Any] = {"iso3": iso3, "country": self.label}
        else:
            data = {by: self.key}
        data["count"] = self.count
        data["total"] = self.total
        return data


def _where(clauses: list[str], first: str | None = None) -> str:
    allc = ([first] if first else []) + clauses
    return (" WHERE " + " AND ".join(allc)) if allc else ""


_SELECT = ", ".join(f"s.{c}" for c in _index.COLUMNS)


def _sort_key(st: Statement) -> tuple[Any, ...]:
    if st.record:  # a record's turns in their order, after the year's other statements
        return (st.year, 1, st.record, st.language or "", st.turn or 0)
    return (st.year, 0, st.name.casefold(), st.language or "", st.id)


class ArchiveView:
    """Read-only view of an archive through its index.  Use :func:`open_archive`."""

    def __init__(self, root: str | os.PathLike[str]):
        self.archive = Archive(root)
        self.root = self.archive.root
        self._idx: _index.Index | None = None
        self._empty: bool | None = None

    # -- connection ----------------------------------------------------------------------
    @property
    def empty(self) -> bool:
        """True when the archive holds no statements (no index and no sidecars)."""
        if self._empty is None:
            self._empty = False
            if not self.archive.index_path.is_file():
                has_any = next(iter(self.root.glob(f"[0-9]*/*/*/{SIDECAR}")), None)
                self._empty = has_any is None
        return self._empty

    @property
    def conn(self) -> sqlite3.Connection:
        if self._idx is None:
            self._idx = _index.Index.open(self.archive, readonly=True)
            self._idx.conn.create_function("casefold", 1, _casefold, deterministic=True)
        return self._idx.conn

    def close(self) -> None:
        if self._idx is not None:
            self._idx.close()
            self._idx = None

    def __enter__(self) -> ArchiveView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, list(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise UnusableInput(f"cannot read the index {self.archive.index_path}: "
                                f"{_db_message(exc)}; run `r2p reindex`") from exc

    def _statement(self, values: tuple[Any, ...]) -> Statement:
        data = dict(zip(_index.COLUMNS, values, strict=True))
        for key in ("languages", "languages_detected"):
            try:
                data[key] = json.loads(data[key] or "[]")
            except ValueError:
                data[key] = []
        return Statement(data, root=self.root)

    # -- statements ----------------------------------------------------------------------
    def statements(
        self,
        year: int | Iterable[int] | None = None,
        country: str | None = None,
        language: str | None = None,
        status: str | None = None,
        speaker_type: str | None = None,
        record: str | None = None,
        procedural: bool = False,
        speaker: str | None = None,
    ) -> list[Statement]:
        """Statements matching every filter given, sorted by year, then name (country or
        speaker), then language; turns of a record in their order.  ``record``: only the turns
        of this verbatim record (its symbol); ``procedural``: include the presiding officer's
        procedural turns, left out by default."""
        clauses, params = _filters(year, country, language, status, speaker_type, record,
                                   procedural, speaker)
        if self.empty:
            return []
        rows = self._query(f"SELECT {_SELECT} FROM statements s{_where(clauses)}", params)
        return sorted((self._statement(r) for r in rows), key=_sort_key)

    def find(
        self,
        id: str | None = None,
        year: int | Iterable[int] | None = None,
        country: str | None = None,
        language: str | None = None,
        speaker: str | None = None,
    ) -> list[Statement]:
        """Statements for `r2p show`: by id (or unique id prefix) and/or filters, most recent
        first."""
        clauses, params = _filters(year, country, language, speaker=speaker)
        if id is not None:
            ident = id.strip().lower()
            if not re.fullmatch(r"[0-9a-f]{1,40}", ident):
                raise UnusableInput(
                    f'bad statement id "{id}": ids are hexadecimal, like 3f2a9c01d4'
                )
            clauses.append("s.id LIKE ?")
            params.append(ident + "%")
        if self.empty:
            return []
        rows = self._query(f"SELECT {_SELECT} FROM statements s{_where(clauses)}", params)
        found = [self._statement(r) for r in rows]
        if id is not None:
            exact = [st for st in found if st.id == id.strip().lower()]
            found = exact or found
        found.sort(key=lambda st: (st.name.casefold(), st.language or "", st.id))
        found.sort(key=lambda st: st.year, reverse=True)
        return found

    def get(self, id: str) -> Statement:
        """The statement with this id (or unique id prefix)."""
        found = self.find(id)
        if not found:
            raise UnusableInput(f'no statement with id "{id}"')
        if len(found) > 1:
            ids = ", ".join(st.id for st in found[:5])
            raise UnusableInput(f'statement id "{id}" is ambiguous: {ids}')
        return found[0]

    def count_per_year(self, year: int | Iterable[int] | None = None) -> dict[int, int]:
        """How many statements (of any status) the archive holds per year; ``{}`` when it
        holds none.  Years without statements are absent."""
        clauses, params = _filters(year)
        if self.empty:
            return {}
        rows = self._query(
            f"SELECT s.year, count(*) FROM statements s{_where(clauses)} GROUP BY 1", params)
        return {int(y): int(n) for y, n in rows}

    # -- search --------------------------------------------------------------------------
    def search(
        self,
        query: str,
        year: int | Iterable[int] | None = None,
        country: str | None = None,
        language: str | None = None,
        limit: int = 20,
        record: str | None = None,
        procedural: bool = False,
        speaker: str | None = None,
        exact: bool = False,
        any_language: bool = False,
    ) -> list[Hit]:
        """Statements matching ``query`` (syntax and matching: :mod:`r2p_archive.query`), best
        first (BM25; ties: most recent, then id).  ``exact``: no stemming; ``any_language``:
        glossary terms match their equivalents in the six UN languages (``Hit.matched`` says
        which)."""
        compiled = self.compile(query, exact=exact, any_language=any_language)
        clauses, params = _filters(year, country, language, record=record,
                                   procedural=procedural, speaker=speaker)
        if limit < 1:
            raise UnusableInput("the limit must be at least 1")
        if self.empty:
            return []
        conn = self.conn
        found = self._run(_index.ranked, conn, compiled.match, clauses, params, limit)
        if not found:
            return []
        nums = [num for num, _ in found]
        rows = self._query(f"SELECT {_SELECT}, s.num FROM statements s WHERE s.num IN "
                           f"({', '.join('?' * len(nums))})", nums)
        by_num = {row[-1]: self._statement(row[:-1]) for row in rows}
        matched: dict[int, list[str]] = {num: [] for num in nums}
        for exp in compiled.expansions:
            for label, expr in exp.alternatives:
                for num in self._run(_index.matching, conn, expr, nums):
                    matched[num].append(label)
        hits: list[Hit] = []
        for num, score in found:
            st = by_num[num]
            parts = _snippet_parts(self._run(snippet, conn, compiled, num, st.language))
            hits.append(
                Hit(
                    id=st.id,
                    year=st.year,
                    speaker=st.speaker,
                    iso3=st.iso3,
                    country=st.country,
                    language=st.language,
                    score=-score + 0.0,
                    snippet="".join(f"**{t}**" if bold else t for t, bold in parts),
                    parts=parts,
                    statement=st,
                    rank=len(hits) + 1,
                    matched=matched[num],
                )
            )
        return hits

    @staticmethod
    def compile(query: str, *, exact: bool = False, any_language: bool = False) -> Compiled:
        """The query as searched (:class:`r2p_archive.query.Compiled`): its FTS5 expression,
        and with ``any_language`` the glossary expansions and the terms searched as typed."""
        from r2p_archive import query as _query

        return _query.compile(query, exact=exact, any_language=any_language)

    def count_by(
        self,
        query: str,
        by: str,
        year: int | Iterable[int] | None = None,
        country: str | None = None,
        language: str | None = None,
        record: str | None = None,
        procedural: bool = False,
        speaker: str | None = None,
        exact: bool = False,
        any_language: bool = False,
    ) -> list[GroupCount]:
        """How many statements match ``query`` per year, country or language.

        Years: every year of the (filtered) archive, in order, zeros included.  Languages:
        every language of the (filtered) archive, zeros included, most matches first.
        Countries: only groups with matches, most matches first."""
        if by not in COUNT_BY:
            raise UnusableInput(f'cannot count by "{by}": choose one of {", ".join(COUNT_BY)}')
        compiled = self.compile(query, exact=exact, any_language=any_language)
        clauses, params = _filters(year, country, language, record=record,
                                   procedural=procedural, speaker=speaker)
        if self.empty:
            return []
        key, label = {
            "year": ("s.year", "s.year"),
            "country": ("coalesce(s.iso3, s.speaker)", "coalesce(s.country, s.speaker)"),
            "language": ("coalesce(s.language, 'und')", "coalesce(s.language, 'und')"),
        }[by]
        counts = self._run(_index.count_matches, self.conn, compiled.match, key, clauses,
                           params)
        totals = self._query(
            f"SELECT {key}, max({label}), count(s.text_path) FROM statements s"
            f"{_where(clauses)} GROUP BY 1",
            params,
        )
        groups = [GroupCount(k, str(lab), counts.get(k, 0), tot) for k, lab, tot in totals]
        if by == "year":
            return sorted(groups, key=lambda g: g.key)
        if by == "country":
            groups = [g for g in groups if g.count]
        else:  # languages: zeros too, but not a group without any text to search
            groups = [g for g in groups if g.count or g.total]
        return sorted(groups, key=lambda g: (-g.count, g.label.casefold()))

    def _run(self, func: Any, *args: Any) -> Any:
        """Call an :mod:`r2p_archive.index` search function, its errors as UnusableInput."""
        try:
            return func(*args)
        except sqlite3.OperationalError as exc:
            if "could not decode" in str(exc).lower():  # garbled bytes in the index file
                raise UnusableInput(f"cannot read the index {self.archive.index_path}: "
                                    f"{_db_message(exc)}; run `r2p reindex`") from exc
            raise UnusableInput(f"the search failed: {_db_message(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            raise UnusableInput(f"cannot read the index {self.archive.index_path}: "
                                f"{_db_message(exc)}; run `r2p reindex`") from exc


def _casefold(value: Any) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _db_message(exc: sqlite3.Error) -> str:
    """SQLite's message on one bounded line, without the undecodable text it may quote."""
    text = str(exc).split(" with text ", 1)[0]
    return one_line(text)


def _snippet_parts(raw: str) -> list[tuple[str, bool]]:
    """Split a snippet with \\x02..\\x03 markers into (text, matched) parts, spaces collapsed."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"{_OPEN}|{_CLOSE}", raw)):
        text = re.sub(r"\s+", " ", chunk)
        if i == 0:
            text = text.lstrip()
        if text:
            bold = i % 2 == 1
            if parts and parts[-1][1] == bold:
                parts[-1] = (parts[-1][0] + text, bold)
            else:
                parts.append((text, bold))
    if parts and not parts[-1][1]:
        parts[-1] = (parts[-1][0].rstrip(), False)
        if not parts[-1][0]:
            parts.pop()
    return parts


def open_archive(path: str | os.PathLike[str] | None = None) -> ArchiveView:
    """Open an archive folder for reading (default: the same archive as the `r2p` command)."""
    from r2p_archive.storage import default_root

    return ArchiveView(path if path is not None else default_root())
