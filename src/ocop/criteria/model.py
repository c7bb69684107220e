"""Typed model of a criteria catalogue (Bộ tiêu chí).

The classes mirror the package data files one to one: a data file *is* a serialised
:class:`~ocop.criteria.ruleset.RuleSet` (:mod:`ocop.criteria.ruleset`), read by the strict
converter in :mod:`ocop.criteria._loader`
(unknown keys are errors). They hold no scoring logic; that lives in
:mod:`ocop.ranking`.

Vocabulary (Vietnamese term, then this library's name):

* *Bộ tiêu chí* of one decision → :class:`RuleSet` (id ``qd26-2026``...);
* *bộ sản phẩm* / *phân nhóm* (one criteria sheet per product kind) → :class:`CriteriaSheet`;
* *Phần A/B/C* → :class:`Part`;
* numbered rows with sub-rows (``1. TỔ CHỨC SẢN XUẤT``) → :class:`Heading`;
* rows that are scored (``1.1``, ``7``, ``6.1.1``) → :class:`Criterion`;
* the ticked boxes (□) with their points and ``***`` markers → :class:`Option`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import attrs

from ocop._source import Source
from ocop.errors import show

__all__ = [
    "AppliesIf",
    "Case",
    "Condition",
    "CriteriaSheet",
    "Criterion",
    "Doubt",
    "Erratum",
    "Gap",
    "Heading",
    "Instrument",
    "Note",
    "Option",
    "PartCode",
    "Reading",
    "Source",
]

PartCode = Literal["A", "B", "C"]
Lang = Literal["vi", "en"]
ErratumKind = Literal[
    "empty_cell",
    "over_maximum",
    "equal_points",
    "malformed_cell",
    "header_contradiction",
    "duplicated_line",
    "user_overlay",
]


@attrs.frozen(kw_only=True)
class Instrument:
    """A legal instrument (a Prime Minister's decision) with its official data."""

    number: str
    title: str
    signed: date
    signer: str | None = None
    """Who signed, where a source gives it."""
    url: str | None = None


@attrs.frozen(kw_only=True)
class Erratum:
    """A place where the printed law breaks an invariant, and what the library does about it.

    ``printed`` is the text of the cell exactly as published; ``used`` is the value
    the library scores with (equal to the field's value beside it). ``reason`` gives
    the reasoning and the evidence (e.g. the same criterion in sibling sheets).
    """

    field: str
    printed: str
    used: str | int
    kind: ErratumKind
    reason: str
    location: str | None = None
    """Where on the sheet, for errata that are not attached to a criterion or option."""


@attrs.frozen(kw_only=True)
class Reading:
    """What one source prints for a value: ``source`` names it (repository, path, commit or
    publication), ``printed`` is its value as text (points as ``"0/1/3/5"``)."""

    source: str
    printed: str


@attrs.frozen(kw_only=True)
class Doubt:
    """Where independent transcriptions of the law disagree on a value, and which is used.

    Unlike an :class:`Erratum` (the one printed text breaks an invariant), a doubt records
    two or more ``readings`` of the same cell; ``used`` is the value the library scores
    with (for ``field="points"``: the option points joined by ``/``, equal to the data
    beside it) and ``reason`` says why (usually: the reading that makes the sheet's parts
    sum to their maxima). Nothing is settled until the decision's own text is checked.
    """

    field: Literal["points", "max_points", "options", "title"]
    readings: tuple[Reading, ...]
    used: str
    reason: str


@attrs.frozen(kw_only=True)
class Option:
    """One tickable option (□) of a criterion.

    ``min_stars`` is the marker printed after the option: ``3`` for ``***``,
    ``4`` for ``****``, ``5`` for ``*****``, else ``None``. Per the legend of
    Phụ lục II a marked option is the minimum that must be reached on that
    criterion for that star class.

    ``implied`` options are not printed in the law: a criterion with a maximum
    but no listed options (a yes/no criterion) gets two, ``no`` (0) and ``yes``
    (its maximum).
    """

    key: str
    label: str
    points: int
    min_stars: Literal[3, 4, 5] | None = None
    case: str | None = None
    implied: bool = False
    errata: tuple[Erratum, ...] = ()


@attrs.frozen(kw_only=True)
class Note:
    """A printed note under a criterion: a *Yêu cầu* (requirement) or a *Ghi chú* (note)."""

    kind: Literal["requirement", "note"]
    text: str


@attrs.frozen(kw_only=True)
class AppliesIf:
    """*Chỉ áp dụng khi ...*: the criterion is scored only when ``criterion`` is answered
    with one of ``options``; otherwise it is not applicable, must not be answered and
    scores 0."""

    criterion: str
    options: tuple[str, ...]
    text: str


@attrs.frozen(kw_only=True)
class Case:
    """One of the alternative cases of a criterion (*Lựa chọn một trong hai trường hợp sau*)."""

    key: str
    label: str
    label_en: str | None = None


@attrs.frozen(kw_only=True)
class Condition:
    """A knock-out rule printed on a sheet, or a rule of the rule set that bars a class.

    * ``effect="disqualify"``: the dossier is rejected (*Hồ sơ bị loại khi ...*,
      *Bị loại nếu ...*); the product gets no star class.
    * ``effect="skip_rest"``: the criteria in ``skips`` are not evaluated
      (*không đánh giá các bước tiếp theo*, *không xem xét các chỉ tiêu khác*) and
      score 0; their star minimums count as not reached.
    * ``effect="not_in_class"``: the product is not placed in class ``stars`` or above
      (a minimum requirement of that class is not met: 781/QĐ-TTg Phụ lục II Mục 6).

    ``trigger="flag"``: the condition holds when the input raises the flag named
    ``key`` (a fact the council establishes, such as forged documents).
    ``trigger="zero_on"``: it holds, for one member's sheet, when that member
    scores 0 on any criterion in ``zero_on``.

    Conditions of a whole rule set (:attr:`~ocop.criteria.ruleset.RuleSet.conditions`)
    name the ``sheets`` they apply to and their ``source``.
    """

    key: str
    effect: Literal["disqualify", "skip_rest", "not_in_class"]
    trigger: Literal["flag", "zero_on"]
    text: str
    printed_at: str | None
    skips: tuple[str, ...] = ()
    zero_on: tuple[str, ...] = ()
    stars: Literal[2, 3, 4, 5] | None = None
    sheets: tuple[int, ...] = ()
    source: Source | None = None


@attrs.frozen(kw_only=True)
class Heading:
    """A numbered row that groups criteria (``1. TỔ CHỨC SẢN XUẤT | 18``)."""

    code: str
    title: str
    part: PartCode
    parent: str | None
    max_points: int
    title_en: str | None = None
    errata: tuple[Erratum, ...] = ()
    doubts: tuple[Doubt, ...] = ()


@attrs.frozen(kw_only=True)
class Criterion:
    """A scored row (a leaf of the sheet), with its options in printed order."""

    code: str
    title: str
    part: PartCode
    parent: str | None
    max_points: int
    options: tuple[Option, ...]
    source: Source
    title_en: str | None = None
    binary: bool = False
    notes: tuple[Note, ...] = ()
    applies_if: AppliesIf | None = None
    cases: tuple[Case, ...] = ()
    cases_note: str | None = None
    errata: tuple[Erratum, ...] = ()
    doubts: tuple[Doubt, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<Criterion {self.code} {show(self.title)} (part {self.part}, max {self.max_points}, "
            f"{len(self.options)} options)>"
        )

    @property
    def mandatory_for(self) -> tuple[int, ...]:
        """The star classes for which this criterion carries a minimum (its markers)."""
        return tuple(sorted({o.min_stars for o in self.options if o.min_stars is not None}))

    def option(self, key: str) -> Option:
        """The option with this key (:class:`KeyError` if none)."""
        for opt in self.options:
            if opt.key == key:
                return opt
        raise KeyError(key)


@attrs.frozen(kw_only=True)
class Gap:
    """Points of a sheet that no known source gives: what is missing is missing.

    ``part`` is the part the points belong to, or ``None`` when the whole sheet is
    missing. A sheet with gaps is shipped (so that it can be listed and exported) but
    cannot be ranked: :func:`ocop.rank` raises :class:`~ocop.errors.SheetUnavailable`.
    """

    part: PartCode | None
    points: int
    text: str


@attrs.frozen(kw_only=True)
class CriteriaSheet:
    """One criteria sheet (*bộ sản phẩm*): the score form a council member fills in.

    ``verified`` is ``False`` where the source of this sheet is flagged as doubtful
    (``verification_note`` says why) and on every sheet of an unverified rule set: a
    sheet never claims more than its rule set. ``gaps`` lists the points no source gives.
    """

    number: int
    name: str
    printed_classification: str
    source: Source
    criteria: tuple[Criterion, ...]
    headings: tuple[Heading, ...] = ()
    conditions: tuple[Condition, ...] = ()
    name_en: str | None = None
    errata: tuple[Erratum, ...] = ()
    verified: bool = True
    verification_note: str | None = None
    gaps: tuple[Gap, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    """Sheet-wide disagreements between sources (per-criterion ones are on the criteria)."""

    def __repr__(self) -> str:
        state = "" if not self.gaps else ", unavailable"
        return (
            f"<CriteriaSheet {self.number} {show(self.name)}: "
            f"{len(self.criteria)} criteria, {len(self.conditions)} conditions{state}>"
        )

    @property
    def available(self) -> bool:
        """Whether the sheet is complete enough to rank on (it has no gaps)."""
        return not self.gaps

    def criterion(self, code: str) -> Criterion:
        """The leaf criterion with this printed code (:class:`KeyError` if none)."""
        for crit in self.criteria:
            if crit.code == code:
                return crit
        raise KeyError(code)
