"""What each subgraph can resolve: the planner's questions to the join metadata.

Answers depend only on the supergraph and the enabled override labels, so one
:class:`Capabilities` serves every plan of a planner.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import replace

from graphql import (
    ArgumentNode,
    GraphQLCompositeType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLUnionType,
    SelectionSetNode,
    is_composite_type,
)

from ..supergraph.model import Supergraph
from .operation import Condition, Field, InlineFragment, Selection, normalize_field_set
from .selection import field_signature


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


def unwrap(type_: GraphQLOutputType) -> tuple[GraphQLOutputType, int]:
    """The named type and how many list levels wrap it."""
    lists = 0
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            lists += 1
        type_ = type_.of_type
    return type_, lists


def internal_key(name: str, arguments: tuple[ArgumentNode, ...]) -> str:
    """Response key of a field the planner adds: aliased when it has arguments, so it
    never collides with the client's use of the same field with other arguments."""
    if not arguments:
        return name
    return f"_tb{zlib.crc32(field_signature(name, arguments).encode()):08x}_{name}"


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


def interface_object_parts(
    type_name: str, selections: tuple[Selection, ...]
) -> tuple[tuple[Selection, ...], tuple[Selection, ...]]:
    """Split into fields of the interface itself and what needs the concrete type."""
    own: list[Selection] = []
    needs_concrete: list[Selection] = []
    for selection in selections:
        if isinstance(selection, InlineFragment):
            if selection.type_condition in (None, type_name):
                inner_own, inner_concrete = interface_object_parts(type_name, selection.selections)
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


class Capabilities:
    """Which subgraph resolves what, by the join metadata and the enabled override labels."""

    def __init__(self, supergraph: Supergraph, enabled_override_labels: frozenset[str] = frozenset()) -> None:
        self.supergraph = supergraph
        self.schema = supergraph.schema
        self.enabled_override_labels = enabled_override_labels
        self._field_sets: dict[int, tuple[Selection, ...]] = {}
        self._applies: dict[tuple[str | None, str], bool] = {}

    def type(self, name: str) -> GraphQLCompositeType:
        return self.schema.get_type(name)  # type: ignore[return-value]

    def field_type(self, type_name: str, field_name: str) -> GraphQLOutputType:
        if field_name == "__typename":
            return self.schema.get_type("String")  # type: ignore[return-value]
        parent = self.type(type_name)
        return parent.fields[field_name].type  # type: ignore[union-attr]

    def subgraph_named_type(self, subgraph: str, type_name: str, field_name: str) -> str | None:
        """The field's named type when the subgraph declares a narrower one (``join__field(type:)``)."""
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is None or not declaration.type:
            return None
        return declaration.type.strip("[]!")

    def subgraph_field_shape(self, subgraph: str, type_name: str, field_name: str) -> str:
        """The field's response shape in the subgraph: wrappers, and the leaf type if any.

        Composite types all read as ``@``: fields of different object types merge fine.
        """
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        type_text = (
            declaration.type
            if declaration is not None and declaration.type
            else str(self.field_type(type_name, field_name))
        )
        named = type_text.strip("[]!")
        if is_composite_type(self.schema.get_type(named)):
            type_text = type_text.replace(named, "@")
        return type_text

    def is_abstract(self, type_name: str) -> bool:
        return isinstance(self.type(type_name), GraphQLInterfaceType | GraphQLUnionType)

    def applies_to(self, type_condition: str | None, type_name: str) -> bool:
        """Does a fragment on ``type_condition`` apply to objects of ``type_name``?"""
        if type_condition is None or type_condition == type_name:
            return True
        key = (type_condition, type_name)
        cached = self._applies.get(key)
        if cached is None:
            cached = self._applies[key] = self._applies_to(type_condition, type_name)
        return cached

    def _applies_to(self, type_condition: str, type_name: str) -> bool:
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

    def can_resolve(self, subgraph: str, type_name: str, field_name: str, provided: Provided | None) -> bool:
        if field_name == "__typename":
            return self.supergraph.has_type(type_name, subgraph)
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is None:
            # join v0.1 does not list provided (external) fields under the providing subgraph
            return (
                provided is not None
                and self.supergraph.has_type(type_name, subgraph)
                and field_name in self.provided_fields(provided, type_name)
            )
        if declaration.used_overridden:
            return False
        if declaration.override_label is not None:
            label_on = declaration.override_label in self.enabled_override_labels
            if label_on != (declaration.override_from is not None):
                return False
        if declaration.external:
            return provided is not None and field_name in self.provided_fields(provided, type_name)
        return True

    def provided_fields(self, provided: Provided, type_name: str) -> dict[str, Provided]:
        fields = dict(provided.fields)
        for type_condition, fragment in provided.fragments.items():
            if self.applies_to(type_condition, type_name):
                fields.update(fragment.fields)
        return fields

    def child_provided(
        self, subgraph: str, type_name: str, field_name: str, provided: Provided | None
    ) -> Provided | None:
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        if declaration is not None and declaration.provides is not None:
            return Provided(self.field_set(declaration.provides))
        if provided is not None:
            return self.provided_fields(provided, type_name).get(field_name)
        return None

    def requires_of(self, subgraph: str, type_name: str, field_name: str) -> SelectionSetNode | None:
        declaration = self.supergraph.field_in(type_name, field_name, subgraph)
        return declaration.requires if declaration is not None else None

    def jump_targets(self, type_name: str, field_name: str, exclude: frozenset[str]) -> list[tuple[str, str]]:
        """(subgraph, entity type there) pairs able to resolve the field through ``_entities``."""
        targets: list[tuple[str, str]] = []
        interfaces = []
        named = self.type(type_name)
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

    def contexts_of(self, type_name: str) -> frozenset[str]:
        names = set(self.supergraph.types[type_name].contexts) if type_name in self.supergraph.types else set()
        named = self.type(type_name)
        for interface in getattr(named, "interfaces", ()):
            names |= self.supergraph.types[interface.name].contexts
        return frozenset(names)

    def field_set(self, selection_set: SelectionSetNode) -> tuple[Selection, ...]:
        """A key/requires field set, its fields with arguments under internal aliases."""
        key = id(selection_set)
        cached = self._field_sets.get(key)
        if cached is None:
            cached = self._field_sets[key] = _with_internal_keys(normalize_field_set(selection_set))
        return cached
