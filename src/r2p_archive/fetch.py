"""The fetch stage: dialogue pages -> planned statements -> stored originals -> extracted text.

``plan_sources`` reads dialogue pages (URLs or local files) and parses them; ``run`` downloads
what is not stored yet (threads, one HTTP session), extracts text (worker processes), and keeps
the sidecars and the index up to date as it goes.  Only the main thread writes to the archive,
each write atomic, so an interrupted run leaves a consistent archive that the next run resumes.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from r2p_archive.fetch_report import FetchOptions, FetchReport, Reporter  # noqa: F401
from r2p_archive.fetch_turns import store_part
from r2p_archive.models import (
    PENDING,
    Action,
    Record,
    Status,
    refresh_from_plan,
    text_sha256,
    utc_now,
)
from r2p_archive.sources import (  # noqa: F401  (importable from here, as before the split)
    SourceResult,
    default_sources,
    plan_sources,
    unique_statements,
)
from r2p_archive.storage import (
    SIDECAR,
    TEXT,
    Archive,
    atomic_write_text,
    cleanup,
    finish_moves,
    speaker_code,
    store_documents,
)
from r2p_archive.verify import sync_index

if TYPE_CHECKING:
    from r2p_archive.download import Download, Http
    from r2p_archive.extract import ExtractResult
    from r2p_archive.extract.pool import Pool

STORED = (Status.OK, Status.NO_TEXT, Status.UNSUPPORTED)  # statuses whose original is kept
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".rtf", ".odt")
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "doc": "doc", "rtf": "rtf", "html": "html",
              "text": "txt", "zip": "zip", "image": "img"}


# -- storing -------------------------------------------------------------------------------


def _expects_document(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


def _validate_body(got: Download) -> None:
    """Reject an HTML error page served where a document was expected (soft 404)."""
    from r2p_archive.download import DownloadError
    from r2p_archive.extract import is_error_page, sniff_file

    assert got.path is not None  # only a body that arrived is validated
    kind = sniff_file(got.path, got.content_type)
    if kind == "html":
        with got.path.open("rb") as body:
            head = body.read(256 * 1024)
        if _expects_document(got.url) or is_error_page(head):
            raise DownloadError("expected a document, got an error page", dead=True)


def _round_robin_by_host(records: list[Record]) -> list[Record]:
    """Interleave hosts, so that workers waiting for one busy host don't idle the others."""
    by_host: dict[str, list[Record]] = {}
    for rec in records:
        by_host.setdefault(urlsplit(rec.url or "").netloc.lower(), []).append(rec)
    queues = list(by_host.values())
    out: list[Record] = []
    while queues:
        out.extend(q.pop(0) for q in queues)
        queues = [q for q in queues if q]
    return out


class _Run:
    def __init__(self, archive: Archive, options: FetchOptions, reporter: Reporter,
                 http: Http | None):
        from r2p_archive.index import Index

        self.archive = archive
        self.options = options
        self.reporter = reporter
        self.http = http
        self.index = Index.open(archive)
        self.actions: dict[str, str] = {}
        self.new: list[Record] = []  # created by this run, saved by save_new
        self.duplicates: list[tuple[Any, str]] = []  # (plan or record, the statement kept)

    def save(self, rec: Record, text: str | None = None, *, read_text: bool = False) -> None:
        self.archive.save(rec)
        if read_text and text is None:
            text = self.archive.read_text(rec)
        self.index.upsert(rec, text)

    def save_new(self) -> None:
        """Save the statements this run created: sidecars, then their index rows in one
        transaction; done while the first downloads are in flight.  A run killed before leaves
        folders without a sidecar (the next run's cleanup removes them), one killed between
        the two leaves rows missing (the next run's sync_index writes them)."""
        new, self.new = self.new, []
        for rec in new:
            self.archive.save(rec)
        if new:
            self.index.upsert_many((rec, None) for rec in new)

    # downloading and extracting --------------------------------------------------------
    def store_download(self, rec: Record, got: Download) -> None:
        from r2p_archive.extract import sniff_file

        if got.not_modified:
            self.actions[rec.id] = Action.NOT_MODIFIED
            return
        if rec.sha256 == got.sha256 and rec.original and rec.status in STORED:
            got.discard()
            if (rec.etag, rec.last_modified) != (got.etag, got.last_modified):
                rec.etag, rec.last_modified = got.etag, got.last_modified
                self.save(rec, read_text=True)
            self.actions[rec.id] = Action.NOT_MODIFIED
            return
        assert got.path is not None  # a body arrived (not a 304)
        kind = sniff_file(got.path, got.content_type)
        folder = self.archive.folder(rec)
        name = f"statement.{EXTENSIONS.get(kind or '', 'bin')}"
        if rec.original:  # a refresh: first the sidecar lets go of the old original and text,
            # so a run killed from here on leaves a PENDING statement without an original,
            # which the next run downloads again (never a sidecar naming a replaced file)
            rec.original, rec.text, rec.text_sha256 = None, None, None
            rec.status, rec.extracted_sha256 = PENDING, None
            self.save(rec)
        for old in folder.glob("statement.*"):  # the old original, text, OCR copy
            if old.name not in (SIDECAR, name):
                old.unlink(missing_ok=True)
        os.replace(got.path, folder / name)
        rec.original, rec.text = name, None
        rec.kind = kind
        rec.final_url = got.final_url
        rec.wayback_url, rec.wayback_timestamp = got.wayback_url, got.wayback_timestamp
        rec.http_status = got.status
        rec.content_type = got.content_type
        rec.size, rec.sha256 = got.size, got.sha256
        rec.etag, rec.last_modified = got.etag, got.last_modified
        rec.fetched_at = utc_now()
        rec.status, rec.error = PENDING, None
        rec.extracted_sha256 = None
        self.save(rec)
        self.actions[rec.id] = Action.DOWNLOADED

    def merge_duplicates(self, records: list[Record]) -> list[Record]:
        """One statement per (speaker, document content): a statement whose document is the
        same as another's of the same speaker (same SHA-256) is removed, and its URL recorded
        on the other (``other_urls``); the next fetch does not download it again."""
        kept: dict[tuple[str, str], Record] = {}
        out = []
        for rec in records:
            if rec.record or not rec.sha256 or rec.status not in STORED:
                out.append(rec)
                continue
            key = (rec.iso3 or rec.speaker.casefold(), rec.sha256)
            first = kept.setdefault(key, rec)
            if first is rec:
                out.append(rec)
                continue
            if rec.url and rec.url not in first.other_urls and rec.url != first.url:
                first.other_urls.append(rec.url)
                self.save(first, read_text=True)
            self.index.delete(rec.id)
            shutil.rmtree(self.archive.folder(rec), ignore_errors=True)
            self.duplicates.append((rec, first.id))
            self.actions.pop(rec.id, None)
        return out

    def fail(self, rec: Record, reason: str) -> None:
        if rec.status in STORED and rec.original:
            # A refresh that failed keeps the stored copy; the failure is only reported.
            self.reporter.message(f"{rec.speaker} ({rec.year}): refresh failed: {reason}")
            self.actions[rec.id] = Action.REFRESH_FAILED
            return
        rec.status, rec.error = Status.FAILED, reason
        rec.fetched_at = utc_now()
        self.save(rec)
        self.actions[rec.id] = Action.FAILED

    def _needs_extraction(self, rec: Record) -> bool:
        return bool(rec.original) and (
            rec.status == PENDING
            or (self.options.reextract and rec.status in STORED)
            or (rec.status in STORED and rec.extracted_sha256 != rec.sha256)
        )

    def fetch_all(self, todo: list[Record], records: list[Record]) -> None:
        """Download ``todo`` in threads, then extract text in worker processes (also of
        records stored earlier but not extracted yet).  The main thread alone writes.

        Documents are extracted as soon as they have arrived, while others still download:
        the workers fork from a forkserver started without threads, since a worker forked
        from this threaded process could inherit a lock another thread held (a deadlock
        inside lxml was seen under load when workers were forked from here).
        """
        downloading = {rec.id for rec in todo}
        waiting = [r for r in records if r.id not in downloading and self._needs_extraction(r)]
        self.reporter.phase("fetch", len(todo) + len(waiting))
        if not todo and not waiting:
            self.save_new()
            return
        threads: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=max(1, self.options.concurrency), thread_name_prefix="r2p-download")
        pending: dict[Future, Record] = {}
        extracting: dict[str, list[Record]] = {}  # SHA-256 -> records sharing that content
        workers: Any = None
        try:
            queue = _round_robin_by_host(todo)
            while queue or pending or waiting or extracting:
                while threads is not None and queue and \
                        len(pending) < self.options.concurrency * 2:
                    rec = queue.pop(0)
                    pending[threads.submit(self._download, rec)] = rec
                self.save_new()  # the first downloads are under way meanwhile
                if not queue and not pending and threads is not None:
                    threads.shutdown(wait=True)
                    threads = None
                # documents are extracted as they arrive (the workers fork from a forkserver,
                # never from this threaded process)
                while waiting and (workers is None or workers.free > 0):
                    workers = workers or self._workers()
                    self._extract(workers, waiting.pop(0), extracting)
                if pending:
                    waiting.extend(self._downloaded(pending, 0.05 if extracting else None))
                if extracting:
                    self._extracted(workers, extracting, 0.0 if pending else None)
        except BaseException:
            self._abort(pending, threads)
            raise
        finally:
            if workers is not None:
                workers.close()

    def _download(self, rec: Record) -> Download:
        """One document (in a download thread): conditional with --refresh, Wayback when
        dead."""
        assert rec.url is not None and self.http is not None  # fetch_all() had both
        conditional = {}
        if self.options.refresh and rec.status in STORED:
            conditional = {"etag": rec.etag, "last_modified": rec.last_modified}
        return self.http.download_or_wayback(
            rec.url, self.archive.root / ".tmp", year=rec.year, validate=_validate_body,
            **conditional)

    def _downloaded(self, pending: dict[Future, Record], timeout: float | None = None
                    ) -> list[Record]:
        """Store the downloads that have finished (waiting at most ``timeout`` s for one);
        the records that need extracting."""
        from r2p_archive.download import DownloadError

        finished, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        to_extract = []
        for fut in finished:
            rec = pending.pop(fut)
            try:
                self.store_download(rec, fut.result())
            except DownloadError as exc:
                self.fail(rec, str(exc))
            if self._needs_extraction(rec):
                to_extract.append(rec)
            else:
                self.reporter.done(rec, self.actions.get(rec.id, Action.FAILED))
        return to_extract

    def _extracted(self, workers: Any, extracting: dict[str, list[Record]],
                   timeout: float | None = None) -> None:
        """Apply the extractions that have finished (to every record sharing the content),
        waiting at most ``timeout`` s for one."""
        for result in workers.poll(timeout):
            for rec in extracting.pop(result.key, []):
                self.apply_extraction(rec, result)
                self.actions[rec.id] = self.actions.get(rec.id) or Action.EXTRACTED
                self.reporter.done(rec, self.actions[rec.id])

    def _abort(self, pending: dict[Future, Record], threads: ThreadPoolExecutor | None) -> None:
        """Stop the downloads of an interrupted run and drop what they fetched."""
        assert self.http is not None  # only fetch_all() downloads
        self.http.stop.set()
        for fut in pending:
            fut.cancel()
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                fut.result().discard()
        if threads is not None:
            threads.shutdown(wait=True, cancel_futures=True)

    def _workers(self) -> Pool:
        from r2p_archive.extract.pool import Pool

        return Pool(workers=self.options.jobs, timeout=self.options.extract_timeout,
                    forkserver=True)

    def _extract(self, workers: Pool, rec: Record, extracting: dict[str, list[Record]]) -> None:
        """Start extracting ``rec`` (once per distinct content: a twin joins its group)."""
        from r2p_archive.extract import ExtractJob

        key = rec.sha256 or rec.id
        if key in extracting:
            extracting[key].append(rec)
            return
        extracting[key] = [rec]
        assert rec.original is not None  # only stored originals are extracted
        workers.submit(ExtractJob(key=key, path=self.archive.folder(rec) / rec.original,
                                  kind=rec.kind, hints=list(rec.languages),
                                  content_type=rec.content_type,
                                  ocr=self.options.auto_ocr))

    def apply_extraction(self, rec: Record, result: ExtractResult) -> None:
        folder = self.archive.folder(rec)
        if result.text:
            atomic_write_text(folder / TEXT, result.text)
            rec.text, rec.text_sha256 = TEXT, text_sha256(result.text)
        else:
            (folder / TEXT).unlink(missing_ok=True)
            rec.text, rec.text_sha256 = None, None
        rec.status = result.status
        rec.error = result.error
        rec.extractor = result.extractor
        rec.pages = result.pages
        rec.text_chars = result.chars
        rec.extract_seconds = round(result.seconds, 3)
        rec.ocr = result.ocr  # issue #16: OCR facts (None when the text was not recognised)
        rec.language = result.language or (rec.languages[0] if rec.languages else None)
        rec.languages_detected = list(result.languages)
        rec.language_disagrees = bool(result.language_disagrees)
        rec.extracted_sha256 = rec.sha256
        # The sidecar first (inside the old folder), then the folder moves to its language;
        # a crash between the two leaves a complete statement that `reindex` finds.
        self.archive.save(rec)
        rec.dir = self.archive.move_dir(rec.dir or "", rec.language)
        self.index.upsert(rec, result.text)


def run(
    archive: Archive,
    sources: list[SourceResult],
    options: FetchOptions | None = None,
    reporter: Reporter | None = None,
    http: Http | None = None,
) -> FetchReport:
    """Store every statement the parsed ``sources`` plan; see the module docstring."""
    from r2p_archive.countries import country_name

    options = options or FetchOptions()
    if options.ocr:  # before anything is downloaded, not after
        from r2p_archive.ocr import require_ocr

        require_ocr()
    reporter = reporter or Reporter()
    own_http = http is None
    if own_http:
        http = options.http()
    assert http is not None  # given, or made here
    plans = unique_statements(sources)
    try:
        with archive.writer_lock(create=True):
            cleanup(archive)
            state = _Run(archive, options, reporter, http)
            try:
                stored = {rec.id: rec for rec in archive.iter_records()}
                finish_moves(archive, stored.values())
                sync_index(archive, state.index, stored.values())
                records: list[Record] = []
                todo: list[Record] = []
                documents = store_documents(archive, sources)
                aliases = {u: r for r in stored.values() for u in r.other_urls}
                for plan in plans:
                    country = country_name(plan.iso3) if plan.iso3 else None
                    rec = stored.get(plan.id)
                    if rec is None and plan.url in aliases:  # a known duplicate: nothing to do
                        state.duplicates.append((plan, aliases[plan.url].id))
                        continue
                    if plan.part is not None:
                        rec = store_part(state, rec, plan, country, documents[plan.source or ""])
                        records.append(rec)
                        continue
                    if rec is None:
                        rec = Record.from_plan(plan, country)
                        lang = plan.languages[0] if plan.languages else None
                        rec.dir = archive.allocate_dir(
                            plan.year, speaker_code(plan.iso3, plan.speaker), lang)
                        if plan.url is None:
                            rec.status = Status.NO_LINK
                        state.new.append(rec)  # saved once the downloads have begun
                    elif refresh_from_plan(rec, plan, country):
                        state.save(rec, read_text=True)
                    records.append(rec)
                    if rec.url is None:
                        state.actions[rec.id] = Action.NO_LINK
                    elif rec.status in STORED and rec.original and options.reextract:
                        state.actions[rec.id] = Action.REEXTRACTED
                    elif rec.status in STORED and rec.original and not options.refresh:
                        state.actions[rec.id] = Action.SKIPPED
                    elif rec.status == PENDING and rec.original:
                        state.actions[rec.id] = Action.RESUMED
                    else:
                        todo.append(rec)
                state.fetch_all(todo, records)
                records = state.merge_duplicates(records)
                if options.ocr:
                    from r2p_archive.ocr import ocr_all

                    ocr_all(state, records)
            finally:
                state.index.close()
                shutil.rmtree(archive.root / ".tmp", ignore_errors=True)  # no leftovers
    finally:
        if own_http:
            http.close()
    return FetchReport(sources, records, state.actions, archive, duplicates=state.duplicates)
