"""@interfaceObject: archive adds fields to every Document without knowing the types."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.interface_object import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_interface_object_fields_on_interface(fed):
    query = "{ documents { id title archivedAt } }"
    data = fed.query(query)
    assert data == {
        "documents": [
            {"id": "d1", "title": "Passport of Ada Lovelace", "archivedAt": "2024-03-01"},
            {"id": "d2", "title": "Fishing permit", "archivedAt": "2023-11-15"},
            {"id": "d3", "title": "Passport of Bo Chen", "archivedAt": "2025-01-20"},
        ]
    }
    assert fed.request_counts() == {"documents": 1, "archive": 1}
    # archive only knows the interface: representations carry "Document", not the concrete type
    assert fed["archive"].entity_calls[0].representations == [
        {"__typename": "Document", "id": "d1"},
        {"__typename": "Document", "id": "d2"},
        {"__typename": "Document", "id": "d3"},
    ]
    assert_plan(fed.plan(query), ["Fetch(documents)", "Flatten(documents.@) Fetch(archive)"])


def test_interface_object_fields_inside_concrete_fragment(fed):
    data = fed.query("{ documents { ... on Permit { authority retentionYears } ... on Passport { country } } }")
    assert data == {
        "documents": [
            {"country": "UK"},
            {"authority": "Harbour Board", "retentionYears": 2},
            {"country": "FR"},
        ]
    }
    assert fed["archive"].entity_calls[0].representations == [{"__typename": "Document", "id": "d2"}]


def test_typename_from_interface_object_root_resolved_by_owner(fed):
    query = "{ archivedDocuments { __typename id archivedAt } }"
    data = fed.query(query)
    assert data == {
        "archivedDocuments": [
            {"__typename": "Permit", "id": "d2", "archivedAt": "2023-11-15"},
            {"__typename": "Passport", "id": "d3", "archivedAt": "2025-01-20"},
        ]
    }
    assert fed.request_counts() == {"archive": 1, "documents": 1}
    assert fed["documents"].entity_calls[0].representations == [
        {"__typename": "Document", "id": "d2"},
        {"__typename": "Document", "id": "d3"},
    ]


def test_concrete_fields_from_interface_object_root(fed):
    data = fed.query(
        "{ archivedDocuments { title retentionYears ... on Passport { country } ... on Permit { authority } } }"
    )
    assert data == {
        "archivedDocuments": [
            {"title": "Fishing permit", "retentionYears": 2, "authority": "Harbour Board"},
            {"title": "Passport of Bo Chen", "retentionYears": 10, "country": "FR"},
        ]
    }


def test_interface_object_only_fields_need_one_fetch(fed):
    data = fed.query("{ archivedDocuments { id retentionYears } }")
    assert data == {"archivedDocuments": [{"id": "d2", "retentionYears": 2}, {"id": "d3", "retentionYears": 10}]}
    assert fed.request_counts() == {"archive": 1}
