"""Concurrency: two fetches on one archive, and readers during a fetch.

* The first fetch holds the writer lock for longer than a second writer waits (the default
  ``timeout`` of ``Archive.writer_lock``; documents answer slowly, four at a time, so the
  downloads take 1.5 times that wait), so the second one exits 2 with the lock message, and
  the first one completes normally.
* ``r2p list --json`` and ``r2p search`` run one after the other for as long as a fetch runs:
  each one succeeds, and every statement listed has its files, with the SHA-256 the index
  gives.  A folder that moved to its language after the listing was taken (``und`` -> ``en``)
  is found again in the next listing; any other missing file fails the test.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from pathlib import Path

import pytest
from fixture_site import serve_dialogue
from test_reliability_common import child_env, list_json, one_line_error, r2p, r2p_command, record


def start_fetch(root: Path, page_url: str) -> subprocess.Popen:
    return subprocess.Popen(r2p_command(root, "fetch", page_url, "--quiet", "--jobs", "2"),
                            env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for_requests(site, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while sum(1 for r in site.log if r.path.startswith("/statements/")) < n:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.mark.slow
def test_second_fetch_waits_then_exits_2_with_the_lock_message(sites, tmp_path, monkeypatch):
    wait = 3.0  # R2P_LOCK_TIMEOUT, for both runs (the default is 10 s)
    monkeypatch.setenv("R2P_LOCK_TIMEOUT", str(wait))
    site = sites.site()
    d = serve_dialogue(site, n=24, latency=wait / 2)  # 6 rounds of 4 downloads: 3 x wait
    root = tmp_path / "arc"
    first = start_fetch(root, d.page_url)
    wait_for_requests(site, 1, first)  # the first one holds the lock now
    second = r2p(root, "fetch", d.page_url, "--quiet", "--jobs", "2")
    assert second.code == 2
    assert one_line_error(second.stderr) == (
        f"r2p: error: another r2p command is writing to {root}; try again when it has finished")
    assert first.poll() is None  # still running: the second one did not wait for its end
    out, err = first.communicate(timeout=120)
    assert (first.returncode, err) == (0, "")
    rows = list_json(root)
    assert sorted(r["status"] for r in rows) == ["ok"] * 24
    assert len({r["id"] for r in rows}) == 24
    record("concurrent_fetch", first_exit=first.returncode, second_exit=second.code,
           lock_wait_seconds=wait, second_ran_seconds=round(second.seconds, 1))


def _check_listing(root: Path, rows: list[dict]) -> list[str]:
    """Ids of listed statements whose original is not at the listed path (or differs)."""
    missing = []
    for row in rows:
        if not row["original"]:
            continue
        path = root / row["path"] / row["original"]
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            missing.append(row["id"])
            continue
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row
    return missing


@pytest.mark.slow
def test_list_and_search_during_a_fetch_read_a_consistent_index(sites, tmp_path):
    site = sites.site()
    d = serve_dialogue(site, n=60, latency=0.1)
    root = tmp_path / "arc"
    fetch = start_fetch(root, d.page_url)
    wait_for_requests(site, 2, fetch)
    time.sleep(0.3)  # the index exists once the first statements are planned
    listings, searches, moved, sizes = 0, 0, 0, []
    done_counts: list[int] = []
    while fetch.poll() is None or listings < 3:
        ran = r2p(root, "list", "--json")
        assert (ran.code, ran.stderr) == (0, ""), ran.stderr
        rows = json.loads(ran.stdout)
        listings += 1
        sizes.append(len(rows))
        assert len({r["id"] for r in rows}) == len(rows)
        for sid in _check_listing(root, rows):
            # moved to its language folder since the listing: the next listing has it there
            again = {r["id"]: r for r in list_json(root)}
            row = again[sid]
            assert row["path"] != {r["id"]: r for r in rows}[sid]["path"], sid
            assert (root / row["path"] / row["original"]).is_file()
            moved += 1
        done_counts.append(sum(1 for r in rows if r["status"] == "ok"))
        found = r2p(root, "search", "--json", "--limit", "100", "prevention")
        hits = json.loads(found.stdout)
        assert found.code == (0 if hits else 1), found.stderr  # 1: no hit yet (like grep)
        assert {h["id"] for h in hits} <= {r["id"] for r in list_json(root)}
        searches += 1
    assert fetch.returncode == 0, fetch.stderr.read()
    assert sizes == sorted(sizes)  # the listing only grows
    assert done_counts == sorted(done_counts)  # and statements only move on, never back
    final = list_json(root)
    assert sorted(r["status"] for r in final) == ["ok"] * 60
    record("readers_during_fetch", listings=listings, searches=searches, failures=0,
           moved_between_list_and_check=moved, sizes_seen=sorted(set(sizes)),
           ok_counts_seen=done_counts)
