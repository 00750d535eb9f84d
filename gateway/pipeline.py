"""The request pipeline: parse/validate → plan → execute → shape the response.

Each stage is its own module with a small interface; this module only strings them
together, caches what does not depend on the request (document, validation, plan), and
turns failures into GraphQL errors with the right outcome for the HTTP layer.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from cachetools import LRUCache
from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    VariableDefinitionNode,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from .config import GatewayConfig
from .dedupe import InFlight
from .execution.executor import PlanExecutor, SubgraphSettings
from .execution.response import ResponseShaper
from .executors.dedupe import DedupingTransport
from .executors.http import HttpTransport
from .executors.transport import Transport
from .introspection import execute_introspection
from .planner.operation import OperationNotFound, select_operation
from .planner.plan import QueryPlan
from .planner.planner import PlanningError, QueryPlanner
from .request import GraphQLRequest, GraphQLResponse, Outcome
from .supergraph.model import Supergraph

logger = logging.getLogger("tongban")

QUERY_PLAN_HEADERS = ("tongban-query-plan", "apollo-query-plan-experimental")


@dataclass(frozen=True)
class PreparedOperation:
    """A parsed, validated operation with its plan: shared by every request sending it."""

    document: DocumentNode
    definition: OperationDefinitionNode
    plan: QueryPlan

    @property
    def kind(self) -> OperationType:
        return self.definition.operation

    @property
    def variable_definitions(self) -> tuple[VariableDefinitionNode, ...]:
        return tuple(self.definition.variable_definitions or ())


class _RequestError(Exception):
    """The request fails before execution: no ``data`` in the response."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0]["message"] if errors else "request error")
        self.errors = errors


class _PlanningFailed(_RequestError):
    """A valid operation the subgraphs cannot serve: execution fails as a whole (``data: null``)."""


def _graphql_errors(errors: list[GraphQLError], code: str) -> list[dict[str, Any]]:
    formatted = []
    for error in errors:
        entry = error.formatted
        entry["message"] = entry["message"].replace("not to be None.", "not to be null.")
        entry["extensions"] = {**(entry.get("extensions") or {}), "code": code}
        formatted.append(entry)
    return formatted


def _label_percentage(label: str) -> float | None:
    """N of a ``percent(N)`` label, else None."""
    if label.startswith("percent(") and label.endswith(")"):
        try:
            return float(label[len("percent(") : -1])
        except ValueError:
            return None
    return None


def make_transport(config: GatewayConfig) -> Transport:
    transport: HttpTransport
    if config.transport.kind == "httpx":
        from .executors.http_httpx import HttpxTransport

        transport = HttpxTransport(config.transport.timeout, config.transport.max_connections)
    else:
        from .executors.http_aiohttp import AiohttpTransport

        transport = AiohttpTransport(config.transport.timeout, config.transport.max_connections)
    return DedupingTransport(transport) if config.traffic.dedupe_subgraph_requests else transport


class Gateway:
    """Serves client operations against one supergraph (see gateway.server.app.Pipeline)."""

    def __init__(
        self,
        supergraph: Supergraph,
        config: GatewayConfig | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.config = config or GatewayConfig()
        self.supergraph = supergraph
        self.transport = transport or make_transport(self.config)
        subgraph_settings = {
            name: SubgraphSettings(
                url=(self.config.subgraphs.get(name).url if name in self.config.subgraphs else None) or subgraph.url,
                timeout=self.config.subgraphs[name].timeout if name in self.config.subgraphs else None,
            )
            for name, subgraph in supergraph.subgraphs.items()
        }
        self.executor = PlanExecutor(supergraph, self.transport, subgraph_settings)
        self.shaper = ResponseShaper(supergraph.api_schema)
        self._planners: dict[frozenset[str], QueryPlanner] = {}
        # a bounded in-process LRU: plans hold AST objects (not shareable across replicas), and
        # aiocache's async get costs ~70 µs against ~0.3 µs here (measured), on every request
        self._prepared: LRUCache[tuple[str, str | None, frozenset[str]], PreparedOperation] = LRUCache(
            max(1, self.config.planner.cache_size)
        )
        self._in_flight: InFlight[dict[str, Any]] = InFlight()
        self.ready = True

    async def startup(self) -> None:
        logger.info("serving %d subgraphs: %s", len(self.supergraph.subgraphs), ", ".join(self.supergraph.subgraphs))

    async def shutdown(self) -> None:
        await self.transport.close()

    # --------------------------------------------------------------- stages

    def _override_labels(self) -> frozenset[str]:
        """Labels on for this request: configured on/off, or drawn with their percentage."""
        enabled: set[str] = set()
        for label in self.supergraph.override_labels:
            setting = self.config.override.labels.get(label)
            if isinstance(setting, bool):
                if setting:
                    enabled.add(label)
                continue
            percent = setting if setting is not None else _label_percentage(label)
            if percent and random.random() * 100 < percent:
                enabled.add(label)
        return frozenset(enabled)

    def _planner(self, labels: frozenset[str]) -> QueryPlanner:
        planner = self._planners.get(labels)
        if planner is None:
            planner = self._planners[labels] = QueryPlanner(self.supergraph, labels, self.config.planner.fetch_batching)
        return planner

    def prepare(self, query: str, operation_name: str | None, labels: frozenset[str]) -> PreparedOperation:
        """Parse, validate and plan, or raise :class:`_RequestError`; cached per document."""
        cache_key = (query, operation_name, labels)
        prepared = self._prepared.get(cache_key)
        if prepared is not None:
            return prepared
        try:
            document = parse(query)
        except GraphQLError as error:
            raise _RequestError(_graphql_errors([error], "GRAPHQL_PARSE_FAILED")) from error
        validation_errors = validate(self.supergraph.api_schema, document)
        if validation_errors:
            raise _RequestError(_graphql_errors(validation_errors, "GRAPHQL_VALIDATION_FAILED"))
        try:
            definition = select_operation(document, operation_name)
        except OperationNotFound as error:
            raise _RequestError(_graphql_errors([error], "OPERATION_NOT_FOUND")) from error
        try:
            plan = self._planner(labels).plan(document, operation_name)
        except PlanningError as error:
            logger.error("cannot plan operation: %s", error)
            raise _PlanningFailed(
                [{"message": f"Cannot plan operation: {error}", "extensions": {"code": "QUERY_PLANNING_FAILED"}}]
            ) from error
        prepared = PreparedOperation(document, definition, plan)
        if self.config.planner.cache_size:
            self._prepared[cache_key] = prepared
        return prepared

    def _varying(self, headers: Mapping[str, str]) -> tuple[str | None, ...]:
        """Values of the headers that may change a result: requests differing in them never share."""
        return tuple(headers.get(name) for name in self.config.traffic.vary_headers)

    def coerce_variables(self, prepared: PreparedOperation, raw: Mapping[str, Any] | None) -> dict[str, Any]:
        result = get_variable_values(self.supergraph.api_schema, prepared.variable_definitions, dict(raw or {}))
        if isinstance(result, list):
            raise _RequestError(_graphql_errors(result, "BAD_USER_INPUT"))
        return result.coerced

    # ---------------------------------------------------------------- entry

    async def handle(self, request: GraphQLRequest) -> GraphQLResponse:
        if not request.query:
            return GraphQLResponse.request_error("Must provide query string.")
        try:
            prepared = self.prepare(request.query, request.operation_name, self._override_labels())
            if request.http_method == "GET" and prepared.kind is not OperationType.QUERY:
                return GraphQLResponse.request_error(
                    f"Can only perform a {prepared.kind.value} operation from a POST request.",
                    code="METHOD_NOT_ALLOWED",
                    outcome=Outcome.METHOD_NOT_ALLOWED,
                )
            variables = self.coerce_variables(prepared, request.variables)
        except _PlanningFailed as error:
            return GraphQLResponse({"data": None, "errors": error.errors})
        except _RequestError as error:
            return GraphQLResponse({"errors": error.errors}, Outcome.REQUEST_ERROR)
        if self.config.traffic.dedupe_inbound and prepared.kind is OperationType.QUERY:
            key = (id(prepared), orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), self._varying(request.headers))
            shared = await self._in_flight.run(key, lambda: self.execute(prepared, variables, request.headers))
            payload = dict(shared)  # waiters share the result, not the envelope
        else:
            payload = await self.execute(prepared, variables, request.headers)
        if self.config.planner.expose_query_plan and any(request.headers.get(h) for h in QUERY_PLAN_HEADERS):
            payload.setdefault("extensions", {})["queryPlan"] = prepared.plan.to_json()
        return GraphQLResponse(payload)

    async def execute(
        self, prepared: PreparedOperation, variables: dict[str, Any], headers: Mapping[str, str]
    ) -> dict[str, Any]:
        plan = prepared.plan
        state = await self.executor.execute(plan, variables, headers)
        if plan.has_introspection:
            introspected, introspection_errors = execute_introspection(
                self.supergraph.api_schema, prepared.document, prepared.definition, variables
            )
            state.data.update(introspected)
            state.errors.extend(introspection_errors)
        root_type = self.supergraph.api_schema.get_root_type(prepared.kind)
        assert root_type is not None
        data = self.shaper.complete(root_type, plan.operation.selections, state.data, variables, state.errors)
        payload: dict[str, Any] = {"data": data}
        if state.errors:
            payload["errors"] = state.errors
        return payload
