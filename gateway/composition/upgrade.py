"""Upgrade Federation 1 subgraphs to Federation 2 semantics before merging.

After Apollo's ``SchemaUpgrader``: Federation 1 had no ``@shareable`` (a field of an entity
or root type resolved by several subgraphs, and value types, were implicitly shareable),
accepted ``extend type`` for entities owned elsewhere, marked key fields of extensions
``@external``, and ignored some directives where Federation 2 rejects them.
"""

from __future__ import annotations

import copy

from .fieldset import FieldSetError, parse_selection, print_selection, walk
from .issues import Reporter
from .metadata import Metadata
from .model import Applied, NamedType, Schema, base_type, has_directive, value_equals
from .specs import EXTENDS, EXTERNAL, INTERFACE_OBJECT, KEY, PROVIDES, REQUIRES, SHAREABLE, TAG, UPGRADED_FED1_VERSION
from .subgraph import Subgraph, is_federation_type_extension


def upgrade_subgraphs(subgraphs: list[Subgraph], reporter: Reporter) -> list[Subgraph]:
    """Upgrade the Federation 1 subgraphs in place; report errors."""
    if all(not s.fed1 for s in subgraphs):
        return subgraphs
    originals = {s.name: (s.schema, Metadata(s.schema, not s.fed1)) for s in subgraphs}
    upgraded_schemas: dict[str, Schema] = {}
    interface_object_types: dict[str, list[str]] = {}
    interface_key_types: dict[str, list[str]] = {}
    for subgraph in subgraphs:
        if not subgraph.fed1:
            for named in subgraph.schema.types.values():
                if named.has_directive(INTERFACE_OBJECT):
                    interface_object_types.setdefault(named.name, []).append(subgraph.name)
            continue
        upgrader = _Upgrader(subgraph, originals, reporter)
        schema = upgrader.upgrade()
        if schema is not None:
            upgraded_schemas[subgraph.name] = schema
            for type_name in upgrader.interface_keys:
                interface_key_types.setdefault(type_name, []).append(subgraph.name)
    for subgraph in subgraphs:
        if subgraph.name in upgraded_schemas:
            subgraph.schema = upgraded_schemas[subgraph.name]
            subgraph.version = UPGRADED_FED1_VERSION
    from .issues import subgraph_list

    for type_name, object_subgraphs in interface_object_types.items():
        key_subgraphs = interface_key_types.get(type_name)
        if key_subgraphs:
            reporter.error(
                "INTERFACE_OBJECT_USAGE_ERROR",
                f'The @interfaceObject directive is used on type "{type_name}" in {subgraph_list(object_subgraphs)},'
                " which requires other subgraphs to resolve its type name via an interface @key. However, @key on an"
                " interface in a federation 1 subgraph does not mean it can fulfill the __typename-resolution"
                " requirement that @interfaceObject depends on. For"
                f" {subgraph_list(key_subgraphs)}, either upgrade them to federation 2 subgraphs or remove @key from"
                " the type.",
                [*object_subgraphs, *key_subgraphs],
                [type_name],
            )
    return subgraphs


class _Upgrader:
    def __init__(self, subgraph: Subgraph, originals: dict[str, tuple[Schema, Metadata]], reporter: Reporter) -> None:
        self.subgraph = subgraph
        self.name = subgraph.name
        self.originals = originals
        self.original_meta = originals[subgraph.name][1]
        self.schema: Schema = copy.deepcopy(subgraph.schema)
        self.reporter = reporter
        self.failed = False
        self.interface_keys: set[str] = set()

    def error(self, code: str, message: str, coordinates: list[str]) -> None:
        self.failed = True
        self.reporter.error(code, f"[{self.name}] {message}", [self.name], coordinates)

    def others(self, type_name: str) -> list[tuple[str, NamedType, Metadata]]:
        result = []
        for name, (schema, meta) in self.originals.items():
            if name == self.name:
                continue
            named = schema.types.get(type_name)
            if named is not None and named.kind in ("object", "interface"):
                result.append((name, named, meta))
        return result

    def meta(self) -> Metadata:
        return Metadata(self.schema, True)

    def upgrade(self) -> Schema | None:
        for named in list(self.schema.types.values()):
            self.check_extension_with_no_base(named)
        self.fix_fields_arguments()
        self.remove_external_on_interfaces()
        self.remove_external_on_object_types()
        self.remove_external_on_type_extensions()
        self.fix_inactive_provides_and_requires()
        self.remove_type_extensions()
        self.remove_directives_on_interfaces()
        self.remove_provides_on_non_composite()
        self.remove_unused_externals()
        self.add_shareable()
        self.remove_tag_on_external()
        return None if self.failed else self.schema

    def is_root_type_extension(self, named: NamedType) -> bool:
        return (
            named.kind == "object"
            and self.schema.root_kind_of(named.name) is not None
            and (named.has_directive(EXTENDS) or (named.has_extension and not named.has_definition))
        )

    def check_extension_with_no_base(self, named: NamedType) -> None:
        if self.is_root_type_extension(named) or not is_federation_type_extension(named):
            return
        for _name, other, _meta in self.others(named.name):
            if other.has_definition:
                return
        self.error(
            "EXTENSION_WITH_NO_BASE",
            f'Type "{named.name}" is an extension type, but there is no type definition for "{named.name}" in any'
            " subgraph.",
            [named.name],
        )

    def fix_fields_arguments(self) -> None:
        for named in self.schema.types.values():
            holders = [named.directives] + [f.directives for f in named.fields.values()]
            for directives in holders:
                for directive in directives:
                    if directive.name not in (KEY, REQUIRES, PROVIDES):
                        continue
                    value = directive.args.get("fields")
                    if isinstance(value, list) and all(isinstance(v, str) for v in value):
                        directive.args["fields"] = " ".join(value)
                    elif isinstance(value, str) and type(value) is not str:  # an enum literal
                        directive.args["fields"] = str(value)

    def remove_external_on_interfaces(self) -> None:
        for named in self.schema.types.values():
            if named.kind == "interface":
                for f in named.fields.values():
                    f.directives = [d for d in f.directives if d.name != EXTERNAL]

    def remove_external_on_object_types(self) -> None:
        for named in self.schema.types.values():
            if named.kind == "object":
                named.directives = [d for d in named.directives if d.name != EXTERNAL]

    def remove_external_on_type_extensions(self) -> None:
        from .fieldset import collect_fields

        for named in self.schema.types.values():
            if named.kind not in ("object", "interface", "union"):
                continue
            if not is_federation_type_extension(named) and not self.is_root_type_extension(named):
                continue
            keys = named.directives_named(KEY)
            if keys:
                for key in keys:
                    for parent, field_name in collect_fields(self.schema, named.name, str(key.arg("fields", ""))):
                        if parent != named.name:
                            continue
                        f = named.fields.get(field_name)
                        if f is not None:
                            f.directives = [d for d in f.directives if d.name != EXTERNAL]
            else:
                for _name, other, other_meta in self.others(named.name):
                    other_keys = other.directives_named(KEY)
                    if not other_keys:
                        continue
                    schema = other_meta.schema
                    for parent, field_name in collect_fields(schema, other.name, str(other_keys[0].arg("fields", ""))):
                        if parent != other.name:
                            continue
                        own = named.fields.get(field_name)
                        if own is not None:
                            own.directives = [d for d in own.directives if d.name != EXTERNAL]

    def _is_external_or_has_external_implementations(self, type_name: str, field_name: str) -> bool:
        f = self.schema.field(type_name, field_name)
        if f is not None and has_directive(f, EXTERNAL):
            return True
        named = self.schema.types.get(type_name)
        if named is not None and named.kind == "interface":
            for implementation in self.schema.possible_types(type_name):
                implementation_field = self.schema.field(implementation, field_name)
                if implementation_field is not None and has_directive(implementation_field, EXTERNAL):
                    return True
        return False

    def _without_non_external_leaves(self, parent: str, selection_set: object) -> str:
        """The selection minus the leaves that are not external (Apollo's
        ``withoutNonExternalLeafFields``), printed; "" when nothing is left."""
        from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

        def keep(type_name: str, selections: SelectionSetNode) -> SelectionSetNode | None:
            kept = []
            for selection in selections.selections:
                if isinstance(selection, FieldNode):
                    if self._is_external_or_has_external_implementations(type_name, selection.name.value):
                        kept.append(selection)
                        continue
                    if selection.selection_set is not None:
                        f = self.schema.field(type_name, selection.name.value)
                        child = keep(base_type(f.type), selection.selection_set) if f else None
                        if child is not None:
                            kept.append(
                                FieldNode(
                                    alias=selection.alias,
                                    name=selection.name,
                                    arguments=selection.arguments,
                                    directives=selection.directives,
                                    selection_set=child,
                                )
                            )
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition.name.value if selection.type_condition else type_name
                    child = keep(condition, selection.selection_set)
                    if child is not None:
                        kept.append(
                            InlineFragmentNode(
                                type_condition=selection.type_condition,
                                directives=selection.directives,
                                selection_set=child,
                            )
                        )
            return SelectionSetNode(selections=tuple(kept)) if kept else None

        result = keep(parent, selection_set)  # type: ignore[arg-type]
        return print_selection(result) if result is not None else ""

    def _selects_non_external_leaf(self, parent: str, selection_set: object) -> bool:
        from graphql import FieldNode, InlineFragmentNode

        for selection in selection_set.selections:  # type: ignore[attr-defined]
            if isinstance(selection, FieldNode):
                if self._is_external_or_has_external_implementations(parent, selection.name.value):
                    continue
                if selection.selection_set is None:
                    return True
                f = self.schema.field(parent, selection.name.value)
                if f is not None and self._selects_non_external_leaf(base_type(f.type), selection.selection_set):
                    return True
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else parent
                if self._selects_non_external_leaf(condition, selection.selection_set):
                    return True
        return False

    def fix_inactive_provides_and_requires(self) -> None:
        for named in self.schema.types.values():
            if named.kind not in ("object", "interface"):
                continue
            for f in named.fields.values():
                for directive_name, target in ((PROVIDES, base_type(f.type)), (REQUIRES, named.name)):
                    for directive in [d for d in f.directives if d.name == directive_name]:
                        try:
                            selection = parse_selection(str(directive.arg("fields", "")))
                            walk(self.schema, target, selection)
                        except FieldSetError:
                            continue
                        if not self._selects_non_external_leaf(target, selection):
                            continue
                        f.directives.remove(directive)
                        updated = self._without_non_external_leaves(target, selection)
                        if updated:
                            f.directives.append(Applied(directive_name, {"fields": updated}))

    def remove_type_extensions(self) -> None:
        for named in self.schema.types.values():
            if not is_federation_type_extension(named) and not self.is_root_type_extension(named):
                continue
            named.has_extension = False
            named.has_definition = True
            for f in named.fields.values():
                f.extension = False
            for d in named.directives:
                d.extension = False

    def remove_directives_on_interfaces(self) -> None:
        for named in self.schema.types.values():
            if named.kind != "interface":
                continue
            if named.has_directive(KEY):
                self.interface_keys.add(named.name)
                named.directives = [d for d in named.directives if d.name != KEY]
            for f in named.fields.values():
                f.directives = [d for d in f.directives if d.name not in (PROVIDES, REQUIRES)]

    def remove_provides_on_non_composite(self) -> None:
        for named in self.schema.types.values():
            if named.kind != "object":
                continue
            for f in named.fields.values():
                target = self.schema.types.get(base_type(f.type))
                if target is None or target.kind not in ("object", "interface", "union"):
                    f.directives = [d for d in f.directives if d.name != PROVIDES]

    def remove_unused_externals(self) -> None:
        meta = self.meta()
        for named in list(self.schema.types.values()):
            if named.kind not in ("object", "interface"):
                continue
            for field_name in list(named.fields):
                if meta.is_external(named.name, field_name) and not meta.is_used(named.name, field_name):
                    del named.fields[field_name]
            if not named.fields and self.schema.roots.get("query") != named.name:  # Query keeps _service
                if self.schema.is_referenced(named.name):
                    self.error(
                        "TYPE_WITH_ONLY_UNUSED_EXTERNAL",
                        f"Type {named.name} contains only external fields and all those fields are all unused (they"
                        " do not appear in any @key, @provides or @requires).",
                        [named.name],
                    )
                else:
                    del self.schema.types[named.name]

    def add_shareable(self) -> None:
        for named in self.schema.types.values():
            if named.kind != "object" or self.schema.roots.get("subscription") == named.name:
                continue
            others = self.others(named.name)
            if named.has_directive(KEY) or self.schema.root_kind_of(named.name) is not None:
                for f in named.fields.values():
                    if self.original_meta.is_shareable(named.name, f.name):
                        continue
                    resolving = [
                        name
                        for name, other, other_meta in others
                        if f.name in other.fields
                        and (
                            not other_meta.is_external(other.name, f.name)
                            or other_meta.is_partially_external(other.name, f.name)
                        )
                    ]
                    if resolving and not has_directive(f, SHAREABLE):
                        f.directives.append(Applied(SHAREABLE))
            elif others and not named.has_directive(SHAREABLE):
                named.directives.append(Applied(SHAREABLE))

    def remove_tag_on_external(self) -> None:
        for named in self.schema.types.values():
            for f in named.fields.values():
                if not has_directive(f, EXTERNAL):
                    continue
                for tag in [d for d in f.directives if d.name == TAG]:
                    for name, (schema, _meta) in self.originals.items():
                        if name == self.name:
                            continue
                        other = schema.field(named.name, f.name)
                        if other is None or has_directive(other, EXTERNAL):
                            continue
                        if any(d.name == TAG and value_equals(d.args, tag.args) for d in other.directives):
                            f.directives.remove(tag)
                            break
