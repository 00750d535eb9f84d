"""Applicants and subjects: interfaces and unions whose members live in different subgraphs.

registry: ``interface Applicant`` (Person, Enterprise) and ``union Subject = Person |
Enterprise``. vehicles: ``union Subject = Person | Vehicle`` (a partial view of the same
union) and ``Person.vehicles``. applications: ``Application.applicant: Applicant`` where
Person and Enterprise are key-only stubs.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

APPLICANTS = {
    "p1": {"__typename": "Person", "displayName": "Ada Lovelace", "birthYear": 1950},
    "e1": {"__typename": "Enterprise", "displayName": "Harbour Logistics Ltd", "registeredAt": "Edinburgh"},
    "p2": {"__typename": "Person", "displayName": "Bo Chen", "birthYear": 1990},
}
VEHICLES = {
    "SC-101": {"make": "Volvo", "owner": "p1"},
    "SC-202": {"make": "Skoda", "owner": "p1"},
    "SC-303": {"make": "Fiat", "owner": None},
}


def _applicant(id: str) -> dict | None:
    record = APPLICANTS.get(id)
    return {"id": id, **record} if record else None


registry = SdlSubgraph(
    "registry",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      applicants: [Applicant!]!
      subjects: [Subject!]!
    }

    interface Applicant {
      id: ID!
      displayName: String!
    }

    type Person implements Applicant @key(fields: "id") {
      id: ID!
      displayName: String!
      birthYear: Int!
    }

    type Enterprise implements Applicant @key(fields: "id") {
      id: ID!
      displayName: String!
      registeredAt: String!
    }

    union Subject = Person | Enterprise
    """,
    resolvers={
        "Query": {
            "applicants": lambda _o, _i: [_applicant(i) for i in APPLICANTS],
            "subjects": lambda _o, _i: [_applicant("e1"), _applicant("p2")],
        }
    },
    entities={"Person": lambda r: _applicant(r["id"]), "Enterprise": lambda r: _applicant(r["id"])},
)


def _vehicle(plate: str) -> dict:
    record = VEHICLES[plate]
    return {
        "__typename": "Vehicle",
        "plate": plate,
        "make": record["make"],
        "owner": {"__typename": "Person", "id": record["owner"]} if record["owner"] else None,
    }


vehicles = SdlSubgraph(
    "vehicles",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      subjectsOfInterest: [Subject!]!
    }

    union Subject = Person | Vehicle

    type Person @key(fields: "id") {
      id: ID!
      vehicles: [Vehicle!]!
    }

    type Vehicle @key(fields: "plate") {
      plate: String!
      make: String!
      owner: Person
    }
    """,
    resolvers={
        "Query": {
            "subjectsOfInterest": lambda _o, _i: [
                _vehicle("SC-303"),
                {"__typename": "Person", "id": "p1"},
                _vehicle("SC-101"),
            ]
        },
        "Person": {
            "vehicles": lambda person, _i: [_vehicle(p) for p, v in VEHICLES.items() if v["owner"] == person["id"]]
        },
    },
    entities={"Person": lambda r: r, "Vehicle": lambda r: _vehicle(r["plate"]) if r["plate"] in VEHICLES else None},
)

applications = SdlSubgraph(
    "applications",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      applications: [Application!]!
    }

    type Application @key(fields: "id") {
      id: ID!
      kind: String!
      applicant: Applicant!
    }

    interface Applicant {
      id: ID!
    }

    type Person implements Applicant @key(fields: "id", resolvable: false) {
      id: ID!
    }

    type Enterprise implements Applicant @key(fields: "id", resolvable: false) {
      id: ID!
    }
    """,
    resolvers={
        "Query": {
            "applications": lambda _o, _i: [
                {"id": "a1", "kind": "trading licence", "applicant": {"__typename": "Enterprise", "id": "e1"}},
                {"id": "a2", "kind": "driving licence", "applicant": {"__typename": "Person", "id": "p2"}},
                {"id": "a3", "kind": "fishing permit", "applicant": {"__typename": "Person", "id": "p1"}},
            ]
        }
    },
    entities={"Application": lambda r: None},
)

SCENARIO = Scenario("abstract_types", [registry, vehicles, applications])
