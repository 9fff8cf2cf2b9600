"""`r2p verify`: the files against their checksums and the index against the files.

Moved out of :mod:`r2p_archive.index` (issue #15): the index module builds and reads the
index; this one compares it, and the files, with what they should be.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from r2p_archive.errors import UnusableInput
from r2p_archive.index import Index, reindex, row_of
from r2p_archive.models import PENDING, Record, Status
from r2p_archive.storage import Archive

ORIGINAL_MISSING = "original missing"
ORIGINAL_MODIFIED = "original modified (sha256 mismatch)"
TEXT_MISSING = "text file missing"
TEXT_MODIFIED = "text modified (sha256 mismatch)"


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
    notes: list[str] = field(default_factory=list)  # what a fix left for the next fetch

    @property
    def ok(self) -> bool:
        return all(p.fixed for p in self.problems)

    @property
    def unfixed(self) -> list[Problem]:
        return [p for p in self.problems if not p.fixed]

    def to_json(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "problems": [dataclasses.asdict(p) for p in self.problems],
            "fixed": sum(1 for p in self.problems if p.fixed),
            "left": len(self.unfixed),
            "notes": list(self.notes),
        }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _known_failure(rec: Record) -> bool:
    return rec.status == Status.FAILED and rec.error in (ORIGINAL_MISSING, ORIGINAL_MODIFIED)


def _restore_text(archive: Archive, rec: Record, report: VerifyReport) -> bool:
    """Write a statement's text again from its original: extracted again from the document,
    or, for a turn of a verbatim record, split again out of the record.  True when done."""
    from r2p_archive.models import text_sha256
    from r2p_archive.storage import TEXT, atomic_write_text

    text = None
    if rec.original:
        from r2p_archive.extract import ExtractJob, extract_many

        job = ExtractJob(key=rec.id, path=archive.path_of(rec.dir or "") / rec.original,
                         kind=rec.kind, hints=list(rec.languages), content_type=rec.content_type)
        (result,) = list(extract_many([job], workers=1))
        text = result.text
    elif rec.record_file:
        text = _turn_text(archive, rec)
        if text is None:
            rec.status, rec.error = PENDING, TEXT_MODIFIED
            archive.save(rec)
            report.notes.append(f"{rec.id}: the turn could not be split out of "
                                f"{rec.record_file} again; `r2p fetch {rec.record}` rewrites it")
            return False
    if not text:
        return False
    atomic_write_text(archive.path_of(rec.dir or "") / TEXT, text)
    rec.text, rec.text_sha256, rec.text_chars = TEXT, text_sha256(text), len(text)
    archive.save(rec)
    return True


def _turn_text(archive: Archive, rec: Record) -> str | None:
    """The text of a record's turn, split again out of the record's PDF (None if not found)."""
    from r2p_archive.pages import Document, layout_for

    path = archive.path_of(rec.record_file or "")
    doc = Document(rec.source or str(path), path.read_bytes(), file=path)
    try:
        planned = layout_for(doc).plan(doc, rec.year)
    except UnusableInput:
        return None
    finally:
        doc.close()
    found = next((p for p in planned if p.id == rec.id), None)
    return found.text if found is not None and found.text and found.text.strip() else None


def verify(archive: Archive, *, fix: bool = False) -> VerifyReport:
    """Check the files against their checksums and the index against the files.

    Problems found (each one line): an original missing or modified, a missing text file,
    a statement missing from the index or indexed differently from its files, an index row
    without a sidecar, leftover ``*.part`` temp files, a missing or damaged index.  With
    ``fix`` the index is brought in line, temp files are removed, and records whose original
    is missing or modified are marked ``failed`` so the next fetch downloads them again.
    A text that differs from its ``text_sha256`` is written again from the original (extracted
    again, or split again out of its verbatim record).  Statements already marked so are not
    reported again.
    """
    root = archive.root
    if not root.is_dir():
        raise UnusableInput(f"no archive at {root}")
    report = VerifyReport()
    _leftovers(archive, report, fix)
    records = list(archive.iter_records())
    report.checked = len(records)
    to_save: list[Record] = []
    text_bad: set[str] = set()  # texts changed and not restored: the index keeps the good one
    for rec in records:
        problem, original = _check_original(archive, rec, report, fix)
        if problem and fix:
            rec.status, rec.error = Status.FAILED, problem
            to_save.append(rec)
        if _check_text(archive, rec, report, fix, problem is None and original is not None
                       and original.is_file(), text_bad) and rec not in to_save:
            to_save.append(rec)
    for rec in to_save:
        archive.save(rec)
    _check_index(archive, records, report, fix, text_bad)
    return report


def _leftovers(archive: Archive, report: VerifyReport, fix: bool) -> None:
    """Leftover temp files from interrupted writes."""
    for part in sorted(archive.root.rglob("*.part")):
        rel = part.relative_to(archive.root).as_posix()
        if fix:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
        report.problems.append(Problem("", rel, "leftover temporary file", fix))


def _check_original(archive: Archive, rec: Record, report: VerifyReport, fix: bool
                    ) -> tuple[str | None, Path | None]:
    """(the problem of a statement's original, or None; the original's path)."""
    original = archive.file(rec, rec.original)
    rel = f"{rec.dir}/{rec.original}"
    if original is None and rec.record_file:  # a turn of a verbatim record
        original, rel = archive.path_of(rec.record_file), rec.record_file
    if original is None or _known_failure(rec):
        return None, original
    problem = None
    if not original.is_file():
        problem = ORIGINAL_MISSING
    elif rec.sha256 and _sha256(original) != rec.sha256:
        problem = ORIGINAL_MODIFIED
    if problem:
        report.problems.append(Problem(rec.id, rel, problem, fix))
    return problem, original


def _check_text(archive: Archive, rec: Record, report: VerifyReport, fix: bool,
                can_restore: bool, text_bad: set[str]) -> bool:
    """Check a statement's text file; True when the record changed and must be saved."""
    text_file = archive.file(rec, rec.text)
    if text_file is None:
        return False
    rel = f"{rec.dir}/{rec.text}"
    if text_file.is_file():
        if rec.text_sha256 and _sha256(text_file) != rec.text_sha256:
            fixed = fix and can_restore and _restore_text(archive, rec, report)
            report.problems.append(Problem(rec.id, rel, TEXT_MODIFIED, fixed))
            if not fixed:
                text_bad.add(rec.id)
        return False
    report.problems.append(Problem(rec.id, rel, TEXT_MISSING, fix))
    if not fix:
        return False
    # extract again on the next fetch: the document is there, its text is not
    rec.text = None
    rec.text_chars = None
    if rec.status == Status.OK:
        rec.status = PENDING
        rec.error = TEXT_MISSING
    return True


def _open_index(archive: Archive, fix: bool) -> tuple[Index | None, str | None]:
    """The index, or why it cannot be used ("index missing", "index damaged")."""
    if not archive.index_path.is_file():
        return None, "index missing"
    index = None
    try:
        index = Index.open(archive, readonly=not fix)
        index.paths()
    except (UnusableInput, sqlite3.DatabaseError):
        if index is not None:
            index.close()
        return None, "index damaged"
    return index, None


def _check_index(archive: Archive, records: list[Record], report: VerifyReport, fix: bool,
                 text_bad: set[str]) -> None:
    """The index against the files."""
    problems = report.problems
    index, whole = _open_index(archive, fix)
    if index is None:
        if fix:
            reindex(archive)
        problems.append(Problem("", archive.index_path.name, whole or "index damaged", fix))
        return
    try:
        indexed = index.paths()
        stale: list[tuple[Record, str | None]] = []
        seen: set[str] = set()
        for rec in records:
            text = archive.read_text(rec)
            seen.add(rec.id)
            if rec.id in text_bad:
                continue
            have = index.row(rec.id)
            if have is None:
                problems.append(Problem(rec.id, rec.dir or "", "not in the index", fix))
                stale.append((rec, text))
                continue
            have_text = have.pop("_text")
            if have != row_of(rec, text) or (have_text or "") != (text or ""):
                problems.append(Problem(rec.id, rec.dir or "", "index out of date", fix))
                stale.append((rec, text))
        extra = sorted(set(indexed) - seen)
        for sid in extra:
            problems.append(Problem(sid, indexed[sid], "in the index but no sidecar", fix))
        if fix:
            index.upsert_many(stale)
            for sid in extra:
                index.delete(sid)
    finally:
        index.close()


def sync_index(archive: Archive, index: Index, records: Iterable[Record]) -> None:
    """Re-index the statements whose index row differs from their sidecar.

    A run killed between writing a sidecar and writing its index row leaves the index behind
    the files; statements the next run skips would otherwise stay wrong in the index.
    """
    have = {row["id"]: row for row in index.rows(text=False)}
    stale = []
    for rec in records:
        if have.get(rec.id) == row_of(rec, None):
            continue
        text = archive.read_text(rec)
        if have.get(rec.id) != row_of(rec, text):
            stale.append((rec, text))
    if stale:
        index.upsert_many(stale)
