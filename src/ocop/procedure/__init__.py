"""Councils and procedure: who evaluates and recognises which class, councils, rounds, dossiers.

Per rule set (the ids of :mod:`ocop.criteria`: ``qd1048-2019``, ``qd781-2020``,
``qd148-2023``, ``qd1489-2025``, ``qd26-2026``) the package data file
``procedure.json`` records the evaluation levels, who recognises each star class, the
forwarding thresholds, the council rules, and for 26/2026 the rounds, periods and
dossier checklists. Every fact cites its provision; facts from rule sets whose text
was not read are marked ``verified: false``.

>>> from ocop.procedure import next_step
>>> next_step(ruleset="qd26-2026", level="central", stars=4, score="85").action
<Action.REFER_BACK: 'refer_back'>
"""

from __future__ import annotations

from ocop.procedure.calendar import (
    CIVIL_CODE,
    Deadline,
    HolidayCalendar,
    Round,
    day_deadline,
    deadline,
    round_for,
    rounds,
    vietnam_calendar,
    working_day_deadline,
)
from ocop.procedure.council import (
    CouncilCheck,
    CouncilProblem,
    CouncilResult,
    agency_for,
    check_council,
    council_rank,
    council_rule,
    validate_council,
)
from ocop.procedure.dossier import DossierCheck, check_dossier, checklist
from ocop.procedure.levels import (
    NextStep,
    band,
    gap_on,
    list_procedures,
    load_procedure,
    next_step,
    next_step_for,
    procedure_for,
    recognising_stage,
    resolve_procedure,
)
from ocop.procedure.model import Action, Level, ProcedureRuleSet

__all__ = [
    "CIVIL_CODE",
    "Action",
    "CouncilCheck",
    "CouncilProblem",
    "CouncilResult",
    "Deadline",
    "DossierCheck",
    "HolidayCalendar",
    "Level",
    "NextStep",
    "ProcedureRuleSet",
    "Round",
    "agency_for",
    "band",
    "check_council",
    "check_dossier",
    "checklist",
    "council_rank",
    "council_rule",
    "day_deadline",
    "deadline",
    "gap_on",
    "list_procedures",
    "load_procedure",
    "next_step",
    "next_step_for",
    "procedure_for",
    "recognising_stage",
    "resolve_procedure",
    "round_for",
    "rounds",
    "validate_council",
    "vietnam_calendar",
    "working_day_deadline",
]
