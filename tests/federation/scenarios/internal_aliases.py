"""Parties register: one field name, two nullabilities in one subgraph.

census lists citizens (``Citizen.id: ID`` and ``Citizen.reference: String``, shareable,
no key) and nothing else. registry
owns ``union Party = Citizen | Agency`` and ``interface Contact`` (both implemented by
Citizen and Agency) where ``Citizen.id`` / ``Citizen.reference`` are non-null (``ID!``,
``String!``) but ``Agency.id`` / ``Agency.reference`` are nullable. In the supergraph both
are nullable, so a client may select ``... on Citizen { id } ... on Agency { id }``; sent
as is, registry would reject it ("fields conflict because they return conflicting types
ID! and ID"): the gateway has to alias one of them internally. ``linked`` nests parties
inside parties, to check the aliasing at every depth.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

PARTIES = {
    "c1": {"__typename": "Citizen", "name": "Ada Lovelace", "reference": "NI-1001", "linked": ["g1", "c2"]},
    "c2": {"__typename": "Citizen", "name": "Bo Chen", "reference": "NI-1002", "linked": ["c1"]},
    "g1": {"__typename": "Agency", "name": "Harbour Authority", "reference": None, "linked": ["c2", "g2"]},
    "g2": {"__typename": "Agency", "name": "Roads Office", "reference": "AG-7", "linked": []},
}


def _party(id: str) -> dict:
    record = PARTIES[id]
    return {"id": id, **record}


def _linked(party: dict, _info: object) -> list[dict]:
    return [_party(i) for i in party["linked"]]


census = SdlSubgraph(
    "census",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])

    type Query {
      citizens: [Citizen!]!
    }

    type Citizen {
      id: ID @shareable
      reference: String @shareable
    }
    """,
    resolvers={
        "Query": {"citizens": lambda _o, _i: [{"id": i, "reference": PARTIES[i]["reference"]} for i in ("c2", "c1")]}
    },
)

registry = SdlSubgraph(
    "registry",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      parties: [Party!]!
      contacts: [Contact!]!
    }

    union Party = Citizen | Agency

    interface Contact {
      id: ID
      reference: String
      name: String!
    }

    type Citizen implements Contact @key(fields: "id") {
      id: ID!
      reference: String! @shareable
      name: String!
      linked: [Party!]!
    }

    type Agency implements Contact {
      id: ID
      reference: String
      name: String!
      linked: [Party!]!
    }
    """,
    resolvers={
        "Query": {
            "parties": lambda _o, _i: [_party("c1"), _party("g1")],
            "contacts": lambda _o, _i: [_party("g2"), _party("c2")],
        },
        "Citizen": {"linked": _linked},
        "Agency": {"linked": _linked},
    },
    entities={"Citizen": lambda r: _party(r["id"]) if r["id"] in PARTIES else None},
)

SCENARIO = Scenario("internal_aliases", [census, registry])
