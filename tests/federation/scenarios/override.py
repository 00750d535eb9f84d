"""Licensing migration: fields moved from legacy to modern with @override.

``status`` and ``Query.licenceCount`` moved outright; ``fee`` moves progressively under the
label ``beta`` (off unless the gateway config turns it on); ``renewalDue`` under
``percent(100)`` (always drawn). The legacy subgraph still answers the moved fields, with
values marked ``legacy`` so a test sees which subgraph was used.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

LICENCES = ["L-1", "L-2"]

legacy = SdlSubgraph(
    "legacy",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Query {
      licences: [Licence!]!
      licenceCount: Int!
    }

    type Licence @key(fields: "id") {
      id: ID!
      holderName: String!
      status: String!
      fee: String!
      renewalDue: String!
    }
    """,
    resolvers={
        "Query": {
            "licences": lambda _o, _i: [{"__typename": "Licence", "id": i} for i in LICENCES],
            "licenceCount": lambda _o, _i: -1,
        },
        "Licence": {
            "holderName": lambda lic, _i: {"L-1": "Ada Lovelace", "L-2": "Bo Chen"}[lic["id"]],
            "status": lambda lic, _i: f"legacy-status-{lic['id']}",
            "fee": lambda lic, _i: f"legacy-fee-{lic['id']}",
            "renewalDue": lambda lic, _i: f"legacy-renewal-{lic['id']}",
        },
    },
    entities={"Licence": lambda r: r},
)

modern = SdlSubgraph(
    "modern",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])

    type Query {
      licenceCount: Int! @override(from: "legacy")
    }

    type Licence @key(fields: "id") {
      id: ID!
      status: String! @override(from: "legacy")
      fee: String! @override(from: "legacy", label: "beta")
      renewalDue: String! @override(from: "legacy", label: "percent(100)")
    }
    """,
    resolvers={
        "Query": {"licenceCount": lambda _o, _i: len(LICENCES)},
        "Licence": {
            "status": lambda lic, _i: "ACTIVE" if lic["id"] == "L-1" else "SUSPENDED",
            "fee": lambda lic, _i: {"L-1": "EUR 40", "L-2": "EUR 55"}[lic["id"]],
            "renewalDue": lambda lic, _i: {"L-1": "2026-01-31", "L-2": "2027-06-30"}[lic["id"]],
        },
    },
    entities={"Licence": lambda r: r},
)

SCENARIO = Scenario("override", [legacy, modern])
