"""HTTP: one polite session, retries, bounded streaming downloads, and the Wayback fallback.

Everything network-related lives here; the fetch stage (``fetch.py``) decides what to download
and where to store it.  Redirects are followed by hand so that every hop can be checked: only
``http`` and ``https`` are ever requested.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from r2p_archive import __version__
from r2p_archive.contentcoding import CorruptBody, body_chunks
from r2p_archive.text import one_line

if TYPE_CHECKING:
    from urllib3.response import BaseHTTPResponse

USER_AGENT = (
    f"r2p-archive/{__version__} (research archive of UN General Assembly statements on the "
    f"responsibility to protect; requests/{requests.__version__})"
)
DEFAULT_WAYBACK = "https://web.archive.org"
RETRY_STATUSES = (429, 500, 502, 503, 504)
DEAD_STATUSES = (404, 410)
CHUNK = 64 * 1024


class DownloadError(Exception):
    """A download that did not give a usable body; ``str(exc)`` is a one-line reason.

    ``dead`` marks failures the Wayback Machine may repair: 404/410, an unreachable host,
    or an error page served in place of a document.
    """

    def __init__(self, reason: str, *, dead: bool = False, status: int | None = None):
        super().__init__(reason)
        self.dead = dead
        self.status = status


class WaybackError(DownloadError):
    """The Wayback Machine could not be asked (unreachable, or an HTTP error from its API)."""


@dataclass
class HttpConfig:
    timeout: float = 30.0  # connect timeout and each read
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff: float = 0.5  # urllib3 backoff factor: 0.5 s, 1 s, 2 s...
    retry_after_cap: float = 60.0  # never sleep longer than this on a Retry-After
    max_redirects: int = 10
    concurrency: int = 8
    per_host: int = 4
    wayback: bool = True
    wayback_base: str | None = None  # default: env R2P_WAYBACK_URL, else web.archive.org

    def wayback_url(self) -> str:
        base = self.wayback_base or os.environ.get("R2P_WAYBACK_URL") or DEFAULT_WAYBACK
        return base.rstrip("/")


@dataclass
class Download:
    """A body that arrived whole, stored in a temporary file the caller takes over."""

    url: str  # what was asked for
    final_url: str  # after redirects (the capture URL for Wayback downloads)
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    path: Path | None  # None when not_modified
    size: int
    sha256: str | None
    not_modified: bool = False
    wayback_url: str | None = None
    wayback_timestamp: str | None = None

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class _CappedRetry(Retry):
    """urllib3's Retry, with Retry-After values bounded so a hostile server cannot stall us."""

    cap: float = 60.0

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.cap)


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise DownloadError(f"refused a non-http(s) URL ({scheme or 'no'} scheme)")


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Http:
    """A shared ``requests.Session`` with retries, a per-host concurrency limit and size caps.

    Thread-safe for concurrent ``download`` calls (one session, connection pools per host).
    """

    def __init__(self, config: HttpConfig | None = None):
        self.config = cfg = config or HttpConfig()
        retry_cls = type("Retry", (_CappedRetry,), {"cap": cfg.retry_after_cap})
        retry = retry_cls(
            total=cfg.retries,
            connect=cfg.retries,
            read=cfg.retries,
            status=cfg.retries,
            redirect=0,
            backoff_factor=cfg.backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        adapter = HTTPAdapter(
            max_retries=retry, pool_connections=32, pool_maxsize=max(cfg.concurrency, 4)
        )
        self.session = requests.Session()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.trust_env = False  # no proxies or netrc from the environment
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self.stop = threading.Event()  # set on Ctrl-C: downloads in flight give up at once

    def close(self) -> None:
        self.session.close()

    # -- per-host politeness -------------------------------------------------------------
    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        host = _host(url)
        with self._hosts_lock:
            sem = self._hosts.setdefault(host, threading.BoundedSemaphore(self.config.per_host))
        with sem:
            yield

    # -- one request, redirects by hand ----------------------------------------------------
    def _open(self, url: str, headers: dict[str, str] | None = None) -> requests.Response:
        cfg = self.config
        seen: list[str] = []
        current = url
        for _ in range(cfg.max_redirects + 1):
            _check_scheme(current)
            seen.append(current)
            try:
                resp = self.session.get(
                    current,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,
                    timeout=(cfg.timeout, cfg.timeout),
                )
            except requests.exceptions.RequestException as exc:
                raise _classify(exc, cfg.timeout) from exc
            if resp.is_redirect:
                location = resp.headers.get("Location", "")
                resp.close()
                current = urljoin(current, location)
                if current in seen:
                    raise DownloadError("redirect loop")
                continue
            return resp
        raise DownloadError(f"too many redirects (more than {cfg.max_redirects})")

    def download(
        self,
        url: str,
        tmp_dir: Path,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Download:
        """GET ``url`` into a temp file in ``tmp_dir``; raise :class:`DownloadError` if unusable.

        With ``etag``/``last_modified``, the request is conditional and a 304 answer gives a
        ``Download`` with ``not_modified=True`` and no file.
        """
        cfg = self.config
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        # The host's slot is held until the body is read: "in flight" includes streaming.
        with self._slot(url), self._open(url, headers) as resp:
            # the response's fields of the Download
            download = partial(
                Download,
                url=url,
                final_url=resp.url,
                status=resp.status_code,
                content_type=resp.headers.get("Content-Type"),
                etag=resp.headers.get("ETag"),
                last_modified=resp.headers.get("Last-Modified"),
            )
            if resp.status_code == 304 and headers:
                return download(path=None, size=0, sha256=None, not_modified=True)
            if resp.status_code in DEAD_STATUSES:
                raise DownloadError(f"HTTP {resp.status_code}", dead=True, status=resp.status_code)
            if resp.status_code >= 400 or resp.status_code < 200:
                reason = f"HTTP {resp.status_code}"
                if resp.status_code in RETRY_STATUSES:
                    reason += f" after {cfg.retries} retries"
                raise DownloadError(reason, status=resp.status_code)
            announced = resp.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > cfg.max_bytes:
                raise DownloadError(
                    f"too large: {int(announced):,} bytes announced, limit {cfg.max_bytes:,}"
                )
            path, size, digest = self._stream(resp, tmp_dir)
            return download(path=path, size=size, sha256=digest)

    def _stream(self, resp: requests.Response, tmp_dir: Path) -> tuple[Path, int, str]:
        cfg = self.config
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=tmp_dir, suffix=".part")
        path = Path(name)
        digest = hashlib.sha256()
        size = 0
        # A server that trickles bytes just under the read timeout is cut off as well.
        deadline = time.monotonic() + max(cfg.timeout * 10, 60.0)
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in body_chunks(resp, CHUNK):
                    size += len(chunk)
                    if size > cfg.max_bytes:
                        raise DownloadError(f"too large: more than {cfg.max_bytes:,} bytes")
                    if time.monotonic() > deadline:
                        raise DownloadError("too slow: body still arriving after the deadline")
                    if self.stop.is_set():
                        raise DownloadError("interrupted")
                    digest.update(chunk)
                    fh.write(chunk)
        except (requests.exceptions.ContentDecodingError, CorruptBody) as exc:
            path.unlink(missing_ok=True)
            raise DownloadError("corrupt compressed body") from exc
        except (requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ConnectionError) as exc:
            path.unlink(missing_ok=True)
            if "IncompleteRead" in repr(exc) or "incomplete" in str(exc).lower():
                announced = resp.headers.get("Content-Length", "?")
                if announced.isdigit():
                    announced = f"{int(announced):,}"
                raise DownloadError(
                    f"body cut short: fewer bytes than the {announced} announced"
                ) from exc
            if "timed out" in str(exc).lower():
                raise DownloadError(f"timeout after {cfg.timeout:g} s while reading") from exc
            if "reset by peer" in str(exc).lower():
                raise DownloadError("connection reset by the server while reading") from exc
            raise DownloadError(f"connection broken while reading: {_reason(exc)}") from exc
        except requests.exceptions.RequestException as exc:
            path.unlink(missing_ok=True)
            raise DownloadError(f"download failed: {_reason(exc)}") from exc
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        if size == 0:
            path.unlink(missing_ok=True)
            raise DownloadError("empty body")
        return path, size, digest.hexdigest()

    # -- Wayback Machine -------------------------------------------------------------------
    def wayback_lookup(self, url: str, year: int | None) -> tuple[str, str] | None:
        """The closest Wayback capture of ``url`` as (capture URL of the raw bytes, timestamp);
        None when there is none; WaybackError when the Wayback Machine cannot be asked."""
        base = self.config.wayback_url()
        api = f"{base}/wayback/available?url={quote(url, safe='')}"
        if year:
            api += f"&timestamp={int(year)}"
        try:
            with self._slot(api), self._open(api) as resp:
                if resp.status_code != 200:
                    raise WaybackError(f"Wayback Machine answered HTTP {resp.status_code}")
                body = resp.raw.read(1024 * 1024, decode_content=True)
        except WaybackError:
            raise
        except DownloadError as exc:
            raise WaybackError(f"Wayback Machine unreachable: {exc}") from exc
        except requests.RequestException as exc:
            raise WaybackError(f"Wayback Machine unreachable: {_reason(exc)}") from exc
        try:
            import json

            closest = json.loads(body)["archived_snapshots"]["closest"]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(closest, dict) or not closest.get("available"):
            return None
        if str(closest.get("status", "200")) != "200":
            return None
        timestamp = str(closest.get("timestamp") or "")
        if not timestamp.isdigit():
            return None
        return f"{base}/web/{timestamp}id_/{url}", timestamp

    def download_or_wayback(self, url: str, tmp_dir: Path, *, year: int | None,
                            validate: Callable[[Download], None] | None = None,
                            **conditional: str | None) -> Download:
        """Download ``url``; when it is dead (404/410, unreachable, or ``validate`` rejects the
        body as an error page), fall back to its closest Wayback capture if enabled."""
        try:
            got = self.download(url, tmp_dir, **conditional)
            if validate is not None and not got.not_modified:
                try:
                    validate(got)
                except DownloadError:
                    got.discard()
                    raise
            return got
        except DownloadError as exc:
            if not (exc.dead and self.config.wayback):
                raise
            try:
                capture = self.wayback_lookup(url, year)
            except DownloadError as wexc:
                raise DownloadError(f"{exc}; {wexc}", status=exc.status) from wexc
            if capture is None:
                raise DownloadError(f"{exc} and no Wayback capture", status=exc.status) from exc
            capture_url, timestamp = capture
            try:
                got = self.download(capture_url, tmp_dir)
                if validate is not None:
                    try:
                        validate(got)
                    except DownloadError:
                        got.discard()
                        raise
            except DownloadError as wexc:
                raise DownloadError(f"{exc}; Wayback capture failed: {wexc}") from wexc
            got.url = url
            got.wayback_url = capture_url
            got.wayback_timestamp = timestamp
            return got


def _classify(exc: requests.exceptions.RequestException, timeout: float) -> DownloadError:
    """A one-line DownloadError for a failed request; ``dead`` when the host is unreachable."""
    from urllib3.exceptions import (
        ConnectTimeoutError,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ReadTimeoutError,
    )

    reason = exc.args[0] if exc.args else exc
    if isinstance(reason, MaxRetryError) and reason.reason is not None:
        reason = reason.reason
    # NewConnectionError is a ConnectTimeoutError subclass in urllib3: test it first.
    if isinstance(reason, NameResolutionError):
        return DownloadError("host unreachable: name does not resolve", dead=True)
    if isinstance(reason, NewConnectionError):
        text = str(reason)
        what = "connection refused" if "refused" in text.lower() else _reason(reason)
        return DownloadError(f"host unreachable: {what}", dead=True)
    if isinstance(exc, requests.exceptions.ConnectTimeout) or isinstance(
            reason, ConnectTimeoutError):
        return DownloadError(f"connect timeout after {timeout:g} s", dead=True)
    if isinstance(exc, requests.exceptions.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        return DownloadError(f"timeout after {timeout:g} s")
    if isinstance(reason, ProtocolError):
        return DownloadError(f"connection broken: {_reason(reason)}")
    if isinstance(exc, requests.exceptions.InvalidURL):
        return DownloadError(f"invalid URL: {_reason(exc)}")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return DownloadError(f"host unreachable: {_reason(exc)}", dead=True)
    return DownloadError(f"request failed: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    """A one-line, bounded description of a requests/urllib3 exception."""
    text = str(exc).replace("\n", " ")
    for marker in ("Caused by ", "(Caused by "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return one_line(text.strip("() "), 160)
