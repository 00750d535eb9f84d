"""Taxation records (税务): taxpayer registrations, quarterly filings, arrears and the
individual income tax employers withheld."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import REFERENCE_DATE, World, add_months

EVALUATION_YEAR = REFERENCE_DATE.year - 1  # credit ratings are for the last full year
SMALL_SCALE_LIMIT = 5_000_000  # yuan of annual revenue
#: annual comprehensive income brackets: upper bound, rate, quick deduction (yuan)
IIT_BRACKETS = (
    (36_000, 0.03, 0),
    (144_000, 0.10, 2_520),
    (300_000, 0.20, 16_920),
    (420_000, 0.25, 31_920),
    (660_000, 0.30, 52_920),
    (960_000, 0.35, 85_920),
    (float("inf"), 0.45, 181_920),
)
PERSONAL_INSURANCE_RATE = 0.085  # pension 8 % + unemployment 0.5 %, deductible

TAX_ENTERPRISE = Table(
    "tax_enterprise",
    (
        ("credit_code", "TEXT NOT NULL"),
        ("taxpayer_type", "TEXT NOT NULL"),
        ("tax_authority", "TEXT NOT NULL"),
        ("registered_on", "TEXT NOT NULL"),
        ("arrears_fen", "BIGINT NOT NULL"),
        ("arrears_since", "TEXT"),
    ),
    primary_key=("credit_code",),
    indexes=(("arrears_fen",),),
)
TAX_FILING = Table(
    "tax_filing",
    (
        ("filing_number", "TEXT NOT NULL"),
        ("credit_code", "TEXT NOT NULL"),
        ("tax_type", "TEXT NOT NULL"),
        ("period", "TEXT NOT NULL"),
        ("due_on", "TEXT NOT NULL"),
        ("filed_on", "TEXT NOT NULL"),
        ("tax_payable_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("filing_number",),
    indexes=(("credit_code", "period"),),
)
INCOME_TAX = Table(
    "income_tax",
    (
        ("id_number", "TEXT NOT NULL"),
        ("credit_code", "TEXT NOT NULL"),
        ("year", "INTEGER NOT NULL"),
        ("months", "INTEGER NOT NULL"),
        ("income_fen", "BIGINT NOT NULL"),
        ("tax_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("id_number", "credit_code", "year"),
)
TABLES = (TAX_ENTERPRISE, TAX_FILING, INCOME_TAX)


def quarters() -> list[tuple[str, datetime.date, datetime.date]]:
    """(period, last day, due date) of the quarters already due at the reference date."""
    found = []
    for year in (EVALUATION_YEAR, EVALUATION_YEAR + 1):
        for q in range(1, 5):
            end = add_months(datetime.date(year, 3 * q, 1), 1) - datetime.timedelta(days=1)
            due = end + datetime.timedelta(days=15)
            if due <= REFERENCE_DATE:
                found.append((f"{year}Q{q}", end, due))
    return found


def annual_income_tax(taxable: float) -> float:
    if taxable <= 0:
        return 0.0
    for bound, rate, deduction in IIT_BRACKETS:
        if taxable <= bound:
            return taxable * rate - deduction
    raise AssertionError("unreachable")


def rows(world: World) -> Rows:
    rng = random.Random(f"tongban:{world.seed}:taxation")
    periods = quarters()
    enterprises: list[tuple] = []
    filings: list[tuple] = []
    for e in world.enterprises:
        general = e.annual_revenue >= SMALL_SCALE_LIMIT
        margin = rng.uniform(0.02, 0.12)
        profit = e.annual_revenue * margin
        vat = e.annual_revenue * (0.13 * 0.25 if general else 0.01) / 4
        cit = profit * (0.25 if profit > 3_000_000 else 0.05) / 4
        last_due = None
        for period, end, due in periods:
            if end < e.established_on:
                continue
            for tax_type, amount in (("VAT", vat), ("CORPORATE_INCOME_TAX", cit)):
                late = rng.random() < e.late_filing_rate
                filed = (
                    due + datetime.timedelta(days=rng.randint(1, 60))
                    if late
                    else due - datetime.timedelta(days=rng.randint(0, 14))
                )
                filings.append(
                    (
                        f"{period}-{tax_type}-{e.credit_code}",
                        e.credit_code,
                        tax_type,
                        period,
                        iso(due),
                        iso(min(filed, REFERENCE_DATE)),
                        round(amount * 100 * rng.uniform(0.8, 1.2)),
                    )
                )
            last_due = due
        arrears = round((vat + cit) * 100) if e.in_tax_arrears and last_due else 0
        enterprises.append(
            (
                e.credit_code,
                "GENERAL" if general else "SMALL_SCALE",
                f"国家税务总局{e.region.city}{e.region.district}税务局",
                iso(e.established_on + datetime.timedelta(days=rng.randint(1, 30))),
                arrears,
                iso(last_due) if arrears else None,
            )
        )

    def income_taxes() -> Iterator[tuple]:
        for p in world.persons:
            if p.employer is None:
                continue
            employer = world.enterprises[p.employer]
            deduction = rng.choice((0, 0, 1000, 2000, 3000))  # special additional deductions per month
            for year in (EVALUATION_YEAR, EVALUATION_YEAR + 1):
                first = max(p.employed_since, datetime.date(year, 1, 1))
                last = min(REFERENCE_DATE, datetime.date(year, 12, 31))
                months = (last.year - first.year) * 12 + last.month - first.month + 1 if first <= last else 0
                if months <= 0:
                    continue
                income = p.monthly_wage * months
                base = max(5_400, min(27_000, p.monthly_wage))
                taxable = income - months * (5000 + deduction + base * PERSONAL_INSURANCE_RATE)
                tax = annual_income_tax(taxable)
                yield (p.id_number, employer.credit_code, year, months, income * 100, round(tax * 100))

    return {"tax_enterprise": enterprises, "tax_filing": filings, "income_tax": income_taxes()}
