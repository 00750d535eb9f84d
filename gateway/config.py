"""Gateway configuration: a YAML file checked by pydantic, every field with a default.

``subgraphs`` serves two uses. With a supergraph file (``serve --supergraph``) an entry
overrides what the supergraph records for that subgraph (``url``, ``timeout``). Without one
(``serve --config``, ``compose``, ``check --subgraph``) the entries *are* the subgraphs to
compose: each needs a ``url`` and takes its SDL from ``sdl_file`` or, without one, from
``{ _service { sdl } }`` at that URL. Either a mapping by name or a list with ``name``::

    subgraphs:
      - name: people
        url: http://people.internal:4001/graphql
      - name: tax
        url: http://tax.internal:4002/graphql
        sdl_file: schemas/tax.graphql     # relative to this file
        timeout: 5
    supergraph:
      poll_interval: 10                   # seconds between re-reads of SDLs / --watch file
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


_SUBGRAPH_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class SubgraphConfig(_Strict):
    #: where the gateway sends this subgraph's requests; with a supergraph file, overrides
    #: the URL recorded there; when composing, also where the SDL is fetched from
    url: str | None = None
    #: seconds before a request to this subgraph is abandoned (SDL fetches included)
    timeout: float | None = Field(default=None, gt=0)
    #: composing only: read the SDL from this file (relative to the config file) instead
    #: of asking the running subgraph
    sdl_file: Path | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"{url!r} is not an http:// or https:// URL")
        return url

    @field_validator("sdl_file")
    @classmethod
    def _relative_to_config(cls, path: Path | None, info: ValidationInfo) -> Path | None:
        base = (info.context or {}).get("base_dir")
        if path is not None and base is not None and not path.is_absolute():
            return Path(base) / path
        return path


class ServerConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=4000, ge=0, le=65535)
    graphql_path: str = "/graphql"
    graphiql: bool = True
    #: processes serving requests (each with its own caches and connection pool)
    workers: int = Field(default=1, ge=1)


class TransportConfig(_Strict):
    kind: Literal["aiohttp", "httpx"] = "aiohttp"
    #: default per-request timeout in seconds
    timeout: float = Field(default=30.0, gt=0)
    max_connections: int = Field(default=100, ge=1)


class PlannerConfig(_Strict):
    #: operations (parsed, validated, planned) kept in memory
    cache_size: int = Field(default=1000, ge=0)
    #: return the plan in ``extensions.queryPlan`` when the request has this header
    expose_query_plan: bool = True
    #: "path": each fetch starts as soon as its own inputs are merged (lowest latency);
    #: "level": one request per subgraph per dependency level (fewest subgraph requests)
    fetch_batching: Literal["level", "path"] = "path"


class OverrideConfig(_Strict):
    """Progressive ``@override(label:)``: which labels are on.

    A label listed with ``true``/``false`` is on/off; with a number it is drawn per request
    with that percentage. ``percent(N)`` labels not listed are drawn with N %.
    """

    labels: dict[str, bool | float] = Field(default_factory=dict)

    @field_validator("labels", mode="before")
    @classmethod
    def _on_off_or_percentage(cls, labels: Any) -> Any:
        if not isinstance(labels, dict):
            return labels
        for label, value in labels.items():
            valid = isinstance(value, bool) or (isinstance(value, int | float) and 0 <= value <= 100)
            if not valid:
                raise ValueError(f"{label}: expected true, false or a percentage between 0 and 100, not {value!r}")
        return labels


class TrafficConfig(_Strict):
    #: identical queries in flight at once share one execution (mutations never do)
    dedupe_inbound: bool = True
    #: identical subgraph requests in flight at once share one round trip (never mutations)
    dedupe_subgraph_requests: bool = True
    #: request headers (lower case) whose values must match for requests to share
    vary_headers: tuple[str, ...] = ("authorization", "cookie", "tongban-query-plan", "apollo-query-plan-experimental")


class SupergraphConfig(_Strict):
    #: seconds between polls: of the subgraphs' SDLs when composing, of the file with --watch
    poll_interval: float = Field(default=10.0, gt=0)


class GatewayConfig(_Strict):
    server: ServerConfig = Field(default_factory=ServerConfig)
    subgraphs: dict[str, SubgraphConfig] = Field(default_factory=dict)
    supergraph: SupergraphConfig = Field(default_factory=SupergraphConfig)
    transport: TransportConfig = Field(default_factory=TransportConfig)
    planner: PlannerConfig = Field(default_factory=PlannerConfig)
    traffic: TrafficConfig = Field(default_factory=TrafficConfig)
    override: OverrideConfig = Field(default_factory=OverrideConfig)

    @field_validator("subgraphs", mode="before")
    @classmethod
    def _subgraph_list(cls, value: Any) -> Any:
        """Accept a list of entries with ``name`` as well as a mapping by name."""
        if value is None:
            return {}
        if not isinstance(value, list):
            return value
        by_name: dict[str, Any] = {}
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise ValueError(f"entry {index + 1} must be a mapping with a name")
            entry = dict(entry)
            name = entry.pop("name", None)
            if not isinstance(name, str) or not name:
                raise ValueError(f"entry {index + 1} has no name")
            if name in by_name:
                raise ValueError(f"subgraph {name!r} is listed twice")
            by_name[name] = entry
        return by_name

    @field_validator("subgraphs")
    @classmethod
    def _subgraph_names(cls, value: dict[str, SubgraphConfig]) -> dict[str, SubgraphConfig]:
        for name in value:
            if not _SUBGRAPH_NAME.fullmatch(name):
                raise ValueError(f"subgraph name {name!r} must be letters, digits, _ or -, starting with a letter or _")
        return value

    def subgraphs_to_compose(self) -> dict[str, SubgraphConfig]:
        """The subgraphs to compose, each with a URL; :class:`ConfigError` otherwise."""
        if not self.subgraphs:
            raise ConfigError("the config lists no subgraphs to compose (add a 'subgraphs' list)")
        missing = [name for name, subgraph in self.subgraphs.items() if subgraph.url is None]
        if missing:
            raise ConfigError(
                "; ".join(f"subgraphs.{name}: a url is needed to compose (requests go there)" for name in missing)
            )
        return dict(self.subgraphs)


def load_config(path: str | Path | None) -> GatewayConfig:
    if path is None:
        return GatewayConfig()
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from error
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping")
    try:
        return GatewayConfig.model_validate(raw, context={"base_dir": path.resolve().parent})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc'])}: {issue['msg'].removeprefix('Value error, ')}"
            for issue in error.errors()
        )
        raise ConfigError(f"{path}: {problems}") from error
