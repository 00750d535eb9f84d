"""``python -m subgraphs.taxation [options]``: serve this department's subgraph."""

from ..common.server import main
from . import DEPARTMENT

main(DEPARTMENT)
