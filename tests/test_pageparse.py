"""Dialogue pages -> planned statements: full plans of the fixture pages, then each rule alone."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from r2p_archive.errors import UnusableInput
from r2p_archive.pages.generic import parse_page
from r2p_archive.pages.links import resolve_url, target_kind, url_key
from r2p_archive.pages.notes import find_year, languages_of, speaker_from_filename
from r2p_archive.pages.webpage import decode_html
from r2p_archive.speakers import classify

PAGES = Path(__file__).parent / "fixtures" / "pages"
BASE = "http://r2p-coalition.test/index.php/component/content/article/35-r2p/6001-ga-dialogue-2014"


def plan(html, base_url="http://site.test/news/dialogue.html", year=2014, **kw):
    page = parse_page(html, base_url=base_url, year=year, **kw)
    return [(s.speaker, s.speaker_type, s.iso3, s.languages, s.url, s.note)
            for s in page.statements]


def urls(html, **kw):
    return [row[4] for row in plan(html, **kw)]


# --------------------------------------------------------------------------------------------
# full fixture pages

D = "http://r2p-coalition.test/images/stories/2014/"
SA = "Dr. Amara Okonkwo-Lind, Special Adviser to the Secretary-General on the Responsibility to " \
     "Protect"
MODERATOR = "Ambassador Tomas Ferreira Quint, Permanent Representative of Uruguay to the United " \
            "Nations"
GCR2P = "Global Centre for the Responsibility to Protect"
ICRTOP = "International Coalition for the Responsibility to Protect"
PRK = "Democratic People's Republic of Korea"

MESSY_2014 = [
    ("Secretary-General Ban Ki-moon", "un_official", None, (), D + "sg-remarks.pdf", None),
    ("Deputy Secretary-General Jan Eliasson", "un_official", None, (), D + "dsg.pdf", None),
    (SA, "un_official", None, (), None, None),
    (MODERATOR, "panelist", None, (), None, None),
    ("Ms. Ilse Varga, Minister of Justice of Hungary", "panelist", None, (),
     D + "panel-varga.pdf", None),
    ("European Union", "organization", None, (), D + "eu.pdf", None),
    ("African Union", "organization", None, (), D + "au.pdf", None),
    ("Group of Friends of the Responsibility to Protect", "organization", None, (),
     D + "group-of-friends.pdf", None),
    ("Brazil", "state", "BRA", (), D + "brazil.pdf", None),
    ("Panama", "state", "PAN", ("es",), D + "panama.pdf", None),
    ("Rwanda", "state", "RWA", (), D + "rwanda.doc", None),
    ("France", "state", "FRA", ("fr",), D + "france.pdf", None),
    ("Republic of Korea", "state", "KOR", (), D + "Statement_ROK_2014.pdf", None),
    (PRK, "state", "PRK", (), D + "Statement_DPRK_2014.pdf", None),
    ("United Kingdom", "state", "GBR", (), D + "uk.pdf", None),
    ("Morocco", "state", "MAR", ("ar",), D + "morocco.pdf", None),
    ("Hungary", "state", "HUN", (), D + "hungary.pdf", None),
    ("Switzerland", "state", "CHE", (), D + "switzerland.pdf", None),
    ("United States", "state", "USA", (), D + "usa.pdf", None),
    ("Singapore", "state", "SGP", (), D + "singapore.pdf", None),
    ("Australia", "state", "AUS", (), D + "australia.pdf", None),
    ("Costa Rica", "state", "CRI", (), D + "Costa%20Rica%20-%20IID%202014.pdf", None),
    ("Denmark", "state", "DNK", (), D + "nordic.pdf", "on behalf of the Nordic countries"),
    ("Spain", "state", "ESP", ("es",), D + "spain.pdf", None),
    ("Cuba", "state", "CUB", (), D + "cuba.pdf", None),
    ("Russian Federation", "state", "RUS", ("ru",), D + "russian-federation.pdf", None),
    ("Niger", "state", "NER", ("fr",), D + "niger.pdf", None),
    ("Nigeria", "state", "NGA", (), "http://mission-ng.test/statements/2014-r2p/", None),
    ("Guinea", "state", "GIN", ("fr",), D + "guinea.pdf", None),
    ("Equatorial Guinea", "state", "GNQ", ("es",), D + "equatorial-guinea.pdf", None),
    ("Guinea-Bissau", "state", "GNB", ("pt",), D + "guinea-bissau.pdf", None),
    ("Papua New Guinea", "state", "PNG", (), D + "png.pdf", None),
    ("Congo", "state", "COG", ("fr",), D + "congo.pdf", None),
    ("Democratic Republic of the Congo", "state", "COD", ("fr",), D + "drc.pdf", None),
    ("Dominica", "state", "DMA", (), D + "dominica.pdf", None),
    ("Dominican Republic", "state", "DOM", ("es",), D + "dominican-republic.pdf", None),
    ("Sudan", "state", "SDN", ("ar",), D + "sudan.pdf", None),
    ("South Sudan", "state", "SSD", (), D + "south-sudan.pdf", None),
    ("Netherlands", "state", "NLD", (), D + "netherlands.pdf", None),
    ("Ecuador", "state", "ECU", ("es",), D + "ecuador.pdf", None),
    ("Mexico", "state", "MEX", ("es",), D + "mexico.rtf", None),
    ("Czechia", "state", "CZE", (), D + "czech-republic.pdf", None),
    ("Peru", "state", "PER", ("es",), D + "peru.pdf", None),
    ("Argentina", "state", "ARG", ("en", "es"), D + "argentina.pdf", None),
    ("Chile", "state", "CHL", ("es",), D + "chile.pdf", None),
    ("Libya", "state", "LBY", (), D + "libya.pdf", None),
    ("Norway", "state", "NOR", (), D + "norway.pdf", None),
    ("Guatemala", "state", "GTM", (), D + "guatemala.pdf", None),
    ("India", "state", "IND", (), D + "india.pdf", None),
    ("Venezuela (Bolivarian Republic of)", "state", "VEN", ("es",), D + "venezuela.pdf", None),
    ("Côte d'Ivoire", "state", "CIV", (), D + "civ.pdf", None),
    ("Côte d'Ivoire", "state", "CIV", ("fr",), D + "civ-fr.pdf", None),
    ("Pakistan", "state", "PAK", (), D + "pakistan.pdf", None),
    ("New Zealand", "state", "NZL", (), D + "newzealand.pdf", None),
    ("Estonia", "state", "EST", (), D + "estonia.pdf", None),
    ("Japan", "state", "JPN", (), D + "japan.docx", None),
    ("Senegal", "state", "SEN", ("en",), D + "senegal.pdf", None),
    ("Senegal", "state", "SEN", ("fr",), D + "senegal-fr.pdf", None),
    ("Ghana", "state", "GHA", (), D + "ghana.pdf", None),
    ("Iran (Islamic Republic of)", "state", "IRN", (), D + "iran.pdf", None),
    ("Finland", "state", "FIN", (), D + "finland.pdf", None),
    ("Botswana", "state", "BWA", (), D + "botswana.pdf", None),
    ("Canada", "state", "CAN", (), D + "canada.pdf", None),
    ("Belgium", "state", "BEL", ("fr",), D + "belgium.pdf", None),
    ("Bolivia (Plurinational State of)", "state", "BOL", ("es",), D + "bolivia.pdf", None),
    ("Qatar", "state", "QAT", (), D + "qatar.pdf", None),
    ("Mongolia", "state", "MNG", (), None, None),
    ("Belarus", "state", "BLR", (), D + "belarus.pdf", None),
    ("Sri Lanka", "state", "LKA", (), D + "sri-lanka.pdf", None),
    ("Slovenia", "state", "SVN", (), D + "slovenia.pdf", None),
    ("Uruguay", "state", "URY", (), D + "uruguay.pdf", None),
    ("Thailand", "state", "THA", (), D + "thailand.pdf", None),
    ("Philippines", "state", "PHL", (), "http://mission-ph.test/en/news/r2p-dialogue", None),
    ("Türkiye", "state", "TUR", (), D + "turkey.pdf", None),
    ("Luxembourg", "state", "LUX", ("fr",), D + "luxembourg.pdf", None),
    ("Syrian Arab Republic", "state", "SYR", (), D + "syria.pdf", None),
    ("Germany", "state", "DEU", (), D + "germany.pdf", None),
    ("Latvia", "state", "LVA", (), D + "latvia.pdf", None),
    ("Holy See", "state", "VAT", (), D + "holy-see.pdf", None),
    ("State of Palestine", "state", "PSE", ("ar",), D + "palestine.pdf", None),
    ("Armenia", "state", "ARM", (), D + "armenia.pdf", None),
    ("Egypt", "state", "EGY", ("ar",), D + "egypt.pdf", None),
    ("China", "state", "CHN", (), D + "china.pdf", None),
    ("Togo", "state", "TGO", ("fr",), D + "togo.pdf", None),
    ("Viet Nam", "state", "VNM", (), D + "viet-nam.pdf", None),
    ("Kenya", "state", "KEN", (), None, None),
    ("Human Rights Watch", "civil_society", None, (), D + "hrw.pdf", None),
    (GCR2P, "civil_society", None, (), None, None),
    (ICRTOP, "civil_society", None, (), None, None),
    ("Burundi", "state", "BDI", (), None, "prepared statement, but did not speak"),
    # linked only in the prose: planned after the speaker list
    ("Liechtenstein", "state", "LIE", (), D + "liechtenstein.pdf", None),
]


def test_messy_2014_article_full_plan():
    page = parse_page((PAGES / "dialogue_2014_messy.html").read_bytes(), base_url=BASE,
                      page=BASE)
    assert page.title == ("General Assembly holds sixth informal interactive dialogue on the "
                          "Responsibility to Protect")
    assert page.date_year == 2014
    got = [(s.speaker, s.speaker_type, s.iso3, s.languages, s.url, s.note)
           for s in page.statements]
    assert got == MESSY_2014
    assert len(got) == 91
    assert {s.year for s in page.statements} == {2014}
    assert {s.source for s in page.statements} == {BASE}
    assert len({s.id for s in page.statements}) == 91


F = "http://gcr2p-fixture.test/files/2016/"
TABLE_2016 = [
    ("Secretary-General", "un_official", None, ("en",),
     "https://www.un.org/sg/en/content/sg/statement/2016-09-06/remarks-r2p-dialogue", None),
    ("European Union", "organization", None, ("en",), F + "eu-iid-2016.pdf", None),
    ("Brazil", "state", "BRA", ("en",), F + "brazil.pdf", None),
    ("Chile", "state", "CHL", ("es",), F + "chile-es.pdf", None),
    ("Chile", "state", "CHL", ("en",), F + "chile-en.pdf", None),
    ("Kenya", "state", "KEN", ("en",), F + "kenya.pdf", None),
    ("Holy See", "state", "VAT", ("en",),
     "http://holysee-mission.test/2016/09/06/responsibility-to-protect", None),
    ("Republic of Korea", "state", "KOR", (), F + "stmt-17.docx", None),
    (PRK, "state", "PRK", ("en",), F + "stmt-18.pdf", None),
    ("Sweden", "state", "SWE", ("en",), F + "stmt-19.pdf", "on behalf of the Nordic countries"),
    ("Niger", "state", "NER", ("fr",), F + "niger.pdf", None),
    ("Nigeria", "state", "NGA", ("en",), F + "nigeria.pdf", None),
    ("Côte d'Ivoire", "state", "CIV", ("fr",), F + "cote-divoire.pdf", None),
    ("Indonesia", "state", "IDN", (), None, None),
    ("Burundi", "state", "BDI", (), None, "prepared statement, but did not speak"),
    ("State of Palestine", "state", "PSE", ("ar",), F + "palestine.pdf", None),
    (GCR2P, "civil_society", None, ("en",), F + "gcr2p.pdf", None),
]


def test_table_2016_full_plan():
    data = (PAGES / "dialogue_2016_table.html").read_bytes()
    assert b"\x92" in data  # windows-1252, as its <meta charset> says
    page = parse_page(data, base_url="http://gcr2p-fixture.test/statements/2016-dialogue")
    assert page.title == "Statements from the eighth dialogue"
    assert page.date_year == 2016
    assert plan(data, base_url="http://gcr2p-fixture.test/statements/2016-dialogue",
                year=None) == TABLE_2016


S = "https://fixture-r2p.test/2015/dialogue/statements/2015/"
LIST_2015 = [
    ("Brazil", "state", "BRA", ("en",), S + "brazil.pdf", None),
    ("Chile", "state", "CHL", ("es",), S + "chile-es.pdf", None),
    ("Chile", "state", "CHL", ("en",), S + "chile-en.pdf", None),
    ("Mexico", "state", "MEX", ("es",), S + "Statement%20by%20Mexico.pdf", None),
    ("Ireland", "state", "IRL", (), "http://mission-ie.test/speeches/r2p-2015.html", None),
    ("Kenya", "state", "KEN", (), None, "did not deliver its statement"),
    ("Sweden", "state", "SWE", (), S + "nordic.pdf", "on behalf of the Nordic countries"),
    ("Special Adviser on the Prevention of Genocide", "un_official", None, (),
     S + "adviser.pdf", None),
    ("President of the General Assembly", "un_official", None, (), S + "pga.pdf", None),
    ("League of Arab States", "organization", None, ("ar",), S + "arab-league.pdf", None),
    ("Organisation of Islamic Cooperation", "organization", None, (), S + "oic.pdf", None),
    ("Gambia", "state", "GMB", (), S + "gambia.pdf", None),
    ("Lao People's Democratic Republic", "state", "LAO", (), S + "lao.pdf", None),
    ("United Republic of Tanzania", "state", "TZA", ("en", "sw"), S + "tanzania.pdf", None),
    ("Eswatini", "state", "SWZ", (), S + "swaziland.pdf", None),
    ("Cabo Verde", "state", "CPV", ("pt",), S + "cabo-verde.pdf", None),
    ("Amnesty International", "civil_society", None, (), S + "amnesty.pdf", None),
]


def test_list_2015_full_plan():
    data = (PAGES / "dialogue_2015_list.html").read_bytes()
    page = parse_page(data, base_url="https://fixture-r2p.test/2015/dialogue/")
    assert (page.title, page.date_year) == ("2015 dialogue statements", 2015)
    assert plan(data, base_url="https://fixture-r2p.test/2015/dialogue/", year=None) == LIST_2015


def test_catalog_year_wins_over_the_page_date():
    page = parse_page((PAGES / "dialogue_2015_list.html").read_bytes(),
                      base_url="https://fixture-r2p.test/", year=2016)
    assert page.date_year == 2015
    assert {s.year for s in page.statements} == {2016}


# --------------------------------------------------------------------------------------------
# each rule alone

PROSE = ("<p>On 8 September 2014 the General Assembly met for its dialogue, and the delegations "
         "spoke at some length about prevention, assistance and the report before them.</p>")


def page(body: str, prose: str = PROSE) -> str:
    return f"<html><body><h1>Dialogue</h1>{prose}{body}</body></html>"


def test_prose_and_list_links_to_one_document_collapse_in_list_order():
    html = page(
        "<p><a href='/d/ghana.pdf'>Ghana</a></p><p><a href='/d/peru.pdf'>Peru</a></p>"
        "<p><a href='/d/fiji.pdf'>Fiji</a></p>",
        prose="<p>On 8 September 2014 <a href='https://site.test/d/peru.pdf#p2'>Peru</a> and "
              "<a href='http://www.site.test/d/fiji.pdf/'>Fiji</a> spoke first, then the "
              "government of <a href='/d/ghana.pdf'>Ghana</a> spoke about prevention at "
              "length, and <a href='/d/chad.pdf'>Chad</a> closed.</p>")
    assert plan(html) == [
        ("Ghana", "state", "GHA", (), "http://site.test/d/ghana.pdf", None),
        ("Peru", "state", "PER", (), "http://site.test/d/peru.pdf", None),
        ("Fiji", "state", "FJI", (), "http://site.test/d/fiji.pdf", None),
        ("Chad", "state", "TCD", (), "http://site.test/d/chad.pdf", None),
    ]


def test_without_a_speaker_list_prose_documents_in_page_order():
    html = page("", prose=(
        "<p>On 8 September 2014, <a href='/d/mali.pdf'>Mali</a> opened; "
        "<a href='/d/oman.pdf'>Oman</a> followed and <a href='/d/mali.pdf'>Mali</a> "
        "answered. <a href='/about/history'>Our history</a>, "
        "<a href='/d/brochure.pdf'>our brochure</a>.</p>"))
    assert urls(html) == ["http://site.test/d/mali.pdf", "http://site.test/d/oman.pdf"]


def test_url_key_ignores_scheme_fragment_www_and_trailing_slash():
    a = url_key("http://www.site.test/d/x.pdf")
    assert a == url_key("https://site.test/d/x.pdf/") == url_key("http://site.test/d/x.pdf")
    assert url_key("http://site.test/d/x.pdf?id=2") != a
    assert url_key("http://site.test/d/x%20y.pdf") == url_key("http://site.test/d/x y.pdf")


@pytest.mark.parametrize("url, kind", [
    ("http://www.un.org/ga/search/view_doc.asp?symbol=A/68/947", "never"),
    ("http://undocs.org/A/67/929", "never"),
    ("https://daccess-ods.un.org/access.nsf/Get?Open&DS=A/63/677&Lang=E", "never"),
    ("http://www.un.org/en/ga/search/view_doc.asp?symbol=A%2F70%2F999", "never"),
    ("http://gcr2p.test/", "never"),
    ("http://gcr2p.test/index.php", "never"),
    ("http://www.facebook.com/sharer.php?u=x", "never"),
    ("http://site.test/article?tmpl=component&print=1", "never"),
    ("http://site.test/index.php/component/mailto/?link=1", "never"),
    ("http://site.test/index.php/component/tags/tag/12-ga", "never"),
    ("http://site.test/category/news", "never"),
    ("http://site.test/images/logo.png", "never"),
    ("http://site.test/news/dialogue.html", "never"),  # the page itself
    ("http://site.test/images/stories/2014/brazil.pdf", "doc"),
    ("http://site.test/files/statement", "doc"),
    ("http://site.test/x/y.docx", "doc"),
    ("http://site.test/x/y.RTF", "doc"),
    ("http://mission-br.test/en/news/2014-r2p", "doc"),
    ("http://www.un.org/sg/statements/index.asp?nid=1", "doc"),
    ("http://site.test/research/background", "page"),
])
def test_target_kind(url, kind):
    assert target_kind(url, "http://site.test/news/dialogue.html") == kind


def test_non_statement_links_are_not_planned():
    html = """<html><body>
    <div id="top-menu"><a href="/d/menu-brazil.pdf">Brazil</a></div>
    <nav><a href="/d/nav-chile.pdf">Chile</a></nav>
    <h1>Dialogue</h1>
    <p>On 8 September 2014 the Assembly discussed <a href="http://undocs.org/A/68/947">the
    report</a> of the <a href="http://www.un.org/sg/">Secretary-General</a>, the
    <a href="/background/pillar-two">second pillar</a>, the <a href="/d/summit-outcome.pdf">2005
    World Summit Outcome</a>, <a href="/d/photo.jpg">Fiji</a>'s photo and the work of the
    <a href="http://gcr2p.test/">Global Centre for the Responsibility to Protect</a>;
    <a href="/news/ghana-visit">Ghana</a> was praised.</p>
    <p><a href="/d/a.pdf">Austria</a></p><p><a href="/d/b.pdf">Bhutan</a></p>
    <p><a href="/d/c.pdf">Cyprus</a></p>
    <div class="social-share"><a href="/d/share.pdf">Denmark</a></div>
    <p class="print-link"><a href="/d/print.pdf">Egypt</a></p>
    <aside><a href="/d/side.pdf">Gabon</a></aside>
    <footer><a href="/d/foot.pdf">Haiti</a></footer>
    <script>document.write('<a href="/d/js.pdf">Iraq</a>')</script>
    </body></html>"""
    assert urls(html) == ["http://site.test/d/a.pdf", "http://site.test/d/b.pdf",
                          "http://site.test/d/c.pdf"]


@pytest.mark.parametrize("href", ["#section-2", "javascript:void(0)", "mailto:a@b.test",
                                  "data:text/plain,Chad", "file:///etc/chad.pdf",
                                  "tel:+1555", "  JavaScript:open('chad.pdf')"])
def test_ignored_schemes_are_never_planned(href):
    assert resolve_url(href, "http://site.test/") is None
    html = page(f"<p><a href=\"{href}\">Chad</a></p><p><a href='/a.pdf'>Mali</a></p>"
                "<p><a href='/b.pdf'>Peru</a></p><p><a href='/c.pdf'>Togo</a></p>")
    assert all(u is None or u.startswith("http://site.test/") for u in urls(html))
    # the name is still a speaker of the list, without a document; a refused statement link
    # says why (a fragment or a contact link is not a refused statement)
    scheme = href.strip().split(":", 1)[0].lower()
    note = (f"link refused: {scheme}: URLs are never followed"
            if scheme in ("javascript", "data", "file") else None)
    assert plan(html)[0] == ("Chad", "state", "TCD", (), None, note)


def test_relative_links_resolve_against_base_url_and_base_tag():
    body = ("<p><a href='../docs/mali.pdf'>Mali</a></p><p><a href='peru.pdf'>Peru</a></p>"
            "<p><a href='/top/togo.pdf'>Togo</a></p><p><a href='//cdn.test/fiji.pdf'>Fiji</a></p>")
    assert urls(page(body), base_url="http://site.test/a/b/page.html") == [
        "http://site.test/a/docs/mali.pdf", "http://site.test/a/b/peru.pdf",
        "http://site.test/top/togo.pdf", "http://cdn.test/fiji.pdf"]
    with_base = page(body).replace("<html>", "<html><head><base href='http://other.test/x/'>"
                                             "</head>")
    assert urls(with_base, base_url="http://site.test/a/b/page.html") == [
        "http://other.test/docs/mali.pdf", "http://other.test/x/peru.pdf",
        "http://other.test/top/togo.pdf", "http://cdn.test/fiji.pdf"]
    # no base: relative links cannot be fetched, the speakers stay without a document
    assert plan(page(body), base_url=None)[:3] == [
        ("Mali", "state", "MLI", (), None, None), ("Peru", "state", "PER", (), None, None),
        ("Togo", "state", "TGO", (), None, None)]


def test_page_url_serves_as_base_when_no_base_url():
    got = parse_page(page("<p><a href='a.pdf'>Mali</a></p><p><a href='b.pdf'>Peru</a></p>"
                          "<p><a href='c.pdf'>Togo</a></p>"),
                     base_url=None, page="https://site.test/x/page", year=2014)
    assert [s.url for s in got.statements] == ["https://site.test/x/a.pdf",
                                               "https://site.test/x/b.pdf",
                                               "https://site.test/x/c.pdf"]


def test_split_anchors_glued_letters_line_breaks_and_junk_anchors():
    body = ("<p><a href='/d/uy.pdf'>Urug</a><a href='/d/uy.pdf'>uay</a> "
            "<a href='/d/pa.pdf'>Para</a>\n<a href='/d/pa.pdf'>guay</a> "
            "M<a href='/d/mw.pdf'>alawi</a> <a href='/d/mw.pdf'>I</a> "
            "<a href='/d/ng.pdf'>Niger</a>ia "
            "<a href='/d/ph.pdf'>hilippines</a> "
            "<a href='/d/Statement_ROK_2013.pdf'>.</a> "
            "<a href='/d/lost.pdf'>&raquo;</a> "
            "<a href='/d/za.pdf'>South\n   Africa</a> "
            "Republic of <a href='/d/md.pdf'>Moldova</a> "
            "South <a href='/d/ss.pdf'>Sudan</a></p>")
    assert plan(page(body)) == [
        ("Uruguay", "state", "URY", (), "http://site.test/d/uy.pdf", None),
        ("Paraguay", "state", "PRY", (), "http://site.test/d/pa.pdf", None),
        ("Malawi", "state", "MWI", (), "http://site.test/d/mw.pdf", None),
        ("Nigeria", "state", "NGA", (), "http://site.test/d/ng.pdf", None),
        ("Philippines", "state", "PHL", (), "http://site.test/d/ph.pdf", None),
        ("Republic of Korea", "state", "KOR", (), "http://site.test/d/Statement_ROK_2013.pdf",
         None),
        ("South Africa", "state", "ZAF", (), "http://site.test/d/za.pdf", None),
        ("Republic of Moldova", "state", "MDA", (), "http://site.test/d/md.pdf", None),
        ("South Sudan", "state", "SSD", (), "http://site.test/d/ss.pdf", None),
    ]


def test_a_person_split_over_two_anchors_is_one_speaker():
    body = ("<p><a href='/d/sa.pdf'>Dr. Jane</a> <a href='/d/sa.pdf'>Doe, Special Adviser on "
            "the Responsibility to Protect</a></p><p><a href='/d/a.pdf'>Mali</a></p>"
            "<p><a href='/d/b.pdf'>Peru</a></p>")
    assert plan(page(body))[0] == (
        "Dr. Jane Doe, Special Adviser on the Responsibility to Protect", "un_official", None,
        (), "http://site.test/d/sa.pdf", None)


@pytest.mark.parametrize("url, expected", [
    ("http://s.test/docs/2013/thailand.pdf", "THA"),
    ("http://s.test/x/Statement_ROK_2013.pdf", "KOR"),
    ("http://s.test/x/Statement_DPRK_2013.pdf", "PRK"),
    ("http://s.test/x/Costa%20Rica%20-%20IID%202014.pdf", "CRI"),
    ("http://s.test/x/2014-09-08-guinea-bissau-EN.docx", "GNB"),
    ("http://s.test/x/papua_new_guinea.pdf", "PNG"),
    ("http://s.test/x/equatorial-guinea.pdf", "GNQ"),
    ("http://s.test/x/dominican-republic.pdf", "DOM"),
    ("http://s.test/x/south-sudan.pdf", "SSD"),
    ("http://s.test/x/niger.pdf", "NER"),
    ("http://s.test/x/Statement-US.pdf", "USA"),
    ("http://s.test/x/statement-us.pdf", None),  # "us" in lower case is a word
    ("http://s.test/x/annex.pdf", None),
    ("http://s.test/x/A-RES-60-1-E.pdf", None),
])
def test_speaker_from_filename(url, expected):
    found = speaker_from_filename(url)
    assert (found.iso3 if found else None) == expected


@pytest.mark.parametrize("text, langs", [
    ("in Spanish", ["es"]),
    ("Spanish", ["es"]),
    ("English and Spanish", ["en", "es"]),
    ("Spanish/English", ["es", "en"]),
    ("en español", ["es"]),
    ("French version", ["fr"]),
    ("Version française", ["fr"]),
    ("original: Arabic", ["ar"]),
    ("in French and English", ["fr", "en"]),
    ("unofficial English translation", ["en"]),
    ("EN", ["en"]),
    ("prepared statement, but did not speak", None),
    ("moderator", None),
    ("in", None),
    ("", None),
])
def test_languages_of(text, langs):
    assert languages_of(text) == langs


def test_language_notes_and_second_documents():
    body = """
    <p><a href="/d/pa.pdf">Panama</a> (in Spanish)</p>
    <p><a href="/d/ar.pdf">Argentina</a> (English and Spanish)</p>
    <p><a href="/d/ht.pdf">Haiti</a> (in <a href="/d/ht-fr.pdf">French</a>)</p>
    <p><a href="/d/ca.pdf">Canada</a> (English and <a href="/d/ca-fr.pdf">French</a>)</p>
    <p><a href="/d/cl.pdf">Chile</a></p><p>(Spanish)</p>
    <p><a href="/d/es.pdf">Spain</a> (en español)</p>
    <p><a href="/d/ml.pdf">Mali</a> (French version)</p>
    <p><a href="/d/dz.pdf">Algeria</a> (original: Arabic)</p>
    <p><a href="/d/lu.pdf">Luxembourg</a> <a href="/d/lu-fr.pdf">Version française</a></p>
    <p><a href="/d/be.pdf">Belgium</a> (in
    <a href="/d/be-fr.pdf">French</a>
    )</p>
    <p><a href="/d/ch.pdf">Switzerland</a> (PDF, 2 pages)</p>
    """
    d = "http://site.test/d/"
    assert plan(page(body)) == [
        ("Panama", "state", "PAN", ("es",), d + "pa.pdf", None),
        ("Argentina", "state", "ARG", ("en", "es"), d + "ar.pdf", None),
        ("Haiti", "state", "HTI", (), d + "ht.pdf", None),
        ("Haiti", "state", "HTI", ("fr",), d + "ht-fr.pdf", None),
        ("Canada", "state", "CAN", ("en",), d + "ca.pdf", None),
        ("Canada", "state", "CAN", ("fr",), d + "ca-fr.pdf", None),
        ("Chile", "state", "CHL", ("es",), d + "cl.pdf", None),
        ("Spain", "state", "ESP", ("es",), d + "es.pdf", None),
        ("Mali", "state", "MLI", ("fr",), d + "ml.pdf", None),
        ("Algeria", "state", "DZA", ("ar",), d + "dz.pdf", None),
        ("Luxembourg", "state", "LUX", (), d + "lu.pdf", None),
        ("Luxembourg", "state", "LUX", ("fr",), d + "lu-fr.pdf", None),
        ("Belgium", "state", "BEL", (), d + "be.pdf", None),
        ("Belgium", "state", "BEL", ("fr",), d + "be-fr.pdf", None),
        ("Switzerland", "state", "CHE", (), d + "ch.pdf", None),
    ]


def test_unlinked_speakers_are_planned_with_their_note():
    body = """
    <p>Ms. Ana Lopez, Minister of Justice of Spain</p>
    <p>Mr. Omar Haddad, Special Adviser to the Secretary-General on the Prevention of Genocide</p>
    <p>Professor Lin Wei, Director, Institute of Fixture Studies (moderator)</p>
    <p><a href="/d/eu.pdf">European Union</a></p>
    <p>Indonesia</p>
    <p><a href="/d/mx.pdf">Mexico</a></p>
    <p>&bull; Burundi (prepared statement, but did not speak)</p>
    <p>Nepal (statement circulated in writing)</p>
    """
    assert plan(page(body)) == [
        ("Ms. Ana Lopez, Minister of Justice of Spain", "panelist", None, (), None, None),
        ("Mr. Omar Haddad, Special Adviser to the Secretary-General on the Prevention of "
         "Genocide", "un_official", None, (), None, None),
        ("Professor Lin Wei, Director, Institute of Fixture Studies", "panelist", None, (), None,
         None),
        ("European Union", "organization", None, (), "http://site.test/d/eu.pdf", None),
        ("Indonesia", "state", "IDN", (), None, None),
        ("Mexico", "state", "MEX", (), "http://site.test/d/mx.pdf", None),
        ("Burundi", "state", "BDI", (), None, "prepared statement, but did not speak"),
        ("Nepal", "state", "NPL", (), None, "statement circulated in writing"),
    ]


def test_a_speaker_listed_without_link_and_with_link_is_planned_once():
    body = ("<p><a href='/d/a.pdf'>Mali</a></p><p>Peru</p><p><a href='/d/p.pdf'>Peru</a></p>"
            "<p>Peru</p><p>Oman</p><p>Oman</p>")
    assert plan(page(body)) == [
        ("Mali", "state", "MLI", (), "http://site.test/d/a.pdf", None),
        ("Peru", "state", "PER", (), "http://site.test/d/p.pdf", None),
        ("Oman", "state", "OMN", (), None, None),
    ]


def test_one_document_listed_for_two_speakers_is_planned_once():
    body = ("<p><a href='/d/nordic.pdf'>Norway</a></p><p><a href='/d/nordic.pdf'>Iceland</a></p>"
            "<p><a href='/d/mali.pdf'>Mali</a></p>")
    assert plan(page(body)) == [
        ("Norway", "state", "NOR", (), "http://site.test/d/nordic.pdf", None),
        ("Iceland", "state", "ISL", (), None, "listed with the document of Norway"),
        ("Mali", "state", "MLI", (), "http://site.test/d/mali.pdf", None),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Brazil", ("Brazil", "state", "BRA", None)),
    ("Republic\nof Korea", ("Republic of Korea", "state", "KOR", None)),
    ("Statement by the Permanent Mission of Ghana", ("Ghana", "state", "GHA", None)),
    ("Holy See", ("Holy See", "state", "VAT", None)),
    ("State of Palestine", ("State of Palestine", "state", "PSE", None)),
    ("European Union", ("European Union", "organization", None, None)),
    ("EU", ("European Union", "organization", None, None)),
    ("African Union", ("African Union", "organization", None, None)),
    ("League of Arab States", ("League of Arab States", "organization", None, None)),
    ("ASEAN", ("Association of Southeast Asian Nations", "organization", None, None)),
    ("Group of Friends of R2P", ("Group of Friends of the Responsibility to Protect",
                                 "organization", None, None)),
    ("Nordic countries", ("Nordic countries", "organization", None, None)),
    ("Denmark on behalf of the Nordic countries",
     ("Denmark", "state", "DNK", "on behalf of the Nordic countries")),
    ("European Union, on behalf of its member states",
     ("European Union", "organization", None, "on behalf of its member states")),
    ("ICRtoP", (ICRTOP, "civil_society", None, None)),
    ("Global Centre for R2P", (GCR2P, "civil_society", None, None)),
    ("Human Rights Watch", ("Human Rights Watch", "civil_society", None, None)),
    ("Fixture Institute for Peace Studies", ("Fixture Institute for Peace Studies",
                                             "civil_society", None, None)),
    ("Secretary-General Ban Ki-moon", ("Secretary-General Ban Ki-moon", "un_official", None,
                                       None)),
    ("Deputy Secretary-General", ("Deputy Secretary-General", "un_official", None, None)),
    ("Vice-President of the General Assembly", ("Vice-President of the General Assembly",
                                                "un_official", None, None)),
    ("High Commissioner for Human Rights", ("High Commissioner for Human Rights", "un_official",
                                            None, None)),
    ("Secretary-General of the League of Arab States", ("League of Arab States", "organization",
                                                        None, None)),
    ("Ambassador Ana   Ruiz, Permanent Representative of Peru",
     ("Ambassador Ana Ruiz, Permanent Representative of Peru", "panelist", None, None)),
    ("Korea", None),
    ("Member States", None),
    ("Civil society", None),
    ("Statements:", None),
    ("Read more", None),
    ("us", None),
])
def test_classify(text, expected):
    got = classify(text)
    assert (None if got is None else (got.name, got.type, got.iso3, got.note)) == expected


def test_speaker_list_in_one_paragraph_or_separated_by_br():
    one = page("<p><a href='/d/a.pdf'>Mali</a> (in French) <a href='/d/b.pdf'>Peru</a> Cuba "
               "<a href='/d/c.pdf'>Chad</a>, <a href='/d/d.pdf'>Oman</a></p>")
    brs = page("<p><a href='/d/a.pdf'>Mali</a> (in French)<br><a href='/d/b.pdf'>Peru</a><br>"
               "Cuba<br><a href='/d/c.pdf'>Chad</a><br><a href='/d/d.pdf'>Oman</a></p>")
    expected = [
        ("Mali", "state", "MLI", ("fr",), "http://site.test/d/a.pdf", None),
        ("Peru", "state", "PER", (), "http://site.test/d/b.pdf", None),
        ("Cuba", "state", "CUB", (), None, None),
        ("Chad", "state", "TCD", (), "http://site.test/d/c.pdf", None),
        ("Oman", "state", "OMN", (), "http://site.test/d/d.pdf", None),
    ]
    assert plan(one) == expected
    assert plan(brs) == expected


def test_prose_link_names_must_be_unmistakable():
    prose = ("<p>On 8 September 2014 <a href='/d/x.pdf'>Dr. Jane Doe</a> opened, "
             "<a href='/d/y.pdf'>a Fixture Institute</a> replied, the "
             "<a href='/d/z.pdf'>Deputy Secretary-General</a> closed, and "
             "<a href='/d/statement.pdf'>his statement</a> was circulated.</p>")
    assert plan(page("", prose=prose)) == [
        ("Deputy Secretary-General", "un_official", None, (), "http://site.test/d/z.pdf", None)]


# --------------------------------------------------------------------------------------------
# year

@pytest.mark.parametrize("text, year", [
    ("On 11 September 2013, the General Assembly", 2013),
    ("held on 5 September 2012 in New York", 2012),
    ("September 8, 2014 - New York", 2014),
    ("on the 6th of September 2016", 2016),
    ("Sept. 8, 2015", 2015),
    ("the 2005 World Summit; in 2009 the debate", None),
    ("report A/67/929 of 2013", None),
    ("32 September 2013", None),
])
def test_find_year(text, year):
    assert find_year(text) == year


def test_year_from_argument_then_page_date_else_unusable_input():
    html = page("<p><a href='/a.pdf'>Mali</a></p><p><a href='/b.pdf'>Peru</a></p>"
                "<p><a href='/c.pdf'>Chad</a></p>", prose="<p>Last week, delegations met.</p>")
    assert {s.year for s in parse_page(html, base_url=None, year=2013).statements} == {2013}
    with pytest.raises(UnusableInput) as err:
        parse_page(html, base_url=None, page="pages/undated.html")
    assert str(err.value) == "no dialogue date found in pages/undated.html; pass --year YEAR"
    dated = html.replace("Last week", "On 5 September 2012")
    assert parse_page(dated, base_url=None).date_year == 2012


# --------------------------------------------------------------------------------------------
# decoding and garbage

def test_decode_html():
    assert decode_html(codecs.BOM_UTF8 + "Côte".encode()) == "Côte"
    assert decode_html(codecs.BOM_UTF16_LE + "Côte".encode("utf-16-le")) == "Côte"
    assert decode_html(b'<meta charset="windows-1252"><p>C\xf4te d\x92Ivoire') == \
        '<meta charset="windows-1252"><p>Côte d’Ivoire'
    assert decode_html(b"<meta http-equiv='Content-Type' content='text/html; "
                       b"charset=ISO-8859-1'>\x93x\x94") == (
        "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>“x”")
    assert decode_html("Côte".encode()) == "Côte"
    assert decode_html(b"C\xf4te") == "Côte"  # not UTF-8: windows-1252
    assert decode_html(b'<meta charset="no-such-codec">C\xc3\xb4te') == \
        '<meta charset="no-such-codec">Côte'


def test_bytes_and_text_give_the_same_plan():
    data = (PAGES / "dialogue_2015_list.html").read_bytes()
    base = "https://fixture-r2p.test/2015/dialogue/"
    assert plan(data, base_url=base) == plan(data.decode("utf-8"), base_url=base)


@pytest.mark.parametrize("garbage", [
    b"", b"   ", b"\x00\x01\x02\xff\xfe\x00binary", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "just some text, no markup at all", "<<<>>><a href=<a href='x'>", "<?xml version='1.0' "
    "encoding='utf-8'?><html><body><p>x</p></body></html>", "<a href='http://[::1'>Chad</a>",
])
def test_garbage_gives_an_empty_plan(garbage):
    assert parse_page(garbage, base_url="http://site.test/", year=2014).statements == []


def test_garbage_without_year_asks_for_one():
    with pytest.raises(UnusableInput):
        parse_page(b"\x00\xff", base_url=None)


def test_twenty_thousand_links():
    links = "".join(f"<p><a href='/d/doc{i}.pdf'>Mali</a></p>" for i in range(20_000))
    got = parse_page(page(links), base_url="http://site.test/", year=2014).statements
    # every document is Mali's; the first is planned, the others are the same speaker's
    assert got[0].url == "http://site.test/d/doc0.pdf"
    assert len(got) == 20_000
    assert {s.iso3 for s in got} == {"MLI"}


def test_ten_megabyte_page_and_pathological_text():
    filler = ("<p>" + "word (( [[ << " * 50 + "</p>\n") * 14_000
    tail = ("<p><a href='/a.pdf'>Mali</a></p><p><a href='/b.pdf'>Peru</a></p>"
            "<p><a href='/c.pdf'>Chad</a></p>")
    html = page(filler + "<p>" + "(" * 100_000 + "</p>" + "<p>September " * 1000 + tail)
    assert len(html) > 10_000_000
    assert urls(html) == ["http://site.test/a.pdf", "http://site.test/b.pdf",
                          "http://site.test/c.pdf"]


def test_hostile_names_are_cleaned_and_truncated():
    long_name = "Fixture Institute " + "x" * 500
    body = (f"<p><a href='/d/a.pdf'>Ma\x00li</a></p><p><a href='/d/b.pdf'>{long_name}</a></p>"
            "<p><a href='../../../../etc/passwd.pdf'>../../Peru</a></p>"
            "<p><a href='/d/c.pdf'>Ch\u200bad\x07</a></p>")
    got = plan(page(body))
    assert got[0] == ("Mali", "state", "MLI", (), "http://site.test/d/a.pdf", None)
    assert got[1][1] == "civil_society"
    assert len(got[1][0]) == 200 and got[1][0].endswith("…")
    assert got[2] == ("Peru", "state", "PER", (), "http://site.test/etc/passwd.pdf", None)
    assert got[3] == ("Chad", "state", "TCD", (), "http://site.test/d/c.pdf", None)


def test_sentences_mentioning_officials_are_not_speakers():
    body = ("<p>The Special Adviser then moderated a panel of experts.</p>"
            "<p><a href='/d/a.pdf'>Mali</a></p><p><a href='/d/b.pdf'>Peru</a></p>"
            "<p>the Secretary-General recalled the summit</p>"
            "<p><a href='/d/c.pdf'>Chad</a></p>")
    assert [row[0] for row in plan(page(body))] == ["Mali", "Peru", "Chad"]


# --------------------------------------------------------------------------------------------
# a naive conversion: every link of the prose in its own paragraph

N = "http://naive-r2p.test/images/stories/2013/"
NAIVE_BASE = "http://naive-r2p.test/index.php/component/content/article/35-topics/5100-fifth-dialogue"
NAIVE_2013 = [
    ("Secretary-General", "un_official", None, (), N + "sg.pdf", None),
    ("Abena Osei, Judge, Fixture Court of Appeal", "panelist", None, (), N + "panel-osei.pdf",
     None),
    ("Professor Lars Vinter, Director, Institute for Fixture Studies", "panelist", None, (), None,
     None),
    ("European Union", "organization", None, (), N + "eu.pdf", None),
    ("Zambia", "state", "ZMB", (), N + "zambia.pdf", None),
    ("Oman", "state", "OMN", ("ar",), N + "stmt-31.pdf", None),
    ("Fiji", "state", "FJI", (), N + "fiji.pdf", None),
    ("United Republic of Tanzania", "state", "TZA", (), N + "stmt-40.pdf", None),
    ("Nepal", "state", "NPL", (), N + "nepal.pdf", None),
    ("Chad", "state", "TCD", (), N + "chad.pdf", None),
    ("Chad", "state", "TCD", ("fr",), N + "chad-fr.pdf", None),
    ("Mauritania", "state", "MRT", ("fr",), N + "stmt-44.pdf", None),
    ("Bhutan", "state", "BTN", (), N + "bhutan.pdf", None),
    ("Mongolia", "state", "MNG", (), N + "stmt-47.pdf", None),
    ("Gambia", "state", "GMB", (), N + "gambia-2013.pdf", None),
    ("Tonga", "state", "TON", (), N + "kiribati-notes.pdf", None),
    ("Kiribati", "state", "KIR", (), None, None),
    ("Fixture Centre for Atrocity Prevention", "civil_society", None, (), None, None),
    ("Lesotho", "state", "LSO", (), None, "prepared statement, but did not speak"),
    # linked only in the prose, with its language note: after the speaker list
    ("Samoa", "state", "WSM", ("en",), N + "samoa.pdf", None),
]


def test_naive_2013_prose_enumerations_are_not_a_speaker_list():
    """Prose names ("including [Nepal], Nauru, [Oman] and [Bhutan], that expressed ...") split
    over paragraphs: their documents are planned once, in the order of the real speaker list;
    names mentioned only in prose without a link (Nauru, Tuvalu) are not planned."""
    data = (PAGES / "dialogue_2013_naive.html").read_bytes()
    page = parse_page(data, base_url=NAIVE_BASE, page=NAIVE_BASE)
    assert page.title == ("Assembly turns to prevention at its fifth dialogue on the "
                          "responsibility to protect")
    assert page.date_year == 2013
    got = [(s.speaker, s.speaker_type, s.iso3, s.languages, s.url, s.note)
           for s in page.statements]
    assert got == NAIVE_2013


def test_enumeration_inside_a_sentence_split_over_paragraphs():
    prose = (
        "<p>On 8 September 2014 most delegations agreed, but there were some, including</p>"
        "<p><a href='/d/nepal.pdf'>Nepal</a></p><p>, Nauru,</p>"
        "<p><a href='/d/oman.pdf'>Oman</a></p><p>and</p><p><a href='/d/fiji.pdf'>Fiji</a></p>"
        "<p>, that asked for more time before the principle was applied anywhere.</p>")
    body = ("<p><a href='/d/mali.pdf'>Mali</a></p><p><a href='/d/fiji.pdf'>Fiji</a></p>"
            "<p><a href='/d/peru.pdf'>Peru</a></p><p><a href='/d/nepal.pdf'>Nepal</a></p>")
    d = "http://site.test/d/"
    assert plan(page(body, prose=prose)) == [
        ("Mali", "state", "MLI", (), d + "mali.pdf", None),
        ("Fiji", "state", "FJI", (), d + "fiji.pdf", None),
        ("Peru", "state", "PER", (), d + "peru.pdf", None),
        ("Nepal", "state", "NPL", (), d + "nepal.pdf", None),
        ("Oman", "state", "OMN", (), d + "oman.pdf", None),
    ]


def test_enumeration_ending_with_a_full_stop_in_its_own_paragraph():
    prose = ("<p>On 8 September 2014 the dialogue took place.</p>"
             "<p>Courts were raised by</p><p><a href='/d/fiji.pdf'>Fiji</a></p><p>,</p>"
             "<p><a href='/d/chad.pdf'>Chad</a></p><p>and</p><p><a href='/d/oman.pdf'>Oman</a>"
             "</p><p>.</p>")
    body = ("<p><a href='/d/mali.pdf'>Mali</a></p><p><a href='/d/oman.pdf'>Oman</a></p>"
            "<p><a href='/d/peru.pdf'>Peru</a></p>")
    assert urls(page(body, prose=prose)) == [
        "http://site.test/d/mali.pdf", "http://site.test/d/oman.pdf",
        "http://site.test/d/peru.pdf", "http://site.test/d/fiji.pdf",
        "http://site.test/d/chad.pdf"]


def test_a_list_after_prose_without_a_full_stop_keeps_its_first_entry():
    prose = ("<p>On 8 September 2014 delegations met, and the statements of the day, in the "
             "order in which they were delivered, follow</p>")
    body = ("<p><a href='/d/mali.pdf'>Mali</a></p><p><a href='/d/peru.pdf'>Peru</a></p>"
            "<p>Cuba</p>")
    assert plan(page(body, prose=prose)) == [
        ("Mali", "state", "MLI", (), "http://site.test/d/mali.pdf", None),
        ("Peru", "state", "PER", (), "http://site.test/d/peru.pdf", None),
        ("Cuba", "state", "CUB", (), None, None),
    ]


# --------------------------------------------------------------------------------------------
# language notes after links that are planned outside a speaker list

def test_language_note_after_a_single_list_entry():
    html = ('<p>On 8 September 2014 the dialogue was held.</p><ul><li>'
            '<a href="http://x.test/scan.pdf">Botswana</a> (in French)</li></ul>')
    assert plan(html, base_url=None) == [
        ("Botswana", "state", "BWA", ("fr",), "http://x.test/scan.pdf", None)]


def test_language_notes_after_two_list_entries():
    html = ('<p>On 8 September 2014 the dialogue was held.</p><ul>'
            '<li><a href="http://x.test/scan.pdf">Botswana</a> (in French)</li>'
            '<li><a href="http://x.test/p.pdf">Peru</a> (English and Spanish)</li></ul>')
    assert plan(html, base_url=None) == [
        ("Botswana", "state", "BWA", ("fr",), "http://x.test/scan.pdf", None),
        ("Peru", "state", "PER", ("en", "es"), "http://x.test/p.pdf", None),
    ]


def test_language_note_after_a_link_in_a_paragraph_or_on_the_next_line():
    para = ('<p>On 8 September 2014 the dialogue was held.</p>'
            '<p><a href="http://x.test/scan.pdf">Botswana</a> (in French)</p>')
    assert plan(para, base_url=None) == [
        ("Botswana", "state", "BWA", ("fr",), "http://x.test/scan.pdf", None)]
    next_line = ('<p>On 8 September 2014 the dialogue was held.</p>'
                 '<p><a href="http://x.test/scan.pdf">Botswana</a></p><p>(in French)</p>')
    assert plan(next_line, base_url=None) == [
        ("Botswana", "state", "BWA", ("fr",), "http://x.test/scan.pdf", None)]


def test_language_notes_after_links_in_running_prose():
    html = ('<p>On 8 September 2014 <a href="http://x.test/b.pdf">Botswana</a> (speaking in '
            'French) disagreed with <a href="http://x.test/m.pdf">Mali</a> (Arabic, French) '
            'and with <a href="http://x.test/g.pdf">Ghana</a> (in <a href="http://x.test/g-fr.pdf"'
            '>French</a>) on most points, in a debate (in English) of some length.</p>')
    assert plan(html, base_url=None) == [
        ("Botswana", "state", "BWA", (), "http://x.test/b.pdf", None),
        ("Mali", "state", "MLI", ("ar", "fr"), "http://x.test/m.pdf", None),
        ("Ghana", "state", "GHA", (), "http://x.test/g.pdf", None),
        ("Ghana", "state", "GHA", ("fr",), "http://x.test/g-fr.pdf", None),
    ]


def test_stray_anchor_after_a_name_that_lost_its_first_letter():
    body = ("<p><a href='/d/s1.pdf'>Mali</a> <a href='/d/s2.pdf'>Peru</a> "
            "<a href='/d/s3.pdf'>Urugu</a>\n<a href='/d/s3.pdf'>ay</a> "
            "<a href='/d/s4.pdf'>ongolia</a> <a href='/d/s4.pdf'>I</a> "
            "<a href='/d/s5.pdf'>Chad</a></p>")
    assert [(row[0], row[4]) for row in plan(page(body))] == [
        ("Mali", "http://site.test/d/s1.pdf"), ("Peru", "http://site.test/d/s2.pdf"),
        ("Uruguay", "http://site.test/d/s3.pdf"), ("Mongolia", "http://site.test/d/s4.pdf"),
        ("Chad", "http://site.test/d/s5.pdf")]


def test_a_long_comma_separated_list_after_an_introduction_without_colon_stays_a_list():
    prose = ("<p>On 8 September 2014 delegations met, and the statements of the day, in the "
             "order in which they were delivered, follow</p>")
    names = ["Mali", "Peru", "Chad", "Oman", "Fiji", "Nepal", "Togo", "Cuba"]
    body = "".join(f"<p><a href='/d/{n.lower()}.pdf'>{n}</a>,</p>" for n in names)
    body += "<p>Kiribati,</p><p>and <a href='/d/tonga.pdf'>Tonga</a>.</p>"
    d = "http://site.test/d/"
    assert plan(page(body, prose=prose)) == [
        *[(n, "state", iso3, (), f"{d}{n.lower()}.pdf", None) for n, iso3 in zip(
            names, ["MLI", "PER", "TCD", "OMN", "FJI", "NPL", "TGO", "CUB"], strict=True)],
        ("Kiribati", "state", "KIR", (), None, None),
        ("Tonga", "state", "TON", (), d + "tonga.pdf", None),
    ]


def test_refused_link_schemes_are_noted_on_the_speaker():
    html = ("<p>On 8 September 2015 the dialogue took place.</p><h2>Statements</h2><ul>"
            "<li><a href='http://x.test/a.pdf'>Brazil</a></li>"
            "<li><a href='javascript:void(0)'>Norway</a> (in French)</li>"
            "<li><a href=' FILE:///etc/passwd'>Kenya</a></li>"
            "<li><a href='mailto:mission@ghana.test'>Ghana</a></li>"
            "<li><a href='http://x.test/p.pdf'>Peru</a></li></ul>")
    got = [(s.speaker, s.url, s.languages, s.note)
           for s in parse_page(html, base_url=None).statements]
    assert got == [
        ("Brazil", "http://x.test/a.pdf", (), None),
        ("Norway", None, ("fr",), "link refused: javascript: URLs are never followed"),
        ("Kenya", None, (), "link refused: file: URLs are never followed"),
        ("Ghana", None, (), None),
        ("Peru", "http://x.test/p.pdf", (), None),
    ]


def test_relative_links_without_a_base_are_counted_and_their_speakers_flagged():
    html = ("<p>On 6 September 2016 the dialogue took place.</p>"
            "<ul><li><a href='docs/russia.pdf'>Russia</a></li><li>Ghana</li>"
            "<li><a href='http://x.test/kenya.pdf'>Kenya</a></li>"
            "<li><a href='http://x.test/peru.pdf'>Peru</a></li></ul>"
            "<p><a href='#top'>Top</a> <a href='mailto:a@x.test'>Mail</a> "
            "<a href='//x.test/'>Home</a> <a href='about.html'>About</a></p>")
    parsed = parse_page(html, base_url=None, page="p.html")
    assert parsed.unresolved_links == 2  # docs/russia.pdf and about.html
    assert [(s.speaker, s.url, s.unresolved) for s in parsed.statements] == [
        ("Russian Federation", None, True), ("Ghana", None, False),
        ("Kenya", "http://x.test/kenya.pdf", False), ("Peru", "http://x.test/peru.pdf", False)]
    assert "unresolved" not in parsed.statements[0].to_json()
    based = parse_page(html, base_url="http://x.test/", page="p.html")
    assert based.unresolved_links == 0
    assert [(s.speaker, s.unresolved) for s in based.statements][0] == (
        "Russian Federation", False)
