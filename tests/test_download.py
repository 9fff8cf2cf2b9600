"""The HTTP layer against a real local server: retries, limits, redirects, Wayback."""

from __future__ import annotations

import gzip
import threading
import zlib
from pathlib import Path

import pytest
from siteserver import Response, closed_port
from wayback_support import wayback_site

from r2p_archive.download import USER_AGENT, DownloadError, Http, HttpConfig

PDF = b"%PDF-1.4\n" + b"x" * 2000 + b"\n%%EOF\n"


def make_http(**kw) -> Http:
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 5)
    return Http(HttpConfig(**kw))


def body(got) -> bytes:
    data = got.path.read_bytes()
    got.discard()
    return data


def test_plain_download_sends_user_agent(site, tmp_path):
    url = site.add("/a.pdf", PDF, content_type="application/pdf", headers={"ETag": '"v1"'})
    got = make_http().download(url, tmp_path)
    assert (got.status, got.size, got.etag, got.content_type) == (
        200, len(PDF), '"v1"', "application/pdf")
    assert body(got) == PDF
    assert site.log[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("r2p-archive/0.1.0")


def test_500_twice_then_200_succeeds(site, tmp_path):
    url = site.add_sequence("/flaky.pdf", [Response(b"no", 500), Response(b"no", 503),
                                           Response(PDF, 200)])
    got = make_http().download(url, tmp_path)
    assert body(got) == PDF
    assert site.count("/flaky.pdf") == 3


def test_persistent_500_fails_with_reason(site, tmp_path):
    url = site.add("/broken.pdf", b"oops", status=500)
    with pytest.raises(DownloadError) as err:
        make_http(retries=2).download(url, tmp_path)
    assert str(err.value) == "HTTP 500 after 2 retries"
    assert site.count("/broken.pdf") == 3


def test_429_retry_after_is_honoured(site, tmp_path):
    url = site.add_sequence("/busy.pdf", [Response(b"slow down", 429, {"Retry-After": "1"}),
                                          Response(PDF)])
    got = make_http().download(url, tmp_path)
    assert body(got) == PDF
    first, second = site.requests_to("/busy.pdf")
    assert second.started - first.started >= 0.95


def test_hanging_server_is_cut_off_by_timeout(site, tmp_path):
    url = site.add("/hang.pdf", PDF, delay=30)
    with pytest.raises(DownloadError) as err:
        make_http(timeout=0.5, retries=1).download(url, tmp_path)
    assert str(err.value) == "timeout after 0.5 s"


def test_body_that_stalls_is_cut_off(site, tmp_path):
    url = site.add("/stall.pdf", PDF, hang_after=100, hang_for=30)
    with pytest.raises(DownloadError) as err:
        make_http(timeout=0.5, retries=0).download(url, tmp_path)
    assert str(err.value) == "timeout after 0.5 s while reading"
    assert list(tmp_path.iterdir()) == []  # no partial file left behind


def test_redirects_are_followed_and_recorded(site, tmp_path):
    site.add("/new.pdf", PDF)
    url = site.add("/old.pdf", status=301, headers={"Location": "/new.pdf"})
    got = make_http().download(url, tmp_path)
    assert (got.url, got.final_url) == (url, site.url("/new.pdf"))
    assert body(got) == PDF


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.test/a.pdf",
                                    "javascript:alert(1)", "data:text/plain,hi"])
def test_redirect_to_a_non_http_scheme_is_refused(site, tmp_path, target):
    url = site.add("/evil.pdf", status=302, headers={"Location": target})
    with pytest.raises(DownloadError) as err:
        make_http().download(url, tmp_path)
    scheme = target.split(":")[0]
    assert str(err.value) == f"refused a non-http(s) URL ({scheme} scheme)"


def test_redirect_loop_is_detected(site, tmp_path):
    site.add("/b", status=302, headers={"Location": "/a"})
    url = site.add("/a", status=302, headers={"Location": "/b"})
    with pytest.raises(DownloadError) as err:
        make_http().download(url, tmp_path)
    assert str(err.value) == "redirect loop"


def test_too_many_redirects(site, tmp_path):
    for i in range(15):
        site.add(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(DownloadError) as err:
        make_http(max_redirects=5).download(site.url("/r0"), tmp_path)
    assert str(err.value) == "too many redirects (more than 5)"


def test_oversized_body_is_stopped_while_streaming(site, tmp_path):
    big = b"%PDF-1.4\n" + b"0" * 300_000
    # announced size too large: refused before reading
    url = site.add("/big.pdf", big)
    with pytest.raises(DownloadError) as err:
        make_http(max_bytes=100_000).download(url, tmp_path)
    assert str(err.value) == "too large: 300,009 bytes announced, limit 100,000"

    # no honest Content-Length: stopped once the limit is passed
    def chunked(req):
        req.send_response(200)
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        for _ in range(40):
            chunk = b"0" * 10_000
            req.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        req.wfile.write(b"0\r\n\r\n")

    url = site.add_handler("/chunked.pdf", chunked)
    with pytest.raises(DownloadError) as err:
        make_http(max_bytes=100_000).download(url, tmp_path)
    assert str(err.value) == "too large: more than 100,000 bytes"
    assert list(tmp_path.iterdir()) == []


def test_truncated_body_is_a_failure(site, tmp_path):
    url = site.add("/short.pdf", PDF, content_length=len(PDF) + 500)
    with pytest.raises(DownloadError) as err:
        make_http(retries=0).download(url, tmp_path)
    assert str(err.value) == "body cut short: fewer bytes than the 2,516 announced"


def test_corrupt_gzip_body_is_a_failure(site, tmp_path):
    bad = gzip.compress(PDF)[:-20] + b"garbage!" * 3
    url = site.add("/gz.pdf", bad, headers={"Content-Encoding": "gzip"})
    with pytest.raises(DownloadError) as err:
        make_http(retries=0).download(url, tmp_path)
    assert str(err.value) == "corrupt compressed body"


@pytest.mark.parametrize("encoding, data", [
    ("gzip", gzip.compress(PDF)[:-30]),  # the stream just stops: no decoding error
    ("deflate", zlib.compress(PDF)[:-30]),
    ("gzip", gzip.compress(PDF[:1000]) + gzip.compress(PDF[1000:])[:-5]),  # second member
])
def test_compressed_body_cut_short_is_a_failure(site, tmp_path, encoding, data):
    url = site.add("/cut.pdf", data, headers={"Content-Encoding": encoding})
    with pytest.raises(DownloadError) as err:
        make_http(retries=0).download(url, tmp_path)
    assert str(err.value) == "corrupt compressed body"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("tail", [b"", b"\n", b"\x1f\x8b"])
def test_whole_gzip_members_decode_and_stray_bytes_after_them_are_ignored(site, tmp_path, tail):
    body = gzip.compress(PDF[:1000]) + gzip.compress(PDF[1000:]) + tail
    url = site.add(f"/two{len(tail)}.pdf", body, headers={"Content-Encoding": "gzip"})
    got = make_http(retries=0).download(url, tmp_path)
    assert got.path is not None and got.path.read_bytes() == PDF


def test_a_decompression_bomb_stops_at_the_size_limit(site, tmp_path):
    bomb = gzip.compress(b"\0" * 50_000_000)  # 49 KB that decode to 50 MB
    url = site.add("/bomb.pdf", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(DownloadError) as err:
        make_http(retries=0, max_bytes=1024 * 1024).download(url, tmp_path)
    assert str(err.value) == "too large: more than 1,048,576 bytes"
    assert list(tmp_path.iterdir()) == []


def _raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return obj.compress(data) + obj.flush()


@pytest.mark.parametrize("encoding, data", [
    ("gzip", gzip.compress(PDF[:1000]) + gzip.compress(PDF[1000:])),  # two members
    ("gzip", gzip.compress(PDF) + b"\0" * 16),  # padding after the member is ignored
    ("x-gzip", gzip.compress(PDF)),
    ("deflate", zlib.compress(PDF)),
    ("deflate", _raw_deflate(PDF)),  # raw deflate under "deflate", as some servers send it
])
def test_compressed_bodies_are_decoded(site, tmp_path, encoding, data):
    url = site.add("/z.pdf", data, headers={"Content-Encoding": encoding})
    got = make_http(retries=0).download(url, tmp_path)
    assert (got.size, body(got)) == (len(PDF), PDF)


def test_connection_refused_is_dead(tmp_path):
    with pytest.raises(DownloadError) as err:
        make_http(retries=0, wayback=False).download(
            f"http://127.0.0.1:{closed_port()}/a.pdf", tmp_path)
    assert err.value.dead
    assert str(err.value) == "host unreachable: connection refused"


def test_conditional_request_gives_not_modified(site, tmp_path):
    url = site.add("/c.pdf", PDF, headers={"ETag": '"v1"'})
    http = make_http()
    first = http.download(url, tmp_path)
    assert first.etag == '"v1"'
    first.discard()
    again = http.download(url, tmp_path, etag='"v1"')
    assert (again.not_modified, again.path, again.status) == (True, None, 304)


def test_dead_link_recovered_from_wayback(sites, tmp_path):
    origin = sites.site()
    url = origin.add("/gone.pdf", b"missing", status=404)
    wb = wayback_site(sites, {url: PDF})
    http = make_http(wayback_base=wb.url(""))
    got = http.download_or_wayback(url, tmp_path, year=2014)
    assert got.wayback_url == wb.url(f"/web/20140102030405id_/{url}")
    assert got.wayback_timestamp == "20140102030405"
    assert got.url == url
    assert body(got) == PDF
    (lookup,) = wb.requests_to("/wayback/available")
    assert lookup.path.endswith("&timestamp=2014")


def test_dead_link_without_capture_fails_with_reason(sites, tmp_path):
    origin = sites.site()
    url = origin.add("/gone.pdf", b"missing", status=410)
    wb = wayback_site(sites, {})
    with pytest.raises(DownloadError) as err:
        make_http(wayback_base=wb.url("")).download_or_wayback(url, tmp_path, year=2014)
    assert str(err.value) == "HTTP 410 and no Wayback capture"


def test_no_wayback_option_skips_lookup(sites, tmp_path):
    origin = sites.site()
    url = origin.add("/gone.pdf", b"missing", status=404)
    wb = wayback_site(sites, {url: PDF})
    with pytest.raises(DownloadError) as err:
        make_http(wayback_base=wb.url(""), wayback=False).download_or_wayback(
            url, tmp_path, year=2014)
    assert str(err.value) == "HTTP 404"
    assert wb.count() == 0


def test_per_host_limit_and_overlap(sites, tmp_path):
    """Eight downloads at once: at most four reach one host, and they really overlap."""
    a, b = sites.site(), sites.site()
    urls = [a.add(f"/a{i}.pdf", PDF, delay=0.3) for i in range(8)]
    urls += [b.add(f"/b{i}.pdf", PDF, delay=0.3) for i in range(4)]
    http = make_http(concurrency=8, per_host=4)
    results = []

    def get(url):
        results.append(http.download(url, tmp_path))

    threads = [threading.Thread(target=get, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 12
    assert a.max_in_flight == 4
    assert b.max_in_flight == 4
    for got in results:
        got.discard()
    # Overlap, measured from the server's own log: some requests were in flight together.
    spans = sorted((r.started, r.finished) for r in a.log)
    assert any(s2 < f1 for (_, f1), (s2, _) in zip(spans, spans[1:], strict=False))


def test_temp_files_stay_in_tmp_dir(site, tmp_path):
    url = site.add("/x.pdf", PDF)
    got = make_http().download(url, tmp_path / "t")
    assert got.path.parent == tmp_path / "t"
    assert Path(got.path).name.endswith(".part")
    got.discard()


def test_wayback_out_of_reach_is_said_so(site, tmp_path):
    url = site.add("/gone.pdf", b"missing", status=404)
    wayback = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(DownloadError) as err:
        make_http(wayback_base=wayback, retries=0).download_or_wayback(url, tmp_path, year=2014)
    assert str(err.value) == (
        "HTTP 404; Wayback Machine unreachable: host unreachable: connection refused")


def test_wayback_answering_an_error_is_said_so(sites, tmp_path):
    origin, wb = sites.site(), sites.site()
    url = origin.add("/gone.pdf", b"missing", status=404)
    wb.add("/wayback/available", b"down for maintenance", status=503)
    with pytest.raises(DownloadError) as err:
        make_http(wayback_base=wb.url(""), retries=0).download_or_wayback(url, tmp_path, year=1)
    assert str(err.value) == "HTTP 404; Wayback Machine answered HTTP 503"
