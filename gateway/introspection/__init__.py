"""Introspection is answered by the gateway from the API schema, never by subgraphs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    execute,
)

INTROSPECTION_ROOT_FIELDS = frozenset({"__schema", "__type"})


def introspection_document(document: DocumentNode, operation: OperationDefinitionNode, root_type: str) -> DocumentNode:
    """The document with root selections reduced to introspection fields.

    Fragments on the root type are reduced the same way, so ``__type`` inside a
    fragment spread or an inline fragment is still answered.
    """

    def reduce(selection_set: SelectionSetNode) -> SelectionSetNode:
        kept: list[SelectionNode] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION_ROOT_FIELDS:
                    kept.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                kept.append(replace(selection, selection_set=reduce(selection.selection_set)))
            else:
                kept.append(selection)
        return SelectionSetNode(selections=tuple(kept))

    definitions = []
    for definition in document.definitions:
        if definition is operation:
            definitions.append(replace(operation, selection_set=reduce(operation.selection_set)))
        elif isinstance(definition, FragmentDefinitionNode) and definition.type_condition.name.value == root_type:
            definitions.append(replace(definition, selection_set=reduce(definition.selection_set)))
        else:
            definitions.append(definition)
    return DocumentNode(definitions=tuple(definitions))


def execute_introspection(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    result = execute(
        schema,
        introspection_document(document, operation, schema.query_type.name if schema.query_type else "Query"),
        variable_values=dict(variables),
        operation_name=operation.name.value if operation.name else None,
    )
    errors = [error.formatted for error in result.errors or ()]
    return result.data or {}, errors  # type: ignore[return-value]
