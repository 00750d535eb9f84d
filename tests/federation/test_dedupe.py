"""Inbound deduplication: identical queries in flight at once share one execution."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from .conftest import scenario_fixture
from .scenarios import mutations
from .scenarios.mutations import JOURNAL, SCENARIO

fed = scenario_fixture(SCENARIO)

QUERY = '{ person(id: "p1") { name } }'


@pytest.fixture(autouse=True)
def _fresh_state() -> None:
    mutations.reset_state()


def _concurrently(gateway, bodies_and_headers: list[tuple[dict[str, Any], dict[str, str]]]) -> list[dict[str, Any]]:
    base_url = gateway.http.base_url

    def send(item: tuple[dict[str, Any], dict[str, str]]) -> dict[str, Any]:
        body, headers = item
        response = httpx.post(f"{base_url}/graphql", json=body, headers=headers, timeout=20)
        assert response.status_code == 200
        return response.json()

    with ThreadPoolExecutor(len(bodies_and_headers)) as pool:
        return list(pool.map(send, bodies_and_headers))


def test_identical_concurrent_queries_share_one_execution(fed):
    fed["registry"].mode, fed["registry"].delay = "slow", 0.5  # keeps the first one in flight
    with fed.variant(traffic={"dedupe_subgraph_requests": False}) as gateway:
        answers = _concurrently(gateway, [({"query": QUERY}, {})] * 8)
    assert answers == [{"data": {"person": {"name": "Ada Lovelace"}}}] * 8
    assert fed.request_counts() == {"registry": 1}


def test_queries_differing_in_variables_or_authorization_do_not_share(fed):
    fed["registry"].mode, fed["registry"].delay = "slow", 0.5
    with_variable = "query ($id: ID!) { person(id: $id) { name } }"
    with fed.variant(traffic={"dedupe_subgraph_requests": False}) as gateway:
        answers = _concurrently(
            gateway,
            [
                ({"query": QUERY}, {"authorization": "Bearer a"}),
                ({"query": QUERY}, {"authorization": "Bearer b"}),
                ({"query": with_variable, "variables": {"id": "p1"}}, {}),
                ({"query": with_variable, "variables": {"id": "p9"}}, {}),
            ],
        )
    assert answers[0] == answers[1] == answers[2] == {"data": {"person": {"name": "Ada Lovelace"}}}
    assert answers[3] == {"data": {"person": None}}
    assert fed.request_counts() == {"registry": 4}


def test_identical_concurrent_mutations_each_run(fed):
    mutation = {"query": 'mutation { registerPerson(name: "Eve") { name } }'}
    answers = _concurrently(fed.gateway, [(mutation, {})] * 3)
    assert answers == [{"data": {"registerPerson": {"name": "Eve"}}}] * 3
    assert JOURNAL.count("start registerPerson Eve") == 3


def test_identical_subgraph_requests_share_one_round_trip(fed):
    """Different client queries (no inbound sharing) needing the same subgraph request:
    one round trip, each answer decoded on its own."""
    fed["registry"].mode, fed["registry"].delay = "slow", 0.5
    queries = ['{ person(id: "p1") { name } }', 'query Named { person(id: "p1") { name } }']
    with fed.variant(traffic={"dedupe_inbound": False}) as gateway:
        answers = _concurrently(gateway, [({"query": q}, {}) for q in queries])
    assert answers == [{"data": {"person": {"name": "Ada Lovelace"}}}] * 2
    assert fed.request_counts() == {"registry": 1}
    with fed.variant(traffic={"dedupe_inbound": False, "dedupe_subgraph_requests": False}) as gateway:
        fed.reset()
        fed["registry"].mode, fed["registry"].delay = "slow", 0.5
        _concurrently(gateway, [({"query": q}, {}) for q in queries])
    assert fed.request_counts() == {"registry": 2}
