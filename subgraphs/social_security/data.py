"""Human Resources & Social Security records (人社): insured persons, insurance accounts,
monthly contributions, employment registrations and employer accounts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import REFERENCE_DATE, World, add_months, years_between

#: employer and personal contribution rates per insurance type (None: flat-rate resident scheme)
RATES: dict[str, tuple[float, float] | None] = {
    "EMPLOYEE_PENSION": (0.16, 0.08),
    "UNEMPLOYMENT": (0.005, 0.005),
    "WORK_INJURY": (0.004, 0.0),
    "RESIDENT_PENSION": None,
}
BASE_FLOOR, BASE_CEILING = 5_400, 27_000  # yuan: 60 % and 300 % of the average wage
#: the months of contribution history kept: the twelve ending at the reference date
MONTHS = [add_months(REFERENCE_DATE.replace(day=1), -i) for i in range(11, -1, -1)]
ARREARS_MONTHS = 3  # employers in arrears have not paid the last three months

INSURED_PERSON = Table(
    "insured_person",
    (
        ("id_number", "TEXT NOT NULL"),
        ("card_number", "TEXT NOT NULL"),
        ("card_issued_on", "TEXT NOT NULL"),
        ("legacy_medical_status", "TEXT NOT NULL"),
    ),
    primary_key=("id_number",),
)
INSURANCE_ACCOUNT = Table(
    "insurance_account",
    (
        ("id_number", "TEXT NOT NULL"),
        ("insurance_type", "TEXT NOT NULL"),
        ("status", "TEXT NOT NULL"),
        ("opened_on", "TEXT NOT NULL"),
        ("contribution_base_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("id_number", "insurance_type"),
)
CONTRIBUTION = Table(
    "contribution",
    (
        ("id_number", "TEXT NOT NULL"),
        ("month", "TEXT NOT NULL"),
        ("base_fen", "BIGINT NOT NULL"),
        ("paid", "INTEGER NOT NULL"),
    ),
    primary_key=("id_number", "month"),
)
EMPLOYMENT = Table(
    "employment",
    (
        ("id_number", "TEXT NOT NULL"),
        ("credit_code", "TEXT NOT NULL"),
        ("employer_name", "TEXT NOT NULL"),
        ("position", "TEXT NOT NULL"),
        ("started_on", "TEXT NOT NULL"),
        ("contribution_base_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("id_number", "credit_code"),
    indexes=(("credit_code",),),
)
INSURED_EMPLOYER = Table(
    "insured_employer",
    (
        ("credit_code", "TEXT NOT NULL"),
        ("account_number", "TEXT NOT NULL"),
        ("registered_on", "TEXT NOT NULL"),
        ("insured_employees", "INTEGER NOT NULL"),
        ("monthly_contribution_fen", "BIGINT NOT NULL"),
        ("arrears_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("credit_code",),
)
TABLES = (INSURED_PERSON, INSURANCE_ACCOUNT, CONTRIBUTION, EMPLOYMENT, INSURED_EMPLOYER)

TOTAL_RATE = sum(sum(r) for r in RATES.values() if r)


def contribution_base(monthly_wage: int) -> int:
    """Yuan: the wage clamped to the contribution band."""
    return max(BASE_FLOOR, min(BASE_CEILING, monthly_wage))


def month_paid(in_arrears: bool, month: datetime.date) -> bool:
    return not (in_arrears and month >= MONTHS[-ARREARS_MONTHS])


def rows(world: World) -> Rows:
    rng = random.Random(f"tongban:{world.seed}:social_security")
    persons, enterprises = world.persons, world.enterprises
    insured, accounts, contributions, employments = [], [], [], []
    for p in persons:
        issued = max(p.birth_date, datetime.date(2010, 1, 1)) + datetime.timedelta(days=rng.randint(0, 900))
        issued = min(issued, REFERENCE_DATE)
        legacy = "ACTIVE" if p.employed_since and p.employed_since < datetime.date(2018, 1, 1) else "NOT_ENROLLED"
        insured.append((p.id_number, f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**7, 10**8)}", iso(issued), legacy))
        age = years_between(p.birth_date, REFERENCE_DATE)
        if p.employer is not None:
            employer = enterprises[p.employer]
            base = contribution_base(p.monthly_wage) * 100
            for kind in ("EMPLOYEE_PENSION", "UNEMPLOYMENT", "WORK_INJURY"):
                accounts.append((p.id_number, kind, "ACTIVE", iso(p.employed_since), base))
            employments.append(
                (p.id_number, employer.credit_code, employer.name, p.position, iso(p.employed_since), base)
            )
            for month in MONTHS:
                if month >= p.employed_since.replace(day=1):
                    contributions.append(
                        (p.id_number, iso(month)[:7], base, int(month_paid(employer.in_insurance_arrears, month)))
                    )
        elif age >= 60:
            kind = "EMPLOYEE_PENSION" if rng.random() < 0.55 else "RESIDENT_PENSION"
            accounts.append(
                (p.id_number, kind, "RECEIVING_BENEFITS", iso(datetime.date(p.birth_date.year + 60, 1, 1)), 0)
            )
        elif age >= 18 and rng.random() < 0.5:
            opened = datetime.date(max(2012, p.birth_date.year + 18), 1, 1) + datetime.timedelta(
                days=rng.randint(0, 365)
            )
            accounts.append((p.id_number, "RESIDENT_PENSION", "ACTIVE", iso(min(opened, REFERENCE_DATE)), 0))

    def employers() -> Iterator[tuple]:
        for e in enterprises:
            bases = [contribution_base(persons[i].monthly_wage) for i in e.employees]
            monthly = round(sum(bases) * TOTAL_RATE * 100)
            unpaid_months = ARREARS_MONTHS if e.in_insurance_arrears else 0
            registered = e.established_on + datetime.timedelta(days=30)
            yield (
                e.credit_code,
                f"SB{e.credit_code[2:8]}{e.index + 1:06d}",
                iso(min(registered, REFERENCE_DATE)),
                len(bases),
                monthly,
                monthly * unpaid_months,
            )

    return {
        "insured_person": insured,
        "insurance_account": accounts,
        "contribution": contributions,
        "employment": employments,
        "insured_employer": employers(),
    }
