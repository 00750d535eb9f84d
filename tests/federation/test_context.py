"""@context/@fromContext: an argument's value comes from an ancestor entity (join v0.5)."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.context import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_context_value_from_ancestor_reached_by_entity_jump(fed):
    data = fed.query("{ households { id size members { name allowance } } }")
    assert data == {
        "households": [
            {"id": "h1", "size": 2, "members": [{"name": "Ada", "allowance": 120}, {"name": "Bo", "allowance": 120}]},
            {"id": "h2", "size": 1, "members": [{"name": "Cai", "allowance": 80}]},
            {"id": "h3", "size": 1, "members": [{"name": "Dee", "allowance": 120}]},
        ]
    }
    # one registry request for region+members, then one per distinct region value
    contextual = [call for call in fed["registry"].entity_calls if "allowance" in call.query]
    assert sorted((call.variables["contextualArgument_2_0"], len(call.representations)) for call in contextual) == [
        ("north", 2),
        ("south", 1),
    ]
    assert fed.request_counts() == {"census": 1, "registry": 3}


def test_context_value_from_root_entity(fed):
    data = fed.query('{ household(id: "h2") { members { name allowance } } }')
    assert data == {"household": {"members": [{"name": "Cai", "allowance": 80}]}}
    assert_plan(
        fed.plan('{ household(id: "h2") { members { name allowance } } }'),
        ["Fetch(registry)", "Flatten(household) Fetch(registry)"],
    )


def test_context_argument_is_not_visible_to_clients(fed):
    result = fed.execute('{ household(id: "h1") { members { allowance(region: "south") } } }')
    assert "data" not in result
    (error,) = result["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "region" in error["message"]
