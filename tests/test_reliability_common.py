"""Helpers shared by the reliability suite (``test_reliability_*.py``); holds no test itself.

The suite runs ``r2p`` as a real subprocess where a crash, a lock or memory use matters, and
records the figures it measures: set ``R2P_RELIABILITY_FIGURES`` to a file and every test
appends one JSON line there (RELIABILITY.md is written from those lines).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# What two runs must agree on, statement by statement (see the crash-consistency test).
COMPARED = ("id", "status", "path", "original", "text_path", "sha256", "text_chars", "language")


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float  # the largest peak RSS of any child process waited for so far


def r2p_command(archive: Path | str, *args: str) -> list[str]:
    return [sys.executable, "-m", "r2p_archive", "--archive", str(archive), *args]


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (R2P_WAYBACK_URL points at a closed port, see conftest.py)."""
    env = dict(os.environ)
    env.pop("R2P_RELIABILITY_FIGURES", None)
    env.update(extra)
    env["COLUMNS"] = "200"
    return env


def r2p(archive: Path | str, *args: str, timeout: float = 120, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> Ran:
    """Run ``r2p --archive ARCHIVE ARGS...`` as a subprocess and wait for it."""
    started = time.monotonic()
    proc = subprocess.run(r2p_command(archive, *args), capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env or child_env())
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Ran(proc.returncode, proc.stdout, proc.stderr, seconds, peak)


def list_json(archive: Path | str) -> list[dict]:
    ran = r2p(archive, "list", "--json")
    assert ran.code == 0, ran.stderr
    return json.loads(ran.stdout)


def comparable(rows: list[dict]) -> list[tuple]:
    """The fields of ``r2p list --json`` two equivalent archives share, sorted by id."""
    return sorted(tuple(row[k] for k in COMPARED) for row in rows)


def one_line_error(stderr: str) -> str:
    """The single ``r2p: error: ...`` line of a refused command (asserts there is one)."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("r2p: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def record(test: str, **figures) -> None:
    """Append the figures a test measured to ``$R2P_RELIABILITY_FIGURES`` (if set)."""
    target = os.environ.get("R2P_RELIABILITY_FIGURES")
    line = json.dumps({"test": test, **figures}, sort_keys=True, default=str)
    print(line)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


_at_session_end: dict[str, Callable[[], dict | None]] = {}


def record_at_session_end(test: str, figures: Callable[[], dict | None]) -> None:
    """Have :func:`record` write ``test``'s figures once the session ends (the
    ``pytest_sessionfinish`` hook in conftest.py calls :func:`record_session_figures`);
    ``figures()`` gives None when the tests that measure them did not run."""
    _at_session_end[test] = figures


def record_session_figures() -> None:
    for test, figures in _at_session_end.items():
        measured = figures()
        if measured is not None:
            record(test, **measured)


def files_under(root: Path) -> set[str]:
    """Every file and folder below ``root`` (relative, POSIX), for "nothing written" checks."""
    if not root.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}
