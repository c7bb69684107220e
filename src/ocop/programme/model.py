"""Plans of the OCOP programme and their targets, as typed data (issue 16).

A :class:`Plan` is a programme's plan (kế hoạch, đề án, chương trình): its targets for a
period, each citing the clause that sets it. A :class:`Target` is either **computed** from a
registry of recognised products (:mod:`ocop.programme.registry`) or **reported**: a figure
that no registry holds (officials trained, shops opened, villages), read from a report
(:class:`ReportedFigure`, with its source).

>>> from ocop.programme import load_plan
>>> plan = load_plan("qd490-2018")
>>> target = plan.target("products_3star")
>>> target.value, target.unit.value, target.comparison.value
(Fraction(2400, 1), 'products', 'about')
>>> str(target.source)
'490/QĐ-TTg, mục tiêu cụ thể: «Tiêu chuẩn hóa ít nhất 50% số sản phẩm hiện có, tương ứng khoảng 2.400 sản phẩm»'
"""  # noqa: E501

from __future__ import annotations

import enum
from datetime import date
from fractions import Fraction

import attrs

import ocop.programme._checks as _v
from ocop._source import Source
from ocop.errors import InvalidInput

__all__ = [
    "Basis",
    "Comparison",
    "InvalidRegistry",
    "Metric",
    "Milestone",
    "Plan",
    "ReportedFigure",
    "Scope",
    "Target",
    "Unit",
]


class Comparison(enum.StrEnum):
    """How an achieved figure is held against a target's value."""

    AT_LEAST = "at_least"
    """*ít nhất*, *tối thiểu*: met when the figure reaches the value."""
    ABOUT = "about"
    """*khoảng*: an order of size; met when the figure reaches the value (exceeding is
    reported as a ratio, "vượt 1,86 lần")."""
    BETWEEN = "between"
    """*từ ... đến ...* (``value`` to ``value_max``): met when the figure reaches ``value``."""


class Unit(enum.StrEnum):
    PRODUCTS = "products"
    PERCENT = "percent"
    ORGANISATIONS = "organisations"
    MODELS = "models"
    PEOPLE = "people"
    SHOPS = "shops"


class Scope(enum.StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    COMMUNE = "commune"


class Basis(enum.StrEnum):
    """Where a target's achieved figure comes from."""

    COMPUTED = "computed"
    """From a registry of recognised products (the certificates in force on the date)."""
    REPORTED = "reported"
    """From a published report: a :class:`ReportedFigure` with its source."""


class Metric(enum.StrEnum):
    """What a target counts. Those marked *computed* can be counted from a registry."""

    PRODUCTS_3STAR = "products_3star"
    """Products with a certificate of 3 stars or more in force (computed)."""
    PRODUCTS_5STAR = "products_5star"
    """Products with a 5-star (national) certificate in force (computed)."""
    PRODUCERS = "producers"
    """Producers with at least one product in force (computed)."""
    UPGRADED_SHARE = "upgraded_share"
    """Share of the products ranked that were upgraded or re-ranked higher in the period
    (computed: flows of the period over the products in force at its start)."""
    STANDARDISED_SHARE = "standardised_share"
    """Share of the existing (evaluated) products recognised at 3 stars or more (reported:
    a registry does not hold the products that were evaluated and not recognised)."""
    NEW_ORGANISATIONS = "new_organisations"
    """New enterprises and cooperatives taking part (reported)."""
    TOURISM_VILLAGES = "tourism_villages"
    OFFICIALS_TRAINED = "officials_trained"
    MODERN_CHANNELS_SHARE = "modern_channels_share"
    SHOPS = "shops"
    TRADE_PROMOTION = "trade_promotion"
    """Products given trade promotion (reported)."""
    COLLECTIVE_MARKS = "collective_marks"
    """Products given a collective or certification mark (reported)."""
    OTHER = "other"
    """Anything else a plan sets; reported."""

    @property
    def computable(self) -> bool:
        return self in _COMPUTABLE


_COMPUTABLE = frozenset(
    {Metric.PRODUCTS_3STAR, Metric.PRODUCTS_5STAR, Metric.PRODUCERS, Metric.UPGRADED_SHARE}
)


def _id(value: object) -> str:
    return _v.text("id", value)


def _text(value: object) -> str:
    return _v.text("text", value)


def _area(value: object) -> str | None:
    return _v.optional_text("area", value)


def _note(value: object) -> str | None:
    return _v.optional_text("note", value)


def _metric(value: object) -> Metric:
    return _v.member("metric", value, Metric)


def _comparison(value: object) -> Comparison:
    return _v.member("comparison", value, Comparison)


def _unit(value: object) -> Unit:
    return _v.member("unit", value, Unit)


def _scope(value: object) -> Scope:
    return _v.member("scope", value, Scope)


def _basis(value: object) -> Basis:
    return _v.member("basis", value, Basis)


def _value(value: object) -> Fraction:
    return _v.exact("value", value)


def _value_max(value: object) -> Fraction | None:
    return None if value is None else _v.exact("value_max", value)


@attrs.frozen(kw_only=True)
class Target:
    """One target of a plan: *metric* *comparison* *value* [*value_max*] *unit* over a period.

    Built from Python values, each field is checked as the plan document's reader checks
    it (an :class:`~ocop.errors.InvalidInput` naming the field); an enum field also takes
    its value (``metric="products_3star"``).
    """

    id: str = attrs.field(converter=_id)
    """Unique in its plan, e.g. ``"products_3star"``."""
    metric: Metric = attrs.field(converter=_metric)
    comparison: Comparison = attrs.field(converter=_comparison)
    value: Fraction = attrs.field(converter=_value)
    unit: Unit = attrs.field(converter=_unit)
    period_start: date = attrs.field(validator=_v.day("period_start"))
    period_end: date = attrs.field(validator=_v.day("period_end"))
    """The last day of the period (inclusive)."""
    scope: Scope = attrs.field(converter=_scope)
    text: str = attrs.field(converter=_text)
    """The target as the plan words it (Vietnamese)."""
    source: Source = attrs.field(validator=_v.source("source"))
    """The clause, quoted in ``provision``."""
    basis: Basis = attrs.field(converter=_basis)
    value_max: Fraction | None = attrs.field(default=None, converter=_value_max)
    area: str | None = attrs.field(default=None, converter=_area)
    """The province or commune of a provincial or communal scope."""
    decimals: int = attrs.field(default=1, converter=_v.decimals)
    """Display precision of a percent figure (the published figure's precision, 0 to 10)."""
    note: str | None = attrs.field(default=None, converter=_note)
    """A doubt or remark on the target (how the source words it, what is not encoded)."""

    def __attrs_post_init__(self) -> None:
        if self.value_max is not None and self.value_max < self.value:
            raise InvalidInput("value_max", str(self.value_max), "is below value")
        if (self.comparison is Comparison.BETWEEN) != (self.value_max is not None):
            raise InvalidInput(
                "value_max", self.value_max, "a 'between' target, and only one, has a value_max"
            )
        if self.period_end < self.period_start:
            raise InvalidInput("period_end", self.period_end.isoformat(), "is before period_start")
        if self.basis is Basis.COMPUTED and not self.metric.computable:
            raise InvalidInput(
                "basis", self.basis.value, f"{self.metric.value} cannot be computed from a registry"
            )
        if (self.scope is Scope.NATIONAL) != (self.area is None):
            raise InvalidInput("area", self.area, "a provincial or communal target names its area")


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated step of a plan's schedule (tiến độ), not a number: e.g. Q4/2025's review."""

    due: date = attrs.field(validator=_v.day("due"))
    text: str = attrs.field(converter=_text)
    source: Source = attrs.field(validator=_v.source("source"))


def _figure_metric(value: object) -> str:
    return _v.text("metric", value)


def _instrument(value: object) -> str:
    return _v.text("instrument", value)


def _title(value: object) -> str:
    return _v.text("title", value)


def _targets(value: object) -> tuple[Target, ...]:
    return _v.items("targets", value, Target, "an ocop.Target")


def _milestones(value: object) -> tuple[Milestone, ...]:
    return _v.items("milestones", value, Milestone, "a Milestone")


def _reported(value: object) -> tuple[ReportedFigure, ...]:
    return _v.items("reported", value, ReportedFigure, "a ReportedFigure")


@attrs.frozen(kw_only=True)
class ReportedFigure:
    """A figure from a report, with its source: what a registry cannot count."""

    metric: str = attrs.field(converter=_figure_metric)
    """A :class:`Metric` value or a free key of the report (``"evaluated_products"``)."""
    value: Fraction = attrs.field(converter=_value)
    unit: Unit = attrs.field(converter=_unit)
    as_of: date = attrs.field(validator=_v.day("as_of"))
    """The day the figure describes (the end of the period reported on)."""
    source: Source = attrs.field(validator=_v.source("source"))
    area: str | None = attrs.field(default=None, converter=_area)


@attrs.frozen(kw_only=True)
class Plan:
    """A programme plan: its instrument, period, scope and targets (each field checked as
    :class:`Target`'s are; ``targets``, ``milestones`` and ``reported`` are lists of
    :class:`Target`, :class:`Milestone` and :class:`ReportedFigure`)."""

    id: str = attrs.field(converter=_id)
    instrument: str = attrs.field(converter=_instrument)
    """Its number as printed, e.g. ``"490/QĐ-TTg"``."""
    title: str = attrs.field(converter=_title)
    issued: date | None = attrs.field(validator=_v.optional_day("issued"))
    """The day it was signed, when the source gives it."""
    period_start: date = attrs.field(validator=_v.day("period_start"))
    period_end: date = attrs.field(validator=_v.day("period_end"))
    scope: Scope = attrs.field(converter=_scope)
    targets: tuple[Target, ...] = attrs.field(converter=_targets)
    area: str | None = attrs.field(default=None, converter=_area)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    reported: tuple[ReportedFigure, ...] = attrs.field(default=(), converter=_reported)
    """Figures reported on the plan's outcome, with their sources."""
    note: str | None = attrs.field(default=None, converter=_note)

    def __attrs_post_init__(self) -> None:
        if self.period_end < self.period_start:
            raise InvalidInput("period_end", self.period_end.isoformat(), "is before period_start")
        if (self.scope is Scope.NATIONAL) != (self.area is None):
            raise InvalidInput("area", self.area, "a provincial or communal plan names its area")
        seen: set[str] = set()
        for i, target in enumerate(self.targets):
            if target.id in seen:
                raise InvalidInput(f"targets[{i}].id", target.id, "repeats an earlier target id")
            seen.add(target.id)

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        known = ", ".join(t.id for t in self.targets)
        raise InvalidInput("target", target_id, f"no such target; targets: {known}")

    def figures(self, metric: str) -> tuple[ReportedFigure, ...]:
        """The reported figures of *metric*, oldest first."""
        return tuple(
            sorted((f for f in self.reported if f.metric == metric), key=lambda f: f.as_of)
        )


class InvalidRegistry(InvalidInput):
    """A row of a registry of recognised products that does not fit: names its line (or
    DataFrame row) and its field, e.g. ``line 7, stars: expected 3, 4 or 5, got '6'``."""

    def __init__(self, line: int, field: str, value: object, message: str) -> None:
        self.line = line
        self.field = field
        super().__init__(f"line {line}, {field}" if field else f"line {line}", value, message)

    def __reduce__(self) -> tuple[type[InvalidRegistry], tuple[int, str, object, str]]:  # type: ignore[override]
        return (type(self), (self.line, self.field, self.value, self.message))
