"""Turn a client operation into a query plan over the subgraphs.

The planner walks the operation depth first, carrying the *fetch group* (one subgraph
request) currently responsible for the selection. A field the group's subgraph can
resolve is added to that group; any other field needs an *entity jump*: the key fields
(and any ``@requires`` fields) are added where the data is, and a new ``_entities``
fetch to a subgraph that can resolve the field is made dependent on them. Where several
subgraphs could serve a field (``@shareable``, several keys) a cost estimate — the
number of fetches the rest of the selection would need from there — decides.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import count

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLUnionType,
    NameNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
)

from ..supergraph.loader import parse_field_set
from ..supergraph.model import Supergraph
from .capabilities import Capabilities, Provided, interface_object_parts, unwrap
from .cost import MAX_KEY_HOPS, CostModel, Jump, leaf_count
from .groups import (
    ContextVariable,
    FetchGroup,
    add_field_set,
    inputs_compatible,
    merge_inputs,
    sequence,
    sequence_of_levels,
    sequence_of_stages,
)
from .operation import Condition, Field, InlineFragment, Operation, Selection, normalize_operation
from .plan import (
    LIST_MARKER,
    PlanNode,
    QueryPlan,
)
from .selection import FetchSelection

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
_MAX_KEY_HOPS = 3
_LEAF_WEIGHT = 0.001


class PlanningError(Exception):
    """The operation cannot be served by the subgraphs (should not happen for a valid supergraph)."""


@dataclass(frozen=True)
class Position:
    """An object position on the path being planned (innermost last on the builder's stack)."""

    type_name: str
    path: tuple[str, ...]
    group: FetchGroup
    target: FetchSelection
    provided: Provided | None
    #: subgraphs able to serve the path down to here
    candidates: frozenset[str]
    #: the client field that led here (None at the root)
    field: Field | None


class QueryPlanner:
    """Plans operations against one supergraph; plans do not depend on variables."""

    def __init__(
        self,
        supergraph: Supergraph,
        enabled_override_labels: frozenset[str] = frozenset(),
        fetch_batching: str = "path",
    ) -> None:
        """``fetch_batching``: "level" — one request per subgraph per dependency level
        (fewest requests); "path" — each fetch starts as soon as its own inputs are in."""
        if fetch_batching not in ("level", "path"):
            raise ValueError(f"fetch_batching must be 'level' or 'path', not {fetch_batching!r}")
        self.supergraph = supergraph
        self.capabilities = Capabilities(supergraph, enabled_override_labels)
        self.arrange = sequence_of_levels if fetch_batching == "level" else sequence_of_stages

    def plan(self, document: DocumentNode, operation_name: str | None = None) -> QueryPlan:
        operation = normalize_operation(document, operation_name)
        return _PlanBuilder(self, operation).build()


class _PlanBuilder:
    def __init__(self, planner: QueryPlanner, operation: Operation) -> None:
        self.planner = planner
        self.supergraph = planner.supergraph
        self.schema = planner.supergraph.schema
        self.operation = operation
        self.groups: list[FetchGroup] = []
        self.ids = count()
        self.has_introspection = False
        self.caps = planner.capabilities
        self.costs = CostModel(self.caps)
        self._key_depth = 0
        #: object positions of the path being planned (innermost last); the root is pushed by build()
        self._positions: list[Position] = []
        #: fields whose @fromContext arguments are bound: id(field) -> (argument, variable) pairs
        self._context_bound: dict[int, tuple[tuple[str, str], ...]] = {}

    # ----------------------------------------------------------------- entry

    def build(self) -> QueryPlan:
        kind = self.operation.kind
        root_type = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[kind]
        if root_type is None:
            raise PlanningError(f"the supergraph has no {kind.value} type")
        root_fields = [
            (f, conditions)
            for f, conditions in self.caps.collect_fields(root_type.name, self.operation.selections)
            if not self._is_gateway_root_field(f)
        ]
        if kind is OperationType.MUTATION:
            node = self._plan_mutation(root_type.name, root_fields)
        else:
            for root_field, conditions in root_fields:
                subgraph = self._choose_root_subgraph(root_type.name, root_field)
                group = self._root_group(subgraph, conditions)
                with self._at_root(group, root_type.name):
                    self.plan_field(group, root_type.name, root_field, conditions, group.selection, (), None)
            node = self.planner.arrange(self.operation, self.groups)
        return QueryPlan(
            operation=self.operation,
            node=node,
            has_introspection=self.has_introspection,
            fetch_count=len(self.groups),
        )

    @contextmanager
    def _at_root(self, group: FetchGroup, root_type: str) -> Iterator[None]:
        root = Position(root_type, (), group, group.selection, None, frozenset(self.supergraph.subgraphs), None)
        self._positions.append(root)
        try:
            yield
        finally:
            self._positions.pop()

    def _is_gateway_root_field(self, root_field: Field) -> bool:
        if root_field.name in INTROSPECTION_FIELDS:
            self.has_introspection = True
            return True
        return root_field.name == "__typename"

    def _root_group(self, subgraph: str, conditions: tuple[Condition, ...]) -> FetchGroup:
        for group in self.groups:
            if not group.is_entity and group.subgraph == subgraph and group.conditions == conditions:
                return group
        return self._new_group(subgraph, (), is_entity=False, conditions=conditions)

    def _new_group(
        self, subgraph: str, path: tuple[str, ...], is_entity: bool, conditions: tuple[Condition, ...] = ()
    ) -> FetchGroup:
        group = FetchGroup(next(self.ids), subgraph, path, is_entity, conditions=conditions)
        self.groups.append(group)
        return group

    def _choose_root_subgraph(self, root_type: str, root_field: Field, candidates: list[str] | None = None) -> str:
        if candidates is None:
            candidates = [
                s for s in self.supergraph.subgraphs if self.caps.can_resolve(s, root_type, root_field.name, None)
            ]
        if not candidates:
            raise PlanningError(f"no subgraph resolves {root_type}.{root_field.name}")
        if len(candidates) == 1:
            return candidates[0]
        used = {group.subgraph for group in self.groups}
        return_type = self.caps.field_type(root_type, root_field.name)

        def score(subgraph: str) -> tuple[float, int]:
            provided = self.caps.child_provided(subgraph, root_type, root_field.name, None)
            cost = self.costs.cost(subgraph, return_type, root_field.selections, provided, 0)
            return (cost + (0 if subgraph in used else 1), candidates.index(subgraph))

        return min(candidates, key=score)

    def _plan_mutation(self, root_type: str, root_fields: list[tuple[Field, tuple[Condition, ...]]]) -> PlanNode | None:
        """Top-level mutation fields run one after another, in document order."""
        steps: list[PlanNode | None] = []
        current: FetchGroup | None = None
        step_start = 0
        for root_field, conditions in root_fields:
            subgraph = self._choose_root_subgraph(root_type, root_field)
            if current is None or current.subgraph != subgraph or current.conditions != conditions:
                if current is not None:
                    steps.append(self.planner.arrange(self.operation, self.groups[step_start:]))
                step_start = len(self.groups)
                current = self._new_group(subgraph, (), is_entity=False, conditions=conditions)
            with self._at_root(current, root_type):
                self.plan_field(current, root_type, root_field, conditions, current.selection, (), None)
        if current is not None:
            steps.append(self.planner.arrange(self.operation, self.groups[step_start:]))
        return sequence(steps)

    # ----------------------------------------------------------- capabilities

    # ---------------------------------------------------------------- planning

    def plan_selections(
        self,
        group: FetchGroup,
        type_name: str,
        selections: tuple[Selection, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        conditions: tuple[Condition, ...] = (),
    ) -> set[FetchGroup]:
        """Plan a selection set on ``type_name`` within ``group``; returns the groups used."""
        subgraph = group.subgraph
        if self.caps.is_abstract(type_name):
            if self.supergraph.is_interface_object_in(type_name, subgraph):
                return self._plan_on_interface_object(group, type_name, selections, target, path, provided, conditions)
            return self._plan_abstract(group, type_name, selections, target, path, provided, conditions)
        used: set[FetchGroup] = set()
        for selected, field_conditions in self.caps.collect_fields(type_name, selections, conditions):
            used |= self.plan_field(group, type_name, selected, field_conditions, target, path, provided)
        return used

    def _plan_abstract(
        self,
        group: FetchGroup,
        type_name: str,
        selections: tuple[Selection, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        conditions: tuple[Condition, ...],
    ) -> set[FetchGroup]:
        subgraph = group.subgraph
        possible = sorted(self.supergraph.possible_types_in(type_name, subgraph))
        if isinstance(self.caps.type(type_name), GraphQLUnionType):
            # members only some of the subgraphs able to serve this path know are not
            # guaranteed: keep those common to all of them
            possible = [
                member
                for member in possible
                if all(
                    member in self.supergraph.possible_types_in(type_name, s) for s in self._positions[-1].candidates
                )
            ]
        target.add_typename()
        used: set[FetchGroup] = {group}
        if not possible:
            for selected, _ in self.caps.collect_fields(type_name, selections):
                if not self.caps.can_resolve(subgraph, type_name, selected.name, provided) and not self.costs.best_jump(
                    subgraph, type_name, selected, provided, 0
                ):
                    raise PlanningError(f"no subgraph can resolve {type_name}.{selected.name} from {subgraph}")
        if self._can_stay_abstract(subgraph, type_name, selections, possible, provided):
            for selection in selections:
                if isinstance(selection, Field):
                    used |= self.plan_field(
                        group, type_name, selection, conditions + selection.conditions, target, path, provided
                    )
                    continue
                fragment_conditions = conditions + selection.conditions
                if selection.type_condition is None or selection.type_condition == type_name:
                    used |= self.plan_selections(
                        group, type_name, selection.selections, target, path, provided, fragment_conditions
                    )
                    continue
                for object_type in possible:
                    if self.caps.applies_to(selection.type_condition, object_type):
                        fragment = target.fragment(object_type)
                        used |= self.plan_selections(
                            group, object_type, selection.selections, fragment, path, provided, fragment_conditions
                        )
            return used
        for object_type in possible:
            collected = self.caps.collect_fields(object_type, selections, conditions)
            if not collected:
                continue
            fragment = target.fragment(object_type)
            for selected, field_conditions in collected:
                used |= self.plan_field(group, object_type, selected, field_conditions, fragment, path, provided)
        return used

    def _can_stay_abstract(
        self,
        subgraph: str,
        type_name: str,
        selections: tuple[Selection, ...],
        possible: list[str],
        provided: Provided | None,
    ) -> bool:
        for selection in selections:
            if isinstance(selection, InlineFragment):
                if selection.type_condition in (None, type_name) and not self._can_stay_abstract(
                    subgraph, type_name, selection.selections, possible, provided
                ):
                    return False
                continue
            if selection.name == "__typename":
                continue
            if not self.caps.can_resolve(subgraph, type_name, selection.name, provided):
                return False
            if self.caps.requires_of(subgraph, type_name, selection.name):
                return False
            for object_type in possible:
                if not self.caps.can_resolve(subgraph, object_type, selection.name, provided):
                    return False
                if self.caps.requires_of(subgraph, object_type, selection.name):
                    return False
        return True

    def _plan_on_interface_object(
        self,
        group: FetchGroup,
        type_name: str,
        selections: tuple[Selection, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        conditions: tuple[Condition, ...],
    ) -> set[FetchGroup]:
        """The subgraph sees the interface as an object type: concrete types come from elsewhere."""
        own, needs_concrete = interface_object_parts(type_name, selections)
        used: set[FetchGroup] = {group}
        target.add_typename()
        for selected, field_conditions in self.caps.collect_fields(type_name, own, conditions):
            used |= self.plan_field(group, type_name, selected, field_conditions, target, path, provided)
        if needs_concrete:
            used |= self._jump_to_interface_entity(group, type_name, needs_concrete, target, path, provided, conditions)
        return used

    def _jump_to_interface_entity(
        self,
        group: FetchGroup,
        type_name: str,
        selections: tuple[Selection, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        conditions: tuple[Condition, ...],
    ) -> set[FetchGroup]:
        """Resolve concrete types of an interface object through a subgraph with the real interface."""
        for subgraph in self.supergraph.subgraphs:
            if subgraph == group.subgraph or self.supergraph.is_interface_object_in(type_name, subgraph):
                continue
            for key in self.supergraph.entity_keys(type_name, subgraph):
                jump = Jump(subgraph, type_name, key, 0)
                child, used = self._entity_group_for(group, type_name, jump, None, target, path, provided, conditions)
                used |= self.plan_selections(
                    child, type_name, selections, child.selection.fragment(type_name), path, None
                )
                return used
        raise PlanningError(f"no subgraph resolves the concrete type of interface {type_name}")

    def plan_field(
        self,
        group: FetchGroup,
        type_name: str,
        selected: Field,
        conditions: tuple[Condition, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        hops: int = 0,
        requires_satisfied: bool = False,
    ) -> set[FetchGroup]:
        """Add one field to ``group`` when its subgraph resolves it, else jump to another subgraph.

        ``requires_satisfied`` is set right after a jump whose representations carry the
        field's ``@requires`` fields.
        """
        subgraph = group.subgraph
        if selected.name == "__typename":
            target.add_field(selected.response_key, "__typename", (), selected.directives, conditions)
            return {group}
        bound = self._context_bound.get(id(selected))
        if bound is not None:
            return self._add_contextual_field(group, type_name, selected, conditions, target, path, bound)
        contextual = self._contextual_subgraph(subgraph, type_name, selected.name, provided)
        if contextual is not None:
            return self._plan_contextual(type_name, selected, conditions, contextual)
        named, _ = unwrap(self.caps.field_type(type_name, selected.name))
        local = self.caps.can_resolve(subgraph, type_name, selected.name, provided) and (
            requires_satisfied or not self.caps.requires_of(subgraph, type_name, selected.name)
        )
        if local and not selected.selections:
            target.add_field(
                selected.response_key,
                selected.name,
                selected.arguments,
                selected.directives,
                conditions,
                output_type=self.caps.subgraph_field_shape(subgraph, type_name, selected.name),
            )
            return {group}
        child_provided = self.caps.child_provided(subgraph, type_name, selected.name, provided) if local else None
        jump: Jump | None = None
        if not requires_satisfied:
            jump = self.costs.best_jump(subgraph, type_name, selected, provided, hops)
        if local:
            local_cost = self.costs.cost(subgraph, named, selected.selections, child_provided, hops)
            if jump is None or local_cost <= jump.cost - 1 or math.isinf(jump.cost):
                used, _ = self._plan_local_composite(
                    group, type_name, selected, conditions, target, path, child_provided, False, provided, hops
                )
                return used
        if jump is None:
            raise PlanningError(f"no subgraph can resolve {type_name}.{selected.name} from {subgraph}")
        return self._plan_jump(group, type_name, selected, conditions, target, path, provided, jump, hops)

    # ------------------------------------------------------------- @fromContext

    def _contextual_subgraph(
        self, subgraph: str, type_name: str, field_name: str, provided: Provided | None
    ) -> str | None:
        """The subgraph to resolve a field taking ``@fromContext`` arguments, if it takes any."""
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is not None and self.caps.can_resolve(subgraph, type_name, field_name, provided):
            return subgraph if declaration.context_arguments else None
        for candidate in self.supergraph.subgraphs:
            other = self.supergraph.field_in(type_name, field_name, candidate)
            if (
                other is not None
                and other.context_arguments
                and self.caps.can_resolve(candidate, type_name, field_name, None)
            ):
                return candidate
        return None

    def _plan_contextual(
        self, type_name: str, selected: Field, conditions: tuple[Condition, ...], subgraph: str
    ) -> set[FetchGroup]:
        """Fetch a field with ``@fromContext`` arguments through its context's entity.

        The context values are read from the nearest ancestor carrying the ``@context``;
        the field is fetched by an entity fetch at that ancestor, whose representations
        each bring their own values (the executor sends one request per distinct value).
        """
        declaration = self.supergraph.field_in(type_name, selected.name, subgraph)
        assert declaration is not None
        names = {argument.context for argument in declaration.context_arguments}
        index = next(
            (
                i
                for i in range(len(self._positions) - 1, -1, -1)
                if names & self.caps.contexts_of(self._positions[i].type_name)
            ),
            None,
        )
        if index is None:
            raise PlanningError(f"no ancestor provides the context of {type_name}.{selected.name}")
        ancestor = self._positions[index]
        keys = self.supergraph.entity_keys(ancestor.type_name, subgraph)
        if not keys:
            raise PlanningError(
                f"context ancestor {ancestor.type_name} of {type_name}.{selected.name} is no entity in {subgraph}"
            )
        dependencies: set[FetchGroup] = set()
        selections: dict[str, FetchSelection] = {}
        for argument in declaration.context_arguments:
            field_set = parse_field_set(argument.selection.strip().removeprefix("{").removesuffix("}"))
            dependencies |= self.plan_selections(
                ancestor.group,
                ancestor.type_name,
                self.caps.field_set(field_set),
                ancestor.target,
                ancestor.path,
                ancestor.provided,
            )
            selections[argument.name] = FetchSelection()
            add_field_set(selections[argument.name], field_set)
        jump = Jump(subgraph, ancestor.type_name, keys[0], 0)
        child, used = self._entity_group_for(
            ancestor.group,
            ancestor.type_name,
            jump,
            None,
            ancestor.target,
            ancestor.path,
            ancestor.provided,
            conditions,
            extra_dependencies=dependencies,
        )
        bound = []
        for argument in declaration.context_arguments:
            variable = f"contextualArgument_{child.id}_{len(child.context_variables)}"
            child.context_variables.append(ContextVariable(variable, argument.type, selections[argument.name]))
            bound.append((argument.name, variable))
        self._context_bound[id(selected)] = tuple(bound)
        # the path from the ancestor down to the field, each level selecting only the next
        chain = selected
        for position in reversed(self._positions[index + 1 :]):
            assert position.field is not None
            chain = replace(position.field, selections=(chain,))
        saved = self._positions[index + 1 :]
        del self._positions[index + 1 :]
        try:
            used |= self.plan_selections(
                child, ancestor.type_name, (chain,), child.selection.fragment(ancestor.type_name), ancestor.path, None
            )
        finally:
            self._positions.extend(saved)
        return used

    def _add_contextual_field(
        self,
        group: FetchGroup,
        type_name: str,
        selected: Field,
        conditions: tuple[Condition, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        bound: tuple[tuple[str, str], ...],
    ) -> set[FetchGroup]:
        arguments = selected.arguments + tuple(
            ArgumentNode(name=NameNode(value=name), value=VariableNode(name=NameNode(value=variable)))
            for name, variable in bound
        )
        contextual = replace(selected, arguments=arguments)
        self._context_bound.pop(id(selected))
        if not selected.selections:
            target.add_field(selected.response_key, selected.name, arguments, selected.directives, conditions)
            return {group}
        used, _ = self._plan_local_composite(group, type_name, contextual, conditions, target, path, None)
        return used

    def _plan_jump(
        self,
        group: FetchGroup,
        type_name: str,
        selected: Field,
        conditions: tuple[Condition, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        jump: Jump,
        hops: int,
        tried: frozenset[str] = frozenset(),
    ) -> set[FetchGroup]:
        requires = self.caps.requires_of(jump.subgraph, jump.entity_type, selected.name)
        child, used = self._entity_group_for(group, type_name, jump, requires, target, path, provided, conditions, hops)
        fragment = child.selection.fragment(jump.entity_type)
        # the fetch as a whole is conditional (a Condition node): its fields are not
        if not selected.selections:
            return used | self.plan_field(child, jump.entity_type, selected, (), fragment, path, None, hops, True)
        child_provided = self.caps.child_provided(jump.subgraph, jump.entity_type, selected.name, None)
        child_used, rest = self._plan_local_composite(
            child, jump.entity_type, selected, (), fragment, path, child_provided, defer_elsewhere=True
        )
        used |= child_used
        if rest is not None:
            # what the target lacks is fetched by another jump from where the key is
            tried = tried | {jump.subgraph}
            if leaf_count(rest.selections) >= leaf_count(selected.selections):
                raise PlanningError(f"no subgraph can resolve {type_name}.{selected.name} from {group.subgraph}")
            next_jump = self.costs.best_jump(group.subgraph, type_name, rest, provided, hops, tried)
            if next_jump is None:
                raise PlanningError(f"no subgraph can resolve {type_name}.{rest.name} from {group.subgraph}")
            used |= self._plan_jump(group, type_name, rest, conditions, target, path, provided, next_jump, hops, tried)
        return used

    def _plan_local_composite(
        self,
        group: FetchGroup,
        type_name: str,
        selected: Field,
        conditions: tuple[Condition, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        child_provided: Provided | None,
        defer_elsewhere: bool = False,
        provided: Provided | None = None,
        hops: int = 0,
    ) -> tuple[set[FetchGroup], Field | None]:
        """Resolve a field here; parts of a value type this subgraph lacks are fetched again elsewhere.

        With ``defer_elsewhere`` those parts are returned for the caller to place.
        """
        supergraph_named, lists = unwrap(self.caps.field_type(type_name, selected.name))
        named = self.caps.type(
            self.caps.subgraph_named_type(group.subgraph, type_name, selected.name) or supergraph_named.name
        )
        here, elsewhere = self.split_selections(group.subgraph, named.name, selected.selections, child_provided)
        used: set[FetchGroup] = {group}
        if here or not elsewhere:
            fetch_field = target.add_field(
                selected.response_key,
                selected.name,
                selected.arguments,
                selected.directives,
                conditions,
                composite=True,
                output_type=self.caps.subgraph_field_shape(group.subgraph, type_name, selected.name),
            )
            assert fetch_field.selection is not None
            if named is not supergraph_named and self.caps.is_abstract(supergraph_named.name):
                fetch_field.selection.add_typename()  # the client's abstract type needs the runtime type
            child_path = path + (selected.response_key,) + (LIST_MARKER,) * lists
            self._positions.append(
                Position(
                    named.name,
                    child_path,
                    group,
                    fetch_field.selection,
                    child_provided,
                    self._field_candidates(group.subgraph, type_name, selected.name),
                    selected,
                )
            )
            try:
                used |= self.plan_selections(group, named.name, here, fetch_field.selection, child_path, child_provided)
            finally:
                self._positions.pop()
        if not elsewhere:
            return used, None
        rest = replace(selected, selections=elsewhere)
        if defer_elsewhere:
            return used, rest
        return used | self._plan_elsewhere(group, type_name, rest, conditions, target, path, provided, hops), None

    def _plan_elsewhere(
        self,
        group: FetchGroup,
        type_name: str,
        rest: Field,
        conditions: tuple[Condition, ...],
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        hops: int,
    ) -> set[FetchGroup]:
        """Fetch ``rest`` (a field with what the current subgraph lacks) from another subgraph."""
        if not group.is_entity and not path:
            named, _ = unwrap(self.caps.field_type(type_name, rest.name))
            needed = leaf_count(rest.selections)
            candidates = [
                s
                for s in self.supergraph.subgraphs
                if s != group.subgraph
                and self.caps.can_resolve(s, type_name, rest.name, None)
                and leaf_count(self.split_selections(s, named.name, rest.selections, None)[1]) < needed
            ]
            if not candidates:
                raise PlanningError(f"no subgraph resolves {type_name}.{rest.name} entirely")
            subgraph = self._choose_root_subgraph(type_name, rest, candidates)
            root_group = self._root_group(subgraph, conditions)
            return self.plan_field(root_group, type_name, rest, conditions, root_group.selection, (), None)
        jump = self.costs.best_jump(group.subgraph, type_name, rest, provided, hops)
        if jump is None:
            raise PlanningError(f"no subgraph can resolve {type_name}.{rest.name} from {group.subgraph}")
        return self._plan_jump(group, type_name, rest, conditions, target, path, provided, jump, hops)

    def _field_candidates(self, subgraph: str, type_name: str, field_name: str) -> frozenset[str]:
        """Subgraphs that could serve ``type_name.field_name`` at this point of the path:
        those serving the parent, or reaching it by an entity key, that define the field."""
        reachable = self._positions[-1].candidates | {
            s for s in self.supergraph.subgraphs if self.supergraph.entity_keys(type_name, s)
        }
        return frozenset(s for s in reachable if self.caps.can_resolve(s, type_name, field_name, None)) | {subgraph}

    def split_selections(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None
    ) -> tuple[tuple[Selection, ...], tuple[Selection, ...]]:
        """Partition a selection into what ``subgraph`` resolves (directly or by an entity jump
        from there) and the rest, which must be fetched again from an ancestor."""
        if self.caps.is_abstract(type_name):
            return selections, ()
        here: list[Selection] = []
        elsewhere: list[Selection] = []
        for selection in selections:
            if isinstance(selection, InlineFragment):
                if not self.caps.applies_to(selection.type_condition, type_name):
                    continue
                inner_here, inner_elsewhere = self.split_selections(subgraph, type_name, selection.selections, provided)
                if inner_here:
                    here.append(replace(selection, selections=inner_here))
                if inner_elsewhere:
                    elsewhere.append(replace(selection, selections=inner_elsewhere))
                continue
            if selection.name == "__typename":
                here.append(selection)
                continue
            if not self.caps.can_resolve(subgraph, type_name, selection.name, provided) or self.caps.requires_of(
                subgraph, type_name, selection.name
            ):
                if self.costs.best_jump(subgraph, type_name, selection, provided, 0) is None:
                    elsewhere.append(selection)
                else:
                    here.append(selection)
                continue
            if not selection.selections:
                here.append(selection)
                continue
            named, _ = unwrap(self.caps.field_type(type_name, selection.name))
            child_provided = self.caps.child_provided(subgraph, type_name, selection.name, provided)
            inner_here, inner_elsewhere = self.split_selections(
                subgraph, named.name, selection.selections, child_provided
            )
            if inner_elsewhere and self.costs.best_jump(
                subgraph, type_name, replace(selection, selections=inner_elsewhere), provided, 0
            ):
                here.append(selection)  # re-fetched from this entity by a jump
                continue
            if inner_here:
                here.append(replace(selection, selections=inner_here))
            if inner_elsewhere:
                elsewhere.append(replace(selection, selections=inner_elsewhere))
        return tuple(here), tuple(elsewhere)

    def _entity_group_for(
        self,
        group: FetchGroup,
        type_name: str,
        jump: Jump,
        requires: SelectionSetNode | None,
        target: FetchSelection,
        path: tuple[str, ...],
        provided: Provided | None,
        conditions: tuple[Condition, ...],
        hops: int = 0,
        extra_dependencies: set[FetchGroup] | None = None,
    ) -> tuple[FetchGroup, set[FetchGroup]]:
        """Make the key (and required fields) available at ``path`` and find the group to jump to."""
        target.add_typename()
        if self._key_depth > MAX_KEY_HOPS:
            raise PlanningError(f"cannot reach a key of {type_name} for subgraph {jump.subgraph}")
        self._key_depth += 1
        try:
            dependencies = self.plan_selections(
                group, type_name, self.caps.field_set(jump.key.selection), target, path, provided
            )
            if requires is not None:
                dependencies |= self.plan_selections(
                    group, type_name, self.caps.field_set(requires), target, path, provided
                )
        finally:
            self._key_depth -= 1
        dependencies.add(group)
        if extra_dependencies:
            dependencies |= extra_dependencies
        typename_as = (
            jump.entity_type if jump.entity_type != type_name and not self.caps.is_abstract(type_name) else None
        )
        if self.supergraph.is_interface_object_in(jump.entity_type, jump.subgraph):
            typename_as = jump.entity_type
        inputs = FetchSelection()
        inputs.add_typename()
        add_field_set(inputs, jump.key.selection)
        if requires is not None:
            add_field_set(inputs, requires)
        child = self._find_entity_group(jump.subgraph, path, dependencies, conditions, (type_name, typename_as), inputs)
        existing = child.inputs.setdefault((type_name, typename_as), FetchSelection())
        merge_inputs(existing, inputs)
        return child, {child}

    def _find_entity_group(
        self,
        subgraph: str,
        path: tuple[str, ...],
        dependencies: set[FetchGroup],
        conditions: tuple[Condition, ...],
        input_key: tuple[str, str | None],
        inputs: FetchSelection,
    ) -> FetchGroup:
        """An entity fetch to share, unless its representations would need a field twice."""
        for group in self.groups:
            if (
                group.is_entity
                and group.subgraph == subgraph
                and group.merge_path == path
                and group.depends_on == dependencies
                and group.conditions == conditions
                and not group.context_variables
                and inputs_compatible(group.inputs.get(input_key), inputs)
            ):
                return group
        group = self._new_group(subgraph, path, is_entity=True, conditions=conditions)
        group.depends_on = set(dependencies)
        return group
