"""The ``tongban`` command: serve a supergraph, or print the plan of an operation."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from graphql import GraphQLError, parse, validate

from .config import ConfigError, load_config
from .supergraph import SupergraphError, load_supergraph_file


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="tongban")
def main() -> None:
    """Tongban: a GraphQL federation gateway."""


@main.command()
@click.option(
    "--supergraph", "supergraph_path", required=True, type=click.Path(dir_okay=False), help="Supergraph SDL file."
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="YAML configuration file.")
@click.option("--host", help="Interface to listen on (default from config: 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default from config: 4000).")
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]))
def serve(supergraph_path: str, config_path: str | None, host: str | None, port: int | None, log_level: str) -> None:
    """Serve the supergraph over HTTP (GraphQL at /graphql, GraphiQL for browsers)."""
    import uvicorn

    from .pipeline import Gateway
    from .server.app import create_app

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(config_path)
        supergraph = load_supergraph_file(supergraph_path)
    except (ConfigError, SupergraphError) as error:
        _fail(str(error))
    gateway = Gateway(supergraph, config)
    app = create_app(gateway, graphql_path=config.server.graphql_path, graphiql=config.server.graphiql)
    uvicorn.run(
        app,
        host=host or config.server.host,
        port=port if port is not None else config.server.port,
        log_level=log_level,
        loop="uvloop",
        http="httptools",
        access_log=False,
    )


@main.command()
@click.option(
    "--supergraph", "supergraph_path", required=True, type=click.Path(dir_okay=False), help="Supergraph SDL file."
)
@click.option("--operation-name", help="Operation to plan when the document has several.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.argument("operation_file", type=click.Path(dir_okay=False))
def plan(supergraph_path: str, operation_name: str | None, as_json: bool, operation_file: str) -> None:
    """Print the query plan of the operation in OPERATION_FILE."""
    import json

    from .planner.planner import PlanningError, QueryPlanner

    try:
        supergraph = load_supergraph_file(supergraph_path)
        document = parse(Path(operation_file).read_text(encoding="utf-8"))
    except SupergraphError as error:
        _fail(str(error))
    except GraphQLError as error:
        _fail(f"{operation_file}: {error}")
    except OSError as error:
        _fail(f"cannot read {operation_file}: {error.strerror}")
    errors = validate(supergraph.api_schema, document)
    if errors:
        _fail("; ".join(error.message for error in errors))
    try:
        query_plan = QueryPlanner(supergraph).plan(document, operation_name)
    except (PlanningError, GraphQLError) as error:
        _fail(str(error))
    click.echo(json.dumps(query_plan.to_json(), indent=2) if as_json else query_plan.pretty(), nl=False)
