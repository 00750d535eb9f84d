"""Federation 1: subgraphs in fed1 SDL (extend type, @external keys), composed into a
Federation 2 supergraph and, by the fed1 composer, into a legacy @core/join v0.1 one.
Every test runs against both supergraphs."""

from __future__ import annotations

from .conftest import scenario_fixture
from .scenarios.fed1 import SCENARIO

fed = scenario_fixture(SCENARIO, supergraph_variants=("", "-legacy"))


def test_extended_entity_fields(fed):
    data = fed.query("{ persons { name vehicles { plate make } } }")
    assert data == {
        "persons": [
            {
                "name": "Ada Lovelace",
                "vehicles": [{"plate": "SC-101", "make": "Volvo"}, {"plate": "SC-303", "make": "Fiat"}],
            },
            {"name": "Bo Chen", "vehicles": [{"plate": "SC-202", "make": "Skoda"}]},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "vehicles": 1}


def test_extend_type_query_root_and_two_hops(fed):
    data = fed.query('{ vehicle(plate: "SC-202") { make insured owner { id birthYear } } }')
    assert data == {"vehicle": {"make": "Skoda", "insured": False, "owner": {"id": "p2", "birthYear": 2010}}}
    assert fed.request_counts() == {"vehicles": 1, "insurance": 1, "persons": 1}


def test_fed1_requires(fed):
    data = fed.query("{ persons { name mayDrive } }")
    assert data == {"persons": [{"name": "Ada Lovelace", "mayDrive": True}, {"name": "Bo Chen", "mayDrive": False}]}
    assert fed["vehicles"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1", "birthYear": 1950},
        {"__typename": "Person", "id": "p2", "birthYear": 2010},
    ]


def test_fed1_provides(fed):
    data = fed.query("{ vehicles { plate owner { name } } }")
    assert data == {
        "vehicles": [
            {"plate": "SC-101", "owner": {"name": "Ada Lovelace"}},
            {"plate": "SC-202", "owner": {"name": "Bo Chen"}},
            {"plate": "SC-303", "owner": {"name": "Ada Lovelace"}},
        ]
    }
    assert fed.request_counts() == {"vehicles": 1}


def test_fed1_value_type_in_two_subgraphs(fed):
    data = fed.query("{ vehicles { value { amount currency } premium { amount } } }")
    assert data == {
        "vehicles": [
            {"value": {"amount": 12000, "currency": "EUR"}, "premium": {"amount": 300}},
            {"value": {"amount": 8000, "currency": "EUR"}, "premium": {"amount": 0}},
            {"value": {"amount": 3000, "currency": "EUR"}, "premium": {"amount": 300}},
        ]
    }
    assert fed.request_counts() == {"vehicles": 1, "insurance": 1}


def test_fed1_api_schema_has_no_federation_elements(fed):
    data = fed.query('{ __schema { types { name } } vehicle: __type(name: "Vehicle") { fields { name } } }')
    names = {t["name"] for t in data["__schema"]["types"] if not t["name"].startswith("__")}
    assert names == {"Boolean", "ID", "Int", "Money", "Person", "Query", "String", "Vehicle"}
    assert sorted(f["name"] for f in data["vehicle"]["fields"]) == [
        "insured",
        "make",
        "owner",
        "plate",
        "premium",
        "value",
    ]
