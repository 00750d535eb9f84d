"""Interfaces and unions across subgraphs: members resolved elsewhere, partial unions, and
fragments on members a subgraph does not know."""

from __future__ import annotations

from .conftest import scenario_fixture
from .scenarios.abstract_types import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_interface_field_resolved_by_other_subgraph(fed):
    data = fed.query("{ applications { id applicant { __typename id displayName } } }")
    assert data == {
        "applications": [
            {"id": "a1", "applicant": {"__typename": "Enterprise", "id": "e1", "displayName": "Harbour Logistics Ltd"}},
            {"id": "a2", "applicant": {"__typename": "Person", "id": "p2", "displayName": "Bo Chen"}},
            {"id": "a3", "applicant": {"__typename": "Person", "id": "p1", "displayName": "Ada Lovelace"}},
        ]
    }
    assert fed.request_counts() == {"applications": 1, "registry": 1}
    assert fed["registry"].entity_calls[0].representations == [
        {"__typename": "Enterprise", "id": "e1"},
        {"__typename": "Person", "id": "p2"},
        {"__typename": "Person", "id": "p1"},
    ]


def test_member_specific_fields_on_interface(fed):
    data = fed.query(
        "{ applications { applicant { ... on Person { birthYear } ... on Enterprise { registeredAt } } } }"
    )
    assert data == {
        "applications": [
            {"applicant": {"registeredAt": "Edinburgh"}},
            {"applicant": {"birthYear": 1990}},
            {"applicant": {"birthYear": 1950}},
        ]
    }


def test_fields_of_one_member_from_another_subgraph(fed):
    data = fed.query("{ applicants { displayName ... on Person { vehicles { plate make } } } }")
    assert data == {
        "applicants": [
            {
                "displayName": "Ada Lovelace",
                "vehicles": [{"plate": "SC-101", "make": "Volvo"}, {"plate": "SC-202", "make": "Skoda"}],
            },
            {"displayName": "Harbour Logistics Ltd"},
            {"displayName": "Bo Chen", "vehicles": []},
        ]
    }
    assert fed.request_counts() == {"registry": 1, "vehicles": 1}
    # only the persons are sent to vehicles
    assert fed["vehicles"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1"},
        {"__typename": "Person", "id": "p2"},
    ]


def test_partial_union_fragment_on_member_unknown_to_subgraph(fed):
    """registry's Subject has no Vehicle: the Vehicle fragment must not reach it."""
    data = fed.query(
        "{ subjects { __typename ... on Person { id } ... on Enterprise { id displayName } ... on Vehicle { plate } } }"
    )
    assert data == {
        "subjects": [
            {"__typename": "Enterprise", "id": "e1", "displayName": "Harbour Logistics Ltd"},
            {"__typename": "Person", "id": "p2"},
        ]
    }
    assert fed.request_counts() == {"registry": 1}
    assert "Vehicle" not in fed["registry"].queries[0]


def test_partial_union_other_side(fed):
    data = fed.query(
        "{ subjectsOfInterest { __typename ... on Vehicle { plate owner { displayName } } "
        "... on Person { displayName } ... on Enterprise { registeredAt } } }"
    )
    assert data == {
        "subjectsOfInterest": [
            {"__typename": "Vehicle", "plate": "SC-303", "owner": None},
            {"__typename": "Person", "displayName": "Ada Lovelace"},
            {"__typename": "Vehicle", "plate": "SC-101", "owner": {"displayName": "Ada Lovelace"}},
        ]
    }
    assert "Enterprise" not in fed["vehicles"].queries[0]
    # the same person reached twice is sent once
    assert fed["registry"].entity_calls[0].representations == [{"__typename": "Person", "id": "p1"}]


def test_interface_fragment_inside_union(fed):
    """``... on Applicant`` in a Subject selection: vehicles' Person does not implement it."""
    data = fed.query("{ subjectsOfInterest { ... on Applicant { id displayName } ... on Vehicle { make } } }")
    assert data == {
        "subjectsOfInterest": [
            {"make": "Fiat"},
            {"id": "p1", "displayName": "Ada Lovelace"},
            {"make": "Volvo"},
        ]
    }


def test_typename_only_on_abstract_fields(fed):
    data = fed.query("{ applications { applicant { __typename } } subjects { __typename } }")
    assert data == {
        "applications": [
            {"applicant": {"__typename": "Enterprise"}},
            {"applicant": {"__typename": "Person"}},
            {"applicant": {"__typename": "Person"}},
        ],
        "subjects": [{"__typename": "Enterprise"}, {"__typename": "Person"}],
    }
    assert fed.request_counts() == {"applications": 1, "registry": 1}
    assert fed["registry"].entity_calls == []
