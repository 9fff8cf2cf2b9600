"""`r2p serve`: a local, read-only web UI over the archive, built on Datasette.

Datasette serves the index (``index.sqlite``) in immutable mode: its own pages browse and facet
the ``statements`` table (configured by :func:`metadata`), and the r2p plugin
(``web/plugins/r2p_web.py``) adds the search page, the statement pages, the original files and
the chart, rendered with the templates in ``web/templates`` (which extend Datasette's).

This module holds the work of those pages as plain functions over a ``sqlite3`` connection
(:func:`search_page`, :func:`statement_page`), so tests and benchmarks call them without a
server.  Datasette itself is imported only by :func:`make_datasette` and :func:`run`.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from r2p_archive import index
from r2p_archive.errors import UnusableInput
from r2p_archive.snippet import CLOSE as _CLOSE
from r2p_archive.snippet import OPEN as _OPEN
from r2p_archive.snippet import snippet
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from datasette.app import Datasette  # type: ignore[import-untyped]

    from r2p_archive.query import Compiled

WEB = Path(__file__).resolve().parent / "web"
DB_NAME = "r2p"  # the database's name in Datasette's URLs: /r2p/statements
PLUGIN = "r2p"  # key of the plugin's configuration in the metadata
PAGE_SIZE = 20
MAX_PAGE = 10_000
FACETS: tuple[tuple[str, str], ...] = (
    ("year", "Year"),
    ("country", "Country"),
    ("language", "Language"),
    ("speaker_type", "Speaker type"),
    ("record", "Record"),
)
FACET_SIZE = 12  # values shown per facet (the selected one always is)
CHART_COUNTRIES = 15
INSTALL_HINT = "r2p serve needs Datasette: pip install 'r2p-archive[web]'"
_ID = re.compile(r"[0-9a-f]{1,40}")
_NOTHING = object()  # a filter value no row has


def compile_query(query: str) -> Compiled:
    """The user's query (the language of `r2p search`) compiled as `r2p search` does: its safe
    FTS5 MATCH expression and what to highlight.  The one place the web UI translates queries."""
    from r2p_archive.query import compile

    return compile(query)


def match_expression(query: str) -> str:
    """The user's query as a safe FTS5 MATCH expression (:func:`compile_query`)."""
    return compile_query(query).match


def missing_extra() -> str | None:
    """A one-line message when the ``[web]`` extra is not installed, else None."""
    return INSTALL_HINT if importlib.util.find_spec("datasette") is None else None


# -- the pages' work ---------------------------------------------------------------------
@dataclass
class SearchPage:
    """What the search page shows (also the home page: no query, every statement)."""

    query: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    procedural: bool = False
    page: int = 1
    total: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    by_year: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    error: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _arg(args: Mapping[str, Any], name: str) -> str:
    value = args.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return "" if value is None else str(value).strip()


def parse_args(args: Mapping[str, Any]) -> SearchPage:
    """The page's parameters from a query string (``q``, one per facet, ``procedural``,
    ``page``); raises UnusableInput with a readable message for a bad value."""
    page = SearchPage(query=_arg(args, "q"))
    for name, label in FACETS:
        value = _arg(args, name)
        if not value:
            continue
        if name == "year" and not re.fullmatch(r"\d{4}", value):
            raise UnusableInput(f'{label.lower()} "{value[:30]}" is not a year like 2013')
        page.filters[name] = value
    page.procedural = _arg(args, "procedural") in ("1", "on", "true", "yes")
    raw_page = _arg(args, "page") or "1"
    if not raw_page.isdigit() or not 1 <= int(raw_page) <= MAX_PAGE:
        raise UnusableInput(f'page "{raw_page[:30]}" is not a page number')
    page.page = int(raw_page)
    return page


def _snippet_html(raw: str) -> str:
    """A snippet with \\x02..\\x03 around matched words as HTML with <mark>, spaces collapsed."""
    text = escape(" ".join((raw or "").split()))
    return text.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


_ROW = ("num", "id", "year", "speaker", "country", "language", "speaker_type", "record",
        "turn", "status", "procedural")


def search_page(conn: sqlite3.Connection, args: Mapping[str, Any]) -> SearchPage:
    """Run the search page's query on an open index: hits (best first, with highlighted
    snippets), facet counts, and counts by year and country for the chart.

    Each facet counts the matches that every *other* selected facet lets through, so a
    selected year still shows the other years' counts.  A bad parameter or malformed query
    comes back as ``error`` (a readable line), never as an exception."""
    try:
        page = parse_args(args)
        compiled = compile_query(page.query) if page.query else None
    except UnusableInput as exc:
        page = SearchPage(query=_arg(args, "q"), error=str(exc))
        return page
    cols = ", ".join(f"s.{c}" for c in _ROW)
    where = "" if page.procedural else " AND s.procedural = 0"
    try:
        if compiled is not None:  # ranked as by `r2p search`
            rows = index.ranked_rows(conn, compiled.match, cols,
                                     "" if page.procedural else "s.procedural = 0")
        else:
            rows = conn.execute(
                f"SELECT {cols}, NULL FROM statements s WHERE 1{where} "
                "ORDER BY s.year DESC, coalesce(s.country, s.speaker), s.language, s.turn, s.id"
            ).fetchall()
        years = [y for (y,) in conn.execute("SELECT DISTINCT year FROM statements ORDER BY 1")]
    except sqlite3.Error as exc:
        page.error = f"the search failed: {one_line(str(exc))}"
        return page
    # Counted column by column (Counter over a column runs in C): 10,000 rows in a few ms.
    pos = {name: i for i, name in enumerate(_ROW)}
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(len(_ROW) + 1)]
    masks: dict[str, list[bool]] = {}
    for name, want in page.filters.items():
        col = columns[pos[name]]
        target = next((v for v in set(col) if v is not None and str(v) == want), _NOTHING)
        masks[name] = [v == target for v in col]

    def passing(skip: str | None = None) -> list[bool] | None:
        chosen = [m for k, m in masks.items() if k != skip]
        if not chosen:
            return None
        return chosen[0] if len(chosen) == 1 else [all(t) for t in zip(*chosen, strict=True)]

    for name, label in FACETS:
        col = columns[pos[name]]
        ok = passing(name)
        raw = Counter(col if ok is None else (v for v, keep in zip(col, ok, strict=True) if keep))
        raw.pop(None, None)
        counts = Counter({str(k): n for k, n in raw.items()})
        values = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        if name == "year":
            values = sorted(counts.items(), reverse=True)
        shown = values[:FACET_SIZE]
        chosen = page.filters.get(name)
        if chosen is not None and all(v != chosen for v, _ in shown):
            shown.append((chosen, counts.get(chosen, 0)))
        page.facets.append({"name": name, "label": label, "selected": chosen,
                            "values": shown, "more": max(0, len(values) - len(shown))})
    ok = passing()
    found = rows if ok is None else [r for r, keep in zip(rows, ok, strict=True) if keep]
    page.total = len(found)
    per_year = Counter(r[pos["year"]] for r in found)
    page.by_year = [(str(y), per_year.get(y, 0)) for y in years]
    per_country = Counter(r[pos["country"]] or r[pos["speaker"]] for r in found)
    page.by_country = sorted(per_country.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    page.by_country = page.by_country[:CHART_COUNTRIES]
    start = (page.page - 1) * PAGE_SIZE
    for got in found[start:start + PAGE_SIZE]:
        row = dict(zip((*_ROW, "score"), got, strict=True))
        marked = ""
        if compiled is not None:  # the snippet of `r2p search`
            try:
                marked = snippet(conn, compiled, row["num"], row["language"])
            except sqlite3.Error as exc:
                page.error = f"the search failed: {one_line(str(exc))}"
                return page
        page.hits.append({**row, "name": row["country"] or row["speaker"],
                          "snippet": _snippet_html(marked)})
    return page


_DETAIL = ("num", "id", "year", "speaker", "speaker_type", "iso3", "country", "language",
           "status", "error", "url", "final_url", "wayback_url", "path", "original", "source",
           "record", "record_file", "turn", "page", "person", "affiliation", "delivered_in",
           "agenda_item", "reply", "on_behalf_of", "procedural", "note", "pages", "text_chars")


def statement_page(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any]:
    """A statement's row, its text (from the index, so a published database needs no files)
    and the other language versions of the same turn of a verbatim record.

    Raises UnusableInput for an id that is not hexadecimal, LookupError for an unknown one."""
    ident = statement_id.strip().lower()
    if not _ID.fullmatch(ident):
        raise UnusableInput(f'"{statement_id[:40]}" is not a statement id: ids are '
                            "hexadecimal, like 3f2a9c01d4")
    got = conn.execute(
        f"SELECT {', '.join('s.' + c for c in _DETAIL)}, f.text FROM statements s "
        "LEFT JOIN statements_fts f ON f.rowid = s.num WHERE s.id = ?", (ident,)
    ).fetchone()
    if got is None:
        raise LookupError(f'no statement with id "{ident}" in this archive')
    st = dict(zip((*_DETAIL, "text"), got, strict=True))
    st["name"] = st["country"] or st["speaker"]
    st["has_original"] = bool(st["original"] or st["record_file"])
    st["versions"] = []
    if st["record"] and st["turn"] is not None:
        st["versions"] = [
            {"id": i, "language": lang}
            for i, lang in conn.execute(
                "SELECT id, language FROM statements WHERE record = ? AND turn = ? AND id != ? "
                "ORDER BY language, id", (st["record"], st["turn"], ident))
        ]
    return st


def original_file(root: Path, st: Mapping[str, Any]) -> Path | None:
    """The original document of a statement inside the archive folder (for a turn of a
    verbatim record, the record's file), or None when there is none or it is missing.  A path
    that would leave the archive is refused (None)."""
    if st.get("original"):
        rel = f"{st['path']}/{st['original']}"
    elif st.get("record_file"):
        rel = str(st["record_file"])
    else:
        return None
    base = root.resolve()
    path = (base / rel).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


# -- Datasette -----------------------------------------------------------------------------
def metadata(root: Path | None = None, *, title: str = "R2P statements archive") -> dict:
    """Datasette metadata for the index: title, the `statements` table's facets, full-text
    table and labels, the FTS table hidden, and the plugin's configuration (``archive``: the
    folder the original files are served from; None when publishing the database alone)."""
    return {
        "title": title,
        "description": "Statements delivered at the UN General Assembly's dialogues and "
                       "debates on the Responsibility to Protect.",
        "databases": {
            DB_NAME: {
                "tables": {
                    "statements": {
                        "facets": [name for name, _ in FACETS],
                        "fts_table": "statements_fts",
                        "fts_pk": "num",
                        "label_column": "speaker",
                        "sort_desc": "year",
                        "size": PAGE_SIZE,
                    },
                    "statements_fts": {"hidden": True},
                },
            },
        },
        "plugins": {PLUGIN: {"archive": str(root) if root is not None else None}},
    }


def make_datasette(root: Path, *, settings: dict[str, Any] | None = None) -> Datasette:
    """A Datasette instance serving ``root/index.sqlite`` read-only (immutable) with the r2p
    plugin, templates and static files."""
    from datasette.app import Datasette  # type: ignore[import-untyped]
    from datasette.database import Database  # type: ignore[import-untyped]

    index = root / "index.sqlite"
    if not index.is_file():
        raise UnusableInput(f"no archive index at {index}; run `r2p fetch` or `r2p reindex`")
    _check_index(index)
    ds = Datasette(
        metadata=metadata(root),
        template_dir=str(WEB / "templates"),
        plugins_dir=str(WEB / "plugins"),
        static_mounts=[("r2p-static", str(WEB / "static"))],
        settings={"default_page_size": PAGE_SIZE, "suggest_facets": False,
                  "allow_download": False, **(settings or {})},
    )
    ds.add_database(Database(ds, path=str(index), is_mutable=False), name=DB_NAME)
    return ds


def _check_index(index: Path) -> None:
    """Refuse an index of another schema version with the same message as the CLI."""
    from r2p_archive.index import SCHEMA_VERSION

    try:
        conn = sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UnusableInput(f"index {index} is damaged; run `r2p reindex`") from exc
    if version != SCHEMA_VERSION:
        raise UnusableInput(f"index {index} was made by another version of r2p; "
                            "run `r2p reindex`")


def run(root: Path, *, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False,
        announce: Callable[[str], None] = print) -> None:
    """Serve the archive until interrupted."""
    import uvicorn

    ds = make_datasette(root)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    announce(f"Serving {root} read-only at {url} (Ctrl-C to stop)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
