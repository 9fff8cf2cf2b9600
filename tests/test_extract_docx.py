"""DOCX statements, legacy and unknown formats, and format sniffing."""

from __future__ import annotations

import docgen
import pytest

from r2p_archive.extract import extract_file, sniff_file, sniff_kind

PARAS = [
    "Statement by the Permanent Representative of Arcadia",
    "Madam President, allow me to begin by thanking the Special Adviser for her briefing.",
    "Arcadia has adopted a national plan for the prevention of atrocity crimes, with a "
    "focal point in each ministry.",
]
TABLE = [["Commitment", "Status"], ["National focal point", "Appointed in 2021"]]
CLOSING = "I thank you, Madam President."


def test_docx_paragraphs_and_table_in_order(tmp_path):
    path = tmp_path / "s.docx"
    docgen.make_docx([*PARAS, TABLE, CLOSING], path, header="Check against delivery",
                     footer="Page 1")
    res = extract_file(path, "docx", ["en"], key="d")
    assert res.status == "ok", res.error
    assert res.extractor == "docx"
    assert res.text == "\n\n".join([
        *PARAS, "Commitment", "Status", "National focal point", "Appointed in 2021", CLOSING,
    ]) + "\n"
    assert res.language == "en"


def test_docx_with_accents(tmp_path):
    path = tmp_path / "s.docx"
    paras = ["Señor Presidente, agradecemos la convocatoria de este diálogo.",
             "La prevención es una responsabilidad compartida por todos los Estados."]
    docgen.make_docx(paras, path)
    res = extract_file(path, "docx", [], key="d")
    assert res.text == "\n\n".join(paras) + "\n"
    assert (res.language, res.languages, res.language_disagrees) == ("es", ["es"], False)


def test_empty_docx_is_no_text(tmp_path):
    path = tmp_path / "s.docx"
    docgen.make_docx([], path)
    res = extract_file(path, "docx", ["fr"], key="d")
    assert (res.status, res.error, res.language) == ("no_text", "the document has no text", "fr")


def test_damaged_docx_fails(tmp_path):
    path = tmp_path / "s.docx"
    path.write_bytes(docgen.make_docx(PARAS)[:300])
    res = extract_file(path, "docx", [], key="d")
    assert res.status == "failed"
    assert res.error == "DOCX is damaged (not a valid zip archive: File is not a zip file)"


def test_legacy_doc_is_unsupported(tmp_path):
    path = tmp_path / "s.doc"
    docgen.make_ole(path)
    kind = sniff_file(path, "application/msword")
    assert kind == "doc"
    res = extract_file(path, kind, ["en"], key="x")
    assert (res.status, res.error, res.text, res.language) == (
        "unsupported", "unsupported format: application/msword (.doc)", None, "en"
    )


@pytest.mark.parametrize("data,content_type,message", [
    (b"{\\rtf1\\ansi Hello}", None, "unsupported format: application/rtf (.rtf)"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, None, "unsupported format: image/png (.png)"),
    (b"\x00\x01binary", "application/octet-stream",
     "unsupported format: application/octet-stream"),
    (b"\x00\x01binary", None, "unsupported format: unknown file type"),
])
def test_other_formats_are_unsupported(tmp_path, data, content_type, message):
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    res = extract_file(path, sniff_file(path, content_type), [], key="x",
                       content_type=content_type)
    assert (res.status, res.error) == ("unsupported", message)


def test_plain_text(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes("Première ligne du texte\ncontinue ici.\n\nDeuxième paragraphe, "
                     "avec des accents : à, é, ô.\n".encode("cp1252"))
    res = extract_file(path, sniff_file(path, "text/plain"), ["fr"], key="t")
    assert res.extractor == "text"
    assert res.text == ("Première ligne du texte continue ici.\n\n"
                        "Deuxième paragraphe, avec des accents : à, é, ô.\n")


@pytest.mark.parametrize("head,content_type,kind", [
    (b"%PDF-1.7\n", None, "pdf"),
    (b"\r\n\r\n%PDF-1.4", "text/html", "pdf"),  # magic bytes win over the header
    (docgen.OLE_MAGIC + b"\x00" * 8, None, "doc"),
    (b"{\\rtf1\\ansi", None, "rtf"),
    (b"PK\x03\x04....", "application/vnd.openxmlformats-officedocument."
                        "wordprocessingml.document", "docx"),
    (b"PK\x03\x04....[Content_Types].xml....word/document.xml", None, "docx"),
    (b"PK\x03\x04....", None, "zip"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html>", None, "html"),
    (b"\n<html lang='fr'>", None, "html"),
    (b"<!-- generated --><HEAD><title>x</title>", None, "html"),
    (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", None, "html"),
    ("<html>".encode("utf-16"), None, "html"),
    (b"Some words", "text/html; charset=utf-8", "html"),
    (b"Some words", "text/plain", "text"),
    (b"\xff\xd8\xff\xe0JFIF", None, "image"),
    (b"GIF89a", None, "image"),
    (b"II*\x00", None, "image"),
    (b"Some words", None, None),
    (b"", "application/octet-stream", None),
])
def test_sniff_kind(head, content_type, kind):
    assert sniff_kind(head, content_type) == kind


def test_sniff_file_looks_inside_zip(tmp_path):
    docx_path = tmp_path / "download"
    docgen.make_docx(PARAS, docx_path)
    assert sniff_file(docx_path, "application/octet-stream") == "docx"
    import zipfile

    zip_path = tmp_path / "other"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert sniff_file(zip_path, None) == "zip"
    assert sniff_file(tmp_path / "missing", None) is None
