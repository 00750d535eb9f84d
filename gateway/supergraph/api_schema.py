"""Derive the client-facing API schema from a supergraph document.

The API schema is the supergraph without the machinery of linked features (join, link,
core, tag ...) and without ``@inaccessible`` elements; it is what clients validate
against and what introspection shows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    NamedTypeNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
)

from .errors import SupergraphError
from .links import LinkedFeatures

_KEPT_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "oneOf"})


def _named_type(type_node: TypeNode) -> str:
    while not isinstance(type_node, NamedTypeNode):
        type_node = type_node.type  # type: ignore[attr-defined]
    return type_node.name.value


def build_api_schema(document: DocumentNode, links: LinkedFeatures, inaccessible: str) -> GraphQLSchema:
    def is_hidden(node: Any) -> bool:
        return any(d.name.value == inaccessible for d in getattr(node, "directives", None) or ())

    removed_types = {
        definition.name.value
        for definition in document.definitions
        if isinstance(definition, TypeDefinitionNode)
        and (is_hidden(definition) or links.is_feature_element(definition.name.value))
    }

    def visible_directives(node: Any) -> tuple:
        return tuple(d for d in node.directives or () if d.name.value in _KEPT_DIRECTIVES)

    def keep(node: Any) -> bool:
        return not is_hidden(node)

    definitions = []
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            operation_types = tuple(
                op for op in definition.operation_types or () if op.type.name.value not in removed_types
            )
            definitions.append(replace(definition, directives=(), operation_types=operation_types))
        elif isinstance(definition, DirectiveDefinitionNode):
            if not links.is_feature_element(definition.name.value) and definition.name.value not in ("link", "core"):
                definitions.append(definition)
        elif isinstance(definition, TypeDefinitionNode):
            if definition.name.value in removed_types:
                continue
            changes: dict[str, Any] = {"directives": visible_directives(definition)}
            if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
                changes["fields"] = tuple(
                    replace(
                        field,
                        directives=visible_directives(field),
                        arguments=tuple(
                            replace(argument, directives=visible_directives(argument))
                            for argument in field.arguments or ()
                            if keep(argument)
                        ),
                    )
                    for field in definition.fields or ()
                    if keep(field) and _named_type(field.type) not in removed_types
                )
                changes["interfaces"] = tuple(
                    interface for interface in definition.interfaces or () if interface.name.value not in removed_types
                )
            elif isinstance(definition, UnionTypeDefinitionNode):
                changes["types"] = tuple(
                    member for member in definition.types or () if member.name.value not in removed_types
                )
            elif isinstance(definition, EnumTypeDefinitionNode):
                changes["values"] = tuple(
                    replace(value, directives=visible_directives(value))
                    for value in definition.values or ()
                    if keep(value)
                )
            elif isinstance(definition, InputObjectTypeDefinitionNode):
                changes["fields"] = tuple(
                    replace(field, directives=visible_directives(field))
                    for field in definition.fields or ()
                    if keep(field)
                )
            definitions.append(replace(definition, **changes))
    try:
        return build_ast_schema(DocumentNode(definitions=tuple(definitions)), assume_valid_sdl=False)
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"cannot derive the API schema: {error}") from error
