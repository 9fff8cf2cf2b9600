"""Reading sources: dialogue pages (URLs or local files) and UN verbatim records (symbols,
URLs, local PDFs) -> the statements they plan.  Split out of :mod:`r2p_archive.fetch`.

``plan_sources`` reads and parses each source; an unreadable one is reported in its
:class:`SourceResult`, not raised.  ``default_sources`` lists the catalog's sources.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from r2p_archive.catalog import Catalog
from r2p_archive.errors import UnusableInput
from r2p_archive.models import PlannedStatement, utc_now
from r2p_archive.storage import Archive, atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from r2p_archive.download import Download, Http

MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass
class SourceResult:
    """One dialogue page: what it planned, or why it could not be read."""

    source: str
    year: int | None = None
    statements: list[PlannedStatement] = field(default_factory=list)
    error: str | None = None
    from_wayback: str | None = None  # capture URL when the page itself came from Wayback
    warning: str | None = None
    data: bytes | None = field(default=None, repr=False)  # a record's PDF, stored once



def _is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def _page_cache(archive: Archive | None, url: str) -> tuple[Path, Path] | None:
    if archive is None:
        return None
    key = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
    folder = archive.root / "pages"
    return folder / f"{key}.html", folder / f"{key}.json"


def read_page(source: str, http: Http, *, archive: Archive | None, year: int | None
              ) -> tuple[bytes, str | None, str | None]:
    """The bytes of a dialogue page, the capture URL if it came from the Wayback Machine, and
    the Content-Type it was served with (its charset decodes a page without ``<meta>``).

    URLs are re-read conditionally against the copy kept in ``{archive}/pages`` (if any); a
    dead page falls back to the Wayback Machine, then to the kept copy.
    """
    from r2p_archive.download import DownloadError

    if not _is_url(source):
        path = Path(source)
        if urlsplit(source).scheme and len(urlsplit(source).scheme) > 1:
            raise UnusableInput(f"{source}: only http(s) URLs and local files can be read")
        try:
            if path.stat().st_size > MAX_PAGE_BYTES:
                raise UnusableInput(f"{source}: larger than {MAX_PAGE_BYTES // 2**20} MB")
            return path.read_bytes(), None, None
        except FileNotFoundError:
            raise UnusableInput(f"{source}: no such file or URL") from None
        except IsADirectoryError:
            raise UnusableInput(f"{source}: is a folder, not a page") from None
        except OSError as exc:
            raise UnusableInput(f"{source}: cannot read: {exc.strerror}") from None

    cache = _page_cache(archive, source)
    meta: dict = {}
    if cache and cache[0].is_file() and cache[1].is_file():
        try:
            meta = json.loads(cache[1].read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
    try:
        got = http.download_or_wayback(
            source,
            archive.root / ".tmp" if archive else Path(_tmp_root()),
            year=year,
            etag=meta.get("etag"),
            last_modified=meta.get("last_modified"),
        )
    except DownloadError as exc:
        if meta and cache:
            return cache[0].read_bytes(), None, meta.get("content_type")
        raise UnusableInput(f"{source}: {exc}") from None
    if got.not_modified and cache:
        return cache[0].read_bytes(), meta.get("wayback_url"), meta.get("content_type")
    try:
        data = got.path.read_bytes() if got.path else b""
    finally:
        got.discard()
    if cache and not _same_copy(cache[0], meta, data, got):
        atomic_write_bytes(cache[0], data)
        atomic_write_text(cache[1], json.dumps({
            "url": source, "etag": got.etag, "last_modified": got.last_modified,
            "wayback_url": got.wayback_url, "content_type": got.content_type,
            "sha256": got.sha256, "fetched_at": utc_now(),
        }, indent=2))
    return data, got.wayback_url, got.content_type


def _same_copy(copy: Path, meta: dict, data: bytes, got: Download) -> bool:
    """The kept copy holds these very bytes with these validators and Content-Type already:
    rewriting it (two synced writes) would change nothing but ``fetched_at``, the time the copy
    was stored.
    The bytes are compared by their SHA-256 as the meta records it; a meta written before it
    recorded one has the copy read back instead."""
    if not meta or (meta.get("etag"), meta.get("last_modified"), meta.get("wayback_url"),
                    meta.get("content_type")) != (
            got.etag, got.last_modified, got.wayback_url, got.content_type):
        return False
    if meta.get("sha256") and got.sha256:
        return bool(meta["sha256"] == got.sha256)
    try:
        return copy.read_bytes() == data
    except OSError:
        return False


def _tmp_root() -> str:
    import tempfile

    return tempfile.gettempdir()


_SYMBOL = re.compile(r"[AS]/(?:\d{2}/)?PV\.\d{1,5}(?:\s*\(Resumption \d\))?", re.IGNORECASE)
UNDOCS_URL = "https://undocs.org"


def expand_sources(sources: Sequence[str], languages: Sequence[str] = ("en",)
                   ) -> list[tuple[str, str]]:
    """(source to read, what the user gave) for each source: a document symbol
    (``A/72/PV.99``) becomes one undocs.org address per language wanted."""
    base = os.environ.get("R2P_UNDOCS_URL", UNDOCS_URL).rstrip("/")
    out: list[tuple[str, str]] = []
    for source in sources:
        if _SYMBOL.fullmatch(source.strip()):
            symbol = source.strip()
            out.extend((f"{base}/{lang}/{symbol}", source) for lang in languages)
        else:
            out.append((source, source))
    return out


def plan_sources(
    sources: Sequence[str],
    *,
    catalog: Catalog,
    http: Http,
    year: int | None = None,
    base_url: str | None = None,
    archive: Archive | None = None,
    languages: Sequence[str] = ("en",),
    r2p_only: Sequence[str] = (),
    on_source: Callable[[SourceResult], None] | None = None,
) -> list[SourceResult]:
    """Read and plan each source (dialogue page or verbatim record); an unreadable source is
    reported, not raised.  ``r2p_only``: sources (symbols) of which only the turns under the
    R2P agenda item are kept (the catalog's records).  ``on_source`` sees each result as soon
    as its source is read."""
    results = []
    for source, given in expand_sources(sources, languages):
        res = _plan_source(source, catalog=catalog, http=http, year=year, base_url=base_url,
                           archive=archive, r2p_only=given in r2p_only)
        results.append(res)
        if on_source is not None:
            on_source(res)
    return results


def _plan_source(source: str, *, catalog: Catalog, http: Http, year: int | None,
                 base_url: str | None, archive: Archive | None,
                 r2p_only: bool) -> SourceResult:
    from r2p_archive.pages import Document, layout_for

    page_year = year or (catalog.year_of_source(source) if _is_url(source) else None)
    doc = None
    try:
        data, capture, content_type = read_page(source, http, archive=archive,
                                                year=page_year)
        local = None if _is_url(source) else Path(source)
        doc = Document(source, data, content_type=content_type, base_url=base_url,
                       file=local, r2p_only=r2p_only)
        layout = layout_for(doc)
        planned = layout.plan(doc, page_year)
        relative = doc.unresolved_links  # counted by any web-page layout
    except UnusableInput as exc:
        return SourceResult(source, page_year, error=str(exc))
    finally:
        if doc is not None:
            doc.close()
    base_hint = (f"{relative} relative link(s) cannot be resolved; pass --base-url URL "
                 "(the page's address)")
    if not planned:
        why = base_hint if relative else "is it a dialogue page?"
        if layout.NAME == "un-record":
            why = "no turn under the R2P agenda item"
        return SourceResult(source, page_year, error=f"{source}: no statements found; {why}")
    page_year = page_year or planned[0].year
    warning = f"{source}: {base_hint}" if relative else None
    if relative:
        # a speaker whose link could not be resolved is no statement of its own (it would
        # be stored as no_link, and again with its document once --base-url is given)
        unlinked = [p for p in planned if p.unresolved]
        planned = [p for p in planned if not p.unresolved]
        if unlinked:
            names = ", ".join(p.speaker for p in unlinked[:5])
            warning = (warning or "") + (
                f"; {len(unlinked)} speaker(s) without a resolvable link not stored: "
                + names + (" …" if len(unlinked) > 5 else ""))
        if not planned:
            return SourceResult(source, page_year,
                                error=f"{source}: no statements found; {base_hint}")
    record = planned[0].part is not None
    return SourceResult(source, page_year, planned, from_wayback=capture, warning=warning,
                        data=data if record else None)


def unique_statements(results: Iterable[SourceResult]) -> list[PlannedStatement]:
    """Every planned statement once, in page order (a document listed on two pages counts
    once); the language versions of a record's turns linked (see ``link_versions``)."""
    from r2p_archive.pages.parts import link_versions

    seen: set[str] = set()
    out = []
    for result in results:
        for st in result.statements:
            if st.id not in seen:
                seen.add(st.id)
                out.append(st)
    return link_versions(out)




def default_sources(catalog: Catalog, year: int | Iterable[int] | None
                    ) -> tuple[list[str], list[str]]:
    """The catalog's sources (of one year, or several, with ``year``): (pages and records to
    read, the records among them: their verified symbols, of which only the R2P item is
    kept)."""
    years = None if year is None else {year} if isinstance(year, int) else set(year)
    sources: list[str] = []
    records: list[str] = []
    for d in catalog.dialogues:
        if years is None or d.year in years:
            sources.extend(d.page_urls)
            records.extend(d.record_symbols())
    return sources + records, records


@dataclass
class Plan:
    """What `r2p fetch` is about to do: the sources read and the statements they plan."""

    results: list[SourceResult]
    from_catalog: bool

    @property
    def readable(self) -> list[SourceResult]:
        return [r for r in self.results if not r.error]

    @property
    def statements(self) -> list[PlannedStatement]:
        return unique_statements(self.readable)


def check_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """``["en", " FR", "en"]`` -> ``("en", "fr")``; anything but the UN languages is refused."""
    from r2p_archive.languages import UN_LANGUAGES

    langs = tuple(dict.fromkeys(x.strip().lower() for x in languages if x.strip()))
    unknown = [x for x in langs if x not in UN_LANGUAGES]
    if unknown or not langs:
        raise UnusableInput(f"--languages {','.join(unknown) or 'nothing'}: the UN languages "
                            f"are {','.join(UN_LANGUAGES)}")
    return langs


def plan(sources: Sequence[str], *, catalog: Catalog, http: Http,
         years: Sequence[int] | None = None, base_url: str | None = None,
         archive: Archive | None = None, languages: Sequence[str] = ("en",),
         on_source: Callable[[SourceResult], None] | None = None) -> Plan:
    """Read every source (the catalog's, of ``years``, when none is given) and plan its
    statements.  ``years``: one year is also the year of pages whose year is not known."""
    from_catalog = not sources
    catalog_records: list[str] = []
    if from_catalog:
        sources, catalog_records = default_sources(catalog, years)
        if not sources:
            which = f"for {', '.join(map(str, years))} " if years else ""
            raise UnusableInput(f"the catalog has no source page {which}(see `r2p dialogues`); "
                                "pass a page URL or file")
    page_year = years[0] if years and len(years) == 1 else None
    try:
        results = plan_sources(sources, catalog=catalog, http=http, year=page_year,
                               base_url=base_url, archive=archive, languages=languages,
                               r2p_only=catalog_records, on_source=on_source)
    finally:
        if archive is not None:  # page downloads go through .tmp/; none is left there
            import shutil

            shutil.rmtree(archive.root / ".tmp", ignore_errors=True)
    return Plan(results, from_catalog)
