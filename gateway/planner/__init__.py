"""Query planning: client operation → plan of fetches across subgraphs (no HTTP here)."""

from .plan import QueryPlan
from .planner import PlanningError, QueryPlanner

__all__ = ["PlanningError", "QueryPlan", "QueryPlanner"]
