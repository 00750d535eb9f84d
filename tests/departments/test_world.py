"""The synthetic world: deterministic, big enough, and consistent across departments."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from subgraphs import departments
from subgraphs.common.ids import credit_code_problem, id_number_problem
from subgraphs.common.world import (
    DEFAULT_ENTERPRISES,
    DEFAULT_PERSONS,
    REFERENCE_DATE,
    World,
    build_world,
    years_between,
)

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = (
    "import hashlib; from subgraphs.common.world import build_world; w = build_world(7, 300, 50); "
    "print(hashlib.sha256(repr((w.persons, w.enterprises, w.marriages, w.allowances)).encode()).hexdigest())"
)


def test_same_parameters_give_the_same_world_in_other_processes() -> None:
    """Departments seed without talking to each other: every process derives the same data."""
    local = build_world(7, 300, 50)
    expected = hashlib.sha256(repr((local.persons, local.enterprises, local.marriages, local.allowances)).encode())
    for hash_seed in ("0", "12345"):
        output = subprocess.run(
            [sys.executable, "-c", FINGERPRINT],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        assert output == expected.hexdigest()
    assert build_world(8, 300, 50).persons[0].id_number != local.persons[0].id_number


def test_default_world_size_and_identifiers() -> None:
    started = time.perf_counter()
    world = build_world()
    elapsed = time.perf_counter() - started
    assert len(world.persons) == DEFAULT_PERSONS >= 10_000
    assert len(world.enterprises) == DEFAULT_ENTERPRISES >= 2_000
    assert len({p.id_number for p in world.persons}) == len(world.persons)
    assert len({e.credit_code for e in world.enterprises}) == len(world.enterprises)
    assert all(id_number_problem(p.id_number) is None for p in world.persons)
    assert all(credit_code_problem(e.credit_code) is None for e in world.enterprises)
    assert elapsed < 10


def test_references_are_consistent(world: World) -> None:
    persons, enterprises = world.persons, world.enterprises
    for p in persons:
        assert (int(p.id_number[16]) % 2 == 1) == (p.gender == "MALE")
        assert p.id_number[6:14] == p.birth_date.strftime("%Y%m%d")
        assert p.index in world.households[p.household].members
        if p.spouse is not None:
            spouse = persons[p.spouse]
            assert spouse.spouse == p.index and spouse.gender != p.gender and spouse.household == p.household
        if p.employer is not None:
            employer = enterprises[p.employer]
            assert employer.status == "ACTIVE" and p.index in employer.employees
            assert employer.established_on <= p.employed_since <= REFERENCE_DATE
            assert years_between(p.birth_date, p.employed_since) >= 18
    for m in world.marriages:
        husband, wife = persons[m.husband], persons[m.wife]
        assert husband.gender == "MALE" and wife.gender == "FEMALE" and husband.spouse == wife.index
        assert years_between(husband.birth_date, m.registered_on) >= 22
        assert years_between(wife.birth_date, m.registered_on) >= 20
    for e in enterprises:
        assert years_between(persons[e.legal_representative].birth_date, REFERENCE_DATE) >= 25
    for a in world.allowances:
        assert persons[a.recipient].household == a.household


def test_every_department_derives_rows_for_each_of_its_tables(world: World) -> None:
    for department in departments():
        rows = department.rows(world)
        assert set(rows) == {t.name for t in department.tables}, department.name
        for table in department.tables:
            materialized = list(rows[table.name])
            assert materialized, (department.name, table.name)
            assert all(len(row) == len(table.columns) for row in materialized), (department.name, table.name)
