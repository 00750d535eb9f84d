"""Build the ASGI app ``tongban serve`` runs, in the CLI process or in each worker.

With several workers uvicorn imports :func:`app_from_environment` in every worker process;
the CLI passes its options through one environment variable after checking them itself.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

from starlette.applications import Starlette

from .config import load_config
from .reload import build_pipeline
from .server.app import create_app

ENVIRONMENT_KEY = "TONGBAN_SERVE_OPTIONS"


@dataclass(frozen=True)
class ServeOptions:
    config_path: str | None
    supergraph_path: str | None
    watch: bool


def build_app(options: ServeOptions) -> Starlette:
    """Raises ConfigError, SupergraphError, SourceError or CompositionFailed on bad input."""
    config = load_config(options.config_path)
    pipeline = build_pipeline(config, options.supergraph_path, options.watch)
    return create_app(pipeline, graphql_path=config.server.graphql_path, graphiql=config.server.graphiql)


def export_options(options: ServeOptions) -> None:
    os.environ[ENVIRONMENT_KEY] = json.dumps(asdict(options))


def app_from_environment() -> Starlette:
    """uvicorn's app factory in worker processes."""
    return build_app(ServeOptions(**json.loads(os.environ[ENVIRONMENT_KEY])))
