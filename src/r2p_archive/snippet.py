"""The snippet of a search hit: the same for `r2p search` (:mod:`r2p_archive.api`) and the web
UI (:mod:`r2p_archive.serve`).  Matched words are between :data:`OPEN` and :data:`CLOSE`."""

from __future__ import annotations

import sqlite3
from typing import Any

from r2p_archive import index

TOKENS = 24  # words around the match
OPEN, CLOSE = "\x02", "\x03"


def snippet(conn: sqlite3.Connection, compiled: Any, num: int, language: str | None,
            tokens: int = TOKENS) -> str:
    """The snippet of the statement ``num`` matching ``compiled`` (a
    :class:`r2p_archive.query.Compiled`): FTS5's snippet of the text, unless only the speaker's
    name matched; for matches FTS5 cannot mark (stems, CJK bigrams) a snippet made here."""
    in_text, in_speaker, in_plain = index.snippets(conn, compiled.match, num, (OPEN, CLOSE),
                                                   tokens)
    if OPEN in (in_text or ""):
        return in_text
    from r2p_archive import analyze

    text = index.text_of(conn, num)
    made = analyze.highlight(text, language, compiled.targets, OPEN, CLOSE, tokens)
    for raw in (made, in_plain, in_speaker):
        if OPEN in (raw or ""):
            return raw
    return in_text or made
