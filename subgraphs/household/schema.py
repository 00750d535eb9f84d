"""Public Security — household registration (公安 · 户籍).

Owns ``Person @key(fields: "idNumber")``: the resident ID number (GB 11643), name, birth
date, gender and registered address, and ``Household @key(fields: "householdNumber")``.
``Person.name`` is ``@shareable`` because other departments keep the name they registered
(a spouse on a marriage certificate, a legal representative) and ``@provides`` it.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_id_number
from ..common.types import FEDERATION_VERSION, Address, day

PERSON_BY_ID = "SELECT * FROM person WHERE id_number IN ?"
MEMBERS_BY_HOUSEHOLD = "SELECT * FROM person WHERE household_number IN ? ORDER BY household_number, member_order"
HOUSEHOLD_BY_NUMBER = "SELECT * FROM household WHERE household_number IN ?"


@strawberry.enum
class Gender(Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


@strawberry.federation.type(keys=["idNumber"], description="A resident, as registered by Public Security (户籍人口).")
class Person:
    id_number: str = strawberry.field(description="18-character resident ID number (GB 11643).")
    name: str = strawberry.federation.field(shareable=True)
    gender: Gender
    birth_date: datetime.date
    ethnicity: str = strawberry.federation.field(
        requires_scopes=[["household:sensitive"]], description="民族: sensitive personal information."
    )
    registered_address: Address = strawberry.field(description="户籍地址: the address of the household.")
    relation_to_head: str = strawberry.field(description="Relation to the head of household: 户主, 配偶, 子, 女...")
    police_station: str = strawberry.federation.field(
        inaccessible=True, description="The police station keeping the record: internal to Public Security."
    )
    household_number: strawberry.Private[str]

    @strawberry.field
    async def household(self, info: Info) -> Household:
        row = await context(info).row(HOUSEHOLD_BY_NUMBER, "household_number").load(self.household_number)
        assert row is not None, self.household_number
        return Household.from_row(row)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Person:
        return cls(
            id_number=row["id_number"],
            name=row["name"],
            gender=Gender(row["gender"]),
            birth_date=day(row["birth_date"]),
            ethnicity=row["ethnicity"],
            registered_address=Address.from_row(row),
            relation_to_head=row["relation_to_head"],
            police_station=row["police_station"],
            household_number=row["household_number"],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, idNumber: str, **_: Any) -> Person | None:
        return await load_person(info, idNumber)


async def load_person(info: Info, id_number: str) -> Person | None:
    row = await context(info).row(PERSON_BY_ID, "id_number").load(normalize_id_number(id_number))
    return None if row is None else Person.from_row(row)


@strawberry.federation.type(keys=["householdNumber"], description="A household register (户口簿).")
class Household:
    household_number: str
    address: Address
    head_id_number: strawberry.Private[str]

    @strawberry.field(description="Members in register order, the head first.")
    async def members(self, info: Info) -> list[Person]:
        rows = await context(info).rows(MEMBERS_BY_HOUSEHOLD, "household_number").load(self.household_number)
        return [Person.from_row(row) for row in rows]

    @strawberry.field
    async def head(self, info: Info) -> Person:
        person = await load_person(info, self.head_id_number)
        assert person is not None
        return person

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Household:
        return cls(
            household_number=row["household_number"],
            address=Address.from_row(row),
            head_id_number=row["head_id_number"],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, householdNumber: str, **_: Any) -> Household | None:
        row = await context(info).row(HOUSEHOLD_BY_NUMBER, "household_number").load(householdNumber)
        return None if row is None else cls.from_row(row)


@strawberry.type
class Query:
    @strawberry.field(description="A resident by ID number; null when no such resident is registered.")
    async def person(self, info: Info, id_number: str) -> Person | None:
        return await load_person(info, id_number)

    @strawberry.field(description="Several residents at once, in the order asked (null where unknown).")
    async def persons(self, info: Info, id_numbers: list[str]) -> list[Person | None]:
        return await _load_many(info, id_numbers)

    @strawberry.field
    async def household(self, info: Info, household_number: str) -> Household | None:
        return await Household.resolve_reference(info, householdNumber=household_number)


async def _load_many(info: Info, id_numbers: list[str]) -> list[Person | None]:
    canonical = [normalize_id_number(n) for n in id_numbers]
    rows = await context(info).row(PERSON_BY_ID, "id_number").load_many(canonical)
    return [None if row is None else Person.from_row(row) for row in rows]


schema = strawberry.federation.Schema(query=Query, types=[Person, Household], federation_version=FEDERATION_VERSION)
