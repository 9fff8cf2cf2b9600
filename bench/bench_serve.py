"""Web UI benchmark: `r2p serve` over 10,000 statements, measured over HTTP on 127.0.0.1.

Indexes synthetic statements (years 2009–2024, 60 states, three languages, one in ten a turn of
a verbatim record in two languages) straight into an index (no files), starts `r2p serve` in a
subprocess, then times the home page, searches for words of three frequencies (with and
without a facet), a statement page and Datasette's own table page (p50/p95 of --runs
sequential requests each), and finally sends --concurrent requests at once (a bounded load
test: every request once, each with a 60 s timeout) and counts the errors.

    python bench/bench_serve.py [--n 10000] [--runs 30] [--concurrent 200] [--write]
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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_search import make_text, zipf_vocabulary  # noqa: E402
from benchstats import pct  # noqa: E402
from serve_support import running_server  # noqa: E402

from r2p_archive.index import Index  # noqa: E402
from r2p_archive.models import Record  # noqa: E402
from r2p_archive.storage import Archive  # noqa: E402

STATES = ("ARG AUS AUT BEL BGD BRA CAN CHE CHL CHN COD COL CRI CZE DEU DNK EGY ESP EST FIN "
          "FRA GBR GHA GTM HUN IDN IND IRL IRN ISR ITA JPN KEN KOR LIE LTU MAR MEX NGA NLD "
          "NOR NZL PAK PER PHL POL PRT QAT RUS RWA SEN SVN SWE THA TUR UKR URY USA VNM ZAF").split()
LANGS = ("en", "fr", "es")


def records(rng, words, cum, n: int, chars: int):
    for i in range(n):
        pair = i - i % 10  # statements pair and pair + 1 are a record's turn in en and fr
        year = 2009 + (pair if i % 10 < 2 else i) % 16
        iso3 = STATES[(pair if i % 10 < 2 else i) % len(STATES)]
        lang = "fr" if i % 10 == 1 else LANGS[i % 7 % 3]
        rec = Record(id=f"{i:010x}", year=year, speaker=iso3, speaker_type="state", iso3=iso3,
                     status="ok", language=lang, text="statement.txt", text_chars=chars)
        rec.dir = f"{year}/{iso3}/{lang}-{i}"
        if i % 10 < 2:
            rec.record, rec.turn, rec.page = f"A/{year - 1945}/PV.{pair % 90 + 1}", pair, 3
        yield rec, make_text(rng, words, cum, chars)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=1500)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--concurrent", type=int, default=200)
    ap.add_argument("--write", action="store_true", help="write BENCHMARKS.md (## Web UI)")
    args = ap.parse_args()

    rng = random.Random(7)
    words, cum = zipf_vocabulary(rng)

    tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-serve-"))
    try:
        archive = Archive(tmp / "arc")
        archive.ensure()
        with Index.open(archive) as idx:
            idx.upsert_many(records(rng, words, cum, args.n, args.chars))
            idx.optimize()
        conn = sqlite3.connect(archive.index_path)
        freq = {rank: conn.execute("SELECT count(*) FROM statements_fts WHERE statements_fts "
                                   "MATCH ?", (f'"{words[rank]}"',)).fetchone()[0]
                for rank in (0, 200, 5000)}
        conn.close()
        sid = f"{args.n // 2:010x}"
        pages = [
            ("home page (browse all, facets, charts)", "/"),
            (f"search, frequent word ({freq[0]:,} matches)", f"/?q={words[0]}"),
            (f"search, middling word ({freq[200]:,} matches)", f"/?q={words[200]}"),
            (f"search, rare word ({freq[5000]:,} matches)", f"/?q={words[5000]}"),
            ("search, frequent word + year + language facets",
             f"/?q={words[0]}&year=2013&language=en"),
            ("search, page 5 of a frequent word", f"/?q={words[0]}&page=5"),
            ("statement page", f"/statement/{sid}"),
            ("Datasette table page, `_r2p=` + 5 facets", f"/r2p/statements?_r2p={words[200]}"),
        ]
        rows = []
        with running_server(archive.root) as base:
            for _label, path in pages:  # warm the caches once
                status, _ = get(base + path)
                assert status == 200, (path, status)
            load = os.getloadavg()[0]
            for label, path in pages:
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    status, _ = get(base + path)
                    times.append(time.perf_counter() - t0)
                    assert status == 200, (path, status)
                rows.append((label, times))
            # the bounded load test: every request once, all released together
            results: list[int | str] = []
            lock = threading.Lock()
            barrier = threading.Barrier(args.concurrent)
            mix = [p for _, p in pages]

            def one(k: int) -> None:
                barrier.wait(timeout=60)
                try:
                    status, _ = get(base + mix[k % len(mix)])
                except Exception as exc:  # noqa: BLE001 - counted as an error
                    status = type(exc).__name__
                with lock:
                    results.append(status)

            t0 = time.perf_counter()
            threads = [threading.Thread(target=one, args=(k,)) for k in range(args.concurrent)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            load_s = time.perf_counter() - t0
        errors = [r for r in results if r != 200]
        missing = args.concurrent - len(results)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}. {args.n:,} synthetic statements of {args.chars:,} "
        f"characters; `r2p serve` (Datasette, immutable) on 127.0.0.1, timed from a client "
        f"on the same machine over HTTP; {args.runs} sequential requests per page after one "
        f"warm-up. Load average when the timing began: {load:.1f} (other work on the "
        "machine slows the figures; p95 suffers most).",
        "",
        "| page | p50 | p95 |",
        "|---|---|---|",
    ]
    for label, times in rows:
        lines.append(f"| {label} | {statistics.median(times) * 1000:.0f} ms | "
                     f"{pct(times, 0.95) * 1000:.0f} ms |")
    lines += [
        "",
        f"Load: {args.concurrent} requests released at once (the pages above in turn): "
        f"{len(results) - len(errors)} answered 200, {len(errors)} errors"
        f"{f' {sorted(map(str, errors))[:5]}' if errors else ''}, {missing} unanswered, "
        f"in {load_s:.1f} s.",
    ]
    from mdsection import publish

    publish("Web UI", "\n".join(lines), args.write, __file__)
    if errors or missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
