"""The synthetic verbatim records of tests/recordgen.py, read back with pdfminer.six alone."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage
from recordgen import A4, Note, Turn, body_band, make_record, sample_record, sample_turns

LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"]


def _chars(obj):
    if isinstance(obj, LTChar):
        yield obj
    elif not isinstance(obj, str) and hasattr(obj, "__iter__"):
        for child in obj:
            yield from _chars(child)


@cache
def _read(data: bytes, cjk: bool) -> list[list[tuple[str, str | None]]]:
    """Each page's body as (character, font name) in reading order: left column then right,
    lines top down; a space (font None) where words are apart; hyphenated line ends joined
    (also over a page break: a page's text starts with the end of a word hyphenated on the
    page before)."""
    pages: list[list[tuple[str, str | None]]] = []
    out: list[tuple[str, str | None]] = []
    for number, page in enumerate(extract_pages(io.BytesIO(data)), 1):
        assert isinstance(page, LTPage)
        low, high = body_band(number)
        columns: list[dict[float, list[LTChar]]] = [{}, {}]
        for ch in _chars(page):
            if low <= ch.y0 <= high and ch.get_text().strip():
                col = 0 if (ch.x0 + ch.x1) / 2 < A4[0] / 2 else 1
                columns[col].setdefault(round(ch.y0, 1), []).append(ch)
        start = None
        for col in columns:
            for y in sorted(col, reverse=True):
                line = sorted(col[y], key=lambda c: c.x0)
                if out and out[-1][0] == "-" and line[0].get_text().islower():
                    out.pop()  # a word hyphenated at the line end
                elif out and not cjk:
                    out.append((" ", None))
                start = len(out) if start is None else start
                for i, ch in enumerate(line):
                    if i and not cjk and ch.x0 - line[i - 1].x1 > ch.size * 0.15:
                        out.append((" ", None))
                    out.append((ch.get_text(), ch.fontname))
        pages.append(out[len(out) if start is None else start:])
    pages.append(out)  # and last, the whole text
    return pages


def _norm(text: str, cjk: bool) -> str:
    return re.sub(r"\s+", "" if cjk else " ", text).strip()


def _find(page, needle: str) -> list[tuple[str, str | None]] | None:
    text = "".join(c for c, _ in page)
    at = text.find(needle)
    return page[at:at + len(needle)] if at >= 0 else None


@cache
def _sample(language: str, **kwargs):
    return sample_record(language, **kwargs)


@pytest.mark.parametrize("word_by_word", [False, True])
@pytest.mark.parametrize("language", LANGUAGES)
def test_sample_record_reads_back(language, word_by_word):
    data, truth = _sample(language, justify_word_by_word=word_by_word)
    cjk = language == "zh"
    *pages, everywhere = _read(data, cjk)
    assert len(pages) == truth["pages"] >= 2
    assert len(truth["turns"]) == 14
    for turn in truth["turns"]:
        label, start = _norm(turn["label"], cjk), _norm(turn["text_start"], cjk)
        joint = label + ("" if cjk else " ") + start[:20]
        found = _find(pages[turn["page"] - 1], joint)
        assert found, f"turn {turn['turn']} {joint!r} not on page {turn['page']}"
        for ch, font in found[:len(label)]:
            assert font is None or "Bold" in font, (turn["turn"], ch, font)
        for ch, font in found[len(label) + 1:]:
            assert font is None or "Bold" not in font, (turn["turn"], ch, font)
        assert _find(everywhere, start), f"turn {turn['turn']}: {start!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_sample_record_shape(language):
    _data, truth = _sample(language)
    turns = truth["turns"]
    assert [t["agenda_item"] for t in turns] == ["7"] * 2 + ["128"] * 12
    assert [t["delivered_in"] for t in turns] == (
        ["en"] * 6 + ["zh", "fr", "en", "es", "ru", "ar", "en", "en"])
    assert [t["reply"] for t in turns][-1] is True and sum(t["reply"] for t in turns) == 1
    assert turns[5]["on_behalf_of"] == "European Union"
    assert turns[3]["affiliation"] is None and turns[3]["person"]
    notes = [t for t in turns if t["delivered_in"] != language and t["affiliation"]]
    assert notes and all(t["label"].count("(") + t["label"].count("（") == 2 for t in notes)
    for t in turns:
        if t["delivered_in"] == language:
            assert t["label"].count("(") + t["label"].count("（") <= 1, t["label"]
    assert [t["page"] for t in turns] == sorted(t["page"] for t in turns)
    assert turns[-1]["page"] == truth["pages"]


def test_label_conventions():
    labels = {lang: [t["label"] for t in _sample(lang)[1]["turns"]] for lang in LANGUAGES}
    assert "Mr. Kimani (Kenya):" in labels["en"]
    assert "Mr. Moreau (spoke in French) (France):" in labels["en"]
    assert "Mr. Li Hong (China) (spoke in Chinese):" in labels["en"]
    assert "Ms. Okonjo:" in labels["en"] and "The Acting President:" in labels["en"]
    assert "M. Kimani (Kenya) (parle en anglais) :" in labels["fr"]
    assert "Le Président (parle en anglais) :" in labels["fr"]
    assert "M. Moreau (France) :" in labels["fr"]
    assert "Sr. Kimani (Kenya) (habla en inglés):" in labels["es"]
    assert "Г-н Кимани (Кения) (говорит по-английски):" in labels["ru"]
    assert "Г-жа Иванова (Российская Федерация):" in labels["ru"]
    assert "基马尼先生（肯尼亚）（以英语发言）：" in labels["zh"]
    assert "李宏先生（中国）：" in labels["zh"]
    assert "السيد كيماني (كينيا) (تكلم بالإنكليزية):" in labels["ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_bold_and_regular_font_names(language):
    data, _truth = _sample(language)
    fonts = {font for _c, font in _read(data, language == "zh")[-1] if font}
    assert any("Bold" in f for f in fonts) and any("Bold" not in f for f in fonts), fonts


def test_hyphenation_and_word_by_word():
    data, truth = _sample("en")
    ends = [line for line in _lines(data) if re.search(r"[a-z]-$", line)]
    assert len(ends) >= 2, ends
    plain, _ = _sample("en", hyphenate=False)
    assert not [line for line in _lines(plain) if re.search(r"[a-z]-$", line)]
    words, truth_w = _sample("en", justify_word_by_word=True)
    assert truth_w == truth
    assert "".join(c for c, _ in _read(words, False)[0]) == "".join(
        c for c, _ in _read(data, False)[0])


def _lines(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return [line.rstrip() for line in extract_text(io.BytesIO(data)).splitlines()]


def test_real_label_style_weights():
    data, truth = _sample("en", label_style="real")
    page = _read(data, False)[0]
    found = _find(page, "Mr. Kimani (Kenya):")
    assert found
    assert all("Bold" in f for _c, f in found[:10] if f)
    assert all("Bold" not in f for _c, f in found[10:] if f)


def test_make_record_custom(tmp_path):
    target = tmp_path / "r.pdf"
    items = [("128", "The responsibility to protect", [
        Turn(None, role="president", spoke_in="ar", paragraphs=["We begin."]),
        Note("It was so decided."),
        Turn("Ms. Dupont", "France", "fr", ["Merci."] * 3)])]
    data = make_record(target, language="en", items=items)
    assert target.read_bytes() == data
    text = "".join(c for c, _ in _read(data, False)[0])
    assert "The President (spoke in Arabic): We begin." in text
    assert "Ms. Dupont (France) (spoke in French): Merci." in text
    assert len(sample_turns("ru")) == 2
