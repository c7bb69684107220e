"""Programme monitoring: plans with targets, registries of recognised products, statistics
as of any date, and progress against a plan (issue 16; docs/howto/programme.md).
"""

from __future__ import annotations

from ocop.programme.model import (
    Basis,
    Comparison,
    Metric,
    Milestone,
    Plan,
    ReportedFigure,
    Scope,
    Target,
    Unit,
)
from ocop.programme.plans import load_plan, plan_from_data, shipped_plans

__all__ = [
    "Basis",
    "Comparison",
    "Metric",
    "Milestone",
    "Plan",
    "ReportedFigure",
    "Scope",
    "Target",
    "Unit",
    "load_plan",
    "plan_from_data",
    "shipped_plans",
]
