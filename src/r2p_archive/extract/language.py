"""Language of a text with lingua, restricted to the languages these statements use."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from r2p_archive.languages import DETECTABLE, code_of

MIN_DETECT_LETTERS = 40  # below this, detection is unreliable: fall back to the hint
MIN_SHARE = 0.2  # a secondary language needs at least this share of the text
_CHUNK = 60  # paragraphs shorter than this are pooled with the next ones
_SAMPLE = 60_000  # characters examined at most (spread over the whole text)

_detector = None


def _get_detector() -> Any:
    """The lingua detector, built once per process (models load on first use)."""
    global _detector
    if _detector is None:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTABLE]
        # Low-accuracy mode uses trigram models only: ~30 MB instead of ~200 MB per process,
        # and as accurate as the full models on paragraph-long chunks, which is all we judge.
        _detector = (
            LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
        )
    return _detector


def preload() -> None:
    """Build the detector and load its models now (before forking worker processes)."""
    detector = _get_detector()
    for sample in ("the people", "les gens", "la gente", "die Leute", "люди", "الناس", "人民"):
        detector.detect_language_of(sample)


def _chunks(text: str) -> list[str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    chunks: list[str] = []
    buf = ""
    for para in paragraphs:
        buf = f"{buf}\n{para}" if buf else para
        if len(buf) >= _CHUNK:
            chunks.append(buf)
            buf = ""
    if buf:
        if chunks and len(buf) < _CHUNK // 2:
            chunks[-1] = f"{chunks[-1]}\n{buf}"
        else:
            chunks.append(buf)
    total = sum(len(c) for c in chunks)
    if total > _SAMPLE:  # keep an even spread of chunks from start to end
        step = total / _SAMPLE
        picked, acc = [], 0.0
        for i, chunk in enumerate(chunks):
            if i >= acc:
                picked.append(chunk)
                acc += step
        chunks = picked
    return chunks


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def detect_language(text: str, hints: Sequence[str] = ()) -> tuple[str | None, list[str], bool]:
    """(main language, languages with a substantial share, disagrees with the hint).

    The text is cut into paragraph chunks; each chunk's language is weighted by its letters.
    The main language has the largest share; others are listed when they have at least
    ``MIN_SHARE`` of it.  A text too short to judge gives the first hint (and no disagreement).
    """
    hint_codes = [c for c in map(code_of, hints) if c]
    fallback = hint_codes[0] if hint_codes else None
    if _letters(text) < MIN_DETECT_LETTERS:
        return fallback, [fallback] if fallback else [], False
    detector = _get_detector()
    shares: dict[str, int] = {}
    for chunk in _chunks(text):
        weight = _letters(chunk)
        if weight < 20:
            continue
        lang = detector.detect_language_of(chunk)
        if lang is None:
            continue
        code = lang.iso_code_639_1.name.lower()
        shares[code] = shares.get(code, 0) + weight
    total = sum(shares.values())
    if not total:
        return fallback, [fallback] if fallback else [], False
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    main = ranked[0][0]
    languages = [code for code, n in ranked if n >= MIN_SHARE * total]
    disagrees = bool(hint_codes) and main not in hint_codes
    return main, languages, disagrees
