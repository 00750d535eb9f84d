"""``python -m subgraphs.market_regulation [options]``: serve this department's subgraph."""

from ..common.server import main
from . import DEPARTMENT

main(DEPARTMENT)
