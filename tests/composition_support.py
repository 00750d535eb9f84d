"""Shared by test_reload, test_check and test_compose_cli: a composer, switchable subgraphs.

``composer`` is ``gateway.composition.compose``; ``compose_ok`` composes or fails the test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import httpx
import pytest
from federation.harness import SdlSubgraph, ServerLoop

from gateway import composition
from gateway.composition import CompositionResult, SubgraphSource

FED2 = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])\n'

PEOPLE = (
    FED2
    + """
type Query { person(id: ID!): Person }
type Person @key(fields: "id") { id: ID! name: String! }
"""
)
#: PEOPLE with a new field
PEOPLE_EMAIL = PEOPLE.replace("name: String! }", "name: String! email: String }")
BADGES = (
    FED2
    + """
type Person @key(fields: "id") { id: ID! badges: [String!]! }
"""
)
#: defines Person.name too, unshareable and with another type: does not compose with PEOPLE
BADGES_BROKEN = BADGES.replace("badges: [String!]! }", "badges: [String!]! name: Int }")
BADGES_SINCE = BADGES.replace("badges: [String!]! }", "badges: [String!]! badgeSince: Int }")

PERSONS = {"1": {"name": "Ada", "email": "ada@example.org", "badges": ["gold"], "badgeSince": 2020}}

QUERY = '{ person(id: "1") { name badges } }'
EXPECTED = {"person": {"name": "Ada", "badges": ["gold"]}}

# ------------------------------------------------------------------------- composer


@pytest.fixture
def composer() -> Callable[[Sequence[SubgraphSource]], CompositionResult]:
    """The composer under test (gateway.composition.compose)."""
    return composition.compose


def compose_ok(subgraphs: Mapping[str, tuple[str, str]]) -> str:
    """The supergraph of ``{name: (url, sdl)}``; fails the test on composition errors."""
    result = composition.compose([SubgraphSource(name, url, sdl) for name, (url, sdl) in subgraphs.items()])
    assert result.ok, [str(e) for e in result.errors]
    assert result.supergraph_sdl is not None
    return result.supergraph_sdl


# ------------------------------------------------------------------------ subgraphs


def _person(_obj: Any, _info: Any, id: str) -> dict[str, Any] | None:
    return {"id": id, **PERSONS[id]} if id in PERSONS else None


def _entity(representation: dict[str, Any]) -> dict[str, Any] | None:
    found = PERSONS.get(representation.get("id", ""))
    return {"id": representation["id"], **found} if found else None


class SwitchableSubgraph:
    """A graphql-core subgraph (people or badges data) whose SDL can be switched live."""

    def __init__(self, name: str, sdl: str) -> None:
        self.name = name
        self.switch(sdl)

    def switch(self, sdl: str) -> None:
        resolvers = {"Query": {"person": _person}} if "person(id" in sdl else {}
        self._app = SdlSubgraph(self.name, sdl, resolvers, {"Person": _entity}).asgi()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await self._app(scope, receive, send)


class ClientLoop:
    """Threads sending ``query`` to a gateway until stopped; every failure is recorded."""

    def __init__(self, base_url: str, query: str, expected: dict[str, Any], threads: int = 3) -> None:
        self.base_url = base_url
        self.query = query
        self.expected = expected
        self.sent = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=10) as http:
            while not self._stop.is_set():
                try:
                    response = http.post("/graphql", json={"query": self.query})
                    body = response.json()
                    health = http.get("/health")
                except (httpx.HTTPError, ValueError) as error:
                    self.failures.append(repr(error))
                    continue
                self.sent += 1
                if response.status_code != 200 or body != {"data": self.expected}:
                    self.failures.append(f"{response.status_code} {body}")
                if health.status_code != 200:
                    self.failures.append(f"/health {health.status_code}")

    def __enter__(self) -> ClientLoop:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)


def wait_for(condition: Callable[[], bool], timeout: float = 6.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture(scope="module")
def server_loop() -> Iterator[ServerLoop]:
    loop = ServerLoop()
    yield loop
    loop.close()
