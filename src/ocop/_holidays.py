"""Which days are off: Vietnam's public holidays for :mod:`ocop.calendar`.

:class:`HolidayCalendar` (weekends, holidays, make-up working days), the data shipped with
ocop (``holidays_vn.json``, 2019–2035, checked when loaded), python-holidays beyond it
(``ocop[holidays]``). Import these names from :mod:`ocop.calendar`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import attrs

from ocop._check import check_date, check_int
from ocop.errors import CatalogueIntegrityError, HolidaysUnavailable, InvalidInput, show

__all__ = [
    "BUNDLED_YEARS",
    "HolidayCalendar",
    "bundled_calendar",
    "default_calendar",
    "vietnam_calendar",
]

_DATA = "holidays_vn.json"
_MAX_STEPS = 3660


def _year_span(years: Iterable[int]) -> str:
    ys = sorted(years)
    if not ys:
        return "no year"
    if ys == list(range(ys[0], ys[-1] + 1)) and len(ys) > 2:
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


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
            years=None if years is None else _years(years, empty=True),
            source="explicit",
        )

    def _check(self, day: date) -> None:
        if self.years is not None and day.year not in self.years:
            raise HolidaysUnavailable(
                f"the holiday calendar ({self.source}) covers {_year_span(self.years)}, not "
                f'{day.year}: install the extra (pip install "ocop[holidays]") or pass an '
                "explicit HolidayCalendar"
            )

    def is_working_day(self, day: date) -> bool:
        """Not a Saturday, Sunday or holiday, unless it is a make-up working day."""
        self._check(day)
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """*day* itself if it is a working day, else the first working day after it.

        This is the one place where Bộ luật Dân sự 2015 Điều 148.5 moves a last day. A
        move past 31 December 9999 raises :class:`~ocop.errors.InvalidInput`.
        """
        day = check_date("day", day)
        for _ in range(_MAX_STEPS):
            if self.is_working_day(day):
                return day
            if day == date.max:
                raise InvalidInput(
                    "day", day, "the period ends after year 9999, the last year a date can have"
                )
            day += timedelta(days=1)
        raise HolidaysUnavailable("no working day within ten years")  # pragma: no cover


def _dates(path: str, values: Iterable[object]) -> frozenset[date]:
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidInput(path, values, "expected a list of dates")
    return frozenset(check_date(f"{path}[{i}]", d) for i, d in enumerate(values))


def _years(years: Iterable[int], *, empty: bool = False) -> frozenset[int]:
    """*years* as a set of years 1–9999; a string (``"2026"``) or a non-integer is refused."""
    if isinstance(years, str | bytes | Mapping) or not isinstance(years, Iterable):
        raise InvalidInput(
            "years", years, f"expected a list of years such as [2026], got {show(years)}"
        )
    out = []
    for i, y in enumerate(years):
        out.append(check_int(f"years[{i}]", y, minimum=1, what="a year such as 2026"))
        if y > 9999:
            raise InvalidInput(f"years[{i}]", y, "expected a year from 1 to 9999")
    if not out and not empty:
        raise InvalidInput("years", [], "expected one or more years")
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
    year_set = _years(years)
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
    extra = _dates("extra_holidays", extra_holidays)
    return HolidayCalendar(
        holidays=frozenset(hol) | extra,
        working_days=(frozenset(work) | _dates("extra_working_days", extra_working_days)) - extra,
        years=year_set,
        source=f"python-holidays {version}",
    )


def _integrity(path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(_DATA, path, message)


def _load_bundled(doc: Any) -> HolidayCalendar:
    """Check the shipped holiday data and turn it into a calendar."""
    if not isinstance(doc, dict) or set(doc) != {
        "about",
        "country",
        "first_year",
        "last_year",
        "holidays",
        "working_days",
    }:
        raise _integrity("$", "unexpected keys")
    first, last = doc["first_year"], doc["last_year"]
    if doc["country"] != "VN" or not (isinstance(first, int) and isinstance(last, int)):
        raise _integrity("$", "expected country VN and integer years")
    years = frozenset(range(first, last + 1))
    keys = list(doc["holidays"])
    if keys != sorted(keys):
        raise _integrity("holidays", "dates are not in order")
    hol = frozenset(date.fromisoformat(k) for k in keys)
    work = frozenset(date.fromisoformat(k) for k in doc["working_days"])
    for day in hol | work:
        if day.year not in years:
            raise _integrity(day.isoformat(), f"outside {first}–{last}")
    for day in work:
        if day.weekday() < 5 or day in hol:
            raise _integrity(f"working_days.{day}", "a make-up working day is a weekend day")
    for year in sorted(years):
        fixed = [date(year, 1, 1), date(year, 4, 30), date(year, 5, 1), date(year, 9, 2)]
        for day in fixed:  # Bộ luật Lao động 2019 Điều 112.1.a, c, d, đ
            if day not in hol:
                raise _integrity(str(year), f"{day} is missing")
        tet = [d for d in hol if date(year, 1, 19) <= d <= date(year, 2, 25)]
        if len(tet) < 4:  # Điều 112.1.b: five days of Tết (some may be weekend days)
            raise _integrity(str(year), "fewer than four days of Tết")
        if not any(date(year, 3, 28) <= d <= date(year, 4, 29) for d in hol):
            raise _integrity(str(year), "no Hùng Kings' day (10/3 âm lịch)")  # Điều 112.1.e
    return HolidayCalendar(
        holidays=hol,
        working_days=work,
        years=years,
        source=f"ocop {_DATA} ({first}–{last})",
    )


@cache
def bundled_calendar() -> HolidayCalendar:
    """The public holidays shipped with ocop (``holidays_vn.json``), checked when loaded.

    >>> cal = bundled_calendar()
    >>> min(cal.years), max(cal.years)
    (2019, 2035)
    >>> cal.is_working_day(date(2026, 2, 17))    # Tết Bính Ngọ
    False
    """
    text = resources.files("ocop").joinpath(_DATA).read_text(encoding="utf-8")
    return _load_bundled(json.loads(text))


#: The years covered by the shipped holiday data.
BUNDLED_YEARS = range(2019, 2036)


def default_calendar(
    years: Iterable[int],
    *,
    extra_holidays: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
) -> HolidayCalendar:
    """The calendar used when none is given: shipped data, then python-holidays.

    Years the shipped data covers (:data:`BUNDLED_YEARS`) come from it, whether or not
    python-holidays is installed, so that a date computed by ocop does not depend on the
    environment. Other years come from python-holidays when installed; otherwise the
    calendar does not cover them, and asking about them raises
    :class:`~ocop.errors.HolidaysUnavailable`. Days the government swapped that the data
    does not know are passed as *extra_holidays* / *extra_working_days*.

    >>> default_calendar([2026]).is_working_day(date(2026, 4, 27))  # Giỗ Tổ, observed
    False
    """
    want = _years(years)
    shipped = bundled_calendar()
    known = shipped.years or frozenset()
    inside, outside = want & known, want - known
    hol = {d for d in shipped.holidays if d.year in inside}
    work = {d for d in shipped.working_days if d.year in inside}
    covered, sources = set(inside), [shipped.source] if inside else []
    if outside:
        try:
            other = vietnam_calendar(outside)
        except HolidaysUnavailable:
            other = None
        if other is not None:
            hol |= other.holidays
            work |= other.working_days
            covered |= outside
            sources.append(other.source)
    extra = _dates("extra_holidays", extra_holidays)
    return HolidayCalendar(
        holidays=frozenset(hol) | extra,
        working_days=(frozenset(work) | _dates("extra_working_days", extra_working_days)) - extra,
        years=frozenset(covered),
        source=" + ".join(sources) or "no holiday data",
    )
