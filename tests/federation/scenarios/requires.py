"""Benefits eligibility: @requires in its forms.

persons owns the facts; benefits derives fields with @requires on a scalar (``age``), a
field with an argument (``taxBand`` needs ``income(year: 2024)``), an abstract field with
type-conditioned fragments (``housingAllowance``), a nested object (``region``); pensions
requires ``age``, itself a @requires field of benefits (a chain over three subgraphs).
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

PERSONS = {
    "p1": {
        "name": "Ada Lovelace",
        "birthYear": 1950,
        "income": {2023: 55000, 2024: 42000},
        "dwelling": {"__typename": "Flat", "id": "f1", "rent": 900, "floor": 3},
        "address": {"street": "1 Royal Mile", "postcode": "EH1 1AA", "country": "UK"},
    },
    "p2": {
        "name": "Bo Chen",
        "birthYear": 1990,
        "income": {2023: 80000, 2024: 95000},
        "dwelling": {"__typename": "House", "id": "h1", "value": 300000, "rooms": 5},
        "address": {"street": "2 Rue Cler", "postcode": "75007", "country": "FR"},
    },
    "p3": {
        "name": "Cai Ling",
        "birthYear": 2004,
        "income": {2023: 25000, 2024: 12000},
        "dwelling": None,
        "address": {"street": "5 Leith Walk", "postcode": "EH6 8AB", "country": "UK"},
    },
}
THIS_YEAR = 2025


def _person(id: str) -> dict | None:
    record = PERSONS.get(id)
    if record is None:
        return None
    return {"__typename": "Person", "id": id, **record}


persons = SdlSubgraph(
    "persons",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      persons: [Person!]!
    }

    type Person @key(fields: "id") {
      id: ID!
      name: String!
      birthYear: Int!
      income(year: Int!): Int!
      dwelling: Dwelling
      address: Address!
    }

    interface Dwelling {
      id: ID!
    }

    type Flat implements Dwelling @shareable {
      id: ID!
      rent: Int!
      floor: Int!
    }

    type House implements Dwelling @shareable {
      id: ID!
      value: Int!
      rooms: Int!
    }

    type Address @shareable {
      street: String!
      postcode: String!
      country: String!
    }
    """,
    resolvers={
        "Query": {"persons": lambda _o, _i: [_person(i) for i in PERSONS]},
        "Person": {"income": lambda person, _i, year: person["income"][year]},
    },
    entities={"Person": lambda r: _person(r["id"])},
)


def _housing_allowance(person: dict, _info: object) -> int:
    dwelling = person["dwelling"]
    if dwelling is None:
        return 0
    if dwelling.get("__typename") == "Flat":
        return dwelling["rent"] // 3
    return dwelling["value"] // 100000


def _tax_band(person: dict, _info: object) -> str:
    income = person["income"]
    return "exempt" if income < 20000 else "basic" if income < 50000 else "higher"


benefits = SdlSubgraph(
    "benefits",
    """
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external", "@requires"]
      )

    type Query {
      beneficiaries: [Person!]!
    }

    type Person @key(fields: "id") {
      id: ID!
      birthYear: Int! @external
      age: Int! @requires(fields: "birthYear")
      income(year: Int!): Int! @external
      taxBand: String! @requires(fields: "income(year: 2024)")
      dwelling: Dwelling @external
      housingAllowance: Int! @requires(fields: "dwelling { __typename ... on Flat { rent } ... on House { value } }")
      address: Address! @external
      region: String! @requires(fields: "address { postcode country }")
    }

    interface Dwelling {
      id: ID!
    }

    type Flat implements Dwelling @shareable {
      id: ID!
      rent: Int!
    }

    type House implements Dwelling @shareable {
      id: ID!
      value: Int!
    }

    type Address @shareable {
      postcode: String!
      country: String!
    }
    """,
    resolvers={
        "Query": {
            "beneficiaries": lambda _o, _i: [{"__typename": "Person", "id": "p3"}, {"__typename": "Person", "id": "p1"}]
        },
        "Person": {
            "age": lambda person, _i: THIS_YEAR - person["birthYear"],
            "taxBand": _tax_band,
            "housingAllowance": _housing_allowance,
            "region": lambda person, _i: f"{person['address']['country']}-{person['address']['postcode'][:2]}",
        },
    },
    entities={"Person": lambda r: r},
)

pensions = SdlSubgraph(
    "pensions",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

    type Person @key(fields: "id") {
      id: ID!
      age: Int! @external
      pensionEligible: Boolean! @requires(fields: "age")
    }
    """,
    resolvers={"Person": {"pensionEligible": lambda person, _i: person["age"] >= 67}},
    entities={"Person": lambda r: r},
)

SCENARIO = Scenario("requires", [persons, benefits, pensions])
