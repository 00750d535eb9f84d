"""Entities: simple, compound and nested keys, several keys per type, resolvable:false stubs,
batching (one ``_entities`` request per subgraph per plan step, deduplicated), and
parent-entity calls (a value-type field reached by re-entering its parent entity)."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.entities import SCENARIO
from .scenarios.parent_entity import SCENARIO as VEHICLES_SCENARIO

fed = scenario_fixture(SCENARIO)
#: vehicles/dmv/insurance/garage/mot/workshops: parent-entity calls
vehicles_fed = scenario_fixture(VEHICLES_SCENARIO)


def test_root_field_from_strawberry_subgraph(fed):
    assert fed.query('{ person(id: "p2") { id name } }') == {"person": {"id": "p2", "name": "Bo Chen"}}
    assert fed.request_counts() == {"persons": 1}


def test_simple_key_entity_jump(fed):
    data = fed.query("{ persons { name licences { number category } } }")
    assert data == {
        "persons": [
            {
                "name": "Ada Lovelace",
                "licences": [{"number": "L-100", "category": "B"}, {"number": "L-200", "category": "C"}],
            },
            {"name": "Bo Chen", "licences": []},
            {"name": "Cai Ling", "licences": [{"number": "L-300", "category": "A"}]},
            {"name": "Dan Obi", "licences": []},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "licences": 1}
    (call,) = fed["licences"].entity_calls
    assert call.representations == [{"__typename": "Person", "id": f"p{i}"} for i in range(1, 5)]


def test_entity_jump_from_non_root_subgraph_back_to_owner(fed):
    data = fed.query('{ licence(number: "L-300") { number holder { id name } } }')
    assert data == {"licence": {"number": "L-300", "holder": {"id": "p3", "name": "Cai Ling"}}}
    assert fed.request_counts() == {"licences": 1, "persons": 1}
    assert fed["persons"].entity_calls[0].representations == [{"__typename": "Person", "id": "p3"}]


def test_compound_key_through_resolvable_false_stub(fed):
    data = fed.query("{ persons { name household { district serial address } } }")
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "household": {"district": "D1", "serial": 7, "address": "1 Harbour Road"}},
            {"name": "Bo Chen", "household": {"district": "D1", "serial": 7, "address": "1 Harbour Road"}},
            {"name": "Cai Ling", "household": {"district": "D2", "serial": 3, "address": "3 Hill Street"}},
            {"name": "Dan Obi", "household": None},
        ]
    }
    (call,) = fed["households"].entity_calls
    # four persons, three with a household, two distinct households
    assert call.representations == [
        {"__typename": "Household", "district": "D1", "serial": 7},
        {"__typename": "Household", "district": "D2", "serial": 3},
    ]


def test_compound_key_fields_not_requested_by_client(fed):
    data = fed.query("{ persons { household { address } } }")
    assert data == {
        "persons": [
            {"household": {"address": "1 Harbour Road"}},
            {"household": {"address": "1 Harbour Road"}},
            {"household": {"address": "3 Hill Street"}},
            {"household": None},
        ]
    }


def test_nested_key(fed):
    data = fed.query("{ persons { id licences { number penaltyPoints } } }")
    assert data == {
        "persons": [
            {
                "id": "p1",
                "licences": [{"number": "L-100", "penaltyPoints": 3}, {"number": "L-200", "penaltyPoints": 0}],
            },
            {"id": "p2", "licences": []},
            {"id": "p3", "licences": [{"number": "L-300", "penaltyPoints": 6}]},
            {"id": "p4", "licences": []},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "licences": 1, "enforcement": 1}
    (call,) = fed["enforcement"].entity_calls
    assert call.representations == [
        {"__typename": "Licence", "number": "L-100", "holder": {"id": "p1"}},
        {"__typename": "Licence", "number": "L-200", "holder": {"id": "p1"}},
        {"__typename": "Licence", "number": "L-300", "holder": {"id": "p3"}},
    ]


def test_nested_key_from_root_of_key_owner(fed):
    data = fed.query('{ licence(number: "L-100") { category penaltyPoints holder { name } } }')
    assert data == {"licence": {"category": "B", "penaltyPoints": 3, "holder": {"name": "Ada Lovelace"}}}
    assert fed.request_counts() == {"licences": 1, "enforcement": 1, "persons": 1}
    assert (
        fed.plan('{ licence(number: "L-100") { category penaltyPoints holder { name } } }')["node"]["kind"]
        == "Sequence"
    )


def test_second_key_reached_through_first(fed):
    """persons knows an enterprise by id, tax only by taxNumber: enterprises bridges them."""
    data = fed.query("{ persons { name employer { name vatRegistered } } }")
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "employer": {"name": "Harbour Logistics", "vatRegistered": True}},
            {"name": "Bo Chen", "employer": {"name": "Hill Bakery", "vatRegistered": False}},
            {"name": "Cai Ling", "employer": {"name": "Harbour Logistics", "vatRegistered": True}},
            {"name": "Dan Obi", "employer": None},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "enterprises": 1, "tax": 1}
    assert fed["enterprises"].entity_calls[0].representations == [
        {"__typename": "Enterprise", "id": "e1"},
        {"__typename": "Enterprise", "id": "e2"},
    ]
    assert fed["tax"].entity_calls[0].representations == [
        {"__typename": "Enterprise", "taxNumber": "TX-1"},
        {"__typename": "Enterprise", "taxNumber": "TX-2"},
    ]
    plan = fed.plan("{ persons { name employer { name vatRegistered } } }")
    assert_plan(
        plan,
        [
            "Fetch(persons)",
            "Flatten(persons.@.employer) Fetch(enterprises)",
            "Flatten(persons.@.employer) Fetch(tax)",
        ],
    )


def test_other_key_used_directly_from_key_owner(fed):
    data = fed.query("{ enterprises { id vatRegistered } }")
    assert data == {
        "enterprises": [
            {"id": "e1", "vatRegistered": True},
            {"id": "e2", "vatRegistered": False},
            {"id": "e3", "vatRegistered": True},
        ]
    }
    assert fed.request_counts() == {"enterprises": 1, "tax": 1}
    assert_plan(
        fed.plan("{ enterprises { id vatRegistered } }"),
        [
            "Fetch(enterprises)",
            "Flatten(enterprises.@) Fetch(tax)",
        ],
    )


def test_key_fields_only_need_no_entity_fetch(fed):
    """Fields of a stub that the referencing subgraph already has are not fetched again."""
    data = fed.query("{ persons { employer { id } household { district serial } } }")
    assert data == {
        "persons": [
            {"employer": {"id": "e1"}, "household": {"district": "D1", "serial": 7}},
            {"employer": {"id": "e2"}, "household": {"district": "D1", "serial": 7}},
            {"employer": {"id": "e1"}, "household": {"district": "D2", "serial": 3}},
            {"employer": None, "household": None},
        ]
    }
    assert fed.request_counts() == {"persons": 1}


def test_entity_not_found_is_null(fed):
    data = fed.query('{ licence(number: "L-999") { number holder { name } } person(id: "nobody") { name } }')
    assert data == {"licence": None, "person": None}


def test_batching_one_entities_request_per_subgraph_per_step(fed):
    query = """
    {
      persons {
        name
        household { address }
        licences { number category penaltyPoints }
        employer { name vatRegistered }
      }
    }
    """
    data = fed.query(query)
    assert data["persons"][0] == {
        "name": "Ada Lovelace",
        "household": {"address": "1 Harbour Road"},
        "licences": [
            {"number": "L-100", "category": "B", "penaltyPoints": 3},
            {"number": "L-200", "category": "C", "penaltyPoints": 0},
        ],
        "employer": {"name": "Harbour Logistics", "vatRegistered": True},
    }
    assert data["persons"][3] == {"name": "Dan Obi", "household": None, "licences": [], "employer": None}
    assert fed.request_counts() == {
        "persons": 1,
        "households": 1,
        "licences": 1,
        "enforcement": 1,
        "enterprises": 1,
        "tax": 1,
    }
    assert len(fed["households"].entity_calls[0].representations) == 2
    assert len(fed["enterprises"].entity_calls[0].representations) == 2
    assert_plan(
        fed.plan(query),
        [
            "Fetch(persons)",
            # each branch goes on as soon as its own parent fetch is merged
            {
                "Parallel": [
                    ["Flatten(persons.@.employer) Fetch(enterprises)", "Flatten(persons.@.employer) Fetch(tax)"],
                    "Flatten(persons.@.household) Fetch(households)",
                    ["Flatten(persons.@) Fetch(licences)", "Flatten(persons.@.licences.@) Fetch(enforcement)"],
                ]
            },
        ],
    )


def test_duplicate_entities_in_nested_lists_are_deduplicated(fed):
    query = "{ persons { licences { holder { name household { address } } } } }"
    data = fed.query(query)
    assert data == {
        "persons": [
            {
                "licences": [
                    {"holder": {"name": "Ada Lovelace", "household": {"address": "1 Harbour Road"}}},
                    {"holder": {"name": "Ada Lovelace", "household": {"address": "1 Harbour Road"}}},
                ]
            },
            {"licences": []},
            {"licences": [{"holder": {"name": "Cai Ling", "household": {"address": "3 Hill Street"}}}]},
            {"licences": []},
        ]
    }
    # persons is asked back for the two distinct holders once, not three times
    (call,) = fed["persons"].entity_calls
    assert call.representations == [{"__typename": "Person", "id": "p1"}, {"__typename": "Person", "id": "p3"}]


# ------------------------------------------------------------- parent-entity calls


def test_value_type_field_fetched_through_parent_entity(vehicles_fed):
    """Registration is a value type in dmv: its ``status`` is fetched by sending dmv the
    Vehicle (key ``vin region``), never the Registration (its key is unknown to dmv)."""
    query = "{ vehicles { vin model registration { number holder status { valid expires } } } }"
    data = vehicles_fed.query(query)
    assert data == {
        "vehicles": [
            {
                "vin": "V-1",
                "model": "Volvo V70",
                "registration": {"number": "R-100", "holder": "Ada Lovelace",
                                 "status": {"valid": True, "expires": "2026-04-30"}},
            },
            {
                "vin": "V-2",
                "model": "Skoda Octavia",
                "registration": {"number": "R-200", "holder": "Bo Chen",
                                 "status": {"valid": False, "expires": "2024-12-31"}},
            },
            {"vin": "V-3", "model": "Fiat Panda", "registration": None},
        ]
    }  # fmt: skip
    assert vehicles_fed.request_counts() == {"vehicles": 1, "dmv": 1}
    (call,) = vehicles_fed["dmv"].entity_calls
    assert call.representations == [
        {"__typename": "Vehicle", "vin": "V-1", "region": "north"},
        {"__typename": "Vehicle", "vin": "V-2", "region": "south"},
        {"__typename": "Vehicle", "vin": "V-3", "region": "north"},
    ]
    assert_plan(vehicles_fed.plan(query), ["Fetch(vehicles)", "Flatten(vehicles.@) Fetch(dmv)"])


def test_parent_entity_key_fields_not_requested_by_client(vehicles_fed):
    data = vehicles_fed.query("{ vehicles { registration { status { valid } } } }")
    assert data == {
        "vehicles": [
            {"registration": {"status": {"valid": True}}},
            {"registration": {"status": {"valid": False}}},
            {"registration": None},
        ]
    }
    assert vehicles_fed.request_counts() == {"vehicles": 1, "dmv": 1}


def test_parent_entity_key_completed_by_another_subgraph(vehicles_fed):
    """insurance only knows ``vin``: vehicles adds ``region`` (and the holder), then dmv."""
    query = '{ insuredVehicle(vin: "V-1") { insurer registration { holder status { valid expires } } } }'
    data = vehicles_fed.query(query)
    assert data == {
        "insuredVehicle": {
            "insurer": "Northern Mutual",
            "registration": {"holder": "Ada Lovelace", "status": {"valid": True, "expires": "2026-04-30"}},
        }
    }
    assert vehicles_fed.request_counts() == {"insurance": 1, "vehicles": 1, "dmv": 1}
    assert vehicles_fed["dmv"].entity_calls[0].representations == [
        {"__typename": "Vehicle", "vin": "V-1", "region": "north"}
    ]
    assert_plan(
        vehicles_fed.plan(query),
        ["Fetch(insurance)", "Flatten(insuredVehicle) Fetch(vehicles)", "Flatten(insuredVehicle) Fetch(dmv)"],
    )


def test_parent_entity_calls_into_subgraphs_with_external_key(vehicles_fed):
    """garage and mot have ``Vehicle.vin`` only as an external key field: the value type
    ``service`` is completed by one Vehicle entity call to each, then mot's ``id`` leads
    to the ServiceRecord entity of workshops."""
    query = '{ insuredVehicle(vin: "V-2") { vin insurer service { lastServiced motExpiry workshop } } }'
    data = vehicles_fed.query(query)
    assert data == {
        "insuredVehicle": {
            "vin": "V-2",
            "insurer": "Harbour Insurance",
            "service": {"lastServiced": "2024-11-02", "motExpiry": "2026-01-15", "workshop": "Hill Garage"},
        }
    }
    assert vehicles_fed.request_counts() == {"insurance": 1, "garage": 1, "mot": 1, "workshops": 1}
    for name in ("garage", "mot"):
        (call,) = vehicles_fed[name].entity_calls
        assert call.representations == [{"__typename": "Vehicle", "vin": "V-2"}]
    (call,) = vehicles_fed["workshops"].entity_calls
    assert call.representations == [{"__typename": "ServiceRecord", "id": "S-2"}]
    assert_plan(
        vehicles_fed.plan(query),
        [
            "Fetch(insurance)",
            {
                "Parallel": [
                    "Flatten(insuredVehicle) Fetch(garage)",
                    ["Flatten(insuredVehicle) Fetch(mot)", "Flatten(insuredVehicle.service) Fetch(workshops)"],
                ]
            },
        ],
    )


def test_value_type_from_external_key_subgraph_for_a_list(vehicles_fed):
    data = vehicles_fed.query("{ vehicles { vin service { motExpiry workshop } } }")
    assert data == {
        "vehicles": [
            {"vin": "V-1", "service": {"motExpiry": "2025-09-30", "workshop": "Quayside Motors"}},
            {"vin": "V-2", "service": {"motExpiry": "2026-01-15", "workshop": "Hill Garage"}},
            {"vin": "V-3", "service": None},
        ]
    }
    assert vehicles_fed.request_counts() == {"vehicles": 1, "mot": 1, "workshops": 1}
    assert vehicles_fed["workshops"].entity_calls[0].representations == [
        {"__typename": "ServiceRecord", "id": "S-1"},
        {"__typename": "ServiceRecord", "id": "S-2"},
    ]


def test_parent_entity_not_found(vehicles_fed):
    data = vehicles_fed.query('{ insuredVehicle(vin: "V-9") { insurer service { lastServiced } } }')
    assert data == {"insuredVehicle": None}
    assert vehicles_fed.request_counts() == {"insurance": 1}


def test_one_request_serves_the_same_subgraph_at_several_paths(fed):
    """Entity fetches to one subgraph waiting for the same fetch go out as one request, with
    the representations of both paths deduplicated (the same employers under both aliases)."""
    query = "{ a: persons { employer { name } } b: persons { employer { name } } }"
    data = fed.query(query)
    employers = [{"name": "Harbour Logistics"}, {"name": "Hill Bakery"}, {"name": "Harbour Logistics"}, None]
    assert data == {"a": [{"employer": e} for e in employers], "b": [{"employer": e} for e in employers]}
    assert fed.request_counts() == {"persons": 1, "enterprises": 1}
    (call,) = fed["enterprises"].entity_calls
    assert call.representations == [{"__typename": "Enterprise", "id": "e1"}, {"__typename": "Enterprise", "id": "e2"}]
    assert_plan(fed.plan(query), ["Fetch(persons)", "Flatten(a.@.employer|b.@.employer) Fetch(enterprises)"])
