# ruff: noqa: E501  (inline subgraph SDLs read better on one line)
"""Subgraph collections composed by Tongban and by Apollo's composer in the parity tests.

``VALID``: name -> subgraphs that compose; ``INVALID``: name -> (subgraphs, the error
codes Apollo reports). Subgraphs are ``(name, sdl)``; URLs are derived from the name.
"""

from __future__ import annotations

FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.{minor}", import: [{imports}])'


def link(*directives: str, minor: int = 3) -> str:
    return FED.format(minor=minor, imports=", ".join(f'"@{d}"' for d in directives))


VALID: dict[str, list[tuple[str, str]]] = {
    # @key in its forms: single, compound, nested, several keys, resolvable: false
    "keys": [
        (
            "people",
            link("key")
            + """
            type Query { people: [Person!]! }
            type Person @key(fields: "id") @key(fields: "nationalId country") {
              id: ID!
              nationalId: String!
              country: String!
              name: String
              employer: Company
            }
            type Company @key(fields: "id", resolvable: false) { id: ID! }
            """,
        ),
        (
            "companies",
            link("key")
            + """
            type Query { company(id: ID!): Company }
            type Company @key(fields: "id") {
              id: ID!
              name: String!
              registration: Registration!
            }
            type Registration @key(fields: "office { code } number") {
              office: Office!
              number: Int!
            }
            type Office { code: String! city: String }
            """,
        ),
        (
            "records",
            link("key")
            + """
            type Person @key(fields: "nationalId country") {
              nationalId: String!
              country: String!
              criminalRecord: Boolean
            }
            type Registration @key(fields: "office { code } number") {
              office: Office!
              number: Int!
              filedAt: String
            }
            type Office { code: String! }
            """,
        ),
    ],
    # @shareable on fields and types, value types in several subgraphs
    "shareable": [
        (
            "a",
            link("key", "shareable")
            + """
            type Query { products: [Product!]! @shareable  money: Money }
            type Product @key(fields: "upc") { upc: ID! name: String! @shareable price: Money }
            type Money @shareable { amount: Int! currency: String! }
            """,
        ),
        (
            "b",
            link("key", "shareable")
            + """
            type Query { products: [Product!]! @shareable }
            type Product @key(fields: "upc") { upc: ID! name: String! @shareable weight: Float }
            type Money @shareable { amount: Int! currency: String! }
            """,
        ),
        (
            "c",
            link("key", "shareable")
            + """
            extend type Product @key(fields: "upc") { upc: ID! stock: Int }
            """,
        ),
    ],
    # @requires (with arguments, nested) and @provides
    "requires_provides": [
        (
            "inventory",
            link("key", "external", "requires")
            + """
            type Product @key(fields: "upc") {
              upc: ID!
              weight(unit: String = "kg"): Float @external
              price: Int @external
              dimensions: Dimensions @external
              shippingEstimate: Int @requires(fields: "price weight(unit: \\"kg\\") dimensions { size }")
            }
            type Dimensions @key(fields: "id", resolvable: false) { id: ID! size: Int @external }
            """,
        ),
        (
            "products",
            link("key", "shareable")
            + """
            type Query { topProducts: [Product!]! }
            type Product @key(fields: "upc") {
              upc: ID!
              name: String
              price: Int
              weight(unit: String = "kg"): Float
              dimensions: Dimensions
            }
            type Dimensions @key(fields: "id") { id: ID! size: Int }
            """,
        ),
        (
            "reviews",
            link("key", "external", "provides", "shareable")
            + """
            type Query { reviews: [Review!]! }
            type Review { id: ID! body: String author: User @provides(fields: "username") product: Product }
            type User @key(fields: "id") { id: ID! username: String @external }
            type Product @key(fields: "upc") { upc: ID! reviews: [Review!]! }
            """,
        ),
        (
            "users",
            link("key", "shareable")
            + """
            type User @key(fields: "id") { id: ID! username: String @shareable email: String }
            """,
        ),
    ],
    # @override, with a progressive label, and an overridden field still used by a key
    "override": [
        (
            "legacy",
            link("key", minor=7)
            + """
            type Query { account(id: ID!): Account }
            type Account @key(fields: "id") @key(fields: "number") {
              id: ID!
              number: String!
              balance: Int
              owner: String
            }
            """,
        ),
        (
            "modern",
            link("key", "override", minor=7)
            + """
            type Account @key(fields: "id") {
              id: ID!
              number: String! @override(from: "legacy")
              balance: Int @override(from: "legacy", label: "percent(25)")
              owner: String @override(from: "legacy")
              risk: Float
            }
            """,
        ),
    ],
    # @interfaceObject with an entity interface
    "interface_object": [
        (
            "media",
            link("key", "interfaceObject")
            + """
            type Query { items: [Item!]! }
            interface Item @key(fields: "id") { id: ID! title: String! }
            type Book implements Item @key(fields: "id") { id: ID! title: String! pages: Int }
            type Film implements Item @key(fields: "id") { id: ID! title: String! minutes: Int }
            """,
        ),
        (
            "ratings",
            link("key", "interfaceObject")
            + """
            type Item @key(fields: "id") @interfaceObject { id: ID! rating: Float reviews: [String!]! }
            """,
        ),
        (
            "loans",
            link("key", "interfaceObject", "external")
            + """
            type Query { overdue: [Item!]! }
            type Item @key(fields: "id") @interfaceObject { id: ID! onLoan: Boolean }
            """,
        ),
    ],
    # @inaccessible on types, fields, arguments, enum values, input fields
    "inaccessible": [
        (
            "a",
            link("key", "inaccessible", "shareable")
            + """
            type Query { user(id: ID!, debug: Boolean @inaccessible): User  secret: Secret @inaccessible }
            type User @key(fields: "id") { id: ID! name: String internalScore: Int @inaccessible @shareable role: Role }
            type Secret @inaccessible { code: String }
            enum Role { ADMIN USER LEGACY @inaccessible }
            input Filter { name: String internal: Boolean @inaccessible }
            type Mutation { search(filter: Filter): [User!]! }
            """,
        ),
        (
            "b",
            link("key", "inaccessible", "shareable")
            + """
            type User @key(fields: "id") { id: ID! internalScore: Int @inaccessible @shareable age: Int }
            enum Role { ADMIN USER LEGACY }
            """,
        ),
    ],
    # @tag everywhere it can go, merged and deduplicated
    "tags": [
        (
            "a",
            link("key", "tag")
            + """
            type Query @tag(name: "public") { users: [User!]! @tag(name: "public") @tag(name: "users") }
            type User @key(fields: "id") @tag(name: "entity") {
              id: ID!
              name(format: String @tag(name: "arg")): String @tag(name: "pii")
              status: Status
            }
            enum Status @tag(name: "enum") { ACTIVE @tag(name: "value") INACTIVE }
            input UserInput @tag(name: "input") { name: String @tag(name: "input-field") }
            scalar Date @tag(name: "scalar")
            union Result @tag(name: "union") = User
            interface Node @tag(name: "interface") { id: ID! }
            type Mutation { addUser(input: UserInput, on: Date): Result }
            """,
        ),
        (
            "b",
            link("key", "tag")
            + """
            type User @key(fields: "id") @tag(name: "entity") @tag(name: "billing") {
              id: ID!
              balance: Int @tag(name: "pii")
            }
            """,
        ),
    ],
    # enums and input types merged by usage; arguments intersected
    "enums_inputs": [
        (
            "a",
            link("key", "shareable")
            + """
            type Query {
              orders(status: OrderStatus, filter: OrderFilter, limit: Int = 10, offset: Int): [Order!]! @shareable
              colours: [Colour!]! @shareable
            }
            type Order @key(fields: "id") { id: ID! status: OrderStatus size: Size }
            enum OrderStatus { OPEN CLOSED }
            enum Colour { RED GREEN }
            enum Priority { LOW HIGH URGENT }
            enum Size { S M L }
            input OrderFilter { status: OrderStatus, priority: Priority, text: String }
            """,
        ),
        (
            "b",
            link("key", "shareable")
            + """
            type Query {
              orders(status: OrderStatus, filter: OrderFilter, limit: Int = 10): [Order!]! @shareable
              colours: [Colour!]! @shareable
            }
            type Order @key(fields: "id") { id: ID! }
            enum OrderStatus { OPEN CLOSED }
            enum Colour { RED BLUE }
            enum Priority { LOW HIGH }
            input OrderFilter { status: OrderStatus, priority: Priority, since: String }
            """,
        ),
    ],
    # unions and interfaces spread over subgraphs
    "abstract": [
        (
            "search",
            link("key", "shareable")
            + """
            type Query { search(term: String!): [Result!]! node(id: ID!): Node }
            union Result = Article | Video
            interface Node { id: ID! }
            type Article implements Node @key(fields: "id") { id: ID! headline: String }
            type Video implements Node @key(fields: "id") { id: ID! duration: Int }
            """,
        ),
        (
            "podcasts",
            link("key", "shareable")
            + """
            type Query { latest: [Result!]! }
            union Result = Article | Podcast
            interface Node { id: ID! }
            type Article implements Node @key(fields: "id") { id: ID! wordCount: Int }
            type Podcast implements Node @key(fields: "id") { id: ID! host: String }
            """,
        ),
    ],
    # Federation 1 subgraphs (extend type, @external keys, implicit shareable) with a Federation 2 one
    "fed1": [
        (
            "accounts",
            """
            type Query { me: User }
            type User @key(fields: "id") { id: ID! username: String email: String }
            """,
        ),
        (
            "reviews",
            """
            type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") }
            extend type User @key(fields: "id") {
              id: ID! @external
              username: String @external
              reviews: [Review]
            }
            extend type Query { topReviews: [Review] }
            type Location { lat: Float lng: Float }
            """,
        ),
        (
            "geo",
            link("key", "shareable")
            + """
            type Location @shareable { lat: Float lng: Float }
            type Query { where: Location }
            """,
        ),
    ],
    # @context / @fromContext (join v0.5 context arguments)
    "context": [
        (
            "catalog",
            link("key", "context", "fromContext", minor=8)
            + """
            type Query { store(id: ID!): Store }
            type Store @key(fields: "id") @context(name: "store") { id: ID! currency: String! products: [Product!]! }
            type Product @key(fields: "id") {
              id: ID!
              price(currency: String @fromContext(field: "$store { currency }")): Float
            }
            """,
        ),
        (
            "stock",
            link("key", minor=8)
            + """
            type Product @key(fields: "id") { id: ID! inStock: Boolean }
            """,
        ),
    ],
    # descriptions (merged, inconsistent), @deprecated, defaults, root type renaming, subscriptions
    "roots_descriptions": [
        (
            "a",
            link("key", "shareable")
            + '''
            schema { query: RootQuery mutation: RootMutation }
            """The root"""
            type RootQuery { "Look up a user" user(id: ID!): User @shareable  old: String @deprecated(reason: "use user") }
            type RootMutation { rename(id: ID!, name: String!): User }
            """A person"""
            type User @key(fields: "id") { id: ID! "Display name" name: String @shareable }
            ''',
        ),
        (
            "b",
            link("key", "shareable")
            + '''
            type Query { "Find a user" user(id: ID!): User @shareable }
            """A person"""
            type User @key(fields: "id") { id: ID! "The display name" name: String @shareable }
            type Subscription { userChanged: User }
            ''',
        ),
        (
            "c",
            link("key", "shareable")
            + '''
            """Someone"""
            type User @key(fields: "id") { id: ID! "Display name" name: String @shareable }
            ''',
        ),
    ],
    # renamed and namespaced federation directives
    "renamed_imports": [
        (
            "a",
            """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                                import: [{name: "@key", as: "@primaryKey"}, "@shareable"])
            type Query { things: [Thing!]! @shareable }
            type Thing @primaryKey(fields: "id") { id: ID! label: String @shareable }
            """,
        ),
        (
            "b",
            """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed", import: ["@shareable"])
            type Query { things: [Thing!]! @shareable }
            type Thing @fed__key(fields: "id") { id: ID! label: String @shareable extra: Int @fed__inaccessible }
            """,
        ),
    ],
    # authorization and demand control directives, @composeDirective
    "auth_cost_compose": [
        (
            "a",
            """
            extend schema
              @link(url: "https://specs.apollo.dev/federation/v2.9",
                    import: ["@key", "@authenticated", "@requiresScopes", "@policy", "@cost", "@listSize",
                             "@composeDirective", "@shareable"])
              @link(url: "https://example.com/audit/v1.0", import: ["@audit"])
              @composeDirective(name: "@audit")
            directive @audit(level: Int) on FIELD_DEFINITION | OBJECT
            type Query {
              orders(first: Int): [Order!]! @listSize(slicingArguments: ["first"]) @authenticated @shareable
              me: User @requiresScopes(scopes: [["read:user"]])
            }
            type Order @key(fields: "id") @audit(level: 2) { id: ID! total: Int @cost(weight: 5) @policy(policies: [["finance"]]) }
            type User @key(fields: "id") { id: ID! email: String @requiresScopes(scopes: [["read:email"], ["admin"]]) @shareable }
            """,
        ),
        (
            "b",
            """
            extend schema
              @link(url: "https://specs.apollo.dev/federation/v2.9",
                    import: ["@key", "@requiresScopes", "@cost", "@composeDirective", "@shareable", "@authenticated", "@listSize"])
              @link(url: "https://example.com/audit/v1.1", import: ["@audit"])
              @composeDirective(name: "@audit")
            directive @audit(level: Int) on FIELD_DEFINITION | OBJECT
            type Query { orders(first: Int): [Order!]! @listSize(slicingArguments: ["first"]) @authenticated @shareable }
            type User @key(fields: "id") { id: ID! email: String @requiresScopes(scopes: [["profile"]]) @shareable }
            type Order @key(fields: "id") { id: ID! items: [String!] @cost(weight: 2) @audit(level: 1) }
            """,
        ),
    ],
    # field type merging: nullability, lists, interface subtypes; input/argument types
    "type_merging": [
        (
            "a",
            link("key", "shareable")
            + """
            type Query { pet(id: ID!): Pet @shareable  pets(ids: [ID!]!): [Animal]! @shareable }
            interface Animal { name: String }
            type Pet implements Animal @key(fields: "id") { id: ID! name: String @shareable age: Int! @shareable }
            """,
        ),
        (
            "b",
            link("key", "shareable")
            + """
            type Query { pet(id: ID): Pet! @shareable  pets(ids: [ID!]): [Pet!]! @shareable }
            interface Animal { name: String }
            type Pet implements Animal @key(fields: "id") { id: ID! name: String! @shareable age: Int @shareable }
            """,
        ),
    ],
    # @external on a type, @extends, value types with the same fields
    "external_extends": [
        (
            "a",
            link("key", "shareable")
            + """
            type Query { books: [Book!]! }
            type Book @key(fields: "isbn") { isbn: ID! title: String @shareable author: Author }
            type Author @key(fields: "name") { name: String! }
            """,
        ),
        (
            "b",
            link("key", "external", "extends", "requires")
            + """
            type Book @key(fields: "isbn") @extends { isbn: ID! title: String @external  blurb: String @requires(fields: "title") }
            """,
        ),
        (
            "c",
            link("key", "external", "provides")
            + """
            type Query { shelf: [Book!]! @provides(fields: "title") }
            type Book @key(fields: "isbn") { isbn: ID! title: String @external }
            type Author @key(fields: "name") { name: String! books: [Book!]! }
            """,
        ),
    ],
}

INVALID: dict[str, tuple[list[tuple[str, str]], set[str]]] = {
    "field_sharing": (
        [
            ("a", link("key") + ' type Query { a: Int } type T @key(fields: "id") { id: ID! name: String }'),
            ("b", link("key") + ' type Query { b: Int } type T @key(fields: "id") { id: ID! name: String }'),
        ],
        {"INVALID_FIELD_SHARING"},
    ),
    "field_type_mismatch": (
        [
            ("a", link("shareable") + " type Query { a: Int @shareable }"),
            ("b", link("shareable") + " type Query { a: String @shareable }"),
        ],
        {"FIELD_TYPE_MISMATCH"},
    ),
    "argument_type_mismatch": (
        [
            ("a", link("shareable") + " type Query { a(x: Int): Int @shareable }"),
            ("b", link("shareable") + " type Query { a(x: String): Int @shareable }"),
        ],
        {"FIELD_ARGUMENT_TYPE_MISMATCH"},
    ),
    "enum_value_mismatch": (
        [
            ("a", link("shareable") + " type Query { a(e: E): E @shareable } enum E { X Y }"),
            ("b", link("shareable") + " type Query { a(e: E): E @shareable } enum E { X Z }"),
        ],
        {"ENUM_VALUE_MISMATCH"},
    ),
    "required_input_field_missing": (
        [
            ("a", " type Query { a(i: I): Int } input I { x: Int! y: Int }"),
            ("b", " type Query { b(i: I): Int } input I { y: Int }"),
        ],
        {"REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH"},
    ),
    "required_argument_missing": (
        [
            ("a", link("shareable") + " type Query { a(x: Int!): Int @shareable }"),
            ("b", link("shareable") + " type Query { a: Int @shareable }"),
        ],
        {"REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH"},
    ),
    "external_missing_on_base": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @external y: Int @requires(fields: "x") }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! z: Int }'),
        ],
        {"EXTERNAL_MISSING_ON_BASE"},
    ),
    "provides_missing_external": (
        [
            (
                "a",
                link("key", "provides")
                + ' type Query { t: T @provides(fields: "name") } type T @key(fields: "id") { id: ID! name: String }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! other: Int }'),
        ],
        {"PROVIDES_FIELDS_MISSING_EXTERNAL"},
    ),
    "requires_missing_external": (
        [
            (
                "a",
                link("key", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int y: Int @requires(fields: "x") }',
            ),
        ],
        {"REQUIRES_FIELDS_MISSING_EXTERNAL"},
    ),
    "key_invalid_type": (
        [
            (
                "a",
                link("key")
                + ' type Query { t: T } interface I { id: ID! } type X implements I { id: ID! } type T @key(fields: "i { id }") { i: I! }',
            ),
        ],
        {"KEY_FIELDS_SELECT_INVALID_TYPE"},
    ),
    "key_invalid_fields": (
        [("a", link("key") + ' type Query { t: T } type T @key(fields: "nope") { id: ID! }')],
        {"KEY_INVALID_FIELDS"},
    ),
    "provides_invalid_fields": (
        [
            (
                "a",
                link("key", "provides", "external")
                + ' type Query { t: T @provides(fields: "nope") } type T @key(fields: "id") { id: ID! }',
            ),
        ],
        {"PROVIDES_INVALID_FIELDS"},
    ),
    "override_source_has_override": (
        [
            (
                "a",
                link("key", "override")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @override(from: "b") }',
            ),
            ("b", link("key", "override") + ' type T @key(fields: "id") { id: ID! x: Int @override(from: "a") }'),
        ],
        {"OVERRIDE_SOURCE_HAS_OVERRIDE", "INVALID_FIELD_SHARING"},
    ),
    "override_from_self": (
        [
            (
                "a",
                link("key", "override")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @override(from: "a") }',
            )
        ],
        {"OVERRIDE_FROM_SELF_ERROR"},
    ),
    "referenced_inaccessible": (
        [("a", link("inaccessible") + " type Query { t: T } type T @inaccessible { x: Int }")],
        {"REFERENCED_INACCESSIBLE"},
    ),
    "only_inaccessible_children": (
        [("a", link("inaccessible") + " type Query { t: T } type T { x: Int @inaccessible }")],
        {"ONLY_INACCESSIBLE_CHILDREN"},
    ),
    "default_mismatch": (
        [
            ("a", link("shareable") + " type Query { a(x: Int = 1): Int @shareable }"),
            ("b", link("shareable") + " type Query { a(x: Int = 2): Int @shareable }"),
        ],
        {"FIELD_ARGUMENT_DEFAULT_MISMATCH"},
    ),
    "satisfiability": (
        [
            ("a", link("shareable") + " type Query { t: T } type T @shareable { x: Int }"),
            ("b", link("shareable") + " type Query { b: Int } type T @shareable { x: Int y: Int }"),
        ],
        {"SATISFIABILITY_ERROR"},
    ),
    "type_kind_mismatch": (
        [
            ("a", " type Query { a: T } type T { x: Int }"),
            ("b", " type Query { b: T } interface T { x: Int }"),
        ],
        {"TYPE_KIND_MISMATCH"},
    ),
    "extension_with_no_base": (
        [("a", link("key") + ' type Query { a: Int } extend type T @key(fields: "id") { id: ID! }')],
        {"EXTENSION_WITH_NO_BASE"},
    ),
    "invalid_graphql": (
        [("a", link("key") + " type Query { a: Unknown }")],
        {"INVALID_GRAPHQL"},
    ),
    "external_unused": (
        [
            (
                "a",
                link("key", "external") + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @external }',
            )
        ],
        {"EXTERNAL_UNUSED"},
    ),
    "no_queries": (
        [("a", link("key") + ' type T @key(fields: "id") { id: ID! }')],
        {"NO_QUERIES"},
    ),
    "interface_field_no_implem": (
        [
            ("a", " type Query { i: I } interface I { x: Int } type A implements I { x: Int }"),
            ("b", " type Query { j: I } interface I { x: Int y: Int } type B implements I { x: Int y: Int }"),
        ],
        {"INTERFACE_FIELD_NO_IMPLEM"},
    ),
    "unknown_directive_fed1": (
        [("a", " type Query { a: Int @shareable }")],
        {"INVALID_GRAPHQL"},
    ),
}

VALID.update(
    {
        "entity_interface": [
            (
                "a",
                link("key")
                + """ type Query { media: [Media!]! }
      interface Media @key(fields: "id") { id: ID! title: String }
      type Book implements Media @key(fields: "id") { id: ID! title: String }
      type Song implements Media @key(fields: "id") { id: ID! title: String length: Int } """,
            ),
            (
                "b",
                link("key")
                + """ interface Media @key(fields: "id") { id: ID! plays: Int }
      type Book implements Media @key(fields: "id") { id: ID! plays: Int }
      type Song implements Media @key(fields: "id") { id: ID! plays: Int } """,
            ),
        ],
        "fed1_more": [
            (
                "x-one",
                """ type Query { ones: [One] } type One @key(fields: "id") @key(fields: "code") { id: ID! code: String name: String }
      interface Thing @key(fields: "id") { id: ID! } type Money { amount: Int } """,
            ),
            (
                "2nd",
                """ type One @key(fields: "id") @extends { id: ID! @external code: String @external name: String @external
        label: String @requires(fields: "name code") extra: String @requires(fields: "label") }
      type Money { amount: Int }
      extend type Query { money: Money } """,
            ),
        ],
        "subscriptions_exec": [
            (
                "a",
                link("key")
                + """ directive @live(if: Boolean = true) on QUERY | FIELD
      "Cache hints" directive @cacheHint(maxAge: Int) on FIELD | OBJECT
      type Query { a: Int } type Subscription { ticks: Int } scalar JSON @specifiedBy(url: "https://json.org") """,
            ),
            (
                "b",
                link("key")
                + """ directive @live(if: Boolean = true) on QUERY | FIELD | SUBSCRIPTION
      type Query { b(arg: JSON = {a: 1, b: [1, 2]}, e: E = ONE): Int @deprecated } enum E { ONE TWO } scalar JSON """,
            ),
        ],
        "described_args": [
            (
                "a",
                link("key", "shareable")
                + ''' type Query { "Search things" search(
         """The text, a very long description that needs multiple lines because it is long enough"""
         text: String!
         "How many"
         first: Int = 10 @deprecated(reason: "no")
       ): [String!]! @shareable }
       """
       Multi
       line
       """
       type T @shareable { a: Int } ''',
            ),
            (
                "b",
                link("key", "shareable")
                + """ type Query { search(text: String!, first: Int = 10): [String!]! @shareable } type T @shareable { a: Int } """,
            ),
        ],
        "tag_spec_link": [
            (
                "a",
                """extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"]) @link(url: "https://specs.apollo.dev/tag/v0.3")
      type Query { a: Int @tag(name: "x") } """,
            ),
        ],
        "listsize_merge": [
            (
                "a",
                link("shareable", "listSize", "cost", "requiresScopes", "policy", minor=9)
                + """ type Query { items(first: Int, last: Int): [Int!] @shareable @listSize(slicingArguments: ["first"], assumedSize: 10) @cost(weight: 3) @requiresScopes(scopes: [["a"], ["b"]]) @policy(policies: [["p1"]]) } """,
            ),
            (
                "b",
                link("shareable", "listSize", "cost", "requiresScopes", "policy", minor=9)
                + """ type Query { items(first: Int, last: Int): [Int!] @shareable @listSize(slicingArguments: ["last"], requireOneSlicingArgument: false) @cost(weight: 7) @requiresScopes(scopes: [["c"]]) @policy(policies: [["p2"], ["p3"]]) } """,
            ),
        ],
        "union_interface_members": [
            (
                "a",
                link("shareable")
                + """ type Query { r: R @shareable i: I @shareable } union R = A | B type A @shareable { x: Int } type B @shareable { y: Int }
      interface I { id: ID } type A2 implements I @shareable { id: ID } """,
            ),
            (
                "b",
                link("shareable")
                + """ type Query { r: R @shareable i: I @shareable } union R = A type A @shareable { x: Int }
      interface I { id: ID } type A2 implements I @shareable { id: ID } type A3 implements I { id: ID } """,
            ),
        ],
        "override_used": [
            (
                "a",
                link("key", minor=7)
                + """ type Query { t: T } type T @key(fields: "id code") { id: ID! code: String! n: Int } """,
            ),
            (
                "b",
                link("key", "override", minor=7)
                + """ type T @key(fields: "id") { id: ID! code: String! @override(from: "a") m: Int n: Int @override(from: "a", label: "flagA") } """,
            ),
        ],
        "value_type_inconsistent": [
            ("a", link("shareable") + """ type Query { p: P @shareable } type P @shareable { x: Int y: Int } """),
            ("b", link("shareable") + """ type Query { p: P @shareable } type P @shareable { x: Int } """),
        ],
        "key_chain": [
            ("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id: ID! }'),
            ("b", link("key") + ' type T @key(fields: "id") @key(fields: "code") { id: ID! code: String! }'),
            ("c", link("key") + ' type T @key(fields: "code") { code: String! z: Int }'),
        ],
        "provides_path": [
            (
                "a",
                link("key", "external", "provides")
                + ' type Query { t: T @provides(fields: "name") } type T @key(fields: "id", resolvable: false) { id: ID! name: String @external }',
            ),
            (
                "b",
                link("key", "shareable") + ' type T @key(fields: "id") { id: ID! name: String @shareable other: Int }',
            ),
        ],
        "union_runtime": [
            ("a", link("shareable") + " type Query { r: R } union R = A type A @shareable { x: Int }"),
            (
                "b",
                link("shareable")
                + " type Query { s: R } union R = A | B type A @shareable { x: Int } type B { y: Int }",
            ),
        ],
        "nested_value_types": [
            (
                "a",
                link("key", "shareable")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! info: Info @shareable } type Info @shareable { a: Int }',
            ),
            (
                "b",
                link("key", "shareable")
                + ' type T @key(fields: "id") { id: ID! info: Info @shareable } type Info @shareable { a: Int b: Int }',
            ),
        ],
        "interface_object_no_key_interface": [
            (
                "a",
                link("key", "interfaceObject")
                + ' type Query { i: [I] } interface I { id: ID! } type A implements I @key(fields: "id") { id: ID! }',
            ),
            (
                "b",
                link("key", "interfaceObject") + ' type I @key(fields: "id") @interfaceObject { id: ID! extra: Int }',
            ),
        ],
        "mutation_two": [
            (
                "a",
                link("key")
                + ' type Query { a: Int } type Mutation { m1: T } type T @key(fields: "id") { id: ID! x: Int }',
            ),
            ("b", link("key") + ' type Mutation { m2: T } type T @key(fields: "id") { id: ID! y: Int }'),
        ],
        "compound_key_from_other": [
            (
                "a",
                link("key", "shareable")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! org: Org @shareable } type Org @shareable { code: String }',
            ),
            (
                "b",
                link("key", "shareable")
                + ' type T @key(fields: "id org { code }") { id: ID! org: Org @shareable y: Int } type Org @shareable { code: String }',
            ),
        ],
    }
)

INVALID.update(
    {
        "invalid_federation_definition": (
            [
                (
                    "a",
                    """schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"]) { query: Query }
      directive @key(fields: _FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
      directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
      scalar _FieldSet scalar link__Import enum link__Purpose { SECURITY EXECUTION }
      type Query { _entities(representations: [_Any!]!): [_Entity]! _service: _Service! users: [User!]! }
      type User @key(fields: "id") { id: ID! }
      scalar _Any union _Entity = User type _Service { sdl: String! } """,
                ),
                (
                    "b",
                    link("key", minor=7)
                    + """ extend type Query { count: Int } type User @key(fields: "id") { id: ID! name: String } """,
                ),
            ],
            {"DIRECTIVE_DEFINITION_INVALID"},
        ),
        "sat_unresolvable_key": (
            [
                ("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }'),
                ("b", link("key") + ' type T @key(fields: "id", resolvable: false) { id: ID! y: Int }'),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
        "sat_value_to_entity": (
            [
                ("a", link("key", "shareable") + " type Query { t: T } type T { x: Int }"),
                ("b", link("key") + ' type Query { u: Int } type T @key(fields: "id") { id: ID! y: Int }'),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
        "sat_override_unreachable": (
            [
                ("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }'),
                (
                    "b",
                    link("key", "override")
                    + ' type T @key(fields: "id", resolvable: false) { id: ID! x: Int @override(from: "a") }',
                ),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
        "sat_requires_unreachable": (
            [
                (
                    "a",
                    link("key", "external", "requires")
                    + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @external y: Int @requires(fields: "x") }',
                ),
                ("b", link("key") + ' type T @key(fields: "id", resolvable: false) { id: ID! x: Int }'),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
        "sat_nested_value_types_bad": (
            [
                (
                    "a",
                    link("key", "shareable")
                    + ' type Query { t: T } type T @key(fields: "id") { id: ID! info: Info } type Info @shareable { a: Int }',
                ),
                (
                    "b",
                    link("key", "shareable")
                    + ' type T @key(fields: "id") { id: ID! other: Info } type Info @shareable { a: Int b: Int }',
                ),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
        "sat_key_field_missing_in_origin": (
            [
                ("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id: ID! }'),
                ("b", link("key") + ' type T @key(fields: "code") { code: String! y: Int }'),
            ],
            {"SATISFIABILITY_ERROR"},
        ),
    }
)


def _fed(minor: int = 3, *directives: str) -> str:
    return link(*directives, minor=minor)


#: One collection per error code: code -> (subgraphs, subgraphs the error must name, a coordinate it must name)
ERROR_CASES: dict[str, tuple[list[tuple[str, str]], set[str], str | None]] = {
    "INVALID_GRAPHQL": ([("a", "type Query { a: Missing }")], {"a"}, "Query.a"),
    "INVALID_FIELD_SHARING": (
        [
            ("a", link("key") + ' type Query { a: T } type T @key(fields: "id") { id: ID! n: Int }'),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n: Int }'),
        ],
        {"a", "b"},
        "T.n",
    ),
    "FIELD_TYPE_MISMATCH": (
        [
            ("a", link("shareable") + " type Query { a: Int @shareable }"),
            ("b", link("shareable") + " type Query { a: [Int] @shareable }"),
        ],
        {"a", "b"},
        "Query.a",
    ),
    "FIELD_ARGUMENT_TYPE_MISMATCH": (
        [
            ("a", link("shareable") + " type Query { a(x: ID): Int @shareable }"),
            ("b", link("shareable") + " type Query { a(x: Int): Int @shareable }"),
        ],
        {"a", "b"},
        "Query.a(x:)",
    ),
    "FIELD_ARGUMENT_DEFAULT_MISMATCH": (
        [
            ("a", link("shareable") + ' type Query { a(x: String = "a"): Int @shareable }'),
            ("b", link("shareable") + ' type Query { a(x: String = "b"): Int @shareable }'),
        ],
        {"a", "b"},
        "Query.a(x:)",
    ),
    "INPUT_FIELD_DEFAULT_MISMATCH": (
        [
            ("a", "type Query { a(i: I): Int } input I { x: Int = 1 }"),
            ("b", "type Query { b(i: I): Int } input I { x: Int = 2 }"),
        ],
        {"a", "b"},
        "I.x",
    ),
    "ENUM_VALUE_MISMATCH": (
        [
            ("a", "type Query { a(e: E): E } enum E { A B }"),
            ("b", "type Query { b: E } enum E { A }"),
        ],
        {"a", "b"},
        "E",
    ),
    "EMPTY_MERGED_ENUM_TYPE": (
        [
            ("a", "type Query { a(e: E): Int } enum E { A }"),
            ("b", "type Query { b(e: E): Int } enum E { B }"),
        ],
        {"a", "b"},
        "E",
    ),
    "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH": (
        [
            ("a", "type Query { a(i: I): Int } input I { x: Int! y: Int }"),
            ("b", "type Query { b(i: I): Int } input I { y: Int }"),
        ],
        {"a", "b"},
        "I.x",
    ),
    "EMPTY_MERGED_INPUT_TYPE": (
        [
            ("a", "type Query { a(i: I): Int } input I { x: Int }"),
            ("b", "type Query { b(i: I): Int } input I { y: Int }"),
        ],
        {"a", "b"},
        "I",
    ),
    "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH": (
        [
            ("a", link("shareable") + " type Query { a(x: Int!): Int @shareable }"),
            ("b", link("shareable") + " type Query { a(y: Int): Int @shareable }"),
        ],
        {"a", "b"},
        "Query.a(x:)",
    ),
    "EXTERNAL_MISSING_ON_BASE": (
        [
            (
                "a",
                link("key", "external", "provides")
                + ' type Query { t: T @provides(fields: "n") } type T @key(fields: "id") { id: ID! n: Int @external }',
            ),
        ],
        {"a"},
        "T.n",
    ),
    "EXTERNAL_TYPE_MISMATCH": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: String @external m: Int @requires(fields: "n") }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n: Int }'),
        ],
        {"a", "b"},
        "T.n",
    ),
    "EXTERNAL_ARGUMENT_MISSING": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @external m: Int @requires(fields: "n") }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n(x: Int): Int }'),
        ],
        {"a", "b"},
        "T.n(x:)",
    ),
    "EXTERNAL_ARGUMENT_TYPE_MISMATCH": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n(x: String): Int @external'
                ' m: Int @requires(fields: "n") }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n(x: Int): Int }'),
        ],
        {"a", "b"},
        "T.n(x:)",
    ),
    "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n(x: Int = 2): Int @external'
                ' m: Int @requires(fields: "n") }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n(x: Int = 1): Int }'),
        ],
        {"a", "b"},
        "T.n(x:)",
    ),
    "EXTERNAL_UNUSED": (
        [
            (
                "a",
                link("key", "external") + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @external }',
            )
        ],
        {"a"},
        "T.n",
    ),
    "EXTERNAL_ON_INTERFACE": (
        [
            (
                "a",
                link("external")
                + " type Query { i: I } interface I { n: Int @external } type A implements I { n: Int }",
            )
        ],
        {"a"},
        "I.n",
    ),
    "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE": (
        [
            (
                "a",
                link("key", "external", "provides")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! u: U @external @provides(fields: "x") }'
                " type U { x: Int }",
            ),
        ],
        {"a"},
        "T.u",
    ),
    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL": (
        [
            (
                "a",
                link("key", "external", "requires", "tag")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @external @tag(name: "x")'
                ' m: Int @requires(fields: "n") }',
            ),
            ("b", link("key", "tag") + ' type T @key(fields: "id") { id: ID! n: Int @tag(name: "y") }'),
        ],
        {"a"},
        "T.n",
    ),
    "PROVIDES_FIELDS_MISSING_EXTERNAL": (
        [
            (
                "a",
                link("key", "provides")
                + ' type Query { t: T @provides(fields: "n") } type T @key(fields: "id") { id: ID! n: Int }',
            ),
        ],
        {"a"},
        "Query.t",
    ),
    "REQUIRES_FIELDS_MISSING_EXTERNAL": (
        [
            (
                "a",
                link("key", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int m: Int @requires(fields: "n") }',
            ),
        ],
        {"a"},
        "T.m",
    ),
    "KEY_FIELDS_SELECT_INVALID_TYPE": (
        [("a", link("key") + ' type Query { t: T } union U = T type T @key(fields: "u { __typename }") { u: U }')],
        {"a"},
        "T",
    ),
    "KEY_INVALID_FIELDS": (
        [("a", link("key") + ' type Query { t: T } type T @key(fields: "id missing") { id: ID! }')],
        {"a"},
        "T",
    ),
    "KEY_FIELDS_HAS_ARGS": (
        [("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id(x: Int): ID! }')],
        {"a"},
        "T",
    ),
    "KEY_DIRECTIVE_IN_FIELDS_ARG": (
        [("a", link("key") + ' type Query { t: T } type T @key(fields: "id @include(if: true)") { id: ID! }')],
        {"a"},
        "T",
    ),
    "KEY_UNSUPPORTED_ON_INTERFACE": (
        [
            (
                "a",
                link("key", minor=2)
                + ' type Query { i: I } interface I @key(fields: "id") { id: ID! } type A implements I @key(fields: "id") { id: ID! }',
            )
        ],
        {"a"},
        "I",
    ),
    "PROVIDES_INVALID_FIELDS": (
        [
            (
                "a",
                link("key", "provides")
                + ' type Query { t: T @provides(fields: "missing") } type T @key(fields: "id") { id: ID! }',
            )
        ],
        {"a"},
        "Query.t",
    ),
    "PROVIDES_FIELDS_HAS_ARGS": (
        [
            (
                "a",
                link("key", "provides", "external")
                + ' type Query { t: T @provides(fields: "n") } type T @key(fields: "id") { id: ID! n(x: Int): Int @external }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n(x: Int): Int }'),
        ],
        {"a"},
        "Query.t",
    ),
    "PROVIDES_ON_NON_OBJECT_FIELD": (
        [("a", link("provides") + ' type Query { n: Int @provides(fields: "x") }')],
        {"a"},
        "Query.n",
    ),
    "PROVIDES_UNSUPPORTED_ON_INTERFACE": (
        [
            (
                "a",
                link("key", "provides", "external") + ' type Query { i: I } interface I { t: T @provides(fields: "n") }'
                ' type A implements I { t: T } type T @key(fields: "id") { id: ID! n: Int @external }',
            ),
            ("b", link("key") + ' type T @key(fields: "id") { id: ID! n: Int }'),
        ],
        {"a"},
        "I.t",
    ),
    "REQUIRES_INVALID_FIELDS": (
        [
            (
                "a",
                link("key", "requires", "external")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! m: Int @requires(fields: "missing") }',
            )
        ],
        {"a"},
        "T.m",
    ),
    "OVERRIDE_SOURCE_HAS_OVERRIDE": (
        [
            (
                "a",
                link("key", "override", "shareable")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @override(from: "b") @shareable }',
            ),
            (
                "b",
                link("key", "override", "shareable")
                + ' type T @key(fields: "id") { id: ID! n: Int @override(from: "a") @shareable }',
            ),
        ],
        {"a", "b"},
        "T.n",
    ),
    "OVERRIDE_FROM_SELF_ERROR": (
        [
            (
                "a",
                link("key", "override")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int @override(from: "a") }',
            )
        ],
        {"a"},
        "T.n",
    ),
    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE": (
        [
            (
                "a",
                link("key", "external", "requires")
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! x: Int @external n: Int @requires(fields: "x") }',
            ),
            (
                "b",
                link("key", "override") + ' type T @key(fields: "id") { id: ID! x: Int n: Int @override(from: "a") }',
            ),
        ],
        {"a", "b"},
        "T.n",
    ),
    "OVERRIDE_ON_INTERFACE": (
        [
            (
                "a",
                link("key", "override")
                + ' type Query { i: I } interface I @key(fields: "id") { id: ID! n: Int @override(from: "b") }'
                ' type A implements I @key(fields: "id") { id: ID! n: Int }',
            ),
            (
                "b",
                link("key")
                + ' interface I @key(fields: "id") { id: ID! n: Int } type A implements I @key(fields: "id") { id: ID! n: Int }',
            ),
        ],
        {"a"},
        "I.n",
    ),
    "OVERRIDE_LABEL_INVALID": (
        [
            ("a", link("key", minor=7) + ' type Query { t: T } type T @key(fields: "id") { id: ID! n: Int }'),
            (
                "b",
                link("key", "override", minor=7)
                + ' type T @key(fields: "id") { id: ID! n: Int @override(from: "a", label: "9 lives") }',
            ),
        ],
        {"b"},
        "T.n",
    ),
    "INTERFACE_OBJECT_USAGE_ERROR": (
        [
            (
                "a",
                link("key", "interfaceObject")
                + ' type Query { i: I } type I @key(fields: "id") @interfaceObject { id: ID! }',
            )
        ],
        {"a"},
        "I",
    ),
    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION": (
        [
            (
                "a",
                link("key")
                + ' type Query { i: I } interface I @key(fields: "id") { id: ID! } type A implements I { id: ID! }',
            )
        ],
        {"a"},
        "I",
    ),
    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE": (
        [
            (
                "a",
                link("key")
                + ' type Query { i: I } interface I @key(fields: "id") { id: ID! } type A implements I @key(fields: "id") { id: ID! }',
            ),
            ("b", link("key") + " type Query { b: I } interface I { id: ID! } type B implements I { id: ID! }"),
        ],
        {"a"},
        "I",
    ),
    "INTERFACE_FIELD_NO_IMPLEM": (
        [
            ("a", "type Query { i: I } interface I { x: Int } type A implements I { x: Int }"),
            ("b", "type Query { j: I } interface I { x: Int y: Int } type B implements I { x: Int y: Int }"),
        ],
        {"a", "b"},
        "I.y",
    ),
    "REFERENCED_INACCESSIBLE": (
        [("a", link("inaccessible") + " type Query { t: T } type T @inaccessible { x: Int }")],
        {"a"},
        "T",
    ),
    "ONLY_INACCESSIBLE_CHILDREN": (
        [("a", link("inaccessible") + " type Query { a: Int t: T } type T { x: Int @inaccessible }")],
        {"a"},
        "T",
    ),
    "REQUIRED_INACCESSIBLE": (
        [("a", link("inaccessible") + " type Query { a(x: Int! @inaccessible): Int }")],
        {"a"},
        "Query.a(x:)",
    ),
    "IMPLEMENTED_BY_INACCESSIBLE": (
        [
            (
                "a",
                link("inaccessible")
                + " type Query { i: I } interface I { x: Int y: Int } type A implements I { x: Int @inaccessible y: Int }",
            )
        ],
        {"a"},
        "A.x",
    ),
    "DEFAULT_VALUE_USES_INACCESSIBLE": (
        [("a", link("inaccessible") + " type Query { a(e: E = B): Int } enum E { A B @inaccessible }")],
        {"a"},
        "E.B",
    ),
    "QUERY_ROOT_TYPE_INACCESSIBLE": (
        [("a", link("inaccessible") + " type Query @inaccessible { a: Int }")],
        {"a"},
        "Query",
    ),
    "SATISFIABILITY_ERROR": (
        [
            ("a", link("key") + ' type Query { t: T } type T @key(fields: "id") { id: ID! }'),
            ("b", link("key") + ' type T @key(fields: "id", resolvable: false) { id: ID! n: Int }'),
        ],
        {"a", "b"},
        "T.n",
    ),
    "SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES": (
        [
            ("a", link("shareable") + " type Query { r: R @shareable } union R = A type A { x: Int }"),
            ("b", link("shareable") + " type Query { r: R @shareable } union R = B type B { y: Int }"),
        ],
        {"a", "b"},
        "Query.r",
    ),
    "TYPE_KIND_MISMATCH": (
        [("a", "type Query { a: T } type T { x: Int }"), ("b", "type Query { b(t: T): Int } input T { x: Int }")],
        {"a", "b"},
        "T",
    ),
    "EXTENSION_WITH_NO_BASE": (
        [("a", 'type Query { a: Int } extend type T @key(fields: "id") { id: ID! x: Int }')],
        {"a"},
        "T",
    ),
    "NO_QUERIES": ([("a", link("key") + ' type T @key(fields: "id") { id: ID! }')], set(), None),
    "ROOT_QUERY_USED": (
        [("a", "schema { query: Root } type Root { a: Query } type Query { b: Int }")],
        {"a"},
        "Query",
    ),
    "INVALID_SHAREABLE_USAGE": (
        [
            (
                "a",
                link("shareable")
                + " type Query { i: I } interface I { x: Int @shareable } type A implements I { x: Int }",
            )
        ],
        {"a"},
        "I.x",
    ),
    "UNKNOWN_FEDERATION_LINK_VERSION": (
        [("a", link("key", minor=99) + " type Query { a: Int }")],
        {"a"},
        "@link",
    ),
    "INVALID_LINK_DIRECTIVE_USAGE": (
        [("a", link("key", "nonsense") + " type Query { a: Int }")],
        {"a"},
        "@link",
    ),
    "DIRECTIVE_DEFINITION_INVALID": (
        [
            (
                "a",
                link("key")
                + " directive @key(fields: String!, resolvable: Boolean = true, oops: Int) repeatable on OBJECT | INTERFACE"
                " type Query { a: Int }",
            )
        ],
        {"a"},
        "@key",
    ),
    "DIRECTIVE_COMPOSITION_ERROR": (
        [
            (
                "a",
                link("composeDirective", minor=3)
                + ' extend schema @composeDirective(name: "@missing") type Query { a: Int }',
            )
        ],
        {"a"},
        "@missing",
    ),
    "TYPE_WITH_ONLY_UNUSED_EXTERNAL": (
        [
            (
                "a",
                'type Query { t: T } type T @key(fields: "id") { id: ID! u: U } type U @key(fields: "id") { id: ID! }',
            ),
            ("b", "type Query { u: U } extend type U { x: Int @external }"),
        ],
        {"b"},
        "U",
    ),
    "CONTEXT_NOT_SET": (
        [
            (
                "a",
                link("key", "fromContext", minor=8)
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! f(x: String @fromContext(field: "$nope { a }")): Int }',
            )
        ],
        {"a"},
        "T.f(x:)",
    ),
    "CONTEXT_NAME_INVALID": (
        [
            (
                "a",
                link("key", "context", "fromContext", minor=8)
                + ' type Query { p: P } type P @key(fields: "id") @context(name: "bad_name") { id: ID! a: String t: T }'
                ' type T @key(fields: "id") { id: ID! f(x: String @fromContext(field: "$bad_name { a }")): Int }',
            )
        ],
        {"a"},
        "P",
    ),
    "NO_CONTEXT_IN_SELECTION": (
        [
            (
                "a",
                link("key", "context", "fromContext", minor=8)
                + ' type Query { p: P } type P @key(fields: "id") @context(name: "ctx") { id: ID! a: String t: T }'
                ' type T @key(fields: "id") { id: ID! f(x: String @fromContext(field: "{ a }")): Int }',
            )
        ],
        {"a"},
        "T.f(x:)",
    ),
    "CONTEXT_NO_RESOLVABLE_KEY": (
        [
            (
                "a",
                link("key", "context", "fromContext", minor=8)
                + ' type Query { p: P } type P @key(fields: "id") @context(name: "ctx") { id: ID! a: String t: T }'
                ' type T @key(fields: "id", resolvable: false) { id: ID! f(x: String @fromContext(field: "$ctx { a }")): Int }',
            )
        ],
        {"a"},
        "T",
    ),
    "CONTEXT_INVALID_SELECTION": (
        [
            (
                "a",
                link("key", "context", "fromContext", minor=8)
                + ' type Query { p: P } type P @key(fields: "id") @context(name: "ctx") { id: ID! a: String t: T }'
                ' type T @key(fields: "id") { id: ID! f(x: String @fromContext(field: "$ctx { missing }")): Int }',
            )
        ],
        {"a"},
        "T.f(x:)",
    ),
    "CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS": (
        [
            (
                "a",
                link("key", "context", "fromContext", "shareable", minor=8)
                + ' type Query { p: P } type P @key(fields: "id") @context(name: "ctx") { id: ID! a: String t: T }'
                ' type T @key(fields: "id") { id: ID! f(x: String @fromContext(field: "$ctx { a }")): Int @shareable }',
            ),
            (
                "b",
                link("key", "shareable", minor=8)
                + ' type T @key(fields: "id") { id: ID! f(x: String!): Int @shareable }',
            ),
        ],
        {"b"},
        "T.f(x:)",
    ),
    "COST_APPLIED_TO_INTERFACE_FIELD": (
        [
            (
                "a",
                link("cost", minor=9)
                + " type Query { i: I } interface I { x: Int @cost(weight: 1) } type A implements I { x: Int }",
            )
        ],
        {"a"},
        "I.x",
    ),
    "LIST_SIZE_APPLIED_TO_NON_LIST": (
        [("a", link("listSize", minor=9) + " type Query { a: Int @listSize(assumedSize: 1) }")],
        {"a"},
        "Query.a",
    ),
    "LIST_SIZE_INVALID_ASSUMED_SIZE": (
        [("a", link("listSize", minor=9) + " type Query { a: [Int] @listSize(assumedSize: -1) }")],
        {"a"},
        "Query.a",
    ),
    "LIST_SIZE_INVALID_SLICING_ARGUMENT": (
        [
            (
                "a",
                link("listSize", minor=9)
                + ' type Query { a(first: String): [Int] @listSize(slicingArguments: ["first"]) }',
            )
        ],
        {"a"},
        "Query.a",
    ),
    "LIST_SIZE_INVALID_SIZED_FIELD": (
        [
            (
                "a",
                link("listSize", minor=9)
                + ' type Query { a: Page @listSize(sizedFields: ["nope"]) } type Page { items: [Int] }',
            )
        ],
        {"a"},
        "Query.a",
    ),
    "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE": (
        [
            (
                "a",
                link("authenticated", minor=5)
                + " type Query { i: I } interface I @authenticated { x: Int } type A implements I { x: Int }",
            )
        ],
        {"a"},
        "I",
    ),
    "MISSING_TRANSITIVE_AUTH_REQUIREMENTS": (
        [
            (
                "a",
                link("key", "authenticated", minor=5)
                + ' type Query { t: T } type T @key(fields: "id") { id: ID! secret: String @authenticated }',
            ),
            (
                "b",
                link("key", "external", "requires", minor=5)
                + ' type T @key(fields: "id") { id: ID! secret: String @external  hint: String @requires(fields: "secret") }',
            ),
        ],
        {"b"},
        "T.hint",
    ),
    "LINK_IMPORT_NAME_MISMATCH": (
        [
            ("a", link("tag") + ' type Query { a: Int @tag(name: "x") }'),
            (
                "b",
                'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [{name: "@tag", as: "@label"}])'
                ' type Query { b: Int @label(name: "y") }',
            ),
        ],
        {"a", "b"},
        "@tag",
    ),
}

VALID.update(
    {
        "renamed_tag_everywhere": [
            (
                "a",
                FED.format(minor=3, imports='{name: "@tag", as: "@label"}, "@key"')
                + ' type Query { a: Int @label(name: "x") }',
            ),
            (
                "b",
                FED.format(minor=3, imports='{name: "@tag", as: "@label"}')
                + ' type Query { b: Int @label(name: "y") }',
            ),
        ],
        "inaccessible_spec_linked_directly": [
            (
                "a",
                'extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])'
                ' @link(url: "https://specs.apollo.dev/inaccessible/v0.2", import: ["@inaccessible"])'
                " type Query { a: Int b: Int @inaccessible }",
            )
        ],
        "implied_federation_version": [
            (
                "a",
                link("key") + ' @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost"])'
                " type Query { a: Int @cost(weight: 3) }",
            )
        ],
        "default_values": [
            (
                "a",
                'type Query { a(e: E = X, l: [E] = [X, Y], i: In = {e: Y, n: 1.5, s: "q"}): Int }'
                " enum E { X Y } input In { e: E n: Float s: String }",
            )
        ],
        "interface_implements_interface": [
            (
                "a",
                "type Query { n: Node } interface Node { id: ID! } interface Named implements Node { id: ID! name: String }"
                " type P implements Named & Node { id: ID! name: String }",
            ),
            (
                "b",
                "type Query { m: Named } interface Node { id: ID! } interface Named implements Node { id: ID! name: String }"
                " type Q implements Named & Node { id: ID! name: String }",
            ),
        ],
        "schema_description_unicode": [
            ("a", '"""The API""" schema { query: Query } type Query { "Zürich \u2013 東京 \\"quoted\\"" a: Int }'),
            ("b", 'type Query { f(\n  "first" a: Int\n  b: String): Int }'),
        ],
    }
)

INVALID["fed1_value_type_fields_differ"] = (
    [("a", "type Query { a: V } type V { x: Int y: Int }"), ("b", "type Query { b: V } type V { x: Int }")],
    {"SATISFIABILITY_ERROR"},
)

VALID["requires_with_auth"] = [
    (
        "a",
        link("key", "authenticated", "requiresScopes", minor=5)
        + ' type Query { t: T } type T @key(fields: "id") { id: ID! secret: String @authenticated'
        ' level: Int @requiresScopes(scopes: [["read"]]) }',
    ),
    (
        "b",
        link("key", "external", "requires", "authenticated", "requiresScopes", minor=5)
        + ' type T @key(fields: "id") { id: ID! secret: String @external level: Int @external'
        ' hint: String @requires(fields: "secret level") @authenticated @requiresScopes(scopes: [["read", "write"]]) }',
    ),
]
