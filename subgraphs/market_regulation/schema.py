"""Market Regulation (市场监管): the enterprise register and licences.

Owns ``Enterprise @key(fields: "creditCode")`` (unified social credit code, GB 32100).
``Enterprise.name`` is ``@shareable`` (Social Security provides the employer's name it
registered); ``legalRepresentative @provides(fields: "name")`` (the register records the
representative's name); ``riskScore`` is the internal supervision score, ``@inaccessible``
to clients yet ``@requires``-d by Taxation's credit rating.
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from ..common.context import context
from ..common.ids import normalize_credit_code, normalize_id_number
from ..common.types import FEDERATION_VERSION, Address, day

ENTERPRISE_BY_CODE = "SELECT * FROM enterprise WHERE credit_code IN ?"
ENTERPRISES_BY_REPRESENTATIVE = (
    "SELECT * FROM enterprise WHERE legal_representative_id_number IN ? ORDER BY established_on, credit_code"
)
LICENCES_BY_ENTERPRISE = "SELECT * FROM licence WHERE credit_code IN ? ORDER BY credit_code, kind, licence_number"
LICENCE_BY_NUMBER = "SELECT * FROM licence WHERE licence_number IN ?"
SEARCH = "SELECT * FROM enterprise WHERE name LIKE ? ORDER BY credit_code LIMIT ?"


@strawberry.enum
class EnterpriseType(Enum):
    LIMITED_LIABILITY_COMPANY = "LIMITED_LIABILITY_COMPANY"
    JOINT_STOCK_COMPANY = "JOINT_STOCK_COMPANY"
    SOLE_PROPRIETORSHIP = "SOLE_PROPRIETORSHIP"
    PARTNERSHIP = "PARTNERSHIP"


@strawberry.enum(description="存续 / 吊销 / 注销")
class RegistrationStatus(Enum):
    ACTIVE = "ACTIVE"
    REVOKED = "REVOKED"
    CANCELLED = "CANCELLED"


@strawberry.federation.type(keys=["idNumber"])
class Person:
    id_number: str
    name: str = strawberry.federation.field(external=True, default="")

    @strawberry.field(description="Enterprises this resident is the legal representative of.")
    async def legal_representative_of(self, info: Info) -> list[Enterprise] | None:
        rows = (
            await context(info)
            .rows(ENTERPRISES_BY_REPRESENTATIVE, "legal_representative_id_number")
            .load(self.id_number)
        )
        return [Enterprise.from_row(row) for row in rows]

    @classmethod
    def resolve_reference(cls, idNumber: str, **_: Any) -> Person:
        return cls(id_number=normalize_id_number(idNumber))


@strawberry.federation.type(keys=["creditCode"], description="An enterprise on the market-entity register.")
class Enterprise:
    credit_code: str = strawberry.field(description="18-character unified social credit code (GB 32100).")
    name: str = strawberry.federation.field(shareable=True)
    type: EnterpriseType
    status: RegistrationStatus
    registered_capital: float = strawberry.field(description="Yuan (注册资本).")
    established_on: datetime.date
    registered_address: Address
    business_scope: str
    legal_representative: Person = strawberry.federation.field(provides=["name"])
    risk_score: int = strawberry.federation.field(
        inaccessible=True, description="Internal supervision risk score 0-100 (higher: riskier)."
    )

    @strawberry.field
    async def licences(self, info: Info) -> list[Licence]:
        rows = await context(info).rows(LICENCES_BY_ENTERPRISE, "credit_code").load(self.credit_code)
        return [licence_from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Enterprise:
        return cls(
            credit_code=row["credit_code"],
            name=row["name"],
            type=EnterpriseType(row["kind"]),
            status=RegistrationStatus(row["status"]),
            registered_capital=float(row["registered_capital"]),
            established_on=day(row["established_on"]),
            registered_address=Address.from_row(row),
            business_scope=row["business_scope"],
            legal_representative=Person(
                id_number=row["legal_representative_id_number"], name=row["legal_representative_name"]
            ),
            risk_score=row["risk_score"],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, creditCode: str, **_: Any) -> Enterprise | None:
        row = await context(info).row(ENTERPRISE_BY_CODE, "credit_code").load(normalize_credit_code(creditCode))
        return None if row is None else cls.from_row(row)


@strawberry.enum
class LicenceStatus(Enum):
    ACTIVE = "ACTIVE"
    REVOKED = "REVOKED"
    CANCELLED = "CANCELLED"


@strawberry.interface(description="A licence issued to an enterprise.")
class Licence:
    licence_number: str
    issued_on: datetime.date
    valid_until: datetime.date | None = strawberry.field(description="Null: valid indefinitely (长期).")
    issuing_authority: str
    status: LicenceStatus
    credit_code: strawberry.Private[str]

    @strawberry.field
    async def holder(self, info: Info) -> Enterprise:
        enterprise = await Enterprise.resolve_reference(info, creditCode=self.credit_code)
        assert enterprise is not None
        return enterprise


@strawberry.type(description="营业执照: its number is the credit code.")
class BusinessLicence(Licence):
    pass


@strawberry.type(description="食品经营许可证")
class FoodOperationLicence(Licence):
    business_format: str = strawberry.field(description="主体业态")


@strawberry.type(description="工业产品生产许可证")
class IndustrialProductLicence(Licence):
    product_category: str


def licence_from_row(row: dict[str, Any]) -> Licence:
    common = {
        "licence_number": row["licence_number"],
        "issued_on": day(row["issued_on"]),
        "valid_until": day(row["valid_until"]),
        "issuing_authority": row["authority"],
        "status": LicenceStatus(row["status"]),
        "credit_code": row["credit_code"],
    }
    if row["kind"] == "FOOD":
        return FoodOperationLicence(**common, business_format=row["business_format"])
    if row["kind"] == "INDUSTRIAL":
        return IndustrialProductLicence(**common, product_category=row["product_category"])
    return BusinessLicence(**common)


@strawberry.type
class Query:
    @strawberry.field(description="An enterprise by unified social credit code; null when not registered.")
    async def enterprise(self, info: Info, credit_code: str) -> Enterprise | None:
        return await Enterprise.resolve_reference(info, creditCode=credit_code)

    @strawberry.field(description="Enterprises whose name contains the text, by credit code.")
    async def enterprises(self, info: Info, name_contains: str = "", first: int = 20) -> list[Enterprise]:
        pattern = "%" + name_contains.replace("%", "").replace("_", "") + "%"
        rows = await context(info).db.fetch(SEARCH, pattern, max(0, min(first, 500)))
        return [Enterprise.from_row(row) for row in rows]

    @strawberry.field
    async def licence(self, info: Info, licence_number: str) -> Licence | None:
        row = await context(info).row(LICENCE_BY_NUMBER, "licence_number").load(licence_number)
        return None if row is None else licence_from_row(row)


schema = strawberry.federation.Schema(
    query=Query,
    types=[Person, Enterprise, BusinessLicence, FoodOperationLicence, IndustrialProductLicence],
    federation_version=FEDERATION_VERSION,
)
