"""Programme monitoring: plans with targets, registries of recognised products, statistics
as of any date, and progress against a plan (issue 16; docs/howto/programme.md).

Modules: ``model`` (Plan, Target, ReportedFigure), ``plans`` (the shipped plans),
``registry`` (rows as certificates; CSV, JSON Lines, DataFrame), ``stats`` (as of a date,
flows, shares), ``units`` (the provinces of 2025's reform: counted as written or as
the units in force on the date), ``progress`` (against a plan), ``outcome`` (the national
report's ratios), ``frames`` (pandas DataFrames; extra ``pandas``). The documents are written by
:mod:`ocop.serialize.programme`, the reports by :mod:`ocop.reports`.
"""

from __future__ import annotations

from ocop.programme.model import (
    Basis,
    Comparison,
    InvalidRegistry,
    Metric,
    Milestone,
    Plan,
    ReportedFigure,
    Scope,
    Target,
    Unit,
)
from ocop.programme.outcome import Outcome, registry_shares, reported_outcome
from ocop.programme.plans import load_plan, plan_from_data, shipped_plans
from ocop.programme.progress import Progress, Status, evaluate, target_progress
from ocop.programme.registry import (
    COLUMNS,
    Entry,
    ProducerType,
    Registry,
    RegistryRow,
    read_registry_csv,
    read_registry_jsonl,
    registry_from_frame,
    registry_from_rows,
)
from ocop.programme.stats import (
    UNKNOWN,
    Flows,
    Stats,
    flows,
    in_area,
    percent,
    ratio,
    shares,
    statistics,
)
from ocop.programme.units import ProvinceUnits

__all__ = [
    "COLUMNS",
    "UNKNOWN",
    "Basis",
    "Comparison",
    "Entry",
    "Flows",
    "InvalidRegistry",
    "Metric",
    "Milestone",
    "Outcome",
    "Plan",
    "ProducerType",
    "Progress",
    "ProvinceUnits",
    "Registry",
    "RegistryRow",
    "ReportedFigure",
    "Scope",
    "Stats",
    "Status",
    "Target",
    "Unit",
    "evaluate",
    "flows",
    "in_area",
    "load_plan",
    "percent",
    "plan_from_data",
    "ratio",
    "read_registry_csv",
    "read_registry_jsonl",
    "registry_from_frame",
    "registry_from_rows",
    "registry_shares",
    "reported_outcome",
    "shares",
    "shipped_plans",
    "statistics",
    "target_progress",
]
