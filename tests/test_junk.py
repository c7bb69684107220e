"""Junk in every argument of every public function: a normal return or an OcopError.

In the style of python-stdnum's junk tests: every public callable (``ocop.__all__`` and
the public functions of ``ocop.serialize``, ``ocop.calendar``, ``ocop.procedure``,
``ocop.certificates``, ``ocop.batch``, ``ocop.records``; see ``tests/_junk_targets.py``)
is called with a valid baseline in which one argument at a time is replaced by each value
of a fixed battery of junk. A call must return (an iterator is consumed) or raise an
:class:`ocop.OcopError`, within a second; a :class:`TypeError` is allowed only where
:data:`TYPE_ERRORS` lists the argument, for a value not of the declared type.

:data:`KNOWN` lists the failures found when this sweep was written; they are expected
failures (``xfail(strict=False)``) until fixed, and their entries are then removed.
"""

from __future__ import annotations

import inspect
import math
import signal
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from types import NoneType
from typing import Any

import pytest

import ocop
from ocop.calendar import Deadline, HolidayCalendar
from ocop.certificates import Certificate
from ocop.certificates.codes import Commune, ProductCode
from ocop.certificates.periods import ReRankingWindow
from ocop.certificates.status import CertificateStatus
from ocop.criteria import RuleSet, Selection
from ocop.criteria.overlay import Overlay
from ocop.model import ProducerKind
from ocop.procedure import CouncilCheck, DossierCheck, NextStep, ProcedureRuleSet, Round
from ocop.programme import Flows, Plan, Stats
from ocop.ranking import RankRequest, RankResult

sys.path.insert(0, str(Path(__file__).parent))
from _junk_targets import targets

sys.path.pop(0)

# Seconds per call: a guard against hangs (those it caught ran for minutes), not a speed test.
TIMEOUT = 10.0

JUNK: dict[str, Any] = {
    "none": None,
    "empty": "",
    "huge": 10**5000,
    "minus1": -1,
    "zero": 0,
    "nan": math.nan,
    "inf": math.inf,
    "true": True,
    "false": False,
    "bytes": b"qd26-2026",
    "list": [1, "a"],
    "dict": {"a": 1},
    "object": object(),
    "100kB": "x" * 100_000,
    "nul": "\x00",
    "surrogate": "\ud800",
    "nfd": unicodedata.normalize("NFD", "Nguyễn Thị Hà"),
    "rtl": "\u200fqd26-2026",
    "date_max": date(9999, 12, 31),
    "date_min": date(1, 1, 1),
    "datetime": datetime(2026, 6, 10, 12, 0),  # noqa: DTZ001 (a naive one, on purpose)
    "datetime_tz": datetime(2026, 6, 10, 12, 0, tzinfo=timezone(timedelta(hours=7))),
}

TARGETS = targets()

#: (function, argument) → (types the signature declares, why a TypeError is fine there):
#: a TypeError is accepted only for a junk value that is not one of these types.
TYPE_ERRORS: dict[tuple[str, str], tuple[tuple[type, ...], str]] = {
    ("ocop.certificates.ruleset_in_force", "day"): ((date,), "declared a date"),
    ("ocop.certificates.validity_end", "issued"): ((date,), "declared a date"),
    ("ocop.procedure.gap_on", "as_of"): ((date,), "declared a date"),
    ("ocop.procedure.round_for", "proposed"): ((date,), "declared a date"),
    ("ocop.procedure_for", "as_of"): ((date,), "declared a date"),
    ("ocop.ruleset_for", "as_of"): ((date,), "declared a date"),
    ("ocop.select_ruleset", "evaluated"): ((date,), "declared a date"),
    ("ocop.procedure_for", "filed"): ((date, NoneType), "declared a date or None"),
    ("ocop.select_ruleset", "filed"): ((date, NoneType), "declared a date or None"),
    ("ocop.next_step_for", "as_of"): ((date, NoneType), "declared a date or None"),
    ("ocop.CouncilMember", "name"): ((str,), "declared a string"),
    ("ocop.MemberSheet", "member"): ((str,), "declared a string"),
    ("ocop.Producer", "name"): ((str,), "declared a string"),
    ("ocop.Product", "name"): ((str,), "declared a string"),
    ("ocop.load_ruleset", "ruleset_id"): ((str,), "declared a string"),
    ("ocop.serialize.loads", "text"): ((str,), "declared a string"),
    ("ocop.serialize.result_to_dict", "lang"): ((str,), "declared a string"),
    ("ocop.Certificate", "authority"): ((str, NoneType), "declared a string or None"),
    ("ocop.Certificate", "decision_number"): ((str, NoneType), "declared a string or None"),
    ("ocop.Certificate", "producer"): ((str, NoneType), "declared a string or None"),
    ("ocop.Certificate", "product"): ((str, NoneType), "declared a string or None"),
    ("ocop.Certificate", "product_code"): ((str, NoneType), "declared a string or None"),
    ("ocop.procedure.agency_for", "text"): ((str, NoneType), "declared a string or None"),
    ("ocop.procedure.band", "ruleset"): ((str, NoneType), "declared a string or None"),
    ("ocop.calendar.default_calendar", "years"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.default_calendar", "extra_holidays"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.default_calendar", "extra_working_days"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.vietnam_calendar", "years"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.vietnam_calendar", "extra_holidays"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.vietnam_calendar", "extra_working_days"): ((Iterable,), "declared an iterable"),
    ("ocop.certificate_status", "events"): ((Iterable,), "declared an iterable"),
    ("ocop.certificates.validate_history", "events"): ((Iterable,), "declared an iterable"),
    ("ocop.serialize.certificate_to_dict", "events"): ((Iterable,), "declared an iterable"),
    ("ocop.check_dossier", "items"): ((Iterable,), "declared an iterable"),
    ("ocop.council_rank", "sheets"): ((Iterable,), "declared an iterable"),
    ("ocop.rank_many", "requests"): ((Iterable,), "declared an iterable"),
    ("ocop.read_jsonl", "source"): ((Iterable,), "declared an iterable"),
    ("ocop.to_frame", "items"): ((Iterable,), "declared an iterable"),
    ("ocop.to_records", "items"): ((Iterable,), "declared an iterable"),
    ("ocop.calendar.months_end", "months"): ((int,), "declared an integer"),
    ("ocop.certificates.validity_end", "months"): ((int, NoneType), "declared an integer or None"),
    ("ocop.Producer", "kind"): ((ProducerKind,), "declared a ProducerKind"),
    ("ocop.procedure.band", "score"): ((Fraction, int), "declared a Fraction"),
    ("ocop.rank_request", "request"): ((RankRequest,), "declared a RankRequest"),
    ("ocop.advise", "subject"): ((RankRequest, RankResult), "declared a request or a result"),
    ("ocop.whatif", "subject"): ((RankRequest, RankResult), "declared a request or a result"),
    ("ocop.migrate", "request"): ((RankRequest,), "declared a RankRequest"),
    ("ocop.serialize.advice_to_dict", "advice"): ((ocop.Advice,), "a writer: declared an Advice"),
    ("ocop.serialize.whatif_to_dict", "whatif"): ((ocop.WhatIf,), "a writer: declared a WhatIf"),
    ("ocop.serialize.migration_to_dict", "migration"): (
        (ocop.Migration,),
        "a writer: declared a Migration",
    ),
    ("ocop.serialize.result_to_dict", "result"): ((RankResult,), "a writer: declared a RankResult"),
    ("ocop.serialize.rank_request_to_dict", "request"): (
        (RankRequest,),
        "a writer: declared a RankRequest",
    ),
    ("ocop.serialize.ruleset_to_dict", "ruleset"): ((RuleSet,), "a writer: declared a RuleSet"),
    ("ocop.serialize.overlay_to_dict", "overlay"): ((Overlay,), "a writer: declared an Overlay"),
    ("ocop.serialize.classification_to_list", "ruleset"): (
        (RuleSet,),
        "a writer: declared a RuleSet",
    ),
    ("ocop.serialize.next_step_to_dict", "step"): ((NextStep,), "a writer: declared a NextStep"),
    ("ocop.serialize.procedure_levels_to_dict", "rs"): (
        (ProcedureRuleSet,),
        "a writer: declared a ProcedureRuleSet",
    ),
    ("ocop.serialize.council_check_to_dict", "check"): (
        (CouncilCheck,),
        "a writer: declared a CouncilCheck",
    ),
    ("ocop.serialize.dossier_check_to_dict", "check"): (
        (DossierCheck,),
        "a writer: declared a DossierCheck",
    ),
    ("ocop.serialize.deadline_to_dict", "deadline"): ((Deadline,), "a writer: declared a Deadline"),
    ("ocop.serialize.round_to_dict", "rnd"): ((Round,), "a writer: declared a Round"),
    ("ocop.serialize.selection_to_dict", "selection"): (
        (Selection,),
        "a writer: declared a Selection",
    ),
    ("ocop.serialize.certificate_status_to_dict", "status"): (
        (CertificateStatus,),
        "a writer: declared a CertificateStatus",
    ),
    ("ocop.serialize.reranking_window_to_dict", "window"): (
        (ReRankingWindow,),
        "a writer: declared a ReRankingWindow",
    ),
    ("ocop.serialize.product_code_to_dict", "code"): (
        (ProductCode,),
        "a writer: declared a ProductCode",
    ),
    ("ocop.serialize.error_to_dict", "error"): (
        (ocop.OcopError,),
        "a writer: declared an OcopError",
    ),
    ("ocop.serialize.calendar_to_dict", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.serialize.product_code_to_dict", "commune"): (
        (Commune, NoneType),
        "declared a Commune or None",
    ),
    ("ocop.calendar.day_deadline", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.calendar.next_working_day", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.calendar.period_deadline", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.calendar.working_day_deadline", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.deadline", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.certificates.reranking_decision_due", "calendar"): (
        (HolidayCalendar, NoneType),
        "declared a HolidayCalendar or None",
    ),
    ("ocop.certificate_status", "cert"): ((Certificate,), "declared a Certificate"),
    ("ocop.serialize.certificate_to_dict", "cert"): (
        (Certificate,),
        "a writer: declared a Certificate",
    ),
    ("ocop.serialize.council_to_dict", "council"): (
        (ocop.Council,),
        "a writer: declared a Council",
    ),
    ("ocop.serialize.plan_to_dict", "plan"): ((Plan,), "a writer: declared a Plan"),
    ("ocop.serialize.stats_to_dict", "stats"): ((Stats,), "a writer: declared a Stats"),
    ("ocop.serialize.stats_to_dict", "flows"): ((Flows, NoneType), "a writer: Flows or None"),
    ("ocop.serialize.flows_to_dict", "flows"): ((Flows,), "a writer: declared a Flows"),
    ("ocop.serialize.progress_to_dict", "rows"): (
        (tuple,),
        "a writer: declared a tuple of Progress",
    ),
    ("ocop.certificates.validate_history", "cert"): ((Certificate,), "declared a Certificate"),
    ("ocop.next_step_for", "result"): ((RankResult,), "declared a RankResult"),
    ("ocop.records.to_record", "result"): ((RankResult,), "declared a RankResult"),
}

#: Expected failures, by (function, argument): the junk values (names in JUNK) that fail,
#: and why. Empty: every case passes. A new failure is fixed, not listed; list one only
#: with a clear reason. ``python -m tests.test_junk`` prints the current failures.
KNOWN_BY_ARGUMENT: dict[tuple[str, str], tuple[str, str]] = {}

#: (function, argument, junk) → why it is expected to fail for now.
KNOWN: dict[tuple[str, str, str], str] = {
    (q, n, j): reason
    for (q, n), (junks, reason) in KNOWN_BY_ARGUMENT.items()
    for j in junks.split()
}


def _cases() -> Iterator[Any]:
    for qual, (func, _base) in TARGETS.items():
        for name in inspect.signature(func).parameters:
            if name in ("self", "args", "kwargs"):
                continue
            for junk in JUNK:
                key = (qual, name, junk)
                marks = []
                if key in KNOWN:
                    marks.append(pytest.mark.xfail(reason=KNOWN[key], strict=False))
                yield pytest.param(qual, name, junk, id=f"{qual}-{name}-{junk}", marks=marks)


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hang(f"no answer within {TIMEOUT} s")


def call(qual: str, name: str, junk: str) -> BaseException | None:
    """Call *qual* with junk in argument *name*; the exception that escaped, if any,
    other than an OcopError."""
    func, base = TARGETS[qual]
    kwargs = {**base, name: JUNK[junk]}
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        result = func(**kwargs)
        if isinstance(result, Iterator):
            for _ in zip(range(10_000), result, strict=False):
                pass
    except ocop.OcopError:
        return None
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return None


def allowed(qual: str, name: str, junk: str, exc: BaseException) -> bool:
    if type(exc) is TypeError and (qual, name) in TYPE_ERRORS:
        types, _why = TYPE_ERRORS[(qual, name)]
        value = JUNK[junk]
        if isinstance(value, bool) and bool not in types:
            return True  # a bool is an int to Python, not to the signature
        if isinstance(value, datetime) and date in types:
            return False  # a datetime is a date: it must be refused or handled, not crash
        return not isinstance(value, types)
    return False


def describe(exc: BaseException) -> str:
    text = str(exc).replace("\n", " ")
    return f"{type(exc).__name__}: {text[:100]}"


@pytest.mark.parametrize(("qual", "name", "junk"), list(_cases()))
def test_junk(qual: str, name: str, junk: str) -> None:
    exc = call(qual, name, junk)
    if exc is not None and not allowed(qual, name, junk, exc):
        pytest.fail(f"{qual}({name}={junk}) raised {describe(exc)}", pytrace=False)


def test_every_known_entry_names_a_real_case() -> None:
    cases = {
        (q, n, j)
        for q, (f, _) in TARGETS.items()
        for n in inspect.signature(f).parameters
        for j in JUNK
    }
    assert set(KNOWN) <= cases
    assert {k[:2] for k in TYPE_ERRORS} <= {k[:2] for k in cases}


def test_the_sweep_covers_the_public_api() -> None:
    assert len(TARGETS) > 90
    assert "ocop.rank" in TARGETS
    assert "ocop.serialize.loads" in TARGETS


def _current_failures() -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for qual, (func, _) in TARGETS.items():
        for name in inspect.signature(func).parameters:
            for junk in JUNK:
                exc = call(qual, name, junk)
                if exc is not None and not allowed(qual, name, junk, exc):
                    junks, errors = found.setdefault((qual, name), ([], []))
                    junks.append(junk)
                    errors.append(describe(exc))
    return found


if __name__ == "__main__":  # print the failures as of now, one line per case
    for (qual, name), (junks, errors) in _current_failures().items():
        for junk, error in zip(junks, errors, strict=True):
            print(f"{qual}\t{name}\t{junk}\t{error}")
