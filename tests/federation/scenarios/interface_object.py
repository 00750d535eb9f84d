"""Document archive: an entity interface extended elsewhere through @interfaceObject.

documents owns ``interface Document @key(fields: "id")`` and its implementations; archive
sees only ``type Document @interfaceObject`` and adds archive fields to every kind of
document, and lists archived documents without knowing their concrete types.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

DOCUMENTS = {
    "d1": {"__typename": "Passport", "title": "Passport of Ada Lovelace", "country": "UK"},
    "d2": {"__typename": "Permit", "title": "Fishing permit", "authority": "Harbour Board"},
    "d3": {"__typename": "Passport", "title": "Passport of Bo Chen", "country": "FR"},
}
ARCHIVE = {
    "d1": {"archivedAt": "2024-03-01", "retentionYears": 10},
    "d2": {"archivedAt": "2023-11-15", "retentionYears": 2},
    "d3": {"archivedAt": "2025-01-20", "retentionYears": 10},
}


def _document(id: str) -> dict | None:
    record = DOCUMENTS.get(id)
    return {"id": id, **record} if record else None


documents = SdlSubgraph(
    "documents",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      documents: [Document!]!
    }

    interface Document @key(fields: "id") {
      id: ID!
      title: String!
    }

    type Passport implements Document @key(fields: "id") {
      id: ID!
      title: String!
      country: String!
    }

    type Permit implements Document @key(fields: "id") {
      id: ID!
      title: String!
      authority: String!
    }
    """,
    resolvers={"Query": {"documents": lambda _o, _i: [_document(i) for i in DOCUMENTS]}},
    entities={
        # the interface itself is an entity: archive sends {"__typename": "Document", "id": ...}
        "Document": lambda r: _document(r["id"]),
        "Passport": lambda r: _document(r["id"]),
        "Permit": lambda r: _document(r["id"]),
    },
)

archive = SdlSubgraph(
    "archive",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

    type Query {
      archivedDocuments: [Document!]!
    }

    type Document @key(fields: "id") @interfaceObject {
      id: ID!
      archivedAt: String!
      retentionYears: Int!
    }
    """,
    resolvers={
        "Query": {
            "archivedDocuments": lambda _o, _i: [
                {"__typename": "Document", "id": i, **ARCHIVE[i]} for i in ("d2", "d3")
            ]
        }
    },
    entities={"Document": lambda r: {"id": r["id"], **ARCHIVE[r["id"]]} if r["id"] in ARCHIVE else None},
)

SCENARIO = Scenario("interface_object", [documents, archive])
