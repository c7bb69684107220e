"""A council's meeting checked against its operating rules (:mod:`ocop.ranking.council_rules`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ocop._text import nfc
from ocop.ranking.council_rules import CouncilBreach, CouncilRules, attendance_breaches

__all__ = ["rules_check"]


def rules_check(
    people: Sequence[str],
    chair: str,
    rules: CouncilRules,
    present: int | Collection[str] | None,
) -> tuple[tuple[CouncilBreach, ...], tuple[str, ...]]:
    """The breaches of *rules* by a meeting of the council of *people* (the chair among
    them) with *present* (a count or names; ``None``: not given), and notes on what was
    not checked."""
    if rules.quorum is None:
        return (), ()
    if present is None:
        return (), (
            f"Council rules {rules.id}: quorum {rules.quorum.share} of the members "
            f"({rules.quorum.source}) not checked: attendance not given.",
        )
    given = present if isinstance(present, int) else {nfc(n) for n in present}
    return attendance_breaches(rules, members=sorted(set(people)), chair=chair, present=given)
