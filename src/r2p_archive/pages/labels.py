"""How UN verbatim records write things, in each of the six official languages.

A speaker turn starts with a bold label that ends with a colon: the person, the affiliation in
parentheses, an optional interpretation note in parentheses (the two parentheses occasionally
in the other order), sometimes a role after a comma::

    Mr. Kimani (Kenya):                          M. Kimani (Kenya) (parle en anglais) :
    Mr. Dai Bing (China) (spoke in Chinese):     Sr. Kimani (Kenya) (habla en inglés):
    The President (spoke in Arabic):             Г-н Кимани (Кения) (говорит по-английски):
    Ms. DiCarlo:                                 基马尼先生（肯尼亚）（以英语发言）：
    Mr. Garayev (Azerbaijan), Rapporteur of the Third Committee:

Each :class:`Conventions` holds one language's words for interpretation notes, presiding and
other UN officers, agenda-item headings, the right of reply, "on behalf of", the R2P agenda
item's title and the disclaimer printed at the foot of page 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from r2p_archive.languages import by_name
from r2p_archive.text import fold


@dataclass(frozen=True)
class Conventions:
    language: str
    note: re.Pattern[str]  # an interpretation note; group 1 names the language
    officials: tuple[str, ...]  # labels of UN officers (folded), presiding officers first
    presiding: int  # how many of ``officials`` preside over the meeting
    agenda_item: re.Pattern[str]  # group 1: the item's number
    reply: re.Pattern[str]
    behalf: re.Pattern[str]  # group 1: who the speaker speaks for
    r2p: re.Pattern[str]  # the R2P item's title
    disclaimer: re.Pattern[str]  # start of the note at the foot of page 1


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_BEHALF_END = r"([^.;:!?]{3,160}?)(?=[.;:!?]|,\s|\s+(?:and|et|y|и)\s+(?:I|je|yo|я)\b|$)"

CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(
        "en", _p(r"^spoke in (\w+)$"),
        ("the president", "the acting president", "the temporary president",
         "the secretary-general", "the deputy secretary-general"), 3,
        _p(r"^agenda items? (\d+)\b"),
        _p(r"right of reply"),
        _p(r"\bon behalf of (?:the )?" + _BEHALF_END),
        _p(r"responsibility to protect"),
        _p(r"^this record contains the (?:text|original text)"),
    ),
    "fr": Conventions(
        "fr", _p(r"^parle en (\w+)$"),
        ("le president", "la presidente", "le president par interim",
         "la presidente par interim", "le secretaire general", "la secretaire generale",
         "la vice-secretaire generale", "le vice-secretaire general"), 4,
        _p(r"^points? (\d+) de l[’']ordre du jour\b"),
        _p(r"droit de r[ée]ponse"),
        _p(r"\bau nom (?:de la |du |des |de l[’']|de )" + _BEHALF_END),
        _p(r"responsabilit[ée] de prot[ée]ger"),
        _p(r"^le pr[ée]sent compte rendu"),
    ),
    "es": Conventions(
        "es", _p(r"^habla en (\w+)$"),
        ("el presidente", "la presidenta", "el presidente interino", "la presidenta interina",
         "el secretario general", "la vicesecretaria general", "el vicesecretario general"), 4,
        _p(r"^temas? (\d+) del programa\b"),
        _p(r"derecho (?:a|de) (?:respuesta|r[ée]plica)"),
        _p(r"\ben nombre (?:de la |del |de los |de las |de )" + _BEHALF_END),
        _p(r"responsabilidad de proteger"),
        _p(r"^la presente acta"),
    ),
    "ru": Conventions(
        "ru", _p(r"^говорит по-(\w+)$"),
        ("председатель", "исполняющии обязанности председателя",
         "исполняющая обязанности председателя", "временныи председатель",
         "генеральныи секретарь", "первыи заместитель генерального секретаря"), 4,
        _p(r"^пункты? (\d+) повестки дня\b"),
        _p(r"прав[ао] на ответ"),
        _p(r"\bот имени " + _BEHALF_END),
        _p(r"ответственност\w* по защите"),
        _p(r"^в настоящем отч[её]те"),
    ),
    "zh": Conventions(
        "zh", _p(r"^以(\w+?)发言$"),
        ("主席", "代理主席", "临时主席", "秘书长", "常务副秘书长"), 3,
        _p(r"^议程项目\s*(\d+)"),
        _p(r"答辩权"),
        _p(r"代表(?!团)([^，。；：,.;:]{2,60}?)(?:发言|[，。；：,.;:])"),
        _p(r"保护责任"),
        _p(r"^本记录"),
    ),
    "ar": Conventions(
        "ar", _p(r"^تكلم (?:ب)?(\w+)$"),
        ("الرئيس", "الرئيسة", "الرئيس بالنيابة", "الرئيسة بالنيابة", "الامين العام",
         "نائبة الامين العام", "نائب الامين العام"), 4,
        _p(r"^البند (\d+) من جدول الأعمال"),
        _p(r"حق الرد"),
        _p(r"باسم ([^.,;:،؛]{3,80}?)(?=[.,;:،؛]|$)"),
        _p(r"المسؤولية عن الحماية"),
        _p(r"^يتضمن هذا المحضر"),
    ),
}

# "A/76/PV.102", "S/PV.8699 (Resumption 1)"; printed with stray spaces ("A /76/PV.102")
SYMBOL = re.compile(r"\b([AS])\s?/\s?(?:(\d{2})\s?/\s?)?PV\s?\.\s?(\d{1,5})"
                    r"(?:\s*\((Resumption|Reprise|Reanudación|Возобновление)\s*(\d)\))?")
RUNNING_DATE = re.compile(r"\b(\d{2})/(\d{2})/((?:19|20)\d\d)\b")


def note_language(text: str, conv: Conventions) -> str | None:
    """ISO 639-1 code of an interpretation note ("spoke in French" -> fr), else None."""
    m = conv.note.match(" ".join(text.split()))
    if m is None:
        return None
    return by_name(m.group(1))


def official_rank(person: str, conv: Conventions) -> int | None:
    """Index of ``person`` among the language's UN officers, or None."""
    key = fold(" ".join(person.split()))
    return next((i for i, name in enumerate(conv.officials) if fold(name) == key), None)


def detect_language(text: str) -> str | None:
    """The record's language, from the script and the words of its first page."""
    sample = text[:6000]
    counts = {
        "zh": sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff"),
        "ar": sum(1 for ch in sample if "\u0600" <= ch <= "\u06ff"),
        "ru": sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff"),
    }
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n > 50:
        return script
    low = sample.casefold()
    scores = {
        "en": len(re.findall(r"\b(?:the|of|and|general assembly|meeting)\b", low)),
        "fr": len(re.findall(r"\b(?:le|la|les|des|assemblée générale|séance)\b", low)),
        "es": len(re.findall(r"\b(?:el|los|las|del|asamblea general|sesión)\b", low)),
    }
    best = max(scores.items(), key=lambda kv: kv[1])
    return best[0] if best[1] else None
