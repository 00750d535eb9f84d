"""Batched entity resolution: an ``_entities`` call costs one SQL statement per type (per
table a type reads), whatever the number of representations.

The departments run in-process here so the tests can read each database's statement
counter (:attr:`subgraphs.common.storage.Database.statements`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from subgraphs import DEPARTMENT_NAMES, department
from subgraphs.common.context import RequestContext
from subgraphs.common.server import create_app, prepare_storage
from subgraphs.common.storage import Database, open_database
from subgraphs.common.world import World

from .support import PG_SCHEMA_PREFIX, TEST_WORLD, GraphQLClient, postgres_url, serve

ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { %s } }"

Reps = Callable[[World, int], list[dict[str, Any]]]


def persons(world: World, n: int) -> list[dict[str, Any]]:
    return [{"__typename": "Person", "idNumber": p.id_number} for p in world.persons[:n]]


def persons_with_birth_date(world: World, n: int) -> list[dict[str, Any]]:
    return [
        {**rep, "birthDate": p.birth_date.isoformat()} for rep, p in zip(persons(world, n), world.persons, strict=False)
    ]


def enterprises(world: World, n: int) -> list[dict[str, Any]]:
    return [{"__typename": "Enterprise", "creditCode": e.credit_code} for e in world.enterprises[:n]]


def enterprises_with_requirements(world: World, n: int) -> list[dict[str, Any]]:
    return [
        {
            "__typename": "Enterprise",
            "creditCode": e.credit_code,
            "registeredCapital": float(e.registered_capital),
            "establishedOn": e.established_on.isoformat(),
            "riskScore": e.risk_score,
        }
        for e in world.enterprises[:n]
    ]


def households(world: World, n: int) -> list[dict[str, Any]]:
    return [{"__typename": "Household", "householdNumber": h.number} for h in world.households[:n]]


def employments(world: World, n: int) -> list[dict[str, Any]]:
    employed = [p for p in world.persons if p.employer is not None][:n]
    return [
        {"__typename": "Employment", "idNumber": p.id_number, "creditCode": world.enterprises[p.employer].credit_code}
        for p in employed
    ]


def allowances(world: World, n: int) -> list[dict[str, Any]]:
    # the interface itself, as the gateway sends it for @interfaceObject
    return [{"__typename": "Allowance", "allowanceId": a.allowance_id} for a in world.allowances[:n]]


def mixed(*parts: Reps) -> Reps:
    return lambda world, n: [rep for part in parts for rep in part(world, n)]


@dataclass(frozen=True)
class Case:
    department: str
    representations: Reps
    selection: str
    statements: int  # one per table read, for 100 representations (at most that for 10)

    def __str__(self) -> str:
        return self.department


CASES = [
    Case("household", persons, "... on Person { idNumber name birthDate registeredAddress { full } }", 1),
    Case(
        "household",
        mixed(persons, households),
        "... on Person { name } ... on Household { householdNumber address { city } }",
        2,
    ),
    Case("household", persons, "... on Person { name household { members { name } } }", 3),
    Case("market_regulation", enterprises, "... on Enterprise { name legalRepresentative { name } }", 1),
    Case("market_regulation", enterprises, "... on Enterprise { name licences { licenceNumber } }", 2),
    Case(
        "social_security",
        mixed(persons, enterprises),
        "... on Person { socialSecurityCardNumber } ... on Enterprise { socialInsurance { insuredEmployees } }",
        2,
    ),
    Case("social_security", employments, "... on Employment { position employer { name } }", 1),
    Case("civil_affairs", persons, "... on Person { maritalStatus spouse { name } }", 1),
    Case("civil_affairs", allowances, "... on Allowance { allowanceId monthlyAmount }", 1),
    Case("taxation", enterprises_with_requirements, "... on Enterprise { creditRating taxArrears }", 2),
    Case("taxation", employments, "... on Employment { withheldIncomeTax }", 1),
    Case("health", persons_with_birth_date, "... on Person { medicalInsuranceStatus vaccinationsDue { vaccine } }", 2),
    Case("health", allowances, "... on Allowance { medicalAssistance { premiumSubsidy } }", 1),
]


@pytest.fixture(scope="session")
def sqlite_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batching")


async def open_prepared(name: str, backend: str, sqlite_dir: Path) -> Database:
    url = postgres_url() if backend == "postgresql" else None
    db = open_database(name, sqlite_dir, url, PG_SCHEMA_PREFIX)
    await prepare_storage(department(name), db, TEST_WORLD)
    return db


async def run(name: str, db: Database, query: str, variables: dict[str, Any]) -> tuple[Any, int, list[str]]:
    db.reset_counter()
    result = await department(name).schema.execute(query, variable_values=variables, context_value=RequestContext(db))
    assert result.errors is None, result.errors
    return result.data, db.statements, list(db.log)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.department}:{c.selection[7:40]}")
async def test_entities_cost_one_statement_per_type(case: Case, backend: str, sqlite_dir: Path, world: World) -> None:
    db = await open_prepared(case.department, backend, sqlite_dir)
    try:
        query = ENTITIES % case.selection
        counts = {}
        for n in (10, 100):
            representations = case.representations(world, n)
            data, counts[n], log = await run(case.department, db, query, {"r": representations})
            assert len(data["_entities"]) == len(representations)
            assert all(entity is not None for entity in data["_entities"]), (data, log, representations[:2])
        # never more than one statement per table, whatever the batch size (10 persons may
        # include no young child, whose vaccinations are the only ones read)
        assert counts[100] == case.statements and counts[10] <= case.statements, log
        batch = min(100, len(representations))
        assert any(statement.count("?") >= batch for statement in log), log  # the whole batch in one IN list
    finally:
        await db.close()


async def test_a_batch_of_100_persons_is_one_select(sqlite_dir: Path, world: World) -> None:
    """The statement itself: one SELECT ... WHERE id_number IN (100 values)."""
    db = await open_prepared("household", "sqlite", sqlite_dir)
    try:
        _data, count, log = await run("household", db, ENTITIES % "... on Person { name }", {"r": persons(world, 100)})
    finally:
        await db.close()
    assert count == 1
    assert log[0].startswith("SELECT * FROM person WHERE id_number IN (") and log[0].count("?") == 100


# ----------------------------------------------------------------------- through the gateway


@dataclass
class InProcess:
    dbs: dict[str, Database]
    gateway: GraphQLClient


@pytest.fixture(scope="module")
def in_process(sqlite_dir: Path) -> Iterator[InProcess]:
    """The six departments in-process (uvicorn threads, SQLite) behind the gateway."""
    from scripts.demo import gateway_app

    async def prepare_all() -> dict[str, Database]:
        return {name: await open_prepared(name, "sqlite", sqlite_dir) for name in DEPARTMENT_NAMES}

    dbs = asyncio.run(prepare_all())
    servers = [serve(create_app(department(name), db, graphiql=False)) for name, db in dbs.items()]
    served = [s.__enter__() for s in servers]
    try:
        urls = {name: s.url for name, s in zip(dbs, served, strict=True)}
        with serve(gateway_app(urls)) as gateway:
            client = GraphQLClient(gateway.url)
            yield InProcess(dbs, client)
            client.close()
    finally:
        for server in reversed(servers):
            server.__exit__(None, None, None)
        for db in dbs.values():
            asyncio.run(db.close())


def test_gateway_batches_entities_into_one_query_per_department(in_process: InProcess, world: World) -> None:
    for db in in_process.dbs.values():
        db.reset_counter()
    data = in_process.gateway.data(
        """{ enterprises(first: 100) {
              legalRepresentative { birthDate gender }
              creditRating
              socialInsurance { insuredEmployees } } }"""
    )
    assert len(data["enterprises"]) == 100
    representatives = {world.enterprises[i].legal_representative for i in range(100)}
    by_code = {e.credit_code: e for e in world.enterprises}
    for enterprise in data["enterprises"]:
        assert enterprise["socialInsurance"]["insuredEmployees"] is not None
        assert enterprise["legalRepresentative"]["birthDate"]
    assert len(representatives) > 50 and len(by_code) == len(world.enterprises)
    statements = {name: db.statements for name, db in in_process.dbs.items()}
    assert statements == {
        "household": 1,  # 100 legal representatives: one SELECT
        "civil_affairs": 0,
        "social_security": 1,  # 100 employers' insurance accounts
        "market_regulation": 1,  # the search itself (it provides the representative's name)
        "taxation": 2,  # registrations and filings of 100 enterprises, for the rating
        "health": 0,
    }
