"""The checks every Python entry point makes on its plain arguments (dates, whole numbers).

One rule for dates, wherever the API takes one: a :class:`datetime.date`. A
:class:`datetime.datetime` (a date *and* a time) is refused, although Python makes it a
subclass of ``date``: an evaluation, a filing or an issue happens on a calendar day, and a
datetime compared with a date raises :class:`TypeError`. A string is refused too: the
Python API does not parse (the JSON documents and the command line do, from
``YYYY-MM-DD``). Both refusals are :class:`~ocop.errors.InvalidInput` naming the
parameter and saying what to pass:

>>> check_date("as_of", date(2026, 6, 10))
datetime.date(2026, 6, 10)
>>> check_date("as_of", datetime(2026, 6, 10, 9, 30))
Traceback (most recent call last):
...
ocop.errors.InvalidInput: as_of: expected a datetime.date, got a datetime.datetime (a date and a time); pass its .date()
>>> check_date("as_of", "2026-06-10")
Traceback (most recent call last):
...
ocop.errors.InvalidInput: as_of: expected a datetime.date, got the string '2026-06-10'; pass date.fromisoformat('2026-06-10')
"""  # noqa: E501

from __future__ import annotations

from datetime import date, datetime

from ocop.errors import InvalidInput, show

__all__ = ["check_date", "check_int", "check_optional_date"]


def check_date(path: str, value: object, error: type[InvalidInput] = InvalidInput) -> date:
    """*value* if it is a calendar day (a :class:`datetime.date`, not a datetime), else
    :class:`~ocop.errors.InvalidInput` (or the subclass *error*) naming *path*."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        hint = "got a datetime.datetime (a date and a time); pass its .date()"
    elif isinstance(value, str):
        hint = f"got the string {show(value)}; pass date.fromisoformat({show(value)})"
    else:
        hint = f"got {type(value).__name__} {show(value)}"
    raise error(path, value, f"expected a datetime.date, {hint}")


def check_optional_date(path: str, value: object) -> date | None:
    """``None``, or :func:`check_date`."""
    return None if value is None else check_date(path, value)


def check_int(path: str, value: object, *, minimum: int, what: str) -> int:
    """*value* if it is an :class:`int` (not a bool, not a float) of at least *minimum*.

    *what* completes the message: "expected {what}".
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(path, value, f"expected {what}, got {show(value)}")
    return value
