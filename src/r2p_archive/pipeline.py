"""``r2p fetch`` as one library call: read the sources and plan their statements
(:mod:`r2p_archive.sources`), then download, extract and index them (:mod:`r2p_archive.fetch`).

::

    from r2p_archive.api import fetch
    outcome = fetch(["A/76/PV.102"], archive="r2p-data", languages=("en", "fr"))
    print(outcome.exit_code, outcome.report.counts())

The command line calls :func:`fetch` and renders what it returns; a Python user gets the same
plan, the same report and the same exit code.  Modules are imported when called, so importing
this one costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os

    from r2p_archive.fetch_report import FetchOptions, FetchReport, Reporter
    from r2p_archive.sources import Plan, SourceResult


@dataclass
class FetchOutcome:
    planned: Plan  # every source read and the statements it plans
    report: FetchReport | None  # None for a dry run, or when no source could be read
    root: Path | None = None  # the archive folder (resolved); None for a dry run

    @property
    def exit_code(self) -> int:
        """0 all stored (or, for a dry run, every source read), 1 some failed or nothing to do
        for the catalog, 2 unusable input."""
        planned = self.planned
        if not planned.readable:
            return 1 if planned.from_catalog else 2
        if self.report is None:
            return 0 if len(planned.readable) == len(planned.results) else 1
        return self.report.exit_code


def fetch(
    sources: Sequence[str] = (),
    *,
    archive: str | os.PathLike[str] | None,
    years: Sequence[int] | None = None,
    languages: Sequence[str] = ("en",),
    base_url: str | None = None,
    catalog_file: str | os.PathLike[str] | None = None,
    options: FetchOptions | None = None,
    dry_run: bool = False,
    reporter: Reporter | None = None,
    on_source: Callable[[SourceResult], None] | None = None,
) -> FetchOutcome:
    """Read ``sources`` (pages, record symbols, URLs or files; the catalog's sources of
    ``years`` when none is given), plan their statements and, unless ``dry_run``, store them in
    ``archive`` (created when missing).  ``languages``: the UN languages of records to read.
    ``on_source`` sees each source's result as soon as it is read; ``reporter`` the progress.
    Raises :class:`~r2p_archive.errors.UnusableInput` (one line) for unusable input."""
    from r2p_archive import catalog
    from r2p_archive import sources as reading
    from r2p_archive.fetch import run
    from r2p_archive.fetch_report import FetchOptions
    from r2p_archive.storage import Archive

    langs = reading.check_languages(languages)
    cat = catalog.load(Path(catalog_file) if catalog_file is not None else None)
    options = options or FetchOptions()
    store = None
    if not dry_run:
        if archive is None:
            raise ValueError("fetch needs an archive folder unless dry_run")
        store = Archive(Path(archive))
        store.require_writable()
        if options.ocr:  # also here, so that a missing OCR fails before pages are read
            from r2p_archive.ocr import require_ocr

            require_ocr()
    http = options.http()
    try:
        planned = reading.plan(sources, catalog=cat, http=http, years=years, base_url=base_url,
                               archive=store, languages=langs, on_source=on_source)
        if store is None or not planned.readable:
            return FetchOutcome(planned, None, store.root if store else None)
        report = run(store, planned.results, options, reporter, http=http)
        return FetchOutcome(planned, report, store.root)
    finally:
        http.close()
