"""Vehicle registration in Federation 1 style: ``extend type`` + @key + @external, fed1
@requires and @provides, and a value type (Money) defined in two subgraphs without
@shareable. Composed twice: by @apollo/composition (a Federation 2 supergraph, join v0.3)
and by the Federation 1 composer (``fed1-legacy``: @core, join v0.1).
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

PERSONS = {
    "p1": {"name": "Ada Lovelace", "birthYear": 1950},
    "p2": {"name": "Bo Chen", "birthYear": 2010},
}
VEHICLES = {
    "SC-101": {"make": "Volvo", "owner": "p1", "value": 12000},
    "SC-202": {"make": "Skoda", "owner": "p2", "value": 8000},
    "SC-303": {"make": "Fiat", "owner": "p1", "value": 3000},
}
INSURED = {"SC-101": True, "SC-202": False, "SC-303": True}


def _person(id: str) -> dict | None:
    record = PERSONS.get(id)
    return {"__typename": "Person", "id": id, **record} if record else None


persons = SdlSubgraph(
    "persons",
    """
    type Query {
      persons: [Person]
    }

    type Person @key(fields: "id") {
      id: ID!
      name: String!
      birthYear: Int!
    }
    """,
    resolvers={"Query": {"persons": lambda _o, _i: [_person(i) for i in PERSONS]}},
    entities={"Person": lambda r: _person(r["id"])},
)


def _vehicle(plate: str) -> dict | None:
    record = VEHICLES.get(plate)
    if record is None:
        return None
    owner = record["owner"]
    return {
        "__typename": "Vehicle",
        "plate": plate,
        "make": record["make"],
        # vehicles keeps a copy of the owner's name: what @provides(fields: "name") promises
        "owner": {"__typename": "Person", "id": owner, "name": PERSONS[owner]["name"]},
        "value": {"amount": record["value"], "currency": "EUR"},
    }


vehicles = SdlSubgraph(
    "vehicles",
    """
    extend type Query {
      vehicle(plate: String!): Vehicle
      vehicles: [Vehicle!]!
    }

    type Vehicle @key(fields: "plate") {
      plate: String!
      make: String!
      owner: Person @provides(fields: "name")
      value: Money
    }

    type Money {
      amount: Int!
      currency: String!
    }

    extend type Person @key(fields: "id") {
      id: ID! @external
      name: String! @external
      birthYear: Int! @external
      vehicles: [Vehicle!]!
      mayDrive: Boolean! @requires(fields: "birthYear")
    }
    """,
    resolvers={
        "Query": {
            "vehicle": lambda _o, _i, plate: _vehicle(plate),
            "vehicles": lambda _o, _i: [_vehicle(p) for p in VEHICLES],
        },
        "Person": {
            "vehicles": lambda person, _i: [_vehicle(p) for p, v in VEHICLES.items() if v["owner"] == person["id"]],
            "mayDrive": lambda person, _i: 2025 - person["birthYear"] >= 17,
        },
    },
    entities={"Person": lambda r: r, "Vehicle": lambda r: _vehicle(r["plate"])},
)

insurance = SdlSubgraph(
    "insurance",
    """
    extend type Vehicle @key(fields: "plate") {
      plate: String! @external
      insured: Boolean!
      premium: Money
    }

    type Money {
      amount: Int!
      currency: String!
    }
    """,
    entities={
        "Vehicle": lambda r: (
            {
                "plate": r["plate"],
                "insured": INSURED[r["plate"]],
                "premium": {"amount": 300 if INSURED[r["plate"]] else 0, "currency": "EUR"},
            }
            if r["plate"] in INSURED
            else None
        )
    },
)

SCENARIO = Scenario("fed1", [persons, vehicles, insurance], fed1_legacy=True)
