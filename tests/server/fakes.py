"""Test doubles for the pipeline the HTTP layer serves."""

from __future__ import annotations

from typing import Any

from gateway.request import GraphQLRequest, GraphQLResponse, Outcome


class EchoPipeline:
    """Echoes the request back; a few magic queries trigger the other outcomes."""

    def __init__(self) -> None:
        self.ready = True
        self.started = False
        self.stopped = False
        self.requests: list[GraphQLRequest] = []

    async def handle(self, request: GraphQLRequest) -> GraphQLResponse:
        self.requests.append(request)
        query = request.query or ""
        if query == "boom":
            raise RuntimeError("secret internals in /etc/tongban")
        if query == "unserializable":
            return GraphQLResponse({"data": {"value": object()}})
        if query == "invalid":
            return GraphQLResponse.request_error("Syntax Error: Unexpected Name 'invalid'.", "GRAPHQL_PARSE_FAILED")
        if request.http_method == "GET" and query.lstrip().startswith("mutation"):
            return GraphQLResponse(
                {"errors": [{"message": "Mutations need POST", "extensions": {"code": "METHOD_NOT_ALLOWED"}}]},
                Outcome.METHOD_NOT_ALLOWED,
            )
        echo: dict[str, Any] = {
            "query": request.query,
            "operationName": request.operation_name,
            "variables": request.variables,
            "extensions": request.extensions,
            "method": request.http_method,
        }
        return GraphQLResponse({"data": {"echo": echo}})

    async def startup(self) -> None:
        self.started = True

    async def shutdown(self) -> None:
        self.stopped = True
