"""Federation composition: subgraph SDLs -> a supergraph SDL in Apollo's format.

    from gateway.composition import SubgraphSource, compose

    result = compose([SubgraphSource("products", "http://products/graphql", sdl), ...])
    if result.ok:
        Path("supergraph.graphql").write_text(result.supergraph_sdl)
    else:
        for error in result.errors:
            print(error.code, error.message)

Errors and hints carry Apollo's codes (``INVALID_FIELD_SHARING``, ``FIELD_TYPE_MISMATCH``
...), the subgraphs involved and the schema coordinates (``Product.name``,
``Query.product(id:)``, ``@key``). ``compose`` never raises: a subgraph that does not parse
is an ``INVALID_GRAPHQL`` error, and an unexpected failure of the composer itself a
``COMPOSITION_INTERNAL_ERROR`` (so a hot re-composition keeps its current supergraph).

It follows Apollo's ``@apollo/composition`` 2.14 step by step and prints the supergraph
as Apollo does (``@link`` v1.0, ``join`` v0.3/v0.4/v0.5 depending on the federation
version the subgraphs link, like Apollo); the parity tests in ``tests/composition`` compare
both on many subgraph sets. Pipeline (``pipeline.py``): ``subgraph.py`` reads each SDL
(federation names, built-ins, GraphQL validity), ``upgrade.py`` gives Federation 1
subgraphs Federation 2 semantics, ``validate.py`` checks federation directives per
subgraph, ``merge.py`` merges into the supergraph with join metadata, ``inaccessible.py``
checks the API schema, ``satisfiability.py`` checks that every API field can be reached,
``printer.py`` prints.

Not checked (Apollo does): the satisfiability check is simplified (see its module: nested
``@requires`` selections and ``@fromContext`` conditions are assumed satisfiable), the
transitive auth requirements of ``@fromContext`` (those of ``@requires`` are checked),
type checks of ``@fromContext`` selections beyond their fields existing,
``@cacheTag``/``@connect`` (``join__directive``), and compatibility of federation directive
definitions written in Federation 1 subgraphs.
CPU-bound: from an event loop, call it with ``await asyncio.to_thread(compose, sources)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CompositionIssue", "CompositionResult", "SubgraphSource", "compose"]


@dataclass(frozen=True)
class SubgraphSource:
    """One subgraph to compose: its name (becomes the ``join__Graph`` value), URL and SDL."""

    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionIssue:
    """An error or a hint: Apollo's code, a message, the subgraphs and coordinates involved."""

    code: str
    message: str
    subgraphs: tuple[str, ...] = ()
    coordinates: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


@dataclass(frozen=True)
class CompositionResult:
    """``supergraph_sdl`` is None exactly when there are errors."""

    supergraph_sdl: str | None
    errors: tuple[CompositionIssue, ...]
    hints: tuple[CompositionIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and self.supergraph_sdl is not None


def compose(subgraphs: Sequence[SubgraphSource]) -> CompositionResult:
    """Compose subgraphs (Federation 1 or 2) into a Federation 2 supergraph SDL."""
    from .pipeline import compose as _compose

    return _compose(subgraphs)
