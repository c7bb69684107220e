"""The status of a certificate on a date, its deadlines, and the validation of its history.

>>> from datetime import date
>>> from ocop.certificates import Certificate, certificate_status
>>> cert = Certificate(issued=date(2026, 8, 5), ruleset="qd26-2026", stars=3)
>>> st = certificate_status(cert, date(2029, 3, 1))
>>> st.status.value, st.valid_until.isoformat()
('reranking_window', '2029-08-05')
>>> st.reranking_window.opens.isoformat(), st.reranking_window.closes.isoformat()
('2029-02-06', '2029-04-07')
>>> st.next_deadline.what, st.next_deadline.on.isoformat(), str(st.next_deadline.source)
('reranking_window_closes', '2029-04-07', '26/2026/QĐ-TTg, Điều 7, khoản 6, điểm a')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import attrs

from ocop.certificates.model import (
    BLDS_DAYS,
    BLDS_MONTHS,
    CURRENT,
    Certificate,
    Event,
    ReRanked,
    ReRankingFiled,
    Revoked,
    Upgraded,
    _is_date,
    days_after,
    days_before,
    qd26,
    qd26_in_force,
    revocation_period,
)
from ocop.criteria.model import Source
from ocop.errors import InvalidHistory, InvalidInput
from ocop.model import CouncilLevel

__all__ = [
    "CertificateStatus",
    "Deadline",
    "Extension",
    "FilingTiming",
    "ReRankingWindow",
    "RevocationAuthority",
    "Status",
    "SupersededBy",
    "certificate_status",
    "reranking_decision_due",
    "reranking_window",
    "revocation_authority",
    "validate_history",
]

#: The periods once written here as constants, now read from the registry: each name,
#: the rule set's data file that holds it (``certificates.json`` or ``procedure.json``)
#: and its key there. Reading ``status.WINDOW_EARLIEST_DAYS`` etc. still works.
PERIOD_KEYS: dict[str, tuple[str, str]] = {
    "WINDOW_EARLIEST_DAYS": ("certificates", "reranking_window_opens"),
    "WINDOW_LATEST_DAYS": ("certificates", "reranking_window_closes"),
    "EXTENSION_DAYS": ("certificates", "extension"),
    "RERANKING_DECISION_DAYS": ("procedure", "rerank"),
    "REVOCATION_DAYS": ("procedure", "revocation"),
}
_NOTICE_KEY = "expiry_notice"


def _period(name: str) -> tuple[int, Source]:
    """Length and source of a period of the current rule set (:data:`PERIOD_KEYS`)."""
    from ocop.criteria import registry
    from ocop.procedure import load_procedure

    where, key = PERIOD_KEYS[name]
    if where == "certificates":
        found = registry.certificate_rules(CURRENT).period(key)
        if found is not None:
            return found.length, found.source
    else:
        for period in load_procedure(CURRENT).periods:
            if period.key == key:
                return period.length, period.source
    raise KeyError(key)  # pragma: no cover - guarded by the registry tests


def _days(name: str) -> int:
    return _period(name)[0]


def _notice(ruleset: str) -> tuple[int, Source] | None:
    """The expiry notice of *ruleset* (148/QĐ-TTg's 30 days), if its data has one."""
    from ocop.criteria import registry

    found = registry.certificate_rules(ruleset).period(_NOTICE_KEY)
    return None if found is None else (found.length, found.source)


def _notice_days() -> int:
    """The notice period used for ``expiring_soon`` (the 148/QĐ-TTg rule sets' data)."""
    from ocop.criteria import registry

    lengths = {n[0] for r in registry.rulesets() if (n := _notice(r.id)) is not None}
    if len(lengths) != 1:
        raise KeyError(_NOTICE_KEY)  # pragma: no cover - guarded by the registry tests
    return lengths.pop()


def __getattr__(name: str) -> int:
    """The former constants (``REVOCATION_DAYS`` …), read from the data."""
    if name in PERIOD_KEYS:
        return _days(name)
    if name == "EXPIRING_SOON_DAYS":
        return _notice_days()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _cite(provision: str) -> Source:
    return Source(instrument=qd26(), provision=provision)


class Status(enum.StrEnum):
    """Where a certificate stands on a date."""

    VALID = "valid"
    RERANKING_WINDOW = "reranking_window"
    """Valid, and the re-ranking window of 26/2026 Điều 7.6.a is open."""
    EXPIRING_SOON = "expiring_soon"
    """Valid, in its last 30 days (148/QĐ-TTg's notice period)."""
    EXTENDED = "extended"
    """Past its 36 months, kept valid by a pending re-ranking (26/2026 Điều 12.3)."""
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    """Replaced by a new certificate after an upgrade or a re-recognition."""

    @property
    def is_valid(self) -> bool:
        return self in _VALID


_VALID = frozenset({Status.VALID, Status.RERANKING_WINDOW, Status.EXPIRING_SOON, Status.EXTENDED})


class SupersededBy(enum.StrEnum):
    UPGRADE = "upgrade"
    """Nâng hạng (26/2026 Điều 7.5)."""
    RE_RECOGNITION = "re_recognition"
    """Công nhận lại after a re-ranking (26/2026 Điều 7.6)."""


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
class Deadline:
    """A dated milestone in a certificate's life, with the provision it comes from."""

    what: str
    on: date
    description: str
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "on": self.on.isoformat(),
            "description": self.description,
            "source": str(self.source),
        }


@attrs.frozen(kw_only=True)
class ReRankingWindow:
    """The days on which a re-ranking may be filed: ``opens`` to ``closes``, both inclusive.

    26/2026 Điều 7.6.a: *không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến ngày
    hết thời hạn*. Counting back from the expiry day (not counted), 180 days before it
    is the earliest day and 120 days before it the latest.
    """

    opens: date
    closes: date
    source: Source = attrs.field(factory=lambda: _period("WINDOW_EARLIEST_DAYS")[1])

    @property
    def applies(self) -> bool:
        """Whether 26/2026 is in force before the window closes (else the window never ran)."""
        return self.closes >= qd26_in_force()

    def state(self, day: date) -> str:
        """``"not_yet_open"``, ``"open"`` or ``"closed"`` on *day*."""
        if day < self.opens:
            return "not_yet_open"
        return "open" if day <= self.closes else "closed"

    def to_dict(self, day: date | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "opens": self.opens.isoformat(),
            "closes": self.closes.isoformat(),
            "applies": self.applies,
            "source": str(self.source),
        }
        if day is not None:
            doc["state"] = self.state(day)
        return doc


def reranking_window(valid_until: date) -> ReRankingWindow:
    """The re-ranking window of a certificate whose last valid day is *valid_until*.

    >>> w = reranking_window(date(2029, 8, 5))
    >>> w.opens, w.closes
    (datetime.date(2029, 2, 6), datetime.date(2029, 4, 7))
    """
    return ReRankingWindow(
        opens=days_before(valid_until, _days("WINDOW_EARLIEST_DAYS")),
        closes=days_before(valid_until, _days("WINDOW_LATEST_DAYS")),
    )


def reranking_decision_due(dossier_complete_on: date) -> Deadline:
    """The last day for a re-ranking result: 45 days from the complete dossier (Điều 7.6.g).

    >>> reranking_decision_due(date(2026, 6, 1)).on
    datetime.date(2026, 7, 16)
    """
    return Deadline(
        what="reranking_decision_due",
        on=days_after(dossier_complete_on, _days("RERANKING_DECISION_DAYS")),
        description="the re-ranking is finished within 45 days of the complete dossier",
        source=_period("RERANKING_DECISION_DAYS")[1],
    )


@attrs.frozen(kw_only=True)
class RevocationAuthority:
    """Who decides a revocation (26/2026 Điều 8.2)."""

    level: CouncilLevel
    title: str
    source: Source


def revocation_authority(stars: int) -> RevocationAuthority:
    """The authority that revokes a certificate of *stars* stars (26/2026 Điều 8.2).

    >>> revocation_authority(5).title
    'Bộ trưởng Bộ Nông nghiệp và Môi trường'
    """
    if isinstance(stars, bool) or stars not in (3, 4, 5):
        raise InvalidInput("stars", stars, "only 3- to 5-star products hold certificates")
    if stars == 5:
        return RevocationAuthority(
            level=CouncilLevel.CENTRAL,
            title="Bộ trưởng Bộ Nông nghiệp và Môi trường",
            source=_cite("Điều 8, khoản 2, điểm b"),
        )
    return RevocationAuthority(
        level=CouncilLevel.PROVINCE,
        title="Chủ tịch UBND cấp tỉnh",
        source=_cite("Điều 8, khoản 2, điểm a"),
    )


@attrs.frozen(kw_only=True)
class Extension:
    """A validity extended past expiry by a pending re-ranking (26/2026 Điều 12.3)."""

    filed_on: date
    timing: FilingTiming
    until_at_latest: date
    """180 days from the expiry day (the expiry day not counted)."""
    ended_on: date | None = None
    """The day of the authority's result, when it came during the extension."""
    source: Source = attrs.field(factory=lambda: _period("EXTENSION_DAYS")[1])

    @property
    def last_day(self) -> date:
        return self.until_at_latest if self.ended_on is None else self.ended_on


# --- Replaying a history ------------------------------------------------------------------


def _timing(filed: date, valid_until: date) -> FilingTiming:
    if filed < qd26_in_force():
        return FilingTiming.BEFORE_QD26
    window = reranking_window(valid_until)
    if filed < window.opens:
        return FilingTiming.EARLY
    if filed <= window.closes:
        return FilingTiming.ON_TIME
    if filed <= valid_until:
        return FilingTiming.LATE
    return FilingTiming.AFTER_EXPIRY


@attrs.define
class _State:
    """The state reached after replaying the events up to a day."""

    terminal: Event | None = None
    pending: ReRankingFiled | None = None
    pending_timing: FilingTiming | None = None
    filing_at_expiry: ReRankingFiled | None = None
    timing_at_expiry: FilingTiming | None = None
    result_on: date | None = None
    """The day a re-ranking result ended the pending filing."""
    current_stars: int | None = None
    last_filing: tuple[ReRankingFiled, FilingTiming] | None = None


def _extension(cert: Certificate, state: _State) -> Extension | None:
    """The extension the state gives, if any (without the result cut, see ``ended_on``)."""
    end = cert.valid_until
    filing, timing = state.filing_at_expiry, state.timing_at_expiry
    if filing is None or timing is None:
        return None
    # Điều 12.3 "continues" a certificate in force when 26/2026 applies: the day after
    # expiry must be a day on which 26/2026 is in force.
    if days_after(end, 1) < qd26_in_force():
        return None
    # An on-time filing gets the extension a fortiori; a filing made before 26/2026 took
    # effect (its window did not bind) is treated alike. See docs/certificates.md.
    if timing not in (FilingTiming.ON_TIME, FilingTiming.LATE, FilingTiming.BEFORE_QD26):
        return None
    latest = days_after(end, _days("EXTENSION_DAYS"))
    ended = state.result_on if state.result_on is not None and state.result_on > end else None
    if ended is not None and ended > latest:
        ended = None
    return Extension(filed_on=filing.on, timing=timing, until_at_latest=latest, ended_on=ended)


def _in_force(cert: Certificate, state: _State, day: date) -> bool:
    if day < cert.issued:
        return False
    if day <= cert.valid_until:
        return True
    ext = _extension(cert, state)
    return ext is not None and day <= ext.last_day


def _sort_key(item: tuple[int, Event]) -> tuple[date, int, int]:
    order = {"reranking_filed": 0, "reranked": 1, "upgraded": 2, "revoked": 3}
    index, event = item
    return (event.on, order[event.kind], index)


def _replay(cert: Certificate, events: Sequence[Event], until: date | None) -> _State:
    state = _State(current_stars=cert.stars)
    end = cert.valid_until
    for index, event in enumerate(events):
        if not isinstance(event, Upgraded | ReRankingFiled | ReRanked | Revoked):
            raise InvalidHistory(f"events[{index}]", event, "not a certificate event")
    for index, event in sorted(enumerate(events), key=_sort_key):
        path = f"events[{index}]"
        if until is not None and event.on > until:
            continue
        on = event.on.isoformat()
        # Crossing the expiry day: remember what was pending then.
        if event.on > end and state.filing_at_expiry is None and state.pending is not None:
            state.filing_at_expiry, state.timing_at_expiry = state.pending, state.pending_timing
        if event.on < cert.issued:
            raise InvalidHistory(
                f"{path}.on",
                on,
                f"{event.kind} on {on} is before the certificate was issued "
                f"({cert.issued.isoformat()})",
            )
        if state.terminal is not None:
            t = state.terminal
            what = "revoked" if isinstance(t, Revoked) else "superseded"
            raise InvalidHistory(
                f"{path}.on",
                on,
                f"{event.kind} on {on} comes after the certificate was {what} "
                f"on {t.on.isoformat()}",
            )
        if isinstance(event, ReRankingFiled):
            if state.pending is not None:
                raise InvalidHistory(
                    f"{path}.on",
                    on,
                    f"a re-ranking filed on {state.pending.on.isoformat()} is still pending",
                )
            timing = _timing(event.on, end)
            if timing is FilingTiming.EARLY:
                window = reranking_window(end)
                raise InvalidHistory(
                    f"{path}.on",
                    on,
                    f"filed before the re-ranking window opens ({window.opens.isoformat()}): "
                    f"no earlier than {_days('WINDOW_EARLIEST_DAYS')} days before expiry "
                    f"({qd26()} Điều 7.6.a)",
                )
            state.pending, state.pending_timing = event, timing
            state.last_filing = (event, timing)
        elif isinstance(event, ReRanked):
            if state.pending is None:
                raise InvalidHistory(
                    f"{path}.on", on, f"re-ranking result on {on} without a re-ranking filed"
                )
            in_force = _in_force(cert, state, event.on)
            state.pending = None
            state.pending_timing = None
            state.result_on = event.on
            if event.stars is not None and in_force:
                state.terminal = event
        elif isinstance(event, Upgraded):
            if not _in_force(cert, state, event.on):
                raise InvalidHistory(
                    f"{path}.on",
                    on,
                    f"an upgrade on {on} cannot replace a certificate that expired "
                    f"on {end.isoformat()}",
                )
            if state.current_stars is None:
                raise InvalidHistory(
                    f"{path}.stars",
                    event.stars,
                    "the certificate's stars are not known, so an upgrade cannot be checked",
                )
            if event.stars <= state.current_stars:
                raise InvalidHistory(
                    f"{path}.stars",
                    event.stars,
                    f"an upgrade must raise the class above {state.current_stars} stars",
                )
            state.terminal = event
        else:  # Revoked
            if event.ground is None and event.on >= qd26_in_force():
                raise InvalidHistory(
                    f"{path}.ground",
                    None,
                    f"a revocation from {qd26_in_force().isoformat()} names its ground, "
                    f"one of a, b, c, d, đ, e ({qd26()} Điều 8.1)",
                )
            state.terminal = event
    # Crossing the expiry day after the last event.
    crossed = until is None or until > end
    if crossed and state.filing_at_expiry is None and state.pending is not None:
        state.filing_at_expiry, state.timing_at_expiry = state.pending, state.pending_timing
    return state


def validate_history(cert: Certificate, events: Iterable[Event]) -> tuple[Event, ...]:
    """Check that *events* can have happened to *cert*; return them in date order.

    Events on the same day apply in the order filing, result, upgrade, revocation.
    Errors name the event by its index in the input, e.g. ``events[2].on``.
    """
    seq = tuple(events)
    _replay(cert, seq, None)
    return tuple(event for _i, event in sorted(enumerate(seq), key=_sort_key))


# --- The status ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CertificateStatus:
    """A certificate's status on ``as_of``, with its window, deadlines and citations."""

    certificate: Certificate
    as_of: date
    status: Status
    reranking_window: ReRankingWindow
    expiring_soon_from: date
    extension: Extension | None
    superseded_by: SupersededBy | None
    revocation: Revoked | None
    filing: ReRankingFiled | None
    filing_timing: FilingTiming | None
    milestones: tuple[Deadline, ...]
    next_deadline: Deadline | None
    sources: tuple[Source, ...]

    @property
    def is_valid(self) -> bool:
        return self.status.is_valid

    @property
    def valid_until(self) -> date:
        return self.certificate.valid_until

    @property
    def days_left(self) -> int | None:
        """Days of validity left after ``as_of`` (0 on the last day); ``None`` if not valid."""
        if not self.is_valid:
            return None
        last = self.valid_until
        if self.status is Status.EXTENDED and self.extension is not None:
            last = self.extension.last_day
        return (last - self.as_of).days

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (dates as ISO strings, citations as text)."""
        cert = self.certificate
        return {
            "as_of": self.as_of.isoformat(),
            "status": self.status.value,
            "is_valid": self.is_valid,
            "ruleset": cert.ruleset,
            "stars": cert.stars,
            "issued": cert.issued.isoformat(),
            "valid_from": cert.valid_from.isoformat(),
            "valid_until": cert.valid_until.isoformat(),
            "days_left": self.days_left,
            "reranking_window": self.reranking_window.to_dict(self.as_of),
            "expiring_soon_from": self.expiring_soon_from.isoformat(),
            "extension": None
            if self.extension is None
            else {
                "filed_on": self.extension.filed_on.isoformat(),
                "timing": self.extension.timing.value,
                "until_at_latest": self.extension.until_at_latest.isoformat(),
                "ended_on": None
                if self.extension.ended_on is None
                else self.extension.ended_on.isoformat(),
                "source": str(self.extension.source),
            },
            "filing": None
            if self.filing is None
            else {
                "on": self.filing.on.isoformat(),
                "timing": None if self.filing_timing is None else self.filing_timing.value,
            },
            "superseded_by": None if self.superseded_by is None else self.superseded_by.value,
            "revocation": None
            if self.revocation is None
            else {
                "on": self.revocation.on.isoformat(),
                "ground": None if self.revocation.ground is None else self.revocation.ground.value,
            },
            "next_deadline": None if self.next_deadline is None else self.next_deadline.to_dict(),
            "milestones": [m.to_dict() for m in self.milestones],
            "sources": [str(s) for s in self.sources],
            "conventions": str(BLDS_MONTHS),
        }


def _milestones(
    cert: Certificate, window: ReRankingWindow, ext: Extension | None
) -> tuple[Deadline, ...]:
    end = cert.valid_until
    out: list[Deadline] = []
    if window.applies:
        out.append(
            Deadline(
                what="reranking_window_opens",
                on=window.opens,
                description="first day to file a re-ranking (180 days before expiry)",
                source=_period("WINDOW_EARLIEST_DAYS")[1],
            )
        )
        out.append(
            Deadline(
                what="reranking_window_closes",
                on=window.closes,
                description="last day to file a re-ranking (120 days before expiry)",
                source=_period("WINDOW_EARLIEST_DAYS")[1],
            )
        )
    notice_rule = _notice(cert.ruleset)
    notice = notice_rule is not None
    out.append(
        Deadline(
            what="expiring_soon",
            on=days_before(end, _notice_days()),
            description=f"{_notice_days()} days before expiry"
            + ("; the issuing body notifies the producer by this day" if notice else ""),
            source=notice_rule[1] if notice_rule is not None else cert.validity_source,
        )
    )
    out.append(
        Deadline(
            what="expires",
            on=end,
            description="last day of the 36 months of validity",
            source=cert.validity_source,
        )
    )
    if ext is not None:
        out.append(
            Deadline(
                what="extension_ends",
                on=ext.last_day,
                description="last day of validity kept by the pending re-ranking "
                "(the result's day, at most 180 days after expiry)",
                source=_period("EXTENSION_DAYS")[1],
            )
        )
    return tuple(out)


def certificate_status(
    cert: Certificate, as_of: date, events: Iterable[Event] = ()
) -> CertificateStatus:
    """The status of *cert* on *as_of*, given the *events* of its history (in any order).

    The whole history is validated (:func:`validate_history`); only the events on or
    before *as_of* count for the status. There is no hidden ``date.today()``.
    """
    if not _is_date(as_of):
        raise InvalidInput("as_of", as_of, "expected a date (not a datetime)")
    seq = tuple(events)
    _replay(cert, seq, None)
    if as_of < cert.issued:
        raise InvalidInput(
            "as_of",
            as_of.isoformat(),
            f"{as_of.isoformat()} is before the certificate was issued ({cert.issued.isoformat()})",
        )
    state = _replay(cert, seq, as_of)
    end = cert.valid_until
    window = reranking_window(end)
    soon = days_before(end, _notice_days())
    ext = _extension(cert, state) if as_of > end else None
    validity = cert.validity_source
    base: list[Source] = [validity, BLDS_MONTHS]
    if cert.ruleset != CURRENT and as_of >= qd26_in_force():
        base.append(_cite("Điều 12, khoản 1"))

    superseded_by: SupersededBy | None = None
    revocation: Revoked | None = None
    terminal = state.terminal
    if isinstance(terminal, Revoked):
        status = Status.REVOKED
        revocation = terminal
        sources = [validity]
        if terminal.ground is not None:
            sources.append(terminal.ground.source)
        stars = state.current_stars
        if stars is not None and terminal.on >= qd26_in_force():
            sources.append(revocation_authority(stars).source)
        if terminal.concluded_on is not None:
            sources.extend([revocation_period().source, BLDS_DAYS])
    elif isinstance(terminal, Upgraded | ReRanked):
        status = Status.SUPERSEDED
        if isinstance(terminal, Upgraded):
            superseded_by = SupersededBy.UPGRADE
            sources = [_cite("Điều 7, khoản 5")] if terminal.on >= qd26_in_force() else [validity]
        else:
            superseded_by = SupersededBy.RE_RECOGNITION
            sources = [_cite("Điều 7, khoản 6")] if terminal.on >= qd26_in_force() else [validity]
    elif as_of <= end:
        filed = state.last_filing is not None
        if as_of >= soon:
            status = Status.EXPIRING_SOON
            sources = [*base, BLDS_DAYS]
            if (notice := _notice(cert.ruleset)) is not None:
                sources.append(notice[1])
        elif window.applies and as_of >= qd26_in_force() and window.state(as_of) == "open":
            status = Status.VALID if filed else Status.RERANKING_WINDOW
            sources = [*base, _period("WINDOW_EARLIEST_DAYS")[1], BLDS_DAYS]
        else:
            status = Status.VALID
            sources = base
    elif ext is not None and as_of <= ext.last_day:
        status = Status.EXTENDED
        sources = [*base, _period("EXTENSION_DAYS")[1], BLDS_DAYS]
    else:
        status = Status.EXPIRED
        sources = base

    milestones = _milestones(cert, window, ext)
    next_deadline: Deadline | None = None
    if status.is_valid:
        filed = state.last_filing is not None
        for m in milestones:
            # A period that starts today is no longer ahead; a last day today still is.
            starts = m.what in ("reranking_window_opens", "expiring_soon")
            if m.on < as_of or (starts and m.on == as_of):
                continue
            if filed and m.what.startswith("reranking_window"):
                continue
            if m.what == "reranking_window_opens" and m.on < qd26_in_force():
                continue
            next_deadline = m
            break

    filing = state.last_filing
    return CertificateStatus(
        certificate=cert,
        as_of=as_of,
        status=status,
        reranking_window=window,
        expiring_soon_from=soon,
        extension=ext,
        superseded_by=superseded_by,
        revocation=revocation,
        filing=None if filing is None else filing[0],
        filing_timing=None if filing is None else filing[1],
        milestones=milestones,
        next_deadline=next_deadline,
        sources=tuple(dict.fromkeys(sources)),
    )
