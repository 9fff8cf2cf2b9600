"""Small text helpers every stage uses: comparing words, and shortening text for one line.

* :func:`fold` is how two words are compared everywhere (the index, the query, the tables of
  names and labels): case, diacritics and Arabic marks do not count.
* :func:`one_line` is how any text is shown in a message, a cell or a label: whitespace
  collapsed, control and format characters dropped, cut at a limit with an ellipsis.

Only the standard library is imported here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic marks that do not change a word: harakat, Quranic annotation marks, superscript alef,
# tatweel (kashida).
AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
_AR_DROP = re.compile(f"[{AR_MARKS}]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي"})


def normalize_arabic(text: str) -> str:
    """Arabic text without harakat or tatweel, alef/hamza variants unified."""
    return _AR_DROP.sub("", text).translate(_AR_MAP)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without diacritics or Arabic marks (``Sécurité`` -> ``securite``,
    ``Русский`` -> ``русскии``, ``الإسبانية`` -> ``الاسبانية``)."""
    word = word.casefold()
    if word.isascii():
        return word
    word = normalize_arabic(word)
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def one_line(text: str, limit: int = 200) -> str:
    """``text`` on one line of at most ``limit`` characters: whitespace collapsed, control and
    format characters (bidi marks, zero-width spaces) dropped, cut with "…" when too long."""
    if not text:
        return ""
    text = "".join(
        ch if ch.isprintable() and unicodedata.category(ch) != "Cf" else " "
        for ch in text[: limit * 4]
    )
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
