"""``python -m subgraphs.health [options]``: serve this department's subgraph."""

from ..common.server import main
from . import DEPARTMENT

main(DEPARTMENT)
