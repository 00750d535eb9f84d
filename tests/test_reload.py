"""Hot reload: real subgraphs and a real gateway on loopback, a client sending all along.

The gateway is what ``tongban serve`` builds (``gateway.reload.build_pipeline``) from a
YAML config, served by uvicorn; subgraphs switch their SDL while a client loop runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from composition_support import (
    BADGES,
    BADGES_BROKEN,
    BADGES_SINCE,
    EXPECTED,
    PEOPLE,
    PEOPLE_EMAIL,
    QUERY,
    ClientLoop,
    SwitchableSubgraph,
    compose_ok,
    composer,  # noqa: F401  (fixture)
    server_loop,  # noqa: F401  (fixture)
    wait_for,
)
from federation.harness import Served, ServerLoop

from gateway.config import load_config
from gateway.executors.transport import SubgraphRequest
from gateway.reload import ReloadingPipeline, build_pipeline
from gateway.request import GraphQLRequest
from gateway.server.app import create_app
from gateway.supergraph import load_supergraph

pytestmark = pytest.mark.usefixtures("composer")

POLL = 0.2


class Live:
    """Two switchable subgraphs (people, badges) served on loopback."""

    def __init__(self, loop: ServerLoop) -> None:
        self.loop = loop
        self.people = SwitchableSubgraph("people", PEOPLE)
        self.badges = SwitchableSubgraph("badges", BADGES)
        self.served: dict[str, Served] = {"people": loop.serve(self.people), "badges": loop.serve(self.badges)}
        self.gateways: list[Served] = []

    @property
    def urls(self) -> dict[str, str]:
        return {name: served.url for name, served in self.served.items()}

    def write_config(self, path: Path, with_subgraphs: bool = True) -> Path:
        lines = [f"supergraph:\n  poll_interval: {POLL}\n", "transport:\n  timeout: 5\n"]
        if with_subgraphs:
            lines.append("subgraphs:\n")
            lines += [f"  - name: {name}\n    url: {url}\n" for name, url in self.urls.items()]
        path.write_text("".join(lines))
        return path

    def serve_gateway(self, pipeline: Any) -> str:
        served = self.loop.serve(create_app(pipeline, graphiql=False), lifespan="on")
        self.gateways.append(served)
        return f"http://127.0.0.1:{served.port}"

    def close(self) -> None:
        self.loop.stop(*self.gateways, *self.served.values())


@pytest.fixture
def live(server_loop: ServerLoop) -> Iterator[Live]:  # noqa: F811
    setup = Live(server_loop)
    yield setup
    setup.close()


def _data(base_url: str, query: str) -> Any:
    body = httpx.post(f"{base_url}/graphql", json={"query": query}, timeout=5).json()
    return None if body.get("errors") else body.get("data")


EMAIL_QUERY = '{ person(id: "1") { email } }'


def test_subgraph_change_is_swapped_in_without_failing_a_request(live: Live, tmp_path: Path) -> None:
    pipeline = build_pipeline(load_config(live.write_config(tmp_path / "tongban.yaml")))
    assert isinstance(pipeline, ReloadingPipeline)
    base_url = live.serve_gateway(pipeline)
    assert _data(base_url, EMAIL_QUERY) is None  # not in the supergraph yet

    with ClientLoop(base_url, QUERY, EXPECTED) as clients:
        assert wait_for(lambda: clients.sent > 20)
        live.people.switch(PEOPLE_EMAIL)
        assert wait_for(lambda: _data(base_url, EMAIL_QUERY) == {"person": {"email": "ada@example.org"}})
        sent_at_swap = clients.sent
        assert wait_for(lambda: clients.sent > sent_at_swap + 20)

    assert clients.failures == []
    assert pipeline.generation == 2
    assert "email" in pipeline.gateway.supergraph.api_schema.get_type("Person").fields  # type: ignore[union-attr]


def test_failed_recomposition_keeps_the_old_supergraph(
    live: Live, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tongban.reload")
    pipeline = build_pipeline(load_config(live.write_config(tmp_path / "tongban.yaml")))
    assert isinstance(pipeline, ReloadingPipeline)
    base_url = live.serve_gateway(pipeline)

    with ClientLoop(base_url, QUERY, EXPECTED) as clients:
        live.badges.switch(BADGES_BROKEN)
        assert wait_for(lambda: "composition failed" in caplog.text)
        assert any(r.levelno == logging.ERROR and r.getMessage().startswith("error ") for r in caplog.records)
        assert pipeline.generation == 1
        sent = clients.sent
        assert wait_for(lambda: clients.sent > sent + 20)
        assert pipeline.generation == 1  # the broken set is not retried at every poll
        assert caplog.text.count("composition failed") == 1

        live.badges.switch(BADGES_SINCE)  # fixed: composes again
        assert wait_for(lambda: _data(base_url, '{ person(id: "1") { badgeSince } }') is not None)
        assert pipeline.generation == 2
    assert clients.failures == []

    live.loop.stop(live.served.pop("people"))  # unreachable: logged, the supergraph stays
    assert wait_for(lambda: "cannot re-read subgraph SDLs" in caplog.text)
    assert "subgraph 'people': unreachable at" in caplog.text
    assert pipeline.generation == 2
    assert httpx.get(f"{base_url}/health").status_code == 200


def test_watched_supergraph_file_is_reloaded_and_a_bad_one_ignored(
    live: Live, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tongban.reload")
    supergraph_file = tmp_path / "supergraph.graphql"
    supergraph_file.write_text(compose_ok({n: (u, s) for n, u, s in _sources(live, PEOPLE)}))
    v2 = compose_ok({n: (u, s) for n, u, s in _sources(live, PEOPLE_EMAIL)})
    live.people.switch(PEOPLE_EMAIL)  # the subgraph is deployed before the supergraph
    config = load_config(live.write_config(tmp_path / "tongban.yaml", with_subgraphs=False))
    pipeline = build_pipeline(config, supergraph_file, watch=True)
    assert isinstance(pipeline, ReloadingPipeline)
    base_url = live.serve_gateway(pipeline)

    with ClientLoop(base_url, QUERY, EXPECTED) as clients:
        _replace(supergraph_file, v2)
        assert wait_for(lambda: _data(base_url, EMAIL_QUERY) == {"person": {"email": "ada@example.org"}})
        _replace(supergraph_file, "type Query {")  # truncated: does not load
        assert wait_for(lambda: "does not load" in caplog.text)
        sent = clients.sent
        assert wait_for(lambda: clients.sent > sent + 20)
    assert clients.failures == []
    assert pipeline.generation == 2


def _sources(live: Live, people_sdl: str) -> list[tuple[str, str, str]]:
    return [("people", live.urls["people"], people_sdl), ("badges", live.urls["badges"], BADGES)]


def _replace(path: Path, text: str) -> None:
    """Write a file the way deploy tools should: a temporary file renamed over it."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


# ------------------------------------------------------------- in-flight requests


class _BlockingTransport:
    """Answers every subgraph request once ``release`` is set; counts closes."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = asyncio.Event()
        self.closed = 0

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        self.started.set()
        await self.release.wait()
        return {"data": {"person": {"name": "Ada"}}}

    async def close(self) -> None:
        self.closed += 1


async def test_in_flight_request_finishes_on_the_generation_it_started_with() -> None:
    urls = {"people": "http://people.invalid/graphql", "badges": "http://badges.invalid/graphql"}
    v1 = compose_ok({name: (url, sdl) for (name, url), sdl in zip(urls.items(), (PEOPLE, BADGES), strict=True)})
    v2 = compose_ok({name: (url, sdl) for (name, url), sdl in zip(urls.items(), (PEOPLE_EMAIL, BADGES), strict=True)})
    transport = _BlockingTransport()
    pipeline = ReloadingPipeline(load_supergraph(v1), v1, load_config(None), transport=transport)
    await pipeline.startup()
    first = pipeline.gateway

    in_flight = asyncio.create_task(pipeline.handle(GraphQLRequest('{ person(id: "1") { name } }')))
    await transport.started.wait()
    assert await pipeline.apply(v2, "test")
    assert pipeline.generation == 2 and pipeline.gateway is not first
    assert not await pipeline.apply(v2, "test")  # unchanged: no new generation
    assert len(pipeline._retired) == 1  # kept until its request finishes

    transport.release.set()
    response = await in_flight
    assert response.payload == {"data": {"person": {"name": "Ada"}}}
    assert pipeline._retired == set()
    assert transport.closed == 0  # shared by every generation

    assert not await pipeline.apply("type Query {", "bad")  # does not load: kept
    assert pipeline.generation == 2
    await pipeline.shutdown()
    assert transport.closed == 1
