"""The table of criteria and options that continue under other wording (``carry_over.json``).

:func:`ocop.migrate` carries a criterion over when its title is the same, and an answer when
its option's wording is. ``carry_over.json`` beside this module lists, for the sheets of
148/QĐ-TTg (which 1489/QĐ-TTg leaves unchanged) read under 26/2026/QĐ-TTg, the pairs whose
wording differs but whose requirement is the same, each with both printed texts, a reason and
its citations (148/QĐ-TTg Phụ lục III; 26/2026/QĐ-TTg Phụ lục II). The table is read once,
when a migration first needs it, and checked then against both catalogues: every code and key
exists, every text is the catalogue's (after NFC), no entry repeats what the wording already
carries, and no two entries claim the same criterion or option.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import attrs

from ocop._text import nfc
from ocop.advice.evidence import normalise
from ocop.criteria import load_ruleset
from ocop.criteria.lineage import map_sheet
from ocop.criteria.model import CriteriaSheet
from ocop.errors import CatalogueIntegrityError

__all__ = [
    "CriterionPair",
    "OptionPair",
    "check_table",
    "criterion_pairs",
    "entry_reason",
    "option_pair",
    "read_table",
]

_FILE = "carry_over.json"


@attrs.frozen(kw_only=True)
class CriterionPair:
    """An old criterion that is the same criterion of the new set under another title."""

    id: str
    from_criterion: str
    to_criterion: str
    reason: str


@attrs.frozen(kw_only=True)
class OptionPair:
    """An old option that is the same requirement, at the same level, as a new option."""

    id: str
    from_criterion: str
    from_option: str
    to_criterion: str
    to_option: str
    reason: str


@attrs.frozen
class _Table:
    sources: tuple[str, ...]
    target: str
    criteria: dict[int, dict[str, CriterionPair]]
    options: dict[tuple[int, str, str], OptionPair]
    reasons: dict[str, str]


def _fail(path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(_FILE, path, message)


def _same(printed: str, catalogue: str, path: str) -> None:
    if nfc(printed) != nfc(catalogue):
        raise _fail(path, f"{printed!r} is not the catalogue's text {catalogue!r}")


def _title(text: str) -> str:
    return normalise(text).casefold()


def _criterion(old: CriteriaSheet, new: CriteriaSheet, row: Any, path: str) -> CriterionPair:
    try:
        a, b = old.criterion(row["from_criterion"]), new.criterion(row["to_criterion"])
    except KeyError as exc:
        raise _fail(path, f"no criterion {exc} on sheet {old.number}") from None
    _same(row["from_title"], a.title, f"{path}.from_title")
    _same(row["to_title"], b.title, f"{path}.to_title")
    if _title(a.title) == _title(b.title):
        raise _fail(path, "the titles are already the same; the entry adds nothing")
    if any(_title(c.title) == _title(b.title) for c in old.criteria):
        raise _fail(path, f"criterion {b.code} already has an old criterion of its title")
    return CriterionPair(
        id=row["id"], from_criterion=a.code, to_criterion=b.code, reason=row["reason"]
    )


def _option(
    old: CriteriaSheet, new: CriteriaSheet, row: Any, path: str, pairs: dict[str, CriterionPair]
) -> OptionPair:
    try:
        a, b = old.criterion(row["from_criterion"]), new.criterion(row["to_criterion"])
        la, lb = a.option(row["from_option"]).label, b.option(row["to_option"]).label
    except KeyError as exc:
        raise _fail(path, f"no criterion or option {exc} on sheet {old.number}") from None
    _same(row["from_label"], la, f"{path}.from_label")
    _same(row["to_label"], lb, f"{path}.to_label")
    paired = pairs.get(a.code)
    if _title(a.title) != _title(b.title) and (paired is None or paired.to_criterion != b.code):
        raise _fail(path, f"criterion {a.code} does not continue as {b.code}")
    if any(normalise(o.label) == normalise(la) for o in b.options):
        raise _fail(path, "the wording is already the same; the entry adds nothing")
    return OptionPair(
        id=row["id"],
        from_criterion=a.code,
        from_option=row["from_option"],
        to_criterion=b.code,
        to_option=row["to_option"],
        reason=row["reason"],
    )


@functools.cache
def _table() -> _Table:
    return check_table(read_table())


def read_table() -> Any:
    """The table as shipped (parsed JSON, unchecked)."""
    return json.loads(resources.files(__package__).joinpath(_FILE).read_text(encoding="utf-8"))


def check_table(doc: Any) -> _Table:
    """*doc* checked against both catalogues (:class:`~ocop.errors.CatalogueIntegrityError`
    naming the entry otherwise), indexed for :func:`criterion_pairs` and :func:`option_pair`."""
    source, target = doc["from_rulesets"][0], doc["to_ruleset"]
    olds, news = load_ruleset(source), load_ruleset(target)
    criteria: dict[int, dict[str, CriterionPair]] = {}
    options: dict[tuple[int, str, str], OptionPair] = {}
    seen: set[str] = set()
    targets: set[tuple[int, str, str]] = set()
    for kind in ("criteria", "options"):
        for i, row in enumerate(doc[kind]):
            path = f"{kind}[{i}]"
            if row["id"] in seen:
                raise _fail(f"{path}.id", f"{row['id']!r} is listed twice")
            seen.add(row["id"])
            for sheet in row["sheets"]:
                if map_sheet(source, sheet, target) != (sheet,):
                    raise _fail(f"{path}.sheets", f"sheet {sheet} does not continue as itself")
                old, new = olds.sheet(sheet), news.sheet(sheet)
                for other in doc["from_rulesets"][1:]:
                    if load_ruleset(other).sheet(sheet).criteria != old.criteria:
                        raise _fail(f"{path}.sheets", f"{other} sheet {sheet} is not {source}'s")
                pairs = criteria.setdefault(sheet, {})
                if kind == "criteria":
                    pair = _criterion(old, new, row, path)
                    key = (sheet, pair.to_criterion, "")
                    if pair.from_criterion in pairs or key in targets:
                        raise _fail(path, f"sheet {sheet}: the criterion is mapped twice")
                    pairs[pair.from_criterion] = pair
                else:
                    opt = _option(old, new, row, path, pairs)
                    key = (sheet, opt.to_criterion, opt.to_option)
                    if (sheet, opt.from_criterion, opt.from_option) in options or key in targets:
                        raise _fail(path, f"sheet {sheet}: the option is mapped twice")
                    options[(sheet, opt.from_criterion, opt.from_option)] = opt
                targets.add(key)
    reasons = {row["id"]: row["reason"] for kind in ("criteria", "options") for row in doc[kind]}
    return _Table(tuple(doc["from_rulesets"]), target, criteria, options, reasons)


def criterion_pairs(source: str, target: str, sheet: int) -> dict[str, CriterionPair]:
    """Old criterion code → its pair in the table, for *sheet* of *source* under *target*."""
    table = _table()
    if source not in table.sources or target != table.target:
        return {}
    return dict(table.criteria.get(sheet, {}))


def option_pair(
    source: str, target: str, sheet: int, criterion: str, option: str
) -> OptionPair | None:
    """The table's pair for the old *option* of *criterion*, if any."""
    table = _table()
    if source not in table.sources or target != table.target:
        return None
    return table.options.get((sheet, criterion, option))


def entry_reason(entry: str) -> str | None:
    """The reason the table gives for *entry* (``None``: no such entry)."""
    return _table().reasons.get(entry)
