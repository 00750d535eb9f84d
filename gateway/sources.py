"""Subgraph SDLs for composition: read from files or fetched from running subgraphs.

A subgraph in the config (see :mod:`gateway.config`) with ``sdl_file`` is read from disk;
one without is asked ``{ _service { sdl } }`` at its URL, as Apollo's tools do. Every
failure names the subgraph, and all of them are reported together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx

from .composition import CompositionIssue, SubgraphSource
from .config import GatewayConfig, SubgraphConfig

SERVICE_QUERY = "query __ApolloGetServiceDefinition__ { _service { sdl } }"


class SourceError(Exception):
    """The SDL of one or more subgraphs could not be obtained: ``failures`` by subgraph."""

    def __init__(self, failures: Mapping[str, str]) -> None:
        self.failures = dict(failures)
        lines = [f"subgraph {name!r}: {reason}" for name, reason in self.failures.items()]
        super().__init__("; ".join(lines))


async def fetch_sdl(client: httpx.AsyncClient, url: str, timeout: float) -> str:
    """The SDL a running subgraph reports; ``ValueError`` with the reason otherwise."""
    try:
        response = await client.post(
            url,
            json={"query": SERVICE_QUERY, "operationName": "__ApolloGetServiceDefinition__"},
            headers={"accept": "application/graphql-response+json, application/json"},
            timeout=timeout,
        )
    except httpx.TimeoutException as error:
        raise ValueError(f"no answer from {url} within {timeout:g} s") from error
    except httpx.HTTPError as error:
        raise ValueError(f"unreachable at {url}: {error or type(error).__name__}") from error
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ValueError(f"{url} answered HTTP {response.status_code} without a GraphQL response")
    if body.get("errors"):
        messages = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in body["errors"])
        raise ValueError(f"{url} answered {{ _service {{ sdl }} }} with errors: {messages}")
    sdl = ((body.get("data") or {}).get("_service") or {}).get("sdl")
    if not isinstance(sdl, str) or not sdl.strip():
        raise ValueError(f"{url} returned no SDL for {{ _service {{ sdl }} }}")
    return sdl


async def _one_source(
    name: str, subgraph: SubgraphConfig, client: httpx.AsyncClient, default_timeout: float
) -> SubgraphSource:
    assert subgraph.url is not None  # GatewayConfig.subgraphs_to_compose checked it
    if subgraph.sdl_file is not None:
        try:
            sdl = await asyncio.to_thread(subgraph.sdl_file.read_text, encoding="utf-8")
        except OSError as error:
            raise ValueError(f"cannot read sdl_file {subgraph.sdl_file}: {error.strerror}") from error
    else:
        sdl = await fetch_sdl(client, subgraph.url, subgraph.timeout or default_timeout)
    return SubgraphSource(name, subgraph.url, sdl)


async def gather_sources(config: GatewayConfig, client: httpx.AsyncClient) -> list[SubgraphSource]:
    """Every subgraph's source, in config order; :class:`SourceError` naming each failure."""
    subgraphs = config.subgraphs_to_compose()
    timeout = min(config.transport.timeout, 30.0)
    results = await asyncio.gather(
        *(_one_source(name, sub, client, timeout) for name, sub in subgraphs.items()), return_exceptions=True
    )
    failures = {name: str(r) for name, r in zip(subgraphs, results, strict=True) if isinstance(r, ValueError)}
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, ValueError):
            raise result
    if failures:
        raise SourceError(failures)
    return [r for r in results if isinstance(r, SubgraphSource)]


def load_sources(config: GatewayConfig) -> list[SubgraphSource]:
    """:func:`gather_sources` for synchronous callers (the CLI)."""

    async def run() -> list[SubgraphSource]:
        async with httpx.AsyncClient() as client:
            return await gather_sources(config, client)

    return asyncio.run(run())


def format_issue(kind: str, issue: CompositionIssue) -> str:
    """``error INVALID_FIELD_SHARING: message [subgraphs: a, b] [at: Type.field]``."""
    text = f"{kind} {issue.code}: {issue.message}"
    if issue.subgraphs:
        text += f" [subgraphs: {', '.join(issue.subgraphs)}]"
    if issue.coordinates:
        text += f" [at: {', '.join(issue.coordinates)}]"
    return text
