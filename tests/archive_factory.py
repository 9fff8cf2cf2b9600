"""Build a test archive from invented statements, writing files exactly as `r2p fetch` does:
a folder from ``Archive.allocate_dir``, the original document, ``statement.txt``, the JSON
sidecar through ``Archive.save``, and the index row through ``Index.upsert``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from r2p_archive.index import Index
from r2p_archive.models import Record, statement_id, text_sha256
from r2p_archive.storage import TEXT, Archive, atomic_write_bytes, atomic_write_text, speaker_code


@dataclass
class Spec:
    """One invented statement."""

    year: int
    speaker: str
    text: str | None
    speaker_type: str = "state"
    iso3: str | None = None
    language: str | None = "en"
    languages: list[str] = field(default_factory=list)
    status: str | None = None  # default: "ok" with text, else "no_text"
    original: bytes | None = None  # default: a small fake PDF made from the text
    kind: str = "pdf"
    url: str | None = None


def build(root: Path, specs: list[Spec], *, index: bool = True) -> tuple[Archive, list[Record]]:
    archive = Archive(root)
    archive.ensure()
    records = []
    idx = Index.open(archive) if index else None
    try:
        for spec in specs:
            rec = add(archive, spec, idx)
            records.append(rec)
    finally:
        if idx is not None:
            idx.close()
    return archive, records


def add(archive: Archive, spec: Spec, idx: Index | None) -> Record:
    url = spec.url or (
        f"http://127.0.0.1/{spec.year}/{speaker_code(spec.iso3, spec.speaker)}-"
        f"{spec.language or 'und'}.{spec.kind}"
    )
    rec = Record(
        id=statement_id(spec.year, url, spec.speaker),
        year=spec.year,
        speaker=spec.speaker,
        speaker_type=spec.speaker_type,
        iso3=spec.iso3,
        languages=list(spec.languages),
        url=url,
    )
    rec.dir = archive.allocate_dir(spec.year, speaker_code(spec.iso3, spec.speaker), spec.language)
    folder = archive.path_of(rec.dir)
    original = spec.original
    if original is None and spec.text is not None:
        original = b"%PDF-1.4\n% invented fixture\n" + spec.text.encode("utf-8")
    if original is not None:
        rec.original = f"statement.{spec.kind}"
        atomic_write_bytes(folder / rec.original, original)
        rec.sha256 = hashlib.sha256(original).hexdigest()
        rec.size = len(original)
        rec.kind = spec.kind
        rec.final_url = url
        rec.http_status = 200
        rec.fetched_at = f"{spec.year}-09-10T12:00:00+00:00"
    if spec.text is not None:
        atomic_write_text(folder / TEXT, spec.text)
        rec.text = TEXT
        rec.text_sha256 = text_sha256(spec.text)
        rec.text_chars = len(spec.text)
        rec.language = spec.language
        rec.languages_detected = [spec.language] if spec.language else []
        rec.extractor = "fixture"
        rec.extracted_sha256 = rec.sha256
    rec.status = spec.status or ("ok" if spec.text is not None else "no_text")
    archive.save(rec)
    if idx is not None:
        idx.upsert(rec, spec.text)
    return rec


# A small invented corpus used across the tests (the sentences are made up for the tests).
CORPUS = [
    Spec(2012, "Spain", "España apoya la prevención temprana de las atrocidades y el papel de "
         "la Asamblea General.", iso3="ESP", language="es", languages=["es"]),
    Spec(2013, "Brazil", "Brazil supports the responsibility to protect. The veto must never "
         "block action against atrocity crimes.", iso3="BRA"),
    Spec(2013, "France", "La France soutient la prévention des crimes de masse. Le véto ne doit "
         "jamais bloquer le Conseil de sécurité.", iso3="FRA", language="fr", languages=["fr"]),
    Spec(2013, "Ghana", "Ghana believes that prevention begins at home, with early warning and "
         "strong institutions.", iso3="GHA"),
    Spec(2014, "European Union", "The European Union stresses early warning, prevention and "
         "accountability for atrocity crimes.", speaker_type="organization"),
    Spec(2014, "Republic of Korea", "The Republic of Korea welcomes the report on preventive "
         "diplomacy and the role of regional partners.", iso3="KOR"),
    Spec(2015, "Democratic Republic of the Congo", "La République démocratique du Congo "
         "rappelle que la prévention relève d'abord de l'État.", iso3="COD", language="fr"),
    Spec(2015, "Brazil", "Brazil recalls its concept of responsibility while protecting and "
         "asks for restraint in the use of force. Restraint of the veto is welcome.",
         iso3="BRA", url="http://127.0.0.1/2015/brazil-rwp.docx", kind="docx"),
    Spec(2015, "Chad", None, iso3="TCD", language=None, status="no_link"),
]


def build_corpus(root: Path, *, index: bool = True) -> tuple[Archive, list[Record]]:
    return build(root, CORPUS, index=index)


def run_r2p(archive: Archive, *args: str):
    """``r2p --archive ARCHIVE ARGS...`` in process (click's test runner); its click ``Result``.
    A traceback in the output fails the test."""
    from click.testing import CliRunner

    from r2p_archive.cli import cli

    result = CliRunner().invoke(cli, ["--archive", str(archive.root), *args])
    assert "Traceback" not in result.output
    return result


# Statements in the six UN languages, for the search tests (invented sentences).  The Arabic
# one is written with harakat, a tatweel (حمـــاية) and hamza forms; the Chinese ones have no
# spaces between words.
LANG_CORPUS = [
    Spec(2021, "Ireland", "Ireland reaffirms its commitment to protect populations. Protection "
         "of civilians requires accountability. The veto should not be used in situations of "
         "genocide.", iso3="IRL"),
    Spec(2021, "Canada", "Canada believes that the responsibilities of States include "
         "protecting their people and preventing war crimes.", iso3="CAN"),
    Spec(2021, "Kenya", "Kenya supports early warning mechanisms and the protected status of "
         "refugees.", iso3="KEN"),
    Spec(2021, "Japan", "Japan stresses sovereignty, the responsibility of the Security Council "
         "and the rule of law.", iso3="JPN"),
    Spec(2021, "France", "La France rappelle la responsabilité de protéger les populations. Le "
         "recours au veto doit être limité en cas d'atrocités de masse.", iso3="FRA",
         language="fr"),
    Spec(2021, "Senegal", "Le Sénégal soutient la prévention des crimes de guerre et rappelle "
         "les responsabilités des États.", iso3="SEN", language="fr"),
    Spec(2021, "Mexico", "México apoya la responsabilidad de proteger y pide limitar el veto. "
         "La prevención de crímenes atroces es esencial.", iso3="MEX", language="es"),
    Spec(2021, "Chile", "Chile destaca la alerta temprana y la protección de los civiles.",
         iso3="CHL", language="es"),
    Spec(2021, "Russian Federation", "Российская Федерация подчеркивает, что право вето "
         "остается важным. Совет Безопасности несет главную ответственность.", iso3="RUS",
         language="ru"),
    Spec(2021, "Belarus", "Беларусь выступает за защиту гражданского населения и "
         "предотвращение геноцида.", iso3="BLR", language="ru"),
    Spec(2021, "Egypt", "تُؤَكِّدُ مِصْرُ أَنَّ حَقَّ النَّقْضِ لا يَجُوزُ استخدامه في حالات "
         "الإبادة الجماعية. وتدعو مصر إلى حمـــاية المدنيين.", iso3="EGY", language="ar"),
    Spec(2021, "Qatar", "تدعم دولة قطر الإنذار المبكر ومسؤولية الدول.", iso3="QAT",
         language="ar"),
    Spec(2021, "China", "中国认为，保护的责任不应被滥用。安理会常任理事国应慎用否决权。",
         iso3="CHN", language="zh"),
    Spec(2022, "China", "我们支持预防暴行罪。\n\n早期预警机制十分重要。\n\n人权理事会应发挥作用。"
         "\n\n平民必须得到保护。", iso3="CHN", language="zh", kind="html"),
]
