"""The programme's documents: a plan (read and written), the statistics of a registry on
a date (``ocop stats``), the flows of a period and the progress against a plan.

Exact numbers travel as strings (``"4469"``, ``"2879/40"``); display values are given
beside them, rounded half up (:func:`ocop.programme.percent`).

>>> from ocop.programme import load_plan
>>> doc = plan_to_dict(load_plan("qd490-2018"))
>>> doc["targets"][1]["value"], doc["targets"][1]["comparison"]
('2400', 'about')
>>> plan_from_dict(doc) == load_plan("qd490-2018")
True
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ocop._convert import check_keys, format_fraction
from ocop._trusted import unstructure
from ocop.programme.model import Plan
from ocop.programme.plans import plan_from_data
from ocop.programme.progress import Progress
from ocop.programme.stats import BREAKDOWNS, Flows, Stats, percent, shares
from ocop.serialize._json import expect, fields_to_dict

__all__ = [
    "flows_to_dict",
    "plan_from_dict",
    "plan_to_dict",
    "progress_to_dict",
    "stats_to_dict",
]

_PLAN_KEYS = (
    "id",
    "instrument",
    "title",
    "issued",
    "period_start",
    "period_end",
    "scope",
    "targets",
    "area",
    "milestones",
    "reported",
    "note",
)


def _drop_none(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None or k == "issued"}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan document (JSON Schema ``plan``); optional fields that are ``None`` are left
    out (``issued`` is always written, ``null`` when the source gives no date)."""
    expect(plan, Plan, "plan_to_dict")
    doc: dict[str, Any] = _drop_none(unstructure(plan))
    return doc


def plan_from_dict(doc: Any) -> Plan:
    """Read a plan document strictly (unknown keys, loose types and inconsistent targets
    are :class:`~ocop.errors.InvalidInput` naming their path)."""
    check_keys(doc, _PLAN_KEYS, path="", what="a plan")
    return plan_from_data(doc)


def _counts(counts: Mapping[Any, int]) -> dict[str, int]:
    return {str(k): v for k, v in counts.items()}


def _shares(counts: Mapping[Any, int]) -> dict[str, dict[str, str]]:
    return {
        str(k): {"exact": format_fraction(v), "percent": percent(v, 1)}
        for k, v in shares(counts).items()
    }


def stats_to_dict(stats: Stats, *, flows: Flows | None = None) -> dict[str, Any]:
    """The statistics document (``ocop stats --json``): ``as_of``, ``valid`` (certificates
    in force that day), ``units`` (the provincial units counted by), ``producers``, each
    breakdown (key → count; keys as text) and
    ``shares`` of each breakdown (``exact`` fraction and display ``percent``); with
    *flows*, the period's ``flows``; ``unknown_provinces``: the names that are no
    province's, counted as written."""
    expect(stats, Stats, "stats_to_dict")
    expect(flows, Flows, "stats_to_dict", arg="flows", optional=True)
    doc: dict[str, Any] = {
        "as_of": stats.as_of.isoformat(),
        "area": stats.area,
        "units": stats.units.value,
        "valid": stats.valid,
        "producers": stats.producers,
        "unnamed": stats.unnamed,
    }
    for name in BREAKDOWNS:
        doc[name] = _counts(getattr(stats, name))
    doc["shares"] = {name: _shares(getattr(stats, name)) for name in BREAKDOWNS}
    doc["unknown_provinces"] = list(stats.unknown_provinces)
    if flows is not None:
        doc["flows"] = flows_to_dict(flows)
    return doc


def flows_to_dict(flows: Flows) -> dict[str, Any]:
    """The flows of a period: ``start``, ``end``, ``area`` and the five counts."""
    expect(flows, Flows, "flows_to_dict")
    return fields_to_dict(flows)


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else format_fraction(value)


def progress_to_dict(rows: tuple[Progress, ...], *, lang: str = "vi") -> list[dict[str, Any]]:
    """The progress table: one object per target with its value, the achieved figure
    (exact and as displayed), the ratio (exact and as text in *lang*), the status, the
    basis of the figure and its sources."""
    if not isinstance(rows, tuple | list):
        raise TypeError(f"progress_to_dict takes a tuple of Progress, got {type(rows).__name__}")
    out = []
    for p in rows:
        expect(p, Progress, "progress_to_dict")
        t = p.target
        out.append(
            {
                "target": t.id,
                "metric": t.metric.value,
                "text": t.text,
                "comparison": t.comparison.value,
                "value": format_fraction(t.value),
                "value_max": _exact(t.value_max),
                "unit": t.unit.value,
                "period_start": t.period_start.isoformat(),
                "period_end": t.period_end.isoformat(),
                "as_of": p.as_of.isoformat(),
                "achieved": _exact(p.achieved),
                "achieved_display": p.achieved_text(lang),
                "ratio": _exact(p.ratio),
                "ratio_text": p.ratio_text(lang),
                "status": p.status.value,
                "basis": p.basis,
                "explanation": p.explanation,
                "sources": [str(s) for s in p.sources],
            }
        )
    return out
