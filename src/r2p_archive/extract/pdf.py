"""PDF text with pdfminer.six: lines ordered column by column, page furniture removed.

pdfminer gives the text lines of each page with their positions.  The reading order is ours:

1. **Columns.**  A page's gutter is a vertical strip, in the middle 60 % of the text area,
   that (almost) no line crosses and that has enough lines on both sides beside each other.
   Lines that cross it (titles, full-width paragraphs) cut the page into bands; inside a band
   the left side is read before the right side, each side searched again for columns.
2. **Rows.**  Fragments on one baseline (justified text is sometimes drawn word group by word
   group) are merged, left to right, when they are close.
3. **Furniture.**  Lines near the top or bottom edge that recur on many pages (digits ignored,
   so "Page 2 of 3" and changing dates count as one), lone page numbers, document symbols and
   "Check against delivery" are dropped.
4. **Paragraphs.**  A new paragraph starts at a larger than usual line gap, at an indented
   first line, after a short line that ends a sentence, or at a change of font size; it
   continues across columns and pages otherwise.

Steps 1 and 2 live in :mod:`~r2p_archive.extract.pdfcolumns` and
:mod:`~r2p_archive.extract.pdflayout`, steps 3 and 4 in :mod:`~r2p_archive.extract.pdfparagraphs`;
this module reads the document and re-exports what callers use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from r2p_archive.extract import clean
from r2p_archive.extract.pdfcolumns import order_segments
from r2p_archive.extract.pdflayout import Row, Segment, edge_segment, fragments, split_edges
from r2p_archive.extract.pdfparagraphs import paragraphs_of, remove_furniture
from r2p_archive.text import one_line

# Layout analysis parameters.  boxes_flow=None skips pdfminer's own (slow, and on two-column
# UN records wrong) ordering of text boxes: we only need its lines.  detect_vertical=False
# keeps rotated margin notes out of the way.
LAPARAMS: dict[str, Any] = {
    "line_overlap": 0.5,
    "char_margin": 2.0,
    "word_margin": 0.1,
    "line_margin": 0.5,
    "boxes_flow": None,
    "detect_vertical": False,
    "all_texts": True,
}

class PDFFailure(Exception):
    """The PDF cannot be read; the message is one line for the user."""


@dataclass
class PdfText:
    paragraphs: list[str]
    pages: int
    undecoded: int = 0  # glyphs pdfminer could not map to Unicode


# -- the whole document ------------------------------------------------------------------------


def check_complete(path: Path) -> None:
    """Raise :class:`PDFFailure` unless the file looks like a whole PDF."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
        if b"%PDF-" not in head:
            raise PDFFailure("not a PDF file (no %PDF header)")
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise PDFFailure("PDF is truncated (no end-of-file marker; the download may be incomplete)")


def iter_segments(path: Path, stats: dict[str, int]) -> Iterator[Segment]:
    import logging

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    # pdfminer warns about every oddity of a file ("CropBox missing..."); not for our users.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    for number, layout in enumerate(extract_pages(path, laparams=LAParams(**LAPARAMS)), 1):
        stats["pages"] = number
        frags = fragments(layout, stats)
        top, body, bottom = split_edges(frags, layout.bbox[1], layout.bbox[3])
        if top:
            yield edge_segment(top, number)
        yield from order_segments(body, number)
        if bottom:
            yield edge_segment(bottom, number)


def read_segments(path: Path, stats: dict[str, int] | None = None) -> list[Segment]:
    """Every segment of a PDF in reading order, headers and footers included (``edge``);
    raises :class:`PDFFailure` with a one-line reason."""
    check_complete(path)
    if stats is None:
        stats = {}
    stats.update(pages=0, undecoded=0)
    try:
        return list(iter_segments(path, stats))
    except PDFFailure:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types; all mean "cannot read this file"
        raise PDFFailure(describe_error(exc)) from exc


def extract_pdf(path: Path) -> PdfText:
    """Paragraph texts of a PDF; raises :class:`PDFFailure` with a one-line reason."""
    stats: dict[str, int] = {}
    segments = remove_furniture(read_segments(path, stats))
    groups = paragraphs_of(segments)
    dehyphenator = clean.Dehyphenator(line for group in groups for line in group)
    paragraphs = [clean.join_lines(g, dehyphenator) for g in groups]
    return PdfText(paragraphs, stats["pages"], stats["undecoded"])


def describe_error(exc: BaseException) -> str:
    """A one-line reason for a pdfminer exception."""
    name = type(exc).__name__
    message = one_line(str(exc), 160)
    if name in ("PDFPasswordIncorrect",):
        return "PDF is encrypted and needs a password to open"
    if name == "PDFEncryptionError" or "encrypt" in message.lower():
        return f"PDF encryption not supported: {message or name}"
    if name in ("PDFSyntaxError", "PSEOF", "PSSyntaxError", "PDFNoValidXRef"):
        return f"PDF is damaged ({name}: {message})" if message else f"PDF is damaged ({name})"
    return f"PDF cannot be read ({name}: {message})" if message else f"PDF cannot be read ({name})"


__all__ = ["LAPARAMS", "PDFFailure", "PdfText", "Row", "Segment", "check_complete",
           "describe_error", "extract_pdf", "iter_segments", "paragraphs_of", "read_segments",
           "remove_furniture"]
