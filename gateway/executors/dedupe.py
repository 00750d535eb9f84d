"""Identical subgraph requests in flight at the same time share one round trip.

Under load many client requests fetch the same entities from the same subgraph at once;
one HTTP request answers them all (as Apollo Router's and Hive Gateway's subgraph
deduplication do). Only the bytes are shared: every caller decodes its own copy, since
the executor merges answers into its response tree in place.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..dedupe import InFlight
from .http import HttpTransport, decode_graphql_response
from .transport import SubgraphRequest


class DedupingTransport:
    def __init__(self, inner: HttpTransport) -> None:
        self.inner = inner
        self._in_flight: InFlight[tuple[int, bytes]] = InFlight()

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        if not request.shareable:
            return await self.inner.send(request)
        body = orjson.dumps(request.body())
        key = (request.url, body, tuple(sorted(request.headers.items())))
        status, payload = await self._in_flight.run(key, lambda: self.inner.post(request, body))
        return decode_graphql_response(request.subgraph, status, payload)

    async def close(self) -> None:
        await self.inner.close()
