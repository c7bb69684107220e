"""The scoring engine: validate member sheets, score them, combine them into a star class.

Each criteria sheet is compiled once into plain lookup tables (:class:`Compiled`);
scoring a member sheet then touches only dicts, ints and tuples. All arithmetic is
on ints and :class:`fractions.Fraction`: no float is on the decision path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import cast

import attrs

from ocop.criteria import load_ruleset
from ocop.criteria.model import Band, Condition, CriteriaSheet, Option, RuleSet
from ocop.errors import (
    InvalidAnswer,
    InvalidInput,
    MissingAnswer,
    SheetUnavailable,
    UnknownCriterion,
    UnknownSheet,
)
from ocop.model import MemberSheet
from ocop.ranking.result import (
    AppliedCondition,
    FailedMinimum,
    MemberScore,
    MinimumPolicy,
    RankResult,
)

_MAX_LISTED = 8


@attrs.frozen
class _Leaf:
    code: str
    part: str
    by_key: Mapping[str, Option]
    by_points: Mapping[int, Option | None]  # None: several options share these points
    keys_text: str
    points_text: str
    applies_if: tuple[str, frozenset[str], str] | None


@attrs.frozen
class _Minimum:
    code: str
    stars: int
    option: Option


@attrs.frozen
class Compiled:
    """A criteria sheet turned into lookup tables for fast validation and scoring."""

    ruleset: RuleSet
    sheet: CriteriaSheet
    leaves: tuple[_Leaf, ...]
    index: Mapping[str, _Leaf]
    headings: frozenset[str]
    minimums: tuple[_Minimum, ...]
    flag_conditions: Mapping[str, Condition]
    zero_conditions: tuple[Condition, ...]
    parts: tuple[str, ...]
    bands: tuple[Band, ...]
    caveats: tuple[str, ...]
    fast: _FastTables | None = None
    """Tables for :func:`fast_member`; None when the sheet does not fit them."""


#: Bits per field of a packed score (see :class:`_FastTables`).
_FIELD_BITS = 20
FIELD_MASK = (1 << _FIELD_BITS) - 1
#: The fast path takes councils of at most this many sheets, so no field overflows.
FAST_MAX_MEMBERS = 1000


@attrs.frozen
class _FastTables:
    """Plain-dict tables for scoring well-formed sheets in one pass over the answers.

    ``packed[code][key]`` is the option's points shifted into its part's field of
    ``_FIELD_BITS`` bits, so the sum over a member's answers holds every part total at
    once (three parts fit a machine-size integer). Only option keys are in the tables:
    an answer given by points, an unknown code or key, or any other irregularity makes
    the fast path give way to the checked path, which scores it or raises the error.
    """

    packed: dict[str, dict[str, int]]
    part_shifts: tuple[tuple[str, int], ...]
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

    def reached(
        self, code: str, required: int, sheets: Iterable[Mapping[str, object]]
    ) -> tuple[int, int]:
        """How many of *sheets* reach *required* points on *code*, and their points on it.

        A criterion a sheet does not answer (not applicable) counts as 0 points.
        """
        table = self.points[code]
        pts = [table.get(answers.get(code, ""), 0) for answers in sheets]  # type: ignore[call-overload]
        return len([p for p in pts if p >= required]), sum(pts)


def _listing(values: Iterable[object]) -> str:
    items = [str(v) for v in values]
    return ", ".join(items) if len(items) <= _MAX_LISTED else ", ".join(items[:_MAX_LISTED]) + ", …"


@functools.cache
def compile_sheet(ruleset_id: str, number: int) -> Compiled:
    """The compiled form of sheet *number* of rule set *ruleset_id* (cached)."""
    ruleset = load_ruleset(ruleset_id)
    try:
        sheet = ruleset.sheet(number)
    except KeyError:
        raise UnknownSheet(
            "sheet",
            number,
            f"rule set {ruleset_id} has no criteria set {number}; "
            f"its sets are numbered 1 to {len(ruleset.sheets)}",
        ) from None
    if sheet.gaps:
        raise SheetUnavailable(
            "sheet",
            number,
            f"criteria set {number} ({sheet.name}) of rule set {ruleset_id} cannot be ranked: "
            + " ".join(g.text for g in sheet.gaps)
            + " The library does not guess the missing criteria.",
        )
    caveats = list(ruleset.caveats)
    if not sheet.verified and sheet.verification_note:
        caveats.append(f"Criteria set {number} is unverified: {sheet.verification_note}")
    leaves = []
    minimums = []
    for crit in sheet.criteria:
        by_points: dict[int, Option | None] = {}
        for opt in crit.options:
            by_points[opt.points] = None if opt.points in by_points else opt
            if opt.min_stars is not None:
                minimums.append(_Minimum(crit.code, opt.min_stars, opt))
        applies = None
        if crit.applies_if is not None:
            applies = (
                crit.applies_if.criterion,
                frozenset(crit.applies_if.options),
                crit.applies_if.text,
            )
        leaves.append(
            _Leaf(
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
            {c.key: c for c in sheet.conditions if c.trigger == "flag"}
        ),
        zero_conditions=tuple(c for c in sheet.conditions if c.trigger == "zero_on"),
        parts=tuple(p.code for p in ruleset.parts),
        bands=tuple(sorted(ruleset.bands, key=lambda b: b.lower)),
        caveats=tuple(caveats),
    )


def _fast_tables(sheet: CriteriaSheet, parts: tuple[str, ...]) -> _FastTables | None:
    bound = dict.fromkeys(parts, 0)  # the most a member can score in each part, or more
    for crit in sheet.criteria:
        if any(opt.points < 0 for opt in crit.options):
            return None
        bound[crit.part] += max(opt.points for opt in crit.options)
    if max(bound.values()) * FAST_MAX_MEMBERS > FIELD_MASK:
        return None
    shift = {code: _FIELD_BITS * i for i, code in enumerate(parts)}
    marked = {c.code for c in sheet.criteria if any(o.min_stars is not None for o in c.options)}
    watched = {code for cond in sheet.conditions for code in cond.zero_on}
    return _FastTables(
        packed={
            c.code: {o.key: o.points << shift[c.part] for o in c.options} for c in sheet.criteria
        },
        part_shifts=tuple(shift.items()),
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


def fast_member(fast: _FastTables, answers: Mapping[str, object]) -> tuple[int, list[str]] | None:
    """Score answers that name an option key for exactly every applicable criterion.

    Returns the packed part totals (see :class:`_FastTables`) and the codes not
    considered, or None, without raising, for anything else: then the checked path
    decides. This path never reports an error and never accepts what the checked path
    refuses (``tests/test_fast_ranking.py`` checks both on random sheets).
    """
    table = fast.packed
    packed = 0
    try:
        # An unknown code or a key that is not an option (an answer given by points
        # included): KeyError; an unhashable value: TypeError.
        for code, key in answers.items():
            packed += table[code][key]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    not_considered = []
    for code, ref, allowed in fast.conditional:
        ref_key = answers.get(ref)
        if ref_key is not None and ref_key not in allowed:
            if code in answers:
                return None
            not_considered.append(code)
    # Every answered code is a distinct leaf and no inapplicable one is answered, so
    # equal counts mean every applicable criterion is answered.
    if len(answers) != fast.leaves - len(not_considered):
        return None
    for code, zero_keys in fast.zero_on:
        if answers.get(code) in zero_keys:
            return None
    return packed, not_considered


def _resolve(leaf: _Leaf, value: object, path: str) -> Option:
    if isinstance(value, bool):
        raise InvalidAnswer(
            path,
            value,
            f"{value!r} is not an option; name an option by key ({leaf.keys_text}) or by points",
        )
    if isinstance(value, str):
        opt = leaf.by_key.get(value)
        if opt is None:
            raise InvalidAnswer(
                path, value, f"option {value!r} does not exist; option keys are {leaf.keys_text}"
            )
        return opt
    if isinstance(value, int):
        if value not in leaf.by_points:
            raise InvalidAnswer(
                path, value, f"option {value} does not exist; options are {leaf.points_text}"
            )
        found = leaf.by_points[value]
        if found is None:
            same = [k for k, o in leaf.by_key.items() if o.points == value]
            raise InvalidAnswer(
                path,
                value,
                f"{value} points is ambiguous: options {', '.join(map(repr, same))} "
                f"are all worth {value}; name the option by key",
            )
        return found
    raise InvalidAnswer(
        path,
        value,
        f"an answer is an option key (string) or points (integer), got {type(value).__name__}",
    )


def score_member(
    compiled: Compiled, sheet: MemberSheet, *, position: int, skipped_by_flags: frozenset[str]
) -> tuple[MemberScore, dict[str, int], list[Condition]]:
    """Validate one member's sheet and score it.

    Returns the score, the considered points per leaf code (at least of every
    criterion with a per-star minimum), and the zero-triggered conditions that
    applied to this member.
    """
    if compiled.fast is not None and not skipped_by_flags:
        fast = compiled.fast
        done = fast_member(fast, sheet.answers)
        if done is not None:
            packed, not_considered = done
            parts = fast.parts(packed)
            # The sheet's private read-only copy; every value is an option key (checked).
            answers = cast("Mapping[str, str]", sheet.answers)
            points = {
                code: table.get(answers.get(code, ""), 0) for code, table in fast.points.items()
            }
            score = MemberScore(
                member=sheet.member,
                total=sum(parts.values()),
                parts=MappingProxyType(parts),
                answers=answers,
                not_considered=tuple(not_considered),
            )
            return score, points, []
    return _score_checked(compiled, sheet, position=position, skipped_by_flags=skipped_by_flags)


def _score_checked(
    compiled: Compiled, sheet: MemberSheet, *, position: int, skipped_by_flags: frozenset[str]
) -> tuple[MemberScore, dict[str, int], list[Condition]]:
    """:func:`score_member` for any input: every check, with the error's field path."""
    base = f"members[{position}].answers"
    chosen: dict[str, Option] = {}
    index = compiled.index
    for code, value in sheet.answers.items():
        # Fast path: a known code answered by an existing key, or by unambiguous points.
        leaf = index.get(code) if type(code) is str else None
        if leaf is not None:
            kind = type(value)
            found = (
                leaf.by_key.get(value)  # type: ignore[arg-type]
                if kind is str
                else leaf.by_points.get(value)  # type: ignore[arg-type]
                if kind is int
                else None
            )
            if found is not None:
                chosen[code] = found
                continue
        path = f"{base}[{code!r}]" if not isinstance(code, str) else f'{base}["{code}"]'
        if not isinstance(code, str):
            raise UnknownCriterion(path, code, 'criterion codes are strings such as "1.1"')
        leaf = compiled.index.get(code)
        if leaf is None:
            if code in compiled.headings:
                subs = [c for c in compiled.index if c.startswith(code + ".")]
                raise UnknownCriterion(
                    path, code, f"{code} is a heading, not a criterion; answer {_listing(subs)}"
                )
            raise UnknownCriterion(
                path,
                code,
                f"criteria set {compiled.sheet.number} has no criterion {code}; "
                f"its criteria are {_listing(compiled.index)}",
            )
        chosen[code] = _resolve(leaf, value, path)

    skipped = set(skipped_by_flags)
    applied: list[Condition] = []
    for cond in compiled.zero_conditions:
        if any(code in chosen and chosen[code].points == 0 for code in cond.zero_on):
            skipped.update(cond.skips)
            applied.append(cond)

    points: dict[str, int] = {}
    parts = dict.fromkeys(compiled.parts, 0)
    missing: list[str] = []
    not_considered: list[str] = []
    for leaf in compiled.leaves:
        code = leaf.code
        opt = chosen.get(code)
        if code in skipped:
            points[code] = 0
            not_considered.append(code)
            continue
        if leaf.applies_if is not None:
            ref, allowed, text = leaf.applies_if
            ref_opt = chosen.get(ref)
            if ref_opt is not None and ref_opt.key not in allowed:
                if opt is not None:
                    raise InvalidAnswer(
                        f'{base}["{code}"]',
                        sheet.answers[code],
                        f"criterion {code} applies only when {ref} is one of "
                        f"{_listing(sorted(allowed))} "
                        f"({text}); {ref} is {ref_opt.key!r}, so leave {code} unanswered",
                    )
                points[code] = 0
                not_considered.append(code)
                continue
        if opt is None:
            missing.append(code)
            continue
        points[code] = opt.points
        parts[leaf.part] += opt.points
    if missing:
        raise MissingAnswer(
            f'{base}["{missing[0]}"]',
            None,
            f"no answer for criterion {_listing(missing)}; every criterion must be answered"
            + (f" ({len(missing)} missing)" if len(missing) > 1 else ""),
        )
    score = MemberScore(
        member=sheet.member,
        total=sum(parts.values()),
        parts=MappingProxyType(parts),
        answers=MappingProxyType({code: opt.key for code, opt in chosen.items()}),
        not_considered=tuple(not_considered),
    )
    return score, points, applied


def _meets(policy: MinimumPolicy, meeting: int, points: int, n: int, required: int) -> bool:
    """Whether *n* sheets meet a minimum of *required* points under *policy*, given how
    many of them reach it (*meeting*) and their points on the criterion in all."""
    if policy is MinimumPolicy.ALL:
        return meeting == n
    if policy is MinimumPolicy.MAJORITY:
        return 2 * meeting > n
    return points >= required * n  # the mean reaches it: points / n >= required


def council_outcome(
    compiled: Compiled,
    totals: list[int],
    policy: MinimumPolicy,
    reached: Callable[[_Minimum], tuple[int, int]],
    below: Callable[[_Minimum], tuple[str, ...]],
) -> tuple[Fraction, Band, int, list[tuple[_Minimum, tuple[str, ...]]]]:
    """Average, band, star class and failed minimums (each with the members below it).

    ``reached(m)`` gives, for minimum *m*, how many sheets reach its option and their
    points on its criterion in all; ``below(m)``
    names the members under it, sorted. The star class is the band's, lowered below
    every minimum of a level up to the band's that the sheets do not meet.
    """
    n = len(totals)
    average = Fraction(sum(totals), n)
    band = next(b for b in reversed(compiled.bands) if average >= b.lower)
    stars = band.stars
    failed: list[tuple[_Minimum, tuple[str, ...]]] = []
    for m in compiled.minimums:
        if m.stars > band.stars:
            continue
        meeting, points = reached(m)
        if not _meets(policy, meeting, points, n, m.option.points):
            failed.append((m, below(m)))
            stars = min(stars, m.stars - 1)
    return average, band, stars, failed


def rank_compiled(
    compiled: Compiled,
    sheets: list[MemberSheet],
    *,
    flags: tuple[str, ...],
    policy: MinimumPolicy,
) -> RankResult:
    """Rank a product from validated inputs (see :func:`ocop.rank` for the public entry)."""
    if not sheets:
        raise InvalidInput("members", [], "at least one member sheet is needed")
    seen: dict[str, int] = {}
    for i, sh in enumerate(sheets):
        if sh.member in seen:
            raise InvalidInput(
                f"members[{i}].member",
                sh.member,
                f"duplicate member; also members[{seen[sh.member]}]",
            )
        seen[sh.member] = i
    flag_conds: list[Condition] = []
    for i, flag in enumerate(flags):
        cond = compiled.flag_conditions.get(flag) if isinstance(flag, str) else None
        if cond is None:
            raise InvalidInput(
                f"flags[{i}]",
                flag,
                f"criteria set {compiled.sheet.number} has no condition {flag!r}; "
                f"its conditions are {_listing(sorted(compiled.flag_conditions))}",
            )
        if cond in flag_conds:
            raise InvalidInput(f"flags[{i}]", flag, "flag given twice")
        flag_conds.append(cond)
    skipped_by_flags = frozenset(code for c in flag_conds for code in c.skips)

    scores: list[MemberScore] = []
    per_member_points: list[dict[str, int]] = []
    zero_applied: dict[str, list[str]] = {}
    zero_cond: dict[str, Condition] = {}
    for i, sh in enumerate(sheets):
        score, pts, applied = score_member(
            compiled, sh, position=i, skipped_by_flags=skipped_by_flags
        )
        scores.append(score)
        per_member_points.append(pts)
        for cond in applied:
            zero_applied.setdefault(cond.key, []).append(sh.member)
            zero_cond[cond.key] = cond

    def reached(m: _Minimum) -> tuple[int, int]:
        pts = [p[m.code] for p in per_member_points]
        return len([p for p in pts if p >= m.option.points]), sum(pts)

    def below(m: _Minimum) -> tuple[str, ...]:
        pairs = zip(scores, per_member_points, strict=True)
        return tuple(sorted(s.member for s, p in pairs if p[m.code] < m.option.points))

    average, band, stars, failing = council_outcome(
        compiled, [s.total for s in scores], policy, reached, below
    )
    n = len(scores)
    parts = {p: Fraction(sum(s.parts[p] for s in scores), n) for p in compiled.parts}
    failed = [
        FailedMinimum(
            criterion=m.code,
            stars=m.stars,
            required_option=m.option.key,
            required_points=m.option.points,
            members_failing=names,
        )
        for m, names in failing
    ]
    members_sorted = tuple(sorted(s.member for s in scores))
    conditions = [
        AppliedCondition(
            key=c.key, effect=c.effect, text=c.text, members=members_sorted, skipped=c.skips
        )
        for c in flag_conds
    ] + [
        AppliedCondition(
            key=k,
            effect=zero_cond[k].effect,
            text=zero_cond[k].text,
            members=tuple(sorted(v)),
            skipped=zero_cond[k].skips,
        )
        for k, v in zero_applied.items()
    ]
    conditions.sort(key=lambda c: c.key)
    disqualified = any(c.effect == "disqualify" for c in flag_conds)
    following = [b for b in compiled.bands if b.stars == band.stars + 1]
    return RankResult(
        ruleset=compiled.ruleset.id,
        sheet=compiled.sheet.number,
        policy=policy,
        status="disqualified" if disqualified else "ranked",
        stars=None if disqualified else stars,
        band_stars=band.stars,
        average=average,
        parts=MappingProxyType(parts),
        members=tuple(scores),
        failed_minimums=tuple(failed),
        conditions=tuple(conditions),
        to_next_band=following[0].lower - average if following else None,
        rounding=compiled.ruleset.rounding,
        caveats=compiled.caveats,
    )
