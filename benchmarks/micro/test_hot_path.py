"""Micro-benchmarks of the hot path (pytest-benchmark): planning a cold complex query, and
executing a cached plan (merge + response shaping, subgraphs answered from memory).

Run with timings: ``.venv/bin/pytest benchmarks/micro --benchmark-enable``. In the normal
test run they execute once (``--benchmark-disable``), as smoke tests: never timed assertions.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from gateway.config import GatewayConfig
from gateway.executors.transport import SubgraphRequest
from gateway.pipeline import Gateway
from gateway.planner import QueryPlanner
from gateway.request import GraphQLRequest
from gateway.supergraph import load_supergraph

DATA = Path(__file__).parent / "data"
#: the public gateways benchmark's supergraph, query and expected answer (../shared beside the repo)
SHARED = Path(__file__).resolve().parents[3] / "shared" / "gateways-benchmark"
if not SHARED.is_dir():
    if os.environ.get("CI"):
        raise RuntimeError(f"{SHARED} is missing: the micro-benchmarks need the gateways-benchmark data")
    pytest.skip(f"{SHARED} is missing (the gateways-benchmark data beside the repo)", allow_module_level=True)
SUPERGRAPH = (SHARED / "supergraph.repo.graphql").read_text()
QUERY = (SHARED / "query.graphql").read_text()


class RecordedTransport:
    """Answers each subgraph request from a recording of the real subgraphs' answers."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        key = json.dumps({"subgraph": request.subgraph, "body": request.body()}, sort_keys=True)
        return json.loads(self.answers[key])

    async def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def supergraph():
    return load_supergraph(SUPERGRAPH)


def test_plan_cold_complex_query(benchmark, supergraph) -> None:
    document = parse(QUERY)
    plan = benchmark(lambda: QueryPlanner(supergraph).plan(document))
    assert plan.fetch_count >= 8


def test_execute_cached_plan(benchmark, supergraph) -> None:
    answers = json.loads((DATA / "subgraph-answers.json").read_text())
    config = GatewayConfig.model_validate({"traffic": {"dedupe_inbound": False}})
    gateway = Gateway(supergraph, config, RecordedTransport(answers))
    request = GraphQLRequest(query=QUERY)
    loop = asyncio.new_event_loop()
    try:
        response = benchmark(lambda: loop.run_until_complete(gateway.handle(request)))
    finally:
        loop.close()
    expected = json.loads((SHARED / "expected.json").read_text())
    assert response.payload == expected
