"""Global CLI behaviour: --version, --help on every command, `r2p info`, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from archive_factory import Spec, build
from click.testing import CliRunner

from r2p_archive.cli import cli

COMMANDS = sorted(cli.commands)


def test_every_command_is_there():
    assert COMMANDS == ["dialogues", "export", "fetch", "info", "list", "ocr", "reindex", "rm",
                        "search", "serve", "show", "verify"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_command(command):
    res = CliRunner().invoke(cli, [command, "--help"])
    assert res.exit_code == 0
    assert res.stdout.startswith(f"Usage: cli {command} [OPTIONS]")


def test_version():
    res = CliRunner().invoke(cli, ["--version"])
    assert (res.exit_code, res.stdout) == (0, "r2p, version 0.1.0\n")


def test_unknown_option_is_a_usage_error():
    res = CliRunner().invoke(cli, ["list", "--countri"])
    assert res.exit_code == 2
    assert res.stderr == ("r2p: error: No such option '--countri'. Did you mean '--country'? "
                          "(see `cli list --help`)\n")


@pytest.mark.parametrize("args", [["list", "--countri"], ["nosuch"], ["search"],
                                  ["list", "--status", "bla"], ["fetch", "--languages", "xx"]])
def test_usage_errors_are_one_line(args):
    """#12 item 8: Click's usage errors are one line `r2p: error: ...`, exit 2 (they were four
    lines: Usage, Try, blank, Error)."""
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2
    assert res.stderr.startswith("r2p: error: ") and res.stderr.count("\n") == 1, res.stderr
    assert "Usage:" not in res.stderr


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "r2p_archive", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout == "r2p, version 0.1.0\n"


def test_info_on_empty_and_filled_archive(tmp_path):
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path / "none"), "info", "--format", "table"])
    assert res.stdout == f"archive: {tmp_path / 'none'}\nstatus:  empty (run `r2p fetch`)\n"
    build(tmp_path / "a", [Spec(2013, "Brazil", "Brazil speaks.", iso3="BRA"),
                           Spec(2014, "Ghana", None, iso3="GHA")])
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "info", "--format", "table"])
    root = (tmp_path / "a").resolve()
    assert res.stdout == (f"archive: {root}\nindex:   {root / 'index.sqlite'}\n"
                          "holds:   2 statements, 2013–2014 (1 no_text, 1 ok)\n")


def test_archive_option_and_env_agree(tmp_path, monkeypatch):
    build(tmp_path / "a", [Spec(2013, "Brazil", "Brazil speaks.", iso3="BRA")])
    monkeypatch.setenv("R2P_ARCHIVE", str(tmp_path / "a"))
    via_env = CliRunner().invoke(cli, ["list", "--json"]).stdout
    monkeypatch.setenv("R2P_ARCHIVE", str(tmp_path / "elsewhere"))
    via_opt = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "list", "--json"]).stdout
    assert via_env == via_opt
    assert '"speaker": "Brazil"' in via_env


@pytest.mark.parametrize("args", [["export", "--format", "jsonl"], ["list"],
                                  ["list", "--format", "table"],
                                  ["search", "prevention", "--limit", "40"],
                                  ["search", "prevention", "--limit", "40", "--format", "table"]])
def test_a_reader_that_goes_away_is_not_an_error(tmp_path, args):
    """`r2p … | head -1`: exit 0 and nothing on stderr, though stdout broke mid-way."""
    text = "Prevention is the duty of every State. " * 400
    build(tmp_path / "a", [Spec(2015, f"Speaker {i}", text, "civil_society")
                           for i in range(40)])
    proc = subprocess.Popen([sys.executable, "-m", "r2p_archive", "--archive",
                             str(tmp_path / "a"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1`
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_reindex_of_a_missing_archive_is_refused(tmp_path):
    res = CliRunner().invoke(cli, ["--archive", str(tmp_path / "none"), "reindex"])
    assert res.exit_code == 2
    assert res.stderr == (f"r2p: error: no archive at {(tmp_path / 'none').resolve()}; "
                          "run `r2p fetch` first (only fetch creates an archive)\n")
    assert not (tmp_path / "none").exists()
