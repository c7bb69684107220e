"""Progress against a plan: each target's value, the achieved figure, the ratio, the
status on a date, and the basis of the figure (computed from a registry, or reported
with its source).

The status on a date: ``met`` when the achieved figure reaches the target's value (its
lower bound for a range); else ``on_track`` while the period runs and the figure is at
least the value pro rata temporis (the elapsed days of the period over all its days);
else ``behind``. ``unknown`` when no figure is available.

>>> from datetime import date, timedelta
>>> from ocop.programme import load_plan
>>> rows = evaluate(load_plan("qd490-2018"), date(2021, 3, 23))
>>> p = [r for r in rows if r.target.id == "products_3star"][0]
>>> p.achieved, p.status.value, p.ratio_text("vi"), p.ratio_text("en")
(Fraction(4469, 1), 'met', 'vượt 1,86 lần', '1.86 times the target')
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

import ocop.programme._checks as _v
from ocop._check import check_date
from ocop._source import Source
from ocop.programme.model import Metric, Plan, ReportedFigure, Target, Unit
from ocop.programme.registry import Registry
from ocop.programme.stats import flows, in_area, percent, ratio, statistics

__all__ = ["Progress", "Status", "evaluate", "target_progress"]

_ONE = timedelta(days=1)


class Status(enum.StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class Progress:
    """One target's progress on ``as_of``."""

    target: Target
    as_of: date
    achieved: Fraction | None
    basis: str
    """``computed`` (from the registry), ``reported`` or ``derived`` (from reported
    figures, e.g. 4.469 of 6.210), or ``none``."""
    explanation: str
    """How the figure was obtained (in English; the sources are in ``sources``)."""
    sources: tuple[Source, ...]
    ratio: Fraction | None
    """achieved / value (the lower bound of a range)."""
    status: Status

    def ratio_text(self, lang: str = "vi") -> str:
        """«vượt 1,86 lần» / «1.86 times the target»; «đạt 60%» / «60% of the target»."""
        if self.ratio is None:
            return "—"
        if self.ratio > 1:
            times = f"{Decimal(self.ratio.numerator) / Decimal(self.ratio.denominator):.10f}"
            shown = str(Decimal(times).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
            return (
                f"vượt {shown.replace('.', ',')} lần"
                if lang == "vi"
                else f"{shown} times the target"
            )
        shown = percent(self.ratio, 0)
        return f"đạt {shown}%" if lang == "vi" else f"{shown}% of the target"

    def achieved_text(self, lang: str = "vi") -> str:
        if self.achieved is None:
            return "—"
        if self.target.unit is Unit.PERCENT:
            text = percent(self.achieved / 100, self.target.decimals) + "%"
        else:
            text = percent(self.achieved / 100, 0)
        return text.replace(".", ",") if lang == "vi" else text


def _figure(plan: Plan, metric: str, as_of: date) -> ReportedFigure | None:
    found = [f for f in plan.figures(metric) if f.as_of <= as_of]
    return found[-1] if found else None


def _computed(target: Target, registry: Registry, as_of: date) -> tuple[Fraction, str]:
    area = target.area
    day = min(as_of, target.period_end)
    if target.metric is Metric.PRODUCTS_3STAR:
        st = statistics(registry, day, area=area)
        return Fraction(st.valid), f"certificates in force on {day.isoformat()}"
    if target.metric is Metric.PRODUCTS_5STAR:
        st = statistics(registry, day, area=area)
        return Fraction(st.by_stars[5]), f"5-star certificates in force on {day.isoformat()}"
    if target.metric is Metric.PRODUCERS:
        st = statistics(registry, day, area=area)
        return Fraction(st.producers), f"producers with a product in force on {day.isoformat()}"
    # UPGRADED_SHARE: of the products in force at the period's start, those upgraded since.
    start = target.period_start
    base = {
        e.row.key for e in registry.entries if e.in_force(start) and in_area(e, area, as_of=start)
    }
    up = {
        e.row.key
        for e in registry.entries
        if e.ended_by == "upgraded" and e.row.key in base and start < e.last_day + _ONE <= day
    }
    if not base:
        raise _NoFigure(f"no product in force on {start.isoformat()}")
    f = flows(registry, start, day, area=area)
    return ratio(len(up), len(base)) * 100, (
        f"{len(up)} of the {len(base)} products in force on {start.isoformat()} upgraded "
        f"by {day.isoformat()} (flows of the period: {f.upgraded} upgrades)"
    )


class _NoFigure(Exception):
    pass


def target_progress(
    plan: Plan, target: Target, as_of: date, registry: Registry | None = None
) -> Progress:
    """The progress of *target* (of *plan*) on *as_of*; computed from *registry* when the
    target's basis is ``computed`` and a registry is given, else from the plan's reported
    figures."""
    plan = _v.instance("plan", plan, Plan, "an ocop.Plan")
    target = _v.instance("target", target, Target, "an ocop.Target")
    as_of = check_date("as_of", as_of)
    if registry is not None:
        registry = _v.instance("registry", registry, Registry, "an ocop.Registry or None")
    achieved: Fraction | None = None
    basis, explanation = "none", "no figure"
    sources: tuple[Source, ...] = (target.source,)
    if registry is not None and target.basis.value == "computed":
        try:
            achieved, explanation = _computed(target, registry, as_of)
            basis = "computed"
        except _NoFigure as exc:
            explanation = str(exc)
    if achieved is None:
        fig = _figure(plan, target.metric.value, as_of)
        if fig is not None:
            achieved, basis = fig.value, "reported"
            explanation, sources = f"reported as of {fig.as_of.isoformat()}", (fig.source,)
        elif target.metric is Metric.STANDARDISED_SHARE:
            part = _figure(plan, Metric.PRODUCTS_3STAR.value, as_of)
            whole = _figure(plan, "evaluated_products", as_of)
            if part is not None and whole is not None:
                achieved = ratio(part.value, whole.value) * 100
                basis = "derived"
                explanation = f"{part.value} products at 3 stars or more of {whole.value} evaluated"
                sources = (part.source, whole.source)
    value = target.value
    rate = None if achieved is None or value == 0 else ratio(achieved, value)
    if achieved is None:
        status = Status.UNKNOWN
    elif achieved >= value:
        status = Status.MET
    elif as_of < target.period_end:
        total = (target.period_end - target.period_start).days + 1
        elapsed = max(0, (as_of - target.period_start).days + 1)
        status = Status.ON_TRACK if achieved >= value * Fraction(elapsed, total) else Status.BEHIND
    else:
        status = Status.BEHIND
    return Progress(
        target=target,
        as_of=as_of,
        achieved=achieved,
        basis=basis,
        explanation=explanation,
        sources=(target.source, *(s for s in sources if s != target.source)),
        ratio=rate,
        status=status,
    )


def evaluate(plan: Plan, as_of: date, registry: Registry | None = None) -> tuple[Progress, ...]:
    """The progress of every target of *plan* on *as_of* (see :func:`target_progress`)."""
    plan = _v.instance("plan", plan, Plan, "an ocop.Plan")
    as_of = check_date("as_of", as_of)
    if registry is not None:
        registry = _v.instance("registry", registry, Registry, "an ocop.Registry or None")
    return tuple(target_progress(plan, t, as_of, registry) for t in plan.targets)
