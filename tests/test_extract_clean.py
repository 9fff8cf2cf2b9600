"""Text cleaning and language detection, on strings."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from r2p_archive.extract import clean, detect_language


def test_normalize_chars_ligatures_spaces_and_nfc():
    raw = "e\ufb00ort \ufb01nal \ufb02ow o\ufb03ce\u00a0a\u2009b\u202fc\u200bd e\u0301t\u00e9"
    assert clean.normalize_chars(raw) == "effort final flow office a b cd \u00e9t\u00e9"


def test_arabic_presentation_forms_become_letters():
    # "سلام" written with presentation forms, as PDFs often carry it
    assert clean.normalize_chars("\ufeb3\ufee0\ufe8e\ufee1") == "سلام"


def test_finish_paragraphs():
    assert clean.finish(["  One\u00ad line ", "", "Two\tlines\nhere"]) == "One line\n\nTwo lines here\n"
    assert clean.finish([]) == ""


@pytest.mark.parametrize("lines,expected", [
    (["the preven-", "tion of atrocities"], "the prevention of atrocities"),
    (["a well-", "known rule"], "a well-known rule"),
    (["self-", "determination"], "self-determination"),
    (["Timor-", "Leste"], "Timor-Leste"),
    (["the 2019-", "2020 session"], "the 2019-2020 session"),
    (["a follow-", "up meeting"], "a follow-up meeting"),
    (["soft\u00ad", "hyphen"], "softhyphen"),
    (["ends with a dash -", "then more"], "ends with a dash - then more"),
    (["two  spaces", "  and more  "], "two spaces and more"),
    (["安理会必须", "及早采取行动"], "安理会必须及早采取行动"),
])
def test_join_lines(lines, expected):
    assert clean.join_lines(lines) == expected


def test_dehyphenation_uses_the_document_vocabulary():
    doc = ["the peace-", "keeping budget", "and a second mention of peace-keeping here"]
    assert clean.join_lines(doc[:2], clean.Dehyphenator(doc)) == "the peace-keeping budget"
    doc = ["the peace-", "keeping budget", "and the peacekeeping mission"]
    assert clean.join_lines(doc[:2], clean.Dehyphenator(doc)) == "the peacekeeping budget"
    # "ever" and "growing" are both words of the document: keep the hyphen
    doc = ["an ever-", "growing need", "ever since the growing crisis"]
    assert clean.join_lines(doc[:2], clean.Dehyphenator(doc)) == "an ever-growing need"


@pytest.mark.parametrize("line,expected", [
    ("Check against delivery", True),
    ("(Please check against delivery)", True),
    ("CHECK AGAINST DELIVERY", True),
    ("Seul le prononcé fait foi", True),
    ("Vérifier au prononcé", True),
    ("Cotéjese con el discurso pronunciado", True),
    ("We check against delivery every time", False),
])
def test_delivery_note(line, expected):
    assert clean.is_delivery_note(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("3", True), ("- 3 -", True), ("Page 3", True), ("Page 3 of 7", True), ("3/65", True),
    ("página 2 de 4", True), ("3 people", False), ("Article 3 of the Charter", False),
])
def test_page_number(line, expected):
    assert clean.is_page_number(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("S/PV.8699", True), ("A/74/PV.12", True), ("20-00676 (E)", True), ("*2000676*", True),
    ("S/PV.8699 is a record", False), ("Security Council", False),
])
def test_symbol(line, expected):
    assert clean.is_symbol(line) is expected


def test_repeated_keys_ignore_digits():
    pages = [["Page 1 of 3", "Mission of Arcadia", "Opening words"],
             ["Page 2 of 3", "Mission of Arcadia"],
             ["Page 3 of 3", "Mission of Arcadia", "Closing words"]]
    assert clean.repeated_keys(pages) == {"page # of #", "mission of arcadia"}


def test_split_paragraphs():
    assert clean.split_paragraphs("a first\nline\n\n\n  second  \r\n") == ["a first line", "second"]


EN = ("The Council must act early to protect civilians, and every State must honour the "
      "commitments made at the World Summit.")
ES = ("El Consejo debe actuar a tiempo para proteger a la población civil, y cada Estado debe "
      "cumplir los compromisos asumidos en la Cumbre Mundial.")
FR = ("Le Conseil doit agir tôt pour protéger les civils, et chaque État doit honorer les "
      "engagements pris lors du Sommet mondial.")
RU = ("Совет должен действовать своевременно, чтобы защитить мирное население, и каждое "
      "государство должно выполнять свои обязательства.")
AR = "يجب على المجلس أن يتصرف مبكرا لحماية المدنيين، وعلى كل دولة أن تفي بالتزاماتها."
ZH = "安理会必须及早采取行动保护平民，每个国家都必须履行在世界首脑会议上作出的承诺。"


@pytest.mark.parametrize("text,code", [(EN, "en"), (ES, "es"), (FR, "fr"), (RU, "ru"),
                                       (AR, "ar"), (ZH, "zh")])
def test_detect_single_language(text, code):
    assert detect_language(text, [code]) == (code, [code], False)


def test_detect_bilingual_main_first():
    text = "\n\n".join([EN, EN, ES])
    assert detect_language(text, ["en", "es"]) == ("en", ["en", "es"], False)


def test_small_share_is_not_listed():
    text = "\n\n".join([EN] * 5 + [FR])
    assert detect_language(text, []) == ("en", ["en"], False)


def test_disagreement_with_hint():
    assert detect_language(FR, ["English"]) == ("fr", ["fr"], True)
    assert detect_language(FR, ["eng", "fra"]) == ("fr", ["fr"], False)


def test_short_text_falls_back_to_hint():
    assert detect_language("Thank you.", ["ES"]) == ("es", ["es"], False)
    assert detect_language("", []) == (None, [], False)


# -- properties ------------------------------------------------------------------------------


_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_line, max_size=5), max_size=6))
def test_finish_output_shape(paragraph_lines):
    text = clean.finish(clean.join_lines(lines) for lines in paragraph_lines)
    if not text:
        return
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert unicodedata.is_normalized("NFC", text)
    for para in text[:-1].split("\n\n"):
        assert para and para == para.strip() and "\n" not in para and "  " not in para
        assert "\u00a0" not in para and "\u00ad" not in para


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-zéñ]{1,8}(?:[ -][A-Za-zéñ]{1,8}){0,4}-?", fullmatch=True),
                min_size=1, max_size=6))
def test_join_lines_keeps_every_letter(lines):
    joined = clean.join_lines(lines)
    letters = "".join(ch for ch in "".join(lines) if ch.isalpha())
    assert "".join(ch for ch in joined if ch.isalpha()) == letters
