"""Running a department: its descriptor, its ASGI app and its process entry point.

    python -m subgraphs household --port 4001
    python -m subgraphs.household --port 0 --data-dir /tmp/data --persons 500 --enterprises 100

On start the department opens its storage (PostgreSQL when ``DATABASE_URL`` or
``--database-url`` is set, else ``<data-dir>/<department>.sqlite3``), seeds it if it does
not hold the requested world yet, binds its socket and prints one line on stdout::

    TONGBAN-SUBGRAPH-READY {"department": "household", "url": "http://127.0.0.1:4001/graphql", ...}

which :mod:`subgraphs.cluster` (and so the demo and the tests) waits for. GraphQL is served
at ``/graphql`` (Strawberry, with GraphiQL for browsers), a probe at ``/health``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import inspect
import json
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from .context import RequestContext
from .storage import Database, Rows, SeedReport, Table, open_database
from .world import DEFAULT_ENTERPRISES, DEFAULT_PERSONS, DEFAULT_SEED, World, build_world

READY_PREFIX = "TONGBAN-SUBGRAPH-READY "
DEFAULT_DATA_DIR = Path("var") / "data"


@dataclass(frozen=True)
class Department:
    """One department's subgraph: its name in the supergraph, schema, tables and seed rows."""

    name: str
    title: str
    schema: strawberry.federation.Schema
    tables: tuple[Table, ...]
    rows: Callable[[World], Rows]
    default_port: int

    def sdl(self) -> str:
        """The SDL the subgraph answers to ``{ _service { sdl } }``."""
        result = self.schema.execute_sync("{ _service { sdl } }")
        assert result.errors is None and result.data is not None, result.errors
        return result.data["_service"]["sdl"]


@dataclass(frozen=True)
class WorldSize:
    seed: int = DEFAULT_SEED
    persons: int = DEFAULT_PERSONS
    enterprises: int = DEFAULT_ENTERPRISES

    def build(self) -> World:
        return build_world(self.seed, self.persons, self.enterprises)

    @property
    def key(self) -> str:
        return f"seed={self.seed}:persons={self.persons}:enterprises={self.enterprises}"


def generator_digest(department: Department) -> str:
    """A digest of the code that derives the department's rows (the world generator, the ID
    algorithms, the department's data module): stored data made by other code is re-seeded."""
    modules = ("subgraphs.common.world", "subgraphs.common.ids", department.rows.__module__)
    digest = hashlib.sha256()
    for name in modules:
        digest.update(Path(inspect.getfile(sys.modules[name])).read_bytes())
    return digest.hexdigest()[:16]


async def prepare_storage(department: Department, db: Database, size: WorldSize) -> SeedReport:
    """Seed the department's storage with ``size``'s world unless it already holds it."""
    key = f"{size.key}:code={generator_digest(department)}"
    return await db.prepare(department.tables, key, lambda: department.rows(size.build()))


class _DepartmentGraphQL(GraphQL):
    def __init__(self, department: Department, db: Database, graphiql: bool) -> None:
        super().__init__(department.schema, graphql_ide="graphiql" if graphiql else None)
        self.db = db

    async def get_context(self, request: Any, response: Any) -> RequestContext:  # type: ignore[override]
        return RequestContext(db=self.db, request=request, response=response)


def create_app(department: Department, db: Database, graphiql: bool = True) -> Starlette:
    """The department's ASGI app over an already prepared database."""

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "department": department.name, "storage": db.dialect})

    graphql_app = _DepartmentGraphQL(department, db, graphiql)
    return Starlette(routes=[Route("/graphql", graphql_app), Route("/health", health, methods=["GET"])])


# ----------------------------------------------------------------------------- process


def _parser(department: Department) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m subgraphs.{department.name}", description=f"Serve the {department.title} subgraph."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port",
        type=int,
        default=department.default_port,
        help=f"0: any free port (default {department.default_port})",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("TONGBAN_DATA_DIR", DEFAULT_DATA_DIR)),
        help="where the SQLite file lives (default $TONGBAN_DATA_DIR or var/data)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or None,
        help="PostgreSQL URL (default $DATABASE_URL); one schema per department",
    )
    parser.add_argument(
        "--schema-prefix",
        default=os.environ.get("TONGBAN_DB_SCHEMA_PREFIX", ""),
        help="prefix of the PostgreSQL schema name (default $TONGBAN_DB_SCHEMA_PREFIX)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--persons", type=int, default=DEFAULT_PERSONS)
    parser.add_argument("--enterprises", type=int, default=DEFAULT_ENTERPRISES)
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    parser.add_argument("--no-graphiql", action="store_true", help="do not serve GraphiQL to browsers")
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="stop when the process that started this one goes away"
    )
    return parser


def _watch_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


async def _serve(department: Department, options: argparse.Namespace) -> None:
    import uvicorn

    size = WorldSize(options.seed, options.persons, options.enterprises)
    db = open_database(department.name, options.data_dir, options.database_url, options.schema_prefix)
    report = await prepare_storage(department, db, size)
    if report.seeded:
        total = sum(report.rows.values())
        print(
            f"{department.name}: seeded {total} rows into {db.location} in {report.seconds:.2f}s",
            file=sys.stderr,
            flush=True,
        )
    sock = socket.socket(socket.AF_INET6 if ":" in options.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((options.host, options.port))
    sock.listen(128)
    port = sock.getsockname()[1]
    app = create_app(department, db, graphiql=not options.no_graphiql)
    config = uvicorn.Config(app, log_level=options.log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    if server.started:
        ready = {
            "department": department.name,
            "url": f"http://{options.host}:{port}/graphql",
            "storage": db.location,
            "seeded": report.seeded,
            "seed_seconds": round(report.seconds, 3),
            "rows": report.rows,
        }
        print(READY_PREFIX + json.dumps(ready, ensure_ascii=False), flush=True)
    try:
        await task
    finally:
        await db.close()


def main(department: Department, argv: list[str] | None = None) -> None:
    options = _parser(department).parse_args(argv)
    if options.exit_with_parent:
        _watch_parent()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(department, options))
