"""Fetch groups (one subgraph request each) and their assembly into plan nodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import FieldNode, InlineFragmentNode, OperationType, SelectionSetNode, print_ast

from .capabilities import internal_key
from .operation import Condition, Operation
from .plan import (
    ConditionNode,
    FetchNode,
    FlattenNode,
    InputField,
    InputFragment,
    InputSelection,
    OutputRename,
    ParallelNode,
    PlanNode,
    SequenceNode,
)
from .selection import FetchSelection, alias_type_conflicts, merge_selection, selections_compatible


@dataclass(frozen=True)
class ContextVariable:
    """A ``@fromContext`` argument value read from the entity each representation comes from."""

    name: str
    type: str
    selection: FetchSelection


@dataclass(eq=False)
class FetchGroup:
    """One request to one subgraph, merged into the response at ``merge_path``.

    ``also_at``: further paths the same request serves (see :func:`merge_sibling_groups`).
    """

    id: int
    subgraph: str
    merge_path: tuple[str, ...]
    is_entity: bool
    selection: FetchSelection = field(default_factory=FetchSelection)
    #: representation shape per (type condition, typename sent)
    inputs: dict[tuple[str, str | None], FetchSelection] = field(default_factory=dict)
    depends_on: set[FetchGroup] = field(default_factory=set)
    conditions: tuple[Condition, ...] = ()
    context_variables: list[ContextVariable] = field(default_factory=list)
    also_at: list[tuple[str, ...]] = field(default_factory=list)


def sequence(nodes: list[PlanNode | None]) -> PlanNode | None:
    present: list[PlanNode] = []
    for node in nodes:
        if isinstance(node, SequenceNode):
            present.extend(node.nodes)
        elif node is not None:
            present.append(node)
    if not present:
        return None
    return present[0] if len(present) == 1 else SequenceNode(tuple(present))


def merge_sibling_groups(groups: list[FetchGroup]) -> list[FetchGroup]:
    """One request per subgraph where several entity fetches could go out together.

    Entity fetches to one subgraph waiting for exactly the same fetches run at the same
    moment, whatever their paths (``users.@.product`` and ``topProducts.@``): they become
    one request, their representations deduplicated across paths. Only when the merged
    selection keeps every response key meaning one field, and representations one shape.
    """
    kept, absorbed = _merge_groups(groups, same_dependencies=True)
    if not absorbed:
        return groups
    for group in kept:
        group.depends_on = {absorbed.get(dependency, dependency) for dependency in group.depends_on}
    return merge_sibling_groups(kept)  # waiting for merged fetches, more may now match


def _merge_groups(
    groups: list[FetchGroup], same_dependencies: bool
) -> tuple[list[FetchGroup], dict[FetchGroup, FetchGroup]]:
    """Fold each group into an earlier one it can share a request with."""
    kept: list[FetchGroup] = []
    absorbed: dict[FetchGroup, FetchGroup] = {}
    for group in groups:
        target = next((other for other in kept if _can_absorb(other, group, same_dependencies)), None)
        if target is None:
            kept.append(group)
            continue
        target.also_at.extend(p for p in (group.merge_path, *group.also_at) if p != target.merge_path)
        merge_selection(target.selection, group.selection)
        for key, inputs in group.inputs.items():
            merge_inputs(target.inputs.setdefault(key, FetchSelection()), inputs)
        absorbed[group] = target
    return kept, absorbed


def _can_absorb(target: FetchGroup, group: FetchGroup, same_dependencies: bool = True) -> bool:
    return (
        target.is_entity
        and group.is_entity
        and target.subgraph == group.subgraph
        and (not same_dependencies or target.depends_on == group.depends_on)
        and target.conditions == group.conditions
        and not target.context_variables
        and not group.context_variables
        and selections_compatible(target.selection, group.selection)
        and all(inputs_compatible(target.inputs.get(key), inputs) for key, inputs in group.inputs.items())
    )


def sequence_of_stages(operation: Operation, groups: list[FetchGroup]) -> PlanNode | None:
    """Arrange fetch groups so each starts as soon as what it depends on is merged.

    A group depending on one group only runs right after it, in a Sequence nested under
    that group (siblings in Parallel), so independent branches never wait for each other.
    Groups depending on several (``@requires`` from elsewhere, ``@fromContext``) are
    *anchors*, as are root groups: anchors run in stages, after every anchor whose subtree
    holds one of their dependencies.
    """
    members = merge_sibling_groups([group for group in groups if group.selection])
    member_set = set(members)
    effective: dict[int, frozenset[FetchGroup]] = {}

    ancestry: dict[int, frozenset[FetchGroup]] = {}

    def ancestors(group: FetchGroup) -> frozenset[FetchGroup]:
        if group.id not in ancestry:
            found: set[FetchGroup] = set()
            for dependency in group.depends_on:
                found |= {dependency} | ancestors(dependency)
            ancestry[group.id] = frozenset(found)
        return ancestry[group.id]

    def dependencies(group: FetchGroup) -> frozenset[FetchGroup]:
        """Direct dependencies among the members: dropped empty groups pass on theirs, and a
        dependency another dependency already waits for is left out."""
        if group.id not in effective:
            found: set[FetchGroup] = set()
            for dependency in group.depends_on:
                found |= {dependency} if dependency in member_set else dependencies(dependency)
            implied = set().union(*(ancestors(dependency) for dependency in found)) if found else set()
            effective[group.id] = frozenset(found - implied)
        return effective[group.id]

    children: dict[int, list[FetchGroup]] = {}
    anchors: list[FetchGroup] = []
    for group in members:
        deps = dependencies(group)
        if len(deps) == 1:
            children.setdefault(next(iter(deps)).id, []).append(group)
        else:
            anchors.append(group)

    def subtree(group: FetchGroup) -> PlanNode:
        node = fetch_node(operation, group)
        below = [subtree(child) for child in children.get(group.id, ())]
        if not below:
            return node
        if len(below) > 1:
            return SequenceNode((node, ParallelNode(tuple(below))))
        rest = below[0].nodes if isinstance(below[0], SequenceNode) else (below[0],)
        return SequenceNode((node, *rest))

    anchor_of: dict[int, FetchGroup] = {}
    for anchor in anchors:
        stack = [anchor]
        while stack:
            current = stack.pop()
            anchor_of[current.id] = anchor
            stack.extend(children.get(current.id, ()))
    depth: dict[int, int] = {}

    def depth_of(anchor: FetchGroup) -> int:
        if anchor.id not in depth:
            depth[anchor.id] = 1 + max((depth_of(anchor_of[d.id]) for d in dependencies(anchor)), default=-1)
        return depth[anchor.id]

    stages: dict[int, list[PlanNode]] = {}
    for anchor in anchors:
        stages.setdefault(depth_of(anchor), []).append(subtree(anchor))
    ordered: list[PlanNode | None] = []
    for level in sorted(stages):
        nodes = stages[level]
        ordered.append(nodes[0] if len(nodes) == 1 else ParallelNode(tuple(nodes)))
    return sequence(ordered)


def sequence_of_levels(operation: Operation, groups: list[FetchGroup]) -> PlanNode | None:
    """Arrange fetch groups breadth first: one stage per dependency depth, and within a
    stage one request per subgraph (entity fetches of every path merged).

    Fewer, larger subgraph requests than :func:`sequence_of_stages` — what pays under load —
    at the price of each stage waiting for its slowest fetch.
    """
    members = [group for group in groups if group.selection]
    member_set = set(members)
    depth: dict[int, int] = {}

    def depth_of(group: FetchGroup) -> int:
        if group.id not in depth:
            depth[group.id] = max((depth_of(d) + (1 if d in member_set else 0) for d in group.depends_on), default=0)
        return depth[group.id]

    levels: dict[int, list[FetchGroup]] = {}
    for group in members:
        levels.setdefault(depth_of(group), []).append(group)
    stages: list[PlanNode | None] = []
    for level in sorted(levels):
        merged, _ = _merge_groups(levels[level], same_dependencies=False)
        nodes = [fetch_node(operation, group) for group in merged]
        stages.append(nodes[0] if len(nodes) == 1 else ParallelNode(tuple(nodes)))
    return sequence(stages)


def fetch_node(operation: Operation, group: FetchGroup) -> PlanNode:
    variables: set[str] = set()
    renames: list[tuple[tuple[str, ...], str, str]] = []
    alias_type_conflicts(group.selection, (), renames)
    kind = "query" if operation.kind is not OperationType.MUTATION or group.is_entity else "mutation"
    if group.is_entity:
        body = "{_entities(representations: $representations) " + group.selection.print(variables) + "}"
    else:
        body = group.selection.print(variables)
    definitions = [
        print_ast(definition)
        for definition in operation.variable_definitions
        if definition.variable.name.value in variables
    ]
    if group.is_entity:
        definitions.insert(0, "$representations: [_Any!]!")
    definitions.extend(f"${variable.name}: {variable.type}" for variable in group.context_variables)
    header = kind
    if definitions:
        header += "(" + ", ".join(definitions) + ")"
    node = FetchNode(
        id=group.id,
        subgraph=group.subgraph,
        operation=f"{header} {body}",
        operation_kind=kind,
        variable_usages=tuple(v for v in operation.variable_names if v in variables),
        requires=_inputs(group) if group.is_entity else None,
        output_renames=tuple(OutputRename(path, alias, key) for path, alias, key in reversed(renames)),
        context_variables=tuple(
            (variable.name, input_selections(variable.selection)) for variable in group.context_variables
        ),
    )
    plan_node: PlanNode = FlattenNode((group.merge_path, *group.also_at), node) if group.is_entity else node
    for condition in reversed(group.conditions):
        plan_node = ConditionNode(
            condition.variable,
            plan_node if condition.passes_when else None,
            None if condition.passes_when else plan_node,
        )
    return plan_node


def _inputs(group: FetchGroup) -> tuple[InputFragment, ...]:
    return tuple(
        InputFragment(type_condition, input_selections(selection), typename_as)
        for (type_condition, typename_as), selection in group.inputs.items()
    )


def inputs_compatible(existing: FetchSelection | None, new: FetchSelection) -> bool:
    """Representations can hold each field once: same name must mean same data key."""
    if existing is None:
        return True
    by_name = {f.name: f for f in existing.fields.values()}
    for fetch_field in new.fields.values():
        other = by_name.get(fetch_field.name)
        if other is None:
            continue
        if other.response_key != fetch_field.response_key:
            return False
        if fetch_field.selection is not None and not inputs_compatible(other.selection, fetch_field.selection):
            return False
    return True


def merge_inputs(target: FetchSelection, source: FetchSelection) -> None:
    for fetch_field in source.fields.values():
        merged = target.add_field(
            fetch_field.response_key,
            fetch_field.name,
            fetch_field.arguments,
            composite=fetch_field.selection is not None,
        )
        if fetch_field.selection is not None and merged.selection is not None:
            merge_inputs(merged.selection, fetch_field.selection)
    for fragment in source.fragments.values():
        merge_inputs(target.fragment(fragment.type_condition), fragment.selection)


def add_field_set(target: FetchSelection, selection_set: SelectionSetNode) -> None:
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            arguments = tuple(node.arguments or ())
            fetch_field = target.add_field(
                internal_key(node.name.value, arguments),
                node.name.value,
                arguments,
                composite=node.selection_set is not None,
            )
            if node.selection_set is not None and fetch_field.selection is not None:
                add_field_set(fetch_field.selection, node.selection_set)
        elif isinstance(node, InlineFragmentNode) and node.type_condition is not None:
            add_field_set(target.fragment(node.type_condition.name.value), node.selection_set)


def input_selections(selection: FetchSelection) -> tuple[InputSelection, ...]:
    result: list[InputSelection] = []
    for fetch_field in selection.fields.values():
        children = input_selections(fetch_field.selection) if fetch_field.selection is not None else ()
        result.append(InputField(fetch_field.name, fetch_field.response_key, children))
    for fragment in selection.fragments.values():
        result.append(InputFragment(fragment.type_condition, input_selections(fragment.selection)))
    return tuple(result)
