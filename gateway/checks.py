"""Schema changes that matter to clients, between two supergraphs' API schemas.

graphql-core's ``find_schema_changes`` does the comparison; this module adds the schema
coordinate of each change, a few checks it lacks, and the policy:

* **breaking** (``tongban check`` fails): every graphql-core breaking change — removed
  types, fields, input fields, arguments, enum values, union members and interfaces; a
  type changing kind; new required arguments and input fields; an argument or input field
  made non-null or re-typed; an output field re-typed *or made nullable* (``String!`` →
  ``String``, ``[T!]`` → ``[T]``): typed clients (codegen) rely on non-null outputs, so a
  null there breaks them even though the operation still validates; directive removals.
  Added: ``ONE_OF_ADDED`` (``@oneOf`` on an existing input type rejects inputs that used to
  be valid).
* **dangerous** (reported, does not fail): enum values and union members added (clients
  with exhaustive switches), optional arguments/input fields added, default values
  changed, interfaces added to a type. Added: ``TYPE_ADDED_TO_INTERFACE`` (a new type
  implementing an existing interface, like a new union member).
* **safe**: additions (types, fields), nullable → non-null on outputs, non-null →
  nullable on inputs, descriptions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)
from graphql.utilities import BreakingChangeType, DangerousChangeType, find_schema_changes

from .supergraph import load_supergraph

BREAKING = "breaking"
DANGEROUS = "dangerous"
SAFE = "safe"
_ORDER = {BREAKING: 0, DANGEROUS: 1, SAFE: 2}


@dataclass(frozen=True)
class SchemaChange:
    severity: str  # breaking | dangerous | safe
    code: str  # graphql-core's change type name, or ONE_OF_ADDED / TYPE_ADDED_TO_INTERFACE
    coordinate: str  # Type, Type.field, Type.field(arg:), @directive, @directive(arg:)
    message: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


_NAME = r"[_A-Za-z][_0-9A-Za-z]*"
_COORDINATE = re.compile(rf"@?{_NAME}(?:\.{_NAME})?(?:\({_NAME}:\))?")
# changes whose description does not start its coordinate with "Type." or "@directive"
_TYPE_FIRST = {"TYPE_REMOVED", "TYPE_CHANGED_KIND", "TYPE_ADDED", "IMPLEMENTED_INTERFACE_REMOVED"}
_TYPE_LAST = {"TYPE_REMOVED_FROM_UNION", "TYPE_ADDED_TO_UNION", "IMPLEMENTED_INTERFACE_ADDED"}


def _coordinate(code: str, description: str) -> str:
    """The coordinate in a graphql-core change description (formats of graphql-core 3.3)."""
    words = description.rstrip(".").replace('"', " ").split()
    if code in _TYPE_FIRST:
        words = words[2:] if description.startswith("Standard scalar ") else words
        return words[0] if words else ""
    if code in _TYPE_LAST:
        return words[-1] if words else ""
    for word in words:
        word = word.rstrip(".")
        if ("." in word or word.startswith("@")) and _COORDINATE.fullmatch(word):
            return word
    return ""


def _deprecation(schema: GraphQLSchema, coordinate: str) -> str | None:
    type_name, _, member = coordinate.partition(".")
    named = schema.get_type(type_name)
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
        field = named.fields.get(member)
        return getattr(field, "deprecation_reason", None)
    if isinstance(named, GraphQLEnumType):
        value = named.values.get(member)
        return value.deprecation_reason if value else None
    return None


def compare_schemas(old: GraphQLSchema, new: GraphQLSchema) -> list[SchemaChange]:
    """Every change from ``old`` to ``new``: breaking first, then dangerous, then safe."""
    changes: list[SchemaChange] = []
    for change in find_schema_changes(old, new):
        code = change.type.name
        severity = (
            BREAKING
            if isinstance(change.type, BreakingChangeType)
            else DANGEROUS
            if isinstance(change.type, DangerousChangeType)
            else SAFE
        )
        coordinate = _coordinate(code, change.description)
        message = change.description
        if code in ("FIELD_REMOVED", "VALUE_REMOVED_FROM_ENUM"):
            reason = _deprecation(old, coordinate)
            if reason:
                message += f" (it was deprecated: {reason})"
        changes.append(SchemaChange(severity, code, coordinate, message))
    changes.extend(_one_of_added(old, new))
    changes.extend(_types_added_to_interfaces(old, new))
    changes.sort(key=lambda c: (_ORDER[c.severity], c.coordinate, c.code))
    return changes


def _one_of_added(old: GraphQLSchema, new: GraphQLSchema) -> list[SchemaChange]:
    found = []
    for name, old_type in old.type_map.items():
        new_type = new.type_map.get(name)
        if (
            isinstance(old_type, GraphQLInputObjectType)
            and isinstance(new_type, GraphQLInputObjectType)
            and new_type.is_one_of
            and not old_type.is_one_of
        ):
            message = f"Input type {name} became @oneOf: inputs setting several fields are now rejected."
            found.append(SchemaChange(BREAKING, "ONE_OF_ADDED", name, message))
    return found


def _types_added_to_interfaces(old: GraphQLSchema, new: GraphQLSchema) -> list[SchemaChange]:
    """New types implementing an existing interface (existing types gaining it are reported
    by graphql-core as IMPLEMENTED_INTERFACE_ADDED)."""
    found = []
    for name, new_interface in new.type_map.items():
        old_interface = old.type_map.get(name)
        if not isinstance(new_interface, GraphQLInterfaceType) or not isinstance(old_interface, GraphQLInterfaceType):
            continue
        for implementation in new.get_possible_types(new_interface):
            if implementation.name not in old.type_map:
                message = f"New type {implementation.name} implements interface {name}."
                found.append(SchemaChange(DANGEROUS, "TYPE_ADDED_TO_INTERFACE", name, message))
    return found


def compare_supergraphs(old_sdl: str, new_sdl: str, old_name: str = "old", new_name: str = "new") -> list[SchemaChange]:
    """Changes between the API schemas of two supergraph SDLs (``SupergraphError`` if one does not load)."""
    old = load_supergraph(old_sdl, source_name=old_name).api_schema
    new = load_supergraph(new_sdl, source_name=new_name).api_schema
    return compare_schemas(old, new)


def count(changes: list[SchemaChange]) -> dict[str, int]:
    """How many changes of each severity."""
    return {severity: sum(1 for c in changes if c.severity == severity) for severity in _ORDER}
