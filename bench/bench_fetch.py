"""Fetch benchmark: a dialogue of N documents served with added latency on one local host.

Measures, each as the median of --runs runs (min and max beside it):
- a plain sequential download of the same URLs (a loop of single GETs with one session);
- `r2p fetch` of the dialogue page into an empty archive (download + extraction + index);
- `r2p fetch` again with nothing changed (bodies downloaded must be 0);
- `r2p fetch --refresh` (conditional requests; the server answers 304).
The server records the most requests it had in flight, to show the per-host limit held.

    python bench/bench_fetch.py [--docs 80] [--latency 0.2] [--runs 3] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fixture_site import serve_dialogue  # noqa: E402
from siteserver import SiteServer  # noqa: E402

NOTE = """\
Documents are extracted as soon as they arrive, while others still download: the extraction
workers fork from a forkserver (a process without threads, extractors and language models
preloaded), started when the first document needs extracting, so no worker is forked from the
threaded process (a worker forked beside download threads once deadlocked inside lxml). New
statements' sidecars and index rows are written while the first downloads are in flight.

The floor: each response takes about 245 ms here (the 200 ms added, and about 44 ms that the
fixture server takes even with no latency added), so 80 documents at 4 at a time need about
4.9 s of downloading, 0.25 of the sequential loop. What a run adds to it is its start (Python,
imports, reading and parsing the page: about 0.3-0.4 s before the first document is requested)
and the extraction of the last documents to arrive (about 0.1 s). A re-run with nothing to do
is that start plus reading the archive's sidecars and index; neither it nor `--refresh` (all
304) starts the forkserver."""


def serve(n_docs: int, latency: float):
    server = SiteServer()
    site = server.site()
    dialogue = serve_dialogue(site, n_docs, year=2015, latency=latency)
    return server, site, list(dialogue.docs.values()), dialogue.page_url


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def stats(values: list[float]) -> str:
    return (f"{statistics.median(values):.2f} s (min {min(values):.2f}, "
            f"max {max(values):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=80)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", action="store_true",
                    help="write the figures into BENCHMARKS.md (## Fetch)")
    args = ap.parse_args()

    import requests

    load_before = os.getloadavg()[0]
    server, site, urls, page_url = serve(args.docs, args.latency)
    r2p = [sys.executable, "-m", "r2p_archive"]
    env = {**os.environ, "R2P_WAYBACK_URL": "http://127.0.0.1:1"}
    rows = {"sequential": [], "first": [], "again": [], "refresh": []}
    bodies_again = []
    max_in_flight = 0
    try:
        for _ in range(args.runs):
            with requests.Session() as s:
                rows["sequential"].append(timed(lambda s=s: [s.get(u).content for u in urls]))
            tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-fetch-"))
            cmd = r2p + ["--archive", str(tmp), "fetch", page_url, "--quiet", "--json"]
            site.max_in_flight = 0
            rows["first"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd, check=True, env=env, stdout=subprocess.DEVNULL)))
            max_in_flight = max(max_in_flight, site.max_in_flight)
            before = sum(1 for r in site.log if r.path.startswith("/statements/"))
            rows["again"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd, check=True, env=env, stdout=subprocess.DEVNULL)))
            bodies_again.append(
                sum(1 for r in site.log if r.path.startswith("/statements/")) - before)
            rows["refresh"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd + ["--refresh"], check=True, env=env, stdout=subprocess.DEVNULL)))
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        server.close()

    load_after = os.getloadavg()[0]
    seq = statistics.median(rows["sequential"])
    first = statistics.median(rows["first"])
    again = statistics.median(rows["again"])
    refresh = statistics.median(rows["refresh"])
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.docs} documents (PDF, DOCX, HTML) on one local host, "
        f"{args.latency * 1000:.0f} ms added to every response, {args.runs} runs; 1-minute "
        f"load average {load_before:.1f} before, {load_after:.1f} after (other jobs share the "
        "machine)." + (" PYTHONDONTWRITEBYTECODE is set: r2p's own modules are compiled at "
                       "every start, as in a source checkout that cannot cache bytecode."
                       if sys.dont_write_bytecode else ""),
        "",
        "| measurement | time | ratio |",
        "|---|---|---|",
        f"| sequential download (loop of GETs) | {stats(rows['sequential'])} | 1 |",
        f"| `r2p fetch`, empty archive (download + extract + index) | {stats(rows['first'])} "
        f"| {first / seq:.3f} of sequential |",
        f"| `r2p fetch` again, nothing changed | {stats(rows['again'])} "
        f"| {again / first:.1%} of first run |",
        f"| `r2p fetch --refresh` (conditional requests, all 304) | {stats(rows['refresh'])} "
        f"| {refresh / first:.1%} of first run |",
        "",
        f"Most requests in flight to the host: {max_in_flight} (limit 4). "
        f"Document bodies requested by the re-run: {max(bodies_again)}.",
        "",
        f"Goals (#15): empty archive at most 0.28 of sequential: "
        f"{'met' if first / seq <= 0.28 else 'NOT met'} ({first / seq:.3f}); re-run with nothing "
        f"changed at most 10 % of the first run, 0 bodies: "
        f"{'met' if again / first <= 0.10 and max(bodies_again) == 0 else 'NOT met'} "
        f"({again / first:.1%}, {max(bodies_again)} bodies).",
    ]
    from mdsection import publish

    publish("Fetch", "\n".join(lines), args.write, __file__, after=NOTE)


if __name__ == "__main__":
    main()
