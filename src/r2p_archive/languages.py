"""The languages statements come in, in one table: codes, names, and what each stage needs.

Every part of the archive that meets a language asks here: a page's note "(en español)",
a UN record's interpretation note "(parle en anglais)" or file letter (``A_76_PV.102_F.pdf``),
an extractor's hint ``"ENG"``, the language detector's candidates, Tesseract's packs, the
translations of country names, and a user's ``--language fra``.  Codes are ISO 639-1; a
language outside this table is still accepted by filters through pycountry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from r2p_archive.text import fold


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    alpha3: tuple[str, ...]  # ISO 639-2/T, then 639-2/B when it differs
    # what a statement, a note or a user calls it: in English, in itself, in the other UN
    # languages (the Russian adverb of "говорит по-русски" too) and in German; compared folded
    names: tuple[str, ...]
    tesseract: str  # the Tesseract language pack
    un_letter: str = ""  # the letter of UN document file names (A_76_PV.102_F.pdf); UN only
    gettext: str = ""  # pycountry's locale of ISO 3166 country names; UN languages but English
    detect: bool = True  # whether language detection may answer with it


_TABLE = (
    Language("en", ("eng",), ("English", "anglais", "inglés", "Englisch", "английский",
                              "английски", "英语", "英文", "الإنكليزية", "الإنجليزية",
                              "بالإنكليزية"), "eng", "E"),
    Language("fr", ("fra", "fre"), ("French", "français", "française", "francés",
                                    "Französisch", "французский", "французски", "法语", "法文",
                                    "الفرنسية"), "fra", "F", "fr"),
    Language("es", ("spa",), ("Spanish", "español", "castellano", "espagnol", "Spanisch",
                              "испанский", "испански", "西班牙语", "西班牙文", "الإسبانية"),
             "spa", "S", "es"),
    Language("ru", ("rus",), ("Russian", "русский", "русски", "russe", "ruso", "Russisch",
                              "俄语", "俄文", "الروسية"), "rus", "R", "ru"),
    Language("zh", ("zho", "chi"), ("Chinese", "中文", "汉语", "chinois", "chino", "Chinesisch",
                                    "китайский", "китайски", "الصينية"), "chi_sim", "C", "zh_CN"),
    Language("ar", ("ara",), ("Arabic", "العربية", "arabe", "árabe", "Arabisch", "арабский",
                              "арабски", "阿拉伯语", "阿拉伯文"), "ara", "A", "ar"),
    Language("pt", ("por",), ("Portuguese", "português", "portugais", "portugués",
                              "Portugiesisch"), "por"),
    Language("de", ("deu", "ger"), ("German", "Deutsch", "allemand", "alemán"), "deu"),
    Language("it", ("ita",), ("Italian", "italiano", "italien", "Italienisch"), "ita"),
    Language("nl", ("nld", "dut"), ("Dutch", "Nederlands", "néerlandais", "neerlandés",
                                    "Niederländisch"), "nld"),
    Language("ja", ("jpn",), ("Japanese", "japonais", "japonés", "Japanisch"), "jpn",
             detect=False),
    Language("sw", ("swa",), ("Swahili", "Kiswahili"), "swa", detect=False),
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in _TABLE}
UN_LANGUAGES = tuple(lang.code for lang in _TABLE if lang.un_letter)  # en fr es ru zh ar
DETECTABLE = tuple(lang.code for lang in _TABLE if lang.detect)

_BY_NAME = {fold(name): lang.code for lang in _TABLE for name in lang.names}
_BY_ALPHA3 = {a3: lang.code for lang in _TABLE for a3 in lang.alpha3}
_BY_LETTER = {lang.un_letter: lang.code for lang in _TABLE if lang.un_letter}


def by_name(word: str) -> str | None:
    """The code of a language named ``word`` in any case, with or without accents
    ("Español", "espanol", "anglais", "французски", "الانكليزية"), else None."""
    return _BY_NAME.get(fold(word.strip()))


def code_of(value: str | None) -> str | None:
    """The ISO 639-1 code of a hint: a two-letter code ("EN", "en-GB", "pt_BR": any, as
    given), a three-letter code of this table ("eng", "fre") or a name ("English",
    "español"); None when it is none of them."""
    if not value:
        return None
    head = value.strip().casefold().replace("_", "-").split("-")[0]
    if re.fullmatch(r"[a-z]{2}", head):
        return head
    return of_alpha3(head) or by_name(value)


def of_alpha3(code: str) -> str | None:
    """The ISO 639-1 code of a three-letter code of this table ("fra", "fre"), else None."""
    return _BY_ALPHA3.get(code.strip().casefold())


def first_code(hints: Iterable[str | None]) -> str | None:
    """The code of the first recognisable hint (see :func:`code_of`), else None."""
    return next((code for code in map(code_of, hints) if code), None)


def of_un_letter(letter: str) -> str | None:
    """The language of a UN file-name letter (E F S R C A), else None."""
    return _BY_LETTER.get(letter.upper())


def tesseract_pack(code: str | None) -> str | None:
    """Tesseract's pack for a language code ("fr" -> "fra"), else None."""
    lang = LANGUAGES.get(code or "")
    return lang.tesseract if lang else None


def gettext_locale(code: str) -> str | None:
    """pycountry's locale for country names in ``code`` (None for English and the rest)."""
    lang = LANGUAGES.get(code)
    return lang.gettext or None if lang else None
