"""Query input: malformed and adversarial search strings are answered or refused in one line.

Queries are passed after ``--`` as a shell user would pass a query that starts with a dash
(without it, Click reads ``-veto`` as an option and prints its own usage error).
"""

from __future__ import annotations

import json

import pytest
from archive_factory import build_corpus
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_reliability_common import record_at_session_end

from r2p_archive.cli import cli

# (query, expected exit code, expected stderr line or the ids of the hits in order)
# Refusals carry their exact one-line message; answers carry the expected speakers.
REFUSED = {
    '"': 'r2p: error: unbalanced quote: the phrase " is not closed',
    '"veto': 'r2p: error: unbalanced quote: the phrase "veto is not closed',
    'veto "early warning': 'r2p: error: unbalanced quote: the phrase "early warning is not closed',
    '""': 'r2p: error: the quoted phrase "" has no words in it',
    '((veto)': 'r2p: error: unbalanced parentheses: a "(" is not closed',
    "veto))": 'r2p: error: unbalanced parentheses: a ")" has no matching "("',
    ")veto(": 'r2p: error: unbalanced parentheses: a ")" has no matching "("',
    "()": "r2p: error: empty parentheses: () has nothing to search for",
    "AND": "r2p: error: AND needs a word on both sides, as in veto AND council",
    "OR veto": "r2p: error: OR needs a word on both sides, as in veto OR council",
    "veto OR": "r2p: error: OR must be followed by a word or a phrase",
    "veto AND AND council": "r2p: error: AND must be followed by a word, not by AND",
    "NOT NOT": "r2p: error: NOT needs a word before it, as in veto NOT council "
               "(a query cannot start with NOT)",
    "veto NOT": "r2p: error: NOT must be followed by a word or a phrase",
    "NEAR(": "r2p: error: empty query: give words to search for",
    "speaker:": 'r2p: error: "speaker:" must be followed by a word or a "phrase"',
    "text:(veto)": 'r2p: error: "text:" must be followed by a word or a "phrase"',
    'text:""': 'r2p: error: the quoted phrase "" has no words in it',
    "*": "r2p: error: a * must follow the start of a word, as in prevent* (prefix search)",
    "speaker:*": "r2p: error: a * must follow the start of a word, as in prevent* (prefix search)",
    "^": 'r2p: error: nothing to search for in "^": give a word',
    "%": 'r2p: error: nothing to search for in "%": give a word',
    "\\": 'r2p: error: nothing to search for in "\\": give a word',
    "\U0001f642": 'r2p: error: nothing to search for in "\U0001f642": give a word',
    "veto\x00council": "r2p: error: query contains a NUL character",
    "\x00": "r2p: error: query contains a NUL character",
    "' OR 1=1 --": "r2p: error: OR needs a word on both sides, as in veto OR council",
    "-veto": 'r2p: error: "-veto": to leave out a word use NOT, as in veto NOT veto',
    "x" * 10_000: "r2p: error: query too long (10000 characters; at most 1000)",
    "veto " * 201: "r2p: error: query too long (1005 characters; at most 1000)",
    "(" * 300 + "veto" + ")" * 300:
        "r2p: error: too many nested parentheses (more than 50)",
    "(" * 499 + "veto": "r2p: error: too many nested parentheses (more than 50)",
}
ANSWERED = {
    "veto": ["France", "Brazil", "Brazil"],
    "NEAR(veto council)": [],
    "{speaker}: veto": [],  # "{speaker}:" is an ordinary word, found in no text
    "^veto": ["France", "Brazil", "Brazil"],
    "veto^2": [],
    "col:veto": [],
    "'; DROP TABLE statements; --": [],
    "veto:council": [],
    "veto*": ["Brazil", "France", "Brazil"],
    "speaker:brazil": ["Brazil", "Brazil"],
    'text:"early warning"': ["European Union", "Ghana"],
    "a - b": [],
    "(((veto)))": ["France", "Brazil", "Brazil"],
    "(" * 50 + "veto" + ")" * 50: ["France", "Brazil", "Brazil"],
    "veto OR prevention": None,  # answered; order by rank is checked elsewhere
    "ვეტო": [],
    "NOT_an_operator or and not": [],
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    archive, _ = build_corpus(tmp_path_factory.mktemp("query") / "arc")
    return archive


def search(archive, query: str, *extra: str):
    result = CliRunner().invoke(cli, ["--archive", str(archive.root), "search", *extra,
                                      "--", query])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{query[:40]!r} raised {result.exception!r}")
    assert "Traceback" not in result.output
    return result


def test_query_corpus_has_at_least_40_strings():
    assert len(REFUSED) + len(ANSWERED) >= 40


@pytest.mark.parametrize("query", list(REFUSED), ids=lambda q: repr(q[:24]))
def test_malformed_queries_are_refused_in_one_line(corpus, query):
    result = search(corpus, query)
    assert (result.exit_code, result.stderr.splitlines()) == (2, [REFUSED[query]])
    assert result.stdout == ""


@pytest.mark.parametrize("query", list(ANSWERED), ids=lambda q: repr(q[:24]))
def test_adversarial_queries_are_answered(corpus, query):
    result = search(corpus, query, "--json")
    # 0 with hits, 1 without (like grep)
    assert result.exit_code in (0, 1) and result.stderr == "", result.stderr
    assert result.exit_code == (0 if json.loads(result.stdout) else 1)
    speakers = [hit["speaker"] for hit in json.loads(result.stdout)]
    if ANSWERED[query] is not None:
        assert speakers == ANSWERED[query]


def test_the_index_survives_the_injection_attempt(corpus):
    search(corpus, "'; DROP TABLE statements; --")
    result = CliRunner().invoke(cli, ["--archive", str(corpus.root), "list", "--json"])
    assert (result.exit_code, len(json.loads(result.stdout))) == (0, 9)


_PIECES = st.sampled_from(['"', "(", ")", "*", "^", ":", "-", "+", "'", ";", "{", "}",
                           "AND", "OR", "NOT", "NEAR", "text:", "speaker:", "veto",
                           "Brazil", "prévention", "\x00", "\U0001f642", " ", " ", "  "])
QUERIES = st.one_of(
    st.lists(_PIECES, max_size=25).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map(" ".join),
    st.text(max_size=60),
)

_outcomes = {"answered": 0, "refused": 0}
record_at_session_end("query", lambda: {
    "corpus": len(REFUSED) + len(ANSWERED), "refused": len(REFUSED), "answered": len(ANSWERED),
    "hypothesis": dict(_outcomes)} if any(_outcomes.values()) else None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_any_query_is_answered_or_refused_in_one_line(corpus, query):
    result = search(corpus, query, "--json")
    if result.exit_code in (0, 1):  # hits, no hit
        assert result.stderr == ""
        assert isinstance(json.loads(result.stdout), list)
        _outcomes["answered"] += 1
    else:
        assert result.exit_code == 2, (query, result.output)
        assert len(result.stderr.splitlines()) == 1, (query, result.stderr)
        assert result.stderr.startswith("r2p: error: "), (query, result.stderr)
        _outcomes["refused"] += 1
