"""Livestock register: @provides through an interface-typed field of a shareable root.

``Query.holding`` is @shareable in farms and census. census's copy
``@provides(fields: "livestock { id tag }")``: ``livestock`` is a list of the interface
``Animal`` (Cow, Sheep) whose ``tag`` is owned by animals. farms only knows animal ids
(its ``holding`` resolver fails: farms is being decommissioned and must not be asked when
census can answer alone); animals owns the animals and ``Holding.livestock``.
"""

from __future__ import annotations

from graphql import GraphQLError

from ..harness import Scenario, SdlSubgraph

ANIMALS = {
    "cow-1": {"__typename": "Cow", "tag": "UK-101", "milkYield": 28},
    "sheep-1": {"__typename": "Sheep", "tag": "UK-202", "woolKg": 4},
    "cow-2": {"__typename": "Cow", "tag": "UK-103", "milkYield": 31},
}
HOLDING = "H-1"


def _animal(id: str, *fields: str) -> dict:
    record = ANIMALS[id]
    return {"__typename": record["__typename"], "id": id, **{f: record[f] for f in fields if f in record}}


def _farms_holding(_obj: object, _info: object) -> dict:
    raise GraphQLError("farms: Query.holding is decommissioned, ask census")


farms = SdlSubgraph(
    "farms",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external"])

    type Query {
      holding: Holding @shareable
    }

    type Holding @key(fields: "id") {
      id: ID!
      livestock: [Animal!]! @shareable
    }

    interface Animal {
      id: ID!
    }

    type Cow implements Animal @key(fields: "id") {
      id: ID! @external
    }

    type Sheep implements Animal @key(fields: "id") {
      id: ID! @external
    }
    """,
    resolvers={"Query": {"holding": _farms_holding}},
    entities={"Holding": lambda r: {"id": r["id"], "livestock": [_animal(i) for i in ANIMALS]}},
)

census = SdlSubgraph(
    "census",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable", "@external", "@provides"])

    type Query {
      holding: Holding @shareable @provides(fields: "livestock { id tag }")
    }

    type Holding {
      id: ID! @shareable
      livestock: [Animal!]! @external
    }

    interface Animal {
      id: ID!
      tag: String!
    }

    type Cow implements Animal {
      id: ID! @external
      tag: String! @external
    }

    type Sheep implements Animal {
      id: ID! @external
      tag: String! @external
    }
    """,
    resolvers={"Query": {"holding": lambda _o, _i: {"id": HOLDING, "livestock": [_animal(i, "tag") for i in ANIMALS]}}},
)

animals = SdlSubgraph(
    "animals",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Holding @key(fields: "id") {
      id: ID!
      livestock: [Animal!]! @shareable
    }

    interface Animal {
      id: ID!
      tag: String!
    }

    type Cow implements Animal @key(fields: "id") {
      id: ID!
      tag: String! @shareable
      milkYield: Int!
    }

    type Sheep implements Animal @key(fields: "id") {
      id: ID!
      tag: String! @shareable
      woolKg: Int!
    }
    """,
    entities={
        "Holding": lambda r: {"id": r["id"], "livestock": [_animal(i, "tag", "milkYield", "woolKg") for i in ANIMALS]},
        "Cow": lambda r: _animal(r["id"], "tag", "milkYield"),
        "Sheep": lambda r: _animal(r["id"], "tag", "woolKg"),
    },
)

SCENARIO = Scenario("provides_interface", [farms, census, animals])
