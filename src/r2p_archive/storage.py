"""The archive folder: where originals, texts and JSON sidecars live, and how they are written.

Layout: ``{root}/{year}/{code}/{lang}/statement.{ext}`` with ``statement.json`` (the sidecar,
a :class:`~r2p_archive.models.Record`) and ``statement.txt`` (extracted text) beside it.
``code`` is the ISO 3166 alpha-3 code of a state, else a slug of the speaker's name; ``lang``
is the statement's language (``und`` while unknown).  Two statements that would share a folder
get ``en-2``, ``en-3``...  Every component is built from a closed alphabet, so no name taken
from a page can point outside the archive.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from r2p_archive.errors import UnusableInput
from r2p_archive.models import Record

SIDECAR = "statement.json"
TEXT = "statement.txt"
INDEX_NAME = "index.sqlite"
LOCK_NAME = ".r2p.lock"
RECORDS = "records"  # verbatim records, each kept once: records/{symbol}/{lang}.pdf

_SLUG_MAX = 60


def default_root() -> Path:
    """The archive used without ``--archive``: ``$R2P_ARCHIVE``, else the per-user data folder
    (e.g. ``~/.local/share/r2p-archive`` on Linux)."""
    env = os.environ.get("R2P_ARCHIVE")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("r2p-archive", appauthor=False))


class ArchiveError(UnusableInput):
    """The archive folder cannot be used (not writable, locked by another run...): exit 2."""


def slugify(name: str) -> str:
    """ASCII, lower-case, hyphen-separated; never empty, never a path."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:_SLUG_MAX].rstrip("-")
    return slug or "unknown"


def speaker_code(iso3: str | None, speaker: str) -> str:
    if iso3 and re.fullmatch(r"[A-Z]{3}", iso3):
        return iso3
    return slugify(speaker)


def safe_lang(lang: str | None) -> str:
    if lang and re.fullmatch(r"[a-z]{2,3}", lang):
        return lang
    return "und"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


class Archive:
    """An archive folder on disk."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root).expanduser().resolve()

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_NAME

    @contextlib.contextmanager
    def writer_lock(self, timeout: float = 10.0) -> Iterator[None]:
        """Hold the archive's writer lock; another writer waits ``timeout`` s, then gives up."""
        from filelock import FileLock, Timeout

        self.ensure()
        lock = FileLock(str(self.lock_path))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise ArchiveError(
                f"another r2p command is writing to {self.root}; try again when it has finished"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"cannot create archive folder {self.root}: {exc.strerror}") from exc
        if not os.access(self.root, os.W_OK):
            raise ArchiveError(f"archive folder {self.root} is not writable")

    # -- paths ---------------------------------------------------------------------------
    def path_of(self, rel_dir: str) -> Path:
        path = (self.root / rel_dir).resolve()
        if path != self.root and self.root not in path.parents:
            raise ArchiveError(f"refusing a path outside the archive: {rel_dir!r}")
        return path

    def allocate_dir(self, year: int, code: str, lang: str | None) -> str:
        """Create and return (relative) a new, empty statement folder."""
        base = f"{int(year)}/{code}/{safe_lang(lang)}"
        n = 1
        while True:
            rel = base if n == 1 else f"{base}-{n}"
            path = self.path_of(rel)
            try:
                path.mkdir(parents=True, exist_ok=False)
                return rel
            except FileExistsError:
                n += 1

    def move_dir(self, rel_dir: str, lang: str | None) -> str:
        """Move a statement folder to the folder of another language; returns the new one."""
        year, code, current = rel_dir.split("/")
        if current.split("-")[0] == safe_lang(lang):
            return rel_dir
        base = f"{year}/{code}/{safe_lang(lang)}"
        n = 1
        while True:
            rel = base if n == 1 else f"{base}-{n}"
            target = self.path_of(rel)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.rename(self.path_of(rel_dir), target)
                    return rel
                except OSError:
                    if not target.exists():
                        raise
            n += 1

    def store_record(self, symbol: str, language: str, data: bytes) -> tuple[str, str]:
        """Keep a verbatim record's PDF as ``records/A_76_PV.102/en.pdf`` (written only when
        new or changed); returns (its path relative to the archive root, its SHA-256)."""
        import hashlib

        name = re.sub(r"[^A-Za-z0-9.]+", "_", symbol).strip("_")[:_SLUG_MAX] or "record"
        rel = f"{RECORDS}/{name}/{safe_lang(language)}.pdf"
        path = self.path_of(rel)
        sha = hashlib.sha256(data).hexdigest()
        try:
            same = hashlib.sha256(path.read_bytes()).hexdigest() == sha
        except OSError:
            same = False
        if not same:
            atomic_write_bytes(path, data)
        return rel, sha

    # -- statements ----------------------------------------------------------------------
    def save(self, rec: Record) -> None:
        if rec.dir is None:
            raise ValueError("record has no folder")
        data = json.dumps(rec.to_json(), ensure_ascii=False, indent=2, sort_keys=False)
        atomic_write_text(self.path_of(rec.dir) / SIDECAR, data + "\n")

    def load(self, rel_dir: str) -> Record:
        with open(self.path_of(rel_dir) / SIDECAR, encoding="utf-8") as fh:
            return Record.from_json(json.load(fh), dir=rel_dir)

    def iter_records(self) -> Iterator[Record]:
        """Every statement stored in the archive, in folder order; unreadable sidecars skipped."""
        if not self.root.is_dir():
            return
        for sidecar in sorted(self.root.glob(f"[0-9]*/*/*/{SIDECAR}")):
            rel = sidecar.parent.relative_to(self.root).as_posix()
            try:
                yield self.load(rel)
            except (OSError, ValueError, TypeError):
                continue

    def file(self, rec: Record, name: str | None) -> Path | None:
        if rec.dir is None or not name:
            return None
        return self.path_of(rec.dir) / name

    def read_text(self, rec: Record) -> str | None:
        path = self.file(rec, rec.text)
        if path is None:
            return None
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None
