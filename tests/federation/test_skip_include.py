"""@skip/@include: on root fields, entity-jump fields and fragments; skipped parts of the
operation cause no subgraph request."""

from __future__ import annotations

import pytest

from .conftest import scenario_fixture
from .scenarios.entities import SCENARIO

fed = scenario_fixture(SCENARIO)

HOUSEHOLD_QUERY = 'query ($skip: Boolean!) { person(id: "p1") { name household @skip(if: $skip) { address } } }'


def test_skip_true_on_entity_jump_field_sends_no_request(fed):
    assert fed.query(HOUSEHOLD_QUERY, {"skip": True}) == {"person": {"name": "Ada Lovelace"}}
    assert fed.request_counts() == {"persons": 1}


def test_skip_false_on_entity_jump_field(fed):
    assert fed.query(HOUSEHOLD_QUERY, {"skip": False}) == {
        "person": {"name": "Ada Lovelace", "household": {"address": "1 Harbour Road"}}
    }
    assert fed.request_counts() == {"persons": 1, "households": 1}


@pytest.mark.parametrize("include", [True, False])
def test_include_on_field_only_another_subgraph_resolves(fed, include):
    query = 'query ($inc: Boolean!) { person(id: "p1") { name licences @include(if: $inc) { number } } }'
    expected = {"name": "Ada Lovelace"}
    if include:
        expected["licences"] = [{"number": "L-100"}, {"number": "L-200"}]
    assert fed.query(query, {"inc": include}) == {"person": expected}
    assert fed.request_counts() == ({"persons": 1, "licences": 1} if include else {"persons": 1})


@pytest.mark.parametrize("include", [True, False])
def test_include_on_fragment(fed, include):
    query = """
    query ($inc: Boolean!) {
      person(id: "p3") {
        name
        ... on Person @include(if: $inc) { licences { category } household { district } }
        ...Work @include(if: $inc)
      }
    }
    fragment Work on Person { employer { name } }
    """
    expected = {"name": "Cai Ling"}
    if include:
        expected.update(
            licences=[{"category": "A"}], household={"district": "D2"}, employer={"name": "Harbour Logistics"}
        )
    assert fed.query(query, {"inc": include}) == {"person": expected}
    assert ("licences" in fed.request_counts()) is include
    assert ("enterprises" in fed.request_counts()) is include


@pytest.mark.parametrize(("skip", "include"), [(False, True), (True, True), (False, False), (True, False)])
def test_skip_and_include_on_root_fields(fed, skip, include):
    query = """
    query ($skip: Boolean!, $inc: Boolean!) {
      enterprises @skip(if: $skip) { id }
      person(id: "p2") @include(if: $inc) { name }
      licence(number: "L-300") { category }
    }
    """
    expected = {}
    if not skip:
        expected["enterprises"] = [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}]
    if include:
        expected["person"] = {"name": "Bo Chen"}
    expected["licence"] = {"category": "A"}
    data = fed.query(query, {"skip": skip, "inc": include})
    assert data == expected
    assert list(data) == list(expected)
    assert ("enterprises" in fed.request_counts()) is not skip
    assert ("persons" in fed.request_counts()) is include


def test_skip_and_include_together_need_both(fed):
    query = 'query ($s: Boolean!, $i: Boolean!) { person(id: "p1") { name @skip(if: $s) @include(if: $i) id } }'
    assert fed.query(query, {"s": False, "i": True}) == {"person": {"name": "Ada Lovelace", "id": "p1"}}
    assert fed.query(query, {"s": True, "i": True}) == {"person": {"id": "p1"}}
    assert fed.query(query, {"s": False, "i": False}) == {"person": {"id": "p1"}}


def test_literal_conditions(fed):
    query = """
    {
      person(id: "p1") {
        name @skip(if: true)
        id @include(if: true)
        household @include(if: false) { address }
        employer @skip(if: false) { name }
      }
    }
    """
    assert fed.query(query) == {"person": {"id": "p1", "employer": {"name": "Harbour Logistics"}}}
    assert "households" not in fed.request_counts()


def test_condition_on_field_whose_sibling_needs_same_entity_fetch(fed):
    query = 'query ($s: Boolean!) { person(id: "p1") { licences { number @skip(if: $s) penaltyPoints } } }'
    assert fed.query(query, {"s": True}) == {"person": {"licences": [{"penaltyPoints": 3}, {"penaltyPoints": 0}]}}
    assert fed.query(query, {"s": False}) == {
        "person": {"licences": [{"number": "L-100", "penaltyPoints": 3}, {"number": "L-200", "penaltyPoints": 0}]}
    }
