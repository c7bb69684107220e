"""Flat records of rank results, for tables and DataFrames.

:func:`to_records` turns results into flat dicts with stable column names: one row per
product, or with ``members=True`` one row per member sheet. :func:`to_frame` makes a
:class:`pandas.DataFrame` of them (``pip install "ocop[pandas]"``).

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(1).criteria}
>>> answers["10"] = "a"
>>> result = ocop.rank([{"member": "A", "answers": answers}], sheet=1, ruleset="qd26-2026")
>>> row = ocop.records.to_record(result)
>>> row["stars"], row["band_stars"], row["average"], row["average_display"]
(3, 5, '96', '96.00')
>>> row["part_C"], row["min_failed"], row["min_failed_4"]
('31.00', 1, '10')

Exact values are strings (``"215/3"``); display values are the rule set's rounding
(``"71.67"``). Items may be :class:`~ocop.RankResult` objects, :class:`~ocop.batch.RankFailure`
objects, or the JSON documents ``ocop rank --jsonl`` writes (summary or full results, and
error lines), so

>>> import ocop                                                      # doctest: +SKIP
>>> df = ocop.to_frame(ocop.read_jsonl("results.jsonl"))             # doctest: +SKIP

reads the output of a batch run into a DataFrame. A failed product gives a row with
``status`` ``"error"`` and the message in ``error``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ocop._convert import format_fraction
from ocop.batch import RankFailure
from ocop.criteria import load_ruleset
from ocop.errors import InvalidInput, OcopError, show
from ocop.ranking.result import RankResult, display
from ocop.serialize import result_from_dict

__all__ = ["PRODUCT_COLUMNS", "PandasMissing", "to_frame", "to_record", "to_records"]

PARTS = ("A", "B", "C")
LEVELS = (3, 4, 5)

PRODUCT_COLUMNS: tuple[str, ...] = (
    "id",
    "ruleset",
    "sheet",
    "policy",
    "status",
    "stars",
    "band_stars",
    "average",
    "average_display",
    *(f"part_{p}" for p in PARTS),
    *(f"part_{p}_exact" for p in PARTS),
    "to_next_band",
    "members",
    "min_failed",
    *(f"min_failed_{level}" for level in LEVELS),
    "conditions",
    "council_rules",
    "council_breaches",
    "error",
)
"""The columns of a product row, in order (a member row adds :data:`MEMBER_COLUMNS`)."""

MEMBER_COLUMNS: tuple[str, ...] = (
    "member",
    "member_total",
    *(f"member_part_{p}" for p in PARTS),
    "member_not_considered",
)


class PandasMissing(OcopError, ImportError):
    """:func:`to_frame` needs pandas: ``pip install "ocop[pandas]"``."""


def _product_row(result: RankResult) -> dict[str, Any]:
    failed = {
        level: [f.criterion for f in result.failed_minimums if f.stars == level] for level in LEVELS
    }
    row: dict[str, Any] = {
        "id": result.id,
        "ruleset": result.ruleset,
        "sheet": result.sheet,
        "policy": result.policy.value,
        "status": result.status,
        "stars": result.stars,
        "band_stars": result.band_stars,
        "average": format_fraction(result.average),
        "average_display": str(result.average_display),
    }
    for p in PARTS:
        value = result.parts.get(p)
        row[f"part_{p}"] = None if value is None else str(display(value, result.rounding))
    for p in PARTS:
        value = result.parts.get(p)
        row[f"part_{p}_exact"] = None if value is None else format_fraction(value)
    row["to_next_band"] = (
        None if result.to_next_band is None else str(display(result.to_next_band, result.rounding))
    )
    row["members"] = len(result.members)
    row["min_failed"] = len(result.failed_minimums)
    for level in LEVELS:
        row[f"min_failed_{level}"] = ";".join(failed[level])
    row["conditions"] = ";".join(c.key for c in result.conditions)
    row["council_rules"] = result.council_rules
    row["council_breaches"] = ";".join(
        b.rule if b.criterion is None else f"{b.rule}:{b.criterion}"
        for b in result.council_breaches
    )
    row["error"] = None
    return row


def _error_row(id: str | None, message: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(PRODUCT_COLUMNS)
    row.update(id=id, status="error", error=message)
    return row


def to_record(result: RankResult) -> dict[str, Any]:
    """One flat row for *result* (the columns of :data:`PRODUCT_COLUMNS`); ``id`` is the
    request's."""
    if not isinstance(result, RankResult):
        raise TypeError(f"to_record takes a RankResult, got {type(result).__name__}")
    return _product_row(result)


def _rows(item: Any, where: str, *, members: bool) -> Iterator[dict[str, Any]]:
    if isinstance(item, RankFailure):
        row = _error_row(item.id, str(item.error))
        if members:
            row.update(dict.fromkeys(MEMBER_COLUMNS))
        yield row
        return
    if isinstance(item, Mapping):
        rid = item.get("id")
        if "error" in item and "line" in item:
            error = item["error"]
            message = error.get("message") if isinstance(error, Mapping) else str(error)
            path = error.get("path") if isinstance(error, Mapping) else None
            row = _error_row(rid, f"line {item['line']}: {path + ': ' if path else ''}{message}")
            if members:
                row.update(dict.fromkeys(MEMBER_COLUMNS))
            yield row
            return
        full = _summary_as_full(item)
        # A summary line has no answers to rank again: its fields are checked together.
        item = result_from_dict(full, rerank=full is item)
    if not isinstance(item, RankResult):  # data: a row of a stream, not a type error
        raise InvalidInput(
            where,
            show(item),
            f"expected a RankResult, a RankFailure or a result document, got {show(item)}",
        )
    product = _product_row(item)
    if not members:
        yield product
        return
    for score in item.members:
        row = dict(product)
        row["member"] = score.member
        row["member_total"] = score.total
        for p in PARTS:
            row[f"member_part_{p}"] = score.parts.get(p)
        row["member_not_considered"] = ";".join(score.not_considered)
        yield row


def _summary_as_full(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    """A summary line (``ocop rank --jsonl``'s default) completed with what it leaves out
    (empty answers, which the rows do not use; the rule set's rounding note), so that it
    reads as a result; any other document unchanged."""
    members = doc.get("members")
    if (
        "explanation" in doc
        or not isinstance(members, list)
        or not all(isinstance(m, Mapping) and "answers" not in m for m in members)
    ):
        return doc
    full = {**doc, "members": [{**m, "answers": {}} for m in members]}
    rounding, ruleset = doc.get("rounding"), doc.get("ruleset")
    if isinstance(rounding, Mapping) and "note" not in rounding and isinstance(ruleset, str):
        try:
            note = load_ruleset(ruleset).rounding.note
        except OcopError:
            return full  # result_from_dict names the unknown rule set
        full["rounding"] = {**rounding, "note": note}
    return full


def to_records(items: Iterable[Any], *, members: bool = False) -> Iterator[dict[str, Any]]:
    """Flat rows, lazily: one per product, or with ``members=True`` one per member sheet.

    *items* are :class:`~ocop.RankResult` objects, :class:`~ocop.batch.RankFailure`
    objects or JSON result documents (as ``ocop rank --jsonl`` writes them, error lines
    included). Every row has the same columns: :data:`PRODUCT_COLUMNS`, then
    :data:`MEMBER_COLUMNS` for member rows.
    """
    for index, item in enumerate(items):
        yield from _rows(item, f"items[{index}]", members=members)


def to_frame(items: Iterable[Any], *, members: bool = False) -> Any:
    """A ``pandas.DataFrame`` of :func:`to_records` (needs the ``pandas`` extra).

    The display columns (``average_display``, ``part_A`` ... ``part_C``,
    ``to_next_band``) become floating-point columns for analysis; the exact values stay
    strings in ``average`` and ``part_*_exact``. Star classes are nullable integers.
    """
    try:
        import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise PandasMissing(
            'ocop.to_frame needs pandas; install it with pip install "ocop[pandas]"'
        ) from None
    columns = list(PRODUCT_COLUMNS) + (list(MEMBER_COLUMNS) if members else [])
    frame = pd.DataFrame.from_records(list(to_records(items, members=members)), columns=columns)
    for name in ("average_display", "to_next_band", *(f"part_{p}" for p in PARTS)):
        frame[name] = pd.to_numeric(frame[name])
    for name in ("sheet", "stars", "band_stars", "members", "min_failed"):
        frame[name] = frame[name].astype("Int64")
    return frame
