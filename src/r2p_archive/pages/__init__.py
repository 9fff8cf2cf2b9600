"""Planning: a source document (a dialogue page, a UN verbatim record) -> planned statements.

Each layout is a module with ``NAME``, ``suitable(url, document) -> bool`` and
``plan(document, year) -> list[PlannedStatement]``.  :data:`LAYOUTS` lists them in the order
they are tried; the site families (UN pages, mission sites, Joomla, Drupal, WordPress) reuse
the generic machinery with what they know of their CMS; the generic dialogue-page heuristics
come last, as they accept any HTML page.
"""

from __future__ import annotations

import importlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from r2p_archive.errors import UnusableInput
from r2p_archive.models import PlannedStatement

PDF_LAYOUTS = ("record",)  # layouts that read PDF documents; the others read web pages
PAGE_LAYOUTS = ("unpages", "mission", "joomla", "drupal", "wordpress", "generic")
LAYOUTS = PDF_LAYOUTS + PAGE_LAYOUTS


@dataclass
class Document:
    """A source as read: where it came from, its bytes, and what the HTTP server said."""

    source: str  # the URL or local path as the user (or the catalog) gave it
    data: bytes
    content_type: str | None = None
    base_url: str | None = None  # for resolving relative links (``--base-url``)
    file: Path | None = None  # a local copy of ``data``, when there is one
    r2p_only: bool = False  # of a record, keep only the turns under the R2P agenda item
    # set by planning a web page: how many of its links are relative with no base URL to
    # resolve them against (``--base-url``)
    unresolved_links: int = 0
    _tmp: tempfile._TemporaryFileWrapper | None = field(default=None, repr=False)

    def path(self) -> Path:
        """A file holding the document's bytes (a temporary copy if there is no local one)."""
        if self.file is None:
            self._tmp = tempfile.NamedTemporaryFile(prefix="r2p-", suffix=".pdf")
            self._tmp.write(self.data)
            self._tmp.flush()
            self.file = Path(self._tmp.name)
        return self.file

    def head_symbol(self) -> str | None:
        """The record symbol printed on page 1 of a PDF, if any."""
        from r2p_archive.pages.labels import SYMBOL

        try:
            from pdfminer.high_level import extract_text

            text = extract_text(str(self.path()), maxpages=1)
        except Exception:  # not a readable PDF: not a record either
            return None
        m = SYMBOL.search(text[:3000])
        return m.group(0) if m else None

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.close()
            self._tmp = None


def layout(name: str) -> ModuleType:
    return importlib.import_module(f"r2p_archive.pages.{name}")


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def layout_for(document: Document) -> ModuleType:
    """The first layout that can read ``document``, among the PDF layouts or the web-page ones
    (so a web page does not even import the record layout, its labels and turns)."""
    for name in PDF_LAYOUTS if is_pdf(document.data) else PAGE_LAYOUTS:
        module = layout(name)
        if module.suitable(document.source, document):
            return module
    raise UnusableInput(f"{document.source}: neither a dialogue page nor a UN verbatim record")


def plan(document: Document, year: int | None = None) -> list[PlannedStatement]:
    """The statements ``document`` holds or links, in reading order."""
    return layout_for(document).plan(document, year)
