"""Subgraph transport over aiohttp: one shared keep-alive session per process.

Chosen as the hot-path default by measurement (benchmarks/RESULTS.md): far less CPU per
request than httpx at high concurrency.
"""

from __future__ import annotations

import aiohttp
import orjson

from .http import JSON_HEADERS, HttpTransport
from .transport import SubgraphError, SubgraphRequest


class AiohttpTransport(HttpTransport):
    def __init__(self, default_timeout: float = 30.0, max_connections: int = 100) -> None:
        self.default_timeout = default_timeout
        self.max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.max_connections, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, json_serialize=lambda o: orjson.dumps(o).decode()
            )
        return self._session

    async def post(self, request: SubgraphRequest, body: bytes) -> tuple[int, bytes]:
        headers = {**request.headers, **JSON_HEADERS}
        timeout = aiohttp.ClientTimeout(total=request.timeout or self.default_timeout)
        try:
            async with self._client().post(request.url, data=body, headers=headers, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise SubgraphError(
                request.subgraph, f"Request to subgraph '{request.subgraph}' timed out", "SUBREQUEST_TIMEOUT"
            ) from error
        except (aiohttp.ClientError, OSError) as error:
            raise SubgraphError(request.subgraph, f"HTTP fetch failed from '{request.subgraph}': {error}") from error

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
