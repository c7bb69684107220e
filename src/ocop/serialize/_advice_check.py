"""The checks behind :func:`ocop.serialize.advice_from_dict` and its siblings
(:mod:`ocop.serialize.advice_read`): reading the parts of the advisor's documents, and
replaying an advice's steps on the answers it starts from."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from ocop._convert import check_keys, format_fraction, join_path, parse_fraction, structure
from ocop.advice import Advice, MemberChange, MinimumMet, Step
from ocop.advice.evidence import evidence_for
from ocop.criteria import load_ruleset
from ocop.errors import InvalidInput, show
from ocop.ranking import RankRequest, RankResult, rank
from ocop.ranking.compile import compile_sheet
from ocop.serialize.rank import rank_request_from_dict, result_from_dict

__all__ = [
    "check_advice",
    "listed",
    "read_exact",
    "read_items",
    "read_ranked",
    "read_request",
    "read_result",
    "read_step",
    "read_texts",
    "under",
]

T = TypeVar("T")

_STEP_KEYS = (
    *("criterion", "title", "title_en", "to", "to_points", "to_label", "points"),
    *("points_exact", "members", "minimum", "cost", "source", "evidence"),
)


@contextlib.contextmanager
def under(path: str) -> Iterator[None]:
    """Errors raised inside get *path* in front of theirs (the class is kept)."""
    try:
        yield
    except InvalidInput as exc:
        raise type(exc)(join_path(path, exc.path), exc.value, exc.message) from None


def listed(doc: Mapping[str, Any], key: str, path: str) -> list[Any]:
    value = doc[key]
    if not isinstance(value, list):
        raise InvalidInput(join_path(path, key), value, f"expected a list, got {show(value)}")
    return value


def read_items(doc: Mapping[str, Any], key: str, cls: type[T], path: str) -> tuple[T, ...]:
    return tuple(
        structure(item, cls, path=f"{join_path(path, key)}[{i}]")
        for i, item in enumerate(listed(doc, key, path))
    )


def read_texts(doc: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    return structure(listed(doc, key, path), tuple[str, ...], path=join_path(path, key))


def read_exact(doc: Mapping[str, Any], key: str, path: str) -> Fraction | None:
    value = doc[key]
    if value is None:
        return None
    try:
        return parse_fraction(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(join_path(path, key), value, str(exc)) from None


def read_result(doc: Mapping[str, Any], key: str, path: str) -> RankResult | None:
    value = doc[key]
    if value is None:
        return None
    with under(join_path(path, key)):
        return result_from_dict(value)


def read_ranked(doc: Mapping[str, Any], key: str, path: str) -> RankResult:
    result = read_result(doc, key, path)
    if result is None:
        raise InvalidInput(join_path(path, key), None, "expected a rank result, got null")
    return result


def read_request(doc: Mapping[str, Any], key: str, path: str) -> RankRequest:
    with under(join_path(path, key)):
        return rank_request_from_dict(doc[key])


def _rank_with(result: RankResult, answers: list[dict[str, str]]) -> RankResult:
    """*result*'s ranking of other answers: the same rule set, sheet, policy, conditions,
    council rules and overlay (what :func:`ocop.serialize.result_from_dict` ranks again)."""
    from ocop.ranking.council_rules import NEUTRAL, presets

    flag_keys = {
        c.key
        for c in load_ruleset(result.ruleset).conditions_of(result.sheet)
        if c.trigger == "flag"
    }
    flags = [c.key for c in result.conditions if c.key in flag_keys]
    return rank(
        [{"member": m.member, "answers": a} for m, a in zip(result.members, answers, strict=True)],
        sheet=result.sheet,
        ruleset=result.ruleset,
        flags=flags,
        policy=result.policy,
        id=result.id,
        council_rules=None
        if result.council_rules == NEUTRAL or result.council_rules not in presets()
        else result.council_rules,
        none_apply=result.conditions_answered and not flags,
        overlay=result.overlay,
    )


def read_step(doc: object, path: str, ruleset: str, sheet: int) -> Step:
    body = check_keys(doc, _STEP_KEYS, path=path, what="a change")
    missing = [k for k in _STEP_KEYS if k not in body]
    if missing:
        raise InvalidInput(join_path(path, missing[0]), None, f"required key {missing[0]!r}")
    code, key = body["criterion"], body["to"]
    try:
        crit = load_ruleset(ruleset).sheet(sheet).criterion(code)
        option = crit.option(key)
    except (LookupError, TypeError):
        raise InvalidInput(
            join_path(path, "criterion"), code, f"no criterion {show(code)} option {show(key)}"
        ) from None
    minimum = body["minimum"]
    points = read_exact(body, "points_exact", path)
    if points is None:
        raise InvalidInput(join_path(path, "points_exact"), None, "a step adds an exact number")
    return Step(
        criterion=crit.code,
        title=crit.title,
        title_en=crit.title_en,
        to=option.key,
        to_points=option.points,
        to_label=option.label,
        changes=read_items(body, "members", MemberChange, path),
        points=points,
        minimum=None
        if minimum is None
        else structure(minimum, MinimumMet, path=join_path(path, "minimum")),
        cost=read_exact(body, "cost", path),
        source=crit.source,
        evidence=evidence_for(ruleset, crit.title),
    )


def _replay(advice: Advice, path: str) -> None:
    """Each step's changes applied in order to ``before``'s answers and ranked again (a
    criterion that no longer applies loses its answer, as the advisor's plan does)."""
    before = advice.before
    leaves = compile_sheet(before.ruleset, before.sheet, before.overlay).leaves
    answers = [dict(m.answers) for m in before.members]
    names = {m.member: i for i, m in enumerate(before.members)}
    previous = before
    for i, step in enumerate(advice.steps):
        where = f"{join_path(path, 'changes')}[{i}]"
        for j, change in enumerate(step.changes):
            at = f"{where}.members[{j}]"
            if change.member not in names:
                raise InvalidInput(f"{at}.member", change.member, "no such member in before")
            sheet = answers[names[change.member]]
            if sheet.get(change.criterion) != change.before:
                raise InvalidInput(
                    f"{at}.before",
                    change.before,
                    f"the member's answer is {show(sheet.get(change.criterion))}",
                )
            sheet[change.criterion] = change.after
        for sheet in answers:
            for leaf in leaves:
                if leaf.applies_if is not None:
                    ref, allowed, _ = leaf.applies_if
                    if ref in sheet and sheet[ref] not in allowed:
                        sheet.pop(leaf.code, None)
        with under(where):
            ranked = _rank_with(before, answers)
        if step.points != ranked.average - previous.average:
            raise InvalidInput(
                f"{where}.points_exact",
                format_fraction(step.points),
                "is not what the change adds to the average "
                f"({format_fraction(ranked.average - previous.average)})",
            )
        previous = ranked
    result = advice.result
    if result is not None and advice.steps:
        for i, (member, again) in enumerate(zip(result.members, previous.members, strict=True)):
            if member.answers != again.answers:
                raise InvalidInput(
                    f"{join_path(path, 'result')}.members[{i}].answers",
                    member.member,
                    "are not the answers of before with the changes applied",
                )


def check_advice(advice: Advice, path: str) -> None:
    before, result = advice.before, advice.result
    if (before.ruleset, before.sheet) != (advice.ruleset, advice.sheet):
        raise InvalidInput(join_path(path, "sheet"), advice.sheet, "is not the sheet of before")
    if advice.reachable != (result is not None):
        raise InvalidInput(
            join_path(path, "reachable"), advice.reachable, "a reachable target has a result"
        )
    if advice.steps and result is None:
        raise InvalidInput(join_path(path, "changes"), len(advice.steps), "changes without result")
    if not advice.steps and result is not None and result != before:
        raise InvalidInput(join_path(path, "result"), result.stars, "no change, another result")
    if result is not None and (result.stars is None or result.stars < advice.target):
        raise InvalidInput(join_path(path, "result"), result.stars, "does not reach the target")
    if (advice.objective == "cost") != (advice.reachable and advice.total_cost is not None) and (
        advice.reachable or advice.total_cost is not None
    ):
        raise InvalidInput(
            join_path(path, "total_cost"), advice.total_cost, f"for objective {advice.objective}"
        )
    if advice.total_cost is not None and advice.total_cost != sum(
        (s.cost or Fraction(0) for s in advice.steps), Fraction(0)
    ):
        raise InvalidInput(
            join_path(path, "total_cost"), advice.total_cost, "is not the sum of the changes' costs"
        )
    if result is not None:
        rs = load_ruleset(advice.ruleset)
        band = next((b for b in rs.bands if b.stars == advice.target), None)
        if band is None or advice.above_needed != result.average - band.lower:
            raise InvalidInput(
                join_path(path, "above_needed"),
                advice.above_needed,
                "is not the result's average over the target band's lower bound",
            )
    _replay(advice, path)
