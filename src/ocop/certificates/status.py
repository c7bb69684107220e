"""The status of a certificate on a date, with its window, deadlines and citations.

The periods are in :mod:`ocop.certificates.periods`, the replay of a history in
:mod:`ocop.certificates.history`; their public names are re-exported here.

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
from collections.abc import Iterable
from datetime import date

import attrs

from ocop._check import check_date
from ocop._source import Source
from ocop.calendar import BLDS_DAYS, BLDS_DAYS_UNMOVED, BLDS_MONTHS, Deadline, days_before
from ocop.certificates.doubts import certificate_doubts
from ocop.certificates.events import Event, ReRanked, ReRankingFiled, Revoked, Upgraded
from ocop.certificates.history import extension, replay, validate_history
from ocop.certificates.model import CURRENT, Certificate, qd26_in_force, ruleset_in_force
from ocop.certificates.periods import (
    Extension,
    FilingTiming,
    ReRankingWindow,
    RevocationAuthority,
    cite,
    notice,
    notice_days,
    period,
    reranking_decision_due,
    reranking_window,
    revocation_authority,
)
from ocop.certificates.periods import __getattr__ as _period_constant
from ocop.errors import InvalidInput

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
    doubts: tuple[str, ...] = ()
    """What the registry doubts about the certificate (:func:`certificate_doubts`)."""

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
                source=period("WINDOW_EARLIEST_DAYS")[1],
            )
        )
        out.append(
            Deadline(
                what="reranking_window_closes",
                on=window.closes,
                description="last day to file a re-ranking (120 days before expiry)",
                source=period("WINDOW_EARLIEST_DAYS")[1],
            )
        )
    notice_rule = notice(cert.ruleset)
    out.append(
        Deadline(
            what="expiring_soon",
            on=days_before(end, notice_days()),
            description=f"{notice_days()} days before expiry"
            + (
                "; the issuing body notifies the producer by this day"
                if notice_rule is not None
                else ""
            ),
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
                source=period("EXTENSION_DAYS")[1],
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
    as_of = check_date("as_of", as_of)
    seq = tuple(events)
    replay(cert, seq, None)
    if as_of < cert.issued:
        raise InvalidInput(
            "as_of",
            as_of.isoformat(),
            f"{as_of.isoformat()} is before the certificate was issued ({cert.issued.isoformat()})",
        )
    state = replay(cert, seq, as_of)
    end = cert.valid_until
    window = reranking_window(end)
    soon = days_before(end, notice_days())
    ext = extension(cert, state) if as_of > end else None
    validity = cert.validity_source
    rs = cert.ruleset_info
    term = BLDS_MONTHS if rs.convention == "civil_code" else rs.convention_source
    base: list[Source] = [validity, term or BLDS_MONTHS]
    if cert.ruleset != CURRENT and as_of >= qd26_in_force():
        base.append(cite("kept"))

    superseded_by: SupersededBy | None = None
    revocation: Revoked | None = None
    terminal = state.terminal
    if isinstance(terminal, Revoked):
        status = Status.REVOKED
        revocation = terminal
        sources = [validity]
        if terminal.ground is not None:
            sources.append(terminal.ground.source)
        if terminal.regulation is not None:
            sources.append(terminal.regulation_source)
        stars = state.current_stars
        if stars is not None:  # the rules in force on the day of the revocation decision
            governing = ruleset_in_force(terminal.on).id
            sources.append(revocation_authority(stars, ruleset=governing).source)
        if terminal.concluded_on is not None:
            sources.extend([period("REVOCATION_DAYS")[1], BLDS_DAYS])
    elif isinstance(terminal, Upgraded | ReRanked):
        status = Status.SUPERSEDED
        if isinstance(terminal, Upgraded):
            superseded_by = SupersededBy.UPGRADE
            sources = [cite("upgrade")] if terminal.on >= qd26_in_force() else [validity]
        else:
            superseded_by = SupersededBy.RE_RECOGNITION
            sources = [cite("reranking")] if terminal.on >= qd26_in_force() else [validity]
    elif as_of <= end:
        filed = state.last_filing is not None
        if as_of >= soon:
            status = Status.EXPIRING_SOON
            sources = [*base, BLDS_DAYS_UNMOVED]
            notice_rule = notice(cert.ruleset)
            if notice_rule is not None:
                sources.append(notice_rule[1])
        elif window.applies and as_of >= qd26_in_force() and window.state(as_of) == "open":
            status = Status.VALID if filed else Status.RERANKING_WINDOW
            sources = [*base, period("WINDOW_EARLIEST_DAYS")[1], BLDS_DAYS_UNMOVED]
        else:
            status = Status.VALID
            sources = base
    elif ext is not None and as_of <= ext.last_day:
        status = Status.EXTENDED
        sources = [*base, period("EXTENSION_DAYS")[1], BLDS_DAYS_UNMOVED]
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
        doubts=certificate_doubts(cert),
    )


def __getattr__(name: str) -> int:
    """The former constants (``REVOCATION_DAYS`` …), read from the data
    (:data:`ocop.certificates.periods.PERIOD_KEYS`)."""
    return _period_constant(name)
