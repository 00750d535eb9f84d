"""Read a subgraph SDL (Federation 1 or 2) into the composition model.

Steps, after Apollo's ``buildSubgraph``:

1. parse; read ``@link``s: the federation version and the local names of the federation
   directives (imports, renames, ``@federation__key``), other known specs linked on their
   own, custom features (for ``@composeDirective``);
2. build the model, renaming federation directives to their internal names
   (``federation__key``) and dropping the federation built-ins (``_Any``, ``_Entity``,
   ``_Service``, ``_service``/``_entities``, ``FieldSet``, ``link__Import`` ...);
3. validate it as GraphQL with graphql-core (unknown types and directives, interface
   implementations, argument values ...): ``INVALID_GRAPHQL``;
4. rename the root types to ``Query``/``Mutation``/``Subscription``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    ConstDirectiveNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    build_ast_schema,
    parse,
    print_ast,
    validate_schema,
)
from graphql.language import Source
from graphql.validation.validate import validate_sdl

from .issues import Reporter
from .model import (
    DEFAULT_ROOT_NAMES,
    ROOT_KINDS,
    Applied,
    DirectiveDefinition,
    EnumValue,
    Field,
    InputValue,
    NamedType,
    Schema,
    base_type,
    value_to_python,
)
from .sdl import print_model_sdl
from .specs import (
    DIRECTIVE_SPECS,
    FEDERATION_DIRECTIVES,
    FEDERATION_IDENTITY,
    FEDERATION_TYPES,
    LATEST_FEDERATION,
    LINK_DEFINITIONS,
    LINK_IDENTITY,
    STANDALONE_MIN_FEDERATION,
    STANDALONE_SPECS,
    LinkedFeature,
    fed,
    federation_directive_definitions,
    parse_feature_url,
)

_KINDS = {
    ObjectTypeDefinitionNode: "object",
    ObjectTypeExtensionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    InterfaceTypeExtensionNode: "interface",
    UnionTypeDefinitionNode: "union",
    UnionTypeExtensionNode: "union",
    EnumTypeDefinitionNode: "enum",
    EnumTypeExtensionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    InputObjectTypeExtensionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
    ScalarTypeExtensionNode: "scalar",
}
_FEDERATION_OPERATION_TYPES = ("_Any", "_Service", "_Entity")
_FEDERATION_OPERATION_FIELDS = ("_service", "_entities")
_FED1_DIRECTIVES = {spec.name for spec in FEDERATION_DIRECTIVES if spec.fed1}
_INTERNAL_NAMES = {fed(spec.name) for spec in FEDERATION_DIRECTIVES}


@dataclass
class Subgraph:
    name: str
    url: str
    schema: Schema
    #: federation version linked (None: a Federation 1 subgraph not upgraded yet)
    version: tuple[int, int] | None
    #: the subgraph was written for Federation 1 (upgraded before merging)
    fed1: bool = False
    #: custom features linked (``@link`` to other specs), for ``@composeDirective``
    features: list[LinkedFeature] = field(default_factory=list)
    #: directive (local name) -> its feature, for directives of linked features
    feature_directives: dict[str, tuple[LinkedFeature, str]] = field(default_factory=dict)
    #: local names of federation directives as written in the subgraph (internal -> local)
    local_names: dict[str, str] = field(default_factory=dict)
    #: interfaces that carried a (dropped) Federation 1 ``@key``
    fed1_interface_keys: set[str] = field(default_factory=set)
    #: the root type names as written, before the rename to Query/Mutation/Subscription
    original_roots: dict[str, str] = field(default_factory=dict)
    #: federation directives coming from specs linked on their own (``@link(url: ".../cost/v0.1")``)
    standalone_directives: set[str] = field(default_factory=set)
    #: a later federation version implied by those specs, and the spec implying it
    implied_version: tuple[int, int] | None = None
    implied_by: str | None = None

    def local(self, internal: str) -> str:
        """The name a subgraph uses for a federation directive (for messages)."""
        return self.local_names.get(internal, internal.removeprefix("federation__"))


class _Names:
    """Local names of federation elements in one subgraph."""

    def __init__(self) -> None:
        self.directives: dict[str, str] = {}  # local directive name -> internal name
        self.types: set[str] = set()  # local names of federation types to drop
        self.link_types: set[str] = {"link__Import", "link__Purpose"}
        self.type_names: dict[str, str] = {}  # federation type -> local name


def build_subgraph(name: str, url: str, sdl: str, reporter: Reporter) -> Subgraph | None:
    """Parse and validate one subgraph; report ``INVALID_GRAPHQL`` and link errors."""
    if name == "_":
        reporter.error("INVALID_SUBGRAPH_NAME", "Invalid name _ for a subgraph: this name is reserved", [name])
        return None
    try:
        document = parse(Source(sdl, name))
    except GraphQLError as error:
        reporter.error("INVALID_GRAPHQL", f"[{name}] {_located(error)}", [name])
        return None
    for definition in document.definitions:
        if not isinstance(
            definition, TypeDefinitionNode | TypeExtensionNode | SchemaDefinitionNode | SchemaExtensionNode
        ) and not isinstance(definition, DirectiveDefinitionNode):
            reporter.error(
                "INVALID_GRAPHQL", f"[{name}] Invalid executable definition found while building schema", [name]
            )
            return None
    before = len(reporter.errors)
    version, features, names, local_names = _read_links(name, document, reporter)
    if len(reporter.errors) > before:
        return None
    subgraph = Subgraph(
        name=name,
        url=url,
        schema=Schema(),
        version=version,
        fed1=version is None,
        features=[f for f in features if f.identity not in (FEDERATION_IDENTITY, LINK_IDENTITY)],
        local_names=local_names,
    )
    for feature in features:
        elements = (
            STANDALONE_SPECS.get(feature.name) if feature.identity.startswith("https://specs.apollo.dev/") else None
        )
        if elements is None:
            continue
        subgraph.standalone_directives.update(elements.values())
        minimum = STANDALONE_MIN_FEDERATION.get(feature.name)
        later = minimum is not None and version is not None and version < minimum
        if later and (subgraph.implied_version is None or minimum > subgraph.implied_version):  # type: ignore[operator]
            subgraph.implied_version, subgraph.implied_by = minimum, feature.name
    for feature in subgraph.features:
        for element, local in feature.imports.items():
            if element.startswith("@"):
                subgraph.feature_directives[local.lstrip("@")] = (feature, element[1:])
    _Builder(subgraph, names, reporter).build(document)
    if len(reporter.errors) > before:
        return None
    _validate_graphql(subgraph, reporter)
    if len(reporter.errors) > before:
        return None
    _rename_roots(subgraph, reporter)
    if len(reporter.errors) > before:
        return None
    return subgraph


def _valid_redefinition(expected: str, actual: str) -> bool:
    """A custom scalar of the spec may be redefined as a built-in type (``String``)."""
    if expected.endswith("!") or actual.endswith("!"):
        return expected.endswith("!") and actual.endswith("!") and _valid_redefinition(expected[:-1], actual[:-1])
    if expected.startswith("["):
        return actual.startswith("[") and _valid_redefinition(expected[1:-1], actual[1:-1])
    builtin = ("String", "Int", "Float", "Boolean", "ID")
    return expected not in builtin and actual in builtin


def _located(error: GraphQLError) -> str:
    return error.message


# ---------------------------------------------------------------------------- links


def _string(value: object) -> str | None:
    return value.value if isinstance(value, StringValueNode) else None


def _read_links(
    subgraph: str, document: DocumentNode, reporter: Reporter
) -> tuple[tuple[int, int] | None, list[LinkedFeature], _Names, dict[str, str]]:
    features: list[LinkedFeature] = []
    for definition in document.definitions:
        if not isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            continue
        for directive in definition.directives or ():
            if directive.name.value != "link":
                continue
            arguments = {a.name.value: a.value for a in directive.arguments or ()}
            for argument in arguments:
                if argument not in ("url", "as", "for", "import"):
                    reporter.error(
                        "INVALID_GRAPHQL",
                        f'[{subgraph}] Unknown argument "{argument}" on directive "@link".',
                        [subgraph],
                    )
            url = _string(arguments.get("url"))
            if url is None:
                continue
            parsed = parse_feature_url(url)
            if parsed is None:
                reporter.error(
                    "INVALID_LINK_IDENTIFIER", f'[{subgraph}] Invalid url "{url}" in @link', [subgraph], ["@link"]
                )
                continue
            identity, spec_name, spec_version = parsed
            imports: dict[str, str] = {}
            import_value = arguments.get("import")
            if isinstance(import_value, ListValueNode):
                for item in import_value.values:
                    if isinstance(item, StringValueNode):
                        imports[item.value] = item.value
                    elif not isinstance(item, ObjectValueNode):
                        reporter.error(
                            "INVALID_LINK_DIRECTIVE_USAGE",
                            f'[{subgraph}] Cannot import unknown element "{print_ast(item)}".',
                            [subgraph],
                            ["@link"],
                        )
                    elif isinstance(item, ObjectValueNode):
                        fields = {f.name.value: f.value for f in item.fields}
                        element, alias = _string(fields.get("name")), _string(fields.get("as"))
                        if element:
                            imports[element] = alias or element
            alias = _string(arguments.get("as"))
            features.append(LinkedFeature(url, identity, spec_name, spec_version, alias or spec_name, imports))
    names = _Names()
    local_names: dict[str, str] = {}
    federation = next((f for f in features if f.identity == FEDERATION_IDENTITY), None)
    version: tuple[int, int] | None = None
    if federation is None:
        for directive_name in _FED1_DIRECTIVES:
            names.directives[directive_name] = fed(directive_name)
            local_names[fed(directive_name)] = directive_name
        names.types.update({"_FieldSet", "FieldSet"})
    else:
        version = federation.version
        if version[0] != 2 or version > LATEST_FEDERATION:
            reporter.error(
                "UNKNOWN_FEDERATION_LINK_VERSION",
                f"[{subgraph}] Invalid version v{version[0]}.{version[1]} for the federation feature in @link"
                " directive on schema",
                [subgraph],
                ["@link"],
            )
            return version, features, names, local_names
        for element in federation.imports:
            bare = element.lstrip("@")
            known = (
                DIRECTIVE_SPECS.get(bare) if element.startswith("@") else (bare if bare in FEDERATION_TYPES else None)
            )
            if known is None or (element.startswith("@") and version < known.since):  # type: ignore[union-attr]
                reporter.error(
                    "INVALID_LINK_DIRECTIVE_USAGE",
                    f'[{subgraph}] Cannot import unknown element "{element}".',
                    [subgraph],
                    ["@link"],
                )
        for spec in FEDERATION_DIRECTIVES:
            if version < spec.since:
                continue
            local = federation.directive_local_name(spec.name)
            names.directives[local] = fed(spec.name)
            local_names[fed(spec.name)] = local
        for type_name in FEDERATION_TYPES:
            names.types.add(federation.type_local_name(type_name))
            names.type_names[type_name] = federation.type_local_name(type_name)
        names.types.add("_FieldSet")
    for feature in features:
        if feature.identity == LINK_IDENTITY:
            names.link_types = {feature.type_local_name("Import"), feature.type_local_name("Purpose")}
            continue
        elements = (
            STANDALONE_SPECS.get(feature.name) if feature.identity.startswith("https://specs.apollo.dev/") else None
        )
        if elements is None:
            continue
        for element, federation_name in elements.items():
            local = feature.directive_local_name(element)
            names.directives[local] = fed(federation_name)
            local_names[fed(federation_name)] = local
        for type_name in ("Scope", "Policy", "ContextFieldValue"):
            names.types.add(feature.type_local_name(type_name))
        federation_locals = (
            {federation.directive_local_name(spec.name) for spec in FEDERATION_DIRECTIVES if version >= spec.since}
            if federation is not None and version is not None
            else set()
        )
        clash = sorted({feature.directive_local_name(e) for e in elements} & federation_locals)
        if clash and feature.name in ("tag", "inaccessible"):
            reporter.error(
                "INVALID_LINK_DIRECTIVE_USAGE",
                f'[{subgraph}] Please import "@{feature.name}" from the feature "{FEDERATION_IDENTITY}" instead of'
                f' using "{feature.identity}" to avoid potential unexpected behavior in the future.',
                [subgraph],
                ["@link"],
            )
        elif clash:
            reporter.error(
                "INVALID_LINK_DIRECTIVE_USAGE",
                f'[{subgraph}] Cannot import "@{clash[0]}" from feature "{FEDERATION_IDENTITY}" since it can be'
                f' confused with a namespaced name from another linked feature "{feature.identity}". Please rename'
                ' the import or feature to avoid conflicts via "as".',
                [subgraph],
                ["@link"],
            )
    return version, features, names, local_names


# ---------------------------------------------------------------------------- model


class _Builder:
    def __init__(self, subgraph: Subgraph, names: _Names, reporter: Reporter) -> None:
        self.subgraph = subgraph
        self.schema = subgraph.schema
        self.names = names
        self.reporter = reporter

    def fail(self, message: str) -> None:
        self.reporter.error("INVALID_GRAPHQL", f"[{self.subgraph.name}] {message}", [self.subgraph.name])

    def directive_name(self, local: str) -> str:
        return self.names.directives.get(local, local)

    def applied(self, nodes: tuple[ConstDirectiveNode, ...] | None, extension: bool = False) -> list[Applied]:
        result = []
        for node in nodes or ():
            local = node.name.value
            if local not in self.names.directives and local in _INTERNAL_NAMES:
                # e.g. ``@federation__shareable`` while ``@shareable`` is imported: not a name of this subgraph
                self.fail(f'Unknown directive "@{local}".')
                continue
            args = {a.name.value: value_to_python(a.value) for a in node.arguments or ()}
            result.append(Applied(self.directive_name(local), args, extension, node))
        return result

    def is_dropped_type(self, name: str) -> bool:
        return name in _FEDERATION_OPERATION_TYPES or name in self.names.types or name in self.names.link_types

    def build(self, document: DocumentNode) -> None:
        definitions = [d for d in document.definitions if isinstance(d, TypeDefinitionNode)]
        extensions = [d for d in document.definitions if isinstance(d, TypeExtensionNode)]
        for definition in document.definitions:
            if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
                self.schema_definition(definition)
            elif isinstance(definition, DirectiveDefinitionNode):
                self.directive_definition(definition)
        for node in definitions:
            self.named_type(node, extension=False)
        for node in extensions:
            self.named_type(node, extension=True)

    def schema_definition(self, node: SchemaDefinitionNode | SchemaExtensionNode) -> None:
        for operation in node.operation_types or ():
            kind = operation.operation.value
            if kind in self.subgraph.original_roots:
                self.fail(f"There can be only one {kind} type in schema.")
            self.subgraph.original_roots[kind] = operation.type.name.value
        if isinstance(node, SchemaDefinitionNode) and node.description is not None:
            self.schema.description = node.description.value
        extension = isinstance(node, SchemaExtensionNode)
        for applied in self.applied(node.directives, extension):
            if applied.name == "link":
                continue
            self.schema.schema_directives.append(applied)

    def directive_definition(self, node: DirectiveDefinitionNode) -> None:
        name = node.name.value
        if name in self.names.directives:
            if self.subgraph.version is not None:
                self.check_federation_definition(node, self.names.directives[name])
            return  # federation directives are defined by composition itself
        if name == "link":
            return
        if name in self.schema.directives:
            self.fail(f'There can be only one directive named "@{name}".')
            return
        self.schema.directives[name] = DirectiveDefinition(
            name=name,
            args={a.name.value: self.input_value(a) for a in node.arguments or ()},
            locations=[location.value for location in node.locations],
            repeatable=node.repeatable,
            description=node.description.value if node.description else None,
            node=node,
        )

    def check_federation_definition(self, node: DirectiveDefinitionNode, internal: str) -> None:
        """A subgraph may define a federation directive itself, compatibly (Apollo's
        ``ensureSameDirectiveStructure``): DIRECTIVE_DEFINITION_INVALID otherwise."""
        spec = DIRECTIVE_SPECS.get(internal.removeprefix("federation__"))
        if spec is None:
            return
        definition = spec.definition
        for type_name in FEDERATION_TYPES:
            definition = re.sub(rf"\b{type_name}\b", self.names.type_names.get(type_name, type_name), definition)
        expected = parse(f"directive @{node.name.value}{definition}").definitions[0]
        assert isinstance(expected, DirectiveDefinitionNode)
        what = f'directive "@{node.name.value}"'
        actual_args = {a.name.value: a for a in node.arguments or ()}
        for argument in expected.arguments or ():
            name = argument.name.value
            expected_type = print_ast(argument.type)
            actual = actual_args.get(name)
            if actual is None:
                if expected_type.endswith("!") and argument.default_value is None:
                    self.invalid_definition(f'Invalid definition for {what}: missing required argument "{name}"')
                continue
            actual_type = print_ast(actual.type)
            compared = (
                actual_type[:-1] if actual_type.endswith("!") and not expected_type.endswith("!") else actual_type
            )
            if compared != expected_type and not _valid_redefinition(expected_type, compared):
                self.invalid_definition(
                    f'Invalid definition for {what}: argument "{name}" should have type "{expected_type}" but found'
                    f' type "{actual_type}"'
                )
            elif not actual_type.endswith("!") and value_to_python(argument.default_value) != value_to_python(
                actual.default_value
            ):
                self.invalid_definition(
                    f'Invalid definition for {what}: argument "{name}" should have default value'
                    f" {print_ast(argument.default_value) if argument.default_value else 'null'} but found default"
                    f" value {print_ast(actual.default_value) if actual.default_value else 'null'}"
                )
        expected_names = {a.name.value for a in expected.arguments or ()}
        for name in actual_args:
            if name not in expected_names:
                self.invalid_definition(f'Invalid definition for {what}: unknown/unsupported argument "{name}"')
        if not expected.repeatable and node.repeatable:
            self.invalid_definition(f"Invalid definition for {what}: {what.split(' ', 1)[1]} should not be repeatable")
        expected_locations = [loc.value for loc in expected.locations]
        actual_locations = [loc.value for loc in node.locations]
        if not all(loc in expected_locations for loc in actual_locations):
            self.invalid_definition(
                f"Invalid definition for {what}: {what.split(' ', 1)[1]} should have locations"
                f" {', '.join(expected_locations)}, but found (non-subset) {', '.join(actual_locations)}"
            )

    def invalid_definition(self, message: str) -> None:
        directive = message.split('"')[1] if '"' in message else ""
        self.reporter.error(
            "DIRECTIVE_DEFINITION_INVALID", f"[{self.subgraph.name}] {message}", [self.subgraph.name], [directive]
        )

    def input_value(self, node: InputValueDefinitionNode) -> InputValue:
        return InputValue(
            name=node.name.value,
            type=print_ast(node.type),
            default=value_to_python(node.default_value) if node.default_value is not None else None,
            has_default=node.default_value is not None,
            description=node.description.value if node.description else None,
            directives=self.applied(node.directives),
            node=node,
        )

    def field(self, node: FieldDefinitionNode, extension: bool) -> Field:
        return Field(
            name=node.name.value,
            type=print_ast(node.type),
            args={a.name.value: self.input_value(a) for a in node.arguments or ()},
            description=node.description.value if node.description else None,
            directives=self.applied(node.directives),
            extension=extension,
            node=node,
        )

    def named_type(self, node: TypeDefinitionNode | TypeExtensionNode, extension: bool) -> None:
        name = node.name.value
        if self.is_dropped_type(name) or name.startswith("__"):
            return
        kind = _KINDS[type(node)]
        named = self.schema.types.get(name)
        if named is None:
            named = NamedType(kind=kind, name=name, node=node)  # type: ignore[arg-type]
            self.schema.types[name] = named
        elif named.kind != kind:
            self.fail(f'Cannot extend type "{name}" with a {kind} extension: it is a {named.kind} type.')
            return
        elif not extension and named.has_definition:
            self.fail(f'There can be only one type named "{name}".')
            return
        if extension:
            named.has_extension = True
        else:
            named.has_definition = True
            named.node = node
            if getattr(node, "description", None) is not None:
                named.description = node.description.value  # type: ignore[union-attr]
        named.directives.extend(self.applied(node.directives, extension))
        for interface in getattr(node, "interfaces", None) or ():
            if interface.name.value in named.interfaces:
                self.fail(f'Type "{name}" can only implement "{interface.name.value}" once.')
            named.interfaces.append(interface.name.value)
        if kind in ("object", "interface"):
            for field_node in getattr(node, "fields", None) or ():
                field_name = field_node.name.value
                if field_name in _FEDERATION_OPERATION_FIELDS and kind == "object":
                    continue  # the federation operations are dropped (checked on Query below)
                if field_name in named.fields:
                    self.fail(f'Field "{name}.{field_name}" can only be defined once.')
                    continue
                named.fields[field_name] = self.field(field_node, extension)
        elif kind == "input":
            for field_node in getattr(node, "fields", None) or ():
                field_name = field_node.name.value
                if field_name in named.input_fields:
                    self.fail(f'Field "{name}.{field_name}" can only be defined once.')
                    continue
                named.input_fields[field_name] = self.input_value(field_node)
        elif kind == "union":
            for member in getattr(node, "types", None) or ():
                if member.name.value not in named.members:
                    named.members.append(member.name.value)
        elif kind == "enum":
            for value_node in getattr(node, "values", None) or ():
                value_name = value_node.name.value
                if value_name in named.values:
                    self.fail(f'Enum value "{name}.{value_name}" can only be defined once.')
                    continue
                named.values[value_name] = EnumValue(
                    name=value_name,
                    description=value_node.description.value if value_node.description else None,
                    directives=self.applied(value_node.directives),
                    node=value_node,
                )


# ---------------------------------------------------------------------------- validation


def _validate_graphql(subgraph: Subgraph, reporter: Reporter) -> None:
    """Build the subgraph with graphql-core to catch what the GraphQL spec forbids."""
    schema = subgraph.schema
    roots = dict(subgraph.original_roots)
    if not roots:
        roots = {kind: name for kind, name in DEFAULT_ROOT_NAMES.items() if name in schema.types}
    if "query" not in roots and "Query" not in schema.types:
        # every subgraph answers ``_service``: Apollo adds an empty Query type when missing
        roots["query"] = "Query"
    text = print_model_sdl(
        schema,
        roots=roots,
        extra=federation_directive_definitions(subgraph.version, subgraph.standalone_directives) + LINK_DEFINITIONS,
        with_placeholder_query="Query" not in schema.types and roots.get("query") == "Query",
    )
    document = parse(text)
    try:
        errors = list(validate_sdl(document))
        if not errors:
            errors = list(validate_schema(build_ast_schema(document, assume_valid_sdl=True)))
    except GraphQLError as error:
        errors = [error]
    except TypeError as error:  # graphql-core raises TypeError for some invalid schemas
        errors = [GraphQLError(str(error))]
    for error in errors:
        message = error.message
        if message.startswith("Unknown directive"):
            message = _unknown_directive_hint(subgraph, message)
        if message.startswith("Query root type must be provided") or is_graphql_17_only(message):
            continue
        for internal, local in subgraph.local_names.items():
            message = message.replace(f"@{internal}'", f"@{local}'").replace(f'@{internal}"', f'@{local}"')
        coordinates = element_coordinates(document, error)
        reporter.error("INVALID_GRAPHQL", f"[{subgraph.name}] {message}", [subgraph.name], coordinates)


def element_coordinates(document: DocumentNode, error: GraphQLError) -> list[str]:
    """Schema coordinates of the definitions a graphql-core error points at."""
    ranges: list[tuple[int, int, str]] = []

    def add(node: object, coordinate: str) -> None:
        loc = getattr(node, "loc", None)
        if loc is not None:
            ranges.append((loc.start, loc.end, coordinate))

    for definition in document.definitions:
        name = getattr(getattr(definition, "name", None), "value", None)
        if name is None:
            continue
        prefix = f"@{name}" if isinstance(definition, DirectiveDefinitionNode) else name
        add(definition, prefix)
        for child in getattr(definition, "fields", None) or getattr(definition, "values", None) or ():
            add(child, f"{prefix}.{child.name.value}")
            for argument in getattr(child, "arguments", None) or ():
                add(argument, f"{prefix}.{child.name.value}({argument.name.value}:)")
        for argument in getattr(definition, "arguments", None) or ():
            add(argument, f"{prefix}({argument.name.value}:)")
    result = []
    for node in error.nodes or ():
        if node.loc is None:
            continue
        inside = [r for r in ranges if r[0] <= node.loc.start < r[1]]
        if inside:
            coordinate = min(inside, key=lambda r: r[1] - r[0])[2]
            if coordinate not in result and not coordinate.startswith("@federation__"):
                result.append(coordinate)
    return result


def is_graphql_17_only(message: str) -> bool:
    """Rules graphql-core (a port of graphql-js 17) checks but Apollo's graphql-js 16 does
    not: ignored so that the same schemas compose."""
    return "is not deprecated, so implementation field" in message


def _unknown_directive_hint(subgraph: Subgraph, message: str) -> str:
    directive = message.split('"')[1].lstrip("@") if '"' in message else ""
    if directive in DIRECTIVE_SPECS:
        if subgraph.version is None:
            return (
                f'{message} If you meant the "@{directive}" federation 2 directive, note that this schema is a'
                " federation 1 schema. To be a federation 2 schema, it needs to @link to the federation"
                " specifcation v2."
            )
        local = subgraph.local_names.get(fed(directive))
        if local and local != directive:
            return (
                f'{message} If you meant the "@{directive}" federation directive, you should use fully-qualified'
                f' name "@{local}" or add "@{directive}" to the `import` argument of the @link to the federation'
                " specification."
            )
    return message


def _rename_roots(subgraph: Subgraph, reporter: Reporter) -> None:
    schema = subgraph.schema
    roots = dict(subgraph.original_roots)
    if not roots:
        roots = {kind: name for kind, name in DEFAULT_ROOT_NAMES.items() if name in schema.types}
    for kind in ROOT_KINDS:
        name = roots.get(kind)
        if name is None:
            continue
        default = DEFAULT_ROOT_NAMES[kind]
        if name != default:
            if default in schema.types:
                reporter.error(
                    f"ROOT_{kind.upper()}_USED",
                    f'[{subgraph.name}] The schema has a type named "{default}" but it is not set as the {kind} root'
                    f' type ("{name}" is instead): this is not supported by federation. If a root type does not use'
                    " its default name, there should be no other type with that default name.",
                    [subgraph.name],
                    [default, name],
                )
                continue
            rename_type(schema, name, default)
        schema.roots[kind] = default
    if "query" not in schema.roots:
        schema.types["Query"] = NamedType(kind="object", name="Query", has_definition=True)
        schema.roots["query"] = "Query"


def rename_type(schema: Schema, old: str, new: str) -> None:
    named = schema.types.pop(old)
    named.name = new
    schema.types[new] = named

    def fix(type_ref: str) -> str:
        return type_ref.replace(old, new) if base_type(type_ref) == old else type_ref

    for other in schema.types.values():
        other.interfaces = [new if i == old else i for i in other.interfaces]
        other.members = [new if m == old else m for m in other.members]
        for f in other.fields.values():
            f.type = fix(f.type)
            for argument in f.args.values():
                argument.type = fix(argument.type)
        for input_field in other.input_fields.values():
            input_field.type = fix(input_field.type)
    for directive in schema.directives.values():
        for argument in directive.args.values():
            argument.type = fix(argument.type)


def is_federation_type_extension(named: NamedType) -> bool:
    """Apollo's ``isFederationTypeExtension``: ``extend type`` (or ``@extends``) with no
    definition in this subgraph."""
    has_extends = named.has_directive(fed("extends"))
    return (
        (named.has_extension or has_extends)
        and named.kind in ("object", "interface")
        and (has_extends or not named.has_definition)
    )
