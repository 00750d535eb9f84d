"""schema/ is not stale: the SDL files are what the live subgraphs print, and the supergraph
is the composition of those files. Regenerate with ``python -m scripts.generate_schema``."""

from __future__ import annotations

import pytest

from scripts import generate_schema as gen
from subgraphs import DEPARTMENT_NAMES

from .conftest import Federation
from .support import GraphQLClient

HINT = "schema/ is stale: run `python -m scripts.generate_schema`"


def test_subgraph_files_match_what_the_running_subgraphs_print(sqlite_federation: Federation) -> None:
    for name in DEPARTMENT_NAMES:
        client = GraphQLClient(sqlite_federation.cluster.urls[name])
        try:
            live = client.data("{ _service { sdl } }")["_service"]["sdl"]
        finally:
            client.close()
        stored = (gen.SCHEMA_DIR / f"{name}.graphql").read_text(encoding="utf-8")
        assert stored == live.rstrip("\n") + "\n", f"{name}: {HINT}"


def test_supergraph_records_the_current_subgraph_files() -> None:
    files = {name: (gen.SCHEMA_DIR / f"{name}.graphql").read_text(encoding="utf-8") for name in DEPARTMENT_NAMES}
    header = gen.read_supergraph_header(gen.SUPERGRAPH.read_text(encoding="utf-8"))
    assert header["subgraphs-sha256"] == gen.sdl_digest({n: s.rstrip("\n") for n, s in files.items()}), HINT


def test_supergraph_is_the_composition_of_the_subgraph_files() -> None:
    text = gen.SUPERGRAPH.read_text(encoding="utf-8")
    kind = gen.composer_kind(gen.read_supergraph_header(text)["composer"])
    files = {
        name: (gen.SCHEMA_DIR / f"{name}.graphql").read_text(encoding="utf-8").rstrip("\n") for name in DEPARTMENT_NAMES
    }
    try:
        composed, _description = gen.compose(files, kind)
    except gen.ComposerUnavailable as error:
        pytest.skip(f"cannot recompose with the {kind} composer that wrote the file: {error}")
    assert gen.supergraph_body(text) == composed.rstrip("\n") + "\n", HINT


def test_supergraph_loads_and_hides_inaccessible_fields() -> None:
    from gateway.supergraph import load_supergraph_file

    supergraph = load_supergraph_file(gen.SUPERGRAPH)
    api = supergraph.api_schema
    person, enterprise = api.get_type("Person"), api.get_type("Enterprise")
    assert {"name", "maritalStatus", "employment", "creditRating"} <= set(person.fields) | set(enterprise.fields)
    assert "policeStation" not in person.fields and "riskScore" not in enterprise.fields
    assert {"Allowance", "SubsistenceAllowance", "ElderlyAllowance", "Licence"} <= set(api.type_map)
