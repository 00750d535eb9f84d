"""What every HTTP transport shares: encode the request, read the answer as GraphQL.

Concrete transports only move bytes (:meth:`HttpTransport.post`); keeping decoding here
lets wrappers such as :class:`~gateway.executors.dedupe.DedupingTransport` share one
round trip while each caller still decodes its own copy of the answer.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import orjson

from .transport import SubgraphError, SubgraphRequest

JSON_HEADERS = {"content-type": "application/json", "accept": "application/graphql-response+json, application/json"}


class HttpTransport(ABC):
    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        status, payload = await self.post(request, orjson.dumps(request.body()))
        return decode_graphql_response(request.subgraph, status, payload)

    @abstractmethod
    async def post(self, request: SubgraphRequest, body: bytes) -> tuple[int, bytes]:
        """POST ``body`` to the subgraph: (status, response body), or :class:`SubgraphError`."""

    @abstractmethod
    async def close(self) -> None: ...


def decode_graphql_response(subgraph: str, status: int, body: bytes) -> dict[str, Any]:
    """A JSON object with ``data`` or ``errors`` is a GraphQL response whatever the status."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        payload = None
    if isinstance(payload, dict) and ("data" in payload or "errors" in payload):
        return payload
    if status >= 400:
        raise SubgraphError(subgraph, f"HTTP fetch failed from '{subgraph}': {status}")
    raise SubgraphError(subgraph, f"HTTP fetch failed from '{subgraph}': the response is not a GraphQL response")
