"""``tongban check``: client-facing changes between supergraphs' API schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from composition_support import (
    BADGES,
    BADGES_BROKEN,
    PEOPLE,
    PEOPLE_EMAIL,
    compose_ok,
    composer,  # noqa: F401  (fixture)
)
from graphql import build_schema

from gateway.checks import compare_schemas
from gateway.cli import main

ENTITIES = (Path(__file__).parent / "fixtures" / "supergraphs" / "entities.graphql").read_text()
NAME = "  name: String! @join__field(graph: PERSONS)\n"
LICENCES = "  licences(category: String): [Licence!]! @join__field(graph: LICENCES)\n"
CATEGORY = "  category: String! @join__field(graph: LICENCES)\n"


def _edit(tmp_path: Path, filename: str, *replacements: tuple[str, str]) -> str:
    text = ENTITIES
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    (tmp_path / filename).write_text(text)
    return str(tmp_path / filename)


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_breaking_changes_fail_with_their_coordinates(tmp_path: Path) -> None:
    old = _edit(tmp_path, "old.graphql")
    new = _edit(
        tmp_path,
        "new.graphql",
        (NAME, ""),  # removed field
        (CATEGORY, CATEGORY.replace("String!", "String")),  # output made nullable
        (LICENCES, LICENCES.replace("String)", "String, year: Int!)")),  # new required argument
    )
    status, out, _ = _check(old, new)
    assert status == 1
    lines = out.splitlines()
    assert "BREAKING  Person.name: Field Person.name was removed. [FIELD_REMOVED]" in lines
    assert (
        "BREAKING  Licence.category: Field Licence.category changed type from String! to String. [FIELD_CHANGED_KIND]"
    ) in lines
    assert (
        "BREAKING  Person.licences(year:): A required argument Person.licences(year:) was added. [REQUIRED_ARG_ADDED]"
        in lines
    )
    assert lines[-1] == "3 breaking, 0 dangerous, 0 safe changes"


def test_additions_pass_and_dangerous_changes_are_reported(tmp_path: Path) -> None:
    old = _edit(tmp_path, "old.graphql")
    new = _edit(
        tmp_path,
        "new.graphql",
        (NAME, NAME + "  nickname: String @join__field(graph: PERSONS)\n"),
        (LICENCES, LICENCES.replace("String)", "String, active: Boolean)")),
    )
    status, out, _ = _check(old, new)
    assert status == 0
    assert out.splitlines() == [
        "DANGEROUS Person.licences(active:): An optional argument Person.licences(active:) was added. "
        "[OPTIONAL_ARG_ADDED]",
        "0 breaking, 1 dangerous, 1 safe changes",
    ]
    status, out, _ = _check(old, new, "--safe", "--json")
    assert status == 0
    report = json.loads(out)
    assert report["counts"] == {"breaking": 0, "dangerous": 1, "safe": 1}
    assert {"severity": "safe", "code": "FIELD_ADDED", "coordinate": "Person.nickname"}.items() <= report["changes"][
        1
    ].items()


def test_identical_supergraphs_and_unusable_input(tmp_path: Path) -> None:
    old = _edit(tmp_path, "old.graphql")
    assert _check(old, old) == (0, "0 breaking, 0 dangerous, 0 safe changes\n", "")
    status, _, err = _check(old, str(tmp_path / "missing.graphql"))
    assert status == 2 and "cannot read" in err
    (tmp_path / "broken.graphql").write_text("type Query {")
    status, _, err = _check(old, str(tmp_path / "broken.graphql"))
    assert status == 2 and "broken.graphql" in err
    status, _, err = _check(old)
    assert status == 2 and "give OLD NEW, or --supergraph CURRENT" in err


# ---------------------------------------------------------------- a changed subgraph


@pytest.fixture
def deployed(tmp_path: Path, composer: object) -> tuple[str, str]:  # noqa: F811
    """The current supergraph file and a config whose subgraphs read SDL files."""
    (tmp_path / "people.graphql").write_text(PEOPLE)
    (tmp_path / "badges.graphql").write_text(BADGES)
    config = tmp_path / "tongban.yaml"
    config.write_text(
        "subgraphs:\n"
        "  - {name: people, url: 'http://people/graphql', sdl_file: people.graphql}\n"
        "  - {name: badges, url: 'http://badges/graphql', sdl_file: badges.graphql}\n"
    )
    current = tmp_path / "current.graphql"
    current.write_text(
        compose_ok({"people": ("http://people/graphql", PEOPLE), "badges": ("http://badges/graphql", BADGES)})
    )
    return str(current), str(config)


def test_changed_subgraph_is_recomposed_and_compared(deployed: tuple[str, str], tmp_path: Path) -> None:
    current, config = deployed
    proposals = {
        "without_name.graphql": PEOPLE.replace(" name: String! }", " }"),
        "with_email.graphql": PEOPLE_EMAIL,
        "broken.graphql": BADGES_BROKEN,
        "extra.graphql": 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n'
        "type Query { ping: String }\n",
    }
    for name, sdl in proposals.items():
        (tmp_path / name).write_text(sdl)
    base = ["--supergraph", current, "--config", config]

    status, out, _ = _check(*base, "--subgraph", f"people={tmp_path / 'without_name.graphql'}")
    assert status == 1
    assert "BREAKING  Person.name: Field Person.name was removed. [FIELD_REMOVED]" in out.splitlines()

    assert _check(*base, "--subgraph", f"people={tmp_path / 'with_email.graphql'}")[:2] == (
        0,
        "0 breaking, 0 dangerous, 1 safe changes\n",
    )

    status, out, err = _check(*base, "--subgraph", f"badges={tmp_path / 'broken.graphql'}")
    assert status == 1
    assert "error INVALID_FIELD_SHARING: " in err
    assert "the changed subgraph(s) badges do not compose" in err

    status, out, _ = _check(*base, "--subgraph", f"extra={tmp_path / 'extra.graphql'}", "--safe")
    assert status == 0
    assert "SAFE      Query.ping: Field Query.ping was added. [FIELD_ADDED]" in out.splitlines()

    status, _, err = _check(*base, "--subgraph", "people")
    assert status == 2 and "expected NAME=SDL_FILE" in err


# ---------------------------------------------------------------------- the policy


def test_every_change_gets_its_coordinate_and_severity() -> None:
    old = build_schema(
        """
        directive @d(a: Int, b: Int = 1) repeatable on FIELD | QUERY
        directive @gone on FIELD
        interface Node { id: ID! }
        type A implements Node {
          id: ID! x: String! y(a: Int, b: Int = 1, c: Int): String z: [String!] gone: Int @deprecated(reason: "use x")
        }
        type B { id: ID }
        union U = A | B
        enum E { ONE TWO }
        input I { a: Int b: Int = 2 c: Int }
        scalar S
        type Query { a: A u: U e(v: E): E i(i: I): Int s: S node: Node }
        """
    )
    new = build_schema(
        """
        directive @d(b: Int = 2, c: Int!) on FIELD
        interface Node { id: ID! }
        interface Other { id: ID }
        type A implements Node { id: ID! x: String y(a: Int!, b: Int = 3, d: Int, e: Int!): String z: [String] }
        type B implements Other { id: ID }
        type C implements Node { id: ID! }
        union U = A | C
        enum E { ONE FOUR }
        input I @oneOf { a: Int b: Int = 3 d: Int }
        type S { a: Int }
        type Query { a: A u: U e(v: E): E i(i: I): Int s: S node: Node }
        """
    )
    found = {(c.severity, c.code, c.coordinate) for c in compare_schemas(old, new)}
    assert found == {
        ("breaking", "DIRECTIVE_LOCATION_REMOVED", "@d"),
        ("breaking", "DIRECTIVE_REPEATABLE_REMOVED", "@d"),
        ("breaking", "DIRECTIVE_ARG_REMOVED", "@d(a:)"),
        ("breaking", "REQUIRED_DIRECTIVE_ARG_ADDED", "@d(c:)"),
        ("breaking", "DIRECTIVE_REMOVED", "@gone"),
        ("breaking", "FIELD_REMOVED", "A.gone"),
        ("breaking", "FIELD_CHANGED_KIND", "A.x"),
        ("breaking", "ARG_CHANGED_KIND", "A.y(a:)"),
        ("breaking", "ARG_REMOVED", "A.y(c:)"),
        ("breaking", "REQUIRED_ARG_ADDED", "A.y(e:)"),
        ("breaking", "FIELD_CHANGED_KIND", "A.z"),
        ("breaking", "VALUE_REMOVED_FROM_ENUM", "E.TWO"),
        ("breaking", "ONE_OF_ADDED", "I"),
        ("breaking", "FIELD_REMOVED", "I.c"),
        ("breaking", "TYPE_CHANGED_KIND", "S"),
        ("breaking", "TYPE_REMOVED_FROM_UNION", "U"),
        ("dangerous", "ARG_DEFAULT_VALUE_CHANGE", "@d(b:)"),
        ("dangerous", "ARG_DEFAULT_VALUE_CHANGE", "A.y(b:)"),
        ("dangerous", "OPTIONAL_ARG_ADDED", "A.y(d:)"),
        ("dangerous", "IMPLEMENTED_INTERFACE_ADDED", "B"),
        ("dangerous", "VALUE_ADDED_TO_ENUM", "E.FOUR"),
        ("dangerous", "INPUT_FIELD_DEFAULT_VALUE_CHANGE", "I.b"),
        ("dangerous", "OPTIONAL_INPUT_FIELD_ADDED", "I.d"),
        ("dangerous", "TYPE_ADDED_TO_INTERFACE", "Node"),
        ("dangerous", "TYPE_ADDED_TO_UNION", "U"),
        ("safe", "TYPE_ADDED", "C"),
        ("safe", "TYPE_ADDED", "Other"),
    }
    removed = next(c for c in compare_schemas(old, new) if c.coordinate == "A.gone")
    assert removed.message == "Field A.gone was removed. (it was deprecated: use x)"


def test_required_input_field_and_type_removal() -> None:
    old = build_schema("input I { a: Int } type T { a: Int } type Query { f(i: I): T }")
    new = build_schema("input I { a: Int b: Int! } type Query { f(i: I): Int }")
    found = {(c.severity, c.code, c.coordinate) for c in compare_schemas(old, new)}
    assert ("breaking", "REQUIRED_INPUT_FIELD_ADDED", "I.b") in found
    assert ("breaking", "TYPE_REMOVED", "T") in found
    assert ("breaking", "FIELD_CHANGED_KIND", "Query.f") in found
