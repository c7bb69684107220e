"""Scoring one member's sheet: a fast scorer for well-formed sheets, the checked scorer for all.

Both give the same score for every sheet the checked scorer accepts; the fast one never
raises and gives way (returns ``None``) on anything else (``tests/test_fast_ranking.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import cast

from ocop.criteria.model import Condition, Option
from ocop.errors import InvalidAnswer, MissingAnswer, UnknownCriterion, show
from ocop.model import MemberSheet
from ocop.ranking.compile import Compiled, FastTables, Leaf, listing
from ocop.ranking.result import MemberScore

__all__ = ["fast_member", "score_member"]

_ANSWER_TYPES = frozenset({str, int})


def fast_member(
    fast: FastTables, answers: Mapping[str, object]
) -> tuple[int, list[str], Mapping[str, str]] | None:
    """Score answers that name an option, by key or by unambiguous points, for exactly
    every applicable criterion.

    Returns the packed part totals (see :class:`~ocop.ranking.compile.FastTables`), the
    codes not considered and the answers as option keys; or None, without raising, for
    anything else: then the checked scorer decides. This scorer never reports an error
    and never accepts what the checked scorer refuses (``tests/test_fast_ranking.py``
    checks both on random sheets).
    """
    kinds = set(map(type, answers.values()))
    if not kinds <= _ANSWER_TYPES:  # a bool or a float would find an int in the table
        return None
    table = fast.packed
    packed = 0
    try:
        # An unknown code, a key that is not an option or ambiguous points: KeyError;
        # an unhashable value: TypeError.
        for code, value in answers.items():
            packed += table[code][value]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    keyed: Mapping[str, str]
    if int in kinds:
        key_of = fast.key_of
        keyed = {
            code: value if type(value) is str else key_of[code][value]  # type: ignore[index]
            for code, value in answers.items()
        }
    else:
        keyed = cast("Mapping[str, str]", answers)
    not_considered = []
    for code, ref, allowed in fast.conditional:
        ref_key = keyed.get(ref)
        if ref_key is not None and ref_key not in allowed:
            if code in keyed:
                return None
            not_considered.append(code)
    # Every answered code is a distinct leaf and no inapplicable one is answered, so
    # equal counts mean every applicable criterion is answered.
    if len(keyed) != fast.leaves - len(not_considered):
        return None
    for code, zero_keys in fast.zero_on:
        if keyed.get(code) in zero_keys:
            return None
    return packed, not_considered, keyed


def _other_sheets(compiled: Compiled, sheet: MemberSheet) -> str:
    """A hint naming the other criteria sets of the rule set whose criteria the answers fit
    exactly (every code a criterion of the set, every criterion answered but those that
    apply only conditionally), or ``""``: a request sent with the wrong sheet number."""
    codes = {code for code in sheet.answers if isinstance(code, str)}
    fits = []
    for other in compiled.ruleset.sheets:
        if other.number == compiled.sheet.number or not other.available:
            continue
        leaves = {c.code for c in other.criteria}
        optional = {c.code for c in other.criteria if c.applies_if is not None}
        if codes <= leaves and leaves - codes <= optional:
            fits.append(other.number)
    if not fits:
        return ""
    return f"; these answers fit criteria set {listing(fits)}: is the sheet number right?"


def _resolve(leaf: Leaf, value: object, path: str) -> Option:
    if isinstance(value, bool):
        raise InvalidAnswer(
            path,
            value,
            f"{show(value)} is not an option; "
            f"name an option by key ({leaf.keys_text}) or by points",
        )
    if isinstance(value, str):
        opt = leaf.by_key.get(value)
        if opt is None:
            raise InvalidAnswer(
                path,
                value,
                f"option {show(value)} does not exist; option keys are {leaf.keys_text}",
            )
        return opt
    if isinstance(value, int):
        if value not in leaf.by_points:
            raise InvalidAnswer(
                path, value, f"option {show(value)} does not exist; options are {leaf.points_text}"
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


class _PointsByKey(Mapping[str, int]):
    """A member's points on the criteria with a per-star minimum, looked up when asked
    (only the minimums of the band reached are ever asked for)."""

    __slots__ = ("_answers", "_tables")

    def __init__(self, tables: Mapping[str, Mapping[str, int]], answers: Mapping[str, str]):
        self._tables = tables
        self._answers = answers

    def __getitem__(self, code: str) -> int:
        return self._tables[code].get(self._answers.get(code, ""), 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


def score_member(
    compiled: Compiled, sheet: MemberSheet, *, position: int, skipped_by_flags: frozenset[str]
) -> tuple[MemberScore, Mapping[str, int], list[Condition]]:
    """Validate one member's sheet and score it.

    Returns the score, the considered points per leaf code (at least of every
    criterion with a per-star minimum), and the zero-triggered conditions that
    applied to this member.
    """
    if compiled.fast is not None and not skipped_by_flags:
        fast = compiled.fast
        done = fast_member(fast, sheet.answers)
        if done is not None:
            packed, not_considered, answers = done
            parts = fast.parts(packed)
            points = _PointsByKey(fast.points, answers)
            score = MemberScore(
                member=sheet.member,
                total=sum(parts.values()),
                parts=MappingProxyType(parts),
                answers=answers if answers is sheet.answers else MappingProxyType(answers),
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
        path = f"{base}[{show(code)}]" if not isinstance(code, str) else f'{base}["{code}"]'
        if not isinstance(code, str):
            raise UnknownCriterion(path, code, 'criterion codes are strings such as "1.1"')
        leaf = compiled.index.get(code)
        if leaf is None:
            if code in compiled.headings:
                subs = [c for c in compiled.index if c.startswith(code + ".")]
                raise UnknownCriterion(
                    path, code, f"{code} is a heading, not a criterion; answer {listing(subs)}"
                )
            raise UnknownCriterion(
                path,
                code,
                f"criteria set {compiled.sheet.number} has no criterion {code}; "
                f"its criteria are {listing(compiled.index)}" + _other_sheets(compiled, sheet),
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
                        f"{listing(sorted(allowed))} "
                        f"({text}); {ref} is {show(ref_opt.key)}, so leave {code} unanswered",
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
            f"no answer for criterion {listing(missing)}; every criterion must be answered"
            + (f" ({len(missing)} missing)" if len(missing) > 1 else "")
            + _other_sheets(compiled, sheet),
        )
    score = MemberScore(
        member=sheet.member,
        total=sum(parts.values()),
        parts=MappingProxyType(parts),
        answers=MappingProxyType({code: opt.key for code, opt in chosen.items()}),
        not_considered=tuple(not_considered),
    )
    return score, points, applied
