"""The procedure's documents: the next step, the levels, a council check, a dossier check,
deadlines, rounds and the calendar of a year; the rule sets and the selection of one.

Each writer returns a JSON-ready dict (or list) printed as it is by the command line
(``ocop process next|levels``, ``ocop council check``, ``ocop calendar``, ``ocop criteria
list --json``, ``ocop criteria which --json``). Every one has a JSON Schema
(``ocop schema NAME``, :data:`ocop.schemas.SCHEMAS`).

>>> from ocop.procedure import next_step
>>> doc = next_step_to_dict(next_step(ruleset="qd26-2026", level="province", stars=4, score="78"))
>>> doc["action"], doc["score"], doc["citation"]
('recognise', '78', '26/2026/QĐ-TTg, Điều 4 khoản 1 điểm a; Điều 7 khoản 3 điểm e')
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ocop._check import check_date, check_optional_date
from ocop._source import Source
from ocop.calendar import Deadline, HolidayCalendar
from ocop.criteria import DossierKind, Selection, list_rulesets, load_ruleset, parse_kind
from ocop.procedure.calendar import Round, rounds
from ocop.procedure.council import CouncilCheck
from ocop.procedure.dossier import DossierCheck
from ocop.procedure.levels import NextStep, load_procedure
from ocop.procedure.model import ProcedureRuleSet
from ocop.serialize._json import expect, fields_to_dict
from ocop.serialize.council import breach_to_dict

__all__ = [
    "BLDS_CONVENTION",
    "calendar_to_dict",
    "council_check_to_dict",
    "deadline_to_dict",
    "dossier_check_to_dict",
    "next_step_to_dict",
    "procedure_levels_to_dict",
    "round_to_dict",
    "rulesets_to_list",
    "selection_to_dict",
]

#: The day-counting convention named by the calendar document of a year.
BLDS_CONVENTION = "Bộ luật Dân sự 2015, Điều 147–148"


def _source(source: Source | None) -> dict[str, str] | None:
    """A citation as ``{"instrument", "provision"}`` (the documents leave out its url)."""
    return (
        None if source is None else {"instrument": source.instrument, "provision": source.provision}
    )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def next_step_to_dict(step: NextStep) -> dict[str, Any]:
    """The next-step document (``ocop process next``; ``next_step`` of ``ocop rank --level``).

    The fields of :class:`~ocop.procedure.NextStep` (the exact score as a string such as
    ``"139/2"``), with ``source`` written without its url and followed by ``citation``,
    the source as one line of text.
    """
    expect(step, NextStep, "next_step_to_dict")
    doc: dict[str, Any] = {}
    for key, value in fields_to_dict(step).items():
        if key == "source":  # derived: the url left out, the citation added after it
            doc["source"] = _source(step.source)
            doc["citation"] = None if step.source is None else str(step.source)
        else:
            doc[key] = value
    return doc


def procedure_levels_to_dict(rs: ProcedureRuleSet) -> dict[str, Any]:
    """The levels document of a rule set's procedure (``ocop process levels``).

    Written by hand: a summary of :class:`~ocop.procedure.ProcedureRuleSet` (its stages,
    each with its source as a ``citation`` line), not a dump of it.
    """
    expect(rs, ProcedureRuleSet, "procedure_levels_to_dict")
    return {
        "ruleset": rs.id,
        "instrument": rs.instrument,
        "in_force_from": rs.in_force_from.isoformat(),
        "in_force_until": _iso(rs.in_force_until),
        "verified": rs.verified,
        "reason": rs.reason,
        "stages": [
            {
                "level": s.level.value,
                "role": s.role,
                "actor": s.actor,
                "recognises": list(s.recognises),
                "authority": s.authority,
                "citation": str(s.source),
                "note": s.note,
            }
            for s in rs.stages
        ],
    }


def council_check_to_dict(check: CouncilCheck) -> dict[str, Any]:
    """The council-check document (``ocop council check``).

    Written by hand: ``ok`` is derived, problems and the quorum cite their source as a
    ``citation`` line, a problem's ``value`` (any Python object) is left out. ``ok`` is
    about the rule set; ``breaches`` are those of the council rules named by
    ``council_rules`` (``"neutral"``: none checked).
    """
    expect(check, CouncilCheck, "council_check_to_dict")
    quorum = check.quorum
    return {
        "ruleset": check.ruleset,
        "level": check.level.value,
        "ok": check.ok,
        "problems": [
            {"path": p.path, "message": p.message, "citation": str(p.source)}
            for p in check.problems
        ],
        "notes": list(check.notes),
        "quorum": None
        if quorum is None
        else {
            "min_present": quorum.min_present,
            "of_members": quorum.of_members,
            "citation": str(quorum.source),
            "verified": quorum.verified,
        },
        "verified": check.verified,
        "council_rules": check.council_rules,
        "breaches": [breach_to_dict(b) for b in check.breaches],
    }


def dossier_check_to_dict(check: DossierCheck) -> dict[str, Any]:
    """A dossier check as JSON (written by hand: ``complete`` is derived, the checklist's
    source is a ``citation`` line, items not required are named by key)."""
    expect(check, DossierCheck, "dossier_check_to_dict")
    return {
        "ruleset": check.ruleset,
        "kind": check.kind.value,
        "stage": check.stage,
        "title": check.title,
        "citation": str(check.source),
        "complete": check.complete,
        "missing": [
            {"key": i.key, "label": i.label, "label_en": i.label_en} for i in check.missing
        ],
        "not_required": [i.key for i in check.not_required],
    }


def deadline_to_dict(deadline: Deadline) -> dict[str, Any]:
    """A :class:`~ocop.calendar.Deadline` in the two shapes ocop has always printed.

    A counted period (``start`` known) as ``ocop calendar --period`` prints it: ``period``,
    ``start``, ``end``, ``length``, ``unit``, ``counted_from``, ``citation``,
    ``convention``, ``calendar``. A milestone as the deadlines of ``ocop certificate
    status``: ``what``, ``on``, ``description``, ``source``. Written by hand: the shapes
    rename the fields and write citations as text.
    """
    expect(deadline, Deadline, "deadline_to_dict")
    if deadline.start is None:
        return {
            "what": deadline.what,
            "on": deadline.on.isoformat(),
            "description": deadline.description,
            "source": str(deadline.source),
        }
    return {
        "period": deadline.what,
        "start": deadline.start.isoformat(),
        "end": deadline.on.isoformat(),
        "length": deadline.length,
        "unit": deadline.unit,
        "counted_from": deadline.counted_from,
        "citation": str(deadline.source),
        "convention": "" if deadline.convention is None else str(deadline.convention),
        "calendar": deadline.calendar,
    }


def round_to_dict(rnd: Round) -> dict[str, Any]:
    """An evaluation round (written by hand: ``number`` is written ``round``, the source
    as a ``citation`` line)."""
    expect(rnd, Round, "round_to_dict")
    return {
        "level": rnd.level.value,
        "round": rnd.number,
        "year": rnd.year,
        "proposed_before": rnd.proposed_before.isoformat(),
        "finish_before": rnd.finish_before.isoformat(),
        "proposer": rnd.proposer,
        "citation": str(rnd.source),
    }


def calendar_to_dict(
    year: int, *, ruleset: str = "qd26-2026", calendar: HolidayCalendar | None
) -> dict[str, Any]:
    """The calendar document of *year* (``ocop calendar --year``): the rounds and periods of
    *ruleset*, and the holidays, make-up working days and working days of *calendar*.

    With no *calendar* (no holidays known for the year), ``holidays`` is ``null`` and
    ``holidays_note`` says why.
    """
    expect(calendar, HolidayCalendar, "calendar_to_dict", arg="calendar", optional=True)
    doc: dict[str, Any] = {
        "ruleset": ruleset,
        "year": year,
        "rounds": [round_to_dict(r) for r in rounds(year, ruleset=ruleset)],
        "periods": [
            {
                "key": p.key,
                "length": p.length,
                "unit": p.unit,
                "counted_from": p.start,
                "citation": str(p.source),
            }
            for p in load_procedure(ruleset).periods
        ],
        "convention": BLDS_CONVENTION,
    }
    if calendar is None:
        doc["holidays"] = None
        doc["holidays_note"] = (
            f"ocop ships holidays for 2019–2035 only; for {year} install python-holidays "
            '(pip install "ocop[holidays]")'
        )
        return doc
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    days = [date.fromordinal(n) for n in range(first, last + 1)]
    doc["holidays"] = sorted(d.isoformat() for d in calendar.holidays if d.year == year)
    doc["make_up_working_days"] = sorted(
        d.isoformat() for d in calendar.working_days if d.year == year
    )
    doc["working_days"] = sum(calendar.is_working_day(d) for d in days)
    doc["calendar"] = calendar.source
    return doc


def selection_to_dict(
    selection: Selection,
    *,
    as_of: date,
    filed: date | None = None,
    kind: DossierKind | str | None = None,
) -> dict[str, Any]:
    """The rule-set selection document (``ocop criteria which --json``): the question
    (``as_of``, ``filed``, ``kind``) and the answer of :func:`ocop.select_ruleset`.

    Written by hand: it adds the question and the rule set's instrument, and writes the
    source without its url.
    """
    expect(selection, Selection, "selection_to_dict")
    check_date("as_of", as_of)
    check_optional_date("filed", filed)
    dossier = parse_kind(kind)
    return {
        "as_of": as_of.isoformat(),
        "filed": _iso(filed),
        "kind": None if dossier is None else dossier.value,
        "ruleset": selection.ruleset,
        "instrument": load_ruleset(selection.ruleset).instrument.number,
        "in_force": list(selection.in_force),
        "reason": selection.reason,
        "source": _source(selection.source),
    }


def rulesets_to_list() -> list[dict[str, Any]]:
    """The rule sets known, in order of entry into force (``ocop criteria list --json``).

    Written by hand: each row joins the rule set's dates (:func:`ocop.list_rulesets`) with
    a summary of its catalogue (the number of sheets, those without full criteria).
    """
    rows: list[dict[str, Any]] = []
    for info in list_rulesets():
        rs = load_ruleset(info.id)
        rows.append(
            {
                "id": info.id,
                "instrument": info.instrument,
                "in_force_from": info.in_force_from.isoformat(),
                "in_force_until": _iso(info.in_force_until),
                "amends": rs.amends,
                "verified": rs.verified,
                "sheets": len(rs.sheets),
                "unavailable_sheets": [s.number for s in rs.sheets if not s.available],
            }
        )
    return rows
