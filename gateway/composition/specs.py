"""The federation, link and join specifications as far as composition needs them.

Inside composition every federation directive is known by an internal name,
``federation__<name>`` (``federation__key``), whatever a subgraph calls it (``@key``,
``@federation__key``, an ``import`` rename, ``@fed__key`` with ``@link(as: "fed")``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FEDERATION_IDENTITY = "https://specs.apollo.dev/federation"
LINK_IDENTITY = "https://specs.apollo.dev/link"
JOIN_IDENTITY = "https://specs.apollo.dev/join"

LATEST_FEDERATION = (2, 14)
#: federation version of a Federation 1 subgraph once upgraded (Apollo's auto-expanded v2.4)
UPGRADED_FED1_VERSION = (2, 4)

FEATURE_URL = re.compile(r"^(?P<identity>https?://.+/(?P<name>[A-Za-z_][\w-]*))/v(?P<major>\d+)\.(?P<minor>\d+)/?$")


def fed(name: str) -> str:
    """Internal name of federation directive or type ``name``."""
    return f"federation__{name}"


KEY, EXTERNAL, REQUIRES, PROVIDES, EXTENDS = (
    fed("key"),
    fed("external"),
    fed("requires"),
    fed("provides"),
    fed("extends"),
)
SHAREABLE, OVERRIDE, TAG, INACCESSIBLE = fed("shareable"), fed("override"), fed("tag"), fed("inaccessible")
COMPOSE_DIRECTIVE, INTERFACE_OBJECT = fed("composeDirective"), fed("interfaceObject")
AUTHENTICATED, REQUIRES_SCOPES, POLICY = fed("authenticated"), fed("requiresScopes"), fed("policy")
CONTEXT, FROM_CONTEXT, COST, LIST_SIZE = fed("context"), fed("fromContext"), fed("cost"), fed("listSize")

_ALL_LOCATIONS = (
    "FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE"
    " | INPUT_OBJECT | INPUT_FIELD_DEFINITION"
)
_AUTH_LOCATIONS = "FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM"


@dataclass(frozen=True)
class DirectiveSpec:
    name: str  # name in the federation spec ("key")
    since: tuple[int, int]  # first federation version that has it
    definition: str  # "(fields: FieldSet!, ...) repeatable on OBJECT" with spec type names
    fed1: bool = False  # also a Federation 1 directive


FEDERATION_DIRECTIVES: tuple[DirectiveSpec, ...] = (
    DirectiveSpec(
        "key", (2, 0), "(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE", True
    ),
    DirectiveSpec("requires", (2, 0), "(fields: FieldSet!) on FIELD_DEFINITION", True),
    DirectiveSpec("provides", (2, 0), "(fields: FieldSet!) on FIELD_DEFINITION", True),
    DirectiveSpec("external", (2, 0), "(reason: String) on OBJECT | FIELD_DEFINITION", True),
    DirectiveSpec("tag", (2, 0), f"(name: String!) repeatable on {_ALL_LOCATIONS} | SCHEMA", True),
    DirectiveSpec("extends", (2, 0), " on OBJECT | INTERFACE", True),
    DirectiveSpec("shareable", (2, 0), " repeatable on OBJECT | FIELD_DEFINITION"),
    DirectiveSpec("inaccessible", (2, 0), f" on {_ALL_LOCATIONS}"),
    DirectiveSpec("override", (2, 0), "(from: String!, label: String) on FIELD_DEFINITION"),
    DirectiveSpec("composeDirective", (2, 1), "(name: String!) repeatable on SCHEMA"),
    DirectiveSpec("interfaceObject", (2, 3), " on OBJECT"),
    DirectiveSpec("authenticated", (2, 5), f" on {_AUTH_LOCATIONS}"),
    DirectiveSpec("requiresScopes", (2, 5), f"(scopes: [[Scope!]!]!) on {_AUTH_LOCATIONS}"),
    DirectiveSpec("policy", (2, 6), f"(policies: [[Policy!]!]!) on {_AUTH_LOCATIONS}"),
    DirectiveSpec("context", (2, 8), "(name: String!) repeatable on INTERFACE | OBJECT | UNION"),
    DirectiveSpec("fromContext", (2, 8), "(field: ContextFieldValue) on ARGUMENT_DEFINITION"),
    DirectiveSpec(
        "cost",
        (2, 9),
        "(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR",
    ),
    DirectiveSpec(
        "listSize",
        (2, 9),
        "(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],"
        " requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION",
    ),
)
DIRECTIVE_SPECS = {spec.name: spec for spec in FEDERATION_DIRECTIVES}
FEDERATION_TYPES = ("FieldSet", "Scope", "Policy", "ContextFieldValue")

#: specs that may also be linked on their own (``@link(url: ".../inaccessible/v0.2")``):
#: spec name -> {element name in that spec -> federation directive name}
#: federation version a spec linked on its own implies (Apollo's ``minimumFederationVersion``)
STANDALONE_MIN_FEDERATION: dict[str, tuple[int, int]] = {"authenticated": (2, 5), "cost": (2, 9)}
STANDALONE_SPECS: dict[str, dict[str, str]] = {
    "tag": {"tag": "tag"},
    "inaccessible": {"inaccessible": "inaccessible"},
    "authenticated": {"authenticated": "authenticated"},
    "requiresScopes": {"requiresScopes": "requiresScopes"},
    "policy": {"policy": "policy"},
    "cost": {"cost": "cost", "listSize": "listSize"},
    "context": {"context": "context", "fromContext": "fromContext"},
}


def federation_directive_definitions(
    version: tuple[int, int] | None, also: set[str] | frozenset[str] = frozenset()
) -> str:
    """SDL defining the federation directives of ``version`` (None: Federation 1), plus
    ``also`` (directives of specs linked on their own), under their internal names, used to
    validate a subgraph with graphql-core."""
    lines = []
    for spec in FEDERATION_DIRECTIVES:
        if spec.name not in also:
            if version is None and not spec.fed1:
                continue
            if version is not None and version < spec.since:
                continue
        definition = spec.definition
        for type_name in FEDERATION_TYPES:
            definition = re.sub(rf"\b{type_name}\b", fed(type_name), definition)
        if spec.name == "shareable" and version is not None and version < (2, 2):
            definition = definition.replace(" repeatable", "")
        if spec.name == "override" and version is not None and version < (2, 7):
            definition = definition.replace(", label: String", "")
        lines.append(f"directive @{fed(spec.name)}{definition}")
    lines.extend(f"scalar {fed(type_name)}" for type_name in FEDERATION_TYPES)
    return "\n".join(lines)


LINK_DEFINITIONS = """
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
"""


# ---------------------------------------------------------------------------- supergraph specs


@dataclass(frozen=True)
class SupergraphSpec:
    """A spec whose directives are carried into the supergraph (``@tag``, ``@inaccessible``...)."""

    name: str
    version: str
    purpose: str | None
    #: directive name in the spec -> definition (after the name), types named ``<spec>__X``
    directives: dict[str, str]
    #: extra type definitions of the spec (printed in the supergraph)
    types: tuple[str, ...] = ()
    min_federation: tuple[int, int] = (2, 0)

    @property
    def url(self) -> str:
        return f"https://specs.apollo.dev/{self.name}/{self.version}"


SUPERGRAPH_SPECS: dict[str, SupergraphSpec] = {
    "tag": SupergraphSpec("tag", "v0.3", None, {"tag": f"(name: String!) repeatable on {_ALL_LOCATIONS} | SCHEMA"}),
    "inaccessible": SupergraphSpec("inaccessible", "v0.2", "SECURITY", {"inaccessible": f" on {_ALL_LOCATIONS}"}),
    "authenticated": SupergraphSpec(
        "authenticated", "v0.1", "SECURITY", {"authenticated": f" on {_AUTH_LOCATIONS}"}, min_federation=(2, 5)
    ),
    "requiresScopes": SupergraphSpec(
        "requiresScopes",
        "v0.1",
        "SECURITY",
        {"requiresScopes": f"(scopes: [[requiresScopes__Scope!]!]!) on {_AUTH_LOCATIONS}"},
        ("scalar requiresScopes__Scope",),
        min_federation=(2, 5),
    ),
    "policy": SupergraphSpec(
        "policy",
        "v0.1",
        "SECURITY",
        {"policy": f"(policies: [[policy__Policy!]!]!) on {_AUTH_LOCATIONS}"},
        ("scalar policy__Policy",),
        min_federation=(2, 6),
    ),
    "context": SupergraphSpec(
        "context",
        "v0.1",
        "SECURITY",
        {
            "context": "(name: String!) repeatable on INTERFACE | OBJECT | UNION",
            "fromContext": "(field: context__ContextFieldValue) on ARGUMENT_DEFINITION",
        },
        ("scalar context__ContextFieldValue",),
        min_federation=(2, 8),
    ),
    "cost": SupergraphSpec(
        "cost",
        "v0.1",
        None,
        {
            "cost": "(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION"
            " | OBJECT | SCALAR",
            "listSize": "(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],"
            " requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION",
        },
        min_federation=(2, 9),
    ),
}
#: federation directive -> (supergraph spec, directive name in that spec)
COMPOSED_DIRECTIVES: dict[str, tuple[str, str]] = {
    "tag": ("tag", "tag"),
    "inaccessible": ("inaccessible", "inaccessible"),
    "authenticated": ("authenticated", "authenticated"),
    "requiresScopes": ("requiresScopes", "requiresScopes"),
    "policy": ("policy", "policy"),
    "context": ("context", "context"),
    "cost": ("cost", "cost"),
    "listSize": ("cost", "listSize"),
}
#: the order Apollo links the specs in (the order their directives are first seen)
ACCESS_CONTROL = ("authenticated", "requiresScopes", "policy")


def join_version(federation_version: tuple[int, int]) -> str:
    """The join spec version Apollo emits for the latest federation version used."""
    if federation_version >= (2, 8):
        return "v0.5"
    if federation_version >= (2, 7):
        return "v0.4"
    return "v0.3"


def join_definitions(version: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(directive name, definition) pairs and type definitions of a join version."""
    field_args = (
        "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean,"
        " override: String, usedOverridden: Boolean"
    )
    if version >= "v0.4":
        field_args += ", overrideLabel: String"
    if version >= "v0.5":
        field_args += ", contextArguments: [join__ContextArgument!]"
    directives = [
        ("join__enumValue", "(graph: join__Graph!) repeatable on ENUM_VALUE"),
        ("join__field", f"({field_args}) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION"),
        ("join__graph", "(name: String!, url: String!) on ENUM_VALUE"),
        ("join__implements", "(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE"),
        (
            "join__type",
            "(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true,"
            " isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT"
            " | SCALAR",
        ),
        ("join__unionMember", "(graph: join__Graph!, member: String!) repeatable on UNION"),
    ]
    types = ["scalar join__FieldSet"]
    if version >= "v0.4":
        directives.append(
            (
                "join__directive",
                "(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) repeatable on SCHEMA"
                " | OBJECT | INTERFACE | FIELD_DEFINITION",
            )
        )
        types.append("scalar join__DirectiveArguments")
    if version >= "v0.5":
        types.append("scalar join__FieldValue")
        types.append(
            "input join__ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n"
            "  selection: join__FieldValue!\n}"
        )
    return directives, types


LINK_PURPOSE_ENUM = '''enum link__Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}'''


@dataclass
class LinkedFeature:
    """A ``@link`` of a subgraph."""

    url: str
    identity: str
    name: str
    version: tuple[int, int]
    prefix: str
    #: element in the spec ("@key", "FieldSet") -> local name ("@key", "FieldSet")
    imports: dict[str, str] = field(default_factory=dict)

    def directive_local_name(self, element: str) -> str:
        imported = self.imports.get(f"@{element}")
        if imported is not None:
            return imported.lstrip("@")
        if element == self.name:
            return self.prefix
        return f"{self.prefix}__{element}"

    def type_local_name(self, element: str) -> str:
        imported = self.imports.get(element)
        if imported is not None:
            return imported
        return f"{self.prefix}__{element}"

    @property
    def version_text(self) -> str:
        return f"v{self.version[0]}.{self.version[1]}"


def parse_feature_url(url: str) -> tuple[str, str, tuple[int, int]] | None:
    match = FEATURE_URL.match(url)
    if match is None:
        return None
    return match["identity"], match["name"], (int(match["major"]), int(match["minor"]))
