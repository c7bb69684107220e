"""The periods of a certificate's life: the re-ranking window, the re-ranking deadline,
the extension of Điều 12.3 and who revokes (26/2026/QĐ-TTg Điều 7, 8, 12).

Days are counted by :mod:`ocop.calendar`; :class:`Deadline` is its one deadline class.

>>> from datetime import date
>>> w = reranking_window(date(2029, 8, 5))
>>> w.opens, w.closes
(datetime.date(2029, 2, 6), datetime.date(2029, 4, 7))
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from ocop._source import Source
from ocop.calendar import Deadline, HolidayCalendar, days_before, period_deadline
from ocop.certificates.model import CURRENT, certificate_ruleset, qd26_in_force
from ocop.errors import InvalidInput, show
from ocop.model import CouncilLevel

__all__ = [
    "PERIOD_KEYS",
    "Deadline",
    "Extension",
    "FilingTiming",
    "ReRankingWindow",
    "RevocationAuthority",
    "cite",
    "days",
    "notice",
    "notice_days",
    "period",
    "reranking_decision_due",
    "reranking_window",
    "revocation_authority",
]

#: The periods of a certificate's life, read from the registry: each former constant's
#: name, the rule set's data file that holds it (``certificates.json`` or
#: ``procedure.json``) and its key there. Reading ``periods.WINDOW_EARLIEST_DAYS`` etc.
#: still works (module ``__getattr__``).
PERIOD_KEYS: dict[str, tuple[str, str]] = {
    "WINDOW_EARLIEST_DAYS": ("certificates", "reranking_window_opens"),
    "WINDOW_LATEST_DAYS": ("certificates", "reranking_window_closes"),
    "EXTENSION_DAYS": ("certificates", "extension"),
    "RERANKING_DECISION_DAYS": ("procedure", "rerank"),
    "REVOCATION_DAYS": ("procedure", "revocation"),
}
_NOTICE_KEY = "expiry_notice"


def period(name: str) -> tuple[int, Source]:
    """Length and source of a period of the current rule set (:data:`PERIOD_KEYS`)."""
    from ocop.criteria import registry
    from ocop.procedure import load_procedure

    where, key = PERIOD_KEYS[name]
    if where == "certificates":
        found = registry.certificate_rules(CURRENT).period(key)
        if found is not None:
            return found.length, found.source
    else:
        for each in load_procedure(CURRENT).periods:
            if each.key == key:
                return each.length, each.source
    raise KeyError(key)  # pragma: no cover - guarded by the registry tests


def days(name: str) -> int:
    """The length in days of a period of the current rule set (:data:`PERIOD_KEYS`)."""
    return period(name)[0]


def notice(ruleset: str) -> tuple[int, Source] | None:
    """The expiry notice of *ruleset* (148/QĐ-TTg's 30 days), if its data has one."""
    from ocop.criteria import registry

    found = registry.certificate_rules(ruleset).period(_NOTICE_KEY)
    return None if found is None else (found.length, found.source)


def notice_days() -> int:
    """The notice period used for ``expiring_soon`` (the 148/QĐ-TTg rule sets' data)."""
    from ocop.criteria import registry

    lengths = {n[0] for r in registry.rulesets() if (n := notice(r.id)) is not None}
    if len(lengths) != 1:
        raise KeyError(_NOTICE_KEY)  # pragma: no cover - guarded by the registry tests
    return lengths.pop()


def __getattr__(name: str) -> int:
    """The former constants (``REVOCATION_DAYS`` …), read from the data."""
    if name in PERIOD_KEYS:
        return days(name)
    if name == "EXPIRING_SOON_DAYS":
        return notice_days()
    raise AttributeError(f"module {show(__name__)} has no attribute {show(name)}")


def cite(key: str) -> Source:
    """A provision of the current rule set that the certificates cite, by its key in the
    rule set's ``certificates.json`` (``upgrade``, ``reranking``, ``kept``, ...)."""
    from ocop.criteria import registry

    return registry.certificate_rules(CURRENT).provision(key)


class FilingTiming(enum.StrEnum):
    """When a re-ranking was filed, against the window of 26/2026 Điều 7.6.a."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    """After the window closed, on or before the expiry day (Điều 12.3 may extend)."""
    AFTER_EXPIRY = "after_expiry"
    BEFORE_QD26 = "before_qd26"
    """Filed before 26/2026 took effect: its window does not apply (Điều 12.2.b)."""


@attrs.frozen(kw_only=True)
class ReRankingWindow:
    """The days on which a re-ranking may be filed: ``opens`` to ``closes``, both inclusive.

    26/2026 Điều 7.6.a: *không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến ngày
    hết thời hạn*. Counting back from the expiry day (not counted), 180 days before it
    is the earliest day and 120 days before it the latest.
    """

    opens: date
    closes: date
    source: Source = attrs.field(factory=lambda: period("WINDOW_EARLIEST_DAYS")[1])

    @property
    def applies(self) -> bool:
        """Whether 26/2026 is in force before the window closes (else the window never ran)."""
        return self.closes >= qd26_in_force()

    def state(self, day: date) -> str:
        """``"not_yet_open"``, ``"open"`` or ``"closed"`` on *day*."""
        if day < self.opens:
            return "not_yet_open"
        return "open" if day <= self.closes else "closed"


def reranking_window(valid_until: date) -> ReRankingWindow:
    """The re-ranking window of a certificate whose last valid day is *valid_until*.

    >>> w = reranking_window(date(2029, 8, 5))
    >>> w.opens, w.closes
    (datetime.date(2029, 2, 6), datetime.date(2029, 4, 7))
    """
    return ReRankingWindow(
        opens=days_before(valid_until, days("WINDOW_EARLIEST_DAYS")),
        closes=days_before(valid_until, days("WINDOW_LATEST_DAYS")),
    )


def reranking_decision_due(
    dossier_complete_on: date, *, calendar: HolidayCalendar | None = None
) -> Deadline:
    """The last day for a re-ranking result: 45 days from the complete dossier (Điều 7.6.g).

    Counted by :func:`ocop.calendar.period_deadline`, as :func:`ocop.procedure.deadline`
    counts the period ``rerank``: a 45th day that is a weekend day or a public holiday
    moves to the next working day (Bộ luật Dân sự 2015 Điều 148.5).

    >>> reranking_decision_due(date(2026, 6, 1)).on
    datetime.date(2026, 7, 16)
    >>> reranking_decision_due(date(2026, 6, 3)).on    # day 45 is Saturday 18 July
    datetime.date(2026, 7, 20)
    """
    return period_deadline(
        "reranking_decision_due",
        dossier_complete_on,
        days("RERANKING_DECISION_DAYS"),
        "days",
        source=period("RERANKING_DECISION_DAYS")[1],
        description="the re-ranking is finished within 45 days of the complete dossier",
        counted_from="the complete re-ranking dossier",
        calendar=calendar,
    )


@attrs.frozen(kw_only=True)
class RevocationAuthority:
    """Who decides a revocation (26/2026 Điều 8.2)."""

    level: CouncilLevel
    title: str
    source: Source


def revocation_authority(stars: int, *, ruleset: str = CURRENT) -> RevocationAuthority:
    """The authority that revokes a certificate of *stars* stars under *ruleset*
    (26/2026 Điều 8.2; under the earlier rule sets, the province's own regulation for 3-4★
    and the ministry for 5★, as their ``certificates.json`` records, unverified).

    >>> revocation_authority(5).title
    'Bộ trưởng Bộ Nông nghiệp và Môi trường'
    >>> revocation_authority(3, ruleset="qd1048-2019").source.instrument.startswith("Quy chế")
    True
    """
    from ocop.criteria import registry

    if not isinstance(ruleset, str):
        raise InvalidInput("ruleset", ruleset, "a rule set is named by its id, such as 'qd26-2026'")
    rules = registry.certificate_rules(certificate_ruleset(ruleset).id)
    if type(stars) is int:
        for rule in rules.revocation_authorities:
            if stars in rule.stars:
                return RevocationAuthority(level=rule.level, title=rule.title, source=rule.source)
    raise InvalidInput("stars", stars, "only 3- to 5-star products hold certificates")


@attrs.frozen(kw_only=True)
class Extension:
    """A validity extended past expiry by a pending re-ranking (26/2026 Điều 12.3)."""

    filed_on: date
    timing: FilingTiming
    until_at_latest: date
    """180 days from the expiry day (the expiry day not counted), not moved off a day off:
    it ends a validity (:func:`ocop.calendar.last_day`; docs/interpretations.md)."""
    ended_on: date | None = None
    """The day of the authority's result, when it came during the extension."""
    source: Source = attrs.field(factory=lambda: period("EXTENSION_DAYS")[1])

    @property
    def last_day(self) -> date:
        return self.until_at_latest if self.ended_on is None else self.ended_on
