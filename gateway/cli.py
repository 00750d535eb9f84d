"""The ``tongban`` command: serve, compose and check supergraphs, print the plan of an operation."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn

import click
from graphql import GraphQLError, parse, validate

from .config import ConfigError, load_config
from .supergraph import SupergraphError, load_supergraph, load_supergraph_file


def _fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


@click.group()
@click.version_option(package_name="tongban")
def main() -> None:
    """Tongban: a GraphQL federation gateway."""


@main.command()
@click.option("--supergraph", "supergraph_path", type=click.Path(dir_okay=False), help="Supergraph SDL file.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="YAML configuration file; without --supergraph, its subgraphs are composed and polled.",
)
@click.option("--watch", is_flag=True, help="Reload the --supergraph file when it changes (supergraph.poll_interval).")
@click.option("--host", help="Interface to listen on (default from config: 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default from config: 4000).")
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default from config: 1).")
def serve(
    supergraph_path: str | None,
    config_path: str | None,
    watch: bool,
    host: str | None,
    port: int | None,
    log_level: str,
    workers: int | None,
) -> None:
    """Serve the supergraph over HTTP (GraphQL at /graphql, GraphiQL for browsers).

    Either a supergraph file (--supergraph, reloaded on change with --watch), or the
    subgraphs listed in --config: composed at start-up, then re-composed when their SDL
    changes. A reload that fails keeps the current supergraph serving.
    """
    import uvicorn

    from .reload import CompositionFailed
    from .serve import ServeOptions, build_app, export_options
    from .sources import SourceError, format_issue

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))  # one line per SDL poll
    if supergraph_path is None and config_path is None:
        _fail("give --supergraph FILE, or --config FILE listing the subgraphs to compose")
    if watch and supergraph_path is None:
        _fail("--watch needs --supergraph FILE (composed subgraphs are polled every supergraph.poll_interval)")
    options = ServeOptions(config_path, supergraph_path, watch)
    try:
        config = load_config(config_path)
        if supergraph_path is not None:
            ignored = [name for name, sub in config.subgraphs.items() if sub.sdl_file is not None]
            if ignored:
                click.echo(f"warning: sdl_file of {', '.join(ignored)} unused: serving {supergraph_path}", err=True)
        app = build_app(options)  # also checks everything before any worker starts
    except (ConfigError, SupergraphError) as error:
        _fail(str(error))
    except SourceError as error:
        _fail(f"cannot compose at start-up: {error}")
    except CompositionFailed as failure:
        for issue in failure.errors:
            click.echo(format_issue("error", issue), err=True)
        _fail(f"{failure}; the gateway does not start")
    workers = workers or config.server.workers
    settings = {
        "host": host or config.server.host,
        "port": port if port is not None else config.server.port,
        "log_level": log_level,
        "loop": "uvloop",
        "http": "httptools",
        "access_log": False,
    }
    if workers == 1:
        uvicorn.run(app, **settings)
    else:
        export_options(options)
        uvicorn.run("gateway.serve:app_from_environment", factory=True, workers=workers, **settings)


@main.command()
@click.option(
    "--config", "config_path", required=True, type=click.Path(dir_okay=False), help="Config listing subgraphs."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the supergraph here (default: stdout).")
def compose(config_path: str, output: str | None) -> None:
    """Compose the subgraphs listed in the config into a supergraph SDL.

    Each subgraph's SDL comes from its sdl_file, or from { _service { sdl } } at its url.
    Errors and hints go to stderr; the exit status is 1 on any error.
    """
    from .composition import compose as compose_subgraphs
    from .sources import SourceError, format_issue, load_sources

    try:
        config = load_config(config_path)
        sources = load_sources(config)
    except ConfigError as error:
        _fail(str(error))
    except SourceError as error:
        for name, reason in error.failures.items():
            click.echo(f"error: subgraph {name!r}: {reason}", err=True)
        _fail(f"cannot compose: the SDL of {len(error.failures)} subgraph(s) is unavailable")
    result = compose_subgraphs(sources)
    for hint in result.hints:
        click.echo(format_issue("hint", hint), err=True)
    for issue in result.errors:
        click.echo(format_issue("error", issue), err=True)
    if not result.ok or result.supergraph_sdl is None:
        _fail(f"composition failed with {len(result.errors)} error(s)")
    try:
        load_supergraph(result.supergraph_sdl, source_name="composed supergraph")
    except SupergraphError as error:
        _fail(f"the composed supergraph does not load: {error}")
    sdl = result.supergraph_sdl if result.supergraph_sdl.endswith("\n") else result.supergraph_sdl + "\n"
    if output is None:
        click.echo(sdl, nl=False)
    else:
        try:
            Path(output).write_text(sdl, encoding="utf-8")
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror}")
        click.echo(f"composed {len(sources)} subgraphs into {output}", err=True)


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


#: exit status of ``check`` when it cannot compare (bad input, unreachable subgraph)
CHECK_UNABLE = 2


@main.command()
@click.argument("old", required=False, type=click.Path(dir_okay=False))
@click.argument("new", required=False, type=click.Path(dir_okay=False))
@click.option("--supergraph", "current", type=click.Path(dir_okay=False), help="The supergraph now served.")
@click.option("--subgraph", "changed", multiple=True, metavar="NAME=SDL_FILE", help="A subgraph's proposed SDL.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config listing the subgraphs.")
@click.option("--safe", "show_safe", is_flag=True, help="Also list safe changes.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def check(
    old: str | None,
    new: str | None,
    current: str | None,
    changed: tuple[str, ...],
    config_path: str | None,
    show_safe: bool,
    as_json: bool,
) -> None:
    """Report client-facing changes between two supergraphs' API schemas.

    \b
      tongban check OLD.graphql NEW.graphql
      tongban check --supergraph CURRENT.graphql --subgraph NAME=SDL_FILE --config FILE

    The second form re-composes the config's subgraphs with NAME's SDL replaced. Exit
    status: 0 no breaking change, 1 breaking changes (or the change does not compose),
    2 the check could not run.
    """
    import json

    from .checks import compare_supergraphs, count

    if old and new and not (current or changed):
        old_sdl, new_sdl = _read(old), _read(new)
        old_name, new_name = old, new
    elif current and changed and config_path and not old:
        old_sdl, old_name = _read(current), current
        new_sdl, new_name = _recompose(old_sdl, current, changed, config_path), "re-composed supergraph"
    else:
        raise click.UsageError("give OLD NEW, or --supergraph CURRENT --subgraph NAME=SDL_FILE --config FILE")
    try:
        changes = compare_supergraphs(old_sdl, new_sdl, old_name, new_name)
    except SupergraphError as error:
        _fail(str(error), CHECK_UNABLE)
    counts = count(changes)
    shown = [c for c in changes if show_safe or c.severity != "safe"]
    if as_json:
        click.echo(json.dumps({"changes": [c.to_json() for c in shown], "counts": counts}, indent=2))
    else:
        for change in shown:
            click.echo(f"{change.severity.upper():9} {change.coordinate or '-'}: {change.message} [{change.code}]")
        click.echo(f"{counts['breaking']} breaking, {counts['dangerous']} dangerous, {counts['safe']} safe changes")
    if counts["breaking"]:
        sys.exit(1)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        _fail(f"cannot read {path}: {error.strerror}", CHECK_UNABLE)
    raise AssertionError  # unreachable


def _recompose(current_sdl: str, current_path: str, changed: tuple[str, ...], config_path: str) -> str:
    """The supergraph with each NAME's SDL replaced by SDL_FILE's, the others as configured."""
    from .composition import SubgraphSource
    from .composition import compose as compose_subgraphs
    from .sources import SourceError, format_issue, load_sources

    replaced: dict[str, str] = {}
    for item in changed:
        name, sep, file = item.partition("=")
        if not sep or not name or not file:
            raise click.UsageError(f"--subgraph {item!r}: expected NAME=SDL_FILE")
        replaced[name] = _read(file)
    try:
        config = load_config(config_path)
        served = load_supergraph(current_sdl, source_name=current_path)
        others = config.model_copy(
            update={"subgraphs": {k: v for k, v in config.subgraphs.items() if k not in replaced}}
        )
        sources = {s.name: s for s in load_sources(others)} if others.subgraphs else {}
    except (ConfigError, SupergraphError) as error:
        _fail(str(error), CHECK_UNABLE)
    except SourceError as error:
        _fail(f"cannot re-compose: {error}", CHECK_UNABLE)
    for name, sdl in replaced.items():
        configured = config.subgraphs.get(name)
        url = (configured.url if configured else None) or (
            served.subgraphs[name].url if name in served.subgraphs else f"http://{name}.invalid/graphql"
        )
        sources[name] = SubgraphSource(name, url, sdl)
    order = [*config.subgraphs, *(name for name in replaced if name not in config.subgraphs)]
    result = compose_subgraphs([sources[name] for name in order])
    if not result.ok or result.supergraph_sdl is None:
        for issue in result.errors:
            click.echo(format_issue("error", issue), err=True)
        _fail(f"the changed subgraph(s) {', '.join(replaced)} do not compose: {len(result.errors)} error(s)")
    return result.supergraph_sdl
