"""Human Resources & Social Security (人社): social-insurance accounts and contributions per
resident, employment registrations, employers' insurance accounts.

* ``Employment @key(fields: "idNumber creditCode")``: a compound key (one person, one
  employer); Taxation adds the income tax the employer withheld on it.
* ``Employment.employer @provides(fields: "name")``: the employment registration records the
  employer's name.
* ``Person.medicalInsuranceStatus`` is the legacy field from before the 2018 reform; Health
  now serves it (``@override(from: "social_security")`` there).
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_credit_code, normalize_id_number
from ..common.types import FEDERATION_VERSION, InsuranceStatus, day, yuan
from .data import RATES

INSURED_PERSON_BY_ID = "SELECT * FROM insured_person WHERE id_number IN ?"
ACCOUNTS_BY_PERSON = "SELECT * FROM insurance_account WHERE id_number IN ? ORDER BY id_number, insurance_type"
CONTRIBUTIONS_BY_PERSON = "SELECT * FROM contribution WHERE id_number IN ? ORDER BY id_number, month"
EMPLOYMENT_BY_PERSON = "SELECT * FROM employment WHERE id_number IN ? ORDER BY started_on"
EMPLOYMENT_BY_KEY = "SELECT * FROM employment WHERE (id_number, credit_code) IN ?"
EMPLOYMENT_BY_EMPLOYER = "SELECT * FROM employment WHERE credit_code IN ? ORDER BY credit_code, started_on, id_number"
EMPLOYER_BY_CODE = "SELECT * FROM insured_employer WHERE credit_code IN ?"


@strawberry.enum
class InsuranceType(Enum):
    EMPLOYEE_PENSION = "EMPLOYEE_PENSION"
    RESIDENT_PENSION = "RESIDENT_PENSION"
    UNEMPLOYMENT = "UNEMPLOYMENT"
    WORK_INJURY = "WORK_INJURY"


@strawberry.type(description="One month of contributions to one insurance account.")
class MonthlyContribution:
    month: str = strawberry.field(description="YYYY-MM")
    contribution_base: float
    employer_amount: float
    personal_amount: float
    paid: bool


@strawberry.type(description="A social-insurance account (养老/失业/工伤保险).")
class SocialInsuranceAccount:
    insurance_type: InsuranceType
    status: InsuranceStatus
    opened_on: datetime.date
    contribution_base: float | None = strawberry.field(description="Yuan per month; null for flat-rate schemes.")
    id_number: strawberry.Private[str]

    @strawberry.field(description="The latest months of contributions, oldest first (at most 12).")
    async def contributions(self, info: Info, last: int = 12) -> list[MonthlyContribution]:
        rates = RATES[self.insurance_type.value]
        if rates is None or last <= 0:
            return []
        rows = await context(info).rows(CONTRIBUTIONS_BY_PERSON, "id_number").load(self.id_number)
        employer_rate, personal_rate = rates
        return [
            MonthlyContribution(
                month=row["month"],
                contribution_base=yuan(row["base_fen"]),
                employer_amount=yuan(round(row["base_fen"] * employer_rate)),
                personal_amount=yuan(round(row["base_fen"] * personal_rate)),
                paid=bool(row["paid"]),
            )
            for row in rows[-last:]
        ]


@strawberry.federation.type(keys=["creditCode"])
class Enterprise:
    credit_code: str
    name: str = strawberry.federation.field(external=True, default="")

    @strawberry.field(description="The employer's social-insurance account; null when it has none.")
    async def social_insurance(self, info: Info) -> EmployerSocialInsurance | None:
        row = await context(info).row(EMPLOYER_BY_CODE, "credit_code").load(self.credit_code)
        return None if row is None else EmployerSocialInsurance.from_row(row)

    @classmethod
    def resolve_reference(cls, creditCode: str, **_: Any) -> Enterprise:
        return cls(credit_code=normalize_credit_code(creditCode))


@strawberry.type(description="An employer's social-insurance account (单位社保登记).")
class EmployerSocialInsurance:
    account_number: str
    registered_on: datetime.date
    insured_employees: int
    monthly_contribution: float = strawberry.field(description="Yuan, employer and personal parts, last month.")
    arrears: float = strawberry.field(description="Yuan of contributions due and unpaid.")
    credit_code: strawberry.Private[str]

    @strawberry.federation.field(requires_scopes=[["hrss:employer"]])
    async def employees(self, info: Info, first: int = 20) -> list[Employment]:
        rows = await context(info).rows(EMPLOYMENT_BY_EMPLOYER, "credit_code").load(self.credit_code)
        return [Employment.from_row(row) for row in rows[: max(first, 0)]]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EmployerSocialInsurance:
        return cls(
            account_number=row["account_number"],
            registered_on=day(row["registered_on"]),
            insured_employees=row["insured_employees"],
            monthly_contribution=yuan(row["monthly_contribution_fen"]),
            arrears=yuan(row["arrears_fen"]),
            credit_code=row["credit_code"],
        )


@strawberry.federation.type(keys=["idNumber"])
class Person:
    id_number: str

    async def _insured(self, info: Info) -> dict[str, Any] | None:
        return await context(info).row(INSURED_PERSON_BY_ID, "id_number").load(self.id_number)

    @strawberry.field(description="社会保障卡 number.")
    async def social_security_card_number(self, info: Info) -> str | None:
        row = await self._insured(info)
        return None if row is None else row["card_number"]

    @strawberry.field(
        description="Legacy: medical insurance moved to the healthcare security administration in 2018.",
    )
    async def medical_insurance_status(self, info: Info) -> InsuranceStatus | None:
        row = await self._insured(info)
        return None if row is None else InsuranceStatus(row["legacy_medical_status"])

    @strawberry.federation.field(authenticated=True)
    async def social_insurance_accounts(self, info: Info) -> list[SocialInsuranceAccount] | None:
        rows = await context(info).rows(ACCOUNTS_BY_PERSON, "id_number").load(self.id_number)
        return [
            SocialInsuranceAccount(
                insurance_type=InsuranceType(row["insurance_type"]),
                status=InsuranceStatus(row["status"]),
                opened_on=day(row["opened_on"]),
                contribution_base=yuan(row["contribution_base_fen"]) or None,
                id_number=row["id_number"],
            )
            for row in rows
        ]

    @strawberry.field(description="The current employment, if registered.")
    async def employment(self, info: Info) -> Employment | None:
        rows = await context(info).rows(EMPLOYMENT_BY_PERSON, "id_number").load(self.id_number)
        return Employment.from_row(rows[-1]) if rows else None

    @classmethod
    def resolve_reference(cls, idNumber: str, **_: Any) -> Person:
        return cls(id_number=normalize_id_number(idNumber))


@strawberry.federation.type(keys=["idNumber creditCode"], description="An employment registration (就业登记).")
class Employment:
    id_number: str
    credit_code: str
    position: str
    started_on: datetime.date
    contribution_base: float = strawberry.field(description="Yuan per month.")
    employer_name: strawberry.Private[str]

    @strawberry.field
    def person(self) -> Person:
        return Person(id_number=self.id_number)

    @strawberry.federation.field(provides=["name"])
    def employer(self) -> Enterprise:
        return Enterprise(credit_code=self.credit_code, name=self.employer_name)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Employment:
        return cls(
            id_number=row["id_number"],
            credit_code=row["credit_code"],
            position=row["position"],
            started_on=day(row["started_on"]),
            contribution_base=yuan(row["contribution_base_fen"]),
            employer_name=row["employer_name"],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, idNumber: str, creditCode: str, **_: Any) -> Employment | None:
        key = (normalize_id_number(idNumber), normalize_credit_code(creditCode))
        row = await context(info).row(EMPLOYMENT_BY_KEY, ("id_number", "credit_code")).load(key)
        return None if row is None else cls.from_row(row)


@strawberry.type
class Query:
    @strawberry.field
    async def employment(self, info: Info, id_number: str, credit_code: str) -> Employment | None:
        return await Employment.resolve_reference(info, idNumber=id_number, creditCode=credit_code)


schema = strawberry.federation.Schema(
    query=Query, types=[Person, Enterprise, Employment], federation_version=FEDERATION_VERSION
)
