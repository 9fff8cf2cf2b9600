"""Scale benchmark: how far one SQLite index goes.

Indexes synthetic statements straight into an index (no files: this measures the index, not
the file system) in batches of 10,000 until --n statements or the --budget seconds run out,
then records build time, database size, and in-process search latency (p50/p95) for words of
three frequencies.

    python bench/bench_scale.py [--n 1000000] [--budget 600] [--chars 1500] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import make_text, zipf_vocabulary  # noqa: E402
from benchstats import pct  # noqa: E402

from r2p_archive.api import open_archive  # noqa: E402
from r2p_archive.index import Index  # noqa: E402
from r2p_archive.models import Record  # noqa: E402
from r2p_archive.storage import Archive  # noqa: E402

BATCH = 10_000


def records(rng: random.Random, words, cum, n: int, start: int, chars: int):
    for i in range(start, start + n):
        year = 2009 + i % 16
        rec = Record(id=f"{i:010x}", year=year, speaker=f"Speaker {i % 5000}",
                     speaker_type="state", status="ok", language="en", text="statement.txt",
                     text_chars=chars)
        rec.dir = f"{year}/s{i % 5000}/en-{i}"
        yield rec, make_text(rng, words, cum, chars)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--budget", type=float, default=600.0, help="seconds for the build")
    ap.add_argument("--chars", type=int, default=1500)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--write", action="store_true", help="write BENCHMARKS.md (## Scale)")
    args = ap.parse_args()

    rng = random.Random(11)
    words, cum = zipf_vocabulary(rng)

    tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-scale-"))
    try:
        archive = Archive(tmp / "arc")
        archive.ensure()
        built, start = 0, time.perf_counter()
        with Index.open(archive) as idx:
            while built < args.n and time.perf_counter() - start < args.budget:
                step = min(BATCH, args.n - built)
                idx.upsert_many(records(rng, words, cum, step, built, args.chars))
                built += step
            build_s = time.perf_counter() - start
            idx.optimize()
        total_s = time.perf_counter() - start
        size = sum(p.stat().st_size for p in archive.root.glob("index.sqlite*"))

        # word frequencies: rank 0 is in nearly every statement, rank ~200 in some, 5000 rare
        latencies = {}
        with open_archive(archive.root) as view:
            for label, rank in (("frequent", 0), ("middling", 200), ("rare", 5000)):
                word = words[rank]
                times = []
                for _ in range(args.queries):
                    t0 = time.perf_counter()
                    view.search(word, limit=20)
                    times.append(time.perf_counter() - t0)
                latencies[label] = (word, times)
            t0 = time.perf_counter()
            view.statements(year=2013)
            list_s = time.perf_counter() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rate = built / build_s
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}. Synthetic statements of {args.chars:,} characters, indexed "
        f"in batches of {BATCH:,} (no files written); build budget {args.budget:.0f} s.",
        "",
        "| what | result |",
        "|---|---|",
        f"| statements indexed | {built:,}{' (budget reached)' if built < args.n else ''} |",
        f"| build time | {build_s:.0f} s ({rate:,.0f} statements/s), plus optimize: "
        f"{total_s:.0f} s in all |",
        f"| index size | {size / 2**20:,.0f} MB |",
        f"| `list --year 2013` equivalent ({built // 16:,} rows) | {list_s * 1000:.0f} ms |",
    ]
    for label, (word, times) in latencies.items():
        lines.append(f"| search, {label} word `{word}` (top 20, {args.queries} queries) | "
                     f"p50 {statistics.median(times) * 1000:.1f} ms, "
                     f"p95 {pct(times, 0.95) * 1000:.1f} ms |")
    from mdsection import publish

    publish("Scale", "\n".join(lines), args.write, __file__, after=LIMITS)


LIMITS = """\
Where one machine stops being enough. The real corpus is small: nine dialogues of about 60–90
speakers each is under 1,000 statements, three orders of magnitude below this test. At 1,000,000
statements one SQLite file (3.2 GB) still answers rare words in about 20 ms and filtered lists in
under a second, but two costs grow with the number of matching rows, not with the top 20 shown:
FTS5 computes BM25 for every match (about 0.6 µs each, so a word in nearly every statement costs
close to a second), and `list` materialises every row. Past a few million statements, or with
many concurrent users, the next step is a search engine with impact-ordered postings and
early termination (Tantivy, or Elasticsearch/OpenSearch), sharded by year, with SQLite kept
as the per-archive catalogue and the files as the source of truth."""


if __name__ == "__main__":
    main()
