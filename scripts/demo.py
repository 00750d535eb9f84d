"""The "one ID, every service" demo: six department subgraphs and the gateway.

    python -m scripts.demo [--port 4000] [--subgraph-ports auto|4001] [--data-dir var/data]
                           [--persons 10000] [--enterprises 2000] [--seed N]

Starts every department as its own process (SQLite files under ``--data-dir``, seeded on
first start; PostgreSQL when ``DATABASE_URL`` is set, one schema per department), then the
gateway on ``schema/supergraph.graphql`` with the subgraphs' actual URLs, and prints the
GraphiQL address. GraphiQL opens with ready example operations whose IDs are taken from the
seeded data. Ctrl-C stops the gateway, then every subgraph.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUPERGRAPH = ROOT / "schema" / "supergraph.graphql"


# ------------------------------------------------------------------------------ examples


def showcase(world: Any) -> dict[str, str]:
    """IDs for the example operations, picked from the seeded world by what they show."""
    from subgraphs.common.world import REFERENCE_DATE, years_between
    from subgraphs.health.data import SCHEDULE_AGE_LIMIT

    representatives = {e.legal_representative for e in world.enterprises}
    with_allowance = {a.recipient for a in world.allowances}

    def person(predicate: Any) -> str:
        return next(p.id_number for p in world.persons if predicate(p))

    def young_child(p: Any) -> bool:
        return years_between(p.birth_date, REFERENCE_DATE) < SCHEDULE_AGE_LIMIT

    citizen = person(
        lambda p: (
            p.spouse is not None
            and p.employer is not None
            and p.index in representatives
            and any(young_child(world.persons[m]) for m in world.households[p.household].members)
        )
    )
    child = person(young_child)
    recipient = person(lambda p: p.index in with_allowance and p.spouse is not None) if with_allowance else citizen
    industries_with_licence = {i for i, industry in enumerate(_industries()) if industry[2] == "FOOD"}
    enterprise = next(
        e.credit_code
        for e in sorted(world.enterprises, key=lambda e: -len(e.employees))
        if e.industry in industries_with_licence and e.status == "ACTIVE"
    )
    return {"citizen": citizen, "child": child, "recipient": recipient, "enterprise": enterprise}


def _industries() -> Any:
    from subgraphs.common.world import INDUSTRIES

    return INDUSTRIES


def example_operations(world: Any) -> str:
    ids = showcase(world)
    return f'''# 通办 Tongban — "one ID, every service"
#
# Six departments, each its own subgraph and database, answer as one graph.
# Pick an operation with the ▶ button. IDs below come from the seeded synthetic data.

# A citizen's one-stop view across all six departments, by resident ID number.
query CitizenOneStop($idNumber: String! = "{ids["citizen"]}") {{
  person(idNumber: $idNumber) {{
    # Public Security — household registration
    idNumber name gender birthDate ethnicity
    registeredAddress {{ full }}
    household {{
      householdNumber
      members {{ relationToHead name idNumber birthDate }}
    }}
    # Civil Affairs
    maritalStatus
    spouse {{ name idNumber }}
    marriages {{ certificateNumber registeredOn registrationOffice }}
    allowances {{ __typename allowanceId monthlyAmount medicalAssistance {{ premiumSubsidy }} }}
    # Human Resources & Social Security (+ Taxation on the same employment)
    socialSecurityCardNumber
    employment {{
      position startedOn contributionBase
      employer {{ name creditCode }}
      withheldIncomeTax
    }}
    socialInsuranceAccounts {{
      insuranceType status openedOn
      contributions(last: 3) {{ month employerAmount personalAmount paid }}
    }}
    # Market Regulation
    legalRepresentativeOf {{ name creditCode status creditRating }}
    # Taxation
    individualIncomeTax {{ year income taxWithheld }}
    # Health
    medicalInsurance {{ scheme status insuredSince personalAccountBalance }}
    medicalInsuranceStatus
    vaccinations {{ vaccineName dose administeredOn }}
  }}
}}

# An enterprise's licence + tax + social-insurance view, by unified social credit code.
query EnterpriseOneStop($creditCode: String! = "{ids["enterprise"]}") {{
  enterprise(creditCode: $creditCode) {{
    # Market Regulation
    creditCode name type status registeredCapital establishedOn
    registeredAddress {{ full }}
    legalRepresentative {{ name idNumber }}
    licences {{
      __typename licenceNumber issuedOn validUntil issuingAuthority status
      ... on FoodOperationLicence {{ businessFormat }}
      ... on IndustrialProductLicence {{ productCategory }}
    }}
    # Taxation (the rating @requires registered capital, founding date and risk score)
    taxRegistration {{ taxpayerType taxAuthority }}
    creditRating creditScore taxArrears
    taxFilings(year: 2024) {{ period taxType taxPayable onTime }}
    # Human Resources & Social Security
    socialInsurance {{
      accountNumber insuredEmployees monthlyContribution arrears
      employees(first: 5) {{ position person {{ name birthDate }} }}
    }}
  }}
}}

# A young child: vaccinations given, and programme doses due (Health @requires the birth
# date from Public Security).
query ChildHealth($idNumber: String! = "{ids["child"]}") {{
  person(idNumber: $idNumber) {{
    name birthDate
    household {{ members {{ relationToHead name }} }}
    vaccinations {{ vaccineName dose administeredOn clinic {{ name }} }}
    vaccinationsDue {{ vaccineName dose dueOn }}
  }}
}}

# Social assistance: Health's medical assistance on every kind of Civil Affairs allowance
# (@interfaceObject), with the recipient's household.
query SocialAssistance {{
  medicalAssistanceGrants(first: 5) {{
    __typename allowanceId monthlyAmount startedOn
    medicalAssistance {{ premiumSubsidy reimbursementRate }}
    recipient {{ name idNumber household {{ householdNumber }} }}
    ... on SubsistenceAllowance {{ householdSize }}
  }}
}}

# Public tax arrears notices (Taxation) with the register's data (Market Regulation).
query TaxArrears {{
  taxArrearsNotices(first: 5) {{
    amount since
    enterprise {{ name creditCode legalRepresentative {{ name }} creditRating }}
  }}
}}

# Invalid IDs get a clear error: try "110101199003071234" (wrong check digit).
'''


# ------------------------------------------------------------------------------ gateway


def gateway_app(urls: dict[str, str], graphiql_default_query: str | None = None, supergraph: Path = SUPERGRAPH) -> Any:
    from gateway.config import GatewayConfig, SubgraphConfig
    from gateway.pipeline import Gateway
    from gateway.server.app import create_app
    from gateway.supergraph import load_supergraph_file

    config = GatewayConfig(subgraphs={name: SubgraphConfig(url=url) for name, url in urls.items()})
    return create_app(Gateway(load_supergraph_file(supergraph), config), graphiql_default_query=graphiql_default_query)


def _ports(value: str) -> dict[str, int] | None:
    from subgraphs import DEPARTMENT_NAMES

    if value == "auto":
        return None
    base = int(value)
    return {name: base + i for i, name in enumerate(DEPARTMENT_NAMES)}


def main(argv: list[str] | None = None) -> int:
    from subgraphs.common.world import DEFAULT_ENTERPRISES, DEFAULT_PERSONS, DEFAULT_SEED

    parser = argparse.ArgumentParser(prog="python -m scripts.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4000, help="gateway port (0: any free port)")
    parser.add_argument(
        "--subgraph-ports",
        default="auto",
        help="'auto' (free ports) or the first of six consecutive ports, e.g. 4001 (the supergraph's URLs)",
    )
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("TONGBAN_DATA_DIR", "var/data")))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--persons", type=int, default=DEFAULT_PERSONS)
    parser.add_argument("--enterprises", type=int, default=DEFAULT_ENTERPRISES)
    parser.add_argument("--examples-out", type=Path, help="also write the example operations to this file")
    options = parser.parse_args(argv)
    try:
        return asyncio.run(_run(options))
    except KeyboardInterrupt:
        return 130


async def _run(options: argparse.Namespace) -> int:
    import uvicorn

    from subgraphs.cluster import Cluster, ClusterError
    from subgraphs.common.world import build_world

    where = "PostgreSQL " + options.database_url if options.database_url else f"SQLite files in {options.data_dir}"
    print(f"Starting six department subgraphs ({where}; first start seeds the data)...", flush=True)
    try:
        cluster = await asyncio.to_thread(
            Cluster.start,
            data_dir=options.data_dir,
            database_url=options.database_url,
            seed=options.seed,
            persons=options.persons,
            enterprises=options.enterprises,
            ports=_ports(options.subgraph_ports),
            host=options.host,
        )
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        for sub in cluster.processes.values():
            seeded = f" (seeded in {sub.ready['seed_seconds']:.1f}s)" if sub.ready.get("seeded") else ""
            print(f"  {sub.name:<18} {sub.url}{seeded}", flush=True)
        examples = example_operations(build_world(options.seed, options.persons, options.enterprises))
        if options.examples_out:
            options.examples_out.write_text(examples, encoding="utf-8")
        app = gateway_app(cluster.urls, examples)
        config = uvicorn.Config(app, host=options.host, port=options.port, log_level="warning", lifespan="on")
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve())
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started:
            port = server.servers[0].sockets[0].getsockname()[1] if server.servers else options.port
            print(f"\nGraphiQL: http://{options.host}:{port}/graphql   (Ctrl-C stops everything)\n", flush=True)
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return 0 if server.started else 1
    finally:
        print("Stopping the subgraphs...", flush=True)
        await asyncio.to_thread(cluster.stop)


if __name__ == "__main__":
    sys.exit(main())
