"""Merge validated Federation 2 subgraphs into a supergraph model with join metadata.

After Apollo's ``Merger`` (``@apollo/composition``, merging/merge.ts): same order of
operations, same rules, same error codes, and the same join directives in the same order
so the printed supergraph matches Apollo's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .context import parse_context
from .fieldset import FieldSetError, parse_selection, walk
from .issues import Reporter, human_list, subgraph_list
from .metadata import Metadata
from .model import (
    ROOT_KINDS,
    Applied,
    DirectiveDefinition,
    EnumLiteral,
    EnumValue,
    Field,
    InputValue,
    NamedType,
    Schema,
    base_type,
    has_directive,
    is_list,
    is_non_null,
    list_item,
    nullable,
    value_equals,
)
from .sdl import print_value
from .specs import (
    ACCESS_CONTROL,
    COMPOSE_DIRECTIVE,
    COMPOSED_DIRECTIVES,
    CONTEXT,
    EXTENDS,
    EXTERNAL,
    FROM_CONTEXT,
    KEY,
    LATEST_FEDERATION,
    OVERRIDE,
    PROVIDES,
    REQUIRES,
    SHAREABLE,
    SUPERGRAPH_SPECS,
    LinkedFeature,
    fed,
    join_version,
)
from .subgraph import Subgraph

Sources = dict[int, Any]  # subgraph index -> element (None: the subgraph has the parent but not this)

EXECUTABLE_LOCATIONS = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
}
BUILT_IN_DIRECTIVES = {"deprecated", "specifiedBy", "include", "skip", "oneOf"}
_BUILT_IN_DEFINITIONS = {
    "deprecated": DirectiveDefinition(
        "deprecated",
        {"reason": InputValue("reason", "String", "No longer supported", True)},
        ["FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"],
    ),
    "specifiedBy": DirectiveDefinition("specifiedBy", {"url": InputValue("url", "String!")}, ["SCALAR"]),
    "oneOf": DirectiveDefinition("oneOf", {}, ["INPUT_OBJECT"]),
}
_q = '"'
_LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
_PERCENT = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")


def sanitize_graph_name(name: str) -> str:
    """Apollo's ``sanitizeGraphQLName`` for ``join__Graph`` values."""
    value = re.sub(r"\W", "_", name, flags=re.ASCII)
    if re.match(r"^\d", value):
        value = "_" + value
    if re.search(r"_\d+$", value):
        value += "_"
    return value.upper()


@dataclass
class _FieldContext:
    """Apollo's ``FieldMergeContext``: override facts per subgraph index."""

    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)


@dataclass
class _SpecUse:
    spec: str
    #: (name in spec, name in supergraph)
    directives: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MergeResult:
    supergraph: Schema
    graph_enum: dict[str, str]  # subgraph name -> join__Graph value
    urls: dict[str, str]  # subgraph name -> url
    join_version: str
    links: list[Applied]  # @link applications of the schema definition, in order
    spec_types: list[str]  # type definitions brought by linked specs (printed as is)
    spec_directives: dict[str, str]  # directive name -> definition text (after the name)
    #: internal names of federation directives kept -> name in the supergraph
    supergraph_names: dict[str, str]


class Merger:
    def __init__(self, subgraphs: list[Subgraph], reporter: Reporter) -> None:
        self.subgraphs = subgraphs
        self.names = [s.name for s in subgraphs]
        self.schemas = [s.schema for s in subgraphs]
        self.meta = [Metadata(s.schema, True) for s in subgraphs]
        self.reporter = reporter
        self.merged = Schema()
        self.graph = self._graph_enum()
        self.latest = max((s.implied_version or s.version or (2, 0) for s in subgraphs), default=LATEST_FEDERATION)
        for s in subgraphs:
            if s.implied_version is not None and s.version is not None:
                self.reporter.hint(
                    "IMPLICITLY_UPGRADED_FEDERATION_VERSION",
                    f"Subgraph {s.name} has been implicitly upgraded from federation v{s.version[0]}.{s.version[1]}"
                    f" to v{s.implied_version[0]}.{s.implied_version[1]}",
                    [s.name],
                    [f"@{s.implied_by}"],
                )
        self.join_version = join_version(self.latest)
        self.enum_usages: dict[str, dict[str, Any]] = {}
        self.applied_to_merge: list[tuple[list[str], Sources, Any, str]] = []
        self.supergraph_names: dict[str, str] = {}  # internal federation directive -> supergraph name
        self.merged_directive_names: set[str] = set()  # supergraph names of composed federation directives
        self.spec_uses: dict[str, _SpecUse] = {}
        self.inaccessible: str | None = None
        self.access_control: list[tuple[str, str]] = []  # (federation name, name in supergraph)
        self.compose: dict[str, set[str]] = {}  # subgraph -> composed directive names
        self.composed_features: dict[str, tuple[LinkedFeature, list[tuple[str, str]], int]] = {}
        self.fields_with_override = self._coordinates_with(OVERRIDE)
        self.fields_with_from_context = self._coordinates_with_from_context()
        self.fields_with_requires = self._coordinates_with(REQUIRES)
        self._access_sources: dict[str, list[tuple[int, Any]]] | None = None

    # ------------------------------------------------------------------ helpers

    def _graph_enum(self) -> list[str]:
        sanitized: dict[str, list[str]] = {}
        for name in self.names:
            sanitized.setdefault(sanitize_graph_name(name), []).append(name)
        result = {}
        for value, names in sanitized.items():
            if len(names) == 1:
                result[names[0]] = value
            else:
                for index, name in enumerate(names):
                    result[name] = f"{value}_{index + 1}"
        return [result[name] for name in self.names]

    def _coordinates_with(self, directive: str) -> set[str]:
        return {
            f"{named.name}.{f.name}"
            for schema in self.schemas
            for named in schema.types.values()
            for f in named.fields.values()
            if has_directive(f, directive)
        }

    def _coordinates_with_from_context(self) -> set[str]:
        return {
            f"{named.name}.{f.name}"
            for schema in self.schemas
            for named in schema.types.values()
            for f in named.fields.values()
            if any(has_directive(a, FROM_CONTEXT) for a in f.args.values())
        }

    def error(self, code: str, message: str, subgraphs: Iterable[str] = (), coordinates: Iterable[str] = ()) -> None:
        self.reporter.error(code, message, subgraphs, coordinates)

    def hint(self, code: str, message: str, subgraphs: Iterable[str] = (), coordinates: Iterable[str] = ()) -> None:
        self.reporter.hint(code, message, subgraphs, coordinates)

    def type_sources(self, dest: NamedType) -> Sources:
        sources: Sources = {}
        for index, schema in enumerate(self.schemas):
            named = schema.types.get(dest.name)
            if named is None:
                sources[index] = None
                continue
            kind = "interface" if self.meta[index].is_interface_object(named.name) else named.kind
            sources[index] = named if kind == dest.kind else None
        return sources

    def lookup(self, name: str) -> NamedType | None:
        return self.merged.types.get(name)

    # ------------------------------------------------------------------ preparation

    def prepare(self) -> None:
        self._collect_spec_directives()
        self._validate_compose_directives()

    def _collect_spec_directives(self) -> None:
        order = ["tag", "inaccessible", "authenticated", "requiresScopes", "policy", "context", "cost", "listSize"]
        name_in_supergraph: dict[str, tuple[str, str]] = {}  # federation name -> (name, first subgraph)
        used_in: dict[str, list[tuple[str, str]]] = {}
        for index, subgraph in enumerate(self.subgraphs):
            used = self._used_directives(self.schemas[index])
            for name in order:
                if fed(name) not in used:
                    continue
                local = subgraph.local(fed(name))
                used_in.setdefault(name, []).append((subgraph.name, local))
                if name not in name_in_supergraph:
                    name_in_supergraph[name] = (local, subgraph.name)
        for name, uses in used_in.items():
            locals_ = {local for _s, local in uses}
            if len(locals_) > 1:
                groups: dict[str, list[str]] = {}
                for subgraph_name, local in uses:
                    groups.setdefault(f'"@{local}"', []).append(subgraph_name)
                parts = [f"{value} in {subgraph_list(names)}" for value, names in groups.items()]
                spec_name = COMPOSED_DIRECTIVES[name][0]
                self.error(
                    "LINK_IMPORT_NAME_MISMATCH",
                    f'The "@{name}" directive (from https://specs.apollo.dev/federation/v2.0) is imported with'
                    f" mismatched name between subgraphs: it is imported as {' and '.join(parts)}",
                    [s for s, _l in uses],
                    [f"@{name}"],
                )
                del spec_name
                return
        # specs in the order their directives are first met (subgraph by subgraph)
        for name in name_in_supergraph:
            spec_name, element = COMPOSED_DIRECTIVES[name]
            local = name_in_supergraph[name][0]
            self.spec_uses.setdefault(spec_name, _SpecUse(spec_name)).directives.append((element, local))
            self.supergraph_names[fed(name)] = local
            self.merged_directive_names.add(local)
            if name == "inaccessible":
                self.inaccessible = local
            if name in ACCESS_CONTROL:
                self.access_control.append((name, local))

    @staticmethod
    def _used_directives(schema: Schema) -> set[str]:
        used: set[str] = {d.name for d in schema.schema_directives}
        for named in schema.types.values():
            used.update(d.name for d in named.directives)
            for f in named.fields.values():
                used.update(d.name for d in f.directives)
                for argument in f.args.values():
                    used.update(d.name for d in argument.directives)
            for input_field in named.input_fields.values():
                used.update(d.name for d in input_field.directives)
            for value in named.values.values():
                used.update(d.name for d in value.directives)
        for directive in schema.directives.values():
            for argument in directive.args.values():
                used.update(d.name for d in argument.directives)
        return used

    def _validate_compose_directives(self) -> None:
        items: list[tuple[str, LinkedFeature, str, str]] = []  # (subgraph, feature, name in feature, name)
        for subgraph in self.subgraphs:
            for applied in subgraph.schema.schema_directives:
                if applied.name != COMPOSE_DIRECTIVE:
                    continue
                raw = applied.arg("name")
                if not raw:
                    self.error(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'Argument to @composeDirective in subgraph "{subgraph.name}" cannot be NULL or an empty'
                        " String",
                        [subgraph.name],
                        ["@composeDirective"],
                    )
                    continue
                raw = str(raw)
                if not raw.startswith("@"):
                    self.error(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'Argument to @composeDirective "{raw}" in subgraph "{subgraph.name}" must have a leading "@"',
                        [subgraph.name],
                        [raw],
                    )
                    continue
                name = raw[1:]
                if name in (subgraph.local(fed(n)) for n in COMPOSED_DIRECTIVES) or name in (
                    subgraph.local(fed(n)) for n in ("key", "requires", "provides", "external", "shareable", "override")
                ):
                    if name in (subgraph.local(fed("tag")), subgraph.local(fed("inaccessible"))):
                        self.hint(
                            "DIRECTIVE_COMPOSITION_INFO",
                            f'Directive "@{name}" should not be explicitly manually composed since it is a federation'
                            " directive composed by default",
                            [subgraph.name],
                            [raw],
                        )
                    else:
                        self.error(
                            "DIRECTIVE_COMPOSITION_ERROR",
                            f'Composing federation directive "{raw}" in subgraph "{subgraph.name}" is not supported',
                            [subgraph.name],
                            [raw],
                        )
                    continue
                if name not in subgraph.schema.directives:
                    self.error(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'Could not find matching directive definition for argument to @composeDirective "@{name}" in'
                        f' subgraph "{subgraph.name}".',
                        [subgraph.name],
                        [raw],
                    )
                    continue
                feature_info = _feature_of(subgraph, name)
                if feature_info is None:
                    self.error(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'Directive "@{name}" in subgraph "{subgraph.name}" cannot be composed because it is not a'
                        " member of a core feature",
                        [subgraph.name],
                        [raw],
                    )
                    continue
                feature, name_in_feature = feature_info
                items.append((subgraph.name, feature, name_in_feature, name))
        by_name: dict[str, list[tuple[str, LinkedFeature, str, str]]] = {}
        for item in items:
            by_name.setdefault(item[3], []).append(item)
        rejected: set[str] = set()
        for name, group in by_name.items():
            if len({g[2] for g in group}) > 1:
                rejected.add(name)
                self.error(
                    "DIRECTIVE_COMPOSITION_ERROR",
                    f'Composed directive "@{name}" does not refer to the same directive in every subgraph',
                    [g[0] for g in group],
                    [f"@{name}"],
                )
            if len({g[1].identity for g in group}) > 1:
                rejected.add(name)
                self.error(
                    "DIRECTIVE_COMPOSITION_ERROR",
                    f'Composed directive "@{name}" is not linked by the same core feature in every subgraph',
                    [g[0] for g in group],
                    [f"@{name}"],
                )
        by_original: dict[tuple[str, str], set[str]] = {}
        for _s, feature, original, name in items:
            by_original.setdefault((feature.identity, original), set()).add(name)
        for (_identity, _original), local_names in by_original.items():
            if len(local_names) > 1:
                rejected.update(local_names)
                self.error(
                    "DIRECTIVE_COMPOSITION_ERROR",
                    "Composed directive is not named consistently in all subgraphs",
                    [s for s, _f, o, _n in items if o == _original],
                )
        latest: dict[str, tuple[LinkedFeature, str]] = {}
        for subgraph_name, feature, _original, _name in items:
            current = latest.get(feature.identity)
            if current is not None and current[0].version[0] != feature.version[0]:
                self.error(
                    "DIRECTIVE_COMPOSITION_ERROR",
                    f'Core feature "{feature.identity}" requested to be merged has major version mismatch across'
                    " subgraphs",
                    [subgraph_name, current[1]],
                )
                rejected.update(n for _s, f, _o, n in items if f.identity == feature.identity)
                continue
            if current is None or feature.version > current[0].version:
                latest[feature.identity] = (feature, subgraph_name)
        for subgraph_name, feature, original, name in items:
            if name in rejected:
                continue
            self.compose.setdefault(subgraph_name, set()).add(name)
            entry = self.composed_features.get(feature.identity)
            chosen, chosen_subgraph = latest[feature.identity]
            if entry is None:
                entry = (chosen, [], self.names.index(chosen_subgraph))
                self.composed_features[feature.identity] = entry
            if (name, original) not in entry[1]:
                entry[1].append((name, original))

    def is_composed(self, subgraph_index: int, directive_name: str) -> bool:
        return directive_name in self.compose.get(self.names[subgraph_index], set())

    def composed_anywhere(self, directive_name: str) -> bool:
        return any(directive_name in names for names in self.compose.values())

    def merged_name(self, subgraph_index: int, applied: Applied) -> str | None:
        """Name of an applied directive in the supergraph, None when it is not carried."""
        if applied.name in self.supergraph_names:
            return self.supergraph_names[applied.name]
        if applied.name.startswith("federation__"):
            return None
        if self.is_composed(subgraph_index, applied.name):
            return applied.name
        if applied.name in BUILT_IN_DIRECTIVES:
            return applied.name
        return None

    # ------------------------------------------------------------------ merge

    def merge(self) -> MergeResult | None:
        self.prepare()
        if self.reporter.errors:
            return None
        self.add_types_shallow()
        self.add_directives_shallow()
        kinds: dict[str, list[NamedType]] = {k: [] for k in ("object", "interface", "union", "enum", "scalar", "input")}
        for named in self.merged.types.values():
            kinds[named.kind].append(named)
        for named in kinds["object"] + kinds["interface"]:
            self.merge_implements(self.type_sources(named), named)
        for named in kinds["union"]:
            self.merge_type(self.type_sources(named), named)
        self.merge_schema_definition()
        for named in kinds["scalar"] + kinds["input"] + kinds["interface"] + kinds["object"]:
            if named.name in self.merged.types:
                self.merge_type(self.type_sources(named), named)
        for name in list(self.merged.directives):
            self.merge_directive_definition(name)
        for named in kinds["enum"]:
            self.merge_type(self.type_sources(named), named)
        if "query" not in self.merged.roots:
            self.error("NO_QUERIES", "No queries found in any subgraph: a supergraph must have a query root type.")
        self.merge_all_applied_directives()
        self.add_missing_interface_object_fields()
        if self.reporter.errors:
            return None
        self.post_merge_validations()
        if self.reporter.errors:
            return None
        return MergeResult(
            supergraph=self.merged,
            graph_enum=dict(zip(self.names, self.graph, strict=True)),
            urls={s.name: s.url for s in self.subgraphs},
            join_version=self.join_version,
            links=self._links(),
            spec_types=self._spec_types(),
            spec_directives=self._spec_directives(),
            supergraph_names=dict(self.supergraph_names),
        )

    def _links(self) -> list[Applied]:
        links = [
            Applied("link", {"url": "https://specs.apollo.dev/link/v1.0"}),
            Applied(
                "link", {"url": f"https://specs.apollo.dev/join/{self.join_version}", "for": EnumLiteral("EXECUTION")}
            ),
        ]
        for use in self.spec_uses.values():
            spec = SUPERGRAPH_SPECS[use.spec]
            imports: list[object] = []
            for element, name in use.directives:
                default = spec.name if element == spec.name else f"{spec.name}__{element}"
                if name != default:
                    imports.append(f"@{element}" if element == name else {"name": f"@{element}", "as": f"@{name}"})
            args: dict[str, object] = {"url": spec.url}
            if spec.purpose:
                args["for"] = EnumLiteral(spec.purpose)
            if imports:
                args["import"] = imports
            links.append(Applied("link", args))
        for feature, directives, _index in self.composed_features.values():
            imports = [f"@{n}" if n == o else {"name": f"@{o}", "as": f"@{n}"} for n, o in directives]
            args = {"url": feature.url}
            if feature.prefix != feature.name:
                args["as"] = feature.prefix
            args["import"] = imports
            links.append(Applied("link", args))
        return links

    def _spec_types(self) -> list[str]:
        types: list[str] = []
        for use in self.spec_uses.values():
            types.extend(SUPERGRAPH_SPECS[use.spec].types)
        return types

    def _spec_directives(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for use in self.spec_uses.values():
            spec = SUPERGRAPH_SPECS[use.spec]
            names = dict(use.directives)
            for element, definition in spec.directives.items():
                name = names.get(element, spec.name if element == spec.name else f"{spec.name}__{element}")
                result[name] = definition
        return result

    # ------------------------------------------------------------------ shallow types and directives

    def add_types_shallow(self) -> None:
        mismatched: list[str] = []
        interface_objects: list[str] = []
        for index, schema in enumerate(self.schemas):
            for named in schema.types.values():
                kind = named.kind
                if self.meta[index].is_interface_object(named.name):
                    kind = "interface"
                    if named.name not in interface_objects:
                        interface_objects.append(named.name)
                previous = self.merged.types.get(named.name)
                if previous is None:
                    self.merged.types[named.name] = NamedType(kind=kind, name=named.name)
                elif previous.kind != kind and named.name not in mismatched:
                    mismatched.append(named.name)
        for name in mismatched:
            elements = []
            for index, schema in enumerate(self.schemas):
                named = schema.types.get(name)
                if named is None:
                    continue
                if self.meta[index].is_interface_object(name):
                    label = "Interface Object Type (Object Type with @interfaceObject)"
                else:
                    label = {
                        "object": "Object Type",
                        "interface": "Interface Type",
                        "union": "Union Type",
                        "enum": "Enum Type",
                        "input": "Input Object Type",
                        "scalar": "Scalar Type",
                    }[named.kind]
                elements.append((self.names[index], label))
            first = elements[0][1]
            self.reporter.mismatch_error(
                "TYPE_KIND_MISMATCH", f'Type "{name}" has mismatched kind: it is defined as ', first, elements, [name]
            )
        for name in interface_objects:
            if name in mismatched:
                continue
            if not any((t := s.types.get(name)) is not None and t.kind == "interface" for s in self.schemas):
                defining = [self.names[i] for i, s in enumerate(self.schemas) if name in s.types]
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in which it is defined'
                    f" (it is defined in {subgraph_list(defining)} but should be defined as an interface in at least"
                    " one subgraph)",
                    defining,
                    [name],
                )

    def add_directives_shallow(self) -> None:
        for index, schema in enumerate(self.schemas):
            for directive in schema.directives.values():
                if directive.name in self.merged.directives:
                    continue
                if self.is_composed(index, directive.name) or any(
                    loc in EXECUTABLE_LOCATIONS for loc in directive.locations
                ):
                    self.merged.directives[directive.name] = DirectiveDefinition(directive.name)

    # ------------------------------------------------------------------ descriptions

    def merge_description(self, sources: Sources, dest: Any, coordinate: str | None = None) -> None:
        descriptions: list[str] = []
        counts: list[float] = []
        for source in sources.values():
            if source is None or source.description is None:
                continue
            if source.description in descriptions:
                counts[descriptions.index(source.description)] += 1
            else:
                descriptions.append(source.description)
                counts.append(float("-inf") if source.description == "" else 1)
        if not descriptions:
            return
        non_empty = [d for d in descriptions if d != ""]
        if len(descriptions) == 1:
            dest.description = descriptions[0]
        elif len(non_empty) == 1:
            dest.description = non_empty[0]
        else:
            chosen = descriptions[counts.index(max(counts))]
            dest.description = chosen
            name = f'Element "{coordinate}"' if coordinate else "The schema definition"
            by_subgraph = [
                (self.names[i], s.description)
                for i, s in sources.items()
                if s is not None and s.description is not None
            ]

            def block(text: str) -> str:
                return '  """\n  ' + text.replace("\n", "\n  ", 1) + '\n  """'

            self.reporter.mismatch_specific(
                "INCONSISTENT_DESCRIPTION",
                f"{name} has inconsistent descriptions across subgraphs. ",
                chosen,
                by_subgraph,
                lambda d, s: f"The supergraph will use description (from {s}):\n{block(d)}",
                lambda d, s: f"\nIn {s}, the description is:\n{block(d)}",
                [coordinate] if coordinate else [],
                hint=True,
                end_dot=False,
            )

    # ------------------------------------------------------------------ types

    def merge_implements(self, sources: Sources, dest: NamedType) -> None:
        implemented: list[str] = []
        for index, source in sources.items():
            if source is None:
                continue
            for interface in source.interfaces:
                if interface not in implemented:
                    implemented.append(interface)
                dest.directives.append(
                    Applied("join__implements", {"graph": EnumLiteral(self.graph[index]), "interface": interface})
                )
        dest.interfaces.extend(i for i in implemented if i not in dest.interfaces)

    def merge_type(self, sources: Sources, dest: NamedType) -> None:
        self.check_extension_with_no_base(sources, dest)
        self.merge_description(sources, dest, dest.name)
        self.add_join_type(sources, dest)
        self.record_applied_directives(sources, dest, is_type=True)
        if dest.kind == "object":
            self.merge_object(sources, dest)
        elif dest.kind == "interface":
            self.merge_interface(sources, dest)
        elif dest.kind == "union":
            self.merge_union(sources, dest)
        elif dest.kind == "enum":
            self.merge_enum(sources, dest)
        elif dest.kind == "input":
            self.merge_input(sources, dest)

    def is_root(self, type_name: str) -> bool:
        return type_name in self.merged.roots.values()

    def check_extension_with_no_base(self, sources: Sources, dest: NamedType) -> None:
        if dest.kind == "object" and self.is_root(dest.name):
            return
        definitions = [i for i, s in sources.items() if s is not None and s.has_definition]
        extensions = [i for i, s in sources.items() if s is not None and s.has_extension]
        if extensions and not definitions:
            for index in extensions:
                self.error(
                    "EXTENSION_WITH_NO_BASE",
                    f'[{self.names[index]}] Type "{dest.name}" is an extension type, but there is no type definition'
                    f' for "{dest.name}" in any subgraph.',
                    [self.names[index]],
                    [dest.name],
                )

    def add_join_type(self, sources: Sources, dest: NamedType) -> None:
        for index, source in sources.items():
            if source is None:
                continue
            graph = EnumLiteral(self.graph[index])
            is_interface_object = True if self.meta[index].is_interface_object(source.name) else None
            keys = [d for d in source.directives if d.name == KEY]
            if not keys:
                args: dict[str, object] = {"graph": graph}
                if is_interface_object:
                    args["isInterfaceObject"] = True
                dest.directives.append(Applied("join__type", args))
                continue
            for key in keys:
                args = {"graph": graph, "key": key.arg("fields")}
                if key.extension or source.has_directive(EXTENDS):
                    args["extension"] = True
                if "resolvable" in key.args:
                    args["resolvable"] = key.args["resolvable"]
                if is_interface_object:
                    args["isInterfaceObject"] = True
                dest.directives.append(Applied("join__type", args))

    def merge_object(self, sources: Sources, dest: NamedType) -> None:
        is_entity = self.hint_on_inconsistent_entity(sources, dest)
        is_value_type = not is_entity and not self.is_root(dest.name)
        is_subscription = self.merged.roots.get("subscription") == dest.name
        added = self.add_fields_shallow(sources, dest)
        if not added:
            del self.merged.types[dest.name]
            for kind, name in list(self.merged.roots.items()):
                if name == dest.name:
                    del self.merged.roots[kind]
            return
        for dest_field, field_sources in added:
            if is_value_type:
                self.hint_on_inconsistent_value_type_field(sources, dest, dest_field)
            context = self.validate_override(field_sources, dest, dest_field)
            if is_subscription:
                self.validate_subscription_field(field_sources, dest, dest_field)
            self.merge_field(field_sources, dest, dest_field, context)
            self.validate_field_sharing(field_sources, dest, dest_field, context)

    def hint_on_inconsistent_entity(self, sources: Sources, dest: NamedType) -> bool:
        entity, non_entity = [], []
        for index, source in sources.items():
            if source is None:
                continue
            (entity if source.has_directive(KEY) else non_entity).append(index)
        if entity and non_entity:
            elements = [(self.names[i], "yes" if i in entity else "no") for i in entity + non_entity]
            elements.sort(key=lambda e: self.names.index(e[0]))
            self.reporter.mismatch_specific(
                "INCONSISTENT_ENTITY",
                f'Type "{dest.name}" is declared as an entity (has a @key applied) in some but not all defining'
                " subgraphs: ",
                "no",
                elements,
                lambda _v, s: f"it has no @key in {s}",
                lambda _v, s: f" but has some @key in {s}",
                [dest.name],
                hint=True,
            )
        return bool(entity)

    def hint_on_inconsistent_value_type_field(self, sources: Sources, dest: NamedType, dest_field: Field) -> None:
        code = (
            "INCONSISTENT_OBJECT_VALUE_TYPE_FIELD"
            if dest.kind == "object"
            else "INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD"
        )
        description = "non-entity object" if dest.kind == "object" else "interface"
        for index, source in sources.items():
            if source is None:
                continue
            if source.kind == "object" and self.meta[index].is_interface_object(source.name):
                continue
            if (
                dest_field.name not in source.fields
                and not all(self.meta[index].is_external(source.name, f) for f in source.fields)
                and not (dest.kind == "interface" and self.is_provided_by_interface_object(dest_field.name, dest.name))
            ):
                elements = [
                    (self.names[i], "yes" if dest_field.name in s.fields else "no")
                    for i, s in sources.items()
                    if s is not None
                ]
                coordinate = f"{dest.name}.{dest_field.name}"
                self.reporter.mismatch_specific(
                    code,
                    f'Field "{coordinate}" of {description} type "{dest.name}" is defined in some but not all'
                    f' subgraphs that define "{dest.name}": ',
                    "yes",
                    elements,
                    lambda _v, s, c=coordinate: f'"{c}" is defined in {s}',
                    lambda _v, s: f" but not in {s}",
                    [coordinate],
                    hint=True,
                )
                return

    def is_provided_by_interface_object(self, field_name: str, interface: str) -> bool:
        for index, schema in enumerate(self.schemas):
            named = schema.types.get(interface)
            if named is not None and self.meta[index].is_interface_object(interface):
                f = named.fields.get(field_name)
                if f is not None and not self.meta[index].is_external(interface, field_name):
                    return True
        return False

    def add_fields_shallow(self, sources: Sources, dest: NamedType) -> list[tuple[Any, Sources]]:
        extra: Sources = {}
        for index in sources:
            schema = self.schemas[index]
            if dest.kind in ("object", "interface"):
                for interface in dest.interfaces:
                    named = schema.types.get(interface)
                    if named is not None and named.kind == "object" and self.meta[index].is_interface_object(interface):
                        extra[index] = None
            if dest.name in schema.types:
                extra[index] = None
        added: dict[str, tuple[Any, Sources]] = {}
        for index, source in sources.items():
            if source is None:
                continue
            elements = source.input_fields if dest.kind == "input" else source.fields
            for name, element in elements.items():
                if name not in added:
                    if dest.kind == "input":
                        dest_element: Any = InputValue(name, element.type)
                        dest.input_fields[name] = dest_element
                    else:
                        dest_element = Field(name, element.type)
                        dest.fields[name] = dest_element
                    added[name] = (dest_element, dict(extra))
                added[name][1][index] = element
        return list(added.values())

    # ------------------------------------------------------------------ override

    def validate_override(self, sources: Sources, parent: NamedType, dest: Field) -> _FieldContext:
        result = _FieldContext()
        coordinate = f"{parent.name}.{dest.name}"
        if coordinate not in self.fields_with_override:
            return result
        info: dict[str, dict[str, Any]] = {}
        with_override: list[str] = []
        for index, source in sources.items():
            name = self.names[index]
            if source is None:
                abstracting = self.fields_abstracted_by_interface_object(parent, dest.name, index)
                if abstracting:
                    info[name] = {"index": index, "abstracting": abstracting}
                continue
            override = next((d for d in source.directives if d.name == OVERRIDE), None)
            info[name] = {
                "index": index,
                "is_interface_field": parent.kind == "interface"
                and not self.meta[index].is_interface_object(parent.name),
                "is_interface_object": self.meta[index].is_interface_object(parent.name),
                "override": override,
            }
            if override is not None:
                with_override.append(name)
        for subgraph_name in with_override:
            entry = info[subgraph_name]
            override, index = entry["override"], entry["index"]
            if entry["is_interface_field"]:
                self.error(
                    "OVERRIDE_ON_INTERFACE",
                    f'@override cannot be used on field "{coordinate}" on subgraph "{subgraph_name}": @override is not'
                    " supported on interface type fields.",
                    [subgraph_name],
                    [coordinate],
                )
                continue
            if entry["is_interface_object"]:
                self.error(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f"@override is not yet supported on fields of @interfaceObject types: cannot be used on field"
                    f' "{coordinate}" on subgraph "{subgraph_name}".',
                    [subgraph_name],
                    [coordinate],
                )
                continue
            source_name = str(override.arg("from", ""))
            if source_name not in self.names:
                result.unknown_target.add(index)
                suggestions = [f'"{n}"' for n in self.names if _similar(source_name, n)]
                extra = f" Did you mean {human_list(suggestions, last_sep=' or ')}?" if suggestions else ""
                self.hint(
                    "FROM_SUBGRAPH_DOES_NOT_EXIST",
                    f'Source subgraph "{source_name}" for field "{coordinate}" on subgraph "{subgraph_name}" does not'
                    f" exist.{extra}",
                    [subgraph_name],
                    [coordinate],
                )
            elif source_name == subgraph_name:
                self.error(
                    "OVERRIDE_FROM_SELF_ERROR",
                    f'Source and destination subgraphs "{source_name}" are the same for overridden field'
                    f' "{coordinate}"',
                    [subgraph_name],
                    [coordinate],
                )
            elif source_name in with_override:
                self.error(
                    "OVERRIDE_SOURCE_HAS_OVERRIDE",
                    f'Field "{coordinate}" on subgraph "{subgraph_name}" is also marked with directive @override in'
                    f' subgraph "{source_name}". Only one @override directive is allowed per field.',
                    [subgraph_name, source_name],
                    [coordinate],
                )
            elif source_name not in info:
                self.hint(
                    "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
                    f'Field "{coordinate}" on subgraph "{subgraph_name}" no longer exists in the from subgraph. The'
                    " @override directive can be removed.",
                    [subgraph_name],
                    [coordinate],
                )
            elif info[source_name].get("abstracting"):
                types = human_list([f'"{t}.{dest.name}"' for t in info[source_name]["abstracting"]], "type", "types")
                self.error(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'Invalid @override on field "{coordinate}" of subgraph "{subgraph_name}": source subgraph'
                    f' "{source_name}" does not have field "{coordinate}" but abstract it in {types} and overriding'
                    " abstracted fields is not supported.",
                    [subgraph_name, source_name],
                    [coordinate],
                )
            else:
                from_index = self.names.index(source_name)
                from_field = sources[from_index]
                conflict = None
                for directive in (REQUIRES, PROVIDES):
                    if from_field is not None and has_directive(from_field, directive):
                        conflict = (directive, source_name)
                        break
                if conflict is None and self.meta[index].is_external(parent.name, dest.name):
                    conflict = (EXTERNAL, subgraph_name)
                if conflict is not None:
                    directive_name = self.subgraphs[self.names.index(conflict[1])].local(conflict[0])
                    self.error(
                        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                        f'@override cannot be used on field "{coordinate}" on subgraph "{subgraph_name}" since'
                        f' "{coordinate}" on "{conflict[1]}" is marked with directive "@{directive_name}"',
                        [subgraph_name, conflict[1]],
                        [coordinate],
                    )
                    continue
                label = override.arg("label")
                referenced = self.meta[from_index].is_used(parent.name, dest.name)
                if self.meta[from_index].is_external(parent.name, dest.name):
                    self.hint(
                        "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
                        f'Field "{coordinate}" on subgraph "{subgraph_name}" is not resolved anymore by the from'
                        f' subgraph (it is marked "@external" in "{source_name}"). The @override directive can be'
                        " removed.",
                        [subgraph_name],
                        [coordinate],
                    )
                elif referenced:
                    result.used_overridden.add(from_index)
                    if not label:
                        self.hint(
                            "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                            f'Field "{coordinate}" on subgraph "{source_name}" is overridden. It is still used in some'
                            " federation directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface"
                            " constraint(s), but consider marking it @external explicitly or removing it along with"
                            " its references.",
                            [source_name],
                            [coordinate],
                        )
                else:
                    result.unused_overridden.add(from_index)
                    if not label:
                        self.hint(
                            "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                            f'Field "{coordinate}" on subgraph "{source_name}" is overridden. Consider removing it.',
                            [source_name],
                            [coordinate],
                        )
                if label:
                    label = str(label)
                    valid = bool(_LABEL.match(label))
                    percent = _PERCENT.match(label)
                    if not valid and percent and 0 <= float(percent.group(1)) <= 100:
                        valid = True
                    if valid:
                        result.labels[index] = label
                        result.labels[from_index] = label
                    else:
                        self.error(
                            "OVERRIDE_LABEL_INVALID",
                            f'Invalid @override label "{label}" on field "{coordinate}" on subgraph "{subgraph_name}":'
                            " labels must start with a letter and after that may contain alphanumerics,"
                            " underscores, minuses, colons, periods, or slashes. Alternatively, labels may be of the"
                            ' form "percent(x)" where x is a float between 0-100 inclusive.',
                            [subgraph_name],
                            [coordinate],
                        )
                    message = (
                        f'Field "{coordinate}" on subgraph "{source_name}" is currently being migrated via progressive'
                        " @override. It is still used in some federation directive(s) (@key, @requires, and/or"
                        " @provides) and/or to satisfy interface constraint(s). Once the migration is complete,"
                        " consider marking it @external explicitly or removing it along with its references."
                        if referenced
                        else f'Field "{coordinate}" is currently being migrated with progressive @override. Once the'
                        f' migration is complete, remove the field from subgraph "{source_name}".'
                    )
                    self.hint("OVERRIDE_MIGRATION_IN_PROGRESS", message, [source_name], [coordinate])
        return result

    def fields_abstracted_by_interface_object(self, parent: NamedType, field_name: str, index: int) -> list[str]:
        """Interface-object types of subgraph ``index`` that provide ``parent.field_name``
        for an object type the subgraph does not define."""
        schema = self.schemas[index]
        if parent.kind != "object" or parent.name in schema.types:
            return []
        result = []
        for interface in parent.interfaces:
            merged = self.merged.types.get(interface)
            if merged is None or field_name not in merged.fields:
                continue
            named = schema.types.get(interface)
            if named is not None and named.kind == "object" and field_name in named.fields:
                result.append(interface)
        return result

    # ------------------------------------------------------------------ fields

    def merge_field(self, sources: Sources, parent: NamedType, dest: Field, context: _FieldContext) -> None:
        coordinate = f"{parent.name}.{dest.name}"
        every_external = True
        for index, source in sources.items():
            if source is None:
                abstracting = self.fields_abstracted_by_interface_object(parent, dest.name, index)
                every_external = every_external and all(self.meta[index].is_external(i, dest.name) for i in abstracting)
            else:
                every_external = every_external and self.meta[index].is_external(parent.name, dest.name)
            if not every_external:
                break
        if every_external:
            defining = []
            for index, source in sources.items():
                if source is not None:
                    defining.append(self.names[index])
                    continue
                abstracting = self.fields_abstracted_by_interface_object(parent, dest.name, index)
                if abstracting:
                    types = human_list([f'"{t}"' for t in abstracting], "type", "types")
                    defining.append(f"{self.names[index]} (through @interaceObject {types})")
            self.error(
                "EXTERNAL_MISSING_ON_BASE",
                f'Field "{coordinate}" is marked @external on all the subgraphs in which it is listed'
                f" ({subgraph_list(defining)}).",
                [self.names[i] for i, s in sources.items() if s is not None],
                [coordinate],
            )
            return
        without_external = self.validate_and_filter_external(sources, parent, dest)
        if any(s is not None for s in without_external.values()):
            self.merge_description(without_external, dest, coordinate)
            self.record_applied_directives(without_external, dest, coordinate=coordinate, is_field=True)
            self.add_arguments_shallow(without_external, dest, coordinate)
            for argument in list(dest.args.values()):
                argument_sources = {
                    i: (f.args.get(argument.name) if f is not None else None) for i, f in without_external.items()
                }
                self.merge_argument(argument_sources, argument, f"{coordinate}({argument.name}:)")
        all_types_equal = self.merge_type_reference(
            without_external if any(s is not None for s in without_external.values()) else sources,
            dest,
            coordinate,
        )
        if any(s is not None and self.meta[i].is_external(parent.name, dest.name) for i, s in sources.items()):
            self.validate_external_fields(sources, parent, dest, all_types_equal)
        self.add_join_field(sources, parent, dest, all_types_equal, context)

    def validate_and_filter_external(self, sources: Sources, parent: NamedType, dest: Field) -> Sources:
        filtered: Sources = {}
        for index, source in sources.items():
            if source is None or not self.meta[index].is_external(parent.name, dest.name):
                filtered[index] = source
                continue
            filtered[index] = None
            for directive in source.directives:
                if directive.name in BUILT_IN_DIRECTIVES or self.supergraph_names.get(directive.name):
                    local = self.supergraph_names.get(directive.name, directive.name)
                    self.error(
                        "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                        f"[{self.names[index]}] Cannot apply merged directive @{local} to external field"
                        f' "{parent.name}.{dest.name}"',
                        [self.names[index]],
                        [f"{parent.name}.{dest.name}"],
                    )
        return filtered

    def validate_field_sharing(self, sources: Sources, parent: NamedType, dest: Field, context: _FieldContext) -> None:
        shareable, non_shareable, resolving = [], [], []

        def categorize(index: int, label: str, type_name: str) -> None:
            meta = self.meta[index]
            if not meta.is_fully_external(type_name, dest.name):
                resolving.append(label)
                (shareable if meta.is_shareable(type_name, dest.name) else non_shareable).append((label, index))

        for index, source in sources.items():
            label = f'"{self.names[index]}"'
            if source is None:
                for interface in self.fields_abstracted_by_interface_object(parent, dest.name, index):
                    categorize(index, f'{label} (through @interfaceObject field "{interface}.{dest.name}")', interface)
                continue
            if index in context.used_overridden or index in context.unused_overridden:
                continue
            categorize(index, label, parent.name)
        if non_shareable and (shareable or len(non_shareable) > 1):

            def names(items: list) -> str:
                return human_list([i if isinstance(i, str) else i[0] for i in items], "subgraph", "subgraphs", 500)

            coordinate = f"{parent.name}.{dest.name}"
            non_shareables = names(non_shareable) if shareable else "all of them"
            extra = ""
            targetless = next((label for label, index in non_shareable if index in context.unknown_target), None)
            if targetless is not None:
                extra = (
                    f' (please note that "{coordinate}" has an @override directive in {targetless} that targets an'
                    " unknown subgraph so this could be due to misspelling the @override(from:) argument)"
                )
            self.error(
                "INVALID_FIELD_SHARING",
                f'Non-shareable field "{coordinate}" is resolved from multiple subgraphs: it is resolved from'
                f" {names(resolving)} and defined as non-shareable in {non_shareables}{extra}",
                [label.split('"')[1] for label in resolving],
                [coordinate],
            )

    def validate_subscription_field(self, sources: Sources, parent: NamedType, dest: Field) -> None:
        shareable = [self.names[i] for i, s in sources.items() if s is not None and has_directive(s, SHAREABLE)]
        if shareable:
            self.error(
                "INVALID_FIELD_SHARING",
                "Fields on root level subscription object cannot be marked as shareable",
                shareable,
                [f"{parent.name}.{dest.name}"],
            )

    def validate_external_fields(self, sources: Sources, parent: NamedType, dest: Field, all_types_equal: bool) -> None:
        coordinate = f"{parent.name}.{dest.name}"
        invalid_types = False
        missing_args: list[str] = []
        invalid_arg_types: list[str] = []
        invalid_defaults: list[str] = []
        for index, source in sources.items():
            if source is None or not self.meta[index].is_external(parent.name, dest.name):
                continue
            if not (
                dest.type == source.type or (not all_types_equal and self.is_strict_subtype(dest.type, source.type))
            ):
                invalid_types = True
            for argument in dest.args.values():
                theirs = source.args.get(argument.name)
                if theirs is None:
                    if argument.name not in missing_args:
                        missing_args.append(argument.name)
                    continue
                bad_type = argument.type != theirs.type and not self.is_strict_subtype(theirs.type, argument.type)
                if bad_type and argument.name not in invalid_arg_types:
                    invalid_arg_types.append(argument.name)
                bad_default = argument.has_default != theirs.has_default or not value_equals(
                    argument.default, theirs.default
                )
                if bad_default and argument.name not in invalid_defaults:
                    invalid_defaults.append(argument.name)
        present = [(self.names[i], s) for i, s in sources.items() if s is not None]
        if invalid_types:
            self.reporter.mismatch_error(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{coordinate}" is incompatible across subgraphs (where marked @external): it has ',
                f'type "{dest.type}"',
                [(n, f'type "{s.type}"') for n, s in present],
                [coordinate],
            )
        for name in missing_args:
            argument_coordinate = f"{coordinate}({name}:)"
            elements = []
            for i in range(len(self.names)):
                s = sources.get(i)
                elements.append(
                    (self.names[i], f'argument "{argument_coordinate}"' if s is not None and name in s.args else "")
                )
            self.reporter.mismatch_specific(
                "EXTERNAL_ARGUMENT_MISSING",
                f'Field "{coordinate}" is missing argument "{argument_coordinate}" in some subgraphs where it is marked'
                " @external: ",
                f'argument "{argument_coordinate}"',
                elements,
                lambda v, s: f"{v} is declared in {s}",
                lambda _v, s: f' but not in {s} (where "{coordinate}" is @external).',
                [argument_coordinate],
            )
        for name in invalid_arg_types:
            argument_coordinate = f"{coordinate}({name}:)"
            self.reporter.mismatch_error(
                "EXTERNAL_ARGUMENT_TYPE_MISMATCH",
                f'Type of argument "{argument_coordinate}" is incompatible across subgraphs (where "{coordinate}" is'
                " marked @external): it has ",
                f'type "{dest.args[name].type}"',
                [(n, f'type "{s.args[name].type}"' if name in s.args else None) for n, s in present],
                [argument_coordinate],
            )
        for name in invalid_defaults:
            argument_coordinate = f"{coordinate}({name}:)"
            ours = dest.args[name]

            def default_text(argument: InputValue) -> str:
                if not argument.has_default:
                    return "no default value"
                return f"default value {print_value(argument.default, argument.type, self.lookup)}"

            self.reporter.mismatch_error(
                "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH",
                f'Argument "{argument_coordinate}" has incompatible defaults across subgraphs (where "{coordinate}"'
                " is marked @external): it has ",
                default_text(ours),
                [(n, default_text(s.args[name]) if name in s.args else None) for n, s in present],
                [argument_coordinate],
            )

    def needs_join_field(
        self, sources: Sources, parent_name: str, all_types_equal: bool, context: _FieldContext
    ) -> bool:
        if not all_types_equal:
            return True
        if context.used_overridden or context.labels:
            return True
        for source in sources.values():
            if source is not None and f"{parent_name}.{source.name}" in self.fields_with_from_context:
                return True
        for index, source in sources.items():
            if source is not None and index not in context.unused_overridden:
                if isinstance(source, Field) and (
                    self.meta[index].is_external(parent_name, source.name)
                    or has_directive(source, PROVIDES)
                    or has_directive(source, REQUIRES)
                ):
                    return True
            elif parent_name in self.schemas[index].types:
                return True
        return False

    def add_join_field(
        self, sources: Sources, parent: NamedType, dest: Any, all_types_equal: bool, context: _FieldContext
    ) -> None:
        if not self.needs_join_field(sources, parent.name, all_types_equal, context):
            return
        for index, source in sources.items():
            label = context.labels.get(index)
            if source is None or (index in context.unused_overridden and not label):
                continue
            args: dict[str, object] = {"graph": EnumLiteral(self.graph[index])}
            if isinstance(source, Field):
                requires = next((d for d in source.directives if d.name == REQUIRES), None)
                provides = next((d for d in source.directives if d.name == PROVIDES), None)
                overrides = [d for d in source.directives if d.name == OVERRIDE]
                if requires is not None:
                    args["requires"] = requires.arg("fields")
                if provides is not None:
                    args["provides"] = provides.arg("fields")
                if overrides:
                    args["override"] = overrides[-1].arg("from")
            if not all_types_equal:
                args["type"] = source.type
            if isinstance(source, Field) and self.meta[index].is_external(parent.name, source.name):
                args["external"] = True
            if index in context.used_overridden:
                args["usedOverridden"] = True
            if label:
                args["overrideLabel"] = label
            if isinstance(source, Field):
                context_arguments = []
                for argument in source.args.values():
                    from_context = next((d for d in argument.directives if d.name == FROM_CONTEXT), None)
                    if from_context is None:
                        continue
                    name, selection = parse_context(str(from_context.arg("field", "")))
                    context_arguments.append(
                        {
                            "context": f"{self.names[index]}__{name}",
                            "name": argument.name,
                            "type": argument.type,
                            "selection": selection,
                        }
                    )
                if context_arguments:
                    args["contextArguments"] = context_arguments
            dest.directives.append(Applied("join__field", args))

    # ------------------------------------------------------------------ type references

    def is_strict_subtype(self, type_ref: str, sub: str) -> bool:
        if sub.endswith("!"):
            if type_ref.endswith("!"):
                return self.is_subtype(type_ref[:-1], sub[:-1])
            return self.is_subtype(type_ref, sub[:-1])
        if sub.startswith("["):
            return (
                type_ref.startswith("[") and not type_ref.endswith("!") and self.is_subtype(type_ref[1:-1], sub[1:-1])
            )
        if type_ref.startswith("[") or type_ref.endswith("!"):
            return False
        sub_type = self.merged.types.get(sub)
        abstract = self.merged.types.get(type_ref)
        if sub_type is None or abstract is None or sub_type.kind not in ("object", "interface"):
            return False
        if abstract.kind == "union":
            return sub_type.kind == "object" and sub in abstract.members
        if abstract.kind == "interface":
            return type_ref in sub_type.interfaces
        return False

    def is_subtype(self, type_ref: str, sub: str) -> bool:
        return type_ref == sub or self.is_strict_subtype(type_ref, sub)

    def merge_type_reference(self, sources: Sources, dest: Any, coordinate: str, is_input: bool = False) -> bool:
        dest_type: str | None = None
        has_subtypes = has_incompatible = False
        for source in sources.values():
            if source is None:
                continue
            source_type = source.type
            if dest_type is None or dest_type == source_type:
                dest_type = source_type
            elif self.is_strict_subtype(dest_type, source_type):
                has_subtypes = True
                if is_input:
                    dest_type = source_type
            elif self.is_strict_subtype(source_type, dest_type):
                has_subtypes = True
                if not is_input:
                    dest_type = source_type
            else:
                has_incompatible = True
        assert dest_type is not None
        dest.type = dest_type
        is_argument = coordinate.endswith(":)")
        base = self.merged.types.get(base_type(dest_type))
        if base is not None and base.kind == "enum":
            position = "Input" if is_input else "Output"
            existing = self.enum_usages.get(base.name)
            examples = existing["examples"] if existing else {}
            if position not in examples:
                first = next((i for i, s in sources.items() if s is not None), None)
                if first is not None:
                    examples[position] = coordinate
            merged_position = position if existing is None or existing["position"] == position else "Both"
            self.enum_usages[base.name] = {"position": merged_position, "examples": examples}
        element = "argument" if is_argument else "field"
        elements = [(self.names[i], f'type "{s.type}"') for i, s in sources.items() if s is not None]
        if has_incompatible:
            self.reporter.mismatch_error(
                "FIELD_ARGUMENT_TYPE_MISMATCH" if is_argument else "FIELD_TYPE_MISMATCH",
                f'Type of {element} "{coordinate}" is incompatible across subgraphs: it has ',
                f'type "{dest_type}"',
                elements,
                [coordinate],
            )
            return False
        if has_subtypes:
            other = "supertype" if is_input else "subtype"
            self.reporter.mismatch_specific(
                "INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE"
                if is_argument
                else "INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE",
                f'Type of {element} "{coordinate}" is inconsistent but compatible across subgraphs: ',
                dest_type,
                [(self.names[i], s.type) for i, s in sources.items() if s is not None],
                lambda v, s: f'will use type "{v}" (from {s}) in supergraph but "{coordinate}" has ',
                lambda v, s: f'{other} "{v}" in {s}',
                [coordinate],
                hint=True,
            )
            return False
        return True

    # ------------------------------------------------------------------ arguments

    def add_arguments_shallow(self, sources: Sources, dest: Field, coordinate: str) -> None:
        names: list[str] = []
        for source in sources.values():
            if source is None:
                continue
            names.extend(n for n in source.args if n not in names)
        for name in names:
            argument_coordinate = f"{coordinate}({name}:)"
            contextual = {
                i: (s is not None and name in s.args and has_directive(s.args[name], FROM_CONTEXT))
                for i, s in sources.items()
            }
            if any(contextual.values()):
                for index, is_contextual in contextual.items():
                    source = sources[index]
                    argument = source.args.get(name) if source is not None else None
                    if is_contextual or argument is None:
                        continue
                    if is_non_null(argument.type) and not argument.has_default:
                        self.error(
                            "CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS",
                            f'Argument "{argument_coordinate}" is contextual in at least one subgraph but in'
                            f' "{argument_coordinate}" it does not have @fromContext, is not nullable and has no'
                            " default value.",
                            [self.names[index]],
                            [argument_coordinate],
                        )
                    else:
                        self.hint(
                            "CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS",
                            f'Contextual argument "{argument_coordinate}" will not be included in the supergraph since'
                            " it is contextual in at least one subgraph",
                            [self.names[index]],
                            [argument_coordinate],
                        )
                continue
            dest.args[name] = InputValue(name, "")
            if any(s is not None and name not in s.args for s in sources.values()):
                required = [
                    self.names[i]
                    for i, s in sources.items()
                    if s is not None and name in s.args and s.args[name].required
                ]
                missing = [self.names[i] for i, s in sources.items() if s is not None and name not in s.args]
                if required:
                    self.error(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "{argument_coordinate}" is required in some subgraphs but does not appear in all'
                        f" subgraphs: it is required in {subgraph_list(required)} but does not appear in"
                        f" {subgraph_list(missing)}",
                        required + missing,
                        [argument_coordinate],
                    )
                else:
                    elements = [
                        (self.names[i], "yes" if s is not None and name in s.args else "")
                        for i, s in ((i, sources.get(i)) for i in range(len(self.names)))
                    ]
                    self.reporter.mismatch_specific(
                        "INCONSISTENT_ARGUMENT_PRESENCE",
                        f'Optional argument "{argument_coordinate}" will not be included in the supergraph as it does'
                        " not appear in all subgraphs: ",
                        "yes",
                        elements,
                        lambda _v, s: f"it is defined in {s}",
                        lambda _v, s: f" but not in {s}",
                        [argument_coordinate],
                        hint=True,
                    )
                del dest.args[name]

    def merge_argument(self, sources: Sources, dest: InputValue, coordinate: str) -> None:
        self.merge_description(sources, dest, coordinate)
        self.record_applied_directives(sources, dest, coordinate=coordinate)
        self.merge_type_reference(sources, dest, coordinate, is_input=True)
        self.merge_default_value(sources, dest, coordinate, "Argument")

    def merge_default_value(self, sources: Sources, dest: InputValue, coordinate: str, kind: str) -> None:
        dest_default: object = None
        dest_has = False
        seen = inconsistent = incompatible = False
        for source in sources.values():
            if source is None:
                continue
            if not dest_has:
                dest_default, dest_has = source.default, source.has_default
                if seen and source.has_default:
                    inconsistent = True
            elif not (source.has_default and value_equals(dest_default, source.default)):
                inconsistent = True
                if source.has_default:
                    incompatible = True
            seen = True
        if not inconsistent or incompatible:
            dest.default, dest.has_default = dest_default, dest_has
        elements = [
            (self.names[i], print_value(s.default, s.type, self.lookup) if s.has_default else None)
            for i, s in sources.items()
            if s is not None
        ]
        if incompatible:
            code = "FIELD_ARGUMENT_DEFAULT_MISMATCH" if kind == "Argument" else "INPUT_FIELD_DEFAULT_MISMATCH"
            self.reporter.mismatch_error(
                code,
                f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has ',
                f"default value {print_value(dest_default, dest.type, self.lookup)}"
                if dest_has
                else "no default value",
                [(n, f"default value {v}" if v is not None else "no default value") for n, v in elements],
                [coordinate],
            )
        elif inconsistent:
            self.reporter.mismatch_specific(
                "INCONSISTENT_DEFAULT_VALUE_PRESENCE",
                f'{kind} "{coordinate}" has a default value in only some subgraphs: ',
                "",
                [(n, v or "") for n, v in elements],
                lambda _v, s: f"will not use a default in the supergraph (there is no default in {s}) but ",
                lambda v, s: f'"{coordinate}" has default value {v} in {s}',
                [coordinate],
                hint=True,
            )

    # ------------------------------------------------------------------ interfaces, unions, enums, inputs

    def merge_interface(self, sources: Sources, dest: NamedType) -> None:
        has_key = self.validate_interface_keys(sources, dest)
        self.validate_interface_objects(sources, dest)
        for dest_field, field_sources in self.add_fields_shallow(sources, dest):
            if not has_key:
                self.hint_on_inconsistent_value_type_field(sources, dest, dest_field)
            context = self.validate_override(field_sources, dest, dest_field)
            self.merge_field(field_sources, dest, dest_field, context)

    def validate_interface_keys(self, sources: Sources, dest: NamedType) -> bool:
        implementations = self.merged.possible_types(dest.name)
        has_key = False
        for index, source in sources.items():
            if source is None or source.kind != "interface":
                continue
            keys = [d for d in source.directives if d.name == KEY]
            has_key = has_key or bool(keys)
            resolvable = next((k for k in keys if k.arg("resolvable", True) is not False), None)
            if resolvable is None:
                continue
            in_subgraph = self.schemas[index].possible_types(dest.name)
            missing = [t for t in implementations if t not in in_subgraph]
            if missing:
                name = self.names[index]
                key_text = "@key(fields: " + print_value(resolvable.arg("fields")) + ")"
                self.error(
                    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                    f'[{name}] Interface type "{dest.name}" has a resolvable key ({key_text}) in subgraph "{name}" but'
                    f' that subgraph is missing some of the supergraph implementation types of "{dest.name}". Subgraph'
                    f' "{name}" should define {human_list([f"{_q}{t}{_q}" for t in missing], "type", "types")}'
                    f' (and have {"them" if len(missing) > 1 else "it"} implement "{dest.name}").',
                    [name],
                    [dest.name, *missing],
                )
        return has_key

    def validate_interface_objects(self, sources: Sources, dest: NamedType) -> None:
        implementations = self.merged.possible_types(dest.name)
        for index, source in sources.items():
            if source is None or not self.meta[index].is_interface_object(dest.name):
                continue
            defined = [t for t in implementations if t in self.schemas[index].types]
            if defined:
                name = self.names[index]
                types = human_list([f'"{t}"' for t in defined], "type", "types")
                self.error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'[{name}] Interface type "{dest.name}" is defined as an @interfaceObject in subgraph "{name}" so'
                    f' that subgraph should not define any of the implementation types of "{dest.name}", but it'
                    f" defines {types}",
                    [name],
                    [dest.name, *defined],
                )

    def merge_union(self, sources: Sources, dest: NamedType) -> None:
        for source in sources.values():
            if source is None:
                continue
            dest.members.extend(m for m in source.members if m not in dest.members)
        for member in dest.members:
            for index, source in sources.items():
                if source is not None and member in source.members:
                    dest.directives.append(
                        Applied("join__unionMember", {"graph": EnumLiteral(self.graph[index]), "member": member})
                    )
            if any(s is not None and member not in s.members for s in sources.values()):
                self.reporter.mismatch_specific(
                    "INCONSISTENT_UNION_MEMBER",
                    f'Union type "{dest.name}" includes member type "{member}" in some but not all defining'
                    " subgraphs: ",
                    "yes",
                    [
                        (self.names[i], "yes" if member in s.members else "no")
                        for i, s in sources.items()
                        if s is not None
                    ],
                    lambda _v, s, m=member: f'"{m}" is defined in {s}',
                    lambda _v, s: f" but not in {s}",
                    [dest.name],
                    hint=True,
                )

    def merge_enum(self, sources: Sources, dest: NamedType) -> None:
        usage = self.enum_usages.get(dest.name)
        if usage is None:
            usage = {"position": "Output", "examples": {}}
            self.hint(
                "UNUSED_ENUM_TYPE",
                f'Enum type "{dest.name}" is defined but unused. It will be included in the supergraph with all the'
                ' values appearing in any subgraph ("as if" it was only used as an output type).',
                coordinates=[dest.name],
            )
        for source in sources.values():
            if source is None:
                continue
            for name in source.values:
                if name not in dest.values:
                    dest.values[name] = EnumValue(name)
        for value in list(dest.values.values()):
            self.merge_enum_value(sources, dest, value, usage)
        if not dest.values:
            self.error(
                "EMPTY_MERGED_ENUM_TYPE",
                f'None of the values of enum type "{dest.name}" are defined consistently in all the subgraphs defining'
                " that type. As only values common to all subgraphs are merged, this would result in an empty type.",
                [self.names[i] for i, s in sources.items() if s is not None],
                [dest.name],
            )

    def merge_enum_value(self, sources: Sources, dest: NamedType, value: EnumValue, usage: dict) -> None:
        coordinate = f"{dest.name}.{value.name}"
        value_sources = {i: (s.values.get(value.name) if s is not None else None) for i, s in sources.items()}
        self.merge_description(value_sources, value, coordinate)
        self.record_applied_directives(value_sources, value, coordinate=coordinate)
        for index, source in value_sources.items():
            if source is not None:
                value.directives.append(Applied("join__enumValue", {"graph": EnumLiteral(self.graph[index])}))
        inaccessible = self.inaccessible is not None and has_directive(value, self.inaccessible)
        missing = any(s is not None and value.name not in s.values for s in sources.values())
        elements = [
            (self.names[i], "yes" if value.name in s.values else "no") for i, s in sources.items() if s is not None
        ]
        position = usage["position"]
        if not inaccessible and position != "Output" and missing:
            if position == "Both":
                examples = usage["examples"]
                self.reporter.mismatch_specific(
                    "ENUM_VALUE_MISMATCH",
                    f'Enum type "{dest.name}" is used as both input type (for example, as type of'
                    f' "{examples.get("Input")}") and output type (for example, as type of "{examples.get("Output")}"),'
                    f' but value "{value.name}" is not defined in all the subgraphs defining "{dest.name}": ',
                    "yes",
                    elements,
                    lambda _v, s: f'"{value.name}" is defined in {s}',
                    lambda _v, s: f" but not in {s}",
                    [dest.name, coordinate],
                )
            else:
                self.reporter.mismatch_specific(
                    "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM",
                    f'Value "{value.name}" of enum type "{dest.name}" will not be part of the supergraph as it is not'
                    f' defined in all the subgraphs defining "{dest.name}": ',
                    "yes",
                    elements,
                    lambda _v, s: f'"{value.name}" is defined in {s}',
                    lambda _v, s: f" but not in {s}",
                    [coordinate],
                    hint=True,
                )
                del dest.values[value.name]
        elif position == "Output" and missing:
            self.reporter.mismatch_specific(
                "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM",
                f'Value "{value.name}" of enum type "{dest.name}" has been added to the supergraph but is only defined'
                f' in a subset of the subgraphs defining "{dest.name}": ',
                "yes",
                elements,
                lambda _v, s: f'"{value.name}" is defined in {s}',
                lambda _v, s: f" but not in {s}",
                [coordinate],
                hint=True,
            )

    def merge_input(self, sources: Sources, dest: NamedType) -> None:
        for dest_field, field_sources in self.add_fields_shallow(sources, dest):
            coordinate = f"{dest.name}.{dest_field.name}"
            self.merge_description(field_sources, dest_field, coordinate)
            self.record_applied_directives(field_sources, dest_field, coordinate=coordinate)
            all_types_equal = self.merge_type_reference(field_sources, dest_field, coordinate, is_input=True)
            self.add_join_field(field_sources, dest, dest_field, all_types_equal, _FieldContext())
            self.merge_default_value(field_sources, dest_field, coordinate, "Input field")
            inaccessible = self.inaccessible is not None and has_directive(dest_field, self.inaccessible)
            if not inaccessible and any(f is None for f in field_sources.values()):
                required = [self.names[i] for i, f in field_sources.items() if f is not None and f.required]
                missing = [self.names[i] for i, f in field_sources.items() if f is None]
                if required:
                    self.error(
                        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                        f'Input object field "{coordinate}" is required in some subgraphs but does not appear in all'
                        f" subgraphs: it is required in {subgraph_list(required)} but does not appear in"
                        f" {subgraph_list(missing)}",
                        required + missing,
                        [coordinate],
                    )
                else:
                    elements = [
                        (self.names[i], "yes" if field_sources.get(i) is not None else "")
                        for i in range(len(self.names))
                    ]
                    self.reporter.mismatch_specific(
                        "INCONSISTENT_INPUT_OBJECT_FIELD",
                        f'Input object field "{dest_field.name}" will not be added to "{dest.name}" in the supergraph'
                        " as it does not appear in all subgraphs: ",
                        "yes",
                        elements,
                        lambda _v, s: f"it is defined in {s}",
                        lambda _v, s: f" but not in {s}",
                        [coordinate],
                        hint=True,
                    )
                del dest.input_fields[dest_field.name]
        if not dest.input_fields:
            self.error(
                "EMPTY_MERGED_INPUT_TYPE",
                f'None of the fields of input object type "{dest.name}" are consistently defined in all the subgraphs'
                " defining that type. As only fields common to all subgraphs are merged, this would result in an"
                " empty type.",
                [self.names[i] for i, s in sources.items() if s is not None],
                [dest.name],
            )

    # ------------------------------------------------------------------ schema definition and directive definitions

    def merge_schema_definition(self) -> None:
        self.merge_description(dict(enumerate(self.schemas)), self.merged)
        for kind in ROOT_KINDS:
            for schema in self.schemas:
                name = schema.roots.get(kind)
                if name is None:
                    continue
                named = schema.types.get(name)
                if named is None or not named.fields:
                    continue
                self.merged.roots[kind] = name
                break

    def merge_directive_definition(self, name: str) -> None:
        dest = self.merged.directives[name]
        sources: Sources = {i: s.directives.get(name) for i, s in enumerate(self.schemas)}
        if self.composed_anywhere(name):
            self.merge_composed_directive(dest)
        elif any(s is not None for s in sources.values()):
            self.merge_executable_directive(sources, dest)

    def merge_composed_directive(self, dest: DirectiveDefinition) -> None:
        for feature, directives, index in self.composed_features.values():
            for local, _original in directives:
                if local != dest.name:
                    continue
                definition = self.schemas[index].directives.get(local)
                if definition is None:
                    definition = next((s.directives[local] for s in self.schemas if local in s.directives), None)
                if definition is None:
                    self.error(
                        "DIRECTIVE_COMPOSITION_ERROR",
                        f'Core feature "{feature.identity}/{feature.version_text}" in subgraph'
                        f' "{self.names[index]}" does not have a directive definition for "@{dest.name}"',
                        [self.names[index]],
                    )
                    return
                dest.repeatable = definition.repeatable
                dest.description = definition.description
                dest.locations = list(definition.locations)
                for argument in definition.args.values():
                    dest.args[argument.name] = InputValue(
                        argument.name,
                        argument.type,
                        argument.default,
                        argument.has_default,
                        argument.description,
                    )
                return

    def merge_executable_directive(self, sources: Sources, dest: DirectiveDefinition) -> None:
        repeatable: bool | None = None
        locations: list[str] | None = None
        for source in sources.values():
            if source is None:
                missing = [self.names[i] for i, s in sources.items() if not s]
                present = [self.names[i] for i, s in sources.items() if s]
                del self.merged.directives[dest.name]
                self.hint(
                    "INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE",
                    f'Executable directive "@{dest.name}" will not be part of the supergraph as it does not appear in'
                    f" all subgraphs: it is defined in {subgraph_list(present)}"
                    f" but not in {subgraph_list(missing)}.",
                )
                return
            repeatable = source.repeatable if repeatable is None else (repeatable and source.repeatable)
            source_locations = sorted(loc for loc in source.locations if loc in EXECUTABLE_LOCATIONS)
            if locations is None:
                locations = source_locations
            else:
                locations = [loc for loc in locations if loc in source_locations]
                if not locations:
                    del self.merged.directives[dest.name]
                    self.hint(
                        "NO_EXECUTABLE_DIRECTIVE_LOCATIONS_INTERSECTION",
                        f'Executable directive "@{dest.name}" has no location that is common to all subgraphs.',
                    )
                    return
        dest.repeatable = bool(repeatable)
        dest.locations = list(locations or [])
        self.merge_description(sources, dest, f"@{dest.name}")
        present = [(self.names[i], s) for i, s in sources.items() if s is not None]
        if len({s.repeatable for _n, s in present}) > 1:
            self.reporter.mismatch_specific(
                "INCONSISTENT_EXECUTABLE_DIRECTIVE_REPEATABLE",
                f'Executable directive "@{dest.name}" will not be marked repeatable in the supergraph as it is'
                " inconsistently marked repeatable in subgraphs: ",
                "no",
                [(n, "yes" if s.repeatable else "no") for n, s in present],
                lambda _v, s: f"it is not repeatable in {s}",
                lambda _v, s: f" but is repeatable in {s}",
                hint=True,
            )

        def where(locations: list[str]) -> str:
            return ("location " if len(locations) == 1 else "locations ") + '"' + ", ".join(locations) + '"'

        printed = [(n, where(sorted(x for x in s.locations if x in EXECUTABLE_LOCATIONS))) for n, s in present]
        if len({p for _n, p in printed}) > 1:
            self.reporter.mismatch_specific(
                "INCONSISTENT_EXECUTABLE_DIRECTIVE_LOCATIONS",
                f'Executable directive "@{dest.name}" has inconsistent locations across subgraphs ',
                where(sorted(dest.locations)),
                printed,
                lambda v, s: (
                    f"and will use {v} (intersection of all subgraphs) in the supergraph, but has: "
                    + (f"{v} in {s} and " if s else "")
                ),
                lambda v, s: f"{v} in {s}",
                hint=True,
            )
        fake = Field(dest.name, "")
        self.add_arguments_shallow(
            {i: Field(s.name, "", dict(s.args)) for i, s in sources.items() if s is not None}, fake, f"@{dest.name}"
        )
        for argument in fake.args.values():
            argument_sources = {i: s.args.get(argument.name) for i, s in sources.items() if s is not None}
            self.merge_argument(argument_sources, argument, f"@{dest.name}({argument.name}:)")
        dest.args = fake.args

    # ------------------------------------------------------------------ applied directives

    def gather_applied_names(self, sources: Sources) -> list[str]:
        names: list[str] = []
        for index, source in sources.items():
            if source is None:
                continue
            for directive in source.directives:
                name = self.merged_name(index, directive)
                if name is not None and name not in names:
                    names.append(name)
        return names

    def record_applied_directives(
        self, sources: Sources, dest: Any, coordinate: str | None = None, is_type: bool = False, is_field: bool = False
    ) -> None:
        names = self.gather_applied_names(sources)
        where = coordinate or getattr(dest, "name", "")
        if self.inaccessible is not None and self.inaccessible in names:
            self.merge_applied_directive(self.inaccessible, sources, dest, where)
            names.remove(self.inaccessible)
        if is_field or (is_type and dest.kind == "interface"):
            key_base = coordinate if is_field else dest.name
            for federation_name, supergraph_name in self.access_control:
                additional = self.access_control_sources().get(f"{key_base}_{federation_name}", [])
                if supergraph_name in names or additional:
                    combined: Sources = {}
                    position = 0
                    for _index, source in sources.items():
                        combined[position] = (_index, source)
                        position += 1
                    for index, source in additional:
                        combined[position] = (index, source)
                        position += 1
                    self.applied_to_merge.append(([supergraph_name], combined, dest, where))
                if supergraph_name in names:
                    names.remove(supergraph_name)
        self.applied_to_merge.append((names, sources, dest, where))

    def access_control_sources(self) -> dict[str, list[tuple[int, Any]]]:
        """Auth directives of implementations, to be merged on their interfaces too."""
        if self._access_sources is not None:
            return self._access_sources
        result: dict[str, list[tuple[int, Any]]] = {}
        interface_to_implementations: dict[str, set[str]] = {}
        implementation_to_interfaces: dict[str, set[str]] = {}
        for named in self.merged.types.values():
            if named.kind == "interface":
                implementations = set(self.merged.possible_types(named.name))
                interface_to_implementations[named.name] = implementations
                for implementation in implementations:
                    implementation_to_interfaces.setdefault(implementation, set()).add(named.name)
        for index, schema in enumerate(self.schemas):
            meta = self.meta[index]
            for federation_name, _supergraph_name in self.access_control:
                internal = fed(federation_name)
                for named in schema.types.values():
                    if named.kind == "object" and named.has_directive(internal):
                        for interface in sorted(implementation_to_interfaces.get(named.name, ())):
                            result.setdefault(f"{interface}_{federation_name}", []).append((index, named))
                    for f in named.fields.values():
                        if not has_directive(f, internal) or meta.is_external(named.name, f.name):
                            continue
                        if named.kind != "object":
                            continue
                        if meta.is_interface_object(named.name):
                            others: set[str] = set()
                            for implementation in interface_to_implementations.get(named.name, ()):
                                result.setdefault(f"{implementation}.{f.name}_{federation_name}", []).append((index, f))
                                others.update(
                                    i for i in implementation_to_interfaces.get(implementation, ()) if i != named.name
                                )
                            for interface in others:
                                result.setdefault(f"{interface}.{f.name}_{federation_name}", []).append((index, f))
                        else:
                            for interface in implementation_to_interfaces.get(named.name, ()):
                                result.setdefault(f"{interface}.{f.name}_{federation_name}", []).append((index, f))
        self._access_sources = result
        return result

    def merge_all_applied_directives(self) -> None:
        for names, sources, dest, where in self.applied_to_merge:
            if not self._attached(dest):
                continue
            for name in names:
                self.merge_applied_directive(name, sources, dest, where)
        self.applied_to_merge = []

    def _attached(self, dest: Any) -> bool:
        if isinstance(dest, NamedType):
            return self.merged.types.get(dest.name) is dest
        return True

    def _applications(self, index: int, source: Any, name: str) -> list[Applied]:
        return [d for d in source.directives if self.merged_name(index, d) == name]

    def _definition_of(self, name: str) -> tuple[bool, dict[str, InputValue]]:
        for federation_name, local in self.supergraph_names.items():
            if local == name:
                spec = federation_name.removeprefix("federation__")
                repeatable = spec in ("tag", "context")
                defaults = {"requireOneSlicingArgument": InputValue("requireOneSlicingArgument", "Boolean", True, True)}
                return repeatable, defaults if spec == "listSize" else {}
        definition = self.merged.directives.get(name) or _BUILT_IN_DEFINITIONS.get(name)
        if definition is None:
            return False, {}
        return definition.repeatable, definition.args

    def merge_applied_directive(self, name: str, sources: Sources, dest: Any, where: str = "") -> None:
        per_source: list[tuple[int, list[Applied]]] = []
        for key, source in sources.items():
            index, element = source if isinstance(source, tuple) else (key, source)
            if element is None:
                continue
            applications = self._applications(index, element, name)
            if applications:
                per_source.append((index, applications))
        if not per_source:
            return
        repeatable, arg_definitions = self._definition_of(name)

        def with_defaults(applied: Applied) -> dict[str, object]:
            args = dict(applied.args)
            for argument in arg_definitions.values():
                if argument.name not in args and argument.has_default:
                    args[argument.name] = argument.default
            return args

        federation_name = next((f for f, local in self.supergraph_names.items() if local == name), None)
        if repeatable:
            while per_source:
                index, applications = per_source[0]
                first = applications[0]
                args = dict(first.args)
                if federation_name == CONTEXT and "name" in args:
                    args["name"] = f"{self.names[index]}__{args['name']}"
                dest.directives.append(Applied(name, args))
                reference = with_defaults(first)
                per_source = [
                    (i, [a for a in apps if not value_equals(with_defaults(a), reference)]) for i, apps in per_source
                ]
                per_source = [(i, apps) for i, apps in per_source if apps]
            return
        different: list[Applied] = []
        counts: list[int] = []
        for _index, applications in per_source:
            application = applications[0]
            for position, existing in enumerate(different):
                if value_equals(with_defaults(existing), with_defaults(application)):
                    counts[position] += 1
                    break
            else:
                different.append(application)
                counts.append(1)
        if len(different) == 1:
            dest.directives.append(Applied(name, dict(different[0].args)))
            return
        merger = _ARGUMENT_MERGERS.get(federation_name.removeprefix("federation__")) if federation_name else None
        if merger is not None:
            merged_args: dict[str, object] = {}
            for argument_name, (_strategy, merge) in merger.items():
                values = [with_defaults(a).get(argument_name) for a in different]
                value = merge(values)
                if value is not None:
                    merged_args[argument_name] = value
            dest.directives.append(Applied(name, merged_args))
            self.hint(
                "MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
                f'Directive @{name} is applied to "{where}" in multiple subgraphs with different arguments. Merging'
                " strategies used by arguments: { "
                + ", ".join(f'"{argument}": {strategy}' for argument, (strategy, _merge) in merger.items())
                + " }",
            )
            return
        chosen = different[counts.index(max(counts))]
        dest.directives.append(Applied(name, dict(chosen.args)))
        self.hint(
            "INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
            f'Non-repeatable directive @{name} is applied to "{where}" in multiple subgraphs but with incompatible'
            " arguments.",
        )

    # ------------------------------------------------------------------ interface objects

    def add_missing_interface_object_fields(self) -> None:
        for named in list(self.merged.types.values()):
            if named.kind != "object":
                continue
            for interface_name in named.interfaces:
                interface = self.merged.types.get(interface_name)
                if interface is None:
                    continue
                for interface_field in list(interface.fields.values()):
                    existing = named.fields.get(interface_field.name)
                    if existing is not None:
                        joins = [d for d in existing.directives if d.name == "join__field"]
                        fully_external = bool(joins) and all(d.arg("external") is True for d in joins)
                        if fully_external and self.is_provided_by_interface_object(
                            interface_field.name, interface_name
                        ):
                            self._copy_non_join_directives(interface_field, existing)
                        continue
                    if not self.is_provided_by_interface_object(interface_field.name, interface_name):
                        continue
                    added = Field(interface_field.name, interface_field.type, description=interface_field.description)
                    self._copy_non_join_directives(interface_field, added)
                    for argument in interface_field.args.values():
                        copied = InputValue(
                            argument.name, argument.type, argument.default, argument.has_default, argument.description
                        )
                        copied.directives = [
                            Applied(d.name, dict(d.args))
                            for d in argument.directives
                            if not d.name.startswith("join__")
                        ]
                        added.args[argument.name] = copied
                    added.directives.append(Applied("join__field", {}))
                    named.fields[added.name] = added

    def _copy_non_join_directives(self, source: Field, dest: Field) -> None:
        access = {local for _f, local in self.access_control}
        for directive in source.directives:
            if directive.name.startswith("join__") or directive.name in access:
                continue
            dest.directives.append(Applied(directive.name, dict(directive.args)))

    # ------------------------------------------------------------------ after merging

    def post_merge_validations(self) -> None:
        for named in self.merged.types.values():
            if named.kind not in ("object", "interface"):
                continue
            for interface_name in named.interfaces:
                interface = self.merged.types.get(interface_name)
                if interface is None:
                    continue
                for interface_field in interface.fields.values():
                    if interface_field.name in named.fields:
                        continue
                    with_field = [
                        self.names[i]
                        for i, s in enumerate(self.schemas)
                        if (t := s.types.get(interface_name)) is not None
                        and t.kind == "interface"
                        and interface_field.name in t.fields
                    ]
                    implementing = [
                        self.names[i]
                        for i, s in enumerate(self.schemas)
                        if (t := s.types.get(named.name)) is not None and interface_name in t.interfaces
                    ]
                    self.error(
                        "INTERFACE_FIELD_NO_IMPLEM",
                        f'Interface field "{interface_name}.{interface_field.name}" is declared in'
                        f' {subgraph_list(with_field)} but type "{named.name}", which implements "{interface_name}"'
                        f' only in {subgraph_list(implementing)} does not have field "{interface_field.name}".',
                        with_field + implementing,
                        [f"{interface_name}.{interface_field.name}", named.name],
                    )
        for index, schema in enumerate(self.schemas):
            for named in schema.types.values():
                for f in named.fields.values():
                    for requires in (d for d in f.directives if d.name == REQUIRES):
                        self._validate_requires_on_supergraph(index, named.name, f.name, requires)
        if self.access_control:
            for index, schema in enumerate(self.schemas):
                for named in schema.types.values():
                    for f in named.fields.values():
                        for requires in (d for d in f.directives if d.name == REQUIRES):
                            self._validate_requires_auth(index, named.name, f.name, str(requires.arg("fields", "")))

    # ------------------------------------------------------------------ transitive auth requirements

    def _auth_of(self, element: Any) -> tuple[bool, list[list[str]] | None, list[list[str]] | None] | None:
        """(authenticated, scopes, policies) applied to a supergraph element, None when none."""
        if element is None:
            return None
        names = dict(self.access_control)
        authenticated = bool(names.get("authenticated")) and has_directive(element, names["authenticated"])
        scopes = policies = None
        for directive in element.directives:
            if directive.name == names.get("requiresScopes"):
                scopes = directive.arg("scopes")
            elif directive.name == names.get("policy"):
                policies = directive.arg("policies")
        if not authenticated and scopes is None and policies is None:
            return None
        return authenticated, scopes, policies  # type: ignore[return-value]

    @staticmethod
    def _implies(first: list[list[str]] | None, second: list[list[str]] | None) -> bool:
        first_normalized = first or [[]]
        second_normalized = second or [[]]
        return all(
            any(len(set(a)) >= len(set(b)) and all(e in a for e in b) for b in second_normalized)
            for a in first_normalized
        )

    def _validate_requires_auth(self, index: int, type_name: str, field_name: str, text: str) -> None:
        parent = self.merged.types.get(type_name)
        field = parent.fields.get(field_name) if parent else None
        if parent is None or field is None:
            return
        own = [r for r in (self._auth_of(parent), self._auth_of(field)) if r is not None]
        authenticated = any(r[0] for r in own)
        scope_lists = [r[1] for r in own if r[1] is not None]
        policy_lists = [r[2] for r in own if r[2] is not None]
        scopes = dnf_conjunction(scope_lists) if scope_lists else None  # type: ignore[arg-type]
        policies = dnf_conjunction(policy_lists) if policy_lists else None  # type: ignore[arg-type]

        def satisfied(other: tuple | None) -> bool:
            if other is None:
                return True
            return (
                (authenticated or not other[0])
                and self._implies(scopes, other[1])
                and self._implies(policies, other[2])
            )

        coordinate = f"{type_name}.{field_name}"
        try:
            selected = walk(self.merged, type_name, parse_selection(text), validate=False)
        except FieldSetError:
            return
        for item in selected:
            if item.field.name == "__typename":
                continue
            target = self.merged.types.get(base_type(item.field.type))
            if not satisfied(self._auth_of(item.field)) or not satisfied(self._auth_of(target)):
                self.error(
                    "MISSING_TRANSITIVE_AUTH_REQUIREMENTS",
                    f'[{self.names[index]}] Field "{coordinate}" does not specify necessary @authenticated,'
                    " @requiresScopes and/or @policy auth requirements to access the transitive field"
                    f' "{item.parent}.{item.field.name}" data from @requires selection set.',
                    [self.names[index]],
                    [coordinate, f"{item.parent}.{item.field.name}"],
                )
                return

    def _validate_requires_on_supergraph(self, index: int, type_name: str, field_name: str, requires: Applied) -> None:
        text = str(requires.arg("fields", ""))
        try:
            walk(self.merged, type_name, parse_selection(text))
        except FieldSetError as error:
            import re as _re

            subgraph = self.names[index]
            coordinate = f"{type_name}.{field_name}"
            directive = f"@{self.subgraphs[index].local(REQUIRES)}(fields: {print_value(text)})"
            unknown = _re.match(r'Unknown argument "([^"]*)" found in value: "([^"]*)"', error.message)
            missing = _re.match(r'Missing mandatory value for argument "([^"]*)" of field "([^"]*)"', error.message)
            if unknown:
                argument, target = unknown.groups()
                owner, target_field = target.split(".")
                others = [
                    self.names[i]
                    for i, s in enumerate(self.schemas)
                    if i != index and (t := s.field(owner, target_field)) is not None and argument not in t.args
                ]
                detail = (
                    f'cannot provide a value for argument "{argument}" of field "{target}" as argument "{argument}" is'
                    f" not defined in {subgraph_list(others)}"
                )
            elif missing:
                argument, target = missing.groups()
                owner, target_field = target.split(".")
                others = [
                    self.names[i]
                    for i, s in enumerate(self.schemas)
                    if i != index
                    and (t := s.field(owner, target_field)) is not None
                    and argument in t.args
                    and t.args[argument].required
                ]
                detail = (
                    f'no value provided for argument "{argument}" of field "{target}" but a value is mandatory as'
                    f' "{argument}" is required in {subgraph_list(others)}'
                )
            else:
                return
            self.error(
                "REQUIRES_INVALID_FIELDS",
                f'[{subgraph}] On field "{coordinate}", for {directive}: {detail}',
                [subgraph, *others],
                [coordinate],
            )


def _feature_of(subgraph: Subgraph, directive: str) -> tuple[LinkedFeature, str] | None:
    for feature in subgraph.features:
        for element, local in feature.imports.items():
            if element.startswith("@") and local.lstrip("@") == directive:
                return feature, element[1:]
        if directive == feature.prefix:
            return feature, feature.name
        if directive.startswith(f"{feature.prefix}__"):
            return feature, directive[len(feature.prefix) + 2 :]
    return None


def _similar(a: str, b: str) -> bool:
    """Apollo's ``suggestionList`` threshold (lexical distance), simplified."""
    import difflib

    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.6


# ---------------------------------------------------------------------------- argument composition


def nullable_max(values: list[object]) -> object:
    numbers = [v for v in values if isinstance(v, int | float)]
    return max(numbers) if numbers else None


def nullable_and(values: list[object]) -> object:
    present = [v for v in values if v is not None]
    return all(present) if present else None


def nullable_union(values: list[object]) -> object:
    present = [v for v in values if v is not None]
    if not present:
        return None
    result: list[object] = []
    for value in present:
        for item in value if isinstance(value, list) else [value]:
            if not any(value_equals(item, existing) for existing in result):
                result.append(item)
    return result


def dnf_conjunction(values: list[object]) -> list[list[str]]:
    """Apollo's ``dnfConjunction`` for ``@requiresScopes``/``@policy`` arguments."""
    normalized: list[list[list[str]]] = []
    seen: set[str] = set()
    for value in values:
        disjunction = [sorted(str(v) for v in inner) for inner in (value or [[]])]  # type: ignore[union-attr]
        if not disjunction:
            disjunction = [[]]
        disjunction.sort(key=lambda inner: _js_json(inner))
        key = _js_json(disjunction)
        if key not in seen:
            seen.add(key)
            normalized.append(disjunction)
    if not normalized:
        return []
    result = normalized[0]
    for current in normalized[1:]:
        accumulator: list[list[str]] = []
        keys: set[str] = set()
        for accumulated in result:
            for element in current:
                candidate = sorted([*accumulated, *[e for e in element if e not in accumulated]])
                key = _js_json(candidate)
                if key not in keys:
                    keys.add(key)
                    accumulator.append(candidate)
        result = _deduplicate_subsumed(accumulator)
    return result


def _deduplicate_subsumed(values: list[list[str]]) -> list[list[str]]:
    values = sorted(values, key=len)
    result: list[list[str]] = []
    for candidate in values:
        entry = set(candidate)
        if not any(all(e in entry for e in existing) for existing in result):
            result.append(candidate)
    return result


def _js_json(value: object) -> str:
    import json

    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


#: directive -> argument -> (Apollo's strategy name, merge function)
_ARGUMENT_MERGERS: dict[str, dict[str, tuple[str, Callable[[list[object]], object]]]] = {
    "requiresScopes": {"scopes": ("DNF_CONJUNCTION", dnf_conjunction)},  # type: ignore[dict-item]
    "policy": {"policies": ("DNF_CONJUNCTION", dnf_conjunction)},  # type: ignore[dict-item]
    "cost": {"weight": ("MAX", nullable_max)},
    "listSize": {
        "assumedSize": ("NULLABLE_MAX", nullable_max),
        "slicingArguments": ("NULLABLE_UNION", nullable_union),
        "sizedFields": ("NULLABLE_UNION", nullable_union),
        "requireOneSlicingArgument": ("NULLABLE_AND", nullable_and),
    },
}

__all__ = ["MergeResult", "Merger", "base_type", "is_list", "list_item", "nullable", "sanitize_graph_name"]
