"""Text and language of stored statement documents (PDF, HTML, DOCX).

Public API::

    sniff_kind(head, content_type) / sniff_file(path, content_type) -> "pdf" | "docx" | ...
    is_error_page(data) -> bool
    extract_file(path, kind, hints, key) -> ExtractResult        # in this process
    extract_many(jobs, workers=, timeout=, memory_mb=) -> Iterator[ExtractResult]  # pool
    detect_language(text, hints) -> (main, languages, disagrees)
    ocr_available(), ocr_missing_hint(), ocr_pdf(src, dst, timeout), OCR_HINT

A PDF without a usable text layer is recognised with Tesseract (see :mod:`.ocr`) when it is
installed, unless the caller turns OCR off (``ocr=False``; ``ExtractJob.ocr``).

Importing this package is cheap: pdfminer, lxml, python-docx and lingua are imported by the
functions that need them.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from r2p_archive.extract.ocr import (
    OCR_HINT,
    OCRFailed,
    ocr_available,
    ocr_missing_hint,
    ocr_pdf,
)
from r2p_archive.languages import first_code
from r2p_archive.models import Status
from r2p_archive.text import one_line

__all__ = [
    "ExtractResult", "ExtractJob", "sniff_kind", "sniff_file", "is_error_page", "extract_file",
    "extract_many", "detect_language", "ocr_available", "ocr_missing_hint", "ocr_pdf",
    "OCR_HINT", "OCRFailed",
    "UNSUPPORTED_TYPES", "preload",
]

MIN_TEXT_LETTERS = 25  # fewer letters than this: the document has no usable text
OCR_TIMEOUT = 600.0  # seconds OCR may take when extract_file is called without a timeout

# What an unsupported kind is called in messages: "unsupported format: application/msword (.doc)"
UNSUPPORTED_TYPES = {
    "doc": "application/msword (.doc)",
    "rtf": "application/rtf (.rtf)",
    "odt": "application/vnd.oasis.opendocument.text (.odt)",
    "zip": "application/zip (.zip)",
    "image": "image",
}


@dataclass
class ExtractResult:
    key: str  # caller's id, echoed back
    status: str  # a Status: OK, NO_TEXT, FAILED or UNSUPPORTED
    error: str | None = None  # one line
    text: str | None = None  # clean NFC text, paragraphs separated by a blank line, final "\n"
    extractor: str | None = None  # "pdfminer", "ocr", "html", "docx", "text"
    pages: int | None = None
    chars: int = 0
    language: str | None = None  # main language, ISO 639-1 (detected, else the first hint)
    languages: list[str] = field(default_factory=list)  # substantial shares, main first
    language_disagrees: bool = False  # detection differs from the page's hint
    seconds: float = 0.0
    # When OCR ran: {"engine": "tesseract 5.3.0", "ocrmypdf": None, "language": "fra",
    # "confidence": mean word confidence 0-100, "low_confidence_pages": [pages below 60]}
    ocr: dict | None = None


@dataclass(frozen=True)
class ExtractJob:
    key: str
    path: Path
    kind: str | None
    hints: tuple[str, ...] | list[str] = ()
    content_type: str | None = None  # the HTTP Content-Type (its charset matters for HTML)
    ocr: bool = True  # recognise a PDF without a text layer when Tesseract is installed


# -- sniffing ----------------------------------------------------------------------------------

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png (.png)"),
    (b"\xff\xd8\xff", "image/jpeg (.jpg)"),
    (b"GIF87a", "image/gif (.gif)"),
    (b"GIF89a", "image/gif (.gif)"),
    (b"II*\x00", "image/tiff (.tif)"),
    (b"MM\x00*", "image/tiff (.tif)"),
)
_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_CT_KINDS = (
    ("wordprocessingml", "docx"),
    ("application/pdf", "pdf"),
    ("application/x-pdf", "pdf"),
    ("application/msword", "doc"),
    ("rtf", "rtf"),
    ("opendocument.text", "odt"),
    ("text/html", "html"),
    ("application/xhtml", "html"),
    ("text/plain", "text"),
    ("image/", "image"),
    ("application/zip", "zip"),
)


def _html_head(head: bytes) -> bytes:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore").encode("ascii", "ignore")
    return head.removeprefix(b"\xef\xbb\xbf")


def sniff_kind(head: bytes, content_type: str | None = None) -> str | None:
    """The kind of a document from its first bytes, then from its Content-Type; None if unknown.

    A zip archive is "docx" only when the Content-Type says wordprocessingml or the head
    shows a ``word/`` part; :func:`sniff_file` can look inside the archive.
    """
    h = head[:1024]
    ct = (content_type or "").split(";")[0].strip().casefold()
    if b"%PDF-" in h:
        return "pdf"
    if h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if h.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if h.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if "wordprocessingml" in ct or b"word/" in h:
            return "docx"
        if "opendocument.text" in ct or b"opendocument.text" in h:
            return "odt"
        return "zip"
    for magic, _ in _IMAGE_MAGIC:
        if h.startswith(magic):
            return "image"
    if _HTML_START.match(_html_head(h).lstrip()):
        return "html"
    for needle, kind in _CT_KINDS:
        if needle in ct:
            return kind
    return None


def sniff_file(path: Path, content_type: str | None = None) -> str | None:
    """Like :func:`sniff_kind`, opening zip archives to tell DOCX (and ODT) from other zips."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return None
    kind = sniff_kind(head, content_type)
    if kind in ("zip", "docx", "odt"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and b"opendocument.text" in zf.read("mimetype"):
                    return "odt"
        except (zipfile.BadZipFile, OSError, KeyError):
            return kind  # a damaged archive: extraction reports why
        return "zip"
    return kind


def is_error_page(data: bytes) -> bool:
    """Whether an HTML response is a "not found" / error / login page, not a statement."""
    from r2p_archive.extract.html import is_error_page as check

    return check(data)


# -- extraction --------------------------------------------------------------------------------


@dataclass
class _Extracted:
    paragraphs: list[str]
    extractor: str
    pages: int | None = None
    empty_reason: str = "the document has no text"
    ocr_candidate: bool = False  # a PDF whose text layer is missing or unusable


def _pdf(path: Path, content_type: str | None) -> _Extracted:
    from r2p_archive.extract.ocr import no_text_hint
    from r2p_archive.extract.pdf import extract_pdf

    result = extract_pdf(path)
    reason = no_text_hint()
    paragraphs = result.paragraphs
    if result.undecoded:
        reason = f"PDF text cannot be decoded (fonts without Unicode mapping); {reason}"
        letters = sum(1 for p in paragraphs for ch in p if ch.isalpha())
        if result.undecoded > letters:  # mostly glyphs without text: unusable
            paragraphs = []
    return _Extracted(paragraphs, "pdfminer", result.pages, reason, ocr_candidate=True)


def _html(path: Path, content_type: str | None) -> _Extracted:
    from r2p_archive.extract.html import extract_html

    result = extract_html(path.read_bytes(), content_type)
    return _Extracted(result.paragraphs, "html", None, "no statement text found in the page")


def _docx(path: Path, content_type: str | None) -> _Extracted:
    from r2p_archive.extract.docx import extract_docx

    result = extract_docx(path)
    return _Extracted(result.paragraphs, "docx", result.pages, "the document has no text")


def _text(path: Path, content_type: str | None) -> _Extracted:
    from r2p_archive.extract import clean
    from r2p_archive.extract.html import decode_html

    text, _ = decode_html(path.read_bytes(), content_type)
    return _Extracted(clean.split_paragraphs(text), "text", None, "the file has no text")


# kind -> extractor.  Tests add kinds here (worker processes are forked, so they see them).
EXTRACTORS: dict[str, Callable[[Path, str | None], _Extracted]] = {
    "pdf": _pdf,
    "html": _html,
    "docx": _docx,
    "text": _text,
}


def _unsupported_name(path: Path, kind: str | None, content_type: str | None) -> str:
    if kind == "image":
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
            for magic, name in _IMAGE_MAGIC:
                if head.startswith(magic):
                    return name
        except OSError:
            pass
    if kind in UNSUPPORTED_TYPES:
        return UNSUPPORTED_TYPES[kind]
    ct = (content_type or "").split(";")[0].strip()
    return ct or f"unknown file type{f' ({kind})' if kind else ''}"


def extract_file(path: Path, kind: str | None, hints: Sequence[str] = (), key: str = "",
                 content_type: str | None = None, *, ocr: bool = True,
                 timeout: float | None = None) -> ExtractResult:
    """Extract one document in this process.  Never raises for a bad document.

    A PDF without a usable text layer is recognised with Tesseract when ``ocr`` is true and
    OCR is installed (:func:`r2p_archive.extract.ocr.ocr_ready`); OCR's child processes stop
    when ``timeout`` seconds (default :data:`OCR_TIMEOUT`) have passed since the call began.
    """
    from r2p_archive.extract import clean
    from r2p_archive.extract.docx import DOCXFailure
    from r2p_archive.extract.html import HTMLFailure
    from r2p_archive.extract.pdf import PDFFailure

    started = time.perf_counter()
    path = Path(path)
    hints = list(hints or ())
    result = ExtractResult(key=key, status=Status.FAILED, language=first_code(hints))

    def done() -> ExtractResult:
        result.seconds = round(time.perf_counter() - started, 4)
        return result

    handler = EXTRACTORS.get(kind) if kind else None
    if handler is None:
        result.status = Status.UNSUPPORTED
        result.error = f"unsupported format: {_unsupported_name(path, kind, content_type)}"
        return done()
    try:
        extracted = handler(path, content_type)
    except (PDFFailure, HTMLFailure, DOCXFailure) as exc:
        result.error = one_line(str(exc))
        return done()
    except MemoryError:
        result.error = "ran out of memory while extracting (the document is too large or damaged)"
        return done()
    except RecursionError:
        result.error = f"{kind} structure is too deeply nested to read"
        return done()
    except OSError as exc:
        result.error = one_line(f"cannot read the file: {exc.strerror or exc}")
        return done()
    except Exception as exc:  # an extractor bug must not stop the run
        result.error = one_line(f"{kind} extraction failed ({type(exc).__name__}: {exc})")
        return done()
    text = clean.finish(extracted.paragraphs)
    # -- OCR of a scanned PDF (issue #16)
    if (extracted.ocr_candidate and ocr and sum(1 for ch in text if ch.isalpha()) < MIN_TEXT_LETTERS
            and _ocr_ready()):
        from r2p_archive.extract.ocr import NO_TEXT, ocr_document

        left = (OCR_TIMEOUT if timeout is None else timeout) - (time.perf_counter() - started)
        try:
            outcome = ocr_document(path, extracted.pages, hints, timeout=left)
        except OCRFailed as exc:
            result.error = one_line(str(exc))
            return done()
        except MemoryError:
            result.error = "ran out of memory during OCR"
            return done()
        except Exception as exc:  # an OCR bug must not stop the run
            result.error = one_line(f"OCR failed ({type(exc).__name__}: {exc})")
            return done()
        result.ocr = outcome.info
        extracted = _Extracted(outcome.paragraphs, "ocr", extracted.pages, NO_TEXT)
        text = clean.finish(extracted.paragraphs)
    result.extractor = extracted.extractor
    result.pages = extracted.pages
    if sum(1 for ch in text if ch.isalpha()) < MIN_TEXT_LETTERS:
        result.status = Status.NO_TEXT
        result.error = extracted.empty_reason
        return done()
    result.status = Status.OK
    result.text = text
    result.chars = len(text)
    result.language, result.languages, result.language_disagrees = detect_language(text, hints)
    return done()


def _ocr_ready() -> bool:
    from r2p_archive.extract.ocr import ocr_ready

    return ocr_ready()


def detect_language(text: str, hints: Sequence[str] = ()) -> tuple[str | None, list[str], bool]:
    """(main language, all languages with a substantial share, disagrees with the hint)."""
    from r2p_archive.extract.language import detect_language as detect

    return detect(text, hints)


def preload() -> None:
    """Import the extractors and load the language models (before forking workers)."""
    import docx  # noqa: F401
    import lxml.html  # type: ignore[import-untyped]  # noqa: F401
    import pdfminer.high_level  # noqa: F401
    import pdfminer.layout  # noqa: F401

    from r2p_archive.extract import docx as _d  # noqa: F401
    from r2p_archive.extract import html as _h  # noqa: F401
    from r2p_archive.extract import pdf as _p  # noqa: F401
    from r2p_archive.extract.language import preload as load_models

    load_models()


def extract_many(jobs: Iterable[ExtractJob], *, workers: int | None = None,
                 timeout: float = 120.0, memory_mb: int | None = 1024
                 ) -> Iterator[ExtractResult]:
    """Extract documents in worker processes; yields results as they finish.

    Each document runs in its own forked process with a hard time limit (``timeout`` seconds:
    the process is killed and the result is ``failed``) and an address-space limit of
    ``memory_mb`` MB on top of what the process inherits.  A worker that crashes gives a
    ``failed`` result; the run goes on.  Call it from the main thread.
    """
    from r2p_archive.extract.pool import run

    return run(jobs, workers=workers, timeout=timeout, memory_mb=memory_mb)
