"""Parity with Apollo's composer (``@apollo/composition``, run with Node).

Every collection of ``cases.VALID`` must compose with both composers into semantically
equal supergraphs (same API schema, same join metadata) — and, since Tongban prints
supergraphs the way Apollo does, into the same text. Every collection of
``cases.INVALID`` must be rejected by both with the same error codes.

The composer is installed with npm on first use (see ``apollo.py``); without Node/npm the
tests are skipped, unless ``CI`` is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gateway.composition import SubgraphSource, compose

from .apollo import compose_batch, require_composer, url_of
from .cases import ERROR_CASES, INVALID, VALID
from .semantic import assert_same_supergraph
from .test_fixtures import _scenario_names, _subgraphs

SCENARIOS = _scenario_names()
#: the department subgraphs (schema/<department>.graphql, Strawberry services of subgraphs/)
DEPARTMENTS = sorted(
    p for p in (Path(__file__).resolve().parents[2] / "schema").glob("*.graphql") if p.stem != "supergraph"
)


@pytest.fixture(scope="module")
def apollo() -> dict[str, dict[str, Any]]:
    require_composer()
    collections = {f"valid:{name}": subgraphs for name, subgraphs in VALID.items()}
    collections.update({f"invalid:{name}": subgraphs for name, (subgraphs, _codes) in INVALID.items()})
    collections.update({f"error:{code}": subgraphs for code, (subgraphs, _names, _where) in ERROR_CASES.items()})
    for name in SCENARIOS:
        collections[f"scenario:{name}"] = [(s.name, s.sdl) for s in _subgraphs(name)]
    if DEPARTMENTS:
        collections["departments"] = [(p.stem, p.read_text(encoding="utf-8")) for p in DEPARTMENTS]
    return compose_batch(collections)


def tongban(subgraphs: list[tuple[str, str]]):
    return compose([SubgraphSource(name, url_of(name), sdl) for name, sdl in subgraphs])


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_collection_composes_like_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    theirs = apollo[f"valid:{name}"]
    assert not theirs["errors"], f"Apollo rejects the case itself: {theirs['errors']}"
    ours = tongban(VALID[name])
    assert ours.ok, [str(e) for e in ours.errors]
    assert_same_supergraph(theirs["supergraphSdl"], ours.supergraph_sdl)


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_collection_prints_like_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    theirs = apollo[f"valid:{name}"]
    ours = tongban(VALID[name])
    assert ours.ok
    assert ours.supergraph_sdl.rstrip("\n") == theirs["supergraphSdl"].rstrip("\n")


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_collection_rejected_like_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    subgraphs, expected = INVALID[name]
    theirs = apollo[f"invalid:{name}"]
    ours = tongban(subgraphs)
    apollo_codes = {e["code"] for e in theirs["errors"]}
    our_codes = {e.code for e in ours.errors}
    assert apollo_codes == expected, f"the case expects {expected}, Apollo reports {theirs['errors']}"
    assert not ours.ok and ours.supergraph_sdl is None
    assert our_codes == apollo_codes, [str(e) for e in ours.errors]
    for error in ours.errors:
        assert error.subgraphs or error.code in ("NO_QUERIES",), f"{error.code} names no subgraph: {error.message}"


@pytest.mark.parametrize(
    "name", ["field_sharing", "field_type_mismatch", "external_missing_on_base", "key_invalid_fields", "satisfiability"]
)
def test_error_messages_match_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    """For the common errors the message text is Apollo's too."""
    subgraphs, _codes = INVALID[name]
    theirs = sorted(e["message"] for e in apollo[f"invalid:{name}"]["errors"])
    ours = sorted(e.message for e in tongban(subgraphs).errors)
    assert ours == theirs


@pytest.mark.parametrize("code", sorted(ERROR_CASES))
def test_error_code_case_rejected_like_apollo(code: str, apollo: dict[str, dict[str, Any]]) -> None:
    """The collections of the per-error-code tests (test_errors.py) fail in Apollo too,
    with the same codes."""
    subgraphs, _names, _where = ERROR_CASES[code]
    apollo_codes = {e["code"] for e in apollo[f"error:{code}"]["errors"]}
    assert code in apollo_codes
    assert {e.code for e in tongban(subgraphs).errors} == apollo_codes


@pytest.mark.parametrize("name", sorted(VALID))
def test_hints_match_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    theirs = sorted((h["code"], h["message"]) for h in apollo[f"valid:{name}"]["hints"])
    ours = sorted((h.code, h.message) for h in tongban(VALID[name]).hints)
    assert ours == theirs


@pytest.mark.parametrize("name", SCENARIOS)
def test_federation_scenario_composes_like_apollo(name: str, apollo: dict[str, dict[str, Any]]) -> None:
    """The department subgraphs of the end-to-end suite, composed live by both."""
    theirs = apollo[f"scenario:{name}"]
    assert not theirs["errors"], theirs["errors"]
    ours = compose([SubgraphSource(s.name, url_of(s.name), s.sdl) for s in _subgraphs(name)])
    assert ours.ok, [str(e) for e in ours.errors]
    assert_same_supergraph(theirs["supergraphSdl"], ours.supergraph_sdl)
    assert ours.supergraph_sdl.rstrip("\n") == theirs["supergraphSdl"].rstrip("\n")


@pytest.mark.skipif(not DEPARTMENTS, reason="no department subgraph SDLs in schema/")
def test_department_subgraphs_compose_like_apollo(apollo: dict[str, dict[str, Any]]) -> None:
    theirs = apollo["departments"]
    assert not theirs["errors"], theirs["errors"]
    ours = compose([SubgraphSource(p.stem, url_of(p.stem), p.read_text(encoding="utf-8")) for p in DEPARTMENTS])
    assert ours.ok, [str(e) for e in ours.errors]
    assert_same_supergraph(theirs["supergraphSdl"], ours.supergraph_sdl)
    assert ours.supergraph_sdl.rstrip("\n") == theirs["supergraphSdl"].rstrip("\n")
    assert sorted((h.code, h.message) for h in ours.hints) == sorted((h["code"], h["message"]) for h in theirs["hints"])
