"""The term of a certificate: its last valid day, by the convention of its rule set.

A certificate is valid for 36 months "kể từ ngày cơ quan có thẩm quyền ban hành" (1048,
148 and 26/2026 alike). Two readings of the last day exist, and each rule set's
``certificates.json`` names the one it follows (``validity.convention``, with its source):

* ``anniversary_excluded`` — as published decisions read it: certificates of Nghệ An's
  QĐ 303/QĐ-UBND of 4 February 2020 "hết hiệu lực kể từ ngày 4/2/2023": the corresponding
  day of the last month is the first day without effect, so the day before it is the last
  valid day (where that month has no corresponding day — a term from 29 February or a 31st —
  its last day is the last valid day, the same in both readings);
* ``civil_code`` — Bộ luật Dân sự 2015 Điều 147.2 and 148.3: the day of the event is not
  counted and the term ends at the end of the corresponding day, the last valid day.

>>> from datetime import date
>>> term_end(date(2020, 2, 4), 36, "anniversary_excluded")
datetime.date(2023, 2, 3)
>>> term_end(date(2020, 2, 4), 36, "civil_code")
datetime.date(2023, 2, 4)
>>> term_end(date(2024, 2, 29), 36, "anniversary_excluded")   # 2027 has no 29 February
datetime.date(2027, 2, 28)
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ocop._check import check_date
from ocop.calendar import months_end
from ocop.criteria.registry import TermConvention
from ocop.errors import InvalidInput

__all__ = ["CURRENT", "TermConvention", "term_end", "validity_end"]

#: The rule set whose certificate rules govern from its entry into force (an id, not law):
#: its instrument, in-force date and periods are read from :mod:`ocop.criteria.registry`.
CURRENT = "qd26-2026"


def term_end(start: date, months: int, convention: TermConvention) -> date:
    """The last valid day of a term of *months* months from *start*, by *convention*."""
    start = check_date("term_start", start)
    if type(months) is not int or months <= 0:
        raise InvalidInput("months", months, "expected a positive number of months")
    if convention not in ("anniversary_excluded", "civil_code"):
        raise InvalidInput(
            "convention", convention, "expected 'anniversary_excluded' or 'civil_code'"
        )
    anniversary = months_end(start, months)
    if convention == "civil_code" or anniversary.day != start.day:
        return anniversary
    return anniversary - timedelta(days=1)


def validity_end(issued: date, months: int | None = None) -> date:
    """The last day of a period of *months* months counted from the day *issued*.

    :func:`ocop.calendar.months_end`: Bộ luật Dân sự 2015 Điều 147.2 (the day of the event
    is not counted) and 148.3 (the corresponding day of the last month, or that month's
    last day). So the last valid day is ``issued + 36 months`` (inclusive). It is not
    moved off a weekend day or holiday: it ends a validity, not a period for an act
    (docs/interpretations.md). This is the ``civil_code`` reading; a certificate's own last
    day follows its rule set's convention (:func:`term_end`, :attr:`Certificate.valid_until
    <ocop.certificates.Certificate.valid_until>`).

    >>> validity_end(date(2023, 8, 31))
    datetime.date(2026, 8, 31)
    >>> validity_end(date(2024, 2, 29))      # 2027 has no 29 February
    datetime.date(2027, 2, 28)
    >>> validity_end(date(2023, 5, 31), 1)   # a month without a 31st ends on its last day
    datetime.date(2023, 6, 30)
    """
    issued = check_date("issued", issued)
    if months is None:  # the current rule set's validity (certificates.json)
        months = _current_months()
    return months_end(issued, months)


def _current_months() -> int:
    from ocop.criteria import registry

    value: Any = registry.certificate_rules(CURRENT).validity.months
    return int(value)
