"""Subgraph transport over httpx: one shared keep-alive client per process."""

from __future__ import annotations

import httpx

from .http import JSON_HEADERS, HttpTransport
from .transport import SubgraphError, SubgraphRequest


class HttpxTransport(HttpTransport):
    def __init__(self, default_timeout: float = 30.0, max_connections: int = 100) -> None:
        self.default_timeout = default_timeout
        self._client = httpx.AsyncClient(limits=httpx.Limits(max_connections=max_connections))

    async def post(self, request: SubgraphRequest, body: bytes) -> tuple[int, bytes]:
        headers = {**request.headers, **JSON_HEADERS}
        try:
            response = await self._client.post(
                request.url,
                content=body,
                headers=headers,
                timeout=request.timeout or self.default_timeout,
            )
        except httpx.TimeoutException as error:
            raise SubgraphError(
                request.subgraph, f"Request to subgraph '{request.subgraph}' timed out", "SUBREQUEST_TIMEOUT"
            ) from error
        except httpx.HTTPError as error:
            raise SubgraphError(request.subgraph, f"HTTP fetch failed from '{request.subgraph}': {error}") from error
        return response.status_code, response.content

    async def close(self) -> None:
        await self._client.aclose()
