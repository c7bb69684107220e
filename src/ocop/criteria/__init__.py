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
from ocop.criteria.model import CriteriaSheet, Criterion, RuleSet, Source
from ocop.errors import NoRuleSetInForce, UnknownRuleSet

__all__ = [
    "CriteriaSheet",
    "Criterion",
    "RuleSet",
    "RuleSetInfo",
    "Source",
    "list_rulesets",
    "load_ruleset",
    "ruleset_for",
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
    ruleset = load_ruleset_file(info.file)
    if (ruleset.id, ruleset.in_force_from, ruleset.in_force_until) != (
        info.id,
        info.in_force_from,
        info.in_force_until,
    ):
        raise UnknownRuleSet(ruleset_id, ())  # pragma: no cover - guarded by tests
    return ruleset


def ruleset_for(as_of: date) -> RuleSetInfo:
    """The rule set in force on *as_of* (the evaluation date).

    Raises :class:`~ocop.errors.NoRuleSetInForce` for a date no known rule set covers.
    This version knows only Quyết định 26/2026/QĐ-TTg (in force from 2026-05-22);
    the earlier rule sets are not encoded yet, so earlier dates raise.

    >>> ruleset_for(date(2026, 11, 22)).id
    'qd26-2026'
    """
    if not isinstance(as_of, date):
        raise TypeError(f"as_of must be a datetime.date, got {as_of!r}")
    in_force = [i for i in list_rulesets() if i.in_force_on(as_of)]
    if in_force:
        # Where two rule sets overlap, the newer one governs new evaluations.
        return in_force[-1]
    known = list_rulesets()
    detail = (
        f"the rule sets known to this version of ocop cover "
        f"{known[0].in_force_from.isoformat()} onwards; the earlier ones (1048/QĐ-TTg of 2019, "
        "781/QĐ-TTg of 2020, 148/QĐ-TTg of 2023, 1489/QĐ-TTg of 2025) are not encoded yet"
    )
    raise NoRuleSetInForce(as_of, detail)
