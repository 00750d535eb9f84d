"""Health (卫健 / 医保): medical insurance, vaccinations, medical assistance; extends Person.

* ``Person.vaccinationsDue @requires(fields: "birthDate")``: which programme doses are due
  depends on the child's birth date, which Public Security holds.
* ``Person.medicalInsuranceStatus @override(from: "social_security")``: medical insurance
  moved from Human Resources & Social Security to the healthcare security administration in
  the 2018 reform; the field moved with it.
* ``Allowance @interfaceObject``: medical assistance (医疗救助) for any kind of Civil Affairs
  allowance, without knowing the kinds.
* ``medicalInsurance`` is ``@authenticated``, ``vaccinations`` ``@requiresScopes``.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_id_number
from ..common.types import FEDERATION_VERSION, Address, InsuranceStatus, day, yuan
from ..common.world import REFERENCE_DATE
from .data import SCHEDULE, SCHEDULE_AGE_LIMIT, dose_due_on

RECORD_BY_ID = "SELECT * FROM health_record WHERE id_number IN ?"
VACCINATIONS_BY_PERSON = (
    "SELECT * FROM vaccination WHERE id_number IN ? ORDER BY id_number, administered_on, vaccine, dose"
)
ASSISTANCE_BY_ALLOWANCE = "SELECT * FROM medical_assistance WHERE allowance_id IN ?"
ASSISTANCE_LIST = "SELECT * FROM medical_assistance ORDER BY allowance_id LIMIT ?"


@strawberry.enum
class MedicalInsuranceScheme(Enum):
    EMPLOYEE = "EMPLOYEE"
    RESIDENT = "RESIDENT"


@strawberry.type(description="Basic medical insurance (职工医保 / 城乡居民医保).")
class MedicalInsurance:
    scheme: MedicalInsuranceScheme
    insured_since: datetime.date
    status: InsuranceStatus
    personal_account_balance: float = strawberry.field(description="Yuan; employee scheme only.")


@strawberry.type
class Clinic:
    name: str
    address: Address


@strawberry.type
class Vaccination:
    vaccine: str = strawberry.field(description="Vaccine code (HepB, MMR...).")
    vaccine_name: str
    dose: int
    administered_on: datetime.date
    clinic: Clinic


@strawberry.type(description="A dose of the national immunization programme.")
class ScheduledDose:
    vaccine: str
    vaccine_name: str
    dose: int
    age_in_months: int


@strawberry.type
class DueDose:
    vaccine: str
    vaccine_name: str
    dose: int
    due_on: datetime.date


@strawberry.federation.type(keys=["idNumber"])
class Person:
    id_number: str
    # external: only set when the gateway sends it for @requires (datetime.date.min: not sent)
    birth_date: datetime.date = strawberry.federation.field(external=True, default=datetime.date.min)

    async def _record(self, info: Info) -> dict[str, Any] | None:
        return await context(info).row(RECORD_BY_ID, "id_number").load(self.id_number)

    @strawberry.federation.field(authenticated=True)
    async def medical_insurance(self, info: Info) -> MedicalInsurance | None:
        row = await self._record(info)
        if row is None:
            return None
        return MedicalInsurance(
            scheme=MedicalInsuranceScheme(row["scheme"]),
            insured_since=day(row["insured_since"]),
            status=InsuranceStatus(row["status"]),
            personal_account_balance=yuan(row["balance_fen"]),
        )

    @strawberry.federation.field(override="social_security")
    async def medical_insurance_status(self, info: Info) -> InsuranceStatus | None:
        row = await self._record(info)
        return None if row is None else InsuranceStatus(row["status"])

    @strawberry.federation.field(requires_scopes=[["health:records"]])
    async def vaccinations(self, info: Info) -> list[Vaccination] | None:
        rows = await context(info).rows(VACCINATIONS_BY_PERSON, "id_number").load(self.id_number)
        return [
            Vaccination(
                vaccine=row["vaccine"],
                vaccine_name=row["vaccine_name"],
                dose=row["dose"],
                administered_on=day(row["administered_on"]),
                clinic=Clinic(name=row["clinic"], address=Address.from_row(row)),
            )
            for row in rows
        ]

    @strawberry.federation.field(
        requires=["birthDate"],
        description="Programme doses due by the date (default: the data's reference date) and not given; "
        f"children under {SCHEDULE_AGE_LIMIT} only.",
    )
    async def vaccinations_due(self, info: Info, as_of: datetime.date | None = None) -> list[DueDose] | None:
        if self.birth_date == datetime.date.min:
            return None
        as_of = as_of or REFERENCE_DATE
        if as_of < self.birth_date or as_of >= self.birth_date.replace(year=self.birth_date.year + SCHEDULE_AGE_LIMIT):
            return []
        rows = await context(info).rows(VACCINATIONS_BY_PERSON, "id_number").load(self.id_number)
        given = {(row["vaccine"], row["dose"]) for row in rows}
        due = []
        for code, name, dose, months in SCHEDULE:
            due_on = dose_due_on(self.birth_date, months)
            if due_on <= as_of and (code, dose) not in given:
                due.append(DueDose(vaccine=code, vaccine_name=name, dose=dose, due_on=due_on))
        return due

    @classmethod
    def resolve_reference(cls, idNumber: str, birthDate: str | None = None, **_: Any) -> Person:
        person = cls(id_number=normalize_id_number(idNumber))
        if birthDate is not None:
            person.birth_date = datetime.date.fromisoformat(birthDate)
        return person


@strawberry.type(description="医疗救助: help with medical costs for social-assistance recipients.")
class MedicalAssistance:
    year: int
    premium_subsidy: float = strawberry.field(description="Yuan of the resident insurance premium paid for them.")
    reimbursement_rate: float = strawberry.field(description="Share of eligible costs reimbursed after insurance.")


@strawberry.federation.interface_object(keys=["allowanceId"])
class Allowance:
    allowance_id: str

    @strawberry.field(description="Null when this kind of allowance carries no medical assistance.")
    async def medical_assistance(self, info: Info) -> MedicalAssistance | None:
        row = await context(info).row(ASSISTANCE_BY_ALLOWANCE, "allowance_id").load(self.allowance_id)
        if row is None:
            return None
        return MedicalAssistance(
            year=row["year"],
            premium_subsidy=yuan(row["premium_subsidy_fen"]),
            reimbursement_rate=row["reimbursement_rate"],
        )

    @classmethod
    def resolve_reference(cls, allowanceId: str, **_: Any) -> Allowance:
        return cls(allowance_id=allowanceId)


@strawberry.type
class Query:
    @strawberry.field(description="The national immunization programme for children.")
    def immunization_schedule(self) -> list[ScheduledDose]:
        return [ScheduledDose(vaccine=c, vaccine_name=n, dose=d, age_in_months=m) for c, n, d, m in SCHEDULE]

    @strawberry.field(description="Allowances that come with medical assistance.")
    async def medical_assistance_grants(self, info: Info, first: int = 20) -> list[Allowance]:
        rows = await context(info).db.fetch(ASSISTANCE_LIST, max(0, min(first, 500)))
        return [Allowance(allowance_id=row["allowance_id"]) for row in rows]


schema = strawberry.federation.Schema(query=Query, types=[Person, Allowance], federation_version=FEDERATION_VERSION)
