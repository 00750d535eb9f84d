"""Person records with internal parts: @inaccessible fields, types, enum values, input
fields and arguments, one of them the entity key and another one a @requires input."""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

PERSONS = {
    "p1": {"nationalId": "NI-0001", "name": "Ada Lovelace", "internalRef": "case-17", "status": "ACTIVE"},
    "p2": {"nationalId": "NI-0002", "name": "Bo Chen", "internalRef": "case-4", "status": "ACTIVE"},
    "p3": {"nationalId": "NI-0003", "name": "Cai Ling", "internalRef": "case-99", "status": "ARCHIVED"},
}


def _person(id: str) -> dict | None:
    record = PERSONS.get(id)
    return {"__typename": "Person", "id": id, **record} if record else None


def _persons(_o: object, _i: object, filter: dict | None = None) -> list[dict]:
    filter = filter or {}
    result = []
    for pid in PERSONS:
        person = _person(pid)
        if person["status"] == "ARCHIVED" and not filter.get("includeArchived"):
            continue
        if filter.get("status") and person["status"] != filter["status"]:
            continue
        result.append(person)
    return result


persons = SdlSubgraph(
    "persons",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])

    type Query {
      person(id: ID!, auditReason: String @inaccessible): Person
      persons(filter: PersonFilter): [Person!]!
      auditTrail: [AuditRecord!]! @inaccessible
    }

    type Person @key(fields: "nationalId") {
      nationalId: String! @inaccessible
      id: ID!
      name: String!
      internalRef: String! @inaccessible
      status: Status!
    }

    enum Status {
      ACTIVE
      DECEASED
      ARCHIVED @inaccessible
    }

    input PersonFilter {
      status: Status
      includeArchived: Boolean @inaccessible
    }

    type AuditRecord @inaccessible {
      id: ID!
      note: String!
    }
    """,
    resolvers={
        "Query": {
            "person": lambda _o, _i, id, auditReason=None: _person(id),
            "persons": _persons,
            "auditTrail": lambda _o, _i: [],
        }
    },
    entities={
        "Person": lambda r: next(
            (_person(pid) for pid, p in PERSONS.items() if p["nationalId"] == r["nationalId"]), None
        )
    },
)

RISK = {"case-17": 2, "case-4": 7, "case-99": 0}

risk = SdlSubgraph(
    "risk",
    """
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@inaccessible", "@external", "@requires"]
      )

    type Person @key(fields: "nationalId") {
      nationalId: String! @inaccessible
      internalRef: String! @external
      riskScore: Int! @requires(fields: "internalRef")
    }
    """,
    resolvers={"Person": {"riskScore": lambda person, _i: RISK[person["internalRef"]]}},
    entities={"Person": lambda r: r},
)

SCENARIO = Scenario("inaccessible", [persons, risk])
