"""Civil Affairs records (民政): marriage registrations, marital status, social assistance."""

from __future__ import annotations

from collections.abc import Iterator

from ..common.storage import Rows, Table
from ..common.types import iso
from ..common.world import World

MARITAL_RECORD = Table(
    "marital_record",
    (
        ("id_number", "TEXT NOT NULL"),
        ("status", "TEXT NOT NULL"),
        ("since", "TEXT NOT NULL"),
        ("spouse_id_number", "TEXT NOT NULL"),
        ("spouse_name", "TEXT NOT NULL"),
    ),
    primary_key=("id_number",),
)
MARRIAGE = Table(
    "marriage",
    (
        ("certificate_number", "TEXT NOT NULL"),
        ("husband_id_number", "TEXT NOT NULL"),
        ("husband_name", "TEXT NOT NULL"),
        ("wife_id_number", "TEXT NOT NULL"),
        ("wife_name", "TEXT NOT NULL"),
        ("registered_on", "TEXT NOT NULL"),
        ("office", "TEXT NOT NULL"),
    ),
    primary_key=("certificate_number",),
    indexes=(("husband_id_number",), ("wife_id_number",)),
)
ALLOWANCE = Table(
    "allowance",
    (
        ("allowance_id", "TEXT NOT NULL"),
        ("kind", "TEXT NOT NULL"),
        ("recipient_id_number", "TEXT NOT NULL"),
        ("recipient_name", "TEXT NOT NULL"),
        ("household_number", "TEXT NOT NULL"),
        ("household_size", "INTEGER NOT NULL"),
        ("monthly_amount_fen", "BIGINT NOT NULL"),
        ("started_on", "TEXT NOT NULL"),
    ),
    primary_key=("allowance_id",),
    indexes=(("recipient_id_number",),),
)
TABLES = (MARITAL_RECORD, MARRIAGE, ALLOWANCE)


def rows(world: World) -> Rows:
    persons = world.persons

    def marital_records() -> Iterator[tuple]:
        for m in world.marriages:
            husband, wife = persons[m.husband], persons[m.wife]
            since = iso(m.registered_on)
            yield (husband.id_number, "MARRIED", since, wife.id_number, wife.name)
            yield (wife.id_number, "MARRIED", since, husband.id_number, husband.name)

    def marriages() -> Iterator[tuple]:
        for m in world.marriages:
            husband, wife = persons[m.husband], persons[m.wife]
            yield (
                m.certificate_number,
                husband.id_number,
                husband.name,
                wife.id_number,
                wife.name,
                iso(m.registered_on),
                m.office,
            )

    def allowances() -> Iterator[tuple]:
        for a in world.allowances:
            household = world.households[a.household]
            recipient = persons[a.recipient]
            yield (
                a.allowance_id,
                a.kind,
                recipient.id_number,
                recipient.name,
                household.number,
                len(household.members),
                a.monthly_amount * 100,
                iso(a.started_on),
            )

    return {"marital_record": marital_records(), "marriage": marriages(), "allowance": allowances()}
