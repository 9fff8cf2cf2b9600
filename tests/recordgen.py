"""Synthetic UN verbatim records (A/xx/PV.nn) in the six UN languages, with known turns.

    pdf = make_record(None, language="fr", items=[("128", "La responsabilité de protéger",
                      [Turn("M. Kimani", "Kenya", "en", ["Le Kenya ..."])])])
    pdf, truth = sample_record("zh")       # the same 14-turn debate in every language

Layout as in real records: page 1 has the masthead, the "President:" line, two columns and a
boxed notice with the job number below; later pages have a running header (symbol and date,
sides alternating), two justified columns and a footer ("2/3" and the job number).  A turn is
a paragraph opening with the speaker label in bold ("Mr. Kimani (Kenya):") followed by the
speech in regular weight; agenda-item headings and titles are bold; procedural notes italic.

Fonts: Latin records use reportlab's Vera fonts (as ``docgen`` does), Russian and Arabic DejaVu
Sans (package ``fonts-dejavu-core``), Chinese the CID font STSong-Light, whose bold is the same
font registered again as ``STSong-Light,Bold`` and drawn filled and stroked (text render mode
2), so a reader sees ``STSongStd-Light,Bold`` as the font name of label characters.  Arabic is
not shaped: the logical-order string is drawn left to right (a PDF reader extracts the logical
text; the page does not look like real Arabic), with lines aligned right.

``label_style="bold"`` (the default) sets the whole label in bold; ``"real"`` copies what real
records do: only the person or role is bold, the affiliation and punctuation are regular and
the language note ("spoke in French") is italic.
"""

from __future__ import annotations

import copy
import datetime
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import recordgen_texts as T
from docgen import A4, FONT, FONT_BOLD, _write, font_path, register_fonts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
R2P_ITEM = "128"
LEFT, GUTTER = 50.0, 20.0
COL_W = (A4[0] - 2 * LEFT - GUTTER) / 2
P1_TOP, P1_BOTTOM, TOP, BOTTOM = 648.0, 152.0, 780.0, 62.0
VOWELS = set("aeiouyáéíóúàèìòùâêîôûäëïöüœæаеёиоуыэюя")
CLOSING = set("，。、；：！？）》」』”’")
OPENING = set("（《「『“‘")


@dataclass
class Turn:
    """One speaker turn.  ``role`` ("president" or "acting_president") replaces the person in
    the label; ``spoke_in`` (ISO 639-1) gives the language note unless it is the record's
    language; ``order_swapped`` puts the note before the affiliation (a rare form)."""

    person: str | None
    affiliation: str | None = None
    spoke_in: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    reply: bool = False
    role: str | None = None
    order_swapped: bool = False
    on_behalf_of: str | None = None


class Note(str):
    """An italic procedural note between turns ("It was so decided.")."""


def body_band(page: int) -> tuple[float, float]:
    """(bottom, top) y of the two text columns on a page (1-based): furniture lies outside."""
    return (P1_BOTTOM - 4, P1_TOP) if page == 1 else (BOTTOM - 4, TOP)


# -- fonts -------------------------------------------------------------------------------------

_done: set[str] = set()


def fonts(language: str) -> dict[str, str]:
    """Registered font names for styles r(egular), b(old), i(talic) in a record's language."""
    from reportlab.pdfbase import cidfonts, pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    register_fonts()
    if language == "zh":
        if "zh" not in _done:
            pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
            info = copy.deepcopy(cidfonts.CIDFontInfo["STSong-Light"])
            info["BaseFont"] = info["DescendantFonts"][0]["BaseFont"] = "/STSong-Light,Bold"
            info["DescendantFonts"][0]["FontDescriptor"]["FontName"] = "/STSongStd-Light,Bold"
            cidfonts.CIDFontInfo["STSong-Light,Bold"] = info
            bold = cidfonts.UnicodeCIDFont("STSong-Light")
            bold.name = bold.fontName = "STSong-Light-Bold"
            bold.face = copy.copy(bold.face)
            bold.face.name = "STSong-Light,Bold"
            pdfmetrics.registerFont(bold)
            _done.add("zh")
        return {"r": "STSong-Light", "b": "STSong-Light-Bold", "i": "STSong-Light"}
    if language in ("ru", "ar"):
        files = {"r": "DejaVuSans.ttf", "b": "DejaVuSans-Bold.ttf", "i": "DejaVuSans-Oblique.ttf"}
        if "dejavu" not in _done:
            missing = [n for n in files.values() if not (DEJAVU / n).is_file()]
            if missing:
                raise RuntimeError(f"DejaVu fonts {missing} not found in {DEJAVU}: install the "
                                   "Debian package fonts-dejavu-core")
            for style, name in files.items():
                pdfmetrics.registerFont(TTFont(f"RecordGenDejaVu-{style}", str(DEJAVU / name)))
            _done.add("dejavu")
        # DejaVu Sans Oblique has no Arabic letters: Arabic notes stay upright.
        return {s: f"RecordGenDejaVu-{'r' if s == 'i' and language == 'ar' else s}"
                for s in files}
    if "vera" not in _done:
        pdfmetrics.registerFont(TTFont("RecordGenSans-Oblique", str(font_path("VeraIt.ttf"))))
        _done.add("vera")
    return {"r": FONT, "b": FONT_BOLD, "i": "RecordGenSans-Oblique"}


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    face = getattr(getFont(font), "face", None)
    glyphs = getattr(face, "charToGlyph", None)
    if glyphs is not None and any(ord(ch) not in glyphs for ch in text):
        raise ValueError(f"font {font} lacks characters of {text!r}")
    return stringWidth(text, font, size)


# -- labels ------------------------------------------------------------------------------------


def labels(language: str) -> dict[str, object]:
    """The label formats of a language ({p} person or role, {a} affiliation, {n} note words),
    the role names and the note words by language spoken (under "notes")."""
    return dict(T.LABELS[language], notes=dict(T.NOTE_WORDS[language]))


def label_parts(turn: Turn, language: str) -> list[tuple[str, str]]:
    """The label as (text, part) pieces; part is name, aff, note or punct."""
    fmt = T.LABELS[language]
    note = turn.spoke_in if turn.spoke_in and turn.spoke_in != language else None
    person = fmt[turn.role] if turn.role else turn.person
    if turn.affiliation and not turn.role:
        key = ("swapped" if turn.order_swapped else "state_note") if note else "state"
    else:
        key = "name_note" if note else "name"
    values = {"p": ("name", person), "a": ("aff", turn.affiliation),
              "n": ("note", T.NOTE_WORDS[language][note] if note else "")}
    parts = []
    for piece in re.split(r"(\{[pan]\})", fmt[key]):
        if piece.startswith("{"):
            parts.append((values[piece[1]][1], values[piece[1]][0]))
        elif piece:
            parts.append((piece, "punct"))
    return parts


# -- wrapping ----------------------------------------------------------------------------------
# A word is (fragments, space_before); a fragment is (text, style), style r, b or i.


def _words(runs: list[tuple[str, str]], cjk: bool) -> list[tuple[list, bool]]:
    """Split styled runs into words; in Chinese every character is a word, except that runs of
    ASCII stay together and punctuation clings to its neighbour."""
    words: list[tuple[list, bool]] = []
    cur: list[list[str]] = []
    space = glue = False

    def flush():
        nonlocal cur, space
        if cur:
            words.append(([tuple(f) for f in cur], space))
            cur, space = [], False

    def reopen():
        nonlocal cur, space
        frags, space = words.pop()
        cur = [list(f) for f in frags]

    for text, style in runs:
        for ch in text:
            if ch.isspace():
                flush()
                space, glue = True, False
                continue
            if cjk:
                ascii_cur = bool(cur) and ord(cur[-1][0][-1]) < 128 and ord(ch) < 128
                if ch in CLOSING and not cur and words and not space:
                    reopen()
                elif not (glue or ascii_cur or ch in CLOSING):
                    flush()
            elif not cur and ch in ":;!?»" and words:  # French " :" stays with its word
                reopen()
                cur.append([" ", style])
            if cur and cur[-1][1] == style:
                cur[-1][0] += ch
            else:
                cur.append([ch, style])
            glue = ch in OPENING
    flush()
    return words


def _wwidth(word, fnt, size) -> float:
    return sum(_width(t, fnt[s], size) for t, s in word[0])


def _split(word, room: float, fnt, size):
    """Hyphenate a plain lower-case word so that its head plus "-" fits in ``room``."""
    if len(word[0]) != 1 or word[0][0][1] != "r":
        return None
    m = re.fullmatch(r"([^\W\d_]{7,})([.,;:!?»)]*)", word[0][0][0])
    if not m or not m.group(1)[0].islower():
        return None
    core = m.group(1)
    low = core.lower()
    for i in range(len(core) - 3, 2, -1):
        if (low[i] not in VOWELS and low[i] not in "ьъй" and low[i + 1] in VOWELS
                and (low[i - 1] in VOWELS or low[i - 2] in VOWELS)
                and _width(core[:i] + "-", fnt["r"], size) <= room):
            return (([(core[:i] + "-", "r")], word[1]), ([(core[i:] + m.group(2), "r")], False))
    return None


def _wrap(words, width, first, fnt, size, hyphenate):
    """Greedy wrap of words into lines (lists of words); first line ``first`` wide."""
    lines, cur, used, queue = [], [], 0.0, list(words)
    space = _width(" ", fnt["r"], size)
    while queue:
        word = queue.pop(0)
        limit = first if not lines else width
        gap = space if cur and word[1] else 0.0
        w = _wwidth(word, fnt, size)
        if not cur or used + gap + w <= limit:
            cur.append(word)
            used += gap + w
            continue
        parts = _split(word, limit - used - gap, fnt, size) if hyphenate else None
        if parts:
            cur.append(parts[0])
            queue.insert(0, parts[1])
        else:
            queue.insert(0, word)
        lines.append(cur)
        cur, used = [], 0.0
    if cur:
        lines.append(cur)
    return lines


# -- layout ------------------------------------------------------------------------------------


@dataclass
class _Line:
    page: int
    col: int
    x: float
    y: float
    words: list
    width: float
    justify: bool
    turn: int | None


class _Layout:
    """Places paragraphs' lines in two columns over pages, noting each turn's pages/columns."""

    def __init__(self, fnt, size, leading, rtl, cjk, hyphenate):
        self.fnt, self.size, self.leading = fnt, size, leading
        self.rtl, self.cjk, self.hyphenate = rtl, cjk, hyphenate
        self.lines: list[_Line] = []
        self.page, self.col, self.y = 1, 0, P1_TOP - size
        self.where: dict[int, list[tuple[int, int]]] = {}  # turn -> [(page, column)] of lines

    def next_column(self):
        if self.col == 0:
            self.col = 1
        else:
            self.page, self.col = self.page + 1, 0
        self.y = (P1_TOP if self.page == 1 else TOP) - self.size

    def paragraph(self, runs, *, indent=0.0, block=0.0, justify=True, keep=0, gap=None,
                  turn=None):
        lines = _wrap(_words(runs, self.cjk), COL_W - 2 * block, COL_W - 2 * block - indent,
                      self.fnt, self.size, self.hyphenate)
        bottom = P1_BOTTOM if self.page == 1 else BOTTOM
        if self.y - (len(lines[:2]) + keep - 1) * self.leading < bottom:
            self.next_column()  # a heading keeps with what follows; no lone first line
        for i, words in enumerate(lines):
            if self.y < (P1_BOTTOM if self.page == 1 else BOTTOM):
                self.next_column()
            width = COL_W - 2 * block - (indent if i == 0 else 0)
            left = LEFT + self.col * (COL_W + GUTTER) + block
            x = left if self.rtl else left + (indent if i == 0 else 0)
            self.lines.append(_Line(self.page, self.col, x, self.y, words, width,
                                    justify and i < len(lines) - 1, turn))
            if turn is not None:
                self.where.setdefault(turn, []).append((self.page, self.col))
            self.y -= self.leading
        self.y -= self.leading * 0.4 if gap is None else gap


def _layout(language, items, fnt, size, leading, hyphenate, label_style):
    lay = _Layout(fnt, size, leading, language == "ar", language == "zh", hyphenate)
    sep = "" if language == "zh" else " "
    turns = []
    for number, title, entries in items:
        lay.paragraph([(T.AGENDA_ITEM[language].format(n=number), "b")], justify=False,
                      keep=2, gap=leading * 0.2)
        lay.paragraph([(title, "b")], justify=False, keep=1)
        for entry in entries:
            if not isinstance(entry, Turn):
                lay.paragraph([(str(entry), "i")], block=18, justify=False)
                continue
            parts = label_parts(entry, language)
            style = {"name": "b", "aff": "r", "note": "i", "punct": "r"}
            runs = [(t, "b" if label_style == "bold" else style[p]) for t, p in parts]
            n = len(turns)
            turns.append((entry, number, "".join(t for t, _ in parts)))
            for k, para in enumerate(entry.paragraphs):
                lay.paragraph((runs + [(sep + para, "r")]) if k == 0 else [(para, "r")],
                              indent=18, turn=n)
    return lay, turns


# -- drawing -----------------------------------------------------------------------------------


def _draw_line(c, line, fnt, size, rtl, cjk, word_by_word):
    widths = [_wwidth(w, fnt, size) for w in line.words]
    space = 0.0 if cjk else _width(" ", fnt["r"], size)
    gaps = [space if (i and w[1]) else 0.0 for i, w in enumerate(line.words)]
    natural = sum(widths) + sum(gaps)
    x = line.x + (line.width - natural if rtl and not line.justify else 0)
    extra = line.width - natural if line.justify else 0.0
    if word_by_word:
        slots = len(line.words) - 1 if cjk else sum(1 for g in gaps if g)
        step = extra / slots if slots else 0.0
        for i, word in enumerate(line.words):
            x += gaps[i] + (step if i and (cjk or gaps[i]) else 0.0)
            _draw_frags(c, x, line.y, word[0], fnt, size, cjk)
            x += widths[i]
        return
    frags: list[tuple[str, str]] = []
    for i, word in enumerate(line.words):
        for text, style in ([(" ", word[0][0][1])] if gaps[i] else []) + list(word[0]):
            if frags and frags[-1][1] == style:
                frags[-1] = (frags[-1][0] + text, style)
            else:
                frags.append((text, style))
    t = c.beginText(x, line.y)
    if cjk:
        chars = sum(len(f[0]) for f in frags)
        t.setCharSpace(extra / (chars - 1) if extra and chars > 1 else 0)
    else:
        spaces = sum(f[0].count(" ") for f in frags)
        t.setWordSpace(extra / spaces if extra and spaces else 0)
    _frags_out(t, frags, fnt, size, cjk)
    c.drawText(t)


def _draw_frags(c, x, y, frags, fnt, size, cjk):
    t = c.beginText(x, y)
    _frags_out(t, frags, fnt, size, cjk)
    c.drawText(t)


def _frags_out(t, frags, fnt, size, cjk):
    for text, style in frags:
        _width(text, fnt[style], size)  # fails on characters the font lacks
        t.setFont(fnt[style], size)
        t.setTextRenderMode(2 if cjk and style == "b" else 0)
        t.textOut(text)


def _furniture(c, page, pages, language, symbol, session, meeting, date, job, fnt):
    organ, body, official, place, president = T.MASTHEAD[language]
    w, right = A4[0], A4[0] - LEFT
    job_line = f"{job} ({T.JOB_LETTER[language]})"

    def text(x, y, s, style="r", size=9.0, align="left"):
        c.setFont(fnt[style], size)
        _width(s, fnt[style], size)
        {"left": c.drawString, "right": c.drawRightString}[align](x, y, s)

    if page == 1:
        text(LEFT, 808, organ, "b", 11)
        text(LEFT, 788, body, "b", 16)
        text(LEFT, 772, session, "r", 10)
        text(right, 806, symbol, "b", 14, "right")
        text(right, 788, official, "r", 10, "right")
        c.line(LEFT, 762, right, 762)
        text(LEFT, 744, meeting, "b", 11)
        text(LEFT, 730, T.date_line(language, date), "r", 10)
        text(LEFT, 716, place, "r", 10)
        name, country = T.PRESIDENT_LINE[language]
        text(LEFT, 690, president, "i", 10)
        x0 = LEFT + max(80.0, _width(president, fnt["i"], 10) + 10)
        text(x0, 690, name, "r", 10)
        text(right, 690, country, "r", 10, "right")
        x0 += 8 + _width(name, fnt["r"], 10)
        x1 = right - 8 - _width(country, fnt["r"], 10)
        c.setFont(fnt["r"], 10)
        c.drawString(x0, 690, " ." * int((x1 - x0) / _width(" .", fnt["r"], 10)))
        c.rect(LEFT + 30, 72, w - 2 * LEFT - 60, 70)
        notice = _wrap(_words([(T.DISCLAIMER[language], "r")], language == "zh"),
                       w - 2 * LEFT - 80, w - 2 * LEFT - 80, fnt, 8, False)
        for i, words in enumerate(notice[:6]):
            line = ("" if language == "zh" else " ").join(
                "".join(t for t, _ in word[0]) for word in words)
            text(LEFT + 40, 130 - i * 10, line, "r", 8)
        text(LEFT, 50, job_line, "r", 9)
        text(LEFT, 38, "*" + job.replace("-", "") + "*", "r", 9)
        return
    even = page % 2 == 0
    stamp = date.strftime("%d/%m/%Y")
    text(LEFT, 810, symbol if even else stamp, "r", 9)
    text(right, 810, stamp if even else symbol, "r", 9, "right")
    c.line(LEFT, 804, right, 804)
    text(LEFT, 40, f"{page}/{pages}" if even else job_line, "r", 9)
    text(right, 40, job_line if even else f"{page}/{pages}", "r", 9, "right")


# -- records -----------------------------------------------------------------------------------


def _render(path, language, symbol, session, meeting, date, items, justify_word_by_word,
            hyphenate, label_style, font_size, leading, job):
    from reportlab.pdfgen import canvas

    if language not in T.LANGUAGES:
        raise ValueError(f"language must be one of {T.LANGUAGES}")
    fnt = fonts(language)
    leading = leading or round(font_size * 1.2, 2)
    lay, turns = _layout(language, items, fnt, font_size, leading, hyphenate, label_style)
    pages = lay.lines[-1].page if lay.lines else 1
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(f"{symbol} {T.MASTHEAD[language][1]}")
    for page in range(1, pages + 1):
        c.setLineWidth(0.35)  # also the stroke of Chinese "bold" (render mode 2)
        _furniture(c, page, pages, language, symbol, session or T.SESSION[language],
                   meeting or T.MEETING[language], date, job, fnt)
        for line in lay.lines:
            if line.page == page:
                _draw_line(c, line, fnt, font_size, language == "ar", language == "zh",
                           justify_word_by_word)
        c.showPage()
    c.save()
    return _write(path, buf.getvalue()), lay, turns, pages


def make_record(path: str | os.PathLike[str] | None = None, *, language: str = "en",
                symbol: str = "A/76/PV.102", session: str | None = None,
                meeting: str | None = None, date: datetime.date = datetime.date(2022, 9, 8),
                items=(), justify_word_by_word: bool = False, hyphenate: bool = True,
                label_style: str = "bold", font_size: float = 10.0,
                leading: float | None = None, job: str = "22-58466") -> bytes:
    """A two-column A4 verbatim record of ``items``: (agenda item number, title, entries), an
    entry being a ``Turn`` or a ``Note``.  ``session``/``meeting`` default to the language's
    words for the seventy-sixth session and the 102nd plenary meeting."""
    return _render(path, language, symbol, session, meeting, date, items, justify_word_by_word,
                   hyphenate, label_style, font_size, leading, job)[0]


def sample_turns(language: str) -> list[tuple[str, str, list]]:
    """The sample debate: agenda item 7 (two procedural turns of the President), then agenda
    item 128 (the responsibility to protect) with 12 turns ending on a right of reply."""
    items: dict[str, list] = {"7": [], R2P_ITEM: []}
    notes = T.NOTES[language]
    for key, item, role, spoke_in, reply, swapped, behalf, note in T.SAMPLE_TURNS:
        person, affiliation, paragraphs = T.SPEECHES[language][key]
        if note is not None:
            items[item].append(Note(notes[note]))
        items[item].append(Turn(person, affiliation, spoke_in, list(paragraphs), reply, role,
                                swapped and language == "en", behalf))
    items[R2P_ITEM].append(Note(notes[T.AFTER_LAST_NOTE]))
    return [("7", T.WORK_TITLE[language], items["7"]),
            (R2P_ITEM, T.R2P_TITLE[language], items[R2P_ITEM])]


def _shape_ok(lay, turns) -> bool:
    """Some state turn runs from the left into the right column of one page and some turn
    runs over a page break."""
    cross_col = cross_page = False
    for n, (turn, _item, _label) in enumerate(turns):
        spots = lay.where[n]
        pages = {p for p, _ in spots}
        cross_page |= len(pages) > 1
        cross_col |= bool(turn.affiliation and not turn.role) and any(
            (p, 0) in spots and (p, 1) in spots for p in pages)
    return cross_col and cross_page


def sample_record(language: str, path: str | os.PathLike[str] | None = None, *,
                  justify_word_by_word: bool = False, hyphenate: bool = True,
                  label_style: str = "bold") -> tuple[bytes, dict]:
    """The sample debate as a PDF and its ground truth: symbol, date, language, pages and per
    turn its number, the page its label is drawn on (noted while laying out), the label as
    printed, person (for the Chair the role as printed: "The President", "主席"),
    affiliation, delivered_in, agenda_item, reply, on_behalf_of and text_start (the first 80
    characters of the speech, whitespace collapsed).  The type size is the first of a few
    that gives the wanted shape (a state turn crossing columns, a turn crossing pages)."""
    items = sample_turns(language)
    for size, factor in ((10, 1.2), (10, 1.3), (10.5, 1.25), (9.5, 1.2), (11, 1.3), (9, 1.2),
                         (11.5, 1.35), (12, 1.4)):
        args = (None, language, "A/76/PV.102", None, None, datetime.date(2022, 9, 8), items,
                justify_word_by_word, hyphenate, label_style, size, size * factor, "22-58466")
        data, lay, turns, pages = _render(*args)
        if _shape_ok(lay, turns):
            break
    else:
        raise AssertionError(f"no type size gives the sample record's shape in {language}")
    truth = {"symbol": "A/76/PV.102", "date": "2022-09-08", "language": language,
             "pages": pages, "turns": []}
    for n, (turn, item, label) in enumerate(turns):
        speech = " ".join(" ".join(turn.paragraphs).split())
        truth["turns"].append({
            "turn": n + 1, "page": lay.where[n][0][0], "label": label,
            "person": T.LABELS[language][turn.role] if turn.role else turn.person,
            "affiliation": None if turn.role else turn.affiliation,
            "delivered_in": turn.spoke_in or language, "agenda_item": item,
            "reply": turn.reply, "on_behalf_of": turn.on_behalf_of, "text_start": speech[:80]})
    return _write(path, data), truth
