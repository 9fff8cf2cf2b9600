"""OCR hooks, with stand-in ``ocrmypdf``/``tesseract`` scripts on PATH."""

from __future__ import annotations

import docgen
import pytest

from r2p_archive.extract import OCR_HINT, OCRFailed, extract_file, ocr_available, ocr_pdf
from r2p_archive.extract.ocr import OCR_READY_HINT, ocr_command


def fake_tools(tmp_path, monkeypatch, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("ocrmypdf", script), ("tesseract", "exit 0")):
        tool = bin_dir / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


def test_not_available_without_tools(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ocr_available() is False
    with pytest.raises(OCRFailed, match="ocrmypdf is not installed"):
        ocr_pdf(tmp_path / "a.pdf", tmp_path / "b.pdf", timeout=5)


def test_scanned_pdf_hint_when_ocr_is_installed(tmp_path, monkeypatch):
    fake_tools(tmp_path, monkeypatch, "exit 0")
    assert ocr_available() is True
    path = tmp_path / "scan.pdf"
    docgen.make_scanned_pdf(path=path)
    res = extract_file(path, "pdf", ["en"], ocr=False)  # with OCR turned off: the hint
    assert (res.status, res.error, res.ocr) == ("no_text", OCR_READY_HINT, None)
    assert OCR_READY_HINT != OCR_HINT


def test_ocr_pdf_runs_ocrmypdf_and_the_result_is_extracted(tmp_path, monkeypatch):
    # The stand-in "recognises" the scan by writing a text PDF prepared beforehand.
    text_pdf = tmp_path / "recognised.pdf"
    docgen.make_pdf(text_pdf, pages=[["The recognised text of the scanned statement."]])
    fake_tools(tmp_path, monkeypatch,
               f'echo "$@" > "{tmp_path}/args"\n'
               f'for last; do :; done\ncp "{text_pdf}" "$last"')
    src, dst = tmp_path / "scan.pdf", tmp_path / "out.pdf"
    docgen.make_scanned_pdf(path=src)
    ocr_pdf(src, dst, timeout=10, languages=["en", "fr"])
    assert (tmp_path / "args").read_text().split() == [
        "--skip-text", "--quiet", "--output-type", "pdf", "-l", "eng+fra", str(src), str(dst)
    ]
    res = extract_file(dst, "pdf", ["en"])
    assert res.text == "The recognised text of the scanned statement.\n"


def test_ocr_failure_is_one_line(tmp_path, monkeypatch):
    fake_tools(tmp_path, monkeypatch,
               'echo "starting" >&2\necho "PriorOcrFoundError: page already has text" >&2\n'
               "exit 6")
    with pytest.raises(OCRFailed) as info:
        ocr_pdf(tmp_path / "a.pdf", tmp_path / "b.pdf", timeout=10)
    assert str(info.value) == "ocrmypdf failed: PriorOcrFoundError: page already has text"


def test_ocr_timeout(tmp_path, monkeypatch):
    fake_tools(tmp_path, monkeypatch, "exec sleep 30")
    with pytest.raises(OCRFailed) as info:
        ocr_pdf(tmp_path / "a.pdf", tmp_path / "b.pdf", timeout=0.5)
    assert str(info.value) == "OCR timed out after 0.5 s"


def test_ocr_command_without_languages(tmp_path):
    assert ocr_command(tmp_path / "a.pdf", tmp_path / "b.pdf", ["xx"]) == [
        "ocrmypdf", "--skip-text", "--quiet", "--output-type", "pdf",
        str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf"),
    ]
