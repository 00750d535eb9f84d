"""End to end: six department processes and the gateway, on SQLite and on PostgreSQL.

Answers are checked against the seeded world (subgraphs.common.world) and against what the
departments derive from it, never against the subgraphs' own output.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from scripts.demo import gateway_app, showcase
from subgraphs.common.world import INDUSTRIES, REFERENCE_DATE, years_between
from subgraphs.health import data as health_data
from subgraphs.social_security import data as social_data
from subgraphs.taxation import data as tax_data

from .conftest import Federation
from .support import GraphQLClient, serve

CITIZEN = """
query Citizen($id: String!) {
  person(idNumber: $id) {
    idNumber name gender birthDate
    registeredAddress { province city district street full }
    household { householdNumber members { idNumber relationToHead } }
    maritalStatus
    spouse { idNumber name birthDate }
    marriages { certificateNumber husband { idNumber name } wife { idNumber name } }
    socialSecurityCardNumber
    socialInsuranceAccounts { insuranceType status }
    employment { position startedOn employer { creditCode name } withheldIncomeTax(year: 2024) }
    legalRepresentativeOf { creditCode name }
    individualIncomeTax(year: 2024) { income taxWithheld withholdingAgents { creditCode } }
    medicalInsurance { scheme status }
    medicalInsuranceStatus
    allowances { __typename allowanceId }
  }
}
"""

ENTERPRISE = """
query Enterprise($code: String!) {
  enterprise(creditCode: $code) {
    creditCode name status establishedOn registeredCapital
    legalRepresentative { idNumber name gender }
    licences { __typename licenceNumber status }
    taxRegistration { taxpayerType }
    creditRating creditScore taxArrears
    taxFilings(year: 2024) { period taxType onTime }
    socialInsurance { insuredEmployees arrears employees(first: 1000) { idNumber person { name } } }
  }
}
"""


def operation_names(document: str) -> list[str]:
    return re.findall(r"^query (\w+)", document, flags=re.MULTILINE)


def test_every_example_operation_answers_without_errors(federation: Federation) -> None:
    names = operation_names(federation.examples)
    assert names[:2] == ["CitizenOneStop", "EnterpriseOneStop"]
    for name in names:
        body = federation.gateway.post(federation.examples, operationName=name)
        assert not body.get("errors"), (name, body["errors"])
        assert all(value for value in body["data"].values()), name


def test_citizen_one_stop_view_matches_the_seeded_records(federation: Federation) -> None:
    world = federation.world
    person = world.person_by_id(showcase(world)["citizen"])
    got = federation.gateway.data(CITIZEN, {"id": person.id_number})["person"]

    # Public Security
    household = world.households[person.household]
    assert (got["name"], got["gender"], got["birthDate"]) == (person.name, person.gender, person.birth_date.isoformat())
    assert got["registeredAddress"]["street"] == household.address.street
    assert got["household"]["householdNumber"] == household.number
    assert [m["idNumber"] for m in got["household"]["members"]] == [
        world.persons[i].id_number for i in household.members
    ]
    # Civil Affairs (the spouse's name is provided by Civil Affairs, the birth date comes from Public Security)
    spouse = world.persons[person.spouse]
    assert got["maritalStatus"] == "MARRIED"
    assert got["spouse"] == {
        "idNumber": spouse.id_number,
        "name": spouse.name,
        "birthDate": spouse.birth_date.isoformat(),
    }
    [marriage] = got["marriages"]
    husband, wife = (person, spouse) if person.gender == "MALE" else (spouse, person)
    assert marriage["husband"] == {"idNumber": husband.id_number, "name": husband.name}
    assert marriage["wife"] == {"idNumber": wife.id_number, "name": wife.name}
    # Human Resources & Social Security, and Taxation on the same employment (compound key)
    employer = world.enterprises[person.employer]
    assert got["employment"]["employer"] == {"creditCode": employer.credit_code, "name": employer.name}
    assert got["employment"]["startedOn"] == person.employed_since.isoformat()
    assert {a["insuranceType"] for a in got["socialInsuranceAccounts"]} == {
        "EMPLOYEE_PENSION",
        "UNEMPLOYMENT",
        "WORK_INJURY",
    }
    [withheld] = [r for r in tax_data.rows(world)["income_tax"] if r[0] == person.id_number and r[2] == 2024]
    assert got["employment"]["withheldIncomeTax"] == pytest.approx(withheld[5] / 100)
    assert got["individualIncomeTax"]["taxWithheld"] == pytest.approx(withheld[5] / 100)
    assert got["individualIncomeTax"]["withholdingAgents"] == [{"creditCode": employer.credit_code}]
    # Market Regulation
    represented = sorted(e.credit_code for e in world.enterprises if e.legal_representative == person.index)
    assert sorted(e["creditCode"] for e in got["legalRepresentativeOf"]) == represented
    # Health
    assert got["medicalInsurance"]["scheme"] == "EMPLOYEE"
    assert got["medicalInsuranceStatus"] == got["medicalInsurance"]["status"]


def test_resident_without_records_elsewhere(federation: Federation) -> None:
    """A young child: known to Public Security and Health, no records in most departments."""
    world = federation.world
    child = next(p for p in world.persons if years_between(p.birth_date, REFERENCE_DATE) < 3)
    got = federation.gateway.data(CITIZEN, {"id": child.id_number})["person"]
    assert got["name"] == child.name
    assert got["maritalStatus"] == "NO_MARRIAGE_RECORD"
    assert (got["spouse"], got["marriages"], got["employment"], got["individualIncomeTax"]) == (None, [], None, None)
    assert got["legalRepresentativeOf"] == []
    assert got["medicalInsurance"]["scheme"] == "RESIDENT"


def test_unknown_resident_is_null_without_error(federation: Federation) -> None:
    body = federation.gateway.post(CITIZEN, {"id": "11010519491231002X"})
    assert body == {"data": {"person": None}}


def test_enterprise_view_licences_tax_and_social_insurance(federation: Federation) -> None:
    world = federation.world
    enterprise = world.enterprise_by_code(showcase(world)["enterprise"])
    got = federation.gateway.data(ENTERPRISE, {"code": enterprise.credit_code})["enterprise"]
    representative = world.persons[enterprise.legal_representative]
    assert got["name"] == enterprise.name
    assert got["registeredCapital"] == enterprise.registered_capital
    assert got["legalRepresentative"] == {
        "idNumber": representative.id_number,
        "name": representative.name,
        "gender": representative.gender,
    }
    kinds = [licence["__typename"] for licence in got["licences"]]
    assert kinds == ["BusinessLicence", "FoodOperationLicence"]
    assert INDUSTRIES[enterprise.industry][2] == "FOOD"
    assert got["licences"][0]["licenceNumber"] == enterprise.credit_code
    expected_type = "GENERAL" if enterprise.annual_revenue >= tax_data.SMALL_SCALE_LIMIT else "SMALL_SCALE"
    assert got["taxRegistration"]["taxpayerType"] == expected_type
    insurance = got["socialInsurance"]
    assert insurance["insuredEmployees"] == len(enterprise.employees)
    assert sorted(e["idNumber"] for e in insurance["employees"]) == sorted(
        world.persons[i].id_number for i in enterprise.employees
    )
    assert {e["person"]["name"] for e in insurance["employees"]} == {
        world.persons[i].name for i in enterprise.employees
    }


def test_credit_rating_requires_market_regulation_data(federation: Federation) -> None:
    """@requires: the rating needs the founding date, registered capital and the inaccessible
    risk score from Market Regulation; enterprises founded in or after 2024 are rated M."""
    world = federation.world
    new = next(e for e in world.enterprises if e.established_on.year >= tax_data.EVALUATION_YEAR)
    old = next(e for e in world.enterprises if e.established_on.year < 2020 and e.in_tax_arrears)
    for enterprise, check in ((new, lambda r: r == "M"), (old, lambda r: r in "BCD")):
        got = federation.gateway.data(ENTERPRISE, {"code": enterprise.credit_code})["enterprise"]
        assert check(got["creditRating"]), (enterprise.credit_code, got["creditRating"])
        assert 0 <= got["creditScore"] <= 70 if enterprise is old else got["creditScore"] <= 100
        assert got["taxArrears"] > 0 if enterprise is old else got["taxArrears"] == 0


def test_vaccinations_due_require_the_birth_date(federation: Federation) -> None:
    world = federation.world
    given = {(r[0], r[1], r[3]) for r in health_data.rows(world)["vaccination"]}
    children = [
        p for p in world.persons if years_between(p.birth_date, REFERENCE_DATE) < health_data.SCHEDULE_AGE_LIMIT
    ]
    query = "query($id: String!) { person(idNumber: $id) { vaccinationsDue { vaccine dose dueOn } } }"
    checked = 0
    for child in children[:12]:
        expected = [
            {"vaccine": code, "dose": dose, "dueOn": health_data.dose_due_on(child.birth_date, months).isoformat()}
            for code, _name, dose, months in health_data.SCHEDULE
            if health_data.dose_due_on(child.birth_date, months) <= REFERENCE_DATE
            and (child.id_number, code, dose) not in given
        ]
        assert federation.gateway.data(query, {"id": child.id_number})["person"]["vaccinationsDue"] == expected
        checked += bool(expected)
    assert checked, "no child in the sample misses a dose"


def test_medical_insurance_status_comes_from_health_after_the_override(federation: Federation) -> None:
    """@override(from: "social_security"): the gateway asks Health; Social Security keeps the
    stale pre-2018 value for its own direct clients."""
    world = federation.world
    legacy = {r[0]: r[3] for r in social_data.rows(world)["insured_person"]}
    records = {r[0]: r[3] for r in health_data.rows(world)["health_record"]}
    person = next(p for p in world.persons if p.employer is not None and legacy[p.id_number] != records[p.id_number])
    query = "query($id: String!) { person(idNumber: $id) { medicalInsuranceStatus } }"
    assert (
        federation.gateway.data(query, {"id": person.id_number})["person"]["medicalInsuranceStatus"]
        == records[person.id_number]
    )
    direct = GraphQLClient(federation.cluster.urls["social_security"])
    try:
        entities = direct.data(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { medicalInsuranceStatus } } }",
            {"r": [{"__typename": "Person", "idNumber": person.id_number}]},
        )
    finally:
        direct.close()
    assert entities["_entities"][0]["medicalInsuranceStatus"] == legacy[person.id_number]


def test_interface_object_adds_medical_assistance_to_every_allowance_kind(federation: Federation) -> None:
    world = federation.world
    got = federation.gateway.data(
        """{ medicalAssistanceGrants(first: 500) {
              __typename allowanceId medicalAssistance { premiumSubsidy }
              recipient { idNumber name }
              ... on SubsistenceAllowance { householdSize household { householdNumber } } } }"""
    )["medicalAssistanceGrants"]
    subsistence = {a.allowance_id: a for a in world.allowances if a.kind == "SUBSISTENCE"}
    assert {g["allowanceId"] for g in got} == set(subsistence)
    for grant in got:
        allowance = subsistence[grant["allowanceId"]]
        household = world.households[allowance.household]
        recipient = world.persons[allowance.recipient]
        assert grant["__typename"] == "SubsistenceAllowance"
        assert grant["recipient"] == {"idNumber": recipient.id_number, "name": recipient.name}
        assert grant["householdSize"] == len(household.members)
        assert grant["household"] == {"householdNumber": household.number}
        assert grant["medicalAssistance"]["premiumSubsidy"] == pytest.approx(280.0)
    elderly = next(a for a in world.allowances if a.kind == "ELDERLY")
    mine = federation.gateway.data(
        """query($id: String!) {
             person(idNumber: $id) { allowances { __typename allowanceId medicalAssistance { year } } } }""",
        {"id": world.persons[elderly.recipient].id_number},
    )["person"]["allowances"]
    assert {"__typename": "ElderlyAllowance", "allowanceId": elderly.allowance_id, "medicalAssistance": None} in mine


def fetched_subgraphs(plan: dict[str, Any]) -> list[str]:
    found = [plan["serviceName"]] if plan.get("kind") == "Fetch" else []
    for value in plan.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                found += fetched_subgraphs(child)
    return found


def test_provided_names_need_no_trip_to_public_security(federation: Federation) -> None:
    world = federation.world
    marriage = world.marriages[0]
    query = """query($n: String!) { marriageRegistration(certificateNumber: $n) {
                 husband { name } wife { name } } }"""
    response = httpx.post(
        federation.gateway.url,
        json={"query": query, "variables": {"n": marriage.certificate_number}},
        headers={"tongban-query-plan": "1"},
        timeout=30,
    ).json()
    assert response["data"]["marriageRegistration"] == {
        "husband": {"name": world.persons[marriage.husband].name},
        "wife": {"name": world.persons[marriage.wife].name},
    }
    assert fetched_subgraphs(response["extensions"]["queryPlan"]) == ["civil_affairs"]


@pytest.mark.parametrize(
    "query",
    [
        '{ person(idNumber: "11010519491231002X") { policeStation } }',
        '{ enterprise(creditCode: "914403001922038216") { riskScore } }',
    ],
)
def test_inaccessible_fields_are_not_in_the_api(federation: Federation, query: str) -> None:
    body = federation.gateway.post(query)
    assert "data" not in body or body["data"] is None
    assert "Cannot query field" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("query", "code", "path"),
    [
        ('{ person(idNumber: "110105194912310029") { name } }', "INVALID_ID_NUMBER", ["person"]),
        ('{ person(idNumber: "12345") { name maritalStatus } }', "INVALID_ID_NUMBER", ["person"]),
        ('{ enterprise(creditCode: "914403001922038217") { name } }', "INVALID_CREDIT_CODE", ["enterprise"]),
        (
            '{ employment(idNumber: "11010519491231002X", creditCode: "9144030019220382I6") { position } }',
            "INVALID_CREDIT_CODE",
            ["employment"],
        ),
    ],
)
def test_invalid_identifiers_get_a_clear_error(federation: Federation, query: str, code: str, path: list[str]) -> None:
    body = federation.gateway.post(query)
    assert body["data"] == {path[0]: None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["path"] == path
    assert re.search(r"Invalid (resident ID number|unified social credit code) \"", error["message"])


def test_lower_case_check_character_is_accepted(federation: Federation) -> None:
    person = next(p for p in federation.world.persons if p.id_number.endswith("X"))
    got = federation.gateway.data(
        "query($id: String!) { person(idNumber: $id) { idNumber name } }", {"id": person.id_number.lower()}
    )
    assert got["person"] == {"idNumber": person.id_number, "name": person.name}


def test_invalid_representation_fails_alone(federation: Federation) -> None:
    """An _entities batch with one bad ID: that entity is null with an error, the others resolve."""
    world = federation.world
    good = [world.persons[i].id_number for i in (0, 1)]
    client = GraphQLClient(federation.cluster.urls["household"])
    try:
        body = client.post(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name } } }",
            {"r": [{"__typename": "Person", "idNumber": n} for n in (good[0], "110105194912310029", good[1])]},
        )
    finally:
        client.close()
    assert [e and e["idNumber"] for e in body["data"]["_entities"]] == [good[0], None, good[1]]
    [error] = body["errors"]
    assert error["path"] == ["_entities", 1] and error["extensions"]["code"] == "INVALID_ID_NUMBER"


def test_department_down_leaves_the_rest_of_the_view(federation: Federation, closed_url: str) -> None:
    """Health unreachable: its fields are null with an error naming it; the rest is intact."""
    world = federation.world
    person = world.person_by_id(showcase(world)["citizen"])
    urls = {**federation.cluster.urls, "health": closed_url}
    with serve(gateway_app(urls)) as served:
        client = GraphQLClient(served.url)
        try:
            body = client.post(CITIZEN, {"id": person.id_number})
        finally:
            client.close()
    got = body["data"]["person"]
    assert got["name"] == person.name
    assert got["spouse"]["idNumber"] == world.persons[person.spouse].id_number
    assert got["employment"]["employer"]["creditCode"] == world.enterprises[person.employer].credit_code
    assert got["individualIncomeTax"] is not None and got["socialSecurityCardNumber"]
    assert got["medicalInsurance"] is None and got["medicalInsuranceStatus"] is None
    assert body["errors"]
    assert all("health" in repr(error) for error in body["errors"]), body["errors"]


@pytest.fixture
def closed_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/graphql"
