"""Versioned criteria catalogues (Bộ tiêu chí), one folder of data per legal decision.

>>> from ocop.criteria import load_ruleset
>>> rs = load_ruleset("qd26-2026")
>>> rs.sheet(1).name
'Rau, củ, quả, hạt tươi'
>>> rs.sheet(1).criterion("1.3").options[-1].min_stars
5

Catalogues are loaded lazily (on first use) and cached; each is checked for
integrity as it loads (:func:`ocop.criteria._loader.check_integrity`). The files of each
decision and the one index are described in :mod:`ocop.criteria.registry`.
"""

from __future__ import annotations

from datetime import date

from ocop._check import check_date
from ocop.criteria import registry
from ocop.criteria._select import (
    DossierKind,
    Selection,
    parse_kind,
    period_end,
    select_ruleset,
)
from ocop.criteria.model import CriteriaSheet, Criterion, Source
from ocop.criteria.registry import RuleSetInfo, _Index, load_ruleset  # noqa: F401 - _Index: tests
from ocop.criteria.ruleset import RuleSet

__all__ = [
    "CriteriaSheet",
    "Criterion",
    "DossierKind",
    "RuleSet",
    "RuleSetInfo",
    "Selection",
    "Source",
    "list_rulesets",
    "load_ruleset",
    "parse_kind",
    "period_end",
    "ruleset_for",
    "select_ruleset",
]


def list_rulesets() -> tuple[RuleSetInfo, ...]:
    """The rule sets this version of :mod:`ocop` knows, oldest first (:mod:`.registry`)."""
    return registry.rulesets()


def _info(ruleset_id: str) -> RuleSetInfo:
    return registry.info(ruleset_id)


def ruleset_for(as_of: date) -> RuleSetInfo:
    """The rule set that governs an evaluation on *as_of* (see :func:`select_ruleset`).

    Raises :class:`~ocop.errors.NoRuleSetInForce` before 2019-08-21, when no national
    criteria existed. Where two rule sets are in force (22 May – 21 July 2026), the newer
    one governs unless a filing date says otherwise (:func:`select_ruleset`).

    >>> ruleset_for(date(2026, 11, 22)).id
    'qd26-2026'
    >>> ruleset_for(date(2021, 5, 1)).id
    'qd781-2020'
    """
    return _info(select_ruleset(check_date("as_of", as_of)).ruleset)
