"""Typed model of a whole rule set: its parts, bands, rounding, classification and sheets.

A catalogue data file (``rulesets/<id>/catalogue.json``) is a serialised :class:`RuleSet`;
the sheets it holds are the classes of :mod:`ocop.criteria.model`.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Literal

import attrs

from ocop._source import Source
from ocop._text import fold
from ocop.criteria.model import Condition, CriteriaSheet, Instrument, Lang, PartCode
from ocop.errors import UnknownSheet, show

__all__ = ["Band", "ClassEntry", "Part", "Rounding", "RuleSet", "SheetCaveat"]


@attrs.frozen(kw_only=True)
class ClassEntry:
    """One row of the classification of products (26/2026 Phụ lục I).

    ``code`` is hierarchical: ``"I"`` (a product group, *sản phẩm*), ``"I.1"`` (a group,
    *nhóm*), ``"I.1.a"`` (a subgroup, *phân nhóm*). The rows that name a managing ministry
    (*cơ quan chủ trì quản lý*) are the ones products are scored on; ``sheet`` is the number
    of their criteria sheet in Phụ lục II.
    """

    code: str
    level: Literal["product_group", "group", "subgroup"]
    name: str
    name_en: str
    parent: str | None
    ministries: tuple[str, ...] = ()
    ministries_en: tuple[str, ...] = ()
    sheet: int | None = None

    def label(self, lang: Lang = "vi") -> str:
        return self.name_en if lang == "en" else self.name

    def ministries_in(self, lang: Lang = "vi") -> tuple[str, ...]:
        return self.ministries_en if lang == "en" else self.ministries


@attrs.frozen(kw_only=True)
class Part:
    """Phần A, B or C with its maximum (Điều 3.1)."""

    code: PartCode
    title: str
    title_en: str
    max_points: int
    source: Source


@attrs.frozen(kw_only=True)
class Band:
    """A star band on the council's average total: ``lower <= average < upper``.

    ``upper`` is ``None`` for the top band, which includes the maximum score.
    """

    stars: int
    lower: Fraction
    upper: Fraction | None
    source: Source
    printed: str | None = None
    """The band as the decision words it (e.g. ``"từ 50 đến 69 điểm"``)."""


@attrs.frozen(kw_only=True)
class Rounding:
    """How averages are *displayed*. Decisions always use the exact average."""

    places: int
    mode: Literal["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"]
    note: str


@attrs.frozen(kw_only=True)
class SheetCaveat:
    """What every ranking on the named sheets must be read with (e.g. a known gap)."""

    sheets: tuple[int, ...]
    text: str


@attrs.frozen(kw_only=True)
class RuleSet:
    """A complete rule set: one legal instrument's criteria, bands and sheets."""

    id: str
    title: str
    instrument: Instrument
    in_force_from: date
    in_force_until: date | None
    source: Source
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    rounding: Rounding
    marker_legend: Source
    sheets: tuple[CriteriaSheet, ...]
    verified: bool
    verification_note: str
    amends: str | None = None
    format_version: int = 1
    classification: tuple[ClassEntry, ...] = ()
    caveats: tuple[str, ...] = ()
    """What every ranking under this rule set should be read with (shown on results)."""
    band_reading: str | None = None
    """How printed bands that leave gaps (1048's "50 đến 69") are read as half-open ranges."""
    conditions: tuple[Condition, ...] = ()
    """Conditions of the rule set, not printed on a sheet (781's Phụ lục II Mục 6
    minimums), each naming the sheets it applies to."""
    sheet_caveats: tuple[SheetCaveat, ...] = ()
    """Caveats for rankings on some sheets only (what is known to be missing there)."""

    def conditions_of(self, number: int) -> tuple[Condition, ...]:
        """The conditions that apply on sheet *number*: its own, then the rule set's."""
        own = self.sheet(number).conditions
        return own + tuple(c for c in self.conditions if number in c.sheets)

    def caveats_of(self, number: int) -> tuple[str, ...]:
        """The caveats of every ranking on sheet *number* (the rule set's, then the sheet's)."""
        return self.caveats + tuple(c.text for c in self.sheet_caveats if number in c.sheets)

    def classify(self, number: int) -> tuple[ClassEntry, ...]:
        """The classification rows of sheet *number*, from its product group down.

        >>> from ocop import load_ruleset
        >>> [e.code for e in load_ruleset("qd26-2026").classify(4)]
        ['I', 'I.2', 'I.2.b']
        """
        by_code = {e.code: e for e in self.classification}
        self.sheet(number)  # UnknownSheet for a number the rule set does not have
        leaf = next((e for e in self.classification if e.sheet == number), None)
        if leaf is None:
            raise UnknownSheet("sheet", number, f"rule set {self.id} classifies no set {number}")
        path = [leaf]
        while path[-1].parent is not None:
            path.append(by_code[path[-1].parent])
        return tuple(reversed(path))

    def find_sheets(self, text: str) -> tuple[CriteriaSheet, ...]:
        """The sheets whose name or classification matches *text*.

        Matching ignores case, Vietnamese diacritics and the language:
        ``"mat ong"``, ``"Mật ong"`` and ``"honey"`` all find the honey sheets.

        >>> from ocop import load_ruleset
        >>> [s.number for s in load_ruleset("qd26-2026").find_sheets("mat ong")]
        [4, 8]
        """
        needle = fold(text)
        found = []
        for sheet in self.sheets:
            names = [sheet.name, sheet.name_en or ""]
            for entry in self.classify(sheet.number) if self.classification else ():
                names += [entry.name, entry.name_en]
            if any(needle in fold(n) for n in names):
                found.append(sheet)
        return tuple(found)

    def __repr__(self) -> str:
        until = self.in_force_until.isoformat() if self.in_force_until else "…"
        return (
            f"<RuleSet {self.id} ({self.instrument.number}), in force "
            f"{self.in_force_from.isoformat()}–{until}, {len(self.sheets)} sheets>"
        )

    @property
    def max_points(self) -> int:
        return sum(p.max_points for p in self.parts)

    def sheet(self, number: int) -> CriteriaSheet:
        """The criteria sheet with this number.

        :class:`~ocop.errors.UnknownSheet` (an :class:`~ocop.OcopError` and a
        :class:`LookupError`) if the rule set has none, or if *number* is not an ``int``
        (``True`` is not sheet 1).
        """
        if type(number) is not int:
            raise UnknownSheet(
                "sheet", number, "the criteria set is named by its number (an integer)"
            )
        for sh in self.sheets:
            if sh.number == number:
                return sh
        numbers = sorted(s.number for s in self.sheets)
        raise UnknownSheet(
            "sheet",
            number,
            f"rule set {self.id} has no criteria set {show(number)}; "
            f"its sets are numbered {numbers[0]} to {numbers[-1]}"
            if numbers
            else f"rule set {self.id} has no criteria sets",
        )
