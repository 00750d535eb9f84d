"""Harbour bulletin: shareable root fields returning a value type split across three subgraphs.

``Query.bulletin`` and ``Query.bulletins`` are @shareable in weather, tides and roads;
``Bulletin`` is a value type (no key, so no entity fetch can complete it): each subgraph
owns one of its fields (weather ``forecast``, tides ``highWater``, roads ``closures``) and
the nested value type ``Area`` is split between weather and roads. Every subgraph answers
the lists in the same order: the gateway merges them element by element.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

BULLETINS = {
    "B-1": {
        "forecast": {"summary": "Fog", "high": 9},
        "highWater": "04:12",
        "closures": ["Quay Road"],
        "area": {"code": "N", "temperatureZone": "cold", "speedLimit": 30},
    },
    "B-2": {
        "forecast": {"summary": "Sunny", "high": 17},
        "highWater": "05:40",
        "closures": [],
        "area": {"code": "S", "temperatureZone": "mild", "speedLimit": 50},
    },
    "B-3": {
        "forecast": {"summary": "Gale", "high": 11},
        "highWater": "06:58",
        "closures": ["Pier Lane", "Dock Street"],
        "area": {"code": "E", "temperatureZone": "cold", "speedLimit": 40},
    },
}
TODAY = "B-2"


def _bulletin(id: str, field: str, area_field: str | None = None) -> dict:
    record = BULLETINS[id]
    result = {"id": id, field: record[field]}
    area = {"code": record["area"]["code"]}
    if area_field:
        area[area_field] = record["area"][area_field]
    result["area"] = area
    return result


def _subgraph(name: str, field_sdl: str, field: str, area_field: str | None, extra_sdl: str = "") -> SdlSubgraph:
    area_sdl = ""
    if area_field:
        area_type = "String!" if area_field == "temperatureZone" else "Int!"
        area_sdl = f"type Area @shareable {{ code: ID! {area_field}: {area_type} }}"
    return SdlSubgraph(
        name,
        f"""
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])

        type Query {{
          bulletin: Bulletin! @shareable
          bulletins: [Bulletin!]! @shareable
        }}

        type Bulletin @shareable {{
          id: ID!
          {field_sdl}
          {"area: Area!" if area_field else ""}
        }}
        {area_sdl}
        {extra_sdl}
        """,
        resolvers={
            "Query": {
                "bulletin": lambda _o, _i: _bulletin(TODAY, field, area_field),
                "bulletins": lambda _o, _i: [_bulletin(id, field, area_field) for id in BULLETINS],
            }
        },
    )


weather = _subgraph(
    "weather",
    "forecast: Forecast!",
    "forecast",
    "temperatureZone",
    """
    type Forecast {
      summary: String!
      high: Int!
    }
    """,
)
tides = _subgraph("tides", "highWater: String!", "highWater", None)
roads = _subgraph("roads", "closures: [String!]!", "closures", "speedLimit")

SCENARIO = Scenario("shared_root", [weather, tides, roads])
