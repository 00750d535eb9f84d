"""Fixtures: the six departments as real processes (SQLite and PostgreSQL) behind a gateway."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # scripts.* when pytest is not run as `python -m pytest`
    sys.path.insert(0, str(ROOT))

from scripts.demo import example_operations, gateway_app  # noqa: E402
from subgraphs.cluster import Cluster  # noqa: E402
from subgraphs.common.world import World  # noqa: E402

from .support import PG_SCHEMA_PREFIX, TEST_WORLD, GraphQLClient, postgres_url, serve  # noqa: E402


@dataclass
class Federation:
    backend: str
    cluster: Cluster
    gateway: GraphQLClient
    world: World
    examples: str


@pytest.fixture(scope="session")
def world() -> World:
    return TEST_WORLD.build()


def _federation(backend: str, data_dir: Path, world: World, database_url: str | None) -> Iterator[Federation]:
    cluster = Cluster.start(
        data_dir=data_dir,
        database_url=database_url,
        schema_prefix=PG_SCHEMA_PREFIX,
        seed=TEST_WORLD.seed,
        persons=TEST_WORLD.persons,
        enterprises=TEST_WORLD.enterprises,
        log_dir=data_dir / "logs",
    )
    try:
        examples = example_operations(world)
        with serve(gateway_app(cluster.urls, examples)) as served:
            client = GraphQLClient(served.url)
            try:
                yield Federation(backend, cluster, client, world, examples)
            finally:
                client.close()
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def sqlite_federation(tmp_path_factory: pytest.TempPathFactory, world: World) -> Iterator[Federation]:
    yield from _federation("sqlite", tmp_path_factory.mktemp("sqlite-departments"), world, None)


@pytest.fixture(scope="session")
def postgresql_federation(tmp_path_factory: pytest.TempPathFactory, world: World) -> Iterator[Federation]:
    url = postgres_url()
    yield from _federation("postgresql", tmp_path_factory.mktemp("pg-departments"), world, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def federation(request: pytest.FixtureRequest) -> Federation:
    """Both storage backends: every end-to-end test runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_federation")
