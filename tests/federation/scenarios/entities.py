"""Civil registry: persons (Strawberry), households, licences, enforcement, enterprises, tax.

Keys exercised: simple (``Person.id``), compound (``Household: district serial``, a
``resolvable: false`` stub in persons), nested (``Licence: number holder { id }``) and
several keys on one type (``Enterprise: id`` and ``taxNumber``; tax knows only the latter).
"""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Key

from ..harness import Scenario, SdlSubgraph, StrawberrySubgraph

PERSONS = {
    "p1": {"name": "Ada Lovelace", "household": ("D1", 7), "employer": "e1"},
    "p2": {"name": "Bo Chen", "household": ("D1", 7), "employer": "e2"},
    "p3": {"name": "Cai Ling", "household": ("D2", 3), "employer": "e1"},
    "p4": {"name": "Dan Obi", "household": None, "employer": None},
}
HOUSEHOLDS = {("D1", 7): "1 Harbour Road", ("D2", 3): "3 Hill Street"}
LICENCES = {
    "L-100": {"holder": "p1", "category": "B"},
    "L-200": {"holder": "p1", "category": "C"},
    "L-300": {"holder": "p3", "category": "A"},
}
POINTS = {("L-100", "p1"): 3, ("L-200", "p1"): 0, ("L-300", "p3"): 6}
ENTERPRISES = {
    "e1": {"taxNumber": "TX-1", "name": "Harbour Logistics"},
    "e2": {"taxNumber": "TX-2", "name": "Hill Bakery"},
    "e3": {"taxNumber": "TX-3", "name": "Quiet Mill"},
}
VAT = {"TX-1": True, "TX-2": False, "TX-3": True}

# ------------------------------------------------------------------ persons (Strawberry)


@strawberry.federation.type(keys=[Key(fields="district serial", resolvable=False)])
class Household:
    district: str
    serial: int


@strawberry.federation.type(keys=[Key(fields="id", resolvable=False)])
class Enterprise:
    id: strawberry.ID


@strawberry.federation.type(keys=["id"])
class Person:
    id: strawberry.ID
    name: str

    @strawberry.field
    def household(self) -> Household | None:
        key = PERSONS[self.id]["household"]
        return Household(district=key[0], serial=key[1]) if key else None

    @strawberry.field
    def employer(self) -> Enterprise | None:
        employer = PERSONS[self.id]["employer"]
        return Enterprise(id=strawberry.ID(employer)) if employer else None

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person | None:
        return _person(id)


def _person(id: str) -> Person | None:
    record = PERSONS.get(id)
    return Person(id=strawberry.ID(id), name=record["name"]) if record else None


@strawberry.type
class Query:
    @strawberry.field
    def persons(self) -> list[Person]:
        return [p for p in (_person(i) for i in PERSONS) if p]

    @strawberry.field
    def person(self, id: strawberry.ID) -> Person | None:
        return _person(id)


persons = StrawberrySubgraph(
    "persons", strawberry.federation.Schema(query=Query, types=[Household, Enterprise], federation_version="2.3")
)

# ------------------------------------------------------------------ households

households = SdlSubgraph(
    "households",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Household @key(fields: "district serial") {
      district: String!
      serial: Int!
      address: String!
    }
    """,
    entities={
        "Household": lambda r: (
            {**r, "address": HOUSEHOLDS[(r["district"], r["serial"])]}
            if (r["district"], r["serial"]) in HOUSEHOLDS
            else None
        )
    },
)

# ------------------------------------------------------------------ licences


def _licence(number: str) -> dict | None:
    record = LICENCES.get(number)
    if record is None:
        return None
    return {
        "__typename": "Licence",
        "number": number,
        "holder": {"id": record["holder"]},
        "category": record["category"],
    }


licences = SdlSubgraph(
    "licences",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      licence(number: String!): Licence
    }

    type Person @key(fields: "id") {
      id: ID!
      licences(category: String): [Licence!]!
    }

    type Licence @key(fields: "number holder { id }") {
      number: String!
      holder: Person!
      category: String!
    }
    """,
    resolvers={
        "Query": {"licence": lambda _o, _i, number: _licence(number)},
        "Person": {
            "licences": lambda person, _i, category=None: [
                _licence(n)
                for n, lic in LICENCES.items()
                if lic["holder"] == person["id"] and category in (None, lic["category"])
            ]
        },
    },
    entities={
        "Person": lambda r: {"id": r["id"]},
        "Licence": lambda r: (
            _licence(r["number"])
            if r["number"] in LICENCES and LICENCES[r["number"]]["holder"] == r["holder"]["id"]
            else None
        ),
    },
)

# ------------------------------------------------------------------ enforcement

enforcement = SdlSubgraph(
    "enforcement",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Licence @key(fields: "number holder { id }") {
      number: String!
      holder: Person!
      penaltyPoints: Int!
    }

    type Person @key(fields: "id", resolvable: false) {
      id: ID!
    }
    """,
    entities={
        "Licence": lambda r: (
            {**r, "penaltyPoints": POINTS[(r["number"], r["holder"]["id"])]}
            if (r["number"], r["holder"]["id"]) in POINTS
            else None
        )
    },
)

# ------------------------------------------------------------------ enterprises, tax


def _enterprise(id: str) -> dict | None:
    record = ENTERPRISES.get(id)
    return {"__typename": "Enterprise", "id": id, **record} if record else None


enterprises = SdlSubgraph(
    "enterprises",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      enterprises: [Enterprise!]!
    }

    type Enterprise @key(fields: "id") @key(fields: "taxNumber") {
      id: ID!
      taxNumber: String!
      name: String!
    }
    """,
    resolvers={"Query": {"enterprises": lambda _o, _i: [_enterprise(i) for i in ENTERPRISES]}},
    entities={
        "Enterprise": lambda r: (
            _enterprise(r["id"])
            if "id" in r
            else next((_enterprise(i) for i, e in ENTERPRISES.items() if e["taxNumber"] == r["taxNumber"]), None)
        )
    },
)

tax = SdlSubgraph(
    "tax",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Enterprise @key(fields: "taxNumber") {
      taxNumber: String!
      vatRegistered: Boolean!
    }
    """,
    entities={"Enterprise": lambda r: {**r, "vatRegistered": VAT[r["taxNumber"]]} if r["taxNumber"] in VAT else None},
)

SCENARIO = Scenario("entities", [persons, households, licences, enforcement, enterprises, tax])
