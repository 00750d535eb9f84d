"""Internal aliases: members of a union/interface declaring one field with different
nullability in the same subgraph (``Citizen.id: ID!`` vs ``Agency.id: ID`` in registry).

The client's selection is valid against the supergraph (both ``ID``) but the fragments
would conflict in registry's schema; the gateway must alias one of them in the subgraph
operation and give the value back under the client's response key, at any depth.
"""

from __future__ import annotations

from .conftest import scenario_fixture
from .harness import aliased_fields, assert_subgraph_queries_valid
from .scenarios.internal_aliases import SCENARIO

fed = scenario_fixture(SCENARIO)


def _registry_query(fed) -> str:
    (query,) = fed["registry"].queries
    return query


def test_conflicting_nullability_in_union_fragments(fed):
    query = """
    {
      citizens { id name }
      parties {
        ... on Citizen { id name }
        ... on Agency { id name }
      }
    }
    """
    data = fed.query(query)
    assert data == {
        "citizens": [{"id": "c2", "name": "Bo Chen"}, {"id": "c1", "name": "Ada Lovelace"}],
        "parties": [{"id": "c1", "name": "Ada Lovelace"}, {"id": "g1", "name": "Harbour Authority"}],
    }
    assert fed.request_counts() == {"census": 1, "registry": 2}
    assert_subgraph_queries_valid(fed)
    (root_call,) = fed["registry"].root_calls
    # the gateway renamed at least one side of the conflict (its choice which)
    assert {name for _alias, name in aliased_fields(root_call.query)} == {"id"}
    assert fed["registry"].entity_calls[0].representations == [
        {"__typename": "Citizen", "id": "c2"},
        {"__typename": "Citizen", "id": "c1"},
    ]


def test_two_conflicting_fields_and_client_aliases(fed):
    query = """
    {
      parties {
        ... on Citizen { ref: reference code: id }
        ... on Agency { ref: reference code: id }
      }
    }
    """
    data = fed.query(query)
    assert data == {"parties": [{"ref": "NI-1001", "code": "c1"}, {"ref": None, "code": "g1"}]}
    assert fed.request_counts() == {"registry": 1}
    assert_subgraph_queries_valid(fed)
    # the client's own aliases collide too (ref: String! vs ref: String): one side renamed
    assert {name for _alias, name in aliased_fields(_registry_query(fed))} == {"reference", "id"}


def test_conflicting_fragments_on_interface(fed):
    query = "{ contacts { name ... on Citizen { id reference } ... on Agency { id reference } } }"
    data = fed.query(query)
    assert data == {
        "contacts": [
            {"name": "Roads Office", "id": "g2", "reference": "AG-7"},
            {"name": "Bo Chen", "id": "c2", "reference": "NI-1002"},
        ]
    }
    assert fed.request_counts() == {"registry": 1}
    assert_subgraph_queries_valid(fed)


def test_interface_field_selected_on_interface_needs_no_alias(fed):
    data = fed.query("{ contacts { __typename id reference } }")
    assert data == {
        "contacts": [
            {"__typename": "Agency", "id": "g2", "reference": "AG-7"},
            {"__typename": "Citizen", "id": "c2", "reference": "NI-1002"},
        ]
    }
    assert_subgraph_queries_valid(fed)


NESTED = """
query NestedOnce {
  parties {
    ... on Citizen { id linked { ... on Citizen { id name } ... on Agency { id name } } }
    ... on Agency { id linked { ... on Citizen { id name } ... on Agency { id name } } }
  }
}
"""


def test_internal_alias_one_level_deep(fed):
    data = fed.query(NESTED)
    assert data == {
        "parties": [
            {"id": "c1", "linked": [{"id": "g1", "name": "Harbour Authority"}, {"id": "c2", "name": "Bo Chen"}]},
            {"id": "g1", "linked": [{"id": "c2", "name": "Bo Chen"}, {"id": "g2", "name": "Roads Office"}]},
        ]
    }
    assert fed.request_counts() == {"registry": 1}
    assert_subgraph_queries_valid(fed)


DEEPLY_NESTED = """
query NestedTwice {
  parties {
    ...PartyFields
    ... on Citizen {
      linked { ...PartyFields ... on Citizen { linked { ...PartyFields } } ... on Agency { linked { ...PartyFields } } }
    }
    ... on Agency {
      linked { ...PartyFields ... on Citizen { linked { ...PartyFields } } ... on Agency { linked { ...PartyFields } } }
    }
  }
}

fragment PartyFields on Party {
  __typename
  ... on Citizen { id reference }
  ... on Agency { id reference }
}
"""


def test_internal_alias_two_levels_deep(fed):
    data = fed.query(DEEPLY_NESTED)
    c1 = {"__typename": "Citizen", "id": "c1", "reference": "NI-1001"}
    c2 = {"__typename": "Citizen", "id": "c2", "reference": "NI-1002"}
    g1 = {"__typename": "Agency", "id": "g1", "reference": None}
    g2 = {"__typename": "Agency", "id": "g2", "reference": "AG-7"}
    assert data == {
        "parties": [
            {**c1, "linked": [{**g1, "linked": [c2, g2]}, {**c2, "linked": [c1]}]},
            {**g1, "linked": [{**c2, "linked": [c1]}, {**g2, "linked": []}]},
        ]
    }
    assert fed.request_counts() == {"registry": 1}
    assert_subgraph_queries_valid(fed)


def test_deep_selection_without_conflict_is_sent_unaliased(fed):
    """Only ``name`` (String! in both members): nothing to rename."""
    query = """
    {
      parties {
        ... on Citizen { name linked { ... on Citizen { name } ... on Agency { name } } }
        ... on Agency { name linked { ... on Citizen { name } ... on Agency { name } } }
      }
    }
    """
    data = fed.query(query)
    assert data == {
        "parties": [
            {"name": "Ada Lovelace", "linked": [{"name": "Harbour Authority"}, {"name": "Bo Chen"}]},
            {"name": "Harbour Authority", "linked": [{"name": "Bo Chen"}, {"name": "Roads Office"}]},
        ]
    }
    assert aliased_fields(_registry_query(fed)) == []
    assert_subgraph_queries_valid(fed)


def test_entity_fetch_with_conflicting_fragments(fed):
    """From census to registry: the conflict sits inside the ``_entities`` selection."""
    query = "{ citizens { id linked { ... on Citizen { id } ... on Agency { id } } } }"
    data = fed.query(query)
    assert data == {
        "citizens": [{"id": "c2", "linked": [{"id": "c1"}]}, {"id": "c1", "linked": [{"id": "g1"}, {"id": "c2"}]}]
    }
    assert fed.request_counts() == {"census": 1, "registry": 1}
    assert_subgraph_queries_valid(fed)
    (call,) = fed["registry"].entity_calls
    assert {name for _alias, name in aliased_fields(call.query)} == {"id"}
