"""Scoring and star classification: :func:`rank`.

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

from ocop.criteria import DossierKind, load_ruleset, select_ruleset
from ocop.errors import InvalidInput
from ocop.model import MemberSheet
from ocop.ranking._engine import compile_sheet, rank_compiled
from ocop.ranking.result import (
    AppliedCondition,
    FailedMinimum,
    MemberScore,
    MinimumPolicy,
    RankResult,
)

__all__ = [
    "AppliedCondition",
    "FailedMinimum",
    "MemberScore",
    "MinimumPolicy",
    "RankResult",
    "member_sheet",
    "rank",
    "resolve_ruleset",
    "score_sheet",
]


def member_sheet(value: MemberSheet | Mapping[str, Any], *, path: str = "member") -> MemberSheet:
    """A :class:`~ocop.model.MemberSheet` from itself or from a plain mapping.

    The mapping has exactly the keys ``member`` (a non-empty string) and ``answers``
    (a mapping of criterion code to option key or points).
    """
    if isinstance(value, MemberSheet):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInput(
            path,
            value,
            f"a member sheet is a mapping with 'member' and 'answers', got {type(value).__name__}",
        )
    extra = sorted(set(value) - {"member", "answers"}, key=str)
    if extra:
        raise InvalidInput(
            path,
            extra,
            f"unknown key(s): {', '.join(map(str, extra))}; "
            "a member sheet has 'member' and 'answers'",
        )
    if "member" not in value or "answers" not in value:
        missing = "member" if "member" not in value else "answers"
        raise InvalidInput(f"{path}.{missing}", None, f"required key {missing!r} is missing")
    member, answers = value["member"], value["answers"]
    if not isinstance(member, str) or not member.strip():
        raise InvalidInput(f"{path}.member", member, "the member is named by a non-empty string")
    if not isinstance(answers, Mapping):
        raise InvalidInput(
            f"{path}.answers",
            answers,
            "answers are a mapping of criterion code to option key or points",
        )
    try:
        return MemberSheet(member=member, answers=answers)
    except InvalidInput as exc:
        raise type(exc)(f"{path}.{exc.path}", exc.value, exc.message) from None


def resolve_ruleset(
    ruleset: str | None,
    as_of: date | None,
    *,
    filed: date | None = None,
    kind: DossierKind | str | None = None,
) -> str:
    """The rule-set id named explicitly, or the one governing an evaluation on *as_of*.

    Exactly one of *ruleset* and *as_of* is given; *filed* and *kind* (the dossier's
    filing date and kind) refine the choice under 26/2026 Điều 12 and need *as_of*.
    """
    if (ruleset is None) == (as_of is None):
        raise InvalidInput(
            "ruleset",
            ruleset,
            "give exactly one of ruleset (an id such as 'qd26-2026') or as_of (a date)",
        )
    if ruleset is not None:
        if filed is not None or kind is not None:
            raise InvalidInput(
                "filed" if filed is not None else "kind",
                filed if filed is not None else kind,
                "the filing date and dossier kind choose a rule set with as_of; "
                "they cannot be combined with an explicit ruleset",
            )
        return load_ruleset(ruleset).id
    assert as_of is not None
    return select_ruleset(as_of, filed=filed, kind=kind).ruleset


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

    The star class is the highest class *k* not above the average's band such that
    every minimum (marked option) of level ≤ *k* is met under *policy*.
    """
    ruleset_id = resolve_ruleset(ruleset, as_of, filed=filed, kind=kind)
    if isinstance(sheet, bool) or not isinstance(sheet, int):
        raise InvalidInput("sheet", sheet, "the criteria set is named by its number (an integer)")
    try:
        pol = MinimumPolicy(policy)
    except ValueError:
        raise InvalidInput(
            "policy",
            policy,
            f"unknown policy; policies are {', '.join(p.value for p in MinimumPolicy)}",
        ) from None
    if isinstance(flags, str):
        raise InvalidInput("flags", flags, "flags are a list of condition keys, not one string")
    compiled = compile_sheet(ruleset_id, sheet)
    if isinstance(members, Mapping | str | bytes):
        raise InvalidInput("members", members, "members are a list of member sheets")
    sheets = [member_sheet(m, path=f"members[{i}]") for i, m in enumerate(members)]
    return rank_compiled(compiled, sheets, flags=tuple(flags), policy=pol)


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
