"""The six department subgraphs of the "one ID, every service" demo.

Each department is a package ``subgraphs.<name>`` exposing ``DEPARTMENT`` (a
:class:`subgraphs.common.server.Department`): its Strawberry federated schema, its tables
and how it derives its rows from the shared synthetic world. ``name`` is the subgraph's
name in the supergraph (``@override(from:)`` refers to it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .common.server import Department

#: in supergraph order; the default ports are 4001..4006 in this order
DEPARTMENT_NAMES = ("household", "civil_affairs", "social_security", "market_regulation", "taxation", "health")


def department(name: str) -> Department:
    if name not in DEPARTMENT_NAMES:
        raise KeyError(f"unknown department {name!r}; known: {', '.join(DEPARTMENT_NAMES)}")
    return importlib.import_module(f"subgraphs.{name}").DEPARTMENT


def departments() -> list[Department]:
    return [department(name) for name in DEPARTMENT_NAMES]
