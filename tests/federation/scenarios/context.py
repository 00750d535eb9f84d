"""Household allowances: @context/@fromContext (join v0.5 context arguments).

census lists households; registry knows each household's region (its @context) and its
members, whose ``allowance`` takes the region from the enclosing household.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

HOUSEHOLDS = {
    "h1": {"region": "north", "members": ["p1", "p2"]},
    "h2": {"region": "south", "members": ["p3"]},
    "h3": {"region": "north", "members": ["p4"]},
}
NAMES = {"p1": "Ada", "p2": "Bo", "p3": "Cai", "p4": "Dee"}
ALLOWANCE = {"north": 120, "south": 80}


def _household(id: str) -> dict | None:
    if id not in HOUSEHOLDS:
        return None
    record = HOUSEHOLDS[id]
    members = [{"__typename": "Person", "id": p, "name": NAMES[p]} for p in record["members"]]
    return {"__typename": "Household", "id": id, "region": record["region"], "members": members}


census = SdlSubgraph(
    "census",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key"])

    type Query {
      households: [Household!]!
    }

    type Household @key(fields: "id") {
      id: ID!
      size: Int!
    }
    """,
    resolvers={
        "Query": {
            "households": lambda _o, _i: [
                {"__typename": "Household", "id": h, "size": len(r["members"])} for h, r in HOUSEHOLDS.items()
            ]
        }
    },
    entities={
        "Household": lambda r: {"__typename": "Household", "id": r["id"], "size": len(HOUSEHOLDS[r["id"]]["members"])}
    },
)

registry = SdlSubgraph(
    "registry",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@context", "@fromContext"])

    type Query {
      household(id: ID!): Household
    }

    type Household @key(fields: "id") @context(name: "household") {
      id: ID!
      region: String!
      members: [Person!]!
    }

    type Person @key(fields: "id") {
      id: ID!
      name: String!
      allowance(region: String @fromContext(field: "$household { region }")): Int!
    }
    """,
    resolvers={
        "Query": {"household": lambda _o, _i, id: _household(id)},
        "Person": {"allowance": lambda _person, _i, region=None: ALLOWANCE.get(region or "", 0)},
    },
    entities={
        "Household": lambda r: _household(r["id"]),
        "Person": lambda r: {"__typename": "Person", "id": r["id"], "name": NAMES[r["id"]]},
    },
)

SCENARIO = Scenario("context", [census, registry])
