"""Print the merged supergraph exactly as Apollo's ``printSchema`` does.

Definitions come in three groups (schema, directives, types), directives and types sorted
like JavaScript's ``localeCompare`` (ICU: ``_`` before digits before letters, case
ignored first, lower case before upper case on ties).
"""

from __future__ import annotations

from .merge import MergeResult
from .model import Applied, DirectiveDefinition, EnumValue, Field, InputValue, NamedType, Schema
from .sdl import print_applied, print_value
from .specs import LINK_PURPOSE_ENUM, join_definitions

INDENT = "  "


def locale_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    primary, tertiary = [], []
    for char in name:
        if char == "_":
            primary.append(0)
        elif char.isdigit():
            primary.append(1 + ord(char) - ord("0"))
        elif char.isalpha():
            primary.append(20 + ord(char.lower()))
        else:
            primary.append(400 + ord(char))
        tertiary.append(1 if char.isupper() else 0)
    return tuple(primary), tuple(tertiary)


def block_string(value: str, prefer_multiple_lines: bool = False) -> str:
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    trailing_quote = value.endswith('"')
    trailing_slash = value.endswith("\\")
    multiple = not single_line or trailing_quote or trailing_slash or prefer_multiple_lines
    result = ""
    if multiple and not (single_line and leading_space):
        result += "\n"
    result += value
    if multiple:
        result += "\n"
    return '"""' + result.replace('"""', '\\"""') + '"""'


def description(text: str | None, indentation: str = "", first_in_block: bool = True) -> str:
    if text is None:
        return ""
    printed = block_string(text, len(text) > 70)
    prefix = "\n" + indentation if indentation and not first_in_block else indentation
    return prefix + printed.replace("\n", "\n" + indentation) + "\n"


class SupergraphPrinter:
    def __init__(self, result: MergeResult) -> None:
        self.result = result
        self.schema: Schema = result.supergraph
        self.lookup = self.schema.types.get

    def applied(self, applied: Applied) -> str:
        definition = self.schema.directives.get(applied.name)
        arg_types = {a.name: a.type for a in definition.args.values()} if definition else None
        return print_applied(applied, self.lookup, arg_types)

    def applied_directives(
        self, directives: list[Applied], on_new_lines: bool = False, end_with_new_line: bool | None = None
    ) -> str:
        if not directives:
            return ""
        if end_with_new_line is None:
            end_with_new_line = on_new_lines
        joiner = "\n" + INDENT if on_new_lines else " "
        text = joiner.join(self.applied(d) for d in directives)
        if on_new_lines:
            return "\n" + INDENT + text + ("\n" if end_with_new_line else "")
        return " " + text

    def print(self) -> str:
        definitions = [self.schema_definition()]
        directives = self.directive_definitions()
        types = self.type_definitions()
        definitions.extend(text for _name, text in sorted(directives, key=lambda item: locale_key(item[0])))
        definitions.extend(text for _name, text in sorted(types, key=lambda item: locale_key(item[0])))
        return "\n\n".join(definitions) + "\n"

    def schema_definition(self) -> str:
        roots = [
            f"{INDENT}{kind}: {name}"
            for kind in ("query", "mutation", "subscription")
            if (name := self.schema.roots.get(kind))
        ]
        text = (
            description(self.schema.description)
            + "schema"
            + self.applied_directives(self.result.links, True, bool(roots))
        )
        return text + ("{\n" + "\n".join(roots) + "\n}" if roots else "")

    def directive_definitions(self) -> list[tuple[str, str]]:
        join_directives, _join_types = join_definitions(self.result.join_version)
        result = [(name, f"directive @{name}{definition}") for name, definition in join_directives]
        result.append(
            (
                "link",
                "directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])"
                " repeatable on SCHEMA",
            )
        )
        for name, definition in self.result.spec_directives.items():
            result.append((name, f"directive @{name}{definition}"))
        for definition in self.schema.directives.values():
            result.append((definition.name, self.directive_definition(definition)))
        return result

    def directive_definition(self, definition: DirectiveDefinition) -> str:
        repeatable = " repeatable" if definition.repeatable else ""
        return (
            f"{description(definition.description)}directive @{definition.name}"
            f"{self.arguments(list(definition.args.values()))}{repeatable} on {' | '.join(definition.locations)}"
        )

    def type_definitions(self) -> list[tuple[str, str]]:
        _join_directives, join_types = join_definitions(self.result.join_version)
        result: list[tuple[str, str]] = []
        for text in [*join_types, *self.result.spec_types]:
            result.append((text.split()[1], text))
        result.append(("join__Graph", self.graph_enum()))
        result.append(("link__Import", "scalar link__Import"))
        result.append(("link__Purpose", LINK_PURPOSE_ENUM))
        for named in self.schema.types.values():
            result.append((named.name, self.named_type(named)))
        return result

    def graph_enum(self) -> str:
        values = [
            f"{INDENT}{value} @join__graph(name: {print_value(name)}, url: {print_value(self.result.urls[name])})"
            for name, value in self.result.graph_enum.items()
        ]
        return "enum join__Graph {\n" + "\n".join(values) + "\n}"

    # ------------------------------------------------------------------ types

    def named_type(self, named: NamedType) -> str:
        prefix = description(named.description)
        if named.kind in ("object", "interface"):
            keyword = "type" if named.kind == "object" else "interface"
            implements = f" implements {' & '.join(named.interfaces)}" if named.interfaces else ""
            fields = list(named.fields.values())
            return (
                f"{prefix}{keyword} {named.name}{implements}"
                + self.applied_directives(named.directives, True, bool(fields))
                + (" " if not named.directives and fields else "")
                + self.fields(fields)
            )
        if named.kind == "union":
            members = f" = {' | '.join(named.members)}" if named.members else ""
            return (
                f"{prefix}union {named.name}"
                + self.applied_directives(named.directives, True, bool(named.members))
                + members
            )
        if named.kind == "enum":
            values = [self.enum_value(v, i == 0) for i, v in enumerate(named.values.values())]
            return (
                f"{prefix}enum {named.name}"
                + self.applied_directives(named.directives, True, bool(values))
                + (" " if not named.directives and values else "")
                + self.block(values)
            )
        if named.kind == "input":
            fields_text = [
                description(f.description, INDENT, i == 0) + INDENT + self.input_value(f)
                for i, f in enumerate(named.input_fields.values())
            ]
            return (
                f"{prefix}input {named.name}"
                + self.applied_directives(named.directives, True, bool(fields_text))
                + (" " if not named.directives and fields_text else "")
                + self.block(fields_text)
            )
        return f"{prefix}scalar {named.name}" + self.applied_directives(named.directives, True, False)

    @staticmethod
    def block(items: list[str]) -> str:
        return "{\n" + "\n".join(items) + "\n}" if items else ""

    def fields(self, fields: list[Field]) -> str:
        return self.block(
            [
                description(f.description, INDENT, i == 0)
                + INDENT
                + f"{f.name}{self.arguments(list(f.args.values()), INDENT)}: {f.type}"
                + self.applied_directives(f.directives)
                for i, f in enumerate(fields)
            ]
        )

    def enum_value(self, value: EnumValue, first: bool) -> str:
        return (
            description(value.description, INDENT, first)
            + INDENT
            + value.name
            + self.applied_directives(value.directives)
        )

    def input_value(self, value: InputValue) -> str:
        default = f" = {print_value(value.default, value.type, self.lookup)}" if value.has_default else ""
        return f"{value.name}: {value.type}{default}" + self.applied_directives(value.directives)

    def arguments(self, args: list[InputValue], indentation: str = "") -> str:
        if not args:
            return ""
        if all(not a.description for a in args):
            return "(" + ", ".join(self.input_value(a) for a in args) + ")"
        formatted = "\n".join(
            description(a.description, INDENT + indentation, i == 0) + INDENT + indentation + self.input_value(a)
            for i, a in enumerate(args)
        )
        return f"(\n{formatted}\n{indentation})"


def print_supergraph(result: MergeResult) -> str:
    return SupergraphPrinter(result).print()
