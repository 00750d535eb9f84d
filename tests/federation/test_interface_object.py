"""@interfaceObject: archive adds fields to every Document without knowing the types;
portal adds a @requires field to every Account; notices' Case is an interface object with
a non-resolvable key."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.interface_object import SCENARIO
from .scenarios.interface_object_requires import SCENARIO as ACCOUNTS_SCENARIO

fed = scenario_fixture(SCENARIO)
#: identity/portal/notices: @requires on an interface object, non-resolvable interface object
accounts_fed = scenario_fixture(ACCOUNTS_SCENARIO)


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


# ----------------------------------------- @requires on interface objects, resolvable: false


def test_interface_fields_only_need_no_concrete_type(accounts_fed):
    query = "{ recentLogins { id lastLogin } }"
    assert accounts_fed.query(query) == {
        "recentLogins": [{"id": "a2", "lastLogin": "2025-06-02T09:30"}, {"id": "a3", "lastLogin": "2025-05-28T18:45"}]
    }
    assert accounts_fed.request_counts() == {"portal": 1}
    assert_plan(accounts_fed.plan(query), "Fetch(portal)")


def test_interface_field_of_owner_fetched_through_interface_entity(accounts_fed):
    """displayName is an Account field: identity is asked with the interface's name as
    __typename, and the concrete type is neither needed nor returned."""
    data = accounts_fed.query("{ recentLogins { id displayName lastLogin } }")
    assert data == {
        "recentLogins": [
            {"id": "a2", "displayName": "Bo Chen", "lastLogin": "2025-06-02T09:30"},
            {"id": "a3", "displayName": "Cai Ling", "lastLogin": "2025-05-28T18:45"},
        ]
    }
    assert accounts_fed.request_counts() == {"portal": 1, "identity": 1}
    assert accounts_fed["identity"].entity_calls[0].representations == [
        {"__typename": "Account", "id": "a2"},
        {"__typename": "Account", "id": "a3"},
    ]


def test_concrete_fragments_and_typename_through_interface_entity(accounts_fed):
    query = "{ recentLogins { __typename lastLogin ... on Official { department } ... on Citizen { birthYear } } }"
    data = accounts_fed.query(query)
    assert data == {
        "recentLogins": [
            {"__typename": "Official", "lastLogin": "2025-06-02T09:30", "department": "Harbour Authority"},
            {"__typename": "Citizen", "lastLogin": "2025-05-28T18:45", "birthYear": 2004},
        ]
    }
    assert accounts_fed.request_counts() == {"portal": 1, "identity": 1}
    assert_plan(accounts_fed.plan(query), ["Fetch(portal)", "Flatten(recentLogins.@) Fetch(identity)"])


def test_requires_on_interface_object_from_its_own_root(accounts_fed):
    """portal → identity (displayName through the Account interface entity) → portal."""
    query = "{ recentLogins { id greeting } }"
    data = accounts_fed.query(query)
    assert data == {
        "recentLogins": [
            {"id": "a2", "greeting": "Welcome back, Bo Chen"},
            {"id": "a3", "greeting": "Welcome back, Cai Ling"},
        ]
    }
    assert accounts_fed.request_counts() == {"portal": 2, "identity": 1}
    assert accounts_fed["portal"].entity_calls[0].representations == [
        {"__typename": "Account", "id": "a2", "displayName": "Bo Chen"},
        {"__typename": "Account", "id": "a3", "displayName": "Cai Ling"},
    ]
    assert_plan(
        accounts_fed.plan(query),
        ["Fetch(portal)", "Flatten(recentLogins.@) Fetch(identity)", "Flatten(recentLogins.@) Fetch(portal)"],
    )


def test_requires_on_interface_object_from_owner(accounts_fed):
    """identity → portal: representations carry the interface name, not Citizen/Official."""
    data = accounts_fed.query("{ accounts { id greeting } }")
    assert data == {
        "accounts": [
            {"id": "a1", "greeting": "Welcome back, Ada Lovelace"},
            {"id": "a2", "greeting": "Welcome back, Bo Chen"},
            {"id": "a3", "greeting": "Welcome back, Cai Ling"},
        ]
    }
    assert accounts_fed.request_counts() == {"identity": 1, "portal": 1}
    assert accounts_fed["portal"].entity_calls[0].representations == [
        {"__typename": "Account", "id": "a1", "displayName": "Ada Lovelace"},
        {"__typename": "Account", "id": "a2", "displayName": "Bo Chen"},
        {"__typename": "Account", "id": "a3", "displayName": "Cai Ling"},
    ]


def test_requires_on_interface_object_inside_concrete_fragment(accounts_fed):
    data = accounts_fed.query("{ accounts { ... on Citizen { birthYear greeting } ... on Official { department } } }")
    assert data == {
        "accounts": [
            {"birthYear": 1950, "greeting": "Welcome back, Ada Lovelace"},
            {"department": "Harbour Authority"},
            {"birthYear": 2004, "greeting": "Welcome back, Cai Ling"},
        ]
    }
    assert accounts_fed["portal"].entity_calls[0].representations == [
        {"__typename": "Account", "id": "a1", "displayName": "Ada Lovelace"},
        {"__typename": "Account", "id": "a3", "displayName": "Cai Ling"},
    ]


def test_non_resolvable_interface_object_from_its_own_root(accounts_fed):
    query = "{ caseFile { id summary } }"
    assert accounts_fed.query(query) == {"caseFile": {"id": "k1", "summary": "Noise complaint"}}
    assert accounts_fed.request_counts() == {"notices": 1}


def test_field_only_behind_non_resolvable_interface_object_key_cannot_be_planned(accounts_fed):
    """Case.summary lives only in notices, whose key is resolvable: false: from identity's
    pendingCase no plan exists. The whole operation fails: data null and a planning error."""
    result = accounts_fed.execute("{ pendingCase { id summary } }")
    assert set(result) == {"data", "errors"}
    assert result["data"] is None
    (error,) = result["errors"]
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert "Case.summary" in error["message"]
    assert accounts_fed.request_counts() == {}
