"""What flows through the request pipeline, free of any HTTP framework."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass
class GraphQLRequest:
    """A client's GraphQL request after it was read off the wire."""

    query: str | None
    operation_name: str | None = None
    variables: dict[str, Any] | None = None
    extensions: dict[str, Any] | None = None
    #: lower-cased header names
    headers: Mapping[str, str] = field(default_factory=dict)
    #: "GET" or "POST": mutations are refused over GET
    http_method: str = "POST"


class Outcome(Enum):
    """How the pipeline ended, which decides the HTTP status (GraphQL-over-HTTP)."""

    EXECUTED = "executed"  # data present (possibly with errors)
    REQUEST_ERROR = "request_error"  # parse/validation/variable errors: no execution
    METHOD_NOT_ALLOWED = "method_not_allowed"  # a mutation sent with GET


@dataclass
class GraphQLResponse:
    """The response body (``data``/``errors``/``extensions``) and how it came about."""

    payload: dict[str, Any]
    outcome: Outcome = Outcome.EXECUTED

    @classmethod
    def request_error(
        cls, message: str, code: str = "BAD_REQUEST", outcome: Outcome = Outcome.REQUEST_ERROR
    ) -> GraphQLResponse:
        return cls({"errors": [{"message": message, "extensions": {"code": code}}]}, outcome)
