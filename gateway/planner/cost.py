"""Estimate how many fetches a selection needs from a subgraph, to choose between subgraphs."""

from __future__ import annotations

import math
from dataclasses import dataclass

from graphql import GraphQLInterfaceType, GraphQLOutputType, GraphQLUnionType

from ..supergraph.model import Key
from .capabilities import Capabilities, Provided, interface_object_parts, unwrap
from .operation import Field, Selection

MAX_KEY_HOPS = 3
#: added per field moved by a jump: of plans with equal fetch counts, prefer jumping late
_LEAF_WEIGHT = 0.001


@dataclass(frozen=True)
class Jump:
    subgraph: str
    entity_type: str  # the type the target subgraph resolves (an interface for @interfaceObject)
    key: Key
    cost: float


def leaf_count(selections: tuple[Selection, ...]) -> int:
    return sum(leaf_count(s.selections) if s.selections else 1 for s in selections)


class CostModel:
    """Fetch-count estimates, memoised for the plan being built (keys use object ids)."""

    def __init__(self, caps: Capabilities) -> None:
        self.caps = caps
        self._cache: dict[tuple, float] = {}

    def cost(
        self,
        subgraph: str,
        type_: GraphQLOutputType | str,
        selections: tuple[Selection, ...],
        provided: Provided | None,
        hops: int,
    ) -> float:
        """Fetches needed to resolve ``selections`` starting in ``subgraph`` (inf: impossible)."""
        if not selections:
            return 0.0
        named = self.caps.type(type_) if isinstance(type_, str) else unwrap(type_)[0]
        cache_key = (subgraph, named.name, id(selections), id(provided), hops)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        self._cache[cache_key] = math.inf  # recursion guard
        if self.caps.supergraph.is_interface_object_in(named.name, subgraph):
            result = self._interface_object_cost(subgraph, named.name, selections, provided, hops)
        elif isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            possible = self.caps.supergraph.possible_types_in(named.name, subgraph)
            result = max((self._object_cost(subgraph, t, selections, provided, hops) for t in possible), default=0.0)
        else:
            result = self._object_cost(subgraph, named.name, selections, provided, hops)
        self._cache[cache_key] = result
        return result

    def _interface_object_cost(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None, hops: int
    ) -> float:
        own, needs_concrete = interface_object_parts(type_name, selections)
        total = self._object_cost(subgraph, type_name, own, provided, hops)
        return total + (1.0 if needs_concrete else 0.0)

    def _object_cost(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None, hops: int
    ) -> float:
        total = 0.0
        jumped_to: set[str] = set()
        for selected, _ in self.caps.collect_fields(type_name, selections):
            if selected.name == "__typename":
                continue
            options: list[tuple[float, str | None]] = []
            if self.caps.can_resolve(subgraph, type_name, selected.name, provided) and not self.caps.requires_of(
                subgraph, type_name, selected.name
            ):
                child = self.caps.child_provided(subgraph, type_name, selected.name, provided)
                options.append(
                    (
                        self.cost(
                            subgraph, self.caps.field_type(type_name, selected.name), selected.selections, child, hops
                        ),
                        None,
                    )
                )
            jump = self.best_jump(subgraph, type_name, selected, provided, hops)
            if jump is not None:
                shared = jump.subgraph in jumped_to
                options.append((jump.cost - (1 if shared else 0), jump.subgraph))
            if not options:
                if hops:
                    return math.inf  # key fields must be reachable
                options.append((1.0, None))  # fetched again from another subgraph at an ancestor
            best_cost, target = min(options, key=lambda option: option[0])
            if target is not None:
                jumped_to.add(target)
            total += best_cost
        return total

    def best_jump(
        self,
        subgraph: str,
        type_name: str,
        selected: Field,
        provided: Provided | None,
        hops: int,
        exclude: frozenset[str] = frozenset(),
    ) -> Jump | None:
        if hops > MAX_KEY_HOPS:
            return None
        if self.caps.requires_of(subgraph, type_name, selected.name) is None:
            exclude = exclude | {subgraph}
        best: Jump | None = None
        field_type = self.caps.field_type(type_name, selected.name)
        for target, entity_type in self.caps.jump_targets(type_name, selected.name, exclude):
            requires = self.caps.requires_of(target, entity_type, selected.name)
            # one more fetch, plus a little per field moved: of equal fetch counts, jump late
            base = 1.0 + _LEAF_WEIGHT * max(1, leaf_count(selected.selections))
            base += self.cost(
                target,
                field_type,
                selected.selections,
                self.caps.child_provided(target, entity_type, selected.name, None),
                hops,
            )
            if requires is not None:
                base += self.cost(subgraph, type_name, self.caps.field_set(requires), provided, hops + 1)
            for key in self.caps.supergraph.entity_keys(entity_type, target):
                key_cost = self.cost(subgraph, type_name, self.caps.field_set(key.selection), provided, hops + 1)
                total = base + key_cost
                if best is None or total < best.cost:
                    best = Jump(target, entity_type, key, total)
        if best is not None and math.isinf(best.cost):
            return None
        return best
