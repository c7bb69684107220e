"""The certificate document: a certificate and the events of its history, as JSON.

One JSON object holds the certificate's fields (:class:`~ocop.certificates.Certificate`)
and, under ``events``, its history, each event tagged by its ``kind``. Dates are
``YYYY-MM-DD`` strings, the level and the revocation ground their values; a field that
is ``None`` is left out (except a re-ranking result's ``stars``, always written: ``null``
says the product was not re-recognised). ``ocop certificate status --file`` reads it.

>>> from datetime import date
>>> from ocop.certificates import Certificate, ReRankingFiled
>>> cert = Certificate(issued=date(2026, 8, 5), ruleset="qd26-2026", stars=3)
>>> doc = certificate_to_dict(cert, [ReRankingFiled(on=date(2029, 3, 1))])
>>> doc["issued"], doc["ruleset"], doc["stars"], doc["events"]
('2026-08-05', 'qd26-2026', 3, [{'kind': 'reranking_filed', 'on': '2029-03-01'}])
>>> certificate_from_dict(doc) == (cert, (ReRankingFiled(on=date(2029, 3, 1)),))
True

Reading is strict, like every document of :mod:`ocop.serialize`: an unknown key, a value
of the wrong type, a date not written ``YYYY-MM-DD`` or an unknown event kind is an
:class:`~ocop.errors.InvalidInput` naming its path. The certificate's own checks
(:class:`~ocop.errors.InvalidCertificate`) and those of the history
(:func:`~ocop.certificates.validate_history`, :class:`~ocop.errors.InvalidHistory`) apply,
with the same paths:

>>> try:
...     certificate_from_dict({**doc, "events": [{"kind": "reranking_filed", "on": "2026-08-01"}]})
... except InvalidInput as err:
...     print(type(err).__name__, err.path, err.value)
InvalidHistory events[0].on 2026-08-01
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from ocop._convert import check_keys, join_path, structure
from ocop.certificates.events import Event
from ocop.certificates.history import validate_history
from ocop.certificates.model import Certificate
from ocop.errors import InvalidInput

__all__ = ["EVENT_KINDS", "certificate_from_dict", "certificate_to_dict"]

_EVENT_CLASSES: tuple[type[Any], ...] = typing.get_args(Event)

#: Event kind (the ``"kind"`` of an event object) → its class.
EVENT_KINDS: dict[str, type[Any]] = {cls.kind: cls for cls in _EVENT_CLASSES}

_CERTIFICATE_KEYS = (*(f.name for f in attrs.fields(Certificate)), "events")


def _value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _fields(obj: Any) -> dict[str, Any]:
    """The fields of *obj* as JSON values, leaving out the optional ones that are ``None``."""
    out: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if value is None and field.default is None:
            continue
        out[field.name] = _value(value)
    return out


def certificate_to_dict(cert: Certificate, events: Iterable[Event] = ()) -> dict[str, Any]:
    """The certificate document of *cert* and its history *events* (kept in their order).

    The history is validated first (:func:`~ocop.certificates.validate_history`), so a
    document written here is always one that :func:`certificate_from_dict` reads back.
    """
    if not isinstance(cert, Certificate):
        raise InvalidInput("", cert, "expected an ocop.certificates.Certificate")
    seq = tuple(events)
    validate_history(cert, seq)
    doc = _fields(cert)
    doc["events"] = [{"kind": event.kind, **_fields(event)} for event in seq]
    return doc


def _event(raw: object, path: str) -> Event:
    kinds = ", ".join(EVENT_KINDS)
    if not isinstance(raw, Mapping):
        raise InvalidInput(path, raw, f"an event is a JSON object with a kind ({kinds})")
    if "kind" not in raw:
        raise InvalidInput(
            join_path(path, "kind"), None, f"required key 'kind' is missing; kinds are {kinds}"
        )
    kind = raw["kind"]
    cls = EVENT_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidInput(
            join_path(path, "kind"), kind, f"unknown event kind {kind!r}; kinds are {kinds}"
        )
    names = tuple(f.name for f in attrs.fields(cls))
    check_keys(raw, ("kind", *names), path=path, what=f"a {kind} event")
    event: Event = structure({k: v for k, v in raw.items() if k != "kind"}, cls, path=path)
    return event


def certificate_from_dict(doc: Any) -> tuple[Certificate, tuple[Event, ...]]:
    """Read a certificate document: the certificate and its events, in the document's order.

    ``events`` may be left out (no history). Errors name the field path (``stars``,
    ``events[2].on``); see the module's documentation.
    """
    check_keys(doc, _CERTIFICATE_KEYS, path="", what="a certificate document")
    cert = structure({k: v for k, v in doc.items() if k != "events"}, Certificate)
    raw_events = doc.get("events", [])
    if not isinstance(raw_events, list):
        raise InvalidInput("events", raw_events, "events are a list of event objects")
    events = tuple(_event(raw, f"events[{i}]") for i, raw in enumerate(raw_events))
    validate_history(cert, events)
    return cert, events
