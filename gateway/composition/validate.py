"""Federation validation of one (Federation 2 or upgraded) subgraph.

After Apollo's ``FederationBlueprint.onValidation``: field sets of ``@key``, ``@requires``
and ``@provides``; ``@external`` usage; interface keys and ``@interfaceObject``;
``@shareable`` placement; ``@context``/``@fromContext``; ``@cost``/``@listSize``; auth
directives on interfaces.
"""

from __future__ import annotations

from graphql import print_ast

from .context import parse_context
from .fieldset import TYPENAME, FieldSetError, Selected, parse_selection, walk
from .issues import Reporter, human_list
from .metadata import Metadata
from .model import Applied, NamedType, base_type, has_directive, is_list, is_non_null, nullable
from .sdl import print_applied
from .specs import (
    AUTHENTICATED,
    CONTEXT,
    COST,
    EXTERNAL,
    FROM_CONTEXT,
    INTERFACE_OBJECT,
    KEY,
    LIST_SIZE,
    POLICY,
    PROVIDES,
    REQUIRES,
    REQUIRES_SCOPES,
    SHAREABLE,
)
from .subgraph import Subgraph

_COMPOSITE = ("object", "interface", "union")


class _Abort(Exception):
    def __init__(self, code: str, message: str, coordinates: list[str]) -> None:
        super().__init__(message)
        self.code, self.message, self.coordinates = code, message, coordinates


class SubgraphValidator:
    def __init__(self, subgraph: Subgraph, reporter: Reporter) -> None:
        self.subgraph = subgraph
        self.schema = subgraph.schema
        self.meta = Metadata(subgraph.schema, True)
        self.reporter = reporter
        self.name = subgraph.name

    def error(self, code: str, message: str, coordinates: list[str] | tuple[str, ...] = ()) -> None:
        self.reporter.error(code, f"[{self.name}] {message}", [self.name], coordinates)

    def local(self, internal: str) -> str:
        return self.subgraph.local(internal)

    def directive_text(self, applied: Applied) -> str:
        if applied.node is not None:
            return print_ast(applied.node)
        return print_applied(Applied(self.local(applied.name), applied.args))

    def validate(self) -> None:
        before = len(self.reporter.errors)
        try:
            self._validate()
        except _Abort as abort:
            # Apollo throws these from the middle of its validation: they are the only error
            del self.reporter.errors[before:]
            self.error(abort.code, abort.message, abort.coordinates)

    def _validate(self) -> None:
        types = list(self.schema.types.values())
        for named in types:
            for key in named.directives_named(KEY):
                self.validate_key(named, key)
        for named in types:
            for f in named.fields.values():
                for directive in f.directives:
                    if directive.name == REQUIRES:
                        self.validate_requires(named, f.name, directive)
        for named in types:
            for f in named.fields.values():
                for directive in f.directives:
                    if directive.name == PROVIDES:
                        self.validate_provides(named, f.name, directive)
        self.validate_context()
        self.validate_external_on_interfaces()
        self.validate_external_used()
        self.validate_interface_keys()
        self.validate_interface_objects()
        self.validate_shareable()
        self.validate_cost()
        self.validate_auth_on_interfaces()

    # ------------------------------------------------------------------ field sets

    def _field_set(
        self,
        directive: Applied,
        target: str,
        element: str,
        directive_name: str,
        *,
        allow_non_external_leaves: bool,
        allow_arguments: bool,
        key: bool = False,
    ) -> None:
        code_prefix = directive_name.upper()
        prefix = f"On {element}, for {self.directive_text(directive)}: "
        fields = directive.arg("fields")
        if not isinstance(fields, str):
            self.error(
                f"{code_prefix}_INVALID_FIELDS_TYPE",
                f'{prefix}Invalid value for argument "fields": must be a string.',
            )
            return
        coordinates = [element.split('"')[1]]
        try:
            selection = parse_selection(fields)
            selected = walk(self.schema, target, selection, self._key_field_check if key else None)
            for item in selected:
                if item.node.alias is not None:
                    raise FieldSetError(
                        f'Cannot use alias "{item.node.alias.value}" in'
                        f' "{item.node.alias.value}: {item.node.name.value}": aliases are not currently supported'
                        f" in @{self.local(directive.name)}"
                    )
        except FieldSetError as error:
            message = error.message
            if message.startswith("Cannot query field"):
                message = message.removesuffix(".")
                if key:
                    message += (
                        " (the field should either be added to this subgraph or, if it should not be resolved by this"
                        " subgraph, you need to add it to this subgraph with @external)."
                    )
                else:
                    message += (
                        " (if the field is defined in another subgraph, you need to add it to this subgraph with"
                        " @external)."
                    )
            self.error(f"{code_prefix}_{error.kind}", prefix + message, coordinates)
            return
        self._check_selections(
            directive, selection, target, code_prefix, prefix, coordinates, allow_non_external_leaves, allow_arguments
        )

    def _key_field_check(self, parent: str, definition: object, _node: object) -> None:
        target = self.schema.types.get(base_type(definition.type))  # type: ignore[attr-defined]
        if target is not None and target.kind in ("union", "interface"):
            kind = "Union" if target.kind == "union" else "Interface"
            raise FieldSetError(
                f'field "{parent}.{definition.name}" is a {kind} type which is not allowed in @key',  # type: ignore[attr-defined]
                "FIELDS_SELECT_INVALID_TYPE",
            )

    def _check_selections(
        self,
        directive: Applied,
        selection_set: object,
        target: str,
        code_prefix: str,
        prefix: str,
        coordinates: list[str],
        allow_non_external_leaves: bool,
        allow_arguments: bool,
    ) -> None:
        from graphql import FieldNode, InlineFragmentNode

        directive_name = self.local(directive.name)

        def go(parent: str, selections: object, external_in_parents: bool) -> None:
            for selection in selections.selections:  # type: ignore[attr-defined]
                if selection.directives:
                    found = ", ".join(print_ast(d) for d in selection.directives)
                    self.error(
                        f"{code_prefix}_DIRECTIVE_IN_FIELDS_ARG",
                        f"{prefix}cannot have directive applications in the @{directive_name}(fields:) argument but"
                        f" found {found}.",
                        coordinates,
                    )
                if isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition.name.value if selection.type_condition else parent
                    go(condition, selection.selection_set, external_in_parents)
                    continue
                assert isinstance(selection, FieldNode)
                name = selection.name.value
                if name == TYPENAME:
                    definition = None
                    external = False
                else:
                    definition = self.schema.field(parent, name)
                    if definition is None:
                        continue
                    external = self.meta.is_external(parent, name)
                    if not allow_arguments and definition.args:
                        self.error(
                            f"{code_prefix}_FIELDS_HAS_ARGS",
                            f"{prefix}field {parent}.{name} cannot be included because it has arguments (fields with"
                            f" argument are not allowed in @{directive_name})",
                            [*coordinates, f"{parent}.{name}"],
                        )
                must_be_external = (
                    selection.selection_set is None and not allow_non_external_leaves and not external_in_parents
                )
                if not external and must_be_external:
                    if definition is not None and self.meta.is_fake_external(parent, name):
                        detail = (
                            f'field "{parent}.{name}" should not be part of a @{directive_name} since it is already'
                            f' "effectively" provided by this subgraph (while it is marked @{self.local(EXTERNAL)}, it'
                            f" is a @{self.local(KEY)} field of an extension type, which are not internally"
                            " considered external for historical/backward compatibility reasons)"
                        )
                    else:
                        detail = (
                            f'field "{parent}.{name}" should not be part of a @{directive_name} since it is already'
                            f" provided by this subgraph (it is not marked @{self.local(EXTERNAL)})"
                        )
                    self.error(
                        f"{code_prefix}_FIELDS_MISSING_EXTERNAL", prefix + detail, [*coordinates, f"{parent}.{name}"]
                    )
                if selection.selection_set is not None and definition is not None:
                    in_parents = external_in_parents or external
                    parent_type = self.schema.types.get(parent)
                    if not in_parents and parent_type is not None and parent_type.kind == "interface":
                        in_parents = any(
                            self.meta.is_external(implementation, name)
                            for implementation in self.schema.possible_types(parent)
                        )
                    go(base_type(definition.type), selection.selection_set, in_parents)

        go(target, selection_set, False)

    def validate_key(self, named: NamedType, key: Applied) -> None:
        element = f'type "{named.name}"'
        if named.kind == "interface" and (self.subgraph.version or (2, 0)) < (2, 3):
            self.error(
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @{self.local(KEY)} on interface "{named.name}": @{self.local(KEY)} is not yet supported'
                " on interfaces",
                [named.name],
            )
        self._field_set(
            key, named.name, element, "key", allow_non_external_leaves=True, allow_arguments=False, key=True
        )

    def validate_requires(self, named: NamedType, field_name: str, directive: Applied) -> None:
        element = f'field "{named.name}.{field_name}"'
        if named.kind == "interface":
            self.error(
                "REQUIRES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @{self.local(REQUIRES)} on {element} of parent type "{named.name}":'
                f" @{self.local(REQUIRES)} is not yet supported within interfaces",
                [f"{named.name}.{field_name}"],
            )
        self._field_set(
            directive, named.name, element, "requires", allow_non_external_leaves=False, allow_arguments=True
        )

    def validate_provides(self, named: NamedType, field_name: str, directive: Applied) -> None:
        coordinate = f"{named.name}.{field_name}"
        element = f'field "{coordinate}"'
        f = named.fields[field_name]
        if self.meta.is_external(named.name, field_name):
            raise _Abort(
                "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Cannot have both @{self.local(PROVIDES)} and @{self.local(EXTERNAL)} on field "{coordinate}"',
                [coordinate],
            )
        target = self.schema.types.get(base_type(f.type))
        if target is None or target.kind not in _COMPOSITE:
            raise _Abort(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @{self.local(PROVIDES)} directive on field "{coordinate}": field has type "{f.type}" which'
                " is not a Composite Type",
                [coordinate],
            )
        if named.kind == "interface":
            self.error(
                "PROVIDES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @{self.local(PROVIDES)} on {element} of parent type "{named.name}":'
                f" @{self.local(PROVIDES)} is not yet supported within interfaces",
                [coordinate],
            )
        self._field_set(
            directive, target.name, element, "provides", allow_non_external_leaves=False, allow_arguments=False
        )

    # ------------------------------------------------------------------ context

    def validate_context(self) -> None:
        schema = self.schema
        contexts: dict[str, list[NamedType]] = {}
        for named in schema.types.values():
            for directive in named.directives_named(CONTEXT):
                name = str(directive.arg("name", ""))
                if "_" in name:
                    self.error(
                        "CONTEXT_NAME_INVALID", f'Context name "{name}" may not contain an underscore.', [named.name]
                    )
                elif not name or not (name[0].isalpha() and name.isalnum()):
                    self.error(
                        "CONTEXT_NAME_INVALID",
                        f'Context name "{name}" is invalid. It should have only alphanumeric characters.',
                        [named.name],
                    )
                contexts.setdefault(name, []).append(named)
        for named in schema.types.values():
            for f in named.fields.values():
                for argument in f.args.values():
                    for directive in argument.directives:
                        if directive.name == FROM_CONTEXT:
                            self._validate_from_context(named, f.name, argument, directive, contexts)

    def _validate_from_context(
        self, named: NamedType, field_name: str, argument: object, directive: Applied, contexts: dict
    ) -> None:
        coordinate = f"{named.name}.{field_name}({argument.name}:)"  # type: ignore[attr-defined]
        value = str(directive.arg("field", ""))
        context, selection = parse_context(value)
        if named.kind != "object":
            self.error(
                "CONTEXT_NOT_SET",
                f'@fromContext argument cannot be used on a field that exists on an abstract type "{coordinate}".',
                [coordinate],
            )
            return
        for interface in named.interfaces:
            if field_name in getattr(self.schema.types.get(interface), "fields", {}):
                self.error(
                    "CONTEXT_NOT_SET",
                    "@fromContext argument cannot be used on a field implementing an interface field"
                    f' "{interface}.{field_name}".',
                    [coordinate],
                )
        if argument.has_default:  # type: ignore[attr-defined]
            self.error(
                "CONTEXT_NOT_SET", f'@fromContext arguments may not have a default value: "{coordinate}".', [coordinate]
            )
        if not context or not selection:
            self.error(
                "NO_CONTEXT_IN_SELECTION",
                f'@fromContext argument does not reference a context "{value}".',
                [coordinate],
            )
            return
        locations = contexts.get(context)
        if not locations:
            self.error(
                "CONTEXT_NOT_SET",
                f'Context "{context}" is used at location "{coordinate}" but is never set.',
                [coordinate],
            )
        else:
            for location in locations:
                if self.meta.is_interface_object(location.name):
                    self.error(
                        "CONTEXT_INVALID_SELECTION",
                        f'Context "is used in "{coordinate}" but the selection is invalid: One of the types in the'
                        f' selection is an interfaceObject: "{location.name}"',
                        [coordinate],
                    )
                    continue
                try:
                    walk(self.schema, location.name, parse_selection(selection))
                except FieldSetError as error:
                    self.error(
                        "CONTEXT_INVALID_SELECTION",
                        f'Context "{context}" is used in "{coordinate}" but the selection is invalid for type'
                        f" {location.name}. Error: {error.message}",
                        [coordinate],
                    )
        keys = named.directives_named(KEY)
        if not any(k.arg("resolvable", True) is not False for k in keys):
            self.error(
                "CONTEXT_NO_RESOLVABLE_KEY",
                f'Object "{named.name}" has no resolvable key but has a field with a contextual argument.',
                [named.name],
            )

    # ------------------------------------------------------------------ external, interfaces, shareable

    def validate_external_on_interfaces(self) -> None:
        for named in self.schema.types.values():
            if named.kind != "interface":
                continue
            for f in named.fields.values():
                if self.meta.is_external(named.name, f.name):
                    coordinate = f"{named.name}.{f.name}"
                    self.error(
                        "EXTERNAL_ON_INTERFACE",
                        f'Interface type field "{coordinate}" is marked @external but @external is not allowed on'
                        " interface fields (it is nonsensical).",
                        [coordinate],
                    )

    def validate_external_used(self) -> None:
        for named in self.schema.types.values():
            if named.kind not in ("object", "interface"):
                continue
            for f in named.fields.values():
                if self.meta.is_external(named.name, f.name) and not self.meta.is_used(named.name, f.name):
                    coordinate = f"{named.name}.{f.name}"
                    self.error(
                        "EXTERNAL_UNUSED",
                        f'Field "{coordinate}" is marked @external but is not used in any federation directive (@key,'
                        " @provides, @requires) or to satisfy an interface; the field declaration has no use and"
                        " should be removed (or the field should not be @external).",
                        [coordinate],
                    )

    def validate_interface_keys(self) -> None:
        from .fieldset import FieldSetError as _Error

        def normalized(type_name: str, text: str) -> str | None:
            try:
                return _normalize(self.schema, type_name, text)
            except _Error:
                return None

        for named in self.schema.types.values():
            if named.kind != "interface":
                continue
            implementations = [self.schema.types[t] for t in self.schema.possible_types(named.name)]
            for key in named.directives_named(KEY):
                fields = normalized(named.name, str(key.arg("fields", "")))
                resolvable = key.arg("resolvable", True) is not False
                missing, not_resolvable = [], []
                for implementation in implementations:
                    match = next(
                        (
                            k
                            for k in implementation.directives_named(KEY)
                            if normalized(implementation.name, str(k.arg("fields", ""))) == fields
                        ),
                        None,
                    )
                    if match is None:
                        missing.append(implementation.name)
                    elif resolvable and match.arg("resolvable", True) is False:
                        not_resolvable.append(implementation.name)
                key_text = print_applied(Applied(self.local(KEY), key.args))
                if missing:
                    types = human_list([f'"{t}"' for t in missing], "type", "types")
                    self.error(
                        "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                        f'Key {key_text} on interface type "{named.name}" is missing on implementation {types}.',
                        [named.name, *missing],
                    )
                elif not_resolvable:
                    types = human_list([f'"{t}"' for t in not_resolvable], "type", "types")
                    self.error(
                        "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                        f'Key {key_text} on interface type "{named.name}" should be resolvable on all implementation'
                        f' types, but is declared with argument "@key(resolvable:)" set to false in {types}.',
                        [named.name, *not_resolvable],
                    )

    def validate_interface_objects(self) -> None:
        for named in self.schema.types.values():
            if named.has_directive(INTERFACE_OBJECT) and not named.has_directive(KEY):
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'The @interfaceObject directive can only be applied to entity types but type "{named.name}" has no'
                    " @key in this subgraph.",
                    [named.name],
                )

    def validate_shareable(self) -> None:
        for named in self.schema.types.values():
            if named.kind == "object":
                self._duplicate_shareable(named.directives, f'the same type declaration of "{named.name}"', named.name)
                for f in named.fields.values():
                    self._duplicate_shareable(f.directives, f'field "{named.name}.{f.name}"', f"{named.name}.{f.name}")
            elif named.kind == "interface":
                for f in named.fields.values():
                    if has_directive(f, SHAREABLE):
                        coordinate = f"{named.name}.{f.name}"
                        self.error(
                            "INVALID_SHAREABLE_USAGE",
                            f'Invalid use of @{self.local(SHAREABLE)} on field "{coordinate}": only object type fields'
                            f" can be marked with @{self.local(SHAREABLE)}",
                            [coordinate],
                        )

    def _duplicate_shareable(self, directives: list[Applied], description: str, coordinate: str) -> None:
        applications = [d for d in directives if d.name == SHAREABLE]
        for extension in (False, True):
            if len([d for d in applications if d.extension == extension]) > 1:
                self.error(
                    "INVALID_SHAREABLE_USAGE",
                    f"Invalid duplicate application of @{self.local(SHAREABLE)} on {description}: @shareable is only"
                    " repeatable on types so it can be used simultaneously on a type definition and its extensions,"
                    " but it should not be duplicated on the same definition/extension declaration",
                    [coordinate],
                )

    # ------------------------------------------------------------------ cost, auth

    def validate_cost(self) -> None:
        for named in self.schema.types.values():
            for f in named.fields.values():
                coordinate = f"{named.name}.{f.name}"
                if named.kind == "interface" and has_directive(f, COST):
                    self.error(
                        "COST_APPLIED_TO_INTERFACE_FIELD",
                        f'@cost cannot be applied to interface "{coordinate}"',
                        [coordinate],
                    )
                for directive in (d for d in f.directives if d.name == LIST_SIZE):
                    self._validate_list_size(named, f, directive)

    def _validate_list_size(self, named: NamedType, f: object, directive: Applied) -> None:
        coordinate = f"{named.name}.{f.name}"  # type: ignore[attr-defined]
        field_type = f.type  # type: ignore[attr-defined]
        sized = directive.arg("sizedFields") or []
        if not sized and not is_list(field_type):
            self.error("LIST_SIZE_APPLIED_TO_NON_LIST", f'"{coordinate}" is not a list', [coordinate])
        assumed = directive.arg("assumedSize")
        if isinstance(assumed, int) and assumed < 0:
            self.error(
                "LIST_SIZE_INVALID_ASSUMED_SIZE", f'Assumed size of "{coordinate}" cannot be negative', [coordinate]
            )
        for slicing in directive.arg("slicingArguments") or []:
            argument = f.args.get(slicing)  # type: ignore[attr-defined]
            if argument is None:
                self.error(
                    "LIST_SIZE_INVALID_SLICING_ARGUMENT",
                    f'Slicing argument "{slicing}" is not an argument of "{coordinate}"',
                    [coordinate],
                )
            elif nullable(argument.type) != "Int":
                self.error(
                    "LIST_SIZE_INVALID_SLICING_ARGUMENT",
                    f'Slicing argument "{coordinate}({slicing}:)" must be Int or Int!',
                    [coordinate],
                )
        if sized:
            target = self.schema.types.get(base_type(field_type))
            if target is None or target.kind not in _COMPOSITE:
                self.error(
                    "LIST_SIZE_INVALID_SIZED_FIELD",
                    f'Sized fields cannot be used because "{field_type}" is not a composite type',
                    [coordinate],
                )
            else:
                for name in sized:
                    sized_field = target.fields.get(name)
                    if sized_field is None:
                        self.error(
                            "LIST_SIZE_INVALID_SIZED_FIELD",
                            f'Sized field "{name}" is not a field on type "{target.name}"',
                            [coordinate],
                        )
                    elif not is_list(sized_field.type):
                        self.error(
                            "LIST_SIZE_APPLIED_TO_NON_LIST",
                            f'Sized field "{target.name}.{name}" is not a list',
                            [coordinate],
                        )

    def validate_auth_on_interfaces(self) -> None:
        for named in self.schema.types.values():
            for directive_name in (AUTHENTICATED, REQUIRES_SCOPES, POLICY):
                local = self.local(directive_name)
                if named.has_directive(directive_name) and (
                    named.kind == "interface" or self.meta.is_interface_object(named.name)
                ):
                    kind = "interface" if named.kind == "interface" else "interface object"
                    self.error(
                        "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
                        f'Invalid use of @{local} on {kind} "{named.name}": @{local} cannot be applied on interfaces,'
                        " interface fields and interface objects",
                        [named.name],
                    )
                if named.kind == "interface":
                    for f in named.fields.values():
                        if has_directive(f, directive_name):
                            self.error(
                                "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
                                f'Invalid use of @{local} on field "{named.name}.{f.name}": @{local} cannot be applied'
                                " on interfaces, interface fields and interface objects",
                                [f"{named.name}.{f.name}"],
                            )


def _normalize(schema: object, type_name: str, text: str) -> str:
    """A field set in a canonical form, to compare keys."""
    from graphql import FieldNode, InlineFragmentNode

    selection = parse_selection(text)

    def render(selections: object) -> str:
        parts = []
        for s in selections.selections:  # type: ignore[attr-defined]
            if isinstance(s, FieldNode):
                inner = f"{{{render(s.selection_set)}}}" if s.selection_set else ""
                parts.append(s.name.value + inner)
            elif isinstance(s, InlineFragmentNode):
                condition = s.type_condition.name.value if s.type_condition else ""
                parts.append(f"...{condition}{{{render(s.selection_set)}}}")
        return " ".join(sorted(parts))

    return render(selection)


def validate_subgraph(subgraph: Subgraph, reporter: Reporter) -> None:
    SubgraphValidator(subgraph, reporter).validate()


__all__ = ["Selected", "is_non_null", "validate_subgraph"]
