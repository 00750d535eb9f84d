"""@shareable: a field several subgraphs can serve is taken from where the data already is;
shareable root fields whose selections are split between subgraphs are fetched from each."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan, fetches
from .scenarios.shareable import SCENARIO
from .scenarios.shared_root import SCENARIO as BULLETIN_SCENARIO

fed = scenario_fixture(SCENARIO)
#: weather/tides/roads: shareable roots whose value type is split three ways
bulletin_fed = scenario_fixture(BULLETIN_SCENARIO)


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


# ------------------------------------------------------- value type split three ways


def test_shared_root_object_split_across_three_subgraphs(bulletin_fed):
    query = "{ bulletin { id forecast { summary high } highWater closures } }"
    data = bulletin_fed.query(query)
    assert data == {
        "bulletin": {"id": "B-2", "forecast": {"summary": "Sunny", "high": 17}, "highWater": "05:40", "closures": []}
    }
    assert bulletin_fed.request_counts() == {"weather": 1, "tides": 1, "roads": 1}
    assert_plan(bulletin_fed.plan(query), {"Parallel": ["Fetch(roads)", "Fetch(tides)", "Fetch(weather)"]})
    # each subgraph is asked only for its own field (and what all of them share)
    assert "highWater" not in bulletin_fed["weather"].queries[0]
    assert "forecast" not in bulletin_fed["roads"].queries[0]
    assert "closures" not in bulletin_fed["tides"].queries[0]


def test_shared_root_list_merged_by_index(bulletin_fed):
    query = "{ bulletins { id forecast { summary } highWater closures } }"
    data = bulletin_fed.query(query)
    assert data == {
        "bulletins": [
            {"id": "B-1", "forecast": {"summary": "Fog"}, "highWater": "04:12", "closures": ["Quay Road"]},
            {"id": "B-2", "forecast": {"summary": "Sunny"}, "highWater": "05:40", "closures": []},
            {
                "id": "B-3",
                "forecast": {"summary": "Gale"},
                "highWater": "06:58",
                "closures": ["Pier Lane", "Dock Street"],
            },
        ]
    }
    assert bulletin_fed.request_counts() == {"weather": 1, "tides": 1, "roads": 1}
    assert sorted(fetches(bulletin_fed.plan(query))) == ["roads", "tides", "weather"]


def test_shared_root_nested_value_type_merged(bulletin_fed):
    """``area`` is served by weather and roads, each with one of its fields."""
    data = bulletin_fed.query("{ bulletins { highWater area { code temperatureZone speedLimit } } }")
    assert data == {
        "bulletins": [
            {"highWater": "04:12", "area": {"code": "N", "temperatureZone": "cold", "speedLimit": 30}},
            {"highWater": "05:40", "area": {"code": "S", "temperatureZone": "mild", "speedLimit": 50}},
            {"highWater": "06:58", "area": {"code": "E", "temperatureZone": "cold", "speedLimit": 40}},
        ]
    }
    assert bulletin_fed.request_counts() == {"weather": 1, "tides": 1, "roads": 1}


def test_shared_root_split_keeps_request_order_and_aliases(bulletin_fed):
    data = bulletin_fed.query("{ today: bulletin { shut: closures id tide: highWater sky: forecast { summary } } }")
    assert data == {"today": {"shut": [], "id": "B-2", "tide": "05:40", "sky": {"summary": "Sunny"}}}
    assert list(data["today"]) == ["shut", "id", "tide", "sky"]


def test_shared_root_object_and_list_in_one_operation(bulletin_fed):
    data = bulletin_fed.query("{ bulletin { highWater closures } bulletins { id forecast { high } } }")
    assert data == {
        "bulletin": {"highWater": "05:40", "closures": []},
        "bulletins": [{"id": "B-1", "forecast": {"high": 9}}, {"id": "B-2", "forecast": {"high": 17}},
                      {"id": "B-3", "forecast": {"high": 11}}],
    }  # fmt: skip


def test_shared_root_single_owner_needs_one_fetch(bulletin_fed):
    query = "{ bulletins { id highWater } }"
    assert bulletin_fed.query(query) == {
        "bulletins": [{"id": "B-1", "highWater": "04:12"}, {"id": "B-2", "highWater": "05:40"},
                      {"id": "B-3", "highWater": "06:58"}]
    }  # fmt: skip
    assert bulletin_fed.request_counts() == {"tides": 1}
    assert_plan(bulletin_fed.plan(query), "Fetch(tides)")
