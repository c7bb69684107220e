"""Versioned criteria catalogues (Bộ tiêu chí), one package data file per legal instrument.

>>> from ocop.criteria import load_ruleset
>>> rs = load_ruleset("qd26-2026")
>>> rs.sheet(1).name
'Rau, củ, quả, hạt tươi'
>>> rs.sheet(1).criterion("1.3").options[-1].min_stars
5

Catalogues are loaded lazily (on first use) and cached; each is checked for
integrity as it loads (:func:`ocop.criteria._loader.check_integrity`).
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from ocop.criteria._loader import load_ruleset_file, read_package_json, structure_shipped
from ocop.criteria._select import DossierKind, Selection, period_end, select_ruleset
from ocop.criteria._select import _kind as dossier_kind
from ocop.criteria.model import CriteriaSheet, Criterion, RuleSet, Source
from ocop.errors import UnknownRuleSet

__all__ = [
    "CriteriaSheet",
    "Criterion",
    "DossierKind",
    "RuleSet",
    "RuleSetInfo",
    "Selection",
    "Source",
    "dossier_kind",
    "list_rulesets",
    "load_ruleset",
    "period_end",
    "ruleset_for",
    "select_ruleset",
]


@attrs.frozen(kw_only=True)
class RuleSetInfo:
    """What the library knows of a rule set without loading its catalogue."""

    id: str
    file: str
    instrument: str
    in_force_from: date
    in_force_until: date | None
    """Last day in force, inclusive; ``None`` while in force."""

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


@attrs.frozen(kw_only=True)
class _Index:
    rulesets: tuple[RuleSetInfo, ...]


@functools.cache
def list_rulesets() -> tuple[RuleSetInfo, ...]:
    """The rule sets this version of :mod:`ocop` knows, oldest first."""
    index = structure_shipped(read_package_json("index.json"), _Index, path="index.json")
    return tuple(sorted(index.rulesets, key=lambda r: r.in_force_from))


def _info(ruleset_id: str) -> RuleSetInfo:
    if not isinstance(ruleset_id, str):
        raise TypeError(f"a rule-set id is a string, got {ruleset_id!r}")
    for info in list_rulesets():
        if info.id == ruleset_id:
            return info
    raise UnknownRuleSet(ruleset_id, tuple(i.id for i in list_rulesets()))


@functools.cache
def load_ruleset(ruleset_id: str) -> RuleSet:
    """Load (once) and return the rule set with this id, e.g. ``"qd26-2026"``."""
    info = _info(ruleset_id)
    ruleset = load_ruleset_file(info.file, {i.id: i.file for i in list_rulesets()})
    if (ruleset.id, ruleset.in_force_from, ruleset.in_force_until) != (
        info.id,
        info.in_force_from,
        info.in_force_until,
    ):
        raise UnknownRuleSet(ruleset_id, ())  # pragma: no cover - guarded by tests
    return ruleset


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
    if not isinstance(as_of, date):
        raise TypeError(f"as_of must be a datetime.date, got {as_of!r}")
    return _info(select_ruleset(as_of).ruleset)
