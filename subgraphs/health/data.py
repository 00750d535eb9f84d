"""Health records (卫健 / 医保): medical insurance, vaccinations, medical assistance."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import REFERENCE_DATE, STREETS, World, add_months, years_between

#: the national immunization programme for children (国家免疫规划儿童免疫程序):
#: vaccine code, name, dose, age in months
SCHEDULE = (
    ("HepB", "乙肝疫苗", 1, 0),
    ("BCG", "卡介苗", 1, 0),
    ("HepB", "乙肝疫苗", 2, 1),
    ("IPV", "脊灰灭活疫苗", 1, 2),
    ("IPV", "脊灰灭活疫苗", 2, 3),
    ("DTaP", "百白破疫苗", 1, 3),
    ("bOPV", "脊灰减毒活疫苗", 1, 4),
    ("DTaP", "百白破疫苗", 2, 4),
    ("DTaP", "百白破疫苗", 3, 5),
    ("HepB", "乙肝疫苗", 3, 6),
    ("MPSV-A", "A群流脑多糖疫苗", 1, 6),
    ("MMR", "麻腮风疫苗", 1, 8),
    ("JE-L", "乙脑减毒活疫苗", 1, 8),
    ("MPSV-A", "A群流脑多糖疫苗", 2, 9),
    ("DTaP", "百白破疫苗", 4, 18),
    ("MMR", "麻腮风疫苗", 2, 18),
    ("HepA-L", "甲肝减毒活疫苗", 1, 18),
    ("JE-L", "乙脑减毒活疫苗", 2, 24),
    ("MPSV-AC", "A群C群流脑多糖疫苗", 1, 36),
    ("bOPV", "脊灰减毒活疫苗", 2, 48),
    ("DT", "白破疫苗", 1, 72),
    ("MPSV-AC", "A群C群流脑多糖疫苗", 2, 72),
)
SCHEDULE_AGE_LIMIT = 7  # years: the programme covers children aged 0-6
RESIDENT_PREMIUM = 400  # yuan per year, resident medical insurance (个人缴费)
#: medical assistance (医疗救助) by allowance kind: share of the premium paid, reimbursement rate
ASSISTANCE = {"SUBSISTENCE": (0.7, 0.7)}

HEALTH_RECORD = Table(
    "health_record",
    (
        ("id_number", "TEXT NOT NULL"),
        ("scheme", "TEXT NOT NULL"),
        ("insured_since", "TEXT NOT NULL"),
        ("status", "TEXT NOT NULL"),
        ("balance_fen", "BIGINT NOT NULL"),
    ),
    primary_key=("id_number",),
)
VACCINATION = Table(
    "vaccination",
    (
        ("id_number", "TEXT NOT NULL"),
        ("vaccine", "TEXT NOT NULL"),
        ("vaccine_name", "TEXT NOT NULL"),
        ("dose", "INTEGER NOT NULL"),
        ("administered_on", "TEXT NOT NULL"),
        ("clinic", "TEXT NOT NULL"),
        ("province", "TEXT NOT NULL"),
        ("city", "TEXT NOT NULL"),
        ("district", "TEXT NOT NULL"),
        ("street", "TEXT NOT NULL"),
    ),
    primary_key=("id_number", "vaccine", "dose"),
)
MEDICAL_ASSISTANCE = Table(
    "medical_assistance",
    (
        ("allowance_id", "TEXT NOT NULL"),
        ("year", "INTEGER NOT NULL"),
        ("premium_subsidy_fen", "BIGINT NOT NULL"),
        ("reimbursement_rate", "DOUBLE PRECISION NOT NULL"),
    ),
    primary_key=("allowance_id",),
)
TABLES = (HEALTH_RECORD, VACCINATION, MEDICAL_ASSISTANCE)


def dose_due_on(birth: datetime.date, age_months: int) -> datetime.date:
    return add_months(birth, age_months)


def rows(world: World) -> Rows:
    rng = random.Random(f"tongban:{world.seed}:health")
    records: list[tuple] = []
    vaccinations: list[tuple] = []
    for p in world.persons:
        household = world.households[p.household]
        region = household.region
        clinic = f"{region.district}{rng.choice(STREETS)[:2]}社区卫生服务中心"
        clinic_street = f"{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        place = (clinic, region.province, region.city, region.district, clinic_street)
        if p.employer is not None:
            arrears = world.enterprises[p.employer].in_insurance_arrears
            since = p.employed_since
            status = "SUSPENDED" if arrears else "ACTIVE"
            months = max(1, (REFERENCE_DATE - since).days // 30)
            balance = round(p.monthly_wage * 0.02 * min(months, 60) * rng.uniform(0.2, 1.0) * 100)
            records.append((p.id_number, "EMPLOYEE", iso(since), status, balance))
        else:
            since = min(
                max(p.birth_date, datetime.date(2010, 1, 1)) + datetime.timedelta(days=rng.randint(0, 400)),
                REFERENCE_DATE,
            )
            status = rng.choices(("ACTIVE", "SUSPENDED", "NOT_ENROLLED"), weights=(96, 3, 1))[0]
            records.append((p.id_number, "RESIDENT", iso(since), status, 0))
        age = years_between(p.birth_date, REFERENCE_DATE)
        if age < SCHEDULE_AGE_LIMIT:
            for code, name, dose, months in SCHEDULE:
                due = dose_due_on(p.birth_date, months)
                if due > REFERENCE_DATE or rng.random() < 0.05:
                    continue  # not due yet, or missed: shows in vaccinationsDue
                given = min(due + datetime.timedelta(days=rng.randint(0, 20)), REFERENCE_DATE)
                vaccinations.append((p.id_number, code, name, dose, iso(given), *place))
        elif rng.random() < (0.5 if age >= 60 else 0.2):
            given = datetime.date(2024, 10, 8) + datetime.timedelta(days=rng.randint(0, 80))
            vaccinations.append((p.id_number, "Flu", "流感疫苗", 1, iso(given), *place))

    def assistance() -> Iterator[tuple]:
        for a in world.allowances:
            if a.kind in ASSISTANCE:
                share, rate = ASSISTANCE[a.kind]
                yield (a.allowance_id, REFERENCE_DATE.year, round(RESIDENT_PREMIUM * share * 100), rate)

    return {"health_record": records, "vaccination": vaccinations, "medical_assistance": assistance()}
