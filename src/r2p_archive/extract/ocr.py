"""Optional OCR of scanned PDFs with ocrmypdf (and Tesseract), when they are installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from r2p_archive.errors import R2PError

OCR_HINT = "scanned PDF without a text layer; install ocrmypdf and tesseract, then run `r2p ocr`"
OCR_READY_HINT = "scanned PDF without a text layer; run `r2p ocr` to recognise its text"

# ISO 639-1 -> Tesseract language packs
TESSERACT_LANGS = {
    "en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "ru": "rus", "zh": "chi_sim",
    "pt": "por", "de": "deu", "it": "ita", "nl": "nld",
}


class OCRFailed(R2PError):
    """ocrmypdf could not produce a searchable PDF; the message is one line."""


def ocr_available() -> bool:
    """Whether ``ocrmypdf`` (and the ``tesseract`` it drives) are on PATH."""
    return shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None


def no_text_hint() -> str:
    return OCR_READY_HINT if ocr_available() else OCR_HINT


def ocr_command(src: Path, dst: Path, languages: Sequence[str] = ()) -> list[str]:
    langs = [TESSERACT_LANGS[code] for code in languages if code in TESSERACT_LANGS]
    cmd = ["ocrmypdf", "--skip-text", "--quiet", "--output-type", "pdf"]
    if langs:
        cmd += ["-l", "+".join(dict.fromkeys(langs))]
    return [*cmd, str(src), str(dst)]


def ocr_pdf(src: Path, dst: Path, timeout: float, languages: Sequence[str] = ()) -> None:
    """Write ``dst``: ``src`` with a recognised text layer.  Raises :class:`OCRFailed`."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise OCRFailed("ocrmypdf is not installed (see its documentation; it needs tesseract)")
    cmd = ocr_command(src, dst, languages)
    cmd[0] = exe
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OCRFailed(f"OCR timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise OCRFailed(f"cannot run ocrmypdf: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stderr or "").splitlines() if ln.strip()]
        reason = lines[-1] if lines else f"exit status {proc.returncode}"
        raise OCRFailed(f"ocrmypdf failed: {reason[:200]}")
    if not dst.is_file() or dst.stat().st_size == 0:
        raise OCRFailed("ocrmypdf produced no output file")
