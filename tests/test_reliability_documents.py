"""Bad documents: 220 malformed PDFs from a seeded generator go through the worker pool.

No exception escapes, every job gives exactly one result with a known status, every failure
is one line, no result takes longer than the time limit, and the workers' memory stays under
the limit set (proved by a job that tries to allocate far more than the limit).

The pool runs in a child Python process so that ``RUSAGE_CHILDREN`` there measures the
extraction workers and nothing else.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pdf_mutants import mutants
from test_reliability_common import record

TIMEOUT = 10.0
MEMORY_MB = 512

RUNNER = r'''
import json, resource, sys
from pathlib import Path

from r2p_archive import extract
from r2p_archive.extract import ExtractJob, extract_many

MB = 1024 * 1024


def hog(path, content_type):
    """Touch ever more memory (32 MB at a time) until the address-space limit stops it."""
    blocks = []
    while True:
        blocks.append(b"\x01" * (32 * MB))


extract.EXTRACTORS["test-hog"] = hog
folder, timeout, memory_mb, hog_only = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
extract.preload()
parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if hog_only:
    jobs = [ExtractJob("hog", folder / "hog.bin", "test-hog")]
else:
    jobs = [ExtractJob(p.stem, p, "pdf") for p in sorted(folder.glob("*.pdf"))]
results = []
for r in extract_many(jobs, workers=2, timeout=timeout, memory_mb=memory_mb):
    results.append({"key": r.key, "status": r.status, "error": r.error, "seconds": r.seconds})
print(json.dumps({
    "jobs": len(jobs),
    "results": results,
    "parent_mb": parent_mb,
    "children_max_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
'''


def run_pool(folder: Path, *, hog_only: bool = False) -> dict:
    script = folder / "runner.py"
    script.write_text(RUNNER, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(folder), str(TIMEOUT),
                           str(MEMORY_MB), "1" if hog_only else "0"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def test_generator_is_seeded_and_big_enough():
    first, again = mutants(), mutants()
    assert len(first) == 220
    assert first == again
    assert len({name for name, _ in first}) == len(first)


@pytest.mark.slow
def test_220_malformed_pdfs_never_crash_the_run(tmp_path):
    made = mutants()
    for name, data in made:
        (tmp_path / f"{name}.pdf").write_bytes(data)
    out = run_pool(tmp_path)
    results = out["results"]
    keys = [r["key"] for r in results]
    assert sorted(keys) == sorted(name for name, _ in made)  # exactly one result each
    statuses = Counter(r["status"] for r in results)
    assert set(statuses) <= {"ok", "no_text", "failed"}
    for r in results:
        if r["status"] == "failed":
            assert r["error"] and "\n" not in r["error"] and len(r["error"]) <= 200, r
    by_key = {r["key"]: r for r in results}
    # a few exact outcomes that must not drift
    assert (by_key["zero-bytes"]["status"], by_key["zero-bytes"]["error"]) == (
        "failed", "not a PDF file (no %PDF header)")
    assert (by_key["encrypted-unknown-password"]["status"],
            by_key["encrypted-unknown-password"]["error"]) == (
        "failed", "PDF is encrypted and needs a password to open")
    assert by_key["huge-length-1e12"]["status"] == "failed"
    assert by_key["nested-arrays-100k"]["status"] == "ok"
    assert by_key["nested-dicts-100k"]["status"] == "ok"
    limit_mb = out["parent_mb"] + MEMORY_MB
    assert out["children_max_mb"] < limit_mb
    slowest = max(r["seconds"] for r in results)
    record("bad_documents", pdfs=len(made), statuses=dict(statuses),
           timed_out=sum(1 for r in results if "timed out" in (r["error"] or "")),
           out_of_memory=sum(1 for r in results if "memory" in (r["error"] or "")),
           slowest_seconds=round(slowest, 2), timeout=TIMEOUT,
           worker_peak_rss_mb=round(out["children_max_mb"]),
           parent_rss_mb=round(out["parent_mb"]), memory_mb=MEMORY_MB)


def test_memory_limit_stops_a_worker_that_allocates_too_much(tmp_path):
    (tmp_path / "hog.bin").write_bytes(b"x")
    out = run_pool(tmp_path, hog_only=True)
    (result,) = out["results"]
    assert (result["status"], result["error"]) == (
        "failed",
        f"ran out of memory while extracting (the document is too large or damaged) "
        f"(limit {MEMORY_MB} MB)",
    )
    # the worker really used a good part of its allowance, and no more.  The limit is on
    # address space (RLIMIT_AS), which grows faster than resident memory, so the lower bound
    # is a quarter of the allowance (seen: 404 MB of 512 here, 225 MB on a machine whose
    # parent maps more memory).
    assert out["parent_mb"] + MEMORY_MB / 4 < out["children_max_mb"] < out["parent_mb"] + MEMORY_MB
    record("memory_limit", memory_mb=MEMORY_MB, worker_peak_rss_mb=round(out["children_max_mb"]),
           parent_rss_mb=round(out["parent_mb"]))
