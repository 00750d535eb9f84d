"""Each department's own storage: an SQLite file (default) or a PostgreSQL schema.

* SQLite: ``<data_dir>/<department>.sqlite3``. A missing or outdated file is seeded into a
  temporary file that is then renamed into place, so a half-seeded file is never used and
  two processes starting at once cannot corrupt each other.
* PostgreSQL (``DATABASE_URL``): schema ``<prefix><department>`` in that database, seeded
  under an advisory lock in one transaction (``DROP SCHEMA ... CASCADE`` first when the
  stored data is outdated).

Stored data is "outdated" when its ``tongban_meta`` rows differ from the world key (seed,
sizes and a digest of the generating code, see :func:`.server.prepare_storage`) or the
table layout. Queries are written once with ``?``
placeholders; a list or tuple parameter expands into an ``IN`` list (a list of tuples into
row values), and PostgreSQL gets ``$n``. :attr:`Database.statements` counts every query
sent after seeding: the batching tests read it.
"""

from __future__ import annotations

import abc
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Rows = Mapping[str, Iterable[Sequence[Any]]]


@dataclass(frozen=True)
class Table:
    """A table in portable DDL: column types TEXT, INTEGER, BIGINT or DOUBLE PRECISION."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def create_statements(self) -> list[str]:
        columns = [f"{name} {kind}" for name, kind in self.columns]
        columns.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return [f"CREATE TABLE {self.name} ({', '.join(columns)})"]

    def index_statements(self) -> list[str]:
        return [
            f"CREATE INDEX {self.name}_{'_'.join(columns)}_idx ON {self.name} ({', '.join(columns)})"
            for columns in self.indexes
        ]


def layout_digest(tables: Sequence[Table]) -> str:
    text = "\n".join(s for t in tables for s in (*t.create_statements(), *t.index_statements()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class SeedReport:
    seeded: bool
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)


_META = Table("tongban_meta", (("key", "TEXT NOT NULL"), ("value", "TEXT NOT NULL")), ("key",))


def expand(sql: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """Expand list parameters of ``?`` placeholders into ``(?, ?, ...)`` (rows: ``((?, ?), ...)``)."""
    pieces = sql.split("?")
    if len(pieces) - 1 != len(params):
        raise ValueError(f"{len(pieces) - 1} placeholders but {len(params)} parameters: {sql}")
    out = [pieces[0]]
    flat: list[Any] = []
    for param, piece in zip(params, pieces[1:], strict=True):
        if isinstance(param, list | tuple | set | frozenset):
            items = list(param)
            if not items:
                out.append("(NULL)")
            elif isinstance(items[0], tuple):
                out.append("(" + ", ".join("(" + ", ".join("?" * len(item)) + ")" for item in items) + ")")
                flat.extend(value for item in items for value in item)
            else:
                out.append("(" + ", ".join("?" * len(items)) + ")")
                flat.extend(items)
        else:
            out.append("?")
            flat.append(param)
        out.append(piece)
    return "".join(out), flat


class Database(abc.ABC):
    """A department's connection: ``fetch`` for queries, counted in ``statements``."""

    dialect: str

    def __init__(self) -> None:
        self.statements = 0
        self.log: list[str] = []  # the last statements, for debugging and tests

    def _count(self, sql: str) -> None:
        self.statements += 1
        self.log.append(sql)
        del self.log[:-200]

    def reset_counter(self) -> None:
        self.statements = 0
        self.log.clear()

    @abc.abstractmethod
    async def fetch(self, sql: str, *params: Any) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    async def prepare(self, tables: Sequence[Table], world_key: str, rows: Callable[[], Rows]) -> SeedReport:
        """Create and seed the tables unless they already hold ``world_key``'s data."""

    @abc.abstractmethod
    async def close(self) -> None: ...

    @property
    @abc.abstractmethod
    def location(self) -> str: ...


# ---------------------------------------------------------------------------------- SQLite


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._connection: sqlite3.Connection | None = None

    @property
    def location(self) -> str:
        return str(self.path)

    def _stored_meta(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                return dict(connection.execute("SELECT key, value FROM tongban_meta").fetchall())
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            return {}

    async def prepare(self, tables: Sequence[Table], world_key: str, rows: Callable[[], Rows]) -> SeedReport:
        expected = {"world": world_key, "layout": layout_digest(tables)}
        report = SeedReport(seeded=False)
        if self._stored_meta() != expected:
            started = time.perf_counter()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.seeding-{os.getpid()}")
            temporary.unlink(missing_ok=True)
            connection = sqlite3.connect(temporary)
            try:
                connection.execute("PRAGMA journal_mode=OFF")
                connection.execute("PRAGMA synchronous=OFF")
                for table in (_META, *tables):
                    for statement in table.create_statements():
                        connection.execute(statement)
                data = rows()
                for table in tables:
                    placeholders = ", ".join("?" * len(table.columns))
                    cursor = connection.executemany(
                        f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES ({placeholders})",
                        data.get(table.name, ()),
                    )
                    report.rows[table.name] = cursor.rowcount
                    for statement in table.index_statements():
                        connection.execute(statement)
                connection.executemany("INSERT INTO tongban_meta VALUES (?, ?)", sorted(expected.items()))
                connection.commit()
                connection.execute("ANALYZE")
            finally:
                connection.close()
            os.replace(temporary, self.path)
            report.seeded = True
            report.seconds = time.perf_counter() - started
        self._connection = sqlite3.connect(self.path, check_same_thread=False)
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA query_only=ON")
        self.reset_counter()
        return report

    async def fetch(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        assert self._connection is not None, "prepare() first"
        statement, values = expand(sql, params)
        self._count(statement)
        return [dict(row) for row in self._connection.execute(statement, values).fetchall()]

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


# ------------------------------------------------------------------------------ PostgreSQL

_PLACEHOLDER = re.compile(r"\?")


def _numbered(sql: str) -> str:
    counter = iter(range(1, 1_000_000))
    return _PLACEHOLDER.sub(lambda _m: f"${next(counter)}", sql)


def asyncpg_dsn(url: str) -> str:
    """Accept SQLAlchemy-style URLs too (``postgresql+asyncpg://``)."""
    return re.sub(r"^postgres(ql)?\+\w+://", "postgresql://", url)


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str, schema: str) -> None:
        super().__init__()
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            raise ValueError(f"bad schema name {schema!r}")
        self.url = asyncpg_dsn(url)
        self.schema = schema
        self._pool: Any = None

    @property
    def location(self) -> str:
        return f"{re.sub(r'//[^@/]*@', '//', self.url)} schema {self.schema}"

    async def prepare(self, tables: Sequence[Table], world_key: str, rows: Callable[[], Rows]) -> SeedReport:
        import asyncpg

        expected = {"world": world_key, "layout": layout_digest(tables)}
        report = SeedReport(seeded=False)
        connection = await asyncpg.connect(self.url)
        try:
            await connection.execute("SELECT pg_advisory_lock(hashtext($1))", f"tongban:{self.schema}")
            stored: dict[str, str] = {}
            if await connection.fetchval("SELECT to_regclass($1)", f"{self.schema}.tongban_meta"):
                stored = dict(await connection.fetch(f"SELECT key, value FROM {self.schema}.tongban_meta"))
            if stored != expected:
                started = time.perf_counter()
                async with connection.transaction():
                    await connection.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
                    await connection.execute(f"CREATE SCHEMA {self.schema}")
                    await connection.execute(f"SET LOCAL search_path TO {self.schema}")
                    for table in (_META, *tables):
                        for statement in table.create_statements():
                            await connection.execute(statement)
                    data = rows()
                    for table in tables:
                        records = [tuple(r) for r in data.get(table.name, ())]
                        await connection.copy_records_to_table(
                            table.name, records=records, columns=table.column_names, schema_name=self.schema
                        )
                        report.rows[table.name] = len(records)
                        for statement in table.index_statements():
                            await connection.execute(statement)
                    await connection.executemany("INSERT INTO tongban_meta VALUES ($1, $2)", sorted(expected.items()))
                    for table in tables:
                        await connection.execute(f"ANALYZE {table.name}")
                report.seeded = True
                report.seconds = time.perf_counter() - started
        finally:
            try:
                await connection.execute("SELECT pg_advisory_unlock(hashtext($1))", f"tongban:{self.schema}")
            finally:
                await connection.close()
        self._pool = await asyncpg.create_pool(
            self.url, min_size=1, max_size=8, server_settings={"search_path": self.schema}
        )
        self.reset_counter()
        return report

    async def fetch(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        assert self._pool is not None, "prepare() first"
        statement, values = expand(sql, params)
        self._count(statement)
        return [dict(record) for record in await self._pool.fetch(_numbered(statement), *values)]

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


def open_database(
    department: str, data_dir: Path | str, database_url: str | None = None, schema_prefix: str = ""
) -> Database:
    """PostgreSQL when ``database_url`` is given, else the department's SQLite file."""
    if database_url:
        return PostgresDatabase(database_url, f"{schema_prefix}{department}")
    return SqliteDatabase(Path(data_dir) / f"{department}.sqlite3")
