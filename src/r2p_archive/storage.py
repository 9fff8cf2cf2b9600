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
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from r2p_archive.errors import UnusableInput
from r2p_archive.models import Record

SIDECAR = "statement.json"
TEXT = "statement.txt"
INDEX_NAME = "index.sqlite"
LOCK_NAME = ".r2p.lock"
LOCK_TIMEOUT = 10.0  # seconds a second writer waits for the lock; env R2P_LOCK_TIMEOUT
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


def lock_timeout() -> float:
    """How long a writer waits for another one: ``$R2P_LOCK_TIMEOUT`` seconds, else
    :data:`LOCK_TIMEOUT`."""
    value = os.environ.get("R2P_LOCK_TIMEOUT", "").strip()
    if not value:
        return LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise ArchiveError(f"R2P_LOCK_TIMEOUT must be a number of seconds, not {value!r}")
    return seconds


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


@contextlib.contextmanager
def atomic_open(path: Path, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write ``path`` through (UTF-8 text when ``text``): readers see the old file or
    the whole new one, never half of it; on an error the old file stays and the part is gone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with (os.fdopen(fd, "w", encoding="utf-8", newline="") if text
              else os.fdopen(fd, "wb")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`atomic_open`."""
    with atomic_open(path) as fh:
        fh.write(data)


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

    @property
    def read_only(self) -> bool:
        """True when the archive folder exists but cannot be written (a read-only copy)."""
        return self.root.is_dir() and not os.access(self.root, os.W_OK)

    def holds_statements(self) -> bool:
        """True when the folder holds at least one statement (sidecar) or an index."""
        if not self.root.is_dir():
            return False
        return self.index_path.is_file() or next(
            iter(self.root.glob(f"[0-9]*/*/*/{SIDECAR}")), None) is not None

    def require(self) -> None:
        """Refuse (exit 2) an archive that does not exist: only `r2p fetch` creates one."""
        if not self.root.is_dir():
            raise ArchiveError(f"no archive at {self.root}; run `r2p fetch` first (only fetch "
                               "creates an archive)")

    def require_writable(self) -> None:
        """Refuse (exit 2, one line) to write into a read-only archive."""
        if self.read_only:
            raise ArchiveError(f"the archive at {self.root} is read-only; list, search, show "
                               "and export work, commands that write do not")

    @contextlib.contextmanager
    def writer_lock(self, timeout: float | None = None, *,
                    create: bool = False) -> Iterator[None]:
        """Hold the archive's writer lock; another writer waits ``timeout`` s (default:
        :func:`lock_timeout`), then gives up.

        Without ``create`` the archive must exist already (only `r2p fetch` creates one)."""
        from filelock import FileLock, Timeout

        if timeout is None:
            timeout = lock_timeout()
        if not create:
            self.require()
        self.ensure()  # refuses a read-only archive (require_writable)
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
        self.require_writable()

    # -- paths ---------------------------------------------------------------------------
    def path_of(self, rel_dir: str) -> Path:
        path = (self.root / rel_dir).resolve()
        if path != self.root and self.root not in path.parents:
            raise ArchiveError(f"refusing a path outside the archive: {rel_dir!r}")
        return path

    def folder(self, rec: Record) -> Path:
        """The statement folder of a stored record."""
        if rec.dir is None:
            raise ValueError(f"record {rec.id} has no folder")
        return self.path_of(rec.dir)

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


def leftovers(archive: Archive) -> dict[str, int]:
    """What runs leave behind besides statements: files in ``.tmp/`` (downloads of a run that
    was killed), ``*.part`` files (interrupted writes) and the kept copies of dialogue pages
    in ``pages/`` (kept on purpose: re-read conditionally by the next fetch)."""
    root = archive.root
    out = {"tmp_files": 0, "part_files": 0, "page_copies": 0}
    if not root.is_dir():
        return out
    tmp = root / ".tmp"
    if tmp.is_dir():
        out["tmp_files"] = sum(1 for p in tmp.rglob("*") if p.is_file())
    out["part_files"] = sum(1 for _ in root.glob("**/.*.part"))
    pages = root / "pages"
    if pages.is_dir():
        out["page_copies"] = sum(1 for p in pages.glob("*.html"))
    return out


def archive_info(archive: Archive) -> dict[str, object]:
    """What `r2p info` prints: where the archive is and what it holds (see docs/json.md)."""
    from collections import Counter

    data: dict[str, object] = {"archive": str(archive.root), "exists": archive.root.is_dir()}
    if not archive.root.is_dir():
        return data
    records = list(archive.iter_records())
    years = sorted({r.year for r in records})
    data.update(
        read_only=archive.read_only,
        index=str(archive.index_path),
        index_exists=archive.index_path.exists(),
        statements=len(records),
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        by_status=dict(sorted(Counter(r.status for r in records).items())),
        **leftovers(archive),
    )
    return data


# -- what a fetch does to the folder as a whole (moved here from fetch.py) ---------------
def cleanup(archive: Archive) -> None:
    """Remove what an interrupted run left: temp files and statement folders with no sidecar."""
    shutil.rmtree(archive.root / ".tmp", ignore_errors=True)
    for part in archive.root.glob("[0-9]*/*/*/.*.part"):
        part.unlink(missing_ok=True)
    for folder in archive.root.glob("[0-9]*/*/*"):
        if folder.is_dir() and not (folder / SIDECAR).exists():
            shutil.rmtree(folder, ignore_errors=True)


def store_documents(archive: Archive, sources: Iterable[Any]) -> dict[str, tuple[str, str]]:
    """Keep each verbatim record's PDF once; source -> (its path in the archive, SHA-256)."""
    out = {}
    for result in sources:
        parts = [st.part for st in result.statements if st.part is not None]
        if result.data is None or not parts:
            continue
        out[result.source] = archive.store_record(parts[0].record, parts[0].language, result.data)
    return out


def finish_moves(archive: Archive, records: Iterable[Record]) -> None:
    """Move extracted statements still in the folder of another language to their own.

    A run killed between saving an extracted sidecar and moving its folder to the detected
    language leaves it in the old folder (``und``) for good, since the next run skips it.
    """
    for rec in records:
        if rec.dir and rec.sha256 and rec.extracted_sha256 == rec.sha256:
            rec.dir = archive.move_dir(rec.dir, rec.language)
