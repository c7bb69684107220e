"""Legal periods: the one calendar of ocop (Bộ luật Dân sự 2015, Điều 147–148).

Every period of the library is counted here, whichever module asks (the transition
rules of :mod:`ocop.criteria`, the procedure, the certificates):

* a period counted from an event starts on the **next day** (Điều 147 khoản 2);
* a period in days ends at the end of its last day (Điều 148 khoản 1);
* a period in months ends on the corresponding day of its last month, or on that
  month's last day when it has none (Điều 148 khoản 3);
* when the last day of a period is a weekend day or a public holiday, the period ends
  at the end of the next working day (Điều 148 khoản 5).

Public holidays come from the data file ``holidays_vn.json`` shipped with ocop (2019–2035,
generated from python-holidays by ``tools/make_holidays_vn.py``), from python-holidays
itself beyond those years (the optional extra ``ocop[holidays]``), or from an explicit
:class:`HolidayCalendar`:

>>> day_deadline(date(2026, 6, 3), 45)          # day 45 is Saturday 18 July 2026
datetime.date(2026, 7, 20)
>>> cal = HolidayCalendar.explicit([date(2026, 2, 16), date(2026, 2, 17)])
>>> working_day_deadline(date(2026, 2, 12), 3, calendar=cal)   # Fri, then Tết Mon/Tue skipped
datetime.date(2026, 2, 19)
>>> months_end(date(2024, 2, 29), 36)           # 2027 has no 29 February
datetime.date(2027, 2, 28)

This module is the bottom layer for periods: it imports only :mod:`ocop.errors`, the
citation type :class:`~ocop._source.Source`, its holiday data (:mod:`ocop._holidays`), the
standard library, attrs and dateutil.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import attrs
from dateutil.relativedelta import relativedelta

from ocop._check import check_date, check_int
from ocop._holidays import (
    BUNDLED_YEARS,
    HolidayCalendar,
    bundled_calendar,
    default_calendar,
    vietnam_calendar,
)
from ocop._source import Source
from ocop.errors import InvalidInput

__all__ = [
    "BLDS_DAYS",
    "BLDS_DAYS_UNMOVED",
    "BLDS_MONTHS",
    "BUNDLED_YEARS",
    "CIVIL_CODE",
    "PAST_9999",
    "Deadline",
    "HolidayCalendar",
    "Unit",
    "bundled_calendar",
    "day_deadline",
    "days_before",
    "default_calendar",
    "last_day",
    "months_end",
    "next_working_day",
    "period_deadline",
    "vietnam_calendar",
    "working_day_deadline",
]

_BLDS = "Bộ luật Dân sự 2015 (91/2015/QH13)"
#: The day-counting convention (periods start the next day; a last day that is a
#: weekend day or holiday moves to the next working day).
CIVIL_CODE = Source(instrument=_BLDS, provision="Điều 147–148")
# The certificates' citations have always spelt the instrument this way (kept: it is
# printed in ``ocop certificate status``).
_BLDS_CERT = "Bộ luật Dân sự 91/2015/QH13"
#: How a period in days counted from an event ends: it starts the next day, ends at the
#: end of its last day, moved to the next working day if that is a day off.
BLDS_DAYS = Source(instrument=_BLDS_CERT, provision="Điều 147, khoản 2; Điều 148, khoản 1 và 5")
#: The same without Điều 148.5: a count of days that ends a validity or is counted back
#: (a re-ranking window, an extension), whose last day is not moved (docs/interpretations.md).
BLDS_DAYS_UNMOVED = Source(instrument=_BLDS_CERT, provision="Điều 147, khoản 2; Điều 148, khoản 1")
#: How a period in months counted from an event ends (start the next day; end on the
#: corresponding day of the last month, or that month's last day if it has none).
BLDS_MONTHS = Source(instrument=_BLDS_CERT, provision="Điều 147, khoản 2; Điều 148, khoản 3")

#: The unit of a period.
Unit = Literal["days", "working_days", "months"]


def _calendar_for(calendar: HolidayCalendar | None, start: date, span_days: int) -> HolidayCalendar:
    """*calendar*, or with ``None`` the default calendar of the years from *start* to
    *span_days* after it; anything else is a :class:`TypeError` (a programming error)."""
    if isinstance(calendar, HolidayCalendar):
        return calendar
    if calendar is not None:
        raise TypeError(f"calendar takes a HolidayCalendar or None, got {type(calendar).__name__}")
    last = date.max if (date.max - start).days < span_days else start + timedelta(days=span_days)
    return default_calendar(range(start.year, last.year + 1))


# --- Periods ---------------------------------------------------------------------------

#: Every date is in years 1–9999 (:class:`datetime.date`); a period that ends after
#: 31 December 9999 (or, counted back, before 1 January 1) is refused with this message.
PAST_9999 = "the period ends after year 9999, the last year a date can have"
_BEFORE_1 = "the period ends before year 1, the first year a date can have"
_MAX_DAYS = (date.max - date.min).days


def _start(value: object, path: str = "start") -> date:
    return check_date(path, value)


def _length(value: object, minimum: int = 1, path: str = "length", unit: str = "days") -> int:
    what = "positive" if minimum else "non-negative"
    n = check_int(path, value, minimum=minimum, what=f"a {what} whole number of {unit}")
    if n > _MAX_DAYS:
        raise InvalidInput(path, value, PAST_9999)
    return n


def _after(day: date, n: int, path: str) -> date:
    """*day* + *n* days, or :class:`InvalidInput` (naming *path*, the start) past year 9999."""
    if (date.max - day).days < n:
        raise InvalidInput(path, day, PAST_9999)
    return day + timedelta(days=n)


def last_day(start: date, length: int) -> date:
    """The last day of *length* days counted from the event on *start*, not moved.

    Điều 147.2: the day of the event is not counted; Điều 148.1: the period ends at the
    end of its last day. This is the end of a *validity* (how long something lasts),
    which ocop does not move off days off (docs/interpretations.md); a deadline for an
    act is :func:`day_deadline`.

    >>> last_day(date(2026, 3, 1), 15)   # 2 March is day 1
    datetime.date(2026, 3, 16)
    """
    return _after(_start(start), _length(length, 0), "start")


def next_working_day(day: date, *, calendar: HolidayCalendar | None = None) -> date:
    """*day*, or the next working day when it is a weekend day or holiday (Điều 148.5)."""
    day = _start(day, "day")
    return _calendar_for(calendar, day, 30).next_working_day(day)


def day_deadline(start: date, length: int, *, calendar: HolidayCalendar | None = None) -> date:
    """The last day of a period of *length* days counted from the event on *start*.

    It is *start* + *length* days (BLDS 2015 Điều 147.2, 148.1), moved to the next working
    day when it falls on a weekend day or holiday (Điều 148.5).

    >>> day_deadline(date(2026, 5, 22), 30)   # day 30 is Sunday 21 June 2026
    datetime.date(2026, 6, 22)
    """
    end = last_day(start, length)
    return _calendar_for(calendar, start, length + 30).next_working_day(end)


def working_day_deadline(
    start: date, length: int, *, calendar: HolidayCalendar | None = None
) -> date:
    """The last day of a period of *length* working days counted from the event on *start*.

    The day of the event does not count (BLDS 2015 Điều 147.2); the period ends on its
    *length*-th working day after it (a day that is, by construction, a working day, so
    Điều 148.5 has nothing to move).
    """
    day = _start(start)
    n = _length(length)
    # A working-day period of n days ends well within 3n + 30 calendar days.
    cal = _calendar_for(calendar, day, 3 * n + 30)
    counted = 0
    while counted < n:
        day = _after(day, 1, "start")
        if cal.is_working_day(day):
            counted += 1
    return day


def months_end(start: date, months: int) -> date:
    """The last day of a period of *months* months counted from the event on *start*.

    Bộ luật Dân sự 2015 Điều 147.2: the day of the event is not counted; Điều 148.3: a
    period in months ends at the end of the corresponding day of its last month, or of
    that month's last day when it has no corresponding day (clamped by
    :class:`dateutil.relativedelta.relativedelta`). Not moved off days off (it ends a
    validity; see docs/interpretations.md).

    >>> months_end(date(2023, 5, 31), 1)   # a month without a 31st ends on its last day
    datetime.date(2023, 6, 30)
    """
    day = _start(start)
    n = _length(months, 0, "months", "months")
    if n > 12 * 10_000:
        raise InvalidInput("months", months, PAST_9999)
    try:
        end: date = day + relativedelta(months=n)
    except (ValueError, OverflowError):  # year 10000 or later
        raise InvalidInput("start", day, PAST_9999) from None
    return end


def days_before(reference: date, days: int) -> date:
    """The day that lies *days* days before *reference* (counting back, *reference* not counted).

    A period counted back to an event (*không muộn hơn 120 ngày tính đến ngày hết thời
    hạn*) is the mirror of Điều 147.2; its day is not moved off days off, which would
    lengthen a "no later than" (docs/interpretations.md).

    >>> days_before(date(2026, 8, 31), 120)
    datetime.date(2026, 5, 3)
    """
    day = _start(reference, "reference")
    n = _length(days, 0, "days")
    if (day - date.min).days < n:
        raise InvalidInput("reference", day, _BEFORE_1)
    return day - timedelta(days=n)


# --- A computed deadline ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Deadline:
    """A dated last day or milestone, with the provision it comes from.

    ``what`` names it (a period key such as ``"rerank"``, or a milestone such as
    ``"reranking_window_closes"``), ``on`` is the day. A deadline computed by counting a
    period (:func:`period_deadline`) also records its ``start`` (the event, not counted),
    ``length``, ``unit``, ``counted_from`` (the event in words), the day-counting
    ``convention`` and the holiday ``calendar`` used.
    """

    what: str
    on: date
    source: Source
    description: str = ""
    start: date | None = None
    length: int | None = None
    unit: Unit | None = None
    counted_from: str = ""
    convention: Source | None = None
    calendar: str = ""

    @property
    def period(self) -> str:
        """The period's key (the same as ``what``)."""
        return self.what

    @property
    def end(self) -> date:
        """The period's last day (the same as ``on``)."""
        return self.on


def period_deadline(
    what: str,
    start: date,
    length: int,
    unit: Unit,
    *,
    source: Source,
    description: str = "",
    counted_from: str = "",
    calendar: HolidayCalendar | None = None,
) -> Deadline:
    """The :class:`Deadline` of a period of *length* *unit* counted from the event on *start*.

    Days: :func:`day_deadline` (Điều 148.5 applies); working days:
    :func:`working_day_deadline`; months: :func:`months_end`.

    >>> d = period_deadline("rerank", date(2026, 6, 3), 45, "days",
    ...                     source=Source(instrument="26/2026/QĐ-TTg", provision="Điều 7.6.g"))
    >>> d.on, d.calendar
    (datetime.date(2026, 7, 20), 'ocop holidays_vn.json (2019–2035)')
    """
    day = _start(start)
    n = _length(length)
    cal_name = ""
    if unit == "months":
        end = months_end(day, n)
        convention = BLDS_MONTHS
    elif unit in ("days", "working_days"):
        cal = _calendar_for(calendar, day, 3 * n + 30)
        end = (day_deadline if unit == "days" else working_day_deadline)(day, n, calendar=cal)
        convention, cal_name = CIVIL_CODE, cal.source
    else:
        raise InvalidInput("unit", unit, "expected days, working_days or months")
    return Deadline(
        what=what,
        on=end,
        source=source,
        description=description,
        start=day,
        length=n,
        unit=unit,
        counted_from=counted_from,
        convention=convention,
        calendar=cal_name,
    )
