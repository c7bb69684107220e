"""Calendar of 26/2026/QĐ-TTg: evaluation rounds (Điều 5) and statutory periods (Điều 7–8).

Day counting follows Bộ luật Dân sự 2015 (91/2015/QH13), Điều 147–148, adopted
project-wide:

* a period counted from an event starts on the **next day** (Điều 147 khoản 2);
* it ends at the end of its last day (Điều 148 khoản 1);
* if that last day is a weekend day or a public holiday, the period ends at the end of
  the next working day (Điều 148 khoản 5).

A period in *ngày làm việc* (working days) counts only days that are not Saturdays,
Sundays or public holidays. Public holidays come from python-holidays (the optional
extra ``ocop[holidays]``) or from an explicit :class:`HolidayCalendar`:

>>> cal = HolidayCalendar.explicit([date(2026, 2, 16), date(2026, 2, 17)])
>>> working_day_deadline(date(2026, 2, 12), 3, calendar=cal)   # Fri, then Tết Mon/Tue skipped
datetime.date(2026, 2, 19)
>>> day_deadline(date(2026, 5, 22), 60, calendar=cal)          # 26/2026 Điều 11.2
datetime.date(2026, 7, 21)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

import attrs

from ocop.criteria.model import Source
from ocop.errors import HolidaysUnavailable, InvalidInput, NotEncoded
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

#: The day-counting convention (periods start the next day; a last day that is a
#: weekend day or holiday moves to the next working day).
CIVIL_CODE = Source(instrument="Bộ luật Dân sự 2015 (91/2015/QH13)", provision="Điều 147–148")
_MAX_STEPS = 3660


@attrs.frozen(kw_only=True)
class HolidayCalendar:
    """Non-working days: Saturdays, Sundays and ``holidays``, except ``working_days``.

    ``years`` are the years the calendar knows; asking about another year raises
    :class:`~ocop.errors.HolidaysUnavailable` (``None``: the caller vouches for every year).
    ``working_days`` are weekend days worked to make up for a bridge day (*làm bù*).
    """

    holidays: frozenset[date]
    working_days: frozenset[date] = frozenset()
    years: frozenset[int] | None = None
    source: str = "explicit"

    @classmethod
    def explicit(
        cls,
        holidays: Iterable[date],
        working_days: Iterable[date] = (),
        *,
        years: Iterable[int] | None = None,
    ) -> HolidayCalendar:
        """A calendar from the caller's own list of holidays (and make-up working days)."""
        hol = _dates("holidays", holidays)
        work = _dates("working_days", working_days)
        return cls(
            holidays=hol,
            working_days=work,
            years=None if years is None else frozenset(years),
            source="explicit",
        )

    def _check(self, day: date) -> None:
        if self.years is not None and day.year not in self.years:
            known = ", ".join(str(y) for y in sorted(self.years))
            raise HolidaysUnavailable(
                f"the holiday calendar ({self.source}) covers {known}, not {day.year}"
            )

    def is_working_day(self, day: date) -> bool:
        """Not a Saturday, Sunday or holiday, unless it is a make-up working day."""
        self._check(day)
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """*day* itself if it is a working day, else the first working day after it."""
        for _ in range(_MAX_STEPS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise HolidaysUnavailable("no working day within ten years")  # pragma: no cover


def _dates(path: str, values: Iterable[object]) -> frozenset[date]:
    if isinstance(values, str | bytes):
        raise InvalidInput(path, values, "expected a list of dates")
    out = []
    for i, d in enumerate(values):
        if not isinstance(d, date):
            raise InvalidInput(f"{path}[{i}]", d, "expected a date")
        out.append(d)
    return frozenset(out)


def vietnam_calendar(
    years: Iterable[int],
    *,
    extra_holidays: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
) -> HolidayCalendar:
    """Vietnam's public holidays for *years*, from python-holidays (``ocop[holidays]``).

    python-holidays computes Tết from the lunar calendar and includes the observed days
    and the bridge days it knows, with the Saturdays worked in exchange. Government
    announcements it does not know (a changed Tết schedule, a new swap) must be passed as
    *extra_holidays* / *extra_working_days*.
    """
    year_set = frozenset(years)
    if not year_set or any(isinstance(y, bool) or not isinstance(y, int) for y in year_set):
        raise InvalidInput("years", sorted(year_set, key=str), "expected one or more years")
    try:
        import holidays as pyholidays
    except ImportError:  # pragma: no cover - depends on the environment
        raise HolidaysUnavailable(
            "working days need Vietnam's public holidays: install the extra "
            '(pip install "ocop[holidays]") or pass an explicit HolidayCalendar'
        ) from None
    vn: Any = pyholidays.country_holidays("VN", years=sorted(year_set))
    hol = {d for d in vn if d.year in year_set}
    work = {d for d in getattr(vn, "weekend_workdays", ()) if d.year in year_set}
    version = getattr(pyholidays, "__version__", "?")
    return HolidayCalendar(
        holidays=frozenset(hol) | _dates("extra_holidays", extra_holidays),
        working_days=(frozenset(work) | _dates("extra_working_days", extra_working_days))
        - _dates("extra_holidays", extra_holidays),
        years=year_set,
        source=f"python-holidays {version}",
    )


def _calendar_for(calendar: HolidayCalendar | None, start: date, span_days: int) -> HolidayCalendar:
    if calendar is not None:
        return calendar
    # A working-day period of n days ends well within 3n + 30 calendar days.
    last = start + timedelta(days=span_days)
    return vietnam_calendar(range(start.year, last.year + 2))


def _start(value: object, path: str = "start") -> date:
    if not isinstance(value, date):
        raise InvalidInput(path, value, "expected a date")
    return value


def _length(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput("length", value, "expected a positive number of days")
    return value


def working_day_deadline(
    start: date, length: int, *, calendar: HolidayCalendar | None = None
) -> date:
    """The last day of a period of *length* working days counted from the event on *start*.

    The day of the event does not count (BLDS 2015 Điều 147.2); the period ends on its
    *length*-th working day after it.
    """
    day = _start(start)
    n = _length(length)
    cal = _calendar_for(calendar, day, 3 * n + 30)
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            counted += 1
    return day


def day_deadline(start: date, length: int, *, calendar: HolidayCalendar | None = None) -> date:
    """The last day of a period of *length* days counted from the event on *start*.

    It is *start* + *length* days (BLDS 2015 Điều 147.2, 148.1), moved to the next working
    day when it falls on a weekend day or holiday (Điều 148.5).
    """
    day = _start(start)
    n = _length(length)
    end = day + timedelta(days=n)
    cal = _calendar_for(calendar, day, n + 30)
    return cal.next_working_day(end)


@attrs.frozen(kw_only=True)
class Deadline:
    """A computed statutory deadline: the period, its start and its last day."""

    period: str
    start: date
    end: date
    length: int
    unit: Literal["days", "working_days"]
    counted_from: str
    source: Source
    convention: Source = CIVIL_CODE
    calendar: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "length": self.length,
            "unit": self.unit,
            "counted_from": self.counted_from,
            "citation": str(self.source),
            "convention": str(self.convention),
            "calendar": self.calendar,
        }


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
    conclusion, Điều 8.4).
    """
    rule = _period(period, ruleset)
    day = _start(start)
    cal = _calendar_for(calendar, day, 3 * rule.length + 30)
    if rule.unit == "working_days":
        end = working_day_deadline(day, rule.length, calendar=cal)
    else:
        end = day_deadline(day, rule.length, calendar=cal)
    return Deadline(
        period=rule.key,
        start=day,
        end=end,
        length=rule.length,
        unit=rule.unit,
        counted_from=rule.start,
        source=rule.source,
        calendar=cal.source,
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "round": self.number,
            "year": self.year,
            "proposed_before": self.proposed_before.isoformat(),
            "finish_before": self.finish_before.isoformat(),
            "proposer": self.proposer,
            "citation": str(self.source),
        }


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
        candidates = sorted((_round(rule, year) for rule in rules), key=lambda r: r.proposed_before)
        for candidate in candidates:
            if day < candidate.proposed_before:
                return candidate
    raise AssertionError("unreachable: every year has a round")  # pragma: no cover
