"""Gateway configuration: a YAML file checked by pydantic, every field with a default."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SubgraphConfig(_Strict):
    #: overrides the URL recorded in the supergraph
    url: str | None = None
    #: seconds before a request to this subgraph is abandoned
    timeout: float | None = Field(default=None, gt=0)


class ServerConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=4000, ge=0, le=65535)
    graphql_path: str = "/graphql"
    graphiql: bool = True


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


class OverrideConfig(_Strict):
    """Progressive ``@override(label:)``: which labels are on.

    ``percent(N)`` labels are drawn per request with probability N %; other labels are
    on when listed here with ``true``.
    """

    labels: dict[str, bool] = Field(default_factory=dict)


class GatewayConfig(_Strict):
    server: ServerConfig = Field(default_factory=ServerConfig)
    subgraphs: dict[str, SubgraphConfig] = Field(default_factory=dict)
    transport: TransportConfig = Field(default_factory=TransportConfig)
    planner: PlannerConfig = Field(default_factory=PlannerConfig)
    override: OverrideConfig = Field(default_factory=OverrideConfig)


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
        return GatewayConfig.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc'])}: {issue['msg']}" for issue in error.errors()
        )
        raise ConfigError(f"{path}: {problems}") from error
