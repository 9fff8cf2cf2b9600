"""HTML statements: main text only, encodings respected, error pages recognised."""

from __future__ import annotations

import docgen
import pytest

from r2p_archive.extract import extract_file, is_error_page

FR = [
    "Monsieur le Président, la France se félicite de la tenue de ce dialogue interactif.",
    "La prévention des atrocités reste notre priorité : elle passe par l'alerte précoce, "
    "la coopération régionale et le respect du droit international humanitaire.",
    "Nous soutenons l'initiative visant à encadrer l'usage du veto en cas d'atrocités "
    "de masse, et nous appelons chaque État à s'y joindre.",
]
HEADING = "Déclaration de la France — dialogue sur la responsabilité de protéger"


def html_result(tmp_path, data: bytes, hints=("fr",), content_type=None):
    path = tmp_path / "statement.html"
    path.write_bytes(data)
    return extract_file(path, "html", list(hints), key="h", content_type=content_type)


@pytest.mark.parametrize("semantic", [True, False])
def test_windows_1252_page_with_boilerplate(tmp_path, semantic):
    data = docgen.make_html(FR, heading=HEADING.replace("—", "-"), encoding="windows-1252",
                            semantic=semantic, lang="fr")
    assert "é".encode("cp1252") in data and "é".encode() not in data
    res = html_result(tmp_path, data)
    assert res.status == "ok", res.error
    assert res.extractor == "html"
    assert res.text == "\n\n".join([HEADING.replace("—", "-"), *FR]) + "\n"
    assert (res.language, res.languages, res.language_disagrees) == ("fr", ["fr"], False)


def test_undeclared_windows_1252_is_detected(tmp_path):
    data = docgen.make_html(FR, encoding="windows-1252", declare=False)
    res = html_result(tmp_path, data)
    assert res.text == "\n\n".join(FR) + "\n"


def test_http_charset_wins_over_meta(tmp_path):
    # The page claims UTF-8 in <meta> but the server says (truthfully) windows-1252.
    data = docgen.make_html(FR, encoding="windows-1252", declare=False).replace(
        b"<head>", b'<head><meta charset="utf-8">'
    )
    res = html_result(tmp_path, data, content_type="text/html; charset=windows-1252")
    assert res.text == "\n\n".join(FR) + "\n"


def test_utf8_page_with_curly_quotes_and_nbsp(tmp_path):
    paras = ["We welcome the report \u201cState responsibility and prevention\u201d.",
             "Our\u00a0delegation stands ready to engage with all partners this year."]
    res = html_result(tmp_path, docgen.make_html(paras), hints=["en"])
    assert res.text == (
        "We welcome the report \u201cState responsibility and prevention\u201d.\n\n"
        "Our delegation stands ready to engage with all partners this year.\n"
    )


def test_page_without_text_is_no_text(tmp_path):
    res = html_result(tmp_path, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert (res.status, res.error, res.text) == (
        "no_text", "no statement text found in the page", None
    )


NOT_FOUND = b"""<!DOCTYPE html><html><head><title>Page not found | Mission</title></head>
<body><nav><a href="/">Home</a></nav><h1>Sorry</h1><p>We looked everywhere.</p></body></html>"""
LOGIN = b"""<html><head><title>Sign in</title></head><body><form><input name=u></form>
</body></html>"""
ERROR_H1 = b"""<html><head><title>Mission</title></head><body><h1>404</h1>
<p>The page you requested is not here.</p></body></html>"""
TINY = b"""<html><head><title>Statements</title></head><body><p>Coming soon.</p></body></html>"""


@pytest.mark.parametrize("data", [NOT_FOUND, LOGIN, ERROR_H1, TINY, b""])
def test_error_pages(data):
    assert is_error_page(data) is True


def test_statement_page_is_not_an_error_page():
    assert is_error_page(docgen.make_html(FR, heading="Déclaration")) is False


def test_text_in_a_div_with_line_breaks(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'><title>Statement</title></head><body>"
        "<div id='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        "<div class='box'><div class='txt'>Mr. President,<br><br>"
        "Arcadia thanks the Secretary-General for his report on the responsibility to "
        "protect and for his\nrecommendations on early warning.<br/>\n<br/>"
        "We will continue to\nsupport the Joint Office in its work.<br>Thank you.</div></div>"
        "<div class='footer-links'><a href='/privacy'>Privacy</a></div></body></html>"
    )
    res = html_result(tmp_path, page.encode(), hints=["en"])
    assert res.text == (
        "Mr. President,\n\n"
        "Arcadia thanks the Secretary-General for his report on the responsibility to "
        "protect and for his recommendations on early warning.\n\n"
        "We will continue to support the Joint Office in its work. Thank you.\n"
    )
