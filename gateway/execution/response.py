"""Shape the merged subgraph data into exactly the response the client asked for.

This is the spec's *CompleteValue* over already-fetched data: fields in request order
under their response keys, fragments applied by runtime type, ``@skip``/``@include``
evaluated, planner-added fields dropped, and nulls propagated by the API schema's
nullability (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors).

It runs on every response, so the work that depends only on (object type, selection set)
— *CollectFields* and the field definitions — is done once per request and reused for
every object of a list, and response paths are only spelled out when an error needs one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
)

from ..introspection import INTROSPECTION_ROOT_FIELDS
from ..planner.operation import Field, Selection
from .typeconditions import TypeConditions

Path = list[str | int]
#: a response path as nested pairs ``(parent, key)``: free to extend, listed on demand
LinkedPath = tuple[Any, str | int] | None

CompositeType = GraphQLObjectType | GraphQLInterfaceType


class _Null:
    """A null that must propagate to the nearest nullable parent."""


INVALID = _Null()

_TYPENAME = 0
_GATEWAY_FIELD = 1  # introspection, completed by graphql-core beforehand
_SCHEMA_FIELD = 2


class ResponseShaper:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self._conditions = TypeConditions(schema)

    def complete(
        self,
        root_type: GraphQLObjectType,
        selections: tuple[Selection, ...],
        data: dict[str, Any],
        variables: Mapping[str, Any],
        errors: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        completion = _Completion(self, variables, errors)
        result = completion.complete_object(root_type, selections, data, None)
        return None if result is INVALID else result  # type: ignore[return-value]

    def applies(self, type_condition: str | None, object_type: CompositeType) -> bool:
        return self._conditions.applies(type_condition, object_type.name)


def _listed(path: LinkedPath) -> Path:
    keys: Path = []
    while path is not None:
        path, key = path
        keys.append(key)
    keys.reverse()
    return keys


class _Completion:
    def __init__(self, shaper: ResponseShaper, variables: Mapping[str, Any], errors: list[dict[str, Any]]) -> None:
        self.shaper = shaper
        self.schema = shaper.schema
        self.variables = variables
        self.errors = errors
        self._error_paths = [tuple(e["path"]) for e in errors if isinstance(e.get("path"), list)]
        #: (object type, id(selections)) -> [(response key, kind, field name, field type, sub-selections)]
        self._plans: dict[tuple[str, int], list[tuple[str, int, str, Any, tuple[Selection, ...]]]] = {}

    def collect_fields(
        self, object_type: CompositeType, selections: tuple[Selection, ...], into: dict[str, list[Field]]
    ) -> dict[str, list[Field]]:
        for selection in selections:
            if selection.conditions and any(not condition.holds(self.variables) for condition in selection.conditions):
                continue
            if isinstance(selection, Field):
                into.setdefault(selection.response_key, []).append(selection)
            elif self.shaper.applies(selection.type_condition, object_type):
                self.collect_fields(object_type, selection.selections, into)
        return into

    def _plan(
        self, object_type: CompositeType, selections: tuple[Selection, ...]
    ) -> list[tuple[str, int, str, Any, tuple[Selection, ...]]]:
        key = (object_type.name, id(selections))
        plan = self._plans.get(key)
        if plan is None:
            plan = []
            for response_key, fields in self.collect_fields(object_type, selections, {}).items():
                name = fields[0].name
                sub = fields[0].selections if len(fields) == 1 else tuple(s for f in fields for s in f.selections)
                if name == "__typename":
                    plan.append((response_key, _TYPENAME, name, None, sub))
                elif name in INTROSPECTION_ROOT_FIELDS:
                    plan.append((response_key, _GATEWAY_FIELD, name, None, sub))
                elif name in object_type.fields:
                    plan.append((response_key, _SCHEMA_FIELD, name, object_type.fields[name].type, sub))
            self._plans[key] = plan
        return plan

    def complete_object(
        self, object_type: CompositeType, selections: tuple[Selection, ...], source: dict[str, Any], path: LinkedPath
    ) -> dict[str, Any] | _Null:
        result: dict[str, Any] = {}
        for response_key, kind, name, field_type, sub in self._plan(object_type, selections):
            if kind is _SCHEMA_FIELD:
                value = source.get(response_key)
                if type(field_type) is GraphQLScalarType:  # the common case, nullable leaf
                    result[response_key] = value
                    continue
                completed = self.complete_value(field_type, sub, value, (path, response_key), object_type, name)
                if completed is INVALID:
                    return INVALID
                result[response_key] = completed
            elif kind is _TYPENAME:
                result[response_key] = object_type.name
            else:
                result[response_key] = source.get(response_key)
        return result

    def complete_value(
        self,
        type_: GraphQLOutputType,
        sub: tuple[Selection, ...],
        value: Any,
        path: LinkedPath,
        parent: CompositeType,
        field_name: str,
    ) -> Any:
        if isinstance(type_, GraphQLNonNull):
            inner = type_.of_type
            if value is not None and type(inner) is GraphQLScalarType:
                return value
            completed = self.complete_value(inner, sub, value, path, parent, field_name)
            if completed is None:
                self._null_error(path, f"Cannot return null for non-nullable field {parent.name}.{field_name}.")
                return INVALID
            return completed
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                self._null_error(path, f"Expected a list for field {parent.name}.{field_name}.")
                return None
            item_type = type_.of_type
            items = []
            for index, item in enumerate(value):
                completed = self.complete_value(item_type, sub, item, (path, index), parent, field_name)
                if completed is INVALID:
                    return None  # a non-null item is null: the list itself becomes null
                items.append(completed)
            return items
        if isinstance(type_, GraphQLScalarType):
            return value
        if isinstance(type_, GraphQLEnumType):
            if isinstance(value, str) and value in type_.values:
                return value
            self._null_error(path, f"Enum '{type_.name}' cannot represent value: {value!r}")
            return None
        if isinstance(type_, GraphQLObjectType):
            return self._complete_composite(type_, sub, value, path)
        typename = value.get("__typename") if isinstance(value, dict) else None
        runtime = self.schema.get_type(typename) if isinstance(typename, str) else None
        if isinstance(runtime, GraphQLObjectType) and self.schema.is_sub_type(type_, runtime):  # type: ignore[arg-type]
            return self._complete_composite(runtime, sub, value, path)
        if isinstance(runtime, GraphQLInterfaceType) and (runtime is type_ or self.schema.is_sub_type(type_, runtime)):  # type: ignore[arg-type]
            # from an @interfaceObject subgraph, when only the interface's own fields
            # were selected the concrete type was never needed
            return self._complete_composite(runtime, sub, value, path)
        self._null_error(path, f"Abstract type '{type_.name}' could not be resolved to an object type.")
        return None

    def _complete_composite(
        self, object_type: CompositeType, sub: tuple[Selection, ...], value: Any, path: LinkedPath
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self._null_error(path, f"Expected an object for type {object_type.name}.")
            return None
        completed = self.complete_object(object_type, sub, value, path)
        return None if completed is INVALID else completed  # type: ignore[return-value]

    def _null_error(self, path: LinkedPath, message: str) -> None:
        """Report a null where the schema forbids one, unless a subgraph already explained it."""
        here = tuple(_listed(path))
        for error_path in self._error_paths:
            if error_path[: len(here)] == here or here[: len(error_path)] == error_path:
                return
        self.errors.append({"message": message, "path": list(here)})
        self._error_paths.append(here)
