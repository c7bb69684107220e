"""Result objects of a ranking: per member, per failed minimum, per applied condition."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

import attrs

from ocop.criteria.model import Lang
from ocop.criteria.overlay import Overlay
from ocop.criteria.ruleset import Rounding
from ocop.errors import InvalidInput, show
from ocop.ranking.council_rules import NEUTRAL, CouncilBreach

__all__ = [
    "AppliedCondition",
    "FailedMinimum",
    "MemberScore",
    "MinimumPolicy",
    "RankResult",
    "counted",
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

    >>> from ocop.criteria.ruleset import Rounding
    >>> display(Fraction(2005, 100), Rounding(places=1, mode="ROUND_HALF_UP", note=""))
    Decimal('20.1')
    >>> display(Fraction(208, 3), Rounding(places=2, mode="ROUND_HALF_UP", note=""))
    Decimal('69.33')
    """
    scale = 10**rounding.places
    whole, rest = divmod(value.numerator * scale, value.denominator)
    twice, den = 2 * rest, value.denominator  # compare the remainder with one half
    mode = _MODES[rounding.mode]
    if mode == ROUND_DOWN or rest == 0 or twice < den:
        units = whole
    elif twice > den or mode == ROUND_HALF_UP:
        units = whole + 1
    else:
        units = whole + (whole % 2)
    return Decimal(units).scaleb(-rounding.places)


def counted(n: int, noun: str) -> str:
    """*n* and an English *noun*, singular for one: ``counted(1, "member")`` is
    ``"1 member"``, ``counted(5, "member")`` is ``"5 members"``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
        return f"<MemberScore {show(self.member)}: {self.total} ({parts})>"


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
    """A knock-out condition of the sheet (or of the rule set) that took effect."""

    key: str
    effect: Literal["disqualify", "skip_rest", "not_in_class"]
    text: str
    members: tuple[str, ...]
    """The members whose sheets it applied to, sorted (all of them for a flag)."""
    skipped: tuple[str, ...] = ()
    stars: int | None = None
    """For ``not_in_class``: the class (and those above) the product is not placed in."""


@attrs.frozen(kw_only=True)
class RankResult:
    """The outcome of ranking one product by its council's sheets.

    ``average`` and the part averages are exact fractions; :attr:`average_display`
    gives the rule set's rounded display value. ``stars`` is ``None`` when the
    dossier is disqualified (``status == "disqualified"``). ``id`` is the request's
    ``id`` (a caller's identifier for the product), carried to every output.
    """

    id: str | None = None
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
    caveats: tuple[str, ...] = ()
    """What this result must be read with: the rule set's caveats (e.g. minimums not
    encoded) and doubts about the sheet's source. Empty for a fully verified rule set."""
    council_rules: str = NEUTRAL
    """The id of the council rules checked (``"neutral"``: none beyond the decision)."""
    council_breaches: tuple[CouncilBreach, ...] = ()
    """Breaches of those rules (e.g. members' totals too far apart), reported only: the
    class is the decision's."""
    conditions_answered: bool = False
    """Whether the council answered the flag conditions: it raised some (``flags``), or
    said that none applies (``none_apply``). ``False``: no answer was given, and the
    result assumes that none holds."""
    overlay: Overlay | None = None
    """The errata overlay the product was ranked under, if any (its caveat is in
    ``caveats``)."""

    def __repr__(self) -> str:
        stars = "disqualified" if self.stars is None else f"{self.stars}★"
        named = "" if self.id is None else f" {show(self.id)}"
        return (
            f"<RankResult{named} {self.ruleset} sheet {self.sheet}: {stars} "
            f"(band {self.band_stars}★, average {self.average_display}, "
            f"{counted(len(self.members), 'member')}, policy {self.policy.value})>"
        )

    @property
    def average_display(self) -> Decimal:
        return display(self.average, self.rounding)

    def explain(self, lang: Lang = "en") -> tuple[str, ...]:
        """An account of how the class was reached, one line per step.

        ``lang`` is ``"en"`` (English) or ``"vi"`` (Vietnamese); codes, keys and numbers
        are the same in both.
        """
        phrases = _PHRASES.get(lang)
        if phrases is None:
            raise InvalidInput("lang", lang, "explanations are available in 'en' and 'vi'")
        policy = phrases["policy_" + self.policy.value]
        lines = [
            phrases["average"].format(
                n=len(self.members),
                sheets=counted(len(self.members), "member sheet"),
                avg=self.average_display,
                exact=_exact(self.average),
                band=self.band_stars,
            )
        ]
        for fm in self.failed_minimums:
            lines.append(
                phrases["failed"].format(
                    stars=fm.stars,
                    criterion=fm.criterion,
                    option=repr(fm.required_option),
                    points=fm.required_points,
                    points_text=counted(fm.required_points, "point"),
                    members=", ".join(fm.members_failing),
                    policy=policy,
                )
            )
        if not self.failed_minimums:
            lines.append(phrases["all_met"].format(band=self.band_stars, policy=policy))
        for cond in self.conditions:
            if cond.effect == "disqualify":
                what = phrases["disqualify"]
            elif cond.effect == "not_in_class":
                what = phrases["not_in_class"].format(stars=cond.stars)
            else:
                what = phrases["skip"].format(codes=", ".join(cond.skipped))
            lines.append(
                phrases["condition"].format(
                    key=repr(cond.key), members=", ".join(cond.members), what=what
                )
            )
        if self.stars is None:
            lines.append(phrases["no_class"])
        else:
            lines.append(phrases["final"].format(stars=self.stars))
        lines.extend(self._breach_lines(phrases))
        if self.to_next_band is not None:
            lines.append(
                phrases["next"].format(
                    missing=display(self.to_next_band, self.rounding),
                    exact=_exact(self.to_next_band),
                    next=self.band_stars + 1,
                )
            )
        lines.extend(phrases["caveat"].format(text=c) for c in self.caveats)
        return tuple(lines)

    def _breach_lines(self, phrases: Mapping[str, str]) -> list[str]:
        lines = []
        totals = {m.member: m.total for m in self.members}
        for b in self.council_breaches:
            action = phrases["action_" + (b.on_breach or "report")]
            if b.rule == "spread":
                low = min(totals[m] for m in b.members)
                lines.append(
                    phrases["spread"].format(
                        rules=b.rules,
                        actual=_exact(b.actual or Fraction(0)),
                        low=", ".join(f"{m} {totals[m]}" for m in b.members if totals[m] == low),
                        high=", ".join(f"{m} {totals[m]}" for m in b.members if totals[m] != low),
                        limit=_exact(b.limit or Fraction(0)),
                        excess=_exact(b.excess or Fraction(0)),
                        action=action,
                        source=b.source,
                    )
                )
            else:
                lines.append(
                    phrases["criterion_spread"].format(
                        rules=b.rules,
                        criterion=b.criterion,
                        members=", ".join(b.members),
                        actual=_exact(b.actual or Fraction(0)),
                        limit=_exact(b.limit or Fraction(0)),
                        excess=_exact(b.excess or Fraction(0)),
                        action=action,
                        source=b.source,
                    )
                )
        if lines:
            lines.append(phrases["rules_unchanged"])
        return lines


# One phrase book per language; the logic of explain() is shared.
_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "average": "Average total of {sheets}: {avg} (exact {exact}) falls in the {band}★ band.",
        "failed": "Minimum for {stars}★ not met on criterion {criterion}: option {option} "
        "({points_text}) is required; below it: {members} (policy: {policy}).",
        "all_met": "All per-star minimums up to {band}★ are met (policy: {policy}).",
        "disqualify": "the dossier is disqualified",
        "skip": "criteria {codes} are not evaluated",
        "not_in_class": "the product is not placed in the {stars}★ class or above",
        "condition": "Condition {key} applies to {members}: {what}.",
        "no_class": "No star class: the dossier is disqualified.",
        "final": "Final class: {stars}★.",
        "next": "The average lacks {missing} points (exact {exact}) to reach the {next}★ band.",
        "policy_majority": "majority",
        "policy_all": "all",
        "policy_mean": "mean",
        "caveat": "Caveat: {text}",
        "spread": "Council rules {rules}: the members' totals differ by {actual} points "
        "(lowest {low}; highest {high}), more than the {limit} allowed, by {excess}; "
        "{action} [{source}].",
        "criterion_spread": "Council rules {rules}: on criterion {criterion} the members' "
        "points differ by {actual} ({members}), more than the {limit} allowed, by {excess}; "
        "{action} [{source}].",
        "action_rescore": "the regulation has the council discuss and score again",
        "action_report": "reported only",
        "rules_unchanged": "The class above is the decision's: the council rules do not change it.",
    },
    "vi": {
        "average": "Tổng điểm trung bình của {n} phiếu đánh giá: {avg} (chính xác {exact}), "
        "thuộc khung hạng {band} sao.",
        "failed": "Chưa đạt yêu cầu tối thiểu của hạng {stars} sao ở tiêu chí {criterion}: "
        "phải đạt phương án {option} ({points} điểm); chưa đạt: {members} (nguyên tắc: {policy}).",
        "all_met": "Đạt mọi yêu cầu tối thiểu đến hạng {band} sao (nguyên tắc: {policy}).",
        "disqualify": "hồ sơ bị loại",
        "skip": "không đánh giá các tiêu chí {codes}",
        "not_in_class": "sản phẩm không được xếp hạng {stars} sao trở lên (không đạt)",
        "condition": "Điều kiện {key} áp dụng với {members}: {what}.",
        "no_class": "Không phân hạng: hồ sơ bị loại.",
        "final": "Hạng sản phẩm: {stars} sao.",
        "next": "Điểm trung bình còn thiếu {missing} điểm (chính xác {exact}) "
        "để đạt khung hạng {next} sao.",
        "policy_majority": "đa số thành viên",
        "policy_all": "tất cả thành viên",
        "policy_mean": "điểm trung bình của tiêu chí",
        "caveat": "Lưu ý: {text}",
        "spread": "Quy chế hội đồng {rules}: tổng điểm của các thành viên chênh lệch {actual} "
        "điểm (thấp nhất: {low}; cao nhất: {high}), quá mức {limit} điểm cho phép "
        "{excess} điểm; {action} [{source}].",
        "criterion_spread": "Quy chế hội đồng {rules}: ở tiêu chí {criterion}, điểm của các "
        "thành viên chênh lệch {actual} điểm ({members}), quá mức {limit} điểm cho phép "
        "{excess} điểm; {action} [{source}].",
        "action_rescore": "theo quy chế, Hội đồng thảo luận, thống nhất và chấm lại",
        "action_report": "chỉ ghi nhận",
        "rules_unchanged": "Hạng sản phẩm trên là hạng theo quyết định; quy chế hội đồng "
        "không làm thay đổi hạng.",
    },
}


def _exact(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )
