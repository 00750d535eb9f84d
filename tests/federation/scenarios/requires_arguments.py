"""Permit compliance: @requires on fields with arguments, with conflicting arguments.

permits owns ``Permit.fee(currency:)`` and ``Permit.inspections(last:)`` (most recent
first). compliance derives ``feeNoticeUsd`` from ``fee(currency: "USD")`` and
``feeNoticeEur`` from ``fee(currency: "EUR")`` — both land on the representation key
``fee``, so one entity batch cannot carry both — and ``riskRating`` from
``inspections(last: 3) { outcome }``, which a client may also select with other arguments.
compliance refuses a representation whose inspections are not exactly the last three.
"""

from __future__ import annotations

from graphql import GraphQLError

from ..harness import Scenario, SdlSubgraph

PERMITS = {
    "P-1": {
        "holder": "Ada Lovelace",
        "fee": 100,
        "inspections": [
            ("2025-06-01", "pass"),
            ("2025-03-01", "pass"),
            ("2024-12-01", "fail"),
            ("2024-09-01", "pass"),
            ("2024-06-01", "pass"),
        ],
    },
    "P-2": {
        "holder": "Bo Chen",
        "fee": 250,
        "inspections": [
            ("2025-05-10", "pass"),
            ("2025-01-10", "pass"),
            ("2024-09-10", "pass"),
            ("2024-05-10", "fail"),
        ],
    },
}
#: percent of the EUR fee
RATES = {"EUR": 100, "USD": 110, "GBP": 85}


def _permit(id: str) -> dict | None:
    return {"__typename": "Permit", "id": id} if id in PERMITS else None


def _fee(permit: dict, _info: object, currency: str) -> int:
    return PERMITS[permit["id"]]["fee"] * RATES[currency] // 100


def _inspections(permit: dict, _info: object, last: int) -> list[dict]:
    return [{"date": d, "outcome": o} for d, o in PERMITS[permit["id"]]["inspections"][:last]]


permits = SdlSubgraph(
    "permits",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      permits: [Permit!]!
    }

    type Permit @key(fields: "id") {
      id: ID!
      holder: String!
      fee(currency: String!): Int!
      inspections(last: Int!): [Inspection!]!
    }

    type Inspection @shareable {
      date: String!
      outcome: String!
    }
    """,
    resolvers={
        "Query": {"permits": lambda _o, _i: [_permit(i) for i in PERMITS]},
        "Permit": {
            "holder": lambda permit, _i: PERMITS[permit["id"]]["holder"],
            "fee": _fee,
            "inspections": _inspections,
        },
    },
    entities={"Permit": lambda r: _permit(r["id"])},
)


def _risk_rating(permit: dict, _info: object) -> str:
    inspections = permit["inspections"]
    if len(inspections) != 3:
        raise GraphQLError(f"riskRating needs the last 3 inspections, got {len(inspections)}")
    return "elevated" if any(i["outcome"] == "fail" for i in inspections) else "low"


compliance = SdlSubgraph(
    "compliance",
    """
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external", "@requires"]
      )

    type Query {
      flaggedPermits: [Permit!]!
    }

    type Permit @key(fields: "id") {
      id: ID!
      fee(currency: String!): Int! @external
      inspections(last: Int!): [Inspection!]! @external
      feeNoticeUsd: String! @requires(fields: "fee(currency: \\"USD\\")")
      feeNoticeEur: String! @requires(fields: "fee(currency: \\"EUR\\")")
      riskRating: String! @requires(fields: "inspections(last: 3) { outcome }")
    }

    type Inspection @shareable {
      outcome: String!
    }
    """,
    resolvers={
        "Query": {"flaggedPermits": lambda _o, _i: [_permit("P-2")]},
        "Permit": {
            "feeNoticeUsd": lambda permit, _i: f"USD {permit['fee']} due",
            "feeNoticeEur": lambda permit, _i: f"EUR {permit['fee']} due",
            "riskRating": _risk_rating,
        },
    },
    entities={"Permit": lambda r: r},
)

SCENARIO = Scenario("requires_arguments", [permits, compliance])
