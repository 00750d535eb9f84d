"""Client operations across subgraphs: fragments, variables, aliases, __typename, order."""

from __future__ import annotations

from .conftest import scenario_fixture
from .scenarios.entities import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_named_fragments_spanning_subgraphs(fed):
    query = """
    query Registry {
      person(id: "p1") { ...PersonParts }
    }
    fragment PersonParts on Person {
      name
      household { ...HouseholdParts }
      licences { ...LicenceParts }
    }
    fragment HouseholdParts on Household { district address }
    fragment LicenceParts on Licence { number penaltyPoints }
    """
    assert fed.query(query) == {
        "person": {
            "name": "Ada Lovelace",
            "household": {"district": "D1", "address": "1 Harbour Road"},
            "licences": [{"number": "L-100", "penaltyPoints": 3}, {"number": "L-200", "penaltyPoints": 0}],
        }
    }


def test_inline_fragments_with_and_without_type_condition(fed):
    query = '{ person(id: "p3") { ... on Person { name } ... { employer { ... on Enterprise { name } } } } }'
    assert fed.query(query) == {"person": {"name": "Cai Ling", "employer": {"name": "Harbour Logistics"}}}


def test_variables_in_root_and_entity_fields(fed):
    query = """
    query ($id: ID!, $category: String) {
      person(id: $id) { name licences(category: $category) { number } }
    }
    """
    assert fed.query(query, {"id": "p1", "category": "C"}) == {
        "person": {"name": "Ada Lovelace", "licences": [{"number": "L-200"}]}
    }
    assert fed.query(query, {"id": "p1"}) == {
        "person": {"name": "Ada Lovelace", "licences": [{"number": "L-100"}, {"number": "L-200"}]}
    }
    # each variable goes only to the subgraph that uses it
    persons_call, licences_call = fed["persons"].received[-1], fed["licences"].received[-1]
    assert persons_call.variables == {"id": "p1"}
    assert set(licences_call.variables) <= {"representations", "category"}


def test_variable_default_value(fed):
    query = 'query ($id: ID! = "p2") { person(id: $id) { name } }'
    assert fed.query(query) == {"person": {"name": "Bo Chen"}}


def test_missing_required_variable_is_a_request_error(fed):
    result = fed.execute("query ($id: ID!) { person(id: $id) { name } }", {})
    assert "data" not in result
    (error,) = result["errors"]
    # graphql-core 3.2 and 3.3 word it differently
    assert error["message"] in (
        "Variable '$id' of required type 'ID!' was not provided.",
        "Variable '$id' has invalid value: Expected a value of non-null type 'ID!' to be provided.",
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert fed.request_counts() == {}


def test_aliases_on_root_and_entity_fields(fed):
    query = """
    {
      ada: person(id: "p1") {
        fullName: name
        b: licences(category: "B") { no: number pts: penaltyPoints }
        c: licences(category: "C") { no: number }
      }
      cai: person(id: "p3") { fullName: name home: household { where: address } }
    }
    """
    assert fed.query(query) == {
        "ada": {"fullName": "Ada Lovelace", "b": [{"no": "L-100", "pts": 3}], "c": [{"no": "L-200"}]},
        "cai": {"fullName": "Cai Ling", "home": {"where": "3 Hill Street"}},
    }


def test_alias_named_like_another_field(fed):
    query = '{ person(id: "p2") { name: id id: name } }'
    assert fed.query(query) == {"person": {"name": "p2", "id": "Bo Chen"}}


def test_typename_everywhere(fed):
    query = """
    {
      __typename
      person(id: "p1") {
        __typename
        household { __typename address }
        licences { __typename number kind: __typename }
        employer { __typename }
      }
    }
    """
    assert fed.query(query) == {
        "__typename": "Query",
        "person": {
            "__typename": "Person",
            "household": {"__typename": "Household", "address": "1 Harbour Road"},
            "licences": [
                {"__typename": "Licence", "number": "L-100", "kind": "Licence"},
                {"__typename": "Licence", "number": "L-200", "kind": "Licence"},
            ],
            "employer": {"__typename": "Enterprise"},
        },
    }


def test_typename_alone_needs_no_subgraph(fed):
    assert fed.query("{ __typename }") == {"__typename": "Query"}
    assert fed.request_counts() == {}


def test_response_field_order_equals_request_order(fed):
    query = """
    {
      enterprises { vatRegistered name id }
      persons {
        licences { penaltyPoints category number }
        name
        household { address serial district }
        id
      }
    }
    """
    data = fed.query(query)
    assert list(data) == ["enterprises", "persons"]
    assert list(data["enterprises"][0]) == ["vatRegistered", "name", "id"]
    first = data["persons"][0]
    assert list(first) == ["licences", "name", "household", "id"]
    assert list(first["licences"][0]) == ["penaltyPoints", "category", "number"]
    assert list(first["household"]) == ["address", "serial", "district"]


def test_field_order_with_fragments_follows_first_occurrence(fed):
    query = """
    { person(id: "p1") { id ...A name household { address } ... on Person { id employer { name } } } }
    fragment A on Person { household { district } licences { number } }
    """
    data = fed.query(query)
    assert list(data["person"]) == ["id", "household", "licences", "name", "employer"]
    assert data["person"]["household"] == {"district": "D1", "address": "1 Harbour Road"}


def test_operation_name_selects_operation(fed):
    document = """
    query One { person(id: "p1") { name } }
    query Two { person(id: "p2") { name } }
    """
    assert fed.query(document, operation_name="Two") == {"person": {"name": "Bo Chen"}}
    assert fed.query(document, operation_name="One") == {"person": {"name": "Ada Lovelace"}}


def test_duplicate_fields_merged(fed):
    query = '{ person(id: "p1") { name name household { address } household { district } } }'
    assert fed.query(query) == {
        "person": {"name": "Ada Lovelace", "household": {"address": "1 Harbour Road", "district": "D1"}}
    }


def test_query_plan_only_with_header(fed):
    query = '{ person(id: "p1") { name household { address } } }'
    assert "extensions" not in fed.execute(query)
    plan = fed.plan(query)
    assert plan["kind"] == "QueryPlan"
    assert [node["kind"] for node in plan["node"]["nodes"]] == ["Fetch", "Flatten"]


def test_get_request_through_http(fed):
    response = fed.gateway.http.get(
        "/graphql",
        params={
            "query": "query ($id: ID!) { person(id: $id) { name licences { number } } }",
            "variables": '{"id": "p3"}',
        },
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"person": {"name": "Cai Ling", "licences": [{"number": "L-300"}]}}}
