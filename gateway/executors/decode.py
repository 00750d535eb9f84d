"""Read a subgraph's HTTP answer as a GraphQL response, or say clearly why it is not one."""

from __future__ import annotations

from typing import Any

import orjson

from .transport import SubgraphError


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
