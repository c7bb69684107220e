"""The procedure's endpoints: council check, levels, the calendar of a year, a deadline.

Each calls the same functions and writers as ``ocop council check``, ``ocop process
levels`` and ``ocop calendar``; see :mod:`ocop.cli.procedure`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ocop._convert import parse_date
from ocop._holidays import BUNDLED_YEARS
from ocop.calendar import HolidayCalendar, default_calendar
from ocop.errors import HolidaysUnavailable, InvalidInput
from ocop.procedure.calendar import deadline, rounds
from ocop.procedure.council import check_council
from ocop.procedure.levels import resolve_procedure
from ocop.serialize import council_from_dict
from ocop.serialize.procedure import (
    calendar_to_dict,
    council_check_to_dict,
    deadline_to_dict,
    procedure_levels_to_dict,
)
from ocop.service._http import (
    boolean,
    document,
    guarded,
    json_response,
    query_all,
    query_date,
    query_integer,
    query_text,
)

__all__ = ["PROCEDURE_ROUTES"]

_RULESET = "qd26-2026"
#: The most members a council check counts as present (a council is far smaller).
_MAX_PRESENT = 1000


async def council(request: Request) -> Response:
    """``POST /council/check``: a council document → its check (``ocop council check``)."""
    ruleset = query_text(request, "ruleset")
    as_of = query_date(request, "as_of")
    present: int | list[str] | None = query_integer(
        request, "present", minimum=0, maximum=_MAX_PRESENT
    )
    attending = query_all(request, "attending")
    if attending:
        if present is not None:
            raise InvalidInput("attending", attending[:2], "give present or attending, not both")
        present = attending
    rules = query_text(request, "council_rules")
    doc = await document(request)

    def work() -> dict[str, Any]:
        check = check_council(
            council_from_dict(doc),
            ruleset=ruleset,
            as_of=as_of,
            present=present,
            council_rules=rules,
        )
        return council_check_to_dict(check)

    return json_response(await run_in_threadpool(work))


async def levels(request: Request) -> Response:
    """``GET /process/levels``: a rule set's levels and who recognises what
    (``ocop process levels``)."""
    rs = resolve_procedure(query_text(request, "ruleset"), query_date(request, "as_of"))
    return json_response(procedure_levels_to_dict(rs))


def _days(request: Request, name: str) -> list[date]:
    """The repeated query parameter *name* as dates ``YYYY-MM-DD``."""
    found = []
    for i, text in enumerate(query_all(request, name)):
        try:
            found.append(parse_date(text))
        except (TypeError, ValueError):
            raise InvalidInput(f"{name}[{i}]", text, "expected an ISO date YYYY-MM-DD") from None
    return found


def _calendar(request: Request, years: range, *, strict: bool) -> HolidayCalendar | None:
    """The calendar of ``ocop calendar``: ``no_holidays=true`` (only the ``holiday`` and
    ``working_day`` given), else the shipped holidays and python-holidays beyond them."""
    holidays, working = _days(request, "holiday"), _days(request, "working_day")
    if boolean(request, "no_holidays"):
        return HolidayCalendar.explicit(holidays, working)
    cal = default_calendar(years, extra_holidays=holidays, extra_working_days=working)
    if not strict and cal.years is not None and not set(years) <= cal.years:
        return None
    return cal


def _unavailable() -> HolidaysUnavailable:
    first, last = BUNDLED_YEARS[0], BUNDLED_YEARS[-1]
    return HolidaysUnavailable(
        f"the working days asked for are outside {first}–{last}, the years of Vietnam's "
        "public holidays shipped with ocop: give them with no_holidays=true and "
        "holiday=YYYY-MM-DD (repeatable), working_day=YYYY-MM-DD"
    )


async def year(request: Request) -> Response:
    """``GET /calendar``: a year's rounds, holidays and working days (``ocop calendar
    --year``)."""
    number = query_integer(request, "year", minimum=1, maximum=9999)
    if number is None:
        raise InvalidInput("year", None, "query parameter 'year' is required")
    ruleset = query_text(request, "ruleset") or _RULESET
    rounds(number, ruleset=ruleset)  # a rule set without rounds fails first, as in the CLI
    try:
        cal = _calendar(request, range(number, number + 1), strict=False)
        return json_response(calendar_to_dict(number, ruleset=ruleset, calendar=cal))
    except HolidaysUnavailable:
        raise _unavailable() from None


async def period(request: Request) -> Response:
    """``GET /calendar/deadline``: the last day of a period from an event (``ocop calendar
    --period KEY --from DATE``)."""
    key = query_text(request, "period")
    if key is None:
        raise InvalidInput("period", None, "query parameter 'period' is required")
    start = query_date(request, "from", required=True)
    assert start is not None  # required=True raises instead
    ruleset = query_text(request, "ruleset") or _RULESET
    try:
        cal = _calendar(request, range(start.year, min(start.year + 2, 10000)), strict=True)
        return json_response(deadline_to_dict(deadline(key, start, ruleset=ruleset, calendar=cal)))
    except HolidaysUnavailable:
        raise _unavailable() from None


PROCEDURE_ROUTES = [
    Route("/council/check", guarded(council), methods=["POST"]),
    Route("/process/levels", guarded(levels), methods=["GET"]),
    Route("/calendar", guarded(year), methods=["GET"]),
    Route("/calendar/deadline", guarded(period), methods=["GET"]),
]
"""The routes of the procedure's documents."""
