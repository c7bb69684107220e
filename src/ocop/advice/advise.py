"""``ocop.advise``: the fewest (or cheapest) product improvements that reach a target class.

>>> import ocop
>>> from ocop.serialize import loads, rank_request_from_dict
>>> with open("examples/rank-honey-council.json", encoding="utf-8") as f:
...     request = rank_request_from_dict(loads(f.read()))
>>> advice = ocop.advise(request)
>>> advice.before.stars, advice.target, [(s.criterion, s.to) for s in advice.steps]
(3, 4, [('5.1', 'e')])
>>> advice.result.stars
4
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

import attrs

from ocop.advice._problem import Problem, apply, build_problem, effective_points
from ocop.advice._request import as_request
from ocop.advice._search import search
from ocop.advice.evidence import evidence_for
from ocop.advice.plan import Advice, Costs, MemberChange, MinimumMet, Reason, Step, check_costs
from ocop.criteria.model import Option
from ocop.criteria.ruleset import Rounding
from ocop.errors import InvalidInput, show
from ocop.model import MemberSheet
from ocop.ranking import RankRequest, RankResult, rank_request, resolve_ruleset
from ocop.ranking.compile import Compiled, compile_sheet
from ocop.ranking.council import meets_minimum
from ocop.ranking.result import display

__all__ = ["advise"]


def _target(target: object, before: RankResult, compiled: Compiled) -> int:
    top = max(b.stars for b in compiled.bands)
    if target is None:
        return min((before.stars or 0) + 1, top)
    if type(target) is not int or not 1 <= target <= top:
        raise InvalidInput("target", target, f"the target is a star class from 1 to {top}")
    return target


def _fixed(fixed: Iterable[str], compiled: Compiled) -> frozenset[str]:
    if isinstance(fixed, str | bytes | Mapping) or not isinstance(fixed, Iterable):
        raise InvalidInput("fixed", fixed, "fixed is a list of criterion codes")
    found = frozenset(fixed)
    for code in sorted(found, key=str):
        if not isinstance(code, str) or code not in compiled.index:
            raise InvalidInput(
                "fixed", code, f"criteria set {compiled.sheet.number} has no criterion {show(code)}"
            )
    return found


def advise(
    subject: RankRequest | RankResult,
    *,
    target: int | None = None,
    costs: Costs | None = None,
    fixed: Iterable[str] = (),
) -> Advice:
    """The smallest set of product-level improvements that reaches *target* stars.

    :param subject: a :class:`~ocop.RankRequest` (a council, or one sheet: the producer's
        self-assessment, Mẫu số 02) or the :class:`~ocop.RankResult` it gave.
    :param target: the class to reach; by default the next class above the result.
    :param costs: what raising each criterion (or reaching each option) costs; the plan
        is then the cheapest (ties: fewest criteria, then fewest points above the band).
    :param fixed: criteria that must not be raised (facts such as the legal
        representative, 3.2 on 26/2026 sheets).

    An improvement raises one criterion to a named option on every member's sheet that
    scored it lower. The plan reaches the band on the exact average and meets every
    per-star minimum up to the target under the request's policy, with the sheet's
    conditions and alternatives; it is optimal (fewest criteria raised, then fewest points
    above what is needed), found by exact search (:mod:`ocop.advice._search`). Its result
    is ranked by :func:`ocop.rank_request` on the changed request.
    """
    request = as_request(subject)
    before = rank_request(request)
    compiled = compile_sheet(resolve_ruleset(request), request.sheet, request.overlay)
    goal = _target(target, before, compiled)
    frozen = _fixed(fixed, compiled)
    if costs is not None:
        if not isinstance(costs, Costs):
            raise InvalidInput("costs", costs, "costs are an ocop.Costs")
        check_costs(costs, {leaf.code: tuple(leaf.by_key) for leaf in compiled.leaves})
    objective: Literal["fewest_criteria", "cost"] = "fewest_criteria" if costs is None else "cost"

    def make(**rest: Any) -> Advice:
        return Advice(
            ruleset=before.ruleset,
            sheet=before.sheet,
            target=goal,
            objective=objective,
            before=before,
            **rest,
        )

    if before.stars is None:
        return make(reachable=False, steps=(), result=None, reasons=_disqualified(before))
    if barred := _barred(before, goal):
        return make(reachable=False, steps=(), result=None, reasons=barred)
    members = [dict(m.answers) for m in before.members]
    problem = build_problem(
        compiled,
        members,
        flags=request.flags,
        policy=request.policy,
        target=goal,
        fixed=frozen,
        costs=costs,
    )
    band = next(b for b in compiled.bands if b.stars == goal)
    if before.stars >= goal:
        return make(
            reachable=True,
            steps=(),
            result=before,
            total_cost=Fraction(0) if costs is not None else None,
            above_needed=before.average - band.lower,
            fixed=problem.fixed,
        )
    reasons = _minimum_reasons(problem, compiled, request, goal)
    found = search(problem) if not reasons else None
    if found is None or found.choices is None:
        if found is not None:
            reasons = (
                _band_reason(
                    found.best, problem, len(members), goal, band.lower, compiled.ruleset.rounding
                ),
            )
        return make(reachable=False, steps=(), result=None, reasons=reasons, fixed=problem.fixed)
    order = list(compiled.index)
    raises = sorted((r for c in found.choices for r in c.raises), key=lambda r: order.index(r[0]))
    steps, result = _steps(compiled, request, before, members, raises, goal, costs)
    if result.stars is None or result.stars < goal:  # pragma: no cover - the search's invariant
        raise RuntimeError(f"the plan for {goal}★ ranks {result.stars}★: {raises}")
    return make(
        reachable=True,
        steps=steps,
        result=result,
        total_cost=found.cost if costs is not None else None,
        above_needed=result.average - band.lower,
        fixed=problem.fixed,
    )


def _with_answers(request: RankRequest, answers: list[dict[str, str]]) -> RankRequest:
    sheets = tuple(
        MemberSheet(member=m.member, answers=a)
        for m, a in zip(request.members, answers, strict=True)
    )
    return attrs.evolve(request, members=sheets)


def _steps(
    compiled: Compiled,
    request: RankRequest,
    before: RankResult,
    members: list[dict[str, str]],
    raises: list[tuple[str, str]],
    goal: int,
    costs: Costs | None,
) -> tuple[tuple[Step, ...], RankResult]:
    """Each raise in sheet order, ranked after the ones before it."""
    names = [m.member for m in before.members]
    skipped = frozenset(c for f in request.flags for c in compiled.flag_conditions[f].skips)
    steps = []
    previous, prev_answers = before, members
    for i, (code, key) in enumerate(raises):
        answers = [apply(compiled, m, dict(raises[: i + 1])) for m in members]
        result = rank_request(_with_answers(request, answers))
        crit = compiled.sheet.criterion(code)
        option = crit.option(key)
        changes = [
            MemberChange(
                member=name,
                criterion=c,
                before=old.get(c),
                after=new[c],
                implied=c != code,
            )
            for c in compiled.index
            for name, old, new in zip(names, prev_answers, answers, strict=True)
            if c in new and old.get(c) != new[c]
        ]
        now = [effective_points(compiled, m, (code,), skipped)[0] for m in members]
        steps.append(
            Step(
                criterion=code,
                title=crit.title,
                title_en=crit.title_en,
                to=key,
                to_points=option.points,
                to_label=option.label,
                changes=tuple(changes),
                points=result.average - previous.average,
                minimum=_minimum(crit.options, option.points, now, request, goal),
                cost=None if costs is None else costs.cost(code, key),
                source=crit.source,
                evidence=evidence_for(compiled.ruleset.id, crit.title),
            )
        )
        previous, prev_answers = result, answers
    return tuple(steps), previous


def _minimum(
    options: Iterable[Option], points: int, now: list[int], request: RankRequest, goal: int
) -> MinimumMet | None:
    marked = [(o.min_stars, o) for o in options if o.min_stars is not None and o.points <= points]
    if not marked:
        return None
    stars, top = max(marked, key=lambda pair: (pair[0], pair[1].points))
    return MinimumMet(
        stars=stars,
        option=top.key,
        points=top.points,
        required=stars <= goal and not meets_minimum(request.policy, now, top.points),
    )


def _disqualified(before: RankResult) -> tuple[Reason, ...]:
    return tuple(
        Reason(
            code="disqualified",
            text=f"Condition {c.key!r} disqualifies the dossier: {c.text}",
            text_vi=f"Điều kiện {c.key!r} loại hồ sơ: {c.text}",
        )
        for c in before.conditions
        if c.effect == "disqualify"
    )


def _barred(before: RankResult, goal: int) -> tuple[Reason, ...]:
    """The conditions the council found that keep the product out of *goal* stars (781's
    Mục 6 minimums, answered as flags): no improvement of a criterion lifts them."""
    return tuple(
        Reason(
            code="not_in_class",
            text=f"Condition {c.key!r} keeps the product out of {c.stars}★ and above: {c.text}",
            text_vi=f"Điều kiện {c.key!r}: sản phẩm không được xếp hạng từ {c.stars} sao: {c.text}",
            stars=c.stars,
        )
        for c in before.conditions
        if c.effect == "not_in_class" and c.stars is not None and c.stars <= goal
    )


def _minimum_reasons(
    problem: Problem, compiled: Compiled, request: RankRequest, goal: int
) -> tuple[Reason, ...]:
    skipped: Mapping[str, str] = {
        code: f for f in request.flags for code in compiled.flag_conditions[f].skips
    }
    reasons = []
    for group in problem.groups:
        for m in group.unmet:
            if m.code in skipped:
                why = (
                    f"condition {skipped[m.code]!r} applies, so criterion {m.code} is not evaluated"
                )
                why_vi = (
                    f"điều kiện {skipped[m.code]!r} áp dụng nên không đánh giá tiêu chí {m.code}"
                )
            elif m.code in problem.fixed:
                why = f"criterion {m.code} may not be raised (fixed or without a cost)"
                why_vi = f"tiêu chí {m.code} không được nâng (cố định hoặc không có chi phí)"
            else:
                why = (
                    "no allowed improvement meets it (the members' options differ in case, "
                    "or a coupled criterion blocks it)"
                )
                why_vi = "không có cải thiện nào được phép đáp ứng yêu cầu này"
            reasons.append(
                Reason(
                    code="minimum_unreachable",
                    text=f"The {m.stars}★ minimum on criterion {m.code} (option {m.option.key!r}, "
                    f"{m.option.points} points) cannot be met: {why}.",
                    text_vi=f"Không thể đạt yêu cầu tối thiểu hạng {m.stars} sao "
                    f"ở tiêu chí {m.code} "
                    f"(phương án {m.option.key!r}, {m.option.points} điểm): {why_vi}.",
                    criterion=m.code,
                    stars=m.stars,
                )
            )
    return tuple(reasons)


def _band_reason(
    best: int, problem: Problem, n: int, goal: int, lower: Fraction, rounding: Rounding
) -> Reason:
    most = Fraction(problem.total + best, n)
    shown = display(most, rounding)
    return Reason(
        code="band_unreachable",
        text=f"The most the allowed improvements give is an average of {shown} "
        f"(exact {most}), below the {goal}★ band's {lower}.",
        text_vi=f"Các cải thiện được phép chỉ đưa điểm trung bình lên tối đa {shown} "
        f"(chính xác {most}), dưới ngưỡng {lower} của hạng {goal} sao.",
        stars=goal,
    )
