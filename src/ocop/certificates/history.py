"""Replaying a certificate's history: which events can have happened, and what is pending.

:func:`validate_history` checks a history; :func:`replay` gives the state reached on a
day, from which :mod:`ocop.certificates.status` computes the status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import attrs

from ocop.calendar import last_day
from ocop.certificates.events import Event, ReRanked, ReRankingFiled, Revoked, Upgraded
from ocop.certificates.model import Certificate, qd26_in_force
from ocop.certificates.periods import (
    Extension,
    FilingTiming,
    cite,
    days,
    period,
    reranking_window,
)
from ocop.errors import InvalidHistory

__all__ = ["State", "extension", "replay", "validate_history"]


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
class State:
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


def extension(cert: Certificate, state: State) -> Extension | None:
    """The extension the state gives, if any (without the result cut, see ``ended_on``)."""
    end = cert.valid_until
    filing, timing = state.filing_at_expiry, state.timing_at_expiry
    if filing is None or timing is None:
        return None
    # Điều 12.3 "continues" a certificate in force when 26/2026 applies: the day after
    # expiry must be a day on which 26/2026 is in force.
    if last_day(end, 1) < qd26_in_force():
        return None
    # An on-time filing gets the extension a fortiori; a filing made before 26/2026 took
    # effect (its window did not bind) is treated alike. See docs/certificates.md.
    if timing not in (FilingTiming.ON_TIME, FilingTiming.LATE, FilingTiming.BEFORE_QD26):
        return None
    # The end of a validity: not moved off a day off (docs/interpretations.md).
    latest = last_day(end, days("EXTENSION_DAYS"))
    ended = state.result_on if state.result_on is not None and state.result_on > end else None
    if ended is not None and ended > latest:
        ended = None
    return Extension(filed_on=filing.on, timing=timing, until_at_latest=latest, ended_on=ended)


def _in_force(cert: Certificate, state: State, day: date) -> bool:
    if day < cert.issued:
        return False
    if day <= cert.valid_until:
        return True
    ext = extension(cert, state)
    return ext is not None and day <= ext.last_day


def _sort_key(item: tuple[int, Event]) -> tuple[date, int, int]:
    order = {"reranking_filed": 0, "reranked": 1, "upgraded": 2, "revoked": 3}
    index, event = item
    return (event.on, order[event.kind], index)


def replay(cert: Certificate, events: Sequence[Event], until: date | None) -> State:
    if not isinstance(cert, Certificate):  # the one entry of certificate_status, validate_history
        raise TypeError(f"expected an ocop.certificates.Certificate, got {type(cert).__name__}")
    state = State(current_stars=cert.stars)
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
                    f"no earlier than {days('WINDOW_EARLIEST_DAYS')} days before expiry "
                    f"({period('WINDOW_EARLIEST_DAYS')[1]})",
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
                    f"one of a, b, c, d, đ, e ({cite('revocation_grounds')})",
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
    replay(cert, seq, None)
    return tuple(event for _i, event in sorted(enumerate(seq), key=_sort_key))
