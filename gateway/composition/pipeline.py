"""The composition pipeline: build, upgrade, validate, merge, check, print.

(Not named ``compose.py``: a submodule of that name would shadow the package's ``compose``
function once imported.)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graphql import GraphQLError, build_ast_schema, parse, validate_schema
from graphql.validation.validate import validate_sdl

from . import CompositionResult, SubgraphSource
from .inaccessible import validate_inaccessible
from .issues import Reporter
from .merge import Merger
from .printer import print_supergraph
from .satisfiability import check_satisfiability
from .subgraph import Subgraph, build_subgraph, element_coordinates, is_graphql_17_only
from .upgrade import upgrade_subgraphs
from .validate import validate_subgraph

logger = logging.getLogger("tongban.composition")


def _result(reporter: Reporter, sdl: str | None = None) -> CompositionResult:
    if reporter.errors:
        return CompositionResult(None, tuple(reporter.errors), tuple(reporter.hints))
    return CompositionResult(sdl, (), tuple(reporter.hints))


def compose(sources: Sequence[SubgraphSource]) -> CompositionResult:
    try:
        return _compose(sources)
    except Exception as error:  # a bug of ours must not take a hot re-composition down
        logger.exception("composition failed unexpectedly")
        reporter = Reporter()
        reporter.error(
            "COMPOSITION_INTERNAL_ERROR",
            f"Tongban's composer failed unexpectedly: {type(error).__name__}: {error}",
            [s.name for s in sources],
        )
        return _result(reporter)


def _compose(sources: Sequence[SubgraphSource]) -> CompositionResult:
    reporter = Reporter()
    if not sources:
        reporter.error("NO_QUERIES", "No subgraphs to compose: a supergraph must have a query root type.")
        return _result(reporter)
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            reporter.error("INVALID_SUBGRAPH_NAME", f"A subgraph named {source.name} already exists", [source.name])
        seen.add(source.name)
    if reporter.errors:
        return _result(reporter)

    # 1. every subgraph on its own: GraphQL validity, then federation rules (Federation 2 ones)
    subgraphs: list[Subgraph] = []
    for source in sources:
        before = len(reporter.errors)
        subgraph = build_subgraph(source.name, source.url, source.sdl, reporter)
        if subgraph is None or len(reporter.errors) > before:
            continue
        if not subgraph.fed1:
            validate_subgraph(subgraph, reporter)
        subgraphs.append(subgraph)
    if reporter.errors:
        return _result(reporter)
    subgraphs.sort(key=lambda s: s.name)

    # 2. Federation 1 subgraphs get Federation 2 semantics
    upgraded = [s for s in subgraphs if s.fed1]
    upgrade_subgraphs(subgraphs, reporter)
    if reporter.errors:
        return _result(reporter)
    for subgraph in upgraded:
        validate_subgraph(subgraph, reporter)
    if reporter.errors:
        return _result(reporter)

    # 3. merge
    merger = Merger(subgraphs, reporter)
    result = merger.merge()
    if result is None or reporter.errors:
        return _result(reporter)
    sdl = print_supergraph(result)

    # 4. the supergraph must be valid GraphQL, and valid once inaccessible elements are removed
    try:
        document = parse(sdl)
        errors = list(validate_sdl(document)) or list(
            validate_schema(build_ast_schema(document, assume_valid_sdl=True))
        )
    except GraphQLError as error:
        errors = [error]
    except TypeError as error:
        errors = [GraphQLError(str(error))]
    for error in errors:
        if not is_graphql_17_only(error.message):
            reporter.error("INVALID_GRAPHQL", error.message, (), element_coordinates(document, error))
    if reporter.errors:
        return _result(reporter)
    validate_inaccessible(result.supergraph, merger.inaccessible, subgraphs, reporter)
    if reporter.errors:
        return _result(reporter)

    # 5. every query of the API schema can be planned over the subgraphs
    check_satisfiability(result, subgraphs, merger, reporter)
    return _result(reporter, sdl)
