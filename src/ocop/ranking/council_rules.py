"""Council rules as data: a council's operating rules (Quy chế hoạt động) and their breaches.

The Prime Minister's decisions rank a product on the mean of the council members' totals
and leave the council's working rules to the level that sets the council up; provinces
write them in a *Quy chế hoạt động của Hội đồng đánh giá, phân hạng sản phẩm OCOP*. Some
bound how far members' totals may differ (Tây Ninh: at most 10 points, or the council
rescores), and how many members, the chair among them, must be present.

A :class:`CouncilRules` holds such rules, each with its citation. The presets are shipped
in ``council_rules.json`` beside this module, read on first use and checked as they load
(:func:`presets`); ``"neutral"`` checks nothing the decisions do not say, and is what a
request without rules gets. A breach is reported (:class:`CouncilBreach`: which members,
by how much, the rule and its source): it never changes the class the decision's rules
give. Arithmetic is exact (:class:`~fractions.Fraction`).

>>> rules = council_rules("tay-ninh")
>>> rules.spread.points, rules.quorum.share
(Fraction(10, 1), Fraction(3, 4))
>>> [b.members for b in spread_breaches(rules, [("A", 62), ("B", 70), ("C", 75)])]
[('A', 'C')]
>>> spread_breaches(rules, [("A", 65), ("B", 75)])
()
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

import attrs

from ocop._convert import structure
from ocop._source import Source
from ocop._text import nfc
from ocop.errors import InvalidInput, show

__all__ = [
    "NEUTRAL",
    "BreachRule",
    "CouncilBreach",
    "CouncilRules",
    "OnBreach",
    "QuorumShare",
    "SpreadLimit",
    "attendance_breaches",
    "check_rules",
    "council_rules",
    "presets",
    "spread_breaches",
]

#: The id of the neutral rules: nothing is checked beyond what the decisions say.
NEUTRAL = "neutral"

OnBreach = Literal["rescore", "report"]
"""What a regulation says happens when members' points differ too much: the council
discusses and scores again (``rescore``), or the difference is only reported."""

BreachRule = Literal["spread", "criterion_spread", "quorum", "chair"]


@attrs.frozen(kw_only=True)
class SpreadLimit:
    """The largest difference allowed between the highest and the lowest member's points."""

    points: Fraction
    on_breach: OnBreach
    source: Source


@attrs.frozen(kw_only=True)
class QuorumShare:
    """The share of the council's members (the chair counted) that must be present, and
    whether the chair must be among them."""

    share: Fraction
    chair: bool
    source: Source


@attrs.frozen(kw_only=True)
class CouncilRules:
    """A council's operating rules: the spread allowed between members' totals (and, where
    a regulation says so, on each criterion), the quorum as a share, the chair's presence.

    ``verified`` is false where the rules were read in a summary, not in the regulation's
    own text; ``doubt`` says what is not known. ``notes`` record what the regulation says
    that is not checked (e.g. that the result is the members' mean, as the decisions say).
    """

    id: str
    title: str
    authority: str | None = None
    verified: bool = False
    doubt: str | None = None
    notes: tuple[str, ...] = ()
    spread: SpreadLimit | None = None
    criterion_spread: SpreadLimit | None = None
    quorum: QuorumShare | None = None


@attrs.frozen(kw_only=True)
class CouncilBreach:
    """One breach of a council's rules.

    For a spread, ``members`` are those with the lowest points and then those with the
    highest (each group sorted), ``actual`` the difference, ``limit`` the rule's bound and
    ``excess`` how far above it. For a quorum, ``actual`` is the share present and
    ``excess`` how far below the rule's share; ``members`` are the absent members where
    their names are known. For the chair, ``members`` is the chair.
    """

    rules: str
    rule: BreachRule
    members: tuple[str, ...]
    criterion: str | None = None
    actual: Fraction | None = None
    limit: Fraction | None = None
    excess: Fraction | None = None
    on_breach: OnBreach | None = None
    source: Source


_DATA = "council_rules.json"


def _text(path: str, value: str | None, *, blank: bool = False) -> None:
    if value is None:
        return
    if not blank and not value.strip():
        raise InvalidInput(path, value, "must not be empty")
    if nfc(value) != value:
        raise InvalidInput(path, value, "text must be in Unicode NFC")


def _check_source(path: str, source: Source) -> None:
    _text(f"{path}.instrument", source.instrument)
    _text(f"{path}.provision", source.provision)


def check_rules(rules: CouncilRules, *, path: str = "council_rules") -> CouncilRules:
    """*rules*, checked: an id and a title, limits of at least 0 points, a share above 0 and
    at most 1, every rule with its source, text in NFC. Returns *rules*."""
    if not isinstance(rules, CouncilRules):
        raise InvalidInput(path, rules, "expected ocop.CouncilRules")
    _text(f"{path}.id", rules.id)
    if any(c.isspace() for c in rules.id):
        raise InvalidInput(f"{path}.id", rules.id, "an id has no spaces")
    _text(f"{path}.title", rules.title)
    _text(f"{path}.authority", rules.authority)
    _text(f"{path}.doubt", rules.doubt)
    for i, note in enumerate(rules.notes):
        _text(f"{path}.notes[{i}]", note)
    for name in ("spread", "criterion_spread"):
        limit: SpreadLimit | None = getattr(rules, name)
        if limit is None:
            continue
        if limit.points < 0:
            raise InvalidInput(f"{path}.{name}.points", str(limit.points), "at least 0 points")
        _check_source(f"{path}.{name}.source", limit.source)
    if rules.quorum is not None:
        share = rules.quorum.share
        if not 0 < share <= 1:
            raise InvalidInput(
                f"{path}.quorum.share", str(share), "a share of the members, above 0, at most 1"
            )
        _check_source(f"{path}.quorum.source", rules.quorum.source)
    return rules


def _structure(raw: object, path: str) -> CouncilRules:
    if not isinstance(raw, Mapping):
        raise InvalidInput(path, raw, "council rules are an object (or a preset's id)")
    return check_rules(structure(dict(raw), CouncilRules, path=path), path=path)


@functools.cache
def presets() -> Mapping[str, CouncilRules]:
    """The shipped council rules by id (``council_rules.json``), read once and checked."""
    from importlib import resources  # slow to import: only when council rules are used

    doc = json.loads(resources.files("ocop.ranking").joinpath(_DATA).read_text("utf-8"))
    found: dict[str, CouncilRules] = {}
    for i, raw in enumerate(doc["presets"]):
        rules = _structure(raw, f"presets[{i}]")
        if rules.id in found:
            raise InvalidInput(f"presets[{i}].id", rules.id, "two presets have this id")
        found[rules.id] = rules
    return MappingProxyType(found)


def council_rules(value: object, *, path: str = "council_rules") -> CouncilRules:
    """*value* as :class:`CouncilRules`: itself (checked), a preset's id, or a mapping of its
    fields (as in the rank request document); ``None`` is the neutral rules."""
    if value is None:
        return presets()[NEUTRAL]
    if isinstance(value, CouncilRules):
        return check_rules(value, path=path)
    if isinstance(value, str):
        found = presets().get(nfc(value))
        if found is None:
            known = ", ".join(presets())
            raise InvalidInput(path, value, f"no council rules {show(value)}; presets: {known}")
        return found
    return _structure(value, path)


def _spread(
    rules: CouncilRules,
    limit: SpreadLimit,
    points: Sequence[tuple[str, int | Fraction]],
    criterion: str | None,
) -> CouncilBreach | None:
    if len(points) < 2:
        return None
    low = min(p for _, p in points)
    high = max(p for _, p in points)
    spread = Fraction(high - low)
    if spread <= limit.points:
        return None
    lowest = sorted(name for name, p in points if p == low)
    highest = sorted(name for name, p in points if p == high)
    return CouncilBreach(
        rules=rules.id,
        rule="spread" if criterion is None else "criterion_spread",
        members=(*lowest, *highest),
        criterion=criterion,
        actual=spread,
        limit=limit.points,
        excess=spread - limit.points,
        on_breach=limit.on_breach,
        source=limit.source,
    )


def spread_breaches(
    rules: CouncilRules,
    totals: Sequence[tuple[str, int | Fraction]],
    criteria: Mapping[str, Sequence[tuple[str, int | Fraction]]] | None = None,
) -> tuple[CouncilBreach, ...]:
    """The spread breaches of *totals* (``(member, total)`` pairs) and, where the rules bound
    each criterion, of *criteria* (criterion code → ``(member, points)`` of the members who
    scored it). A spread is a breach when it is **more than** the limit ("không được chênh
    lệch quá 10 điểm": a difference of exactly 10 is allowed)."""
    found: list[CouncilBreach] = []
    if rules.spread is not None:
        breach = _spread(rules, rules.spread, totals, None)
        if breach is not None:
            found.append(breach)
    if rules.criterion_spread is not None and criteria:
        for code, points in criteria.items():
            breach = _spread(rules, rules.criterion_spread, points, code)
            if breach is not None:
                found.append(breach)
    return tuple(found)


def attendance_breaches(
    rules: CouncilRules,
    *,
    members: Sequence[str],
    chair: str,
    present: int | Collection[str],
) -> tuple[tuple[CouncilBreach, ...], tuple[str, ...]]:
    """The quorum and chair breaches of a meeting of a council of *members* (the chair
    among them) with *present* members (a count, or their names), and notes on what could
    not be checked (the chair's presence, from a count)."""
    quorum = rules.quorum
    if quorum is None:
        return (), ()
    size = len(members)
    if size == 0:
        return (), ()
    names: Iterable[str] | None = None
    if isinstance(present, int):
        count = present
    else:
        names = set(present)
        count = len(names)
    found: list[CouncilBreach] = []
    notes: list[str] = []
    share = Fraction(count, size)
    if share < quorum.share:
        absent = () if names is None else tuple(sorted(set(members) - set(names)))
        found.append(
            CouncilBreach(
                rules=rules.id,
                rule="quorum",
                members=absent,
                actual=share,
                limit=quorum.share,
                excess=quorum.share - share,
                source=quorum.source,
            )
        )
    if quorum.chair:
        if names is None:
            notes.append(
                f"The chair's presence ({rules.id}: {quorum.source}) is not checked: "
                "the members present were given as a number, not by name."
            )
        elif chair not in names:
            found.append(
                CouncilBreach(rules=rules.id, rule="chair", members=(chair,), source=quorum.source)
            )
    return tuple(found), tuple(notes)
