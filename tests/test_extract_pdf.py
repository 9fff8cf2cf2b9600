"""PDF extraction on generated documents whose text we wrote, and on one real UN record."""

from __future__ import annotations

from pathlib import Path

import docgen
import pytest

from r2p_archive.extract import OCR_HINT, extract_file

EN = [
    "The delegation of Arcadia thanks the President for convening this dialogue on the "
    "responsibility to protect populations from atrocity crimes.",
    "Prevention begins at home, with institutions that listen to every community and courts "
    "that treat every citizen alike.",
    "We call on all Member States to support early warning and to act before violence "
    "spreads across borders.",
]


def pdf_result(tmp_path: Path, data: bytes, hints=("en",)):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return extract_file(path, "pdf", list(hints), key="k1")


def test_single_column(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[EN]))
    assert res.status == "ok"
    assert res.error is None
    assert res.key == "k1"
    assert res.extractor == "pdfminer"
    assert res.pages == 1
    assert res.text == "\n\n".join(EN) + "\n"
    assert res.chars == len(res.text)
    assert res.language == "en"
    assert res.languages == ["en"]
    assert res.language_disagrees is False


LEFT = [
    "Left column, first paragraph: our country recalls the commitment made by all heads of "
    "State at the World Summit and asks how it is honoured today.",
    "Left column, second paragraph: national plans, regional partners and the United Nations "
    "share one task, which is to keep people safe from mass violence.",
]
RIGHT = [
    "Right column, first paragraph: words must become deeds, and the Council must not stay "
    "silent when civilians are targeted because of who they are.",
    "Right column, second paragraph: we stand ready to work with every delegation on the "
    "next report of the Secretary-General and its recommendations.",
]


@pytest.mark.parametrize("draw_order", ["column", "row"])
@pytest.mark.parametrize("justify", [False, True])
def test_two_columns_read_left_column_first(tmp_path, draw_order, justify):
    # The right column's lines share the left column's baselines.
    paragraphs = LEFT + RIGHT
    data = docgen.make_pdf(pages=[[*LEFT, docgen.COLUMN_BREAK, *RIGHT]], columns=2,
                           justify=justify, draw_order=draw_order, font_size=10, gutter=14)
    res = pdf_result(tmp_path, data)
    assert res.status == "ok", res.error
    assert res.pages == 1
    assert res.text == "\n\n".join(paragraphs) + "\n"


def test_two_columns_with_full_width_title(tmp_path):
    # A title across both columns, then two columns: title first, then left, then right.
    data = docgen.make_pdf(pages=[[*LEFT, docgen.COLUMN_BREAK, *RIGHT]], columns=2,
                           font_size=10, gutter=14, header="Statement of the Republic of Arcadia")
    res = pdf_result(tmp_path, data)
    assert res.status == "ok", res.error
    title = "Statement of the Republic of Arcadia"
    assert res.text.rstrip("\n").split("\n\n") == [title, *LEFT, *RIGHT]


def test_two_columns_with_an_indented_quotation(tmp_path):
    # Most right-column lines are indented: the gutter is still only the space between the
    # columns, and the right column's few unindented lines are not taken for full-width ones.
    quote = docgen.Quote(" ".join(
        f"Part {n} of the quotation recalls that peace is built by peoples and not only by "
        "governments, and that every generation must build it again for itself."
        for n in range(1, 6)
    ))
    right = ["Right column: we quote.", quote, "And we end there."]
    left = [" ".join([LEFT[0], LEFT[1], LEFT[0]]), LEFT[1]]
    data = docgen.make_pdf(pages=[[*left, docgen.COLUMN_BREAK, *right]], columns=2,
                           justify=True, font_size=10, gutter=10)
    res = pdf_result(tmp_path, data)
    assert res.text.rstrip("\n").split("\n\n") == [*left, *right]


LONG = [
    f"Paragraph {n}: the responsibility to protect rests first with each State, and the "
    f"international community helps States to meet it through dialogue, assistance and "
    f"timely collective action in line with the Charter of the United Nations. "
    f"Sentence {n} closes this paragraph with a plain statement of intent."
    for n in range(1, 13)
]


def test_headers_footers_page_numbers_removed(tmp_path):
    data = docgen.make_pdf(
        paragraphs=LONG,
        header=["Check against delivery", "Statement by the Permanent Mission of Arcadia"],
        footer=["S/PV.9999", "Page {page} of {pages}"],
        page_size=(595, 420),
    )
    res = pdf_result(tmp_path, data)
    assert res.status == "ok", res.error
    assert res.pages >= 3
    assert res.text == "\n\n".join(LONG) + "\n"


def test_paragraph_split_over_a_page_break_is_joined(tmp_path):
    pages = [
        ["First paragraph ends on this page.",
         "The second paragraph begins on the first page and it goes on"],
        ["on the next page after the footer and the header.", "A third paragraph."],
    ]
    data = docgen.make_pdf(pages=pages, header="Arcadia", footer="{page}")
    res = pdf_result(tmp_path, data)
    assert res.text.rstrip("\n").split("\n\n") == [
        "First paragraph ends on this page.",
        "The second paragraph begins on the first page and it goes on on the next page after "
        "the footer and the header.",
        "A third paragraph.",
    ]


def test_letterhead_and_footer_that_are_not_repeated(tmp_path):
    # One page: nothing repeats, so the letterhead and the address stay, in their place.
    data = docgen.make_pdf(
        pages=[EN],
        header=[("Permanent Mission of Arcadia", "Check against delivery")],
        footer=["12 Example Plaza, New York"],
    )
    res = pdf_result(tmp_path, data)
    assert res.text.rstrip("\n").split("\n\n") == [
        "Permanent Mission of Arcadia", *EN, "12 Example Plaza, New York"
    ]


def test_hyphenation_across_lines(tmp_path):
    para = ("Early preven-\ntion saves lives, and a well-\nknown rule says that self-\n"
            "determination and non-\nintervention are co-\nexisting principles of the Charter-\n"
            "Based order; the Secre-\ntariat agrees.")
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[[para]]))
    assert res.text == (
        "Early prevention saves lives, and a well-known rule says that self-determination "
        "and non-intervention are coexisting principles of the Charter-Based order; the "
        "Secretariat agrees.\n"
    )


ES = [
    "La delegación de España agradece la convocatoria de este diálogo sobre la "
    "responsabilidad de proteger a las poblaciones.",
    "Señor Presidente, la prevención exige instituciones sólidas, una justicia imparcial y "
    "la participación de mujeres y jóvenes en cada decisión.",
]
FR = [
    "La délégation française remercie la présidence pour l'organisation de ce débat, "
    "très attendu cette année.",
    "Nous rappelons que la protection des populations est une obligation : elle ne connaît "
    "ni frontière ni exception, et elle s'impose à tous les États.",
]


def test_spanish_accents_and_language(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[ES]), hints=["es"])
    assert res.text == "\n\n".join(ES) + "\n"
    assert (res.language, res.languages, res.language_disagrees) == ("es", ["es"], False)


def test_french_accents_and_disagreeing_hint(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[FR]), hints=["en"])
    assert res.text == "\n\n".join(FR) + "\n"
    assert (res.language, res.languages, res.language_disagrees) == ("fr", ["fr"], True)


def test_bilingual_english_then_spanish(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[EN, ES]), hints=["en"])
    assert res.pages == 2
    assert res.text == "\n\n".join(EN + ES) + "\n"
    assert (res.language, res.languages, res.language_disagrees) == ("en", ["en", "es"], False)


def test_image_only_pdf_is_no_text(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no ocrmypdf on PATH
    data = docgen.make_scanned_pdf(["This statement was printed and scanned."], pages=2)
    res = pdf_result(tmp_path, data)
    assert (res.status, res.error, res.text, res.chars) == ("no_text", OCR_HINT, None, 0)
    assert res.pages == 2
    assert res.language == "en"  # the hint, as nothing was detected
    assert res.languages == []


def test_truncated_pdf_fails_with_one_line_reason(tmp_path):
    data = docgen.truncated(docgen.make_pdf(paragraphs=LONG, page_size=(595, 420)))
    res = pdf_result(tmp_path, data)
    assert res.status == "failed"
    assert res.error == (
        "PDF is truncated (no end-of-file marker; the download may be incomplete)"
    )
    assert res.text is None


def test_damaged_pdf_fails_with_parser_reason(tmp_path):
    damaged = b"%PDF-1.4\n" + b"garbage\n" * 200 + b"%%EOF\n"
    res = pdf_result(tmp_path, damaged)
    assert res.status == "failed"
    assert res.error == (
        "PDF is damaged (PDFSyntaxError: No /Root object! - Is this really a PDF?)"
    )


def test_not_a_pdf(tmp_path):
    res = pdf_result(tmp_path, b"<html><body>Moved</body></html>")
    assert (res.status, res.error) == ("failed", "not a PDF file (no %PDF header)")


def test_encrypted_pdf_with_user_password_fails(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[EN], encrypt="secret"))
    assert (res.status, res.error) == ("failed", "PDF is encrypted and needs a password to open")


def test_encrypted_pdf_without_user_password_is_read(tmp_path):
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[EN], encrypt=("", "owner")))
    assert res.status == "ok"
    assert res.text == "\n\n".join(EN) + "\n"


def test_odd_spaces_are_normalised(tmp_path):
    para = "Ten\u00a0days\u2009and\u202fno more:\u00a0the decision stands."
    res = pdf_result(tmp_path, docgen.make_pdf(pages=[[para]]))
    assert res.text == "Ten days and no more: the decision stands.\n"


REAL = Path(__file__).parent / "fixtures" / "records" / "A_76_PV.102_E.pdf"


def test_real_un_record_two_columns():
    """A real General Assembly record (a public UN document kept in tests/fixtures)."""
    res = extract_file(REAL, "pdf", ["en"], key="un")
    assert res.status == "ok"
    assert res.pages == 31
    assert res.language == "en"
    paragraphs = res.text.rstrip("\n").split("\n\n")
    # A paragraph that runs from the bottom of page 2's left column into its right column.
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("From the vantage point"))
    assert paragraphs[first] == (
        "From the vantage point of Kenya\u2019s continued commitment to peacebuilding and as an "
        "informal coordinator between the Security Council and the Peacebuilding Commission, it "
        "is therefore our hope that the Secretary-General and the Fifth Committee will take up "
        "the clear guidance and recommendations that the resolution presents and urgently "
        "operationalize and translate those political commitments into tangible actions that "
        "respond to our changing peace and security landscape.")
    assert paragraphs[first + 1].startswith(
        "I would like to conclude by noting that time and again, the General Assembly stands "
        "up and delivers hope")
    # Running headers (symbol and date) and footers (page numbers, job number) are gone.
    lines = res.text.splitlines()
    assert "08/09/2022" not in lines
    assert lines.count("A/76/PV.102") == 1  # the masthead of page 1, not a running header
    assert not any(line.startswith("22-58466") or line.strip().isdigit() for line in lines)
