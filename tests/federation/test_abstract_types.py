"""Interfaces and unions across subgraphs: members resolved elsewhere, partial unions, and
fragments on members a subgraph does not know; shareable fields whose type is narrower in
one subgraph; union members not common to every subgraph able to serve a shareable path."""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import assert_subgraph_queries_valid
from .scenarios.abstract_types import SCENARIO
from .scenarios.narrowed_types import SCENARIO as HOLDINGS_SCENARIO
from .scenarios.partial_unions import SCENARIO as CASES_SCENARIO

fed = scenario_fixture(SCENARIO)
#: library/archive: ``featured``/``Shelf.pick`` typed ``Book`` in library, ``Holding`` elsewhere
holdings_fed = scenario_fixture(HOLDINGS_SCENARIO)
#: intake/appeals: ``union Event`` with different members under a shareable path
cases_fed = scenario_fixture(CASES_SCENARIO)


def test_interface_field_resolved_by_other_subgraph(fed):
    data = fed.query("{ applications { id applicant { __typename id displayName } } }")
    assert data == {
        "applications": [
            {"id": "a1", "applicant": {"__typename": "Enterprise", "id": "e1", "displayName": "Harbour Logistics Ltd"}},
            {"id": "a2", "applicant": {"__typename": "Person", "id": "p2", "displayName": "Bo Chen"}},
            {"id": "a3", "applicant": {"__typename": "Person", "id": "p1", "displayName": "Ada Lovelace"}},
        ]
    }
    assert fed.request_counts() == {"applications": 1, "registry": 1}
    assert fed["registry"].entity_calls[0].representations == [
        {"__typename": "Enterprise", "id": "e1"},
        {"__typename": "Person", "id": "p2"},
        {"__typename": "Person", "id": "p1"},
    ]


def test_member_specific_fields_on_interface(fed):
    data = fed.query(
        "{ applications { applicant { ... on Person { birthYear } ... on Enterprise { registeredAt } } } }"
    )
    assert data == {
        "applications": [
            {"applicant": {"registeredAt": "Edinburgh"}},
            {"applicant": {"birthYear": 1990}},
            {"applicant": {"birthYear": 1950}},
        ]
    }


def test_fields_of_one_member_from_another_subgraph(fed):
    data = fed.query("{ applicants { displayName ... on Person { vehicles { plate make } } } }")
    assert data == {
        "applicants": [
            {
                "displayName": "Ada Lovelace",
                "vehicles": [{"plate": "SC-101", "make": "Volvo"}, {"plate": "SC-202", "make": "Skoda"}],
            },
            {"displayName": "Harbour Logistics Ltd"},
            {"displayName": "Bo Chen", "vehicles": []},
        ]
    }
    assert fed.request_counts() == {"registry": 1, "vehicles": 1}
    # only the persons are sent to vehicles
    assert fed["vehicles"].entity_calls[0].representations == [
        {"__typename": "Person", "id": "p1"},
        {"__typename": "Person", "id": "p2"},
    ]


def test_partial_union_fragment_on_member_unknown_to_subgraph(fed):
    """registry's Subject has no Vehicle: the Vehicle fragment must not reach it."""
    data = fed.query(
        "{ subjects { __typename ... on Person { id } ... on Enterprise { id displayName } ... on Vehicle { plate } } }"
    )
    assert data == {
        "subjects": [
            {"__typename": "Enterprise", "id": "e1", "displayName": "Harbour Logistics Ltd"},
            {"__typename": "Person", "id": "p2"},
        ]
    }
    assert fed.request_counts() == {"registry": 1}
    assert "Vehicle" not in fed["registry"].queries[0]


def test_partial_union_other_side(fed):
    data = fed.query(
        "{ subjectsOfInterest { __typename ... on Vehicle { plate owner { displayName } } "
        "... on Person { displayName } ... on Enterprise { registeredAt } } }"
    )
    assert data == {
        "subjectsOfInterest": [
            {"__typename": "Vehicle", "plate": "SC-303", "owner": None},
            {"__typename": "Person", "displayName": "Ada Lovelace"},
            {"__typename": "Vehicle", "plate": "SC-101", "owner": {"displayName": "Ada Lovelace"}},
        ]
    }
    assert "Enterprise" not in fed["vehicles"].queries[0]
    # the same person reached twice is sent once
    assert fed["registry"].entity_calls[0].representations == [{"__typename": "Person", "id": "p1"}]


def test_interface_fragment_inside_union(fed):
    """``... on Applicant`` in a Subject selection: vehicles' Person does not implement it."""
    data = fed.query("{ subjectsOfInterest { ... on Applicant { id displayName } ... on Vehicle { make } } }")
    assert data == {
        "subjectsOfInterest": [
            {"make": "Fiat"},
            {"id": "p1", "displayName": "Ada Lovelace"},
            {"make": "Volvo"},
        ]
    }


def test_typename_only_on_abstract_fields(fed):
    data = fed.query("{ applications { applicant { __typename } } subjects { __typename } }")
    assert data == {
        "applications": [
            {"applicant": {"__typename": "Enterprise"}},
            {"applicant": {"__typename": "Person"}},
            {"applicant": {"__typename": "Person"}},
        ],
        "subjects": [{"__typename": "Enterprise"}, {"__typename": "Person"}],
    }
    assert fed.request_counts() == {"applications": 1, "registry": 1}
    assert fed["registry"].entity_calls == []


# ------------------------------------------- field type narrower in one subgraph


def test_fragments_on_other_members_not_sent_where_type_is_narrower(holdings_fed):
    query = """
    { featured { __typename ... on Book { isbn title } ... on Recording { duration } ... on Periodical { issue } } }
    """
    data = holdings_fed.query(query)
    assert data == {"featured": {"__typename": "Book", "isbn": "978-1", "title": "Harbour Lights"}}
    assert sum(holdings_fed.request_counts().values()) == 1
    assert_subgraph_queries_valid(holdings_fed)


def test_narrower_root_field_chosen_for_a_field_only_it_has(holdings_fed):
    """``pages`` exists only in library, where ``featured`` is a ``Book``: the Recording
    fragment must go, and the answer is still a Book for the client's ``Holding``."""
    data = holdings_fed.query("{ featured { ... on Book { title pages } ... on Recording { duration } } }")
    assert data == {"featured": {"title": "Harbour Lights", "pages": 312}}
    assert holdings_fed.request_counts() == {"library": 1}
    assert_subgraph_queries_valid(holdings_fed)
    assert "Recording" not in holdings_fed["library"].queries[0]


def test_narrower_field_inside_value_type_served_by_that_subgraph(holdings_fed):
    """``librarian`` pins the shelf to library, whose ``pick`` is a ``Book``."""
    query = """
    {
      shelf {
        librarian
        pick { ... on Book { title pages } ... on Recording { duration } ... on Periodical { issue } }
      }
    }
    """
    data = holdings_fed.query(query)
    assert data == {"shelf": {"librarian": "Ines Moreau", "pick": {"title": "Harbour Lights", "pages": 312}}}
    assert holdings_fed.request_counts() == {"library": 1}
    assert_subgraph_queries_valid(holdings_fed)
    assert "Recording" not in holdings_fed["library"].queries[0]
    assert "Periodical" not in holdings_fed["library"].queries[0]


def test_narrower_field_with_typename(holdings_fed):
    query = "{ shelf { librarian pick { __typename ... on Book { isbn } ... on Periodical { issue } } } }"
    data = holdings_fed.query(query)
    assert data == {"shelf": {"librarian": "Ines Moreau", "pick": {"__typename": "Book", "isbn": "978-1"}}}
    assert_subgraph_queries_valid(holdings_fed)


def test_wider_field_in_other_subgraph_keeps_its_own_members(holdings_fed):
    """``curator`` pins the shelf to archive: its Holding has Recording, not Periodical."""
    query = """
    {
      shelf {
        curator
        pick { ... on Recording { duration } ... on Book { title } ... on Periodical { issue } }
      }
    }
    """
    data = holdings_fed.query(query)
    assert data == {"shelf": {"curator": "Tomas Berg", "pick": {"title": "Harbour Lights"}}}
    assert holdings_fed.request_counts() == {"archive": 1}
    assert_subgraph_queries_valid(holdings_fed)
    assert "Periodical" not in holdings_fed["archive"].queries[0]


def test_value_type_split_with_narrower_field(holdings_fed):
    query = """
    {
      shelf {
        librarian
        curator
        pick { __typename ... on Book { title } ... on Recording { id } }
        recent { __typename ... on Periodical { issue } ... on Recording { id } ... on Book { isbn } }
      }
    }
    """
    data = holdings_fed.query(query)
    assert data == {
        "shelf": {
            "librarian": "Ines Moreau",
            "curator": "Tomas Berg",
            "pick": {"__typename": "Book", "title": "Harbour Lights"},
            "recent": [{"__typename": "Periodical", "issue": 42}, {"__typename": "Book", "isbn": "978-1"}],
        }
    }
    assert holdings_fed.request_counts() == {"library": 1, "archive": 1}
    assert_subgraph_queries_valid(holdings_fed)


# ------------------------------------------- partial unions under shareable paths

EVENTS = "events { __typename ... on Note { text } ... on Hearing { court } ... on Ruling { judge } }"


def test_partial_union_under_shareable_path_fetches_common_members_only(cases_fed):
    """``Case.timeline`` may be served by intake or appeals: only ``Note`` is in both
    unions, so only its fields are fetched; the Hearing keeps its typename, court is null."""
    data = cases_fed.query(f"{{ intakeCase {{ timeline {{ {EVENTS} }} }} }}")
    assert data == {
        "intakeCase": {
            "timeline": {"events": [{"__typename": "Note", "text": "Filed"}, {"__typename": "Hearing", "court": None}]}
        }
    }
    assert cases_fed.request_counts() == {"intake": 1}
    (query,) = cases_fed["intake"].queries
    assert "Hearing" not in query and "Ruling" not in query
    assert_subgraph_queries_valid(cases_fed)


def test_partial_union_from_the_other_root(cases_fed):
    data = cases_fed.query(f"{{ appealsCase {{ timeline {{ {EVENTS} }} }} }}")
    assert data == {
        "appealsCase": {
            "timeline": {"events": [{"__typename": "Note", "text": "Filed"}, {"__typename": "Ruling", "judge": None}]}
        }
    }
    assert cases_fed.request_counts() == {"appeals": 1}
    assert_subgraph_queries_valid(cases_fed)


def test_partial_union_only_non_common_members_selected(cases_fed):
    query = "{ intakeCase { timeline { events { __typename ... on Ruling { judge } ... on Hearing { court } } } } }"
    data = cases_fed.query(query)
    assert data == {
        "intakeCase": {"timeline": {"events": [{"__typename": "Note"}, {"__typename": "Hearing", "court": None}]}}
    }
    assert cases_fed.request_counts() == {"intake": 1}


def test_partial_union_under_shareable_root(cases_fed):
    data = cases_fed.query(f"{{ sharedCase {{ id timeline {{ {EVENTS} }} }} }}")
    (served,) = cases_fed.request_counts()
    other_member = {
        "intake": {"__typename": "Hearing", "court": None},
        "appeals": {"__typename": "Ruling", "judge": None},
    }
    assert data == {
        "sharedCase": {
            "id": "K-2",
            "timeline": {"events": [{"__typename": "Note", "text": "Withdrawn"}, other_member[served]]},
        }
    }
    assert cases_fed.request_counts() == {served: 1}


def test_entity_hop_to_single_subgraph_uses_its_own_members(cases_fed):
    """``appealTimeline`` exists only in appeals: after the hop, Ruling is fetched too."""
    query = f"{{ intakeCase {{ appealTimeline {{ {EVENTS} }} }} }}"
    data = cases_fed.query(query)
    assert data == {
        "intakeCase": {
            "appealTimeline": {
                "events": [{"__typename": "Ruling", "judge": "Judge Okafor"}, {"__typename": "Note", "text": "Lodged"}]
            }
        }
    }
    assert cases_fed.request_counts() == {"intake": 1, "appeals": 1}
    assert cases_fed["appeals"].entity_calls[0].representations == [{"__typename": "Case", "id": "K-1"}]
    assert "Hearing" not in cases_fed["appeals"].queries[0]
    assert_subgraph_queries_valid(cases_fed)


def test_single_subgraph_field_and_shareable_field_side_by_side(cases_fed):
    data = cases_fed.query(f"{{ appealsCase {{ id appealTimeline {{ {EVENTS} }} timeline {{ {EVENTS} }} }} }}")
    assert data == {
        "appealsCase": {
            "id": "K-1",
            "appealTimeline": {
                "events": [{"__typename": "Ruling", "judge": "Judge Okafor"}, {"__typename": "Note", "text": "Lodged"}]
            },
            "timeline": {"events": [{"__typename": "Note", "text": "Filed"}, {"__typename": "Ruling", "judge": None}]},
        }
    }
    assert cases_fed.request_counts() == {"appeals": 1}
