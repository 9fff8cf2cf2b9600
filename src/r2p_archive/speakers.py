"""Who is speaking: turn a name as printed on a dialogue page into a typed speaker.

Speaker types (see :data:`r2p_archive.models.SPEAKER_TYPES`):

* ``state``: a member or observer state (via :mod:`r2p_archive.countries`); display name is the
  country's UN name, whatever form the page used.
* ``organization``: intergovernmental organisations and groups of states (European Union,
  African Union, League of Arab States, ASEAN, OIC, the Group of Friends of R2P, "Nordic
  countries"...).  A state speaking *on behalf of* a group ("Denmark on behalf of the Nordic
  countries") stays a ``state`` speaker: the document is that state's intervention, and the
  group goes into the note ("on behalf of the Nordic countries").  This keeps country filters
  useful and the group visible.
* ``civil_society``: NGOs (Global Centre for R2P, ICRtoP, Human Rights Watch...).
* ``un_official``: holders of a UN office (Secretary-General, Deputy Secretary-General, Special
  Advisers, President / Vice-President of the General Assembly, High Commissioner...).
* ``panelist``: other people on the panel (a minister, an ambassador, a moderator, a scholar).

People keep their name and role as printed (whitespace normalised); known organisations get
their canonical name so the same speaker looks the same in every year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from r2p_archive.countries import lookup_state, normalize_name
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from r2p_archive.countries import Country

MAX_NAME = 200


@dataclass(frozen=True)
class Speaker:
    name: str
    type: str
    iso3: str | None = None
    note: str | None = None


# canonical name, type, other names (normalised on load).  Abbreviations are matched in
# capitals only, so that ordinary words ("au", "eu") never become speakers.
_KNOWN_ORGS: list[tuple[str, str, list[str]]] = [
    ("European Union", "organization", ["EU", "Delegation of the European Union",
                                         "European Union Delegation"]),
    ("African Union", "organization", ["AU", "African Union Commission"]),
    ("League of Arab States", "organization", ["Arab League", "LAS"]),
    ("Association of Southeast Asian Nations", "organization", ["ASEAN"]),
    ("Organisation of Islamic Cooperation", "organization",
     ["Organization of Islamic Cooperation", "OIC", "Organization of the Islamic Conference"]),
    ("Organization of American States", "organization", ["OAS"]),
    ("Council of Europe", "organization", []),
    ("Organization for Security and Co-operation in Europe", "organization",
     ["OSCE", "Organization for Security and Cooperation in Europe"]),
    ("Economic Community of West African States", "organization", ["ECOWAS"]),
    ("Southern African Development Community", "organization", ["SADC"]),
    ("Caribbean Community", "organization", ["CARICOM"]),
    ("Community of Latin American and Caribbean States", "organization", ["CELAC"]),
    ("Non-Aligned Movement", "organization", ["NAM", "Movement of Non-Aligned Countries"]),
    ("International Committee of the Red Cross", "organization", ["ICRC"]),
    ("Sovereign Order of Malta", "organization", ["Sovereign Military Order of Malta"]),
    ("Group of Friends of the Responsibility to Protect", "organization",
     ["Group of Friends of R2P", "Group of Friends of RtoP", "Group of Friends on R2P",
      "Group of Friends of the R2P", "Group of Friends on the Responsibility to Protect"]),
    ("Accountability, Coherence and Transparency Group", "organization", ["ACT Group"]),
    ("Nordic countries", "organization", ["Nordic Group", "the Nordic States"]),
    ("Benelux", "organization", ["Benelux countries"]),
    ("MIKTA", "organization", []),
    ("Global Centre for the Responsibility to Protect", "civil_society",
     ["Global Centre for R2P", "Global Centre for RtoP", "GCR2P", "Global Center for the "
      "Responsibility to Protect", "Global Center for R2P"]),
    ("International Coalition for the Responsibility to Protect", "civil_society",
     ["ICRtoP", "International Coalition for R2P", "International Coalition for RtoP"]),
    ("Asia Pacific Centre for the Responsibility to Protect", "civil_society",
     ["Asia-Pacific Centre for the Responsibility to Protect", "APR2P", "Asia Pacific Centre "
      "for R2P"]),
    ("Human Rights Watch", "civil_society", ["HRW"]),
    ("Amnesty International", "civil_society", []),
    ("International Crisis Group", "civil_society", ["Crisis Group"]),
    ("Citizens for Global Solutions", "civil_society", []),
    ("World Federalist Movement-Institute for Global Policy", "civil_society",
     ["World Federalist Movement", "WFM-IGP", "WFM"]),
    ("Auschwitz Institute for Peace and Reconciliation", "civil_society",
     ["Auschwitz Institute", "AIPR"]),
    ("Stanley Foundation", "civil_society", ["The Stanley Foundation"]),
    ("Oxfam", "civil_society", ["Oxfam International"]),
    ("Refugees International", "civil_society", []),
    ("Physicians for Human Rights", "civil_society", []),
    ("Genocide Alert", "civil_society", []),
    ("Canadian Centre for the Responsibility to Protect", "civil_society", ["CCR2P"]),
]

# Text that heads a group in a speaker list: never a speaker itself.
_HEADING = re.compile(
    r"(list of )?(statements?( delivered)?|speakers?|panel( of experts)?|panel(l)?ists?|"
    r"(un )?member states|states|observers?( states)?|observer delegations|"
    r"civil society( organi[sz]ations)?|(regional|intergovernmental)( and sub ?regional)? "
    r"(organi[sz]ations|arrangements)|organi[sz]ations|un officials|united nations|"
    r"opening( remarks)?|closing( remarks)?|interactive dialogue|moderator|speakers list|"
    r"governments?|delegations?|country|language|statement|documents?)"
)

_UN_OFFICE = re.compile(
    r"secretary[\s-]*general|\bunsg\b|\bsrsg\b|special (adviser|advisor|representative|"
    r"rapporteur)|president of the (un |united nations )?general assembly|\bpga\b|"
    r"high commissioner|under[\s-]secretary|assistant secretary|"
    r"office (on|for) (genocide prevention|the prevention of genocide)",
    re.IGNORECASE,
)

_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "he", "ambassador", "minister",
    "judge", "justice", "sir", "dame", "hon", "honourable", "honorable", "excellency", "mme",
    "sra", "sr", "senator", "general", "gen",
}
_ROLE_WORDS = {
    "adviser", "advisor", "minister", "ministry", "ambassador", "representative", "director",
    "president", "vice-president", "chair", "chairman", "chairperson", "chairwoman",
    "moderator", "professor", "secretary", "commissioner", "envoy", "coordinator", "head",
    "founder", "rapporteur", "panelist", "panellist", "expert", "fellow", "executive",
    "deputy", "lecturer", "researcher", "judge", "senator", "member",
}
_INTERGOV_WORDS = re.compile(
    r"\b(union|league|organi[sz]ation|community|commission|secretariat|group of|"
    r"group|movement of|countries|states of)\b", re.IGNORECASE)
_NGO_WORDS = re.compile(
    r"\b(centre|center|coalition|institute|foundation|watch|network|movement|alliance|"
    r"association|society|trust|initiative|federation|forum|council|project|campaign|"
    r"international|committee|university)\b", re.IGNORECASE)

# Words around a name that say nothing about who spoke.
_PREFIX = re.compile(
    r"^(?:(?:joint\s+)?(?:statement|remarks|intervention|speech|address|declaration)s?"
    r"(?:\s+(?:delivered|made|given))?(?:\s+(?:by|of|from|on behalf of))?\s*[:\-\u2013]?\s+"
    r"|(?:the\s+)?(?:permanent\s+)?(?:mission|delegation|government)\s+of\s+(?:the\s+)?)",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"(?:[\s\-\u2013:|,]+(?:statement|remarks|intervention|speech|pdf|doc|docx|download|"
    r"full text|text|\d{4}))+$|\s*[\[(](?:pdf|doc|docx|rtf|html?)[\])]$",
    re.IGNORECASE,
)
_BEHALF = re.compile(r"\s*[,(\-\u2013]?\s*\b((?:also\s+)?on behalf of\b.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[\s*\u2022\u00b7\u2013\u2014\-\u25aa\u25cf>|:;,.]+|^\(?\d{1,3}[.)]\s+")
_TRAIL = re.compile(r"[\s*\u2022\u00b7\u2013\u2014\-:;,.|]+$")


def strip_decoration(text: str) -> str:
    """Bullets, numbering and trailing separators removed from a list item."""
    text = _BULLET.sub("", text)
    text = _BULLET.sub("", text)
    return _TRAIL.sub("", text).strip()


_org_cache: tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]] | None = None


def _orgs() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(canonical by normalised name, canonical by capitalised abbreviation)."""
    global _org_cache
    if _org_cache is None:
        names: dict[str, tuple[str, str]] = {}
        abbrevs: dict[str, tuple[str, str]] = {}
        for canonical, kind, aliases in _KNOWN_ORGS:
            for form in (canonical, *aliases):
                compact = re.sub(r"[\s.]+", "", form)
                if len(compact) <= 7 and compact == form and not form.islower() and (
                        sum(ch.isupper() for ch in form) >= 2):
                    abbrevs[form] = (canonical, kind)
                    continue
                key = _org_key(form)
                names[key] = (canonical, kind)
        _org_cache = (names, abbrevs)
    return _org_cache


def _org_key(text: str) -> str:
    key = normalize_name(text)
    # "Responsibility to Protect", "R2P" and "RtoP" are the same words on these pages.
    key = key.replace("responsibility to protect", "r2p").replace("rtop", "r2p")
    return key


def known_org(text: str) -> tuple[str, str] | None:
    """(canonical name, type) of a known organisation named exactly by ``text``."""
    names, abbrevs = _orgs()
    stripped = text.strip()
    if stripped in abbrevs:
        return abbrevs[stripped]
    return names.get(_org_key(stripped))


def _contained_org(text: str) -> tuple[str, str] | None:
    """A known organisation whose full name appears inside ``text`` (longest wins)."""
    names, abbrevs = _orgs()
    key = f" {_org_key(text)} "
    best: tuple[int, tuple[str, str]] | None = None
    for name_key, value in names.items():
        if len(name_key) > 6 and f" {name_key} " in key and (
                best is None or len(name_key) > best[0]):
            best = (len(name_key), value)
    if best:
        return best[1]
    for word in re.findall(r"[A-Za-z][A-Za-z0-9-]{1,7}", text):
        if word in abbrevs:
            return abbrevs[word]
    return None


_NAME_SMALL_WORDS = {"of", "to", "the", "on", "for", "and", "in", "at", "by", "de", "la", "du",
                     "des", "del", "y", "et", "van", "von", "da", "der", "bin", "al", "el"}


def looks_like_prose(text: str) -> bool:
    """Running text rather than a name and title: it starts in lower case, or has two or more
    lower-case words other than the small words of names and titles ("of", "the", "to"...)."""
    first = re.search(r"[^\W\d_]", text)
    if first is None or first.group(0).islower():
        return True
    words = re.findall(r"(?<![\w'\u2019-])[a-z][a-z'\u2019]*\b", text)
    return sum(1 for w in words if w not in _NAME_SMALL_WORDS) >= 2


def is_heading(text: str) -> bool:
    key = normalize_name(text)
    return bool(key) and _HEADING.fullmatch(key) is not None


def _is_person(text: str) -> bool:
    """A person, with an honorific in front or "Name, Role" with a role word."""
    words = re.findall(r"[^\W\d_][\w.'\u2019-]*", text)
    if not words:
        return False
    first = words[0].lower().replace(".", "")
    if first in _HONORIFICS and len(words) >= 2:
        return True
    head, sep, role = text.partition(",")
    if not sep:
        head, sep, role = text.partition("(")
    if not sep:
        return False
    name_words = head.split()
    if not 2 <= len(name_words) <= 6:
        return False
    if not all(w[:1].isupper() or w.lower() in {"de", "da", "van", "von", "bin", "al", "del",
                                                  "la", "le", "di", "dos", "el"}
               for w in name_words):
        return False
    role_words = {w.lower().strip(".,()") for w in re.split(r"[\s/-]+", role)}
    return bool(role_words & _ROLE_WORDS)


def state_in(text: str) -> Country | None:
    """The state named by ``text`` once list decoration and filler words are removed."""
    country = lookup_state(text)
    if country is not None:
        return country
    for _ in range(2):
        stripped = _SUFFIX.sub("", _PREFIX.sub("", text)).strip()
        if stripped == text or not stripped:
            break
        text = stripped
        country = lookup_state(text)
        if country is not None:
            return country
    return None


def classify(text: str, *, allow_people: bool = True, allow_generic: bool = True
             ) -> Speaker | None:
    """The speaker a name as printed stands for, or None when it names no speaker.

    ``allow_people``/``allow_generic``: accept people with a role and organisations recognised
    only by the shape of their name (used in speaker lists, not in running prose).
    """
    text = strip_decoration(one_line(text))
    if not text or len(text) > MAX_NAME or not re.search(r"[^\W\d_]", text):
        return None
    if is_heading(text):
        return None
    text, note = _split_behalf(text)
    country = state_in(text)
    if country is not None:
        return Speaker(country.name, "state", country.iso3, note)
    org = known_org(text) or known_org(_SUFFIX.sub("", _PREFIX.sub("", text)).strip())
    if org is not None:
        return Speaker(org[0], org[1], None, note)
    if looks_like_prose(text):
        return None  # a sentence that mentions someone is not a speaker's name
    return _by_shape(text, note, allow_people=allow_people, allow_generic=allow_generic)


def _split_behalf(text: str) -> tuple[str, str | None]:
    """(the name, the "on behalf of ..." note after it, if any)."""
    m = _BEHALF.search(text)
    if m and m.start() > 0:
        return strip_decoration(text[: m.start()]), one_line(m.group(1).rstrip(")"))
    return text, None


def _by_shape(text: str, note: str | None, *, allow_people: bool, allow_generic: bool
              ) -> Speaker | None:
    """A name that is no state and no known organisation: a UN office, a name holding a
    known organisation, a person with a role, or a body recognised by its name's words."""
    if _UN_OFFICE.search(text):
        inner = _contained_org(text)
        if inner is not None and inner[1] == "organization":
            return Speaker(inner[0], inner[1], None, note)
        return Speaker(text, "un_official", None, note)
    inner = _contained_org(text)
    if inner is not None and not _is_person(text):
        return Speaker(inner[0], inner[1], None, note)
    if allow_people and _is_person(text):
        return Speaker(text, "panelist", None, note)
    if inner is not None:
        return Speaker(inner[0], inner[1], None, note)
    if allow_generic:
        return _generic_body(text, note)
    return None


def _generic_body(text: str, note: str | None) -> Speaker | None:
    """A group of friends, an intergovernmental body or a civil-society organisation known
    only by the words of its name."""
    if len(text.split()) >= 2 and text[:1].isupper():
        if text.lower().startswith("group of friends"):
            return Speaker(text, "organization", None, note)
        if _INTERGOV_WORDS.search(text) and not _NGO_WORDS.search(text):
            return Speaker(text, "organization", None, note)
        if _NGO_WORDS.search(text):
            return Speaker(text, "civil_society", None, note)
    return None


def scan_names(text: str) -> list[Speaker] | None:
    """Several states / known organisations run together ("Cuba Qatar", "A, B and C").

    Returns the speakers when the whole text is covered by names and separators, else None.
    """
    tokens = re.findall(r"[^\s,;/|]+", one_line(text, 400))
    if not tokens or len(tokens) > 80:
        return None
    found: list[Speaker] = []
    i = 0
    fillers = {"and", "&", "the", "et", "y", "-", "\u2013", "*", "\u2022"}
    while i < len(tokens):
        if tokens[i].lower() in fillers:
            i += 1
            continue
        for j in range(min(len(tokens), i + 10), i, -1):
            span = " ".join(tokens[i:j])
            country = lookup_state(span)
            if country is not None:
                found.append(Speaker(country.name, "state", country.iso3))
                break
            org = known_org(span)
            if org is not None:
                found.append(Speaker(org[0], org[1]))
                break
        else:
            return None
        i = j
    return found or None


__all__ = ["Speaker", "classify", "is_heading", "known_org", "looks_like_prose",
           "scan_names", "state_in", "strip_decoration"]
