"""DOCX text with python-docx: body paragraphs and table cells in document order."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from r2p_archive.extract import clean
from r2p_archive.text import one_line

if TYPE_CHECKING:
    # python-docx's elements are lxml elements (its own classes or plain ones for tags it
    # does not know), all untyped to mypy
    from r2p_archive.boilerplate import Element


class DOCXFailure(Exception):
    """The document cannot be read; the message is one line."""


@dataclass
class DocxText:
    paragraphs: list[str]
    pages: int | None


def _qn(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _para_text(p: Element) -> str:
    """Text of a <w:p>: runs, tabs and line breaks (as spaces); deleted revisions skipped."""
    parts: list[str] = []
    for el in p.iter(_qn("t"), _qn("tab"), _qn("br"), _qn("cr"), _qn("noBreakHyphen"),
                     _qn("softHyphen"), _qn("delText")):
        tag = el.tag
        if tag == _qn("t"):
            parts.append(el.text or "")
        elif tag == _qn("noBreakHyphen"):
            parts.append("-")
        elif tag == _qn("softHyphen") or tag == _qn("delText"):
            continue
        else:
            parts.append(" ")
    return clean.collapse_spaces(clean.normalize_chars("".join(parts)))


def _blocks(container: Element, out: list[str]) -> None:
    """Paragraph texts of a body, table cell or content control, in order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _qn("p"):
            text = _para_text(child)
            if text:
                out.append(text)
        elif tag == _qn("tbl"):
            for row in child.iterchildren(_qn("tr")):
                seen: list[str] = []
                for cell in row.iterchildren(_qn("tc")):
                    cell_out: list[str] = []
                    _blocks(cell, cell_out)
                    text = "\n".join(cell_out)
                    if text and (not seen or seen[-1] != text):  # merged cells repeat
                        seen.append(text)
                        out.extend(cell_out)
        elif tag in (_qn("sdt"), _qn("customXml"), _qn("ins"), _qn("smartTag")):
            content = child.find(_qn("sdtContent")) if tag == _qn("sdt") else child
            if content is not None:
                _blocks(content, out)


def _pages(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as zf:
            app = zf.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    m = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


def extract_docx(path: Path) -> DocxText:
    """Paragraphs of a .docx file; raises :class:`DOCXFailure` with a one-line reason."""
    import docx

    try:
        with zipfile.ZipFile(path) as zf:
            if "word/document.xml" not in zf.namelist():
                raise DOCXFailure("DOCX is damaged (no word/document.xml part)")
    except zipfile.BadZipFile as exc:
        raise DOCXFailure(f"DOCX is damaged (not a valid zip archive: {exc})") from exc
    try:
        document = docx.Document(str(path))
    except zipfile.BadZipFile as exc:
        raise DOCXFailure(f"DOCX is damaged (not a valid zip archive: {exc})") from exc
    except KeyError as exc:
        raise DOCXFailure(f"DOCX is damaged (missing part {exc})") from exc
    except Exception as exc:  # python-docx / lxml raise various errors for broken packages
        reason = one_line(str(exc), 160) or type(exc).__name__
        raise DOCXFailure(f"DOCX cannot be read ({type(exc).__name__}: {reason})") from exc
    out: list[str] = []
    _blocks(document.element.body, out)
    return DocxText(out, _pages(path))
