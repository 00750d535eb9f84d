"""Registrations: mutations in two subgraphs that journal when each one starts and ends.

registry (Strawberry) registers and renames persons, slowly; licensing (graphql-core)
issues licences at once. Were the gateway to run top-level mutation fields in parallel,
the journal would interleave.
"""

from __future__ import annotations

import asyncio

import strawberry

from ..harness import Scenario, SdlSubgraph, StrawberrySubgraph

JOURNAL: list[str] = []
PERSONS: dict[str, str] = {}
LICENCES: dict[str, dict] = {}


def reset_state() -> None:
    JOURNAL.clear()
    PERSONS.clear()
    PERSONS.update({"p1": "Ada Lovelace"})
    LICENCES.clear()


reset_state()


@strawberry.federation.type(keys=["id"])
class Person:
    id: strawberry.ID
    name: str

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person | None:
        return Person(id=id, name=PERSONS[id]) if id in PERSONS else None


@strawberry.type
class Query:
    @strawberry.field
    def person(self, id: strawberry.ID) -> Person | None:
        return Person(id=id, name=PERSONS[id]) if id in PERSONS else None


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def register_person(self, name: str) -> Person:
        JOURNAL.append(f"start registerPerson {name}")
        await asyncio.sleep(0.05)
        pid = f"p{len(PERSONS) + 1}"
        PERSONS[pid] = name
        JOURNAL.append(f"end registerPerson {name}")
        return Person(id=strawberry.ID(pid), name=name)

    @strawberry.mutation
    async def rename_person(self, id: strawberry.ID, name: str) -> Person | None:
        JOURNAL.append(f"start renamePerson {id}")
        await asyncio.sleep(0.05)
        if id not in PERSONS:
            JOURNAL.append(f"end renamePerson {id}")
            return None
        PERSONS[id] = name
        JOURNAL.append(f"end renamePerson {id}")
        return Person(id=id, name=name)


registry = StrawberrySubgraph(
    "registry", strawberry.federation.Schema(query=Query, mutation=Mutation, federation_version="2.3")
)


def _issue(_o: object, _i: object, holderId: str, category: str) -> dict:
    JOURNAL.append(f"start issueLicence {holderId} {category}")
    number = f"L-{len(LICENCES) + 1}"
    LICENCES[number] = {"holder": holderId, "category": category}
    JOURNAL.append(f"end issueLicence {holderId} {category}")
    return {"__typename": "Licence", "number": number, "category": category, "holder": {"id": holderId}}


licensing = SdlSubgraph(
    "licensing",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Mutation {
      issueLicence(holderId: ID!, category: String!): Licence!
    }

    type Licence @key(fields: "number") {
      number: String!
      category: String!
      holder: Person!
    }

    type Person @key(fields: "id") {
      id: ID!
      licences: [Licence!]!
    }
    """,
    resolvers={
        "Mutation": {"issueLicence": _issue},
        "Person": {
            "licences": lambda person, _i: [
                {"number": n, "category": lic["category"], "holder": {"id": lic["holder"]}}
                for n, lic in LICENCES.items()
                if lic["holder"] == person["id"]
            ]
        },
    },
    entities={"Person": lambda r: r, "Licence": lambda r: None},
)

SCENARIO = Scenario("mutations", [registry, licensing])
