"""A department process that stops: the rest of the one-stop view still comes back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.demo import gateway_app, showcase
from subgraphs.cluster import Cluster
from subgraphs.common.world import World

from .support import TEST_WORLD, GraphQLClient, serve

VIEW = """query($id: String!) { person(idNumber: $id) {
  name household { householdNumber }
  maritalStatus spouse { name }
  employment { employer { name } withheldIncomeTax }
  legalRepresentativeOf { creditCode creditRating }
  medicalInsurance { scheme } vaccinations { vaccine }
} }"""


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, GraphQLClient]]:
    data_dir: Path = tmp_path_factory.mktemp("down")
    cluster = Cluster.start(
        data_dir=data_dir,
        seed=TEST_WORLD.seed,
        persons=TEST_WORLD.persons,
        enterprises=TEST_WORLD.enterprises,
        log_dir=data_dir / "logs",
    )
    try:
        with serve(gateway_app(cluster.urls)) as served:
            client = GraphQLClient(served.url)
            yield cluster, client
            client.close()
    finally:
        cluster.stop()


def test_stopped_departments_null_only_their_own_fields(running: tuple[Cluster, GraphQLClient], world: World) -> None:
    cluster, gateway = running
    person = world.person_by_id(showcase(world)["citizen"])
    whole = gateway.data(VIEW, {"id": person.id_number})["person"]
    assert whole["medicalInsurance"] and whole["employment"]["withheldIncomeTax"] is not None

    cluster.stop_one("health")
    body = gateway.post(VIEW, {"id": person.id_number})
    got = body["data"]["person"]
    assert (got["medicalInsurance"], got["vaccinations"]) == (None, None)
    assert {k: v for k, v in got.items() if k not in ("medicalInsurance", "vaccinations")} == {
        k: v for k, v in whole.items() if k not in ("medicalInsurance", "vaccinations")
    }
    assert body["errors"] and all("health" in repr(e) for e in body["errors"]), body["errors"]

    cluster.stop_one("taxation")
    body = gateway.post(VIEW, {"id": person.id_number})
    got = body["data"]["person"]
    assert got["name"] == person.name and got["spouse"] == whole["spouse"]
    assert got["employment"]["employer"] == whole["employment"]["employer"]
    assert got["employment"]["withheldIncomeTax"] is None
    assert [e["creditCode"] for e in got["legalRepresentativeOf"]] == [
        e["creditCode"] for e in whole["legalRepresentativeOf"]
    ]
    assert all(e["creditRating"] is None for e in got["legalRepresentativeOf"])
    services = " ".join(repr(e) for e in body["errors"])
    assert "taxation" in services and "health" in services
