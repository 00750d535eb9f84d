"""Market Regulation records (市场监管): the enterprise register and licences."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import ENTERPRISE_TYPES, INDUSTRIES, REFERENCE_DATE, World, add_years

ENTERPRISE = Table(
    "enterprise",
    (
        ("credit_code", "TEXT NOT NULL"),
        ("name", "TEXT NOT NULL"),
        ("kind", "TEXT NOT NULL"),
        ("status", "TEXT NOT NULL"),
        ("registered_capital", "BIGINT NOT NULL"),
        ("established_on", "TEXT NOT NULL"),
        ("province", "TEXT NOT NULL"),
        ("city", "TEXT NOT NULL"),
        ("district", "TEXT NOT NULL"),
        ("street", "TEXT NOT NULL"),
        ("business_scope", "TEXT NOT NULL"),
        ("legal_representative_id_number", "TEXT NOT NULL"),
        ("legal_representative_name", "TEXT NOT NULL"),
        ("risk_score", "INTEGER NOT NULL"),
    ),
    primary_key=("credit_code",),
    indexes=(("legal_representative_id_number",), ("name",)),
)
LICENCE = Table(
    "licence",
    (
        ("licence_number", "TEXT NOT NULL"),
        ("credit_code", "TEXT NOT NULL"),
        ("kind", "TEXT NOT NULL"),
        ("issued_on", "TEXT NOT NULL"),
        ("valid_until", "TEXT"),
        ("authority", "TEXT NOT NULL"),
        ("status", "TEXT NOT NULL"),
        ("business_format", "TEXT"),
        ("product_category", "TEXT"),
    ),
    primary_key=("licence_number",),
    indexes=(("credit_code",),),
)
TABLES = (ENTERPRISE, LICENCE)

FOOD_FORMATS = ("餐饮服务经营者", "食品销售经营者", "单位食堂")
PRODUCT_CATEGORIES = ("电线电缆", "危险化学品", "建筑用钢筋", "人造板", "电力电缆附件", "预应力混凝土铁路桥简支梁")


def rows(world: World) -> Rows:
    rng = random.Random(f"tongban:{world.seed}:market_regulation")
    type_labels = {kind: kind for kind, _, _ in ENTERPRISE_TYPES}

    def enterprises() -> Iterator[tuple]:
        for e in world.enterprises:
            rep = world.persons[e.legal_representative]
            a = e.address
            yield (
                e.credit_code,
                e.name,
                type_labels[e.kind],
                e.status,
                e.registered_capital,
                iso(e.established_on),
                a.province,
                a.city,
                a.district,
                a.street,
                INDUSTRIES[e.industry][1],
                rep.id_number,
                rep.name,
                e.risk_score,
            )

    licences: list[tuple] = []
    for e in world.enterprises:
        authority = f"{e.region.city}{e.region.district}市场监督管理局"
        licences.append(
            (e.credit_code, e.credit_code, "BUSINESS", iso(e.established_on), None, authority, e.status, None, None)
        )
        extra = INDUSTRIES[e.industry][2]
        if extra is None or e.status == "CANCELLED":
            continue
        # licences run five years and are renewed; the current one was issued within the last five
        first = e.established_on + datetime.timedelta(days=rng.randint(20, 120))
        issued = first
        while add_years(issued, 5) <= REFERENCE_DATE:
            issued = add_years(issued, 5)
        if issued > REFERENCE_DATE:
            continue
        status = "ACTIVE" if e.status == "ACTIVE" else "REVOKED"
        if extra == "FOOD":
            number = f"JY{rng.choice('123')}{e.region.code}{rng.randrange(10**6, 10**7)}{rng.randint(0, 9)}"
            licences.append(
                (
                    number,
                    e.credit_code,
                    "FOOD",
                    iso(issued),
                    iso(add_years(issued, 5)),
                    authority,
                    status,
                    rng.choice(FOOD_FORMATS),
                    None,
                )
            )
        else:
            number = f"XK{rng.randint(1, 30):02d}-{rng.randint(1, 999):03d}-{rng.randrange(10**4, 10**5)}"
            licences.append(
                (
                    number,
                    e.credit_code,
                    "INDUSTRIAL",
                    iso(issued),
                    iso(add_years(issued, 5)),
                    f"{e.region.province}市场监督管理局",
                    status,
                    None,
                    rng.choice(PRODUCT_CATEGORIES),
                )
            )
    return {"enterprise": enterprises(), "licence": licences}
