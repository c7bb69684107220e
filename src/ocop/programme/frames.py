"""Statistics as pandas DataFrames (the optional extra ``pandas``).

>>> from datetime import date
>>> from ocop.programme import read_registry_csv, statistics
>>> reg = read_registry_csv("product,stars,level,decision_date\\nChè,4,province,2024-01-15\\n")
>>> frame = stats_frame(statistics(reg, date(2025, 1, 1)))
>>> frame[frame.dimension == "by_stars"][["key", "count", "share"]].to_dict("records")[1]
{'key': '4', 'count': 1, 'share': '100.0'}
"""

from __future__ import annotations

from typing import Any

from ocop.errors import MissingExtra
from ocop.programme.registry import Registry
from ocop.programme.stats import BREAKDOWNS, Stats, percent, shares

__all__ = ["BREAKDOWNS", "entries_frame", "stats_frame"]


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise MissingExtra("pandas", "pandas", "statistics as DataFrames") from None
    return pandas


def stats_frame(stats: Stats) -> Any:
    """One row per (breakdown, key): ``dimension``, ``key``, ``count``, ``share`` (a display
    percentage, rounded half up to one place; the exact shares are in the JSON document)."""
    pd = _pandas()
    rows = []
    for name in BREAKDOWNS:
        counts = getattr(stats, name)
        share = shares(counts)
        for key, count in counts.items():
            rows.append(
                {
                    "as_of": stats.as_of,
                    "dimension": name,
                    "key": str(key),
                    "count": count,
                    "share": percent(share[key], 1) if key in share else None,
                }
            )
    return pd.DataFrame(rows, columns=["as_of", "dimension", "key", "count", "share"])


def entries_frame(registry: Registry) -> Any:
    """The registry as a DataFrame: the row's columns and the certificate's interval in
    force (``first_day``, ``last_day``), how it ended and its rule set."""
    pd = _pandas()
    records = []
    for e in registry.entries:
        r = e.row
        records.append(
            {
                "line": r.line,
                "product": r.product,
                "producer": r.producer,
                "producer_type": None if r.producer_type is None else r.producer_type.value,
                "province": r.province,
                "commune": r.commune,
                "group": r.group,
                "stars": r.stars,
                "level": r.level.value,
                "decision": r.decision,
                "decision_date": r.decision_date,
                "term_start": r.term_start,
                "revoked_on": r.revoked_on,
                "ruleset": e.certificate.ruleset,
                "first_day": e.first_day,
                "last_day": e.last_day,
                "ended_by": e.ended_by,
            }
        )
    return pd.DataFrame.from_records(records)
