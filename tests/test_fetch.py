"""The fetch stage end to end against local fixture hosts: storage, statuses, re-runs."""

from __future__ import annotations

import hashlib
import json

import pytest
from wayback_support import wayback_site

from r2p_archive.download import Http, HttpConfig
from r2p_archive.fetch import FetchOptions, Reporter, SourceResult, run
from r2p_archive.models import PlannedStatement
from r2p_archive.storage import Archive

pytest.importorskip("reportlab")


def pdf_bytes(*paragraphs: str) -> bytes:
    """A small real PDF whose text is ``paragraphs``."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 780
    for para in paragraphs:
        c.drawString(72, y, para)
        y -= 40
    c.showPage()
    c.save()
    return buf.getvalue()


ERROR_PAGE = b"<html><head><title>404 Page not found</title></head><body>Sorry</body></html>"


def plan(year, speaker, kind="state", iso3=None, url=None, langs=(), note=None):
    return PlannedStatement(year, speaker, kind, iso3, tuple(langs), url, note, "fixture")


def http_for(wb=None, **kw) -> Http:
    kw.setdefault("timeout", 3)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("retries", 1)
    return Http(HttpConfig(wayback_base=wb.url("") if wb else None, **kw))


class Recorder(Reporter):
    def __init__(self):
        self.events = []

    def done(self, rec, action):
        self.events.append((rec.speaker, action))


@pytest.fixture
def world(sites):
    """A dialogue on two hosts: good PDFs, a dead link with a capture, failures."""
    docs, mission = sites.site(), sites.site()
    urls = {
        "BRA": docs.add("/2014/brazil.pdf",
                        pdf_bytes("Brazil supports the prevention of atrocity crimes and early warning in every region."),
                        content_type="application/pdf"),
        "GHA": docs.add("/2014/ghana.pdf", pdf_bytes("Ghana recalls that every State has the duty to protect its own population from harm."),
                        content_type="application/pdf"),
        "ESP": docs.add("/2014/espana.pdf",
                        pdf_bytes("La responsabilidad de proteger exige una prevención temprana y decidida en cada país."),
                        content_type="application/pdf"),
        "PER": docs.add("/2014/peru.pdf", b"gone", status=404),
        "CHL": docs.add("/2014/chile.pdf", b"gone", status=404),
        "MEX": docs.add("/2014/mexico.pdf", ERROR_PAGE, content_type="text/html"),
    }
    wb = wayback_site(sites, {urls["PER"]: pdf_bytes("Peru speaks from the archive about national mechanisms for the prevention of crimes.")})
    plans = [
        plan(2014, "Brazil", iso3="BRA", url=urls["BRA"]),
        plan(2014, "Ghana", iso3="GHA", url=urls["GHA"]),
        plan(2014, "Spain", iso3="ESP", url=urls["ESP"], langs=["es"]),
        plan(2014, "Peru", iso3="PER", url=urls["PER"]),
        plan(2014, "Chile", iso3="CHL", url=urls["CHL"]),
        plan(2014, "Mexico", iso3="MEX", url=urls["MEX"]),
        plan(2014, "Dr. Ada Example, Special Adviser", "un_official",
             note="prepared statement, but did not speak"),
    ]
    return {"docs": docs, "mission": mission, "wb": wb, "urls": urls, "plans": plans}


def fetch(archive, plans, wb, **opts):
    opts.setdefault("jobs", 1)
    http = http_for(wb)
    try:
        return run(archive, [SourceResult("fixture", 2014, plans)], FetchOptions(**opts),
                   Recorder(), http=http)
    finally:
        http.close()


def test_first_run_stores_everything_it_can(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    report = fetch(archive, world["plans"], world["wb"])
    got = {r.speaker: (r.status, r.error, r.dir) for r in report.records}
    assert got == {
        "Brazil": ("ok", None, "2014/BRA/en"),
        "Ghana": ("ok", None, "2014/GHA/en"),
        "Spain": ("ok", None, "2014/ESP/es"),
        "Peru": ("ok", None, "2014/PER/en"),
        "Chile": ("failed", "HTTP 404 and no Wayback capture", "2014/CHL/und"),
        "Mexico": ("failed", "expected a document, got an error page and no Wayback capture",
                   "2014/MEX/und"),
        "Dr. Ada Example, Special Adviser": ("no_link", None,
                                             "2014/dr-ada-example-special-adviser/und"),
    }
    assert report.exit_code == 1
    assert report.counts() == {"ok": 4, "failed": 2, "no_link": 1, "skipped": 0}

    brazil = archive.root / "2014/BRA/en"
    assert sorted(p.name for p in brazil.iterdir()) == [
        "statement.json", "statement.pdf", "statement.txt"]
    assert (brazil / "statement.txt").read_text() == (
        "Brazil supports the prevention of atrocity crimes and early warning in every region.\n")
    side = json.loads((brazil / "statement.json").read_text())
    assert side["speaker"] == "Brazil"
    assert side["iso3"] == "BRA"
    assert side["country"] == "Brazil"
    assert side["status"] == "ok"
    assert side["kind"] == "pdf"
    assert side["http_status"] == 200
    assert side["content_type"] == "application/pdf"
    assert side["size"] == (brazil / "statement.pdf").stat().st_size
    assert side["sha256"] == hashlib.sha256((brazil / "statement.pdf").read_bytes()).hexdigest()
    assert side["url"] == side["final_url"] == world["urls"]["BRA"]
    assert side["language"] == "en"

    peru = json.loads((archive.root / "2014/PER/en/statement.json").read_text())
    assert peru["wayback_timestamp"] == "20140102030405"
    assert peru["wayback_url"] == world["wb"].url(
        f"/web/20140102030405id_/{world['urls']['PER']}")
    # no temp or partial file anywhere
    assert not list(archive.root.rglob("*.part"))


def test_second_run_downloads_no_body_and_retries_failures(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    fetch(archive, world["plans"], world["wb"])
    docs = world["docs"]
    before = {p: docs.count(p) for p in ("/2014/brazil.pdf", "/2014/chile.pdf")}
    mtime = (archive.root / "2014/BRA/en/statement.txt").stat().st_mtime_ns
    report = fetch(archive, world["plans"], world["wb"])
    assert docs.count("/2014/brazil.pdf") == before["/2014/brazil.pdf"]  # not requested
    assert docs.count("/2014/chile.pdf") > before["/2014/chile.pdf"]  # failed: retried
    assert report.actions[world["plans"][0].id] == "skipped"
    assert (archive.root / "2014/BRA/en/statement.txt").stat().st_mtime_ns == mtime
    assert sorted(p.relative_to(archive.root).as_posix()
                  for p in archive.root.glob("2014/*/*")) == [
        "2014/BRA/en", "2014/CHL/und", "2014/ESP/es", "2014/GHA/en", "2014/MEX/und",
        "2014/PER/en", "2014/dr-ada-example-special-adviser/und"]


def test_failed_link_that_comes_back_is_stored_on_the_next_run(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    fetch(archive, world["plans"], world["wb"])
    world["docs"].add("/2014/chile.pdf", pdf_bytes("Chile is back online and repeats its call for a regional network on prevention."))
    report = fetch(archive, world["plans"], world["wb"])
    chile = next(r for r in report.records if r.speaker == "Chile")
    assert (chile.status, chile.error, chile.dir) == ("ok", None, "2014/CHL/en")
    assert not (archive.root / "2014/CHL/und").exists()


def test_refresh_uses_conditional_requests_and_rewrites_nothing(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    docs = world["docs"]
    body = pdf_bytes("Ireland asks the Council for early action whenever populations are at risk of atrocities.")

    url = docs.add("/2014/ireland.pdf", body, headers={"ETag": '"ie1"'})
    plans = [plan(2014, "Ireland", iso3="IRL", url=url)]
    fetch(archive, plans, world["wb"])
    stamp = {p.name: p.stat().st_mtime_ns for p in (archive.root / "2014/IRL/en").iterdir()}
    report = fetch(archive, plans, world["wb"], refresh=True)
    assert report.actions[plans[0].id] == "not_modified"
    (first, second) = docs.requests_to("/2014/ireland.pdf")
    assert "If-None-Match" not in first.headers
    assert second.headers["If-None-Match"] == '"ie1"'
    assert stamp == {p.name: p.stat().st_mtime_ns
                     for p in (archive.root / "2014/IRL/en").iterdir()}


def test_refresh_with_changed_document_replaces_it(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    docs = world["docs"]
    url = docs.add("/2014/kenya.pdf", pdf_bytes("Kenya version one: national committees prevent violence before elections."))
    plans = [plan(2014, "Kenya", iso3="KEN", url=url)]
    fetch(archive, plans, world["wb"])
    docs.add("/2014/kenya.pdf", pdf_bytes("Kenya version two, corrected: national committees prevent violence before elections."))
    report = fetch(archive, plans, world["wb"], refresh=True)
    assert report.actions[plans[0].id] == "downloaded"
    assert (archive.root / "2014/KEN/en/statement.txt").read_text() == (
        "Kenya version two, corrected: national committees prevent violence before elections.\n")


def test_ocr_option_without_ocr_installed_fails_before_downloading(world, tmp_path,
                                                                   monkeypatch):
    from r2p_archive.errors import UnusableInput

    monkeypatch.setenv("PATH", "/nonexistent")
    docs = world["docs"]
    url = docs.add("/2014/kenya.pdf", pdf_bytes("Kenya: national committees prevent violence."))
    with pytest.raises(UnusableInput, match="OCR needs ocrmypdf and tesseract"):
        fetch(Archive(tmp_path / "arc"), [plan(2014, "Kenya", iso3="KEN", url=url)],
              world["wb"], ocr=True)
    assert docs.requests_to("/2014/kenya.pdf") == []
    assert not (tmp_path / "arc").exists()


class _Kill(BaseException):
    """Stands for SIGKILL at one write."""


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_refresh_killed_at_any_sidecar_write_is_completed_by_the_next_fetch(world, tmp_path,
                                                                          monkeypatch, kind):
    """A refresh that replaces a document, killed before any sidecar write (the first write
    lets go of the old original, the second names the new one, the third records its text):
    the archive is consistent, and the next fetch, without --refresh, keeps the old version
    (killed before the refresh changed anything) or completes the new one.  "docx": the new
    document is of another kind, so the old original has another name and must go."""
    from docgen import make_docx

    from r2p_archive.verify import verify

    docs = world["docs"]
    one = "Kenya version one: national committees prevent violence before elections."
    two = "Kenya version two, corrected: national committees prevent violence before elections."
    url = docs.add("/2014/kenya", pdf_bytes(one), content_type="application/pdf")
    plans = [plan(2014, "Kenya", iso3="KEN", url=url)]
    second = (pdf_bytes(two), "application/pdf") if kind == "pdf" else (
        make_docx([two]), "application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document")
    real, calls = Archive.save, {"n": 0, "at": 0}

    def save(self, rec):
        calls["n"] += 1
        if calls["n"] == calls["at"]:
            raise _Kill()
        return real(self, rec)

    monkeypatch.setattr(Archive, "save", save)
    for k in range(1, 4):
        archive = Archive(tmp_path / f"arc-{k}")
        docs.add("/2014/kenya", pdf_bytes(one), content_type="application/pdf")
        fetch(archive, plans, world["wb"])
        docs.add("/2014/kenya", second[0], content_type=second[1])
        calls.update(n=0, at=k)
        with pytest.raises(_Kill):
            fetch(archive, plans, world["wb"], refresh=True)
        calls.update(at=0)
        problems = {p.problem for p in verify(archive).problems}
        assert problems <= {"not in the index", "index out of date"}, (k, problems)
        fetch(archive, plans, world["wb"])
        assert verify(archive).problems == [], k
        (folder,) = [p for p in (archive.root / "2014/KEN").iterdir()]
        assert (folder / "statement.txt").read_text() == (one if k == 1 else two) + "\n", k
        assert sorted(p.name for p in folder.iterdir()) == sorted([
            "statement.json", f"statement.{'pdf' if k == 1 else kind}", "statement.txt"]), k


def test_two_statements_with_the_same_path_are_both_kept(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    docs = world["docs"]
    a = docs.add("/a/norway-1.pdf", pdf_bytes("Norway, first statement: prevention starts with inclusive institutions at home."))
    b = docs.add("/a/norway-2.pdf", pdf_bytes("Norway, second statement: the Nordic countries support the Special Adviser."))
    plans = [plan(2014, "Norway", iso3="NOR", url=a), plan(2014, "Norway", iso3="NOR", url=b)]
    report = fetch(archive, plans, world["wb"])
    # which of the two gets "en" depends on which extraction finishes first
    assert sorted(r.dir for r in report.records) == ["2014/NOR/en", "2014/NOR/en-2"]
    texts = {r.url: (archive.root / r.dir / "statement.txt").read_text() for r in report.records}
    assert texts == {
        a: "Norway, first statement: prevention starts with inclusive institutions at home.\n",
        b: "Norway, second statement: the Nordic countries support the Special Adviser.\n"}


def test_hostile_names_stay_inside_the_archive(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    docs = world["docs"]
    url = docs.add("/x.pdf", pdf_bytes("Hostile name test: this document must stay inside the archive folder at all times."))
    names = ["../../../../etc/passwd", "/etc/shadow", "a\x00b", "..", "C:\\Windows\\system32",
             "x" * 500, "ﬁ/../ıi"]
    plans = [plan(2014, n, "civil_society", url=url if i == 0 else None)
             for i, n in enumerate(names)]
    fetch(archive, plans, world["wb"])
    inside = archive.root.resolve()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written, "something was written"
    for p in written:
        assert inside in p.resolve().parents
    dirs = sorted(p.relative_to(archive.root).as_posix() for p in archive.root.glob("2014/*"))
    assert dirs == ["2014/" + d for d in sorted([
        "etc-passwd", "etc-shadow", "a-b", "unknown", "c-windows-system32", "x" * 60, "fi-i"])]


def test_interrupted_run_resumes_without_duplicates(world, tmp_path):
    archive = Archive(tmp_path / "arc")

    class Interrupt(Recorder):
        def done(self, rec, action):
            super().done(rec, action)
            if len(self.events) == 2:
                raise KeyboardInterrupt

    http = http_for(world["wb"], concurrency=1)
    with pytest.raises(KeyboardInterrupt):
        run(archive, [SourceResult("fixture", 2014, world["plans"])],
            FetchOptions(jobs=1, concurrency=1), Interrupt(), http=http)
    assert not list(archive.root.rglob("*.part"))
    report = fetch(archive, world["plans"], world["wb"])
    assert sorted((r.speaker, r.status) for r in report.records) == [
        ("Brazil", "ok"), ("Chile", "failed"), ("Dr. Ada Example, Special Adviser", "no_link"),
        ("Ghana", "ok"), ("Mexico", "failed"), ("Peru", "ok"), ("Spain", "ok")]
    sidecars = sorted(p.parent.relative_to(archive.root).as_posix()
                      for p in archive.root.rglob("statement.json"))
    assert len(sidecars) == 7


def test_a_second_writer_is_refused(world, tmp_path, monkeypatch):
    from filelock import FileLock

    monkeypatch.setenv("R2P_LOCK_TIMEOUT", "0.1")

    from r2p_archive.storage import ArchiveError

    archive = Archive(tmp_path / "arc")
    archive.ensure()
    with FileLock(str(archive.lock_path)):
        with pytest.raises(ArchiveError) as err:
            fetch(archive, world["plans"], world["wb"])
    assert str(err.value) == (
        f"another r2p command is writing to {archive.root}; try again when it has finished")


def test_statement_folder_without_sidecar_is_cleaned_up(world, tmp_path):
    archive = Archive(tmp_path / "arc")
    stray = archive.root / "2014/BRA/en"
    stray.mkdir(parents=True)
    (stray / "statement.pdf").write_bytes(b"%PDF-half")
    fetch(archive, world["plans"][:1], world["wb"])
    assert sorted(p.name for p in stray.iterdir()) == [
        "statement.json", "statement.pdf", "statement.txt"]
    assert not (archive.root / "2014/BRA/en-2").exists()


def test_downloads_overlap_and_respect_the_per_host_limit(sites, tmp_path):
    """Measured on the server: several requests in flight at once, never more than 4 to a host."""
    from fixture_site import serve_dialogue

    one, two = sites.site(), sites.site()
    plans = []
    for host in (one, two):
        dialogue = serve_dialogue(host, 10, year=2015, latency=0.2)
        plans += [plan(2015, name, url=url) for name, url in dialogue.docs.items()]
    report = fetch(Archive(tmp_path / "arc"), plans, None, concurrency=8)
    # the two hosts serve the same documents for the same speakers: one statement each, the
    # second URL kept on it (#12 item 4)
    assert report.counts() == {"ok": 10, "duplicate": 10, "skipped": 0}
    assert (one.max_in_flight, two.max_in_flight) == (4, 4)


def test_page_is_decoded_by_the_charset_it_was_served_with(site, tmp_path):
    """A windows-1251 page without <meta charset>: the HTTP header decodes it, when it is
    read, when the server answers 304 and when the kept copy stands in for a dead page."""
    from siteserver import Response

    from r2p_archive.catalog import Catalog
    from r2p_archive.sources import plan_sources

    html = ("<html><body><h1>Dialogue</h1><p>On 6 September 2016 the dialogue took place.</p>"
            "<ul><li><a href='http://x.test/ghana.pdf'>Ghana</a></li>"
            "<li><a href='http://x.test/kenya.pdf'>Kenya</a></li>"
            "<li><a href='http://x.test/adviser.pdf'>Mr. Иван Шимонович, Special Adviser</a></li>"
            "<li><a href='http://x.test/peru.pdf'>Peru</a></li></ul></body></html>")
    served = "text/html; charset=windows-1251"
    url = site.add_sequence("/ru.html", [
        Response(html.encode("cp1251"), 200, {"Content-Type": served, "ETag": '"v1"'}),
        Response(b"", 304, {"ETag": '"v1"'})])
    archive = Archive(tmp_path / "arc")
    http = http_for()
    speakers = ["Ghana", "Kenya", "Mr. Иван Шимонович, Special Adviser", "Peru"]

    def planned():
        (result,) = plan_sources([url], catalog=Catalog(()), http=http, year=2016,
                                 archive=archive)
        assert result.error is None
        return [st.speaker for st in result.statements]

    try:
        assert planned() == speakers
        (meta,) = (archive.root / "pages").glob("*.json")
        assert json.loads(meta.read_text())["content_type"] == served
        assert planned() == speakers  # 304: the kept copy, decoded as it was served
        assert site.requests_to("/ru.html")[-1].headers["If-None-Match"] == '"v1"'
        site.add("/ru.html", "gone", status=404)
        assert planned() == speakers  # the page is gone: the kept copy
    finally:
        http.close()
