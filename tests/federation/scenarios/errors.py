"""Failure modes: subgraph GraphQL errors at the root and in ``_entities``, nullability,
and subgraphs that fail at the HTTP level (switched per test through their Recorder).

persons: ``people: [Person!]`` (p1-p3), ``person(id)`` (raises for "boom"), ``census: Int``.
tax: ``taxBand: String`` (error for p2), ``taxStatus: String!`` (error for p3), the whole
entity p4 fails. benefits: ``benefit: Int``, ``benefitLevel: Int!``, ``Query.benefitTotal``.
"""

from __future__ import annotations

from graphql import GraphQLError

from ..harness import Scenario, SdlSubgraph

NAMES = {"p1": "Ada Lovelace", "p2": "Bo Chen", "p3": "Cai Ling", "p4": "Dan Obi"}


def _person(id: str) -> dict | None:
    if id == "boom":
        raise GraphQLError("person registry is locked", extensions={"code": "REGISTRY_LOCKED"})
    return {"__typename": "Person", "id": id, "name": NAMES[id]} if id in NAMES else None


persons = SdlSubgraph(
    "persons",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      people: [Person!]
      person(id: ID!): Person
      census: Int
    }

    type Person @key(fields: "id") {
      id: ID!
      name: String!
    }
    """,
    resolvers={
        "Query": {
            "people": lambda _o, _i: [_person(i) for i in ("p1", "p2", "p3")],
            "person": lambda _o, _i, id: _person(id),
            "census": lambda _o, _i: 4,
        }
    },
    entities={"Person": lambda r: _person(r["id"])},
)


def _tax_band(person: dict, _info: object) -> str:
    if person["id"] == "p2":
        raise GraphQLError("tax band unavailable for p2")
    return {"p1": "A", "p3": "C"}[person["id"]]


def _tax_status(person: dict, _info: object) -> str | None:
    if person["id"] == "p3":
        raise GraphQLError("status lookup failed")
    return "FILED"


def _tax_entity(representation: dict) -> dict:
    if representation["id"] == "p4":
        raise GraphQLError("tax record sealed")
    return representation


tax = SdlSubgraph(
    "tax",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Person @key(fields: "id") {
      id: ID!
      taxBand: String
      taxStatus: String!
    }
    """,
    resolvers={"Person": {"taxBand": _tax_band, "taxStatus": _tax_status}},
    entities={"Person": _tax_entity},
)

benefits = SdlSubgraph(
    "benefits",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      benefitTotal: Int
    }

    type Person @key(fields: "id") {
      id: ID!
      benefit: Int
      benefitLevel: Int!
    }
    """,
    resolvers={
        "Query": {"benefitTotal": lambda _o, _i: 660},
        "Person": {
            "benefit": lambda person, _i: {"p1": 100, "p2": 250, "p3": 310, "p4": 0}[person["id"]],
            "benefitLevel": lambda person, _i: 1,
        },
    },
    entities={"Person": lambda r: r},
)

SCENARIO = Scenario("errors", [persons, tax, benefits])
