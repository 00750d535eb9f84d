"""Read a GraphQL-over-HTTP request (GET query string or POST JSON body) off the wire.

Anything that is not a well-formed GraphQL-over-HTTP request is refused here,
with the status the spec asks for, so the pipeline only ever sees sound input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.requests import Request

from gateway.request import GraphQLRequest


class RequestRejected(Exception):
    """The request never reaches GraphQL: answer ``status_code`` with this message and code."""

    def __init__(self, status_code: int, message: str, code: str = "BAD_REQUEST") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.code = code


async def read_graphql_request(request: Request) -> GraphQLRequest:
    """Build the pipeline's request from a GET or POST on the GraphQL path."""
    if request.method == "GET":
        params = _params_from_query_string(request)
    else:
        params = await _params_from_json_body(request)
    return GraphQLRequest(
        query=_query(params),
        operation_name=_optional(params, "operationName", str, "a string"),
        variables=_optional(params, "variables", dict, "an object"),
        extensions=_optional(params, "extensions", dict, "an object"),
        headers=_headers(request),
        http_method=request.method,
    )


def _params_from_query_string(request: Request) -> dict[str, Any]:
    """GET parameters are strings; variables and extensions carry JSON, and '' means absent."""
    params: dict[str, Any] = {}
    for name, value in request.query_params.items():
        if name == "query":
            params[name] = value
        elif value == "":
            continue
        elif name in ("variables", "extensions"):
            params[name] = _decode_json(value, f"The '{name}' parameter is not valid JSON")
        else:
            params[name] = value
    return params


async def _params_from_json_body(request: Request) -> dict[str, Any]:
    _check_content_type(request.headers.get("content-type"))
    body = _decode_json(await request.body(), "The request body is not valid JSON")
    if not isinstance(body, dict):
        raise RequestRejected(400, "The request body must be a JSON object")
    return body


def _check_content_type(content_type: str | None) -> None:
    """Only UTF-8 ``application/json`` bodies: the one encoding every GraphQL client speaks."""
    media_type, *params = (part.strip().lower() for part in (content_type or "").split(";"))
    charsets = [value.strip('"') for name, _, value in (p.partition("=") for p in params) if name.strip() == "charset"]
    if media_type != "application/json" or any(charset not in ("utf-8", "utf8") for charset in charsets):
        received = repr(content_type) if content_type else "none"
        raise RequestRejected(
            415, f"POST bodies must be UTF-8 application/json (Content-Type: {received})", "UNSUPPORTED_MEDIA_TYPE"
        )


def _decode_json(raw: str | bytes, message: str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestRejected(400, message) from None


def _query(params: Mapping[str, Any]) -> str:
    query = params.get("query")
    if query is None:
        raise RequestRejected(400, "The 'query' parameter is required")
    if not isinstance(query, str):
        raise RequestRejected(400, "The 'query' parameter must be a string")
    return query


def _optional(params: Mapping[str, Any], name: str, kind: type, description: str) -> Any:
    """An optional parameter of the given JSON kind; null counts as absent."""
    value = params.get(name)
    if value is not None and not isinstance(value, kind):
        raise RequestRejected(400, f"The '{name}' parameter must be {description}")
    return value


def _headers(request: Request) -> dict[str, str]:
    """Lower-cased names; repeated headers joined with ', ' as RFC 9110 §5.3 allows."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in request.headers.raw:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers
