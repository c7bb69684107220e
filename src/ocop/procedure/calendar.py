"""Calendar of 26/2026/QĐ-TTg: evaluation rounds (Điều 5) and statutory periods (Điều 7–8).

Periods are counted by :mod:`ocop.calendar`, the one calendar of the library (Bộ luật
Dân sự 2015 Điều 147–148: a period starts the day after its event; a last day that is a
weekend day or public holiday moves to the next working day). This module holds the
rounds and looks up the periods of a rule set; :class:`HolidayCalendar`,
:func:`vietnam_calendar`, :func:`day_deadline`, :func:`working_day_deadline` and
:class:`Deadline` are those of :mod:`ocop.calendar`, re-exported here.

>>> cal = HolidayCalendar.explicit([date(2026, 2, 16), date(2026, 2, 17)])
>>> working_day_deadline(date(2026, 2, 12), 3, calendar=cal)   # Fri, then Tết Mon/Tue skipped
datetime.date(2026, 2, 19)
>>> day_deadline(date(2026, 5, 22), 60, calendar=cal)          # 26/2026 Điều 11.2
datetime.date(2026, 7, 21)
>>> deadline("rerank", date(2026, 6, 3)).end                   # day 45 is Saturday 18 July
datetime.date(2026, 7, 20)
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from ocop._check import check_date
from ocop._source import Source
from ocop.calendar import (
    CIVIL_CODE,
    PAST_9999,
    Deadline,
    HolidayCalendar,
    day_deadline,
    period_deadline,
    vietnam_calendar,
    working_day_deadline,
)
from ocop.errors import InvalidInput, NotEncoded
from ocop.procedure.levels import load_procedure
from ocop.procedure.model import Level, Period, RoundRule

__all__ = [
    "CIVIL_CODE",
    "Deadline",
    "HolidayCalendar",
    "Round",
    "day_deadline",
    "deadline",
    "round_for",
    "rounds",
    "vietnam_calendar",
    "working_day_deadline",
]


def _start(value: object, path: str = "start") -> date:
    return check_date(path, value)


def _period(key: str, ruleset: str) -> Period:
    rs = load_procedure(ruleset)
    for period in rs.periods:
        if period.key == key:
            return period
    if not rs.periods:
        raise NotEncoded(ruleset, "statutory periods")
    known = ", ".join(p.key for p in rs.periods)
    raise InvalidInput("period", key, f"unknown period; periods are {known}")


def deadline(
    period: str,
    start: date,
    *,
    ruleset: str = "qd26-2026",
    calendar: HolidayCalendar | None = None,
) -> Deadline:
    """The deadline of a statutory *period* of *ruleset* counted from *start*.

    Periods of 26/2026: ``commune_precheck`` (15 working days, Điều 7.2), ``rerank``
    (45 days from the complete dossier, Điều 7.6.g), ``revocation`` (15 days from the
    conclusion, Điều 8.4). Counted by :func:`ocop.calendar.period_deadline`.
    """
    rule = _period(period, ruleset)
    return period_deadline(
        rule.key,
        _start(start),
        rule.length,
        rule.unit,
        source=rule.source,
        description=f"{rule.length} {rule.unit.replace('_', ' ')} from {rule.start}",
        counted_from=rule.start,
        calendar=calendar,
    )


@attrs.frozen(kw_only=True)
class Round:
    """One statutory evaluation round of a given year.

    Both dates are exclusive, as in the text (*trước ngày 30 tháng 6*): dossiers proposed
    on or before ``last_proposal_day`` are evaluated on or before ``last_evaluation_day``.
    """

    level: Level
    number: int
    year: int
    proposed_before: date
    finish_before: date
    proposer: str
    source: Source

    @property
    def last_proposal_day(self) -> date:
        return self.proposed_before - timedelta(days=1)

    @property
    def last_evaluation_day(self) -> date:
        return self.finish_before - timedelta(days=1)


def _round(rule: RoundRule, year: int) -> Round:
    return Round(
        level=rule.level,
        number=rule.number,
        year=year,
        proposed_before=rule.proposed_before.in_year(year),
        finish_before=rule.finish_before.in_year(year),
        proposer=rule.proposer,
        source=rule.source,
    )


def rounds(year: int, *, ruleset: str = "qd26-2026") -> tuple[Round, ...]:
    """The statutory rounds that finish in *year*, in date order.

    >>> for r in rounds(2027):
    ...     print(r.level.value, r.number, r.last_proposal_day, r.last_evaluation_day)
    central 2 2027-01-29 2027-03-29
    province 1 2027-04-29 2027-06-29
    central 1 2027-07-29 2027-09-29
    province 2 2027-10-29 2027-12-29
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidInput("year", year, "expected a year such as 2026")
    rs = load_procedure(ruleset)
    if not rs.rounds:
        raise NotEncoded(ruleset, "evaluation rounds")
    found = [_round(rule, year) for rule in rs.rounds]
    return tuple(sorted(found, key=lambda r: r.finish_before))


def round_for(proposed: date, level: Level | str, *, ruleset: str = "qd26-2026") -> Round:
    """The statutory round that takes a dossier proposed to *level* on *proposed*.

    It is the first round whose proposal cut-off lies after *proposed*. Provinces and the
    Ministry may add rounds (Điều 5, second paragraphs); those are not known here.

    >>> r = round_for(date(2026, 4, 29), "province")
    >>> r.number, r.finish_before
    (1, datetime.date(2026, 6, 30))
    >>> round_for(date(2026, 4, 30), "province").number
    2
    >>> round_for(date(2026, 10, 30), "province").finish_before
    datetime.date(2027, 6, 30)
    """
    day = _start(proposed, "proposed")
    try:
        lvl = Level(level.value if isinstance(level, Level) else level)
    except ValueError:
        raise InvalidInput("level", level, "rounds exist for province and central") from None
    rs = load_procedure(ruleset)
    rules = [r for r in rs.rounds if r.level == lvl]
    if not rules:
        raise InvalidInput("level", level, f"{ruleset} sets no rounds for the {lvl.value} level")
    for year in (day.year, day.year + 1):
        if year > 9999:
            raise InvalidInput("proposed", day, PAST_9999)
        candidates = sorted((_round(rule, year) for rule in rules), key=lambda r: r.proposed_before)
        for candidate in candidates:
            if day < candidate.proposed_before:
                return candidate
    raise AssertionError("unreachable: every year has a round")  # pragma: no cover
