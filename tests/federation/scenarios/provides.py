"""Licensing and penalties: @provides, simple, nested, and on union/interface fields.

licensing can resolve ``Licence.holder.name`` (and ``household.address`` below it) only
under the root fields that @provides them; elsewhere persons must be asked. notices
provides ``Fine.amount`` under ``notices`` (a union) and ``CourtCase.judge`` under
``cases`` (an interface); penalties owns both fields.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

PERSONS = {
    "p1": {"name": "Ada Lovelace", "household": "h1"},
    "p2": {"name": "Bo Chen", "household": "h2"},
}
HOUSEHOLDS = {"h1": "1 Harbour Road", "h2": "3 Hill Street"}
LICENCES = {"L-1": "p1", "L-2": "p2", "L-3": "p1"}

# the providing subgraph has its own copy of the provided data (a denormalised read model)
_HOLDER_COPY = {
    pid: {"id": pid, "name": p["name"], "household": {"id": p["household"], "address": HOUSEHOLDS[p["household"]]}}
    for pid, p in PERSONS.items()
}


def _licences() -> list[dict]:
    return [{"__typename": "Licence", "number": n, "holder": _HOLDER_COPY[h]} for n, h in LICENCES.items()]


licensing = SdlSubgraph(
    "licensing",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@provides"])

    type Query {
      licences: [Licence!]!
      recentLicences: [Licence!]! @provides(fields: "holder { name }")
      flaggedLicences: [Licence!]! @provides(fields: "holder { name household { address } }")
    }

    type Licence @key(fields: "number") {
      number: String!
      holder: Person!
    }

    type Person @key(fields: "id") {
      id: ID!
      name: String! @external
      household: Household @external
    }

    type Household @key(fields: "id") {
      id: ID!
      address: String! @external
    }
    """,
    resolvers={
        "Query": {
            "licences": lambda _o, _i: _licences(),
            "recentLicences": lambda _o, _i: _licences()[:2],
            "flaggedLicences": lambda _o, _i: _licences()[2:],
        }
    },
    entities={"Licence": lambda r: {"number": r["number"], "holder": _HOLDER_COPY[LICENCES[r["number"]]]}},
)

persons = SdlSubgraph(
    "persons",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Person @key(fields: "id") {
      id: ID!
      name: String! @shareable
      household: Household @shareable
    }

    type Household @key(fields: "id") {
      id: ID!
      address: String! @shareable
    }
    """,
    entities={
        "Person": lambda r: {
            "id": r["id"],
            "name": PERSONS[r["id"]]["name"],
            "household": {"id": PERSONS[r["id"]]["household"], "address": HOUSEHOLDS[PERSONS[r["id"]]["household"]]},
        },
        "Household": lambda r: {"id": r["id"], "address": HOUSEHOLDS[r["id"]]},
    },
)

FINES = {"n1": 120, "n3": 60}
WARNINGS = {"n2": "Parking in a loading bay"}
COURT = {"c1": "Judge Ruth"}
APPEALS = {"c2": "Judge Amos"}

notices = SdlSubgraph(
    "notices",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@provides"])

    type Query {
      notices: [Notice!]! @provides(fields: "... on Fine { amount }")
      allNotices: [Notice!]!
      cases: [Case!]! @provides(fields: "... on CourtCase { judge }")
    }

    union Notice = Fine | Warning

    type Fine @key(fields: "id") {
      id: ID!
      amount: Int! @external
    }

    type Warning @key(fields: "id") {
      id: ID!
    }

    interface Case {
      id: ID!
    }

    type CourtCase implements Case @key(fields: "id") {
      id: ID!
      judge: String! @external
    }

    type AppealCase implements Case @key(fields: "id") {
      id: ID!
    }
    """,
    resolvers={
        "Query": {
            "notices": lambda _o, _i: [
                {"__typename": "Fine", "id": "n1", "amount": 120},
                {"__typename": "Warning", "id": "n2"},
                {"__typename": "Fine", "id": "n3", "amount": 60},
            ],
            "allNotices": lambda _o, _i: [
                {"__typename": "Fine", "id": "n1"},
                {"__typename": "Warning", "id": "n2"},
                {"__typename": "Fine", "id": "n3"},
            ],
            "cases": lambda _o, _i: [
                {"__typename": "CourtCase", "id": "c1", "judge": "Judge Ruth"},
                {"__typename": "AppealCase", "id": "c2"},
            ],
        }
    },
    entities={"Fine": lambda r: r, "Warning": lambda r: r, "CourtCase": lambda r: r, "AppealCase": lambda r: r},
)

penalties = SdlSubgraph(
    "penalties",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Fine @key(fields: "id") {
      id: ID!
      amount: Int! @shareable
    }

    type Warning @key(fields: "id") {
      id: ID!
      text: String!
    }

    type CourtCase @key(fields: "id") {
      id: ID!
      judge: String! @shareable
    }

    type AppealCase @key(fields: "id") {
      id: ID!
      judge: String!
    }
    """,
    entities={
        "Fine": lambda r: {"id": r["id"], "amount": FINES[r["id"]]},
        "Warning": lambda r: {"id": r["id"], "text": WARNINGS[r["id"]]},
        "CourtCase": lambda r: {"id": r["id"], "judge": COURT[r["id"]]},
        "AppealCase": lambda r: {"id": r["id"], "judge": APPEALS[r["id"]]},
    },
)

SCENARIO = Scenario("provides", [licensing, persons, notices, penalties])
