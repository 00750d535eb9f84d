"""Citizen portal: interface objects with @requires, and one with a non-resolvable key.

identity owns ``interface Account @key(fields: "id")`` (Citizen, Official). portal sees
``type Account @interfaceObject`` and adds ``lastLogin`` and ``greeting``, the latter
``@requires(fields: "displayName")`` (owned by identity).

identity also declares ``interface Case @key(fields: "id")`` (no implementation yet) and
notices sees it as an interface object with ``@key(resolvable: false)``: ``Case.summary``
can be read under notices' own root field, but never from identity's ``pendingCase``
(no entity call may enter notices), so such an operation cannot be planned. (Composition
only accepts that because ``Case`` has no implementation to check.)
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

ACCOUNTS = {
    "a1": {"__typename": "Citizen", "displayName": "Ada Lovelace", "birthYear": 1950},
    "a2": {"__typename": "Official", "displayName": "Bo Chen", "department": "Harbour Authority"},
    "a3": {"__typename": "Citizen", "displayName": "Cai Ling", "birthYear": 2004},
}
LOGINS = {"a1": "2025-06-01T08:00", "a2": "2025-06-02T09:30", "a3": "2025-05-28T18:45"}
NOTICES = {"a1": 2, "a2": 0, "a3": 5}


def _account(id: str) -> dict | None:
    record = ACCOUNTS.get(id)
    return {"id": id, **record} if record else None


identity = SdlSubgraph(
    "identity",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      accounts: [Account!]!
      pendingCase: Case
    }

    interface Case @key(fields: "id") {
      id: ID!
    }

    interface Account @key(fields: "id") {
      id: ID!
      displayName: String!
    }

    type Citizen implements Account @key(fields: "id") {
      id: ID!
      displayName: String!
      birthYear: Int!
    }

    type Official implements Account @key(fields: "id") {
      id: ID!
      displayName: String!
      department: String!
    }
    """,
    resolvers={"Query": {"accounts": lambda _o, _i: [_account(i) for i in ACCOUNTS]}},
    entities={
        "Account": lambda r: _account(r["id"]),
        "Citizen": lambda r: _account(r["id"]),
        "Official": lambda r: _account(r["id"]),
    },
)


def _portal_account(id: str) -> dict:
    return {"__typename": "Account", "id": id, "lastLogin": LOGINS[id]}


portal = SdlSubgraph(
    "portal",
    """
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject", "@external", "@requires"]
      )

    type Query {
      recentLogins: [Account!]!
    }

    type Account @key(fields: "id") @interfaceObject {
      id: ID!
      displayName: String! @external
      lastLogin: String!
      greeting: String! @requires(fields: "displayName")
    }
    """,
    resolvers={
        "Query": {"recentLogins": lambda _o, _i: [_portal_account("a2"), _portal_account("a3")]},
        "Account": {"greeting": lambda account, _i: f"Welcome back, {account['displayName']}"},
    },
    entities={"Account": lambda r: {**r, "lastLogin": LOGINS[r["id"]]} if r["id"] in LOGINS else None},
)

notices = SdlSubgraph(
    "notices",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

    type Query {
      caseFile: Case
    }

    type Case @key(fields: "id", resolvable: false) @interfaceObject {
      id: ID!
      summary: String!
    }
    """,
    resolvers={"Query": {"caseFile": lambda _o, _i: {"__typename": "Case", "id": "k1", "summary": "Noise complaint"}}},
)

SCENARIO = Scenario("interface_object_requires", [identity, portal, notices])
