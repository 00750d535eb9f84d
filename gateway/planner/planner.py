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
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import count

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    GraphQLCompositeType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLUnionType,
    InlineFragmentNode,
    NameNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    is_composite_type,
    print_ast,
)

from ..supergraph.loader import parse_field_set
from ..supergraph.model import Key, Supergraph
from .operation import Condition, Field, InlineFragment, Operation, Selection, normalize_field_set, normalize_operation
from .plan import (
    LIST_MARKER,
    ConditionNode,
    FetchNode,
    FlattenNode,
    InputField,
    InputFragment,
    InputSelection,
    OutputRename,
    ParallelNode,
    PlanNode,
    QueryPlan,
    SequenceNode,
)
from .selection import FetchSelection, alias_type_conflicts, field_signature

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
_MAX_KEY_HOPS = 3
_LEAF_WEIGHT = 0.001


class PlanningError(Exception):
    """The operation cannot be served by the subgraphs (should not happen for a valid supergraph)."""


@dataclass(eq=False)
class FetchGroup:
    """One request to one subgraph, merged into the response at ``merge_path``."""

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


@dataclass(frozen=True)
class ContextVariable:
    """A ``@fromContext`` argument value read from the entity each representation comes from."""

    name: str
    type: str
    selection: FetchSelection


@dataclass(frozen=True)
class Jump:
    subgraph: str
    entity_type: str  # the type the target subgraph resolves (an interface for @interfaceObject)
    key: Key
    cost: float


class Provided:
    """Fields a ``@provides`` makes locally resolvable below the current position."""

    __slots__ = ("fields", "fragments")

    def __init__(self, selections: Iterable[Selection]) -> None:
        self.fields: dict[str, Provided] = {}
        self.fragments: dict[str, Provided] = {}
        for selection in selections:
            if isinstance(selection, Field):
                self.fields[selection.name] = Provided(selection.selections)
            elif selection.type_condition is None:
                nested = Provided(selection.selections)
                self.fields.update(nested.fields)
                self.fragments.update(nested.fragments)
            else:
                self.fragments[selection.type_condition] = Provided(selection.selections)


class QueryPlanner:
    """Plans operations against one supergraph; plans do not depend on variables."""

    def __init__(self, supergraph: Supergraph, enabled_override_labels: frozenset[str] = frozenset()) -> None:
        self.supergraph = supergraph
        self.enabled_override_labels = enabled_override_labels
        self._field_sets: dict[int, tuple[Selection, ...]] = {}

    def plan(self, document: DocumentNode, operation_name: str | None = None) -> QueryPlan:
        operation = normalize_operation(document, operation_name)
        return _PlanBuilder(self, operation).build()

    def field_set(self, selection_set: SelectionSetNode) -> tuple[Selection, ...]:
        """A key/requires field set, its fields with arguments under internal aliases."""
        key = id(selection_set)
        cached = self._field_sets.get(key)
        if cached is None:
            cached = self._field_sets[key] = _with_internal_keys(normalize_field_set(selection_set))
        return cached


def _with_internal_keys(selections: tuple[Selection, ...]) -> tuple[Selection, ...]:
    result: list[Selection] = []
    for selection in selections:
        children = _with_internal_keys(selection.selections)
        if isinstance(selection, Field):
            result.append(
                replace(selection, response_key=internal_key(selection.name, selection.arguments), selections=children)
            )
        else:
            result.append(replace(selection, selections=children))
    return tuple(result)


def _unwrap(type_: GraphQLOutputType) -> tuple[GraphQLOutputType, int]:
    """The named type and how many list levels wrap it."""
    lists = 0
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            lists += 1
        type_ = type_.of_type
    return type_, lists


class _PlanBuilder:
    def __init__(self, planner: QueryPlanner, operation: Operation) -> None:
        self.planner = planner
        self.supergraph = planner.supergraph
        self.schema = planner.supergraph.schema
        self.operation = operation
        self.groups: list[FetchGroup] = []
        self.ids = count()
        self.has_introspection = False
        self._cost_cache: dict[tuple, float] = {}
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
            for f, conditions in self.collect_fields(root_type.name, self.operation.selections)
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
            node = self._sequence_of_stages(self.groups)
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
            candidates = [s for s in self.supergraph.subgraphs if self.can_resolve(s, root_type, root_field.name, None)]
        if not candidates:
            raise PlanningError(f"no subgraph resolves {root_type}.{root_field.name}")
        if len(candidates) == 1:
            return candidates[0]
        used = {group.subgraph for group in self.groups}
        return_type = self._field_type(root_type, root_field.name)

        def score(subgraph: str) -> tuple[float, int]:
            provided = self._child_provided(subgraph, root_type, root_field.name, None)
            cost = self.cost(subgraph, return_type, root_field.selections, provided, 0)
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
                    steps.append(self._sequence_of_stages(self.groups[step_start:]))
                step_start = len(self.groups)
                current = self._new_group(subgraph, (), is_entity=False, conditions=conditions)
            with self._at_root(current, root_type):
                self.plan_field(current, root_type, root_field, conditions, current.selection, (), None)
        if current is not None:
            steps.append(self._sequence_of_stages(self.groups[step_start:]))
        return self._sequence(steps)

    # ------------------------------------------------------------ type helpers

    def _type(self, name: str) -> GraphQLCompositeType:
        return self.schema.get_type(name)  # type: ignore[return-value]

    def _field_type(self, type_name: str, field_name: str) -> GraphQLOutputType:
        if field_name == "__typename":
            return self.schema.get_type("String")  # type: ignore[return-value]
        parent = self._type(type_name)
        return parent.fields[field_name].type  # type: ignore[union-attr]

    def _subgraph_named_type(self, subgraph: str, type_name: str, field_name: str) -> str | None:
        """The field's named type when the subgraph declares a narrower one (``join__field(type:)``)."""
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is None or not declaration.type:
            return None
        return declaration.type.strip("[]!")

    def _subgraph_field_shape(self, subgraph: str, type_name: str, field_name: str) -> str:
        """The field's response shape in the subgraph: wrappers, and the leaf type if any.

        Composite types all read as ``@``: fields of different object types merge fine.
        """
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        type_text = (
            declaration.type
            if declaration is not None and declaration.type
            else str(self._field_type(type_name, field_name))
        )
        named = type_text.strip("[]!")
        if is_composite_type(self.schema.get_type(named)):
            type_text = type_text.replace(named, "@")
        return type_text

    def is_abstract(self, type_name: str) -> bool:
        return isinstance(self._type(type_name), GraphQLInterfaceType | GraphQLUnionType)

    def applies_to(self, type_condition: str | None, type_name: str) -> bool:
        """Does a fragment on ``type_condition`` apply to objects of ``type_name``?"""
        if type_condition is None or type_condition == type_name:
            return True
        condition = self.schema.get_type(type_condition)
        target = self.schema.get_type(type_name)
        if isinstance(condition, GraphQLInterfaceType | GraphQLUnionType):
            if isinstance(target, GraphQLObjectType):
                return self.schema.is_sub_type(condition, target)
            if isinstance(target, GraphQLInterfaceType | GraphQLUnionType):
                return bool(
                    {t.name for t in self.schema.get_possible_types(condition)}
                    & {t.name for t in self.schema.get_possible_types(target)}
                )
        if isinstance(condition, GraphQLObjectType) and isinstance(target, GraphQLInterfaceType | GraphQLUnionType):
            return self.schema.is_sub_type(target, condition)
        return False

    def collect_fields(
        self,
        type_name: str,
        selections: Iterable[Selection],
        conditions: tuple[Condition, ...] = (),
    ) -> list[tuple[Field, tuple[Condition, ...]]]:
        """Fields that apply to objects of (object) type ``type_name``, fragments flattened."""
        collected: list[tuple[Field, tuple[Condition, ...]]] = []
        for selection in selections:
            if isinstance(selection, Field):
                collected.append((selection, conditions + selection.conditions))
            elif self.applies_to(selection.type_condition, type_name):
                collected.extend(
                    self.collect_fields(type_name, selection.selections, conditions + selection.conditions)
                )
        return collected

    # ----------------------------------------------------------- capabilities

    def can_resolve(self, subgraph: str, type_name: str, field_name: str, provided: Provided | None) -> bool:
        if field_name == "__typename":
            return self.supergraph.has_type(type_name, subgraph)
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is None:
            # join v0.1 does not list provided (external) fields under the providing subgraph
            return (
                provided is not None
                and self.supergraph.has_type(type_name, subgraph)
                and field_name in self._provided_fields(provided, type_name)
            )
        if declaration.used_overridden:
            return False
        if declaration.override_label is not None:
            label_on = declaration.override_label in self.planner.enabled_override_labels
            if label_on != (declaration.override_from is not None):
                return False
        if declaration.external:
            return provided is not None and field_name in self._provided_fields(provided, type_name)
        return True

    def _provided_fields(self, provided: Provided, type_name: str) -> dict[str, Provided]:
        fields = dict(provided.fields)
        for type_condition, fragment in provided.fragments.items():
            if self.applies_to(type_condition, type_name):
                fields.update(fragment.fields)
        return fields

    def _child_provided(
        self, subgraph: str, type_name: str, field_name: str, provided: Provided | None
    ) -> Provided | None:
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is not None and declaration.provides is not None:
            return Provided(self.planner.field_set(declaration.provides))
        if provided is not None:
            return self._provided_fields(provided, type_name).get(field_name)
        return None

    def requires_of(self, subgraph: str, type_name: str, field_name: str) -> SelectionSetNode | None:
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        return declaration.requires if declaration is not None else None

    def jump_targets(self, type_name: str, field_name: str, exclude: frozenset[str]) -> list[tuple[str, str]]:
        """(subgraph, entity type there) pairs able to resolve the field through ``_entities``."""
        targets: list[tuple[str, str]] = []
        interfaces = []
        named = self._type(type_name)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            interfaces = [i.name for i in named.interfaces]
        for subgraph in self.supergraph.subgraphs:
            if subgraph in exclude:
                continue
            if self.supergraph.entity_keys(type_name, subgraph) and self.can_resolve(
                subgraph, type_name, field_name, None
            ):
                targets.append((subgraph, type_name))
                continue
            for interface in interfaces:
                if (
                    self.supergraph.is_interface_object_in(interface, subgraph)
                    and self.supergraph.entity_keys(interface, subgraph)
                    and self.can_resolve(subgraph, interface, field_name, None)
                ):
                    targets.append((subgraph, interface))
                    break
        return targets

    # -------------------------------------------------------------- estimates

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
        named = self._type(type_) if isinstance(type_, str) else _unwrap(type_)[0]
        cache_key = (subgraph, named.name, id(selections), id(provided), hops)
        cached = self._cost_cache.get(cache_key)
        if cached is not None:
            return cached
        self._cost_cache[cache_key] = math.inf  # recursion guard
        if self.supergraph.is_interface_object_in(named.name, subgraph):
            result = self._interface_object_cost(subgraph, named.name, selections, provided, hops)
        elif isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            possible = self.supergraph.possible_types_in(named.name, subgraph)
            result = max((self._object_cost(subgraph, t, selections, provided, hops) for t in possible), default=0.0)
        else:
            result = self._object_cost(subgraph, named.name, selections, provided, hops)
        self._cost_cache[cache_key] = result
        return result

    def _interface_object_cost(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None, hops: int
    ) -> float:
        own, needs_concrete = self._interface_object_parts(type_name, selections)
        total = self._object_cost(subgraph, type_name, own, provided, hops)
        return total + (1.0 if needs_concrete else 0.0)

    def _interface_object_parts(
        self, type_name: str, selections: tuple[Selection, ...]
    ) -> tuple[tuple[Selection, ...], tuple[Selection, ...]]:
        """Split into fields of the interface itself and what needs the concrete type."""
        own: list[Selection] = []
        needs_concrete: list[Selection] = []
        for selection in selections:
            if isinstance(selection, InlineFragment):
                if selection.type_condition in (None, type_name):
                    inner_own, inner_concrete = self._interface_object_parts(type_name, selection.selections)
                    if inner_own:
                        own.append(replace(selection, selections=inner_own))
                    if inner_concrete:
                        needs_concrete.append(replace(selection, selections=inner_concrete))
                else:
                    needs_concrete.append(selection)
            elif selection.name == "__typename":
                needs_concrete.append(selection)
            else:
                own.append(selection)
        return tuple(own), tuple(needs_concrete)

    def _object_cost(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None, hops: int
    ) -> float:
        total = 0.0
        jumped_to: set[str] = set()
        for selected, _ in self.collect_fields(type_name, selections):
            if selected.name == "__typename":
                continue
            options: list[tuple[float, str | None]] = []
            if self.can_resolve(subgraph, type_name, selected.name, provided) and not self.requires_of(
                subgraph, type_name, selected.name
            ):
                child = self._child_provided(subgraph, type_name, selected.name, provided)
                options.append(
                    (
                        self.cost(
                            subgraph, self._field_type(type_name, selected.name), selected.selections, child, hops
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
        if hops > _MAX_KEY_HOPS:
            return None
        if self.requires_of(subgraph, type_name, selected.name) is None:
            exclude = exclude | {subgraph}
        best: Jump | None = None
        field_type = self._field_type(type_name, selected.name)
        for target, entity_type in self.jump_targets(type_name, selected.name, exclude):
            requires = self.requires_of(target, entity_type, selected.name)
            # one more fetch, plus a little per field moved: of equal fetch counts, jump late
            base = 1.0 + _LEAF_WEIGHT * max(1, _leaf_count(selected.selections))
            base += self.cost(
                target,
                field_type,
                selected.selections,
                self._child_provided(target, entity_type, selected.name, None),
                hops,
            )
            if requires is not None:
                base += self.cost(subgraph, type_name, self.planner.field_set(requires), provided, hops + 1)
            for key in self.supergraph.entity_keys(entity_type, target):
                key_cost = self.cost(subgraph, type_name, self.planner.field_set(key.selection), provided, hops + 1)
                total = base + key_cost
                if best is None or total < best.cost:
                    best = Jump(target, entity_type, key, total)
        if best is not None and math.isinf(best.cost):
            return None
        return best

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
        if self.is_abstract(type_name):
            if self.supergraph.is_interface_object_in(type_name, subgraph):
                return self._plan_on_interface_object(group, type_name, selections, target, path, provided, conditions)
            return self._plan_abstract(group, type_name, selections, target, path, provided, conditions)
        used: set[FetchGroup] = set()
        for selected, field_conditions in self.collect_fields(type_name, selections, conditions):
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
        if isinstance(self._type(type_name), GraphQLUnionType):
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
            for selected, _ in self.collect_fields(type_name, selections):
                if not self.can_resolve(subgraph, type_name, selected.name, provided) and not self.best_jump(
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
                    if self.applies_to(selection.type_condition, object_type):
                        fragment = target.fragment(object_type)
                        used |= self.plan_selections(
                            group, object_type, selection.selections, fragment, path, provided, fragment_conditions
                        )
            return used
        for object_type in possible:
            collected = self.collect_fields(object_type, selections, conditions)
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
            if not self.can_resolve(subgraph, type_name, selection.name, provided):
                return False
            if self.requires_of(subgraph, type_name, selection.name):
                return False
            for object_type in possible:
                if not self.can_resolve(subgraph, object_type, selection.name, provided):
                    return False
                if self.requires_of(subgraph, object_type, selection.name):
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
        own, needs_concrete = self._interface_object_parts(type_name, selections)
        used: set[FetchGroup] = {group}
        target.add_typename()
        for selected, field_conditions in self.collect_fields(type_name, own, conditions):
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
        named, _ = _unwrap(self._field_type(type_name, selected.name))
        local = self.can_resolve(subgraph, type_name, selected.name, provided) and (
            requires_satisfied or not self.requires_of(subgraph, type_name, selected.name)
        )
        if local and not selected.selections:
            target.add_field(
                selected.response_key,
                selected.name,
                selected.arguments,
                selected.directives,
                conditions,
                output_type=self._subgraph_field_shape(subgraph, type_name, selected.name),
            )
            return {group}
        child_provided = self._child_provided(subgraph, type_name, selected.name, provided) if local else None
        jump: Jump | None = None
        if not requires_satisfied:
            jump = self.best_jump(subgraph, type_name, selected, provided, hops)
        if local:
            local_cost = self.cost(subgraph, named, selected.selections, child_provided, hops)
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
        if declaration is not None and self.can_resolve(subgraph, type_name, field_name, provided):
            return subgraph if declaration.context_arguments else None
        for candidate in self.supergraph.subgraphs:
            other = self.supergraph.field_in(type_name, field_name, candidate)
            if (
                other is not None
                and other.context_arguments
                and self.can_resolve(candidate, type_name, field_name, None)
            ):
                return candidate
        return None

    def _contexts_of(self, type_name: str) -> frozenset[str]:
        names = set(self.supergraph.types[type_name].contexts) if type_name in self.supergraph.types else set()
        named = self._type(type_name)
        for interface in getattr(named, "interfaces", ()):
            names |= self.supergraph.types[interface.name].contexts
        return frozenset(names)

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
                if names & self._contexts_of(self._positions[i].type_name)
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
                self.planner.field_set(field_set),
                ancestor.target,
                ancestor.path,
                ancestor.provided,
            )
            selections[argument.name] = FetchSelection()
            _add_field_set(selections[argument.name], field_set)
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
        requires = self.requires_of(jump.subgraph, jump.entity_type, selected.name)
        child, used = self._entity_group_for(group, type_name, jump, requires, target, path, provided, conditions, hops)
        fragment = child.selection.fragment(jump.entity_type)
        # the fetch as a whole is conditional (a Condition node): its fields are not
        if not selected.selections:
            return used | self.plan_field(child, jump.entity_type, selected, (), fragment, path, None, hops, True)
        child_provided = self._child_provided(jump.subgraph, jump.entity_type, selected.name, None)
        child_used, rest = self._plan_local_composite(
            child, jump.entity_type, selected, (), fragment, path, child_provided, defer_elsewhere=True
        )
        used |= child_used
        if rest is not None:
            # what the target lacks is fetched by another jump from where the key is
            tried = tried | {jump.subgraph}
            if _leaf_count(rest.selections) >= _leaf_count(selected.selections):
                raise PlanningError(f"no subgraph can resolve {type_name}.{selected.name} from {group.subgraph}")
            next_jump = self.best_jump(group.subgraph, type_name, rest, provided, hops, tried)
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
        named, lists = _unwrap(self._field_type(type_name, selected.name))
        named = self._type(self._subgraph_named_type(group.subgraph, type_name, selected.name) or named.name)
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
                output_type=self._subgraph_field_shape(group.subgraph, type_name, selected.name),
            )
            assert fetch_field.selection is not None
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
            named, _ = _unwrap(self._field_type(type_name, rest.name))
            needed = _leaf_count(rest.selections)
            candidates = [
                s
                for s in self.supergraph.subgraphs
                if s != group.subgraph
                and self.can_resolve(s, type_name, rest.name, None)
                and _leaf_count(self.split_selections(s, named.name, rest.selections, None)[1]) < needed
            ]
            if not candidates:
                raise PlanningError(f"no subgraph resolves {type_name}.{rest.name} entirely")
            subgraph = self._choose_root_subgraph(type_name, rest, candidates)
            root_group = self._root_group(subgraph, conditions)
            return self.plan_field(root_group, type_name, rest, conditions, root_group.selection, (), None)
        jump = self.best_jump(group.subgraph, type_name, rest, provided, hops)
        if jump is None:
            raise PlanningError(f"no subgraph can resolve {type_name}.{rest.name} from {group.subgraph}")
        return self._plan_jump(group, type_name, rest, conditions, target, path, provided, jump, hops)

    def _field_candidates(self, subgraph: str, type_name: str, field_name: str) -> frozenset[str]:
        """Subgraphs that could serve ``type_name.field_name`` at this point of the path:
        those serving the parent, or reaching it by an entity key, that define the field."""
        reachable = self._positions[-1].candidates | {
            s for s in self.supergraph.subgraphs if self.supergraph.entity_keys(type_name, s)
        }
        return frozenset(s for s in reachable if self.can_resolve(s, type_name, field_name, None)) | {subgraph}

    def split_selections(
        self, subgraph: str, type_name: str, selections: tuple[Selection, ...], provided: Provided | None
    ) -> tuple[tuple[Selection, ...], tuple[Selection, ...]]:
        """Partition a selection into what ``subgraph`` resolves (directly or by an entity jump
        from there) and the rest, which must be fetched again from an ancestor."""
        if self.is_abstract(type_name):
            return selections, ()
        here: list[Selection] = []
        elsewhere: list[Selection] = []
        for selection in selections:
            if isinstance(selection, InlineFragment):
                if not self.applies_to(selection.type_condition, type_name):
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
            if not self.can_resolve(subgraph, type_name, selection.name, provided) or self.requires_of(
                subgraph, type_name, selection.name
            ):
                if self.best_jump(subgraph, type_name, selection, provided, 0) is None:
                    elsewhere.append(selection)
                else:
                    here.append(selection)
                continue
            if not selection.selections:
                here.append(selection)
                continue
            named, _ = _unwrap(self._field_type(type_name, selection.name))
            child_provided = self._child_provided(subgraph, type_name, selection.name, provided)
            inner_here, inner_elsewhere = self.split_selections(
                subgraph, named.name, selection.selections, child_provided
            )
            if inner_elsewhere and self.best_jump(
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
        if self._key_depth > _MAX_KEY_HOPS:
            raise PlanningError(f"cannot reach a key of {type_name} for subgraph {jump.subgraph}")
        self._key_depth += 1
        try:
            dependencies = self.plan_selections(
                group, type_name, self.planner.field_set(jump.key.selection), target, path, provided
            )
            if requires is not None:
                dependencies |= self.plan_selections(
                    group, type_name, self.planner.field_set(requires), target, path, provided
                )
        finally:
            self._key_depth -= 1
        dependencies.add(group)
        if extra_dependencies:
            dependencies |= extra_dependencies
        typename_as = jump.entity_type if jump.entity_type != type_name and not self.is_abstract(type_name) else None
        if self.supergraph.is_interface_object_in(jump.entity_type, jump.subgraph):
            typename_as = jump.entity_type
        inputs = FetchSelection()
        inputs.add_typename()
        _add_field_set(inputs, jump.key.selection)
        if requires is not None:
            _add_field_set(inputs, requires)
        child = self._find_entity_group(jump.subgraph, path, dependencies, conditions, (type_name, typename_as), inputs)
        existing = child.inputs.setdefault((type_name, typename_as), FetchSelection())
        _merge_inputs(existing, inputs)
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
                and _inputs_compatible(group.inputs.get(input_key), inputs)
            ):
                return group
        group = self._new_group(subgraph, path, is_entity=True, conditions=conditions)
        group.depends_on = set(dependencies)
        return group

    # ------------------------------------------------------------- plan nodes

    def _sequence(self, nodes: list[PlanNode | None]) -> PlanNode | None:
        present = [node for node in nodes if node is not None]
        if not present:
            return None
        return present[0] if len(present) == 1 else SequenceNode(tuple(present))

    def _sequence_of_stages(self, groups: list[FetchGroup]) -> PlanNode | None:
        """Order groups by dependency depth; groups of one depth run in parallel."""
        members = [group for group in groups if group.selection]
        depth: dict[int, int] = {}

        def depth_of(group: FetchGroup) -> int:
            if group.id not in depth:
                depth[group.id] = 1 + max((depth_of(d) for d in group.depends_on if d in members), default=-1)
            return depth[group.id]

        stages: dict[int, list[PlanNode]] = {}
        for group in members:
            stages.setdefault(depth_of(group), []).append(self._fetch_node(group))
        ordered: list[PlanNode | None] = []
        for level in sorted(stages):
            nodes = stages[level]
            ordered.append(nodes[0] if len(nodes) == 1 else ParallelNode(tuple(nodes)))
        return self._sequence(ordered)

    def _fetch_node(self, group: FetchGroup) -> PlanNode:
        variables: set[str] = set()
        renames: list[tuple[tuple[str, ...], str, str]] = []
        alias_type_conflicts(group.selection, (), renames)
        kind = "query" if self.operation.kind is not OperationType.MUTATION or group.is_entity else "mutation"
        if group.is_entity:
            body = "{_entities(representations: $representations) " + group.selection.print(variables) + "}"
        else:
            body = group.selection.print(variables)
        definitions = [
            print_ast(definition)
            for definition in self.operation.variable_definitions
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
            variable_usages=tuple(v for v in self.operation.variable_names if v in variables),
            requires=self._inputs(group) if group.is_entity else None,
            output_renames=tuple(OutputRename(path, alias, key) for path, alias, key in reversed(renames)),
            context_variables=tuple(
                (variable.name, _input_selections(variable.selection)) for variable in group.context_variables
            ),
        )
        plan_node: PlanNode = FlattenNode(group.merge_path, node) if group.is_entity else node
        for condition in reversed(group.conditions):
            plan_node = ConditionNode(
                condition.variable,
                plan_node if condition.passes_when else None,
                None if condition.passes_when else plan_node,
            )
        return plan_node

    def _inputs(self, group: FetchGroup) -> tuple[InputFragment, ...]:
        return tuple(
            InputFragment(type_condition, _input_selections(selection), typename_as)
            for (type_condition, typename_as), selection in group.inputs.items()
        )


def _leaf_count(selections: tuple[Selection, ...]) -> int:
    return sum(_leaf_count(s.selections) if s.selections else 1 for s in selections)


def internal_key(name: str, arguments: tuple) -> str:
    """Response key of a field the planner adds: aliased when it has arguments, so it
    never collides with the client's use of the same field with other arguments."""
    if not arguments:
        return name
    return f"_tb{zlib.crc32(field_signature(name, arguments).encode()):08x}_{name}"


def _inputs_compatible(existing: FetchSelection | None, new: FetchSelection) -> bool:
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
        if fetch_field.selection is not None and not _inputs_compatible(other.selection, fetch_field.selection):
            return False
    return True


def _merge_inputs(target: FetchSelection, source: FetchSelection) -> None:
    for fetch_field in source.fields.values():
        merged = target.add_field(
            fetch_field.response_key,
            fetch_field.name,
            fetch_field.arguments,
            composite=fetch_field.selection is not None,
        )
        if fetch_field.selection is not None and merged.selection is not None:
            _merge_inputs(merged.selection, fetch_field.selection)
    for fragment in source.fragments.values():
        _merge_inputs(target.fragment(fragment.type_condition), fragment.selection)


def _add_field_set(target: FetchSelection, selection_set: SelectionSetNode) -> None:
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
                _add_field_set(fetch_field.selection, node.selection_set)
        elif isinstance(node, InlineFragmentNode) and node.type_condition is not None:
            _add_field_set(target.fragment(node.type_condition.name.value), node.selection_set)


def _input_selections(selection: FetchSelection) -> tuple[InputSelection, ...]:
    result: list[InputSelection] = []
    for fetch_field in selection.fields.values():
        children = _input_selections(fetch_field.selection) if fetch_field.selection is not None else ()
        result.append(InputField(fetch_field.name, fetch_field.response_key, children))
    for fragment in selection.fragments.values():
        result.append(InputFragment(fragment.type_condition, _input_selections(fragment.selection)))
    return tuple(result)
