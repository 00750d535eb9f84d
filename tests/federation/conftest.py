"""Fixtures of the end-to-end federation suite (see harness.py).

A test module runs one scenario with ``fed = scenario_fixture(SCENARIO)``: its subgraphs
and a gateway start once for the module, and every subgraph's recorder is cleared (and
set back to normal behaviour) before each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .harness import Federation, Scenario, ServerLoop, start_federation, stop_federation

_active: list[Federation] = []


@pytest.fixture(scope="session")
def server_loop() -> Iterator[ServerLoop]:
    loop = ServerLoop()
    yield loop
    loop.close()


@pytest.fixture(autouse=True)
def _fresh_recorders() -> None:
    for federation in _active:
        federation.reset()


def scenario_fixture(scenario: Scenario, supergraph_variants: tuple[str, ...] = ("",)) -> Any:
    """A module-scoped fixture serving ``scenario``; parametrized over supergraph variants."""

    @pytest.fixture(scope="module", params=supergraph_variants, ids=lambda v: v.strip("-") or "supergraph")
    def fed(request: pytest.FixtureRequest, server_loop: ServerLoop) -> Iterator[Federation]:
        federation = start_federation(server_loop, scenario, request.param)
        _active.append(federation)
        federation.reset()
        try:
            yield federation
        finally:
            _active.remove(federation)
            stop_federation(federation)

    return fed
