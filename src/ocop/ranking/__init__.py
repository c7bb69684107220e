"""Scoring and star classification: one request type, one pipeline.

Every entry point builds a :class:`RankRequest` and ranks it with :func:`rank_request`:
:func:`rank` here, :func:`ocop.rank_many`, ``ocop rank FILE`` and ``ocop rank --jsonl``.

>>> from ocop.ranking import rank
>>> full = {c.code: c.options[-1].key for c in load_ruleset("qd26-2026").sheet(1).criteria}
>>> result = rank([{"member": "A", "answers": full}], sheet=1, ruleset="qd26-2026")
>>> result.stars, result.average
(5, Fraction(100, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from ocop.criteria import DossierKind, load_ruleset, select_ruleset
from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput
from ocop.model import MemberSheet
from ocop.ranking.compile import Compiled, compile_sheet
from ocop.ranking.council import meets_minimum, rank_compiled
from ocop.ranking.council_rules import (
    NEUTRAL,
    CouncilBreach,
    CouncilRules,
    presets,
    spread_breaches,
)
from ocop.ranking.request import RankRequest, member_sheet, minimum_policy
from ocop.ranking.result import (
    AppliedCondition,
    FailedMinimum,
    MemberScore,
    MinimumPolicy,
    RankResult,
)

__all__ = [
    "AppliedCondition",
    "CouncilBreach",
    "CouncilRules",
    "FailedMinimum",
    "MemberScore",
    "MinimumPolicy",
    "RankRequest",
    "RankResult",
    "council_breaches",
    "meets_minimum",
    "member_sheet",
    "rank",
    "rank_request",
    "request_of",
    "resolve_ruleset",
    "score_sheet",
]


def resolve_ruleset(request: RankRequest) -> str:
    """The rule-set id a request names, or the one governing its evaluation date.

    With ``as_of``, the choice is :func:`ocop.select_ruleset`'s, with the request's
    ``filed`` and ``kind`` (26/2026 Điều 12.2).
    """
    if request.ruleset is not None:
        return load_ruleset(request.ruleset).id
    assert request.as_of is not None  # RankRequest has one or the other
    return select_ruleset(request.as_of, filed=request.filed, kind=request.kind).ruleset


def rank_request(request: RankRequest, *, policy: MinimumPolicy | str | None = None) -> RankResult:
    """Rank one :class:`RankRequest`: the one ranking pipeline of :mod:`ocop`.

    ``policy``, when given, overrides the request's own (as ``ocop rank --policy`` does).
    The result carries the request's ``id``, and the breaches of its ``council_rules``
    (reported only: the class is the decision's, whatever the council rules say).
    """
    if not isinstance(request, RankRequest):
        raise TypeError(f"expected an ocop.RankRequest, got {type(request).__name__}")
    ruleset = resolve_ruleset(request)
    if request.overlay is not None and request.overlay.ruleset != ruleset:
        raise InvalidInput(
            "overlay.ruleset",
            request.overlay.ruleset,
            f"the overlay patches {request.overlay.ruleset}, the request ranks under {ruleset}",
        )
    compiled = compile_sheet(ruleset, request.sheet, request.overlay)
    result = rank_compiled(
        compiled,
        list(request.members),
        flags=request.flags,
        policy=request.policy if policy is None else minimum_policy(policy),
        id=request.id,
        none_apply=request.none_apply,
        overlay=request.overlay,
    )
    if request.council_rules is None:
        return result
    return attrs.evolve(
        result,
        council_rules=request.council_rules.id,
        council_breaches=council_breaches(request.council_rules, compiled, result),
    )


def request_of(result: RankResult) -> RankRequest:
    """The request that ranks as *result* did: its rule set, sheet, members' answers (as
    option keys), the flags of the conditions that applied (or ``none_apply`` where the
    council answered that none did), policy, id, errata overlay, and its council rules
    where they are a preset (rules written out in a request keep only their id in the
    result). What-if, advice and the reader of result documents start from it."""
    if not isinstance(result, RankResult):
        raise TypeError(f"expected an ocop.RankResult, got {type(result).__name__}")
    compiled = compile_sheet(result.ruleset, result.sheet, result.overlay)
    flags = [c.key for c in result.conditions if c.key in compiled.flag_conditions]
    preset = result.council_rules != NEUTRAL and result.council_rules in presets()
    return RankRequest(
        ruleset=result.ruleset,
        sheet=result.sheet,
        members=[{"member": m.member, "answers": dict(m.answers)} for m in result.members],
        flags=flags,
        none_apply=result.conditions_answered and not flags,
        policy=result.policy,
        id=result.id,
        overlay=result.overlay,
        council_rules=result.council_rules if preset else None,
    )


def council_breaches(
    rules: CouncilRules, compiled: Compiled, result: RankResult
) -> tuple[CouncilBreach, ...]:
    """The breaches of *rules* by the members' sheets of *result* (ranked on *compiled*):
    the spread of the totals and, where the rules bound it, of each criterion's points."""
    totals = [(m.member, m.total) for m in result.members]
    criteria: dict[str, list[tuple[str, int]]] = {}
    if rules.criterion_spread is not None:
        for m in result.members:
            for code, key in m.answers.items():
                if code in m.not_considered:
                    continue
                points = compiled.index[code].by_key[key].points
                criteria.setdefault(code, []).append((m.member, points))
    return spread_breaches(rules, totals, criteria)


def rank(
    members: Iterable[MemberSheet | Mapping[str, Any]],
    *,
    sheet: int,
    ruleset: str | None = None,
    as_of: date | None = None,
    filed: date | None = None,
    kind: DossierKind | str | None = None,
    flags: Iterable[str] = (),
    policy: MinimumPolicy | str = MinimumPolicy.MAJORITY,
    id: str | None = None,
    council_rules: CouncilRules | str | None = None,
    none_apply: bool = False,
    overlay: Overlay | None = None,
) -> RankResult:
    """Rank one product from its council members' score sheets.

    :param members: each member's sheet, as :class:`~ocop.model.MemberSheet` or a mapping
        ``{"member": name, "answers": {code: option key or points}}``.
    :param sheet: the criteria set (bộ sản phẩm) number, 1–26 under 26/2026.
    :param ruleset: a rule-set id such as ``"qd26-2026"``; or else
    :param as_of: the evaluation date, to pick the rule set in force. No hidden "today".
    :param filed: with *as_of*, the date the dossier was filed, and
    :param kind: its kind (``"first"``, ``"upgrade"``, ``"reranking"``): a dossier filed
        before 22 May 2026 may stay under the old rules (26/2026 Điều 12.2).
    :param flags: keys of the sheet's flag conditions that the council found to hold
        (e.g. ``"dossier_rejected"``, ``"unsafe_impurities"``).
    :param policy: how several sheets meet a per-star minimum (:class:`MinimumPolicy`).
    :param id: the caller's identifier for the product, carried to the result.
    :param council_rules: the council's operating rules (a preset's id such as
        ``"tay-ninh"``, or :class:`CouncilRules`), whose breaches the result reports
        in ``council_breaches`` without changing the class.
    :param none_apply: the council's answer that none of the flag conditions holds
        (the result's ``conditions_answered`` is then true, as it is when *flags* are given).
    :param overlay: an errata overlay (:mod:`ocop.criteria.overlay`) to rank under; its id
        and citation are a caveat of the result.

    The star class is the highest class *k* not above the average's band such that
    every minimum (marked option) of level ≤ *k* is met under *policy*. This is
    ``rank_request(RankRequest(...))``.
    """
    return rank_request(
        RankRequest(
            sheet=sheet,
            members=members,
            ruleset=ruleset,
            as_of=as_of,
            filed=filed,
            kind=kind,
            flags=flags,
            policy=policy,
            id=id,
            council_rules=council_rules,
            none_apply=none_apply,
            overlay=overlay,
        )
    )


def score_sheet(
    member: MemberSheet | Mapping[str, Any],
    *,
    sheet: int,
    ruleset: str | None = None,
    as_of: date | None = None,
    flags: Iterable[str] = (),
) -> MemberScore:
    """Validate and score one member's sheet on its own (no council, no star class).

    Raises the same errors as :func:`rank` for a bad sheet.
    """
    return rank([member], sheet=sheet, ruleset=ruleset, as_of=as_of, flags=flags).members[0]
