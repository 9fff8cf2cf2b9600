#!/usr/bin/env python3
"""How to search Chinese (text without spaces) by word: which method gives the right hits.

Compares, on the Chinese test statements of ``tests/archive_factory.LANG_CORPUS`` plus two
more, the statements each method finds for words of one to five characters against the
statements that contain the word (``str.find``, the truth):

* ``unicode61``: FTS5's default tokenizer (a run of Han characters is one token);
* ``trigram``: FTS5's trigram tokenizer (MATCH needs three characters or more);
* ``jieba``: dictionary segmentation (``pip install jieba``), words joined by spaces;
* ``bigram``: r2p's ``cjk`` column (overlapping bigrams; a one-character word as a prefix).

    PYTHONPATH=src:tests python bench/bench_cjk.py [--write]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "src")]

from archive_factory import LANG_CORPUS  # noqa: E402

from r2p_archive import analyze  # noqa: E402

TEXTS = [s.text for s in LANG_CORPUS if s.language == "zh"] + [
    "我们关切地注意到，种族灭绝和族裔清洗的风险依然存在。国际刑事法院必须追究责任。",
    "防止暴行是各国的首要责任，主权意味着责任。",
]
WORDS = ["否决", "否决权", "安理会", "理事会", "人权理事会", "保护", "保护的责任", "预警",
         "早期预警", "暴行", "暴行罪", "责任", "主权", "族裔清洗", "国际刑事法院", "刑事", "否",
         "罪"]


def fts(tokenize: str, rows: list[str], query: str) -> set[int]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{tokenize}')")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", list(enumerate(rows)))
    try:
        return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,))}
    except sqlite3.OperationalError:
        return set()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write BENCHMARKS.md (## CJK)")
    args = ap.parse_args()
    truth = {w: {i for i, t in enumerate(TEXTS) if w in t} for w in WORDS}
    methods = {
        "unicode61": lambda w: fts("unicode61", TEXTS, f'"{w}"'),
        "trigram": lambda w: fts("trigram", TEXTS, f'"{w}"'),
        "bigram (r2p)": lambda w: fts(
            "unicode61", [analyze.cjk_of(t) for t in TEXTS],
            f'"{analyze.cjk_query(w)}"' + ("*" if len(w) == 1 else "")),
    }
    jieba_load = None
    try:
        t0 = time.perf_counter()
        import jieba

        jieba.setLogLevel(60)
        seg = [" ".join(jieba.cut(t)) for t in TEXTS]
        jieba_load = time.perf_counter() - t0
        methods["jieba"] = lambda w: fts("unicode61", seg, '"' + " ".join(jieba.cut(w)) + '"')
    except ImportError:
        pass
    lines = [f"| method | words found exactly right (of {len(WORDS)}) | wrong |",
             "| --- | --- | --- |"]
    for name, run in methods.items():
        right, wrong = 0, []
        for w in WORDS:
            got = run(w)
            if got == truth[w]:
                right += 1
            else:
                wrong.append(f"`{w}` {len(got)}/{len(truth[w])}")
        lines.append(f"| {name} | {right} | {', '.join(wrong) or '–'} |")
    note = (f"jieba: import and dictionary load {jieba_load:.2f} s per process."
            if jieba_load is not None else "jieba not installed: not measured.")
    text = "\n".join(lines) + "\n\n" + note
    print(text)
    if args.write:
        from mdsection import write_section

        write_section("CJK", "`PYTHONPATH=src:tests python bench/bench_cjk.py --write` — "
                      f"{len(TEXTS)} Chinese statements, {len(WORDS)} words of 1–5 characters;"
                      " the truth is the statements that contain the word. `wrong` shows "
                      "found/true counts.\n\n" + text + "\n\n" + CJK_NOTE)


CJK_NOTE = """\
Bigrams are the only method that finds every word: FTS5's trigram tokenizer cannot match
words of one or two characters (most Chinese words: 否决, 保护, 预警), and jieba's dictionary
keeps 否决权 or 安理会常任理事国 as one word, so 否决 or 安理会 inside them are not found; it
also costs seconds of start-up per command. Bigrams cost index space (one token per character)
and find a sequence across a word boundary (安理会否决 contains 会否), which a reader of the
snippet sees at once."""


if __name__ == "__main__":
    main()
