"""storage.py on its own: folder names, statement folders, kept records, atomic writes, the
writer lock's wait."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from r2p_archive.models import Record, Status
from r2p_archive.storage import (
    LOCK_TIMEOUT,
    SIDECAR,
    Archive,
    ArchiveError,
    atomic_write_bytes,
    atomic_write_text,
    lock_timeout,
    safe_lang,
    slugify,
    speaker_code,
)


@pytest.mark.parametrize("name, slug", [
    ("Côte d'Ivoire", "cote-d-ivoire"),
    ("  European Union ", "european-union"),
    ("Ñuñoa / São Tomé", "nunoa-sao-tome"),
    ("../../etc/passwd", "etc-passwd"),
    ("日本", "unknown"),
    ("", "unknown"),
    ("x" * 80, "x" * 60),
    ("A" * 59 + " b", "a" * 59),  # cut at 60, the trailing hyphen dropped
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_speaker_code_is_the_iso3_code_else_the_slug():
    assert [speaker_code("BRA", "Brazil"), speaker_code("bra", "Brazil"),
            speaker_code(None, "Holy See"), speaker_code("BRAZ", "Brazil")] == [
        "BRA", "brazil", "holy-see", "brazil"]


def test_safe_lang():
    assert [safe_lang(x) for x in ("en", "fra", "EN", "e", "english", None, "../x")] == [
        "en", "fra", "und", "und", "und", "und", "und"]


def test_allocate_dir_numbers_the_folders_of_a_second_statement(tmp_path):
    arc = Archive(tmp_path / "arc")
    assert [arc.allocate_dir(2014, "BRA", "en"), arc.allocate_dir(2014, "BRA", "en"),
            arc.allocate_dir(2014, "BRA", None), arc.allocate_dir(2014, "BRA", "en")] == [
        "2014/BRA/en", "2014/BRA/en-2", "2014/BRA/und", "2014/BRA/en-3"]
    assert sorted(p.name for p in (arc.root / "2014/BRA").iterdir()) == [
        "en", "en-2", "en-3", "und"]
    with pytest.raises(ArchiveError) as err:
        arc.allocate_dir(2014, "../../..", "en")
    assert str(err.value) == "refusing a path outside the archive: '2014/../../../en'"


def test_move_dir_moves_a_folder_to_its_language(tmp_path):
    arc = Archive(tmp_path / "arc")
    und = arc.allocate_dir(2015, "FRA", None)
    (arc.path_of(und) / "statement.pdf").write_bytes(b"%PDF")
    arc.allocate_dir(2015, "FRA", "fr")  # taken: the move goes to fr-2
    assert arc.move_dir(und, "fr") == "2015/FRA/fr-2"
    assert (arc.root / "2015/FRA/fr-2/statement.pdf").read_bytes() == b"%PDF"
    assert not (arc.root / "2015/FRA/und").exists()
    assert arc.move_dir("2015/FRA/fr-2", "fr") == "2015/FRA/fr-2"  # already there: unchanged


def test_store_record_writes_once_and_returns_path_and_checksum(tmp_path):
    arc = Archive(tmp_path / "arc")
    data = b"%PDF-1.4 record"
    sha = hashlib.sha256(data).hexdigest()
    assert arc.store_record("A/76/PV.102", "en", data) == ("records/A_76_PV.102/en.pdf", sha)
    path = arc.root / "records/A_76_PV.102/en.pdf"
    os.utime(path, (1, 1))
    assert arc.store_record("A/76/PV.102", "en", data) == ("records/A_76_PV.102/en.pdf", sha)
    assert path.stat().st_mtime == 1  # the same bytes are not written again
    new = data + b" corrected"
    assert arc.store_record("A/76/PV.102", "en", new) == (
        "records/A_76_PV.102/en.pdf", hashlib.sha256(new).hexdigest())
    assert path.read_bytes() == new
    assert arc.store_record("//", "../x", b"x")[0] == "records/record/und.pdf"


def test_atomic_writes_replace_the_file_and_leave_no_part_file(tmp_path):
    target = tmp_path / "sub" / "statement.txt"
    atomic_write_text(target, "première version\n")
    assert target.read_bytes() == "première version\n".encode()
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["statement.txt"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "statement.txt"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.txt"]


def test_save_and_load_a_record(tmp_path):
    arc = Archive(tmp_path / "arc")
    rec = Record(id="abc1234567", year=2014, speaker="Brazil", speaker_type="state",
                 iso3="BRA", status=Status.OK)
    rec.dir = arc.allocate_dir(2014, "BRA", "en")
    arc.save(rec)
    sidecar = json.loads((arc.root / "2014/BRA/en" / SIDECAR).read_text(encoding="utf-8"))
    assert (sidecar["id"], sidecar["status"], "dir" in sidecar) == ("abc1234567", "ok", False)
    loaded = arc.load("2014/BRA/en")
    assert (loaded, loaded.status) == (rec, "ok")
    assert [r.id for r in arc.iter_records()] == ["abc1234567"]


@pytest.mark.parametrize("value, seconds", [
    (None, LOCK_TIMEOUT), ("", LOCK_TIMEOUT), ("0.25", 0.25), (" 3 ", 3.0), ("0", 0.0)])
def test_lock_timeout_from_the_environment(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("R2P_LOCK_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("R2P_LOCK_TIMEOUT", value)
    assert lock_timeout() == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_lock_timeout_is_refused(monkeypatch, value):
    monkeypatch.setenv("R2P_LOCK_TIMEOUT", value)
    with pytest.raises(ArchiveError) as err:
        lock_timeout()
    assert str(err.value) == f"R2P_LOCK_TIMEOUT must be a number of seconds, not {value!r}"
