"""The ``tongban`` command: ``plan`` output, refusals of broken supergraphs and configs.

``plan`` runs in-process through click's CliRunner; ``serve`` and ``python -m gateway``
run as real subprocesses (a ``serve`` that wrongly starts would hang until the timeout).
Broken supergraphs are derived from the committed ``requires`` fixture, so the line and
column of each defect are known.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from federation.harness import plan_outline

from gateway.cli import main

SUPERGRAPHS = Path(__file__).resolve().parent / "fixtures" / "supergraphs"
REQUIRES = SUPERGRAPHS / "requires.graphql"
UNPLANNABLE = SUPERGRAPHS / "interface_object_requires.graphql"
TONGBAN = Path(sys.executable).with_name("tongban")


def _line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def operation(tmp_path: Path) -> Path:
    path = tmp_path / "eligible.graphql"
    path.write_text("query Eligible { persons { name pensionEligible } }\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not a refusal
    return result.exit_code, result.stdout, result.stderr


# ----------------------------------------------------------------------------- plan


def test_plan_prints_a_readable_plan(operation: Path) -> None:
    code, out, err = run("plan", "--supergraph", str(REQUIRES), str(operation))
    assert (code, err) == (0, "")
    assert out.startswith("QueryPlan {")
    for expected in (
        "Sequence {",
        'Fetch(service: "persons")',
        'Flatten(path: "persons.@")',
        'Fetch(service: "benefits")',
        'Fetch(service: "pensions")',
        "_entities(representations: $representations)",
        "pensionEligible",
    ):
        assert expected in out, expected
    # nested in order: persons, then benefits (age), then pensions (pensionEligible)
    assert out.index('"persons")') < out.index('"benefits")') < out.index('"pensions")')
    assert "Traceback" not in out


def test_plan_json_is_the_plan_the_gateway_exposes(operation: Path) -> None:
    code, out, err = run("plan", "--json", "--supergraph", str(REQUIRES), str(operation))
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert plan["kind"] == "QueryPlan"
    assert plan_outline(plan) == [
        "Fetch(persons)",
        "Flatten(persons.@) Fetch(benefits)",
        "Flatten(persons.@) Fetch(pensions)",
    ]
    pensions = plan["node"]["nodes"][2]["node"]
    assert pensions["serviceName"] == "pensions"
    assert "pensionEligible" in pensions["operation"]


def test_plan_with_operation_name(tmp_path: Path) -> None:
    document = tmp_path / "two.graphql"
    document.write_text("query Names { persons { name } }\nquery Ages { persons { age } }\n", encoding="utf-8")
    code, out, _ = run("plan", "--json", "--supergraph", str(REQUIRES), "--operation-name", "Ages", str(document))
    assert code == 0
    assert plan_outline(json.loads(out)) == ["Fetch(persons)", "Flatten(persons.@) Fetch(benefits)"]
    code, _, err = run("plan", "--supergraph", str(REQUIRES), str(document))
    assert code == 1
    assert err == "error: Must provide operation name if query contains multiple operations.\n"


def test_plan_of_invalid_operations(tmp_path: Path) -> None:
    syntax = tmp_path / "syntax.graphql"
    syntax.write_text("{ persons { name }\n", encoding="utf-8")
    code, out, err = run("plan", "--supergraph", str(REQUIRES), str(syntax))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {syntax}: Syntax Error: Expected Name, found <EOF>.")
    assert "2:1" in err
    invalid = tmp_path / "invalid.graphql"
    invalid.write_text("{ persons { nickname } }\n", encoding="utf-8")
    code, out, err = run("plan", "--supergraph", str(REQUIRES), str(invalid))
    assert (code, out) == (1, "")
    assert err == "error: Cannot query field 'nickname' on type 'Person'. Did you mean 'income' or 'name'?\n"
    code, _, err = run("plan", "--supergraph", str(REQUIRES), str(tmp_path / "missing.graphql"))
    assert code == 1
    assert err == f"error: cannot read {tmp_path / 'missing.graphql'}: No such file or directory\n"


def test_plan_of_an_unplannable_operation(tmp_path: Path) -> None:
    document = tmp_path / "pending.graphql"
    document.write_text("{ pendingCase { summary } }\n", encoding="utf-8")
    code, out, err = run("plan", "--supergraph", str(UNPLANNABLE), str(document))
    assert (code, out) == (1, "")
    assert err.startswith("error: ") and "Case.summary" in err
    assert "Traceback" not in err


# -------------------------------------------------------------- broken supergraphs


@pytest.fixture
def broken(tmp_path: Path):
    """Write a variant of the requires supergraph with one defect; returns its path."""
    good = REQUIRES.read_text(encoding="utf-8")

    def write(name: str, text: str) -> Path:
        assert text != good
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return good, write


def test_supergraph_syntax_error_names_file_line_and_column(broken, operation: Path) -> None:
    good, write = broken
    line = _line_of(good, "type Person")
    path = write("syntax.graphql", good.replace("type Person\n", "type Person {{\n", 1))
    code, out, err = run("plan", "--supergraph", str(path), str(operation))
    assert (code, out) == (1, "")
    assert err == f"error: {path}:{line}:14: Syntax Error: Expected Name, found '{{'.\n"


def test_supergraph_without_join_graph_enum(broken, operation: Path) -> None:
    good, write = broken
    path = write("no-graphs.graphql", re.sub(r"enum join__Graph \{.*?\n\}\n", "", good, count=1, flags=re.S))
    code, out, err = run("plan", "--supergraph", str(path), str(operation))
    assert (code, out) == (1, "")
    assert "join__Graph" in err and "missing" in err
    assert str(path) in err  # no line to point at, but the file is named


def test_join_type_naming_an_unknown_graph(broken, operation: Path) -> None:
    good, write = broken
    defect = '@join__type(graph: PENSIONS, key: "id")'
    line = _line_of(good, defect)
    path = write("unknown-graph.graphql", good.replace(defect, '@join__type(graph: TAXES, key: "id")', 1))
    code, out, err = run("plan", "--supergraph", str(path), str(operation))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {path}:{line}:3: ")
    assert "join__Graph" in err


def test_missing_supergraph_file(tmp_path: Path, operation: Path) -> None:
    code, _, err = run("plan", "--supergraph", str(tmp_path / "nowhere.graphql"), str(operation))
    assert code == 1
    assert err == f"error: cannot read supergraph {tmp_path / 'nowhere.graphql'}: No such file or directory\n"


# ----------------------------------------------------------------- serve refuses


def serve(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """``tongban serve``; a server that starts despite the defect would hit the timeout."""
    return subprocess.run(
        [str(TONGBAN), "serve", "--port", "0", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_serve_with_broken_supergraph_does_not_start(broken) -> None:
    good, write = broken
    line = _line_of(good, "type Person")
    path = write("syntax.graphql", good.replace("type Person\n", "type Person {{\n", 1))
    completed = serve("--supergraph", str(path))
    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines()[-1] == (
        f"error: {path}:{line}:14: Syntax Error: Expected Name, found '{{'."
    )
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


def test_serve_with_unknown_graph_does_not_start(broken) -> None:
    good, write = broken
    path = write("unknown-graph.graphql", good.replace('graph: PENSIONS, key: "id"', 'graph: TAXES, key: "id"', 1))
    completed = serve("--supergraph", str(path))
    assert completed.returncode == 1
    assert f"error: {path}:" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("server:\n  prot: 4000\n", "server.prot: Extra inputs are not permitted"),
        ("colour: blue\n", "colour: Extra inputs are not permitted"),
        ("server:\n  port: many\n", "server.port: Input should be a valid integer"),
        ("transport:\n  timeout: -1\n", "transport.timeout: Input should be greater than 0"),
        ("override:\n  labels:\n    beta: maybe\n", "override.labels: beta: expected true, false or a percentage"),
        ("server:\n  port: [4000\n", "invalid YAML"),
        ("- server\n- port\n", "the top level must be a mapping"),
    ],
    ids=["unknown-key", "unknown-section", "wrong-type", "out-of-range", "label-not-bool", "bad-yaml", "not-mapping"],
)
def test_serve_with_bad_config_does_not_start(tmp_path: Path, yaml_text: str, expected: str) -> None:
    config = tmp_path / "tongban.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    completed = serve("--supergraph", str(REQUIRES), "--config", str(config))
    assert completed.returncode == 1
    last = completed.stderr.strip().splitlines()
    assert last[0].startswith(f"error: {config}: ")
    assert expected in completed.stderr
    assert "Traceback" not in completed.stderr


def test_invalid_yaml_message_points_at_the_line(tmp_path: Path) -> None:
    config = tmp_path / "tongban.yaml"
    config.write_text("server:\n  port: [4000\n", encoding="utf-8")
    completed = serve("--supergraph", str(REQUIRES), "--config", str(config))
    assert completed.returncode == 1
    assert "line 2, column 9" in completed.stderr


def test_serve_with_missing_config_file(tmp_path: Path) -> None:
    completed = serve("--supergraph", str(REQUIRES), "--config", str(tmp_path / "absent.yaml"))
    assert completed.returncode == 1
    assert completed.stderr == f"error: cannot read config {tmp_path / 'absent.yaml'}: No such file or directory\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_with_a_sound_supergraph_starts_and_answers(workers: str) -> None:
    """The positive control of the refusals above: the same command does serve, also with
    several worker processes (each builds its own gateway from the same options)."""
    port = _free_port()
    command = [str(TONGBAN), "serve", "--supergraph", str(REQUIRES), "--port", str(port), "--log-level", "info"]
    process = subprocess.Popen(
        [*command, "--workers", workers], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, process.communicate()
            try:
                response = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "tongban serve did not start"
                time.sleep(0.1)
        assert response.status_code == 200
        assert response.json() == {"data": {"__typename": "Query"}}
    finally:
        process.terminate()
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate(timeout=5)
    assert stderr.count("Started server process") == int(workers)


# --------------------------------------------------------------------- entry points


def test_python_dash_m_gateway_help() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "gateway", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: python -m gateway [OPTIONS] COMMAND [ARGS]...")
    for command in ("serve", "plan"):
        assert re.search(rf"^\s+{command}\s", completed.stdout, re.M), command


def test_subcommand_help_and_version() -> None:
    code, out, _ = run("plan", "--help")
    assert code == 0
    assert "--supergraph" in out and "--json" in out and "OPERATION_FILE" in out
    code, out, _ = run("--version")
    assert code == 0
    assert re.fullmatch(r".* \d+\.\d+\.\d+\S*\n", out)


def test_plan_without_supergraph_is_a_usage_error(operation: Path) -> None:
    code, _, err = run("plan", str(operation))
    assert code == 2
    assert "Missing option '--supergraph'" in err
