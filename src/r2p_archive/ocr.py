"""OCR of an archive's scanned PDFs (status ``no_text``): ocrmypdf makes a recognised copy
beside the original (``statement.ocr.pdf``), whose text is then extracted.  Split out of
:mod:`r2p_archive.fetch`; the recognition itself is :mod:`r2p_archive.extract.ocr`.
"""

from __future__ import annotations

from typing import Any

from r2p_archive.errors import UnusableInput
from r2p_archive.fetch import FetchOptions, Reporter, _Run
from r2p_archive.models import Action, Record, Status
from r2p_archive.storage import Archive

OCR_PDF = "statement.ocr.pdf"  # the recognised copy of a scanned PDF, beside the original


def ocr_all(self: Any, records: list[Record]) -> None:
    """OCR every scanned PDF not read by OCR yet (:func:`needs_ocr`), then extract the
    recognised text."""
    from r2p_archive.extract import ExtractJob, OCRFailed, extract_many, ocr_pdf

    todo = [r for r in records if needs_ocr(r)]
    self.reporter.phase("ocr", len(todo))
    for rec in todo:
        folder = self.archive.path_of(rec.dir)
        ocred = folder / OCR_PDF
        try:
            ocr_pdf(folder / rec.original, ocred, self.options.ocr_timeout,
                    rec.languages)
        except OCRFailed as exc:
            rec.error = f"OCR failed: {exc}"
            self.save(rec)
            self.actions[rec.id] = Action.OCR_FAILED
            self.reporter.done(rec, Action.OCR_FAILED)
            continue
        # ocr=False: the copy is ocrmypdf's result; Tesseract must not read it a second time
        job = ExtractJob(key=rec.id, path=ocred, kind="pdf", hints=list(rec.languages),
                         ocr=False)
        (result,) = extract_many([job], workers=1, timeout=self.options.extract_timeout)
        result.extractor = "pdfminer+ocrmypdf"
        if result.status == Status.NO_TEXT:
            result.error = "OCR recognised no text"
        self.apply_extraction(rec, result)
        self.actions[rec.id] = Action.OCR
        self.reporter.done(rec, Action.OCR)


def needs_ocr(rec: Record) -> bool:
    """A scanned PDF that no OCR has read yet: pdfminer found no text, and neither Tesseract
    during extraction (``rec.ocr`` set, extractor "ocr") nor ocrmypdf (extractor
    "pdfminer+ocrmypdf") has tried it.  A PDF whose ocrmypdf run failed is tried again."""
    return (rec.status == Status.NO_TEXT and rec.kind == "pdf" and bool(rec.original)
            and rec.ocr is None and rec.extractor == "pdfminer")


def require_ocr() -> None:
    from r2p_archive.extract import ocr_available

    if not ocr_available():
        raise UnusableInput("OCR needs ocrmypdf and tesseract on PATH (e.g. `apt install "
                            "ocrmypdf` or `pip install ocrmypdf` plus tesseract)")


def ocr(archive: Archive, *, year: list[int] | None = None, options: FetchOptions | None = None,
        reporter: Reporter | None = None) -> list[Record]:
    """Run OCR on the archive's scanned PDFs (of the years ``year``); returns them."""
    require_ocr()
    options = options or FetchOptions()
    with archive.writer_lock():
        state = _Run(archive, options, reporter or Reporter(), http=None)
        try:
            records = [r for r in archive.iter_records() if year is None or r.year in year]
            ocr_all(state, records)
        finally:
            state.index.close()
    return [r for r in records if r.id in state.actions]
