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
``Query.product(id:)``). ``compose`` never raises on bad input: a subgraph that does not
parse is reported as an ``INVALID_GRAPHQL`` error.
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
    from .compose import compose as _compose

    return _compose(subgraphs)
