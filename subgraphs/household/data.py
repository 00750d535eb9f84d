"""Household registration records (户籍): one row per person, one per household."""

from __future__ import annotations

from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import World

_ADDRESS = (
    ("province", "TEXT NOT NULL"),
    ("city", "TEXT NOT NULL"),
    ("district", "TEXT NOT NULL"),
    ("street", "TEXT NOT NULL"),
)

PERSON = Table(
    "person",
    (
        ("id_number", "TEXT NOT NULL"),
        ("name", "TEXT NOT NULL"),
        ("gender", "TEXT NOT NULL"),
        ("birth_date", "TEXT NOT NULL"),
        ("ethnicity", "TEXT NOT NULL"),
        ("household_number", "TEXT NOT NULL"),
        ("member_order", "INTEGER NOT NULL"),
        ("relation_to_head", "TEXT NOT NULL"),
        *_ADDRESS,
        ("police_station", "TEXT NOT NULL"),
    ),
    primary_key=("id_number",),
    indexes=(("household_number", "member_order"),),
)
HOUSEHOLD = Table(
    "household",
    (
        ("household_number", "TEXT NOT NULL"),
        ("head_id_number", "TEXT NOT NULL"),
        *_ADDRESS,
        ("police_station", "TEXT NOT NULL"),
    ),
    primary_key=("household_number",),
)
TABLES = (PERSON, HOUSEHOLD)


def rows(world: World) -> Rows:
    def persons() -> Iterator[tuple]:
        for household in world.households:
            a = household.address
            for order, index in enumerate(household.members):
                p = world.persons[index]
                yield (
                    p.id_number,
                    p.name,
                    p.gender,
                    iso(p.birth_date),
                    p.ethnicity,
                    household.number,
                    order,
                    p.relation,
                    a.province,
                    a.city,
                    a.district,
                    a.street,
                    household.police_station,
                )

    def households() -> Iterator[tuple]:
        for h in world.households:
            a = h.address
            head = world.persons[h.members[0]].id_number
            yield (h.number, head, a.province, a.city, a.district, a.street, h.police_station)

    return {"person": persons(), "household": households()}
