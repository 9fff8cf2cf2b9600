"""The boilerplate module: one decoder, chrome words, the main content block, meeting years."""

from __future__ import annotations

import codecs

import lxml.html
import pytest

from r2p_archive import boilerplate
from r2p_archive.pages.generic import parse_page
from r2p_archive.pages.notes import find_year, not_a_statement


def test_decode_html_order_bom_http_meta_utf8_detection():
    assert boilerplate.decode_html(codecs.BOM_UTF8 + "Côte".encode()) == ("Côte", "utf-8")
    # the HTTP charset wins over <meta>
    text, enc = boilerplate.decode_html(b'<meta charset="utf-8">C\xf4te',
                                        "text/html; charset=latin-1")
    assert (text[-4:], enc) == ("Côte", "cp1252")
    # a page that lies about UTF-8, and undeclared windows-1252: detected as windows-1252
    assert boilerplate.decode_html(b'<meta charset="utf-8">d\x92Ivoire')[0].endswith("d’Ivoire")
    assert boilerplate.decode_html(b"C\xf4te") == ("Côte", "cp1252")
    # undeclared Cyrillic is not read as windows-1252
    russian = ("Заявление Российской Федерации на диалоге об обязанности защищать " * 4)
    text, enc = boilerplate.decode_html(russian.encode("cp1251"))
    assert text == russian and enc != "cp1252"


def test_body_is_never_chrome():
    root = lxml.html.document_fromstring(
        "<html><body class='html not-front one-sidebar sidebar-second page-node'><p>x</p>"
        "</body></html>")
    assert boilerplate.is_chrome(root.find("body"), boilerplate.WIDE) is False


@pytest.mark.parametrize("cls, chrome", [
    ("share-links", True), ("site-footer", True), ("field-name-field-related-publications", True),
    ("views-field views-field-field-language", False), ("has-sidebar", False),
])
def test_chrome_words(cls, chrome):
    el = lxml.html.fragment_fromstring(f'<div class="{cls}">x</div>')
    assert boilerplate.is_chrome(el) is chrome


def test_body_with_a_sidebar_class_is_read():
    html = ("<html><body class='html not-front one-sidebar sidebar-second page-node'>"
            "<div id='content'><h1 id='page-title'>Dialogue</h1><p>On 8 September 2014 the UN "
            "General Assembly held its sixth dialogue, and many delegations spoke.</p>"
            "<ul><li><a href='/f/a.pdf'>Mali</a></li><li><a href='/f/b.pdf'>Peru</a></li>"
            "<li><a href='/f/c.pdf'>Chad</a></li></ul></div>"
            "<div id='sidebar-second'><h2>Latest news</h2><ul><li><a href='/f/d.pdf'>Oman</a></li>"
            "<li><a href='/n/1'>News one</a></li><li><a href='/n/2'>News two</a></li></ul></div>"
            "</body></html>")
    page = parse_page(html, base_url="http://s.test/p")
    assert page.date_year == 2014
    assert [s.speaker for s in page.statements] == ["Mali", "Peru", "Chad"]


def test_main_content_holds_title_text_and_statement_list():
    root = lxml.html.document_fromstring(
        "<html><body><div id='menu'><a href='/a'>A</a><a href='/b'>B</a><a href='/c'>C</a></div>"
        "<div id='main'><h1>Dialogue</h1><div class='text'><p>" + "Words of prose. " * 20 +
        "</p></div><table><tr><td><a href='/x.pdf'>Mali</a></td></tr></table></div>"
        "<div class='moduletable'><p>Join the Coalition today and add your voice.</p></div>"
        "</body></html>")
    assert boilerplate.main_content(root).get("id") == "main"


@pytest.mark.parametrize("text, year", [
    ("Posted 12 January 2015. On 8 September 2014 the General Assembly held its dialogue.",
     2014),
    ("Published on Thursday, 20 September 2012. The dialogue of 5 September 2012 ...", 2012),
    ("12 January 2015 - news. On 8 September 2014 the Assembly met.", 2014),
    ("Last updated 3 March 2016", None),
])
def test_the_year_is_the_meetings(text, year):
    assert find_year(text) == year


@pytest.mark.parametrize("text, url, other", [
    ("summary of the dialogue", None, True),
    ("GCR2P_Summary_IID_2017.pdf", "http://s.test/GCR2P_Summary_IID_2017.pdf", True),
    ("Concept note", None, True),
    ("Ghana", "http://s.test/ghana-concept-note.pdf", True),
    ("Statement on the report", None, False),
    ("Ghana", "http://s.test/ghana-report-2014.pdf", False),
])
def test_documents_that_are_not_statements(text, url, other):
    assert not_a_statement(text, url) is other
