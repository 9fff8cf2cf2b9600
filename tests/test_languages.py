"""The one table of languages (r2p_archive.languages) and the helpers of r2p_archive.text."""

from __future__ import annotations

import pytest

from r2p_archive import languages
from r2p_archive.pages.labels import CONVENTIONS, note_language
from r2p_archive.pages.notes import languages_of
from r2p_archive.text import fold, one_line


@pytest.mark.parametrize(("word", "code"), [
    ("English", "en"), ("anglais", "en"), ("Inglés", "en"), ("ingles", "en"),
    ("английски", "en"), ("英语", "en"), ("الإنكليزية", "en"), ("بالانكليزية", "en"),
    ("FRANÇAIS", "fr"), ("francés", "fr"), ("французски", "fr"), ("法语", "fr"),
    ("español", "es"), ("Castellano", "es"), ("espagnol", "es"), ("испански", "es"),
    ("Русский", "ru"), ("russe", "ru"), ("俄语", "ru"), ("الروسية", "ru"),
    ("汉语", "zh"), ("chinois", "zh"), ("китайски", "zh"),
    ("العربية", "ar"), ("árabe", "ar"), ("арабски", "ar"),
    ("Deutsch", "de"), ("português", "pt"), ("Kiswahili", "sw"),
])
def test_names_in_every_un_language(word, code):
    assert languages.by_name(word) == code


@pytest.mark.parametrize(("hint", "code"), [
    ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("eng", "en"), ("fre", "fr"),
    ("fra", "fr"), ("zho", "zh"), ("chi", "zh"), ("dut", "nl"), ("Spanish", "es"),
    ("español", "es"), ("", None), (None, None), ("xyz", None), ("Klingon", None),
])
def test_code_of_hints(hint, code):
    assert languages.code_of(hint) == code


def test_first_code_skips_unrecognisable_hints():
    assert languages.first_code(["", "Klingon", None, "FR", "es"]) == "fr"
    assert languages.first_code([]) is None


def test_un_languages_have_a_file_letter_a_pack_and_record_conventions():
    assert languages.UN_LANGUAGES == ("en", "fr", "es", "ru", "zh", "ar")
    assert tuple(CONVENTIONS) == languages.UN_LANGUAGES
    assert [languages.of_un_letter(x) for x in "EFSRCAe"] == [
        "en", "fr", "es", "ru", "zh", "ar", "en"]
    assert languages.of_un_letter("X") is None
    assert [languages.tesseract_pack(c) for c in languages.UN_LANGUAGES] == [
        "eng", "fra", "spa", "rus", "chi_sim", "ara"]
    assert languages.tesseract_pack(None) is None
    assert languages.gettext_locale("en") is None
    assert languages.gettext_locale("zh") == "zh_CN"


def test_no_name_names_two_languages():
    seen: dict[str, str] = {}
    for lang in languages.LANGUAGES.values():
        for name in lang.names:
            assert seen.setdefault(fold(name), lang.code) == lang.code, name


def test_detectable_languages_exclude_those_lingua_is_not_asked_about():
    assert "ja" not in languages.DETECTABLE
    assert set(languages.UN_LANGUAGES) <= set(languages.DETECTABLE)


@pytest.mark.parametrize(("lang", "note", "code"), [
    ("en", "spoke in French", "fr"), ("fr", "parle en anglais", "en"),
    ("es", "habla en inglés", "en"), ("ru", "говорит по-английски", "en"),
    ("zh", "以英语发言", "en"), ("ar", "تكلم بالإنكليزية", "en"), ("en", "spoke in Klingon", None),
])
def test_record_interpretation_notes_use_the_table(lang, note, code):
    assert note_language(note, CONVENTIONS[lang]) == code


@pytest.mark.parametrize(("text", "codes"), [
    ("in Spanish", ["es"]), ("English and Spanish", ["en", "es"]), ("en español", ["es"]),
    ("(EN / FR)", ["en", "fr"]), ("French version", ["fr"]), ("in the end", None),
    ("es", None), ("ENG", ["en"]), ("eng/fre", ["en", "fr"]), ("por", ["pt"]), ("xyz", None),
])
def test_page_language_notes_use_the_table(text, codes):
    assert languages_of(text) == codes


@pytest.mark.parametrize(("text", "limit", "shown"), [
    ("  a\n\tb  ", 200, "a b"),
    ("x" * 10, 10, "x" * 10),
    ("x" * 11, 10, "x" * 9 + "…"),
    ("word " * 5, 12, "word word w…"),
    ("a\u200bb\u202ec", 200, "a b c"),
    ("", 5, ""),
])
def test_one_line(text, limit, shown):
    assert one_line(text, limit) == shown
    assert len(one_line(text, limit)) <= limit


def test_fold_compares_case_accents_and_arabic_marks_alike():
    assert fold("Sécurité") == fold("SECURITE") == "securite"
    assert fold("Русский") == "русскии"
    assert fold("الإسبانية") == fold("الاسبانية")
    assert fold("حَقّ") == "حق"
