"""Statistics of a registry as of any date: what is in force, by stars, producer type,
province, commune, group, year and level; the flows of a period; shares and the national
ratios. Counts are integers, shares exact fractions; :func:`percent` rounds for display.

>>> from datetime import date
>>> from ocop.programme.registry import read_registry_csv
>>> reg = read_registry_csv(
...     "product,producer,stars,level,decision_date\\n"
...     "Chè,HTX A,3,province,2023-08-31\\nMiến,HTX A,4,province,2024-01-15\\n"
... )
>>> st = statistics(reg, date(2026, 9, 1))
>>> st.valid, dict(st.by_stars), st.producers
(1, {3: 0, 4: 1, 5: 0}, 1)
>>> percent(ratio(4469, 6210), 0), percent(ratio(2439, 2961), 1)
('72', '82.4')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

import attrs

import ocop.programme._checks as _v
from ocop._check import check_date
from ocop.errors import InvalidInput
from ocop.programme.registry import Entry, Registry
from ocop.programme.units import (
    DEFAULT_UNITS,
    ProvinceUnits,
    area_filter,
    check_units,
    is_province,
    province_label,
)

__all__ = [
    "BREAKDOWNS",
    "UNKNOWN",
    "Flows",
    "Stats",
    "flows",
    "in_area",
    "percent",
    "ratio",
    "shares",
    "statistics",
]

K = TypeVar("K")
_DAY = timedelta(days=1)

#: The key under which rows without the field are counted.
UNKNOWN = "(unknown)"


def ratio(part: int | Fraction, whole: int | Fraction) -> Fraction:
    """*part* / *whole*, exactly; a zero *whole* is an error (there is no ratio)."""
    if whole == 0:
        raise InvalidInput("whole", whole, "a ratio over zero is undefined")
    return Fraction(part) / Fraction(whole)


def percent(share: Fraction, decimals: int = 1) -> str:
    """*share* (a fraction of 1) as a percentage with *decimals* places, rounded half up
    (the one display rounding of this package): ``percent(Fraction(1, 3)) == '33.3'``."""
    places = Decimal(1).scaleb(-decimals)
    value = (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        places, rounding=ROUND_HALF_UP
    )
    return f"{value:f}"


def shares(counts: Mapping[K, int]) -> dict[K, Fraction]:
    """Each count's share of their total (empty when the total is zero)."""
    total = sum(counts.values())
    return {k: Fraction(v, total) for k, v in counts.items()} if total else {}


def in_area(
    entry: Entry,
    area: str | None,
    *,
    as_of: date | None = None,
    units: ProvinceUnits | str = DEFAULT_UNITS,
) -> bool:
    """Whether *entry* is in the province (or commune) *area*: names compared folded,
    without a leading «Tỉnh» or «Thành phố»; ``None`` is the whole registry. With *as_of*
    and ``units="current"``, *area* is the unit of that day, by its former or new name
    (:func:`ocop.programme.units.area_filter`)."""
    if area is None:
        return True
    return area_filter(area, as_of, check_units(units))(entry.row)


@attrs.frozen(kw_only=True)
class Stats:
    """What is in force on ``as_of`` (``valid`` certificates), broken down."""

    as_of: date
    area: str | None
    valid: int
    producers: int
    """Distinct producers (province and name, folded) with a product in force."""
    unnamed: int
    """Products in force whose producer the registry does not name (not in ``producers``)."""
    by_stars: Mapping[int, int]
    by_producer_type: Mapping[str, int]
    producers_by_type: Mapping[str, int]
    by_province: Mapping[str, int]
    by_commune: Mapping[str, int]
    by_group: Mapping[str, int]
    by_year: Mapping[int, int]
    """By the year of the decision recognising the certificate in force."""
    by_level: Mapping[str, int]
    units: ProvinceUnits = DEFAULT_UNITS
    """The provincial units of ``by_province`` and ``area`` (:mod:`ocop.programme.units`)."""
    unknown_provinces: tuple[str, ...] = ()
    """The province names of the rows in force that are no province's, as written (counted
    under that name in ``by_province``, never dropped)."""

    @property
    def at_least_3_stars(self) -> int:
        return self.valid


def _count(values: list[str | None]) -> dict[str, int]:
    counts = Counter(UNKNOWN if v is None else v for v in values)
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0])))


BREAKDOWNS = (
    "by_stars",
    "by_producer_type",
    "producers_by_type",
    "by_province",
    "by_commune",
    "by_group",
    "by_year",
    "by_level",
)
"""The breakdowns of :class:`Stats`, in the order they are written (documents, frames,
the ``programme-stats`` schema)."""


def statistics(
    registry: Registry,
    as_of: date,
    *,
    area: str | None = None,
    units: ProvinceUnits | str = DEFAULT_UNITS,
) -> Stats:
    """The statistics of *registry* on *as_of* (optionally of one province or commune),
    provinces counted by *units* (:mod:`ocop.programme.units`: by default the units in
    force on *as_of*)."""
    registry = _v.instance("registry", registry, Registry, "an ocop.Registry")
    as_of, area = check_date("as_of", as_of), _v.area(area)
    units = check_units(units)
    live = [e for e in registry.entries if e.first_day <= as_of <= e.last_day]
    if area is not None:
        keep = area_filter(area, as_of, units)
        live = [e for e in live if keep(e.row)]
    rows = [e.row for e in live]
    names = {r.province for r in rows if r.province is not None}
    unknown = tuple(sorted(n for n in names if not is_province(n)))
    labels = {n: province_label(n, as_of, units) or n for n in names}
    stars = Counter(r.stars for r in rows)
    producers: dict[tuple[str, ...], str | None] = {}
    for r in rows:
        if r.producer is not None:
            kind = None if r.producer_type is None else r.producer_type.value
            producers.setdefault(r.key[:2], kind)
    return Stats(
        as_of=as_of,
        area=area,
        valid=len(rows),
        producers=len(producers),
        unnamed=sum(1 for r in rows if r.producer is None),
        by_stars={s: stars.get(s, 0) for s in (3, 4, 5)},
        by_producer_type=_count(
            [None if r.producer_type is None else r.producer_type.value for r in rows]
        ),
        producers_by_type=_count(list(producers.values())),
        by_province=_count([None if r.province is None else labels[r.province] for r in rows]),
        by_commune=_count([r.commune for r in rows]),
        by_group=_count([r.group for r in rows]),
        by_year=dict(sorted(Counter(r.decision_date.year for r in rows).items())),
        by_level=_count([r.level.value for r in rows]),
        units=units,
        unknown_provinces=unknown,
    )


@attrs.frozen(kw_only=True)
class Flows:
    """What happened from ``start`` to ``end`` (both inclusive), by decision or event day.

    ``new``: first certificates of a product; ``upgraded``: certificates of more stars
    replacing one in force; ``reranked``: the same product recognised again (re-ranked
    while in force, or after a lapse); ``expired``: certificates that lapsed in the period
    (the day after their last valid day is in it) without being replaced or revoked;
    ``revoked``: revocations.
    """

    start: date
    end: date
    area: str | None
    new: int
    upgraded: int
    reranked: int
    expired: int
    revoked: int


def flows(
    registry: Registry,
    start: date,
    end: date,
    *,
    area: str | None = None,
    units: ProvinceUnits | str = DEFAULT_UNITS,
) -> Flows:
    """The flows of *registry* from *start* to *end* (see :class:`Flows`); *area* is the
    unit of the day *end* (:func:`in_area`)."""
    registry = _v.instance("registry", registry, Registry, "an ocop.Registry")
    start, end = check_date("start", start), check_date("end", end)
    area = _v.area(area)
    if end < start:
        raise InvalidInput("end", end.isoformat(), f"is before start {start.isoformat()}")
    keep = None if area is None else area_filter(area, end, check_units(units))
    counts = Counter[str]()
    entries = registry.entries
    for e in entries:
        if keep is not None and not keep(e.row):
            continue
        if start <= e.first_day <= end:
            if e.previous is None:
                counts["new"] += 1
            elif entries[e.previous].ended_by == "upgraded":
                counts["upgraded"] += 1
            else:
                counts["reranked"] += 1
        if e.ended_by == "expired" and start <= e.last_day + _DAY <= end:
            counts["expired"] += 1
        revoked_on = e.row.revoked_on
        if e.ended_by == "revoked" and revoked_on is not None and start <= revoked_on <= end:
            counts["revoked"] += 1
    return Flows(
        start=start,
        end=end,
        area=area,
        new=counts["new"],
        upgraded=counts["upgraded"],
        reranked=counts["reranked"],
        expired=counts["expired"],
        revoked=counts["revoked"],
    )
