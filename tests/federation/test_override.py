"""@override: moved fields are resolved by their new owner; progressive labels by config."""

from __future__ import annotations

import pytest

from .conftest import scenario_fixture
from .harness import GatewayClient, assert_plan
from .scenarios.override import SCENARIO
from .scenarios.override_labels import SCENARIO as FINES_SCENARIO

fed = scenario_fixture(SCENARIO)
#: ledger/payments: percent(100), percent(0), percent(50) and custom labels
fines_fed = scenario_fixture(FINES_SCENARIO)


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


# ------------------------------------------------------------- labels, drawn and configured

FINES_QUERY = "{ fines { id amount dueDate } }"
FROM_DEFAULTS = {
    "fines": [
        {"id": "F-1", "amount": "EUR 120", "dueDate": "ledger:2025-07-01"},
        {"id": "F-2", "amount": "EUR 60", "dueDate": "ledger:2025-08-15"},
    ]
}


def test_percent_100_moves_and_percent_0_keeps(fines_fed):
    for _ in range(10):
        assert fines_fed.query(FINES_QUERY) == FROM_DEFAULTS
    assert fines_fed.request_counts() == {"ledger": 10, "payments": 10}
    for call in fines_fed["payments"].entity_calls:
        assert "dueDate" not in call.query
    for query in fines_fed["ledger"].queries:
        assert "amount" not in query


def test_percent_0_field_alone_never_leaves_old_owner(fines_fed):
    query = "{ fines { dueDate } }"
    for _ in range(10):
        assert fines_fed.query(query) == {"fines": [{"dueDate": "ledger:2025-07-01"}, {"dueDate": "ledger:2025-08-15"}]}
    assert fines_fed.request_counts() == {"ledger": 10}
    assert_plan(fines_fed.plan(query), "Fetch(ledger)")


def test_configured_percent_labels_override_the_draw(fines_fed):
    """A percent label listed in the configuration is not drawn: the configuration decides."""
    with fines_fed.variant(override_labels={"percent(100)": False, "percent(0)": True}) as gateway:
        for _ in range(5):
            assert gateway.query(FINES_QUERY) == {
                "fines": [
                    {"id": "F-1", "amount": "ledger:EUR 120", "dueDate": "2025-07-01"},
                    {"id": "F-2", "amount": "ledger:EUR 60", "dueDate": "2025-08-15"},
                ]
            }


def test_custom_labels_off_by_default(fines_fed):
    data = fines_fed.query("{ fineTotal fines { offence reminder } }")
    assert data == {
        "fineTotal": 175,
        "fines": [
            {"offence": "Speeding", "reminder": "ledger:sms sent"},
            {"offence": "Parking", "reminder": "ledger:sms queued"},
        ],
    }
    assert fines_fed.request_counts() == {"ledger": 1}


def test_custom_labels_toggled_by_gateway_config(fines_fed):
    query = "{ fineTotal fines { offence reminder } }"
    with fines_fed.variant(override_labels={"sms-reminders": True, "fast-totals": True}) as gateway:
        data = gateway.query(query)
        plan = gateway.plan(query)
    assert data == {
        "fineTotal": 180,
        "fines": [{"offence": "Speeding", "reminder": "sms sent"}, {"offence": "Parking", "reminder": "sms queued"}],
    }
    assert_plan(plan, {"Parallel": ["Fetch(payments)", ["Fetch(ledger)", "Flatten(fines.@) Fetch(payments)"]]})
    with fines_fed.variant(override_labels={"sms-reminders": True, "fast-totals": False}) as gateway:
        assert gateway.query(query) == {
            "fineTotal": 175,
            "fines": [
                {"offence": "Speeding", "reminder": "sms sent"},
                {"offence": "Parking", "reminder": "sms queued"},
            ],
        }
    with fines_fed.variant(override_labels={"sms-reminders": False}) as gateway:
        assert gateway.query("{ fines { reminder } }") == {
            "fines": [{"reminder": "ledger:sms sent"}, {"reminder": "ledger:sms queued"}]
        }


def test_override_labels_from_a_yaml_config_file(fines_fed, tmp_path):
    """The configuration file's ``override.labels`` reach the planner (GatewayConfig →
    OverrideConfig), and percent labels listed there are not drawn."""
    from gateway.config import load_config
    from gateway.pipeline import Gateway
    from gateway.server.app import create_app
    from gateway.supergraph import load_supergraph_file

    config_file = tmp_path / "tongban.yaml"
    lines = ["subgraphs:"]
    lines += [f"  {name}:\n    url: {url}" for name, url in fines_fed.urls.items()]
    lines += ["override:", "  labels:", "    sms-reminders: true", "    percent(100): false"]
    config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = load_config(config_file)
    assert config.override.labels == {"sms-reminders": True, "percent(100)": False}
    gateway = Gateway(load_supergraph_file(FINES_SCENARIO.supergraph_path()), config)
    client = GatewayClient(fines_fed.loop, fines_fed.loop.serve(create_app(gateway, graphiql=False), lifespan="on"))
    try:
        data = client.query("{ fines { amount reminder } }")
    finally:
        client.close()
    assert data == {
        "fines": [
            {"amount": "ledger:EUR 120", "reminder": "sms sent"},
            {"amount": "ledger:EUR 60", "reminder": "sms queued"},
        ]
    }


def test_percent_50_is_drawn_per_request(fines_fed):
    """Over 40 requests both owners serve ``collector`` (chance of a false failure: 2**-39)."""
    seen = set()
    for _ in range(40):
        (first, _second) = fines_fed.query("{ fines { collector } }")["fines"]
        seen.add(first["collector"])
        assert first["collector"] in ("Northern Bailiffs", "ledger:Northern Bailiffs")
    assert seen == {"Northern Bailiffs", "ledger:Northern Bailiffs"}


def test_configured_percentage_draws_a_label_per_request(fines_fed):
    """A number for a label is its percentage: 100 always on, 0 always off, 50 mixes."""
    query = "{ fines { reminder } }"
    on = {"fines": [{"reminder": "sms sent"}, {"reminder": "sms queued"}]}
    off = {"fines": [{"reminder": "ledger:sms sent"}, {"reminder": "ledger:sms queued"}]}
    with fines_fed.variant(override_labels={"sms-reminders": 100}) as gateway:
        assert all(gateway.query(query) == on for _ in range(5))
    with fines_fed.variant(override_labels={"sms-reminders": 0}) as gateway:
        assert all(gateway.query(query) == off for _ in range(5))
    with fines_fed.variant(override_labels={"sms-reminders": 50}) as gateway:
        answers = [gateway.query(query) for _ in range(60)]
    # P(all 60 alike) = 2 * 0.5**60: a failure here is not chance
    assert on in answers and off in answers


def test_percentage_outside_0_to_100_is_refused(tmp_path):
    from gateway.config import ConfigError, load_config

    path = tmp_path / "tongban.yaml"
    path.write_text("override:\n  labels:\n    sms-reminders: 150\n")
    with pytest.raises(ConfigError, match="percentage between 0 and 100, not 150"):
        load_config(path)
