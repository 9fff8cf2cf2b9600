"""#12 item 1 (read-only archives) and item 3 (no command but fetch creates an archive).

Tests run as root, where `chmod -R a-w` does not stop writes.  So the archive is made truly
read-only with a read-only bind mount in a private mount namespace (`unshare -m`, then
`mount -o remount,ro,bind`); every command runs in a subprocess inside it.  Where that is not
permitted, the read-only tests are skipped (the skip says why).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from archive_factory import CORPUS, build_corpus
from click.testing import CliRunner

from r2p_archive.cli import cli

SRC = str(Path(__file__).resolve().parents[1] / "src")
_SCRIPT = 'mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && shift 2 && exec "$@"'


def _ro(src: Path, mnt: Path, *cmd: str) -> subprocess.CompletedProcess:
    mnt.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"}
    return subprocess.run(["unshare", "-m", "sh", "-c", _SCRIPT, "sh", str(src), str(mnt), *cmd],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def ro_ok(tmp_path_factory):
    if shutil.which("unshare") is None:
        pytest.skip("no unshare: cannot make a read-only bind mount")
    d = tmp_path_factory.mktemp("probe")
    (d / "a").mkdir()
    res = _ro(d / "a", d / "b", "sh", "-c", f"touch {d / 'b' / 'x'}")
    if "Read-only file system" not in res.stderr:
        pytest.skip(f"read-only bind mounts not permitted here: {res.stderr.strip()[:100]}")


@pytest.fixture
def ro_archive(ro_ok, tmp_path):
    arc, recs = build_corpus(tmp_path / "arc")
    mnt = tmp_path / "ro"

    def r2p(*args: str) -> subprocess.CompletedProcess:
        return _ro(arc.root, mnt, sys.executable, "-m", "r2p_archive", "--archive", str(mnt),
                   *args)

    return arc, recs, mnt, r2p


def test_reading_commands_work_on_a_read_only_archive(ro_archive):
    arc, recs, mnt, r2p = ro_archive
    listed = r2p("list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == len(CORPUS)
    found = r2p("search", "veto", "--json")
    assert found.returncode == 0, found.stderr
    assert {h["speaker"] for h in json.loads(found.stdout)} == {"Brazil", "France"}
    shown = r2p("show", recs[2].id)
    assert shown.returncode == 0 and "La France soutient" in shown.stdout, shown.stderr
    exported = r2p("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert len(list(csv.reader(io.StringIO(exported.stdout)))) == len(CORPUS) + 1  # + header
    info = r2p("info", "--json")
    assert json.loads(info.stdout)["read_only"] is True


def test_writing_commands_say_read_only_in_one_line(ro_archive):
    arc, recs, mnt, r2p = ro_archive
    for args in (["reindex"], ["verify", "--fix"], ["rm", recs[0].id],
                 ["fetch", str(arc.root / "nothing.html")]):
        res = r2p(*args)
        assert res.returncode == 2, (args, res.stderr)
        assert res.stderr == (f"r2p: error: the archive at {mnt} is read-only; list, search, "
                              "show and export work, commands that write do not\n"), args


def test_verify_of_a_read_only_archive_does_not_call_the_index_damaged(ro_archive):
    arc, recs, mnt, r2p = ro_archive
    res = r2p("verify")
    assert (res.returncode, res.stdout) == (
        0, f"{len(CORPUS)} statements checked: all files and the index agree.\n"), res.stderr


def test_the_pandas_recipe_of_the_schema_works_on_a_read_only_copy(ro_archive):
    arc, recs, mnt, r2p = ro_archive
    doc = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text("utf-8")
    uri = re.search(r'sqlite3\.connect\("(file:[^"]+)", uri=True\)', doc).group(1)
    code = (f"import sqlite3; con = sqlite3.connect({uri.replace('/path/to/archive', str(mnt))!r}"
            ", uri=True); print(con.execute(\"SELECT count(*) FROM statements WHERE status = "
            "'ok'\").fetchone()[0])")
    res = _ro(arc.root, mnt, sys.executable, "-c", code)
    assert (res.returncode, res.stdout.strip()) == (0, str(sum(1 for s in CORPUS if s.text))), \
        res.stderr


# -- item 3: only fetch creates an archive ---------------------------------------------------
@pytest.mark.parametrize("args", [["verify", "--fix"], ["verify"], ["reindex"], ["list"],
                                  ["search", "veto"], ["rm", "--year", "2013"], ["info"],
                                  ["ocr"], ["export", "--format", "csv"]])
def test_no_command_but_fetch_creates_an_archive(tmp_path, args):
    typo = tmp_path / "archvie"
    res = CliRunner().invoke(cli, ["--archive", str(typo), *args])
    assert "Traceback" not in res.output
    assert not typo.exists(), args


def test_reindex_refuses_a_folder_without_statements(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"x")
    res = CliRunner().invoke(cli, ["--archive", str(folder), "reindex"])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"r2p: error: {folder} holds no statement")
    assert sorted(p.name for p in folder.iterdir()) == ["cat.jpg"]


def test_read_only_check_by_simulation(tmp_path, monkeypatch):
    """The same refusal without a mount: `os.access` says the folder is not writable."""
    arc, recs = build_corpus(tmp_path / "arc")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK
                        else real(p, mode, **kw))
    res = CliRunner().invoke(cli, ["--archive", str(arc.root), "rm", recs[0].id])
    assert (res.exit_code, res.stderr) == (2, f"r2p: error: the archive at {arc.root} is "
                                              "read-only; list, search, show and export work, "
                                              "commands that write do not\n")
    with sqlite3.connect(arc.index_path) as con:
        assert con.execute("SELECT count(*) FROM statements").fetchone()[0] == len(CORPUS)
