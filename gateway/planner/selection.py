"""A mutable selection set the planner fills while it assigns fields to subgraphs.

Each fetch of the plan owns one :class:`FetchSelection`; once planning is done it is
printed into the operation text sent to the subgraph.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from graphql import ArgumentNode, DirectiveNode, ValueNode, VariableNode, print_ast
from graphql.language import Visitor, visit

from .operation import Condition


def _collect_variables(nodes: Iterable[ArgumentNode | DirectiveNode | ValueNode], into: set[str]) -> None:
    class _Collector(Visitor):
        def enter_variable(self, node: VariableNode, *_: object) -> None:
            into.add(node.name.value)

    for node in nodes:
        visit(node, _Collector())


def print_arguments(arguments: tuple[ArgumentNode, ...]) -> str:
    if not arguments:
        return ""
    return "(" + ", ".join(print_ast(argument) for argument in arguments) + ")"


def print_directives(directives: tuple[DirectiveNode, ...], conditions: tuple[Condition, ...]) -> str:
    parts = [f" @{'include' if c.passes_when else 'skip'}(if: ${c.variable})" for c in conditions]
    parts.extend(" " + print_ast(directive) for directive in directives)
    return "".join(parts)


class FetchField:
    __slots__ = (
        "arguments",
        "conditions",
        "directives",
        "name",
        "output_type",
        "response_key",
        "selection",
        "signature",
    )

    def __init__(
        self,
        response_key: str,
        name: str,
        arguments: tuple[ArgumentNode, ...] = (),
        directives: tuple[DirectiveNode, ...] = (),
        conditions: tuple[Condition, ...] = (),
        composite: bool = False,
        output_type: str = "",
    ) -> None:
        self.response_key = response_key
        #: the field's type in the subgraph: same-named fields of different types need aliases
        self.output_type = output_type
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.conditions = conditions
        self.selection = FetchSelection() if composite else None
        self.signature = field_signature(name, arguments)


def field_signature(name: str, arguments: tuple[ArgumentNode, ...]) -> str:
    """What must be equal for two fields to share one response key."""
    return name + print_arguments(arguments)


def conditions_key(directives: tuple[DirectiveNode, ...], conditions: tuple[Condition, ...]) -> str:
    return print_directives(directives, conditions)


class FetchFragment:
    __slots__ = ("conditions", "directives", "selection", "type_condition")

    def __init__(
        self, type_condition: str, directives: tuple[DirectiveNode, ...], conditions: tuple[Condition, ...]
    ) -> None:
        self.type_condition = type_condition
        self.directives = directives
        self.conditions = conditions
        self.selection = FetchSelection()


class FetchSelection:
    """Fields keyed by (response key, directives) and inline fragments keyed by type."""

    __slots__ = ("fields", "fragments")

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str], FetchField] = {}
        self.fragments: dict[tuple[str, str], FetchFragment] = {}

    def __bool__(self) -> bool:
        return bool(self.fields) or any(fragment.selection for fragment in self.fragments.values())

    def find(self, response_key: str) -> FetchField | None:
        """Any field already using ``response_key`` (whatever its directives)."""
        for (key, _), existing in self.fields.items():
            if key == response_key:
                return existing
        return None

    def add_field(
        self,
        response_key: str,
        name: str,
        arguments: tuple[ArgumentNode, ...] = (),
        directives: tuple[DirectiveNode, ...] = (),
        conditions: tuple[Condition, ...] = (),
        composite: bool = False,
        output_type: str = "",
    ) -> FetchField:
        key = (response_key, conditions_key(directives, conditions))
        existing = self.fields.get(key)
        if existing is None:
            existing = FetchField(response_key, name, arguments, directives, conditions, composite, output_type)
            self.fields[key] = existing
        return existing

    def rename(self, fetch_field: FetchField, alias: str) -> None:
        """Give a field another response key (keeping its place)."""
        self.fields = {
            ((alias, key[1]) if existing is fetch_field else key): existing for key, existing in self.fields.items()
        }
        fetch_field.response_key = alias

    def add_typename(self) -> None:
        self.add_field("__typename", "__typename")

    def fragment(
        self,
        type_condition: str,
        directives: tuple[DirectiveNode, ...] = (),
        conditions: tuple[Condition, ...] = (),
    ) -> FetchSelection:
        key = (type_condition, conditions_key(directives, conditions))
        existing = self.fragments.get(key)
        if existing is None:
            existing = self.fragments[key] = FetchFragment(type_condition, directives, conditions)
        return existing.selection

    def print(self, variables: set[str] | None = None) -> str:
        """Print as ``{ ... }``; collects used variable names into ``variables``."""
        parts: list[str] = []
        for fetch_field in self.fields.values():
            text = fetch_field.name
            if fetch_field.response_key != fetch_field.name:
                text = f"{fetch_field.response_key}: {text}"
            text += print_arguments(fetch_field.arguments)
            text += print_directives(fetch_field.directives, fetch_field.conditions)
            if variables is not None:
                _collect_variables((*fetch_field.arguments, *fetch_field.directives), variables)
                variables.update(c.variable for c in fetch_field.conditions)
            if fetch_field.selection is not None:
                if not fetch_field.selection:
                    fetch_field.selection.add_typename()
                text += " " + fetch_field.selection.print(variables)
            parts.append(text)
        for fragment in self.fragments.values():
            if not fragment.selection:
                continue
            if variables is not None:
                _collect_variables(fragment.directives, variables)
                variables.update(c.variable for c in fragment.conditions)
            directives_text = print_directives(fragment.directives, fragment.conditions)
            parts.append(f"... on {fragment.type_condition}{directives_text} {fragment.selection.print(variables)}")
        return "{" + " ".join(parts) + "}"


def alias_type_conflicts(
    selection: FetchSelection, path: tuple[str, ...], renames: list[tuple[tuple[str, ...], str, str]]
) -> None:
    """Alias fields that share a response key across type fragments but differ in type.

    A subgraph rejects ``... on A { id } ... on B { id }`` when ``A.id: ID!`` and
    ``B.id: ID`` (FieldsInSetCanMerge); the supergraph hides such differences. Each
    rename is recorded as (path below the fetch root, alias, response key) so the
    executor can undo it.
    """
    #: response key -> (selection holding the field, the field, inside a type fragment?)
    occurrences: dict[str, list[tuple[FetchSelection, FetchField, bool]]] = {}

    def gather(container: FetchSelection, in_fragment: bool) -> None:
        for fetch_field in list(container.fields.values()):
            occurrences.setdefault(fetch_field.response_key, []).append((container, fetch_field, in_fragment))
        for fragment in container.fragments.values():
            gather(fragment.selection, True)

    gather(selection, False)
    for response_key, found in occurrences.items():
        if len({fetch_field.output_type for _, fetch_field, _ in found}) < 2:
            continue
        for container, fetch_field, in_fragment in found:
            if not in_fragment:
                continue
            alias = f"_tb{zlib.crc32(fetch_field.output_type.encode()):08x}_{response_key}"
            container.rename(fetch_field, alias)
            renames.append((path, alias, response_key))
    for found in occurrences.values():
        for _, fetch_field, _ in found:
            if fetch_field.selection is not None:
                alias_type_conflicts(fetch_field.selection, (*path, fetch_field.response_key), renames)


def selections_compatible(a: FetchSelection, b: FetchSelection) -> bool:
    """Can ``b`` be merged into ``a`` with every response key still meaning one field?"""
    for fetch_field in b.fields.values():
        other = a.find(fetch_field.response_key)
        if other is None:
            continue
        if other.signature != fetch_field.signature:
            return False
        if (
            other.selection is not None
            and fetch_field.selection is not None
            and not selections_compatible(other.selection, fetch_field.selection)
        ):
            return False
    for key, fragment in b.fragments.items():
        other_fragment = a.fragments.get(key)
        if other_fragment is not None and not selections_compatible(other_fragment.selection, fragment.selection):
            return False
    return True


def merge_selection(target: FetchSelection, source: FetchSelection) -> None:
    """Add ``source`` to ``target`` (check :func:`selections_compatible` first)."""
    for key, fetch_field in source.fields.items():
        existing = target.fields.get(key)
        if existing is None:
            target.fields[key] = fetch_field
        elif existing.selection is not None and fetch_field.selection is not None:
            merge_selection(existing.selection, fetch_field.selection)
    for key, fragment in source.fragments.items():
        existing_fragment = target.fragments.get(key)
        if existing_fragment is None:
            target.fragments[key] = fragment
        else:
            merge_selection(existing_fragment.selection, fragment.selection)
