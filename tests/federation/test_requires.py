"""@requires: scalar, with arguments (also conflicting ones), with fragments on abstract types, nested objects,
chained over three subgraphs, and reached from the requiring subgraph's own root."""

from __future__ import annotations

from graphql import FieldNode, parse, print_ast, visit
from graphql.language import Visitor

from .conftest import scenario_fixture
from .harness import assert_plan, assert_subgraph_queries_valid
from .scenarios.requires import SCENARIO
from .scenarios.requires_arguments import SCENARIO as PERMITS_SCENARIO

fed = scenario_fixture(SCENARIO)
#: permits/compliance: @requires on fields with (conflicting) arguments
permits_fed = scenario_fixture(PERMITS_SCENARIO)


def test_simple_requires(fed):
    data = fed.query("{ persons { name age } }")
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "age": 75},
            {"name": "Bo Chen", "age": 35},
            {"name": "Cai Ling", "age": 21},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1}
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "birthYear": 1950},
        {"__typename": "Person", "id": "p2", "birthYear": 1990},
        {"__typename": "Person", "id": "p3", "birthYear": 2004},
    ]
    assert_plan(fed.plan("{ persons { name age } }"), ["Fetch(persons)", "Flatten(persons.@) Fetch(benefits)"])


def test_required_field_also_requested_by_client(fed):
    data = fed.query("{ persons { birthYear age } }")
    assert data == {
        "persons": [{"birthYear": 1950, "age": 75}, {"birthYear": 1990, "age": 35}, {"birthYear": 2004, "age": 21}]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1}


def test_requires_field_with_argument(fed):
    data = fed.query("{ persons { id taxBand } }")
    assert data == {
        "persons": [
            {"id": "p1", "taxBand": "basic"},
            {"id": "p2", "taxBand": "higher"},
            {"id": "p3", "taxBand": "exempt"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "income": 42000},
        {"__typename": "Person", "id": "p2", "income": 95000},
        {"__typename": "Person", "id": "p3", "income": 12000},
    ]


def test_requires_argument_differs_from_client_argument(fed):
    """The client asks income(year: 2023) while taxBand needs income(year: 2024): both are
    fetched from persons, and the client's alias-free ``income`` holds the 2023 value."""
    data = fed.query("{ persons { id income(year: 2023) taxBand } }")
    assert data == {
        "persons": [
            {"id": "p1", "income": 55000, "taxBand": "basic"},
            {"id": "p2", "income": 80000, "taxBand": "higher"},
            {"id": "p3", "income": 25000, "taxBand": "exempt"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert [rep["income"] for rep in call.representations] == [42000, 95000, 12000]


def test_requires_with_fragments_on_abstract_type(fed):
    data = fed.query("{ persons { id housingAllowance } }")
    assert data == {
        "persons": [
            {"id": "p1", "housingAllowance": 300},
            {"id": "p2", "housingAllowance": 3},
            {"id": "p3", "housingAllowance": 0},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations == [
        {"__typename": "Person", "id": "p1", "dwelling": {"__typename": "Flat", "rent": 900}},
        {"__typename": "Person", "id": "p2", "dwelling": {"__typename": "House", "value": 300000}},
        {"__typename": "Person", "id": "p3", "dwelling": None},
    ]


def test_requires_with_fragments_alongside_client_selection_of_same_object(fed):
    data = fed.query(
        "{ persons { dwelling { id ... on Flat { floor } ... on House { rooms value } } housingAllowance } }"
    )
    assert data == {
        "persons": [
            {"dwelling": {"id": "f1", "floor": 3}, "housingAllowance": 300},
            {"dwelling": {"id": "h1", "rooms": 5, "value": 300000}, "housingAllowance": 3},
            {"dwelling": None, "housingAllowance": 0},
        ]
    }


def test_requires_nested_object(fed):
    data = fed.query("{ persons { address { street } region } }")
    assert data == {
        "persons": [
            {"address": {"street": "1 Royal Mile"}, "region": "UK-EH"},
            {"address": {"street": "2 Rue Cler"}, "region": "FR-75"},
            {"address": {"street": "5 Leith Walk"}, "region": "UK-EH"},
        ]
    }
    (call,) = fed["benefits"].entity_calls
    assert call.representations[0] == {
        "__typename": "Person",
        "id": "p1",
        "address": {"postcode": "EH1 1AA", "country": "UK"},
    }


def test_requires_chained_across_three_subgraphs(fed):
    query = "{ persons { name pensionEligible } }"
    data = fed.query(query)
    assert data == {
        "persons": [
            {"name": "Ada Lovelace", "pensionEligible": True},
            {"name": "Bo Chen", "pensionEligible": False},
            {"name": "Cai Ling", "pensionEligible": False},
        ]
    }
    assert fed.request_counts() == {"persons": 1, "benefits": 1, "pensions": 1}
    assert fed["pensions"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1", "age": 75},
        {"__typename": "Person", "id": "p2", "age": 35},
        {"__typename": "Person", "id": "p3", "age": 21},
    ]
    assert_plan(
        fed.plan(query),
        ["Fetch(persons)", "Flatten(persons.@) Fetch(benefits)", "Flatten(persons.@) Fetch(pensions)"],
    )


def test_several_requires_in_one_entity_fetch(fed):
    query = "{ persons { age taxBand region housingAllowance pensionEligible } }"
    data = fed.query(query)
    assert data["persons"][1] == {
        "age": 35,
        "taxBand": "higher",
        "region": "FR-75",
        "housingAllowance": 3,
        "pensionEligible": False,
    }
    # one batch to benefits carrying every required field, then pensions
    assert fed.request_counts() == {"persons": 1, "benefits": 1, "pensions": 1}
    rep = fed["benefits"].entity_calls[0].representations[1]
    assert rep == {
        "__typename": "Person",
        "id": "p2",
        "birthYear": 1990,
        "income": 95000,
        "dwelling": {"__typename": "House", "value": 300000},
        "address": {"postcode": "75007", "country": "FR"},
    }


def test_requires_from_root_of_requiring_subgraph(fed):
    """benefits lists the persons; their birthYear comes from persons, then benefits again."""
    query = "{ beneficiaries { id name age } }"
    data = fed.query(query)
    assert data == {
        "beneficiaries": [{"id": "p3", "name": "Cai Ling", "age": 21}, {"id": "p1", "name": "Ada Lovelace", "age": 75}]
    }
    assert fed.request_counts() == {"benefits": 2, "persons": 1}
    assert_plan(
        fed.plan(query),
        ["Fetch(benefits)", "Flatten(beneficiaries.@) Fetch(persons)", "Flatten(beneficiaries.@) Fetch(benefits)"],
    )


# ------------------------------------------------------------ requires with arguments


def _arguments_of(query: str, field_name: str) -> list[str]:
    """The printed arguments of every ``field_name`` field of an operation (sorted)."""
    found: list[str] = []

    class Collect(Visitor):
        def enter_field(self, node: FieldNode, *_args: object) -> None:
            if node.name.value == field_name:
                found.append(", ".join(print_ast(argument) for argument in node.arguments or ()))

    visit(parse(query), Collect())
    return sorted(found)


def test_two_requires_of_one_field_with_different_arguments(permits_fed):
    """feeNoticeUsd needs fee(currency: "USD"), feeNoticeEur fee(currency: "EUR"): both
    values are fetched from permits, and compliance gets each in its own batch."""
    data = permits_fed.query("{ permits { id feeNoticeUsd feeNoticeEur } }")
    assert data == {
        "permits": [
            {"id": "P-1", "feeNoticeUsd": "USD 110 due", "feeNoticeEur": "EUR 100 due"},
            {"id": "P-2", "feeNoticeUsd": "USD 275 due", "feeNoticeEur": "EUR 250 due"},
        ]
    }
    assert_subgraph_queries_valid(permits_fed)
    (permits_call,) = permits_fed["permits"].received
    assert _arguments_of(permits_call.query, "fee") == ['currency: "EUR"', 'currency: "USD"']
    calls = permits_fed["compliance"].entity_calls
    assert sorted((call.representations for call in calls), key=lambda reps: reps[0]["fee"]) == [
        [{"__typename": "Permit", "id": "P-1", "fee": 100}, {"__typename": "Permit", "id": "P-2", "fee": 250}],
        [{"__typename": "Permit", "id": "P-1", "fee": 110}, {"__typename": "Permit", "id": "P-2", "fee": 275}],
    ]


def test_client_argument_differs_from_both_requires(permits_fed):
    data = permits_fed.query('{ permits { id fee(currency: "GBP") feeNoticeUsd feeNoticeEur } }')
    assert data == {
        "permits": [
            {"id": "P-1", "fee": 85, "feeNoticeUsd": "USD 110 due", "feeNoticeEur": "EUR 100 due"},
            {"id": "P-2", "fee": 212, "feeNoticeUsd": "USD 275 due", "feeNoticeEur": "EUR 250 due"},
        ]
    }
    assert_subgraph_queries_valid(permits_fed)
    (permits_call,) = permits_fed["permits"].received
    assert _arguments_of(permits_call.query, "fee") == ['currency: "EUR"', 'currency: "GBP"', 'currency: "USD"']


LAST_THREE_P1 = [{"outcome": "pass"}, {"outcome": "pass"}, {"outcome": "fail"}]
LAST_THREE_P2 = [{"outcome": "pass"}, {"outcome": "pass"}, {"outcome": "pass"}]


def test_client_selects_required_field_with_other_arguments(permits_fed):
    """The client's inspections(last: 1) and the required inspections(last: 3) share a
    response key in the permits fetch: the gateway aliases one, answers the client's."""
    data = permits_fed.query("{ permits { id inspections(last: 1) { date } riskRating } }")
    assert data == {
        "permits": [
            {"id": "P-1", "inspections": [{"date": "2025-06-01"}], "riskRating": "elevated"},
            {"id": "P-2", "inspections": [{"date": "2025-05-10"}], "riskRating": "low"},
        ]
    }
    assert permits_fed.request_counts() == {"permits": 1, "compliance": 1}
    assert_subgraph_queries_valid(permits_fed)
    (permits_call,) = permits_fed["permits"].received
    assert _arguments_of(permits_call.query, "inspections") == ["last: 1", "last: 3"]
    (call,) = permits_fed["compliance"].entity_calls
    assert call.representations == [
        {"__typename": "Permit", "id": "P-1", "inspections": LAST_THREE_P1},
        {"__typename": "Permit", "id": "P-2", "inspections": LAST_THREE_P2},
    ]


def test_client_argument_from_variable_default_and_value(permits_fed):
    query = "query Risk($n: Int = 1) { permits { inspections(last: $n) { date outcome } riskRating } }"
    assert permits_fed.query(query) == {
        "permits": [
            {"inspections": [{"date": "2025-06-01", "outcome": "pass"}], "riskRating": "elevated"},
            {"inspections": [{"date": "2025-05-10", "outcome": "pass"}], "riskRating": "low"},
        ]
    }
    assert permits_fed.query(query, {"n": 4})["permits"][1] == {
        "inspections": [
            {"date": "2025-05-10", "outcome": "pass"},
            {"date": "2025-01-10", "outcome": "pass"},
            {"date": "2024-09-10", "outcome": "pass"},
            {"date": "2024-05-10", "outcome": "fail"},
        ],
        "riskRating": "low",
    }
    assert_subgraph_queries_valid(permits_fed)
    for call in permits_fed["compliance"].entity_calls:
        assert [rep["inspections"] for rep in call.representations] == [LAST_THREE_P1, LAST_THREE_P2]


def test_conflicting_arguments_in_two_named_fragments(permits_fed):
    query = """
    { permits { ...Recent ...Risk } }
    fragment Recent on Permit { inspections(last: 2) { date } }
    fragment Risk on Permit { id riskRating }
    """
    assert permits_fed.query(query) == {
        "permits": [
            {"inspections": [{"date": "2025-06-01"}, {"date": "2025-03-01"}], "id": "P-1", "riskRating": "elevated"},
            {"inspections": [{"date": "2025-05-10"}, {"date": "2025-01-10"}], "id": "P-2", "riskRating": "low"},
        ]
    }
    assert_subgraph_queries_valid(permits_fed)


def test_client_selects_exactly_the_required_field(permits_fed):
    data = permits_fed.query("{ permits { inspections(last: 3) { outcome } riskRating } }")
    assert data == {
        "permits": [
            {"inspections": LAST_THREE_P1, "riskRating": "elevated"},
            {"inspections": LAST_THREE_P2, "riskRating": "low"},
        ]
    }
    (permits_call,) = permits_fed["permits"].received
    # (the gateway currently fetches it twice, once under an internal alias: redundant, not wrong)
    assert set(_arguments_of(permits_call.query, "inspections")) == {"last: 3"}


def test_conflicting_arguments_in_entity_fetch_from_requiring_root(permits_fed):
    """compliance lists the permits; the hop to permits fetches fee twice and inspections
    twice (client and required arguments), then compliance again, once per fee variant."""
    query = "{ flaggedPermits { id holder inspections(last: 2) { date } riskRating feeNoticeEur feeNoticeUsd } }"
    data = permits_fed.query(query)
    assert data == {
        "flaggedPermits": [
            {
                "id": "P-2",
                "holder": "Bo Chen",
                "inspections": [{"date": "2025-05-10"}, {"date": "2025-01-10"}],
                "riskRating": "low",
                "feeNoticeEur": "EUR 250 due",
                "feeNoticeUsd": "USD 275 due",
            }
        ]
    }
    assert_subgraph_queries_valid(permits_fed)
    (permits_call,) = permits_fed["permits"].entity_calls
    assert _arguments_of(permits_call.query, "inspections") == ["last: 2", "last: 3"]
    assert _arguments_of(permits_call.query, "fee") == ['currency: "EUR"', 'currency: "USD"']
    reps = [rep for call in permits_fed["compliance"].entity_calls for rep in call.representations]
    assert {rep["fee"] for rep in reps if "fee" in rep} == {250, 275}
    assert [rep["inspections"] for rep in reps if "inspections" in rep] == [LAST_THREE_P2]
