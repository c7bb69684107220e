"""Typed model of the procedure data (each rule set's ``procedure.json``, ``shared.json``).

The classes mirror the data file one to one and are read by the strict converter
(:mod:`ocop._convert`): unknown keys are errors and nothing is coerced. They hold no
logic beyond small lookups; the rules that use them live in
:mod:`ocop.procedure.levels`, :mod:`ocop.procedure.council`,
:mod:`ocop.procedure.calendar` and :mod:`ocop.procedure.dossier`.

Every fact carries a :class:`~ocop.criteria.model.Source`. A rule set whose text was
not read is marked ``verified: false`` with the reason.
"""

from __future__ import annotations

import enum
from datetime import date
from fractions import Fraction
from typing import Literal

import attrs

from ocop.criteria.model import Source

__all__ = [
    "Action",
    "Agency",
    "Checklist",
    "CouncilRule",
    "DossierItem",
    "Doubt",
    "Level",
    "LevelGap",
    "MemberRule",
    "MonthDay",
    "OutcomeRule",
    "Period",
    "ProcedureCatalogue",
    "ProcedureRuleSet",
    "QuorumRule",
    "RoundRule",
    "Stage",
]


class Level(enum.StrEnum):
    """A step of the procedure. Its values are those of :class:`ocop.CouncilLevel`, plus commune.

    The commune (cấp xã) is a pre-check stage under 1489/2025 and 26/2026, not a council.
    """

    COMMUNE = "commune"
    """Cấp xã: pre-check of the dossier (26/2026 Điều 7.2); no council, no score."""
    DISTRICT = "district"
    """Cấp huyện: a council level until the district was abolished on 1 July 2025."""
    PROVINCE = "province"
    """Cấp tỉnh."""
    CENTRAL = "central"
    """Cấp trung ương (quốc gia)."""


class Action(enum.StrEnum):
    """What happens to a product after a level has dealt with it."""

    RECOGNISE = "recognise"
    """The authority of this level recognises the class (and certifies it where stated)."""
    FORWARD = "forward"
    """The dossier goes up to ``to_level``."""
    REFER_BACK = "refer_back"
    """The result goes back to ``to_level``, whose authority may recognise a lower class."""
    NO_RECOGNITION = "no_recognition"
    """Nothing is recognised and nothing goes further."""
    NO_RULE_FOUND = "no_rule_found"
    """The encoded law says nothing for this case; the library does not guess."""


@attrs.frozen(kw_only=True)
class Agency:
    """A body a council member can represent, with the names it is matched by."""

    key: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class LevelGap:
    """A period in which a level the rule set relies on did not exist (both ends included).

    Not :class:`ocop.criteria.model.Gap` (points of a criteria sheet that no source
    gives): this one is a gap in time, e.g. 1–5 July 2025 between the abolition of the
    districts and 1489/QĐ-TTg (:func:`ocop.procedure.gap_on`).
    """

    first_day: date
    last_day: date
    ruleset: str
    levels: tuple[Level, ...]
    reason: str
    sources: tuple[Source, ...]

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@attrs.frozen(kw_only=True)
class Doubt:
    """Star classes a stage may also have certified, which no source confirms.

    Certificates of these classes issued at this stage are accepted (as doubtful) by
    :mod:`ocop.certificates`; the procedure itself does not recognise them
    (:func:`ocop.procedure.next_step` answers ``no_rule_found``). ``reason`` says why.
    """

    stars: tuple[int, ...]
    verified: bool
    reason: str


@attrs.frozen(kw_only=True)
class Stage:
    """One level of a rule set: who acts there and which classes its authority recognises."""

    level: Level
    role: Literal["pre_check", "council"]
    actor: str
    actor_en: str
    recognises: tuple[int, ...] = ()
    authority: str | None = None
    authority_en: str | None = None
    source: Source
    note: str = ""
    doubtful: tuple[Doubt, ...] = ()
    """Classes whose certificates from this stage are accepted, though no source confirms it."""


@attrs.frozen(kw_only=True)
class OutcomeRule:
    """One row of "what happens next": conditions on the result, then the action.

    A rule matches when every condition it states holds: ``stars`` (the final class is
    one of them), ``min_score`` (average ≥ it), ``below_score`` (average < it) and
    ``disqualified``. The first matching rule of a level wins.
    """

    level: Level
    stars: tuple[int, ...] | None = None
    min_score: Fraction | None = None
    below_score: Fraction | None = None
    disqualified: bool = False
    action: Action
    to_level: Level | None = None
    authority: str | None = None
    authority_en: str | None = None
    certificate: bool = False
    source: Source
    note: str = ""


@attrs.frozen(kw_only=True)
class QuorumRule:
    """A stated quorum: at least ``min_present`` of ``of_members`` members present."""

    min_present: int
    of_members: int
    source: Source
    verified: bool
    reason: str = ""


@attrs.frozen(kw_only=True)
class MemberRule:
    """An agency that must (or, where it exists, should) be represented on a council."""

    agency: str
    required: bool = True
    condition: str = ""


@attrs.frozen(kw_only=True)
class CouncilRule:
    """What a rule set requires of the council of one level.

    Empty ``chair`` and ``members`` mean that no requirement was found (see the notes).
    """

    level: Level
    established_by: str
    chair: tuple[str, ...] = ()
    chair_delegate: tuple[str, ...] = ()
    members: tuple[MemberRule, ...] = ()
    composition_note: str = ""
    quorum: QuorumRule | None = None
    quorum_note: str = ""
    source: Source


@attrs.frozen(kw_only=True)
class MonthDay:
    """A day of the year without a year (``30 tháng 6``)."""

    month: int
    day: int

    def in_year(self, year: int) -> date:
        return date(year, self.month, self.day)


@attrs.frozen(kw_only=True)
class RoundRule:
    """A statutory evaluation round: dossiers proposed before one day, evaluated before another."""

    level: Level
    number: int
    proposed_before: MonthDay
    finish_before: MonthDay
    proposer: str
    source: Source


@attrs.frozen(kw_only=True)
class Period:
    """A statutory period: its length, its unit and the event it runs from."""

    key: str
    length: int
    unit: Literal["days", "working_days"]
    start: str
    source: Source


@attrs.frozen(kw_only=True)
class DossierItem:
    """One component a dossier must contain."""

    key: str
    label: str
    label_en: str
    optional: bool = False
    """Printed with *nếu có* (if any): never missing."""
    except_tourism: bool = False
    """Not required for the tourism group (dịch vụ du lịch cộng đồng, …)."""


@attrs.frozen(kw_only=True)
class Checklist:
    """The contents of one kind of dossier at one stage."""

    kind: Literal["first", "upgrade", "reranking", "any"]
    stage: Literal["producer", "commune", "province"]
    title: str
    source: Source
    items: tuple[DossierItem, ...]


@attrs.frozen(kw_only=True)
class ProcedureRuleSet:
    """The procedure of one rule set (its id is shared with the criteria catalogues)."""

    id: str
    instrument: str
    in_force_from: date
    in_force_until: date | None
    verified: bool
    reason: str
    stages: tuple[Stage, ...]
    outcomes: tuple[OutcomeRule, ...]
    councils: tuple[CouncilRule, ...]
    rounds: tuple[RoundRule, ...] = ()
    periods: tuple[Period, ...] = ()
    checklists: tuple[Checklist, ...] = ()

    def __repr__(self) -> str:
        until = self.in_force_until.isoformat() if self.in_force_until else "…"
        levels = ", ".join(s.level.value for s in self.stages)
        return (
            f"<ProcedureRuleSet {self.id} ({self.instrument}), "
            f"{self.in_force_from.isoformat()}–{until}: {levels}>"
        )

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels of this rule set, from the commune up."""
        return tuple(s.level for s in self.stages)

    def in_force(self, day: date) -> bool:
        """Whether this rule set is in force on *day* (both ends included)."""
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


@attrs.frozen(kw_only=True)
class ProcedureCatalogue:
    """The whole data file."""

    note: str
    agencies: tuple[Agency, ...]
    gaps: tuple[LevelGap, ...]
    rulesets: tuple[ProcedureRuleSet, ...]
