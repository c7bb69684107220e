"""Which criteria set of one rule set continues a set of an earlier one.

The lists differ: 1048/QĐ-TTg had 26 *phân nhóm* in 6 *ngành hàng*; 148/QĐ-TTg (and
26/2026, which kept its list) has 26 *bộ sản phẩm* in 6 *nhóm sản phẩm*, with two 1048
sets merged, one dropped and three ornamental sets new. The correspondence is shipped
as data (each rule set's ``lineage.json``, :mod:`ocop.criteria.registry`), step by step
between consecutive rule sets; it is the
library's reading of the names (``verified: false``), since no decision publishes a table.

>>> map_sheet("qd1048-2019", 9, "qd26-2026")  # processed aquatic products
(8,)
>>> map_sheet("qd1048-2019", 21, "qd148-2023")  # medical equipment: no successor
()
>>> map_sheet("qd26-2026", 21, "qd781-2020")  # handicrafts: two 1048/781 sets
(24, 25)
"""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from ocop._convert import structure
from ocop.criteria.model import Source
from ocop.criteria.registry import ROOT, lineage_document, load_ruleset, rulesets
from ocop.errors import InvalidInput, UnknownSheet

__all__ = ["Lineage", "NewSheet", "SheetLink", "lineage", "map_sheet"]

Relation = Literal["same", "renamed", "widened", "narrowed", "merged", "split", "none"]


@attrs.frozen(kw_only=True)
class SheetLink:
    """One set of a rule set and the set(s) of the next rule set that continue it.

    ``to_sheets`` is empty when nothing continues it (``relation == "none"``).
    """

    from_ruleset: str
    from_sheet: int
    to_ruleset: str
    to_sheets: tuple[int, ...]
    relation: Relation
    note: str | None = None


@attrs.frozen(kw_only=True)
class NewSheet:
    """A set with no predecessor (e.g. the ornamental sets of 148/QĐ-TTg)."""

    ruleset: str
    sheet: int
    note: str


@attrs.frozen(kw_only=True)
class Lineage:
    format_version: int
    verified: bool
    note: str
    source: Source
    new: tuple[NewSheet, ...]
    links: tuple[SheetLink, ...]


@functools.cache
def lineage() -> Lineage:
    """The shipped correspondence between consecutive rule sets (loaded once)."""
    return structure(lineage_document(), Lineage, path=f"{ROOT}/*/lineage.json")


def _order() -> list[str]:
    return [i.id for i in rulesets()]


def map_sheet(ruleset: str, sheet: int, to: str) -> tuple[int, ...]:
    """The sets of rule set *to* that correspond to set *sheet* of *ruleset*.

    Works forwards (which later set continues this one) and backwards (which earlier sets
    it continues). An empty tuple means no set corresponds: the gap is explicit.
    """
    order = _order()
    start, end = load_ruleset(ruleset), load_ruleset(to)
    if isinstance(sheet, bool) or not isinstance(sheet, int):
        raise InvalidInput("sheet", sheet, "a criteria set is named by its number")
    if not any(s.number == sheet for s in start.sheets):
        raise UnknownSheet("sheet", sheet, f"rule set {ruleset} has no criteria set {sheet}")
    i, j = order.index(start.id), order.index(end.id)
    step = 1 if j >= i else -1
    current = {sheet}
    for k in range(i, j, step):
        a, b = order[k], order[k + step]
        nxt: set[int] = set()
        for link in lineage().links:
            if step == 1 and link.from_ruleset == a and link.from_sheet in current:
                nxt.update(link.to_sheets)
            if (
                step == -1
                and link.to_ruleset == a
                and link.from_ruleset == b
                and current & set(link.to_sheets)
            ):
                nxt.add(link.from_sheet)
        current = nxt
    return tuple(sorted(current))
