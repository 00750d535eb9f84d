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


def _concurrently(fed, bodies_and_headers: list[tuple[dict[str, Any], dict[str, str]]]) -> list[dict[str, Any]]:
    base_url = fed.gateway.http.base_url

    def send(item: tuple[dict[str, Any], dict[str, str]]) -> dict[str, Any]:
        body, headers = item
        response = httpx.post(f"{base_url}/graphql", json=body, headers=headers, timeout=20)
        assert response.status_code == 200
        return response.json()

    with ThreadPoolExecutor(len(bodies_and_headers)) as pool:
        return list(pool.map(send, bodies_and_headers))


def test_identical_concurrent_queries_share_one_execution(fed):
    fed["registry"].mode, fed["registry"].delay = "slow", 0.5  # keeps the first one in flight
    answers = _concurrently(fed, [({"query": QUERY}, {})] * 8)
    assert answers == [{"data": {"person": {"name": "Ada Lovelace"}}}] * 8
    assert fed.request_counts() == {"registry": 1}


def test_queries_differing_in_variables_or_authorization_do_not_share(fed):
    fed["registry"].mode, fed["registry"].delay = "slow", 0.5
    with_variable = "query ($id: ID!) { person(id: $id) { name } }"
    answers = _concurrently(
        fed,
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
    answers = _concurrently(fed, [(mutation, {})] * 3)
    assert answers == [{"data": {"registerPerson": {"name": "Eve"}}}] * 3
    assert JOURNAL.count("start registerPerson Eve") == 3
