"""Text analysis for search: the derived forms of a statement's text that the index holds
beside the text itself, and the same forms of a query word.

* **Arabic** — harakat (and other Quranic marks), tatweel and the alef/hamza variants
  (أ إ آ ٱ → ا, ؤ → و, ئ → ي, ى → ي) are normalised away, so they do not change what matches.
* **Stems** — each word of a statement in English, French, Spanish, Russian or Arabic is also
  indexed as its Snowball stem (PyStemmer), tagged with the language (``enprotect``,
  ``frproteg``), so a stem only matches statements of its own language.
* **Text without spaces** (Chinese, Japanese, Korean) — each run of such characters is
  indexed as overlapping character bigrams plus its last character, so any word of two or
  more characters is a phrase of bigrams, and a single character is a prefix.

Only the standard library is imported here; PyStemmer is imported on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from r2p_archive.text import AR_MARKS, fold, normalize_arabic

STEMMED = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Scripts written without spaces between words: Han, kana, Hangul (and their extensions).
_CJK_CHARS = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
              "\U00020000-\U0002fa1f")
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_CJK = re.compile(f"[{_CJK_CHARS}]")
# A word as FTS5's unicode61 tokenizer sees it (letters and digits), except that CJK runs are
# left to the bigrams; Arabic marks are allowed inside so a voweled word stays one word.
WORD = re.compile(f"(?:(?![{_CJK_CHARS}])[^\\W_]|[{AR_MARKS}])+")


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


@functools.lru_cache(maxsize=8)
def _stemmer(lang: str) -> Any:
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball stemmers in C

    return Stemmer.Stemmer(STEMMED[lang], 0)


@functools.lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The tagged stem of one word (``protection``, ``en`` -> ``enprotect``)."""
    low = normalize_arabic(word.casefold()) if lang == "ar" else word.casefold()
    return lang + fold(_stemmer(lang).stemWord(low))


def stem_languages(word: str) -> tuple[str, ...]:
    """The stemmed languages a word can belong to, from its script."""
    for ch in word:
        if ch.isalpha():
            code = ord(ch)
            if code < 0x250 or 0x1e00 <= code < 0x1f00:
                return ("en", "fr", "es")
            if 0x400 <= code < 0x530:
                return ("ru",)
            if _ARABIC.match(ch):
                return ("ar",)
            return ()
    return ()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def stems_of(text: str, lang: str | None) -> str:
    """The stems column of a statement: one tagged stem per word, in order."""
    if lang not in STEMMED:
        return ""
    low = text.casefold()
    if lang == "ar":
        low = normalize_arabic(low)
    tokens = WORD.findall(low)
    if not tokens:
        return ""
    stemmed = _stemmer(lang).stemWords(tokens)
    return " ".join(lang + fold(s) for s in stemmed)


def bigrams(run: str) -> list[str]:
    """``否决权`` -> ``['否决', '决权', '权']``; a single character stays as it is."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def cjk_of(text: str) -> str:
    """The CJK column of a statement: its runs of CJK characters as bigrams."""
    return " ".join(" ".join(bigrams(m.group())) for m in CJK_RUN.finditer(text))


def cjk_query(word: str) -> str | None:
    """The bigram phrase that finds a CJK word (None when the word has no CJK character).
    A word of one character is searched as a prefix by the caller."""
    runs = CJK_RUN.findall(word)
    if not runs:
        return None
    grams: list[str] = []
    for run in runs:
        grams.extend(bigrams(run)[:-1] if len(run) > 1 else [run])
    return " ".join(grams)


def forms(text: str | None, lang: str | None) -> dict[str, str]:
    """The derived columns of a statement's text: ``plain`` (Arabic normalised; empty when
    the text has no Arabic), ``stems`` and ``cjk``."""
    text = text or ""
    return {
        "plain": normalize_arabic(text) if has_arabic(text) else "",
        "stems": stems_of(text, lang),
        "cjk": cjk_of(text) if has_cjk(text) else "",
    }


# -- highlighting ---------------------------------------------------------------------------
def highlight(text: str, lang: str | None, targets: dict[str, Any], open_: str, close: str,
              tokens: int = 24) -> str:
    """A snippet of ``text`` around its first match, matched words between ``open_`` and
    ``close``, for matches FTS5's own snippet cannot show (stems, CJK bigrams).

    ``targets``: ``words`` (folded words), ``prefixes``, ``stems`` (tagged), ``cjk`` (strings).
    """
    spans = sorted(set(_matches(text, lang, targets)), key=lambda se: (se[0], -se[1]))
    if not spans:
        return ""
    first = spans[0][0]
    # a window of about `tokens` words (or 3 characters per token in CJK text) from a little
    # before the first match
    before = [m.start() for m in WORD.finditer(text, max(0, first - 400), first)]
    start = before[-min(len(before), tokens // 4)] if before else max(0, first - 12)
    after = [m.end() for m in WORD.finditer(text, first, first + 2000)]
    end = after[min(len(after), tokens) - 1] if len(after) >= 3 else first + 3 * tokens
    if has_cjk(text[first : first + 2]):
        start, end = max(0, first - tokens), min(len(text), first + 3 * tokens)
    end = min(len(text), max(end, spans[0][1]))
    if not WORD.search(text, end):  # only punctuation left: keep it
        end = len(text)
    out, pos = ["…" if start > 0 else ""], start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(text[pos:s] + open_ + text[s:e] + close)
        pos = e
    out.append(text[pos:end] + ("…" if end < len(text) else ""))
    return "".join(out)


def _matches(text: str, lang: str | None, targets: dict[str, Any]) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` that a target matches: a word, a prefix, a stem, a sequence of words
    or stems (``seqs``: tuples, each item a folded word or a tagged stem), a CJK string."""
    prefixes = tuple(targets.get("prefixes", ()))
    singles = set(targets.get("words", ())) | set(targets.get("stems", ()))
    seqs = [seq for seq in targets.get("seqs", ()) if seq]
    stemming = lang in STEMMED and (targets.get("stems") or seqs)
    toks = [(m.span(), fold(m.group()), stem(m.group(), lang) if stemming else "")
            for m in WORD.finditer(text)]
    for i, (span, word, stemmed) in enumerate(toks):
        if word in singles or stemmed in singles or (prefixes and word.startswith(prefixes)):
            yield span
        for seq in seqs:
            part = toks[i : i + len(seq)]
            if len(part) == len(seq) and all(want in (w, st) for want, (_, w, st)
                                              in zip(seq, part, strict=True)):
                yield span[0], part[-1][0][1]
    for s in targets.get("cjk", ()):
        i = text.find(s)
        while i >= 0:
            yield i, i + len(s)
            i = text.find(s, i + len(s))
