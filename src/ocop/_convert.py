"""The cattrs converter shared by the catalogue loader and the public JSON layer.

It is strict: unknown keys are errors, and nothing is coerced (``"3"`` is not an
int, ``1`` is not a bool, ``"2026-05-22"`` is a date only where a date is expected).
Its errors are turned into :class:`ocop.errors.InvalidInput` with a field path by
:func:`structure`.

``cattrs`` is imported on first use, not when :mod:`ocop` is imported: the catalogue
loader reads the shipped (trusted) data without it, so most programs never pay for it.
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from ocop._text import nfc
from ocop.errors import InvalidInput, show

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")


def _strict_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {show(value)}")
    return value


def _strict_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {show(value)}")
    return nfc(value)


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {show(value)}")
    return value


def _str_or_int(value: object, _type: object) -> str | int:
    if isinstance(value, str):
        return nfc(value)
    return _strict_int(value, _type)


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{show(value)} is not one of {allowed}") from None


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> date:
    """A calendar date written ``YYYY-MM-DD``, the only form the JSON layer and the CLI read.

    ``date.fromisoformat`` alone would also take ``"20260805"`` and week dates
    (``"2026-W01-1"``). Raises :class:`TypeError` or :class:`ValueError`.
    """
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string YYYY-MM-DD, got {show(value)}")
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {show(value)}") from None


def _date(value: object, _type: object) -> date:
    return parse_date(value)


def parse_fraction(value: object) -> Fraction:
    """Parse an exact number written as a string: ``"90"``, ``"69.5"`` or ``"139/2"``."""
    if not isinstance(value, str):
        raise TypeError(f'expected an exact number as a string (e.g. "69.5"), got {show(value)}')
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ValueError(
            f'expected an exact number such as "69.5" or "139/2", got {show(value)}'
        ) from None


def format_fraction(value: Fraction) -> str:
    """The shortest exact string for *value*: ``"70"``, ``"139/2"``."""
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _strict_tuple_factory(
    cls: Any, conv: cattrs.Converter
) -> Callable[[object, object], tuple[Any, ...]]:
    from cattrs.errors import IterableValidationError

    element = typing.get_args(cls)[0]

    def structure_tuple(value: object, _type: object) -> tuple[Any, ...]:
        # A JSON string is iterable; never let it become a tuple of characters.
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {show(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                items.append(conv.structure(item, element))
            except Exception as exc:
                exc.add_note(f"Structuring {cls} @ index {i}")
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls}", errors, cls)
        return tuple(items)

    return structure_tuple


@functools.cache
def converter() -> cattrs.Converter:
    """The shared strict converter (built once, on first use)."""
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(str | int, _str_or_int)
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda t: _strict_tuple_factory(t, conv)
    )
    # StrEnum precedes str in a StrEnum's MRO, so this wins over the str hook.
    conv.register_structure_hook(enum.StrEnum, _enum)
    conv.register_structure_hook(enum.Enum, _enum)
    conv.register_structure_hook(date, _date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Fraction, lambda v, _t: parse_fraction(v))
    conv.register_unstructure_hook(Fraction, format_fraction)
    return conv


def _join(path: str, note: str) -> str:
    # cattrs notes read "Structuring class X @ attribute y" or "... @ index 3" / "@ key 'k'".
    if "@ attribute " in note:
        name = note.rsplit("@ attribute ", 1)[1]
        return f"{path}.{name}" if path else name
    if "@ index " in note:
        return f"{path}[{note.rsplit('@ index ', 1)[1]}]"
    if "@ key " in note:
        return f"{path}[{note.rsplit('@ key ', 1)[1]}]"
    return path


def join_path(base: str, sub: str) -> str:
    """*sub* (a field path relative to *base*) as a path from the document's root.

    >>> join_path("events[2]", "on"), join_path("", "on"), join_path("members", "[0].name")
    ('events[2].on', 'on', 'members[0].name')
    """
    if not base:
        return sub
    if not sub:
        return base
    return f"{base}{sub}" if sub.startswith("[") else f"{base}.{sub}"


def check_keys(doc: object, allowed: Sequence[str], *, path: str, what: str) -> Mapping[str, Any]:
    """*doc* itself, once it is a JSON object with no key outside *allowed*.

    Errors name the path of the first unknown key (``events[2].colour``), or *path*
    when *doc* is not an object; *what* names the object in the message ("an event").
    """
    if not isinstance(doc, Mapping):
        raise InvalidInput(path, doc, f"{what} is a JSON object")
    for key in doc:
        if key not in allowed:
            raise InvalidInput(
                join_path(path, str(key)), key, f"unknown key; {what} has {', '.join(allowed)}"
            )
    return doc


def _first_leaf(exc: BaseException, path: str) -> tuple[str, BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            sub_path = _join(path, str(notes[-1])) if notes else path
            return _first_leaf(sub, sub_path)
    return path, exc


def structure(data: Any, cls: type[T], *, path: str = "") -> T:
    """Structure *data* into *cls* strictly; errors become :class:`InvalidInput` with a path."""
    conv = converter()
    from cattrs import BaseValidationError
    from cattrs.errors import ForbiddenExtraKeysError

    try:
        return conv.structure(data, cls)
    except (BaseValidationError, TypeError, ValueError, KeyError) as exc:
        leaf_path, leaf = _first_leaf(exc, path)
        if isinstance(leaf, ForbiddenExtraKeysError):
            keys = ", ".join(sorted(leaf.extra_fields))
            raise InvalidInput(
                leaf_path, sorted(leaf.extra_fields), f"unknown key(s): {keys}"
            ) from exc
        if isinstance(leaf, InvalidInput):
            # A class's own check (e.g. InvalidCertificate): keep the class, root the path.
            raise type(leaf)(join_path(leaf_path, leaf.path), leaf.value, leaf.message) from exc
        if isinstance(leaf, KeyError):
            raise InvalidInput(
                leaf_path, None, f"required key {show(leaf.args[0])} is missing"
            ) from exc
        raise InvalidInput(leaf_path, data, str(leaf) or type(leaf).__name__) from exc
