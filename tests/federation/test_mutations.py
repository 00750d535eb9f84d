"""Mutations: top-level fields run strictly in order, even across subgraphs."""

from __future__ import annotations

import pytest

from .conftest import scenario_fixture
from .scenarios import mutations
from .scenarios.mutations import JOURNAL, SCENARIO

fed = scenario_fixture(SCENARIO)


@pytest.fixture(autouse=True)
def _fresh_state() -> None:
    mutations.reset_state()


def test_mutation_fields_run_in_order_across_subgraphs(fed):
    query = """
    mutation {
      a: registerPerson(name: "Eve Adams") { id name }
      b: issueLicence(holderId: "p1", category: "B") { number }
      c: renamePerson(id: "p1", name: "Ada King") { name }
      d: issueLicence(holderId: "p2", category: "C") { number category }
    }
    """
    data = fed.query(query)
    assert data == {
        "a": {"id": "p2", "name": "Eve Adams"},
        "b": {"number": "L-1"},
        "c": {"name": "Ada King"},
        "d": {"number": "L-2", "category": "C"},
    }
    assert JOURNAL == [
        "start registerPerson Eve Adams",
        "end registerPerson Eve Adams",
        "start issueLicence p1 B",
        "end issueLicence p1 B",
        "start renamePerson p1",
        "end renamePerson p1",
        "start issueLicence p2 C",
        "end issueLicence p2 C",
    ]
    assert fed.request_counts() == {"registry": 2, "licensing": 2}


def test_consecutive_mutations_on_one_subgraph_keep_order(fed):
    query = """
    mutation {
      first: registerPerson(name: "Finn") { id }
      second: registerPerson(name: "Gus") { id }
      third: renamePerson(id: "p2", name: "Finn Moe") { id name }
    }
    """
    assert fed.query(query) == {
        "first": {"id": "p2"},
        "second": {"id": "p3"},
        "third": {"id": "p2", "name": "Finn Moe"},
    }
    assert JOURNAL == [
        "start registerPerson Finn",
        "end registerPerson Finn",
        "start registerPerson Gus",
        "end registerPerson Gus",
        "start renamePerson p2",
        "end renamePerson p2",
    ]


def test_mutation_result_extended_by_other_subgraph(fed):
    query = """
    mutation ($name: String!) {
      issued: issueLicence(holderId: "p1", category: "A") { number holder { id name } }
      renamed: renamePerson(id: "p1", name: $name) { name licences { number category } }
    }
    """
    assert fed.query(query, {"name": "Ada Byron"}) == {
        "issued": {"number": "L-1", "holder": {"id": "p1", "name": "Ada Lovelace"}},
        "renamed": {"name": "Ada Byron", "licences": [{"number": "L-1", "category": "A"}]},
    }
    # issued.holder.name was read before the rename: the entity fetch of the first field
    # runs before the second mutation field starts
    assert JOURNAL == [
        "start issueLicence p1 A",
        "end issueLicence p1 A",
        "start renamePerson p1",
        "end renamePerson p1",
    ]


def test_mutation_error_does_not_stop_later_fields(fed):
    query = """
    mutation {
      gone: renamePerson(id: "p99", name: "Nobody") { name }
      issued: issueLicence(holderId: "p1", category: "B") { number }
    }
    """
    assert fed.query(query) == {"gone": None, "issued": {"number": "L-1"}}


def test_mutation_over_get_is_refused(fed):
    response = fed.gateway.http.get(
        "/graphql",
        params={"query": 'mutation { registerPerson(name: "X") { id } }'},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert JOURNAL == []
