"""The two ways of arranging fetches: by path (lowest latency) and by level (fewest requests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from federation.harness import plan_outline
from graphql import parse

from gateway.composition import SubgraphSource, compose
from gateway.planner import QueryPlanner
from gateway.supergraph import load_supergraph, load_supergraph_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "supergraphs"
QUERY = """
{
  persons {
    household { address }
    licences { number penaltyPoints }
    employer { name vatRegistered }
  }
}
"""


@pytest.fixture(scope="module")
def supergraph():
    return load_supergraph_file(FIXTURES / "entities.graphql")


def test_by_path_each_branch_goes_on_alone(supergraph):
    plan = QueryPlanner(supergraph, fetch_batching="path").plan(parse(QUERY))
    assert plan_outline(plan.to_json()) == [
        "Fetch(persons)",
        {
            "Parallel": sorted(
                [
                    ["Flatten(persons.@.employer) Fetch(enterprises)", "Flatten(persons.@.employer) Fetch(tax)"],
                    "Flatten(persons.@.household) Fetch(households)",
                    ["Flatten(persons.@) Fetch(licences)", "Flatten(persons.@.licences.@) Fetch(enforcement)"],
                ],
                key=repr,
            )
        },
    ]


def test_by_level_one_stage_per_depth(supergraph):
    plan = QueryPlanner(supergraph, fetch_batching="level").plan(parse(QUERY))
    assert plan_outline(plan.to_json()) == [
        "Fetch(persons)",
        {
            "Parallel": sorted(
                [
                    "Flatten(persons.@.employer) Fetch(enterprises)",
                    "Flatten(persons.@.household) Fetch(households)",
                    "Flatten(persons.@) Fetch(licences)",
                ],
                key=repr,
            )
        },
        {
            "Parallel": sorted(
                ["Flatten(persons.@.employer) Fetch(tax)", "Flatten(persons.@.licences.@) Fetch(enforcement)"],
                key=repr,
            )
        },
    ]


FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n'


def test_by_level_merges_one_subgraph_across_branches():
    """Two root fields from different subgraphs lead to one entity type: by level, its
    fields come in one request for both branches; by path, one request per branch."""
    sources = [
        SubgraphSource(
            "a", "http://a.invalid", FED + 'type Query { left: [Item] } type Item @key(fields: "id") { id: ID! }'
        ),
        SubgraphSource(
            "b", "http://b.invalid", FED + 'type Query { right: [Item] } type Item @key(fields: "id") { id: ID! }'
        ),
        SubgraphSource("c", "http://c.invalid", FED + 'type Item @key(fields: "id") { id: ID! price: Int }'),
    ]
    result = compose(sources)
    assert result.ok, result.errors
    supergraph = load_supergraph(result.supergraph_sdl)
    query = parse("{ left { price } right { price } }")
    by_path = plan_outline(QueryPlanner(supergraph, fetch_batching="path").plan(query).to_json())
    by_level = plan_outline(QueryPlanner(supergraph, fetch_batching="level").plan(query).to_json())
    assert by_path == {
        "Parallel": [["Fetch(a)", "Flatten(left.@) Fetch(c)"], ["Fetch(b)", "Flatten(right.@) Fetch(c)"]]
    }
    assert by_level == [{"Parallel": ["Fetch(a)", "Fetch(b)"]}, "Flatten(left.@|right.@) Fetch(c)"]


def test_unknown_batching_is_refused(supergraph):
    with pytest.raises(ValueError, match="fetch_batching"):
        QueryPlanner(supergraph, fetch_batching="eager")
