"""The bundled glossary of R2P vocabulary in the six UN languages (``data/glossary.json``),
for ``r2p search --any-language``.

A typed term is looked up by its stems (``vetoes`` finds ``veto``, ``génocides`` finds
``génocide``) in each language its script allows, or, for Chinese, as written.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from r2p_archive import analyze

PATH = Path(__file__).resolve().parent / "data" / "glossary.json"


@dataclass(frozen=True)
class Entry:
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (language, its forms), in glossary order

    def variants(self) -> list[tuple[str, str]]:
        """(language, form) for every form, without repeats."""
        seen: dict[str, tuple[str, str]] = {}
        for lang, forms in self.terms:
            for form in forms:
                seen.setdefault(f"{lang}:{form.casefold()}", (lang, form))
        return list(seen.values())


def _keys(term: str, langs: tuple[str, ...]) -> list[tuple[str, ...]]:
    if analyze.has_cjk(term):
        return [("zh", "".join(term.split()))]
    words = analyze.words(analyze.normalize_arabic(term.casefold()))
    if not words:
        return []
    keys = [("=", *(analyze.fold(w) for w in words))]
    keys += [(lang, *(analyze.stem(w, lang) for w in words)) for lang in langs]
    return keys


@functools.lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], Entry]:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    table: dict[tuple[str, ...], Entry] = {}
    for raw in data["terms"]:
        entry = Entry(tuple((lang, tuple(forms)) for lang, forms in raw.items()))
        for lang, forms in entry.terms:
            for form in forms:
                langs = (lang,) if lang in analyze.STEMMED else ()
                for key in _keys(form, langs):
                    table.setdefault(key, entry)
    return table


def lookup(term: str) -> Entry | None:
    """The glossary entry for a typed term (any of its six languages), or None."""
    words = analyze.words(term)
    langs = analyze.stem_languages(words[0]) if words else ()
    for key in _keys(term, langs):
        entry = _table().get(key)
        if entry is not None:
            return entry
    return None
