"""Link targets on dialogue pages: absolute URLs, the key two links share when they are the
same document, and whether a target can be a statement at all."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

# --------------------------------------------------------------------------------------------
# link targets

IGNORED_SCHEMES = re.compile(r"^\s*(javascript|mailto|data|file|tel|sms|ftp|about|blob):",
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
MISSION_HOST = re.compile(
    r"mission|(^|\.)un\.int$|\.gov(\.[a-z]{2})?$|\.gob\.|\.gouv\.|(^|\.)mfa\.|(^|\.)minbuza\.|"
    r"diplomatie|foreign|embassy|botschaft|embajada|ambassade|pmnewyork|newyork\.", re.IGNORECASE)
_HOME_PATHS = {"", "/", "/index.php", "/index.html", "/index.htm", "/home", "/en", "/fr",
               "/es", "/default.aspx", "/index.asp", "/main"}


_NOT_RELATIVE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|#|//")


def is_relative(href: str | None) -> bool:
    """A link relative to the page's address (neither absolute, protocol-relative nor a
    fragment): it resolves only against a base URL."""
    href = re.sub(r"[\t\r\n]+", "", href or "").strip()
    return bool(href) and not _NOT_RELATIVE.match(href)


def resolve_url(href: str | None, base: str | None) -> str | None:
    """Absolute, normalised http(s) URL of a link, or None when it is not a usable link."""
    if not href:
        return None
    href = re.sub(r"[\t\r\n]+", "", href).strip()
    if not href or href.startswith("#") or IGNORED_SCHEMES.match(href):
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
    if MISSION_HOST.search(host):
        return "doc"
    return "page"
