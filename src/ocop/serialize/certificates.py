"""The certificates' documents: the certificate (with its history), a certificate's status
on a date (``ocop certificate status``) and a parsed product code (``ocop code parse``).

The certificate document: a certificate and the events of its history, as JSON.

One JSON object holds the certificate's fields (:class:`~ocop.certificates.Certificate`)
and, under ``events``, its history, each event tagged by its ``kind``. Dates are
``YYYY-MM-DD`` strings, the level and the revocation ground their values; a field that
is ``None`` is left out (except a re-ranking result's ``stars``, always written: ``null``
says the product was not re-recognised). ``ocop certificate status --file`` reads it.

>>> from datetime import date
>>> from ocop.certificates import Certificate, ReRankingFiled
>>> from ocop.serialize import certificate_from_dict, certificate_to_dict
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

from ocop._check import check_optional_date
from ocop._convert import check_keys, join_path, structure
from ocop.calendar import BLDS_MONTHS
from ocop.certificates.codes import Commune, ProductCode, province_table
from ocop.certificates.events import Event
from ocop.certificates.history import validate_history
from ocop.certificates.model import Certificate, ruleset_in_force
from ocop.certificates.periods import ReRankingWindow, revocation_authority
from ocop.certificates.status import CertificateStatus
from ocop.errors import InvalidInput, show
from ocop.serialize._json import expect, fields_to_dict
from ocop.serialize.procedure import deadline_to_dict

__all__ = [
    "EVENT_KINDS",
    "certificate_from_dict",
    "certificate_status_to_dict",
    "certificate_to_dict",
    "product_code_to_dict",
    "reranking_window_to_dict",
]

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
    document written here is always one that :func:`certificate_from_dict` reads back. A
    *cert* that is not a :class:`~ocop.certificates.Certificate` is a :class:`TypeError`,
    as for every writer; a history that does not fit is :class:`~ocop.errors.InvalidHistory`.
    """
    expect(cert, Certificate, "certificate_to_dict")
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
            join_path(path, "kind"), kind, f"unknown event kind {show(kind)}; kinds are {kinds}"
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


# --------------------------------------------------------------------------- status


def reranking_window_to_dict(window: ReRankingWindow, day: date | None = None) -> dict[str, Any]:
    """A re-ranking window: ``opens``, ``closes``, ``applies``, ``source`` (as text), and with
    *day* its ``state`` on that day. Written by hand: ``applies`` and ``state`` are derived."""
    expect(window, ReRankingWindow, "reranking_window_to_dict")
    check_optional_date("day", day)
    doc: dict[str, Any] = {
        "opens": window.opens.isoformat(),
        "closes": window.closes.isoformat(),
        "applies": window.applies,
        "source": str(window.source),
    }
    if day is not None:
        doc["state"] = window.state(day)
    return doc


def certificate_status_to_dict(
    status: CertificateStatus, *, ruleset_note: str | None = None
) -> dict[str, Any]:
    """The certificate-status document (``ocop certificate status``).

    Dates are ISO strings and citations text. When the certificate's class is known, the
    document names who would revoke it (``revocation_authority``, 26/2026 Điều 8.2);
    *ruleset_note* (the command line's remark on a rule set it chose) is written as
    ``ruleset_note``. Written by hand: the document flattens the certificate into the
    status and adds derived values (``is_valid``, ``days_left``, the window's state).

    >>> from ocop.certificates import Certificate, certificate_status
    >>> cert = Certificate(issued=date(2026, 8, 5), ruleset="qd26-2026", stars=3)
    >>> doc = certificate_status_to_dict(certificate_status(cert, date(2029, 3, 1)))
    >>> doc["status"], doc["reranking_window"]["state"], doc["next_deadline"]["on"]
    ('reranking_window', 'open', '2029-04-07')
    """
    expect(status, CertificateStatus, "certificate_status_to_dict")
    cert = status.certificate
    ext = status.extension
    doc: dict[str, Any] = {
        "as_of": status.as_of.isoformat(),
        "status": status.status.value,
        "is_valid": status.is_valid,
        "ruleset": cert.ruleset,
        "stars": cert.stars,
        "issued": cert.issued.isoformat(),
        "valid_from": cert.valid_from.isoformat(),
        "valid_until": cert.valid_until.isoformat(),
        "days_left": status.days_left,
        "reranking_window": reranking_window_to_dict(status.reranking_window, status.as_of),
        "expiring_soon_from": status.expiring_soon_from.isoformat(),
        "extension": None if ext is None else {**fields_to_dict(ext), "source": str(ext.source)},
        "filing": None
        if status.filing is None
        else {
            "on": status.filing.on.isoformat(),
            "timing": None if status.filing_timing is None else status.filing_timing.value,
        },
        "superseded_by": None if status.superseded_by is None else status.superseded_by.value,
        "revocation": None
        if status.revocation is None
        else {
            "on": status.revocation.on.isoformat(),
            "ground": None if status.revocation.ground is None else status.revocation.ground.value,
            **(
                {}
                if status.revocation.regulation is None
                else {"regulation": status.revocation.regulation}
            ),
        },
        "next_deadline": None
        if status.next_deadline is None
        else deadline_to_dict(status.next_deadline),
        "milestones": [deadline_to_dict(m) for m in status.milestones],
        "sources": [str(s) for s in status.sources],
        "conventions": str(_term_convention(cert)),
        "doubts": list(status.doubts),
    }
    if cert.stars is not None:  # under the rules in force on as_of
        authority = revocation_authority(cert.stars, ruleset=ruleset_in_force(status.as_of).id)
        doc["revocation_authority"] = {
            "title": authority.title,
            "level": authority.level.value,
            "source": str(authority.source),
        }
    if ruleset_note is not None:
        doc["ruleset_note"] = ruleset_note
    return doc


def _term_convention(cert: Certificate) -> object:
    """The source of the convention that reads the certificate's last day."""
    rs = cert.ruleset_info
    if rs.convention == "civil_code" or rs.convention_source is None:
        return BLDS_MONTHS
    return rs.convention_source


# --------------------------------------------------------------------------- product codes


def product_code_to_dict(code: ProductCode, *, commune: Commune | None = None) -> dict[str, Any]:
    """The document of a parsed product code (``ocop code parse``).

    ``code`` as printed, ``format``, the parts (``province``, ``district``, ``commune``,
    ``sequence``, ``year``) and, for a 26/2026 code, ``province_name`` with the source of
    the province list; with *commune* (:func:`~ocop.certificates.lookup_commune`) also
    ``commune_name``. Written by hand: the name, the code as text and the sources are
    derived.

    >>> from ocop.certificates import parse_product_code
    >>> product_code_to_dict(parse_product_code("83-832-28882-2-2022"))["district"]
    '832'
    """
    expect(code, ProductCode, "product_code_to_dict")
    expect(commune, Commune, "product_code_to_dict", arg="commune", optional=True)
    doc: dict[str, Any] = {
        "code": str(code),
        "format": code.format.value,
        "province": code.province,
        "province_name": code.province_name,
        "district": code.district,
        "commune": code.commune,
        "sequence": code.sequence,
        "year": code.year,
    }
    if code.province_name is not None:
        table = province_table()
        doc["province_source"] = str(table.source)
        doc["province_verified"] = table.verified
    if commune is not None:
        doc["commune_name"] = commune.name
    return doc
