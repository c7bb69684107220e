"""The search problem of the advisor: a council's answers, the improvements allowed, and the
choices of each group of criteria that score together.

An improvement raises one criterion to a named option on every member's sheet whose option
is worth fewer points (:func:`apply`). Criteria are independent unless a rule couples them:
``applies_if`` (a criterion applies only under some options of another) and a zero-triggered
knock-out that a member's sheet triggers (a 0 on a watched criterion skips others). Coupled
criteria form one group, whose choices are enumerated together; every other criterion is a
group of its own. A choice's effect on the members' points follows the scorer's rules
(:mod:`ocop.ranking.score`); the final plan is ranked by :func:`ocop.rank_request` anyway.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction

import attrs

from ocop.advice.plan import Costs
from ocop.criteria.model import Criterion, Option
from ocop.errors import NotEncoded
from ocop.ranking.compile import Compiled, Minimum
from ocop.ranking.council import meets_minimum
from ocop.ranking.result import MinimumPolicy

__all__ = ["Choice", "Group", "Problem", "apply", "build_problem"]

Answers = Mapping[str, str]
"""One member's answers: criterion code → option key (only the criteria that apply)."""

_MAX_COMBINATIONS = 200_000
"""Above this many choices, a group coupled by a zero knock-out is searched in two steps
(:func:`_knock_out_group`) instead of enumerated."""


@attrs.frozen
class Choice:
    """Raise each criterion of ``raises`` to its option; ``delta`` is the change in the sum
    of the members' totals, ``cost`` its cost (0 without costs)."""

    raises: tuple[tuple[str, str], ...]
    delta: int
    cost: Fraction


@attrs.frozen
class Group:
    codes: tuple[str, ...]
    choices: tuple[Choice, ...]
    """The choices that meet every minimum of the group's criteria up to the target."""
    unmet: tuple[Minimum, ...]
    """When no choice is feasible: the minimums that no allowed choice meets."""


@attrs.frozen
class Problem:
    groups: tuple[Group, ...]
    total: int
    """The sum of the members' totals now."""
    needed: int
    """The sum of totals the target band needs (n × its lower bound, rounded up)."""
    fixed: tuple[str, ...]


def _criterion(compiled: Compiled, code: str) -> Criterion:
    return compiled.sheet.criterion(code)


def apply(
    compiled: Compiled,
    answers: Answers,
    raises: Mapping[str, str],
    only: frozenset[str] | None = None,
) -> dict[str, str]:
    """One member's answers after raising each criterion of *raises* to its option.

    In sheet order: a criterion that no longer applies loses its answer; one that now
    applies, or that a zero knock-out skipped unanswered, is taken at its lowest option; a
    raise changes an answer worth fewer points in the same alternative case
    (``Option.case``). With *only*, just those criteria are
    visited (a group that no rule couples to the others).
    """
    new = dict(answers)
    unskippable = {code for cond in compiled.zero_conditions for code in cond.skips}
    for leaf in compiled.leaves:
        code = leaf.code
        if only is not None and code not in only:
            continue
        if code in unskippable and code not in new:
            # skipped by a zero knock-out and so never scored: if a raise lifts the
            # knock-out it is evaluated, taken at its lowest option (while the knock-out
            # holds, the scorer does not consider it)
            new[code] = _criterion(compiled, code).options[0].key
        if leaf.applies_if is not None:
            ref, allowed, _ = leaf.applies_if
            if ref in new and new[ref] not in allowed:
                new.pop(code, None)
                continue
            if code not in new:
                new[code] = _criterion(compiled, code).options[0].key
        key = raises.get(code)
        if key is None or code not in new:
            continue
        now, target = leaf.by_key[new[code]], leaf.by_key[key]
        if now.points < target.points and now.case == target.case:
            new[code] = key
    return new


def effective_points(
    compiled: Compiled, answers: Answers, codes: tuple[str, ...], skipped: frozenset[str]
) -> list[int]:
    """The points the scorer counts on each of *codes* for one member's *answers*."""
    index = compiled.index
    off = set(skipped)
    for cond in compiled.zero_conditions:
        if any(c in answers and index[c].by_key[answers[c]].points == 0 for c in cond.zero_on):
            off.update(cond.skips)
    return [
        0 if code in off or code not in answers else index[code].by_key[answers[code]].points
        for code in codes
    ]


def _groups(
    compiled: Compiled, members: list[dict[str, str]], skipped: frozenset[str]
) -> list[list[str]]:
    order = [leaf.code for leaf in compiled.leaves]
    parent = {code: code for code in order}

    def find(code: str) -> str:
        while parent[code] != code:
            code = parent[code]
        return code

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=order.index)
            parent[second] = first

    for leaf in compiled.leaves:
        if leaf.applies_if is not None:
            union(leaf.applies_if[0], leaf.code)
    for cond in compiled.zero_conditions:
        triggered = any(
            effective_points(compiled, m, cond.zero_on, skipped).count(0) for m in members
        ) or any(compiled.index[c].applies_if is not None for c in cond.zero_on)
        if triggered:
            for code in (*cond.zero_on, *cond.skips):
                union(cond.zero_on[0], code)
    groups: dict[str, list[str]] = {}
    for code in order:
        groups.setdefault(find(code), []).append(code)
    return list(groups.values())


def _candidates(
    compiled: Compiled,
    code: str,
    members: list[dict[str, str]],
    blocked: frozenset[str],
    costs: Costs | None,
) -> list[Option | None]:
    """None (keep) and the options *code* may be raised to."""
    crit = _criterion(compiled, code)
    if code in blocked:
        return [None]
    current = [crit.option(m[code]) if code in m else None for m in members]
    cases = {o.case for o in current if o is not None}
    if len(cases) > 1:
        return [None]  # members disagree on the alternative case: not the advisor's call
    low = min((o.points for o in current if o is not None), default=-1)
    if any(o is None for o in current):
        low = -1
    found: list[Option | None] = [None]
    for opt in crit.options:
        if opt.points <= low or (cases and opt.case not in cases):
            continue
        if costs is not None and costs.cost(code, opt.key) is None:
            continue
        found.append(opt)
    return found


def build_problem(
    compiled: Compiled,
    members: list[dict[str, str]],
    *,
    flags: tuple[str, ...],
    policy: MinimumPolicy,
    target: int,
    fixed: frozenset[str],
    costs: Costs | None,
) -> Problem:
    """The groups and their feasible choices for reaching *target* stars."""
    skipped = frozenset(code for f in flags for code in compiled.flag_conditions[f].skips)
    blocked = fixed | skipped
    band = next(b for b in compiled.bands if b.stars == target)
    n = len(members)
    lower = band.lower * n
    needed = lower.numerator // lower.denominator + (1 if lower.denominator != 1 else 0)
    before = [effective_points(compiled, m, tuple(compiled.index), skipped) for m in members]
    total = sum(sum(p) for p in before)
    minimums: dict[str, list[Minimum]] = {}
    for m in compiled.minimums:
        if m.stars <= target:
            minimums.setdefault(m.code, []).append(m)
    groups = []
    for codes in _groups(compiled, members, skipped):
        groups.append(
            _group(compiled, tuple(codes), members, skipped, blocked, costs, policy, minimums)
        )
    not_raisable = sorted(blocked | _priced_out(compiled, costs), key=list(compiled.index).index)
    return Problem(groups=tuple(groups), total=total, needed=needed, fixed=tuple(not_raisable))


def _priced_out(compiled: Compiled, costs: Costs | None) -> frozenset[str]:
    if costs is None:
        return frozenset()
    return frozenset(
        leaf.code
        for leaf in compiled.leaves
        if all(costs.cost(leaf.code, key) is None for key in leaf.by_key)
    )


def _group(
    compiled: Compiled,
    codes: tuple[str, ...],
    members: list[dict[str, str]],
    skipped: frozenset[str],
    blocked: frozenset[str],
    costs: Costs | None,
    policy: MinimumPolicy,
    minimums: Mapping[str, list[Minimum]],
) -> Group:
    options = [_candidates(compiled, code, members, blocked, costs) for code in codes]
    size = 1
    for opts in options:
        size *= len(opts)
    if size > _MAX_COMBINATIONS:  # 1048/781 sheets 7 and 17: a zero knock-out over 9-11
        args = (compiled, codes, options, members, skipped, costs, policy, minimums)
        return _knock_out_group(*args)
    before = [effective_points(compiled, m, codes, skipped) for m in members]
    base = sum(map(sum, before))
    checks = [(i, m) for i, code in enumerate(codes) for m in minimums.get(code, ())]
    best: dict[int, tuple[tuple[Fraction, int], Choice]] = {}
    only = frozenset(codes)
    ever_met: set[int] = set()
    for combo in itertools.product(*options):
        raises = {code: opt.key for code, opt in zip(codes, combo, strict=True) if opt is not None}
        after_answers = [apply(compiled, m, raises, only) for m in members] if raises else members
        pairs = list(zip(after_answers, members, strict=True))
        if any(all(a.get(c) == m.get(c) for a, m in pairs) for c in raises):
            continue  # a raise that changes nobody's answer is no step
        after = [effective_points(compiled, a, codes, skipped) for a in after_answers]
        met = [meets_minimum(policy, [p[i] for p in after], m.option.points) for i, m in checks]
        ever_met.update(j for j, ok in enumerate(met) if ok)
        if not all(met):
            continue
        cost = Fraction(0)
        if costs is not None:
            for code, key in raises.items():
                price = costs.cost(code, key)
                assert price is not None  # _candidates left out the options without a cost
                cost += price
        choice = Choice(raises=tuple(raises.items()), delta=sum(map(sum, after)) - base, cost=cost)
        rank = (cost, len(raises))
        if choice.delta not in best or rank < best[choice.delta][0]:
            best[choice.delta] = (rank, choice)
    return _finish(codes, best, checks, ever_met)


def _knock_out_group(
    compiled: Compiled,
    codes: tuple[str, ...],
    options: list[list[Option | None]],
    members: list[dict[str, str]],
    skipped: frozenset[str],
    costs: Costs | None,
    policy: MinimumPolicy,
    minimums: Mapping[str, list[Minimum]],
) -> Group:
    """The choices of a group that one zero knock-out couples (its watched criteria *Z* and
    the criteria it skips *S*), exactly as :func:`_group` would enumerate them, in two steps:
    every combination of *Z* fixes, for each member, whether the knock-out still holds;
    given that, each criterion of *S* scores on its own, so their options are combined by
    a dynamic programme on the points gained (keeping the least cost, then fewest raises)."""
    conds = [c for c in compiled.zero_conditions if set(c.zero_on) | set(c.skips) == set(codes)]
    if len(conds) != 1 or any(compiled.index[c].applies_if is not None for c in codes):
        raise NotEncoded(compiled.ruleset.id, f"exact advice for criteria {', '.join(codes)}")
    watched = set(conds[0].zero_on)
    z = [i for i, code in enumerate(codes) if code in watched]
    rest = [i for i, code in enumerate(codes) if code not in watched]
    only = frozenset(codes)
    before = [effective_points(compiled, m, codes, skipped) for m in members]
    checks = [(i, m) for i, code in enumerate(codes) for m in minimums.get(code, ())]
    ever_met: set[int] = set()
    Key = tuple[Fraction, int]
    best: dict[int, tuple[Key, Choice]] = {}

    def price(code: str, key: str) -> Fraction:
        found = Fraction(0) if costs is None else costs.cost(code, key)
        assert found is not None  # _candidates left out the options without a cost
        return found

    def gain(after: list[list[int]], i: int) -> int:
        return sum(p[i] for p in after) - sum(p[i] for p in before)

    def meets(after: list[list[int]], i: int) -> bool:
        ok = True
        for j, (at, m) in enumerate(checks):
            if at == i:
                if meets_minimum(policy, [p[i] for p in after], m.option.points):
                    ever_met.add(j)
                else:
                    ok = False
        return ok

    for combo in itertools.product(*(options[i] for i in z)):
        raised = {codes[i]: o.key for i, o in zip(z, combo, strict=True) if o is not None}
        answers = [apply(compiled, m, raised, only) for m in members] if raised else members
        pairs = list(zip(answers, members, strict=True))
        if any(all(a.get(c) == m.get(c) for a, m in pairs) for c in raised):
            continue  # a raise that changes nobody's answer is no step
        after = [effective_points(compiled, a, codes, skipped) for a in answers]
        met = [meets(after, i) for i in z]  # each one, so that every check met is recorded
        if not all(met):
            continue
        key0: Key = (sum((price(c, k) for c, k in raised.items()), Fraction(0)), len(raised))
        states: dict[int, tuple[Key, tuple[tuple[str, str], ...]]] = {
            sum(gain(after, i) for i in z): (key0, tuple(raised.items()))
        }
        for i in rest:
            code = codes[i]
            steps: list[tuple[int, Fraction, tuple[tuple[str, str], ...]]] = []
            if meets(after, i):  # kept as it is (or at its lowest, once the knock-out lifts)
                steps.append((gain(after, i), Fraction(0), ()))
            for opt in options[i]:
                if opt is None:
                    continue
                mine = [apply(compiled, a, {code: opt.key}, frozenset({code})) for a in answers]
                if all(a.get(code) == m.get(code) for a, m in zip(mine, members, strict=True)):
                    continue  # a raise that changes nobody's answer is no step
                points = [effective_points(compiled, a, codes, skipped) for a in mine]
                if meets(points, i):
                    steps.append((gain(points, i), price(code, opt.key), ((code, opt.key),)))
            nxt: dict[int, tuple[Key, tuple[tuple[str, str], ...]]] = {}
            for total, ((cost, count), raises) in states.items():
                for delta, extra, raise_ in steps:
                    entry = ((cost + extra, count + len(raise_)), raises + raise_)
                    held = nxt.get(total + delta)
                    if held is None or entry[0] < held[0]:
                        nxt[total + delta] = entry
            states = nxt
        for delta, (key, raises) in states.items():
            if delta not in best or key < best[delta][0]:
                order = sorted(raises, key=lambda r: codes.index(r[0]))
                best[delta] = (key, Choice(raises=tuple(order), delta=delta, cost=key[0]))
    return _finish(codes, best, checks, ever_met)


def _finish(
    codes: tuple[str, ...],
    best: Mapping[int, tuple[tuple[Fraction, int], Choice]],
    checks: list[tuple[int, Minimum]],
    ever_met: set[int],
) -> Group:
    """The group of *codes* with its best choice for each gain, cheapest first; without any,
    the minimums that no allowed choice met (or all of them, if each was met somewhere)."""
    unmet: tuple[Minimum, ...] = ()
    if not best:
        never = [m for j, (_, m) in enumerate(checks) if j not in ever_met]
        unmet = tuple(never or (m for _, m in checks))
    ordered = sorted(best.values(), key=lambda item: (item[0], item[1].delta))
    return Group(codes=codes, choices=tuple(c for _, c in ordered), unmet=unmet)
