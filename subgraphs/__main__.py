"""``python -m subgraphs DEPARTMENT [options]``: serve one department's subgraph."""

from .cli import main

main()
