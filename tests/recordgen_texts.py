"""Texts for tests/recordgen.py: label conventions, page furniture and the sample debate.

Every speech here is made up for the fixtures; none is taken from a real record.  The sample
debate has the same turns in all six languages (``SAMPLE_TURNS`` gives the language-independent
facts, ``SPEECHES[language][key]`` the person, affiliation and paragraphs as printed).
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")

# The language note: NOTE_WORDS[record language][language spoken].
NOTE_WORDS = {
    "en": {"en": "spoke in English", "fr": "spoke in French", "es": "spoke in Spanish",
           "ru": "spoke in Russian", "zh": "spoke in Chinese", "ar": "spoke in Arabic"},
    "fr": {"en": "parle en anglais", "fr": "parle en français", "es": "parle en espagnol",
           "ru": "parle en russe", "zh": "parle en chinois", "ar": "parle en arabe"},
    "es": {"en": "habla en inglés", "fr": "habla en francés", "es": "habla en español",
           "ru": "habla en ruso", "zh": "habla en chino", "ar": "habla en árabe"},
    "ru": {"en": "говорит по-английски", "fr": "говорит по-французски",
           "es": "говорит по-испански", "ru": "говорит по-русски", "zh": "говорит по-китайски",
           "ar": "говорит по-арабски"},
    "zh": {"en": "以英语发言", "fr": "以法语发言", "es": "以西班牙语发言", "ru": "以俄语发言",
           "zh": "以中文发言", "ar": "以阿拉伯语发言"},
    "ar": {"en": "تكلم بالإنكليزية", "fr": "تكلم بالفرنسية", "es": "تكلم بالإسبانية",
           "ru": "تكلم بالروسية", "zh": "تكلم بالصينية", "ar": "تكلم بالعربية"},
}

# Speaker labels: {p} person or role, {a} affiliation, {n} language-note words.  "name" is the
# form without affiliation (a briefer); "*_note" adds the note; "swapped" puts it first.
_LATIN = {"state": "{p} ({a}):", "state_note": "{p} ({a}) ({n}):",
          "swapped": "{p} ({n}) ({a}):", "name": "{p}:", "name_note": "{p} ({n}):"}
LABELS = {
    "en": dict(_LATIN, president="The President", acting_president="The Acting President"),
    "fr": {"state": "{p} ({a}) :", "state_note": "{p} ({a}) ({n}) :",
           "swapped": "{p} ({n}) ({a}) :", "name": "{p} :", "name_note": "{p} ({n}) :",
           "president": "Le Président", "acting_president": "Le Président par intérim"},
    "es": dict(_LATIN, president="El Presidente", acting_president="El Presidente interino"),
    "ru": dict(_LATIN, president="Председатель",
               acting_president="Исполняющий обязанности Председателя"),
    "zh": {"state": "{p}（{a}）：", "state_note": "{p}（{a}）（{n}）：",
           "swapped": "{p}（{n}）（{a}）：", "name": "{p}：", "name_note": "{p}（{n}）：",
           "president": "主席", "acting_president": "代理主席"},
    "ar": dict(_LATIN, president="الرئيس", acting_president="الرئيس بالنيابة"),
}

AGENDA_ITEM = {"en": "Agenda item {n}", "fr": "Point {n} de l’ordre du jour",
               "es": "Tema {n} del programa", "ru": "Пункт {n} повестки дня",
               "zh": "议程项目{n}", "ar": "البند {n} من جدول الأعمال"}

JOB_LETTER = {"en": "E", "fr": "F", "es": "S", "ru": "R", "zh": "C", "ar": "A"}

MASTHEAD = {  # (organ, body, official records, place, "President:" line label)
    "en": ("United Nations", "General Assembly", "Official Records", "New York", "President:"),
    "fr": ("Nations Unies", "Assemblée générale", "Documents officiels", "New York",
           "Président :"),
    "es": ("Naciones Unidas", "Asamblea General", "Documentos oficiales", "Nueva York",
           "Presidente:"),
    "ru": ("Организация Объединенных Наций", "Генеральная Ассамблея", "Официальные отчеты",
           "Нью-Йорк", "Председатель:"),
    "zh": ("联合国", "大会", "正式记录", "纽约", "主席："),
    "ar": ("الأمم المتحدة", "الجمعية العامة", "الوثائق الرسمية", "نيويورك", "الرئيس:"),
}
PRESIDENT_LINE = {"en": ("Mr. Shahid", "(Maldives)"), "fr": ("M. Shahid", "(Maldives)"),
                  "es": ("Sr. Shahid", "(Maldivas)"), "ru": ("Г-н Шахид", "(Мальдивские Острова)"),
                  "zh": ("沙希德先生", "（马尔代夫）"), "ar": ("السيد شهيد", "(ملديف)")}
SESSION = {"en": "Seventy-sixth session", "fr": "Soixante-seizième session",
           "es": "Septuagésimo sexto período de sesiones", "ru": "Семьдесят шестая сессия",
           "zh": "第七十六届会议", "ar": "الدورة السادسة والسبعون"}
MEETING = {"en": "102nd plenary meeting", "fr": "102e séance plénière",
           "es": "102ª sesión plenaria", "ru": "102-е пленарное заседание",
           "zh": "第102次全体会议", "ar": "الجلسة العامة 102"}

WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "fr": "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche".split(),
    "es": "Lunes Martes Miércoles Jueves Viernes Sábado Domingo".split(),
    "ru": "Понедельник Вторник Среда Четверг Пятница Суббота Воскресенье".split(),
    "zh": "一二三四五六日",
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split(),
}
MONTHS = {
    "en": "January February March April May June July August September October November "
          "December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
          "décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
          "diciembre".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября "
          "декабря".split(),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"),
}


def date_line(language: str, d) -> str:
    """The masthead's date and time line (the time is always 3 p.m.)."""
    wd = WEEKDAYS[language][d.weekday()]
    if language == "zh":
        return f"{d.year}年{d.month}月{d.day}日星期{wd}下午3时"
    month = MONTHS[language][d.month - 1]
    return {"en": f"{wd}, {d.day} {month} {d.year}, 3 p.m.",
            "fr": f"{wd} {d.day} {month} {d.year}, à 15 heures",
            "es": f"{wd} {d.day} de {month} de {d.year}, a las 15.00 horas",
            "ru": f"{wd}, {d.day} {month} {d.year} года, 15 ч. 00 м.",
            "ar": f"{wd}، {d.day} {month} {d.year}، الساعة 15:00"}[language]


# Our own wording of the usual notice (not the real one).
DISCLAIMER = {
    "en": "This record contains the text of speeches delivered in English and of the "
          "translation of speeches delivered in other languages. Corrections should be sent "
          "in the original language only, signed by a member of the delegation, to the "
          "verbatim reporting office. Corrected records are reissued electronically.",
    "fr": "Le présent compte rendu contient le texte des déclarations prononcées en français "
          "et la traduction des autres déclarations. Les rectifications doivent être "
          "présentées dans la langue originale uniquement, signées par un membre de la "
          "délégation. Les comptes rendus rectifiés sont publiés sous forme électronique.",
    "es": "La presente acta contiene la versión literal de los discursos pronunciados en "
          "español y la traducción de los demás discursos. Las correcciones deben presentarse "
          "únicamente en el idioma original, firmadas por un miembro de la delegación. Las "
          "actas corregidas se publican en formato electrónico.",
    "ru": "В настоящем отчете содержится текст выступлений на русском языке и перевод "
          "выступлений на других языках. Поправки следует представлять только на языке "
          "оригинала за подписью члена делегации. Исправленные отчеты публикуются в "
          "электронном виде.",
    "zh": "本记录包括中文发言的文本和其他语言发言的译文。更正应只对原文提出，并由代表团成员"
          "签名后送交逐字记录处。更正后的记录将以电子形式重新印发。",
    "ar": "يتضمن هذا المحضر نص الخطب الملقاة بالعربية والترجمة الشفوية للخطب الملقاة "
          "باللغات الأخرى. ولا تقدم التصويبات إلا بلغة النص الأصلي، موقعة من أحد أعضاء "
          "الوفد المعني. وتعاد إصدار المحاضر المصوبة إلكترونيا.",
}

R2P_TITLE = {
    "en": "The responsibility to protect and the prevention of genocide, war crimes, ethnic "
          "cleansing and crimes against humanity",
    "fr": "La responsabilité de protéger et la prévention du génocide, des crimes de guerre, "
          "du nettoyage ethnique et des crimes contre l’humanité",
    "es": "La responsabilidad de proteger y la prevención del genocidio, los crímenes de "
          "guerra, la depuración étnica y los crímenes de lesa humanidad",
    "ru": "Обязанность по защите и предупреждение геноцида, военных преступлений, этнических "
          "чисток и преступлений против человечности",
    "zh": "保护的责任及防止灭绝种族、战争罪、族裔清洗和危害人类罪",
    "ar": "المسؤولية عن الحماية ومنع الإبادة الجماعية وجرائم الحرب والتطهير العرقي والجرائم "
          "المرتكبة ضد الإنسانية",
}
WORK_TITLE = {
    "en": "Organization of work, adoption of the agenda and allocation of items",
    "fr": "Organisation des travaux, adoption de l’ordre du jour et répartition des questions",
    "es": "Organización de los trabajos, aprobación del programa y asignación de temas",
    "ru": "Организация работы, утверждение повестки дня и распределение пунктов",
    "zh": "工作安排、通过议程和分配项目",
    "ar": "تنظيم الأعمال وإقرار جدول الأعمال وتوزيع البنود",
}
NOTES = {  # procedural notes (italic): decided, chair taken by the Vice-President, rose
    "en": ("It was so decided.", "Mr. Ryan (Ireland), Vice-President, took the Chair.",
           "The meeting rose at 6.05 p.m."),
    "fr": ("Il en est ainsi décidé.", "M. Ryan (Irlande), Vice-Président, assume la présidence.",
           "La séance est levée à 18 h 5."),
    "es": ("Así queda acordado.", "El Sr. Ryan (Irlanda), Vicepresidente, ocupa la Presidencia.",
           "Se levanta la sesión a las 18.05 horas."),
    "ru": ("Решение принимается.", "Председательское место занимает заместитель Председателя "
           "г-н Райан (Ирландия).", "Заседание закрывается в 18 ч. 05 м."),
    "zh": ("就这样决定。", "副主席瑞安先生（爱尔兰）主持会议。", "下午6时05分散会。"),
    "ar": ("تقرر ذلك.", "تولى الرئاسة نائب الرئيس، السيد رايان (أيرلندا).",
           "رفعت الجلسة الساعة 18:05."),
}

# key, agenda item, role, spoke_in, reply, swapped (en only), on_behalf_of, note index before
SAMPLE_TURNS = [
    ("p_work1", "7", "president", "en", False, False, None, None),
    ("p_work2", "7", "president", "en", False, False, None, 0),
    ("p_open", "128", "president", "en", False, False, None, None),
    ("briefer", "128", None, "en", False, False, None, None),
    ("kenya", "128", None, "en", False, False, None, None),
    ("eu", "128", None, "en", False, False, "European Union", None),
    ("china", "128", None, "zh", False, False, None, None),
    ("france", "128", None, "fr", False, True, None, None),
    ("ap_mexico", "128", "acting_president", "en", False, False, None, 1),
    ("mexico", "128", None, "es", False, False, None, None),
    ("russia", "128", None, "ru", False, False, None, None),
    ("egypt", "128", None, "ar", False, False, None, None),
    ("ap_reply", "128", "acting_president", "en", False, False, None, None),
    ("nigeria", "128", None, "en", True, False, None, None),
]
AFTER_LAST_NOTE = 2  # "The meeting rose..." after the last turn

# SPEECHES[language][key] = (person, affiliation, paragraphs); person None for the Chair.
SPEECHES: dict[str, dict[str, tuple[str | None, str | None, list[str]]]] = {}

SPEECHES["en"] = {
    "p_work1": (None, None, [
        "Before we take up the next item, I would like to draw the attention of members to a "
        "change in the programme of work. The debate on agenda item 128 will be held this "
        "afternoon, and the list of speakers remains open. May I take it that the Assembly "
        "agrees to proceed accordingly?"]),
    "p_work2": (None, None, [
        "The General Assembly has thus concluded this stage of its consideration of agenda "
        "item 7."]),
    "p_open": (None, None, [
        "Members will recall that the General Assembly decided to include this item in the "
        "agenda of the present session. Today we discuss the report of the Secretary-General "
        "on the responsibility to protect and on the prevention of genocide, war crimes, "
        "ethnic cleansing and crimes against humanity.",
        "Prevention saves lives, and early action costs far less than the response to an "
        "atrocity. I now give the floor to the Special Adviser on the Responsibility to "
        "Protect."]),
    "briefer": ("Ms. Okonjo", None, [
        "I thank the President for convening this debate. Our shared commitment rests on a "
        "simple idea: every State has the responsibility to protect its populations, and the "
        "international community must help States to meet that duty.",
        "Over the past year, our office has followed warning signs in several regions. Hate "
        "speech, the exclusion of minorities and attacks on civilians remain the earliest "
        "signals of genocide. Prevention works best when it starts early, when national "
        "institutions are strong and when civil society can speak freely.",
        "I urge Member States to appoint national focal points, to support regional "
        "early-warning networks and to treat the prevention of atrocity crimes as a daily "
        "task rather than an emergency measure."]),
    "kenya": ("Mr. Kimani", "Kenya", [
        "Kenya welcomes the report of the Secretary-General and its focus on prevention. Our "
        "own experience has taught us that dialogue between communities, fair elections and "
        "independent courts are the strongest barriers against violence.",
        "Africa has made the principle of non-indifference part of its founding law. We call "
        "on all partners to invest in regional mechanisms and in the mediation capacity of "
        "the African Union. The responsibility to protect must never become a pretext for "
        "selective action, but neither can it be an excuse for silence."]),
    "eu": ("Mr. Lindholm", "European Union", [
        "I have the honour to speak on behalf of the European Union and its member States.",
        "The European Union reaffirms its full support for the responsibility to protect as "
        "agreed at the 2005 World Summit. We support the prevention of genocide through "
        "development cooperation, human rights dialogue and support for international "
        "justice.",
        "We also support the initiative to restrain the use of the veto in situations of "
        "mass atrocities. No permanent member should use the veto to block action that could "
        "prevent genocide or crimes against humanity."]),
    "china": ("Mr. Li Hong", "China", [
        "China believes that the protection of civilians is first of all the responsibility "
        "of each national Government. The international community should respect the "
        "sovereignty of States and offer constructive help at their request.",
        "Prevention should address root causes such as poverty and underdevelopment. Any "
        "collective action must be taken by the Security Council in strict accordance with "
        "the Charter of the United Nations. The concept of the responsibility to protect must "
        "not be abused."]),
    "france": ("Mr. Moreau", "France", [
        "France aligns itself with the statement delivered on behalf of the European Union.",
        "Together with Mexico, France has proposed that the permanent members of the Security "
        "Council voluntarily agree not to use the veto when mass atrocities are under way. "
        "More than one hundred States now support this political declaration, and we invite "
        "all Member States to join it.",
        "The prevention of genocide also depends on justice. Impunity encourages new crimes, "
        "while accountability protects future generations."]),
    "ap_mexico": (None, None, ["I now give the floor to the representative of Mexico."]),
    "mexico": ("Ms. López", "Mexico", [
        "Mexico thanks the Special Adviser for her briefing. For Mexico, the responsibility to "
        "protect is a commitment to people, not to power.",
        "The initiative on the suspension of the veto in cases of mass atrocities, which we "
        "promote together with France, seeks to ensure that the Security Council does not "
        "remain paralysed when populations are at risk of genocide.",
        "We also call for greater participation of women and young people in prevention "
        "efforts at the local level."]),
    "russia": ("Ms. Ivanova", "Russian Federation", [
        "The Russian Federation has consistently stated that the primary responsibility for "
        "protecting the population lies with the State itself.",
        "The experience of recent decades shows that the concept of the responsibility to "
        "protect has been used to justify interference and regime change. Prevention must be "
        "based on dialogue, on respect for sovereignty and on the consent of the State "
        "concerned. We see no basis for restricting the right of veto, which is enshrined in "
        "the Charter."]),
    "egypt": ("Mr. Hassan", "Egypt", [
        "Egypt affirms that the prevention of genocide and other atrocity crimes is a shared "
        "responsibility.",
        "We stress the importance of building national capacities, combating hate speech and "
        "promoting development. The responsibility to protect must be applied in accordance "
        "with international law and without double standards. We also call for an end to the "
        "selective use of the veto when civilians suffer."]),
    "ap_reply": (None, None, [
        "We have heard the last speaker in the debate on this item. Statements in exercise of "
        "the right of reply are limited to 10 minutes and should be made by delegations from "
        "their seats. I now give the floor to the representative of Nigeria, who has asked to "
        "speak in exercise of the right of reply."]),
    "nigeria": ("Mr. Okafor", "Nigeria", [
        "I take the floor in exercise of the right of reply to clarify a point made earlier "
        "this afternoon. My delegation did not question the principle of prevention. We "
        "simply asked that early-warning assessments be shared with the countries concerned "
        "before they are made public. We remain fully committed to the responsibility to "
        "protect."]),
}

SPEECHES["fr"] = {
    "p_work1": (None, None, [
        "Avant d’aborder la question suivante, je voudrais appeler l’attention des membres sur "
        "une modification du programme de travail. Le débat sur le point 128 de l’ordre du "
        "jour aura lieu cet après-midi, et la liste des orateurs reste ouverte. Puis-je "
        "considérer que l’Assemblée accepte de procéder ainsi ?"]),
    "p_work2": (None, None, [
        "L’Assemblée générale a ainsi achevé la présente phase de l’examen du point 7 de "
        "l’ordre du jour."]),
    "p_open": (None, None, [
        "Les membres se souviendront que l’Assemblée générale a décidé d’inscrire cette "
        "question à l’ordre du jour de la présente session. Nous examinons aujourd’hui le "
        "rapport du Secrétaire général sur la responsabilité de protéger et sur la prévention "
        "du génocide, des crimes de guerre, du nettoyage ethnique et des crimes contre "
        "l’humanité.",
        "La prévention sauve des vies, et une action précoce coûte bien moins cher que la "
        "réponse à une atrocité. Je donne maintenant la parole à la Conseillère spéciale pour "
        "la responsabilité de protéger."]),
    "briefer": ("Mme Okonjo", None, [
        "Je remercie le Président d’avoir convoqué ce débat. Notre engagement commun repose "
        "sur une idée simple : chaque État a la responsabilité de protéger sa population, et "
        "la communauté internationale doit aider les États à s’acquitter de ce devoir.",
        "Au cours de l’année écoulée, notre bureau a suivi des signes avant-coureurs dans "
        "plusieurs régions. Les discours de haine, l’exclusion des minorités et les attaques "
        "contre les civils restent les premiers signaux du génocide. La prévention est plus "
        "efficace lorsqu’elle commence tôt, lorsque les institutions nationales sont solides "
        "et lorsque la société civile peut s’exprimer librement.",
        "J’exhorte les États Membres à désigner des coordonnateurs nationaux, à soutenir les "
        "réseaux régionaux d’alerte rapide et à faire de la prévention des atrocités une "
        "tâche quotidienne plutôt qu’une mesure d’urgence."]),
    "kenya": ("M. Kimani", "Kenya", [
        "Le Kenya se félicite du rapport du Secrétaire général et de l’accent qu’il met sur "
        "la prévention. Notre propre expérience nous a appris que le dialogue entre les "
        "communautés, des élections équitables et des tribunaux indépendants sont les "
        "meilleurs remparts contre la violence.",
        "L’Afrique a inscrit le principe de non-indifférence dans son acte constitutif. Nous "
        "appelons tous les partenaires à investir dans les mécanismes régionaux et dans les "
        "capacités de médiation de l’Union africaine. La responsabilité de protéger ne doit "
        "jamais devenir un prétexte à une action sélective, mais elle ne peut pas non plus "
        "justifier le silence."]),
    "eu": ("M. Lindholm", "Union européenne", [
        "J’ai l’honneur de prendre la parole au nom de l’Union européenne et de ses États "
        "membres.",
        "L’Union européenne réaffirme son plein appui à la responsabilité de protéger telle "
        "qu’elle a été convenue au Sommet mondial de 2005. Nous soutenons la prévention du "
        "génocide par la coopération au développement, le dialogue sur les droits humains et "
        "l’appui à la justice internationale.",
        "Nous soutenons également l’initiative visant à encadrer le recours au veto en cas "
        "d’atrocités de masse. Aucun membre permanent ne devrait utiliser son veto pour "
        "bloquer une action qui pourrait prévenir un génocide ou des crimes contre "
        "l’humanité."]),
    "china": ("M. Li Hong", "Chine", [
        "La Chine estime que la protection des civils incombe avant tout à chaque "
        "gouvernement national. La communauté internationale doit respecter la souveraineté "
        "des États et leur offrir une aide constructive à leur demande.",
        "La prévention doit s’attaquer aux causes profondes telles que la pauvreté et le "
        "sous-développement. Toute action collective doit être décidée par le Conseil de "
        "sécurité dans le strict respect de la Charte des Nations Unies. La notion de "
        "responsabilité de protéger ne doit pas faire l’objet d’abus."]),
    "france": ("M. Moreau", "France", [
        "La France s’associe à la déclaration prononcée au nom de l’Union européenne.",
        "Avec le Mexique, la France a proposé que les membres permanents du Conseil de "
        "sécurité renoncent volontairement à recourir au veto en cas d’atrocités de masse. "
        "Plus de cent États soutiennent aujourd’hui cette déclaration politique, et nous "
        "invitons tous les États Membres à s’y joindre.",
        "La prévention du génocide passe aussi par la justice. L’impunité encourage de "
        "nouveaux crimes, tandis que l’établissement des responsabilités protège les "
        "générations futures."]),
    "ap_mexico": (None, None, ["Je donne maintenant la parole à la représentante du Mexique."]),
    "mexico": ("Mme López", "Mexique", [
        "Le Mexique remercie la Conseillère spéciale de son exposé. Pour le Mexique, la "
        "responsabilité de protéger est un engagement envers les personnes, et non envers le "
        "pouvoir.",
        "L’initiative relative à la suspension du veto en cas d’atrocités de masse, que nous "
        "promouvons avec la France, vise à garantir que le Conseil de sécurité ne reste pas "
        "paralysé lorsque des populations sont exposées au risque de génocide.",
        "Nous demandons également une plus grande participation des femmes et des jeunes aux "
        "efforts de prévention au niveau local."]),
    "russia": ("Mme Ivanova", "Fédération de Russie", [
        "La Fédération de Russie a toujours affirmé que la responsabilité première de la "
        "protection de la population incombe à l’État lui-même.",
        "L’expérience des dernières décennies montre que la notion de responsabilité de "
        "protéger a servi à justifier des ingérences et des changements de régime. La "
        "prévention doit reposer sur le dialogue, sur le respect de la souveraineté et sur le "
        "consentement de l’État concerné. Nous ne voyons aucune raison de restreindre le droit "
        "de veto, qui est consacré par la Charte."]),
    "egypt": ("M. Hassan", "Égypte", [
        "L’Égypte affirme que la prévention du génocide et des autres atrocités criminelles "
        "est une responsabilité partagée.",
        "Nous soulignons l’importance du renforcement des capacités nationales, de la lutte "
        "contre les discours de haine et de la promotion du développement. La responsabilité "
        "de protéger doit être appliquée conformément au droit international et sans deux "
        "poids, deux mesures. Nous demandons aussi qu’il soit mis fin à l’usage sélectif du "
        "veto lorsque des civils souffrent."]),
    "ap_reply": (None, None, [
        "Nous avons entendu le dernier orateur dans le débat sur cette question. Les "
        "déclarations faites dans l’exercice du droit de réponse sont limitées à 10 minutes "
        "et doivent être faites par les délégations de leur place. Je donne maintenant la "
        "parole au représentant du Nigéria, qui a demandé à intervenir dans l’exercice du "
        "droit de réponse."]),
    "nigeria": ("M. Okafor", "Nigéria", [
        "Je prends la parole dans l’exercice du droit de réponse afin de préciser un point "
        "soulevé plus tôt cet après-midi. Ma délégation n’a pas remis en cause le principe de "
        "la prévention. Nous avons simplement demandé que les évaluations d’alerte rapide "
        "soient communiquées aux pays concernés avant d’être rendues publiques. Nous restons "
        "pleinement attachés à la responsabilité de protéger."]),
}

SPEECHES["es"] = {
    "p_work1": (None, None, [
        "Antes de abordar el tema siguiente, deseo señalar a la atención de los miembros un "
        "cambio en el programa de trabajo. El debate sobre el tema 128 del programa se "
        "celebrará esta tarde, y la lista de oradores sigue abierta. ¿Puedo considerar que la "
        "Asamblea desea proceder de ese modo?"]),
    "p_work2": (None, None, [
        "La Asamblea General ha concluido así la presente etapa del examen del tema 7 del "
        "programa."]),
    "p_open": (None, None, [
        "Los miembros recordarán que la Asamblea General decidió incluir este tema en el "
        "programa del presente período de sesiones. Hoy examinamos el informe del Secretario "
        "General sobre la responsabilidad de proteger y sobre la prevención del genocidio, "
        "los crímenes de guerra, la depuración étnica y los crímenes de lesa humanidad.",
        "La prevención salva vidas, y la acción temprana cuesta mucho menos que la respuesta "
        "a una atrocidad. Tiene ahora la palabra la Asesora Especial sobre la Responsabilidad "
        "de Proteger."]),
    "briefer": ("Sra. Okonjo", None, [
        "Doy las gracias al Presidente por haber convocado este debate. Nuestro compromiso "
        "común se basa en una idea sencilla: todo Estado tiene la responsabilidad de proteger "
        "a su población, y la comunidad internacional debe ayudar a los Estados a cumplir ese "
        "deber.",
        "Durante el último año, nuestra oficina ha seguido señales de alerta en varias "
        "regiones. El discurso de odio, la exclusión de las minorías y los ataques contra "
        "civiles siguen siendo las primeras señales del genocidio. La prevención funciona "
        "mejor cuando comienza pronto, cuando las instituciones nacionales son sólidas y "
        "cuando la sociedad civil puede expresarse libremente.",
        "Insto a los Estados Miembros a que designen coordinadores nacionales, apoyen las "
        "redes regionales de alerta temprana y hagan de la prevención de las atrocidades una "
        "tarea cotidiana y no una medida de emergencia."]),
    "kenya": ("Sr. Kimani", "Kenya", [
        "Kenya acoge con beneplácito el informe del Secretario General y su atención a la "
        "prevención. Nuestra propia experiencia nos ha enseñado que el diálogo entre las "
        "comunidades, las elecciones justas y los tribunales independientes son las mejores "
        "barreras contra la violencia.",
        "África ha incorporado el principio de no indiferencia en su ley fundacional. "
        "Exhortamos a todos los asociados a invertir en los mecanismos regionales y en la "
        "capacidad de mediación de la Unión Africana. La responsabilidad de proteger nunca "
        "debe convertirse en un pretexto para la acción selectiva, pero tampoco puede ser una "
        "excusa para el silencio."]),
    "eu": ("Sr. Lindholm", "Unión Europea", [
        "Tengo el honor de hablar en nombre de la Unión Europea y sus Estados miembros.",
        "La Unión Europea reafirma su pleno apoyo a la responsabilidad de proteger tal como se "
        "acordó en la Cumbre Mundial de 2005. Apoyamos la prevención del genocidio mediante "
        "la cooperación para el desarrollo, el diálogo sobre derechos humanos y el apoyo a la "
        "justicia internacional.",
        "También apoyamos la iniciativa de limitar el uso del veto en situaciones de "
        "atrocidades masivas. Ningún miembro permanente debería utilizar el veto para "
        "bloquear una acción que pudiera prevenir un genocidio o crímenes de lesa humanidad."]),
    "china": ("Sr. Li Hong", "China", [
        "China considera que la protección de los civiles es ante todo responsabilidad de "
        "cada Gobierno nacional. La comunidad internacional debe respetar la soberanía de los "
        "Estados y ofrecerles una ayuda constructiva cuando la soliciten.",
        "La prevención debe abordar las causas profundas, como la pobreza y el subdesarrollo. "
        "Toda acción colectiva debe ser adoptada por el Consejo de Seguridad en estricta "
        "conformidad con la Carta de las Naciones Unidas. No se debe abusar del concepto de "
        "la responsabilidad de proteger."]),
    "france": ("Sr. Moreau", "Francia", [
        "Francia hace suya la declaración formulada en nombre de la Unión Europea.",
        "Junto con México, Francia ha propuesto que los miembros permanentes del Consejo de "
        "Seguridad acuerden voluntariamente no recurrir al veto cuando se estén cometiendo "
        "atrocidades masivas. Más de cien Estados apoyan ya esta declaración política, e "
        "invitamos a todos los Estados Miembros a sumarse a ella.",
        "La prevención del genocidio también depende de la justicia. La impunidad alienta "
        "nuevos crímenes, mientras que la rendición de cuentas protege a las generaciones "
        "futuras."]),
    "ap_mexico": (None, None, ["Tiene ahora la palabra la representante de México."]),
    "mexico": ("Sra. López", "México", [
        "México agradece a la Asesora Especial su exposición informativa. Para México, la "
        "responsabilidad de proteger es un compromiso con las personas, no con el poder.",
        "La iniciativa sobre la suspensión del veto en casos de atrocidades masivas, que "
        "promovemos junto con Francia, busca asegurar que el Consejo de Seguridad no quede "
        "paralizado cuando las poblaciones corren riesgo de genocidio.",
        "Asimismo, pedimos una mayor participación de las mujeres y los jóvenes en las "
        "labores de prevención en el plano local."]),
    "russia": ("Sra. Ivanova", "Federación de Rusia", [
        "La Federación de Rusia ha afirmado sistemáticamente que la responsabilidad primordial "
        "de proteger a la población recae en el propio Estado.",
        "La experiencia de los últimos decenios demuestra que el concepto de la "
        "responsabilidad de proteger se ha utilizado para justificar injerencias y cambios de "
        "régimen. La prevención debe basarse en el diálogo, en el respeto de la soberanía y "
        "en el consentimiento del Estado interesado. No vemos fundamento alguno para "
        "restringir el derecho de veto, consagrado en la Carta."]),
    "egypt": ("Sr. Hassan", "Egipto", [
        "Egipto afirma que la prevención del genocidio y de otros crímenes atroces es una "
        "responsabilidad compartida.",
        "Subrayamos la importancia de fortalecer las capacidades nacionales, combatir el "
        "discurso de odio y promover el desarrollo. La responsabilidad de proteger debe "
        "aplicarse de conformidad con el derecho internacional y sin dobles raseros. Pedimos "
        "además que se ponga fin al uso selectivo del veto cuando sufren los civiles."]),
    "ap_reply": (None, None, [
        "Hemos escuchado al último orador en el debate sobre este tema. Las declaraciones en "
        "ejercicio del derecho de respuesta se limitan a 10 minutos y las delegaciones deben "
        "formularlas desde sus asientos. Tiene ahora la palabra el representante de Nigeria, "
        "que ha pedido intervenir en ejercicio del derecho de respuesta."]),
    "nigeria": ("Sr. Okafor", "Nigeria", [
        "Hago uso de la palabra en ejercicio del derecho de respuesta para aclarar un punto "
        "planteado esta tarde. Mi delegación no cuestionó el principio de la prevención. "
        "Solo pedimos que las evaluaciones de alerta temprana se compartan con los países "
        "interesados antes de hacerse públicas. Seguimos plenamente comprometidos con la "
        "responsabilidad de proteger."]),
}

SPEECHES["ru"] = {
    "p_work1": (None, None, [
        "Прежде чем перейти к следующему пункту, я хотел бы обратить внимание членов на "
        "изменение в программе работы. Прения по пункту 128 повестки дня состоятся сегодня "
        "во второй половине дня, и список ораторов остается открытым. Могу ли я считать, что "
        "Ассамблея согласна действовать таким образом?"]),
    "p_work2": (None, None, [
        "Генеральная Ассамблея завершила этот этап рассмотрения пункта 7 повестки дня."]),
    "p_open": (None, None, [
        "Члены Ассамблеи помнят, что Генеральная Ассамблея постановила включить этот пункт в "
        "повестку дня нынешней сессии. Сегодня мы обсуждаем доклад Генерального секретаря об "
        "обязанности по защите и о предотвращении геноцида, военных преступлений, этнических "
        "чисток и преступлений против человечности.",
        "Предотвращение спасает жизни, а раннее реагирование обходится гораздо дешевле, чем "
        "ответ на зверство. Сейчас я предоставляю слово Специальному советнику по вопросу об "
        "обязанности по защите."]),
    "briefer": ("Г-жа Оконджо", None, [
        "Я благодарю Председателя за созыв этих прений. Наша общая приверженность основана на "
        "простой идее: каждое государство несет обязанность по защите своего населения, а "
        "международное сообщество должно помогать государствам выполнять этот долг.",
        "За прошедший год наше бюро отслеживало тревожные признаки в нескольких регионах. "
        "Язык вражды, изоляция меньшинств и нападения на мирных жителей остаются самыми "
        "ранними сигналами геноцида. Предотвращение наиболее эффективно, когда оно начинается "
        "рано, когда национальные институты сильны и когда гражданское общество может "
        "свободно высказываться.",
        "Я призываю государства-члены назначить национальных координаторов, поддержать "
        "региональные сети раннего предупреждения и сделать предотвращение массовых "
        "злодеяний повседневной задачей, а не чрезвычайной мерой."]),
    "kenya": ("Г-н Кимани", "Кения", [
        "Кения приветствует доклад Генерального секретаря и его акцент на предотвращении. "
        "Наш собственный опыт научил нас, что диалог между общинами, справедливые выборы и "
        "независимые суды являются самыми прочными преградами на пути насилия.",
        "Африка закрепила принцип неравнодушия в своем учредительном акте. Мы призываем всех "
        "партнеров вкладывать средства в региональные механизмы и в посреднический потенциал "
        "Африканского союза. Обязанность по защите никогда не должна становиться предлогом "
        "для избирательных действий, но она не может служить и оправданием молчания."]),
    "eu": ("Г-н Линдхольм", "Европейский союз", [
        "Имею честь выступать от имени Европейского союза и его государств-членов.",
        "Европейский союз подтверждает свою полную поддержку обязанности по защите, как это "
        "было согласовано на Всемирном саммите 2005 года. Мы поддерживаем предотвращение "
        "геноцида посредством сотрудничества в целях развития, диалога по правам человека и "
        "поддержки международного правосудия.",
        "Мы также поддерживаем инициативу по ограничению применения права вето в ситуациях "
        "массовых злодеяний. Ни один постоянный член не должен использовать вето, чтобы "
        "блокировать действия, способные предотвратить геноцид или преступления против "
        "человечности."]),
    "china": ("Г-н Ли Хун", "Китай", [
        "Китай считает, что защита гражданского населения прежде всего является "
        "обязанностью каждого национального правительства. Международное сообщество должно "
        "уважать суверенитет государств и оказывать им конструктивную помощь по их просьбе.",
        "Предотвращение должно быть направлено на устранение коренных причин, таких как "
        "нищета и отсталость. Любые коллективные действия должны предприниматься Советом "
        "Безопасности в строгом соответствии с Уставом Организации Объединенных Наций. "
        "Концепцией обязанности по защите нельзя злоупотреблять."]),
    "france": ("Г-н Моро", "Франция", [
        "Франция присоединяется к заявлению, сделанному от имени Европейского союза.",
        "Вместе с Мексикой Франция предложила постоянным членам Совета Безопасности "
        "добровольно отказаться от применения вето в случаях массовых злодеяний. Сегодня эту "
        "политическую декларацию поддерживают более ста государств, и мы предлагаем всем "
        "государствам-членам присоединиться к ней.",
        "Предотвращение геноцида также зависит от правосудия. Безнаказанность поощряет новые "
        "преступления, а привлечение к ответственности защищает будущие поколения."]),
    "ap_mexico": (None, None, ["Сейчас я предоставляю слово представителю Мексики."]),
    "mexico": ("Г-жа Лопес", "Мексика", [
        "Мексика благодарит Специального советника за брифинг. Для Мексики обязанность по "
        "защите — это обязательство перед людьми, а не перед властью.",
        "Инициатива о приостановлении применения вето в случаях массовых злодеяний, которую "
        "мы продвигаем вместе с Францией, призвана не допустить паралича Совета Безопасности, "
        "когда населению угрожает геноцид.",
        "Мы также призываем к более широкому участию женщин и молодежи в усилиях по "
        "предотвращению на местном уровне."]),
    "russia": ("Г-жа Иванова", "Российская Федерация", [
        "Российская Федерация неизменно заявляет, что главная ответственность за защиту "
        "населения лежит на самом государстве.",
        "Опыт последних десятилетий показывает, что концепция обязанности по защите "
        "использовалась для оправдания вмешательства и смены режимов. Предотвращение должно "
        "основываться на диалоге, на уважении суверенитета и на согласии соответствующего "
        "государства. Мы не видим оснований для ограничения права вето, закрепленного в "
        "Уставе."]),
    "egypt": ("Г-н Хасан", "Египет", [
        "Египет подтверждает, что предотвращение геноцида и других массовых злодеяний "
        "является общей ответственностью.",
        "Мы подчеркиваем важность укрепления национального потенциала, борьбы с языком "
        "вражды и содействия развитию. Обязанность по защите должна применяться в "
        "соответствии с международным правом и без двойных стандартов. Мы также призываем "
        "положить конец избирательному применению вето, когда страдают мирные жители."]),
    "ap_reply": (None, None, [
        "Мы заслушали последнего оратора в прениях по этому пункту. Выступления в порядке "
        "осуществления права на ответ ограничиваются 10 минутами, и делегации должны "
        "выступать со своих мест. Сейчас я предоставляю слово представителю Нигерии, который "
        "просил слова в порядке осуществления права на ответ."]),
    "nigeria": ("Г-н Окафор", "Нигерия", [
        "Я выступаю в порядке осуществления права на ответ, чтобы прояснить вопрос, "
        "поднятый сегодня днем. Моя делегация не ставила под сомнение принцип "
        "предотвращения. Мы лишь просили, чтобы оценки раннего предупреждения передавались "
        "соответствующим странам до их опубликования. Мы по-прежнему полностью привержены "
        "обязанности по защите."]),
}

SPEECHES["zh"] = {
    "p_work1": (None, None, [
        "在审议下一个项目之前，我谨提请各位成员注意工作方案的一项变动。关于议程项目128的辩论"
        "将于今天下午举行，发言者名单仍然开放。我是否可以认为大会同意照此进行？"]),
    "p_work2": (None, None, ["大会就此结束了对议程项目7的本阶段审议。"]),
    "p_open": (None, None, [
        "各位成员记得，大会决定将这个项目列入本届会议议程。今天，我们讨论秘书长关于保护责任"
        "以及预防灭绝种族罪、战争罪、族裔清洗和危害人类罪的报告。",
        "预防可以拯救生命，及早行动的代价远低于应对暴行的代价。现在我请负责保护责任问题的"
        "特别顾问发言。"]),
    "briefer": ("奥孔乔女士", None, [
        "我感谢主席召开这次辩论。我们的共同承诺基于一个简单的理念：每个国家都有责任保护本国"
        "人民，国际社会必须帮助各国履行这一职责。",
        "过去一年里，我们的办公室在若干区域追踪了各种预警信号。仇恨言论、排斥少数群体以及"
        "攻击平民，仍然是灭绝种族罪最早的信号。预防工作在及早开始、国家机构健全、民间社会能"
        "够自由发表意见时最为有效。",
        "我敦促各会员国指定国家协调人，支持区域预警网络，并把预防暴行罪作为一项日常任务，"
        "而不是一项紧急措施。"]),
    "kenya": ("基马尼先生", "肯尼亚", [
        "肯尼亚欢迎秘书长的报告及其对预防的重视。我们自己的经验告诉我们，社区之间的对话、"
        "公正的选举和独立的法院是抵御暴力的最坚固屏障。",
        "非洲已将不漠视原则写入其组织章程。我们呼吁所有伙伴投资于区域机制和非洲联盟的调解"
        "能力。保护责任绝不能成为选择性行动的借口，但也不能成为沉默的理由。"]),
    "eu": ("林德霍尔姆先生", "欧洲联盟", [
        "我荣幸地代表欧洲联盟及其成员国发言。",
        "欧洲联盟重申全力支持2005年世界首脑会议商定的保护责任。我们通过发展合作、人权对话"
        "和支持国际司法来支持预防灭绝种族罪。",
        "我们还支持在发生大规模暴行时限制使用否决权的倡议。任何常任理事国都不应使用否决权"
        "阻止可能防止灭绝种族罪或危害人类罪的行动。"]),
    "china": ("李宏先生", "中国", [
        "中方认为，保护平民首先是各国政府的责任。国际社会应尊重各国主权，应各国请求提供建"
        "设性帮助。",
        "预防工作应着眼于消除贫困和不发达等根源。任何集体行动都必须由安全理事会严格依照"
        "《联合国宪章》采取。保护责任的概念不能被滥用。"]),
    "france": ("莫罗先生", "法国", [
        "法国赞同以欧洲联盟名义所作的发言。",
        "法国与墨西哥一道提议，安全理事会常任理事国自愿同意在发生大规模暴行时不使用否决权。"
        "目前已有一百多个国家支持这项政治宣言，我们邀请所有会员国加入。",
        "预防灭绝种族罪也有赖于司法。有罪不罚会助长新的罪行，而追究责任则能保护子孙后代。"]),
    "ap_mexico": (None, None, ["现在我请墨西哥代表发言。"]),
    "mexico": ("洛佩斯女士", "墨西哥", [
        "墨西哥感谢特别顾问所作的通报。对墨西哥而言，保护责任是对人民的承诺，而不是对权力"
        "的承诺。",
        "我们与法国共同推动的在发生大规模暴行时暂停使用否决权的倡议，旨在确保安全理事会在"
        "民众面临灭绝种族罪风险时不会陷于瘫痪。",
        "我们还呼吁妇女和青年更多地参与地方一级的预防工作。"]),
    "russia": ("伊万诺娃女士", "俄罗斯联邦", [
        "俄罗斯联邦一贯表示，保护民众的首要责任在于国家本身。",
        "过去几十年的经验表明，保护责任的概念曾被用来为干涉和政权更迭辩护。预防工作必须"
        "以对话、尊重主权和有关国家的同意为基础。我们认为没有理由限制《宪章》所规定的否决"
        "权。"]),
    "egypt": ("哈桑先生", "埃及", [
        "埃及申明，预防灭绝种族罪和其他暴行罪是一项共同责任。",
        "我们强调必须建设国家能力，打击仇恨言论，促进发展。保护责任必须依照国际法适用，"
        "不得采取双重标准。我们还呼吁在平民遭受苦难时停止选择性地使用否决权。"]),
    "ap_reply": (None, None, [
        "我们听取了关于本项目辩论的最后一位发言者的发言。行使答辩权的发言限时10分钟，各代表"
        "团应在其座位上发言。现在我请尼日利亚代表行使答辩权发言。"]),
    "nigeria": ("奥卡福先生", "尼日利亚", [
        "我行使答辩权发言，是为了澄清今天下午早些时候提出的一个问题。我国代表团并没有质疑"
        "预防的原则。我们只是要求在公布预警评估之前先与有关国家分享这些评估。我们仍然充分"
        "致力于保护责任。"]),
}

SPEECHES["ar"] = {
    "p_work1": (None, None, [
        "قبل أن ننتقل إلى البند التالي، أود أن أوجه انتباه الأعضاء إلى تغيير في برنامج "
        "العمل. ستجري المناقشة بشأن البند 128 من جدول الأعمال بعد ظهر اليوم، ولا تزال قائمة "
        "المتكلمين مفتوحة. هل لي أن أعتبر أن الجمعية توافق على المضي على هذا النحو؟"]),
    "p_work2": (None, None, [
        "وبذلك تكون الجمعية العامة قد اختتمت هذه المرحلة من نظرها في البند 7 من جدول "
        "الأعمال."]),
    "p_open": (None, None, [
        "يذكر الأعضاء أن الجمعية العامة قررت إدراج هذا البند في جدول أعمال الدورة الحالية. "
        "ونناقش اليوم تقرير الأمين العام عن المسؤولية عن الحماية وعن منع الإبادة الجماعية "
        "وجرائم الحرب والتطهير العرقي والجرائم المرتكبة ضد الإنسانية.",
        "إن المنع ينقذ الأرواح، والعمل المبكر أقل تكلفة بكثير من التصدي للفظائع. أعطي الكلمة "
        "الآن للمستشارة الخاصة المعنية بالمسؤولية عن الحماية."]),
    "briefer": ("السيدة أوكونجو", None, [
        "أشكر الرئيس على عقد هذه المناقشة. يقوم التزامنا المشترك على فكرة بسيطة: كل دولة "
        "تتحمل المسؤولية عن حماية سكانها، ويجب على المجتمع الدولي أن يساعد الدول على الوفاء "
        "بهذا الواجب.",
        "وخلال العام الماضي، تابع مكتبنا علامات الإنذار في عدة مناطق. ولا يزال خطاب الكراهية "
        "واستبعاد الأقليات والهجمات على المدنيين أولى علامات الإبادة الجماعية. ويكون المنع "
        "أنجع عندما يبدأ مبكرا، وعندما تكون المؤسسات الوطنية قوية، وعندما يستطيع المجتمع "
        "المدني التعبير بحرية.",
        "وأحث الدول الأعضاء على تعيين منسقين وطنيين، ودعم شبكات الإنذار المبكر الإقليمية، "
        "وجعل منع الجرائم الفظيعة مهمة يومية لا تدبيرا طارئا."]),
    "kenya": ("السيد كيماني", "كينيا", [
        "ترحب كينيا بتقرير الأمين العام وتركيزه على المنع. لقد علمتنا تجربتنا أن الحوار بين "
        "المجتمعات المحلية والانتخابات العادلة والمحاكم المستقلة هي أقوى الحواجز في وجه "
        "العنف.",
        "لقد جعلت أفريقيا مبدأ عدم اللامبالاة جزءا من قانونها التأسيسي. وندعو جميع الشركاء "
        "إلى الاستثمار في الآليات الإقليمية وفي قدرات الوساطة لدى الاتحاد الأفريقي. ويجب ألا "
        "تصبح المسؤولية عن الحماية ذريعة للعمل الانتقائي، ولكن لا يمكن أن تكون أيضا عذرا "
        "للصمت."]),
    "eu": ("السيد ليندهولم", "الاتحاد الأوروبي", [
        "يشرفني أن أتكلم باسم الاتحاد الأوروبي والدول الأعضاء فيه.",
        "يؤكد الاتحاد الأوروبي من جديد دعمه الكامل للمسؤولية عن الحماية على النحو المتفق "
        "عليه في مؤتمر القمة العالمي لعام 2005. ونحن ندعم منع الإبادة الجماعية من خلال "
        "التعاون الإنمائي والحوار بشأن حقوق الإنسان ودعم العدالة الدولية.",
        "وندعم أيضا مبادرة تقييد استخدام حق النقض في حالات الفظائع الجماعية. ولا ينبغي لأي "
        "عضو دائم أن يستخدم حق النقض لعرقلة إجراء يمكن أن يمنع الإبادة الجماعية أو الجرائم "
        "المرتكبة ضد الإنسانية."]),
    "china": ("السيد لي هونغ", "الصين", [
        "ترى الصين أن حماية المدنيين هي قبل كل شيء مسؤولية كل حكومة وطنية. وينبغي للمجتمع "
        "الدولي أن يحترم سيادة الدول وأن يقدم لها مساعدة بناءة بناء على طلبها.",
        "وينبغي أن يعالج المنع الأسباب الجذرية مثل الفقر والتخلف. ويجب أن يتخذ مجلس الأمن أي "
        "إجراء جماعي في امتثال صارم لميثاق الأمم المتحدة. ويجب عدم إساءة استخدام مفهوم "
        "المسؤولية عن الحماية."]),
    "france": ("السيد مورو", "فرنسا", [
        "تؤيد فرنسا البيان الذي أدلي به باسم الاتحاد الأوروبي.",
        "لقد اقترحت فرنسا، مع المكسيك، أن يتفق الأعضاء الدائمون في مجلس الأمن طوعا على عدم "
        "استخدام حق النقض عند وقوع فظائع جماعية. وتؤيد هذا الإعلان السياسي اليوم أكثر من مائة "
        "دولة، وندعو جميع الدول الأعضاء إلى الانضمام إليه.",
        "ويعتمد منع الإبادة الجماعية أيضا على العدالة. فالإفلات من العقاب يشجع على جرائم "
        "جديدة، في حين أن المساءلة تحمي الأجيال المقبلة."]),
    "ap_mexico": (None, None, ["أعطي الكلمة الآن لممثلة المكسيك."]),
    "mexico": ("السيدة لوبيز", "المكسيك", [
        "تشكر المكسيك المستشارة الخاصة على إحاطتها. وبالنسبة للمكسيك، فإن المسؤولية عن "
        "الحماية التزام تجاه الناس، لا تجاه السلطة.",
        "إن المبادرة المتعلقة بتعليق استخدام حق النقض في حالات الفظائع الجماعية، التي نروج "
        "لها مع فرنسا، تسعى إلى ضمان ألا يبقى مجلس الأمن مشلولا عندما يتعرض السكان لخطر "
        "الإبادة الجماعية.",
        "وندعو أيضا إلى زيادة مشاركة النساء والشباب في جهود المنع على الصعيد المحلي."]),
    "russia": ("السيدة إيفانوفا", "الاتحاد الروسي", [
        "ما فتئ الاتحاد الروسي يؤكد أن المسؤولية الرئيسية عن حماية السكان تقع على عاتق "
        "الدولة نفسها.",
        "وتبين تجربة العقود الأخيرة أن مفهوم المسؤولية عن الحماية قد استخدم لتبرير التدخل "
        "وتغيير الأنظمة. ويجب أن يستند المنع إلى الحوار واحترام السيادة وموافقة الدولة "
        "المعنية. ولا نرى أي أساس لتقييد حق النقض المكرس في الميثاق."]),
    "egypt": ("السيد حسن", "مصر", [
        "تؤكد مصر أن منع الإبادة الجماعية وغيرها من الجرائم الفظيعة مسؤولية مشتركة.",
        "ونشدد على أهمية بناء القدرات الوطنية ومكافحة خطاب الكراهية وتعزيز التنمية. ويجب "
        "تطبيق المسؤولية عن الحماية وفقا للقانون الدولي ودون معايير مزدوجة. وندعو أيضا إلى "
        "وضع حد للاستخدام الانتقائي لحق النقض عندما يعاني المدنيون."]),
    "ap_reply": (None, None, [
        "لقد استمعنا إلى آخر متكلم في المناقشة بشأن هذا البند. والبيانات التي يدلى بها "
        "ممارسة لحق الرد محددة بعشر دقائق، وينبغي أن تدلي بها الوفود من مقاعدها. أعطي الكلمة "
        "الآن لممثل نيجيريا الذي طلب الكلمة ممارسة لحق الرد."]),
    "nigeria": ("السيد أوكافور", "نيجيريا", [
        "أتكلم ممارسة لحق الرد لتوضيح نقطة أثيرت في وقت سابق بعد ظهر اليوم. لم يشكك وفدي في "
        "مبدأ المنع. لقد طلبنا فقط أن تتقاسم تقييمات الإنذار المبكر مع البلدان المعنية قبل "
        "نشرها. ولا نزال ملتزمين التزاما كاملا بالمسؤولية عن الحماية."]),
}
