"""Query plan nodes: what to fetch from which subgraph, in which order.

The shapes follow Apollo's query plans (Sequence, Parallel, Fetch, Flatten, Condition),
so plans read the same as in the rest of the ecosystem. Plans are immutable and
independent of variables, so one plan serves every request of a cached operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .operation import Operation

LIST_MARKER = "@"


@dataclass(frozen=True)
class InputField:
    """A field copied from fetched data into a representation."""

    name: str
    data_key: str
    selections: tuple[InputSelection, ...] = ()


@dataclass(frozen=True)
class InputFragment:
    """Applies when the object's ``__typename`` is (or implements) ``type_condition``."""

    type_condition: str
    selections: tuple[InputSelection, ...]
    #: the ``__typename`` the subgraph expects (an ``@interfaceObject`` wants the interface)
    typename_as: str | None = None

    @cached_property
    def flat_fields(self) -> tuple[tuple[str, str], ...] | None:
        """(name, data key) of each field when all are leaves (the usual key), else None."""
        if all(isinstance(s, InputField) and not s.selections for s in self.selections):
            return tuple((s.name, s.data_key) for s in self.selections)  # type: ignore[union-attr]
        return None


InputSelection = InputField | InputFragment


@dataclass(frozen=True)
class OutputRename:
    """Undo an alias the planner added to keep a subgraph query valid."""

    path: tuple[str, ...]  # response keys below the fetch's merge point (lists transparent)
    alias: str
    response_key: str


@dataclass(frozen=True)
class FetchNode:
    id: int
    subgraph: str
    operation: str
    operation_kind: str  # "query" | "mutation"
    variable_usages: tuple[str, ...]
    #: representation shape for ``_entities`` fetches; None for root fetches
    requires: tuple[InputFragment, ...] | None = None
    output_renames: tuple[OutputRename, ...] = ()
    #: ``@fromContext`` variables: (name, selection read from each represented entity)
    context_variables: tuple[tuple[str, tuple[InputSelection, ...]], ...] = ()

    @property
    def is_entity_fetch(self) -> bool:
        return self.requires is not None


@dataclass(frozen=True)
class FlattenNode:
    """Run ``node`` for the objects found under every path, merging answers into them.

    Several paths when one request serves the same subgraph at several places of the
    response (the representations are deduplicated across them).
    """

    paths: tuple[tuple[str, ...], ...]
    node: FetchNode

    @property
    def path(self) -> tuple[str, ...]:
        return self.paths[0]


@dataclass(frozen=True)
class SequenceNode:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True)
class ParallelNode:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True)
class ConditionNode:
    variable: str
    if_clause: PlanNode | None
    else_clause: PlanNode | None


PlanNode = FetchNode | FlattenNode | SequenceNode | ParallelNode | ConditionNode


@dataclass(frozen=True)
class QueryPlan:
    operation: Operation
    node: PlanNode | None
    #: root fields answered by the gateway itself (``__schema``, ``__type``)
    has_introspection: bool = False
    fetch_count: int = field(default=0)

    def pretty(self) -> str:
        return "QueryPlan {\n" + (_pretty(self.node, 1) if self.node else "") + "}\n"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "QueryPlan", "node": _to_json(self.node) if self.node else None}


def _print_inputs(selections: tuple[InputSelection, ...]) -> str:
    parts = []
    for selection in selections:
        if isinstance(selection, InputFragment):
            parts.append(f"... on {selection.type_condition} {_print_inputs(selection.selections)}")
        elif selection.selections:
            parts.append(f"{selection.name} {_print_inputs(selection.selections)}")
        else:
            parts.append(selection.name)
    return "{ " + " ".join(parts) + " }"


def _pretty(node: PlanNode, depth: int) -> str:
    pad = "  " * depth
    if isinstance(node, FetchNode):
        head = f'{pad}Fetch(service: "{node.subgraph}") {{\n'
        body = node.operation
        if node.requires is not None:
            body = f"{_print_inputs(node.requires)} =>\n{pad}  {body}"
        return f"{head}{pad}  {body}\n{pad}}},\n"
    if isinstance(node, FlattenNode):
        paths = ", ".join(f'"{".".join(path)}"' for path in node.paths)
        label = f"path: {paths}" if len(node.paths) == 1 else f"paths: [{paths}]"
        return f"{pad}Flatten({label}) {{\n{_pretty(node.node, depth + 1)}{pad}}},\n"
    if isinstance(node, SequenceNode | ParallelNode):
        name = "Sequence" if isinstance(node, SequenceNode) else "Parallel"
        return f"{pad}{name} {{\n" + "".join(_pretty(child, depth + 1) for child in node.nodes) + f"{pad}}},\n"
    text = f"{pad}Include(if: ${node.variable}) {{\n"
    if node.if_clause is not None:
        text += _pretty(node.if_clause, depth + 1)
    text += f"{pad}}}"
    if node.else_clause is not None:
        text += " Else {\n" + _pretty(node.else_clause, depth + 1) + f"{pad}}}"
    return text + ",\n"


def _inputs_json(selections: tuple[InputSelection, ...]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for selection in selections:
        if isinstance(selection, InputFragment):
            result.append(
                {
                    "kind": "InlineFragment",
                    "typeCondition": selection.type_condition,
                    "selections": _inputs_json(selection.selections),
                }
            )
        else:
            entry: dict[str, Any] = {"kind": "Field", "name": selection.name}
            if selection.selections:
                entry["selections"] = _inputs_json(selection.selections)
            result.append(entry)
    return result


def _to_json(node: PlanNode) -> dict[str, Any]:
    if isinstance(node, FetchNode):
        result: dict[str, Any] = {
            "kind": "Fetch",
            "serviceName": node.subgraph,
            "variableUsages": list(node.variable_usages),
            "operation": node.operation,
            "operationKind": node.operation_kind,
        }
        if node.requires is not None:
            result["requires"] = _inputs_json(node.requires)
        return result
    if isinstance(node, FlattenNode):
        result = {"kind": "Flatten", "path": list(node.path), "node": _to_json(node.node)}
        if len(node.paths) > 1:
            result["paths"] = [list(path) for path in node.paths]
        return result
    if isinstance(node, SequenceNode | ParallelNode):
        kind = "Sequence" if isinstance(node, SequenceNode) else "Parallel"
        return {"kind": kind, "nodes": [_to_json(child) for child in node.nodes]}
    return {
        "kind": "Condition",
        "condition": node.variable,
        "ifClause": _to_json(node.if_clause) if node.if_clause else None,
        "elseClause": _to_json(node.else_clause) if node.else_clause else None,
    }
