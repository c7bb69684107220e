"""Levels and authority: what happens to a product after a level has ranked it.

>>> step = next_step(ruleset="qd26-2026", level="province", stars=4, score="78")
>>> step.action, step.authority
(<Action.RECOGNISE: 'recognise'>, 'Chủ tịch Ủy ban nhân dân cấp tỉnh')
>>> str(step.source)
'26/2026/QĐ-TTg, Điều 4 khoản 1 điểm a; Điều 7 khoản 3 điểm e'
>>> next_step(ruleset="qd26-2026", level="province", stars=5, score="93").to_level
<Level.CENTRAL: 'central'>
>>> next_step(as_of=date(2024, 3, 1), level="district", stars=3, score="65").authority
'Ủy ban nhân dân cấp huyện'
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from ocop._check import check_date, check_optional_date
from ocop._convert import format_fraction, parse_fraction
from ocop.criteria import DossierKind, select_ruleset
from ocop.criteria.model import Source
from ocop.errors import InvalidInput, UnknownLevel, UnknownRuleSet
from ocop.model import CouncilLevel
from ocop.procedure._loader import catalogue
from ocop.procedure.model import Action, Level, LevelGap, OutcomeRule, ProcedureRuleSet, Stage

if TYPE_CHECKING:
    from ocop.ranking.result import RankResult

__all__ = [
    "NextStep",
    "gap_on",
    "list_procedures",
    "load_procedure",
    "next_step",
    "next_step_for",
    "procedure_for",
    "recognising_stage",
    "resolve_procedure",
]


def _bands(ruleset: str | None) -> tuple[tuple[Fraction, ...], Fraction]:
    """The 2★–5★ band floors and the maximum score of *ruleset* (the newest if ``None``),
    read from its catalogue's ``bands`` (each with its source)."""
    from ocop.criteria import list_rulesets, load_ruleset

    rs = load_ruleset(ruleset if ruleset is not None else list_rulesets()[-1].id)
    floors = tuple(sorted(b.lower for b in rs.bands if b.lower > 0))
    return floors, Fraction(rs.max_points)


def list_procedures() -> tuple[ProcedureRuleSet, ...]:
    """Every rule set whose procedure is encoded, in order of entry into force."""
    return catalogue().rulesets


def load_procedure(ruleset: str) -> ProcedureRuleSet:
    """The procedure of the rule set *ruleset* (``"qd26-2026"``, ``"qd148-2023"``, …).

    >>> load_procedure("qd26-2026")
    <ProcedureRuleSet qd26-2026 (26/2026/QĐ-TTg), 2026-05-22–…: commune, province, central>
    """
    for rs in catalogue().rulesets:
        if rs.id == ruleset:
            return rs
    raise UnknownRuleSet(ruleset, tuple(r.id for r in catalogue().rulesets))


def procedure_for(
    as_of: date, *, filed: date | None = None, kind: DossierKind | str | None = None
) -> ProcedureRuleSet:
    """The procedure that governs a step taken on *as_of*.

    The rule set is chosen by :func:`ocop.select_ruleset`, the one place that knows the
    in-force intervals and the transitional rules: from 22 May to 21 July 2026 both
    1489/2025 and 26/2026 are in force, and a dossier *filed* before 22 May 2026 stays under
    the 2021–2025 rules within 60 days (first evaluation, upgrade) or 30 days (re-ranking)
    (26/2026/QĐ-TTg Điều 12 khoản 2). Without *filed*, a date in the overlap gives 26/2026.

    >>> procedure_for(date(2026, 6, 1)).id
    'qd26-2026'
    >>> procedure_for(date(2026, 6, 1), filed=date(2026, 5, 10)).id
    'qd1489-2025'
    """
    as_of = check_date("as_of", as_of)
    return load_procedure(select_ruleset(as_of, filed=filed, kind=kind).ruleset)


def gap_on(as_of: date) -> LevelGap | None:
    """The known gap in the law that covers *as_of*, if any (1–5 July 2025).

    >>> gap_on(date(2025, 7, 3)).ruleset
    'qd148-2023'
    >>> gap_on(date(2025, 7, 6)) is None
    True
    """
    as_of = check_date("as_of", as_of)
    for gap in catalogue().gaps:
        if gap.covers(as_of):
            return gap
    return None


def resolve_procedure(
    ruleset: str | None, as_of: date | None, *, filed: date | None = None
) -> ProcedureRuleSet:
    """The rule set named, or the one in force on *as_of*: exactly one must be given."""
    as_of = check_optional_date("as_of", as_of)
    filed = check_optional_date("filed", filed)
    if (ruleset is None) == (as_of is None):
        raise InvalidInput(
            "ruleset", ruleset, "give exactly one of ruleset (an id such as 'qd26-2026') or as_of"
        )
    if ruleset is not None:
        return load_procedure(ruleset)
    assert as_of is not None
    return procedure_for(as_of, filed=filed)


def _level(value: object, rs: ProcedureRuleSet) -> Level:
    raw = value.value if isinstance(value, Level | CouncilLevel) else value
    try:
        if not isinstance(raw, str):
            raise ValueError(raw)
        level = Level(raw)
    except ValueError:
        raise UnknownLevel(
            "level", value, f"unknown level; levels are {', '.join(m.value for m in Level)}"
        ) from None
    if level not in rs.levels:
        raise UnknownLevel(
            "level",
            value,
            f"{rs.id} has no {level.value} level; its levels are "
            f"{', '.join(lv.value for lv in rs.levels)}",
        )
    return level


def _score(value: object, ruleset: str | None = None) -> Fraction:
    if isinstance(value, bool):
        raise InvalidInput("score", value, "the score is a number from 0 to 100")
    if isinstance(value, int):
        score = Fraction(value)
    elif isinstance(value, Fraction):
        score = value
    else:
        try:
            score = parse_fraction(value)
        except (TypeError, ValueError) as exc:
            raise InvalidInput("score", value, str(exc)) from None
    if not 0 <= score <= _bands(ruleset)[1]:
        raise InvalidInput("score", value, "the score is a number from 0 to 100")
    return score


def band(score: Fraction, ruleset: str | None = None) -> int:
    """The star band of an average score under *ruleset* (the newest if ``None``); the bands
    are the catalogue's (30/50/70/90 in every rule set since 2019).

    >>> band(Fraction(8999, 100)), band(Fraction(90))
    (4, 5)
    """
    return 1 + sum(score >= floor for floor in _bands(ruleset)[0])


@attrs.frozen(kw_only=True)
class NextStep:
    """What happens to a product after *level* has dealt with it, with the provision."""

    ruleset: str
    level: Level
    stars: int | None
    score: Fraction | None
    disqualified: bool = False
    action: Action
    to_level: Level | None = None
    authority: str | None = None
    authority_en: str | None = None
    certificate: bool = False
    source: Source | None = None
    verified: bool
    note: str = ""
    caveats: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = {
            Action.RECOGNISE: f"recognised by {self.authority_en}",
            Action.FORWARD: f"forwarded to the {self.to_level} level by {self.authority_en}",
            Action.REFER_BACK: f"referred back to the {self.to_level} level ({self.authority_en})",
            Action.NO_RECOGNITION: "not recognised",
            Action.NO_RULE_FOUND: "no rule found",
        }[self.action]
        cite = f" [{self.source}]" if self.source else ""
        return f"{self.ruleset}, {self.level} level: {head}{cite}"


def _matches(
    rule: OutcomeRule, stars: int | None, score: Fraction | None, *, disqualified: bool
) -> bool:
    if rule.disqualified != disqualified:
        return False
    if disqualified:
        return True
    if rule.stars is not None and stars not in rule.stars:
        return False
    if rule.min_score is not None and (score is None or score < rule.min_score):
        return False
    return not (rule.below_score is not None and (score is None or score >= rule.below_score))


def next_step(
    *,
    level: Level | CouncilLevel | str,
    stars: int | None = None,
    score: Fraction | int | str | None = None,
    disqualified: bool = False,
    ruleset: str | None = None,
    as_of: date | None = None,
    filed: date | None = None,
) -> NextStep:
    """What happens next to a product that *level* ranked *stars* with an average *score*.

    :param level: ``commune``, ``district``, ``province`` or ``central`` (a :class:`Level`,
        an :class:`ocop.CouncilLevel` or its value).
    :param stars: the final class (1–5) at that level; not needed for the commune pre-check.
    :param score: the council's exact average (a ``Fraction``, an int, or a string such as
        ``"69.5"`` or ``"139/2"``; no floats).
    :param disqualified: the dossier was disqualified by a knock-out condition.
    :param ruleset: the rule-set id; or else
    :param as_of: the date of the step, to pick the rule set (and to detect the July 2025 gap).
    :param filed: the dossier's filing date, for the 2026 overlap (see :func:`procedure_for`).

    The result's ``action`` is ``recognise``, ``forward``, ``refer_back``,
    ``no_recognition`` or ``no_rule_found``; ``source`` cites the provision.
    """
    if stars is not None and (type(stars) is not int or stars not in (1, 2, 3, 4, 5)):
        raise InvalidInput("stars", stars, "the class is an integer from 1 to 5")
    rs = resolve_procedure(ruleset, as_of, filed=filed)
    if as_of is not None:
        gap = gap_on(as_of)
        raw = level.value if isinstance(level, Level | CouncilLevel) else level
        if gap is not None and gap.ruleset == rs.id and raw in {lv.value for lv in gap.levels}:
            return NextStep(
                ruleset=rs.id,
                level=Level(raw),
                stars=stars,
                score=None,
                action=Action.NO_RULE_FOUND,
                verified=False,
                note=gap.reason,
                caveats=tuple(str(s) for s in gap.sources),
            )
    lvl = _level(level, rs)
    if not isinstance(disqualified, bool):
        raise InvalidInput("disqualified", disqualified, "expected true or false")
    stage = next(s for s in rs.stages if s.level == lvl)
    exact: Fraction | None = None
    if stage.role == "council" and not disqualified and (stars is None or score is None):
        raise InvalidInput(
            "stars" if stars is None else "score",
            None,
            f"a {lvl.value} council's result needs both stars and score",
        )
    if score is not None:
        exact = _score(score, rs.id)
        if stars is not None and stars > band(exact, rs.id):
            raise InvalidInput(
                "stars",
                stars,
                f"a score of {format_fraction(exact)} is in the {band(exact, rs.id)}★ band; "
                "the class cannot be above its band",
            )
    caveats: list[str] = []
    if as_of is not None and (gap := gap_on(as_of)) is not None and gap.ruleset == rs.id:
        caveats.append(gap.reason)
    for rule in rs.outcomes:
        if rule.level == lvl and _matches(rule, stars, exact, disqualified=disqualified):
            if (
                rule.action is Action.FORWARD
                and rule.min_score is not None
                and stars is not None
                and stars < band(exact or Fraction(0), rs.id)
            ):
                caveats.append(
                    f"The class is {stars}★ although the score is in the "
                    f"{band(exact or Fraction(0), rs.id)}★ band (a per-star minimum was missed); "
                    "the forwarding rule is stated on the score alone and is applied as written."
                )
            return NextStep(
                ruleset=rs.id,
                level=lvl,
                stars=stars,
                score=exact,
                disqualified=disqualified,
                action=rule.action,
                to_level=rule.to_level,
                authority=rule.authority,
                authority_en=rule.authority_en,
                certificate=rule.certificate,
                source=rule.source,
                verified=rs.verified,
                note=rule.note,
                caveats=tuple(caveats),
            )
    shown_score = "none" if exact is None else format_fraction(exact)
    shown = "disqualified" if disqualified else f"{stars}★, score {shown_score}"
    return NextStep(
        ruleset=rs.id,
        level=lvl,
        stars=stars,
        score=exact,
        disqualified=disqualified,
        action=Action.NO_RULE_FOUND,
        verified=rs.verified,
        note=f"No rule of {rs.instrument} as encoded covers a {lvl.value}-level result of {shown}.",
        caveats=tuple(caveats),
    )


def next_step_for(
    result: RankResult,
    *,
    level: Level | CouncilLevel | str,
    ruleset_id: str | None = None,
    as_of: date | None = None,
) -> NextStep:
    """:func:`next_step` for a :class:`~ocop.RankResult` (its class, exact average, status).

    The rule set is *ruleset_id*, else the one in force on *as_of*, else the result's own.
    """
    from ocop.ranking.result import RankResult  # here: ocop.ranking imports this module

    if not isinstance(result, RankResult):
        raise TypeError(f"next_step_for takes a RankResult, got {type(result).__name__}")
    if ruleset_id is None and as_of is None:
        ruleset_id = result.ruleset
    return next_step(
        level=level,
        stars=result.stars,
        score=result.average,
        disqualified=result.status == "disqualified",
        ruleset=ruleset_id,
        as_of=as_of if ruleset_id is None else None,
    )


def recognising_stage(
    stars: int, *, ruleset: str | None = None, as_of: date | None = None
) -> Stage | None:
    """The level whose authority recognises class *stars*; ``None`` when none does (1★, 2★).

    >>> recognising_stage(3, ruleset="qd148-2023").level
    <Level.DISTRICT: 'district'>
    >>> recognising_stage(3, ruleset="qd26-2026").authority
    'Chủ tịch Ủy ban nhân dân cấp tỉnh'
    >>> recognising_stage(2, ruleset="qd26-2026") is None
    True
    """
    rs = resolve_procedure(ruleset, as_of)
    if type(stars) is not int or stars not in (1, 2, 3, 4, 5):
        raise InvalidInput("stars", stars, "the class is an integer from 1 to 5")
    for stage in rs.stages:
        if stars in stage.recognises:
            return stage
    return None
