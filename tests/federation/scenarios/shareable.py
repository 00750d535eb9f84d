"""Statistics: @shareable fields and root fields.

census and economy both serve ``Query.statistics`` (a shareable value type whose fields are
split between them) and ``Region.name``; census alone has ``population``, economy alone
``gdpPerCapita``; ``Query.about`` is identical in both.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

REGIONS = {
    "R1": {"name": "Northshore", "population": 120000, "gdpPerCapita": 41000},
    "R2": {"name": "Southvale", "population": 80000, "gdpPerCapita": 38000},
}


def _region(code: str, *fields: str) -> dict | None:
    record = REGIONS.get(code)
    if record is None:
        return None
    return {"__typename": "Region", "code": code, **{f: record[f] for f in fields}}


census = SdlSubgraph(
    "census",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      statistics: Statistics! @shareable
      about: String! @shareable
      region(code: ID!): Region
    }

    type Statistics @shareable {
      year: Int!
      population: Int!
    }

    type Region @key(fields: "code") {
      code: ID!
      name: String! @shareable
      population: Int!
    }
    """,
    resolvers={
        "Query": {
            "statistics": lambda _o, _i: {"year": 2024, "population": 200000},
            "about": lambda _o, _i: "National statistics",
            "region": lambda _o, _i, code: _region(code, "name", "population"),
        }
    },
    entities={"Region": lambda r: _region(r["code"], "name", "population")},
)

economy = SdlSubgraph(
    "economy",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      statistics: Statistics! @shareable
      about: String! @shareable
      regions: [Region!]!
    }

    type Statistics @shareable {
      year: Int!
      gdp: Int!
    }

    type Region @key(fields: "code") {
      code: ID!
      name: String! @shareable
      gdpPerCapita: Int!
    }
    """,
    resolvers={
        "Query": {
            "statistics": lambda _o, _i: {"year": 2024, "gdp": 796000},
            "about": lambda _o, _i: "National statistics",
            "regions": lambda _o, _i: [_region(c, "name", "gdpPerCapita") for c in REGIONS],
        }
    },
    entities={"Region": lambda r: _region(r["code"], "name", "gdpPerCapita")},
)

SCENARIO = Scenario("shareable", [census, economy])
