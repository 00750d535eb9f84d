"""GraphQL-over-HTTP behaviour of the app: methods, negotiation, status codes, refusals."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import orjson
import pytest
from starlette.applications import Starlette

from gateway.server import create_app

from .fakes import EchoPipeline

pytestmark = pytest.mark.asyncio

JSON = "application/json; charset=utf-8"
GRAPHQL_JSON = "application/graphql-response+json; charset=utf-8"


def error_code(response: httpx.Response) -> str:
    """The body must be a GraphQL response carrying exactly one coded error."""
    body = orjson.loads(response.content)
    assert set(body) == {"errors"}
    [error] = body["errors"]
    assert isinstance(error["message"], str) and error["message"]
    code: str = error["extensions"]["code"]
    return code


async def post(client: httpx.AsyncClient, body: Any, accept: str | None = None, **headers: str) -> httpx.Response:
    headers = {"content-type": "application/json", **headers}
    if accept is not None:
        headers["accept"] = accept
    content = body if isinstance(body, bytes) else orjson.dumps(body)
    return await client.post("/graphql", content=content, headers=headers)


async def test_post_passes_every_parameter_to_the_pipeline(client: httpx.AsyncClient) -> None:
    body = {"query": "query Q { a }", "operationName": "Q", "variables": {"x": [1]}, "extensions": {"e": True}}
    response = await post(client, body)
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    assert response.headers["vary"] == "Accept"
    echo = response.json()["data"]["echo"]
    assert echo == {**body, "method": "POST"}


async def test_null_optional_parameters_count_as_absent(client: httpx.AsyncClient) -> None:
    body = {"query": "{ a }", "operationName": None, "variables": None, "extensions": None, "unknown": 1}
    response = await post(client, body)
    assert response.status_code == 200
    echo = response.json()["data"]["echo"]
    assert echo == {"query": "{ a }", "operationName": None, "variables": None, "extensions": None, "method": "POST"}


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/graphql-response+json", GRAPHQL_JSON),
        ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_JSON),
        ("application/json;q=0.5, application/graphql-response+json", GRAPHQL_JSON),
        ("application/json, application/graphql-response+json", JSON),
        ("application/graphql-response+json;q=0, */*", JSON),
        ("application/json, multipart/mixed", JSON),  # what GraphiQL's fetcher sends
        ("text/html, */*;q=0.1", JSON),  # GraphiQL only ever answers a GET
    ],
)
async def test_content_negotiation(client: httpx.AsyncClient, accept: str | None, content_type: str) -> None:
    response = await post(client, {"query": "{ a }"}, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.json()["data"]["echo"]["query"] == "{ a }"


@pytest.mark.parametrize("accept", ["text/plain", "application/json;q=0", "text/html", "application/xml, image/*"])
async def test_unacceptable_accept_is_406(client: httpx.AsyncClient, pipeline: EchoPipeline, accept: str) -> None:
    response = await post(client, {"query": "{ a }"}, accept)
    assert response.status_code == 406
    assert response.headers["content-type"] == JSON
    assert error_code(response) == "NOT_ACCEPTABLE"
    assert pipeline.requests == []


@pytest.mark.parametrize(
    ("accept", "status", "content_type"),
    [("application/json", 200, JSON), ("application/graphql-response+json", 400, GRAPHQL_JSON)],
)
async def test_request_error_status_depends_on_media_type(
    client: httpx.AsyncClient, accept: str, status: int, content_type: str
) -> None:
    response = await post(client, {"query": "invalid"}, accept)
    assert response.status_code == status
    assert response.headers["content-type"] == content_type
    assert error_code(response) == "GRAPHQL_PARSE_FAILED"


async def test_get_reads_the_query_string(client: httpx.AsyncClient) -> None:
    params = {"query": "query Q($x: Int) { a(x: $x) }", "operationName": "Q", "variables": '{"x": 1}',
              "extensions": '{"persistedQuery": {"version": 1}}'}  # fmt: skip
    response = await client.get("/graphql", params=params, headers={"accept": "application/graphql-response+json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_JSON
    assert response.json()["data"]["echo"] == {
        "query": params["query"],
        "operationName": "Q",
        "variables": {"x": 1},
        "extensions": {"persistedQuery": {"version": 1}},
        "method": "GET",
    }


async def test_get_empty_optional_parameters_count_as_absent(client: httpx.AsyncClient) -> None:
    params = {"query": "{ a }", "operationName": "", "variables": "", "extensions": ""}
    response = await client.get("/graphql", params=params)
    assert response.status_code == 200
    echo = response.json()["data"]["echo"]
    assert (echo["operationName"], echo["variables"], echo["extensions"]) == (None, None, None)


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
async def test_mutation_over_get_is_405(client: httpx.AsyncClient, accept: str) -> None:
    response = await client.get("/graphql", params={"query": "mutation { a }"}, headers={"accept": accept})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_code(response) == "METHOD_NOT_ALLOWED"


async def test_mutation_over_post_runs(client: httpx.AsyncClient) -> None:
    response = await post(client, {"query": "mutation { a }"})
    assert response.status_code == 200
    assert response.json()["data"]["echo"]["method"] == "POST"


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
@pytest.mark.parametrize(
    "body",
    [
        b"NONSENSE",
        b'{"query":',
        b"",
        b'{"query": "\xff"}',  # not UTF-8
        [{"query": "{ a }"}],  # batching is not supported
        "{ a }",
        42,
        None,
        {"qeury": "{ a }"},
        {"query": None},
        {"query": 1},
        {"query": ["{ a }"]},
        {"query": "{ a }", "variables": [7]},
        {"query": "{ a }", "variables": "{}"},
        {"query": "{ a }", "extensions": 1},
        {"query": "{ a }", "operationName": 1},
    ],
)
async def test_malformed_post_is_400(client: httpx.AsyncClient, pipeline: EchoPipeline, body: Any, accept: str) -> None:
    response = await post(client, body, accept)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(accept)
    assert error_code(response) == "BAD_REQUEST"
    assert pipeline.requests == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"operationName": "Q"},
        {"query": "{ a }", "variables": "{"},
        {"query": "{ a }", "variables": "[1]"},
        {"query": "{ a }", "extensions": '"x"'},
    ],
)
async def test_malformed_get_is_400(client: httpx.AsyncClient, params: dict[str, str]) -> None:
    response = await client.get("/graphql", params=params, headers={"accept": "application/json"})
    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
        "application/json; charset=latin-1",
    ],
)
async def test_unsupported_content_type_is_415(client: httpx.AsyncClient, content_type: str | None) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = await client.post("/graphql", content=b'{"query": "{ a }"}', headers=headers)
    assert response.status_code == 415
    assert error_code(response) == "UNSUPPORTED_MEDIA_TYPE"


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=UTF-8", "Application/JSON", "application/json;charset=utf8"]
)
async def test_json_content_type_variants_are_accepted(client: httpx.AsyncClient, content_type: str) -> None:
    response = await client.post("/graphql", content=b'{"query": "{ a }"}', headers={"content-type": content_type})
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_405(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/graphql", content=b'{"query": "{ a }"}')
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert error_code(response) == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("query", ["boom", "unserializable"])
@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
async def test_pipeline_failure_is_500_without_leaks(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, query: str, accept: str
) -> None:
    with caplog.at_level(logging.ERROR, logger="gateway.server.app"):
        response = await post(client, {"query": query}, accept)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith(accept)
    assert error_code(response) == "INTERNAL_SERVER_ERROR"
    assert b"Traceback" not in response.content and b"/etc/tongban" not in response.content
    assert any(record.exc_info for record in caplog.records), "the failure must be logged with its traceback"


async def test_header_names_reach_the_pipeline_lower_cased(client: httpx.AsyncClient, pipeline: EchoPipeline) -> None:
    headers = [("Content-Type", "application/json"), ("X-Tenant-ID", "t1"), ("X-Trace", "a"), ("X-Trace", "b")]
    response = await client.post("/graphql", content=b'{"query": "{ a }"}', headers=headers)
    assert response.status_code == 200
    [request] = pipeline.requests
    assert request.headers["x-tenant-id"] == "t1"
    assert request.headers["x-trace"] == "a, b"
    assert all(name == name.lower() for name in request.headers)


async def test_not_ready_gateway_answers_503(client: httpx.AsyncClient, pipeline: EchoPipeline) -> None:
    pipeline.ready = False
    response = await post(client, {"query": "{ a }"})
    assert response.status_code == 503
    assert error_code(response) == "SERVICE_UNAVAILABLE"
    assert pipeline.requests == []


async def test_health(client: httpx.AsyncClient, pipeline: EchoPipeline) -> None:
    response = await client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    pipeline.ready = False
    response = await client.get("/health")
    assert response.status_code == 503


async def test_lifespan_starts_and_stops_the_pipeline(app: Starlette, pipeline: EchoPipeline) -> None:
    async with app.router.lifespan_context(app):
        assert pipeline.started and not pipeline.stopped
    assert pipeline.stopped


async def test_custom_graphql_path(pipeline: EchoPipeline) -> None:
    app = create_app(pipeline, graphql_path="/api/graphql")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        assert (await client.post("/api/graphql", json={"query": "{ a }"})).status_code == 200
        assert (await client.post("/graphql", json={"query": "{ a }"})).status_code == 404
