"""@requires: scalar, with arguments, with fragments on abstract types, nested objects,
chained over three subgraphs, and reached from the requiring subgraph's own root."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.requires import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_simple_requires(fed):
    data = fed.query("{ persons { name age } }")
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "age": 75},
            {"name": "Bo Chen", "age": 35},
            {"name": "Cai Ling", "age": 21},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1}
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "birthYear": 1950},
        {"__typename": "Person", "id": "p2", "birthYear": 1990},
        {"__typename": "Person", "id": "p3", "birthYear": 2004},
    ]
    assert_plan(fed.plan("{ persons { name age } }"), ["Fetch(persons)", "Flatten(persons.@) Fetch(benefits)"])


def test_required_field_also_requested_by_client(fed):
    data = fed.query("{ persons { birthYear age } }")
    assert data == {
        "persons": [{"birthYear": 1950, "age": 75}, {"birthYear": 1990, "age": 35}, {"birthYear": 2004, "age": 21}]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1}


def test_requires_field_with_argument(fed):
    data = fed.query("{ persons { id taxBand } }")
    assert data == {
        "persons": [
            {"id": "p1", "taxBand": "basic"},
            {"id": "p2", "taxBand": "higher"},
            {"id": "p3", "taxBand": "exempt"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "income": 42000},
        {"__typename": "Person", "id": "p2", "income": 95000},
        {"__typename": "Person", "id": "p3", "income": 12000},
    ]


def test_requires_argument_differs_from_client_argument(fed):
    """The client asks income(year: 2023) while taxBand needs income(year: 2024): both are
    fetched from persons, and the client's alias-free ``income`` holds the 2023 value."""
    data = fed.query("{ persons { id income(year: 2023) taxBand } }")
    assert data == {
        "persons": [
            {"id": "p1", "income": 55000, "taxBand": "basic"},
            {"id": "p2", "income": 80000, "taxBand": "higher"},
            {"id": "p3", "income": 25000, "taxBand": "exempt"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert [rep["income"] for rep in call.representations] == [42000, 95000, 12000]


def test_requires_with_fragments_on_abstract_type(fed):
    data = fed.query("{ persons { id housingAllowance } }")
    assert data == {
        "persons": [
            {"id": "p1", "housingAllowance": 300},
            {"id": "p2", "housingAllowance": 3},
            {"id": "p3", "housingAllowance": 0},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "dwelling": {"__typename": "Flat", "rent": 900}},
        {"__typename": "Person", "id": "p2", "dwelling": {"__typename": "House", "value": 300000}},
        {"__typename": "Person", "id": "p3", "dwelling": None},
    ]


def test_requires_with_fragments_alongside_client_selection_of_same_object(fed):
    data = fed.query(
        "{ persons { dwelling { id ... on Flat { floor } ... on House { rooms value } } housingAllowance } }"
    )
    assert data == {
        "persons": [
            {"dwelling": {"id": "f1", "floor": 3}, "housingAllowance": 300},
            {"dwelling": {"id": "h1", "rooms": 5, "value": 300000}, "housingAllowance": 3},
            {"dwelling": None, "housingAllowance": 0},
        ]
    }


def test_requires_nested_object(fed):
    data = fed.query("{ persons { address { street } region } }")
    assert data == {
        "persons": [
            {"address": {"street": "1 Royal Mile"}, "region": "UK-EH"},
            {"address": {"street": "2 Rue Cler"}, "region": "FR-75"},
            {"address": {"street": "5 Leith Walk"}, "region": "UK-EH"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations[0] == {
        "__typename": "Person",
        "id": "p1",
        "address": {"postcode": "EH1 1AA", "country": "UK"},
    }


def test_requires_chained_across_three_subgraphs(fed):
    query = "{ persons { name pensionEligible } }"
    data = fed.query(query)
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "pensionEligible": True},
            {"name": "Bo Chen", "pensionEligible": False},
            {"name": "Cai Ling", "pensionEligible": False},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1, "pensions": 1}
    assert fed["pensions"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1", "age": 75},
        {"__typename": "Person", "id": "p2", "age": 35},
        {"__typename": "Person", "id": "p3", "age": 21},
    ]
    assert_plan(
        fed.plan(query),
        ["Fetch(persons)", "Flatten(persons.@) Fetch(benefits)", "Flatten(persons.@) Fetch(pensions)"],
    )


def test_several_requires_in_one_entity_fetch(fed):
    query = "{ persons { age taxBand region housingAllowance pensionEligible } }"
    data = fed.query(query)
    assert data["persons"][1] == {
        "age": 35,
        "taxBand": "higher",
        "region": "FR-75",
        "housingAllowance": 3,
        "pensionEligible": False,
    }
    # one batch to benefits carrying every required field, then pensions
    assert fed.request_counts() == {"persons": 1, "benefits": 1, "pensions": 1}
    rep = fed["benefits"].entity_calls[0].representations[1]
    assert rep == {
        "__typename": "Person",
        "id": "p2",
        "birthYear": 1990,
        "income": 95000,
        "dwelling": {"__typename": "House", "value": 300000},
        "address": {"postcode": "75007", "country": "FR"},
    }


def test_requires_from_root_of_requiring_subgraph(fed):
    """benefits lists the persons; their birthYear comes from persons, then benefits again."""
    query = "{ beneficiaries { id name age } }"
    data = fed.query(query)
    assert data == {
        "beneficiaries": [{"id": "p3", "name": "Cai Ling", "age": 21}, {"id": "p1", "name": "Ada Lovelace", "age": 75}]
    }
    assert fed.request_counts() == {"benefits": 2, "persons": 1}
    assert_plan(
        fed.plan(query),
        ["Fetch(benefits)", "Flatten(beneficiaries.@) Fetch(persons)", "Flatten(beneficiaries.@) Fetch(benefits)"],
    )
