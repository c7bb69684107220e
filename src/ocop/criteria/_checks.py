"""Integrity checks of what reconciles sources and what a rule set adds to its sheets:
doubts (two transcriptions disagree) and rule-set conditions (781's Mục 6 minimums)."""

from __future__ import annotations

from collections.abc import Iterator

from ocop.criteria.model import Criterion, Doubt, Heading
from ocop.criteria.ruleset import RuleSet
from ocop.errors import CatalogueIntegrityError

__all__ = ["check_doubts", "check_ruleset_conditions", "fail", "iter_doubts"]


def fail(ruleset: RuleSet, path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(ruleset.id, path, message)


def iter_doubts(ruleset: RuleSet) -> Iterator[tuple[str, Doubt]]:
    """Every doubt of the rule set, located as ``<sheet>[:<code>]:<field>``."""
    for sheet in ruleset.sheets:
        for doubt in sheet.doubts:
            yield f"{sheet.number}:{doubt.field}", doubt
        nodes: list[Heading | Criterion] = [*sheet.headings, *sheet.criteria]
        for node in nodes:
            for doubt in node.doubts:
                yield f"{sheet.number}:{node.code}:{doubt.field}", doubt


def check_doubts(
    ruleset: RuleSet, path: str, doubts: tuple[Doubt, ...], values: dict[str, str]
) -> None:
    for doubt in doubts:
        if len(doubt.readings) < 2 or not doubt.reason.strip():
            raise fail(ruleset, path, "a doubt names two readings or more, and a reason")
        if doubt.field in values and values[doubt.field] != doubt.used:
            raise fail(
                ruleset,
                path,
                f"doubt says {doubt.field} {doubt.used!r} is used, "
                f"but the value is {values[doubt.field]!r}",
            )


def check_ruleset_conditions(ruleset: RuleSet) -> None:
    """Rule-set conditions are flags that name existing sheets and a source; a condition
    barring a class (``not_in_class``), and only it, names that class."""
    numbers = {s.number for s in ruleset.sheets}
    for cond in ruleset.conditions:
        cp = f"condition {cond.key}"
        if cond.trigger != "flag" or cond.skips or cond.printed_at is not None:
            raise fail(ruleset, cp, "a rule-set condition is a flag printed on no sheet")
        if not cond.sheets or set(cond.sheets) - numbers or cond.source is None:
            raise fail(ruleset, cp, "a rule-set condition names its sheets and its source")
        if any(cond.key in {c.key for c in ruleset.sheet(n).conditions} for n in cond.sheets):
            raise fail(ruleset, cp, "the key is also a condition of a sheet")
    keys = [c.key for c in ruleset.conditions]
    if len(set(keys)) != len(keys):
        raise fail(ruleset, "conditions", "duplicate condition key")
    for sc in ruleset.sheet_caveats:
        if not sc.sheets or set(sc.sheets) - numbers:
            raise fail(ruleset, "sheet_caveats", f"unknown sheets {sorted(sc.sheets)}")
