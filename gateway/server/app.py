"""The gateway's HTTP face: GraphQL-over-HTTP, a health probe and GraphiQL.

Status codes and media types follow the GraphQL-over-HTTP draft as of 2025-05
(https://graphql.github.io/graphql-over-http/draft/): ``application/json``
keeps legacy clients on 200 for every request that reached GraphQL, while
``application/graphql-response+json`` uses 4xx for request errors.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route, request_response
from starlette.types import Receive, Scope, Send

from gateway.request import GraphQLRequest, GraphQLResponse, Outcome
from gateway.server.graphiql import STATIC_DIR, STATIC_ROUTE_NAME, CachedStaticFiles, graphiql_page
from gateway.server.negotiation import GRAPHQL_RESPONSE_JSON, HTML, JSON, negotiate
from gateway.server.params import RequestRejected, read_graphql_request

logger = logging.getLogger(__name__)

#: JSON first: with an absent or ``*/*`` Accept header, legacy clients get what they expect.
GRAPHQL_MEDIA_TYPES = (JSON, GRAPHQL_RESPONSE_JSON)
GRAPHQL_METHODS = "GET, POST"


class Pipeline(Protocol):
    """What the HTTP layer needs from the gateway; the planner/executor provides it."""

    #: True once the supergraph is loaded
    ready: bool

    async def handle(self, request: GraphQLRequest) -> GraphQLResponse: ...

    async def startup(self) -> None: ...

    async def shutdown(self) -> None: ...


def create_app(
    pipeline: Pipeline,
    *,
    graphql_path: str = "/graphql",
    graphiql: bool = True,
    graphiql_default_query: str | None = None,
    graphiql_static_path: str = "/graphiql-static",
) -> Starlette:
    """A Starlette app serving ``pipeline``; its lifespan starts and stops the pipeline."""

    async def graphql(request: Request) -> Response:
        accept = request.headers.get("accept")
        if graphiql and _wants_graphiql(request, accept):
            return graphiql_page(
                request, graphql_url=request.url_for("graphql").path, default_query=graphiql_default_query
            )
        media_type = negotiate(accept, GRAPHQL_MEDIA_TYPES)
        if media_type is None:
            message = f"Cannot answer with any type in Accept: {accept!r}; accept {' or '.join(GRAPHQL_MEDIA_TYPES)}"
            return _error(406, JSON, message, "NOT_ACCEPTABLE")
        if request.method not in ("GET", "POST"):
            message = f"Method {request.method} is not allowed: use GET or POST"
            return _error(405, media_type, message, "METHOD_NOT_ALLOWED", {"Allow": GRAPHQL_METHODS})
        try:
            graphql_request = await read_graphql_request(request)
        except RequestRejected as rejected:
            return _error(rejected.status_code, media_type, rejected.message, rejected.code)
        if not pipeline.ready:
            return _error(503, media_type, "The gateway has not loaded its supergraph yet", "SERVICE_UNAVAILABLE")
        try:
            result = await pipeline.handle(graphql_request)
            body = orjson.dumps(result.payload)
        except Exception:
            logger.exception("GraphQL pipeline failed on operation %r", graphql_request.operation_name)
            return _error(500, media_type, "Internal server error", "INTERNAL_SERVER_ERROR")
        headers = {"Allow": "POST"} if result.outcome is Outcome.METHOD_NOT_ALLOWED else None
        return _graphql_response(body, _status(result.outcome, media_type), media_type, headers)

    async def health(request: Request) -> Response:
        if pipeline.ready:
            return Response(orjson.dumps({"status": "ok"}), media_type=JSON)
        return Response(orjson.dumps({"status": "unavailable"}), status_code=503, media_type=JSON)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pipeline.startup()
        try:
            yield
        finally:
            await pipeline.shutdown()

    routes: list[BaseRoute] = [
        Route(graphql_path, _EveryMethod(graphql), name="graphql"),
        Route("/health", health, methods=["GET"], name="health"),
    ]
    if graphiql:
        routes.append(Mount(graphiql_static_path, CachedStaticFiles(directory=STATIC_DIR), name=STATIC_ROUTE_NAME))
    return Starlette(routes=routes, lifespan=lifespan)


class _EveryMethod:
    """An endpoint as a plain ASGI app: Starlette routes those with every method, so an
    unsupported one reaches our GraphQL-shaped 405 instead of Starlette's plain-text one."""

    def __init__(self, endpoint: Callable[[Request], Awaitable[Response]]) -> None:
        self._app = request_response(endpoint)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)


def _wants_graphiql(request: Request, accept: str | None) -> bool:
    """A browser opening the endpoint: a GET with no query that prefers HTML over JSON."""
    return (
        request.method == "GET"
        and "query" not in request.query_params
        and negotiate(accept, (*GRAPHQL_MEDIA_TYPES, HTML)) == HTML
    )


def _status(outcome: Outcome, media_type: str) -> int:
    if outcome is Outcome.METHOD_NOT_ALLOWED:
        return 405
    if outcome is Outcome.REQUEST_ERROR and media_type == GRAPHQL_RESPONSE_JSON:
        return 400
    return 200


def _error(
    status_code: int, media_type: str, message: str, code: str, headers: dict[str, str] | None = None
) -> Response:
    """A GraphQL-shaped error body, so even refusals parse like any GraphQL response."""
    payload: dict[str, Any] = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return _graphql_response(orjson.dumps(payload), status_code, media_type, headers)


def _graphql_response(body: bytes, status_code: int, media_type: str, headers: dict[str, str] | None) -> Response:
    response = Response(body, status_code=status_code, media_type=f"{media_type}; charset=utf-8", headers=headers)
    response.headers["Vary"] = "Accept"
    return response
