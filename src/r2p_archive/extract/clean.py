"""Text cleaning shared by every extractor.

Everything here works on plain strings and small line records, so it is cheap to import and
easy to test: character normalisation (ligatures, odd spaces, soft hyphens, NFC), joining the
lines of a paragraph (with de-hyphenation), and recognising page furniture (running headers and
footers, page numbers, "Check against delivery").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# -- characters --------------------------------------------------------------------------------

SOFT_HYPHEN = "\u00ad"

# Spaces that should read as an ordinary space.
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
             "\u200a\u202f\u205f\u3000\t\x0b\x0c"),
    " ",
)
# Invisible characters with no meaning in extracted text.
_DROP = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\ufffe"), None)
# C0/C1 control characters except newline.
_CONTROLS = dict.fromkeys([c for c in range(0x20) if c != 0x0A] + list(range(0x7F, 0xA0)), None)
_CONTROLS[0x09] = " "
_TRANSLATE = {**_CONTROLS, **_SPACES, **_DROP}

# Presentation forms: Latin ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ), Hebrew and Arabic presentation forms.
# PDFs often carry them; their compatibility decomposition is the text a reader means.
_PRESENTATION = re.compile("[\ufb00-\ufdff\ufe70-\ufefe]")
_CID = re.compile(r"\(cid:\d+\)")
_HYPHENS = "-\u2010\u2011"
_CJK = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def normalize_chars(text: str) -> str:
    """Ligatures expanded, odd spaces made plain, invisible and control characters dropped, NFC.

    Soft hyphens are kept here (they mark hyphenation points that :func:`join_lines` uses);
    :func:`finish` removes the ones left inside words.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TRANSLATE)
    text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return unicodedata.normalize("NFC", text)


def strip_cid(text: str) -> str:
    """Remove pdfminer's ``(cid:N)`` placeholders for glyphs without a Unicode mapping."""
    return _CID.sub("", text)


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


# -- de-hyphenation ----------------------------------------------------------------------------

# First parts after which a line-end hyphen is a real hyphen ("self-determination").
_KEEP_AFTER = frozenset(
    """self non well ever so ex all half long short full high low cross far
    wide two three four five ten multi""".split()
)
_WORD_END = re.compile(r"(\w+)[" + _HYPHENS + r"]$")
_WORD_START = re.compile(r"^(\w+)")


def _vocabulary(lines: Iterable[str]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds that occur inside lines (not split over a line end)."""
    words: set[str] = set()
    compounds: set[str] = set()
    after_hyphen = False
    for line in lines:
        tokens = line.split()
        if after_hyphen:
            tokens = tokens[1:]  # the second half of a split word is no evidence
        after_hyphen = bool(tokens) and tokens[-1].endswith((*_HYPHENS, SOFT_HYPHEN))
        if after_hyphen:
            tokens = tokens[:-1]
        for token in tokens:
            token = token.strip(".,;:!?()[]\"'«»“”‘’").casefold()
            if not token:
                continue
            if "-" in token[1:-1]:
                compounds.add(token)
                words.update(p for p in token.split("-") if p)
            else:
                words.add(token.strip("-"))
    return words, compounds


class Dehyphenator:
    """Decides whether ``preven-`` + ``tion`` is one word or a hyphenated compound.

    The document is its own dictionary: when the joined word occurs elsewhere in it, join; when
    the hyphenated compound occurs elsewhere, keep the hyphen.  Otherwise keep the hyphen when the
    second part starts with a capital or a digit ("Timor-Leste", "2019-2020"), when the first
    part is a prefix usually written with a hyphen ("self-", "non-", "well-"), or when both
    parts are words the document uses on their own ("ever" + "growing"), or when the second
    part has fewer than three letters ("follow-up", "head-on"); else join, which is what a
    layout engine's hyphenation needs.
    """

    def __init__(self, lines: Iterable[str] = ()):
        self.words, self.compounds = _vocabulary(lines)

    def joined(self, left: str, right: str) -> str:
        """``left`` ends with a hyphen (a line end); ``right`` is the next line."""
        if left.endswith(SOFT_HYPHEN):
            return left[:-1] + right
        m1 = _WORD_END.search(left)
        m2 = _WORD_START.match(right)
        if not m1 or not m2:
            return left + right if left.endswith(tuple(_HYPHENS)) else f"{left} {right}"
        first, second = m1.group(1), m2.group(1)
        if self.keep_hyphen(first, second):
            return left[:-1] + "-" + right
        return left[:-1] + right

    def keep_hyphen(self, first: str, second: str) -> bool:
        a, b = first.casefold(), second.casefold()
        if a + b in self.words:
            return False
        if f"{a}-{b}" in self.compounds:
            return True
        if second[0].isupper() or second[0].isdigit() or first[-1].isdigit():
            return True
        if a in _KEEP_AFTER or len(b) <= 2:  # engines leave at least 3 letters: "follow-up"
            return True
        return len(a) > 1 and a in self.words and b in self.words


def join_lines(lines: Sequence[str], dehyphenator: Dehyphenator | None = None) -> str:
    """The lines of one paragraph as one line: spaces collapsed, hyphenated words rejoined."""
    dh = dehyphenator or Dehyphenator(lines)
    out = ""
    for raw in lines:
        line = collapse_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(SOFT_HYPHEN) or (
            out[-1] in _HYPHENS and len(out) > 1 and out[-2].isalnum()
        ):
            out = dh.joined(out, line)
        elif _CJK.match(out[-1]) and _CJK.match(line[0]):
            out += line  # Chinese and Japanese put no space between words
        else:
            out = f"{out} {line}"
    return out


def finish(paragraphs: Iterable[str]) -> str:
    """Paragraphs as the stored text: NFC, one blank line between paragraphs, final newline."""
    clean = []
    for para in paragraphs:
        para = normalize_chars(para).replace(SOFT_HYPHEN, "")
        para = collapse_spaces(para)
        if para:
            clean.append(para)
    return "\n\n".join(clean) + "\n" if clean else ""


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of ``text``, each block's lines joined with a space."""
    text = normalize_chars(text)
    blocks = re.split(r"\n\s*\n", text)
    return [p for p in (join_lines(b.split("\n")) for b in blocks) if p]


# -- page furniture ----------------------------------------------------------------------------

_DELIVERY = re.compile(
    r"^\W*(?:please\s+)?check\s+against\s+(?:the\s+)?delivery\W*$"
    r"|^\W*(?:à\s+)?v[ée]rifier\s+au\s+prononc[ée]\W*$"
    r"|^\W*seul\s+(?:le\s+)?(?:texte\s+)?prononc[ée]\s+fait\s+foi\W*$"
    r"|^\W*(?:cot[eé]jese|cotejar|verificar)\s+(?:con|contra)\s+(?:el\s+|la\s+)?"
    r"(?:discurso|texto|versi[oó]n|lectura)(?:\s+pronunciad[oa])?\W*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^\W*(?:(?:page|p\.|pág\.?|página|seite|стр\.?)\s*)?\d{1,4}"
    r"(?:\s*(?:/|of|de|sur|von|из)\s*\d{1,4})?\W*$",
    re.IGNORECASE,
)
# UN document symbols ("S/PV.8699", "A/74/PV.12"), job numbers ("20-00676 (E)") and barcodes.
_SYMBOL = re.compile(
    r"^(?:[A-Z]{1,5}(?:/[A-Z0-9.\-]+)+|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{5,}\*)$"
)


def is_delivery_note(line: str) -> bool:
    """"Check against delivery" and its French and Spanish equivalents, alone on a line."""
    return bool(_DELIVERY.match(line.strip()))


def is_page_number(line: str) -> bool:
    """A lone page number: "3", "- 3 -", "Page 3", "Page 3 of 7", "3/65"."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_symbol(line: str) -> bool:
    """A document symbol, UN job number or barcode text alone on a line."""
    return bool(_SYMBOL.match(collapse_spaces(line)))


def furniture_key(line: str) -> str:
    """The form under which repeated headers/footers are compared (digits do not count)."""
    return re.sub(r"\d+", "#", collapse_spaces(line).casefold())


def repeated_keys(pages: Sequence[Iterable[str]], share: float = 0.4) -> set[str]:
    """Keys of lines that occur on at least two pages and on at least ``share`` of the pages.

    ``pages`` gives, for each page, its candidate lines (those near the top or bottom edge).
    """
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {furniture_key(line) for line in lines if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, share * len(pages))
    return {key for key, n in counts.items() if n >= need}
