"""Which core features a supergraph links, and under which names.

Supergraphs declare their features with ``@link(url:, as:, import:)`` (link v1.0) or
``@core(feature:, as:)`` (Federation 1). A feature's elements are prefixed with its
name (``join__type``) unless renamed with ``as:`` or imported bare (``@inaccessible``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    ValueNode,
)

from .errors import SupergraphError

_FEATURE_URL = re.compile(r"^https?://[^/]+(?:/[^/]+)*/(?P<name>[A-Za-z_][\w-]*)/v(?P<major>\d+)\.(?P<minor>\d+)/?$")


@dataclass(frozen=True)
class Feature:
    url: str
    name: str  # the spec's own name: "join", "inaccessible", "tag" ...
    version: tuple[int, int]
    prefix: str  # the name used in this document (``as:``), usually ``name``
    imports: dict[str, str] = field(default_factory=dict)  # spec element -> local name

    def directive(self, element: str) -> str:
        """Local name of the feature's directive ``element`` (without ``@``)."""
        imported = self.imports.get(f"@{element}")
        if imported is not None:
            return imported.lstrip("@")
        if element == self.name:
            return self.prefix
        return f"{self.prefix}__{element}"

    def owns(self, local_name: str) -> bool:
        """True when a type or directive name belongs to this feature."""
        if local_name == self.prefix or local_name.startswith(f"{self.prefix}__"):
            return True
        return local_name in {name.lstrip("@") for name in self.imports.values()}


@dataclass
class LinkedFeatures:
    features: list[Feature]
    uses_core: bool  # Federation 1 style ``@core``

    def get(self, name: str) -> Feature | None:
        for feature in self.features:
            if feature.name == name:
                return feature
        return None

    def is_feature_element(self, local_name: str) -> bool:
        return any(feature.owns(local_name) for feature in self.features)


def string_argument(directive: ConstDirectiveNode, name: str) -> str | None:
    for argument in directive.arguments or ():
        if argument.name.value == name and isinstance(argument.value, StringValueNode):
            return argument.value.value
    return None


def argument_value(directive: ConstDirectiveNode, name: str) -> ValueNode | None:
    for argument in directive.arguments or ():
        if argument.name.value == name:
            return argument.value
    return None


def _parse_feature(url: str, alias: str | None, imports: dict[str, str], directive: ConstDirectiveNode) -> Feature:
    match = _FEATURE_URL.match(url)
    if match is None:
        raise SupergraphError(f"cannot read feature URL {url!r}", directive)
    name = match["name"]
    return Feature(
        url=url,
        name=name,
        version=(int(match["major"]), int(match["minor"])),
        prefix=alias or name,
        imports=imports,
    )


def _read_imports(value: ValueNode | None) -> dict[str, str]:
    imports: dict[str, str] = {}
    if not isinstance(value, ListValueNode):
        return imports
    for item in value.values:
        if isinstance(item, StringValueNode):
            imports[item.value] = item.value
        elif isinstance(item, ObjectValueNode):
            fields = {f.name.value: f.value for f in item.fields}
            name, alias = fields.get("name"), fields.get("as")
            if isinstance(name, StringValueNode):
                imports[name.value] = alias.value if isinstance(alias, StringValueNode) else name.value
    return imports


def read_linked_features(document: DocumentNode) -> LinkedFeatures:
    """Collect ``@link``/``@core`` features from the schema definition(s)."""
    features: list[Feature] = []
    uses_core = False
    for definition in document.definitions:
        if not isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            continue
        for directive in definition.directives or ():
            directive_name = directive.name.value
            if directive_name == "link":
                url = string_argument(directive, "url")
                if url is None:
                    raise SupergraphError("@link without url", directive)
                imports = _read_imports(argument_value(directive, "import"))
                features.append(_parse_feature(url, string_argument(directive, "as"), imports, directive))
            elif directive_name == "core":
                uses_core = True
                url = string_argument(directive, "feature")
                if url is None:
                    raise SupergraphError("@core without feature", directive)
                features.append(_parse_feature(url, string_argument(directive, "as"), {}, directive))
    return LinkedFeatures(features=features, uses_core=uses_core)
