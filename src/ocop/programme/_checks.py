"""The checks of the programme's constructors and functions on their arguments.

Each raises :class:`~ocop.errors.InvalidInput` naming the field (``targets[2]``,
``period_end``) and quoting the value: a plan, a target or a registry built from Python
values is held to what the plan document's reader (:func:`ocop.serialize.plan_from_dict`)
holds it to. Text is normalised to NFC (the one form of Vietnamese text in :mod:`ocop`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from ocop._check import check_date, check_optional_date
from ocop._source import Source
from ocop._text import nfc
from ocop.errors import InvalidInput, show

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

#: The most decimals a percent figure is displayed with (a display choice of this
#: package, not a rule of any plan: the shipped plans publish 0).
MAX_DECIMALS = 10


def text(path: str, value: object) -> str:
    """A non-empty string (NFC), or an error naming *path*."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(path, value, f"expected a non-empty string, got {show(value)}")
    return nfc(value)


def optional_text(path: str, value: object) -> str | None:
    """``None`` or a non-empty string (NFC)."""
    return None if value is None else text(path, value)


def member(path: str, value: object, cls: type[E]) -> E:
    """A member of *cls*, from itself or its value (``"products_3star"``)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for item in cls:
            if item.value == value:
                return item
    allowed = ", ".join(repr(m.value) for m in cls)
    raise InvalidInput(path, value, f"{show(value)} is not one of {allowed}")


def day(path: str) -> Callable[[Any, Any, Any], None]:
    """A validator: a calendar day (:func:`ocop._check.check_date`)."""

    def check(_inst: object, _attr: object, value: Any) -> None:
        check_date(path, value)

    return check


def optional_day(path: str) -> Callable[[Any, Any, Any], None]:
    def check(_inst: object, _attr: object, value: Any) -> None:
        check_optional_date(path, value)

    return check


def exact(path: str, value: object) -> Fraction:
    """An exact number (an int or a Fraction, not a bool or a float) as a Fraction."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidInput(path, value, f"expected an exact number, got {show(value)}")
    return Fraction(value)


def source(path: str) -> Callable[[Any, Any, Any], None]:
    def check(_inst: object, _attr: object, value: Any) -> None:
        if not isinstance(value, Source):
            raise InvalidInput(path, value, f"expected an ocop.Source, got {show(value)}")

    return check


def items(path: str, value: object, cls: type[T], one: str) -> tuple[T, ...]:
    """A list (any iterable but a string or a mapping) of *cls*, as a tuple; *one* names
    an item in the messages (``"an ocop.Target"``)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInput(path, value, f"expected a list, each {one}, got {show(value)}")
    out = tuple(value)
    for i, item in enumerate(out):
        if not isinstance(item, cls):
            raise InvalidInput(f"{path}[{i}]", item, f"expected {one}, got {show(item)}")
    return out


def instance(path: str, value: object, cls: type[T], what: str) -> T:
    """*value* if it is a *cls*, else an error naming *path*."""
    if not isinstance(value, cls):
        raise InvalidInput(path, value, f"expected {what}, got {show(value)}")
    return value


def area(value: object) -> str | None:
    """An optional province or commune name: ``None`` (everywhere) or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(
            "area", value, f"expected a province or commune name or None, got {show(value)}"
        )
    return value


def decimals(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DECIMALS:
        raise InvalidInput(
            "decimals", value, f"expected an integer from 0 to {MAX_DECIMALS}, got {show(value)}"
        )
    return value
