"""Worker processes for extraction: one forked process per document, with limits.

The parent imports the extractors and loads the language models once, then forks a child per
document (at most ``workers`` alive), so children start at once and share those pages.  Each
child caps its address space (``RLIMIT_AS``), extracts, and sends its result through a pipe.
The parent waits on the pipes and the children's exit sentinels together: a child that runs
past its time limit is killed, one that dies without an answer (segfault, killed by the
kernel) is reported, and the run goes on.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from r2p_archive.extract import ExtractJob, ExtractResult, extract_file, preload

_MB = 1024 * 1024


@dataclass
class _Running:
    job: ExtractJob
    process: object
    conn: object
    started: float


def _address_space() -> int:
    """Bytes of virtual address space this process uses now."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(job: ExtractJob, conn, memory_mb: int | None) -> None:
    import faulthandler

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    faulthandler.disable()  # a crash is reported by the parent in one line, not as a dump
    # The parent's stdout/stderr may be wrapped by a live progress display whose lock another
    # thread held when we were forked: write nothing there, and leave without flushing them.
    import sys

    sys.stdout = sys.stderr = open(os.devnull, "w")
    if memory_mb:
        import resource

        limit = _address_space() + memory_mb * _MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        result = extract_file(job.path, job.kind, job.hints, job.key, job.content_type)
    except BaseException as exc:  # extract_file does not raise; this is the last guard
        result = ExtractResult(key=job.key, status="failed",
                               error=f"extraction failed ({type(exc).__name__})")
    if memory_mb and result.status == "failed" and result.error and "memory" in result.error:
        result.error = f"{result.error} (limit {memory_mb} MB)"
    try:
        conn.send(result)
    finally:
        conn.close()
        os._exit(0)


def _death_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "worker process vanished"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return f"worker process was killed ({name}; out of memory?)"
        return f"worker process crashed ({name})"
    return f"worker process exited with status {exitcode} without a result"


def _failed(job: ExtractJob, error: str, seconds: float) -> ExtractResult:
    from r2p_archive.extract.language import normalize_hint

    language = next((c for c in map(normalize_hint, job.hints or ()) if c), None)
    return ExtractResult(key=job.key, status="failed", error=error, language=language,
                         seconds=round(seconds, 4))


def run(jobs: Iterable[ExtractJob], *, workers: int | None = None, timeout: float = 120.0,
        memory_mb: int | None = 1024) -> Iterator[ExtractResult]:
    import multiprocessing
    from multiprocessing.connection import wait

    workers = max(1, workers or os.cpu_count() or 1)
    context = multiprocessing.get_context("fork")
    preload()
    pending = iter(jobs)
    running: dict[object, _Running] = {}  # keyed by the parent's end of the pipe
    exhausted = False

    def start(job: ExtractJob) -> None:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(job, sender, memory_mb), daemon=True,
                                  name=f"r2p-extract-{job.key}")
        process.start()
        sender.close()
        running[receiver] = _Running(job, process, receiver, time.monotonic())

    def finish(slot: _Running) -> None:
        del running[slot.conn]
        slot.conn.close()
        slot.process.join(5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()

    try:
        while True:
            while not exhausted and len(running) < workers:
                job = next(pending, None)
                if job is None:
                    exhausted = True
                else:
                    start(job)
            if not running:
                return
            now = time.monotonic()
            wake = min(slot.started + timeout for slot in running.values())
            waitables = list(running) + [slot.process.sentinel for slot in running.values()]
            ready = set(wait(waitables, timeout=max(0.0, wake - now)))
            done: list[ExtractResult] = []
            for conn, slot in list(running.items()):
                result = None
                if conn in ready or slot.process.sentinel in ready:
                    try:
                        if conn.poll():
                            result = conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is None and slot.process.sentinel not in ready and conn not in ready:
                        continue
                    if result is None:
                        slot.process.join(5)
                        result = _failed(slot.job, _death_reason(slot.process.exitcode),
                                         time.monotonic() - slot.started)
                    finish(slot)
                    done.append(result)
                elif time.monotonic() - slot.started >= timeout:
                    slot.process.kill()
                    result = _failed(slot.job, f"extraction timed out after {timeout:g} s",
                                     time.monotonic() - slot.started)
                    finish(slot)
                    done.append(result)
            yield from done
    finally:
        for slot in list(running.values()):
            slot.process.kill()
            slot.process.join()
            slot.conn.close()
