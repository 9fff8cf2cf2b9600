#!/usr/bin/env python3
"""Search benchmark: a synthetic archive of N statements, the index build, and search latency
of `r2p search` (end to end, a new process each time) and of the Python API (in process),
against `rg -il WORD` over the same text files.

    python bench/bench_search.py                # 100,000 statements, writes BENCHMARKS.md
    python bench/bench_search.py --n 2000 --no-write

Texts are made of invented words drawn from a Zipf-like distribution (deterministic seed), so
some words are in nearly every statement and most are rare, as in real text.  Files are
written in the archive layout (`{year}/{ISO3}/{lang}-{k}/statement.{txt,json}`); the index is
then built by `r2p_archive.index.reindex`, the same code as `r2p reindex`.  The temporary
folder is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from r2p_archive.api import open_archive
from r2p_archive.countries import all_states
from r2p_archive.index import reindex
from r2p_archive.models import Record, statement_id
from r2p_archive.storage import SIDECAR, TEXT, Archive

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["tra", "pro", "ven", "sta"]
YEARS = list(range(2009, 2025))
LANGS = ["en"] * 6 + ["fr"] * 2 + ["es"] * 2


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """``size`` invented words and the cumulative weights ``make_text`` draws them by: the word
    of rank r weighs 1 / (r + 10), so the first words are in nearly every text."""
    words = vocabulary(rng, size)
    cum: list[float] = []
    total = 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 10)
        cum.append(total)
    return words, cum


def make_text(rng: random.Random, words: list[str], cum: list[float], chars: int) -> str:
    out: list[str] = []
    length = 0
    while length < chars:
        sentence = rng.choices(words, cum_weights=cum, k=rng.randint(8, 20))
        s = " ".join(sentence).capitalize() + "."
        out.append(s)
        length += len(s) + 1
    return " ".join(out)


def build_files(root: Path, n: int, chars: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words, cum = zipf_vocabulary(rng)
    states = all_states()
    counters: dict[tuple[int, str, str], int] = {}
    for i in range(n):
        year = YEARS[i % len(YEARS)]
        state = states[rng.randrange(len(states))]
        lang = rng.choice(LANGS)
        key = (year, state.iso3, lang)
        k = counters[key] = counters.get(key, 0) + 1
        rel = f"{year}/{state.iso3}/{lang}" + (f"-{k}" if k > 1 else "")
        folder = root / rel
        folder.mkdir(parents=True)
        text = make_text(rng, words, cum, chars)
        url = f"https://example.org/{year}/{state.iso3.lower()}-{i}.pdf"
        rec = Record(
            id=statement_id(year, url, state.name), year=year, speaker=state.name,
            speaker_type="state", iso3=state.iso3, country=state.name, languages=[lang],
            url=url, status="ok", text=TEXT, language=lang, languages_detected=[lang],
            text_chars=len(text),
        )
        (folder / TEXT).write_text(text, encoding="utf-8")
        (folder / SIDECAR).write_text(json.dumps(rec.to_json(), indent=2), encoding="utf-8")
    return words


def timed(cmd: list[str], runs: int) -> tuple[list[float], bytes]:
    out = b""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t0)
        out = proc.stdout
    return times, out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def doc_freq(view, word: str) -> int:
    return view.conn.execute(
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?", (f'"{word}"',)
    ).fetchone()[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="statements (default 100000)")
    ap.add_argument("--chars", type=int, default=3000, help="characters per text")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--runs", type=int, default=5, help="end-to-end runs per command")
    ap.add_argument("--queries", type=int, default=200, help="in-process queries")
    ap.add_argument("--tmp", help="parent folder of the temporary archive")
    ap.add_argument("--write", action=argparse.BooleanOptionalAction, default=True,
                    help="write the table into BENCHMARKS.md (## Search)")
    ap.add_argument("--section", default="Search", help="BENCHMARKS.md section to write")
    args = ap.parse_args()

    rg = shutil.which("rg")
    r2p = shutil.which("r2p") or ""
    if not rg:
        print("ripgrep (rg) is not installed: apt-get install -y ripgrep", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-", dir=args.tmp))
    try:
        root = tmp / "archive"
        t0 = time.perf_counter()
        words = build_files(root, args.n, args.chars, args.seed)
        t_files = time.perf_counter() - t0
        text_bytes = sum(p.stat().st_size for p in root.glob(f"*/*/*/{TEXT}"))

        t0 = time.perf_counter()
        count = reindex(Archive(root))
        t_index = time.perf_counter() - t0
        db_size = (root / "index.sqlite").stat().st_size
        print(f"files {t_files:.1f}s, index {count} in {t_index:.1f}s, {db_size / 1e6:.0f} MB")

        view = open_archive(root)
        # words for the end-to-end comparison: one common, one middling, one rare
        picks = []
        for rank in (30, 1000, 15000):
            w = words[rank]
            picks.append((w, doc_freq(view, w)))

        e2e = []
        cli = [r2p, "--archive", str(root), "search"] if r2p else [
            sys.executable, "-m", "r2p_archive", "--archive", str(root), "search"]
        for word, df in picks:
            t_cli, _ = timed([*cli, word], args.runs)
            t_rg, out = timed([rg, "-il", "--glob", "*.txt", word, str(root)], args.runs)
            e2e.append((word, df, len(out.splitlines()), t_cli, t_rg))
            print(f"{word}: cli {statistics.median(t_cli) * 1e3:.0f} ms, "
                  f"rg {statistics.median(t_rg) * 1e3:.0f} ms")

        # in process: query words sampled uniformly from the vocabulary (mostly rare words),
        # and weighted by frequency (common words, the worst case for ranking)
        rng = random.Random(args.seed + 1)
        uniform = [rng.choice(words) for _ in range(args.queries)]
        common = [words[min(int(rng.paretovariate(1.0)) * 3, len(words) - 1)]
                  for _ in range(args.queries)]
        inproc = {}
        for label, queries in (("uniform", uniform), ("frequent", common)):
            view.search(queries[0])
            lat = []
            for q in queries:
                t0 = time.perf_counter()
                view.search(q)
                lat.append(time.perf_counter() - t0)
            inproc[label] = lat
            print(f"in-process {label}: p50 {pct(lat, 50) * 1e3:.1f} ms, "
                  f"p95 {pct(lat, 95) * 1e3:.1f} ms")
        view.close()

        table = render(args, count, t_files, t_index, db_size, text_bytes, e2e, inproc)
        print(table)
        if args.write:
            from mdsection import write_section

            write_section(args.section, table.split("\n", 1)[1])  # without its "## " line
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def render(args, count, t_files, t_index, db_size, text_bytes, e2e, inproc) -> str:
    ms = 1e3
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines = [
        f"## {args.section}",
        "",
        f"`python bench/bench_search.py --n {args.n}` — synthetic archive of {count:,} "
        f"statements (~{args.chars:,} characters each, invented words with a Zipf-like "
        f"frequency, seed {args.seed}); text files {text_bytes / 1e6:,.0f} MB.",
        f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}. "
        f"Load average {os.getloadavg()[0]:.1f} at the end of the run (other jobs share the "
        "machine). Warm page cache; each end-to-end figure is the median (min–max) of "
        f"{args.runs} runs after one warm-up.",
        "",
        "| what | result |",
        "| --- | --- |",
        f"| write the files (not part of the index) | {t_files:.1f} s |",
        f"| index build (`reindex`: read sidecars and texts, FTS5 insert, optimize) "
        f"| {t_index:.1f} s ({count / t_index:,.0f} statements/s) |",
        f"| index size | {db_size / 1e6:,.0f} MB ({db_size / text_bytes:.2f}× the text) |",
        "",
        "| query word (statements containing it) | `r2p search WORD` | `rg -il WORD` | speed-up |",
        "| --- | --- | --- | --- |",
    ]
    for word, df, rg_files, t_cli, t_rg in e2e:
        c, r = statistics.median(t_cli), statistics.median(t_rg)
        lines.append(
            f"| `{word}` ({df:,} statements; rg lists {rg_files:,} files) "
            f"| {c * ms:.0f} ms ({min(t_cli) * ms:.0f}–{max(t_cli) * ms:.0f}) "
            f"| {r * ms:.0f} ms ({min(t_rg) * ms:.0f}–{max(t_rg) * ms:.0f}) | {r / c:.1f}× |"
        )
    lines += [
        "",
        f"In process (`open_archive(...).search(word)`, top 20 with snippets, {args.queries} "
        "queries each):",
        "",
        "| query words | p50 | p95 | max |",
        "| --- | --- | --- | --- |",
    ]
    names = {"uniform": "drawn uniformly from the vocabulary (mostly rare)",
             "frequent": "drawn towards the most frequent words (worst case)"}
    for label, lat in inproc.items():
        lines.append(f"| {names[label]} | {pct(lat, 50) * ms:.1f} ms | {pct(lat, 95) * ms:.1f} ms "
                     f"| {max(lat) * ms:.1f} ms |")
    worst = min(statistics.median(t_rg) / statistics.median(t_cli) for *_, t_cli, t_rg in e2e)
    p95s = {label: pct(lat, 95) * ms for label, lat in inproc.items()}
    lines += [
        "",
        f"Goals: CLI at least 4× faster than rg — {'met' if worst >= 4 else 'NOT met'} "
        f"(at least {worst:.1f}×). In-process p95 at most 50 ms — "
        + "; ".join(f"{label} words {v:.1f} ms ({'met' if v <= 50 else 'NOT met'})"
                    for label, v in p95s.items())
        + ". Each query word is searched as written and by its stem in English, French and "
        "Spanish; when it is in more than 4,000 statements only the 4,000 most recent matches "
        "are ranked by BM25, so a word in nearly every statement costs about as much as a "
        "middling one.",
        "",
    ]
    return "\n".join(lines)



if __name__ == "__main__":
    sys.exit(main())
