"""@provides: fields resolved by the providing subgraph only where provided."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.provides import SCENARIO
from .scenarios.provides_interface import SCENARIO as LIVESTOCK_SCENARIO

fed = scenario_fixture(SCENARIO)
#: farms/census/animals: @provides through an interface field of a shareable root
livestock_fed = scenario_fixture(LIVESTOCK_SCENARIO)


def test_provided_field_needs_no_entity_fetch(fed):
    query = "{ recentLicences { number holder { name } } }"
    data = fed.query(query)
    assert data == {
        "recentLicences": [
            {"number": "L-1", "holder": {"name": "Ada Lovelace"}},
            {"number": "L-2", "holder": {"name": "Bo Chen"}},
        ]
    }
    assert fed.request_counts() == {"licensing": 1}
    assert_plan(fed.plan(query), "Fetch(licensing)")


def test_same_field_without_provides_goes_to_owner(fed):
    query = "{ licences { number holder { name } } }"
    data = fed.query(query)
    assert data == {
        "licences": [
            {"number": "L-1", "holder": {"name": "Ada Lovelace"}},
            {"number": "L-2", "holder": {"name": "Bo Chen"}},
            {"number": "L-3", "holder": {"name": "Ada Lovelace"}},
        ]
    }
    assert fed.request_counts() == {"licensing": 1, "persons": 1}
    assert fed["persons"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1"},
        {"__typename": "Person", "id": "p2"},
    ]


def test_field_beyond_provides_still_fetched(fed):
    """recentLicences provides holder.name, not holder.household: persons is asked for it."""
    data = fed.query("{ recentLicences { holder { name household { address } } } }")
    assert data == {
        "recentLicences": [
            {"holder": {"name": "Ada Lovelace", "household": {"address": "1 Harbour Road"}}},
            {"holder": {"name": "Bo Chen", "household": {"address": "3 Hill Street"}}},
        ]
    }
    assert fed["licensing"].received and fed["persons"].received
    # the provided name is not asked of persons again
    for call in fed["persons"].entity_calls:
        assert "name" not in call.query


def test_nested_provides(fed):
    query = "{ flaggedLicences { number holder { id name household { id address } } } }"
    data = fed.query(query)
    assert data == {
        "flaggedLicences": [
            {
                "number": "L-3",
                "holder": {"id": "p1", "name": "Ada Lovelace", "household": {"id": "h1", "address": "1 Harbour Road"}},
            }
        ]
    }
    assert fed.request_counts() == {"licensing": 1}


def test_provides_on_union_field(fed):
    query = "{ notices { __typename ... on Fine { id amount } ... on Warning { id text } } }"
    data = fed.query(query)
    assert data == {
        "notices": [
            {"__typename": "Fine", "id": "n1", "amount": 120},
            {"__typename": "Warning", "id": "n2", "text": "Parking in a loading bay"},
            {"__typename": "Fine", "id": "n3", "amount": 60},
        ]
    }
    # Fine.amount is provided; only the warning goes to penalties
    assert fed.request_counts() == {"notices": 1, "penalties": 1}
    assert fed["penalties"].entity_calls[0].representations == [{"__typename": "Warning", "id": "n2"}]


def test_union_field_without_provides(fed):
    data = fed.query("{ allNotices { ... on Fine { amount } } }")
    assert data == {"allNotices": [{"amount": 120}, {}, {"amount": 60}]}
    assert fed.request_counts() == {"notices": 1, "penalties": 1}
    assert fed["penalties"].entity_calls[0].representations == [
        {"__typename": "Fine", "id": "n1"},
        {"__typename": "Fine", "id": "n3"},
    ]


def test_provides_only_for_provided_union_member(fed):
    data = fed.query("{ notices { ... on Fine { amount } } }")
    assert data == {"notices": [{"amount": 120}, {}, {"amount": 60}]}
    assert fed.request_counts() == {"notices": 1}


def test_provides_on_interface_field(fed):
    query = "{ cases { id ... on CourtCase { judge } ... on AppealCase { judge } } }"
    data = fed.query(query)
    assert data == {"cases": [{"id": "c1", "judge": "Judge Ruth"}, {"id": "c2", "judge": "Judge Amos"}]}
    assert fed.request_counts() == {"notices": 1, "penalties": 1}
    assert fed["penalties"].entity_calls[0].representations == [{"__typename": "AppealCase", "id": "c2"}]


# ------------------------------------------- @provides on an interface, shareable root


def test_shareable_root_taken_from_the_providing_subgraph(livestock_fed):
    """farms and census both serve ``holding``; only census provides ``livestock { id tag }``,
    so census alone answers and farms (whose resolver fails) receives nothing."""
    query = "{ holding { id livestock { id tag } } }"
    data = livestock_fed.query(query)
    assert data == {
        "holding": {
            "id": "H-1",
            "livestock": [{"id": "cow-1", "tag": "UK-101"}, {"id": "sheep-1", "tag": "UK-202"},
                          {"id": "cow-2", "tag": "UK-103"}],
        }
    }  # fmt: skip
    assert livestock_fed.request_counts() == {"census": 1}
    assert_plan(livestock_fed.plan(query), "Fetch(census)")


def test_provided_interface_fields_with_typename(livestock_fed):
    data = livestock_fed.query("{ holding { livestock { __typename tag } } }")
    assert data == {
        "holding": {
            "livestock": [{"__typename": "Cow", "tag": "UK-101"}, {"__typename": "Sheep", "tag": "UK-202"},
                          {"__typename": "Cow", "tag": "UK-103"}]
        }
    }  # fmt: skip
    assert livestock_fed.request_counts() == {"census": 1}


def test_provided_field_inside_concrete_fragment(livestock_fed):
    data = livestock_fed.query("{ holding { livestock { ... on Sheep { id tag } } } }")
    assert data == {"holding": {"livestock": [{}, {"id": "sheep-1", "tag": "UK-202"}, {}]}}
    assert livestock_fed.request_counts() == {"census": 1}


def test_field_beyond_the_interface_provides_still_avoids_the_failing_root(livestock_fed):
    """milkYield is not provided: animals must be asked, but farms still is not."""
    data = livestock_fed.query("{ holding { id livestock { id tag ... on Cow { milkYield } } } }")
    assert data == {
        "holding": {
            "id": "H-1",
            "livestock": [
                {"id": "cow-1", "tag": "UK-101", "milkYield": 28},
                {"id": "sheep-1", "tag": "UK-202"},
                {"id": "cow-2", "tag": "UK-103", "milkYield": 31},
            ],
        }
    }
    counts = livestock_fed.request_counts()
    assert "farms" not in counts
    assert counts == {"census": 1, "animals": 1}
