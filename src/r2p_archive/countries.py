"""States and observer states of the United Nations, and how names on pages map to them.

Two uses, two levels of strictness:

* :func:`lookup_state` is for parsing: is this piece of page text (a link text, a speaker name,
  a token of a file name) the name of a state?  Only an *exact* match of the normalised text
  against a known name or alias counts; nothing is guessed.  Names that are genuinely ambiguous
  ("Korea") match nothing.
* :func:`resolve_country` is for filters typed by a user: any name form, ISO alpha-2 or
  alpha-3 code, any case, with or without accents.  A query that fits several states raises
  :class:`AmbiguousCountry`, an unknown one :class:`UnknownCountry` with close suggestions.

Names come from pycountry (``name``, ``official_name``, ``common_name``) plus a small table of
the forms used at the UN and on civil-society pages.  The set of states is the 193 member
states plus the two observer states (Holy See, State of Palestine); dependent territories in
ISO 3166 are not speakers at the General Assembly and are left out on purpose.

Display names follow UN usage (M49 / UNTERM short names, e.g. "Republic of Korea",
"Iran (Islamic Republic of)", "Côte d'Ivoire"), except that the United Kingdom and the United
States keep their short names for readable listings.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from r2p_archive.errors import UnusableInput
from r2p_archive.languages import UN_LANGUAGES, gettext_locale
from r2p_archive.text import one_line


@dataclass(frozen=True)
class Country:
    iso3: str  # "BRA"
    iso2: str  # "BR"
    name: str  # display name in UN usage


class AmbiguousCountry(UnusableInput):
    """A country filter that fits several states."""

    def __init__(self, query: str, candidates: list[Country]):
        self.query = query
        self.candidates = candidates
        shown = ", ".join(f"{c.name} ({c.iso3})" for c in candidates[:10])
        if len(candidates) > 10:
            shown += f" and {len(candidates) - 10} more"
        super().__init__(f'ambiguous country "{one_line(query, 80)}": {shown}')


class UnknownCountry(UnusableInput):
    """A country filter that fits no state."""

    def __init__(self, query: str, suggestions: list[Country]):
        self.query = query
        self.suggestions = suggestions
        msg = f'unknown country "{one_line(query, 80)}"'
        if suggestions:
            names = [f"{c.name} ({c.iso3})" for c in suggestions]
            if len(names) == 1:
                msg += f"; did you mean {names[0]}?"
            else:
                msg += f"; did you mean {', '.join(names[:-1])} or {names[-1]}?"
        else:
            msg += "; give a country name or an ISO 3166 code such as BRA"
        super().__init__(msg)


# The 193 member states of the United Nations, as ISO 3166-1 alpha-3 codes.
_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

# Non-member observer states.
_OBSERVERS = ["VAT", "PSE"]

# Display names where UN usage differs from pycountry's ``name``.
_DISPLAY = {
    "BOL": "Bolivia (Plurinational State of)",
    "COD": "Democratic Republic of the Congo",
    "CZE": "Czechia",
    "FSM": "Micronesia (Federated States of)",
    "IRN": "Iran (Islamic Republic of)",
    "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea",
    "MDA": "Republic of Moldova",
    "PSE": "State of Palestine",
    "TZA": "United Republic of Tanzania",
    "VAT": "Holy See",
    "VEN": "Venezuela (Bolivarian Republic of)",
}

# Extra names in use at the UN, on NGO pages and in file names.  Every alias names exactly one
# state; names that fit several states ("Korea") must not appear here.
_ALIASES = {
    "ARE": ["UAE", "U.A.E."],
    "BOL": ["Bolivia"],
    "BRN": ["Brunei"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast"],
    "CHN": ["PRC", "P.R.C.", "People's Republic of China", "PR China", "Mainland China"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa",
            "Congo Kinshasa", "Congo (Democratic Republic of the)"],
    "COG": ["Republic of Congo", "Congo-Brazzaville", "Congo Brazzaville"],
    "CPV": ["Cape Verde"],
    "LBY": ["Libyan Arab Jamahiriya"],
    "CZE": ["Czech Republic"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "GBR": ["UK", "U.K.", "Great Britain", "Britain",
            "United Kingdom of Great Britain and Northern Ireland"],
    "IRN": ["Iran"],
    "KOR": ["ROK", "South Korea", "Korea (Republic of)"],
    "LAO": ["Lao PDR", "Laos"],
    "MDA": ["Moldova"],
    "MKD": ["Macedonia", "The former Yugoslav Republic of Macedonia", "FYROM",
            "Former Yugoslav Republic of Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["The Netherlands", "Holland", "Kingdom of the Netherlands"],
    "PRK": ["DPRK", "North Korea"],
    "PSE": ["Palestine", "State of Palestine"],
    "RUS": ["Russia"],
    "SAU": ["KSA", "Kingdom of Saudi Arabia"],
    "SWZ": ["Swaziland", "Kingdom of Swaziland"],
    "SYR": ["Syria"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey"],
    "TZA": ["Tanzania"],
    "USA": ["US", "U.S.", "USA", "U.S.A.", "United States of America"],
    "VAT": ["Holy See", "Vatican", "Vatican City"],
    "VEN": ["Venezuela"],
    "VNM": ["Vietnam", "Viet Nam"],
}

# Names a user may type that fit several states even though one state carries the name
# officially: the filter asks which one is meant instead of picking.
# Names that, typed as a filter, a user may mean for several states (issue #5): an error
# listing them is better than a silent guess.  "GIN", "COG" or a longer name picks one.
_AMBIGUOUS = {
    "congo": ("COG", "COD"),
    "korea": ("KOR", "PRK"),
    "guinea": ("GIN", "GNQ", "GNB", "PNG"),
}

# Names of places that are not UN member or observer states: typed as a filter, they get an
# explanation instead of a near match ("Republic of China" is not China).
_NOT_STATES = {
    "republic of china": "Taiwan",
    "roc": "Taiwan",
    "taiwan": "Taiwan",
    "chinese taipei": "Taiwan",
    "taiwan province of china": "Taiwan",
}
_NOT_STATE_NOTE = {
    "Taiwan": "Taiwan (the Republic of China) is not a UN member state and did not speak at "
              "the General Assembly; for the People's Republic of China give China or CHN",
}

_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc"
_MAX_NAME = 200


def normalize_name(text: str) -> str:
    """The matching key of a name: accents, case, punctuation, "the" and spacing removed.

    ``"  The Côte d’Ivoire.\\n"`` -> ``"cote divoire"``; ``"St. Lucia"`` -> ``"saint lucia"``.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = text.replace(".", "")
    text = re.sub(r"[\W_]+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    if text.startswith("st "):
        text = "saint " + text[3:]
    return text


def _abbrev_key(text: str) -> str:
    return re.sub(r"[\s.]+", "", text)


def _is_abbrev(text: str) -> bool:
    """"UK", "U.S.A.", "DPRK": matched only when written in capitals ("us" is a word)."""
    compact = _abbrev_key(text)
    return 2 <= len(compact) <= 5 and compact.isascii() and compact.isalpha() and compact.isupper()


def _inverted(name: str) -> str | None:
    """pycountry's "Korea, Republic of" -> "Republic of Korea"."""
    if ", " not in name:
        return None
    head, _, tail = name.partition(", ")
    return f"{tail} {head}"


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Country], dict[str, str], dict[str, str], dict[str, str]]:
    """(states by iso3, iso3 by name key, iso3 by alpha-2, iso3 by abbreviation).

    Name keys are normalised names (see :func:`normalize_name`) and, in addition, the same keys
    with their spaces removed, so "Cote d Ivoire" or "Urugu ay" still match exactly.
    """
    import pycountry

    states: dict[str, Country] = {}
    keys: dict[str, str] = {}
    by_iso2: dict[str, str] = {}
    abbrevs: dict[str, str] = {}
    clashes: set[str] = set()

    def add(key_text: str, iso3: str) -> None:
        if _is_abbrev(key_text):
            abbrevs[_abbrev_key(key_text)] = iso3
            return
        key = normalize_name(key_text)
        if not key:
            return
        if keys.get(key, iso3) != iso3:
            clashes.add(key)
        keys[key] = iso3

    for iso3 in [*_MEMBERS, *_OBSERVERS]:
        rec = pycountry.countries.get(alpha_3=iso3)
        if rec is None:  # pragma: no cover - would mean pycountry dropped a state
            continue
        display = _DISPLAY.get(iso3, rec.name)
        states[iso3] = Country(iso3=iso3, iso2=rec.alpha_2, name=display)
        by_iso2[rec.alpha_2] = iso3
        forms = [display, rec.name, getattr(rec, "official_name", None),
                 getattr(rec, "common_name", None), *_ALIASES.get(iso3, [])]
        for form in forms:
            if not form:
                continue
            add(form, iso3)
            inv = _inverted(form)
            if inv:
                add(inv, iso3)
    for key, iso3 in list(keys.items()):
        add(key.replace(" ", ""), iso3)
    for key in clashes:  # a name that fits two states is no exact match for either
        keys.pop(key, None)
    return states, keys, by_iso2, abbrevs


def all_states() -> list[Country]:
    """Every member and observer state, sorted by display name."""
    return sorted(_tables()[0].values(), key=lambda c: normalize_name(c.name))


def country_name(iso3: str) -> str | None:
    """Display name of a state from its alpha-3 code (any case); None if not a state."""
    country = _tables()[0].get(iso3.strip().upper()) if isinstance(iso3, str) else None
    return country.name if country else None


def lookup_state(text: str) -> Country | None:
    """The state this text names exactly (after normalisation), else None. No guessing."""
    if not text or len(text) > _MAX_NAME:
        return None
    states, keys, _, abbrevs = _tables()
    key = normalize_name(text)
    iso3 = keys.get(key) or keys.get(key.replace(" ", ""))
    if iso3 is None:
        iso3 = abbrevs.get(_abbrev_key(text.strip().rstrip(",;:")))
    return states[iso3] if iso3 else None


# UN names (as the verbatim records print them) where they differ from pycountry's
# translations of the ISO 3166 names; a start, not a complete table.
_UN_NAMES = {
    "fr": {"RUS": ["Fédération de Russie"], "USA": ["États-Unis d'Amérique"],
           "GBR": ["Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"]},
    "es": {"RUS": ["Federación de Rusia"], "USA": ["Estados Unidos de América"],
           "GBR": ["Reino Unido de Gran Bretaña e Irlanda del Norte"]},
    "ru": {"USA": ["Соединенные Штаты Америки"],
           "GBR": ["Соединенное Королевство Великобритании и Северной Ирландии"]},
    "zh": {"RUS": ["俄罗斯联邦"], "USA": ["美利坚合众国"], "GBR": ["大不列颠及北爱尔兰联合王国"]},
    "ar": {"RUS": ["الاتحاد الروسي"], "USA": ["الولايات المتحدة الأمريكية"],
           "GBR": ["المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"]},
}


@functools.lru_cache(maxsize=8)
def _translated_keys(language: str) -> dict[str, str]:
    """iso3 by normalised name in ``language``, from pycountry's ISO 3166 translations."""
    import gettext

    import pycountry

    locale = gettext_locale(language)
    if locale is None:
        return {}
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return {}
    keys: dict[str, str] = {}
    clashes: set[str] = set()
    for iso3 in _tables()[0]:
        rec = pycountry.countries.get(alpha_3=iso3)
        if rec is None:  # pragma: no cover - would mean pycountry dropped a state
            continue
        for form in (rec.name, getattr(rec, "official_name", None),
                     getattr(rec, "common_name", None)):
            if not form:
                continue
            for name in {tr.gettext(form), *_inverted_forms(tr.gettext(form))}:
                for key in (normalize_name(name), normalize_name(name).replace(" ", "")):
                    if key and keys.get(key, iso3) != iso3:
                        clashes.add(key)
                    if key:
                        keys[key] = iso3
    for iso3, names in _UN_NAMES.get(language, {}).items():
        for name in names:
            keys[normalize_name(name)] = iso3
    for key in clashes:
        keys.pop(key, None)
    return keys


def _inverted_forms(name: str) -> list[str]:
    """"Iran, République islamique d'" -> "République islamique d'Iran"; the part before the
    comma alone too."""
    if "," not in name or name.count(",") > 1:
        return []
    head, tail = (p.strip() for p in name.split(","))
    sep = "" if tail.endswith(("'", "’")) else " "
    return [f"{tail}{sep}{head}", head]


def lookup_state_in(text: str, language: str) -> Country | None:
    """Like :func:`lookup_state`, for a name written in ``language`` (fr, es, ru, zh, ar:
    pycountry's translations of ISO 3166 names; English names are tried too)."""
    found = lookup_state(text)
    if found is not None or language == "en" or not text or len(text) > _MAX_NAME:
        return found
    keys = _translated_keys(language)
    key = normalize_name(text)
    iso3 = keys.get(key) or keys.get(key.replace(" ", ""))
    return _tables()[0][iso3] if iso3 else None


def _exact_state(key: str) -> str | None:
    """The ISO3 code a normalised name names exactly: an ISO code or abbreviation, a name in
    English, or in French, Spanish, Russian, Chinese or Arabic ("Brasil", "États-Unis")."""
    states, keys, by_iso2, abbrevs = _tables()
    compact = key.replace(" ", "")
    if compact.isascii() and compact.isalpha():
        code = compact.upper()
        if len(code) == 3 and code in states:
            return code
        if len(code) == 2 and code in by_iso2:
            return by_iso2[code]
        if code in abbrevs:
            return abbrevs[code]
    found = keys.get(key) or keys.get(compact)
    for language in UN_LANGUAGES:
        if found:
            break
        translated = _translated_keys(language)
        found = translated.get(key) or translated.get(compact)
    return found


def resolve_country(query: str) -> Country:
    """The state a user means by ``query``: a name in any common form, or an ISO code.

    Raises :class:`AmbiguousCountry` or :class:`UnknownCountry` (both ``UnusableInput``).
    """
    states, keys, _, _ = _tables()
    raw = (query or "").strip()
    if len(raw) > _MAX_NAME:
        raise UnknownCountry(raw, [])
    key = normalize_name(raw)
    if not key:
        raise UnknownCountry(raw, [])
    if key in _NOT_STATES:
        raise UnusableInput(f'"{raw}": {_NOT_STATE_NOTE[_NOT_STATES[key]]}')
    if key in _AMBIGUOUS:
        cands = [states[c] for c in _AMBIGUOUS[key]]
        raise AmbiguousCountry(raw, sorted(cands, key=lambda c: normalize_name(c.name)))
    exact = _exact_state(key)
    if exact is not None:
        return states[exact]
    # A whole-word part of a name ("Bosnia", "Korea"): fine when it fits one state only.
    words = f" {key} "
    found = sorted({iso3 for k, iso3 in keys.items() if words in f" {k} "})
    if len(found) == 1:
        return states[found[0]]
    if found:
        cands = sorted((states[c] for c in found), key=lambda c: normalize_name(c.name))
        raise AmbiguousCountry(raw, cands)
    close = difflib.get_close_matches(key, list(keys), n=6, cutoff=0.75)
    suggestions: list[Country] = []
    for k in close:
        c = states[keys[k]]
        if c not in suggestions:
            suggestions.append(c)
    raise UnknownCountry(raw, suggestions[:3])


__all__ = [
    "AmbiguousCountry",
    "Country",
    "UnknownCountry",
    "all_states",
    "country_name",
    "lookup_state",
    "normalize_name",
    "resolve_country",
]
