"""Datasette plugin of `r2p serve`: the search page (``/``), statement pages
(``/statement/ID``), original files (``/original/ID``), and ``?_r2p=QUERY`` on Datasette's own
table page (the query language of `r2p search`).

Inert in a Datasette whose metadata has no ``plugins.r2p`` section.  The work is done by
:mod:`r2p_archive.serve` on a connection from Datasette's pool; the pages are Jinja templates
in ``../templates`` extending Datasette's ``base.html``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlencode

from datasette import hookimpl  # type: ignore[import-untyped]
from datasette.filters import FilterArguments  # type: ignore[import-untyped]
from datasette.utils.asgi import Response, asgi_send_file  # type: ignore[import-untyped]
from datasette.views.base import DatasetteError  # type: ignore[import-untyped]

from r2p_archive import plot, serve
from r2p_archive.errors import UnusableInput

if TYPE_CHECKING:  # Datasette ships no type information: these are Any to mypy
    from collections.abc import Awaitable, Callable

    from datasette.app import Datasette  # type: ignore[import-untyped]
    from datasette.utils.asgi import Request  # type: ignore[import-untyped]

    View = Callable[..., Awaitable[Response | None]]

CHART_WIDTH = 460


def _config(datasette: Datasette) -> dict | None:
    return datasette.plugin_config(serve.PLUGIN)


def _args(request: Request) -> dict[str, str]:
    return {key: request.args.get(key) for key in request.args.keys()}


def _url(args: dict[str, str], **changes: str | int) -> str:
    merged = {k: v for k, v in {**args, **changes}.items() if v not in (None, "")}
    if merged.get("page") in (1, "1"):
        merged.pop("page")
    return "/?" + urlencode(merged) if merged else "/"


async def _render(datasette: Datasette, request: Request, template: str,
                  context: dict[str, Any], status: int = 200) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


def _read_only(request: Request) -> Response | None:
    if request.method not in ("GET", "HEAD"):
        return Response.text("r2p serve is read-only", status=405, headers={"allow": "GET"})
    return None


async def search_view(datasette: Datasette, request: Request) -> Response:
    if refused := _read_only(request):
        return refused
    args = _args(request)
    db = datasette.get_database(serve.DB_NAME)
    page = await db.execute_fn(lambda conn: serve.search_page(conn, args))
    kept = {k: v for k, v in args.items() if k != "page"}
    facets = []
    for facet in page.facets:
        values = [
            {"value": value, "count": count, "selected": value == facet["selected"],
             "href": _url(kept, **{facet["name"]: "" if value == facet["selected"] else value})}
            for value, count in facet["values"]
        ]
        facets.append({**facet, "values": values})
    shown = {k: v for k, v in page.filters.items()}
    what = page.query or "all statements"
    charts = []
    if not page.error and page.total:
        charts.append(plot.svg_chart(
            page.by_year, title=plot.chart_title(what, "year", shown), xlabel="Year",
            width=CHART_WIDTH, height=240))
        charts.append(plot.svg_chart(
            page.by_country, title=plot.chart_title(what, "country", shown),
            xlabel="Country or speaker", horizontal=True, width=CHART_WIDTH))
    context = {
        "page": page,
        "facets": facets,
        "charts": charts,
        "prev_url": _url(kept, page=page.page - 1) if page.page > 1 else None,
        "next_url": _url(kept, page=page.page + 1) if page.page < page.pages else None,
        "clear_urls": [(k, v, _url(kept, **{k: ""})) for k, v in page.filters.items()],
        "table_url": datasette.urls.table(serve.DB_NAME, "statements"),
    }
    return await _render(datasette, request, "r2p_search.html", context,
                         status=400 if page.error else 200)


async def statement_view(datasette: Datasette, request: Request) -> Response:
    if refused := _read_only(request):
        return refused
    ident = unquote(request.url_vars["id"])
    db = datasette.get_database(serve.DB_NAME)
    try:
        st = await db.execute_fn(lambda conn: serve.statement_page(conn, ident))
    except UnusableInput as exc:
        return await _render(datasette, request, "r2p_error.html", {"message": str(exc)}, 400)
    except LookupError as exc:
        return await _render(datasette, request, "r2p_error.html",
                             {"message": exc.args[0]}, 404)
    root = (_config(datasette) or {}).get("archive")
    if root is None:
        st["has_original"] = False  # a published database without the files
    return await _render(datasette, request, "r2p_statement.html", {"st": st})


async def original_view(datasette: Datasette, request: Request,
                        send: Callable[[dict[str, Any]], Awaitable[None]]) -> Response | None:
    if refused := _read_only(request):
        return refused
    ident = unquote(request.url_vars["id"])
    root = (_config(datasette) or {}).get("archive")
    db = datasette.get_database(serve.DB_NAME)
    try:
        st = await db.execute_fn(lambda conn: serve.statement_page(conn, ident))
    except (UnusableInput, LookupError) as exc:
        return await _render(datasette, request, "r2p_error.html",
                             {"message": str(exc.args[0])}, 404)
    path = serve.original_file(Path(root), st) if root else None
    if path is None:
        return await _render(datasette, request, "r2p_error.html", {
            "message": f"the archive holds no original document for statement {st['id']}"}, 404)
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    await asgi_send_file(send, path, content_type=ctype,
                         headers={"content-disposition": f'inline; filename="{path.name}"'})
    return None  # the file was sent


@hookimpl
def register_routes(datasette: Datasette) -> list[tuple[str, View]]:
    if _config(datasette) is None:
        return []
    return [
        (r"^/$", search_view),
        (r"^/statement/(?P<id>[^/]+)$", statement_view),
        (r"^/original/(?P<id>[^/]+)$", original_view),
    ]


@hookimpl
def extra_css_urls(datasette: Datasette) -> list[str]:
    if _config(datasette) is None:
        return []
    return ["/r2p-static/r2p.css"]


@hookimpl
def menu_links(datasette: Datasette) -> list[dict[str, str]]:
    if _config(datasette) is None:
        return []
    return [
        {"href": "/", "label": "Search statements"},
        {"href": datasette.urls.table(serve.DB_NAME, "statements"), "label": "Browse the table"},
    ]


@hookimpl
def filters_from_request(request: Request, database: str, table: str, datasette: Datasette
                         ) -> FilterArguments | None:
    """``?_r2p=QUERY`` on the statements table: the query language of `r2p search`."""
    if _config(datasette) is None or table != "statements" or "_r2p" not in request.args:
        return None
    query = request.args.get("_r2p")
    try:
        match = serve.match_expression(query)
    except UnusableInput as exc:
        raise DatasetteError(f"search: {exc}", status=400) from None
    return FilterArguments(
        ["num IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :r2p_match)"],
        {"r2p_match": match},
        [f'match the search "{query}"'],
    )
