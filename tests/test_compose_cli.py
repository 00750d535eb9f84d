"""``tongban compose`` and ``serve --config`` start-up, and the config they read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from composition_support import (
    BADGES,
    BADGES_BROKEN,
    PEOPLE,
    SwitchableSubgraph,
    composer,  # noqa: F401  (fixture)
    server_loop,  # noqa: F401  (fixture)
)
from federation.harness import Served, ServerLoop, closed_url

from gateway.cli import main
from gateway.config import ConfigError, GatewayConfig, load_config
from gateway.supergraph import load_supergraph


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ----------------------------------------------------------------------------- config


def test_config_lists_subgraphs_with_sdl_files_relative_to_it(tmp_path: Path) -> None:
    config = load_config(
        _write(
            tmp_path / "conf" / "tongban.yaml",
            """
subgraphs:
  - name: people
    url: http://people:4001/graphql
  - name: badges
    url: https://badges/graphql
    sdl_file: schemas/badges.graphql
    timeout: 2.5
supergraph:
  poll_interval: 0.5
""",
        )
    )
    assert list(config.subgraphs) == ["people", "badges"]
    assert config.subgraphs["badges"].sdl_file == tmp_path / "conf" / "schemas" / "badges.graphql"
    assert config.subgraphs["badges"].timeout == 2.5
    assert config.supergraph.poll_interval == 0.5
    assert config.subgraphs_to_compose().keys() == {"people", "badges"}


def test_config_mapping_form_still_overrides_urls_and_timeouts(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path / "c.yaml", "subgraphs:\n  people: {url: 'http://p/graphql', timeout: 3}\n"))
    assert config.subgraphs["people"].url == "http://p/graphql"
    assert config.subgraphs["people"].sdl_file is None
    assert GatewayConfig().supergraph.poll_interval == 10


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("subgraphs:\n  - url: http://a/graphql\n", "subgraphs: entry 1 has no name"),
        ("subgraphs:\n  - name: a\n  - name: a\n", "subgraphs: subgraph 'a' is listed twice"),
        ("subgraphs:\n  - name: a\n    url: ftp://a\n", "subgraphs.a.url: 'ftp://a' is not an http:// or https:// URL"),
        ("subgraphs:\n  - name: a\n    sdl: x\n", "subgraphs.a.sdl: Extra inputs are not permitted"),
        ("subgraphs:\n  - name: a b\n", "subgraph name 'a b' must be letters, digits, _ or -"),
        ("subgraphs:\n  - name: a\n    timeout: 0\n", "subgraphs.a.timeout: Input should be greater than 0"),
        ("supergraph:\n  poll_interval: -1\n", "supergraph.poll_interval: Input should be greater than 0"),
        ("subgraphs:\n  - just-a-name\n", "subgraphs: entry 1 must be a mapping with a name"),
    ],
)
def test_config_validation_errors_say_where(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = _write(tmp_path / "bad.yaml", yaml_text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_composing_needs_subgraphs_with_urls(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"subgraphs\.b: a url is needed to compose"):
        load_config(
            _write(tmp_path / "c.yaml", "subgraphs:\n  a: {url: 'http://a/g'}\n  b: {timeout: 1}\n")
        ).subgraphs_to_compose()
    with pytest.raises(ConfigError, match="lists no subgraphs"):
        GatewayConfig().subgraphs_to_compose()


# ------------------------------------------------------------------------------ compose


@pytest.fixture
def people(server_loop: ServerLoop) -> Iterator[Served]:  # noqa: F811
    served = server_loop.serve(SwitchableSubgraph("people", PEOPLE))
    yield served
    server_loop.stop(served)


def _config(tmp_path: Path, people_url: str, badges_sdl: str = BADGES) -> Path:
    _write(tmp_path / "sdl" / "badges.graphql", badges_sdl)
    return _write(
        tmp_path / "tongban.yaml",
        f"subgraphs:\n  - name: people\n    url: {people_url}\n"
        "  - name: badges\n    url: http://badges.internal/graphql\n    sdl_file: sdl/badges.graphql\n",
    )


@pytest.mark.usefixtures("composer")
def test_compose_fetches_and_reads_sdls_and_writes_the_supergraph(people: Served, tmp_path: Path) -> None:
    output = tmp_path / "supergraph.graphql"
    result = CliRunner().invoke(main, ["compose", "--config", str(_config(tmp_path, people.url)), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    assert f"composed 2 subgraphs into {output}" in result.stderr
    supergraph = load_supergraph(output.read_text())
    assert {name: s.url for name, s in supergraph.subgraphs.items()} == {
        "people": people.url,
        "badges": "http://badges.internal/graphql",
    }
    assert set(supergraph.api_schema.get_type("Person").fields) == {"id", "name", "badges"}  # type: ignore[union-attr]

    to_stdout = CliRunner().invoke(main, ["compose", "--config", str(_config(tmp_path, people.url))])
    assert to_stdout.exit_code == 0, to_stdout.stderr
    assert to_stdout.stdout == output.read_text()


@pytest.mark.usefixtures("composer")
def test_compose_reports_composition_errors(people: Served, tmp_path: Path) -> None:
    output = tmp_path / "supergraph.graphql"
    config = _config(tmp_path, people.url, BADGES_BROKEN)
    result = CliRunner().invoke(main, ["compose", "--config", str(config), "-o", str(output)])
    assert result.exit_code == 1
    assert "error INVALID_FIELD_SHARING: " in result.stderr
    assert "Person.name" in result.stderr
    assert "composition failed with" in result.stderr
    assert not output.exists()
    assert result.stdout == ""


@pytest.mark.usefixtures("composer")
def test_compose_names_unreachable_and_unreadable_subgraphs(tmp_path: Path) -> None:
    down = closed_url()
    config = _config(tmp_path, down)
    (tmp_path / "sdl" / "badges.graphql").unlink()
    result = CliRunner().invoke(main, ["compose", "--config", str(config)])
    assert result.exit_code == 1
    assert f"error: subgraph 'people': unreachable at {down}" in result.stderr
    assert "error: subgraph 'badges': cannot read sdl_file " in result.stderr
    assert "the SDL of 2 subgraph(s) is unavailable" in result.stderr


def test_compose_rejects_a_config_without_subgraphs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compose", "--config", str(_write(tmp_path / "c.yaml", "server: {}\n"))])
    assert result.exit_code == 1
    assert "lists no subgraphs to compose" in result.stderr


# -------------------------------------------------------------------- serve start-up


@pytest.mark.usefixtures("composer")
def test_serve_does_not_start_when_composition_fails(people: Served, tmp_path: Path) -> None:
    config = _config(tmp_path, people.url, BADGES_BROKEN)
    result = CliRunner().invoke(main, ["serve", "--config", str(config), "--port", "1"])
    assert result.exit_code == 1
    assert "error INVALID_FIELD_SHARING: " in result.stderr
    assert "the gateway does not start" in result.stderr


def test_serve_needs_a_supergraph_or_subgraphs(tmp_path: Path) -> None:
    neither = CliRunner().invoke(main, ["serve"])
    assert neither.exit_code == 1 and "give --supergraph FILE, or --config FILE" in neither.stderr
    watch = CliRunner().invoke(main, ["serve", "--config", str(_config(tmp_path, "http://p/g")), "--watch"])
    assert watch.exit_code == 1 and "--watch needs --supergraph" in watch.stderr
    down = CliRunner().invoke(main, ["serve", "--config", str(_config(tmp_path, closed_url()))])
    assert down.exit_code == 1 and "cannot compose at start-up: subgraph 'people': unreachable" in down.stderr
