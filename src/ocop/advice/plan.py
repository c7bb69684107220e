"""The advice's types: a plan of improvements (:class:`Advice`), its steps, and costs.

Every class is a frozen attrs class; every number on the decision path is an ``int`` or a
:class:`fractions.Fraction`. The documents layer (:mod:`ocop.serialize.advice`) writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

import attrs

from ocop._source import Source
from ocop.advice.evidence import Evidence
from ocop.criteria.model import Lang
from ocop.errors import InvalidInput
from ocop.ranking import RankResult

__all__ = [
    "Advice",
    "Costs",
    "MemberChange",
    "MinimumMet",
    "Reason",
    "Step",
]

ReasonCode = Literal[
    "disqualified",
    "not_in_class",
    "minimum_unreachable",
    "band_unreachable",
]


@attrs.frozen(kw_only=True)
class Costs:
    """What raising a criterion costs: the objective of :func:`ocop.advise` when given.

    ``criteria`` maps a criterion code to a cost (any raise of it), to a mapping of option
    key → cost (the cost of reaching that option), or to ``None`` (never raise it).
    ``default`` is the cost of raising any criterion not listed, or ``None`` (only the
    listed criteria may be raised). Costs are exact non-negative numbers.
    """

    default: Fraction | None
    criteria: Mapping[str, Fraction | Mapping[str, Fraction] | None] = attrs.field(factory=dict)

    def cost(self, code: str, option: str) -> Fraction | None:
        """The cost of raising *code* to *option*, or ``None`` when it may not be raised."""
        if code not in self.criteria:
            return self.default
        entry = self.criteria[code]
        if entry is None or isinstance(entry, Fraction):
            return entry
        return entry.get(option)


def check_costs(costs: Costs, codes: Mapping[str, tuple[str, ...]]) -> None:
    """Every code and option a cost names exists on the sheet (*codes*: code → option keys)."""
    for code, entry in costs.criteria.items():
        if code not in codes:
            raise InvalidInput(
                f"costs.criteria[{code!r}]", code, "the sheet has no criterion of this code"
            )
        if isinstance(entry, Mapping):
            for key in entry:
                if key not in codes[code]:
                    raise InvalidInput(
                        f"costs.criteria[{code!r}][{key!r}]",
                        key,
                        f"criterion {code} has no option {key!r}; its options are "
                        + ", ".join(repr(k) for k in codes[code]),
                    )


@attrs.frozen(kw_only=True)
class MemberChange:
    """One member's answer on a criterion before and after a step.

    ``before`` is ``None`` where the criterion did not apply to the member; ``implied`` is
    true for an answer the step makes necessary (a criterion that now applies is taken at
    its lowest option unless the plan raises it too)."""

    member: str
    criterion: str
    before: str | None
    after: str
    implied: bool = False


@attrs.frozen(kw_only=True)
class MinimumMet:
    """The highest per-star minimum (a marked option) that the step's option reaches."""

    stars: int
    option: str
    points: int
    required: bool
    """True when the minimum was not met before and the target class needs it."""


@attrs.frozen(kw_only=True)
class Step:
    """One improvement: raise criterion ``criterion`` to option ``to`` on every member's
    sheet that scored it lower (the product changed, so every member would tick it)."""

    criterion: str
    title: str
    title_en: str | None
    to: str
    to_points: int
    to_label: str
    changes: tuple[MemberChange, ...]
    points: Fraction
    """What the step adds to the average, ranked after the steps before it."""
    minimum: MinimumMet | None
    cost: Fraction | None
    source: Source
    evidence: Evidence | None


@attrs.frozen(kw_only=True)
class Reason:
    """Why a target cannot be reached."""

    code: ReasonCode
    text: str
    text_vi: str
    criterion: str | None = None
    stars: int | None = None


@attrs.frozen(kw_only=True)
class Advice:
    """The fewest improvements (or the cheapest, with costs) that reach ``target`` stars.

    ``before`` and ``result`` are ranked by :func:`ocop.rank_request`, ``result`` on the
    request with every step applied; ``result`` is ``None`` when the target is unreachable
    (``reachable`` false, ``reasons`` say why). ``objective`` is ``"fewest_criteria"``
    (fewest criteria raised, then fewest points above what the band needs) or ``"cost"``
    (least total cost, then the same). ``above_needed`` is the average's margin over the
    target band's lower bound after the plan.
    """

    ruleset: str
    sheet: int
    target: int
    objective: Literal["fewest_criteria", "cost"]
    reachable: bool
    before: RankResult
    steps: tuple[Step, ...]
    result: RankResult | None
    reasons: tuple[Reason, ...] = ()
    total_cost: Fraction | None = None
    above_needed: Fraction | None = None
    fixed: tuple[str, ...] = ()
    """Criteria the search was not allowed to raise (``fixed=``, or costs of ``None``)."""
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        state = f"{len(self.steps)} steps" if self.reachable else "unreachable"
        where = f"{self.ruleset} sheet {self.sheet}"
        return f"<Advice {where}: {self.before.stars}★ → {self.target}★, {state}>"

    def explain(self, lang: Lang = "en") -> tuple[str, ...]:
        """The plan as sentences, in English (``"en"``) or Vietnamese (``"vi"``)."""
        from ocop.advice._explain import explain_advice

        return explain_advice(self, lang)
