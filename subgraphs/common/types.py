"""GraphQL types more than one department defines identically (value types, shared enums)."""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry

#: the Federation version every department links (2.7: @override with labels, @authenticated...)
FEDERATION_VERSION = "2.7"


@strawberry.federation.type(shareable=True, description="A postal address in mainland China.")
class Address:
    province: str
    city: str
    district: str
    street: str

    @strawberry.field(description="The address written out in full, as on a certificate.")
    def full(self) -> str:
        city = "" if self.city == self.province else self.city
        return f"{self.province}{city}{self.district}{self.street}"

    @classmethod
    def from_row(cls, row: dict[str, Any], prefix: str = "") -> Address:
        return cls(
            province=row[f"{prefix}province"],
            city=row[f"{prefix}city"],
            district=row[f"{prefix}district"],
            street=row[f"{prefix}street"],
        )


@strawberry.enum(description="Status of an insurance enrolment (social or medical insurance).")
class InsuranceStatus(Enum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    RECEIVING_BENEFITS = "RECEIVING_BENEFITS"
    NOT_ENROLLED = "NOT_ENROLLED"


def iso(day: datetime.date | None) -> str | None:
    """Dates are stored as ISO text in both SQLite and PostgreSQL."""
    return None if day is None else day.isoformat()


def day(text: str | None) -> datetime.date | None:
    return None if text is None else datetime.date.fromisoformat(text)


def yuan(fen: int | None) -> float | None:
    """Money is stored in fen (integers) and exposed in yuan."""
    return None if fen is None else round(fen / 100, 2)
