"""End-to-end federation harness: real subgraphs and the real gateway on loopback sockets.

* :class:`SdlSubgraph` — a subgraph from an SDL string and resolver functions, executed by
  graphql-core with the federation plumbing (``_service``, ``_entities``, ``_Any``,
  ``_Entity``) added. Used where Strawberry cannot express a feature (``@interfaceObject``,
  Federation 1 ``extend type`` SDL, odd keys, ``@external`` with ``@provides``...).
* :class:`StrawberrySubgraph` — a ``strawberry.federation.Schema`` served by Strawberry's
  own ASGI app.
* Every subgraph app is wrapped in :class:`Recorder`, which keeps the operations it
  received (tests assert on fetch counts and ``_entities`` batches) and can be switched to
  misbehave (HTTP 500, non-JSON garbage, slowness) for the error tests.
* :class:`ServerLoop` runs all uvicorn servers (subgraphs and gateways) on one asyncio
  loop in a background thread; :class:`Federation` is one scenario up and running: its
  subgraphs, a gateway (``Gateway`` + ``create_app``) on a free port and an HTTP client.

Supergraphs are not composed here: they are committed fixtures (tests/fixtures/supergraphs,
see tests/fixtures/README.md) whose subgraph URLs are replaced by the loopback ones through
``GatewayConfig.subgraphs``.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    SchemaExtensionNode,
    build_ast_schema,
    graphql,
    parse,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SUPERGRAPHS = FIXTURES / "supergraphs"

#: the URL a subgraph has in the committed supergraph files; replaced at test time
PLACEHOLDER_URL = "http://{name}.subgraph.invalid/graphql"

Resolver = Callable[..., Any]


# ---------------------------------------------------------------------------- recording


@dataclass
class Received:
    """One GraphQL request a subgraph received."""

    query: str
    variables: dict[str, Any]
    operation_name: str | None
    headers: dict[str, str]

    @property
    def is_entities(self) -> bool:
        return "_entities" in self.query

    @property
    def representations(self) -> list[dict[str, Any]]:
        return list(self.variables.get("representations") or [])


class Recorder:
    """ASGI middleware in front of a subgraph: records requests, can misbehave on demand.

    ``mode``: None (normal), ``"http500"`` (plain-text 500), ``"garbage"`` (200 with an HTML
    body), ``"json500"`` (500 carrying a GraphQL error body), ``"slow"`` (sleeps ``delay``
    seconds, then answers normally).
    """

    def __init__(self, name: str, app: Callable[..., Awaitable[None]]) -> None:
        self.name = name
        self.app = app
        self.received: list[Received] = []
        self.mode: str | None = None
        self.delay = 2.0

    def reset(self) -> None:
        self.received.clear()
        self.mode = None
        self.delay = 2.0

    # queries for tests
    @property
    def queries(self) -> list[str]:
        return [r.query for r in self.received]

    @property
    def entity_calls(self) -> list[Received]:
        return [r for r in self.received if r.is_entities]

    @property
    def root_calls(self) -> list[Received]:
        return [r for r in self.received if not r.is_entities]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if scope["method"] == "POST" and body:
            try:
                payload = json.loads(body)
            except ValueError:
                payload = {}
            if isinstance(payload, dict) and "query" in payload:
                headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
                self.received.append(
                    Received(payload["query"], payload.get("variables") or {}, payload.get("operationName"), headers)
                )
        mode = self.mode
        if mode == "http500":
            await _plain(send, 500, b"Internal Server Error", b"text/plain")
            return
        if mode == "garbage":
            await _plain(send, 200, b"<html><body>Service temporarily unavailable</body></html>", b"text/html")
            return
        if mode == "json500":
            error = json.dumps({"errors": [{"message": f"{self.name} is overloaded"}]}).encode()
            await _plain(send, 500, error, b"application/json")
            return
        if mode == "slow":
            await asyncio.sleep(self.delay)

        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()  # like a client that keeps the connection open
            return {"type": "http.disconnect"}

        await self.app(scope, replay, send)


async def _plain(send: Any, status: int, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------------------- subgraphs


class Subgraph:
    """A subgraph definition: a name, its federation SDL and an ASGI app serving it."""

    name: str

    @property
    def sdl(self) -> str:
        raise NotImplementedError

    def asgi(self) -> Callable[..., Awaitable[None]]:
        raise NotImplementedError


_FEDERATION_TYPES = """
scalar _Any
type _Service { sdl: String }
"""


def _directive_names(node: Any) -> set[str]:
    return {d.name.value for d in node.directives or ()}


def _key_is_resolvable(directive: Any) -> bool:
    for argument in directive.arguments or ():
        if argument.name.value == "resolvable":
            return getattr(argument.value, "value", True) is not False
    return True


class SdlSubgraph(Subgraph):
    """A subgraph executed by graphql-core from its SDL.

    ``resolvers``: ``{"Type": {"field": fn(parent, info, **args)}}`` (fields without one
    read the key of the parent dict). ``entities``: ``{"Type": fn(representation)}``
    returning the entity as a dict (``__typename`` defaults to the representation's),
    ``None`` when not found, or an ``Exception`` for an error on that entity alone.
    Abstract types resolve through the ``__typename`` key of the object. Functions may be
    coroutine functions.
    """

    def __init__(
        self,
        name: str,
        sdl: str,
        resolvers: Mapping[str, Mapping[str, Resolver]] | None = None,
        entities: Mapping[str, Resolver] | None = None,
    ) -> None:
        self.name = name
        self._sdl = sdl
        self.resolvers = resolvers or {}
        self.entities = entities or {}
        self.schema = self._build()

    @property
    def sdl(self) -> str:
        return self._sdl

    def _build(self) -> GraphQLSchema:
        document = parse(self._sdl)
        defined = {
            d.name.value
            for d in document.definitions
            if isinstance(d, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode)
        }
        definitions: list[Any] = []
        entity_types: list[str] = []
        for definition in document.definitions:
            if isinstance(definition, SchemaExtensionNode):
                continue  # @link: meaningless to execution
            if isinstance(definition, ObjectTypeExtensionNode | InterfaceTypeExtensionNode):
                name = definition.name.value
                if name not in defined:  # Federation 1 "extend type" of a type owned elsewhere
                    defined.add(name)
                    node_class = (
                        ObjectTypeDefinitionNode
                        if isinstance(definition, ObjectTypeExtensionNode)
                        else InterfaceTypeDefinitionNode
                    )
                    definition = node_class(
                        name=definition.name,
                        directives=definition.directives,
                        interfaces=definition.interfaces,
                        fields=definition.fields,
                    )
            if isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode):
                keys = [d for d in definition.directives or () if d.name.value == "key"]
                if keys and definition.name.value not in entity_types:
                    entity_types.append(definition.name.value)
            definitions.append(definition)
        extra = _FEDERATION_TYPES
        if "Query" not in defined:
            extra += "type Query { _service: _Service! }\n"
        else:
            extra += "extend type Query { _service: _Service! }\n"
        if entity_types:
            extra += f"union _Entity = {' | '.join(entity_types)}\n"
            extra += "extend type Query { _entities(representations: [_Any!]!): [_Entity]! }\n"
        full = DocumentNode(definitions=(*definitions, *parse(extra).definitions))
        schema = build_ast_schema(full, assume_valid_sdl=True)
        for type_name, fields in self.resolvers.items():
            type_ = schema.get_type(type_name)
            assert isinstance(type_, GraphQLObjectType | GraphQLInterfaceType), type_name
            for field_name, resolver in fields.items():
                type_.fields[field_name].resolve = resolver
        for type_ in schema.type_map.values():
            if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
                type_.resolve_type = _resolve_type
        query = schema.query_type
        assert query is not None
        query.fields["_service"].resolve = lambda _obj, _info: {"sdl": self._sdl}
        if entity_types:
            query.fields["_entities"].resolve = self._resolve_entities
        return schema

    async def _resolve_entities(self, _obj: Any, _info: Any, representations: list[dict[str, Any]]) -> list[Any]:
        results: list[Any] = []
        for representation in representations:
            typename = representation.get("__typename")
            resolver = self.entities.get(typename)
            if resolver is None:
                results.append(GraphQLError(f"{self.name} cannot resolve entities of type {typename!r}"))
                continue
            try:
                entity = resolver(representation)
                if inspect.isawaitable(entity):
                    entity = await entity
            except Exception as error:
                entity = error
            if isinstance(entity, dict):
                entity = {"__typename": typename, **entity}
            results.append(entity)
        return results

    def asgi(self) -> Callable[..., Awaitable[None]]:
        schema = self.schema

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                return
            body = b""
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            try:
                payload = json.loads(body)
                query = payload["query"]
            except (ValueError, KeyError, TypeError):
                await _plain(send, 400, b'{"errors":[{"message":"bad request"}]}', b"application/json")
                return
            result = await graphql(
                schema,
                query,
                variable_values=payload.get("variables"),
                operation_name=payload.get("operationName"),
            )
            response: dict[str, Any] = {}
            if result.errors:
                response["errors"] = [error.formatted for error in result.errors]
            response["data"] = result.data
            await _plain(send, 200, json.dumps(response).encode(), b"application/json")

        return app


def _resolve_type(obj: Any, _info: Any, _type: Any) -> str | None:
    return obj.get("__typename") if isinstance(obj, dict) else getattr(obj, "__typename", None)


class StrawberrySubgraph(Subgraph):
    """A ``strawberry.federation.Schema`` served by Strawberry's ASGI app."""

    def __init__(self, name: str, schema: Any) -> None:
        self.name = name
        self.schema = schema

    @property
    def sdl(self) -> str:
        result = self.schema.execute_sync("{ _service { sdl } }")
        assert result.errors is None, result.errors
        return result.data["_service"]["sdl"]

    def asgi(self) -> Callable[..., Awaitable[None]]:
        from strawberry.asgi import GraphQL

        return GraphQL(self.schema, graphql_ide=None)


@dataclass
class Scenario:
    """Subgraphs composing into ``tests/fixtures/supergraphs/<name>.graphql``.

    ``fed1_legacy``: also compose with the Federation 1 composer into ``<name>-legacy.graphql``.
    """

    name: str
    subgraphs: list[Subgraph]
    fed1_legacy: bool = False

    def supergraph_path(self, variant: str = "") -> Path:
        return SUPERGRAPHS / f"{self.name}{variant}.graphql"


# ---------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_url() -> str:
    """A loopback URL nothing listens on (a subgraph that is down)."""
    return f"http://127.0.0.1:{free_port()}/graphql"


@dataclass
class Served:
    server: uvicorn.Server
    task: asyncio.Task[None]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"


class ServerLoop:
    """One asyncio loop in a daemon thread running every uvicorn server of the session."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="federation-servers", daemon=True)
        self.thread.start()

    def run(self, coroutine: Awaitable[Any], timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)  # type: ignore[arg-type]

    def serve(self, app: Any, lifespan: str = "off") -> Served:
        return self.run(self._serve(app, lifespan))

    async def _serve(self, app: Any, lifespan: str) -> Served:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            app, lifespan=lifespan, log_level="warning", access_log=False, timeout_graceful_shutdown=1
        )
        server = uvicorn.Server(config)
        task = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
        deadline = time.monotonic() + 10
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("server stopped during startup")
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            await asyncio.sleep(0.005)
        return Served(server, task, port)

    def stop(self, *served: Served) -> None:
        async def stop_all() -> None:
            for one in served:
                one.server.should_exit = True
            await asyncio.gather(*(one.task for one in served), return_exceptions=True)

        self.run(stop_all())

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


# ---------------------------------------------------------------------------- gateway


class GatewayClient:
    """A gateway served by uvicorn, and an HTTP client for it."""

    def __init__(self, loop: ServerLoop, served: Served) -> None:
        self.loop = loop
        self.served = served
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{served.port}", timeout=20)

    def post(self, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> httpx.Response:
        return self.http.post("/graphql", json=body, headers={"accept": "application/json", **(headers or {})})

    def execute(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """The full response body (``data``/``errors``/``extensions``)."""
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = dict(variables)
        if operation_name is not None:
            body["operationName"] = operation_name
        response = self.post(body, headers)
        assert response.status_code == 200, (response.status_code, response.text)
        return response.json()

    def query(self, query: str, variables: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        """``data`` of an operation expected to succeed without errors."""
        result = self.execute(query, variables, **kwargs)
        assert "errors" not in result, result["errors"]
        return result["data"]

    def plan(self, query: str, variables: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        result = self.execute(query, variables, headers={"tongban-query-plan": "1"}, **kwargs)
        return result["extensions"]["queryPlan"]

    def close(self) -> None:
        self.http.close()
        self.loop.stop(self.served)


def start_gateway(
    loop: ServerLoop,
    supergraph_path: Path,
    urls: Mapping[str, str],
    timeouts: Mapping[str, float] | None = None,
    override_labels: Mapping[str, bool] | None = None,
    traffic: Mapping[str, Any] | None = None,
) -> GatewayClient:
    from gateway.config import GatewayConfig, OverrideConfig, SubgraphConfig, TrafficConfig
    from gateway.pipeline import Gateway
    from gateway.server.app import create_app
    from gateway.supergraph import load_supergraph_file

    supergraph = load_supergraph_file(supergraph_path)
    timeouts = timeouts or {}
    config = GatewayConfig(
        subgraphs={name: SubgraphConfig(url=url, timeout=timeouts.get(name)) for name, url in urls.items()},
        override=OverrideConfig(labels=dict(override_labels or {})),
        traffic=TrafficConfig(**(traffic or {})),
    )
    config.transport.timeout = 10
    app = create_app(Gateway(supergraph, config), graphiql=False)
    return GatewayClient(loop, loop.serve(app, lifespan="on"))


@dataclass(repr=False)
class Federation:
    """A scenario up and running: subgraph recorders by name, the gateway, its client."""

    scenario: Scenario
    loop: ServerLoop
    subgraphs: dict[str, Recorder]
    served: dict[str, Served]
    gateway: GatewayClient

    def __repr__(self) -> str:
        return f"<Federation {self.scenario.name}: {', '.join(self.subgraphs)}>"

    # shortcuts to the main gateway
    def execute(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self.gateway.execute(*args, **kwargs)

    def query(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self.gateway.query(*args, **kwargs)

    def plan(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self.gateway.plan(*args, **kwargs)

    def __getitem__(self, name: str) -> Recorder:
        return self.subgraphs[name]

    @property
    def urls(self) -> dict[str, str]:
        return {name: served.url for name, served in self.served.items()}

    def reset(self) -> None:
        for recorder in self.subgraphs.values():
            recorder.reset()

    def request_counts(self) -> dict[str, int]:
        """Requests received per subgraph (subgraphs that got none are left out)."""
        return {name: len(r.received) for name, r in self.subgraphs.items() if r.received}

    @contextmanager
    def variant(
        self,
        urls: Mapping[str, str] | None = None,
        timeouts: Mapping[str, float] | None = None,
        override_labels: Mapping[str, bool] | None = None,
        supergraph_variant: str = "",
        traffic: Mapping[str, Any] | None = None,
    ) -> Iterator[GatewayClient]:
        """Another gateway over the same subgraphs, with some URLs/timeouts/labels/traffic settings changed."""
        client = start_gateway(
            self.loop,
            self.scenario.supergraph_path(supergraph_variant),
            {**self.urls, **(urls or {})},
            timeouts,
            override_labels,
            traffic,
        )
        try:
            yield client
        finally:
            client.close()


def start_federation(loop: ServerLoop, scenario: Scenario, supergraph_variant: str = "") -> Federation:
    recorders = {sub.name: Recorder(sub.name, sub.asgi()) for sub in scenario.subgraphs}
    served = {name: loop.serve(recorder) for name, recorder in recorders.items()}
    urls = {name: s.url for name, s in served.items()}
    gateway = start_gateway(loop, scenario.supergraph_path(supergraph_variant), urls)
    return Federation(scenario, loop, recorders, served, gateway)


def stop_federation(federation: Federation) -> None:
    federation.gateway.http.close()
    federation.loop.stop(federation.gateway.served, *federation.served.values())


# ---------------------------------------------------------------------------- plans


def plan_outline(plan: dict[str, Any] | None) -> Any:
    """A query plan reduced to its shape: kinds, subgraphs and flatten paths.

    Fetch -> ``"Fetch(name)"``; Flatten -> ``"Flatten(path|path...) Fetch(name)"``; Sequence ->
    list; Parallel -> ``{"Parallel": sorted children}``; Condition -> ``{"if $v": ...}``.
    Operation strings are left out so the tests do not depend on how the planner prints.
    """
    if plan is None:
        return None
    if plan.get("kind") == "QueryPlan":
        return plan_outline(plan.get("node"))
    kind = plan["kind"]
    if kind == "Fetch":
        return f"Fetch({plan['serviceName']})"
    if kind == "Flatten":
        paths = "|".join(".".join(path) for path in plan.get("paths", [plan["path"]]))
        return f"Flatten({paths}) {plan_outline(plan['node'])}"
    if kind == "Sequence":
        return [plan_outline(node) for node in plan["nodes"]]
    if kind == "Parallel":
        return {"Parallel": sorted((plan_outline(node) for node in plan["nodes"]), key=repr)}
    if kind == "Condition":
        return {
            f"if ${plan['condition']}": plan_outline(plan.get("ifClause")),
            "else": plan_outline(plan.get("elseClause")),
        }
    raise AssertionError(f"unknown plan node {kind}")


def fetches(plan: dict[str, Any] | None) -> list[str]:
    """Subgraph names of every fetch in the plan, in document order."""
    if not plan:
        return []
    result: list[str] = []
    if plan.get("kind") == "Fetch":
        result.append(plan["serviceName"])
    for key in ("node", "ifClause", "elseClause"):
        if isinstance(plan.get(key), dict):
            result.extend(fetches(plan[key]))
    for node in plan.get("nodes") or ():
        result.extend(fetches(node))
    return result


def error_names_subgraph(error: Mapping[str, Any], subgraph: str) -> bool:
    extensions = error.get("extensions") or {}
    return extensions.get("serviceName") == subgraph or subgraph in str(error.get("message", ""))


def _normalize_outline(outline: Any) -> Any:
    if isinstance(outline, list):
        return [_normalize_outline(item) for item in outline]
    if isinstance(outline, dict):
        if set(outline) == {"Parallel"}:
            return {"Parallel": sorted((_normalize_outline(item) for item in outline["Parallel"]), key=repr)}
        return {key: _normalize_outline(value) for key, value in outline.items()}
    return outline


def assert_plan(plan: dict[str, Any], expected: Any) -> None:
    """The plan has the outline ``expected`` (see :func:`plan_outline`; Parallel order is free)."""
    assert plan_outline(plan) == _normalize_outline(expected), plan


# ---------------------------------------------------------------------------- subgraph queries


def subgraph_schema(federation: Federation, name: str) -> GraphQLSchema:
    """The executable schema of subgraph ``name`` (SDL or Strawberry)."""
    for subgraph in federation.scenario.subgraphs:
        if subgraph.name == name:
            schema = subgraph.schema
            return schema if isinstance(schema, GraphQLSchema) else schema._schema
    raise KeyError(name)


def assert_subgraph_queries_valid(federation: Federation, *names: str) -> None:
    """Every operation the named subgraphs (default: all) received passes graphql-core
    validation against that subgraph's own schema."""
    from graphql import validate

    for name in names or tuple(federation.subgraphs):
        schema = subgraph_schema(federation, name)
        for received in federation.subgraphs[name].received:
            errors = validate(schema, parse(received.query))
            assert not errors, (name, received.query, [error.message for error in errors])


def aliased_fields(query: str) -> list[tuple[str, str]]:
    """``(alias, field name)`` of every aliased field of an operation, in document order."""
    from graphql import FieldNode, visit
    from graphql.language import Visitor

    found: list[tuple[str, str]] = []

    class Collect(Visitor):
        def enter_field(self, node: FieldNode, *_args: Any) -> None:
            if node.alias is not None:
                found.append((node.alias.value, node.name.value))

    visit(parse(query), Collect())
    return found
