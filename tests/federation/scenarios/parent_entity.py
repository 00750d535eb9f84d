"""Vehicle records: value-type fields only reachable by re-entering the parent entity.

vehicles owns ``Vehicle`` (keys ``vin`` and ``vin region``) and ``Registration`` (an
entity keyed by ``number``). dmv knows ``Registration`` only as a value type with
``status``, under its own ``Vehicle @key(fields: "vin region")``: ``registration.status``
can only be fetched by sending dmv the *vehicle* (with its region), not the registration.

insurance lists insured vehicles (``Vehicle @key(fields: "vin")``). garage and mot both
declare ``Vehicle @key(fields: "vin")`` with ``vin @external`` and a shareable
``service: ServiceRecord`` value type, each with its own fields; mot's carries an ``id``
that workshops uses as the key of its ``ServiceRecord`` entity.
"""

from __future__ import annotations

from graphql import GraphQLError

from ..harness import Scenario, SdlSubgraph

VEHICLES = {
    "V-1": {"region": "north", "model": "Volvo V70", "registration": "R-100"},
    "V-2": {"region": "south", "model": "Skoda Octavia", "registration": "R-200"},
    "V-3": {"region": "north", "model": "Fiat Panda", "registration": None},
}
HOLDERS = {"R-100": "Ada Lovelace", "R-200": "Bo Chen"}
DMV_STATUS = {
    ("V-1", "north"): {"valid": True, "expires": "2026-04-30"},
    ("V-2", "south"): {"valid": False, "expires": "2024-12-31"},
}
INSURERS = {"V-1": "Northern Mutual", "V-2": "Harbour Insurance"}
GARAGE = {"V-1": "2025-02-14", "V-2": "2024-11-02"}
MOT = {"V-1": {"id": "S-1", "motExpiry": "2025-09-30"}, "V-2": {"id": "S-2", "motExpiry": "2026-01-15"}}
WORKSHOPS = {"S-1": "Quayside Motors", "S-2": "Hill Garage"}


def _vehicle(vin: str) -> dict | None:
    record = VEHICLES.get(vin)
    if record is None:
        return None
    number = record["registration"]
    registration = {"number": number, "holder": HOLDERS[number]} if number else None
    return {"__typename": "Vehicle", "vin": vin, "region": record["region"], "model": record["model"],
            "registration": registration}  # fmt: skip


vehicles = SdlSubgraph(
    "vehicles",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      vehicles: [Vehicle!]!
    }

    type Vehicle @key(fields: "vin") @key(fields: "vin region") {
      vin: ID!
      region: String!
      model: String!
      registration: Registration @shareable
    }

    type Registration @key(fields: "number") {
      number: ID!
      holder: String!
    }
    """,
    resolvers={"Query": {"vehicles": lambda _o, _i: [_vehicle(vin) for vin in VEHICLES]}},
    entities={
        "Vehicle": lambda r: _vehicle(r["vin"]),
        "Registration": lambda r: {"number": r["number"], "holder": HOLDERS[r["number"]]},
    },
)


def _dmv_vehicle(representation: dict) -> dict:
    vin, region = representation["vin"], representation.get("region")
    if region != VEHICLES[vin]["region"]:
        return GraphQLError(f"dmv: no vehicle {vin} in region {region!r}")
    status = DMV_STATUS.get((vin, region))
    return {"vin": vin, "region": region, "registration": {"status": status} if status else None}


dmv = SdlSubgraph(
    "dmv",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Vehicle @key(fields: "vin region") {
      vin: ID!
      region: String!
      registration: Registration @shareable
    }

    type Registration {
      status: RegistrationStatus!
    }

    type RegistrationStatus {
      valid: Boolean!
      expires: String!
    }
    """,
    entities={"Vehicle": _dmv_vehicle},
)

insurance = SdlSubgraph(
    "insurance",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      insuredVehicle(vin: ID!): Vehicle
    }

    type Vehicle @key(fields: "vin") {
      vin: ID!
      insurer: String!
    }
    """,
    resolvers={
        "Query": {
            "insuredVehicle": lambda _o, _i, vin: {"vin": vin, "insurer": INSURERS[vin]} if vin in INSURERS else None
        }
    },
    entities={"Vehicle": lambda r: {"vin": r["vin"], "insurer": INSURERS[r["vin"]]} if r["vin"] in INSURERS else None},
)

garage = SdlSubgraph(
    "garage",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@shareable"])

    type Vehicle @key(fields: "vin") {
      vin: ID! @external
      service: ServiceRecord @shareable
    }

    type ServiceRecord {
      lastServiced: String!
    }
    """,
    entities={"Vehicle": lambda r: {"service": {"lastServiced": GARAGE[r["vin"]]} if r["vin"] in GARAGE else None}},
)

mot = SdlSubgraph(
    "mot",
    """
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@shareable"])

    type Vehicle @key(fields: "vin") {
      vin: ID! @external
      service: ServiceRecord @shareable
    }

    type ServiceRecord {
      id: ID! @shareable
      motExpiry: String!
    }
    """,
    entities={"Vehicle": lambda r: {"service": MOT.get(r["vin"])}},
)

workshops = SdlSubgraph(
    "workshops",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type ServiceRecord @key(fields: "id") {
      id: ID!
      workshop: String!
    }
    """,
    entities={"ServiceRecord": lambda r: {"id": r["id"], "workshop": WORKSHOPS[r["id"]]}},
)

SCENARIO = Scenario("parent_entity", [vehicles, dmv, insurance, garage, mot, workshops])
