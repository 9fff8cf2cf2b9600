"""The user's query language and its translation into a safe FTS5 MATCH expression.

Syntax: words (all must occur), ``"quoted phrases"``, ``OR``, ``AND``, ``NOT`` (upper case;
lower-case "or"/"and"/"not" are ordinary words), parentheses, a trailing ``*`` for a prefix
(``prevent*``), and ``speaker:`` / ``text:`` before a word or phrase to search one column.

:func:`compile` turns each term into the index forms it should match (see
:mod:`r2p_archive.analyze` and ``docs/schema.md``): a word matches itself (case, accents and
Arabic marks ignored) and, unless ``exact``, its stem in statements of each language it can
belong to; a phrase or ``prefix*`` matches as typed; CJK words match as bigram phrases.  With
``any_language`` a term found in the R2P glossary matches its equivalents in six languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from r2p_archive import analyze
from r2p_archive.errors import UnusableInput
from r2p_archive.text import one_line

_OPERATORS = ("AND", "OR", "NOT")
_COLUMNS_FILTERS = ("speaker", "text")
MAX_QUERY = 1000
MAX_DEPTH = 50  # nested parentheses; deeper nesting would exhaust Python's recursion limit


@dataclass(frozen=True)
class _Tok:
    kind: str  # "term", "op", "(", ")"
    value: str = ""
    prefix: bool = False
    column: str | None = None
    quoted: bool = False
    gloss: Any = None  # the glossary entry this term stands for (--any-language)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _tokenize(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            toks.append(_Tok(ch))
            i += 1
            continue
        column, i = _column_filter(query, i)
        tok: _Tok | None
        if query[i] == '"':
            tok, i = _phrase(query, i, column)
        else:
            tok, i = _word(query, i, column)
        if tok is not None:
            toks.append(tok)
    return toks


def _column_filter(query: str, i: int) -> tuple[str | None, int]:
    """An optional column filter `speaker:` / `text:` before a word or phrase."""
    lowered = query[i:].lower()
    for col in _COLUMNS_FILTERS:
        if lowered.startswith(col + ":"):
            i += len(col) + 1
            if i >= len(query) or query[i].isspace() or query[i] in "()":
                raise UnusableInput(f'"{col}:" must be followed by a word or a "phrase"')
            return col, i
    return None, i


def _phrase(query: str, i: int, column: str | None) -> tuple[_Tok, int]:
    end = query.find('"', i + 1)
    if end < 0:
        raise UnusableInput(
            f'unbalanced quote: the phrase "{one_line(query[i + 1:], 30)} is not closed')
    phrase = query[i + 1 : end]
    i = end + 1
    prefix = i < len(query) and query[i] == "*"
    if prefix:
        i += 1
    if not _has_word(phrase):
        raise UnusableInput(f'the quoted phrase "{one_line(phrase, 30)}" has no words in it')
    return _Tok("term", phrase, prefix, column, quoted=True), i


def _word(query: str, i: int, column: str | None) -> tuple[_Tok | None, int]:
    j = i
    while j < len(query) and not query[j].isspace() and query[j] not in '()"':
        j += 1
    word = query[i:j]
    if column is None and word in _OPERATORS:
        return _Tok("op", word), j
    if word.startswith("-") and len(word) > 1 and word[1].isalnum():
        raise UnusableInput(
            f'"{one_line(word, 30)}": to leave out a word use NOT, as in '
            f"veto NOT {one_line(word[1:], 30)}")
    prefix = word.endswith("*")
    stem = word.rstrip("*")
    if not _has_word(stem):
        if "*" in word:
            raise UnusableInput("a * must follow the start of a word, as in prevent* (prefix "
                                "search)")
        if column:
            raise UnusableInput(f'"{column}:" must be followed by a word or a "phrase"')
        return None, j  # punctuation only, e.g. "&" or "-": not searchable, ignored
    return _Tok("term", stem, prefix, column), j


class _Parser:
    """query := or ; or := and (OR and)* ; and := not ([AND] not)* ; not := atom (NOT atom)*"""

    def __init__(self, toks: list[_Tok], render: Callable[[_Tok], str] | None = None):
        self.toks = toks
        self.render = render or _quoted
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> str:
        expr = self.parse_or()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop parse_or early
            raise UnusableInput('unbalanced parentheses: a ")" has no matching "("')
        return expr

    def parse_or(self) -> str:
        parts = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "OR":
            self.next()
            parts.append(self.parse_and(after="OR"))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def parse_and(self, after: str | None = None) -> str:
        parts = [self.parse_not(after)]
        while (tok := self.peek()) is not None and not (
            tok.kind == ")" or (tok.kind == "op" and tok.value == "OR")
        ):
            if tok.kind == "op" and tok.value == "AND":
                self.next()
                parts.append(self.parse_not("AND"))
            else:
                parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def parse_not(self, after: str | None = None) -> str:
        left = self.parse_atom(after)
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "NOT":
            self.next()
            left = f"({left} NOT {self.parse_atom('NOT')})"
        return left

    def parse_atom(self, after: str | None) -> str:
        tok = self.peek()
        if tok is None:
            if after:
                raise UnusableInput(f"{after} must be followed by a word or a phrase")
            raise UnusableInput("empty query: give words to search for")
        if tok.kind == "op":
            if after:
                raise UnusableInput(f"{after} must be followed by a word, not by {tok.value}")
            if tok.value == "NOT":
                raise UnusableInput(
                    "NOT needs a word before it, as in veto NOT council "
                    "(a query cannot start with NOT)"
                )
            raise UnusableInput(f"{tok.value} needs a word on both sides, as in veto {tok.value} "
                                "council")
        if tok.kind == ")":
            if after:
                raise UnusableInput(f"{after} must be followed by a word, not by )")
            if self.pos > 0 and self.toks[self.pos - 1].kind == "(":
                raise UnusableInput("empty parentheses: () has nothing to search for")
            raise UnusableInput('unbalanced parentheses: a ")" has no matching "("')
        self.next()
        if tok.kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise UnusableInput(f"too many nested parentheses (more than {MAX_DEPTH})")
            inner = self.parse_or()
            close = self.peek()
            if close is None or close.kind != ")":
                raise UnusableInput('unbalanced parentheses: a "(" is not closed')
            self.next()
            self.depth -= 1
            return inner
        return self.render(tok)


def _q(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _quoted(tok: _Tok) -> str:
    term = _q(tok.value) + ("*" if tok.prefix else "")
    return f"{tok.column} : {term}" if tok.column else term


def _tokens(query: str) -> list[_Tok]:
    if len(query) > MAX_QUERY:
        raise UnusableInput(f"query too long ({len(query)} characters; at most {MAX_QUERY})")
    if "\x00" in query:
        raise UnusableInput("query contains a NUL character")
    toks = _tokenize(query)
    if not toks:
        if query.strip():
            raise UnusableInput(f'nothing to search for in "{one_line(query, 30)}": give a word')
        raise UnusableInput("empty query: give words to search for")
    return toks


def fts_query(query: str) -> str:
    """The structure of a user's query in FTS5 syntax, each term quoted as typed (no derived
    forms: :func:`compile` makes the expression that is searched).

    Syntax: words (all must occur), ``"quoted phrases"``, ``OR``, ``AND``, ``NOT`` (upper case;
    lower-case "or"/"and"/"not" are ordinary words), parentheses, a trailing ``*`` for a prefix
    (``prevent*``), and ``speaker:`` / ``text:`` before a word or phrase to search one column.
    Every word is passed to FTS5 as a quoted string, so no user text is ever read as FTS5
    syntax.  A malformed query raises :class:`UnusableInput` saying what is wrong.
    """
    return _Parser(_tokens(query)).parse()


# -- compiling: each term into the index forms it matches -------------------------------------
_EXACT_COLUMNS = {None: "{speaker text plain}", "text": "{text plain}", "speaker": "speaker"}
MAX_GLOSS_WORDS = 6


@dataclass
class Expansion:
    """A query term found in the glossary and what it was expanded to."""

    term: str  # as typed
    alternatives: list[tuple[str, str]]  # (label like "否决 (zh)", its MATCH expression)


@dataclass
class Compiled:
    match: str  # the FTS5 MATCH expression
    targets: dict[str, Any] = field(default_factory=dict)  # for highlighting (analyze)
    expansions: list[Expansion] = field(default_factory=list)  # --any-language
    unknown: list[str] = field(default_factory=list)  # terms not in the glossary


def _or(parts: list[str]) -> str:
    parts = list(dict.fromkeys(parts))
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


class _Renderer:
    def __init__(self, exact: bool):
        self.exact = exact
        self.targets: dict[str, Any] = {"words": set(), "prefixes": [], "stems": set(),
                                        "seqs": [], "cjk": []}
        self.expansions: list[Expansion] = []

    def __call__(self, tok: _Tok) -> str:
        if tok.gloss is not None:
            # one alternative per form; a form shared by several languages ("veto") searches
            # its stems in each of them
            forms: dict[str, tuple[str, list[str]]] = {}
            for lang, form in tok.gloss.variants():
                forms.setdefault(analyze.fold(form), (form, []))[1].append(lang)
            alts = [(f"{form} ({', '.join(langs)})",
                     self.variant(form, tuple(langs), tok.column))
                    for form, langs in forms.values()]
            self.expansions.append(Expansion(tok.value, alts))
            return _or([expr for _, expr in alts])
        return self.term(tok.value, tok.prefix, tok.column, tok.quoted)

    def term(self, value: str, prefix: bool, column: str | None, quoted: bool,
             langs: tuple[str, ...] | None = None) -> str:
        if analyze.has_arabic(value):
            value = analyze.normalize_arabic(value)
        words = analyze.words(value)
        star = "*" if prefix else ""
        alts = [f"{_EXACT_COLUMNS[column]} : {_q(value)}{star}"]
        if prefix and words:
            self.targets["prefixes"].append(analyze.fold(words[-1]))
        elif len(words) > 1:
            self.targets["seqs"].append(tuple(analyze.fold(w) for w in words))
        else:
            self.targets["words"].update(analyze.fold(w) for w in words)
        if column == "speaker":
            return alts[0]
        cjk = analyze.cjk_query(value)
        if cjk and not words:
            single = len(analyze.CJK_RUN.findall(value)) == 1 and len(cjk) == 1
            alts.append(f"cjk : {_q(cjk)}{'*' if prefix or single else ''}")
            self.targets["cjk"].extend(analyze.CJK_RUN.findall(value))
        if not self.exact and not prefix and words and not analyze.has_cjk(value):
            if langs is None:  # a word typed by the user: every language of its script
                langs = analyze.stem_languages(words[0]) if len(words) == 1 and not quoted \
                    else ()
            for lang in langs:
                stems = [analyze.stem(w, lang) for w in words]
                if len(stems) > 1:
                    self.targets["seqs"].append(tuple(stems))
                else:
                    self.targets["stems"].update(stems)
                alts.append(f"stems : {_q(' '.join(stems))}")
        return _or(alts)

    def variant(self, value: str, langs: tuple[str, ...], column: str | None) -> str:
        """One glossary form: as a phrase (in ``column``, if given), and as a phrase of stems
        in its languages."""
        langs = tuple(lang for lang in langs if lang in analyze.STEMMED)
        return self.term(value, False, column, True, langs)


def _merge_glossary(toks: list[_Tok], unknown: list[str]) -> list[_Tok]:
    """Terms found in the glossary, including runs of plain words (``war crimes``), become
    one glossary term; the others are noted in ``unknown``."""
    from r2p_archive import glossary

    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind != "term" or tok.column == "speaker" or tok.prefix:
            if tok.kind == "term":
                unknown.append(tok.value + ("*" if tok.prefix else ""))
            out.append(tok)
            i += 1
            continue
        end = i + 1
        entry = glossary.lookup(tok.value)
        if not tok.quoted:  # the longest run of plain words that is a glossary term
            run = i
            while run < len(toks) and run - i < MAX_GLOSS_WORDS and toks[run].kind == "term" \
                    and not (toks[run].quoted or toks[run].prefix or toks[run].column):
                run += 1
            for j in range(run, i + 1, -1):
                found = glossary.lookup(" ".join(t.value for t in toks[i:j]))
                if found is not None:
                    entry, end = found, j
                    break
        value = " ".join(t.value for t in toks[i:end])
        if entry is None:
            unknown.append(value)
            out.append(tok)
        else:
            out.append(_Tok("term", value, column=tok.column, quoted=True, gloss=entry))
        i = end
    return out


def compile(query: str, *, exact: bool = False, any_language: bool = False) -> Compiled:
    """The FTS5 expression that searches ``query`` (see the module's doc), with what the
    snippets should highlight and, with ``any_language``, the glossary expansions."""
    toks = _tokens(query)
    unknown: list[str] = []
    if any_language:
        toks = _merge_glossary(toks, unknown)
    render = _Renderer(exact)
    match = _Parser(toks, render).parse()
    return Compiled(match, render.targets, render.expansions, unknown)
