"""The UN verbatim-record layout: one PDF, many statements (one per speaker turn).

A record (``A/76/PV.102``, ``S/PV.8699``) is recognised by its symbol on page 1.  Its language
comes from the file name (``A_76_PV.102_F.pdf``), the address (``undocs.org/fr/...``) or the
script and words of page 1; its date from the running header (``08/09/2022``) or page 1.
Each turn becomes a :class:`~r2p_archive.models.PlannedStatement` with a
:class:`~r2p_archive.models.Part` that says where it sits in the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from r2p_archive.errors import UnusableInput
from r2p_archive.languages import UN_LANGUAGES, of_un_letter
from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, is_pdf
from r2p_archive.pages.labels import (
    CONVENTIONS,
    RUNNING_DATE,
    SYMBOL,
    Conventions,
    detect_language,
)
from r2p_archive.pages.turns import Turn, split_turns

if TYPE_CHECKING:
    from r2p_archive.extract.pdflayout import Row

NAME = "un-record"
_FILE_LANG = re.compile(r"_([EFSRCA])(?:\.pdf)?$", re.IGNORECASE)
_URL_LANG = re.compile(rf"/({'|'.join(UN_LANGUAGES)})/", re.IGNORECASE)
_SYMBOL_IN_NAME = re.compile(r"\b[AS]_(?:\d{2}_)?PV\.\d+", re.IGNORECASE)
_MONTHS = {
    m: i + 1 for i, names in enumerate((
        "january janvier enero", "february fevrier février febrero", "march mars marzo",
        "april avril abril", "may mai mayo", "june juin junio", "july juillet julio",
        "august aout août agosto", "september septembre septiembre setiembre",
        "october octobre octubre", "november novembre noviembre",
        "december decembre décembre diciembre")) for m in names.split()
}
_DATE_WORDS = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?((?:19|20)\d\d)\b")
_DATE_ZH = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_HEAD_CHARS = 4000
OCR_TIMEOUT = 900.0
_LABEL_START = re.compile(r"^([^():：,]{2,80}?)\s*(?:[(（][^:：]{0,200})?[:：]")


@dataclass
class RecordText:
    """A record as read: what page 1 says and the speaker turns."""

    symbol: str
    date: str | None  # ISO date of the meeting
    language: str
    pages: int
    turns: list[Turn]
    conventions: Conventions
    scanned: bool = False  # read by OCR: labels found by their pattern alone (no bold)


def suitable(url: str, document: Document) -> bool:
    """A PDF whose name is a record symbol, or whose first page prints one."""
    if not is_pdf(document.data):
        return False
    name = unquote(urlsplit(url).path if "://" in url else url)
    if _SYMBOL_IN_NAME.search(Path(name).name) or re.search(r"/PV\.\d", name):
        return True
    return document.head_symbol() is not None


def _language(source: str, head: str) -> str:
    name = Path(unquote(urlsplit(source).path if "://" in source else source)).stem
    m = _FILE_LANG.search(name)
    if m:
        return of_un_letter(m.group(1)) or "en"
    m = _URL_LANG.search(source)
    if m:
        return m.group(1).lower()
    return detect_language(head) or "en"


def normalize_symbol(match: re.Match[str]) -> str:
    body, session, number, resumption, n = match.groups()
    symbol = f"{body.upper()}/{session}/PV.{number}" if session else f"{body.upper()}/PV.{number}"
    return f"{symbol} (Resumption {n})" if resumption else symbol


def _date(head: str) -> str | None:
    for m in RUNNING_DATE.finditer(head):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    zh = _DATE_ZH.search(head)
    if zh:
        return f"{int(zh.group(1)):04d}-{int(zh.group(2)):02d}-{int(zh.group(3)):02d}"
    for m in _DATE_WORDS.finditer(head):
        named = _MONTHS.get(m.group(2).casefold())
        if named:
            return f"{int(m.group(3)):04d}-{named:02d}-{int(m.group(1)):02d}"
    return None


def read_record(path: Path, source: str) -> RecordText:
    """Read and split a record; :class:`UnusableInput` when it cannot be read as one."""
    from r2p_archive.extract.pdf import PDFFailure, read_segments, remove_furniture

    try:
        segments = read_segments(path)
        scanned = sum(ch.isalpha() for s in segments for r in s.rows for ch in r.text) < 200
        if scanned:
            segments = _ocr_segments(path, source)
    except PDFFailure as exc:
        raise UnusableInput(f"{source}: {exc}") from None
    pages = max((s.page for s in segments), default=0)
    head = " ".join(r.text for s in segments if s.page <= 2 for r in s.rows)[:_HEAD_CHARS * 2]
    m = SYMBOL.search(head)
    if m is None:
        raise UnusableInput(f"{source}: not a UN verbatim record (no record symbol on page 1)")
    language = _language(source, head)
    conv = CONVENTIONS[language]
    rows = []
    for seg in remove_furniture(segments):
        for row in seg.rows:
            if seg.page == 1 and conv.disclaimer.search(row.text):
                break  # the note at the foot of page 1, then the job number
            rows.append((seg, mark_by_pattern(row, conv) if scanned else row))
    turns = split_turns(rows, conv)
    if not turns:
        raise UnusableInput(f"0 speaker turns found in {source} (read as a record in "
                            f"{language}: is it a verbatim record in that language?)")
    return RecordText(normalize_symbol(m), _date(head), language, pages, turns, conv, scanned)


def _ocr_segments(path: Path, source: str) -> list:
    """The segments of a scanned record's recognised copy (ocrmypdf adds a text layer)."""
    import tempfile

    from r2p_archive.extract.ocr import OCRFailed, ocr_available, ocr_missing_hint, ocr_pdf
    from r2p_archive.extract.pdf import read_segments

    if not ocr_available():
        raise UnusableInput(f"{source}: a scanned record without a text layer; "
                            f"{ocr_missing_hint()}")
    language = _language(source, "")
    with tempfile.TemporaryDirectory(prefix="r2p-ocr-") as tmp:
        copy = Path(tmp) / "ocr.pdf"
        try:
            ocr_pdf(path, copy, OCR_TIMEOUT, [language])
        except OCRFailed as exc:
            raise UnusableInput(f"{source}: {exc}") from None
        return read_segments(copy)


def mark_by_pattern(row: Row, conv: Conventions) -> Row:
    """A row of an OCR text layer, where no font weight is known: the name of a label-shaped
    start ("Mr. Kimani (Kenya): ...") and an agenda heading count as bold."""
    from dataclasses import replace

    text = row.text.strip()
    if conv.agenda_item.match(text):
        return replace(row, bold=text)
    m = _LABEL_START.match(text)
    return replace(row, bold=m.group(1).strip()) if m else row


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    """One planned statement per speaker turn (see :mod:`r2p_archive.pages.parts`)."""
    from r2p_archive.pages.parts import plan_turns

    rec = read_record(document.path(), document.source)
    use_year = year or (int(rec.date[:4]) if rec.date else None)
    if use_year is None:
        raise UnusableInput(f"no meeting date found in {document.source}; pass --year YEAR")
    return plan_turns(rec, document, use_year)


__all__ = ["NAME", "RecordText", "plan", "read_record", "suitable"]
