"""Walk a query plan: send its fetches, merge their answers into one response tree.

The executor knows nothing of HTTP: fetches go through a :class:`Transport`. Errors of a
fetch never fail the request; they are reported with the client-facing path and the
fields that fetch should have filled stay empty (the response shaper turns them to null).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import GraphQLObjectType, GraphQLSchema

from ..executors.transport import SubgraphError, SubgraphRequest, Transport
from ..planner.plan import (
    ConditionNode,
    FetchNode,
    FlattenNode,
    InputFragment,
    ParallelNode,
    PlanNode,
    QueryPlan,
    SequenceNode,
)
from ..supergraph.model import Supergraph
from .merge import LinkedPath, context_value, deep_merge, listed, objects_at, representation, undo_renames
from .typeconditions import TypeConditions


@dataclass
class SubgraphSettings:
    url: str
    timeout: float | None = None


@dataclass
class ExecutionState:
    variables: Mapping[str, Any]
    headers: Mapping[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    subgraph_requests: int = 0


class PlanExecutor:
    def __init__(
        self,
        supergraph: Supergraph,
        transport: Transport,
        subgraphs: Mapping[str, SubgraphSettings] | None = None,
    ) -> None:
        self.supergraph = supergraph
        self.schema: GraphQLSchema = supergraph.schema
        self.transport = transport
        self.subgraphs = dict(subgraphs or {})
        for name, subgraph in supergraph.subgraphs.items():
            self.subgraphs.setdefault(name, SubgraphSettings(url=subgraph.url))
        self._matches = TypeConditions(self.schema).applies

    async def execute(
        self, plan: QueryPlan, variables: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> ExecutionState:
        state = ExecutionState(variables=variables, headers=headers or {})
        if plan.node is not None:
            await self._run(plan.node, state)
        return state

    async def _run(self, node: PlanNode, state: ExecutionState) -> None:
        if isinstance(node, SequenceNode):
            for child in node.nodes:
                await self._run(child, state)
        elif isinstance(node, ParallelNode):
            await asyncio.gather(*(self._run(child, state) for child in node.nodes))
        elif isinstance(node, FlattenNode):
            await self._fetch_entities(node, state)
        elif isinstance(node, FetchNode):
            await self._fetch_root(node, state)
        elif isinstance(node, ConditionNode):
            branch = node.if_clause if state.variables.get(node.variable) else node.else_clause
            if branch is not None:
                await self._run(branch, state)

    # ------------------------------------------------------------------ fetches

    def _variables_for(self, fetch: FetchNode, state: ExecutionState) -> dict[str, Any]:
        return {name: state.variables[name] for name in fetch.variable_usages if name in state.variables}

    async def _send(self, fetch: FetchNode, variables: dict[str, Any], state: ExecutionState) -> dict[str, Any] | None:
        settings = self.subgraphs[fetch.subgraph]
        request = SubgraphRequest(
            subgraph=fetch.subgraph,
            url=settings.url,
            query=fetch.operation,
            variables=variables,
            headers={},
            timeout=settings.timeout,
            shareable=fetch.operation_kind == "query",
        )
        state.subgraph_requests += 1
        try:
            return await self.transport.send(request)
        except SubgraphError as error:
            state.errors.append(
                {"message": str(error), "extensions": {"code": error.code, "serviceName": fetch.subgraph}}
            )
            return None

    async def _fetch_root(self, fetch: FetchNode, state: ExecutionState) -> None:
        response = await self._send(fetch, self._variables_for(fetch, state), state)
        if response is None:
            return
        data = response.get("data")
        if isinstance(data, dict):
            undo_renames(data, fetch.output_renames, self._is_concrete)
            deep_merge(state.data, data, self._is_concrete)
        for error in _errors_of(response):
            state.errors.append(_with_service(error, fetch.subgraph))

    async def _fetch_entities(self, node: FlattenNode, state: ExecutionState) -> None:
        """One ``_entities`` request for the distinct representations found at the path
        (one per distinct ``@fromContext`` value set, when the fetch takes any)."""
        fetch = node.node
        assert fetch.requires is not None
        found = (item for path in node.paths for item in objects_at(state.data, path))
        if not fetch.context_variables:
            batch = _EntityBatch({})
            for obj, path in found:
                batch.add_object(obj, path, fetch.requires, self._matches)
            if batch.representations:
                await self._send_entities(fetch, batch, state)
            return
        batches: dict[bytes, _EntityBatch] = {}
        for obj, path in found:
            context = {name: context_value(obj, selections) for name, selections in fetch.context_variables}
            batch = batches.get(context_key := orjson.dumps(context, option=orjson.OPT_SORT_KEYS))
            if batch is None:
                batch = batches[context_key] = _EntityBatch(context)
            batch.add_object(obj, path, fetch.requires, self._matches)
        await asyncio.gather(
            *(self._send_entities(fetch, batch, state) for batch in batches.values() if batch.representations)
        )

    async def _send_entities(self, fetch: FetchNode, batch: _EntityBatch, state: ExecutionState) -> None:
        variables = self._variables_for(fetch, state)
        variables.update(batch.context)
        variables["representations"] = batch.representations
        response = await self._send(fetch, variables, state)
        if response is None:
            return
        data = response.get("data")
        entities = data.get("_entities") if isinstance(data, dict) else None
        if isinstance(entities, list):
            undo_renames(entities, fetch.output_renames, self._is_concrete)
            for index, entity in enumerate(entities[: len(batch.targets)]):
                if isinstance(entity, dict):
                    for obj, _ in batch.targets[index]:
                        deep_merge(obj, entity, self._is_concrete)
        for error in _errors_of(response):
            state.errors.extend(_entity_errors(error, fetch.subgraph, batch.targets))

    # ------------------------------------------------------------------ types

    def _is_concrete(self, typename: Any) -> bool:
        return isinstance(self.schema.get_type(typename) if isinstance(typename, str) else None, GraphQLObjectType)


def _identity(rep: dict[str, Any]) -> Hashable:
    """Equal for equal representations: the items themselves when flat (the usual key)."""
    items = tuple(rep.items())
    try:
        hash(items)
    except TypeError:
        return orjson.dumps(rep, option=orjson.OPT_SORT_KEYS)
    return items


class _EntityBatch:
    """Distinct representations of one ``_entities`` request, with the objects each fills."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.representations: list[dict[str, Any]] = []
        self.targets: list[list[tuple[dict[str, Any], LinkedPath]]] = []
        self._index: dict[Hashable, int] = {}

    def add_object(
        self,
        obj: dict[str, Any],
        path: LinkedPath,
        inputs: tuple[InputFragment, ...],
        matches: Callable[[str, str], bool],
    ) -> None:
        """Add the object's representation, unless an equal one is in already."""
        typename = obj.get("__typename")
        flat = inputs[0].flat_fields if len(inputs) == 1 and inputs[0].type_condition == typename else None
        if flat is not None:  # the usual case: identity from the key values, no dict built
            identity: Hashable = (typename, *(obj.get(key, _ABSENT) for _, key in flat))
            if _ABSENT in identity:
                return
            index = self._index.get(identity)
            if index is None:
                rep = {name: obj[key] for name, key in flat}
                if inputs[0].typename_as is not None:
                    rep["__typename"] = inputs[0].typename_as
                index = self._new(identity, rep)
        else:
            rep = representation(obj, inputs, matches)
            if rep is None:
                return
            identity = _identity(rep)
            index = self._index.get(identity)
            if index is None:
                index = self._new(identity, rep)
        self.targets[index].append((obj, path))

    def _new(self, identity: Hashable, rep: dict[str, Any]) -> int:
        index = self._index[identity] = len(self.representations)
        self.representations.append(rep)
        self.targets.append([])
        return index


_ABSENT = object()


def _errors_of(response: dict[str, Any]) -> list[dict[str, Any]]:
    errors = response.get("errors")
    if not isinstance(errors, list):
        return []
    return [error if isinstance(error, dict) else {"message": str(error)} for error in errors]


def _with_service(error: dict[str, Any], subgraph: str) -> dict[str, Any]:
    result = {key: value for key, value in error.items() if key != "locations"}
    result.setdefault("message", "Subgraph error")
    extensions = dict(result.get("extensions") or {})
    extensions.setdefault("serviceName", subgraph)
    result["extensions"] = extensions
    return result


def _entity_errors(
    error: dict[str, Any], subgraph: str, targets: list[list[tuple[dict[str, Any], LinkedPath]]]
) -> list[dict[str, Any]]:
    """Rewrite ``["_entities", i, ...]`` paths to the client paths of entity ``i``."""
    base = _with_service(error, subgraph)
    path = error.get("path")
    if not (isinstance(path, list) and len(path) >= 2 and path[0] == "_entities" and isinstance(path[1], int)):
        base.pop("path", None)
        return [base]
    index = path[1]
    if index >= len(targets):
        base.pop("path", None)
        return [base]
    return [{**base, "path": [*listed(client_path), *path[2:]]} for _, client_path in targets[index]]
