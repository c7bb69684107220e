"""The shipped plans: 490/QĐ-TTg and three provincial plans, as data files (``plans/``).

Each file is a plan document (JSON Schema ``plan``) read through the strict converter;
every target quotes the clause that sets it. Users write their own plans in the same
format and read them with :func:`ocop.serialize.plan_from_dict`.

>>> [p.id for p in shipped_plans()]
['hai-duong-ocop-2018', 'hoa-binh-162-2022', 'qd490-2018', 'thanh-hoa-134-2019']
>>> load_plan("hoa-binh-162-2022").target("products_5star").value_max
Fraction(3, 1)
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from ocop._convert import structure
from ocop.errors import InvalidInput, show
from ocop.programme.model import Plan

__all__ = ["load_plan", "plan_from_data", "shipped_plans"]


def plan_from_data(doc: Any) -> Plan:
    """A plan from its JSON data (strict: unknown keys and loose types are errors)."""
    return structure(doc, Plan)


@functools.cache
def shipped_plans() -> tuple[Plan, ...]:
    """The plans shipped with :mod:`ocop`, by id."""
    folder = resources.files(__package__).joinpath("plans")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            out.append(plan_from_data(json.loads(entry.read_text(encoding="utf-8"))))
    return tuple(out)


def load_plan(plan_id: str) -> Plan:
    """The shipped plan *plan_id* (``qd490-2018``, ``hoa-binh-162-2022``, ...)."""
    for plan in shipped_plans():
        if plan.id == plan_id:
            return plan
    known = ", ".join(p.id for p in shipped_plans())
    raise InvalidInput("plan", plan_id, f"no shipped plan {show(plan_id)}; plans: {known}")
