"""@shareable: a field several subgraphs can serve is taken from where the data already is;
shareable root fields whose selections are split between subgraphs are fetched from each."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan, fetches
from .scenarios.shareable import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_shared_root_field_fetched_once(fed):
    query = "{ about statistics { year } }"
    assert fed.query(query) == {"about": "National statistics", "statistics": {"year": 2024}}
    assert sum(fed.request_counts().values()) == 1
    assert len(fetches(fed.plan(query))) == 1


def test_shared_root_field_split_across_subgraphs(fed):
    query = "{ statistics { year population gdp } }"
    assert fed.query(query) == {"statistics": {"year": 2024, "population": 200000, "gdp": 796000}}
    assert fed.request_counts() == {"census": 1, "economy": 1}
    assert sorted(fetches(fed.plan(query))) == ["census", "economy"]


def test_split_root_field_keeps_request_order(fed):
    data = fed.query("{ statistics { gdp year population } }")
    assert list(data["statistics"]) == ["gdp", "year", "population"]


def test_shareable_field_taken_from_current_subgraph(fed):
    query = "{ regions { code name } }"
    data = fed.query(query)
    assert data == {"regions": [{"code": "R1", "name": "Northshore"}, {"code": "R2", "name": "Southvale"}]}
    assert fed.request_counts() == {"economy": 1}
    assert_plan(fed.plan(query), "Fetch(economy)")


def test_shareable_field_not_fetched_from_other_subgraph(fed):
    query = "{ regions { name population } }"
    data = fed.query(query)
    assert data == {
        "regions": [{"name": "Northshore", "population": 120000}, {"name": "Southvale", "population": 80000}]
    }
    assert fed.request_counts() == {"economy": 1, "census": 1}
    (call,) = fed["census"].entity_calls
    assert "name" not in call.query.split("_entities", 1)[1]
    assert_plan(fed.plan(query), ["Fetch(economy)", "Flatten(regions.@) Fetch(census)"])


def test_shareable_field_from_the_other_root(fed):
    query = '{ region(code: "R2") { name population gdpPerCapita } }'
    data = fed.query(query)
    assert data == {"region": {"name": "Southvale", "population": 80000, "gdpPerCapita": 38000}}
    assert fed.request_counts() == {"census": 1, "economy": 1}
    (call,) = fed["economy"].entity_calls
    assert "name" not in call.query.split("_entities", 1)[1]


def test_shareable_field_with_root_in_other_subgraph_needs_one_fetch(fed):
    query = '{ region(code: "R1") { code name population } }'
    assert fed.query(query) == {"region": {"code": "R1", "name": "Northshore", "population": 120000}}
    assert fed.request_counts() == {"census": 1}
