"""Federation facts about one subgraph: which fields are external, shareable, used ...

After Apollo's ``FederationMetadata`` / ``ExternalTester`` / ``computeShareables``. Compute
a new :class:`Metadata` after editing the subgraph schema (the Federation 1 upgrade does).
"""

from __future__ import annotations

from functools import cached_property

from .fieldset import collect_fields
from .model import Field, NamedType, Schema, base_type, has_directive
from .specs import CONTEXT, EXTENDS, EXTERNAL, FROM_CONTEXT, INTERFACE_OBJECT, KEY, PROVIDES, REQUIRES, SHAREABLE


def coordinate(type_name: str, field_name: str) -> str:
    return f"{type_name}.{field_name}"


class Metadata:
    def __init__(self, schema: Schema, is_fed2: bool) -> None:
        self.schema = schema
        self.is_fed2 = is_fed2

    # ------------------------------------------------------------------ external

    @cached_property
    def fake_externals(self) -> set[str]:
        """Key fields marked @external on a type extension: not really external."""
        result: set[str] = set()
        for named in self.schema.types.values():
            for key in named.directives_named(KEY):
                if not (key.extension or named.has_directive(EXTENDS)):
                    continue
                for parent, field_name in collect_fields(self.schema, named.name, str(key.arg("fields", ""))):
                    definition = self.schema.field(parent, field_name)
                    if definition is not None and has_directive(definition, EXTERNAL):
                        result.add(coordinate(parent, field_name))
        return result

    @cached_property
    def provided(self) -> set[str]:
        result: set[str] = set()
        for named in self.schema.types.values():
            for f in named.fields.values():
                for provides in (d for d in f.directives if d.name == PROVIDES):
                    target = self.schema.types.get(base_type(f.type))
                    if target is None or target.kind not in ("object", "interface", "union"):
                        continue
                    for parent, field_name in collect_fields(
                        self.schema, target.name, str(provides.arg("fields", "")), include_implementations=True
                    ):
                        result.add(coordinate(parent, field_name))
        return result

    @cached_property
    def external_on_type(self) -> set[str]:
        if not self.is_fed2:
            return set()
        return {
            coordinate(named.name, f)
            for named in self.schema.types.values()
            if named.kind == "object" and named.has_directive(EXTERNAL)
            for f in named.fields
        }

    def is_external(self, type_name: str, field_name: str) -> bool:
        definition = self.schema.field(type_name, field_name)
        if definition is None:
            return False
        key = coordinate(type_name, field_name)
        return (has_directive(definition, EXTERNAL) or key in self.external_on_type) and key not in self.fake_externals

    def is_fake_external(self, type_name: str, field_name: str) -> bool:
        return coordinate(type_name, field_name) in self.fake_externals

    def is_partially_external(self, type_name: str, field_name: str) -> bool:
        return self.is_external(type_name, field_name) and coordinate(type_name, field_name) in self.provided

    def is_fully_external(self, type_name: str, field_name: str) -> bool:
        return self.is_external(type_name, field_name) and coordinate(type_name, field_name) not in self.provided

    # ------------------------------------------------------------------ shareable

    @cached_property
    def shareables(self) -> set[str]:
        result: set[str] = set()

        def add_keys(named: NamedType) -> None:
            for key in named.directives_named(KEY):
                for parent, field_name in collect_fields(
                    self.schema, named.name, str(key.arg("fields", "")), include_implementations=True
                ):
                    result.add(coordinate(parent, field_name))

        for named in self.schema.types.values():
            if named.kind == "interface":
                add_keys(named)
            if named.kind != "object":
                continue
            add_keys(named)
            on_type = named.directives_named(SHAREABLE) if self.is_fed2 else []
            for f in named.fields.values():
                if (self.is_fed2 and has_directive(f, SHAREABLE)) or any(d.extension == f.extension for d in on_type):
                    result.add(coordinate(named.name, f.name))
                for provides in (d for d in f.directives if d.name == PROVIDES):
                    target = self.schema.types.get(base_type(f.type))
                    if target is None or target.kind not in ("object", "interface", "union"):
                        continue
                    for parent, field_name in collect_fields(
                        self.schema, target.name, str(provides.arg("fields", "")), include_implementations=True
                    ):
                        if self.is_external(parent, field_name):
                            result.add(coordinate(parent, field_name))
        return result

    def is_shareable(self, type_name: str, field_name: str) -> bool:
        return coordinate(type_name, field_name) in self.shareables

    # ------------------------------------------------------------------ used fields

    @cached_property
    def used(self) -> set[str]:
        """Fields a @key/@requires/@provides/@fromContext selects, or implementing an
        interface field (Apollo's ``collectUsedFields``)."""
        result: set[str] = set()
        schema = self.schema
        for named in schema.types.values():
            for key in named.directives_named(KEY):
                for parent, f in collect_fields(schema, named.name, str(key.arg("fields", "")), True):
                    result.add(coordinate(parent, f))
            for f in named.fields.values():
                for directive in f.directives:
                    if directive.name == REQUIRES:
                        target = named.name
                    elif directive.name == PROVIDES:
                        target = base_type(f.type)
                        if schema.types.get(target) is None or schema.types[target].kind not in (
                            "object",
                            "interface",
                            "union",
                        ):
                            continue
                    else:
                        continue
                    for parent, used in collect_fields(schema, target, str(directive.arg("fields", "")), True):
                        result.add(coordinate(parent, used))
        self._collect_context_fields(result)
        for named in schema.types.values():
            if named.kind != "interface":
                continue
            for implementation in schema.implementations(named.name):
                for field_name in named.fields:
                    if field_name in implementation.fields:
                        result.add(coordinate(implementation.name, field_name))
        return result

    def _collect_context_fields(self, result: set[str]) -> None:
        from .context import parse_context

        schema = self.schema
        entry_points: dict[str, list[str]] = {}
        for named in schema.types.values():
            for directive in named.directives_named(CONTEXT):
                entry_points.setdefault(str(directive.arg("name", "")), []).append(named.name)
        for named in schema.types.values():
            for f in named.fields.values():
                for argument in f.args.values():
                    for directive in argument.directives:
                        if directive.name != FROM_CONTEXT:
                            continue
                        context, selection = parse_context(str(directive.arg("field", "")))
                        if not context or selection is None:
                            continue
                        for context_type in entry_points.get(context, ()):
                            for parent, used in collect_fields(schema, context_type, selection, True):
                                result.add(coordinate(parent, used))

    def is_used(self, type_name: str, field_name: str) -> bool:
        return coordinate(type_name, field_name) in self.used

    # ------------------------------------------------------------------ misc

    def is_interface_object(self, type_name: str) -> bool:
        named = self.schema.types.get(type_name)
        return named is not None and named.kind == "object" and named.has_directive(INTERFACE_OBJECT)

    def is_entity(self, type_name: str) -> bool:
        named = self.schema.types.get(type_name)
        return named is not None and named.kind in ("object", "interface") and named.has_directive(KEY)

    def field(self, type_name: str, field_name: str) -> Field | None:
        return self.schema.field(type_name, field_name)
