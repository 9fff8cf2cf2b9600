"""Generators of fixture documents for the tests: PDF, scanned PDF, DOCX, HTML, legacy .doc.

Every generator returns the document's bytes and, given a path, also writes it there.  Texts
are the caller's; fonts are the Bitstream Vera fonts that reportlab ships (they carry the
Latin-1 accents: é ñ ç ô ü ...), so documents are identical on every machine.

    make_pdf(None, pages=[["First paragraph.", "Second."], ["Page two."]])
    make_pdf(None, paragraphs=[...], columns=2, header="Statement by X",
             footer="Page {page} of {pages}")
    make_docx(["A paragraph.", [["cell", "cell"]]])       # a list of rows is a table
    make_html(["A paragraph."], encoding="windows-1252")
    make_scanned_pdf(["Text drawn as pixels"])            # image only, no text layer
    truncated(pdf_bytes)                                  # cut short, no trailer
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

FONT = "DocGenSans"
FONT_BOLD = "DocGenSans-Bold"
A4 = (595.2756, 841.8898)
LETTER = (612.0, 792.0)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
COLUMN_BREAK = "\x00column-break"  # as a paragraph: continue in the next column (or page)

_registered = False


class Quote(str):
    """A paragraph whose lines are all indented (a block quotation)."""

    indent = 24.0


def font_path(name: str = "Vera.ttf") -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / name


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(font_path("Vera.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path("VeraBd.ttf"))))
    _registered = True


def _write(path: str | os.PathLike[str] | None, data: bytes) -> bytes:
    if path is not None:
        Path(path).write_bytes(data)
    return data


# -- PDF ---------------------------------------------------------------------------------------


def wrap(text: str, width: float, text_width: Callable[[str], float],
         first_width: float | None = None) -> list[str]:
    """Greedy word wrap of ``text`` into lines at most ``width`` wide (the first line
    ``first_width`` wide, if given) as measured by ``text_width``; a word wider than the line
    stands on a line of its own.  Shared by the PDF (reportlab widths) and scan (Pillow
    widths) generators."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        limit = width if lines or first_width is None else first_width
        if current and text_width(candidate) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _wrap(text: str, width: float, first_width: float, size: float, font: str) -> list[str]:
    """Greedy word wrap; a paragraph with newlines keeps exactly those line breaks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if "\n" in text:
        return [line.strip() for line in text.split("\n")]
    return wrap(text, width, lambda s: stringWidth(s, font, size), first_width)


class _Layout:
    """Places wrapped lines into columns and pages; collects drawing operations."""

    def __init__(self, *, page_size, margin, columns, gutter, size, leading, para_gap, indent,
                 font):
        self.page_w, self.page_h = page_size
        self.margin = margin
        self.columns = columns
        self.gutter = gutter
        self.size = size
        self.leading = leading
        self.para_gap = para_gap
        self.indent = indent
        self.font = font
        self.col_w = (self.page_w - 2 * margin - (columns - 1) * gutter) / columns
        self.top = self.page_h - margin - size
        self.bottom = margin
        # pages -> list of (column, row index, x, y, text, justify width or None)
        self.pages: list[list[tuple[int, int, float, float, str, float | None]]] = []
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.col = 0
        self.y = self.top
        self.row = 0

    def next_column(self, allow_new_page: bool) -> None:
        if self.col + 1 < self.columns:
            self.col += 1
            self.y = self.top
            self.row = 0
        elif allow_new_page:
            self.new_page()
        else:
            raise ValueError("text does not fit on the page; use fewer or shorter paragraphs")

    def add_paragraph(self, text: str, justify: bool, allow_new_page: bool) -> None:
        if text == COLUMN_BREAK:
            self.next_column(allow_new_page)
            return
        quote = text.indent if isinstance(text, Quote) else 0.0
        width_all = self.col_w - quote
        lines = _wrap(text, width_all, width_all - self.indent, self.size, self.font)
        for i, line in enumerate(lines):
            if self.y < self.bottom:
                self.next_column(allow_new_page)
            x = self.margin + self.col * (self.col_w + self.gutter) + quote
            if i == 0:
                x += self.indent
            width = None
            if justify and i < len(lines) - 1 and "\n" not in text:
                width = width_all - (self.indent if i == 0 else 0)
            self.pages[-1].append((self.col, self.row, x, self.y, line, width))
            self.y -= self.leading
            self.row += 1
        self.y -= self.para_gap


def make_pdf(
    path: str | os.PathLike[str] | None = None,
    pages: Sequence[Sequence[str]] | None = None,
    *,
    paragraphs: Sequence[str] | None = None,
    columns: int = 1,
    header: str | Sequence[str | tuple[str, str]] | None = None,
    footer: str | Sequence[str | tuple[str, str]] | None = None,
    font_size: float = 11,
    leading: float | None = None,
    para_gap: float | None = None,
    indent: float = 0,
    justify: bool = False,
    page_size: tuple[float, float] = A4,
    margin: float = 72,
    gutter: float = 24,
    draw_order: str = "column",
    encrypt: tuple[str, str] | str | None = None,
    title: str | None = None,
) -> bytes:
    """A text PDF.

    ``pages`` gives each page's paragraphs (flowing through the page's columns; too much text
    raises ValueError); or ``paragraphs`` flow over as many pages as needed.  A paragraph
    containing newlines is drawn with exactly those line breaks (to place a hyphenated word
    at a line end); a ``COLUMN_BREAK`` paragraph moves on to the next column; a ``Quote``
    paragraph is indented on every line.
    ``header``/``footer`` (a string or several lines; a (left, right) pair is one line with a
    left and a right part) are drawn on every page; ``{page}`` and ``{pages}`` are replaced.  ``draw_order="row"`` draws two columns line by
    line across the page (left 1, right 1, left 2...) instead of column after column.
    ``encrypt`` is a user password, or (user, owner) passwords.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    register_fonts()
    if (pages is None) == (paragraphs is None):
        raise ValueError("give either pages or paragraphs")
    leading = leading or round(font_size * 1.25, 2)
    para_gap = leading * 0.6 if para_gap is None else para_gap
    layout = _Layout(page_size=page_size, margin=margin, columns=columns, gutter=gutter,
                     size=font_size, leading=leading, para_gap=para_gap, indent=indent,
                     font=FONT)
    if pages is not None:
        for n, page in enumerate(pages):
            if n:
                layout.new_page()
            for para in page:
                layout.add_paragraph(para, justify, allow_new_page=False)
    else:
        for para in paragraphs or ():
            layout.add_paragraph(para, justify, allow_new_page=True)

    buf = io.BytesIO()
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        user, owner = (encrypt, encrypt + "-owner") if isinstance(encrypt, str) else encrypt
        kwargs["encrypt"] = StandardEncryption(user, owner, strength=128)
    c = canvas.Canvas(buf, pagesize=page_size, invariant=1, **kwargs)
    if title:
        c.setTitle(title)
    total = len(layout.pages)
    for number, ops in enumerate(layout.pages, 1):
        c.setFont(FONT, font_size)
        if draw_order == "row":
            ops = sorted(ops, key=lambda op: (op[1], op[0]))
        for _col, _row, x, y, text, width in ops:
            if width is None or " " not in text:
                c.drawString(x, y, text)
                continue
            words = text.split(" ")
            natural = sum(stringWidth(w, FONT, font_size) for w in words)
            space = (width - natural) / (len(words) - 1)
            for word in words:
                c.drawString(x, y, word)
                x += stringWidth(word, FONT, font_size) + space
        size = max(font_size - 2, 6)
        for lines, y0, step in ((header, page_size[1] - margin / 3 - size, -size * 1.3),
                                (footer, margin / 3, size * 1.3)):
            if not lines:
                continue
            seq = [lines] if isinstance(lines, str) else list(lines)
            if step > 0:
                seq = seq[::-1]
            c.setFont(FONT, size)
            for i, line in enumerate(seq):
                y = y0 + i * step
                if isinstance(line, str):
                    c.drawCentredString(page_size[0] / 2, y, line.format(page=number, pages=total))
                else:  # (left, right): a letterhead line
                    c.drawString(margin, y, line[0].format(page=number, pages=total))
                    c.drawRightString(page_size[0] - margin, y,
                                      line[1].format(page=number, pages=total))
        c.showPage()
    c.save()
    return _write(path, buf.getvalue())


def make_scanned_pdf(lines: Sequence[str] = ("This page was scanned.",),
                     path: str | os.PathLike[str] | None = None, pages: int = 1) -> bytes:
    """An image-only PDF: the lines are pixels of an embedded picture, with no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path("Vera.ttf")), 36)
    for i, line in enumerate(lines):
        draw.text((120, 160 + i * 60), line, fill=0, font=font)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return _write(path, buf.getvalue())


def truncated(pdf: bytes, keep: float = 0.6) -> bytes:
    """The first ``keep`` share of a document, as an interrupted download leaves it."""
    return pdf[: max(1, int(len(pdf) * keep))]


# -- DOCX --------------------------------------------------------------------------------------


def make_docx(blocks: Sequence[str | Sequence[Sequence[str]]],
              path: str | os.PathLike[str] | None = None, *, header: str | None = None,
              footer: str | None = None, heading: str | None = None) -> bytes:
    """A .docx: each string is a paragraph, each list of rows a table; ``header``/``footer``
    go into the section's page header and footer (not the body)."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = [list(r) for r in block]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                table.cell(i, j).text = cell
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    buf = io.BytesIO()
    document.save(buf)
    return _write(path, _dated_1980(buf.getvalue()))


def _dated_1980(data: bytes) -> bytes:
    """The zip ``data`` with every member dated 1980-01-01: the same document gives the same
    bytes (python-docx dates members with the time of saving, so two equal documents made two
    seconds apart differed, and were not duplicates of each other)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = info.compress_type
            dst.writestr(member, src.read(info))
    return out.getvalue()


# -- HTML --------------------------------------------------------------------------------------


def make_html(paragraphs: Sequence[str], path: str | os.PathLike[str] | None = None, *,
              title: str = "Statement", heading: str | None = None,
              encoding: str = "utf-8", declare: bool = True, boilerplate: bool = True,
              semantic: bool = True, lang: str = "en") -> bytes:
    """A mission web page holding a statement.

    With ``boilerplate`` the page has what real sites have around the text: a navigation
    menu, a cookie banner, breadcrumbs, share links, a "related" sidebar, a footer, scripts
    and styles.  ``semantic=False`` uses plain ``<div>``s everywhere (no nav/header/footer/
    article tags), so only class names and text density tell them apart.  ``declare`` puts
    a ``<meta charset>`` for ``encoding`` in the head.
    """
    def tag(semantic_name: str, cls: str) -> tuple[str, str]:
        name = semantic_name if semantic else "div"
        return f'<{name} class="{cls}">', f"</{name}>"

    meta = f'<meta charset="{encoding}">' if declare else ""
    body: list[str] = []
    if boilerplate:
        o, c = tag("header", "site-header")
        body.append(f'{o}<div class="logo">Permanent Mission to the United Nations</div>')
        no, nc = tag("nav", "main-menu")
        body.append(f'{no}<ul><li><a href="/">Home</a></li><li><a href="/about">About the '
                    'Mission</a></li><li><a href="/statements">Statements</a></li><li>'
                    f'<a href="/contact">Contact</a></li></ul>{nc}{c}')
        body.append('<div id="cookie-consent" class="cookie-banner"><p>This website uses '
                    'cookies to improve your experience. By continuing to browse, you accept '
                    'their use.</p><a href="/privacy">Privacy policy</a> <a href="#">Accept</a>'
                    '</div>')
        body.append('<div class="breadcrumb"><a href="/">Home</a> &gt; '
                    '<a href="/statements">Statements</a></div>')
    o, c = tag("article", "statement-content")
    body.append(o)
    if heading:
        body.append(f"<h1>{escape(heading)}</h1>")
    body.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
    if boilerplate:
        body.append('<div class="share-links">Share: <a href="#">Facebook</a> '
                    '<a href="#">Twitter</a> <a href="#">Email</a></div>')
    body.append(c)
    if boilerplate:
        o, c = tag("aside", "sidebar")
        body.append(f'{o}<h3>Related news</h3><ul><li><a href="/n1">Minister visits the '
                    'regional office and meets local partners</a></li><li><a href="/n2">'
                    'Mission hosts a reception for national day</a></li></ul>{c}')
        o, c = tag("footer", "site-footer")
        body.append(f'{o}<p>Address: 123 Example Avenue, New York. Telephone: 555 0100.</p>'
                    f'<p>Copyright 2024 Permanent Mission. All rights reserved.</p>{c}')
        body.append("<script>var tracker = {id: 'UA-0000'}; window.menuOpen = false;</script>")
    style = "<style>body{font-family:sans-serif}.cookie-banner{position:fixed}</style>"
    page = (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}<title>{escape(title)}</title>'
            f"{style}</head><body>{''.join(body)}</body></html>\n")
    return _write(path, page.encode(encoding))


def make_ole(path: str | os.PathLike[str] | None = None, size: int = 4096) -> bytes:
    """Bytes that start like a legacy Word (.doc) file: the OLE compound-file signature."""
    return _write(path, OLE_MAGIC + b"\x00" * (size - len(OLE_MAGIC)))
