"""Splitting a UN verbatim record into speaker turns.

Input: the record's text rows in reading order (``read_segments`` then ``remove_furniture``
of :mod:`r2p_archive.extract.pdf`: columns ordered, running headers, footers and page numbers
removed, each row with its leading run of bold text).  A turn starts at a row whose bold lead
is a speaker label (see :mod:`r2p_archive.pages.labels`); a label may run over two or three rows
(``Mr. Nebenzia (Russian Federation) (spoke in`` / ``Russian):``).  A bold ``Agenda item N``
row starts an agenda item, and the bold rows after it are the item's title.  The speech is
every row after the label up to the next label or heading, joined into paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING

from r2p_archive.pages.labels import Conventions, note_language, official_rank

if TYPE_CHECKING:
    from r2p_archive.extract.pdflayout import Row

_COLON = re.compile(r"\s*[:：]")
_PARENS_TAIL = re.compile(r"^\s*\(([^()]{1,160})\)")
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Archbishop|Monsignor|Msgr|Sheikh|"
    r"Prince|Princess|Cardinal|Judge|Professor|Prof|M|Mme|Mlle|Me|S\.E|Sr|Sra|Srta|Don|Doña|"
    r"Dña|Excmo|Г-н|Г-жа|Гн|Гжа)\b\.?\s*\S"
    r"|(?:先生|女士|夫人|小姐|阁下|大使)$"
    r"|^(?:السيد|السيدة|الآنسة|الدكتور|الدكتورة|صاحب|صاحبة)\s"
)
_MAX_PERSON_WORDS = 8
# "Mr. Garayev (Azerbaijan), Rapporteur of the" / "Third Committee: ..."
_ROLE_GOES_ON = re.compile(
    r"^[^():：]{1,80}\([^()]{1,120}\)(?:\s*\([^()]{1,80}\))?\s*(?:,[^:：]*)?$")
_MAX_LABEL = 220


@dataclass(frozen=True)
class Label:
    text: str  # the label as printed, through the colon
    person: str
    affiliation: str | None
    note_language: str | None  # from the interpretation note
    role: str | None
    official: bool  # a UN officer (President, Acting President, Secretary-General...)
    presiding: bool  # the presiding officer: procedural turns ("I now give the floor to...")


@dataclass
class Turn:
    number: int
    page: int
    label: Label
    agenda_item: str | None
    agenda_title: str | None
    rows: list = field(default_factory=list)  # (Segment, [Row]) pieces of the speech


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def parse_label(bold: str, conv: Conventions) -> Label | None:
    """A speaker label at the start of ``bold`` (text through the first colon), else None."""
    text = _nfkc(bold).strip()
    m = _COLON.search(text)
    if m is None or m.start() == 0 or m.start() > _MAX_LABEL:
        return None
    head = text[: m.start()].rstrip()
    label_text = " ".join(bold.strip()[: m.end()].split()) if len(bold) >= m.end() else head
    cut = head.find("(")
    person = (head if cut < 0 else head[:cut]).strip()
    rest = "" if cut < 0 else head[cut:]
    parens: list[str] = []
    while rest:
        pm = _PARENS_TAIL.match(rest)
        if pm is None:
            break
        parens.append(" ".join(pm.group(1).split()))
        rest = rest[pm.end():]
    role = None
    rest = rest.strip()
    if rest:
        if not rest.startswith(","):
            return None
        role = " ".join(rest[1:].split()) or None
    if cut < 0 and "," in person:
        person, _, role = (" ".join(p.split()) for p in person.partition(","))
    person = " ".join(person.split())
    if not person or not any(ch.isalpha() for ch in person) or person[0].islower():
        return None
    if len(person.split()) > _MAX_PERSON_WORDS:
        return None
    delivered = None
    affiliation = None
    for part in parens:
        lang = note_language(part, conv)
        if lang is not None and delivered is None:
            delivered = lang
        elif affiliation is None:
            affiliation = part
        else:
            return None
    rank = official_rank(person, conv)
    if rank is None and affiliation is None and not _HONORIFIC.search(person):
        return None  # a bold heading that happens to end with a colon
    return Label(label_text, person, affiliation, delivered, role, rank is not None,
                 rank is not None and rank < conv.presiding)


def _agenda(row_bold: str, conv: Conventions) -> str | None:
    m = conv.agenda_item.match(_nfkc(row_bold).strip())
    return m.group(1) if m else None


def _whole_bold(row: Row) -> bool:
    return bool(row.bold) and len(row.bold) >= len(row.text.rstrip()) - 1


def _bold_person(bold: str, label: Label) -> bool:
    """The bold lead covers the person's name and does not run past the label."""
    lead = " ".join(_nfkc(bold).split())
    person = " ".join(_nfkc(label.person).split())
    return lead.startswith(person[: max(1, len(person) - 1)]) and len(lead) <= len(
        " ".join(_nfkc(label.text).split())) + 1


def _open_parens(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _label_at(rows: list, i: int, conv: Conventions) -> tuple[Label, int, str] | None:
    """The label starting at row ``i``: (label, rows it spans, the speech text after it).

    Only the name is bold in most records (``**Mr. Kimani** (Kenya):``); the parentheses and
    the colon may be bold too.  A label cut by the end of the line
    (``**Mr. Kuzmin** (Russian Federation) (spoke in`` / ``Russian): ...``) goes on in the
    next row.
    """
    row = rows[i][1]
    if not row.bold:
        return None
    text = row.text
    bold = row.bold
    span = 1
    while True:
        label = parse_label(text, conv)
        if label is not None:
            break
        head = text.split(":", 1)[0].split("：", 1)[0]
        if span >= 3 or i + span >= len(rows) or not (
                _open_parens(head) or _ROLE_GOES_ON.match(head) or (
                _whole_bold(rows[i + span - 1][1]) and ":" not in text)):
            return None
        nxt = rows[i + span][1]
        if nxt.bold and (parse_label(nxt.text, conv) or _agenda(nxt.bold, conv)):
            return None
        text = f"{text} {nxt.text}"
        if _whole_bold(rows[i + span - 1][1]):
            bold = f"{bold} {nxt.bold}"
        span += 1
    if not _bold_person(bold, label):
        return None
    m = _COLON.search(_nfkc(text))
    rest = text[m.end():] if m else ""
    return label, span, rest.strip()


def _join_baselines(rows: list) -> list:
    """Rows of one segment that share a baseline, as one row (a justified line that the PDF
    draws word group by word group, too far apart for the row builder to join)."""
    out: list = []
    for seg, row in rows:
        if out and out[-1][0] is seg and abs(out[-1][1].ymid - row.ymid) < 0.3 * row.h \
                and row.x0 > out[-1][1].x1:
            prev = out[-1][1]
            bold = prev.bold
            if _whole_bold(prev) and row.bold:
                bold = f"{prev.bold} {row.bold}"
            out[-1] = (seg, dc_replace(prev, text=f"{prev.text} {row.text}", x1=row.x1,
                                       bold=bold))
        else:
            out.append((seg, row))
    return out


def split_turns(rows: list, conv: Conventions) -> list[Turn]:
    """Speaker turns of a record, in reading order.

    ``rows``: ``(segment, row)`` pairs in reading order, page furniture removed.
    """
    rows = _join_baselines(rows)
    turns: list[Turn] = []
    item: str | None = None
    title: str | None = None
    current: Turn | None = None
    i = 0
    while i < len(rows):
        seg, row = rows[i]
        number = _agenda(row.bold, conv) if row.bold else None
        if number is not None:
            item, title, current = number, None, None
            parts = []
            j = i + 1
            while j < len(rows) and _whole_bold(rows[j][1]) and _label_at(rows, j, conv) is None:
                parts.append(rows[j][1].text)
                j += 1
            title = " ".join(parts) or None
            i = j
            continue
        found = _label_at(rows, i, conv) if row.bold else None
        if found is not None:
            label, span, first = found
            last_seg, last = rows[i + span - 1]
            current = Turn(len(turns) + 1, seg.page, label, item, title)
            if first:
                current.rows.append((last_seg, [dc_replace(last, text=first, bold="")]))
            turns.append(current)
            i += span
            continue
        if current is not None:
            if current.rows and current.rows[-1][0] is seg:
                current.rows[-1][1].append(row)
            else:
                current.rows.append((seg, [row]))
        i += 1
    return turns
