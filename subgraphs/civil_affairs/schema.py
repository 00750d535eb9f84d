"""Civil Affairs (民政): marriage registrations and social assistance; extends Person.

* ``MarriageRegistration`` and ``Person.spouse`` ``@provides(fields: "name")``: a marriage
  certificate records both parties' names, so the spouse's name needs no trip to Public
  Security.
* ``interface Allowance @key(fields: "allowanceId")`` with ``SubsistenceAllowance`` (低保)
  and ``ElderlyAllowance`` (高龄津贴): Health adds medical assistance to every kind of
  allowance through ``@interfaceObject`` without knowing the kinds.
* ``marriages`` is ``@authenticated`` and ``allowances`` ``@requiresScopes``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from enum import Enum
from typing import Any

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_id_number
from ..common.types import FEDERATION_VERSION, day, yuan

MARITAL_RECORD_BY_ID = "SELECT * FROM marital_record WHERE id_number IN ?"
MARRIAGES_BY_PERSON = (
    "SELECT * FROM marriage WHERE husband_id_number IN ? OR wife_id_number IN ? ORDER BY registered_on"
)
MARRIAGE_BY_NUMBER = "SELECT * FROM marriage WHERE certificate_number IN ?"
ALLOWANCES_BY_RECIPIENT = "SELECT * FROM allowance WHERE recipient_id_number IN ? ORDER BY started_on"
ALLOWANCE_BY_ID = "SELECT * FROM allowance WHERE allowance_id IN ?"


@strawberry.enum
class MaritalStatus(Enum):
    MARRIED = "MARRIED"
    NO_MARRIAGE_RECORD = "NO_MARRIAGE_RECORD"


@strawberry.federation.type(keys=["idNumber"])
class Person:
    """Fields other departments see on a resident are nullable: when Civil Affairs is down the
    rest of a one-stop view still comes back."""

    id_number: str
    name: str = strawberry.federation.field(external=True, default="")

    async def _marital_record(self, info: Info) -> dict[str, Any] | None:
        return await context(info).row(MARITAL_RECORD_BY_ID, "id_number").load(self.id_number)

    @strawberry.field(description="As the marriage registry records it (无婚姻登记记录 when it holds nothing).")
    async def marital_status(self, info: Info) -> MaritalStatus | None:
        record = await self._marital_record(info)
        return MaritalStatus(record["status"]) if record else MaritalStatus.NO_MARRIAGE_RECORD

    @strawberry.federation.field(provides=["name"], description="The current spouse, named as on the certificate.")
    async def spouse(self, info: Info) -> Person | None:
        record = await self._marital_record(info)
        return None if record is None else Person(id_number=record["spouse_id_number"], name=record["spouse_name"])

    @strawberry.federation.field(authenticated=True)
    async def marriages(self, info: Info) -> list[MarriageRegistration] | None:
        ctx = context(info)

        async def batch(id_numbers: list[str]) -> list[list[dict[str, Any]]]:
            found: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for row in await ctx.db.fetch(MARRIAGES_BY_PERSON, id_numbers, id_numbers):
                found[row["husband_id_number"]].append(row)
                found[row["wife_id_number"]].append(row)
            return [found.get(n, []) for n in id_numbers]

        rows = await ctx.loader("marriages", batch).load(self.id_number)
        return [MarriageRegistration.from_row(row) for row in rows]

    @strawberry.federation.field(requires_scopes=[["civil_affairs:assistance"]])
    async def allowances(self, info: Info) -> list[Allowance] | None:
        rows = await context(info).rows(ALLOWANCES_BY_RECIPIENT, "recipient_id_number").load(self.id_number)
        return [allowance_from_row(row) for row in rows]

    @classmethod
    def resolve_reference(cls, idNumber: str, **_: Any) -> Person:
        # every resident exists here, with or without records: fields load what they need
        return cls(id_number=normalize_id_number(idNumber))


@strawberry.federation.type(keys=["certificateNumber"], description="结婚登记: a marriage registration.")
class MarriageRegistration:
    certificate_number: str
    registered_on: datetime.date
    registration_office: str
    husband: Person = strawberry.federation.field(provides=["name"])
    wife: Person = strawberry.federation.field(provides=["name"])

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MarriageRegistration:
        return cls(
            certificate_number=row["certificate_number"],
            registered_on=day(row["registered_on"]),
            registration_office=row["office"],
            husband=Person(id_number=row["husband_id_number"], name=row["husband_name"]),
            wife=Person(id_number=row["wife_id_number"], name=row["wife_name"]),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, certificateNumber: str, **_: Any) -> MarriageRegistration | None:
        row = await context(info).row(MARRIAGE_BY_NUMBER, "certificate_number").load(certificateNumber)
        return None if row is None else cls.from_row(row)


@strawberry.federation.type(keys=[Key(fields="householdNumber", resolvable=False)])
class Household:
    household_number: str


@strawberry.federation.interface(
    keys=["allowanceId"], description="A social-assistance allowance paid by Civil Affairs."
)
class Allowance:
    allowance_id: str
    monthly_amount: float = strawberry.field(description="Yuan per month.")
    started_on: datetime.date
    recipient_id_number: strawberry.Private[str]

    @strawberry.field
    def recipient(self) -> Person:
        # (@provides is not allowed on interface fields, so the name comes from Public Security)
        return Person(id_number=self.recipient_id_number)

    @classmethod
    async def resolve_reference(cls, info: Info, allowanceId: str, **_: Any) -> Allowance | None:
        row = await context(info).row(ALLOWANCE_BY_ID, "allowance_id").load(allowanceId)
        return None if row is None else allowance_from_row(row)


@strawberry.federation.type(keys=["allowanceId"], description="最低生活保障 (低保): granted to a household.")
class SubsistenceAllowance(Allowance):
    household: Household
    household_size: int


@strawberry.federation.type(keys=["allowanceId"], description="高龄津贴: for residents aged 80 and over.")
class ElderlyAllowance(Allowance):
    pass


def allowance_from_row(row: dict[str, Any]) -> Allowance:
    common = {
        "allowance_id": row["allowance_id"],
        "monthly_amount": yuan(row["monthly_amount_fen"]),
        "started_on": day(row["started_on"]),
        "recipient_id_number": row["recipient_id_number"],
    }
    if row["kind"] == "SUBSISTENCE":
        return SubsistenceAllowance(
            **common,
            household=Household(household_number=row["household_number"]),
            household_size=row["household_size"],
        )
    return ElderlyAllowance(**common)


@strawberry.type
class Query:
    @strawberry.field
    async def marriage_registration(self, info: Info, certificate_number: str) -> MarriageRegistration | None:
        return await MarriageRegistration.resolve_reference(info, certificateNumber=certificate_number)

    @strawberry.field
    async def allowance(self, info: Info, allowance_id: str) -> Allowance | None:
        return await Allowance.resolve_reference(info, allowanceId=allowance_id)


schema = strawberry.federation.Schema(
    query=Query,
    types=[Person, MarriageRegistration, SubsistenceAllowance, ElderlyAllowance, Household],
    federation_version=FEDERATION_VERSION,
)
