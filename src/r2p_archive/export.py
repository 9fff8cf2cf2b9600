"""Export the corpus for analysis: CSV or JSON Lines (one row per statement, metadata + text),
or one text file per statement named like the UN General Debate Corpus plus a metadata CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from r2p_archive.errors import UnusableInput
from r2p_archive.index import COLUMNS
from r2p_archive.storage import atomic_open, safe_lang, speaker_code

if TYPE_CHECKING:
    from r2p_archive.api import Statement

FORMATS = ("csv", "jsonl", "txt")

# Metadata columns of csv/jsonl exports and of metadata.csv, in order: the index's columns,
# with the file locations last.
_FILE_FIELDS = ("path", "original", "text_path")
FIELDS: tuple[str, ...] = (
    *(c for c in COLUMNS if c not in _FILE_FIELDS),
    *_FILE_FIELDS,
)


@dataclass
class ExportResult:
    format: str
    count: int  # statements exported (rows)
    files: int  # text files written (txt format)
    out: Path | None  # file or folder written; None for stdout


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else value


def _meta(st: Statement) -> dict[str, Any]:
    return {f: getattr(st, f) for f in FIELDS}


def write_csv(statements: Iterable[Statement], out: IO[str]) -> int:
    """One row per statement: metadata, then ``text``; list fields joined with ``;``."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIELDS, "text"])
    n = 0
    for st in statements:
        meta = _meta(st)
        writer.writerow([*(_csv_value(meta[f]) for f in FIELDS), st.text or ""])
        n += 1
    return n


def write_jsonl(statements: Iterable[Statement], out: IO[str]) -> int:
    """One JSON object per line: metadata and ``text`` (null when there is none)."""
    n = 0
    for st in statements:
        out.write(json.dumps({**_meta(st), "text": st.text}, ensure_ascii=False) + "\n")
        n += 1
    return n


def txt_names(statements: Iterable[Statement]) -> Iterator[tuple[Statement, str]]:
    """File names ``ISO3_YEAR_LANG.txt`` (a slug of the speaker for non-states); a name already
    given gets ``_2``, ``_3``..."""
    used: set[str] = set()
    for st in statements:
        base = f"{speaker_code(st.iso3, st.speaker)}_{st.year}_{safe_lang(st.language)}"
        name, n = f"{base}.txt", 1
        while name in used:
            n += 1
            name = f"{base}_{n}.txt"
        used.add(name)
        yield st, name


def write_txt(statements: Iterable[Statement], folder: Path) -> tuple[int, int]:
    """Write one text file per statement that has text, plus ``metadata.csv`` (every statement,
    with its ``file``).  Returns (statements, files)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UnusableInput(f"export folder {folder} is not empty; choose a new or empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableInput(f"cannot create export folder {folder}: {exc.strerror}") from exc
    with_text = [st for st in statements if st.text is not None]
    names = dict((st.id, name) for st, name in txt_names(with_text))
    n = files = 0
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", *FIELDS])
        for st in statements:
            name = names.get(st.id, "")
            if name:
                (folder / name).write_text(st.text or "", encoding="utf-8")
                files += 1
            meta = _meta(st)
            writer.writerow([name, *(_csv_value(meta[f]) for f in FIELDS)])
            n += 1
    return n, files


def export(
    statements: list[Statement], fmt: str, out: Path | None, stdout: IO[str] | None = None
) -> ExportResult:
    """Export ``statements`` as ``fmt`` to ``out`` (a file; a folder for txt) or ``stdout``."""
    if fmt not in FORMATS:
        raise UnusableInput(f'unknown export format "{fmt}": choose one of {", ".join(FORMATS)}')
    if fmt == "txt":
        if out is None:
            raise UnusableInput("--format txt writes one file per statement: give --out FOLDER")
        n, files = write_txt(statements, out)
        return ExportResult(fmt, n, files, out)
    writer = write_csv if fmt == "csv" else write_jsonl
    if out is None:
        if stdout is None:
            raise ValueError("no output")
        return ExportResult(fmt, writer(statements, stdout), 0, None)
    if out.is_dir():
        raise UnusableInput(f"{out} is a folder; give a file name for --format {fmt}")
    try:
        with atomic_open(out, text=True) as fh:
            n = writer(statements, fh)
    except OSError as exc:
        raise UnusableInput(f"cannot write {out}: {exc.strerror or exc}") from exc
    return ExportResult(fmt, n, 0, out)
