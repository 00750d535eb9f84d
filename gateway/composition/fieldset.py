"""``FieldSet`` strings (``@key``, ``@requires``, ``@provides``) against a model schema."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass

from graphql import (
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
    parse,
    print_ast,
)

from .model import Field, Schema, base_type

TYPENAME = "__typename"


class FieldSetError(Exception):
    """A field set that does not parse or does not select valid fields.

    ``kind``: the error code suffix (``INVALID_FIELDS``, ``FIELDS_SELECT_INVALID_TYPE`` ...).
    """

    def __init__(self, message: str, kind: str = "INVALID_FIELDS") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


@functools.lru_cache(maxsize=4096)
def parse_selection(text: str) -> SelectionSetNode:
    """Parse ``"id org { id }"`` (with or without outer braces) as a selection set."""
    source = text.strip()
    if not source.startswith("{"):
        source = "{" + text + "}"
    try:
        document = parse(source, no_location=True)
    except GraphQLError as error:
        raise FieldSetError(error.message) from error
    operation = document.definitions[0]
    if len(document.definitions) != 1 or getattr(operation, "operation", None) is None or operation.name:  # type: ignore[attr-defined]
        raise FieldSetError("Invalid field set")
    return operation.selection_set  # type: ignore[attr-defined]


def field_of(schema: Schema, type_name: str, field_name: str) -> Field | None:
    named = schema.types.get(type_name)
    if named is None:
        return None
    if field_name == TYPENAME:
        return Field(TYPENAME, "String!")
    return named.fields.get(field_name)


@dataclass
class Selected:
    """One field selected by a field set."""

    parent: str
    field: Field
    node: FieldNode
    #: an ancestor selection (or this field) is external
    under_external: bool = False


def walk(
    schema: Schema,
    type_name: str,
    selection_set: SelectionSetNode,
    visit: Callable[[str, Field, FieldNode], None] | None = None,
    *,
    validate: bool = True,
) -> list[Selected]:
    """Resolve every field of a selection set; raise :class:`FieldSetError` when
    ``validate`` and a field does not exist (or a non-leaf has no selection)."""
    result: list[Selected] = []

    def go(parent: str, selections: SelectionSetNode) -> None:
        named = schema.types.get(parent)
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                definition = field_of(schema, parent, name) if named and named.kind in ("object", "interface") else None
                if definition is None and name == TYPENAME and named is not None:
                    definition = Field(TYPENAME, "String!")
                if definition is None:
                    if validate:
                        raise FieldSetError(f'Cannot query field "{name}" on type "{parent}".')
                    continue
                if visit is not None:
                    visit(parent, definition, selection)
                result.append(Selected(parent, definition, selection))
                child = base_type(definition.type)
                child_type = schema.types.get(child)
                composite = child_type is not None and child_type.kind in ("object", "interface", "union")
                if selection.selection_set is not None:
                    if not composite:
                        if validate:
                            raise FieldSetError(
                                f'Cannot query field "{selection.selection_set.selections[0].name.value}"'  # type: ignore[attr-defined]
                                f' on type "{child}".'
                                if isinstance(selection.selection_set.selections[0], FieldNode)
                                else f'Invalid selection on leaf field "{parent}.{name}"'
                            )
                        continue
                    go(child, selection.selection_set)
                elif composite and validate:
                    raise FieldSetError(
                        f'Invalid empty selection set for field "{parent}.{name}" of non-leaf type {definition.type}'
                    )
                if validate:
                    _check_arguments(parent, definition, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else parent
                condition_type = schema.types.get(condition)
                if condition_type is None:
                    if validate:
                        raise FieldSetError(f'Unknown type "{condition}"')
                    continue
                if condition_type.kind not in ("object", "interface", "union"):
                    if validate:
                        raise FieldSetError(f'Invalid fragment on non-composite type "{condition}"')
                    continue
                go(condition, selection.selection_set)
            elif validate:
                raise FieldSetError("Cannot find fragment name (no fragments were provided)")

    go(type_name, selection_set)
    return result


def _check_arguments(parent: str, definition: Field, node: FieldNode) -> None:
    given = {a.name.value for a in node.arguments or ()}
    for name in given:
        if name not in definition.args:
            raise FieldSetError(
                f'Unknown argument "{name}" found in value: "{parent}.{definition.name}" has no argument "{name}".'
            )
    for argument in definition.args.values():
        if argument.required and argument.name not in given:
            raise FieldSetError(
                f'Missing mandatory value for argument "{argument.name}" of field "{parent}.{definition.name}"'
                f' in selection "{print_ast(node)}"'
            )


def collect_fields(
    schema: Schema, type_name: str, text: str, include_implementations: bool = False
) -> list[tuple[str, str]]:
    """(type, field) of every field a field set selects, ignoring what does not resolve
    (Apollo's ``collectTargetFields`` without validation)."""
    try:
        selection = parse_selection(text)
    except FieldSetError:
        return []
    fields: list[tuple[str, str]] = []

    def visit(parent: str, definition: Field, _node: FieldNode) -> None:
        if definition.name == TYPENAME:
            return
        fields.append((parent, definition.name))
        named = schema.types.get(parent)
        if include_implementations and named is not None and named.kind == "interface":
            for implementation in schema.possible_types(parent):
                if definition.name in schema.types[implementation].fields:
                    fields.append((implementation, definition.name))

    with contextlib.suppress(FieldSetError):
        walk(schema, type_name, selection, visit, validate=False)
    return fields


def print_selection(selection_set: SelectionSetNode) -> str:
    """Apollo's ``SelectionSet.toString(true, false)``: ``a b { c } ... on T { d }``."""
    return " ".join(_print_selection(s) for s in selection_set.selections)


def _print_selection(selection: object) -> str:
    if isinstance(selection, FieldNode):
        text = (f"{selection.alias.value}: " if selection.alias else "") + selection.name.value
        if selection.arguments:
            text += "(" + ", ".join(f"{a.name.value}: {print_ast(a.value)}" for a in selection.arguments) + ")"
        if selection.selection_set is not None:
            text += " { " + print_selection(selection.selection_set) + " }"
        return text
    assert isinstance(selection, InlineFragmentNode)
    condition = f" on {selection.type_condition.name.value}" if selection.type_condition else ""
    return f"...{condition} {{ " + print_selection(selection.selection_set) + " }"
