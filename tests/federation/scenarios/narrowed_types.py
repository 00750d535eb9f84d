"""Library and sound archive: a shareable field whose type is narrower in one subgraph.

``Query.featured`` and ``Shelf.pick`` are @shareable; archive types them with its union
``Holding = Book | Recording``, library with the member ``Book`` itself (library's own
``Holding`` is ``Book | Periodical``). The supergraph types them ``Holding`` (``Book |
Periodical | Recording``) with ``@join__field(graph: LIBRARY, type: "Book")``: a fragment on
another member sent to library inside ``featured``/``pick`` would make library reject the
operation. ``Shelf`` is a value type: ``librarian`` and ``recent`` exist only in library,
``curator`` only in archive.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

BOOK = {"__typename": "Book", "isbn": "978-1", "title": "Harbour Lights", "pages": 312}
PERIODICAL = {"__typename": "Periodical", "issn": "0262-4079", "issue": 42}
RECORDING = {"__typename": "Recording", "id": "rec-9", "duration": 1860}

library = SdlSubgraph(
    "library",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      featured: Book @shareable
      shelf: Shelf @shareable
    }

    union Holding = Book | Periodical

    type Book @key(fields: "isbn") {
      isbn: ID!
      title: String! @shareable
      pages: Int!
    }

    type Periodical @key(fields: "issn") {
      issn: ID!
      issue: Int!
    }

    type Shelf @shareable {
      pick: Book
      librarian: String!
      recent: [Holding!]!
    }
    """,
    resolvers={
        "Query": {
            "featured": lambda _o, _i: BOOK,
            "shelf": lambda _o, _i: {"pick": BOOK, "librarian": "Ines Moreau", "recent": [PERIODICAL, BOOK]},
        }
    },
    entities={"Book": lambda r: BOOK if r["isbn"] == BOOK["isbn"] else None, "Periodical": lambda r: PERIODICAL},
)

archive = SdlSubgraph(
    "archive",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      featured: Holding @shareable
      shelf: Shelf @shareable
    }

    union Holding = Book | Recording

    type Book @key(fields: "isbn") {
      isbn: ID!
      title: String! @shareable
    }

    type Recording @key(fields: "id") {
      id: ID!
      duration: Int!
    }

    type Shelf @shareable {
      pick: Holding
      curator: String!
    }
    """,
    resolvers={
        "Query": {
            "featured": lambda _o, _i: BOOK,
            "shelf": lambda _o, _i: {"pick": BOOK, "curator": "Tomas Berg"},
        }
    },
    entities={"Book": lambda r: BOOK if r["isbn"] == BOOK["isbn"] else None, "Recording": lambda r: RECORDING},
)

SCENARIO = Scenario("narrowed_types", [library, archive])
