"""#12 item 10: docs/json.md lists every key the commands print, and no other (the way
sqlite-utils tests its documentation against its code)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from archive_factory import build_corpus
from click.testing import CliRunner
from recordgen import sample_record

from r2p_archive.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"


def documented() -> dict[str, set[str]]:
    """Section title -> the keys of its table."""
    out: dict[str, set[str]] = {}
    section = None
    for line in DOC.read_text("utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            out[section] = set()
        elif section and (m := re.match(r"\| `([a-z_0-9]+)` \|", line)):
            out[section].add(m.group(1))
    return out


def r2p(archive, *args, code=0):
    res = CliRunner().invoke(cli, ["--archive", str(archive), *args])
    assert res.exit_code == code, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    root = tmp_path_factory.mktemp("doc")
    arc, _ = build_corpus(root / "arc")
    keys: dict[str, set[str]] = {}
    statement = r2p(arc.root, "list", "--json")[0]
    keys["Statement"] = set(statement)
    assert set(r2p(arc.root, "show", statement["id"], "--json")[0]) == set(statement)
    keys["Search hit"] = set(r2p(arc.root, "search", "veto", "--json")[0]) - set(statement)
    keys["Count"] = set()
    for by in ("year", "country", "language"):
        for group in r2p(arc.root, "search", "veto", "--count-by", by, "--json"):
            keys["Count"] |= set(group)
    keys["Info"] = set(r2p(arc.root, "info", "--json"))
    report = r2p(arc.root, "verify", "--json")
    (arc.root / "2013/BRA/en/statement.txt").unlink()
    broken = r2p(arc.root, "verify", "--json", code=1)
    keys["Verify"] = set(report) | set(broken["problems"][0])
    keys["Reindex"] = set(r2p(arc.root, "reindex", "--json"))
    pdf = root / "record.pdf"
    pdf.write_bytes(sample_record("en")[0])
    fetched = r2p(root / "fetched", "fetch", str(pdf), "--json", "-q")
    keys["Fetch"] = (set(fetched) | (set(fetched["statements"][0]) - set(statement))
                     | set(fetched["sources"][0]))
    assert set(fetched["statements"][0]) - set(statement) == {"action"}
    return keys


@pytest.mark.parametrize("section", ["Statement", "Search hit", "Count", "Fetch", "Info",
                                     "Verify", "Reindex"])
def test_docs_and_code_agree(printed, section):
    doc = documented()[section]
    assert printed[section] - doc == set(), f"printed but not in docs/json.md ({section})"
    assert doc - printed[section] == set(), f"in docs/json.md but not printed ({section})"
