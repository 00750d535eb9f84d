"""Compare supergraphs by meaning: the API schema clients see and the join metadata the
planner reads (through the gateway's own supergraph loader)."""

from __future__ import annotations

from typing import Any

from graphql import lexicographic_sort_schema, print_ast, print_schema

from gateway.supergraph import load_supergraph


def api_schema_text(sdl: str) -> str:
    """The API schema, printed with every list sorted."""
    return print_schema(lexicographic_sort_schema(load_supergraph(sdl).api_schema))


def join_metadata(sdl: str) -> dict[str, Any]:
    """Per type and field: the subgraphs defining them and how (keys, requires, provides,
    external, override ...), as plain sorted data."""
    supergraph = load_supergraph(sdl)
    types: dict[str, Any] = {}
    for name, supergraph_type in sorted(supergraph.types.items()):
        in_subgraphs = {
            subgraph: {
                "keys": sorted((key.fields, key.resolvable) for key in declaration.keys),
                "extension": declaration.extension,
                "interface_object": declaration.is_interface_object,
            }
            for subgraph, declaration in sorted(supergraph_type.in_subgraphs.items())
        }
        fields = {}
        for field_name, field in sorted(supergraph_type.fields.items()):
            fields[field_name] = {
                "join_field": field.has_join_field,
                "inaccessible": field.inaccessible,
                "in": {
                    subgraph: {
                        "type": declaration.type,
                        "requires": declaration.requires_text,
                        "provides": print_ast(declaration.provides) if declaration.provides else None,
                        "external": declaration.external,
                        "override": declaration.override_from,
                        "label": declaration.override_label,
                        "used_overridden": declaration.used_overridden,
                        "context": sorted(
                            (a.name, a.type, a.context, a.selection) for a in declaration.context_arguments
                        ),
                    }
                    for subgraph, declaration in sorted(field.in_subgraphs.items())
                },
            }
        types[name] = {
            "kind": supergraph_type.kind,
            "inaccessible": supergraph_type.inaccessible,
            "in_all": supergraph_type.in_all_subgraphs,
            "in": in_subgraphs,
            "implements": {s: sorted(i) for s, i in sorted(supergraph_type.implements.items())},
            "members": {s: sorted(m) for s, m in sorted(supergraph_type.union_members.items())},
            "contexts": sorted(supergraph_type.contexts),
            "fields": fields,
        }
    return {
        "subgraphs": {name: subgraph.url for name, subgraph in sorted(supergraph.subgraphs.items())},
        "override_labels": sorted(supergraph.override_labels),
        "types": types,
    }


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Readable differences between two nested structures (for assertion messages)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        result = []
        for key in sorted(set(expected) | set(actual), key=str):
            where = f"{path}.{key}" if path else str(key)
            if key not in actual:
                result.append(f"{where}: missing (expected {expected[key]!r})")
            elif key not in expected:
                result.append(f"{where}: unexpected {actual[key]!r}")
            else:
                result.extend(differences(expected[key], actual[key], where))
        return result
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def assert_same_supergraph(expected_sdl: str, actual_sdl: str) -> None:
    expected_api, actual_api = api_schema_text(expected_sdl), api_schema_text(actual_sdl)
    if expected_api != actual_api:
        import difflib

        diff = "\n".join(difflib.unified_diff(expected_api.splitlines(), actual_api.splitlines(), lineterm=""))
        raise AssertionError(f"API schemas differ:\n{diff}")
    problems = differences(join_metadata(expected_sdl), join_metadata(actual_sdl))
    assert not problems, "join metadata differs:\n" + "\n".join(problems[:40])
