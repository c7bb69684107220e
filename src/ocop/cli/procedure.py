"""Command-line parts of :mod:`ocop.procedure` (added to ``ocop`` by :func:`add_commands`).

ocop process next (--ruleset ID | --as-of DATE) --level LEVEL [--stars N --score X]
                  [--disqualified] [--filed DATE]
ocop process levels (--ruleset ID | --as-of DATE)
ocop council check FILE|- (--ruleset ID | --as-of DATE) [--present N | --attending NAME ...]
                   [--council-rules ID]
ocop calendar --year 2026 [--no-holidays] [--holiday DATE ...] [--working-day DATE ...]
ocop calendar --period commune_precheck --from 2026-02-10
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ocop._holidays import BUNDLED_YEARS
from ocop.calendar import HolidayCalendar, default_calendar
from ocop.cli._input import (
    dump_json,
    optional_date,
    optional_integer,
    parse_exact,
    parse_integer,
    read_document,
)
from ocop.errors import HolidaysUnavailable, InvalidInput
from ocop.procedure.calendar import deadline, rounds
from ocop.procedure.council import check_council
from ocop.procedure.levels import next_step, resolve_procedure
from ocop.procedure.model import Level
from ocop.serialize import council_from_dict
from ocop.serialize.procedure import (
    calendar_to_dict,
    council_check_to_dict,
    deadline_to_dict,
    next_step_to_dict,
    procedure_levels_to_dict,
)

__all__ = ["add_commands"]


def _next(args: argparse.Namespace, out: TextIO) -> int:
    step = next_step(
        level=args.level,
        stars=optional_integer("--stars", args.stars, minimum=1, maximum=5),
        score=None if args.score is None else parse_exact("--score", args.score),
        disqualified=args.disqualified,
        ruleset=args.ruleset,
        as_of=optional_date("--as-of", args.as_of),
        filed=optional_date("--filed", args.filed),
    )
    dump_json(next_step_to_dict(step), out)
    return 0


def _levels(args: argparse.Namespace, out: TextIO) -> int:
    rs = resolve_procedure(args.ruleset, optional_date("--as-of", args.as_of))
    dump_json(procedure_levels_to_dict(rs), out)
    return 0


def _council_check(args: argparse.Namespace, out: TextIO) -> int:
    council = council_from_dict(read_document(args.file))
    present: int | list[str] | None = optional_integer("--present", args.present)
    if args.attending is not None:
        present = args.attending
    check = check_council(
        council,
        ruleset=args.ruleset,
        as_of=optional_date("--as-of", args.as_of),
        present=present,
        council_rules=args.council_rules,
    )
    dump_json(council_check_to_dict(check), out)
    return 0


def _calendar_for_cli(args: argparse.Namespace, years: range) -> HolidayCalendar | None:
    extra_h = [optional_date("--holiday", d) for d in args.holiday or []]
    extra_w = [optional_date("--working-day", d) for d in args.working_day or []]
    holidays = [d for d in extra_h if d is not None]
    working = [d for d in extra_w if d is not None]
    if args.no_holidays:
        return HolidayCalendar.explicit(holidays, working)
    # The holidays shipped with ocop, python-holidays beyond them (ocop.calendar).
    cal = default_calendar(years, extra_holidays=holidays, extra_working_days=working)
    if args.period is None and cal.years is not None and not set(years) <= cal.years:
        return None
    return cal


def _calendar(args: argparse.Namespace, out: TextIO) -> int:
    try:
        return _calendar_or_deadline(args, out)
    except HolidaysUnavailable:
        # The library's message advises a HolidayCalendar; a command-line user has options.
        first, last = BUNDLED_YEARS[0], BUNDLED_YEARS[-1]
        raise HolidaysUnavailable(
            f"the working days asked for are outside {first}–{last}, the years of Vietnam's "
            "public holidays shipped with ocop: install the extra (pip install "
            '"ocop[holidays]"), or give the holidays with --no-holidays --holiday DATE '
            "[--working-day DATE] (each repeatable)"
        ) from None


def _calendar_or_deadline(args: argparse.Namespace, out: TextIO) -> int:
    if args.period is not None:
        start = optional_date("--from", args.start)
        if start is None:
            raise InvalidInput("--from", None, "--period needs --from DATE")
        # the period may run into the next year; there is none after 9999
        cal = _calendar_for_cli(args, range(start.year, min(start.year + 2, 10000)))
        found = deadline(args.period, start, ruleset=args.ruleset, calendar=cal)
        dump_json(deadline_to_dict(found), out)
        return 0
    if args.year is None:
        raise InvalidInput("--year", None, "give --year, or --period with --from")
    year = parse_integer("--year", args.year, minimum=1, maximum=9999)
    rounds(year, ruleset=args.ruleset)  # a rule set without rounds fails first, as ever
    cal = _calendar_for_cli(args, range(year, year + 1))
    dump_json(calendar_to_dict(year, ruleset=args.ruleset, calendar=cal), out)
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``process``, ``council`` and ``calendar`` to the ``ocop`` command line."""
    proc = subparsers.add_parser("process", help="the procedure: levels, authorities, next step")
    proc_sub = proc.add_subparsers(dest="action", required=True)

    nxt = proc_sub.add_parser("next", help="what happens to a result at a level, with the article")
    which = nxt.add_mutually_exclusive_group(required=True)
    which.add_argument("--ruleset", help="rule-set id, e.g. qd26-2026")
    which.add_argument("--as-of", help="the date of the step (YYYY-MM-DD), to pick the rule set")
    nxt.add_argument("--level", required=True, choices=[lv.value for lv in Level])
    nxt.add_argument("--stars", help="the final class at that level (1-5)")
    nxt.add_argument("--score", help='the exact average, e.g. 92, "69.5" or "139/2"')
    nxt.add_argument("--disqualified", action="store_true", help="the dossier was disqualified")
    nxt.add_argument("--filed", help="the filing date, for the 2026 overlap (Điều 12.2)")
    nxt.set_defaults(func=_next)

    lv = proc_sub.add_parser("levels", help="a rule set's levels and who recognises what")
    which_l = lv.add_mutually_exclusive_group(required=True)
    which_l.add_argument("--ruleset", help="rule-set id, e.g. qd148-2023")
    which_l.add_argument("--as-of", help="a date (YYYY-MM-DD), to pick the rule set")
    lv.set_defaults(func=_levels)

    council = subparsers.add_parser("council", help="evaluation councils")
    council_sub = council.add_subparsers(dest="action", required=True)
    chk = council_sub.add_parser(
        "check", help="check a council against its rule set: chair, members, quorum (JSON)"
    )
    chk.add_argument("file", help="the council document (JSON); - reads standard input")
    which_c = chk.add_mutually_exclusive_group(required=True)
    which_c.add_argument("--ruleset", help="rule-set id, e.g. qd26-2026")
    which_c.add_argument("--as-of", help="the date of the evaluation (YYYY-MM-DD)")
    attendance = chk.add_mutually_exclusive_group()
    attendance.add_argument(
        "--present",
        metavar="N",
        help="how many members (chair included) are present, to check a stated quorum",
    )
    attendance.add_argument(
        "--attending",
        metavar="NAME",
        action="append",
        help="a member present, by name (repeatable; the chair too): checks the quorum "
        "and, under council rules that require it, the chair's presence",
    )
    chk.add_argument(
        "--council-rules",
        metavar="ID",
        help="the council's operating rules, a preset such as tay-ninh (default: neutral, "
        "nothing beyond the decision); breaches are listed in 'breaches'",
    )
    chk.set_defaults(func=_council_check)

    cal = subparsers.add_parser(
        "calendar", help="26/2026 evaluation rounds, periods, holidays and deadlines"
    )
    cal.add_argument(
        "--year", metavar="YEAR", help="the rounds, holidays and working days of a year"
    )
    cal.add_argument("--ruleset", default="qd26-2026", help="rule-set id (default: qd26-2026)")
    cal.add_argument("--period", help="compute a deadline: commune_precheck, rerank or revocation")
    cal.add_argument("--from", dest="start", help="the event the period runs from (YYYY-MM-DD)")
    cal.add_argument(
        "--no-holidays", action="store_true", help="do not use python-holidays (weekends only)"
    )
    cal.add_argument("--holiday", action="append", help="an extra holiday (repeatable)")
    cal.add_argument("--working-day", action="append", help="an extra make-up working day")
    cal.set_defaults(func=_calendar)
