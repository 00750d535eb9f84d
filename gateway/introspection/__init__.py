"""Introspection is answered by the gateway from the API schema, never by subgraphs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
    execute,
)

INTROSPECTION_ROOT_FIELDS = frozenset({"__schema", "__type"})


def introspection_document(document: DocumentNode, operation: OperationDefinitionNode) -> DocumentNode:
    """The operation reduced to its introspection root fields (fragments kept for their use)."""
    selections = tuple(
        selection
        for selection in operation.selection_set.selections
        if isinstance(selection, FieldNode) and selection.name.value in INTROSPECTION_ROOT_FIELDS
    )
    reduced = replace(operation, selection_set=SelectionSetNode(selections=selections))
    definitions = tuple(reduced if definition is operation else definition for definition in document.definitions)
    return DocumentNode(definitions=definitions)


def execute_introspection(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    result = execute(
        schema,
        introspection_document(document, operation),
        variable_values=dict(variables),
        operation_name=operation.name.value if operation.name else None,
    )
    errors = [error.formatted for error in result.errors or ()]
    return result.data or {}, errors  # type: ignore[return-value]
