"""Faults from the network: one statement per fault on one dialogue page, plus good ones.

Every faulty statement must end ``failed`` with its exact one-line reason, the good ones must
be stored, the run must exit 1, and the whole run must end in bounded time.
"""

from __future__ import annotations

import gzip
import json
import socket
import struct

from docgen import make_pdf
from siteserver import closed_port
from test_reliability_common import r2p, record

GOOD_TEXT = {
    "Brazil": "Brazil thanks the organisers and supports an early warning network across every region.",
    "Ghana": "Ghana recalls that prevention begins with national institutions that people can trust.",
    "Norway": "Norway asks every delegation to make the prevention of atrocity crimes a daily task.",
}


def _reset_mid_body(body: bytes):
    """A handler that sends half the body, then resets the TCP connection (RST)."""
    def handler(req):
        req.send_response(200)
        req.send_header("Content-Type", "application/pdf")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body[: len(body) // 2])
        req.wfile.flush()
        req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        req.connection.close()
        req.close_connection = True
    return handler


def test_every_network_fault_ends_with_its_reason(sites, tmp_path):
    docs, other = sites.site(), sites.site()
    pdf = {name: make_pdf(None, paragraphs=[text]) for name, text in GOOD_TEXT.items()}
    fault_pdf = make_pdf(None, paragraphs=["An invented statement that never arrives whole."])
    urls = {
        "Brazil": docs.add("/s/brazil.pdf", pdf["Brazil"], content_type="application/pdf"),
        "Ghana": other.add("/s/ghana.pdf", pdf["Ghana"], content_type="application/pdf"),
        "Norway": docs.add("/s/norway.pdf", gzip.compress(pdf["Norway"]),  # whole gzip: fine
                           content_type="application/pdf", headers={"Content-Encoding": "gzip"}),
        "Chile": f"http://127.0.0.1:{closed_port()}/s/chile.pdf",
        "Kenya": docs.add_handler("/s/kenya.pdf", _reset_mid_body(fault_pdf)),
        "Peru": docs.add("/s/peru.pdf", fault_pdf, cut_after=300),
        "Japan": docs.add("/s/japan.pdf", fault_pdf, content_length=len(fault_pdf) + 1000),
        "Mexico": docs.add("/s/mexico.pdf", gzip.compress(fault_pdf)[:-40] + b"broken" * 8,
                           headers={"Content-Encoding": "gzip"}),
        "Italy": docs.add("/s/italy.pdf", status=302, headers={"Location": "/s/italy-2.pdf"}),
        "Spain": docs.add("/s/spain.pdf", status=301, headers={"Location": "file:///etc/passwd"}),
        "Egypt": docs.add("/s/egypt.pdf", status=301,
                          headers={"Location": "ftp://files.invalid/egypt.pdf"}),
        "India": docs.add("/s/india.pdf", fault_pdf, delay=30),
        "Nepal": docs.add("/s/nepal.pdf", b"slow down", status=429,
                          headers={"Retry-After": "1"}),
        "Qatar": docs.add("/s/qatar.pdf",
                          "<html><head><title>Page not found</title></head><body><h1>404 - "
                          "Page not found</h1><p>Sorry, this page does not exist.</p></body></html>",
                          content_type="text/html"),
    }
    docs.add("/s/italy-2.pdf", status=302, headers={"Location": "/s/italy.pdf"})
    items = "".join(f'<li><a href="{url}">{name}</a></li>' for name, url in urls.items())
    page = docs.add("/dialogue.html",
                    "<html><body><h1>Informal interactive dialogue on the responsibility to "
                    f"protect, 8 September 2015</h1><h2>Statements</h2><ul>{items}</ul>"
                    "</body></html>", content_type="text/html; charset=utf-8")

    # bounded: the slowest faults are the hang (1 s per try) and the 429 storm (1 s per retry);
    # a run that does not end within 60 s fails the test
    ran = r2p(tmp_path / "arc", "fetch", page, "--json", "--timeout", "1", "--jobs", "2",
              timeout=60)
    assert ran.code == 1, ran.stderr
    assert "Traceback" not in ran.stderr
    out = json.loads(ran.stdout)
    got = {s["speaker"]: (s["status"], s["error"]) for s in out["statements"]}
    # R2P_WAYBACK_URL points at a closed port (conftest): the lookup itself fails.
    no_capture = "; Wayback Machine unreachable: host unreachable: connection refused"
    assert got == {
        "Brazil": ("ok", None),
        "Ghana": ("ok", None),
        "Norway": ("ok", None),
        "Chile": ("failed", "host unreachable: connection refused" + no_capture),
        "Kenya": ("failed", "connection reset by the server while reading"),
        "Peru": ("failed", f"body cut short: fewer bytes than the {len(fault_pdf):,} announced"),
        "Japan": ("failed",
                  f"body cut short: fewer bytes than the {len(fault_pdf) + 1000:,} announced"),
        "Mexico": ("failed", "corrupt compressed body"),
        "Italy": ("failed", "redirect loop"),
        "Spain": ("failed", "refused a non-http(s) URL (file scheme)"),
        "Egypt": ("failed", "refused a non-http(s) URL (ftp scheme)"),
        "India": ("failed", "timeout after 1 s"),
        "Nepal": ("failed", "HTTP 429 after 3 retries"),
        "Qatar": ("failed", "expected a document, got an error page" + no_capture),
    }
    for _name, (_status, error) in got.items():
        assert error is None or "\n" not in error
    # the good ones are stored, with their text
    stored = {s["speaker"]: s for s in out["statements"] if s["status"] == "ok"}
    for name, text in GOOD_TEXT.items():
        folder = tmp_path / "arc" / stored[name]["path"]
        assert (folder / "statement.pdf").read_bytes() == pdf[name]
        assert (folder / "statement.txt").read_text("utf-8") == text + "\n"
    # nothing was left behind by the failures
    assert not list((tmp_path / "arc").rglob("*.part"))
    assert [p.name for p in (tmp_path / "arc").glob("2015/*/*/statement.pdf")].count(
        "statement.pdf") == 3
    assert docs.count("/s/nepal.pdf") == 4  # one try and three retries, then it gives up
    record("network_faults", faults=len(urls) - len(GOOD_TEXT), good_stored=len(GOOD_TEXT),
           exit_code=ran.code, seconds=round(ran.seconds, 1),
           requests_429=docs.count("/s/nepal.pdf"), requests_hang=docs.count("/s/india.pdf"))
