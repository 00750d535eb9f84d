"""Taxation (税务): registrations, filings and credit ratings of enterprises, individual
income tax of residents.

* ``Enterprise.creditRating`` / ``creditScore`` ``@requires(fields: "registeredCapital
  establishedOn riskScore")``: the rating model takes the registered capital, the founding
  date (enterprises set up in or after the evaluation year are rated M) and Market
  Regulation's internal risk score (``@inaccessible`` in the API) from Market Regulation.
* ``Employment @key(fields: "idNumber creditCode")`` (compound): the tax the employer
  withheld on that job.
* ``Person.individualIncomeTax`` is ``@requiresScopes``.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_credit_code, normalize_id_number
from ..common.types import FEDERATION_VERSION, day, yuan
from .data import EVALUATION_YEAR

TAX_ENTERPRISE_BY_CODE = "SELECT * FROM tax_enterprise WHERE credit_code IN ?"
FILINGS_BY_ENTERPRISE = "SELECT * FROM tax_filing WHERE credit_code IN ? ORDER BY credit_code, period, tax_type"
INCOME_TAX_BY_PERSON = "SELECT * FROM income_tax WHERE id_number IN ? ORDER BY id_number, year, credit_code"
INCOME_TAX_BY_EMPLOYMENT = "SELECT * FROM income_tax WHERE (id_number, credit_code) IN ? ORDER BY year"
ARREARS = "SELECT * FROM tax_enterprise WHERE arrears_fen > 0 ORDER BY arrears_fen DESC, credit_code LIMIT ?"


@strawberry.enum(description="纳税信用等级 (A best; M: newly established; D worst).")
class TaxCreditRating(Enum):
    A = "A"
    B = "B"
    M = "M"
    C = "C"
    D = "D"


@strawberry.enum
class TaxpayerType(Enum):
    GENERAL = "GENERAL"
    SMALL_SCALE = "SMALL_SCALE"


@strawberry.enum
class TaxType(Enum):
    VAT = "VAT"
    CORPORATE_INCOME_TAX = "CORPORATE_INCOME_TAX"


@strawberry.type(description="税务登记")
class TaxRegistration:
    taxpayer_type: TaxpayerType
    tax_authority: str
    registered_on: datetime.date


@strawberry.type(description="A quarterly tax return.")
class TaxFiling:
    filing_number: str
    tax_type: TaxType
    period: str = strawberry.field(description="YYYYQn")
    due_on: datetime.date
    filed_on: datetime.date
    tax_payable: float = strawberry.field(description="Yuan.")

    @strawberry.field
    def on_time(self) -> bool:
        return self.filed_on <= self.due_on

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> TaxFiling:
        return cls(
            filing_number=row["filing_number"],
            tax_type=TaxType(row["tax_type"]),
            period=row["period"],
            due_on=day(row["due_on"]),
            filed_on=day(row["filed_on"]),
            tax_payable=yuan(row["tax_payable_fen"]),
        )


def credit_score(
    filings: list[TaxFiling], arrears: float, registered_capital: float, risk_score: int, year: int
) -> int:
    """The rating model: 100 points, less for late returns, arrears, supervision risk, and a
    tax burden implausibly small for the registered capital."""
    in_year = [f for f in filings if f.period.startswith(str(year))]
    late = sum(1 for f in in_year if not f.on_time)
    paid = sum(f.tax_payable for f in in_year)
    score = 100 - 5 * late - (30 if arrears > 0 else 0) - risk_score // 10
    if registered_capital > 0 and paid < registered_capital * 0.0005:
        score -= 10
    return max(0, score)


def rating_for(score: int, established_on: datetime.date, year: int) -> TaxCreditRating:
    if established_on.year >= year:
        return TaxCreditRating.M
    if score >= 90:
        return TaxCreditRating.A
    if score >= 70:
        return TaxCreditRating.B
    if score >= 40:
        return TaxCreditRating.C
    return TaxCreditRating.D


@strawberry.federation.type(keys=["creditCode"])
class Enterprise:
    credit_code: str
    registered_capital: float = strawberry.federation.field(external=True, default=0.0)
    established_on: datetime.date = strawberry.federation.field(external=True, default=datetime.date.min)
    risk_score: int = strawberry.federation.field(external=True, default=0)

    async def _registration(self, info: Info) -> dict[str, Any] | None:
        return await context(info).row(TAX_ENTERPRISE_BY_CODE, "credit_code").load(self.credit_code)

    async def _filings(self, info: Info) -> list[TaxFiling]:
        rows = await context(info).rows(FILINGS_BY_ENTERPRISE, "credit_code").load(self.credit_code)
        return [TaxFiling.from_row(row) for row in rows]

    @strawberry.field
    async def tax_registration(self, info: Info) -> TaxRegistration | None:
        row = await self._registration(info)
        if row is None:
            return None
        return TaxRegistration(
            taxpayer_type=TaxpayerType(row["taxpayer_type"]),
            tax_authority=row["tax_authority"],
            registered_on=day(row["registered_on"]),
        )

    @strawberry.field(description="Returns of the year (all kept returns when null), oldest first.")
    async def tax_filings(self, info: Info, year: int | None = None) -> list[TaxFiling] | None:
        filings = await self._filings(info)
        return filings if year is None else [f for f in filings if f.period.startswith(str(year))]

    @strawberry.field(description="Yuan of tax due and unpaid (欠税).")
    async def tax_arrears(self, info: Info) -> float | None:
        row = await self._registration(info)
        return None if row is None else yuan(row["arrears_fen"])

    async def _score(self, info: Info) -> int | None:
        row = await self._registration(info)
        if row is None:
            return None
        filings = await self._filings(info)
        return credit_score(
            filings, yuan(row["arrears_fen"]), self.registered_capital, self.risk_score, EVALUATION_YEAR
        )

    @strawberry.federation.field(
        requires=["registeredCapital establishedOn riskScore"],
        description=f"Tax credit rating for {EVALUATION_YEAR}.",
    )
    async def credit_rating(self, info: Info) -> TaxCreditRating | None:
        score = await self._score(info)
        return None if score is None else rating_for(score, self.established_on, EVALUATION_YEAR)

    @strawberry.federation.field(requires=["registeredCapital establishedOn riskScore"])
    async def credit_score(self, info: Info) -> int | None:
        return await self._score(info)

    @classmethod
    def resolve_reference(
        cls,
        creditCode: str,
        registeredCapital: float | None = None,
        establishedOn: str | None = None,
        riskScore: int | None = None,
        **_: Any,
    ) -> Enterprise:
        enterprise = cls(credit_code=normalize_credit_code(creditCode))
        if registeredCapital is not None:
            enterprise.registered_capital = float(registeredCapital)
        if establishedOn is not None:
            enterprise.established_on = datetime.date.fromisoformat(establishedOn)
        if riskScore is not None:
            enterprise.risk_score = int(riskScore)
        return enterprise


@strawberry.type(description="Individual income tax of one year (综合所得), as withheld by employers.")
class IncomeTaxSummary:
    year: int
    income: float
    tax_withheld: float
    withholding_agents: list[Enterprise]


@strawberry.federation.type(keys=["idNumber"])
class Person:
    id_number: str

    @strawberry.federation.field(requires_scopes=[["tax:personal"]])
    async def individual_income_tax(self, info: Info, year: int = EVALUATION_YEAR) -> IncomeTaxSummary | None:
        rows = [
            row
            for row in await context(info).rows(INCOME_TAX_BY_PERSON, "id_number").load(self.id_number)
            if row["year"] == year
        ]
        if not rows:
            return None
        return IncomeTaxSummary(
            year=year,
            income=yuan(sum(r["income_fen"] for r in rows)),
            tax_withheld=yuan(sum(r["tax_fen"] for r in rows)),
            withholding_agents=[Enterprise(credit_code=r["credit_code"]) for r in rows],
        )

    @classmethod
    def resolve_reference(cls, idNumber: str, **_: Any) -> Person:
        return cls(id_number=normalize_id_number(idNumber))


@strawberry.federation.type(keys=["idNumber creditCode"])
class Employment:
    id_number: str
    credit_code: str

    @strawberry.field(description="Yuan of individual income tax the employer withheld on this job in the year.")
    async def withheld_income_tax(self, info: Info, year: int = EVALUATION_YEAR) -> float | None:
        loader = context(info).rows(INCOME_TAX_BY_EMPLOYMENT, ("id_number", "credit_code"))
        rows = [r for r in await loader.load((self.id_number, self.credit_code)) if r["year"] == year]
        return yuan(rows[0]["tax_fen"]) if rows else None

    @classmethod
    def resolve_reference(cls, idNumber: str, creditCode: str, **_: Any) -> Employment:
        return cls(id_number=normalize_id_number(idNumber), credit_code=normalize_credit_code(creditCode))


@strawberry.type(description="欠税公告: a public notice of tax arrears.")
class TaxArrearsNotice:
    enterprise: Enterprise
    amount: float
    since: datetime.date


@strawberry.type
class Query:
    @strawberry.field(description="Published tax arrears notices, largest first.")
    async def tax_arrears_notices(self, info: Info, first: int = 20) -> list[TaxArrearsNotice]:
        rows = await context(info).db.fetch(ARREARS, max(0, min(first, 500)))
        return [
            TaxArrearsNotice(
                enterprise=Enterprise(credit_code=row["credit_code"]),
                amount=yuan(row["arrears_fen"]),
                since=day(row["arrears_since"]),
            )
            for row in rows
        ]


schema = strawberry.federation.Schema(
    query=Query, types=[Enterprise, Person, Employment], federation_version=FEDERATION_VERSION
)
