"""`r2p serve` survives 200 concurrent requests on 127.0.0.1 with no error (a bounded load
test: 200 requests, each once, each with a timeout; no timing is asserted)."""

from __future__ import annotations

import importlib.util
import threading
import urllib.error
import urllib.request

import pytest
from serve_support import build_web_archive, running_server

pytestmark = pytest.mark.skipif(importlib.util.find_spec("datasette") is None,
                                reason="needs the [web] extra")
REQUESTS = 200


def test_200_concurrent_requests_all_answered(tmp_path):
    root = tmp_path / "archive"
    ids = build_web_archive(root)
    paths = [
        ("/", b"<strong>12</strong>"),
        ("/?q=veto", b"<strong>6</strong>"),
        ("/?q=veto&year=2013&language=fr", b"<strong>1</strong>"),
        (f"/statement/{ids['mexico_en']}", b"Mexico calls on the permanent members"),
        ("/r2p/statements.json?_r2p=veto&_shape=array", f'"{ids["costa2016"]}"'.encode()),
    ]
    results: list[tuple[int, str | None]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(REQUESTS)

    def one(k: int) -> None:
        path, expected = paths[k % len(paths)]
        barrier.wait(timeout=60)
        outcome: tuple[int, str | None]
        try:
            with urllib.request.urlopen(base + path, timeout=60) as resp:
                body = resp.read()
                outcome = (resp.status, None if expected in body else f"{path}: body")
        except urllib.error.HTTPError as exc:
            outcome = (exc.code, path)
        except OSError as exc:
            outcome = (0, f"{path}: {exc}")
        with lock:
            results.append(outcome)

    with running_server(root) as base:
        threads = [threading.Thread(target=one, args=(k,)) for k in range(REQUESTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=180)
    assert len(results) == REQUESTS
    assert [r for r in results if r != (200, None)] == []
