"""One row of a registry of recognised products, read strictly from text or JSON values.

The CSV header names are those of issue 16: ``product, producer, producer_type, province,
commune, group, stars, level, decision, decision_date, term_start, revoked_on``; all but
``product``, ``stars``, ``level`` and ``decision_date`` are optional. Two more optional
columns: ``revocation_ground`` (26/2026 Điều 8.1 point a-e or đ: a revocation from 26/2026's
entry into force names its ground) and ``source`` (where the row comes from).
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import date, datetime
from typing import Any

import attrs

from ocop._text import fold, nfc
from ocop.certificates.events import RevocationGround
from ocop.certificates.provinces import province_key, province_reform
from ocop.errors import show
from ocop.model import CouncilLevel
from ocop.programme.model import InvalidRegistry

REQUIRED = ("product", "stars", "level", "decision_date")
COLUMNS = (
    "product",
    "producer",
    "producer_type",
    "province",
    "commune",
    "group",
    "stars",
    "level",
    "decision",
    "decision_date",
    "term_start",
    "revoked_on",
    "revocation_ground",
    "source",
)
_DATES = ("decision_date", "term_start", "revoked_on")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ProducerType(enum.StrEnum):
    """The producer types the programme's reports count (chủ thể OCOP)."""

    HOP_TAC_XA = "hop_tac_xa"
    """Hợp tác xã (HTX)."""
    DOANH_NGHIEP = "doanh_nghiep"
    """Doanh nghiệp (công ty)."""
    TO_HOP_TAC = "to_hop_tac"
    """Tổ hợp tác."""
    HO_SAN_XUAT = "ho_san_xuat"
    """Hộ sản xuất, hộ kinh doanh, cơ sở sản xuất (the national report's «cơ sở sản xuất»)."""


#: The spellings read as each type (compared folded: no case, no diacritics).
ALIASES: dict[str, ProducerType] = {
    "hop_tac_xa": ProducerType.HOP_TAC_XA,
    "htx": ProducerType.HOP_TAC_XA,
    "hop tac xa": ProducerType.HOP_TAC_XA,
    "doanh_nghiep": ProducerType.DOANH_NGHIEP,
    "doanh nghiep": ProducerType.DOANH_NGHIEP,
    "doanh_nghiep_nho_va_vua": ProducerType.DOANH_NGHIEP,
    "cong ty": ProducerType.DOANH_NGHIEP,
    "to_hop_tac": ProducerType.TO_HOP_TAC,
    "to hop tac": ProducerType.TO_HOP_TAC,
    "tht": ProducerType.TO_HOP_TAC,
    "ho_san_xuat": ProducerType.HO_SAN_XUAT,
    "ho san xuat": ProducerType.HO_SAN_XUAT,
    "ho kinh doanh": ProducerType.HO_SAN_XUAT,
    "hkd": ProducerType.HO_SAN_XUAT,
    "ho_gia_dinh": ProducerType.HO_SAN_XUAT,
    "ho gia dinh": ProducerType.HO_SAN_XUAT,
    "co so san xuat": ProducerType.HO_SAN_XUAT,
}


@attrs.frozen(kw_only=True)
class RegistryRow:
    """One recognition decision for one product, as the registry lists it."""

    line: int
    """Its line in the file (the header is line 1 of a CSV), or its DataFrame row + 1."""
    product: str
    stars: int
    level: CouncilLevel
    decision_date: date
    producer: str | None = None
    producer_type: ProducerType | None = None
    province: str | None = None
    commune: str | None = None
    group: str | None = None
    decision: str | None = None
    term_start: date | None = None
    revoked_on: date | None = None
    revocation_ground: RevocationGround | None = None
    source: str | None = None
    key: tuple[str, str, str] = attrs.field(init=False, eq=False, repr=False)
    """The product's identity across decisions: province (:func:`province_identity`),
    producer and product (folded)."""

    def __attrs_post_init__(self) -> None:
        province = province_identity(self.province)
        key = (province, fold(self.producer or ""), fold(self.product))
        object.__setattr__(self, "key", key)


@functools.lru_cache(maxsize=4096)
def province_identity(name: str | None) -> str:
    """The province part of a product's identity: the code of the province (of the 34 since
    the 2025 reform) that *name*, a former or a new name in any spelling, is part of; so a
    product recognised by "Tỉnh Hòa Bình" in 2024 and re-ranked by "Phú Thọ" in 2026 keeps
    one history. A name that is no province's is compared as written (folded, «Tỉnh» or
    «Thành phố» dropped). (Two producers of the same name with a product of the same name
    in two provinces that merged would be read as one: the price of following products
    across the merger.)"""
    if name is None:
        return ""
    successor = province_reform().successor(name)
    return province_key(name) if successor is None else successor.code


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:  # pandas' missing values (NaN, NaT, NA) without importing pandas
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _text(line: int, name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRegistry(line, name, value, f"expected text, got {show(value)}")
    return nfc(value.strip())


def _date(line: int, name: str, value: object) -> date:
    if isinstance(value, datetime):  # a pandas Timestamp is a datetime
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            raise InvalidRegistry(line, name, str(value), "expected a date, got a date and time")
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO.fullmatch(value.strip()):
        raise InvalidRegistry(line, name, value, f"expected a date YYYY-MM-DD, got {show(value)}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidRegistry(line, name, value, f"no such day: {show(value)}") from None


def _stars(line: int, value: object) -> int:
    number: int | None = None
    if isinstance(value, str) and value.strip() in ("3", "4", "5"):
        number = int(value.strip())
    elif not isinstance(value, bool | float) and hasattr(value, "__index__"):
        number = value.__index__()  # int, numpy integers
    if number not in (3, 4, 5):
        raise InvalidRegistry(line, "stars", value, f"expected 3, 4 or 5, got {show(value)}")
    return number


@functools.lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    return fold(text.strip())


def _choice(line: int, name: str, value: object, choices: dict[str, Any]) -> Any:
    if isinstance(value, str) and _folded(value) in choices:
        return choices[_folded(value)]
    allowed = ", ".join(sorted({str(getattr(v, "value", v)) for v in choices.values()}))
    raise InvalidRegistry(line, name, value, f"unknown {name} {show(value)}; one of {allowed}")


_LEVELS = {level.value: level for level in CouncilLevel}
_GROUNDS = {fold(g.value): g for g in RevocationGround}


def read_row(line: int, raw: dict[str, Any]) -> RegistryRow:
    """The row *raw* (column → cell, text or JSON value) read strictly; errors name *line*."""
    for name in raw:
        if name not in COLUMNS:
            raise InvalidRegistry(
                line, str(name), name, f"unknown column {show(name)}; columns: {', '.join(COLUMNS)}"
            )
    for name in REQUIRED:
        if _missing(raw.get(name)):
            raise InvalidRegistry(line, name, raw.get(name), f"{name} is required")
    cells = {k: v for k, v in raw.items() if not _missing(v)}
    values: dict[str, Any] = {"line": line}
    for name, cell in cells.items():
        if name == "stars":
            values[name] = _stars(line, cell)
        elif name in _DATES:
            values[name] = _date(line, name, cell)
        elif name == "level":
            values[name] = _choice(line, name, cell, _LEVELS)
        elif name == "producer_type":
            values[name] = _choice(line, name, cell, ALIASES)
        elif name == "revocation_ground":
            values[name] = _choice(line, name, cell, _GROUNDS)
        else:
            values[name] = _text(line, name, cell)
    if "revocation_ground" in values and "revoked_on" not in values:
        raise InvalidRegistry(
            line, "revocation_ground", raw.get("revocation_ground"), "given without revoked_on"
        )
    for name in ("term_start", "revoked_on"):
        if name in values and values[name] < values["decision_date"] and name == "revoked_on":
            raise InvalidRegistry(
                line, name, values[name].isoformat(), "is before the decision_date"
            )
    return RegistryRow(**values)
