"""When the GraphQL path answers with the GraphiQL page, and how its assets are served."""

from __future__ import annotations

import re

import httpx
import orjson
import pytest

from gateway.server import create_app
from gateway.server.graphiql import STATIC_DIR

from .fakes import EchoPipeline

pytestmark = pytest.mark.asyncio

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ASSETS = ["graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js",
          "tongban-graphiql.js"]  # fmt: skip


async def test_browser_gets_the_page_with_local_assets(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["vary"] == "Accept"
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources == ["data:,"] + [f"/graphiql-static/{name}" for name in ASSETS]
    assert "http://" not in response.text and "https://" not in response.text


async def test_page_config_carries_url_and_default_query_safely(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    match = re.search(r'<script id="graphiql-config" type="application/json">(.*?)</script>', response.text)
    assert match is not None
    assert orjson.loads(match.group(1)) == {"url": "/graphql", "defaultQuery": "query Hello { hello } # </script>"}


@pytest.mark.parametrize(
    ("graphiql", "params", "accept"),
    [
        (True, {"query": "{ a }"}, BROWSER_ACCEPT),  # a query in the URL is a GraphQL request
        (True, {}, None),
        (True, {}, "application/json, text/html"),
        (False, {}, BROWSER_ACCEPT),
    ],
)
async def test_page_only_when_a_browser_asks_for_it(
    pipeline: EchoPipeline, graphiql: bool, params: dict[str, str], accept: str | None
) -> None:
    app = create_app(pipeline, graphiql=graphiql)
    headers = {} if accept is None else {"accept": accept}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        response = await client.get("/graphql", params=params, headers=headers)
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.status_code == (200 if params else 400)


async def test_no_assets_when_graphiql_is_off(pipeline: EchoPipeline) -> None:
    app = create_app(pipeline, graphiql=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        assert (await client.get("/graphiql-static/graphiql.min.js")).status_code == 404


@pytest.mark.parametrize("name", ASSETS)
async def test_assets_are_served_with_caching_headers(client: httpx.AsyncClient, name: str) -> None:
    response = await client.get(f"/graphiql-static/{name}")
    assert response.status_code == 200
    assert response.content == (STATIC_DIR / name).read_bytes()
    assert response.headers["cache-control"] == "public, max-age=86400"
    assert response.headers["content-type"].startswith("text/css" if name.endswith(".css") else "text/javascript")
    revalidated = await client.get(f"/graphiql-static/{name}", headers={"if-none-match": response.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.headers["cache-control"] == "public, max-age=86400"
