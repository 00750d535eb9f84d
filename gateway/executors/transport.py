"""The interface between the executor and the wire: send one GraphQL request to a subgraph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class SubgraphRequest:
    subgraph: str
    url: str
    query: str
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    #: seconds; None means the transport's default
    timeout: float | None = None
    #: may share a round trip with an identical request in flight (queries, not mutations)
    shareable: bool = True

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"query": self.query}
        if self.variables:
            body["variables"] = self.variables
        if self.operation_name:
            body["operationName"] = self.operation_name
        return body


class SubgraphError(Exception):
    """A subgraph could not be reached or did not answer with a GraphQL response."""

    def __init__(self, subgraph: str, message: str, code: str = "SUBREQUEST_HTTP_ERROR") -> None:
        super().__init__(message)
        self.subgraph = subgraph
        self.code = code


class Transport(Protocol):
    """Sends a request and returns the decoded GraphQL response body (a JSON object).

    Implementations raise :class:`SubgraphError` on connection failures, timeouts,
    non-JSON answers and HTTP errors without a GraphQL body.
    """

    async def send(self, request: SubgraphRequest) -> dict[str, Any]: ...

    async def close(self) -> None: ...
