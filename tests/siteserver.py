"""A real HTTP server on loopback that serves fixture web sites to the tests.

Each :class:`Site` is its own server on its own loopback address (127.0.0.1, 127.0.0.2...), so
tests see several distinct hosts.  A route answers with a fixed body or a scripted sequence of
responses, and can inject faults: any status, extra headers, a delay before answering, a body
that hangs half-way, a connection closed mid-body, or a custom handler.  Every request is logged
so tests can count what reached the server.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    hang_after: int | None = None  # send this many body bytes, then stall for `hang_for`
    hang_for: float = 60.0
    cut_after: int | None = None  # send this many body bytes, then close the connection
    content_length: int | None = None  # announce a different Content-Length


@dataclass
class LoggedRequest:
    method: str
    path: str
    headers: dict[str, str]
    started: float
    finished: float = 0.0


Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """One fixture host.  ``site.add("/a.pdf", body)``; ``site.url("/a.pdf")``."""

    def __init__(self, address: str):
        self._routes: dict[str, list[Response] | Handler] = {}
        self._lock = threading.Lock()
        self.log: list[LoggedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_HEAD(self):
                self.do_GET()

            def do_GET(self):
                site._serve(self)

        self.server = ThreadingHTTPServer((address, 0), _Handler)
        self.server.daemon_threads = True
        # Clients that hang up early (timeouts, size limits) are part of the tests: no noise.
        self.server.handle_error = lambda request, client_address: None
        self.host = f"{address}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}{path}"

    def add(self, path: str, body: bytes | str = b"", *, status: int = 200,
            content_type: str | None = None, headers: dict[str, str] | None = None,
            **fault) -> str:
        """Serve one response at ``path`` (path with query string, matched exactly first)."""
        hdrs = dict(headers or {})
        if content_type:
            hdrs["Content-Type"] = content_type
        data = body.encode("utf-8") if isinstance(body, str) else body
        self._routes[path] = [Response(data, status, hdrs, **fault)]
        return self.url(path)

    def add_sequence(self, path: str, responses: list[Response]) -> str:
        """Serve ``responses`` in turn; the last one repeats."""
        self._routes[path] = list(responses)
        return self.url(path)

    def add_handler(self, path: str, handler: Handler) -> str:
        self._routes[path] = handler
        return self.url(path)

    def requests_to(self, path: str, method: str | None = None) -> list[LoggedRequest]:
        """Requests whose path (with or without its query string) is ``path``."""
        return [r for r in self.log
                if path in (r.path, r.path.split("?", 1)[0])
                and (method is None or r.method == method)]

    def count(self, path: str | None = None) -> int:
        return len(self.log) if path is None else len(self.requests_to(path))

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        entry = LoggedRequest(req.command, req.path, dict(req.headers.items()), time.monotonic())
        with self._lock:
            self.log.append(entry)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self._routes.get(req.path)
            if route is None:
                route = self._routes.get(req.path.split("?", 1)[0])
            if route is None:
                self._send(req, Response(b"<html><body>Not here</body></html>", 404,
                                         {"Content-Type": "text/html"}))
            elif callable(route):
                route(req)
            else:
                with self._lock:
                    resp = route.pop(0) if len(route) > 1 else route[0]
                self._send(req, resp)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                self.in_flight -= 1
            entry.finished = time.monotonic()

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, resp: Response) -> None:
        if resp.delay:
            time.sleep(resp.delay)
        etag = resp.headers.get("ETag")
        if etag and resp.status == 200 and req.headers.get("If-None-Match") == etag:
            # A route with an ETag answers conditional requests like a real server.
            req.send_response(304)
            req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(resp.status)
        headers = {"Content-Type": "application/octet-stream", **resp.headers}
        for name, value in headers.items():
            req.send_header(name, value)
        length = resp.content_length if resp.content_length is not None else len(resp.body)
        req.send_header("Content-Length", str(length))
        req.end_headers()
        if req.command == "HEAD":
            return
        body = resp.body
        if resp.cut_after is not None:
            req.wfile.write(body[: resp.cut_after])
            req.wfile.flush()
            req.close_connection = True
            return
        if resp.hang_after is not None:
            req.wfile.write(body[: resp.hang_after])
            req.wfile.flush()
            time.sleep(resp.hang_for)
            req.close_connection = True
            return
        req.wfile.write(body)
        if resp.content_length is not None and resp.content_length != len(body):
            req.close_connection = True

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused at once)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteServer:
    """Hands out fixture hosts on distinct loopback addresses and shuts them all down."""

    _counter = itertools.count(1)

    def __init__(self):
        self.sites: list[Site] = []

    def site(self) -> Site:
        n = next(self._counter) % 250 + 1
        site = Site(f"127.0.0.{n}")
        self.sites.append(site)
        return site

    def close(self) -> None:
        for site in self.sites:
            site.close()
