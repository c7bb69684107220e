"""The upgrade advisor: its plans reach the target, and no better plan exists.

Optimality is checked two ways: against exhaustive search (every plan over a few free
criteria of a real sheet, each ranked by the pipeline) with Hypothesis, and on every real
sheet's own minimums against an independent count (the criteria whose minimum must be met,
then the largest gains first).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ocop
from ocop.advice import Costs, advise
from ocop.errors import InvalidInput
from ocop.testing import councils, rankable_sheets

SHEETS = rankable_sheets("qd26-2026") + rankable_sheets("qd148-2023")


def raised(sheet: Any, answers: dict[str, str], plan: dict[str, str]) -> dict[str, str]:
    """A member's answers after the plan: the definition of an improvement, written again."""
    new = dict(answers)
    # Criteria a knock-out skipped (e.g. "0 điểm" on a sensory criterion, sheet 16) are
    # answered at their lowest option: once the knock-out no longer holds they are scored,
    # and while it holds their answers are not considered.
    for crit in sheet.criteria:
        if crit.applies_if is None:
            new.setdefault(crit.code, crit.options[0].key)
    for crit in sheet.criteria:
        rule = crit.applies_if
        if rule is not None:
            if rule.criterion in new and new[rule.criterion] not in rule.options:
                new.pop(crit.code, None)
                continue
            new.setdefault(crit.code, crit.options[0].key)
        if crit.code in plan and crit.code in new:
            now, to = crit.option(new[crit.code]), crit.option(plan[crit.code])
            if now.points < to.points and now.case == to.case:
                new[crit.code] = to.key
    return new


def rank_plan(request: ocop.RankRequest, plan: dict[str, str]) -> ocop.RankResult:
    sheet = ocop.load_ruleset(ocop.ranking.resolve_ruleset(request)).sheet(request.sheet)
    before = ocop.rank_request(request)
    members = [
        {"member": m.member, "answers": raised(sheet, dict(m.answers), plan)}
        for m in before.members
    ]
    return ocop.rank_request(
        ocop.RankRequest(
            ruleset=before.ruleset,
            sheet=request.sheet,
            members=members,
            flags=request.flags,
            policy=request.policy,
        )
    )


def brute_force(
    request: ocop.RankRequest, free: list[str], target: int, costs: Costs | None
) -> tuple[Fraction, int, Fraction] | None:
    """The best (cost, criteria raised, average) over every plan on the *free* criteria."""
    sheet = ocop.load_ruleset(ocop.ranking.resolve_ruleset(request)).sheet(request.sheet)
    choices = [[None, *(o.key for o in sheet.criterion(code).options)] for code in free]
    best = None
    for combo in itertools.product(*choices):
        plan = {code: key for code, key in zip(free, combo, strict=True) if key is not None}
        cost = Fraction(0)
        if costs is not None:
            prices = [costs.cost(code, key) for code, key in plan.items()]
            if any(p is None for p in prices):
                continue
            cost = sum(prices, Fraction(0))  # type: ignore[arg-type]
        result = rank_plan(request, plan)
        if result.stars is not None and result.stars >= target:
            key3 = (cost, len(plan), result.average)
            best = key3 if best is None or key3 < best else best
    return best


@st.composite
def cases(draw: st.DrawFn) -> tuple[ocop.RankRequest, list[str], int, Costs | None]:
    ruleset, number = draw(st.sampled_from(SHEETS))
    members = draw(councils(ruleset, number, min_size=1, max_size=4))
    policy = draw(st.sampled_from(["majority", "all", "mean"]))
    request = ocop.RankRequest(ruleset=ruleset, sheet=number, members=members, policy=policy)
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    codes = [c.code for c in sheet.criteria]
    marked = [c.code for c in sheet.criteria if c.mandatory_for]
    free = draw(st.lists(st.sampled_from(marked + codes), min_size=1, max_size=3, unique=True))
    # most other criteria at their top option, so that the free ones decide
    tops = {c: sheet.criterion(c).options[-1].key for c in codes if c not in free}
    lifted = {c: k for c, k in tops.items() if draw(st.integers(0, 9))}
    request = ocop.RankRequest(
        ruleset=ruleset,
        sheet=number,
        members=[
            {"member": m["member"], "answers": raised(sheet, m["answers"], lifted)} for m in members
        ],
        policy=policy,
    )
    # mostly a target the free criteria can reach (the top options' class), sometimes any
    now = ocop.rank_request(request).stars or 1
    best = rank_plan(request, {c: sheet.criterion(c).options[-1].key for c in free}).stars or 1
    if best > now and draw(st.integers(0, 3)):
        target = draw(st.integers(now + 1, best))
    else:
        target = draw(st.integers(2, 5))
    costs = None
    if draw(st.booleans()):
        prices = st.integers(0, 6).map(Fraction)
        table: dict[str, Any] = {}
        for code in free:
            if draw(st.booleans()):
                table[code] = draw(prices)
            else:
                keys = [o.key for o in sheet.criterion(code).options]
                table[code] = {k: draw(prices) for k in keys if draw(st.booleans())}
        costs = Costs(default=draw(st.none() | prices), criteria=table)
    return request, free, target, costs


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_plan_is_as_good_as_exhaustive_search(case: Any) -> None:
    request, free, target, costs = case
    sheet = ocop.load_ruleset(request.ruleset).sheet(request.sheet)
    fixed = [c.code for c in sheet.criteria if c.code not in free]
    advice = advise(request, target=target, costs=costs, fixed=fixed)
    best = brute_force(request, free, target, costs)
    before = ocop.rank_request(request)
    if best is None:
        assert not advice.reachable
        assert advice.result is None
        assert advice.reasons
        return
    assert advice.reachable, advice.reasons
    assert advice.result is not None
    assert advice.result.stars is not None
    assert advice.result.stars >= target
    assert {s.criterion for s in advice.steps} <= set(free)
    cost = advice.total_cost if costs is not None else Fraction(0)
    assert (cost, len(advice.steps), advice.result.average) == best
    # the steps' gains add up to the whole gain, each ranked by the pipeline
    assert sum((s.points for s in advice.steps), Fraction(0)) == (
        advice.result.average - before.average
    )
    # the result is the pipeline's ranking of the plan
    plan = {s.criterion: s.to for s in advice.steps}
    assert rank_plan(request, plan) == advice.result


def _base(sheet: Any) -> dict[str, str]:
    """The lowest answers that leave the criteria independent: controllers of applies_if at
    their first allowed option, criteria watched by a zero knock-out at their first non-zero."""
    controllers = {
        c.applies_if.criterion: c.applies_if.options for c in sheet.criteria if c.applies_if
    }
    watched = {code for cond in sheet.conditions for code in cond.zero_on}
    answers = {}
    for crit in sheet.criteria:
        options = list(crit.options)
        if crit.code in controllers:
            options = [o for o in options if o.key in controllers[crit.code]]
        if crit.code in watched:
            options = [o for o in options if o.points > 0]
        answers[crit.code] = options[0].key
    return answers


def independent_count(request: ocop.RankRequest, target: int) -> int | None:
    """Fewest criteria raised, counted without the advisor: every criterion whose minimum
    fails must be raised (to its top option, which meets them all); then the others with
    the largest gains, until the pipeline ranks the target."""
    sheet = ocop.load_ruleset(request.ruleset).sheet(request.sheet)
    before = ocop.rank_request(request)
    must = {
        c.code
        for c in sheet.criteria
        for o in c.options
        if o.min_stars is not None
        and o.min_stars <= target
        and any(
            sheet.criterion(c.code).option(m.answers[c.code]).points < o.points
            for m in before.members
        )
    }
    top = {c.code: max(c.options, key=lambda o: o.points).key for c in sheet.criteria}
    gains = sorted(
        (c for c in sheet.criteria if c.code not in must),
        key=lambda c: (
            -(
                max(o.points for o in c.options)
                - c.option(request.members[0].answers[c.code]).points
            )
        ),
    )
    for extra in range(len(gains) + 1):
        plan = {code: top[code] for code in [*must, *(c.code for c in gains[:extra])]}
        result = rank_plan(request, plan)
        if result.stars is not None and result.stars >= target:
            return len(plan)
    return None


@pytest.mark.parametrize(("ruleset", "number"), rankable_sheets("qd26-2026"))
def test_every_real_sheet_from_its_lowest_answers(ruleset: str, number: int) -> None:
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    answers = _base(sheet)
    request = ocop.RankRequest(
        ruleset=ruleset,
        sheet=number,
        members=[{"member": n, "answers": answers} for n in ("A", "B", "C")],
    )
    for target in (3, 4, 5):
        advice = advise(request, target=target)
        expected = independent_count(request, target)
        assert advice.reachable == (expected is not None)
        assert advice.result is not None
        assert advice.result.stars is not None
        assert advice.result.stars >= target
        assert len(advice.steps) == expected
        needed = {
            c.code
            for c in sheet.criteria
            if any(o.min_stars and o.min_stars <= target for o in c.options)
        }
        # every minimum up to the target is met by the plan's options
        for step in advice.steps:
            if step.criterion in needed:
                assert step.minimum is not None


HONEY = "examples/rank-honey-council.json"


def honey() -> ocop.RankRequest:
    from ocop.serialize import loads, rank_request_from_dict

    with open(HONEY, encoding="utf-8") as f:
        return rank_request_from_dict(loads(f.read()))


def test_the_honey_council_needs_its_product_story() -> None:
    advice = advise(honey())
    assert (advice.before.stars, advice.target) == (3, 4)
    [step] = advice.steps
    assert (step.criterion, step.to, step.minimum.stars, step.minimum.required) == (
        "5.1",
        "e",
        4,
        True,
    )  # type: ignore[union-attr]
    assert step.evidence is not None
    assert step.evidence.topic == "Câu chuyện về sản phẩm"
    assert str(step.source) == "26/2026/QĐ-TTg, Phụ lục II, mục 4, tiêu chí 5.1"
    assert {c.member for c in step.changes} == set(advice.before.failed_minimums[0].members_failing)
    assert advice.result is not None
    assert advice.result.stars == 4
    assert advise(advice.before) == advice  # from the result, the same advice
    assert advice.explain("vi")[1].startswith("1. Nâng tiêu chí 5.1")


def test_costs_change_the_plan() -> None:
    request = honey()
    free = advise(request, target=5)
    assert free.reachable
    assert free.total_cost is None
    expensive = Costs(default=Fraction(1), criteria={free.steps[0].criterion: None})
    cheap = advise(request, target=5, costs=expensive)
    assert free.steps[0].criterion in cheap.fixed
    assert free.steps[0].criterion not in {s.criterion for s in cheap.steps}
    assert cheap.total_cost == len(cheap.steps)


def test_unreachable_targets_say_why() -> None:
    request = honey()
    disqualified = advise(ocop.RankRequest(**{**_fields(request), "flags": ["dossier_rejected"]}))
    assert not disqualified.reachable
    assert disqualified.reasons[0].code == "disqualified"
    skipped = advise(
        ocop.RankRequest(**{**_fields(request), "flags": ["unsafe_impurities"]}), target=4
    )
    assert not skipped.reachable
    assert {r.code for r in skipped.reasons} == {"minimum_unreachable"}
    assert "unsafe_impurities" in skipped.reasons[0].text
    fixed = advise(request, target=4, fixed=["5.1"])
    assert [r.criterion for r in fixed.reasons] == ["5.1"]
    sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    low = {"1.1": "a", "1.4": "a", "3.1": "a", "4.2": "a", "4.3": "a", "12": "a"}  # no markers
    answers = {c.code: c.options[-1].key for c in sheet.criteria} | low
    short = ocop.RankRequest(
        ruleset="qd26-2026", sheet=4, members=[{"member": "A", "answers": answers}]
    )
    assert ocop.rank_request(short).stars == 4
    band = advise(short, target=5, fixed=list(low))
    assert [r.code for r in band.reasons] == ["band_unreachable"]
    assert "84" in band.reasons[0].text
    assert len(advise(short, target=5).steps) == 2  # 4.3 (+5) and one of +2


def _fields(request: ocop.RankRequest) -> dict[str, Any]:
    return {
        "ruleset": request.ruleset,
        "sheet": request.sheet,
        "members": request.members,
        "policy": request.policy,
    }


def test_bad_input_names_the_field() -> None:
    request = honey()
    with pytest.raises(InvalidInput, match="target"):
        advise(request, target=6)
    with pytest.raises(InvalidInput, match="fixed"):
        advise(request, fixed=["99"])
    with pytest.raises(InvalidInput, match=r"costs\.criteria"):
        advise(request, costs=Costs(default=None, criteria={"5.1": {"z": Fraction(1)}}))
    with pytest.raises(InvalidInput, match="lang"):
        advise(request).explain("fr")  # type: ignore[arg-type]


def test_a_reached_target_needs_nothing() -> None:
    advice = advise(honey(), target=3)
    assert advice.reachable
    assert advice.steps == ()
    assert advice.result == advice.before


def test_a_zero_knock_out_is_lifted_and_the_criteria_it_skipped_are_advised() -> None:
    """26/2026 sheet 16: a 0 on 6.1 skips criteria 7-10 (Ghi chú after 6.4). Raising 6.1
    lifts the knock-out; 7-10, never scored, then count at their lowest option, and the plan
    raises those the target needs."""
    sheet = ocop.load_ruleset("qd26-2026").sheet(16)
    answers = {c.code: c.options[-1].key for c in sheet.criteria}
    answers["6.1"] = sheet.criterion("6.1").options[0].key
    for code in ("7", "8", "9", "10"):
        del answers[code]
    request = ocop.RankRequest(
        ruleset="qd26-2026", sheet=16, members=[{"member": "A", "answers": answers}]
    )
    assert [c.key for c in ocop.rank_request(request).conditions] == ["zero_sensory_score"]
    advice = advise(request, target=5)
    assert advice.reachable
    assert advice.steps[0].criterion == "6.1"
    implied = {c.criterion: c.after for c in advice.steps[0].changes if c.implied}
    assert implied == {code: sheet.criterion(code).options[0].key for code in ("7", "8", "9", "10")}
    assert advice.result is not None
    assert advice.result.stars == 5
    assert advice.result.conditions == ()
    # and the plan is as short as exhaustive search over 6.1 and 7-10 finds
    assert brute_force(request, ["6.1", "7", "8", "9", "10"], 5, None) == (
        Fraction(0),
        len(advice.steps),
        advice.result.average,
    )


def test_a_781_minimum_the_council_found_unmet_bars_the_class() -> None:
    """781 Phụ lục II Mục 6: a row the council answers as not met keeps the product out of
    that class whatever its points; no improvement of a criterion lifts it, so the advice
    says so instead of planning."""
    ruleset = ocop.load_ruleset("qd781-2020")
    sheet = ruleset.sheet(1)
    row = next(c for c in ruleset.conditions_of(1) if c.effect == "not_in_class" and c.stars == 3)
    answers = {c.code: c.options[-1].key for c in sheet.criteria}
    for crit in sheet.criteria:
        rule = crit.applies_if
        if rule is not None and answers.get(rule.criterion) not in rule.options:
            del answers[crit.code]
    request = ocop.RankRequest(
        ruleset="qd781-2020",
        sheet=1,
        members=[{"member": "A", "answers": answers}],
        flags=[row.key],
    )
    before = ocop.rank_request(request)
    assert (before.band_stars, before.stars) == (5, 2)
    advice = advise(request)
    assert (advice.target, advice.reachable) == (3, False)
    assert [(r.code, r.stars) for r in advice.reasons] == [("not_in_class", 3)]
    assert advise(request, target=2).reachable
