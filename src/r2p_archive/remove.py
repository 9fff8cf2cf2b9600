"""`r2p rm`: remove statements (their folder, sidecar, original and text) and their index rows.

A verbatim record's PDF (``records/…``) is removed when no statement refers to it any more.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence

from r2p_archive.errors import UnusableInput
from r2p_archive.models import Record
from r2p_archive.storage import Archive


def select(archive: Archive, ids: Sequence[str] = (), *, year: Iterable[int] | None = None,
           status: str | None = None) -> tuple[list[Record], list[Record]]:
    """(the statements chosen by ids, year and status, every statement of the archive).
    An id may be a unique prefix; an id that matches none or several is refused."""
    records = list(archive.iter_records())
    chosen: dict[str, Record] = {}
    for given in ids:
        ident = given.strip().lower()
        found = [r for r in records if r.id.startswith(ident)] if ident else []
        exact = [r for r in found if r.id == ident]
        found = exact or found
        if not found:
            raise UnusableInput(f'no statement with id "{given}"')
        if len(found) > 1:
            raise UnusableInput(f'statement id "{given}" is ambiguous: '
                                + ", ".join(r.id for r in found[:5]))
        chosen[found[0].id] = found[0]
    years = set(year) if year is not None else None

    def wanted(rec: Record) -> bool:
        return (years is None or rec.year in years) and (status is None or rec.status == status)

    if years is not None or status is not None:  # with ids: those of them that pass too
        pool = list(chosen.values()) if ids else records
        chosen = {r.id: r for r in pool if wanted(r)}
    return list(chosen.values()), records


def remove(archive: Archive, ids: Sequence[str] = (), *, year: Iterable[int] | None = None,
           status: str | None = None, dry_run: bool = False) -> list[Record]:
    """Remove the chosen statements (see :func:`select`); returns them.  The caller holds the
    writer lock."""
    from r2p_archive.index import Index

    chosen, records = select(archive, ids, year=year, status=status)
    if dry_run or not chosen:
        return chosen
    gone = {r.id for r in chosen}
    still_used = {r.record_file for r in records if r.id not in gone and r.record_file}
    index = Index.open(archive) if archive.index_path.is_file() else None
    try:
        for rec in chosen:
            if index is not None:
                index.delete(rec.id)
            if rec.dir:
                shutil.rmtree(archive.path_of(rec.dir), ignore_errors=True)
            if rec.record_file and rec.record_file not in still_used:
                archive.path_of(rec.record_file).unlink(missing_ok=True)
                still_used.add(rec.record_file)
    finally:
        if index is not None:
            index.close()
    return chosen
