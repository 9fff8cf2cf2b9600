"""A fake Wayback Machine on a fixture host, for the download, fetch and CLI tests."""

from __future__ import annotations

import json


def wayback_site(sites, captures: dict[str, bytes]):
    """A fake Wayback Machine: availability API plus raw captures."""
    wb = sites.site()

    def available(req):
        from urllib.parse import parse_qs, urlsplit

        query = parse_qs(urlsplit(req.path).query)
        url = query["url"][0]
        closest = {}
        if url in captures:
            closest = {"closest": {"available": True, "status": "200", "timestamp": "20140102030405",
                                   "url": f"http://web.archive.org/web/20140102030405/{url}"}}
        data = json.dumps({"url": url, "archived_snapshots": closest}).encode()
        req.send_response(200)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    wb.add_handler("/wayback/available", available)
    for url, data in captures.items():
        wb.add(f"/web/20140102030405id_/{url}", data, content_type="application/pdf")
    return wb
