"""Crash consistency: `r2p fetch` killed with SIGKILL at 20 moments, and a crash before every
index write, leave an archive that verifies and that the next fetch completes exactly.

"Consistent" after a kill means, precisely:

* ``verify`` finds no original missing or modified, no text file missing, and no index row
  without a sidecar; the only problems allowed are the ones the next fetch repairs: a
  statement "not in the index" or "index out of date" (its sidecar was written, the index
  write had not happened yet), "index missing" (killed before it was created) and
  "leftover temporary file" (a ``.part`` download in progress);
* every row of the index that names an original points at a file that exists at the
  indexed path and has the indexed SHA-256, and no row names a ``.part`` file -- except a
  row that ``verify`` reports "index out of date": a statement whose folder was just moved
  to its language (``2015/AUT/und`` -> ``2015/AUT/en``) when the run died, before its index
  row followed.  The files and the index cannot change in one atomic step; the next fetch
  re-indexes such rows first.

Then a second fetch must exit 0 and give the same ``r2p list --json`` as an uninterrupted
run (ids, statuses, paths, SHA-256, text lengths, languages), with every id once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from fixture_site import serve_dialogue
from siteserver import SiteServer
from test_reliability_common import (
    child_env,
    comparable,
    list_json,
    r2p,
    r2p_command,
    record,
)

from r2p_archive.models import PENDING
from r2p_archive.storage import Archive
from r2p_archive.verify import verify

N_DOCS = 60
LATENCY = 0.03  # per document response: widens the download window
REPAIRABLE = {"not in the index", "index out of date", "index missing",
              "leftover temporary file"}
FETCH_ARGS = ("--quiet", "--jobs", "2")


@pytest.fixture(scope="module")
def dialogue():
    server = SiteServer()
    site = server.site()
    d = serve_dialogue(site, n=N_DOCS, latency=LATENCY)
    yield site, d
    server.close()


def doc_requests(site) -> int:
    return sum(1 for r in site.log if r.path.startswith("/statements/"))


def index_rows(archive: Path) -> list[dict]:
    db = archive / "index.sqlite"
    if not db.is_file():
        return []
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "SELECT id, status, path, original, sha256 FROM statements")]
    finally:
        conn.close()


def indexed_files_problems(archive: Path) -> dict[str, str]:
    """Index rows whose original is missing, wrong, or a temp file: id -> what."""
    bad = {}
    for row in index_rows(archive):
        if not row["original"]:
            continue
        if row["original"].endswith(".part"):
            bad[row["id"]] = "temp file indexed"
            continue
        path = archive / row["path"] / row["original"]
        if not path.is_file():
            bad[row["id"]] = f"{row['path']}/{row['original']} missing"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            bad[row["id"]] = f"{row['path']}/{row['original']} sha256 differs"
    return bad


def phase_of(archive: Path) -> str:
    """Where the run was when it died, read from the sidecars it left."""
    recs = list(Archive(archive).iter_records())
    if len(recs) < N_DOCS or any(r.original is None for r in recs):
        return "download"
    if any(r.status == PENDING for r in recs):
        return "extraction"
    return "after extraction"


def clean_run(dialogue, root: Path) -> tuple[list[dict], float, float]:
    """An uninterrupted fetch: (list --json, seconds until every document was served,
    seconds the whole run took)."""
    site, d = dialogue
    before = doc_requests(site)
    started = time.monotonic()
    proc = subprocess.Popen(r2p_command(root, "fetch", d.page_url, *FETCH_ARGS),
                            env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    served_at = None
    while proc.poll() is None:
        if served_at is None and doc_requests(site) - before >= N_DOCS:
            served_at = time.monotonic() - started
        time.sleep(0.005)
    total = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr.read().decode()
    rows = list_json(root)
    return rows, served_at or total, total


def kill_at(dialogue, root: Path, *, served: int | None = None, after_served: float = 0.0
            ) -> int:
    """Start a fetch and SIGKILL it once ``served`` documents were requested, or
    ``after_served`` seconds after all of them were; returns the documents requested."""
    site, d = dialogue
    before = doc_requests(site)
    proc = subprocess.Popen(r2p_command(root, "fetch", d.page_url, *FETCH_ARGS),
                            env=child_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    target = served if served is not None else N_DOCS
    deadline = time.monotonic() + 60
    while doc_requests(site) - before < target and proc.poll() is None:
        assert time.monotonic() < deadline, "fetch did not progress"
        time.sleep(0.002)
    if served is None:
        time.sleep(after_served)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    wait_for_workers(root)
    return doc_requests(site) - before


def wait_for_workers(root: Path) -> None:
    """Extraction workers are forked children of the killed fetch: they hold its writer lock
    (inherited) until they have noticed and gone.  Wait for exactly that."""
    from filelock import FileLock

    if not root.is_dir():
        return
    lock = FileLock(str(Archive(root).lock_path))
    lock.acquire(timeout=30, poll_interval=0.01)
    lock.release()


def cli(root: Path, *args: str):
    """``r2p --archive ROOT ARGS...`` in this process (the checks between the runs; the
    fetches themselves are separate processes): its exit code and stdout."""
    from click.testing import CliRunner

    from r2p_archive.cli import cli as r2p_cli

    result = CliRunner().invoke(r2p_cli, ["--archive", str(root), *args])
    # an exception that is not an exit would be a Traceback in the command's output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, result.exception, result.stderr)
    return result.exit_code, result.stdout


@pytest.mark.slow
def test_sigkill_at_20_moments_loses_nothing(dialogue, tmp_path):
    reference, served_after, total = clean_run(dialogue, tmp_path / "clean")
    assert len(reference) == N_DOCS
    assert Counter(r["status"] for r in reference) == {"ok": N_DOCS}
    assert len({r["id"] for r in reference}) == N_DOCS

    extraction = max(total - served_after, 0.5)
    moments: list[dict] = [{"served": k} for k in range(1, N_DOCS, 6)]  # 10 in downloads
    moments += [{"after_served": extraction * (i + 0.5) / 10} for i in range(10)]
    assert len(moments) == 20

    phases: Counter = Counter()
    index_behind = 0
    stale_path_kills = 0
    verify_codes: Counter = Counter()
    problems_seen: Counter = Counter()
    for n, moment in enumerate(moments):
        root = tmp_path / f"killed-{n}"
        kill_at(dialogue, root, **moment)
        if not root.exists():  # killed before the archive folder was made
            phases["before start"] += 1
        else:
            phases[phase_of(root)] += 1
            code, _ = cli(root, "verify")
            verify_codes[code] += 1
            assert code in (0, 1)
            report = verify(Archive(root))
            kinds = {p.problem for p in report.problems}
            problems_seen.update(kinds)
            assert kinds <= REPAIRABLE, (moment, report.problems)
            if kinds & {"not in the index", "index out of date"}:
                index_behind += 1
            out_of_date = {p.id for p in report.problems if p.problem == "index out of date"}
            stale_paths = indexed_files_problems(root)
            assert set(stale_paths) <= out_of_date, (moment, stale_paths)
            assert not any("temp file" in what for what in stale_paths.values())
            stale_path_kills += bool(stale_paths)
            assert (code == 0) == (not report.problems)

        again = r2p(root, "fetch", dialogue[1].page_url, *FETCH_ARGS)
        assert again.code == 0, (moment, again.stderr)
        code, out = cli(root, "list", "--json")
        rows = json.loads(out)
        assert code == 0
        assert len({r["id"] for r in rows}) == len(rows) == N_DOCS, moment
        assert comparable(rows) == comparable(reference), moment
        assert cli(root, "verify")[0] == 0, moment
        assert indexed_files_problems(root) == {}
        assert not list(root.rglob("*.part"))

    record("crash_sigkill", kills=len(moments), consistent=len(moments),
           phases=dict(phases), index_behind_files=index_behind,
           indexed_path_stale=stale_path_kills,
           verify_exit=dict(verify_codes), problems=dict(problems_seen),
           clean_run_seconds=round(total, 1), duplicates=0, rerun_equals_clean=True)


# -- a crash just before each index write, deterministically ---------------------------------
class _Crash(BaseException):
    """Stands for SIGKILL: raised instead of the n-th index write (nothing of it is written)."""


def _fetch_in_process(root: Path, page_url: str) -> None:
    from r2p_archive.catalog import load
    from r2p_archive.download import Http, HttpConfig
    from r2p_archive.fetch import FetchOptions, plan_sources, run

    http = Http(HttpConfig(timeout=5, wayback=False))
    try:
        sources = plan_sources([page_url], catalog=load(None), http=http, year=2015)
        run(Archive(root), sources, FetchOptions(jobs=2, wayback=False), http=http)
    finally:
        http.close()


CRASH_POINTS = {
    # an index write: the sidecar is on disk, its index row is not
    "index write": ("r2p_archive.index", "Index", "upsert_many"),
    # the move of an extracted statement's folder to its language (und -> en)
    "folder move": ("r2p_archive.storage", "Archive", "move_dir"),
    # a sidecar write (atomic: the old sidecar or the new one)
    "sidecar write": ("r2p_archive.storage", "Archive", "save"),
}


@pytest.mark.parametrize("point", list(CRASH_POINTS))
def test_crash_before_each_write_is_repaired_by_the_next_fetch(point, sites, tmp_path,
                                                               monkeypatch):
    import importlib

    from click.testing import CliRunner

    from r2p_archive.cli import cli

    module, cls_name, method = CRASH_POINTS[point]
    cls = getattr(importlib.import_module(module), cls_name)
    d = serve_dialogue(sites.site(), n=8)

    def listing(root: Path) -> list[tuple]:
        result = CliRunner().invoke(cli, ["--archive", str(root), "list", "--json"])
        assert result.exit_code == 0, result.output
        return comparable(json.loads(result.stdout))

    real = getattr(cls, method)
    calls = {"n": 0, "crash_at": None}

    def counting(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == calls["crash_at"]:
            raise _Crash()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, method, counting)
    _fetch_in_process(tmp_path / "clean", d.page_url)
    total = calls["n"]
    reference = listing(tmp_path / "clean")
    assert len(reference) == 8

    stale_after_crash = []
    for k in range(1, total + 1):
        root = tmp_path / f"crash-{k}"
        calls.update(n=0, crash_at=k)
        with pytest.raises(_Crash):
            _fetch_in_process(root, d.page_url)
        report = verify(Archive(root))
        kinds = {p.problem for p in report.problems}
        assert kinds <= REPAIRABLE, (k, kinds)
        stale_paths = indexed_files_problems(root)
        assert set(stale_paths) <= {p.id for p in report.problems
                                    if p.problem == "index out of date"}, k
        if stale_paths:
            stale_after_crash.append(k)
        calls.update(n=0, crash_at=None)
        _fetch_in_process(root, d.page_url)
        assert verify(Archive(root)).problems == [], k
        assert indexed_files_problems(root) == {}, k
        assert listing(root) == reference, k
    record(f"crash_before_{point.replace(' ', '_')}", crash_points=total,
           repaired_by_next_fetch=total,
           indexed_path_stale_right_after_crash=len(stale_after_crash))


# -- extraction workers left behind by a killed fetch ----------------------------------------
SLOW_R2P = r'''
import os, sys, time
from r2p_archive import extract

_real = extract.EXTRACTORS["pdf"]


def slow_pdf(path, content_type):
    time.sleep(float(os.environ["R2P_TEST_SLOW_PDF"]))
    return _real(path, content_type)


extract.EXTRACTORS["pdf"] = slow_pdf
from r2p_archive.cli import main

sys.argv[0] = "r2p"
main()
'''


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


@pytest.mark.slow
def test_workers_of_a_killed_fetch_do_not_keep_the_archive_locked(sites, tmp_path):
    """A fetch killed while its workers extract: the next fetch must not find the archive
    locked by the orphaned workers (they inherited the lock's file descriptor at fork)."""
    site = sites.site()
    d = serve_dialogue(site, n=3)
    script = tmp_path / "slow_r2p.py"
    script.write_text(SLOW_R2P, encoding="utf-8")
    root = tmp_path / "arc"
    proc = subprocess.Popen(
        [sys.executable, str(script), "--archive", str(root), "fetch", d.page_url, "--quiet",
         "--jobs", "2"], env=child_env(R2P_TEST_SLOW_PDF="60"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    orphans: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not orphans:  # wait until the extraction workers run
            assert proc.poll() is None and time.monotonic() < deadline
            orphans = _children(proc.pid)
            time.sleep(0.05)
        time.sleep(0.5)
        orphans = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        again = r2p(root, "fetch", d.page_url, "--quiet", "--jobs", "2")
        assert (again.code, again.stderr) == (0, "")
        assert sorted(r["status"] for r in list_json(root)) == ["ok", "ok", "ok"]
        record("orphaned_workers", workers_left_running=len(orphans),
               next_fetch_exit=again.code, next_fetch_seconds=round(again.seconds, 1))
    finally:
        for pid in orphans:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
