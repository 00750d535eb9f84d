"""Storage: placeholder expansion, first-start seeding, re-seeding when the world changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from subgraphs import department
from subgraphs.common.server import WorldSize, prepare_storage
from subgraphs.common.storage import PostgresDatabase, SqliteDatabase, _numbered, expand, open_database

from .support import PG_SCHEMA_PREFIX, postgres_url


def test_expand_lists_and_row_values() -> None:
    assert expand("SELECT * FROM t WHERE a IN ? AND b = ?", (["x", "y"], 3)) == (
        "SELECT * FROM t WHERE a IN (?, ?) AND b = ?",
        ["x", "y", 3],
    )
    assert expand("WHERE (a, b) IN ?", ([("x", 1), ("y", 2)],)) == (
        "WHERE (a, b) IN ((?, ?), (?, ?))",
        ["x", 1, "y", 2],
    )
    assert expand("WHERE a IN ?", ([],)) == ("WHERE a IN (NULL)", [])
    assert _numbered("a = ? AND b IN (?, ?)") == "a = $1 AND b IN ($2, $3)"
    with pytest.raises(ValueError, match="placeholders"):
        expand("WHERE a = ?", ())


def test_open_database_picks_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_database("health", tmp_path), SqliteDatabase)
    db = open_database("health", tmp_path, "postgresql+asyncpg://u@h/db", "p_")
    assert isinstance(db, PostgresDatabase) and db.schema == "p_health" and db.url == "postgresql://u@h/db"


async def test_sqlite_is_seeded_on_first_start_and_reused(tmp_path: Path) -> None:
    household = department("household")
    size = WorldSize(seed=3, persons=200, enterprises=20)
    db = SqliteDatabase(tmp_path / "household.sqlite3")
    first = await prepare_storage(household, db, size)
    assert first.seeded and first.rows["person"] == 200
    await db.close()
    again = SqliteDatabase(tmp_path / "household.sqlite3")
    assert not (await prepare_storage(household, again, size)).seeded
    assert len(await again.fetch("SELECT id_number FROM person")) == 200
    await again.close()
    bigger = SqliteDatabase(tmp_path / "household.sqlite3")
    report = await prepare_storage(household, bigger, WorldSize(seed=3, persons=300, enterprises=20))
    assert report.seeded and report.rows["person"] == 300
    await bigger.close()
    assert not list(tmp_path.glob("*.seeding-*"))


async def test_sqlite_connection_is_read_only(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "health.sqlite3")
    await prepare_storage(department("health"), db, WorldSize(seed=3, persons=100, enterprises=10))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await db.fetch("DELETE FROM health_record")
    await db.close()


async def test_postgres_schema_per_department() -> None:
    url = postgres_url()
    size = WorldSize(seed=3, persons=150, enterprises=15)
    db = PostgresDatabase(url, f"{PG_SCHEMA_PREFIX}storage_check")
    try:
        assert (await prepare_storage(department("taxation"), db, size)).seeded
        await db.close()
        db = PostgresDatabase(url, f"{PG_SCHEMA_PREFIX}storage_check")
        assert not (await prepare_storage(department("taxation"), db, size)).seeded
        rows = await db.fetch("SELECT current_schema() AS s, count(*) AS n FROM tax_enterprise")
        assert rows == [{"s": f"{PG_SCHEMA_PREFIX}storage_check", "n": 15}]
    finally:
        await db.close()
        import asyncpg

        connection = await asyncpg.connect(url)
        await connection.execute(f"DROP SCHEMA IF EXISTS {PG_SCHEMA_PREFIX}storage_check CASCADE")
        await connection.close()


async def test_data_made_by_other_generator_code_is_reseeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing the generator (or a department's data module) must not leave stale data behind."""
    from subgraphs.common import server

    civil = department("civil_affairs")
    size = WorldSize(seed=4, persons=120, enterprises=12)
    db = SqliteDatabase(tmp_path / "civil_affairs.sqlite3")
    assert (await prepare_storage(civil, db, size)).seeded
    await db.close()
    monkeypatch.setattr(server, "generator_digest", lambda _department: "other-code")
    db = SqliteDatabase(tmp_path / "civil_affairs.sqlite3")
    assert (await prepare_storage(civil, db, size)).seeded
    await db.close()
