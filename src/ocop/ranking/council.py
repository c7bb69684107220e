"""A council's sheets combined into a star class: average, band, per-star minimums, conditions.

All arithmetic is on ints and :class:`fractions.Fraction`: no float is on the decision path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType

from ocop.criteria.model import Condition
from ocop.criteria.overlay import Overlay
from ocop.criteria.ruleset import Band
from ocop.errors import InvalidInput, show
from ocop.model import MemberSheet
from ocop.ranking.compile import Compiled, Minimum, listing
from ocop.ranking.request import minimum_policy
from ocop.ranking.result import (
    AppliedCondition,
    FailedMinimum,
    MemberScore,
    MinimumPolicy,
    RankResult,
)
from ocop.ranking.score import score_member

__all__ = ["council_outcome", "meets_minimum", "rank_compiled"]


def meets_minimum(policy: MinimumPolicy | str, points: Sequence[int], required: int) -> bool:
    """Whether a council's sheets meet a per-star minimum (a ``***`` marker) under *policy*.

    *points* are the members' points on the criterion, one per sheet; *required* is the
    points of the marked option. :attr:`~MinimumPolicy.ALL`: every sheet reaches it;
    :attr:`~MinimumPolicy.MAJORITY`: more than half do; :attr:`~MinimumPolicy.MEAN`: the
    mean of the points does (exactly: their sum is at least ``required * len(points)``).
    The decision does not say how sheets combine (``docs/interpretations.md``); this is
    the one place the choice is made, for the ranking and the advisor alike.

    >>> meets_minimum("majority", [5, 5, 3], 5), meets_minimum("all", [5, 5, 3], 5)
    (True, False)
    >>> meets_minimum("mean", [5, 3, 1], 3), meets_minimum("mean", [5, 3, 1], 5)
    (True, False)
    """
    policy = minimum_policy(policy, path="policy")
    if not points:
        raise InvalidInput("points", points, "a minimum is met by at least one sheet's points")
    n = len(points)
    meeting = sum(1 for p in points if p >= required)
    if policy is MinimumPolicy.ALL:
        return meeting == n
    if policy is MinimumPolicy.MAJORITY:
        return 2 * meeting > n
    return sum(points) >= required * n  # the mean reaches it: sum / n >= required


def council_outcome(
    compiled: Compiled,
    totals: list[int],
    policy: MinimumPolicy,
    points: Callable[[Minimum], list[int]],
    below: Callable[[Minimum], tuple[str, ...]],
) -> tuple[Fraction, Band, int, list[tuple[Minimum, tuple[str, ...]]]]:
    """Average, band, star class and failed minimums (each with the members below it).

    ``points(m)`` gives, for minimum *m*, each sheet's points on its criterion (judged by
    :func:`meets_minimum`); ``below(m)`` names the members under it, sorted. The star class
    is the band's, lowered below every minimum of a level up to the band's that the sheets
    do not meet.
    """
    n = len(totals)
    average = Fraction(sum(totals), n)
    band = next(b for b in reversed(compiled.bands) if average >= b.lower)
    stars = band.stars
    failed: list[tuple[Minimum, tuple[str, ...]]] = []
    for m in compiled.minimums:
        if m.stars > band.stars:
            continue
        if not meets_minimum(policy, points(m), m.option.points):
            failed.append((m, below(m)))
            stars = min(stars, m.stars - 1)
    return average, band, stars, failed


def rank_compiled(
    compiled: Compiled,
    sheets: list[MemberSheet],
    *,
    flags: tuple[str, ...],
    policy: MinimumPolicy,
    id: str | None = None,
    none_apply: bool = False,
    overlay: Overlay | None = None,
) -> RankResult:
    """Rank a product from validated inputs (see :func:`ocop.rank` for the public entry)."""
    if not sheets:
        raise InvalidInput("members", [], "at least one member sheet is needed")
    seen: dict[str, int] = {}
    for i, sh in enumerate(sheets):
        if sh.member in seen:
            raise InvalidInput(
                f"members[{i}].member",
                sh.member,
                f"duplicate member; also members[{seen[sh.member]}]",
            )
        seen[sh.member] = i
    flag_conds: list[Condition] = []
    for i, flag in enumerate(flags):
        cond = compiled.flag_conditions.get(flag) if isinstance(flag, str) else None
        if cond is None:
            raise InvalidInput(
                f"flags[{i}]",
                flag,
                f"criteria set {compiled.sheet.number} has no condition {show(flag)}; "
                + (
                    f"its conditions are {listing(sorted(compiled.flag_conditions))}"
                    if compiled.flag_conditions
                    else "it has no flag conditions"
                ),
            )
        if cond in flag_conds:
            raise InvalidInput(f"flags[{i}]", flag, "flag given twice")
        flag_conds.append(cond)
    skipped_by_flags = frozenset(code for c in flag_conds for code in c.skips)

    scores: list[MemberScore] = []
    per_member_points: list[Mapping[str, int]] = []
    zero_applied: dict[str, list[str]] = {}
    zero_cond: dict[str, Condition] = {}
    for i, sh in enumerate(sheets):
        score, pts, applied = score_member(
            compiled, sh, position=i, skipped_by_flags=skipped_by_flags
        )
        scores.append(score)
        per_member_points.append(pts)
        for cond in applied:
            zero_applied.setdefault(cond.key, []).append(sh.member)
            zero_cond[cond.key] = cond

    def points(m: Minimum) -> list[int]:
        return [p[m.code] for p in per_member_points]

    def below(m: Minimum) -> tuple[str, ...]:
        pairs = zip(scores, per_member_points, strict=True)
        return tuple(sorted(s.member for s, p in pairs if p[m.code] < m.option.points))

    average, band, stars, failing = council_outcome(
        compiled, [s.total for s in scores], policy, points, below
    )
    n = len(scores)
    parts = {p: Fraction(sum(s.parts[p] for s in scores), n) for p in compiled.parts}
    failed = [
        FailedMinimum(
            criterion=m.code,
            stars=m.stars,
            required_option=m.option.key,
            required_points=m.option.points,
            members_failing=names,
        )
        for m, names in failing
    ]
    members_sorted = tuple(sorted(s.member for s in scores))
    for c in flag_conds:
        if c.effect == "not_in_class" and c.stars is not None:
            stars = min(stars, c.stars - 1)
    conditions = [
        AppliedCondition(
            key=c.key,
            effect=c.effect,
            text=c.text,
            members=members_sorted,
            skipped=c.skips,
            stars=c.stars,
        )
        for c in flag_conds
    ] + [
        AppliedCondition(
            key=k,
            effect=zero_cond[k].effect,
            text=zero_cond[k].text,
            members=tuple(sorted(v)),
            skipped=zero_cond[k].skips,
        )
        for k, v in zero_applied.items()
    ]
    conditions.sort(key=lambda c: c.key)
    disqualified = any(c.effect == "disqualify" for c in flag_conds)
    following = [b for b in compiled.bands if b.stars == band.stars + 1]
    return RankResult(
        id=id,
        ruleset=compiled.ruleset.id,
        sheet=compiled.sheet.number,
        policy=policy,
        status="disqualified" if disqualified else "ranked",
        stars=None if disqualified else stars,
        band_stars=band.stars,
        average=average,
        parts=MappingProxyType(parts),
        members=tuple(scores),
        failed_minimums=tuple(failed),
        conditions=tuple(conditions),
        to_next_band=following[0].lower - average if following else None,
        rounding=compiled.ruleset.rounding,
        caveats=compiled.caveats,
        conditions_answered=bool(flags) or none_apply,
        overlay=overlay,
    )
