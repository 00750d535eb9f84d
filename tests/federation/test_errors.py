"""Errors: subgraph GraphQL errors with client paths, null propagation by the API schema's
nullability, partial data when a subgraph errors, times out, is down or answers garbage, and
operations that validate but cannot be planned."""

from __future__ import annotations

import pytest

from .conftest import scenario_fixture
from .harness import closed_url, error_names_subgraph
from .scenarios.errors import SCENARIO
from .scenarios.interface_object_requires import SCENARIO as ACCOUNTS_SCENARIO

fed = scenario_fixture(SCENARIO)
#: identity/portal/notices: ``Case.summary`` only behind a non-resolvable key
accounts_fed = scenario_fixture(ACCOUNTS_SCENARIO)

PEOPLE_NAMES = [{"name": "Ada Lovelace"}, {"name": "Bo Chen"}, {"name": "Cai Ling"}]


def _strip(errors):
    """Errors reduced to message and path (extensions are checked separately)."""
    return [{key: error[key] for key in ("message", "path") if key in error} for error in errors]


def test_root_field_error_with_path(fed):
    result = fed.execute('{ person(id: "boom") { name } other: person(id: "p1") { name } }')
    assert result["data"] == {"person": None, "other": {"name": "Ada Lovelace"}}
    assert _strip(result["errors"]) == [{"message": "person registry is locked", "path": ["person"]}]
    assert result["errors"][0]["extensions"]["code"] == "REGISTRY_LOCKED"


def test_entity_field_error_gets_client_path(fed):
    result = fed.execute("{ people { name taxBand } }")
    assert result["data"] == {
        "people": [
            {"name": "Ada Lovelace", "taxBand": "A"},
            {"name": "Bo Chen", "taxBand": None},
            {"name": "Cai Ling", "taxBand": "C"},
        ]
    }
    assert _strip(result["errors"]) == [{"message": "tax band unavailable for p2", "path": ["people", 1, "taxBand"]}]
    assert error_names_subgraph(result["errors"][0], "tax")


def test_whole_entity_error_gets_entity_path(fed):
    result = fed.execute('{ person(id: "p4") { name taxBand } }')
    assert result["data"] == {"person": {"name": "Dan Obi", "taxBand": None}}
    assert _strip(result["errors"]) == [{"message": "tax record sealed", "path": ["person"]}]


def test_non_null_entity_field_error_propagates_to_nullable_list(fed):
    """taxStatus: String! fails for p3; the element is Person! so the whole nullable list is null."""
    result = fed.execute("{ people { name taxStatus } census }")
    assert result["data"] == {"people": None, "census": 4}
    assert _strip(result["errors"]) == [{"message": "status lookup failed", "path": ["people", 2, "taxStatus"]}]


def test_non_null_error_propagates_to_nullable_parent_object(fed):
    result = fed.execute('{ person(id: "p3") { name taxStatus } other: person(id: "p1") { taxStatus } }')
    assert result["data"] == {"person": None, "other": {"taxStatus": "FILED"}}
    assert _strip(result["errors"]) == [{"message": "status lookup failed", "path": ["person", "taxStatus"]}]


@pytest.mark.parametrize("mode", ["http500", "garbage", "json500"])
def test_failing_subgraph_leaves_rest_of_response_intact(fed, mode):
    fed["benefits"].mode = mode
    result = fed.execute("{ people { name benefit } census }")
    assert result["data"] == {
        "people": [
            {"name": "Ada Lovelace", "benefit": None},
            {"name": "Bo Chen", "benefit": None},
            {"name": "Cai Ling", "benefit": None},
        ],
        "census": 4,
    }
    assert len(result["errors"]) == 1
    assert error_names_subgraph(result["errors"][0], "benefits") or mode == "json500"
    if mode == "json500":
        assert result["errors"][0]["message"] == "benefits is overloaded"


@pytest.mark.parametrize("mode", ["http500", "garbage"])
def test_failing_root_fetch_nulls_only_its_fields(fed, mode):
    fed["benefits"].mode = mode
    result = fed.execute("{ benefitTotal people { name } }")
    assert result["data"] == {"benefitTotal": None, "people": PEOPLE_NAMES}
    assert len(result["errors"]) == 1
    assert error_names_subgraph(result["errors"][0], "benefits")


def test_failing_subgraph_with_non_null_field_propagates_null(fed):
    fed["benefits"].mode = "http500"
    result = fed.execute("{ people { name benefitLevel } census }")
    assert result["data"] == {"people": None, "census": 4}
    assert any(error_names_subgraph(error, "benefits") for error in result["errors"])


def test_subgraph_down(fed):
    with fed.variant(urls={"benefits": closed_url()}) as gateway:
        result = gateway.execute("{ people { name benefit } benefitTotal census }")
    assert result["data"] == {
        "people": [
            {"name": "Ada Lovelace", "benefit": None},
            {"name": "Bo Chen", "benefit": None},
            {"name": "Cai Ling", "benefit": None},
        ],
        "benefitTotal": None,
        "census": 4,
    }
    assert len(result["errors"]) == 2  # the root fetch and the entity fetch
    assert all(error_names_subgraph(error, "benefits") for error in result["errors"])


def test_subgraph_timeout(fed):
    fed["benefits"].mode = "slow"
    fed["benefits"].delay = 3.0
    with fed.variant(timeouts={"benefits": 0.3}) as gateway:
        result = gateway.execute("{ people { name benefit } census }")
    assert result["data"] == {
        "people": [
            {"name": "Ada Lovelace", "benefit": None},
            {"name": "Bo Chen", "benefit": None},
            {"name": "Cai Ling", "benefit": None},
        ],
        "census": 4,
    }
    (error,) = result["errors"]
    assert error_names_subgraph(error, "benefits")


def test_errors_from_two_subgraphs_in_one_response(fed):
    fed["benefits"].mode = "garbage"
    result = fed.execute("{ people { name taxBand benefit } }")
    assert result["data"]["people"][1] == {"name": "Bo Chen", "taxBand": None, "benefit": None}
    assert result["data"]["people"][0] == {"name": "Ada Lovelace", "taxBand": "A", "benefit": None}
    assert len(result["errors"]) == 2
    assert {"message": "tax band unavailable for p2", "path": ["people", 1, "taxBand"]} in _strip(result["errors"])
    assert any(error_names_subgraph(error, "benefits") for error in result["errors"])


def test_successful_response_has_no_errors_key(fed):
    result = fed.execute('{ person(id: "p1") { name taxBand benefit } }')
    assert result == {"data": {"person": {"name": "Ada Lovelace", "taxBand": "A", "benefit": 100}}}


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/json", "application/json; charset=utf-8"),
        ("application/graphql-response+json", "application/graphql-response+json; charset=utf-8"),
    ],
)
def test_unplannable_operation_is_data_null_with_planning_error(accounts_fed, accept, content_type):
    """The operation is valid against the API schema, but ``Case.summary`` can only be
    resolved by notices, whose key is ``resolvable: false``: no plan exists. That is an
    execution failure of the whole operation (``data: null``), not a crash nor a 500, and
    no subgraph is called."""
    response = accounts_fed.gateway.http.post(
        "/graphql", json={"query": "query Pending { pendingCase { id summary } }"}, headers={"accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    body = response.json()
    assert list(body) == ["data", "errors"]
    assert body["data"] is None
    (error,) = body["errors"]
    assert set(error) == {"message", "extensions"}
    assert error["extensions"] == {"code": "QUERY_PLANNING_FAILED"}
    assert "Case.summary" in error["message"]
    assert accounts_fed.request_counts() == {}


def test_unplannable_field_fails_even_beside_plannable_fields(accounts_fed):
    result = accounts_fed.execute("{ caseFile { id summary } pendingCase { summary } }")
    assert result["data"] is None
    assert [error["extensions"]["code"] for error in result["errors"]] == ["QUERY_PLANNING_FAILED"]
    assert accounts_fed.request_counts() == {}


def test_plannable_sibling_operation_in_same_document_still_works(accounts_fed):
    document = "query Good { caseFile { id summary } } query Bad { pendingCase { summary } }"
    assert accounts_fed.query(document, operation_name="Good") == {
        "caseFile": {"id": "k1", "summary": "Noise complaint"}
    }
    result = accounts_fed.execute(document, operation_name="Bad")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "QUERY_PLANNING_FAILED"
