"""The provincial units statistics count by: the 63 before 1 July 2025 or the 34 after.

Nghị quyết 202/2025/QH15 merged 52 of the 63 provinces into 23 (the 11 others kept their
territory); the authorities of the 34 began work on 1 July 2025 (the data and its sources:
:func:`ocop.certificates.province_reform`). A registry keeps the province its rows were
recorded under — «Hòa Bình» for a product recognised in 2024 — and statistics count it:

* ``units="current"`` (the default): under the unit **in force on the statistics date**:
  the former province before 1 July 2025, the province it became part of from that day
  (a Hòa Bình row counts under «Phú Thọ» on 2025-07-01). Spellings of one unit («Tỉnh
  Hòa Bình», «Hoà Bình», «Hòa Bình») count together, under its short name. This is the
  default because a statistic *as of a date* describes the map of that date — the
  national figures from July 2025 are reported by the 34 provinces — and because it is
  the only choice under which the breakdown by province and the ``area`` filter agree.
* ``units="as_recorded"``: under the name as written (the breakdown before 2025's reform).

A name that is no province's (a typo, a district, another country) is never dropped nor
guessed: it is counted as written and listed in :attr:`~ocop.programme.Stats.unknown_provinces`.

>>> from datetime import date
>>> province_label("Tỉnh Hòa Bình", date(2025, 6, 30), ProvinceUnits.CURRENT)
'Hòa Bình'
>>> province_label("Tỉnh Hòa Bình", date(2025, 7, 1), ProvinceUnits.CURRENT)
'Phú Thọ'
>>> province_label("Tỉnh Hòa Bình", date(2025, 7, 1), ProvinceUnits.AS_RECORDED)
'Tỉnh Hòa Bình'
>>> province_label("Hòa Bìnk", date(2025, 7, 1), ProvinceUnits.CURRENT) is None
True
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from datetime import date

from ocop.certificates.provinces import province_key, province_reform
from ocop.errors import InvalidInput, show
from ocop.programme._rows import RegistryRow

__all__ = [
    "DEFAULT_UNITS",
    "ProvinceUnits",
    "area_filter",
    "check_units",
    "is_province",
    "province_label",
]


class ProvinceUnits(enum.StrEnum):
    """Which provincial units to count by (see the module's text)."""

    CURRENT = "current"
    """The units in force on the statistics date (63 before 1 July 2025, 34 from then)."""
    AS_RECORDED = "as_recorded"
    """The province names as the registry writes them."""


DEFAULT_UNITS = ProvinceUnits.CURRENT


def check_units(value: object, path: str = "units") -> ProvinceUnits:
    """*value* (a :class:`ProvinceUnits` or its text) as :class:`ProvinceUnits`; anything
    else is refused."""
    if isinstance(value, str):
        try:
            return ProvinceUnits(value)
        except ValueError:
            pass
    choices = ", ".join(u.value for u in ProvinceUnits)
    raise InvalidInput(path, value, f"expected one of {choices}, got {show(value)}")


@functools.lru_cache(maxsize=4096)
def _resolved(name: str) -> tuple[str | None, str | None, str | None, str | None]:
    """*name*'s former unit (code, short name) and its successor (code, short name)."""
    reform = province_reform()
    old = reform.former(name)
    new = reform.successor(name)
    return (
        None if old is None else old.code,
        None if old is None else old.short_name,
        None if new is None else new.code,
        None if new is None else new.short_name,
    )


def _after(on: date) -> bool:
    return on >= province_reform().in_force_from


def is_province(name: str) -> bool:
    """Whether *name* names a province, former or current."""
    return _resolved(name)[2] is not None


def province_label(name: str, on: date, units: ProvinceUnits) -> str | None:
    """The key *name* is counted under on *on*: the name as written (``as_recorded``), or
    the short name of the unit in force that day (``current``); ``None`` when ``current``
    and *name* is no province's."""
    if units is ProvinceUnits.AS_RECORDED:
        return name
    _old_code, old_name, _new_code, new_name = _resolved(name)
    return new_name if _after(on) else old_name


def _by_key(area: str) -> Callable[[RegistryRow], bool]:
    want = province_key(area)
    return lambda row: any(
        v is not None and province_key(v) == want for v in (row.province, row.commune)
    )


def area_filter(area: str, on: date | None, units: ProvinceUnits) -> Callable[[RegistryRow], bool]:
    """Whether a row is in the province (or commune) *area* on day *on*.

    With ``as_recorded`` (or no day), names are compared folded, without «Tỉnh» or
    «Thành phố». With ``current``, a name of one of the 34 provinces on a day from 1 July
    2025 takes in the rows of every former province merged into it («Phú Thọ» takes
    «Hòa Bình» rows); a former name, or any name before that day, the rows of that former
    province («Hòa Bình» is still Hòa Bình's own rows after the merger). A commune is
    matched by its name.
    """
    by_key = _by_key(area)
    if on is None or units is ProvinceUnits.AS_RECORDED:
        return by_key
    old_code, _old_name, new_code, new_name = _resolved(area)
    if new_code is not None and _after(on) and province_key(area) == province_key(new_name or ""):
        field, code = 2, new_code
    elif old_code is not None:
        field, code = 0, old_code
    else:
        return by_key

    def match(row: RegistryRow) -> bool:
        return (row.province is not None and _resolved(row.province)[field] == code) or by_key(row)

    return match
