"""Read a supergraph SDL (Federation 1 or 2) into a :class:`Supergraph`."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    BooleanValueNode,
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumValueNode,
    FieldDefinitionNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
)
from graphql.language import Source

from .api_schema import build_api_schema
from .errors import SupergraphError
from .links import LinkedFeatures, argument_value, read_linked_features, string_argument
from .model import (
    ContextArgument,
    FieldInSubgraph,
    Key,
    Subgraph,
    Supergraph,
    SupergraphField,
    SupergraphType,
    TypeInSubgraph,
)

_KINDS: dict[type, str] = {
    ObjectTypeDefinitionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    UnionTypeDefinitionNode: "union",
    EnumTypeDefinitionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
}


def load_supergraph_file(path: str | Path) -> Supergraph:
    path = Path(path)
    try:
        sdl = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SupergraphError(f"cannot read supergraph {path}: {error.strerror}") from error
    return load_supergraph(sdl, source_name=str(path))


def parse_field_set(text: str, directive: ConstDirectiveNode | None = None) -> SelectionSetNode:
    """Parse a ``FieldSet`` string (``"id organization { id }"``) as a selection set."""
    try:
        document = parse(f"{{{text}}}", no_location=True)
    except GraphQLError as error:
        raise SupergraphError(f"invalid field set {text!r}: {error.message}", directive) from error
    return document.definitions[0].selection_set  # type: ignore[attr-defined]


def _bool_argument(directive: ConstDirectiveNode, name: str, default: bool = False) -> bool:
    value = argument_value(directive, name)
    return value.value if isinstance(value, BooleanValueNode) else default


def _graph_argument(directive: ConstDirectiveNode, graphs: dict[str, Subgraph]) -> str | None:
    value = argument_value(directive, "graph")
    if value is None:
        return None
    if not isinstance(value, EnumValueNode) or value.value not in graphs:
        shown = value.value if isinstance(value, EnumValueNode) else type(value).__name__
        raise SupergraphError(f"graph argument {shown} is not a join__Graph value", directive)
    return graphs[value.value].name


class _Reader:
    """One pass over the document collecting join metadata."""

    def __init__(self, document: DocumentNode, links: LinkedFeatures) -> None:
        self.document = document
        self.links = links
        join = links.get("join")
        if join is None:
            raise SupergraphError("not a supergraph: no join feature is linked (@link or @core)")
        self.join = join
        inaccessible = links.get("inaccessible")
        self.inaccessible_name = inaccessible.directive("inaccessible") if inaccessible else "inaccessible"
        self.directive = {
            element: join.directive(element)
            for element in ("type", "field", "graph", "implements", "unionMember", "enumValue", "owner")
        }
        context = links.get("context")
        self.context_name = context.directive("context") if context else "context"
        self.graphs: dict[str, Subgraph] = {}  # enum value -> subgraph
        self.override_labels: set[str] = set()

    def read(self) -> dict[str, SupergraphType]:
        self._read_graphs()
        types: dict[str, SupergraphType] = {}
        for definition in self.document.definitions:
            if not isinstance(definition, TypeDefinitionNode):
                continue
            name = definition.name.value
            if self.links.is_feature_element(name):
                continue
            kind = _KINDS.get(type(definition))
            if kind is None:
                continue
            types[name] = self._read_type(definition, kind)
        return types

    def _read_graphs(self) -> None:
        graph_enum = f"{self.join.prefix}__Graph"
        for definition in self.document.definitions:
            if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value == graph_enum:
                for value in definition.values or ():
                    name, url = value.name.value, None
                    for directive in value.directives or ():
                        if directive.name.value == self.directive["graph"]:
                            name = string_argument(directive, "name") or name
                            url = string_argument(directive, "url")
                    if url is None:
                        raise SupergraphError(f"subgraph {value.name.value} has no url in @join__graph", value)
                    self.graphs[value.name.value] = Subgraph(enum_value=value.name.value, name=name, url=url)
                return
        raise SupergraphError(f"not a supergraph: enum {graph_enum} is missing")

    def _is_inaccessible(self, directives: tuple[ConstDirectiveNode, ...] | None) -> bool:
        return any(d.name.value == self.inaccessible_name for d in directives or ())

    def _read_type(self, definition: TypeDefinitionNode, kind: str) -> SupergraphType:
        result = SupergraphType(
            name=definition.name.value, kind=kind, inaccessible=self._is_inaccessible(definition.directives)
        )
        owner: str | None = None
        saw_join_type = False
        for directive in definition.directives or ():
            directive_name = directive.name.value
            if directive_name == self.directive["type"]:
                saw_join_type = True
                subgraph = _graph_argument(directive, self.graphs)
                if subgraph is None:
                    raise SupergraphError("@join__type without graph", directive)
                declaration = result.in_subgraphs.setdefault(subgraph, TypeInSubgraph(subgraph=subgraph))
                key_text = string_argument(directive, "key")
                if key_text is not None:
                    declaration.keys.append(
                        Key(
                            fields=key_text,
                            selection=parse_field_set(key_text, directive),
                            resolvable=_bool_argument(directive, "resolvable", True),
                        )
                    )
                declaration.extension = declaration.extension or _bool_argument(directive, "extension")
                declaration.is_interface_object = declaration.is_interface_object or _bool_argument(
                    directive, "isInterfaceObject"
                )
            elif directive_name == self.directive["owner"]:
                owner = _graph_argument(directive, self.graphs)
            elif directive_name == self.directive["implements"]:
                subgraph = _graph_argument(directive, self.graphs)
                interface = string_argument(directive, "interface")
                if subgraph and interface:
                    result.implements.setdefault(subgraph, set()).add(interface)
            elif directive_name == self.context_name:
                name = string_argument(directive, "name")
                if name:
                    result.contexts = result.contexts | {name}
            elif directive_name == self.directive["unionMember"]:
                subgraph = _graph_argument(directive, self.graphs)
                member = string_argument(directive, "member")
                if subgraph and member:
                    result.union_members.setdefault(subgraph, set()).add(member)
        if owner is not None and owner not in result.in_subgraphs:
            result.in_subgraphs[owner] = TypeInSubgraph(subgraph=owner)
        result.in_all_subgraphs = not saw_join_type and owner is None
        if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            for field_definition in definition.fields or ():
                result.fields[field_definition.name.value] = self._read_field(field_definition, owner)
            if self.join.version < (0, 2):
                _add_fed1_key_fields(result)
        elif isinstance(definition, InputObjectTypeDefinitionNode):
            for input_field in definition.fields or ():
                result.fields[input_field.name.value] = SupergraphField(
                    name=input_field.name.value, inaccessible=self._is_inaccessible(input_field.directives)
                )
        return result

    def _read_field(self, definition: FieldDefinitionNode, owner: str | None) -> SupergraphField:
        result = SupergraphField(name=definition.name.value, inaccessible=self._is_inaccessible(definition.directives))
        for directive in definition.directives or ():
            if directive.name.value != self.directive["field"]:
                continue
            result.has_join_field = True
            subgraph = _graph_argument(directive, self.graphs)
            if subgraph is None:
                continue  # ``@join__field`` with no graph: in no subgraph directly (interface objects)
            requires = string_argument(directive, "requires")
            provides = string_argument(directive, "provides")
            label = string_argument(directive, "overrideLabel")
            if label:
                self.override_labels.add(label)
            declaration = FieldInSubgraph(
                subgraph=subgraph,
                type=string_argument(directive, "type"),
                requires=parse_field_set(requires, directive) if requires else None,
                requires_text=requires,
                provides=parse_field_set(provides, directive) if provides else None,
                external=_bool_argument(directive, "external"),
                override_from=string_argument(directive, "override"),
                override_label=label,
                used_overridden=_bool_argument(directive, "usedOverridden"),
                context_arguments=self._context_arguments(directive),
            )
            previous = result.in_subgraphs.get(subgraph)
            if previous is not None and not previous.external and declaration.external:
                continue  # keep the resolvable declaration when a graph repeats the field
            result.in_subgraphs[subgraph] = declaration
        if not result.has_join_field and owner is not None:
            # Federation 1: fields of an owned type without @join__field belong to the owner.
            result.has_join_field = True
            result.in_subgraphs[owner] = FieldInSubgraph(subgraph=owner)
        return result

    @staticmethod
    def _context_arguments(directive: ConstDirectiveNode) -> tuple[ContextArgument, ...]:
        value = argument_value(directive, "contextArguments")
        if not isinstance(value, ListValueNode):
            return ()
        arguments = []
        for item in value.values:
            if not isinstance(item, ObjectValueNode):
                continue
            fields = {f.name.value: f.value for f in item.fields}
            texts = {k: v.value for k, v in fields.items() if isinstance(v, StringValueNode)}
            arguments.append(
                ContextArgument(
                    name=texts.get("name", ""),
                    type=texts.get("type", ""),
                    context=texts.get("context", ""),
                    selection=texts.get("selection", ""),
                )
            )
        return tuple(arguments)


def _add_fed1_key_fields(supergraph_type: SupergraphType) -> None:
    """join v0.1 lists a key field under its owner only, yet every subgraph with that key
    can return it (it arrives in the representation)."""
    for declaration in supergraph_type.in_subgraphs.values():
        for key in declaration.keys:
            for selection in key.selection.selections:
                if not isinstance(selection, FieldNode):
                    continue
                field = supergraph_type.fields.get(selection.name.value)
                if field is not None and field.has_join_field:
                    field.in_subgraphs.setdefault(declaration.subgraph, FieldInSubgraph(subgraph=declaration.subgraph))


def load_supergraph(sdl: str, source_name: str = "supergraph.graphql") -> Supergraph:
    """Parse and check a supergraph SDL; raise :class:`SupergraphError` naming the location."""
    try:
        document = parse(Source(sdl, source_name))
    except GraphQLError as error:
        location = ""
        if error.locations:
            location = f"{source_name}:{error.locations[0].line}:{error.locations[0].column}: "
        raise SupergraphError(f"{location}{error.message}") from error
    try:
        links = read_linked_features(document)
        reader = _Reader(document, links)
        types = reader.read()
        try:
            schema = build_ast_schema(document, assume_valid_sdl=False)
        except (GraphQLError, TypeError) as error:
            raise SupergraphError(f"invalid supergraph schema: {error}") from error
        api_schema = build_api_schema(document, links, reader.inaccessible_name)
        _check_references(types, schema)
    except SupergraphError as error:
        if str(error).startswith(source_name):
            raise
        raise SupergraphError(f"{source_name}: {error}") from error
    return Supergraph(
        sdl=sdl,
        subgraphs={subgraph.name: subgraph for subgraph in reader.graphs.values()},
        types=types,
        schema=schema,
        api_schema=api_schema,
        federation_version=1 if links.uses_core else 2,
        override_labels=frozenset(reader.override_labels),
    )


def _check_references(types: dict[str, SupergraphType], schema: GraphQLSchema) -> None:
    """Every type named by join metadata must exist."""
    for supergraph_type in types.values():
        for interfaces in supergraph_type.implements.values():
            for interface in interfaces:
                if interface not in types:
                    raise SupergraphError(f"{supergraph_type.name} implements unknown interface {interface}")
        for members in supergraph_type.union_members.values():
            for member in members:
                if member not in types:
                    raise SupergraphError(f"union {supergraph_type.name} names unknown member {member}")
    if schema.query_type is None:
        raise SupergraphError("supergraph has no query type")
