"""Entities: simple, compound and nested keys, several keys per type, resolvable:false stubs,
and batching (one ``_entities`` request per subgraph per plan step, deduplicated)."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_plan
from .scenarios.entities import SCENARIO

fed = scenario_fixture(SCENARIO)


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
            {
                "Parallel": [
                    "Flatten(persons.@.employer) Fetch(enterprises)",
                    "Flatten(persons.@.household) Fetch(households)",
                    "Flatten(persons.@) Fetch(licences)",
                ]
            },
            {
                "Parallel": [
                    "Flatten(persons.@.employer) Fetch(tax)",
                    "Flatten(persons.@.licences.@) Fetch(enforcement)",
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
