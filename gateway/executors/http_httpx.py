"""Subgraph transport over httpx: one shared keep-alive client per process."""

from __future__ import annotations

from typing import Any

import httpx
import orjson

from .decode import decode_graphql_response
from .transport import SubgraphError, SubgraphRequest

_JSON_HEADERS = {"content-type": "application/json", "accept": "application/graphql-response+json, application/json"}


class HttpxTransport:
    def __init__(self, default_timeout: float = 30.0, max_connections: int = 100) -> None:
        self.default_timeout = default_timeout
        self._client = httpx.AsyncClient(limits=httpx.Limits(max_connections=max_connections))

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        headers = {**request.headers, **_JSON_HEADERS}
        try:
            response = await self._client.post(
                request.url,
                content=orjson.dumps(request.body()),
                headers=headers,
                timeout=request.timeout or self.default_timeout,
            )
        except httpx.TimeoutException as error:
            raise SubgraphError(
                request.subgraph, f"Request to subgraph '{request.subgraph}' timed out", "SUBREQUEST_TIMEOUT"
            ) from error
        except httpx.HTTPError as error:
            raise SubgraphError(request.subgraph, f"HTTP fetch failed from '{request.subgraph}': {error}") from error
        return decode_graphql_response(request.subgraph, response.status_code, response.content)

    async def close(self) -> None:
        await self._client.aclose()
