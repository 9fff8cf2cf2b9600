"""What `r2p show` prints for a statement (render.show_text) and the tsv, csv, json and jsonl
records of the listing commands (plain.records): exact strings."""

from __future__ import annotations

from r2p_archive.plain import records
from r2p_archive.render import show_text
from r2p_archive.statement import Statement

RULE = "─" * 60

DIALOGUE = dict(
    id="a1b2c3d4e5", year=2014, speaker="Brazil", speaker_type="state", country="Brazil",
    iso3="BRA", language="en", languages=["en", "pt"], url="https://example.org/bra.pdf",
    source="https://example.org/dialogue", record=None, wayback_url=None, status="ok",
    error=None, ocr_confidence=None, ocr_low_pages=None, path="2014/BRA/en", text_path=None)

TURN = {**DIALOGUE, "id": "f6e5d4c3b2", "year": 2021, "speaker": "Mexico", "country": "Mexico",
        "iso3": "MEX", "language": "es", "languages": [], "url": None, "source": "A/76/PV.102",
        "record": "A/76/PV.102", "person": "Mr. De la Fuente Ramírez", "affiliation": None,
        "note": "Permanent Representative", "turn": 7, "page": 12, "agenda_item": "132",
        "delivered_in": "es", "reply": True, "on_behalf_of": None,
        "ocr_confidence": 71.4, "ocr_low_pages": "[12, 13]", "path": "2021/MEX/es"}


def statement(row: dict, text: str | None) -> Statement:
    st = Statement(row)
    st._text, st._text_read = text, True
    return st


def test_show_a_dialogue_statement():
    st = statement(DIALOGUE, "  Mr. President, Brazil welcomes this dialogue.\n")
    assert show_text(st) == (
        "Brazil — 2014\n"
        "speaker:  Brazil (state)\n"
        "language: en (page: en, pt)\n"
        "source:   https://example.org/bra.pdf\n"
        "status:   ok\n"
        "id:       a1b2c3d4e5   folder: 2014/BRA/en\n"
        f"{RULE}\n"
        "Mr. President, Brazil welcomes this dialogue.\n")


def test_show_a_record_turn():
    st = statement(TURN, "Señor Presidente: México agradece este debate.")
    assert show_text(st) == (
        "Mexico — 2021\n"
        "person:   Mr. De la Fuente Ramírez, Permanent Representative\n"
        "speaker:  Mexico (state)\n"
        "language: es\n"
        "source:   A/76/PV.102\n"
        "record:   A/76/PV.102, turn 7, page 12, agenda item 132\n"
        "delivered in: es   (right of reply)\n"
        "status:   ok\n"
        "text:     recognised by OCR, mean word confidence 71; low confidence on page 12, 13\n"
        "id:       f6e5d4c3b2   folder: 2021/MEX/es\n"
        f"{RULE}\n"
        "Señor Presidente: México agradece este debate.\n")


def test_show_a_statement_without_text():
    row = {**TURN, "affiliation": "Mexico", "reply": False, "on_behalf_of": "the Group of Friends",
           "status": "failed", "error": "HTTP 404", "ocr_confidence": None,
           "wayback_url": "https://web.archive.org/web/2014id_/x"}
    assert show_text(statement(row, None)) == (
        "Mexico — 2021\n"
        "person:   Mr. De la Fuente Ramírez (Mexico), Permanent Representative\n"
        "speaker:  Mexico (state)\n"
        "language: es\n"
        "source:   A/76/PV.102\n"
        "record:   A/76/PV.102, turn 7, page 12, agenda item 132\n"
        "delivered in: es\n"
        "on behalf of: the Group of Friends\n"
        "wayback:  https://web.archive.org/web/2014id_/x\n"
        "status:   failed (HTTP 404)\n"
        "id:       f6e5d4c3b2   folder: 2021/MEX/es\n"
        f"{RULE}\n"
        "(no text: HTTP 404)\n")


ROWS = [
    {"id": "a1", "speaker": "Côte d'Ivoire", "year": 2014, "languages": ["fr", "en"],
     "reply": True, "note": "line one\n\tline two", "error": None},
    {"id": "b2", "speaker": 'The "Elders", Inc.', "year": 2015, "languages": [], "reply": False,
     "note": None, "error": "HTTP 404"},
]
COLUMNS = ("id", "speaker", "year", "languages", "reply", "note", "error")


def test_records_as_tsv():
    assert records(ROWS, "tsv", COLUMNS) == (
        "id\tspeaker\tyear\tlanguages\treply\tnote\terror\n"
        "a1\tCôte d'Ivoire\t2014\tfr;en\t1\tline one line two\t\n"
        'b2\tThe "Elders", Inc.\t2015\t\t0\t\tHTTP 404\n')


def test_records_as_csv():
    assert records(ROWS, "csv", COLUMNS) == (
        "id,speaker,year,languages,reply,note,error\n"
        'a1,Côte d\'Ivoire,2014,fr;en,1,"line one\n\tline two",\n'
        'b2,"The ""Elders"", Inc.",2015,,0,,HTTP 404\n')


def test_records_as_json():
    assert records(ROWS, "json", COLUMNS) == """[
  {
    "id": "a1",
    "speaker": "Côte d'Ivoire",
    "year": 2014,
    "languages": [
      "fr",
      "en"
    ],
    "reply": true,
    "note": "line one\\n\\tline two",
    "error": null
  },
  {
    "id": "b2",
    "speaker": "The \\"Elders\\", Inc.",
    "year": 2015,
    "languages": [],
    "reply": false,
    "note": null,
    "error": "HTTP 404"
  }
]
"""


def test_records_as_jsonl():
    assert records(ROWS, "jsonl", COLUMNS) == (
        '{"id": "a1", "speaker": "Côte d\'Ivoire", "year": 2014, "languages": ["fr", "en"], '
        '"reply": true, "note": "line one\\n\\tline two", "error": null}\n'
        '{"id": "b2", "speaker": "The \\"Elders\\", Inc.", "year": 2015, "languages": [], '
        '"reply": false, "note": null, "error": "HTTP 404"}\n')


def test_no_records():
    assert [records([], fmt, COLUMNS) for fmt in ("tsv", "csv", "json", "jsonl")] == [
        "", "", "[]\n", ""]
