"""``python -m subgraphs DEPARTMENT [options]`` (console script candidate: ``tongban-subgraph``)."""

from __future__ import annotations

import sys

from . import DEPARTMENT_NAMES, department
from .common.server import main as serve


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in DEPARTMENT_NAMES:
        sys.exit(
            f"usage: python -m subgraphs {{{','.join(DEPARTMENT_NAMES)}}} [--port N] [--data-dir D] [--persons N] ...\n"
            "       python -m subgraphs DEPARTMENT --help"
        )
    serve(department(args[0]), args[1:])
