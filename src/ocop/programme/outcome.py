"""A programme's outcome in the national report's terms: the share of the evaluated
products recognised at 3 stars or more, of the participating producers with a recognised
product, the shares by star class and by producer type, and the times the target.

From reported figures (:func:`reported_outcome`, 490/QĐ-TTg's 2018-2020 results: no
national product list exists) or from a registry's statistics (:func:`registry_shares`).

>>> from datetime import date
>>> from ocop.programme import load_plan
>>> out = reported_outcome(load_plan("qd490-2018"), date(2021, 3, 23))
>>> percent(out.products_share, 0), percent(out.producers_share, 1)
('72', '82.4')
>>> out.times_target, percent(out.times_target / 100, 2)
(Fraction(4469, 2400), '1.86')
>>> {k: percent(v, 1) for k, v in out.producer_type_shares.items()}
{'hop_tac_xa': '38.3', 'doanh_nghiep': '27.5', 'ho_san_xuat': '31.5', 'to_hop_tac': '2.7'}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from ocop._source import Source
from ocop.errors import InvalidInput
from ocop.programme.model import Plan
from ocop.programme.stats import Stats, percent, ratio, shares

__all__ = ["Outcome", "percent", "registry_shares", "reported_outcome"]

_STARS = ("share_3star", "share_4star", "share_5star_potential")
_TYPES = ("hop_tac_xa", "doanh_nghiep", "ho_san_xuat")


@attrs.frozen(kw_only=True)
class Outcome:
    as_of: date
    products_share: Fraction
    """Products recognised at 3 stars or more over the products evaluated."""
    producers_share: Fraction
    """Producers with a recognised product over the participating producers."""
    times_target: Fraction
    """Products recognised over the plan's target number (``products_3star``)."""
    star_shares: Mapping[str, Fraction]
    producer_type_shares: Mapping[str, Fraction]
    """By type; ``to_hop_tac`` is the rest (the report says «còn lại là tổ hợp tác»)."""
    sources: tuple[Source, ...]


def _value(plan: Plan, metric: str, as_of: date) -> tuple[Fraction, Source]:
    found = [f for f in plan.figures(metric) if f.as_of <= as_of]
    if not found:
        raise InvalidInput("metric", metric, f"{plan.id} reports no {metric} by {as_of}")
    return found[-1].value, found[-1].source


def reported_outcome(plan: Plan, as_of: date) -> Outcome:
    """The outcome of *plan* from its reported figures up to *as_of*."""
    recognised, s1 = _value(plan, "products_3star", as_of)
    evaluated, s2 = _value(plan, "evaluated_products", as_of)
    producers, s3 = _value(plan, "producers", as_of)
    participating, s4 = _value(plan, "participating_producers", as_of)
    stars = {k: _value(plan, k, as_of)[0] / 100 for k in _STARS}
    types = {k: _value(plan, f"share_{k}", as_of)[0] / 100 for k in _TYPES}
    types["to_hop_tac"] = 1 - sum(types.values(), Fraction(0))
    return Outcome(
        as_of=as_of,
        products_share=ratio(recognised, evaluated),
        producers_share=ratio(producers, participating),
        times_target=ratio(recognised, plan.target("products_3star").value),
        star_shares=stars,
        producer_type_shares=types,
        sources=tuple(dict.fromkeys((s1, s2, s3, s4))),
    )


def registry_shares(stats: Stats) -> dict[str, dict[Any, Fraction]]:
    """The shares a registry gives on its date: by star class and producer type (of the
    products in force), and producers by type."""
    return {
        "by_stars": shares(stats.by_stars),
        "by_producer_type": shares(stats.by_producer_type),
        "producers_by_type": shares(stats.producers_by_type),
    }
