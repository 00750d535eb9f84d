"""@override: moved fields are resolved by their new owner; progressive labels by config."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.override import SCENARIO

fed = scenario_fixture(SCENARIO)


def test_overridden_entity_field_resolved_by_new_owner(fed):
    query = "{ licences { id holderName status } }"
    data = fed.query(query)
    assert data == {
        "licences": [
            {"id": "L-1", "holderName": "Ada Lovelace", "status": "ACTIVE"},
            {"id": "L-2", "holderName": "Bo Chen", "status": "SUSPENDED"},
        ]
    }
    assert fed.request_counts() == {"legacy": 1, "modern": 1}
    assert "status" not in fed["legacy"].queries[0]
    assert_plan(fed.plan(query), ["Fetch(legacy)", "Flatten(licences.@) Fetch(modern)"])


def test_overridden_root_field_resolved_by_new_owner(fed):
    assert fed.query("{ licenceCount }") == {"licenceCount": 2}
    assert fed.request_counts() == {"modern": 1}


def test_progressive_override_label_off_keeps_old_owner(fed):
    data = fed.query("{ licences { id fee } }")
    assert data == {"licences": [{"id": "L-1", "fee": "legacy-fee-L-1"}, {"id": "L-2", "fee": "legacy-fee-L-2"}]}
    assert fed.request_counts() == {"legacy": 1}


def test_progressive_override_label_on_moves_field(fed):
    with fed.variant(override_labels={"beta": True}) as gateway:
        data = gateway.query("{ licences { id fee } }")
    assert data == {"licences": [{"id": "L-1", "fee": "EUR 40"}, {"id": "L-2", "fee": "EUR 55"}]}
    assert fed.request_counts() == {"legacy": 1, "modern": 1}


def test_percent_100_label_always_moves_field(fed):
    for _ in range(3):
        data = fed.query("{ licences { renewalDue } }")
        assert data == {"licences": [{"renewalDue": "2026-01-31"}, {"renewalDue": "2027-06-30"}]}
    assert fed.request_counts() == {"legacy": 3, "modern": 3}
