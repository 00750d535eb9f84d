"""@inaccessible: hidden from clients and introspection, still usable as key and requires."""

from __future__ import annotations

import pytest

from .conftest import scenario_fixture
from .scenarios.inaccessible import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_inaccessible_key_still_joins_entities(fed):
    data = fed.query('{ person(id: "p2") { name riskScore } }')
    assert data == {"person": {"name": "Bo Chen", "riskScore": 7}}
    assert fed.request_counts() == {"persons": 1, "risk": 1}
    assert fed["risk"].entity_calls[0].representations == [
        {"__typename": "Person", "nationalId": "NI-0002", "internalRef": "case-4"}
    ]


def test_inaccessible_field_as_requires_input(fed):
    data = fed.query("{ persons { id riskScore } }")
    assert data == {"persons": [{"id": "p1", "riskScore": 2}, {"id": "p2", "riskScore": 7}]}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('{ person(id: "p1") { internalRef } }', "Cannot query field 'internalRef' on type 'Person'."),
        ('{ person(id: "p1") { nationalId } }', "Cannot query field 'nationalId' on type 'Person'."),
        ("{ auditTrail { id } }", "Cannot query field 'auditTrail' on type 'Query'."),
        ('{ person(id: "p1", auditReason: "x") { name } }', "Unknown argument 'auditReason' on field 'Query.person'."),
        (
            "{ persons(filter: { status: ARCHIVED }) { id } }",
            "Value 'ARCHIVED' does not exist in 'Status' enum. Did you mean the enum value 'ACTIVE'?",
        ),
        (
            "{ persons(filter: { includeArchived: true }) { id } }",
            "Expected value of type 'PersonFilter' not to include unknown field 'includeArchived',"
            " found: { includeArchived: true }.",
        ),
    ],
    ids=["field", "key-field", "root-field-of-inaccessible-type", "argument", "enum-value", "input-field"],
)
def test_inaccessible_elements_rejected_by_validation(fed, query, message):
    result = fed.execute(query)
    assert "data" not in result
    assert [e["message"] for e in result["errors"]] == [message]
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert fed.request_counts() == {}


def test_accessible_enum_value_and_input_field_work(fed):
    data = fed.query("{ persons(filter: { status: ACTIVE }) { name status } }")
    assert data == {"persons": [{"name": "Ada Lovelace", "status": "ACTIVE"}, {"name": "Bo Chen", "status": "ACTIVE"}]}


def test_inaccessible_parts_hidden_from_introspection(fed):
    data = fed.query(
        """
        {
          person: __type(name: "Person") { fields { name } }
          status: __type(name: "Status") { enumValues(includeDeprecated: true) { name } }
          filter: __type(name: "PersonFilter") { inputFields { name } }
          audit: __type(name: "AuditRecord") { name }
          query: __type(name: "Query") { fields { name args { name } } }
        }
        """
    )
    assert data == {
        "person": {"fields": [{"name": "id"}, {"name": "name"}, {"name": "status"}, {"name": "riskScore"}]},
        "status": {"enumValues": [{"name": "ACTIVE"}, {"name": "DECEASED"}]},
        "filter": {"inputFields": [{"name": "status"}]},
        "audit": None,
        "query": {
            "fields": [
                {"name": "person", "args": [{"name": "id"}]},
                {"name": "persons", "args": [{"name": "filter"}]},
            ]
        },
    }
    assert fed.request_counts() == {}
