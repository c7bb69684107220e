"""A criteria sheet compiled into plain lookup tables, once per (rule set, sheet).

Scoring a member sheet then touches only dicts, ints and tuples (:mod:`ocop.ranking.score`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ocop.criteria import load_ruleset
from ocop.criteria.model import Condition, CriteriaSheet, Option
from ocop.criteria.overlay import Overlay, apply_overlay
from ocop.criteria.ruleset import Band, RuleSet
from ocop.errors import SheetUnavailable

__all__ = ["FIELD_MASK", "Compiled", "FastTables", "compile_sheet", "listing"]

_MAX_LISTED = 8


@attrs.frozen
class Leaf:
    """One scored criterion: its options by key and by points."""

    code: str
    part: str
    by_key: Mapping[str, Option]
    by_points: Mapping[int, Option | None]  # None: several options share these points
    keys_text: str
    points_text: str
    applies_if: tuple[str, frozenset[str], str] | None


@attrs.frozen
class Minimum:
    """A per-star minimum: the option marked ``***``/``****``/``*****`` on a criterion."""

    code: str
    stars: int
    option: Option


#: Bits per field of a packed score (see :class:`FastTables`): a part's total on one
#: sheet (at most 40 under every rule set) fits, and three parts fit one 30-bit digit of
#: a CPython integer, whose additions are the cheapest.
_FIELD_BITS = 10
FIELD_MASK = (1 << _FIELD_BITS) - 1


@attrs.frozen
class FastTables:
    """Plain-dict tables for scoring well-formed sheets in one pass over the answers.

    ``packed[code][answer]`` is the option's points shifted into its part's field of
    ``_FIELD_BITS`` bits, so the sum over a member's answers holds every part total at
    once (three parts fit a machine-size integer). An answer is an option key (a string)
    or the option's points (an integer) where no other option of the criterion has the
    same points: both are in the table. Anything else (an unknown code or key, ambiguous
    points, a bool or a float) makes the fast scorer give way to the checked one, which
    scores it or raises the error.
    """

    packed: dict[str, dict[str | int, int]]
    part_shifts: tuple[tuple[str, int], ...]
    key_of: dict[str, dict[int, str]]
    """code → unambiguous points → the option's key."""
    points: dict[str, dict[str, int]]
    """key → points of every criterion with a per-star minimum."""
    conditional: tuple[tuple[str, str, frozenset[str]], ...]
    """(code, criterion it depends on, keys of that criterion under which it applies)."""
    zero_on: tuple[tuple[str, frozenset[str]], ...]
    """(code, keys worth 0 points) of every criterion a zero-triggered condition watches."""
    leaves: int

    def parts(self, packed: int) -> dict[str, int]:
        """The part totals held in a packed sum."""
        return {part: (packed >> shift) & FIELD_MASK for part, shift in self.part_shifts}


@attrs.frozen
class Compiled:
    """A criteria sheet turned into lookup tables for fast validation and scoring."""

    ruleset: RuleSet
    sheet: CriteriaSheet
    leaves: tuple[Leaf, ...]
    index: Mapping[str, Leaf]
    headings: frozenset[str]
    minimums: tuple[Minimum, ...]
    flag_conditions: Mapping[str, Condition]
    zero_conditions: tuple[Condition, ...]
    parts: tuple[str, ...]
    bands: tuple[Band, ...]
    caveats: tuple[str, ...]
    fast: FastTables | None = None
    """Tables for :func:`ocop.ranking.score.fast_member`; None when the sheet does not fit."""


def listing(values: Iterable[object]) -> str:
    """Values for an error message, the first eight of them."""
    items = [str(v) for v in values]
    return ", ".join(items) if len(items) <= _MAX_LISTED else ", ".join(items[:_MAX_LISTED]) + ", …"


@functools.cache
def compile_sheet(ruleset_id: str, number: int, overlay: Overlay | None = None) -> Compiled:
    """The compiled form of sheet *number* of rule set *ruleset_id* (cached), with the
    values of an errata *overlay* patched in (:func:`ocop.criteria.overlay.apply_overlay`)."""
    ruleset = load_ruleset(ruleset_id)
    if overlay is not None:
        ruleset = apply_overlay(ruleset, overlay)
    sheet = ruleset.sheet(number)  # UnknownSheet if it has none
    if sheet.gaps:
        raise SheetUnavailable(
            "sheet",
            number,
            f"criteria set {number} ({sheet.name}) of rule set {ruleset_id} cannot be ranked: "
            + " ".join(g.text for g in sheet.gaps)
            + " The library does not guess the missing criteria.",
        )
    caveats = list(ruleset.caveats_of(number))
    if not sheet.verified and sheet.verification_note:
        caveats.append(f"Criteria set {number} is unverified: {sheet.verification_note}")
    leaves = []
    minimums = []
    for crit in sheet.criteria:
        by_points: dict[int, Option | None] = {}
        for opt in crit.options:
            by_points[opt.points] = None if opt.points in by_points else opt
            if opt.min_stars is not None:
                minimums.append(Minimum(crit.code, opt.min_stars, opt))
        applies = None
        if crit.applies_if is not None:
            applies = (
                crit.applies_if.criterion,
                frozenset(crit.applies_if.options),
                crit.applies_if.text,
            )
        leaves.append(
            Leaf(
                code=crit.code,
                part=crit.part,
                by_key=MappingProxyType({o.key: o for o in crit.options}),
                by_points=MappingProxyType(by_points),
                keys_text=", ".join(repr(o.key) for o in crit.options),
                points_text=", ".join(str(p) for p in sorted(by_points)),
                applies_if=applies,
            )
        )
    ordered = tuple(sorted(minimums, key=lambda m: (m.stars, m.code)))
    return Compiled(
        fast=_fast_tables(sheet, tuple(p.code for p in ruleset.parts)),
        ruleset=ruleset,
        sheet=sheet,
        leaves=tuple(leaves),
        index=MappingProxyType({leaf.code: leaf for leaf in leaves}),
        headings=frozenset(h.code for h in sheet.headings),
        minimums=ordered,
        flag_conditions=MappingProxyType(
            {c.key: c for c in ruleset.conditions_of(number) if c.trigger == "flag"}
        ),
        zero_conditions=tuple(c for c in sheet.conditions if c.trigger == "zero_on"),
        parts=tuple(p.code for p in ruleset.parts),
        bands=tuple(sorted(ruleset.bands, key=lambda b: b.lower)),
        caveats=tuple(caveats),
    )


def _unique_points(options: Iterable[Option]) -> dict[int, str]:
    """points → key, for the points that name exactly one option."""
    seen: dict[int, list[str]] = {}
    for opt in options:
        seen.setdefault(opt.points, []).append(opt.key)
    return {points: keys[0] for points, keys in seen.items() if len(keys) == 1}


def _fast_tables(sheet: CriteriaSheet, parts: tuple[str, ...]) -> FastTables | None:
    bound = dict.fromkeys(parts, 0)  # the most a member can score in each part, or more
    for crit in sheet.criteria:
        if any(opt.points < 0 for opt in crit.options):
            return None
        bound[crit.part] += max(opt.points for opt in crit.options)
    if max(bound.values()) > FIELD_MASK:
        return None
    shift = {code: _FIELD_BITS * i for i, code in enumerate(parts)}
    marked = {c.code for c in sheet.criteria if any(o.min_stars is not None for o in c.options)}
    watched = {code for cond in sheet.conditions for code in cond.zero_on}
    key_of = {c.code: _unique_points(c.options) for c in sheet.criteria}
    packed: dict[str, dict[str | int, int]] = {}
    for c in sheet.criteria:
        table: dict[str | int, int] = {o.key: o.points << shift[c.part] for o in c.options}
        table.update({p: p << shift[c.part] for p in key_of[c.code]})
        packed[c.code] = table
    return FastTables(
        packed=packed,
        part_shifts=tuple(shift.items()),
        key_of=key_of,
        points={
            c.code: {o.key: o.points for o in c.options} for c in sheet.criteria if c.code in marked
        },
        conditional=tuple(
            (c.code, c.applies_if.criterion, frozenset(c.applies_if.options))
            for c in sheet.criteria
            if c.applies_if is not None
        ),
        zero_on=tuple(
            (c.code, frozenset(o.key for o in c.options if o.points == 0))
            for c in sheet.criteria
            if c.code in watched
        ),
        leaves=len(sheet.criteria),
    )
