"""The client's operation in a normalized form both the planner and the response shaper walk.

Named fragment spreads become inline fragments, so a selection is a tree of
:class:`Field` and :class:`InlineFragment` only. ``@skip``/``@include`` stay attached
(with constant conditions folded away), since their variables are only known per request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableDefinitionNode,
    VariableNode,
)

CONDITION_DIRECTIVES = ("skip", "include")


@dataclass(frozen=True, eq=False)
class Condition:
    """``@include(if: $variable)`` (``passes_when=True``) or ``@skip(if: $variable)``."""

    variable: str
    passes_when: bool

    def holds(self, variables: Mapping[str, Any]) -> bool:
        return bool(variables.get(self.variable)) is self.passes_when

    def __repr__(self) -> str:
        return f"{'' if self.passes_when else '!'}${self.variable}"


@dataclass(frozen=True, eq=False)
class Field:
    response_key: str
    name: str
    arguments: tuple[ArgumentNode, ...]
    #: directives passed on to subgraphs (everything but @skip/@include)
    directives: tuple[DirectiveNode, ...]
    conditions: tuple[Condition, ...]
    selections: tuple[Selection, ...]

    @property
    def alias(self) -> str | None:
        return self.response_key if self.response_key != self.name else None


@dataclass(frozen=True, eq=False)
class InlineFragment:
    type_condition: str | None
    directives: tuple[DirectiveNode, ...]
    conditions: tuple[Condition, ...]
    selections: tuple[Selection, ...]


Selection = Field | InlineFragment


@dataclass(frozen=True, eq=False)
class Operation:
    kind: OperationType
    name: str | None
    variable_definitions: tuple[VariableDefinitionNode, ...]
    selections: tuple[Selection, ...]

    @property
    def variable_names(self) -> tuple[str, ...]:
        return tuple(definition.variable.name.value for definition in self.variable_definitions)


class OperationNotFound(GraphQLError):
    pass


def select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) != 1:
            raise OperationNotFound("Must provide operation name if query contains multiple operations.")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == operation_name:
            return operation
    raise OperationNotFound(f"Unknown operation named '{operation_name}'.")


def _split_conditions(
    directives: tuple[DirectiveNode, ...] | None,
) -> tuple[bool, tuple[Condition, ...], tuple[DirectiveNode, ...]]:
    """Fold constant ``@skip``/``@include``; returns (never_included, conditions, other directives)."""
    conditions: list[Condition] = []
    others: list[DirectiveNode] = []
    for directive in directives or ():
        name = directive.name.value
        if name not in CONDITION_DIRECTIVES:
            others.append(directive)
            continue
        value = next((a.value for a in directive.arguments or () if a.name.value == "if"), None)
        passes_when = name == "include"
        if isinstance(value, BooleanValueNode):
            if value.value is not passes_when:
                return True, (), ()
        elif isinstance(value, VariableNode):
            conditions.append(Condition(value.name.value, passes_when))
    return False, tuple(conditions), tuple(others)


def normalize_operation(document: DocumentNode, operation_name: str | None = None) -> Operation:
    """Select the operation and inline its fragments (the document must be valid)."""
    operation = select_operation(document, operation_name)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def normalize(selection_set: SelectionSetNode | None) -> tuple[Selection, ...]:
        if selection_set is None:
            return ()
        result: list[Selection] = []
        for node in selection_set.selections:
            skipped, conditions, directives = _split_conditions(node.directives)
            if skipped:
                continue
            if isinstance(node, FieldNode):
                result.append(
                    Field(
                        response_key=node.alias.value if node.alias else node.name.value,
                        name=node.name.value,
                        arguments=tuple(node.arguments or ()),
                        directives=directives,
                        conditions=conditions,
                        selections=normalize(node.selection_set),
                    )
                )
            elif isinstance(node, InlineFragmentNode):
                result.append(
                    InlineFragment(
                        type_condition=node.type_condition.name.value if node.type_condition else None,
                        directives=directives,
                        conditions=conditions,
                        selections=normalize(node.selection_set),
                    )
                )
            elif isinstance(node, FragmentSpreadNode):
                fragment = fragments[node.name.value]
                result.append(
                    InlineFragment(
                        type_condition=fragment.type_condition.name.value,
                        directives=directives,
                        conditions=conditions,
                        selections=normalize(fragment.selection_set),
                    )
                )
        return tuple(result)

    return Operation(
        kind=operation.operation,
        name=operation.name.value if operation.name else None,
        variable_definitions=tuple(operation.variable_definitions or ()),
        selections=normalize(operation.selection_set),
    )


def normalize_field_set(selection_set: SelectionSetNode) -> tuple[Selection, ...]:
    """Normalize a ``FieldSet`` (``@key``/``@requires``/``@provides``), which has no fragments spreads."""
    document = DocumentNode(
        definitions=(OperationDefinitionNode(operation=OperationType.QUERY, selection_set=selection_set),)
    )
    return normalize_operation(document).selections
