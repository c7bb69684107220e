"""A registry of recognised products, each row a certificate of :mod:`ocop.certificates`.

Rows are read from CSV, JSON Lines or a pandas DataFrame (:func:`read_registry_csv`,
:func:`read_registry_jsonl`, :func:`registry_from_frame`), strictly: every error names its
line and field (:class:`~ocop.programme.InvalidRegistry`). The rows of one product
(same province, producer and product name, compared folded) form its history, in order of
decision date:

* a later decision while the earlier certificate is in force **supersedes** it: with more
  stars it is an upgrade (:class:`~ocop.certificates.Upgraded`), otherwise a re-ranking
  (:class:`~ocop.certificates.ReRanked`, with a :class:`~ocop.certificates.ReRankingFiled`
  on the result's day: a registry holds no filing dates, so the filing is put at its
  latest possible day; a result before the re-ranking window of 26/2026 Điều 7.6.a is
  then refused, as it must be);
* a later decision after expiry is a new certificate of the same product (re-recognised
  after a lapse: without filing dates no extension of 26/2026 Điều 12.3 is assumed);
* ``revoked_on`` is a :class:`~ocop.certificates.Revoked` (with ``revocation_ground``).

Whether a certificate is in force on a day is then decided by
:func:`ocop.certificates.certificate_status`; :attr:`Entry.first_day` and
:attr:`Entry.last_day` hold the same interval, computed once, so that statistics over
tens of thousands of rows stay fast (a test checks the two agree on every day).

>>> reg = read_registry_csv("product,stars,level,decision_date\\nMật ong bạc hà,4,province,2023-08-31\\n")
>>> entry = reg.entries[0]
>>> entry.certificate.ruleset, entry.last_day.isoformat(), entry.ended_by
('qd148-2023', '2026-08-30', 'expired')
"""  # noqa: E501

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

import ocop.programme._checks as _v
from ocop.certificates.events import Event, ReRanked, ReRankingFiled, Revoked, Upgraded
from ocop.certificates.history import validate_history
from ocop.certificates.model import Certificate, ruleset_in_force
from ocop.errors import InvalidInput, show
from ocop.programme._rows import COLUMNS, ProducerType, RegistryRow, read_row
from ocop.programme.model import InvalidRegistry

__all__ = [
    "COLUMNS",
    "Entry",
    "ProducerType",
    "Registry",
    "RegistryRow",
    "read_registry_csv",
    "read_registry_jsonl",
    "registry_from_frame",
    "registry_from_rows",
]

#: Certificate field → the registry column it comes from (for error paths).
_FIELD_COLUMN = {
    "issued": "decision_date",
    "stated_valid_until": "term_start",
    "decision_number": "decision",
    "stars": "stars",
    "level": "level",
    "product": "product",
    "producer": "producer",
}


@attrs.frozen(kw_only=True)
class Entry:
    """A registry row as a certificate, with the events its history gives it."""

    row: RegistryRow
    certificate: Certificate
    events: tuple[Event, ...]
    first_day: date
    """The first day in force: the decision's day."""
    last_day: date
    """The last day in force: expiry, or the day before a revocation or a superseding decision."""
    ended_by: str
    """``expired``, ``revoked``, ``upgraded`` or ``reranked``."""
    previous: int | None
    """The index (in :attr:`Registry.entries`) of the same product's previous certificate."""

    def in_force(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def _entries(value: object) -> tuple[Entry, ...]:
    entries = _v.items("entries", value, Entry, "an ocop.programme.Entry")
    for i, entry in enumerate(entries):
        previous = entry.previous
        if previous is not None and (
            type(previous) is not int or not 0 <= previous < len(entries) or previous == i
        ):
            raise InvalidInput(
                f"entries[{i}].previous", previous, "expected the index of another entry"
            )
    return entries


@attrs.frozen
class Registry:
    """The entries of a registry, in the order of its rows (built by the readers below;
    built by hand, ``entries`` must be :class:`Entry` objects whose ``previous`` is the
    index of another entry)."""

    entries: tuple[Entry, ...] = attrs.field(converter=_entries)

    def __len__(self) -> int:
        return len(self.entries)


def _certificate(row: RegistryRow) -> Certificate:
    try:
        ruleset = ruleset_in_force(row.decision_date).id
        return Certificate(
            issued=row.decision_date,
            ruleset=ruleset,
            stars=row.stars,
            level=row.level,
            product=row.product,
            producer=row.producer,
            decision_number=row.decision,
            term_start=row.term_start,
        )
    except InvalidInput as exc:
        column = _FIELD_COLUMN.get(exc.path.split(".")[0], exc.path or "decision_date")
        raise InvalidRegistry(row.line, column, exc.value, exc.message) from None


def _chain(rows: list[tuple[int, RegistryRow]], out: dict[int, Entry]) -> None:
    """The entries of one product's rows (sorted by decision date)."""
    previous: int | None = None
    certs = [_certificate(row) for _i, row in rows]
    for pos, ((index, row), cert) in enumerate(zip(rows, certs, strict=True)):
        events: list[Event] = []
        origins: list[tuple[int, str]] = []
        end = cert.valid_until
        ended_by, last = "expired", end
        nxt = rows[pos + 1][1] if pos + 1 < len(rows) else None
        if nxt is not None and nxt.decision_date == row.decision_date:
            raise InvalidRegistry(
                nxt.line,
                "decision_date",
                nxt.decision_date.isoformat(),
                f"line {row.line} recognises the same product on the same day",
            )
        superseded = nxt is not None and nxt.decision_date <= end
        if row.revoked_on is not None:
            if superseded and nxt is not None and row.revoked_on >= nxt.decision_date:
                raise InvalidRegistry(
                    row.line,
                    "revoked_on",
                    row.revoked_on.isoformat(),
                    f"the certificate was already replaced on {nxt.decision_date.isoformat()} "
                    f"(line {nxt.line})",
                )
            events.append(Revoked(on=row.revoked_on, ground=row.revocation_ground))
            origins.append((row.line, "revoked_on"))
            ended_by, last = "revoked", min(last, row.revoked_on - timedelta(days=1))
        elif superseded and nxt is not None:
            if nxt.stars > row.stars:
                events.append(Upgraded(on=nxt.decision_date, stars=nxt.stars))
                origins.append((nxt.line, "stars"))
                ended_by = "upgraded"
            else:
                events.append(ReRankingFiled(on=nxt.decision_date))
                events.append(ReRanked(on=nxt.decision_date, stars=nxt.stars))
                origins += [(nxt.line, "decision_date")] * 2
                ended_by = "reranked"
            last = min(last, nxt.decision_date - timedelta(days=1))
        try:
            validate_history(cert, events)
        except InvalidInput as exc:
            at = (
                int(exc.path[len("events[") :].split("]")[0])
                if exc.path.startswith("events[")
                else 0
            )
            line, column = origins[at] if origins else (row.line, "decision_date")
            if exc.path.endswith(".ground"):
                column = "revocation_ground"
            raise InvalidRegistry(line, column, exc.value, exc.message) from None
        out[index] = Entry(
            row=row,
            certificate=cert,
            events=tuple(events),
            first_day=cert.issued,
            last_day=last,
            ended_by=ended_by,
            previous=previous,
        )
        previous = index


def registry_from_rows(rows: Iterable[RegistryRow]) -> Registry:
    """A registry of rows already read (:class:`RegistryRow`)."""
    by_key: dict[tuple[str, str, str], list[tuple[int, RegistryRow]]] = {}
    count = 0
    for index, row in enumerate(rows):
        by_key.setdefault(row.key, []).append((index, row))
        count += 1
    out: dict[int, Entry] = {}
    for group in by_key.values():
        group.sort(key=lambda item: (item[1].decision_date, item[0]))
        _chain(group, out)
    return Registry(tuple(out[i] for i in range(count)))


def _rows_csv(text: str) -> Iterator[RegistryRow]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidRegistry(1, "", "", "empty file: no header line") from None
    except csv.Error as exc:
        raise InvalidRegistry(1, "", "", f"not CSV: {exc}") from None
    names = [h.strip() for h in header]
    for name in names:
        if name not in COLUMNS:
            raise InvalidRegistry(
                1, name, name, f"unknown column {show(name)}; columns: {', '.join(COLUMNS)}"
            )
    if len(set(names)) != len(names):
        raise InvalidRegistry(1, "", names, "a column is named twice")
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidRegistry(reader.line_num, "", "", f"not CSV: {exc}") from None
        line = reader.line_num
        if not cells:
            continue
        if len(cells) != len(names):
            raise InvalidRegistry(
                line, "", cells, f"{len(cells)} fields for the header's {len(names)}"
            )
        yield read_row(line, dict(zip(names, cells, strict=True)))


def _text_arg(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput("text", text, f"expected the {what} as a string, got {show(text)}")
    return text


def read_registry_csv(text: str) -> Registry:
    """A registry from CSV text (UTF-8, a header line naming the columns, dates YYYY-MM-DD)."""
    return registry_from_rows(_rows_csv(_text_arg(text, "CSV text")))


def _rows_jsonl(text: str) -> Iterator[RegistryRow]:
    for number, raw_line in enumerate(text.splitlines(), start=1):
        if not raw_line.strip():
            continue
        try:
            obj = json.loads(raw_line)
        except ValueError as exc:
            raise InvalidRegistry(number, "", raw_line[:80], f"not JSON: {exc}") from None
        if not isinstance(obj, Mapping):
            raise InvalidRegistry(number, "", obj, "a row is a JSON object")
        yield read_row(number, dict(obj))


def read_registry_jsonl(text: str) -> Registry:
    """A registry from JSON Lines: one object per line with the CSV's column names."""
    return registry_from_rows(_rows_jsonl(_text_arg(text, "JSON Lines text")))


def registry_from_frame(frame: Any) -> Registry:
    """A registry from a pandas DataFrame with the CSV's column names (row *i* is line
    *i* + 1 in errors). Missing cells (NaN, None) are left out; dates may be
    ``datetime.date``, midnight ``Timestamp`` or ``YYYY-MM-DD`` text."""
    if not (hasattr(frame, "columns") and hasattr(frame, "to_dict")):
        raise InvalidInput("frame", frame, f"expected a pandas DataFrame, got {show(frame)}")
    columns = [str(c) for c in frame.columns]
    records = frame.to_dict("records")
    return registry_from_rows(
        read_row(i + 1, dict(zip(columns, rec.values(), strict=True)))
        for i, rec in enumerate(records)
    )
