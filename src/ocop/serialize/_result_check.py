"""The consistency of a result document's fields with each other and with its rule set
(read by :func:`ocop.serialize.result_from_dict` before it ranks the answers again)."""

from __future__ import annotations

from fractions import Fraction

import attrs

from ocop._convert import format_fraction
from ocop.criteria import load_ruleset
from ocop.errors import InvalidInput, UnknownRuleSet, show
from ocop.ranking import RankResult

__all__ = ["check_result", "disagree"]


def disagree(path: str, value: object, expected: object, why: str) -> InvalidInput:
    return InvalidInput(path, value, f"does not agree with {why} (expected {show(expected)})")


def check_result(result: RankResult) -> None:
    """Check that the fields of *result* agree with each other and with its rule set.

    The sheet exists in the rule set; the status and the class agree (a disqualified
    dossier has no class); the class is not above the band; the band, the points to the
    next band, the averages and each member's total follow from the members' parts and
    the rule set's bands. What it cannot check without the answers is left to
    :func:`result_from_dict`, which ranks the answers again.
    """
    try:
        rs = load_ruleset(result.ruleset)
    except UnknownRuleSet as exc:
        raise InvalidInput("ruleset", result.ruleset, str(exc)) from None
    rs.sheet(result.sheet)  # UnknownSheet, path "sheet"
    if result.rounding != rs.rounding:
        raise InvalidInput(
            "rounding",
            show(attrs.asdict(result.rounding)),
            f"{rs.id} displays averages with {rs.rounding.places} places, "
            f"{rs.rounding.mode}; a result document carries its rule set's rounding",
        )
    if (result.status == "disqualified") != (result.stars is None):
        why = (
            f"does not agree with status {show(result.status)}: "
            + ("a disqualified dossier has no class" if result.stars is not None else "")
            + ("a ranked dossier has a class from 1 to 5" if result.stars is None else "")
        )
        raise InvalidInput("stars", result.stars, why)
    part_codes = {p.code for p in rs.parts}
    totals = []
    for i, member in enumerate(result.members):
        unknown = sorted(set(member.parts) - part_codes)
        if unknown:
            raise InvalidInput(f"members[{i}].parts", unknown, f"{rs.id} has parts {part_codes}")
        if member.total != sum(member.parts.values()):
            raise disagree(
                f"members[{i}].total", member.total, sum(member.parts.values()), "its parts"
            )
        totals.append(member.total)
    if not totals:
        raise InvalidInput("members", [], "a result has at least one member sheet")
    average = Fraction(sum(totals), len(totals))
    if result.average != average:
        raise disagree(
            "average_exact",
            format_fraction(result.average),
            format_fraction(average),
            "the members' totals",
        )
    for code in sorted(part_codes):
        mean = Fraction(sum(m.parts.get(code, 0) for m in result.members), len(totals))
        if result.parts.get(code, Fraction(0)) != mean:
            raise disagree(
                f"parts_exact.{code}",
                format_fraction(result.parts.get(code, Fraction(0))),
                format_fraction(mean),
                "the members' parts",
            )
    bands = sorted(rs.bands, key=lambda b: b.lower)
    band = next(b for b in reversed(bands) if average >= b.lower)
    if result.band_stars != band.stars:
        raise disagree("band_stars", result.band_stars, band.stars, f"the bands of {rs.id}")
    if result.stars is not None and result.stars > result.band_stars:
        raise InvalidInput(
            "stars", result.stars, f"the class cannot be above its band ({result.band_stars}★)"
        )
    if result.stars is not None:
        failed = sorted(
            {f.stars for f in result.failed_minimums}
            | {c.stars for c in result.conditions if c.effect == "not_in_class" and c.stars}
        )
        failed = [f for f in failed if f <= result.band_stars]
        if not failed and result.stars != result.band_stars:
            raise disagree("stars", result.stars, result.band_stars, "the band (no minimum failed)")
        if failed and result.stars >= failed[0]:
            raise InvalidInput(
                "stars",
                result.stars,
                f"does not agree with failed_minimums: the minimum for {failed[0]}★ was not met",
            )
    following = [b for b in bands if b.lower > average]
    to_next = following[0].lower - average if following else None
    if result.to_next_band != to_next:
        raise disagree(
            "to_next_band_exact",
            None if result.to_next_band is None else format_fraction(result.to_next_band),
            None if to_next is None else format_fraction(to_next),
            "the average and the bands",
        )
