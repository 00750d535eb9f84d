"""The supergraph as the planner sees it: which subgraph owns which type and field.

The join spec (https://specs.apollo.dev/join) records, on every type and field of the
supergraph, the subgraphs that define it and how (key, external, requires, provides,
override ...). This module holds that metadata in plain dataclasses and answers the
questions the query planner asks of it ("can subgraph S resolve field f of type T?").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from graphql import (
    GraphQLSchema,
    SelectionSetNode,
)

__all__ = [
    "ContextArgument",
    "FieldInSubgraph",
    "Key",
    "Subgraph",
    "Supergraph",
    "SupergraphField",
    "SupergraphType",
    "TypeInSubgraph",
]


@dataclass(frozen=True)
class Subgraph:
    """One subgraph service: ``enum_value`` is its ``join__Graph`` value."""

    enum_value: str
    name: str
    url: str


@dataclass(frozen=True)
class Key:
    """A ``@key`` of an entity in one subgraph."""

    fields: str
    selection: SelectionSetNode
    resolvable: bool = True


@dataclass
class TypeInSubgraph:
    """How one subgraph declares a supergraph type (``@join__type``)."""

    subgraph: str
    keys: list[Key] = field(default_factory=list)
    extension: bool = False
    is_interface_object: bool = False

    @property
    def resolvable_keys(self) -> list[Key]:
        return [key for key in self.keys if key.resolvable]


@dataclass(frozen=True)
class ContextArgument:
    """A ``@fromContext`` argument (join v0.5 ``contextArguments``)."""

    name: str
    type: str
    context: str
    selection: str


@dataclass
class FieldInSubgraph:
    """How one subgraph declares a field (``@join__field``)."""

    subgraph: str
    type: str | None = None
    requires: SelectionSetNode | None = None
    requires_text: str | None = None
    provides: SelectionSetNode | None = None
    external: bool = False
    override_from: str | None = None
    override_label: str | None = None
    used_overridden: bool = False
    context_arguments: tuple[ContextArgument, ...] = ()


@dataclass
class SupergraphField:
    name: str
    #: subgraph name -> declaration; empty when the field carries no ``@join__field``
    #: (then every subgraph defining the parent type defines the field).
    in_subgraphs: dict[str, FieldInSubgraph] = field(default_factory=dict)
    #: true when the field carried ``@join__field`` directives at all.
    has_join_field: bool = False
    inaccessible: bool = False


@dataclass
class SupergraphType:
    name: str
    kind: str  # "object" | "interface" | "union" | "enum" | "input" | "scalar"
    in_subgraphs: dict[str, TypeInSubgraph] = field(default_factory=dict)
    fields: dict[str, SupergraphField] = field(default_factory=dict)
    #: subgraph name -> interfaces implemented there (``@join__implements``).
    implements: dict[str, set[str]] = field(default_factory=dict)
    #: subgraph name -> union members there (``@join__unionMember``).
    union_members: dict[str, set[str]] = field(default_factory=dict)
    #: true when no ``@join__type`` is present (Federation 1 value types): in every subgraph.
    in_all_subgraphs: bool = False
    inaccessible: bool = False
    #: names this type provides to ``@fromContext`` arguments below it (``@context``)
    contexts: frozenset[str] = frozenset()


@dataclass
class Supergraph:
    """Join metadata plus the schemas derived from the supergraph SDL."""

    sdl: str
    subgraphs: dict[str, Subgraph]
    types: dict[str, SupergraphType]
    #: the full supergraph (inaccessible elements included, join machinery kept);
    #: the planner reads types and fields from it.
    schema: GraphQLSchema
    #: what clients see: no join/link machinery, no inaccessible elements.
    api_schema: GraphQLSchema
    federation_version: int = 2
    #: progressive override labels (``overrideLabel``) seen in the supergraph.
    override_labels: frozenset[str] = frozenset()

    @cached_property
    def subgraph_names(self) -> tuple[str, ...]:
        return tuple(self.subgraphs)

    def type_in(self, type_name: str, subgraph: str) -> TypeInSubgraph | None:
        """The subgraph's declaration of a type, or None when it lacks the type."""
        supergraph_type = self.types.get(type_name)
        if supergraph_type is None:
            return None
        declaration = supergraph_type.in_subgraphs.get(subgraph)
        if declaration is None and supergraph_type.in_all_subgraphs:
            declaration = TypeInSubgraph(subgraph=subgraph)
            supergraph_type.in_subgraphs[subgraph] = declaration
        return declaration

    def has_type(self, type_name: str, subgraph: str) -> bool:
        return self.type_in(type_name, subgraph) is not None

    def subgraphs_of_type(self, type_name: str) -> list[str]:
        supergraph_type = self.types[type_name]
        if supergraph_type.in_all_subgraphs:
            return list(self.subgraphs)
        return list(supergraph_type.in_subgraphs)

    def field_in(self, type_name: str, field_name: str, subgraph: str) -> FieldInSubgraph | None:
        """The subgraph's declaration of a field, or None when it does not define it."""
        supergraph_type = self.types.get(type_name)
        if supergraph_type is None:
            return None
        supergraph_field = supergraph_type.fields.get(field_name)
        if supergraph_field is None:
            return None
        if supergraph_field.has_join_field:
            return supergraph_field.in_subgraphs.get(subgraph)
        if not self.has_type(type_name, subgraph):
            return None
        declaration = supergraph_field.in_subgraphs.get(subgraph)
        if declaration is None:
            declaration = FieldInSubgraph(subgraph=subgraph)
            supergraph_field.in_subgraphs[subgraph] = declaration
        return declaration

    def possible_types_in(self, abstract_type: str, subgraph: str) -> set[str]:
        """Object types a subgraph can return for an interface or union."""
        supergraph_type = self.types.get(abstract_type)
        if supergraph_type is None:
            return set()
        if supergraph_type.kind == "union":
            if supergraph_type.union_members:
                return set(supergraph_type.union_members.get(subgraph, ()))
            return {
                member.name
                for member in self.schema.get_possible_types(self.schema.get_type(abstract_type))  # type: ignore[arg-type]
                if self.has_type(member.name, subgraph)
            }
        result: set[str] = set()
        for candidate in self.schema.get_possible_types(self.schema.get_type(abstract_type)):  # type: ignore[arg-type]
            candidate_type = self.types[candidate.name]
            if candidate_type.implements:
                if abstract_type in candidate_type.implements.get(subgraph, ()):
                    result.add(candidate.name)
            elif self.has_type(candidate.name, subgraph):
                result.add(candidate.name)
        return result

    def is_interface_object_in(self, type_name: str, subgraph: str) -> bool:
        declaration = self.type_in(type_name, subgraph)
        return declaration is not None and declaration.is_interface_object

    def entity_keys(self, type_name: str, subgraph: str) -> list[Key]:
        declaration = self.type_in(type_name, subgraph)
        return declaration.resolvable_keys if declaration else []
