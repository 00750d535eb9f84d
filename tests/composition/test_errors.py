"""One test per error code: each collection of ``cases.ERROR_CASES`` fails with that code,
and the error names the subgraphs and the schema coordinates involved.

(test_parity.py checks that Apollo's composer rejects the same collections with the same
codes.)
"""

from __future__ import annotations

import pytest

from gateway.composition import CompositionResult, SubgraphSource, compose

from .cases import ERROR_CASES


def composed(subgraphs: list[tuple[str, str]]) -> CompositionResult:
    return compose([SubgraphSource(name, f"http://{name}.example/graphql", sdl) for name, sdl in subgraphs])


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_error_code(code: str) -> None:
    subgraphs, names, coordinate = ERROR_CASES[code]
    result = composed(subgraphs)
    assert not result.ok
    assert result.supergraph_sdl is None
    matching = [e for e in result.errors if e.code == code]
    assert matching, [str(e) for e in result.errors]
    named = {s for e in matching for s in e.subgraphs}
    assert names <= named, f"{code} should name subgraphs {names}, names {named}: {matching}"
    if coordinate is not None:
        coordinates = {c for e in matching for c in e.coordinates}
        assert coordinate in coordinates, f"{code} should name {coordinate}, names {coordinates}"
    for error in matching:
        assert error.message
        assert str(error).startswith(f"[{code}] ")


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_every_error_names_subgraphs_and_coordinates(code: str) -> None:
    subgraphs, _names, _where = ERROR_CASES[code]
    for error in composed(subgraphs).errors:
        if error.code == "NO_QUERIES":
            continue  # about the supergraph as a whole
        assert error.subgraphs, f"{error.code} names no subgraph: {error.message}"
        assert error.coordinates, f"{error.code} names no schema element: {error.message}"
        assert set(error.subgraphs) <= {name for name, _sdl in subgraphs}


def test_unparsable_subgraph_is_invalid_graphql() -> None:
    result = composed([("broken", "type Query {")])
    assert [e.code for e in result.errors] == ["INVALID_GRAPHQL"]
    assert result.errors[0].subgraphs == ("broken",)
    assert "Syntax Error" in result.errors[0].message


def test_duplicate_subgraph_names() -> None:
    result = composed([("a", "type Query { a: Int }"), ("a", "type Query { b: Int }")])
    assert [e.code for e in result.errors] == ["INVALID_SUBGRAPH_NAME"]


def test_reserved_subgraph_name() -> None:
    assert [e.code for e in composed([("_", "type Query { a: Int }")]).errors] == ["INVALID_SUBGRAPH_NAME"]


def test_no_subgraphs() -> None:
    result = compose([])
    assert not result.ok and result.errors[0].code == "NO_QUERIES"


def test_field_sharing_message_names_subgraphs_and_field() -> None:
    subgraphs, _names, _where = ERROR_CASES["INVALID_FIELD_SHARING"]
    [error] = composed(subgraphs).errors
    assert error.message == (
        'Non-shareable field "T.n" is resolved from multiple subgraphs: it is resolved from subgraphs "a" and "b"'
        " and defined as non-shareable in all of them"
    )
    assert error.subgraphs == ("a", "b")
    assert error.coordinates == ("T.n",)


def test_override_of_unknown_subgraph_is_a_hint() -> None:
    result = composed(
        [
            (
                "a",
                'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@override"])'
                ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @override(from: "nowhere") }',
            )
        ]
    )
    assert result.ok, result.errors
    hints = [h for h in result.hints if h.code == "FROM_SUBGRAPH_DOES_NOT_EXIST"]
    assert hints and hints[0].coordinates == ("T.n",) and hints[0].subgraphs == ("a",)


def test_errors_stop_composition_before_merging() -> None:
    """A subgraph error is reported alone: merging does not run on invalid subgraphs."""
    result = composed(
        [
            ("a", "type Query { a: Missing }"),
            ("b", "type Query { a: String }"),
        ]
    )
    assert {e.code for e in result.errors} == {"INVALID_GRAPHQL"}


def test_compose_stays_the_function_after_first_use() -> None:
    """The pipeline module is not called ``compose``: importing it must not shadow the API."""
    import gateway.composition as composition

    composition.compose([SubgraphSource("a", "http://a", "type Query { a: Int }")])
    assert callable(composition.compose)
    assert composition.compose([SubgraphSource("a", "http://a", "type Query { a: Int }")]).ok
