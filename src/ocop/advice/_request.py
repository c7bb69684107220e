"""The rank request behind a request or a result (what the advisor and what-if start from)."""

from __future__ import annotations

from ocop.model import MemberSheet
from ocop.ranking import RankRequest, RankResult
from ocop.ranking.compile import compile_sheet

__all__ = ["as_request"]


def as_request(subject: object) -> RankRequest:
    """*subject* itself (a :class:`RankRequest`), or the request that ranks as the
    :class:`RankResult` *subject* did: its rule set, sheet, policy, id, members' answers
    (as option keys) and the flags of the conditions that applied."""
    if isinstance(subject, RankRequest):
        return subject
    if isinstance(subject, RankResult):
        compiled = compile_sheet(subject.ruleset, subject.sheet)
        return RankRequest(
            ruleset=subject.ruleset,
            sheet=subject.sheet,
            members=[MemberSheet(member=m.member, answers=m.answers) for m in subject.members],
            flags=[c.key for c in subject.conditions if c.key in compiled.flag_conditions],
            policy=subject.policy,
            id=subject.id,
        )
    raise TypeError(
        f"expected an ocop.RankRequest or an ocop.RankResult, got {type(subject).__name__}"
    )
