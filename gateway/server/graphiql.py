"""GraphiQL, served entirely by the gateway: intranet deployments have no CDN to load it from."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).parent / "static" / "graphiql"
STATIC_ROUTE_NAME = "graphiql-static"

#: The vendored files are not content-hashed, so cache for a day and revalidate with ETag.
STATIC_CACHE_CONTROL = "public, max-age=86400"

_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tongban GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{css}">
    <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script id="graphiql-config" type="application/json">{config}</script>
    <script src="{react}"></script>
    <script src="{react_dom}"></script>
    <script src="{graphiql}"></script>
    <script src="{init}"></script>
  </body>
</html>
"""


class CachedStaticFiles(StaticFiles):
    """StaticFiles that also tells browsers how long to keep the (large) GraphiQL bundle."""

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = STATIC_CACHE_CONTROL
        return response


def graphiql_page(request: Request, *, graphql_url: str, default_query: str | None) -> HTMLResponse:
    """The GraphiQL HTML shell; settings travel as inert JSON so no inline script is needed."""

    def asset(name: str) -> str:
        return escape(request.url_for(STATIC_ROUTE_NAME, path=name).path)

    config = {"url": graphql_url, "defaultQuery": default_query}
    # "<" escaped so a query containing "</script>" cannot end the JSON block early.
    config_json = orjson.dumps(config).decode().replace("<", "\\u003c")
    html = _PAGE.format(
        css=asset("graphiql.min.css"),
        react=asset("react.production.min.js"),
        react_dom=asset("react-dom.production.min.js"),
        graphiql=asset("graphiql.min.js"),
        init=asset("tongban-graphiql.js"),
        config=config_json,
    )
    return HTMLResponse(html, headers={"Vary": "Accept"})
