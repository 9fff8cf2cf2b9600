"""An archive for the web UI's tests (the shared corpus, a verbatim record's turn in two
languages, a procedural turn, a text with HTML in it) and a real `r2p serve` in a
subprocess on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from archive_factory import CORPUS, Spec, add, build

from r2p_archive.index import Index
from r2p_archive.storage import Archive

RECORD = "A/75/PV.62"
TURN_TEXT = {
    "en": "Mexico calls on the permanent members to refrain from the veto in cases of mass "
          "atrocities.",
    "fr": "Le Mexique demande aux membres permanents de renoncer au veto en cas d'atrocités "
          "de masse.",
}
RECORD_PDF = {lang: b"%PDF-1.4\n% invented record " + lang.encode() for lang in TURN_TEXT}
EXTRA = [
    Spec(2016, "Costa Rica", "Costa Rica <script>alert(1)</script> & the veto: words, not "
         "deeds.", iso3="CRI"),
]


def _turn(archive: Archive, idx: Index, lang: str, turn: int, text: str, speaker: str,
          iso3: str | None, *, procedural: bool = False):
    rec = add(archive, Spec(2021, speaker, text, iso3=iso3, language=lang,
                            url=f"http://127.0.0.1/{RECORD}/{lang}/{turn}"), idx)
    folder = archive.path_of(rec.dir)
    (folder / rec.original).unlink()
    rel, sha = archive.store_record(RECORD, lang, RECORD_PDF[lang])
    rec.original = None
    rec.record_file, rec.sha256 = rel, sha
    rec.source = f"http://127.0.0.1/records/{lang}.pdf"
    rec.record, rec.turn, rec.page = RECORD, turn, 7 + turn
    rec.procedural = procedural
    archive.save(rec)
    idx.upsert(rec, text)
    return rec


def build_web_archive(root: Path, original: bytes | None = None) -> dict[str, str]:
    """The test archive; returns ids by a short name.  ``original``: the bytes of Brazil
    2013's original document (default: the factory's small fake PDF)."""
    specs = [*CORPUS, *EXTRA]
    if original is not None:
        specs[1] = Spec(2013, "Brazil", CORPUS[1].text, iso3="BRA", original=original)
    archive, recs = build(root, specs)
    ids = {f"{r.speaker.split()[0].lower()}{r.year}": r.id for r in recs}
    with Index.open(archive) as idx:
        ids["chair"] = _turn(archive, idx, "en", 1, "The President: I now give the floor to "
                             "the representative of Mexico.", "The President", None,
                             procedural=True).id
        for lang, text in TURN_TEXT.items():
            ids[f"mexico_{lang}"] = _turn(archive, idx, lang, 2, text, "Mexico", "MEX").id
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(root: Path, timeout: float = 30.0) -> Iterator[str]:
    """`r2p serve` on 127.0.0.1 in a subprocess; yields its base URL ("http://127.0.0.1:N")."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "r2p_archive", "--archive", str(root), "serve", "--port",
         str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"r2p serve exited: {proc.stdout.read()}")
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
