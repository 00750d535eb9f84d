"""Printing values and model schemas as SDL."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from .model import Applied, EnumLiteral, InputValue, NamedType, Schema, base_type, is_list, list_item, nullable

#: name -> NamedType lookup used to print values by their expected type
TypeLookup = Callable[[str], NamedType | None]


def json_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text:  # JavaScript: 1e+21, 1e-7
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def print_value(value: object, type_ref: str | None = None, lookup: TypeLookup | None = None) -> str:
    """Apollo's ``valueToString``: JSON strings, bare enum values, ``[a, b]``, ``{k: v}``."""
    if value is None:
        return "null"
    named = lookup(base_type(type_ref)) if type_ref and lookup else None
    if isinstance(value, list):
        item = list_item(type_ref) if type_ref and is_list(type_ref) else None
        return "[" + ", ".join(print_value(v, item, lookup) for v in value) + "]"
    if type_ref and is_list(type_ref):
        return print_value(value, list_item(type_ref), lookup)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            field_type = None
            if named is not None and named.kind == "input" and key in named.input_fields:
                field_type = named.input_fields[key].type
            parts.append(f"{key}: {print_value(item, field_type, lookup)}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, EnumLiteral):
        return str(value)
    if isinstance(value, str):
        base = base_type(type_ref) if type_ref else None
        if named is not None and named.kind == "enum" and value in named.values:
            return value
        if base == "ID" and value.lstrip("-").isdigit() and _is_integer_string(value):
            return value
        return json_string(value)
    if isinstance(value, int | float):
        return _number(value)
    return json_string(str(value))


def _is_integer_string(value: str) -> bool:
    # Apollo: /^-?(?:0|[1-9][0-9]*)$/
    digits = value[1:] if value.startswith("-") else value
    return digits == "0" or (digits.isdigit() and not digits.startswith("0"))


def print_applied(applied: Applied, lookup: TypeLookup | None = None, arg_types: dict[str, str] | None = None) -> str:
    args = [(k, v) for k, v in applied.args.items() if v is not None or k in (arg_types or {})]
    if not args:
        return f"@{applied.name}"
    printed = ", ".join(f"{k}: {print_value(v, (arg_types or {}).get(k), lookup)}" for k, v in args)
    return f"@{applied.name}({printed})"


def _description(text: str | None, indent: str = "") -> str:
    if text is None:
        return ""
    return f"{indent}{json_string(text)}\n"


def _input_value(value: InputValue, lookup: TypeLookup) -> str:
    default = f" = {print_value(value.default, value.type, lookup)}" if value.has_default else ""
    directives = "".join(" " + print_applied(d) for d in value.directives)
    return f"{value.name}: {value.type}{default}{directives}"


def print_model_sdl(
    schema: Schema, roots: dict[str, str] | None = None, extra: str = "", with_placeholder_query: bool = False
) -> str:
    """A plain SDL rendering of a model schema (for validating subgraphs with graphql-core).

    The query root gets a ``_service`` placeholder field: federation adds it to every
    subgraph, so a subgraph may declare a Query type with no field of its own.
    """
    lookup = schema.types.get
    roots = roots if roots is not None else schema.roots
    query_root = roots.get("query")
    parts: list[str] = []
    if roots:
        directives = "".join(" " + print_applied(d) for d in schema.schema_directives)
        entries = " ".join(f"{kind}: {name}" for kind, name in roots.items())
        parts.append(f"schema{directives} {{ {entries} }}")
    elif schema.schema_directives:
        parts.append("extend schema" + "".join(" " + print_applied(d) for d in schema.schema_directives))
    if with_placeholder_query:
        parts.append("type Query { _service: String }")
    for directive in schema.directives.values():
        args = ""
        if directive.args:
            args = "(" + ", ".join(_input_value(a, lookup) for a in directive.args.values()) + ")"
        repeatable = " repeatable" if directive.repeatable else ""
        parts.append(f"directive @{directive.name}{args}{repeatable} on {' | '.join(directive.locations)}")
    for named in schema.types.values():
        parts.append(_print_type(named, lookup, named.name == query_root))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts) + "\n"


def _print_type(named: NamedType, lookup: TypeLookup, is_query: bool) -> str:
    directives = "".join(" " + print_applied(d) for d in named.directives)
    description = _description(named.description)
    if named.kind in ("object", "interface"):
        keyword = "type" if named.kind == "object" else "interface"
        implements = f" implements {' & '.join(named.interfaces)}" if named.interfaces else ""
        lines = []
        for f in named.fields.values():
            args = ""
            if f.args:
                args = "(" + ", ".join(_input_value(a, lookup) for a in f.args.values()) + ")"
            field_directives = "".join(" " + print_applied(d) for d in f.directives)
            lines.append(f"{_description(f.description, '  ')}  {f.name}{args}: {f.type}{field_directives}")
        if is_query:
            lines.append("  _service: String")
        body = " {\n" + "\n".join(lines) + "\n}" if lines else ""
        return f"{description}{keyword} {named.name}{implements}{directives}{body}"
    if named.kind == "union":
        members = f" = {' | '.join(named.members)}" if named.members else ""
        return f"{description}union {named.name}{directives}{members}"
    if named.kind == "enum":
        lines = [
            f"{_description(v.description, '  ')}  {v.name}" + "".join(" " + print_applied(d) for d in v.directives)
            for v in named.values.values()
        ]
        body = " {\n" + "\n".join(lines) + "\n}" if lines else ""
        return f"{description}enum {named.name}{directives}{body}"
    if named.kind == "input":
        lines = [f"{_description(v.description, '  ')}  {_input_value(v, lookup)}" for v in named.input_fields.values()]
        body = " {\n" + "\n".join(lines) + "\n}" if lines else ""
        return f"{description}input {named.name}{directives}{body}"
    return f"{description}scalar {named.name}{directives}"


__all__ = ["json_string", "nullable", "print_applied", "print_model_sdl", "print_value"]
