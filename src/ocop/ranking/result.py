"""Result objects of a ranking: per member, per failed minimum, per applied condition."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

import attrs

from ocop.criteria.model import Lang, Rounding
from ocop.errors import InvalidInput

__all__ = [
    "AppliedCondition",
    "FailedMinimum",
    "MemberScore",
    "MinimumPolicy",
    "RankResult",
    "display",
]

_MODES = {
    "ROUND_HALF_UP": ROUND_HALF_UP,
    "ROUND_HALF_EVEN": ROUND_HALF_EVEN,
    "ROUND_DOWN": ROUND_DOWN,
}


def display(value: Fraction, rounding: Rounding) -> Decimal:
    """*value* as a :class:`~decimal.Decimal` with the rule set's display rounding.

    Exact: the fraction is rounded once, by integer arithmetic, never through a float
    (a float would store 20.05 as 20.04999... and round it down).

    >>> from ocop.criteria.model import Rounding
    >>> display(Fraction(2005, 100), Rounding(places=1, mode="ROUND_HALF_UP", note=""))
    Decimal('20.1')
    >>> display(Fraction(208, 3), Rounding(places=2, mode="ROUND_HALF_UP", note=""))
    Decimal('69.33')
    """
    scale = 10**rounding.places
    whole, rest = divmod(value.numerator * scale, value.denominator)
    half = Fraction(rest, value.denominator)
    mode = _MODES[rounding.mode]
    if mode == ROUND_DOWN or half == 0:
        units = whole
    elif half > Fraction(1, 2):
        units = whole + 1
    elif half < Fraction(1, 2):
        units = whole
    elif mode == ROUND_HALF_UP:
        units = whole + 1
    else:
        units = whole + (whole % 2)
    return Decimal(units).scaleb(-rounding.places)


class MinimumPolicy(enum.StrEnum):
    """How a council's several sheets meet a per-star minimum (a ``***`` marker).

    The decision marks the minimum option for each star class on every member's
    sheet but does not say how several members' sheets combine. See
    ``docs/interpretations.md``.
    """

    MAJORITY = "majority"
    """Met when more than half of the members reach the marked option (the default)."""
    ALL = "all"
    """Met only when every member reaches the marked option."""
    MEAN = "mean"
    """Met when the members' mean points on the criterion reach the option's points."""


@attrs.frozen(kw_only=True)
class MemberScore:
    """One member's validated sheet and scores."""

    member: str
    total: int
    parts: Mapping[str, int]
    answers: Mapping[str, str]
    """Leaf code → key of the chosen option, for every criterion the member answered."""
    not_considered: tuple[str, ...] = ()
    """Criteria scored 0 because a condition skipped them or they were not applicable."""

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v}" for k, v in self.parts.items())
        return f"<MemberScore {self.member!r}: {self.total} ({parts})>"


@attrs.frozen(kw_only=True)
class FailedMinimum:
    """A per-star minimum (a marked option) that the council's sheets did not meet."""

    criterion: str
    stars: int
    required_option: str
    required_points: int
    members_failing: tuple[str, ...]
    """Members whose answer is below the marked option, sorted by name."""


@attrs.frozen(kw_only=True)
class AppliedCondition:
    """A knock-out condition of the sheet that took effect."""

    key: str
    effect: Literal["disqualify", "skip_rest"]
    text: str
    members: tuple[str, ...]
    """The members whose sheets it applied to, sorted (all of them for a flag)."""
    skipped: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class RankResult:
    """The outcome of ranking one product by its council's sheets.

    ``average`` and the part averages are exact fractions; :attr:`average_display`
    gives the rule set's rounded display value. ``stars`` is ``None`` when the
    dossier is disqualified (``status == "disqualified"``).
    """

    ruleset: str
    sheet: int
    policy: MinimumPolicy
    status: Literal["ranked", "disqualified"]
    stars: int | None
    band_stars: int
    average: Fraction
    parts: Mapping[str, Fraction]
    members: tuple[MemberScore, ...]
    failed_minimums: tuple[FailedMinimum, ...]
    conditions: tuple[AppliedCondition, ...]
    to_next_band: Fraction | None
    """Points the average lacks to reach the next band; ``None`` in the top band."""
    rounding: Rounding

    def __repr__(self) -> str:
        stars = "disqualified" if self.stars is None else f"{self.stars}★"
        return (
            f"<RankResult {self.ruleset} sheet {self.sheet}: {stars} "
            f"(band {self.band_stars}★, average {self.average_display}, "
            f"{len(self.members)} members, policy {self.policy.value})>"
        )

    @property
    def average_display(self) -> Decimal:
        return display(self.average, self.rounding)

    def explain(self, lang: Lang = "en") -> tuple[str, ...]:
        """An account of how the class was reached, one line per step.

        ``lang`` is ``"en"`` (English) or ``"vi"`` (Vietnamese); codes, keys and numbers
        are the same in both.
        """
        if lang == "vi":
            return _explain_vi(self)
        if lang != "en":
            raise InvalidInput("lang", lang, "explanations are available in 'en' and 'vi'")
        lines = [
            f"Average total of {len(self.members)} member sheet(s): {self.average_display} "
            f"(exact {_exact(self.average)}) falls in the {self.band_stars}★ band."
        ]
        if self.failed_minimums:
            for fm in self.failed_minimums:
                lines.append(
                    f"Minimum for {fm.stars}★ not met on criterion {fm.criterion}: option "
                    f"{fm.required_option!r} ({fm.required_points} points) is required; "
                    f"below it: {', '.join(fm.members_failing)} (policy: {self.policy.value})."
                )
        else:
            lines.append(
                f"All per-star minimums up to {self.band_stars}★ are met "
                f"(policy: {self.policy.value})."
            )
        for cond in self.conditions:
            what = (
                "the dossier is disqualified"
                if cond.effect == "disqualify"
                else f"criteria {', '.join(cond.skipped)} are not evaluated"
            )
            lines.append(f"Condition {cond.key!r} applies to {', '.join(cond.members)}: {what}.")
        if self.stars is None:
            lines.append("No star class: the dossier is disqualified.")
        else:
            lines.append(f"Final class: {self.stars}★.")
        if self.to_next_band is not None:
            lines.append(
                f"The average lacks {display(self.to_next_band, self.rounding)} points "
                f"(exact {_exact(self.to_next_band)}) to reach the {self.band_stars + 1}★ band."
            )
        return tuple(lines)


_POLICY_VI = {
    MinimumPolicy.MAJORITY: "đa số thành viên",
    MinimumPolicy.ALL: "tất cả thành viên",
    MinimumPolicy.MEAN: "điểm trung bình của tiêu chí",
}


def _explain_vi(result: RankResult) -> tuple[str, ...]:
    policy = _POLICY_VI[result.policy]
    lines = [
        f"Tổng điểm trung bình của {len(result.members)} phiếu đánh giá: "
        f"{result.average_display} (chính xác {_exact(result.average)}), "
        f"thuộc khung hạng {result.band_stars} sao."
    ]
    if result.failed_minimums:
        for fm in result.failed_minimums:
            lines.append(
                f"Chưa đạt yêu cầu tối thiểu của hạng {fm.stars} sao ở tiêu chí {fm.criterion}: "
                f"phải đạt phương án {fm.required_option!r} ({fm.required_points} điểm); "
                f"chưa đạt: {', '.join(fm.members_failing)} (nguyên tắc: {policy})."
            )
    else:
        lines.append(
            f"Đạt mọi yêu cầu tối thiểu đến hạng {result.band_stars} sao (nguyên tắc: {policy})."
        )
    for cond in result.conditions:
        what = (
            "hồ sơ bị loại"
            if cond.effect == "disqualify"
            else f"không đánh giá các tiêu chí {', '.join(cond.skipped)}"
        )
        lines.append(f"Điều kiện {cond.key!r} áp dụng với {', '.join(cond.members)}: {what}.")
    if result.stars is None:
        lines.append("Không phân hạng: hồ sơ bị loại.")
    else:
        lines.append(f"Hạng sản phẩm: {result.stars} sao.")
    if result.to_next_band is not None:
        lines.append(
            f"Điểm trung bình còn thiếu {display(result.to_next_band, result.rounding)} điểm "
            f"(chính xác {_exact(result.to_next_band)}) "
            f"để đạt khung hạng {result.band_stars + 1} sao."
        )
    return tuple(lines)


def _exact(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )
