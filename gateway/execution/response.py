"""Shape the merged subgraph data into exactly the response the client asked for.

This is the spec's *CompleteValue* over already-fetched data: fields in request order
under their response keys, fragments applied by runtime type, ``@skip``/``@include``
evaluated, planner-added fields dropped, and nulls propagated by the API schema's
nullability (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors).
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
    GraphQLSchema,
    GraphQLUnionType,
)

from ..introspection import INTROSPECTION_ROOT_FIELDS
from ..planner.operation import Field, Selection

Path = list[str | int]


class _Null:
    """A null that must propagate to the nearest nullable parent."""


INVALID = _Null()


class ResponseShaper:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self._applies: dict[tuple[str | None, str], bool] = {}

    def complete(
        self,
        root_type: GraphQLObjectType,
        selections: tuple[Selection, ...],
        data: dict[str, Any],
        variables: Mapping[str, Any],
        errors: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        completion = _Completion(self, variables, errors)
        result = completion.complete_object(root_type, selections, data, [])
        return None if result is INVALID else result  # type: ignore[return-value]

    def applies(self, type_condition: str | None, object_type: GraphQLObjectType | GraphQLInterfaceType) -> bool:
        key = (type_condition, object_type.name)
        cached = self._applies.get(key)
        if cached is None:
            if type_condition is None or type_condition == object_type.name:
                cached = True
            else:
                condition = self.schema.get_type(type_condition)
                cached = (
                    isinstance(object_type, GraphQLObjectType)
                    and isinstance(condition, GraphQLInterfaceType | GraphQLUnionType)
                    and self.schema.is_sub_type(condition, object_type)
                )
            self._applies[key] = cached
        return cached


class _Completion:
    def __init__(self, shaper: ResponseShaper, variables: Mapping[str, Any], errors: list[dict[str, Any]]) -> None:
        self.shaper = shaper
        self.schema = shaper.schema
        self.variables = variables
        self.errors = errors
        self._error_paths = [tuple(e["path"]) for e in errors if isinstance(e.get("path"), list)]

    def collect_fields(
        self,
        object_type: GraphQLObjectType | GraphQLInterfaceType,
        selections: tuple[Selection, ...],
        into: dict[str, list[Field]],
    ) -> dict[str, list[Field]]:
        for selection in selections:
            if any(not condition.holds(self.variables) for condition in selection.conditions):
                continue
            if isinstance(selection, Field):
                into.setdefault(selection.response_key, []).append(selection)
            elif self.shaper.applies(selection.type_condition, object_type):
                self.collect_fields(object_type, selection.selections, into)
        return into

    def complete_object(
        self,
        object_type: GraphQLObjectType | GraphQLInterfaceType,
        selections: tuple[Selection, ...],
        source: dict[str, Any],
        path: Path,
    ) -> dict[str, Any] | _Null:
        result: dict[str, Any] = {}
        for response_key, fields in self.collect_fields(object_type, selections, {}).items():
            name = fields[0].name
            if name == "__typename":
                result[response_key] = object_type.name
                continue
            if name in INTROSPECTION_ROOT_FIELDS:
                result[response_key] = source.get(response_key)  # completed by the gateway already
                continue
            field_definition = object_type.fields.get(name)
            if field_definition is None:
                continue
            value = self.complete_value(
                field_definition.type, fields, source.get(response_key), [*path, response_key], object_type, name
            )
            if value is INVALID:
                return INVALID
            result[response_key] = value
        return result

    def complete_value(
        self,
        type_: GraphQLOutputType,
        fields: list[Field],
        value: Any,
        path: Path,
        parent: GraphQLObjectType | GraphQLInterfaceType,
        field_name: str,
    ) -> Any:
        if isinstance(type_, GraphQLNonNull):
            completed = self.complete_value(type_.of_type, fields, value, path, parent, field_name)
            if completed is None or completed is INVALID:
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
            items = []
            for index, item in enumerate(value):
                completed = self.complete_value(type_.of_type, fields, item, [*path, index], parent, field_name)
                if completed is INVALID:
                    return None  # a non-null item is null: the list itself becomes null
                items.append(completed)
            return items
        if isinstance(type_, GraphQLEnumType):
            if isinstance(value, str) and value in type_.values:
                return value
            self._null_error(path, f"Enum '{type_.name}' cannot represent value: {value!r}")
            return None
        if isinstance(type_, GraphQLObjectType):
            return self._complete_composite(type_, fields, value, path)
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            typename = value.get("__typename") if isinstance(value, dict) else None
            runtime = self.schema.get_type(typename) if isinstance(typename, str) else None
            if isinstance(runtime, GraphQLObjectType) and self.schema.is_sub_type(type_, runtime):
                return self._complete_composite(runtime, fields, value, path)
            if isinstance(runtime, GraphQLInterfaceType) and (
                runtime is type_ or self.schema.is_sub_type(type_, runtime)
            ):
                # from an @interfaceObject subgraph, when only the interface's own fields
                # were selected the concrete type was never needed
                return self._complete_composite(runtime, fields, value, path)
            self._null_error(path, f"Abstract type '{type_.name}' could not be resolved to an object type.")
            return None
        return value

    def _complete_composite(
        self, object_type: GraphQLObjectType | GraphQLInterfaceType, fields: list[Field], value: Any, path: Path
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self._null_error(path, f"Expected an object for type {object_type.name}.")
            return None
        if len(fields) == 1:
            selections = fields[0].selections
        else:
            selections = tuple(selection for f in fields for selection in f.selections)
        completed = self.complete_object(object_type, selections, value, path)
        return None if completed is INVALID else completed

    def _null_error(self, path: Path, message: str) -> None:
        """Report a null where the schema forbids one, unless a subgraph already explained it."""
        here = tuple(path)
        for error_path in self._error_paths:
            if error_path[: len(here)] == here or here[: len(error_path)] == error_path:
                return
        self.errors.append({"message": message, "path": list(path)})
        self._error_paths.append(here)
