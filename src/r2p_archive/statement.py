"""A statement as the index knows it (:class:`Statement`), and its one JSON shape
(``docs/json.md``).  Split out of :mod:`r2p_archive.api`, which exports it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from r2p_archive import index as _index


class Statement:
    """One statement as the index knows it: every column of ``index.COLUMNS`` is an attribute
    (``st.year``, ``st.iso3``, ``st.record``...).  ``text`` is read from the archive on first
    use."""

    def __init__(self, row: dict[str, Any], root: Path = Path(".")):
        self._row = row
        self.root = root
        self._text: str | None = None
        self._text_read = False

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_row"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Statement) and self._row == other._row

    def __repr__(self) -> str:
        return f"Statement(id={self._row.get('id')!r}, year={self._row.get('year')!r}, " \
               f"speaker={self._row.get('speaker')!r})"

    @property
    def name(self) -> str:
        """Country name for a state, else the speaker as the page names it."""
        return self.country or self.speaker

    @property
    def text(self) -> str | None:
        """The extracted text (None when the statement has none)."""
        if not self._text_read:
            self._text_read = True
            if self.text_path:
                try:
                    self._text = (self.root / self.text_path).read_text(encoding="utf-8")
                except OSError:
                    self._text = None
        return self._text

    @property
    def folder(self) -> Path:
        return self.root / self.path

    @property
    def original_path(self) -> Path | None:
        """Absolute path of the original document (None when there is none); for a turn of a
        verbatim record, the record's PDF."""
        if self.original:
            return self.root / self.path / self.original
        return self.root / self.record_file if self.record_file else None

    @classmethod
    def from_record(cls, rec: Any, root: Path, text: str | None = None) -> Statement:
        """The statement a sidecar (:class:`~r2p_archive.models.Record`) describes, as the
        index would hold it."""
        row = _index.row_of(rec, text)
        row["languages"] = list(rec.languages)
        row["languages_detected"] = list(rec.languages_detected)
        st = cls(row, root=root)
        if text is not None:
            st._text, st._text_read = text, True
        return st

    def to_json(self, *, text: bool = True) -> dict[str, Any]:
        """Every column of the index, then ``text``: the whole text (None when there is none);
        the one JSON shape of a statement, documented in ``docs/json.md``."""
        data = {c: self._row[c] for c in _index.COLUMNS}
        for flag in ("reply", "procedural"):
            data[flag] = bool(data[flag])
        if text:
            data["text"] = self.text
        return data
