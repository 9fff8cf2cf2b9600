"""`r2p ocr` and `fetch --ocr`: scanned PDFs get text through ocrmypdf when it is installed.

ocrmypdf and tesseract are replaced by small stand-in programs on PATH, so the test checks
r2p's side of the contract (arguments, files, statuses) without the real OCR engines.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from click.testing import CliRunner
from docgen import make_scanned_pdf

from r2p_archive.cli import cli

RECOGNISED = ("Recognised text: the General Assembly must act early to protect "
              "populations from atrocity crimes.")

FAKE_OCRMYPDF = f"""#!{sys.executable}
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from docgen import make_pdf
open(sys.argv[-2] + ".args", "w").write(" ".join(sys.argv[1:-2]))
make_pdf(sys.argv[-1], paragraphs=[{RECOGNISED!r}])
"""


def install_fakes(folder: Path, monkeypatch) -> None:
    folder.mkdir()
    for name, body in (("ocrmypdf", FAKE_OCRMYPDF), ("tesseract", "#!/bin/sh\nexit 0\n")):
        path = folder / name
        path.write_text(body)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def scanned_site(site):
    doc = site.add("/scan.pdf", make_scanned_pdf(["A scanned statement"]),
                   content_type="application/pdf")
    page = (f"<p>On 8 September 2014 the dialogue was held.</p>"
            f"<ul><li><a href='{doc}'>Botswana</a> (in French)</li></ul>")
    return site.add("/d.html", page, content_type="text/html")


def fetch_scanned(site, archive: Path, *args: str):
    """`r2p fetch` of the page of one scanned statement into ``archive``, one download at a
    time; ``args`` are further options of fetch."""
    return CliRunner().invoke(cli, ["--archive", str(archive), "fetch", scanned_site(site),
                                    *args, "--jobs", "1"])


def test_scanned_pdf_is_no_text_with_a_hint(site, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    res = fetch_scanned(site, tmp_path / "a", "--json")
    assert res.exit_code == 0
    (st,) = json.loads(res.stdout)["statements"]
    assert (st["status"], st["error"]) == (
        "no_text", "scanned PDF without a text layer; install ocrmypdf and tesseract, then run "
                   "`r2p ocr`")
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "ocr"])
    assert res.exit_code == 2
    assert res.stderr == ("r2p: error: OCR needs ocrmypdf and tesseract on PATH (e.g. `apt "
                          "install ocrmypdf` or `pip install ocrmypdf` plus tesseract)\n")


def test_ocr_command_recognises_and_extracts(site, tmp_path, monkeypatch):
    arc = tmp_path / "a"
    runner = CliRunner()
    monkeypatch.setenv("PATH", "/nonexistent")  # fetched before OCR was installed
    assert fetch_scanned(site, arc).exit_code == 0
    install_fakes(tmp_path / "bin", monkeypatch)
    res = runner.invoke(cli, ["--archive", str(arc), "ocr", "--quiet"])
    assert res.exit_code == 0
    assert res.stdout == "OCR: 1 scanned PDF(s), 1 now with text.\n"
    folder = arc / "2014" / "BWA" / "en"
    assert sorted(p.name for p in folder.iterdir()) == [
        "statement.json", "statement.ocr.pdf", "statement.pdf", "statement.pdf.args",
        "statement.txt"]
    side = json.loads((folder / "statement.json").read_text())
    assert (side["status"], side["error"], side["extractor"], side["language"]) == (
        "ok", None, "pdfminer+ocrmypdf", "en")
    assert side["language_disagrees"] is True  # the page said French; the text is English
    assert (folder / "statement.txt").read_text() == RECOGNISED + "\n"
    assert (folder / "statement.pdf.args").read_text() == (
        "--skip-text --quiet --output-type pdf -l fra")
    # the index knows the new text
    res = runner.invoke(cli, ["--archive", str(arc), "search", "atrocity", "--json"])
    assert [h["speaker"] for h in json.loads(res.stdout)] == ["Botswana"]


def test_ocr_runs_once_per_scanned_pdf(site, tmp_path, monkeypatch):
    """A PDF that OCR has read is not read again: neither by the next `r2p ocr` (even when
    ocrmypdf found no text) nor by `r2p ocr` after Tesseract read it during extraction."""
    arc = tmp_path / "a"
    runner = CliRunner()
    monkeypatch.setenv("PATH", "/nonexistent")
    assert fetch_scanned(site, arc).exit_code == 0
    install_fakes(tmp_path / "bin", monkeypatch)
    blank = (tmp_path / "bin" / "ocrmypdf").read_text().replace(
        f"paragraphs=[{RECOGNISED!r}]", "paragraphs=[]")
    (tmp_path / "bin" / "ocrmypdf").write_text(blank)  # recognises nothing
    res = runner.invoke(cli, ["--archive", str(arc), "ocr", "--quiet"])
    assert (res.exit_code, res.stdout) == (1, "OCR: 1 scanned PDF(s), 0 now with text.\n")
    side = json.loads((arc / "2014/BWA/fr/statement.json").read_text())
    assert (side["status"], side["error"], side["extractor"], side["ocr"]) == (
        "no_text", "OCR recognised no text", "pdfminer+ocrmypdf", None)
    args = arc / "2014/BWA/fr/statement.pdf.args"  # written by each ocrmypdf run
    args.unlink()
    res = runner.invoke(cli, ["--archive", str(arc), "ocr", "--quiet"])
    assert (res.exit_code, res.stdout) == (0, "OCR: 0 scanned PDF(s), 0 now with text.\n")
    assert not args.exists()
    # Tesseract already read it during extraction (rec.ocr): `r2p ocr` leaves it alone
    sidecar = arc / "2014/BWA/fr/statement.json"
    side = json.loads(sidecar.read_text())
    side.update(extractor="ocr", ocr={"engine": "tesseract 5", "ocrmypdf": None,
                                      "language": "fra"})
    sidecar.write_text(json.dumps(side))
    res = runner.invoke(cli, ["--archive", str(arc), "ocr", "--quiet"])
    assert (res.exit_code, res.stdout) == (0, "OCR: 0 scanned PDF(s), 0 now with text.\n")
    assert not args.exists()


def test_fetch_with_ocr_flag(site, tmp_path, monkeypatch):
    # no Ghostscript on PATH: extraction cannot OCR, so `--ocr` runs ocrmypdf afterwards
    monkeypatch.setenv("PATH", "/nonexistent")
    install_fakes(tmp_path / "bin", monkeypatch)
    res = fetch_scanned(site, tmp_path / "a", "--ocr", "--json")
    assert res.exit_code == 0
    (st,) = json.loads(res.stdout)["statements"]
    # the statement's one JSON shape (docs/json.md): the extractor is in the sidecar
    assert (st["status"], st["path"], st["text"]) == ("ok", "2014/BWA/en", RECOGNISED + "\n")
    side = json.loads((tmp_path / "a" / "2014/BWA/en/statement.json").read_text())
    assert side["extractor"] == "pdfminer+ocrmypdf"


def test_fetch_summary_says_once_what_to_install_for_ocr(site, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    res = fetch_scanned(site, tmp_path / "a", "--quiet")
    assert res.exit_code == 0
    assert res.stderr.splitlines().count(
        "r2p: note: scanned PDFs are kept without text until OCR is installed: apt-get install "
        "tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa ocrmypdf") == 1
