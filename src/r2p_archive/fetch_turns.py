"""Storing the speaker turns of UN verbatim records, split out of :mod:`r2p_archive.fetch`
(whose ``run`` calls :func:`store_part` for each turn): a turn's text comes from the record
already read, so nothing is downloaded or extracted for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from r2p_archive.models import (
    Action,
    PlannedStatement,
    Record,
    Status,
    refresh_from_plan,
    text_sha256,
    utc_now,
)
from r2p_archive.storage import TEXT, atomic_write_text, speaker_code

if TYPE_CHECKING:
    from r2p_archive.fetch import _Run


def store_part(state: _Run, rec: Record | None, plan: PlannedStatement, country: str | None,
               document: tuple[str, str]) -> Record:
    """Store one turn of a verbatim record: its text and sidecar (the record's PDF is
    stored once, beside the statements, by :func:`~r2p_archive.storage.store_documents`)."""
    record_file, sha = document
    text = plan.text or ""
    if rec is not None and rec.sha256 == sha and rec.status in (Status.OK, Status.NO_TEXT):
        if refresh_from_plan(rec, plan, country) or rec.record_file != record_file:
            rec.record_file = record_file
            state.save(rec, read_text=True)
        state.actions[rec.id] = Action.SKIPPED
        state.reporter.done(rec, Action.SKIPPED)
        return rec
    if rec is None:
        rec = Record.from_plan(plan, country)
        rec.dir = state.archive.allocate_dir(
            plan.year, speaker_code(plan.iso3, plan.speaker),
            plan.part.language if plan.part else None)
    folder = state.archive.folder(rec)
    if text.strip():
        atomic_write_text(folder / TEXT, text)
        rec.text, rec.status, rec.error = TEXT, Status.OK, None
        rec.text_sha256 = text_sha256(text)
    else:
        (folder / TEXT).unlink(missing_ok=True)
        rec.text, rec.status, rec.error = None, Status.NO_TEXT, "the turn holds no text"
        rec.text_sha256 = None
    rec.record_file, rec.sha256, rec.extracted_sha256 = record_file, sha, sha
    rec.kind, rec.extractor = "pdf", "pdfminer+turns"
    rec.language = plan.part.language if plan.part else None
    rec.text_chars, rec.fetched_at = len(text), utc_now()
    rec.pages = ((plan.part.page_end or plan.part.page) - plan.part.page + 1
                 if plan.part else None)
    state.save(rec, text or None)
    state.actions[rec.id] = Action.EXTRACTED
    state.reporter.done(rec, Action.EXTRACTED)
    return rec
