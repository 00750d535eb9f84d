"""Helpers for the department tests: a small seeded world, servers on loopback threads,
the PostgreSQL probe."""

from __future__ import annotations

import asyncio
import functools
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from subgraphs.common.server import WorldSize

#: the world the tests seed: big enough for every showcase, quick to seed (~0.1 s a department)
TEST_WORLD = WorldSize(seed=20250630, persons=1200, enterprises=240)
#: PostgreSQL schemas of the tests: tongban_test_<department>
PG_SCHEMA_PREFIX = "tongban_test_"
PG_CANDIDATES = (
    "postgresql://postgres@localhost:5432/test",
    "postgresql://root@localhost:5432/test",
)


def postgres_url() -> str:
    """A reachable PostgreSQL URL, or skip the test (fail instead when $CI is set).

    Tried in order: $TONGBAN_TEST_DATABASE_URL, $DATABASE_URL, then the local server as
    user postgres and as root (database test).
    """
    url, reason = _probe_postgres()
    if url is not None:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{reason} - CI must run the PostgreSQL tests", pytrace=False)
    pytest.skip(reason)


@functools.cache
def _probe_postgres() -> tuple[str | None, str]:
    candidates = [u for u in (os.environ.get("TONGBAN_TEST_DATABASE_URL"), os.environ.get("DATABASE_URL")) if u]
    candidates += PG_CANDIDATES
    problems = []
    try:
        import asyncpg
    except ImportError:
        problems.append("asyncpg is not installed")
    else:

        async def probe(url: str) -> None:
            connection = await asyncpg.connect(url, timeout=3)
            await connection.close()

        for url in candidates:
            try:
                # in a thread of its own: callers may be running an event loop already
                with ThreadPoolExecutor(1) as pool:
                    pool.submit(asyncio.run, probe(url)).result()
                return url, ""
            except Exception as error:
                problems.append(f"{url}: {type(error).__name__}: {error}")
    return None, "no PostgreSQL server reachable (" + "; ".join(problems) + ")"


@dataclass
class ServedApp:
    server: uvicorn.Server
    thread: threading.Thread
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"


@contextmanager
def serve(app: Any) -> Iterator[ServedApp]:
    """Serve an ASGI app with uvicorn on a free loopback port, in a thread."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign] # uvicorn < 0.29
    thread = threading.Thread(target=server.run, name="test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield ServedApp(server, thread, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class GraphQLClient:
    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(timeout=30)

    def post(self, query: str, variables: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
        response = self.http.post(self.url, json={"query": query, "variables": variables or {}, **extra})
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a response that must have no errors."""
        body = self.post(query, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def close(self) -> None:
        self.http.close()
