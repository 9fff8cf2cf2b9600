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
from typing import TYPE_CHECKING, Any

from r2p_archive.extract import ExtractJob, ExtractResult, extract_file, preload
from r2p_archive.models import Status

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

_MB = 1024 * 1024


@dataclass
class _Running:
    job: ExtractJob
    process: BaseProcess
    conn: Connection
    started: float


def _address_space() -> int:
    """Bytes of virtual address space this process uses now."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(job: ExtractJob, conn: Connection, memory_mb: int | None, timeout: float | None = None,
           environ: dict[str, str] | None = None) -> None:
    import faulthandler

    if environ is not None:  # a forkserver child: the parent's environment of now, not then
        os.environ.clear()
        os.environ.update(environ)

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
        # OCR's child processes get the time left before the parent would kill us, less a
        # margin to stop them and answer (so a killed OCR leaves nothing behind)
        ocr_timeout = max(1.0, timeout - max(2.0, 0.05 * timeout)) if timeout else None
        result = extract_file(job.path, job.kind, job.hints, job.key, job.content_type,
                              ocr=job.ocr, timeout=ocr_timeout)
    except BaseException as exc:  # extract_file does not raise; this is the last guard
        result = ExtractResult(key=job.key, status=Status.FAILED,
                               error=f"extraction failed ({type(exc).__name__})")
    if memory_mb and result.status == Status.FAILED and result.error and "memory" in result.error:
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
    from r2p_archive.languages import first_code

    language = first_code(job.hints or ())
    return ExtractResult(key=job.key, status=Status.FAILED, error=error, language=language,
                         seconds=round(seconds, 4))


class Pool:
    """At most ``workers`` forked extraction processes; feed with :meth:`submit`, collect with
    :meth:`poll`.  Lets a caller interleave extraction with other work (the fetch stage
    extracts documents while others are still downloading)."""

    def __init__(self, *, workers: int | None = None, timeout: float = 120.0,
                 memory_mb: int | None = 1024, forkserver: bool = False):
        import multiprocessing

        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.forkserver = forkserver
        self._running: dict[Connection, _Running] = {}  # keyed by the parent's end of the pipe
        self._context: Any
        if forkserver:
            # Children fork from a server process that has no thread, so a pool may start
            # while download threads run (a child forked from a threaded parent can inherit a
            # lock held by another thread, e.g. inside lxml, and deadlock).  The server
            # imports the extractors and loads the language models once (r2p_archive.warm).
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload(["r2p_archive.extract.warm"])
        else:
            self._context = multiprocessing.get_context("fork")
            preload()

    @property
    def free(self) -> int:
        return self.workers - len(self._running)

    @property
    def active(self) -> int:
        return len(self._running)

    def submit(self, job: ExtractJob) -> None:
        """Start ``job`` now; the caller keeps to :attr:`free` slots."""
        receiver, sender = self._context.Pipe(duplex=False)
        environ = dict(os.environ) if self.forkserver else None
        process = self._context.Process(target=_child,
                                        args=(job, sender, self.memory_mb, self.timeout,
                                              environ),
                                        daemon=True, name=f"r2p-extract-{job.key}")
        process.start()
        sender.close()
        self._running[receiver] = _Running(job, process, receiver, time.monotonic())

    def _finish(self, slot: _Running) -> None:
        del self._running[slot.conn]
        slot.conn.close()
        slot.process.join(5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()

    def poll(self, timeout: float | None = None) -> list[ExtractResult]:
        """Results of the jobs that ended, waiting at most ``timeout`` seconds for one (None:
        until one ends or a time limit passes).  Kills jobs past their time limit."""
        from multiprocessing.connection import wait

        if not self._running:
            return []
        now = time.monotonic()
        wake = min(slot.started + self.timeout for slot in self._running.values()) - now
        limit = max(0.0, wake if timeout is None else min(wake, timeout))
        waitables = list(self._running) + [s.process.sentinel for s in self._running.values()]
        ready = set(wait(waitables, timeout=limit))
        done: list[ExtractResult] = []
        for conn, slot in list(self._running.items()):
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
                self._finish(slot)
                done.append(result)
            elif time.monotonic() - slot.started >= self.timeout:
                slot.process.kill()
                result = _failed(slot.job, f"extraction timed out after {self.timeout:g} s",
                                 time.monotonic() - slot.started)
                self._finish(slot)
                done.append(result)
        return done

    def close(self) -> None:
        """Kill whatever still runs (on an interruption)."""
        for slot in list(self._running.values()):
            slot.process.kill()
            slot.process.join()
            slot.conn.close()
        self._running.clear()


def run(jobs: Iterable[ExtractJob], *, workers: int | None = None, timeout: float = 120.0,
        memory_mb: int | None = 1024) -> Iterator[ExtractResult]:
    pool = Pool(workers=workers, timeout=timeout, memory_mb=memory_mb)
    pending = iter(jobs)
    exhausted = False
    try:
        while True:
            while not exhausted and pool.free > 0:
                job = next(pending, None)
                if job is None:
                    exhausted = True
                else:
                    pool.submit(job)
            if not pool.active:
                return
            yield from pool.poll()
    finally:
        pool.close()
