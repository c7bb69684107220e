"""A fast structuring path for the data files shipped with :mod:`ocop` (trusted input).

The strict converter in :mod:`ocop._convert` (cattrs, with detailed validation and a
field path in every error) is the right tool for user input, but it costs tens of
milliseconds to build and run on a catalogue of several thousand objects. Shipped data
is checked with the strict converter by the test suite (``tests/test_catalogue.py``
asserts that both paths give equal objects for every shipped file), so at run time it
is structured by the plain functions built here from the attrs classes' type hints:

* an attrs class is built from a JSON object with ``cls(**kwargs)`` (an unknown key is
  a :class:`TypeError`, as is a missing required one);
* ``tuple[X, ...]`` from a list, ``date`` from an ISO string, ``Fraction`` from an exact
  string, an enum from its value, ``X | None`` from ``null`` or an ``X``;
* ``str``, ``int``, ``bool`` and ``Literal[...]`` values are taken as they are.

Nothing is coerced or normalised; any failure raises, and the loader then re-reads the
file with the strict converter to report the error with its path.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Point:
...     x: int
...     tags: tuple[str, ...] = ()
>>> structure_trusted({"x": 1, "tags": ["a"]}, Point)
Point(x=1, tags=('a',))
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

import attrs

__all__ = ["structure_trusted", "unstructure"]

T = TypeVar("T")

Hook = Callable[[Any], Any] | None
"""How to turn a JSON value into a field's value; ``None`` means take it as it is."""

_PLAIN = (str, int, bool, type(None), object, typing.Any)


def _hook(tp: Any) -> Hook:
    origin = typing.get_origin(tp)
    if tp in _PLAIN or origin is typing.Literal:
        return None
    if tp is date:
        return date.fromisoformat
    if tp is Fraction:
        return Fraction
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and attrs.has(tp):
        return _class_hook(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _hook(args[0])
            if inner is None:
                return tuple
            element: Callable[[Any], Any] = inner
            return lambda value: tuple(map(element, value))
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        hooks = [_hook(a) for a in members]
        if all(h is None for h in hooks):
            return None
        if len(members) == 1:
            one = hooks[0]
            assert one is not None
            return lambda value: None if value is None else one(value)
    raise TypeError(f"no trusted structuring for {tp!r}")


@functools.cache
def _class_hook(cls: type[Any]) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    hooks: list[tuple[str, Callable[[Any], Any]]] = []
    for field in attrs.fields(cls):
        hook = _hook(hints[field.name])
        if hook is not None:
            hooks.append((field.alias, hook))

    def build(value: Any) -> Any:
        kwargs = dict(value)
        for name, hook in hooks:
            if name in kwargs:
                kwargs[name] = hook(kwargs[name])
        return cls(**kwargs)

    return build


def structure_trusted(data: Any, cls: type[T]) -> T:
    """Structure trusted *data* into the attrs class *cls*, fast and without checks.

    Raises :class:`KeyError`, :class:`TypeError` or :class:`ValueError` on data that
    does not fit; the caller falls back to the strict converter for the message.
    """
    result: T = _class_hook(cls)(data)  # type: ignore[arg-type]
    return result


# --------------------------------------------------------------------------- unstructuring


Dump = Callable[[Any], Any] | None


def _dump_hook(tp: Any) -> Dump:
    origin = typing.get_origin(tp)
    if tp in _PLAIN or origin is typing.Literal:
        return None
    if tp is date:
        return date.isoformat
    if tp is Fraction:
        return _format_fraction
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return None if issubclass(tp, str | int) else _enum_value
    if isinstance(tp, type) and attrs.has(tp):
        return _class_dump(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _dump_hook(args[0])
            if inner is None:
                return list
            item: Callable[[Any], Any] = inner
            return lambda value: list(map(item, value))
    if origin in (Mapping, dict, typing.Mapping):
        mapped = _dump_hook(typing.get_args(tp)[1])
        if mapped is None:
            return dict
        entry: Callable[[Any], Any] = mapped
        return lambda value: {k: entry(v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        hooks = [_dump_hook(a) for a in members]
        if all(h is None for h in hooks):
            return None
        if len(members) == 1:
            one = hooks[0]
            assert one is not None
            return lambda value: None if value is None else one(value)
    raise TypeError(f"no fast unstructuring for {tp!r}")


def _format_fraction(value: Fraction) -> str:
    n, d = value.numerator, value.denominator
    return str(n) if d == 1 else f"{n}/{d}"


def _enum_value(value: enum.Enum) -> Any:
    return value.value


@functools.cache
def _class_dump(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _dump_hook(hints[f.name])) for f in attrs.fields(cls)]

    def dump(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, hook in fields:
            item = getattr(value, name)
            out[name] = item if hook is None else hook(item)
        return out

    return dump


def unstructure(value: Any) -> dict[str, Any]:
    """The JSON-ready dict of an attrs object, as the strict converter would give it.

    Fractions become exact strings (``"215/3"``), dates ISO strings, tuples lists and
    mappings dicts. Built from the type hints once per class; the test suite checks it
    against the converter's output.
    """
    return _class_dump(type(value))(value)  # type: ignore[arg-type]
