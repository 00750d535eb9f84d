"""Court cases: a union whose members differ between the subgraphs sharing a path.

intake and appeals both declare ``Case @key(fields: "id")`` with a shareable
``timeline: Timeline`` (a shareable value type) listing ``events: [Event!]!``; their
``union Event`` differ: intake's is ``Note | Hearing``, appeals' is ``Note | Ruling``.
Under a shareable path either subgraph may serve, only ``Note`` (common to both) is
guaranteed, so only it is fetched; the other members come back with their ``__typename``
and null fields. ``Case.appealTimeline`` exists only in appeals: after the entity hop
there, appeals' own members are used.
"""

from __future__ import annotations

from ..harness import Scenario, SdlSubgraph

NOTE = {"__typename": "Note", "text": "Filed"}


def _case(id: str, events: list[dict], **extra: object) -> dict:
    return {"__typename": "Case", "id": id, "timeline": {"events": events}, **extra}


INTAKE = {
    "K-1": [NOTE, {"__typename": "Hearing", "court": "Crown Court"}],
    "K-2": [{"__typename": "Note", "text": "Withdrawn"}, {"__typename": "Hearing", "court": "Magistrates"}],
}
APPEALS = {
    "K-1": [NOTE, {"__typename": "Ruling", "judge": "Judge Amos"}],
    "K-2": [{"__typename": "Note", "text": "Withdrawn"}, {"__typename": "Ruling", "judge": "Judge Ruth"}],
}
APPEAL_TIMELINE = {"K-1": [{"__typename": "Ruling", "judge": "Judge Okafor"}, {"__typename": "Note", "text": "Lodged"}]}

intake = SdlSubgraph(
    "intake",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      intakeCase: Case
      sharedCase: Case @shareable
    }

    type Case @key(fields: "id") {
      id: ID!
      timeline: Timeline @shareable
    }

    type Timeline @shareable {
      events: [Event!]!
    }

    union Event = Note | Hearing

    type Note @shareable {
      text: String
    }

    type Hearing {
      court: String
    }
    """,
    resolvers={
        "Query": {
            "intakeCase": lambda _o, _i: _case("K-1", INTAKE["K-1"]),
            "sharedCase": lambda _o, _i: _case("K-2", INTAKE["K-2"]),
        }
    },
    entities={"Case": lambda r: _case(r["id"], INTAKE[r["id"]])},
)

appeals = SdlSubgraph(
    "appeals",
    """
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      appealsCase: Case
      sharedCase: Case @shareable
    }

    type Case @key(fields: "id") {
      id: ID!
      timeline: Timeline @shareable
      appealTimeline: Timeline
    }

    type Timeline @shareable {
      events: [Event!]!
    }

    union Event = Note | Ruling

    type Note @shareable {
      text: String
    }

    type Ruling {
      judge: String
    }
    """,
    resolvers={
        "Query": {
            "appealsCase": lambda _o, _i: _case("K-1", APPEALS["K-1"]),
            "sharedCase": lambda _o, _i: _case("K-2", APPEALS["K-2"]),
        },
        "Case": {"appealTimeline": lambda case, _i: {"events": APPEAL_TIMELINE.get(case["id"], [])}},
    },
    entities={"Case": lambda r: _case(r["id"], APPEALS[r["id"]])},
)

SCENARIO = Scenario("partial_unions", [intake, appeals])
