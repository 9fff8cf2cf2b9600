"""Start-up benchmark: `r2p --help` and `r2p list --json` against `python -c "import click"`.

Each command runs --runs times (after one warm-up); median, min and max wall times.

    python bench/bench_startup.py [--runs 20] [--write]
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


def wall(cmd: list[str], runs: int, env: dict) -> list[float]:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return times


def small_archive(root: Path) -> None:
    from archive_factory import Spec, build

    countries = [("Brazil", "BRA"), ("Ghana", "GHA"), ("Peru", "PER"), ("Japan", "JPN")]
    build(root, [Spec(2013 + i % 3, name, f"{name} speaks on prevention, statement {i}.",
                      iso3=iso3) for i, (name, iso3) in enumerate(countries * 5)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--write", action="store_true",
                    help="write the figures into BENCHMARKS.md (## Start-up)")
    args = ap.parse_args()
    r2p = shutil.which("r2p") or ""
    base = [r2p] if r2p else [sys.executable, "-m", "r2p_archive"]
    tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-start-"))
    try:
        small_archive(tmp / "arc")
        env = {**os.environ, "R2P_ARCHIVE": str(tmp / "arc")}
        rows = [
            ('`python -c "import click"`', wall([sys.executable, "-c", "import click"],
                                                args.runs, env)),
            ("`r2p --help`", wall(base + ["--help"], args.runs, env)),
            ("`r2p list --json` (small archive)", wall(base + ["list", "--json"], args.runs,
                                                       env)),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ref = statistics.median(rows[0][1])
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.runs} runs each after a warm-up.",
        "",
        "| command | median | min | max | vs import click |",
        "|---|---|---|---|---|",
    ]
    for name, times in rows:
        med = statistics.median(times)
        lines.append(f"| {name} | {med * 1000:.0f} ms | {min(times) * 1000:.0f} ms | "
                     f"{max(times) * 1000:.0f} ms | {med / ref:.1f}× |")
    from mdsection import publish

    publish("Start-up", "\n".join(lines), args.write, __file__)


if __name__ == "__main__":
    main()
