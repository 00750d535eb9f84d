"""A small mutable schema model shared by subgraphs and the supergraph being built.

graphql-core's ``GraphQLSchema`` is awkward to edit (rename a root type, drop a field,
remember which field came from ``extend type``), so composition works on these plain
dataclasses. Type references are kept as printed strings (``"[Int!]!"``) with helpers to
take them apart; directive arguments and default values are plain Python values (enum
literals as :class:`EnumLiteral`), like Apollo's JavaScript values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graphql import (
    BooleanValueNode,
    ConstDirectiveNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    Node,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
)

Kind = Literal["object", "interface", "union", "enum", "input", "scalar"]

KIND_LABEL: dict[str, str] = {
    "object": "Object Type",
    "interface": "Interface Type",
    "union": "Union Type",
    "enum": "Enum Type",
    "input": "Input Object Type",
    "scalar": "Scalar Type",
}

BUILT_IN_SCALARS = ("String", "Int", "Float", "Boolean", "ID")
ROOT_KINDS = ("query", "mutation", "subscription")
DEFAULT_ROOT_NAMES = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}


# ---------------------------------------------------------------------------- type references


def is_non_null(type_ref: str) -> bool:
    return type_ref.endswith("!")


def nullable(type_ref: str) -> str:
    return type_ref[:-1] if type_ref.endswith("!") else type_ref


def is_list(type_ref: str) -> bool:
    return nullable(type_ref).startswith("[")


def list_item(type_ref: str) -> str:
    return nullable(type_ref)[1:-1]


def base_type(type_ref: str) -> str:
    return type_ref.replace("[", "").replace("]", "").replace("!", "")


def rename_in_ref(type_ref: str, old: str, new: str) -> str:
    return type_ref.replace(base_type(type_ref), new) if base_type(type_ref) == old else type_ref


# ---------------------------------------------------------------------------- values


def value_to_python(value: ValueNode | None) -> object:
    """Turn an AST value into plain Python (enum values become ``EnumLiteral``)."""
    if value is None or isinstance(value, NullValueNode):
        return None
    if isinstance(value, StringValueNode):
        return value.value
    if isinstance(value, BooleanValueNode):
        return value.value
    if isinstance(value, IntValueNode):
        return int(value.value)
    if isinstance(value, FloatValueNode):
        number = float(value.value)
        return int(number) if number.is_integer() else number
    if isinstance(value, EnumValueNode):
        return EnumLiteral(value.value)
    if isinstance(value, ListValueNode):
        return [value_to_python(v) for v in value.values]
    if isinstance(value, ObjectValueNode):
        return {f.name.value: value_to_python(f.value) for f in value.fields}
    return None  # variables cannot appear in SDL


class EnumLiteral(str):
    """An enum value in a directive argument or default value (printed without quotes)."""


def value_equals(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(value_equals(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(value_equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


# ---------------------------------------------------------------------------- schema elements


@dataclass
class Applied:
    """An applied directive. ``args`` keep the order they were written in."""

    name: str
    args: dict[str, object] = field(default_factory=dict)
    #: applied on an ``extend`` declaration
    extension: bool = False
    node: ConstDirectiveNode | None = None

    def arg(self, name: str, default: object = None) -> object:
        return self.args.get(name, default)


@dataclass
class InputValue:
    """A field argument, directive argument or input object field."""

    name: str
    type: str
    default: object = None
    has_default: bool = False
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    node: Node | None = None

    @property
    def required(self) -> bool:
        return is_non_null(self.type) and not self.has_default


@dataclass
class Field:
    name: str
    type: str
    args: dict[str, InputValue] = field(default_factory=dict)
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    extension: bool = False
    node: Node | None = None


@dataclass
class EnumValue:
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    node: Node | None = None


@dataclass
class NamedType:
    kind: Kind
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)  # object / interface
    input_fields: dict[str, InputValue] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # union
    values: dict[str, EnumValue] = field(default_factory=dict)
    has_definition: bool = False
    has_extension: bool = False
    node: Node | None = None

    def directives_named(self, name: str) -> list[Applied]:
        return [d for d in self.directives if d.name == name]

    def has_directive(self, name: str) -> bool:
        return any(d.name == name for d in self.directives)


@dataclass
class DirectiveDefinition:
    name: str
    args: dict[str, InputValue] = field(default_factory=dict)
    locations: list[str] = field(default_factory=list)
    repeatable: bool = False
    description: str | None = None
    node: Node | None = None


def directives_named(element: Field | InputValue | EnumValue | NamedType, name: str) -> list[Applied]:
    return [d for d in element.directives if d.name == name]


def has_directive(element: Field | InputValue | EnumValue | NamedType, name: str) -> bool:
    return any(d.name == name for d in element.directives)


@dataclass
class Schema:
    types: dict[str, NamedType] = field(default_factory=dict)
    directives: dict[str, DirectiveDefinition] = field(default_factory=dict)
    #: root kind ("query"...) -> type name
    roots: dict[str, str] = field(default_factory=dict)
    schema_directives: list[Applied] = field(default_factory=list)
    description: str | None = None

    def type(self, name: str) -> NamedType | None:
        return self.types.get(name)

    def field(self, type_name: str, field_name: str) -> Field | None:
        named = self.types.get(type_name)
        return named.fields.get(field_name) if named else None

    def root_kind_of(self, type_name: str) -> str | None:
        for kind, name in self.roots.items():
            if name == type_name:
                return kind
        return None

    def implementations(self, interface: str) -> list[NamedType]:
        """Object and interface types implementing ``interface``."""
        return [t for t in self.types.values() if interface in t.interfaces and t.kind in ("object", "interface")]

    def possible_types(self, abstract: str) -> list[str]:
        named = self.types.get(abstract)
        if named is None:
            return []
        if named.kind == "union":
            return [m for m in named.members if m in self.types]
        if named.kind == "interface":
            return [t.name for t in self.types.values() if t.kind == "object" and abstract in t.interfaces]
        return [abstract] if named.kind == "object" else []

    def is_referenced(self, type_name: str) -> bool:
        for named in self.types.values():
            if named.name == type_name:
                continue
            if type_name in named.interfaces or type_name in named.members:
                return True
            for f in named.fields.values():
                if base_type(f.type) == type_name or any(base_type(a.type) == type_name for a in f.args.values()):
                    return True
            if any(base_type(f.type) == type_name for f in named.input_fields.values()):
                return True
        return (
            any(base_type(a.type) == type_name for d in self.directives.values() for a in d.args.values())
            or type_name in self.roots.values()
        )
