"""Fetch benchmark: a dialogue of N documents served with added latency on one local host.

Measures, each as the median of --runs runs (min and max beside it):
- a plain sequential download of the same URLs (a loop of single GETs with one session);
- `r2p fetch` of the dialogue page into an empty archive (download + extraction + index);
- `r2p fetch` again with nothing changed (bodies downloaded must be 0);
- `r2p fetch --refresh` (conditional requests; the server answers 304).
The server records the most requests it had in flight, to show the per-host limit held.

    python bench/bench_fetch.py [--docs 80] [--latency 0.2] [--runs 3] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from siteserver import SiteServer  # noqa: E402


def make_pdf(text: str) -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    y = 780
    for i in range(30):
        c.drawString(72, y, f"{text} Paragraph {i} on the prevention of atrocity crimes.")
        y -= 22
    c.showPage()
    c.save()
    return buf.getvalue()


COUNTRIES = [
    "Argentina", "Australia", "Austria", "Bangladesh", "Belgium", "Botswana", "Brazil",
    "Bulgaria", "Canada", "Chile", "China", "Colombia", "Costa Rica", "Croatia", "Cuba",
    "Cyprus", "Denmark", "Ecuador", "Egypt", "Estonia", "Ethiopia", "Finland", "France",
    "Gabon", "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Hungary", "Iceland",
    "India", "Indonesia", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kenya",
    "Latvia", "Lebanon", "Lithuania", "Luxembourg", "Malaysia", "Mali", "Malta", "Mexico",
    "Mongolia", "Morocco", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nigeria",
    "Norway", "Pakistan", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
    "Qatar", "Romania", "Rwanda", "Senegal", "Singapore", "Slovakia", "Slovenia",
    "South Africa", "Spain", "Sweden", "Switzerland", "Thailand", "Togo", "Tunisia", "Uganda",
    "Ukraine", "Uruguay", "Zambia", "Zimbabwe",
]


def serve(n_docs: int, latency: float):
    server = SiteServer()
    site = server.site()
    urls = []
    for i, name in enumerate(COUNTRIES[:n_docs]):
        body = make_pdf(f"Statement of {name}.")
        etag = f'"doc{i}"'
        path = f"/statements/2015/{name.lower().replace(' ', '-')}.pdf"

        def handler(req, body=body, etag=etag):
            time.sleep(latency)
            if req.headers.get("If-None-Match") == etag:
                req.send_response(304)
                req.send_header("ETag", etag)
                req.send_header("Content-Length", "0")
                req.end_headers()
                return
            req.send_response(200)
            req.send_header("Content-Type", "application/pdf")
            req.send_header("ETag", etag)
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if req.command != "HEAD":
                req.wfile.write(body)

        urls.append(site.add_handler(path, handler))
    items = "\n".join(f'<li><a href="{u}">{name}</a></li>'
                      for u, name in zip(urls, COUNTRIES, strict=False))
    page = (f"<html><head><title>Dialogue 2015</title></head><body><h1>Dialogue</h1>"
            f"<p>On 8 September 2015 the General Assembly held its dialogue.</p>"
            f"<ul>{items}</ul></body></html>")
    page_url = site.add("/dialogue-2015.html", page, content_type="text/html")
    return server, site, urls, page_url


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def stats(values: list[float]) -> str:
    return (f"{statistics.median(values):.2f} s (min {min(values):.2f}, "
            f"max {max(values):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=80)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()

    import requests

    server, site, urls, page_url = serve(args.docs, args.latency)
    r2p = [sys.executable, "-m", "r2p_archive"]
    env = {**os.environ, "R2P_WAYBACK_URL": "http://127.0.0.1:1"}
    rows = {"sequential": [], "first": [], "again": [], "refresh": []}
    bodies_again = []
    max_in_flight = 0
    try:
        for _ in range(args.runs):
            with requests.Session() as s:
                rows["sequential"].append(timed(lambda s=s: [s.get(u).content for u in urls]))
            tmp = Path(tempfile.mkdtemp(prefix="r2p-bench-fetch-"))
            cmd = r2p + ["--archive", str(tmp), "fetch", page_url, "--quiet", "--json"]
            site.max_in_flight = 0
            rows["first"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd, check=True, env=env, stdout=subprocess.DEVNULL)))
            max_in_flight = max(max_in_flight, site.max_in_flight)
            before = sum(1 for r in site.log if r.path.endswith(".pdf"))
            rows["again"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd, check=True, env=env, stdout=subprocess.DEVNULL)))
            bodies_again.append(sum(1 for r in site.log if r.path.endswith(".pdf")) - before)
            rows["refresh"].append(timed(lambda cmd=cmd: subprocess.run(
                cmd + ["--refresh"], check=True, env=env, stdout=subprocess.DEVNULL)))
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        server.close()

    seq = statistics.median(rows["sequential"])
    first = statistics.median(rows["first"])
    again = statistics.median(rows["again"])
    refresh = statistics.median(rows["refresh"])
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.docs} PDF documents on one local host, {args.latency * 1000:.0f} ms added to "
        f"every response, {args.runs} runs.",
        "",
        "| measurement | time | ratio |",
        "|---|---|---|",
        f"| sequential download (loop of GETs) | {stats(rows['sequential'])} | 1 |",
        f"| `r2p fetch`, empty archive (download + extract + index) | {stats(rows['first'])} "
        f"| {first / seq:.2f} of sequential |",
        f"| `r2p fetch` again, nothing changed | {stats(rows['again'])} "
        f"| {again / first:.1%} of first run |",
        f"| `r2p fetch --refresh` (conditional requests, all 304) | {stats(rows['refresh'])} "
        f"| {refresh / first:.1%} of first run |",
        "",
        f"Most requests in flight to the host: {max_in_flight} (limit 4). "
        f"Document bodies requested by the re-run: {max(bodies_again)}.",
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n")


if __name__ == "__main__":
    main()
