"""Dialogue pages -> the statements they link (:class:`~r2p_archive.models.PlannedStatement`).

A dialogue page is an article about one General Assembly dialogue on R2P.  Somewhere (usually
at the end) it has a *speaker list*: one entry per speaker, most of them linking the
statement's document, some with notes such as "(in Spanish)" or "(prepared statement, but did
not speak)".  The article's prose links country names to the same documents, and links many
things that are not statements (the Secretary-General's report, background pages, the
organisations' homepages, share and print icons, navigation).

How the parser reads a page:

1. **Flatten.**  The HTML is parsed leniently (lxml) and walked once, in document order, into a
   flat stream of text, links and breaks.  Navigation, menus, headers of the site, footers,
   sidebars, share/print/e-mail blocks, forms and scripts are skipped, recognised by tag
   (``nav``, ``footer``, ``aside``...), ARIA role and class/id words (``menu``, ``share``...).
   Block elements and ``<br>`` end a *line*; table cells are separators inside their row's line.

2. **Classify link targets** (:func:`target_kind`): links that can never be a statement are
   ``never`` (non-http schemes, fragment-only links, UN document symbols and the UN document
   systems, images, share services, print/e-mail/feed views, tag/category/search pages, site
   homepages); document-like targets are ``doc`` (``.pdf``/``.doc``/``.docx``/``.rtf``...,
   upload folders such as ``/files/``, ``/images/stories/``, ``/statements/``, and mission /
   ministry sites); the rest are ordinary ``page`` targets.

3. **Find the speaker list.**  Each line is classified: a *list line* carries statement links
   and little other text (less than the link text, or under 120 characters), an *unlinked
   speaker line* is short text naming a speaker ("Indonesia", "Dr. Jane Doe, Special Adviser
   ..."), a *note line* holds only a note ("(in Spanish)"), a *heading* is short text naming
   nobody ("Member States", "Statements:").  Prose paragraphs are none of these.  Short lines
   that are pieces of a sentence cut into paragraphs by a naive conversion ("... including" /
   "[Nepal]" / ", Nauru," / "[Oman]" / ", that expressed ...") are prose too
   (:func:`_sentence_fragments`).  A run of list lines with at least three speakers is a
   speaker list; headings inside it are skipped.

4. **Read the speaker list** entry by entry, left to right (:class:`_ListReader`):
   adjacent anchors with the same target are one name (``Urugu`` + ``ay``); a letter glued to
   the anchor is part of the name (``T`` + ``hailand``); words just before the anchor can
   complete it ("Republic of" + "Korea"); a lower-case name that lost its first letter is
   completed when exactly one state fits; stray anchors ("I", ".") pointing at the document
   just planned are ignored; otherwise the speaker comes from the file name
   (``Statement_ROK_2013.pdf``) or from the row's other text ("Brazil | Statement | English").
   Parenthesised notes attach to the entry before them: language notes become language hints,
   and a language word that is itself a link ("(in <a>French</a>)") is a second document of the
   same speaker in that language.  "prepared statement, but did not speak", "on behalf of ..."
   and similar become the note.  Unlinked names become statements without a URL.

5. **Prose links** outside the speaker list are planned only when the target is a document and
   the link text (or the file name) names a state, a known organisation or a UN office; links
   to the same document collapse into one statement (URLs compared without fragment, scheme,
   ``www.`` and trailing slash).  A language note right after such a link ("(in French)" on
   the same line, or alone on the next line after a line of links only) gives its language
   hints, and "(in <a>French</a>)" its second document.  Unlinked names in prose are never
   planned.  Order: speaker-list order, then prose-only documents in page order.

Everything is linear in the size of the page: no regular expression here can backtrack
catastrophically, names are truncated (200 characters) and control characters dropped.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from r2p_archive.countries import lookup_state
from r2p_archive.errors import UnusableInput
from r2p_archive.models import PlannedStatement
from r2p_archive.speakers import (
    Speaker,
    classify,
    clean_text,
    is_heading,
    known_org,
    scan_names,
    strip_decoration,
)


@dataclass(frozen=True)
class ParsedPage:
    title: str | None
    date_year: int | None  # year of the dialogue date found in the page text, if any
    statements: list[PlannedStatement]  # in page order (speaker list order)


# --------------------------------------------------------------------------------------------
# decoding


def decode_html(data: bytes) -> str:
    """Bytes of a page -> text: BOM, then ``<meta charset>``, then UTF-8, then windows-1252."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    m = re.search(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})",
                  data[:8192], re.IGNORECASE)
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            enc = codecs.lookup(name).name
        except LookupError:
            enc = None
        if enc in ("latin-1", "iso8859-1", "ascii"):
            enc = "cp1252"  # what browsers do with these labels
        if enc and not enc.startswith("utf-16") and enc != "utf-8":
            return data.decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------------------------------
# link targets

_IGNORED_SCHEMES = re.compile(r"^\s*(javascript|mailto|data|file|tel|sms|ftp|about|blob):",
                              re.IGNORECASE)
_DOC_EXT = re.compile(r"\.(pdf|docx?|rtf|odt|txt|pps|ppt)$", re.IGNORECASE)
_IMG_EXT = re.compile(r"\.(jpe?g|png|gif|svg|bmp|webp|ico|mp3|mp4|css|js|zip)$", re.IGNORECASE)
_DOC_DIRS = re.compile(
    r"/(statements?|speeches|images/stories|files|docs?|documents?|uploads|download|downloads|"
    r"media|attachments?|pdfs?)/", re.IGNORECASE)
_NEVER_PATH = re.compile(
    r"/(tags?|category|categories|topics?/?$|author|search|login|register|subscribe|"
    r"component/mailto|component/search|feed|rss)(/|$)|/print/|/share", re.IGNORECASE)
_NEVER_QUERY = re.compile(
    r"(^|&)(print=1|tmpl=component|format=(pdf|feed|raw)|task=(emailform|print)|"
    r"option=com_mailto|share=|symbol=)", re.IGNORECASE)
_UN_SYMBOL = re.compile(r"\b[AS]/(?:RES/)?\d{2,3}/(?:L\.)?\d{1,4}\b", re.IGNORECASE)
_UN_DOC_HOSTS = re.compile(
    r"(^|\.)(undocs\.org|daccess[\w-]*\.un\.org|documents-dds[\w-]*\.un\.org|"
    r"documents\.un\.org|digitallibrary\.un\.org|ods\.un\.org|docs\.un\.org)$")
_SHARE_HOSTS = re.compile(
    r"(^|\.)(facebook\.com|twitter\.com|x\.com|linkedin\.com|plus\.google\.com|addthis\.com|"
    r"sharethis\.com|pinterest\.com|reddit\.com|whatsapp\.com|t\.me|tumblr\.com|"
    r"instagram\.com|youtube\.com|flickr\.com|digg\.com|delicious\.com|stumbleupon\.com)$")
_MISSION_HOST = re.compile(
    r"mission|(^|\.)un\.int$|\.gov(\.[a-z]{2})?$|\.gob\.|\.gouv\.|(^|\.)mfa\.|(^|\.)minbuza\.|"
    r"diplomatie|foreign|embassy|botschaft|embajada|ambassade|pmnewyork|newyork\.", re.IGNORECASE)
_HOME_PATHS = {"", "/", "/index.php", "/index.html", "/index.htm", "/home", "/en", "/fr",
               "/es", "/default.aspx", "/index.asp", "/main"}


def resolve_url(href: str | None, base: str | None) -> str | None:
    """Absolute, normalised http(s) URL of a link, or None when it is not a usable link."""
    if not href:
        return None
    href = re.sub(r"[\t\r\n]+", "", href).strip()
    if not href or href.startswith("#") or _IGNORED_SCHEMES.match(href):
        return None
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        host = parts.hostname.lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urlunsplit((scheme, netloc, path, query, ""))


def url_key(url: str) -> str:
    """What two links must share to be the same document: host (without ``www.``), path
    (without trailing slash; percent-escapes decoded) and query; scheme and fragment ignored."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = unquote(parts.path).rstrip("/") or "/"
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


def target_kind(url: str, page_url: str | None = None) -> str:
    """``never`` (cannot be a statement), ``doc`` (document-like) or ``page``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if page_url and url_key(url) == url_key(page_url):
        return "never"  # the page itself (print view, top-of-page...)
    if _SHARE_HOSTS.search(host) or _IMG_EXT.search(path) or _UN_DOC_HOSTS.search(host):
        return "never"
    if host.endswith("un.org") and (_UN_SYMBOL.search(unquote(url)) or "view_doc" in path):
        return "never"  # the Secretary-General's report and other UN documents
    if _NEVER_PATH.search(path) or _NEVER_QUERY.search(parts.query):
        return "never"
    if path.rstrip("/").lower() in _HOME_PATHS - {"/"} | {""} and not parts.query:
        return "never"  # an organisation's or a site's homepage
    if _DOC_EXT.search(path) or _DOC_DIRS.search(path):
        return "doc"
    if _MISSION_HOST.search(host):
        return "doc"
    return "page"


# --------------------------------------------------------------------------------------------
# flattening

_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "footer", "aside",
              "form", "button", "select", "option", "textarea", "iframe", "object", "embed",
              "svg", "math", "canvas", "video", "audio", "map", "menu", "dialog"}
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
               "h6", "table", "tr", "thead", "tbody", "tfoot", "caption", "blockquote",
               "section", "article", "main", "header", "pre", "hr", "address", "center",
               "figure", "figcaption", "details", "summary", "body", "html", "fieldset"}
_CELL_TAGS = {"td", "th"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "menubar", "toolbar", "dialog"}
_SKIP_WORDS = {"nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs",
               "footer", "sidebar", "share", "sharing", "social", "sociallinks", "pagination",
               "pagenav", "pager", "print", "email", "tags", "tagcloud", "cookie", "cookies",
               "skip", "toolbar", "comments", "widget", "widgets", "related", "icons"}
_KEEP_PREFIXES = ("has-", "with-", "no-", "not-")


def _skip_element(el, tag: str) -> bool:
    if tag in _SKIP_TAGS:
        return True
    attrib = el.attrib
    if "hidden" in attrib or (attrib.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrib.get("role") or "").lower() in _SKIP_ROLES:
        return True
    words = f"{attrib.get('class') or ''} {attrib.get('id') or ''}".lower().split()
    for word in words[:20]:
        if word.startswith(_KEEP_PREFIXES):
            continue
        parts = re.split(r"[-_]", word)
        if word in _SKIP_WORDS or parts[0] in _SKIP_WORDS or parts[-1] in _SKIP_WORDS:
            return True
    return False


@dataclass
class _Link:
    url: str | None  # None: not a usable link (treated as plain text)
    text: str
    kind: str  # never / doc / page
    pos: int
    refused: str | None = None  # scheme of a link never followed (javascript, file, ftp...)


_REFUSED_NOTE = "link refused: {scheme}: URLs are never followed"


# stream items: ("t", text) | ("a", _Link) | ("b", None) line break | ("s", None) cell separator


def _anchor_text(el) -> str:
    parts: list[str] = []
    stack = [(el, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if tag == "br" or tag in _BLOCK_TAGS or tag in _CELL_TAGS:
            parts.append(" ")
        if node.text and tag:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))
        if sum(len(p) for p in parts) > 2000:
            break
    return "".join(parts)


def _flatten(root, base: str | None, page_url: str | None) -> tuple[list, str | None]:
    items: list = []
    title: str | None = None
    pos = 0

    def text(t: str | None) -> None:
        if t:
            items.append(("t", t))

    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if done:
            if tag in _BLOCK_TAGS:
                items.append(("b", None))
            elif tag in _CELL_TAGS:
                items.append(("s", None))
            text(el.tail)
            continue
        if not tag or _skip_element(el, tag):
            if tag in _BLOCK_TAGS:
                items.append(("b", None))
            text(el.tail)
            continue
        if tag == "a" and el.get("href") is not None:
            pos += 1
            href = el.get("href")
            url = resolve_url(href, base)
            kind = target_kind(url, page_url) if url else "never"
            refused = _IGNORED_SCHEMES.match(re.sub(r"[\t\r\n]+", "", href))
            scheme = refused.group(1).lower() if refused else None
            if scheme in ("mailto", "tel", "sms"):
                scheme = None  # contact links: not a refused statement
            items.append(("a", _Link(url, _anchor_text(el), kind, pos, scheme)))
            text(el.tail)
            continue
        if tag == "br":
            items.append(("b", None))
            text(el.tail)
            continue
        if tag == "h1" and title is None:
            title = clean_text(_anchor_text(el), 300) or None
        if tag in _BLOCK_TAGS:
            items.append(("b", None))
        elif tag in _CELL_TAGS:
            items.append(("s", None))
        text(el.text)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    return items, title


# --------------------------------------------------------------------------------------------
# dates

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+"
    rf"(?P<y1>(?:19|20)\d\d)|(?:{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<y2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)


def find_year(text: str) -> int | None:
    """Year of the first full date ("11 September 2013", "September 8, 2014") in ``text``."""
    for m in _DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        if 1 <= day <= 31:
            return int(m.group("y1") or m.group("y2"))
    return None


# --------------------------------------------------------------------------------------------
# languages and notes

_LANGS = {
    "english": "en", "anglais": "en", "ingles": "en", "englisch": "en", "eng": "en",
    "french": "fr", "francais": "fr", "frances": "fr", "franzosisch": "fr", "francaise": "fr",
    "spanish": "es", "espanol": "es", "espagnol": "es", "castellano": "es", "spanisch": "es",
    "arabic": "ar", "arabe": "ar", "russian": "ru", "russe": "ru", "ruso": "ru",
    "\u0440\u0443\u0441\u0441\u043a\u0438\u0438": "ru", "chinese": "zh", "chinois": "zh",
    "chino": "zh", "\u4e2d\u6587": "zh", "portuguese": "pt", "portugues": "pt",
    "portugais": "pt", "german": "de", "deutsch": "de", "allemand": "de", "aleman": "de",
    "italian": "it", "italiano": "it", "japanese": "ja", "swahili": "sw", "kiswahili": "sw",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629": "ar",
}
_LANG_CODES = {"EN": "en", "FR": "fr", "ES": "es", "AR": "ar", "RU": "ru", "ZH": "zh",
               "PT": "pt", "DE": "de"}
_LANG_FILLER = {"in", "en", "and", "y", "et", "original", "originally", "version", "versions",
                "language", "languages", "translation", "unofficial", "official", "only",
                "text", "delivered", "as", "or", "with", "the", "available", "also", "la", "le",
                "statement", "copy", "versao", "plus", "then", "ou", "o"}
_NOTE_PHRASES = re.compile(
    r"did not (speak|deliver)|not delivered|undelivered|on behalf of|prepared statement|"
    r"written statement|circulated|delivered by|read by|joint statement|not read|"
    r"statement only|in writing", re.IGNORECASE)


def languages_of(text: str) -> list[str] | None:
    """ISO 639-1 codes when ``text`` is only a language note ("in Spanish", "English and
    Spanish", "original: Arabic", "en español", "French version"), else None."""
    import unicodedata

    if not text or len(text) > 120:
        return None
    found: list[str] = []
    for raw in re.findall(r"[^\W\d_]+", text):
        if raw in _LANG_CODES:
            code = _LANG_CODES[raw]
        else:
            word = unicodedata.normalize("NFKD", raw)
            word = "".join(ch for ch in word if not unicodedata.combining(ch)).casefold()
            code = _LANGS.get(word)
            if code is None:
                if word in _LANG_FILLER:
                    continue
                return None
        if code not in found:
            found.append(code)
    return found or None


def _note_of(text: str) -> str | None:
    text = strip_decoration(clean_text(text))
    return text if text and _NOTE_PHRASES.search(text) else None


# --------------------------------------------------------------------------------------------
# file names

_FILE_SPLIT = re.compile(r"[\s_\-.+,()\[\]]+")


def speaker_from_filename(url: str) -> Speaker | None:
    """A state (or an abbreviated organisation) named by the document's file name:
    ``/docs/2013/thailand.pdf``, ``Statement_ROK_2013.pdf``, ``Costa%20Rica%20-%20IID.pdf``."""
    path = urlsplit(url).path.rstrip("/")
    name = unquote(path.rsplit("/", 1)[-1])
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)[:150]
    country = lookup_state(name)
    if country is not None:
        return Speaker(country.name, "state", country.iso3)
    tokens = [t for t in _FILE_SPLIT.split(name) if t and not t.isdigit()][:16]
    for size in range(min(6, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            span = " ".join(tokens[i:i + size])
            country = lookup_state(span)
            if country is not None:
                return Speaker(country.name, "state", country.iso3)
            org = known_org(span) if size <= 3 and span[:1].isupper() else None
            if org is not None:
                return Speaker(org[0], org[1])
    return None


# --------------------------------------------------------------------------------------------
# lines and speaker lists

_GENERIC_LINK = re.compile(
    r"^(full )?(statement|text|remarks|speech|intervention|pdf|doc|docx|download|read|"
    r"here|click here|link|document|version|original|english|french|spanish)\b", re.IGNORECASE)


def _is_junk(text: str) -> bool:
    letters = re.findall(r"[^\W\d_]", text)
    return len(letters) <= 2


def _candidate(link: _Link) -> bool:
    """Could this link be a statement in a speaker list?"""
    if link.url is None or link.kind == "never":
        return False
    if link.kind == "doc":
        return True
    text = clean_text(link.text)
    return (classify(text) is not None or languages_of(text) is not None
            or _GENERIC_LINK.match(text) is not None)


def _names_someone(text: str) -> bool:
    text = clean_text(text)
    return lookup_state(text) is not None or classify(text) is not None


def _completed_state(text: str):
    """The one state a lower-case name that lost its first letter can be ("hailand")."""
    text = clean_text(text)
    if not text[:1].islower():
        return None
    fits = {lookup_state(ch + text) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} - {None}
    return fits.pop() if len(fits) == 1 else None


def _names_someone_loosely(text: str) -> bool:
    """Names someone, possibly after restoring a lost first letter."""
    return _names_someone(text) or _completed_state(text) is not None


def _split_lines(items: list) -> list[list]:
    lines: list[list] = []
    cur: list = []
    for item in items:
        if item[0] == "b":
            if cur:
                lines.append(cur)
                cur = []
        else:
            cur.append(item)
    if cur:
        lines.append(cur)
    return lines


_PARENS = re.compile(r"\([^()]{0,300}\)")
_LOWER_WORD = re.compile(r"(?<![\w'])[a-z][a-z']*\b")


def _line_kind(line: list) -> tuple[str, int]:
    """Kind of a line and how many speakers it may hold.

    L (list line), U (unlinked speaker), N (note), H (heading/short), E (empty), P (prose).
    """
    link_len = 0
    plain: list[str] = []
    candidates = 0
    for kind, val in line:
        if kind == "a":
            if _candidate(val):
                candidates += 1
                link_len += len(clean_text(val.text, 400))
            else:
                plain.append(val.text)
        elif kind == "t":
            plain.append(val)
        else:
            plain.append(" | ")
        if len(plain) > 400:
            break
    text = clean_text(" ".join(plain), 2000)
    bare = re.sub(r"[\s|*\u2022\u00b7\u2013\u2014:;,.\-]+", " ", text).strip()
    outside = _PARENS.sub(" ", text)
    if candidates:
        # Prose: running text around the links.  A list line has names, notes in
        # parentheses and a few words ("statement", "delivered by ...") at most.
        lower_words = len(re.findall(r"(?<![\w'])[a-z][a-z']*\b", outside))
        if lower_words < 6 and (len(outside) <= 80 or len(outside) <= link_len):
            return "L", candidates
        return "P", 0
    if not bare:
        return "E", 0
    if len(text) > 300:
        return "P", 0
    if re.fullmatch(r"[\s()|*\u2022\u2013\u2014:;,.\-]*", outside):
        return "N", 0
    if len(_LOWER_WORD.findall(outside)) >= 12:
        return "P", 0  # running text (cheap test first: name scans are slow on huge pages)
    if len(text) <= 200:
        found = _segment_speakers(outside, people=True)
        if found:
            return "U", len(found)
    if not outside.strip("() ").strip() or languages_of(text.strip("() ")) or _note_of(text):
        return "N", 0
    if is_heading(text) or text.endswith(":") or (len(text) <= 60 and len(text.split()) <= 8):
        return "H", 0
    return "P", 0


def _segment_speakers(text: str, *, people: bool) -> list[Speaker]:
    text = strip_decoration(clean_text(text, 400))
    if not text:
        return []
    several = scan_names(text)
    if several:
        return several
    speaker = classify(text, allow_people=people, allow_generic=people)
    return [speaker] if speaker is not None else []


def _line_plain(line: list) -> str:
    """The text a reader sees on a line, link texts included."""
    parts: list[str] = []
    for kind, val in line:
        if kind == "a":
            parts.append(val.text)
        elif kind == "t":
            parts.append(val)
        else:
            parts.append(" | ")
        if len(parts) > 400:
            break
    return clean_text(" ".join(parts), 2000)


_OPEN_END = re.compile(r"(?:[,;(\-\u2013\u2014]|(?<![\w'\u2019-])[a-z][\w'\u2019-]*)$")
_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_CONTINUES = re.compile(r"^(?:[a-z]|[,;:.!?)\]'\u2019\u201d])")


_MAX_SENTENCE_NAMES = 8


def _sentence_fragments(lines: list[list], kinds: list[tuple[str, int]]) -> set[int]:
    """Lines that are pieces of a sentence running through prose paragraphs.

    A naive conversion puts each link of a sentence in its own paragraph: "... there were
    some, including" / "[Venezuela]" / ", Cuba," / "[Malaysia]" / "and" / "[Sri Lanka]" /
    ", that expressed ...".  Two neighbouring lines are *glued* when the first one stops in
    the middle of a sentence (a comma, a lower-case word such as "including" or "and", or
    running text without a full stop) or the second one carries on a sentence (it starts with
    a lower-case word or with punctuation).  A chain of glued lines that starts with a prose
    line and ends with a prose line or a full stop is one sentence: its short lines are prose,
    not a speaker list.  A short line that starts a sentence and stops at "by", "including"
    or a comma ("Memory was raised by") may start the chain too.
    """
    texts = {k: _line_plain(lines[k]) for k in range(len(lines))}
    idx = [k for k in range(len(lines)) if texts[k]]  # a lone "." or "," counts here

    def glued(a: int, b: int) -> bool:
        ta, tb = texts[a], texts[b]
        if _OPEN_END.search(ta) or _CONTINUES.match(tb):
            return True
        return kinds[a][0] == "P" and _SENTENCE_END.search(ta) is None

    found: set[int] = set()
    start = 0
    while start < len(idx):
        end = start
        while end + 1 < len(idx) and glued(idx[end], idx[end + 1]):
            end += 1
        chain = idx[start:end + 1]
        # The sentence may end before the chain does: cut the chain after the last line that
        # is prose or ends with a full stop.
        head = chain[0]
        if len(chain) > 1 and (kinds[head][0] == "P" or (
                kinds[head][0] == "H" and _OPEN_END.search(texts[head])
                and re.match(r"[A-Z]\w*\s+\w", texts[head]))):
            last = max((i for i, k in enumerate(chain)
                        if kinds[k][0] == "P" or _SENTENCE_END.search(texts[k])), default=0)
            inner = [k for k in chain[:last + 1] if kinds[k][0] != "P"]
            # a sentence names a handful of speakers; a dozen comma-separated entries after
            # an introduction without a colon are a speaker list
            if last > 0 and sum(kinds[k][1] for k in inner) <= _MAX_SENTENCE_NAMES:
                found.update(inner)
        start = end + 1
    return found


def _note_after(line: list, i: int) -> tuple[list[str], list[tuple[_Link, list[str]]]]:
    """The language note in parentheses right after the link ``line[i]`` on its line:
    (languages of the note, [(a language word that is itself a link, its languages)])."""
    depth = 0
    plain: list[str] = []
    links: list[tuple[_Link, list[str]]] = []
    size = 0
    for kind, val in line[i + 1:]:
        if kind == "s":
            return [], []
        if kind == "a":
            if depth == 0:
                return [], []
            text = clean_text(val.text)
            langs = languages_of(text)
            if langs is not None and val.url is not None and val.kind != "never":
                links.append((val, langs))
            else:
                plain.append(f" {text} ")
            continue
        for ch in val:
            size += 1
            if size > 300:
                return [], []
            if depth == 0:
                if ch.isspace():
                    continue
                if ch != "(":
                    return [], []
                depth = 1
            elif ch == "(":
                return [], []
            elif ch == ")":
                note = clean_text("".join(plain))
                whole = clean_text(" ".join([note, *(clean_text(lk.text) for lk, _ in links)]))
                if languages_of(whole) is None:
                    return [], []  # not (only) a language note
                return languages_of(note) or [], links
            else:
                plain.append(ch)
    return [], []


def _ends_line(line: list, i: int) -> bool:
    """Nothing but white space follows the link ``line[i]`` on its line."""
    return all(kind == "t" and not val.strip() for kind, val in line[i + 1:])


def _note_line_languages(lines: list[list], k: int) -> list[str]:
    """Languages of a line that holds only a language note in parentheses ("(in Spanish)")
    right after a line that holds only statement links."""
    if k + 1 >= len(lines) or any(kind == "t" and val.strip() for kind, val in lines[k]):
        return []
    nxt = lines[k + 1]
    if any(kind != "t" for kind, _ in nxt):
        return []
    text = clean_text(" ".join(val for _, val in nxt), 200)
    m = re.fullmatch(r"\(([^()]*)\)", text)
    return (languages_of(m.group(1)) or []) if m else []


def _regions(kinds: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Runs of speaker-list lines with at least three speakers: (first, last) line indexes."""
    regions: list[tuple[int, int]] = []
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i][0] not in "LU":
            i += 1
            continue
        j = i
        last = i
        speakers = 0
        while j < n and kinds[j][0] in "LUNHE":
            if kinds[j][0] in "LU":
                speakers += kinds[j][1]
                last = j
            elif kinds[j][0] == "N" and last == j - 1:
                last = j
            j += 1
        if speakers >= 3:
            regions.append((i, last))
        i = j if j > i else i + 1
    return regions


@dataclass
class _Entry:
    speaker: Speaker
    url: str | None
    languages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lang_from_link: bool = False  # languages named by the link text itself ("French")

    def add_note(self, note: str | None) -> None:
        if note and note not in self.notes:
            self.notes.append(note)

    def add_languages(self, langs: list[str]) -> None:
        for lang in langs:
            if lang not in self.languages:
                self.languages.append(lang)


class _ListReader:
    """Reads the entries of one speaker list (see the module docstring, step 4)."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.by_key: dict[str, _Entry] = {}
        self.current: _Entry | None = None
        self.line_entries = 0
        self.segments: list[str] = [""]
        self.paren_depth = 0
        self.paren_text: list[str] = []
        self.paren_links: list[_Link] = []
        self.paren_lines = 0

    # -- entries --------------------------------------------------------------------------
    def _add(self, speaker: Speaker, url: str | None, langs: list[str] | None = None) -> _Entry:
        cur = self.current
        if (url is not None and cur is not None and cur.url is None and self.line_entries
                and url_key(url) not in self.by_key and _who(cur.speaker) == _who(speaker)):
            # "Sweden (on behalf of ...) | Statement": the row's name, now with its document
            cur.url = url
            cur.add_languages(langs or [])
            cur.lang_from_link = bool(langs)
            self.by_key[url_key(url)] = cur
            return cur
        if url is not None:
            key = url_key(url)
            existing = self.by_key.get(key)
            if existing is not None:
                if existing.speaker.name != speaker.name:
                    # One document listed for two speakers: plan it once, keep the second
                    # speaker without a link so that nobody disappears from the list.
                    entry = _Entry(speaker, None)
                    entry.add_note(f"listed with the document of {existing.speaker.name}")
                    self.entries.append(entry)
                    self.current = entry
                    self.line_entries += 1
                    return entry
                existing.add_languages(langs or [])
                self.current = existing
                return existing
        entry = _Entry(speaker, url, lang_from_link=bool(langs))
        entry.add_note(speaker.note)
        entry.add_languages(langs or [])
        self.entries.append(entry)
        if url is not None:
            self.by_key[url_key(url)] = entry
        self.current = entry
        self.line_entries += 1
        return entry

    def _flush(self) -> None:
        """Unlinked text seen so far on this line: speakers, language hints or notes."""
        for seg in self.segments:
            self._flush_segment(seg)
        self.segments = [""]

    def _flush_segment(self, seg: str) -> None:
        text = strip_decoration(clean_text(seg, 400))
        if not text:
            return
        langs = languages_of(text)
        if langs is not None:
            # a language column beside links that name their language adds nothing
            if self.current is not None and not self.current.lang_from_link:
                self.current.add_languages(langs)
            return
        note = _note_of(text)
        if note is not None and self.current is not None and self.line_entries:
            self.current.add_note(note)
            return
        for speaker in _segment_speakers(text, people=self.line_entries == 0):
            self._add(speaker, None)

    # -- notes in parentheses -------------------------------------------------------------
    def _close_note(self) -> None:
        main = self.current
        links, self.paren_links = self.paren_links, []
        text = clean_text(" ".join(self.paren_text), 400)
        self.paren_text = []
        if main is None:
            return
        plain = text
        for link in links:
            ltext = clean_text(link.text)
            langs = languages_of(ltext)
            if langs is not None and link.url is not None and link.kind != "never":
                self._add(main.speaker, link.url, langs)
                plain = plain.replace(ltext, " ", 1)
        self.current = main
        plain = clean_text(plain)
        langs = languages_of(plain)
        if langs is not None:
            main.add_languages(langs)
        elif _note_of(plain):
            main.add_note(_note_of(plain))

    # -- the stream -------------------------------------------------------------------------
    def feed(self, line: list) -> None:
        self.line_entries = 0
        i = 0
        n = len(line)
        while i < n:
            kind, val = line[i]
            if kind == "s":
                if self.paren_depth:
                    self.paren_text.append(" ")
                else:
                    self.segments.append("")
                i += 1
                continue
            if kind == "a":
                i = self._link(line, i)
                continue
            self._text(val)
            i += 1
        if self.paren_depth:
            self.paren_lines += 1
            if self.paren_lines > 3:  # an unclosed "(" does not swallow the list
                self.paren_depth = 0
                self._close_note()
        self._flush()

    def finish(self) -> None:
        if self.paren_depth:
            self.paren_depth = 0
            self._close_note()
        self._flush()

    def _text(self, text: str) -> None:
        for piece in re.split(r"([()])", text):
            if piece == "(":
                if self.paren_depth == 0:
                    self._flush()
                    self.paren_lines = 0
                else:
                    self.paren_text.append("(")
                self.paren_depth += 1
            elif piece == ")":
                if self.paren_depth == 0:
                    continue
                self.paren_depth -= 1
                if self.paren_depth == 0:
                    self._close_note()
                else:
                    self.paren_text.append(")")
            elif piece:
                if self.paren_depth:
                    self.paren_text.append(piece)
                else:
                    self.segments[-1] += piece

    def _link(self, line: list, i: int) -> int:
        link: _Link = line[i][1]
        j = i + 1
        text = link.text
        seg = self.segments[-1]
        glued = re.search(r"[^\W\d_]+$", seg) if seg and not seg[-1:].isspace() else None
        prefix = glued.group(0) if glued else ""
        # Adjacent anchors to the same document are one name ("Urugu" + "ay"), unless the
        # name is complete already and the next anchor adds nothing that fits ("Thailand"
        # followed by a stray "I").
        if link.url is not None:
            while j < len(line):
                if line[j][0] == "a" and line[j][1].url == link.url:
                    gap, nxt = "", line[j][1].text
                    step = 1
                elif (line[j][0] == "t" and not line[j][1].strip() and j + 1 < len(line)
                      and line[j + 1][0] == "a" and line[j + 1][1].url == link.url):
                    gap, nxt = " ", line[j + 1][1].text
                    step = 2
                else:
                    break
                if _names_someone_loosely(prefix + text) and not _names_someone_loosely(
                        prefix + text + gap + nxt):
                    break  # "hailand" + a stray "I": the name is complete without it
                text += gap + nxt
                j += step
        if self.paren_depth:
            self.paren_links.append(_Link(link.url, text, link.kind, link.pos))
            self.paren_text.append(text)
            return j
        if link.url is None or link.kind == "never":
            self.segments[-1] += f" {text} "  # not a statement link: just text
            if link.refused and not self.paren_depth:
                # The speaker is planned without a document; say why its link was dropped.
                before = len(self.entries)
                self._flush()
                if len(self.entries) > before and self.current is not None:
                    self.current.add_note(_REFUSED_NOTE.format(scheme=link.refused))
            return j
        # a letter glued after the anchor: "Niger" + "ia"
        suffix = ""
        if j < len(line) and line[j][0] == "t":
            m = re.match(r"[^\W\d_]+", line[j][1])
            if m:
                suffix = m.group(0)
        resolved = self._resolve(link, clean_text(text), suffix)
        if resolved is None:
            return j
        speaker, consumed, used_suffix, langs = resolved
        if used_suffix:
            line[j] = ("t", line[j][1][len(suffix):])
        if isinstance(consumed, tuple):
            self.segments[consumed[1]] = ""
        elif consumed:
            self.segments[-1] = self.segments[-1][: len(self.segments[-1]) - consumed]
        self._flush()
        self._add(speaker, link.url, langs)
        return j

    def _resolve(self, link: _Link, text: str, suffix: str):
        """(speaker, consumed, used_suffix, languages) for a statement link, or None."""
        url = link.url
        assert url is not None
        seg = self.segments[-1]
        langs = languages_of(text)
        if langs is not None:
            # "French", "Version française": another document of the speaker at hand
            ctx = self._context()
            if ctx is not None:
                return ctx[0], ("segment", ctx[1]), False, langs
            if self.current is not None:
                return self.current.speaker, 0, False, langs
            found = speaker_from_filename(url)
            return (found, 0, False, langs) if found else None
        if _is_junk(text) and classify(text) is None:
            if self.current is not None and self.current.url and url_key(
                    self.current.url) == url_key(url):
                return None  # a stray anchor on the document just planned
            found = speaker_from_filename(url)
            return (found, 0, False, []) if found else None
        glued = re.search(r"[^\W\d_]+$", seg) if seg and not seg[-1:].isspace() else None
        candidates: list[tuple[str, int, bool]] = []
        if glued:
            candidates.append((glued.group(0) + text + suffix, len(glued.group(0)), True))
            candidates.append((glued.group(0) + text, len(glued.group(0)), False))
        if suffix:
            candidates.append((text + suffix, 0, True))
        for cand, consumed, used_suffix in candidates:
            country = lookup_state(cand)
            if country is not None:
                return Speaker(country.name, "state", country.iso3), consumed, used_suffix, []
        # words just before the anchor complete it: "Republic of" + "Korea"
        if seg and re.search(r"[^\W\d_]\s+$", seg):
            spans = [m.start() for m in re.finditer(r"\S+", seg[-200:])]
            offset = max(0, len(seg) - 200)
            for k in range(min(4, len(spans)), 0, -1):
                start = offset + spans[-k]
                cand = seg[start:] + text
                speaker = classify(cand, allow_people=False, allow_generic=False)
                if speaker is not None and speaker.type == "state":
                    return speaker, len(seg) - start, False, []
        speaker = classify(text, allow_people=self.line_entries == 0)
        if speaker is not None:
            return speaker, 0, False, []
        country = _completed_state(text)
        if country is not None:
            return Speaker(country.name, "state", country.iso3), 0, False, []
        ctx = self._context()
        if ctx is not None:
            return ctx[0], ("segment", ctx[1]), False, []
        if self.current is not None and self.current.url is None and self.line_entries:
            return self.current.speaker, 0, False, []  # the name this row started with
        found = speaker_from_filename(url)
        if found is not None:
            return found, 0, False, []
        return None

    def _context(self) -> tuple[Speaker, int] | None:
        """The speaker named by the unlinked text before the link on this line (the row's
        name cell, "Chile:"), with the index of the segment holding it."""
        for idx in range(len(self.segments) - 1, -1, -1):
            text = strip_decoration(clean_text(self.segments[idx]))
            if text:
                speaker = classify(text, allow_people=self.line_entries == 0)
                return (speaker, idx) if speaker is not None else None
        return None


# --------------------------------------------------------------------------------------------
# the page


def _parse_tree(text: str):
    from lxml import etree

    text = _BAD_CHARS.sub(" ", text)
    text = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", text)
    if not text.strip():
        return None
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                              no_network=True, recover=True)
    try:
        return etree.fromstring(text, parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None


def parse_page(html: bytes | str, *, base_url: str | None, page: str | None = None,
               year: int | None = None) -> ParsedPage:
    """The statements a dialogue page lists, in page order.

    ``year``: the dialogue's year if known (``--year`` or the catalog); otherwise the first
    full date in the page text; otherwise :class:`UnusableInput` asks for ``--year``.
    """
    text = decode_html(html) if isinstance(html, (bytes, bytearray)) else str(html)
    root = _parse_tree(text)
    items: list = []
    title: str | None = None
    if root is not None:
        base = base_url or (page if page and re.match(r"https?://", page) else None)
        base_el = root.find(".//base[@href]")
        if base_el is not None:
            try:
                base = urljoin(base or "", base_el.get("href").strip()) or base
            except ValueError:
                pass
            if base and not re.match(r"https?://", base):
                base = base_url
        page_url = resolve_url(base_url or page, None) if (base_url or page) else None
        items, title = _flatten(root, base, page_url)
        if title is None:
            title_el = root.find(".//title")
            if title_el is not None:
                title = clean_text(_anchor_text(title_el), 300) or None
    plain = " ".join(val for kind, val in items if kind == "t")
    date_year = find_year(plain)
    use_year = year if year is not None else date_year
    if use_year is None:
        raise UnusableInput(f"no dialogue date found in {page or 'the page'}; pass --year YEAR")

    lines = _split_lines(items)
    kinds = [_line_kind(line) for line in lines]
    for k in _sentence_fragments(lines, kinds):
        kinds[k] = ("P", 0)
    regions = _regions(kinds)

    entries: list[_Entry] = []
    keys: set[str] = set()
    in_region = [False] * len(lines)
    for first, last in regions:
        reader = _ListReader()
        for k in range(first, last + 1):
            in_region[k] = True
            reader.feed(list(lines[k]))
        reader.finish()
        for entry in reader.entries:
            if entry.url is not None:
                key = url_key(entry.url)
                if key in keys:
                    continue
                keys.add(key)
            entries.append(entry)

    # prose: documents linked from a name that is unmistakably a speaker
    by_key = {url_key(e.url): e for e in entries if e.url is not None}
    for k, line in enumerate(lines):
        if in_region[k]:
            continue
        for i, (kind, link) in enumerate(line):
            if kind != "a" or link.url is None or link.kind != "doc":
                continue
            key = url_key(link.url)
            langs, lang_links = _note_after(line, i)
            if not langs and not lang_links and _ends_line(line, i):
                langs = _note_line_languages(lines, k)
            existing = by_key.get(key)
            if existing is not None:
                if not existing.languages:
                    existing.add_languages(langs)
                continue
            if key in keys:
                continue
            speaker = classify(link.text, allow_people=False, allow_generic=False)
            if speaker is None:
                speaker = speaker_from_filename(link.url)
            if speaker is None:
                continue
            keys.add(key)
            entry = _Entry(speaker, link.url, notes=[speaker.note] if speaker.note else [])
            entry.add_languages(langs)
            entries.append(entry)
            by_key[key] = entry
            # "Botswana (in <a>French</a>)": the French version is a second document
            for lang_link, link_langs in lang_links:
                lkey = url_key(lang_link.url)
                if lkey in keys:
                    continue
                keys.add(lkey)
                second = _Entry(speaker, lang_link.url, lang_from_link=True)
                second.add_languages(link_langs)
                entries.append(second)
                by_key[lkey] = second

    # A speaker named without a link is planned only when no document of theirs is.
    linked = {_who(e.speaker) for e in entries if e.url is not None}
    seen_unlinked: dict[tuple, _Entry] = {}
    statements: list[PlannedStatement] = []
    kept: list[_Entry] = []
    for entry in entries:
        if entry.url is None:
            who = _who(entry.speaker)
            if who in linked:
                continue
            if who in seen_unlinked:
                for note in entry.notes:
                    seen_unlinked[who].add_note(note)
                continue
            seen_unlinked[who] = entry
        kept.append(entry)
    for entry in kept:
        statements.append(PlannedStatement(
            year=use_year,
            speaker=entry.speaker.name,
            speaker_type=entry.speaker.type,
            iso3=entry.speaker.iso3,
            languages=tuple(entry.languages),
            url=entry.url,
            note="; ".join(entry.notes) if entry.notes else None,
            page=page,
        ))
    return ParsedPage(title=title, date_year=date_year, statements=statements)


def _who(speaker: Speaker) -> tuple:
    return ("state", speaker.iso3) if speaker.iso3 else (speaker.type, speaker.name.casefold())


__all__ = ["ParsedPage", "decode_html", "find_year", "languages_of", "parse_page",
           "resolve_url", "speaker_from_filename", "target_kind", "url_key"]
