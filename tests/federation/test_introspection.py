"""Introspection is answered by the gateway from the API schema: no join__/link__ types,
no federation plumbing (_entities, _service, _Any, _Entity), no subgraph request."""

from __future__ import annotations

from graphql import build_client_schema, get_introspection_query, lexicographic_sort_schema, print_schema

from .conftest import scenario_fixture
from .scenarios.abstract_types import SCENARIO

fed = scenario_fixture(SCENARIO)

API_SDL = """\
interface Applicant {
  displayName: String!
  id: ID!
}

type Application {
  applicant: Applicant!
  id: ID!
  kind: String!
}

type Enterprise implements Applicant {
  displayName: String!
  id: ID!
  registeredAt: String!
}

type Person implements Applicant {
  birthYear: Int!
  displayName: String!
  id: ID!
  vehicles: [Vehicle!]!
}

type Query {
  applicants: [Applicant!]!
  applications: [Application!]!
  subjects: [Subject!]!
  subjectsOfInterest: [Subject!]!
}

union Subject = Enterprise | Person | Vehicle

type Vehicle {
  make: String!
  owner: Person
  plate: String!
}"""

ALLOWED_DIRECTIVES = {"include", "skip", "deprecated", "specifiedBy", "oneOf", "defer", "stream"}


def test_full_introspection_is_the_api_schema(fed):
    data = fed.query(get_introspection_query(descriptions=True))
    schema = build_client_schema(data)
    assert print_schema(lexicographic_sort_schema(schema)) == API_SDL
    assert fed.request_counts() == {}


def test_no_federation_types_or_directives_visible(fed):
    data = fed.query("{ __schema { types { name } directives { name } queryType { name } mutationType { name } } }")
    names = {t["name"] for t in data["__schema"]["types"]}
    assert {n for n in names if not n.startswith("__")} == {
        "Applicant",
        "Application",
        "Boolean",
        "Enterprise",
        "ID",
        "Int",
        "Person",
        "Query",
        "String",
        "Subject",
        "Vehicle",
    }
    assert {d["name"] for d in data["__schema"]["directives"]} <= ALLOWED_DIRECTIVES
    assert data["__schema"]["queryType"] == {"name": "Query"}
    assert data["__schema"]["mutationType"] is None


def test_federation_types_unknown_to_type_lookup(fed):
    data = fed.query(
        """
        {
          entity: __type(name: "_Entity") { name }
          any: __type(name: "_Any") { name }
          service: __type(name: "_Service") { name }
          graph: __type(name: "join__Graph") { name }
          fieldSet: __type(name: "join__FieldSet") { name }
          purpose: __type(name: "link__Purpose") { name }
        }
        """
    )
    assert data == {"entity": None, "any": None, "service": None, "graph": None, "fieldSet": None, "purpose": None}


def test_type_details(fed):
    data = fed.query(
        """
        {
          subject: __type(name: "Subject") { kind possibleTypes { name } }
          applicant: __type(name: "Applicant") { kind fields { name type { kind ofType { name } } } }
          query: __type(name: "Query") { fields { name } }
        }
        """
    )
    assert data["subject"]["kind"] == "UNION"
    assert sorted(t["name"] for t in data["subject"]["possibleTypes"]) == ["Enterprise", "Person", "Vehicle"]
    assert data["applicant"] == {
        "kind": "INTERFACE",
        "fields": [
            {"name": "id", "type": {"kind": "NON_NULL", "ofType": {"name": "ID"}}},
            {"name": "displayName", "type": {"kind": "NON_NULL", "ofType": {"name": "String"}}},
        ],
    }
    # the supergraph's order
    assert [f["name"] for f in data["query"]["fields"]] == [
        "applications",
        "applicants",
        "subjects",
        "subjectsOfInterest",
    ]


def test_introspection_mixed_with_data_keeps_request_order(fed):
    data = fed.query('{ subjects { __typename } __type(name: "Vehicle") { name } __typename }')
    assert data == {
        "subjects": [{"__typename": "Enterprise"}, {"__typename": "Person"}],
        "__type": {"name": "Vehicle"},
        "__typename": "Query",
    }
    assert list(data) == ["subjects", "__type", "__typename"]
    assert fed.request_counts() == {"registry": 1}
    assert "__type(" not in fed["registry"].queries[0]


def test_introspection_with_variables(fed):
    data = fed.query("query ($name: String!) { __type(name: $name) { name kind } }", {"name": "Applicant"})
    assert data == {"__type": {"name": "Applicant", "kind": "INTERFACE"}}


def test_introspection_in_fragment_and_alias(fed):
    query = """
    { ...Meta root: __schema { queryType { name } } }
    fragment Meta on Query { vehicle: __type(name: "Vehicle") { kind } }
    """
    assert fed.query(query) == {"vehicle": {"kind": "OBJECT"}, "root": {"queryType": {"name": "Query"}}}
    assert fed.request_counts() == {}
