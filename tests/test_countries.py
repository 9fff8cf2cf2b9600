"""Country names -> states: exact matching for parsing, forgiving resolution for filters."""

from __future__ import annotations

import pytest

from r2p_archive.countries import (
    AmbiguousCountry,
    Country,
    UnknownCountry,
    all_states,
    country_name,
    lookup_state,
    normalize_name,
    resolve_country,
)
from r2p_archive.errors import UnusableInput


def iso3(text):
    found = lookup_state(text)
    return found.iso3 if found else None


# Names that must never be mistaken for one another.
CONFUSABLE = [
    ("Niger", "NER"), ("Nigeria", "NGA"), ("the Niger", "NER"),
    ("Guinea", "GIN"), ("Equatorial Guinea", "GNQ"), ("Guinea-Bissau", "GNB"),
    ("Guinea Bissau", "GNB"), ("Papua New Guinea", "PNG"), ("Republic of Guinea", "GIN"),
    ("Congo", "COG"), ("Republic of the Congo", "COG"), ("Republic of Congo", "COG"),
    ("Democratic Republic of the Congo", "COD"), ("DR Congo", "COD"), ("DRC", "COD"),
    ("Democratic Republic of Congo", "COD"), ("Congo-Kinshasa", "COD"),
    ("Congo-Brazzaville", "COG"),
    ("Republic of Korea", "KOR"), ("Republic\nof Korea", "KOR"), ("South Korea", "KOR"),
    ("ROK", "KOR"), ("Korea, Republic of", "KOR"),
    ("Democratic People's Republic of Korea", "PRK"), ("Democratic People’s Republic of Korea",
                                                      "PRK"),
    ("DPRK", "PRK"), ("North Korea", "PRK"),
    ("Dominica", "DMA"), ("Dominican Republic", "DOM"), ("Commonwealth of Dominica", "DMA"),
    ("Sudan", "SDN"), ("South Sudan", "SSD"), ("the Sudan", "SDN"),
]


@pytest.mark.parametrize("text, expected", CONFUSABLE)
def test_confusable_names(text, expected):
    assert iso3(text) == expected


UN_USAGE = [
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Iran", "IRN"),
    ("Iran (Islamic Republic of)", "IRN"), ("Islamic Republic of Iran", "IRN"),
    ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"), ("Bolivia", "BOL"),
    ("Bolivia (Plurinational State of)", "BOL"), ("Venezuela", "VEN"),
    ("Venezuela (Bolivarian Republic of)", "VEN"), ("Tanzania", "TZA"),
    ("United Republic of Tanzania", "TZA"), ("Cote d'Ivoire", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"), ("COTE D'IVOIRE", "CIV"), ("Ivory Coast", "CIV"),
    ("The Netherlands", "NLD"), ("Netherlands", "NLD"), ("Czech Republic", "CZE"),
    ("Czechia", "CZE"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Turkiye", "TUR"),
    ("Holy See", "VAT"), ("Holy See (Vatican City State)", "VAT"), ("State of Palestine", "PSE"),
    ("Palestine", "PSE"), ("United States", "USA"), ("United States of America", "USA"),
    ("USA", "USA"), ("U.S.A.", "USA"), ("US", "USA"), ("United Kingdom", "GBR"), ("UK", "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("Viet Nam", "VNM"),
    ("Vietnam", "VNM"), ("Lao PDR", "LAO"), ("Laos", "LAO"),
    ("Lao People's Democratic Republic", "LAO"), ("Moldova", "MDA"),
    ("Republic of Moldova", "MDA"), ("Micronesia", "FSM"),
    ("Micronesia (Federated States of)", "FSM"), ("Brunei", "BRN"),
    ("Brunei Darussalam", "BRN"), ("Cabo Verde", "CPV"), ("Cape Verde", "CPV"),
    ("Eswatini", "SWZ"), ("Swaziland", "SWZ"), ("The Gambia", "GMB"), ("Gambia", "GMB"),
    ("Bahamas", "BHS"), ("the former Yugoslav Republic of Macedonia", "MKD"),
    ("North Macedonia", "MKD"), ("Timor-Leste", "TLS"), ("East Timor", "TLS"),
    ("Myanmar", "MMR"), ("St. Kitts & Nevis", "KNA"), ("Saint Vincent and the Grenadines",
                                                       "VCT"),
    ("São Tomé and Príncipe", "STP"), ("Sao Tome and Principe", "STP"),
    ("Trinidad and Tobago", "TTO"), ("Bosnia and Herzegovina", "BIH"),
]


@pytest.mark.parametrize("text, expected", UN_USAGE)
def test_un_usage_names(text, expected):
    assert iso3(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("  Brazil  ", "BRA"), ("Brazil.", "BRA"), ("Brazil,", "BRA"), ("BRAZIL", "BRA"),
    ("brazil", "BRA"), ("New\n  Zealand", "NZL"), ("Peru;", "PER"), ("The Philippines", "PHL"),
    ("Urugu ay", "URY"),  # one name split by a stray space
    ("Bra\x00zil", "BRA"),  # control characters are not part of a name
])
def test_spacing_case_and_punctuation(text, expected):
    assert iso3(text) == expected


@pytest.mark.parametrize("text", [
    "Korea", "korea", "Guinean", "Nigerian", "Congolese", "us", "uk", "in", "Brazl",
    "European Union", "Secretary-General", "", " ", "Georgia Tech", "Taiwan", "Puerto Rico",
    "Greenland", "Hong Kong", "Jersey", "x" * 5000,
])
def test_not_a_state(text):
    assert lookup_state(text) is None


def test_display_names_follow_un_usage():
    assert lookup_state("South Korea") == Country("KOR", "KR", "Republic of Korea")
    assert lookup_state("Ivory Coast") == Country("CIV", "CI", "Côte d'Ivoire")
    assert [country_name(c) for c in ("PRK", "COD", "BOL", "IRN", "VEN", "FSM", "MDA", "TZA",
                                      "VAT", "PSE", "RUS", "SYR", "LAO", "VNM", "TUR", "CZE",
                                      "GBR", "USA", "NLD", "SWZ", "CPV", "BRN")] == [
        "Democratic People's Republic of Korea", "Democratic Republic of the Congo",
        "Bolivia (Plurinational State of)", "Iran (Islamic Republic of)",
        "Venezuela (Bolivarian Republic of)", "Micronesia (Federated States of)",
        "Republic of Moldova", "United Republic of Tanzania", "Holy See", "State of Palestine",
        "Russian Federation", "Syrian Arab Republic", "Lao People's Democratic Republic",
        "Viet Nam", "Türkiye", "Czechia", "United Kingdom", "United States", "Netherlands",
        "Eswatini", "Cabo Verde", "Brunei Darussalam"]


def test_country_name():
    assert country_name("bra") == "Brazil"
    assert country_name(" KOR ") == "Republic of Korea"
    assert country_name("XXX") is None
    assert country_name("TWN") is None  # in ISO 3166, but no UN member or observer state
    assert country_name("civ") == "Côte d'Ivoire"
    assert country_name("") is None


def test_all_member_and_observer_states():
    states = all_states()
    assert len(states) == 195
    assert len({c.iso3 for c in states}) == 195
    assert {"VAT", "PSE", "SSD", "KOR", "PRK"} <= {c.iso3 for c in states}
    assert states[0].name == "Afghanistan" and states[-1].name == "Zimbabwe"


@pytest.mark.parametrize("state", all_states(), ids=lambda c: c.iso3)
def test_every_state_round_trips(state):
    assert lookup_state(state.name) == state
    if state.iso3 not in ("COG", "GIN"):  # "Congo", "Guinea" alone are ambiguous (below)
        assert resolve_country(state.name) == state
    assert resolve_country(state.iso3.lower()) == state
    assert resolve_country(state.iso2) == state


@pytest.mark.parametrize("query, expected", [
    ("Brazil", "BRA"), ("bra", "BRA"), ("BR", "BRA"), ("br", "BRA"), ("BRAZIL", "BRA"),
    ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("cote d ivoire", "CIV"), ("CIV", "CIV"),
    ("ci", "CIV"), ("Sudan", "SDN"), ("South Sudan", "SSD"), ("GIN", "GIN"),
    ("Niger", "NER"), ("Dominica", "DMA"), ("Republic of the Congo", "COG"), ("COG", "COG"),
    ("DRC", "COD"), ("drc", "COD"), ("usa", "USA"), ("uk", "GBR"), ("GB", "GBR"),
    ("Bosnia", "BIH"), ("Trinidad", "TTO"), ("Holy See", "VAT"), ("VA", "VAT"),
    ("Palestine", "PSE"), ("Turkey", "TUR"), ("türkiye", "TUR"),
])
def test_resolve_country(query, expected):
    assert resolve_country(query).iso3 == expected


@pytest.mark.parametrize("query, message", [
    ("Korea", 'ambiguous country "Korea": Democratic People\'s Republic of Korea (PRK), '
              'Republic of Korea (KOR)'),
    ("korea", 'ambiguous country "korea": Democratic People\'s Republic of Korea (PRK), '
              'Republic of Korea (KOR)'),
    ("Congo", 'ambiguous country "Congo": Congo (COG), Democratic Republic of the Congo (COD)'),
    ("guinea", 'ambiguous country "guinea": Equatorial Guinea (GNQ), Guinea (GIN), '
               'Guinea-Bissau (GNB), Papua New Guinea (PNG)'),
    ("Saint", 'ambiguous country "Saint": Saint Kitts and Nevis (KNA), Saint Lucia (LCA), '
              'Saint Vincent and the Grenadines (VCT)'),
])
def test_ambiguous_country(query, message):
    with pytest.raises(AmbiguousCountry) as err:
        resolve_country(query)
    assert str(err.value) == message
    assert isinstance(err.value, UnusableInput)


def test_ambiguous_country_lists_at_most_ten():
    with pytest.raises(AmbiguousCountry) as err:
        resolve_country("Republic")
    assert str(err.value).startswith('ambiguous country "Republic": Afghanistan (AFG), ')
    assert str(err.value).endswith(" and 119 more")
    assert len(err.value.candidates) == 129


@pytest.mark.parametrize("query, message", [
    ("Brazl", 'unknown country "Brazl"; did you mean Brazil (BRA)?'),
    ("Nigerai", 'unknown country "Nigerai"; did you mean Nigeria (NGA) or Niger (NER)?'),
    ("Austrai", 'unknown country "Austrai"; did you mean Australia (AUS) or Austria (AUT)?'),
    ("Atlantis", 'unknown country "Atlantis"; give a country name or an ISO 3166 code such as '
                 'BRA'),
    ("", 'unknown country ""; give a country name or an ISO 3166 code such as BRA'),
    ("XX", 'unknown country "XX"; give a country name or an ISO 3166 code such as BRA'),
    ("TWN", 'unknown country "TWN"; give a country name or an ISO 3166 code such as BRA'),
    ("a\x00b\nc", 'unknown country "a b c"; give a country name or an ISO 3166 code such as '
                  'BRA'),
])
def test_unknown_country(query, message):
    with pytest.raises(UnknownCountry) as err:
        resolve_country(query)
    assert str(err.value) == message
    assert isinstance(err.value, UnusableInput)


def test_unknown_country_message_is_short_for_huge_input():
    with pytest.raises(UnknownCountry) as err:
        resolve_country("y" * 10_000)
    assert len(str(err.value)) < 200


@pytest.mark.parametrize("text, key", [
    ("  The Côte d’Ivoire.\n", "cote divoire"),
    ("St. Lucia", "saint lucia"),
    ("Antigua & Barbuda", "antigua and barbuda"),
    ("Guinea-Bissau", "guinea bissau"),
])
def test_normalize_name(text, key):
    assert normalize_name(text) == key


# -- #12 item 12 -----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "iso3"), [
    ("UAE", "ARE"), ("PRC", "CHN"), ("KSA", "SAU"), ("Libyan Arab Jamahiriya", "LBY"),
    ("Brasil", "BRA"), ("España", "ESP"), ("États-Unis", "USA"), ("Estados Unidos", "USA"),
    ("Allemagne", "DEU"), ("People's Republic of China", "CHN"),
])
def test_more_names_resolve(name, iso3):
    assert resolve_country(name).iso3 == iso3


@pytest.mark.parametrize("name", ["Republic of China", "Taiwan", "Chinese Taipei"])
def test_republic_of_china_is_not_china(name):
    with pytest.raises(UnusableInput, match="Taiwan .* is not a UN member state"):
        resolve_country(name)
