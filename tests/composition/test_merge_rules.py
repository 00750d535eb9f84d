# ruff: noqa: E501  (inline subgraph SDLs read better on one line)
"""One test per merge rule, on small inline subgraphs.

The supergraphs are read back with the gateway's loader: ``api`` is what clients see,
``model`` the join metadata the planner uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, GraphQLUnionType, print_type

from gateway.composition import CompositionResult, SubgraphSource, compose
from gateway.supergraph import Supergraph, load_supergraph


def fed2(*directives: str, minor: int = 3) -> str:
    imports = ", ".join(f'"@{d}"' for d in directives)
    return f'extend schema @link(url: "https://specs.apollo.dev/federation/v2.{minor}", import: [{imports}])\n'


@dataclass
class Composed:
    result: CompositionResult
    model: Supergraph

    @property
    def sdl(self) -> str:
        assert self.result.supergraph_sdl is not None
        return self.result.supergraph_sdl

    def api_type(self, name: str) -> object:
        return self.model.api_schema.get_type(name)

    def hint_codes(self) -> set[str]:
        return {h.code for h in self.result.hints}


def composed(*subgraphs: tuple[str, str]) -> Composed:
    result = compose([SubgraphSource(name, f"http://{name}.example/graphql", sdl) for name, sdl in subgraphs])
    assert result.ok, [str(e) for e in result.errors]
    assert result.supergraph_sdl is not None
    return Composed(result, load_supergraph(result.supergraph_sdl))


def field_line(sdl: str, type_name: str, field_name: str) -> str:
    block = sdl.split(f"\ntype {type_name}", 1)[1].split("\n}\n", 1)[0]
    return next(line.strip() for line in block.splitlines() if line.strip().startswith(f"{field_name}"))


# ---------------------------------------------------------------------------- output format


def test_supergraph_header_links_and_join_version() -> None:
    c = composed(("a", fed2("key", minor=8) + ' type Query { t: T } type T @key(fields: "id") { id: ID! }'))
    assert c.sdl.startswith(
        "schema\n"
        '  @link(url: "https://specs.apollo.dev/link/v1.0")\n'
        '  @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)\n'
        "{\n  query: Query\n}\n"
    )
    assert "directive @join__field(graph: join__Graph, requires: join__FieldSet" in c.sdl
    assert 'A @join__graph(name: "a", url: "http://a.example/graphql")' in c.sdl


@pytest.mark.parametrize(("minor", "join"), [(0, "v0.3"), (3, "v0.3"), (7, "v0.4"), (8, "v0.5"), (9, "v0.5")])
def test_join_version_follows_the_latest_federation_version(minor: int, join: str) -> None:
    c = composed(("a", fed2("key", minor=minor) + " type Query { a: Int }"))
    assert f'@link(url: "https://specs.apollo.dev/join/{join}", for: EXECUTION)' in c.sdl


def test_graph_enum_values_are_sanitized_and_sorted() -> None:
    c = composed(("zeta-service", "type Query { z: Int }"), ("2nd", "type Query { s: Int }"))
    assert c.sdl.index("_2ND @join__graph") < c.sdl.index("ZETA_SERVICE @join__graph")
    assert set(c.model.subgraphs) == {"zeta-service", "2nd"}


def test_federation_builtins_are_stripped() -> None:
    c = composed(
        (
            "a",
            'schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) { query: Query }\n'
            "scalar _Any union _Entity = T type _Service { sdl: String! } scalar link__Import\n"
            "type Query { _entities(representations: [_Any!]!): [_Entity]! _service: _Service! t: T }\n"
            'type T @key(fields: "id") { id: ID! }',
        )
    )
    for name in ("_Any", "_Entity", "_Service"):
        assert name not in c.model.types and f" {name}" not in c.sdl
    assert set(c.model.api_schema.query_type.fields) == {"t"}


# ---------------------------------------------------------------------------- object types and fields


def test_fields_are_the_union_over_subgraphs_with_join_field_only_where_needed() -> None:
    c = composed(
        (
            "a",
            fed2("key", "shareable")
            + ' type Query { t: T } type T @key(fields: "id") { id: ID! name: String @shareable }',
        ),
        ("b", fed2("key", "shareable") + ' type T @key(fields: "id") { id: ID! name: String @shareable age: Int }'),
    )
    fields = c.model.types["T"].fields
    assert set(fields) == {"id", "name", "age"}
    assert not fields["id"].has_join_field and not fields["name"].has_join_field  # in every subgraph, same type
    assert set(fields["age"].in_subgraphs) == {"b"}
    assert field_line(c.sdl, "T", "age") == "age: Int @join__field(graph: B)"


def test_output_types_merge_to_the_least_restrictive_with_join_field_type() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { n: Int! @shareable  l: [String!]! @shareable }"),
        ("b", fed2("shareable") + " type Query { n: Int @shareable  l: [String]! @shareable }"),
    )
    query = c.model.api_schema.query_type
    assert str(query.fields["n"].type) == "Int"
    assert str(query.fields["l"].type) == "[String]!"
    assert (
        field_line(c.sdl, "Query", "n")
        == 'n: Int @join__field(graph: A, type: "Int!") @join__field(graph: B, type: "Int")'
    )
    assert "INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE" in c.hint_codes()


def test_output_type_may_be_an_interface_implemented_by_the_other_subgraph_type() -> None:
    c = composed(
        (
            "a",
            fed2("shareable")
            + " type Query { pet: Animal @shareable } interface Animal { name: String } type Dog implements Animal @shareable { name: String }",
        ),
        (
            "b",
            fed2("shareable")
            + " type Query { pet: Dog @shareable } interface Animal { name: String } type Dog implements Animal @shareable { name: String }",
        ),
    )
    assert str(c.model.api_schema.query_type.fields["pet"].type) == "Animal"


def test_argument_types_merge_to_the_most_restrictive() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { f(x: Int, y: [ID!]): Int @shareable }"),
        ("b", fed2("shareable") + " type Query { f(x: Int!, y: [ID]): Int @shareable }"),
    )
    arguments = c.model.api_schema.query_type.fields["f"].args
    assert str(arguments["x"].type) == "Int!" and str(arguments["y"].type) == "[ID!]"
    assert "INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE" in c.hint_codes()


def test_optional_arguments_are_intersected() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { f(x: Int, y: Int): Int @shareable }"),
        ("b", fed2("shareable") + " type Query { f(x: Int): Int @shareable }"),
    )
    assert set(c.model.api_schema.query_type.fields["f"].args) == {"x"}
    assert "INCONSISTENT_ARGUMENT_PRESENCE" in c.hint_codes()


def test_default_values_kept_when_consistent_dropped_when_only_in_some() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { f(x: Int = 1, y: Int = 2): Int @shareable }"),
        ("b", fed2("shareable") + " type Query { f(x: Int = 1, y: Int): Int @shareable }"),
    )
    assert "f(x: Int = 1, y: Int): Int" in c.sdl
    assert "INCONSISTENT_DEFAULT_VALUE_PRESENCE" in c.hint_codes()


def test_value_types_shared_by_subgraphs() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { a: Money } type Money @shareable { amount: Int currency: String }"),
        ("b", fed2("shareable") + " type Query { b: Money } type Money @shareable { amount: Int currency: String }"),
    )
    assert set(c.model.types["Money"].in_subgraphs) == {"a", "b"}
    assert not c.model.types["Money"].fields["amount"].has_join_field


def test_descriptions_merge_to_the_most_common() -> None:
    c = composed(
        ("a", fed2("shareable") + ' """A person""" type P @shareable { x: Int } type Query { a: P }'),
        ("b", fed2("shareable") + ' """A person""" type P @shareable { x: Int } type Query { b: P }'),
        ("c", fed2("shareable") + ' """Someone""" type P @shareable { x: Int } type Query { c: P }'),
    )
    assert c.model.api_schema.get_type("P").description == "A person"
    assert "INCONSISTENT_DESCRIPTION" in c.hint_codes()


def test_root_types_are_renamed() -> None:
    c = composed(
        (
            "a",
            "schema { query: RootQuery mutation: Changes } type RootQuery { a: Int } type Changes { set(a: Int): Int }",
        ),
        ("b", "type Query { b: Int }"),
    )
    assert c.model.api_schema.query_type.name == "Query"
    assert set(c.model.api_schema.query_type.fields) == {"a", "b"}
    assert c.model.api_schema.mutation_type.name == "Mutation"
    assert "RootQuery" not in c.sdl and "Changes" not in c.sdl


def test_deprecation_is_carried() -> None:
    c = composed(("a", 'type Query { old: Int @deprecated(reason: "use new") new: Int }'))
    assert c.model.api_schema.query_type.fields["old"].deprecation_reason == "use new"


# ---------------------------------------------------------------------------- entities


def test_keys_become_join_type_directives() -> None:
    c = composed(
        (
            "a",
            fed2("key")
            + ' type Query { t: T } type T @key(fields: "id") @key(fields: "org { code } number") { id: ID! org: Org! number: Int! }'
            " type Org { code: String! }",
        ),
        ("b", fed2("key") + ' type T @key(fields: "id", resolvable: false) { id: ID! }'),
        ("c", fed2("key") + ' extend type T @key(fields: "id") { id: ID! extra: Int }'),
    )
    t = c.model.types["T"]
    assert [(k.fields, k.resolvable) for k in t.in_subgraphs["a"].keys] == [("id", True), ("org { code } number", True)]
    assert [(k.fields, k.resolvable) for k in t.in_subgraphs["b"].keys] == [("id", False)]
    assert t.in_subgraphs["c"].extension
    assert '@join__type(graph: B, key: "id", resolvable: false)' in c.sdl
    assert '@join__type(graph: C, key: "id", extension: true)' in c.sdl


def test_requires_provides_and_external_in_join_field() -> None:
    c = composed(
        (
            "products",
            fed2("key", "shareable")
            + ' type Query { p: P } type P @key(fields: "id") { id: ID! weight: Int price: Int @shareable }',
        ),
        (
            "shipping",
            fed2("key", "external", "requires", "provides")
            + ' type P @key(fields: "id") { id: ID! weight: Int @external cost: Int @requires(fields: "weight") }'
            ' type Query { cheapest: P @provides(fields: "price") } extend type P { price: Int @external }',
        ),
    )
    cost = c.model.field_in("P", "cost", "shipping")
    assert cost is not None and cost.requires_text == "weight"
    weight = c.model.types["P"].fields["weight"].in_subgraphs
    assert weight["shipping"].external and not weight["products"].external
    cheapest = c.model.field_in("Query", "cheapest", "shipping")
    assert cheapest is not None and cheapest.provides is not None


def test_override_and_progressive_override_label() -> None:
    c = composed(
        ("old", fed2("key", minor=7) + ' type Query { t: T } type T @key(fields: "id") { id: ID! a: Int b: Int }'),
        (
            "new",
            fed2("key", "override", minor=7)
            + ' type T @key(fields: "id") { id: ID! a: Int @override(from: "old") b: Int @override(from: "old", label: "percent(10)") }',
        ),
    )
    a = c.model.types["T"].fields["a"].in_subgraphs
    assert set(a) == {"new"} and a["new"].override_from == "old"
    b = c.model.types["T"].fields["b"].in_subgraphs
    assert set(b) == {"old", "new"} and b["new"].override_label == "percent(10)"
    assert c.model.override_labels == frozenset({"percent(10)"})
    assert "OVERRIDDEN_FIELD_CAN_BE_REMOVED" in c.hint_codes()


def test_overridden_field_still_used_in_a_key_is_used_overridden() -> None:
    c = composed(
        ("old", fed2("key", minor=7) + ' type Query { t: T } type T @key(fields: "id code") { id: ID! code: String! }'),
        (
            "new",
            fed2("key", "override", minor=7)
            + ' type T @key(fields: "id") { id: ID! code: String! @override(from: "old") }',
        ),
    )
    code = c.model.types["T"].fields["code"].in_subgraphs
    assert code["old"].used_overridden and code["new"].override_from == "old"


def test_interface_object_adds_fields_to_implementations() -> None:
    c = composed(
        (
            "media",
            fed2("key") + ' type Query { items: [Item] } interface Item @key(fields: "id") { id: ID! }'
            ' type Book implements Item @key(fields: "id") { id: ID! }',
        ),
        (
            "ratings",
            fed2("key", "interfaceObject") + ' type Item @key(fields: "id") @interfaceObject { id: ID! stars: Int }',
        ),
    )
    assert c.model.types["Item"].kind == "interface"
    assert c.model.types["Item"].in_subgraphs["ratings"].is_interface_object
    assert "stars" in c.model.types["Book"].fields
    assert "stars: Int @join__field\n" in c.sdl
    assert isinstance(c.api_type("Book"), GraphQLObjectType) and "stars" in c.api_type("Book").fields


def test_context_and_from_context() -> None:
    c = composed(
        (
            "a",
            fed2("key", "context", "fromContext", minor=8)
            + ' type Query { s: S } type S @key(fields: "id") @context(name: "shop") { id: ID! currency: String p: P }'
            ' type P @key(fields: "id") { id: ID! price(currency: String @fromContext(field: "$shop { currency }")): Int }',
        )
    )
    assert c.model.types["S"].contexts == frozenset({"a__shop"})
    [argument] = c.model.field_in("P", "price", "a").context_arguments
    assert (argument.name, argument.context, argument.selection) == ("currency", "a__shop", " { currency }")
    assert "currency" not in c.model.api_schema.get_type("P").fields["price"].args


# ---------------------------------------------------------------------------- abstract types, enums, inputs


def test_union_members_are_the_union_with_join_union_member() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { r: R @shareable } union R = A type A @shareable { x: Int }"),
        (
            "b",
            fed2("shareable")
            + " type Query { r: R @shareable } union R = A | B type A @shareable { x: Int } type B { y: Int }",
        ),
    )
    union = c.api_type("R")
    assert isinstance(union, GraphQLUnionType) and {t.name for t in union.types} == {"A", "B"}
    assert c.model.types["R"].union_members == {"a": {"A"}, "b": {"A", "B"}}
    assert "INCONSISTENT_UNION_MEMBER" in c.hint_codes()


def test_interfaces_implemented_per_subgraph() -> None:
    c = composed(
        ("a", "type Query { a: Node } interface Node { id: ID! } type A implements Node { id: ID! }"),
        ("b", "type Query { b: Named } interface Named { name: String } type B implements Named { name: String }"),
    )
    assert c.model.types["A"].implements == {"a": {"Node"}}
    assert '@join__implements(graph: A, interface: "Node")' in c.sdl


def test_output_enum_values_are_unioned() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { c: [Colour] @shareable } enum Colour { RED GREEN }"),
        ("b", fed2("shareable") + " type Query { c: [Colour] @shareable } enum Colour { RED BLUE }"),
    )
    enum = c.api_type("Colour")
    assert isinstance(enum, GraphQLEnumType) and set(enum.values) == {"RED", "GREEN", "BLUE"}
    assert "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM" in c.hint_codes()
    assert "BLUE @join__enumValue(graph: B)" in c.sdl


def test_input_enum_values_are_intersected() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { f(c: Colour): Int @shareable } enum Colour { RED GREEN }"),
        ("b", fed2("shareable") + " type Query { f(c: Colour): Int @shareable } enum Colour { RED BLUE }"),
    )
    assert set(c.api_type("Colour").values) == {"RED"}
    assert "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM" in c.hint_codes()


def test_enum_used_as_input_and_output_must_be_equal() -> None:
    c = composed(
        ("a", fed2("shareable") + " type Query { f(c: Colour): Colour @shareable } enum Colour { RED GREEN }"),
        ("b", fed2("shareable") + " type Query { f(c: Colour): Colour @shareable } enum Colour { RED GREEN }"),
    )
    assert set(c.api_type("Colour").values) == {"RED", "GREEN"}


def test_input_objects_keep_fields_common_to_all_subgraphs() -> None:
    c = composed(
        ("a", "type Query { a(i: Filter): Int } input Filter { name: String status: String }"),
        ("b", "type Query { b(i: Filter): Int } input Filter { name: String since: Int }"),
    )
    assert isinstance(c.api_type("Filter"), GraphQLInputObjectType)
    assert set(c.api_type("Filter").fields) == {"name"}
    assert "INCONSISTENT_INPUT_OBJECT_FIELD" in c.hint_codes()


# ---------------------------------------------------------------------------- carried directives


def test_inaccessible_is_carried_and_removed_from_the_api() -> None:
    c = composed(
        (
            "a",
            fed2("inaccessible") + " type Query { a(debug: Boolean @inaccessible): Int secret: Secret @inaccessible }"
            " type Secret @inaccessible { x: Int } enum E { A B @inaccessible } type X { e: E } extend type Query { x: X }",
        )
    )
    assert '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)' in c.sdl
    assert c.api_type("Secret") is None
    assert "secret" not in c.model.api_schema.query_type.fields
    assert "debug" not in c.model.api_schema.query_type.fields["a"].args
    assert set(c.api_type("E").values) == {"A"}
    assert c.model.types["Secret"].inaccessible


def test_inaccessible_in_one_subgraph_hides_the_element() -> None:
    c = composed(
        (
            "a",
            fed2("key", "inaccessible", "shareable")
            + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @inaccessible @shareable }',
        ),
        ("b", fed2("key", "shareable") + ' type T @key(fields: "id") { id: ID! n: Int @shareable }'),
    )
    assert "n" not in c.api_type("T").fields


def test_tag_is_carried_and_linked_only_when_used() -> None:
    untagged = composed(("a", fed2("tag") + " type Query { a: Int }"))
    assert "tag/v0.3" not in untagged.sdl
    c = composed(
        ("a", fed2("key", "tag") + ' type Query { t: T } type T @key(fields: "id") @tag(name: "x") { id: ID! }'),
        ("b", fed2("key", "tag") + ' type T @key(fields: "id") @tag(name: "x") @tag(name: "y") { id: ID! }'),
    )
    assert '@link(url: "https://specs.apollo.dev/tag/v0.3")' in c.sdl
    t_block = c.sdl.split("\ntype T\n", 1)[1].split("{", 1)[0]
    assert t_block.count('@tag(name: "x")') == 1 and '@tag(name: "y")' in t_block


def test_authorization_directives_are_carried_and_scopes_merged() -> None:
    c = composed(
        (
            "a",
            fed2("shareable", "authenticated", "requiresScopes", "policy", minor=6)
            + ' type Query { a: Int @shareable @requiresScopes(scopes: [["read"]]) @authenticated @policy(policies: [["p"]]) }',
        ),
        (
            "b",
            fed2("shareable", "requiresScopes", minor=6)
            + ' type Query { a: Int @shareable @requiresScopes(scopes: [["admin"]]) }',
        ),
    )
    for spec in ("authenticated/v0.1", "requiresScopes/v0.1", "policy/v0.1"):
        assert f'@link(url: "https://specs.apollo.dev/{spec}", for: SECURITY)' in c.sdl
    assert '@requiresScopes(scopes: [["admin", "read"]])' in field_line(c.sdl, "Query", "a")
    assert "@authenticated" in field_line(c.sdl, "Query", "a")


def test_cost_and_list_size_are_carried_and_merged() -> None:
    c = composed(
        (
            "a",
            fed2("shareable", "cost", "listSize", minor=9)
            + ' type Query { l(first: Int): [Int] @shareable @cost(weight: 2) @listSize(slicingArguments: ["first"]) }',
        ),
        ("b", fed2("shareable", "cost", minor=9) + " type Query { l(first: Int): [Int] @shareable @cost(weight: 5) }"),
    )
    assert '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])' in c.sdl
    line = field_line(c.sdl, "Query", "l")
    assert "@cost(weight: 5)" in line and '@listSize(slicingArguments: ["first"])' in line


def test_compose_directive_carries_the_custom_directive() -> None:
    c = composed(
        (
            "a",
            fed2("composeDirective", "key")
            + '  @link(url: "https://example.com/audit/v1.0", import: ["@audit"]) @composeDirective(name: "@audit")\n'
            "directive @audit(level: Int) on FIELD_DEFINITION\n"
            "type Query { a: Int @audit(level: 2) }\n"
            "directive @private on FIELD_DEFINITION\n"
            "extend type Query { b: Int @private }",
        )
    )
    assert '@link(url: "https://example.com/audit/v1.0", import: ["@audit"])' in c.sdl
    assert "directive @audit(level: Int) on FIELD_DEFINITION" in c.sdl
    assert field_line(c.sdl, "Query", "a") == "a: Int @audit(level: 2)"
    assert "@private" not in c.sdl  # not composed: dropped


def test_executable_directives_defined_everywhere_are_kept() -> None:
    c = composed(
        ("a", "directive @live on QUERY | FIELD type Query { a: Int }"),
        ("b", "directive @live on QUERY type Query { b: Int }"),
    )
    assert "directive @live on QUERY\n" in c.sdl
    assert c.model.schema.get_directive("live") is not None


# ---------------------------------------------------------------------------- federation 1 and names


def test_federation_1_subgraphs_are_upgraded() -> None:
    c = composed(
        ("accounts", 'type Query { me: User } type User @key(fields: "id") { id: ID! name: String }'),
        (
            "reviews",
            'extend type User @key(fields: "id") { id: ID! @external name: String @external reviews: [String] }'
            ' type Query { top: User @provides(fields: "name") } type Point { x: Int } extend type Query { p: Point }',
        ),
        ("geo", "type Point { x: Int } type Query { origin: Point }"),
    )
    user = c.model.types["User"]
    assert not user.in_subgraphs["reviews"].extension  # Federation 1 extensions become definitions
    assert set(user.fields["name"].in_subgraphs) == {"accounts", "reviews"}
    assert user.fields["name"].in_subgraphs["reviews"].external
    assert set(c.model.types["Point"].in_subgraphs) == {"reviews", "geo"}  # implicitly shareable value type
    assert '@link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)' in c.sdl


def test_renamed_and_namespaced_federation_directives() -> None:
    c = composed(
        (
            "a",
            'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [{name: "@key", as: "@id"}])'
            ' type Query { t: T } type T @id(fields: "id") { id: ID! a: Int @federation__shareable }',
        ),
        (
            "b",
            'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed")'
            ' type T @fed__key(fields: "id") { id: ID! a: Int @fed__shareable }',
        ),
    )
    t = c.model.types["T"]
    assert [k.fields for k in t.in_subgraphs["a"].keys] == ["id"] == [k.fields for k in t.in_subgraphs["b"].keys]
    assert "@id" not in c.sdl and "fed__" not in c.sdl


def test_subscription_root_is_merged() -> None:
    c = composed(("a", "type Query { a: Int } type Subscription { ticks: Int }"))
    assert c.model.api_schema.subscription_type is not None
    assert "subscription: Subscription" in c.sdl


def test_printed_types_are_valid_graphql() -> None:
    c = composed(("a", '"""Docs"""\ntype Query { "field docs" a(x: Int = 3): Int }'))
    assert '"""Docs"""' in print_type(c.model.schema.query_type)
