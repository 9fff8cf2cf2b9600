"""OCR of scanned PDFs with Tesseract, when it is installed.

Two paths:

* :func:`ocr_document` -- what :func:`r2p_archive.extract.extract_file` runs on a PDF without a
  text layer: Ghostscript renders each page to a 300 dpi grey image, Tesseract reads it, and
  the words, their layout and their confidence come back as TSV.  Images and TSV go through
  pipes, so nothing is written to disk and a killed OCR leaves no stray file; the children
  die with the process that runs them (``PR_SET_PDEATHSIG``) and run under their own
  address-space limit (:data:`OCR_MEMORY_MB`), not the extraction worker's.
* :func:`ocr_pdf` -- ``r2p ocr`` / ``fetch --ocr``: ocrmypdf writes a searchable copy of the PDF.

Why Tesseract directly rather than through ocrmypdf: on a one-page scan ocrmypdf took about
2.3 s and Ghostscript piped into Tesseract 0.5 s (ocrmypdf starts a Python interpreter, builds
and optimises a new PDF that is then parsed again); per page of two-page scans ocrmypdf cost
1.3-2.2 CPU seconds and this path 1.1-1.7 (BENCHMARKS.md, OCR).  Only Tesseract's TSV output
gives the word confidences.  Ghostscript comes with ocrmypdf (a Debian dependency).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from r2p_archive.errors import R2PError
from r2p_archive.languages import code_of, tesseract_pack
from r2p_archive.text import one_line

OCR_HINT = "scanned PDF without a text layer; install ocrmypdf and tesseract, then run `r2p ocr`"
OCR_READY_HINT = "scanned PDF without a text layer; run `r2p ocr` to recognise its text"

class OCRFailed(R2PError):
    """ocrmypdf could not produce a searchable PDF; the message is one line."""


def ocr_available() -> bool:
    """Whether ``ocrmypdf`` (and the ``tesseract`` it drives) are on PATH."""
    return shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None


def no_text_hint() -> str:
    return OCR_READY_HINT if ocr_available() else OCR_HINT


def ocr_command(src: Path, dst: Path, languages: Sequence[str] = ()) -> list[str]:
    langs = [p for p in map(tesseract_pack, languages) if p]
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
        raise OCRFailed(f"ocrmypdf failed: {one_line(reason)}")
    if not dst.is_file() or dst.stat().st_size == 0:
        raise OCRFailed("ocrmypdf produced no output file")


# -- OCR inside extraction ----------------------------------------------------------------------

RENDER_DPI = 300
# Address-space limit of each Ghostscript / Tesseract process, set in the child (it replaces
# the extraction worker's inherited RLIMIT_AS).  Measured on a full A4 page at 300 dpi:
# Tesseract 5.3 runs under a 200 MB limit (72 MB resident), Ghostscript under 100 MB.
OCR_MEMORY_MB = 1024
LOW_CONFIDENCE = 60.0  # a page whose mean word confidence is below this is listed
JUNK_CONFIDENCE = 35.0  # a line whose words average below this is dropped (stamps, scribbles)
DETECT_LETTERS = 100  # letters recognised before the language is checked
NO_TEXT = "OCR recognised no text"


@lru_cache(maxsize=8)
def _tool_output(*cmd: str) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False,
                              env=_child_env())
    except (OSError, subprocess.SubprocessError):
        return ""
    return (proc.stdout or "") + (proc.stderr or "")


def tesseract_version() -> str:
    """"tesseract 5.3.0" (the first line of ``tesseract --version``)."""
    exe = shutil.which("tesseract")
    for line in (_tool_output(exe, "--version") if exe else "").splitlines():
        if line.startswith("tesseract "):
            return line.strip()
    return "tesseract (unknown version)"


def tesseract_languages() -> frozenset[str]:
    """The installed Tesseract language packs ("eng", "fra", ...)."""
    exe = shutil.which("tesseract")  # the cache is keyed by the program's path
    lines = (_tool_output(exe, "--list-langs") if exe else "").splitlines()
    return frozenset(ln.strip() for ln in lines[1:] if re.fullmatch(r"[a-z_]+", ln.strip()))


def _rasteriser() -> str | None:
    return shutil.which("gs")


def ocr_ready() -> bool:
    """Whether extraction can recognise scanned PDFs itself: :func:`ocr_available` (ocrmypdf and
    tesseract) and Ghostscript, which renders the pages (ocrmypdf depends on it)."""
    return ocr_available() and _rasteriser() is not None


def ocr_missing_hint() -> str:
    """One line saying what to install so that scanned PDFs get text; "" when nothing is missing.

    ``r2p fetch`` recognises scanned PDFs itself when Tesseract, its French and Spanish data and
    ocrmypdf (which brings Ghostscript) are installed.
    """
    missing: list[str] = []
    if shutil.which("tesseract") is None:
        missing += ["tesseract-ocr", "tesseract-ocr-fra", "tesseract-ocr-spa"]
    else:
        have = tesseract_languages()
        missing += [f"tesseract-ocr-{code}" for code in ("eng", "fra", "spa") if code not in have]
    if shutil.which("ocrmypdf") is None or _rasteriser() is None:
        missing.append("ocrmypdf")
    if not missing:
        return ""
    return ("scanned PDFs are kept without text until OCR is installed: "
            f"apt-get install {' '.join(missing)}")


@dataclass
class OcrPage:
    number: int
    language: str
    paragraphs: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)  # one per recognised word

    @property
    def confidence(self) -> float | None:
        return sum(self.confidences) / len(self.confidences) if self.confidences else None

    @property
    def letters(self) -> int:
        return sum(1 for p in self.paragraphs for ch in p if ch.isalpha())


@dataclass
class OcrOutcome:
    paragraphs: list[str]
    info: dict  # ExtractResult.ocr


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # Tesseract's OpenMP threads make it 4x slower, not faster
    return env


def _limit_child() -> Callable[[], None]:
    """A preexec_fn: the child gets its own address-space limit and dies with its parent."""
    import ctypes
    import resource
    import signal

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None
    limit = OCR_MEMORY_MB * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)

    def setup() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        if prctl is not None:
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    return setup


class _Runner:
    """Runs the OCR's child processes within one deadline."""

    def __init__(self, deadline: float, timeout: float):
        self.deadline = deadline
        self.timeout = max(1, round(timeout))  # for messages: "OCR timed out after 118 s"
        self.env = _child_env()
        self.preexec = _limit_child()

    def run(self, cmd: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise OCRFailed(f"OCR timed out after {self.timeout} s")
        try:
            return subprocess.run(cmd, input=data, capture_output=True, timeout=left,
                                  check=False, env=self.env, preexec_fn=self.preexec)
        except subprocess.TimeoutExpired as exc:
            raise OCRFailed(f"OCR timed out after {self.timeout} s") from exc
        except OSError as exc:
            raise OCRFailed(f"cannot run {Path(cmd[0]).name}: {exc.strerror or exc}") from exc


def _last_line(stderr: bytes, default: str) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return one_line(lines[-1], 160) if lines else default


def _gs_warnings(stderr: bytes) -> list[str]:
    """The problems Ghostscript reports having repaired or ignored ("recoverable image error")."""
    text = stderr.decode("utf-8", "replace")
    warnings = re.findall(r"^\t(.+)$", text.split("warnings were encountered", 1)[-1], re.M) \
        if "warnings were encountered" in text else []
    warnings += re.findall(r"\*\*\*\* Error:?\s*(.+)", text)
    return [w.strip() for w in warnings if w.strip()]


def _render(runner: _Runner, gs: str, path: Path, number: int) -> tuple[bytes, list[str]]:
    """Page ``number`` as a raw PGM image, and Ghostscript's warnings."""
    cmd = [gs, "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOPROMPT", "-sstdout=%stderr",
           "-sDEVICE=pgmraw", f"-r{RENDER_DPI}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
           f"-dFirstPage={number}", f"-dLastPage={number}", "-sOutputFile=-", str(path)]
    proc = runner.run(cmd)
    if proc.returncode != 0 or not proc.stdout.startswith(b"P5"):
        reason = _last_line(proc.stderr, f"exit status {proc.returncode}")
        if "password" in reason.lower():
            raise OCRFailed("PDF is encrypted and needs a password to open")
        raise OCRFailed(f"cannot render the scanned page {number} (Ghostscript: {reason})")
    return proc.stdout, _gs_warnings(proc.stderr)


def parse_tsv(tsv: str, number: int, language: str) -> OcrPage:
    """Paragraphs and word confidences of one page from Tesseract's TSV output."""
    from r2p_archive.extract import clean

    page = OcrPage(number, language)
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if not word or conf < 0:
            continue
        page.confidences.append(conf)
        key = (int(cols[2]), int(cols[3]), int(cols[4]))  # block, paragraph, line
        lines.setdefault(key, []).append((word, conf))
    paragraphs: dict[tuple[int, int], list[str]] = {}
    for (block, par, _), words in sorted(lines.items()):
        if sum(c for _, c in words) / len(words) < JUNK_CONFIDENCE:
            continue  # a stamp, a signature, specks: not text
        paragraphs.setdefault((block, par), []).append(" ".join(w for w, _ in words))
    dehyphenator = clean.Dehyphenator(line for ls in paragraphs.values() for line in ls)
    page.paragraphs = [clean.join_lines(ls, dehyphenator) for ls in paragraphs.values()]
    return page


def _recognise(runner: _Runner, tesseract: str, image: bytes, number: int,
               language: str) -> OcrPage:
    cmd = [tesseract, "stdin", "stdout", "-l", language, "--dpi", str(RENDER_DPI), "tsv"]
    proc = runner.run(cmd, image)
    if proc.returncode != 0:
        reason = _last_line(proc.stderr, f"exit status {proc.returncode}")
        raise OCRFailed(f"tesseract failed on page {number}: {reason}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"), number, language)


def _detect(text: str) -> str | None:
    from r2p_archive.extract.language import detect_language

    return detect_language(text)[0]


def ocr_document(path: Path, pages: int | None, hints: Sequence[str] = (),
                 timeout: float = 600.0) -> OcrOutcome:
    """Recognise the text of a scanned PDF.  Raises :class:`OCRFailed` (one line).

    The language is the first hint's Tesseract pack when it is installed, else English.  Once
    :data:`DETECT_LETTERS` letters are recognised their language is detected; when it is another
    installed pack, that page is read again in it and the reading with the better mean word
    confidence decides the language of the rest of the document.
    """
    gs, tesseract = _rasteriser(), shutil.which("tesseract")
    if gs is None or tesseract is None:
        raise OCRFailed("OCR needs tesseract and ghostscript")
    started = time.monotonic()
    runner = _Runner(started + max(0.0, timeout), timeout)
    installed = tesseract_languages() or frozenset({"eng"})
    language = "eng"
    for hint in hints:
        pack = tesseract_pack(code_of(hint))
        if pack in installed:
            language = pack
            break
    decided = False
    results: list[OcrPage] = []
    warnings: list[str] = []
    for number in range(1, (pages or 1) + 1):
        image, page_warnings = _render(runner, gs, path, number)
        warnings += page_warnings
        page = _recognise(runner, tesseract, image, number, language)
        letters = sum(p.letters for p in results) + page.letters
        if not decided and letters >= DETECT_LETTERS:
            decided = True
            text = "\n\n".join(p for r in [*results, page] for p in r.paragraphs)
            other = tesseract_pack(_detect(text))
            if other and other != language and other in installed:
                again = _recognise(runner, tesseract, image, number, other)
                if (again.confidence or 0) > (page.confidence or 0):
                    page, language = again, other
        results.append(page)
        del image
    words = [c for r in results for c in r.confidences]
    if not any(r.paragraphs for r in results) and warnings:
        raise OCRFailed(f"the scanned image is damaged (Ghostscript: {warnings[0]})")
    info = {
        "engine": tesseract_version(),
        "ocrmypdf": None,  # Tesseract ran directly (see the module's docstring)
        "language": language,
        "confidence": round(sum(words) / len(words), 1) if words else None,
        "low_confidence_pages": [r.number for r in results
                                 if r.confidence is not None and r.confidence < LOW_CONFIDENCE],
    }
    return OcrOutcome([p for r in results for p in r.paragraphs], info)
