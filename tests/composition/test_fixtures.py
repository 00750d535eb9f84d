"""Tongban composes the end-to-end scenarios into the committed Apollo supergraphs.

``tests/fixtures/supergraphs/<scenario>.graphql`` were composed by Apollo's composer from
the subgraphs of ``tests/federation/scenarios/<scenario>.py`` (see
``tests/fixtures/regenerate.py``). Composing the same subgraph SDLs with Tongban must give
a supergraph the gateway loads into the same API schema and join metadata. No Node needed.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

from gateway.composition import SubgraphSource, compose
from gateway.supergraph import load_supergraph

from .semantic import assert_same_supergraph

TESTS = Path(__file__).resolve().parent.parent
SUPERGRAPHS = TESTS / "fixtures" / "supergraphs"
PLACEHOLDER_URL = "http://{name}.subgraph.invalid/graphql"  # as in tests/federation/harness.py


def _scenario_names() -> list[str]:
    scenarios = TESTS / "federation" / "scenarios"
    modules = {info.name for info in pkgutil.iter_modules([str(scenarios)])}
    return sorted(name for name in modules if (SUPERGRAPHS / f"{name}.graphql").is_file())


def _subgraphs(name: str) -> list[SubgraphSource]:
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    scenario = importlib.import_module(f"federation.scenarios.{name}").SCENARIO
    return [SubgraphSource(s.name, PLACEHOLDER_URL.format(name=s.name), s.sdl) for s in scenario.subgraphs]


@pytest.mark.parametrize("name", _scenario_names())
def test_scenario_composes_like_the_committed_supergraph(name: str) -> None:
    expected = (SUPERGRAPHS / f"{name}.graphql").read_text(encoding="utf-8")
    result = compose(_subgraphs(name))
    assert result.ok, [str(e) for e in result.errors]
    assert result.supergraph_sdl is not None
    load_supergraph(result.supergraph_sdl)
    assert_same_supergraph(expected, result.supergraph_sdl)


def test_every_committed_supergraph_is_checked() -> None:
    committed = {p.stem for p in SUPERGRAPHS.glob("*.graphql") if not p.stem.endswith("-legacy")}
    assert committed <= set(_scenario_names())
