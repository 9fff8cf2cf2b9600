"""The extraction pool: worker processes with a time limit, a memory limit, and crash safety."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import docgen
import pytest

from r2p_archive import extract
from r2p_archive.extract import ExtractJob, extract_many

TEXT = ["The delegation of Arcadia supports the dialogue and thanks the organisers for it.",
        "Prevention is the first duty of every State and of the whole international community."]


def _hang(path, content_type):
    time.sleep(600)


def _segfault(path, content_type):
    os.kill(os.getpid(), signal.SIGSEGV)


def _exit(path, content_type):
    os._exit(3)


def _hog(path, content_type):
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))


@pytest.fixture
def test_kinds(monkeypatch):
    kinds = {"test-hang": _hang, "test-segfault": _segfault, "test-exit": _exit,
             "test-hog": _hog}
    monkeypatch.setattr(extract, "EXTRACTORS", {**extract.EXTRACTORS, **kinds})


@pytest.fixture
def documents(tmp_path):
    pdf = tmp_path / "a.pdf"
    docgen.make_pdf(pdf, pages=[TEXT])
    docx = tmp_path / "b.docx"
    docgen.make_docx(TEXT, docx)
    dummy = tmp_path / "dummy"
    dummy.write_bytes(b"x")
    return pdf, docx, dummy


def test_results_of_good_and_bad_jobs(test_kinds, documents):
    pdf, docx, dummy = documents
    jobs = [
        ExtractJob("pdf", pdf, "pdf", ("en",)),
        ExtractJob("hang", dummy, "test-hang", ("fr",)),
        ExtractJob("segfault", dummy, "test-segfault"),
        ExtractJob("docx", docx, "docx", ("en",)),
        ExtractJob("exit", dummy, "test-exit"),
        ExtractJob("hog", dummy, "test-hog"),
        ExtractJob("doc", dummy, "doc"),
    ]
    results = {r.key: r for r in extract_many(jobs, workers=3, timeout=5, memory_mb=256)}
    assert sorted(results) == ["doc", "docx", "exit", "hang", "hog", "pdf", "segfault"]
    expected_text = "\n\n".join(TEXT) + "\n"
    assert (results["pdf"].status, results["pdf"].text) == ("ok", expected_text)
    assert (results["docx"].status, results["docx"].text) == ("ok", expected_text)
    assert (results["hang"].status, results["hang"].error, results["hang"].language) == (
        "failed", "extraction timed out after 5 s", "fr"
    )
    assert (results["segfault"].status, results["segfault"].error) == (
        "failed", "worker process crashed (SIGSEGV)"
    )
    assert (results["exit"].status, results["exit"].error) == (
        "failed", "worker process exited with status 3 without a result"
    )
    assert (results["hog"].status, results["hog"].error) == (
        "failed",
        "ran out of memory while extracting (the document is too large or damaged) "
        "(limit 256 MB)",
    )
    assert (results["doc"].status, results["doc"].error) == (
        "unsupported", "unsupported format: application/msword (.doc)"
    )
    assert multiprocessing.active_children() == []


def test_results_come_as_they_finish(test_kinds, documents):
    pdf, _, dummy = documents
    jobs = [ExtractJob("slow", dummy, "test-hang"), ExtractJob("fast", pdf, "pdf")]
    keys = [r.key for r in extract_many(jobs, workers=2, timeout=4)]
    assert keys == ["fast", "slow"]


def test_single_worker_still_enforces_the_time_limit(test_kinds, documents):
    pdf, _, dummy = documents
    jobs = (ExtractJob(k, p, kind) for k, p, kind in
            [("a", pdf, "pdf"), ("b", dummy, "test-hang"), ("c", pdf, "pdf")])
    results = [(r.key, r.status) for r in extract_many(jobs, workers=1, timeout=3)]
    assert results == [("a", "ok"), ("b", "failed"), ("c", "ok")]


def test_stopping_early_kills_running_workers(test_kinds, documents):
    pdf, _, dummy = documents
    jobs = [ExtractJob("fast", pdf, "pdf"), ExtractJob("h1", dummy, "test-hang"),
            ExtractJob("h2", dummy, "test-hang")]
    results = extract_many(jobs, workers=3, timeout=60)
    first = next(results)
    assert first.key == "fast"
    results.close()
    assert multiprocessing.active_children() == []


def test_no_jobs():
    assert list(extract_many([], workers=2)) == []
