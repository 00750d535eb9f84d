"""Bad input through the real gateway: ``Gateway`` (parse, validate, plan, coerce) behind
``create_app``, over the committed ``mutations`` supergraph.

tests/server/ checks the HTTP layer against a fake pipeline; here every refusal comes from
the real pipeline, for both media types of the GraphQL-over-HTTP draft: with
``application/json`` a request that reached GraphQL is answered 200, with
``application/graphql-response+json`` a request error is 400. Whatever the input, the
answer is a GraphQL-shaped JSON body, never a 500 or a traceback: the ASGI transport
re-raises any exception of the app into the test. No request here reaches a subgraph (their
URLs are the supergraph's unreachable placeholders: a fetch would show up as an error).
Messages are graphql-core 3.3's (pyproject pins >=3.3.2,<3.4).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import pytest_asyncio

from gateway.config import GatewayConfig
from gateway.pipeline import Gateway
from gateway.server.app import create_app
from gateway.supergraph import load_supergraph_file

pytestmark = pytest.mark.asyncio

SUPERGRAPH = Path(__file__).resolve().parent / "fixtures" / "supergraphs" / "mutations.graphql"
JSON = "application/json"
GRAPHQL_JSON = "application/graphql-response+json"
#: (Accept, status of a GraphQL request error)
MEDIA = [pytest.param(JSON, 200, id="json"), pytest.param(GRAPHQL_JSON, 400, id="graphql-response")]


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    gateway = Gateway(load_supergraph_file(SUPERGRAPH), GatewayConfig())
    app = create_app(gateway, graphiql=False)
    transport = httpx.ASGITransport(app=app)  # raise_app_exceptions: a crash fails the test
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client
    finally:
        await gateway.shutdown()


async def post(client: httpx.AsyncClient, body: Any, accept: str) -> httpx.Response:
    content = body if isinstance(body, bytes) else orjson.dumps(body)
    return await client.post("/graphql", content=content, headers={"content-type": JSON, "accept": accept})


def check(response: httpx.Response, status: int, accept: str, body: dict[str, Any]) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    assert "Traceback" not in response.text
    assert response.json() == body


def error(message: str, code: str, *locations: tuple[int, int]) -> dict[str, Any]:
    entry: dict[str, Any] = {"message": message}
    if locations:
        entry["locations"] = [{"line": line, "column": column} for line, column in locations]
    entry["extensions"] = {"code": code}
    return entry


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
async def test_sound_request_still_works(client: httpx.AsyncClient, accept: str, _status: int) -> None:
    check(await post(client, {"query": "{ __typename }"}, accept), 200, accept, {"data": {"__typename": "Query"}})


# ------------------------------------------------------- not a GraphQL-over-HTTP request


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"query": ', "The request body is not valid JSON"),
        (b"query { __typename }", "The request body is not valid JSON"),
        (b'["{ __typename }"]', "The request body must be a JSON object"),
        (b'{"variables": {}}', "The 'query' parameter is required"),
        (b'{"query": null}', "The 'query' parameter is required"),
        (b'{"query": 42}', "The 'query' parameter must be a string"),
        (b'{"query": "{ __typename }", "variables": [1]}', "The 'variables' parameter must be an object"),
        (b'{"query": "{ __typename }", "operationName": 7}', "The 'operationName' parameter must be a string"),
    ],
    ids=["truncated", "not-json", "array", "no-query", "null-query", "number-query", "variables-list", "name-number"],
)
async def test_malformed_request_is_400_for_both_media_types(
    client: httpx.AsyncClient, accept: str, _status: int, body: bytes, message: str
) -> None:
    check(await post(client, body, accept), 400, accept, {"errors": [error(message, "BAD_REQUEST")]})


# ------------------------------------------------------------- GraphQL request errors


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_empty_query_string(client: httpx.AsyncClient, accept: str, status: int) -> None:
    response = await post(client, {"query": ""}, accept)
    check(response, status, accept, {"errors": [error("Must provide query string.", "BAD_REQUEST")]})


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_syntax_error_has_location_and_parse_code(client: httpx.AsyncClient, accept: str, status: int) -> None:
    response = await post(client, {"query": '{ person(id: "p1") { name }'}, accept)
    body = {"errors": [error("Syntax Error: Expected Name, found <EOF>.", "GRAPHQL_PARSE_FAILED", (1, 28))]}
    check(response, status, accept, body)


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_syntax_error_on_a_later_line(client: httpx.AsyncClient, accept: str, status: int) -> None:
    query = 'query Lookup {\n  person(id: "p1") {\n    name(\n  }\n}'
    response = await post(client, {"query": query}, accept)
    body = {"errors": [error("Syntax Error: Expected Name, found '}'.", "GRAPHQL_PARSE_FAILED", (4, 3))]}
    check(response, status, accept, body)


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_validation_error(client: httpx.AsyncClient, accept: str, status: int) -> None:
    response = await post(client, {"query": '{ person(id: "p1") { nickname } }'}, accept)
    body = {
        "errors": [
            error("Cannot query field 'nickname' on type 'Person'. Did you mean 'name'?", "GRAPHQL_VALIDATION_FAILED",
                  (1, 22))
        ]
    }  # fmt: skip
    check(response, status, accept, body)


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_several_validation_errors_are_all_reported(client: httpx.AsyncClient, accept: str, status: int) -> None:
    response = await post(client, {"query": "{ person { name } missing }"}, accept)
    body = {
        "errors": [
            error("Argument 'Query.person(id:)' of type 'ID!' is required, but it was not provided.",
                  "GRAPHQL_VALIDATION_FAILED", (1, 3)),
            error("Cannot query field 'missing' on type 'Query'.", "GRAPHQL_VALIDATION_FAILED", (1, 19)),
        ]
    }  # fmt: skip
    check(response, status, accept, body)


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_unknown_operation_name(client: httpx.AsyncClient, accept: str, status: int) -> None:
    body = {"query": "query A { __typename } query B { __typename }", "operationName": "C"}
    check(await post(client, body, accept), status, accept,
          {"errors": [error("Unknown operation named 'C'.", "OPERATION_NOT_FOUND")]})  # fmt: skip


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_several_operations_without_operation_name(client: httpx.AsyncClient, accept: str, status: int) -> None:
    response = await post(client, {"query": "query A { __typename } query B { __typename }"}, accept)
    message = "Must provide operation name if query contains multiple operations."
    check(response, status, accept, {"errors": [error(message, "OPERATION_NOT_FOUND")]})


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
async def test_operation_name_selects_among_several(client: httpx.AsyncClient, accept: str, _status: int) -> None:
    body = {"query": "query A { a: __typename } query B { b: __typename }", "operationName": "B"}
    check(await post(client, body, accept), 200, accept, {"data": {"b": "Query"}})


@pytest.mark.parametrize(("accept", "status"), MEDIA)
@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"id": {"x": 1}}, "Variable '$id' has invalid value: ID cannot represent value: {'x': 1}"),
        ({"id": True}, "Variable '$id' has invalid value: ID cannot represent value: True"),
        ({"id": None}, "Variable '$id' has invalid value: Expected value of non-null type 'ID!' not to be null."),
        ({}, "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided."),
        (None, "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided."),
    ],
    ids=["object", "boolean", "null", "missing", "no-variables"],
)
async def test_bad_variables_are_bad_user_input(
    client: httpx.AsyncClient, accept: str, status: int, variables: dict[str, Any] | None, message: str
) -> None:
    body: dict[str, Any] = {"query": "query Lookup($id: ID!) { person(id: $id) { name } }"}
    if variables is not None:
        body["variables"] = variables
    check(await post(client, body, accept), status, accept, {"errors": [error(message, "BAD_USER_INPUT", (1, 14))]})


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_bad_input_object_field_in_mutation_variables(
    client: httpx.AsyncClient, accept: str, status: int
) -> None:
    query = (
        "mutation Issue($holder: ID!, $category: String!) "
        "{ issueLicence(holderId: $holder, category: $category) { number } }"
    )
    response = await post(client, {"query": query, "variables": {"holder": "p1", "category": ["B"]}}, accept)
    message = "Variable '$category' has invalid value: String cannot represent a non string value: ['B']"
    check(response, status, accept, {"errors": [error(message, "BAD_USER_INPUT", (1, 30))]})


# ------------------------------------------------------------------------- GET


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
async def test_mutation_over_get_is_405(client: httpx.AsyncClient, accept: str, _status: int) -> None:
    params = {"query": 'mutation Register { registerPerson(name: "Eve") { id } }'}
    response = await client.get("/graphql", params=params, headers={"accept": accept})
    check(response, 405, accept, {"errors": [
        error("Can only perform a mutation operation from a POST request.", "METHOD_NOT_ALLOWED")]})  # fmt: skip
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
async def test_mutation_selected_by_name_over_get_is_405(client: httpx.AsyncClient, accept: str, _status: int) -> None:
    params = {
        "query": 'query Q { __typename } mutation M { registerPerson(name: "Eve") { id } }',
        "operationName": "M",
    }
    response = await client.get("/graphql", params=params, headers={"accept": accept})
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize(("accept", "status"), MEDIA)
async def test_get_request_errors_match_post(client: httpx.AsyncClient, accept: str, status: int) -> None:
    params = {"query": "{ person(id: 1) { nickname } }"}
    response = await client.get("/graphql", params=params, headers={"accept": accept})
    body = {
        "errors": [
            error("Cannot query field 'nickname' on type 'Person'. Did you mean 'name'?", "GRAPHQL_VALIDATION_FAILED",
                  (1, 19))
        ]
    }  # fmt: skip
    check(response, status, accept, body)
    response = await client.get("/graphql", params={"query": "{ __typename }", "variables": "{not json"},
                                headers={"accept": accept})  # fmt: skip
    check(response, 400, accept, {"errors": [error("The 'variables' parameter is not valid JSON", "BAD_REQUEST")]})


@pytest.mark.parametrize(("accept", "_status"), MEDIA)
async def test_query_over_get_works(client: httpx.AsyncClient, accept: str, _status: int) -> None:
    response = await client.get("/graphql", params={"query": "query Q { __typename }"}, headers={"accept": accept})
    check(response, 200, accept, {"data": {"__typename": "Query"}})
