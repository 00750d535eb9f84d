"""Supergraph model: join metadata, the planner's view and the client's API schema."""

from .errors import SupergraphError
from .loader import load_supergraph, load_supergraph_file, parse_field_set
from .model import FieldInSubgraph, Key, Subgraph, Supergraph, SupergraphField, SupergraphType, TypeInSubgraph

__all__ = [
    "FieldInSubgraph",
    "Key",
    "Subgraph",
    "Supergraph",
    "SupergraphError",
    "SupergraphField",
    "SupergraphType",
    "TypeInSubgraph",
    "load_supergraph",
    "load_supergraph_file",
    "parse_field_set",
]
