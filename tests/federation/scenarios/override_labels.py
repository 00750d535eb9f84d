"""Fines migration: progressive @override labels, drawn and configured.

payments takes fields over from ledger under labels: ``amount`` with ``percent(100)``
(always moved), ``dueDate`` with ``percent(0)`` (never moved unless configured),
``collector`` with ``percent(50)``, ``reminder`` with the custom label ``sms-reminders``
and the root field ``fineTotal`` with ``fast-totals`` (both off unless the gateway
configuration turns them on). ledger keeps answering the fields with values prefixed
``ledger:`` (``fineTotal``: a stale 175), so a test sees which subgraph served them.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

FINES = {
    "F-1": {"amount": "EUR 120", "dueDate": "2025-07-01", "reminder": "sms sent", "collector": "Northern Bailiffs"},
    "F-2": {"amount": "EUR 60", "dueDate": "2025-08-15", "reminder": "sms queued", "collector": "Harbour Collections"},
}
FIELDS = ("amount", "dueDate", "reminder", "collector")


def _resolver(field: str, prefix: str):
    return lambda fine, _info: f"{prefix}{FINES[fine['id']][field]}"


ledger = SdlSubgraph(
    "ledger",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Query {
      fines: [Fine!]!
      fineTotal: Int!
    }

    type Fine @key(fields: "id") {
      id: ID!
      offence: String!
      amount: String!
      dueDate: String!
      reminder: String!
      collector: String!
    }
    """,
    resolvers={
        "Query": {
            "fines": lambda _o, _i: [{"__typename": "Fine", "id": i} for i in FINES],
            "fineTotal": lambda _o, _i: 175,
        },
        "Fine": {
            "offence": lambda fine, _i: {"F-1": "Speeding", "F-2": "Parking"}[fine["id"]],
            **{field: _resolver(field, "ledger:") for field in FIELDS},
        },
    },
    entities={"Fine": lambda r: r if r["id"] in FINES else None},
)

payments = SdlSubgraph(
    "payments",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])

    type Query {
      fineTotal: Int! @override(from: "ledger", label: "fast-totals")
    }

    type Fine @key(fields: "id") {
      id: ID!
      amount: String! @override(from: "ledger", label: "percent(100)")
      dueDate: String! @override(from: "ledger", label: "percent(0)")
      collector: String! @override(from: "ledger", label: "percent(50)")
      reminder: String! @override(from: "ledger", label: "sms-reminders")
    }
    """,
    resolvers={
        "Query": {"fineTotal": lambda _o, _i: 180},
        "Fine": {field: _resolver(field, "") for field in FIELDS},
    },
    entities={"Fine": lambda r: r if r["id"] in FINES else None},
)

SCENARIO = Scenario("override_labels", [ledger, payments])
