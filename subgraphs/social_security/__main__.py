"""``python -m subgraphs.social_security [options]``: serve this department's subgraph."""

from ..common.server import main
from . import DEPARTMENT

main(DEPARTMENT)
