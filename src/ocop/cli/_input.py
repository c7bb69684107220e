"""Reading a JSON document named on the command line (a file, or ``-`` for standard input).

Shared by the subcommands of ``ocop``; errors are :class:`~ocop.errors.InvalidInput`,
which the main program prints as one line with exit status 1.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from fractions import Fraction
from typing import Any, TextIO

from ocop._convert import parse_date as _parse_date
from ocop.errors import InvalidInput, show

__all__ = [
    "dump_json",
    "optional_date",
    "optional_integer",
    "parse_date",
    "parse_exact",
    "parse_integer",
    "read_document",
    "read_input",
]

#: The longest number accepted by a command-line option, in characters.
MAX_NUMBER_CHARS = 32
_INTEGER = re.compile(r"[0-9]{1,18}")  # [0-9]: ASCII digits only (\d is any script's)
_EXACT = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)|(-?[0-9]+)/([0-9]+)")


def _number_text(option: str, text: str, expected: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise InvalidInput(option, None, f"expected {expected}, got {len(text):,} characters")


def parse_integer(
    option: str,
    text: str,
    *,
    minimum: int = 0,
    maximum: int | None = None,
    bound: str = "",
) -> int:
    """The whole number given to a command-line *option*: ASCII digits ``0-9`` only, no
    sign, space, ``_`` or other script's digits, between *minimum* and *maximum*
    (*bound* says why the maximum)."""
    expected = "a whole number written with the digits 0-9"
    _number_text(option, text, expected)
    if not _INTEGER.fullmatch(text):
        raise InvalidInput(option, text, f"expected {expected}, got {show(text)}")
    value = int(text)
    if value < minimum:
        raise InvalidInput(option, value, f"must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise InvalidInput(option, value, f"must be at most {maximum}{bound}, got {value}")
    return value


def optional_integer(
    option: str, text: str | None, *, minimum: int = 0, maximum: int | None = None
) -> int | None:
    """:func:`parse_integer` of an option that may be absent (``None``)."""
    if text is None:
        return None
    return parse_integer(option, text, minimum=minimum, maximum=maximum)


def parse_exact(option: str, text: str) -> Fraction:
    """The exact number given to a command-line *option*: a decimal (``92``, ``-1``,
    ``69.5``) or a fraction (``139/2``), in ASCII digits; no exponent, space or ``_``."""
    expected = "an exact number such as 92, 69.5 or 139/2 (digits 0-9)"
    _number_text(option, text, expected)
    match = _EXACT.fullmatch(text)
    if match is None:
        raise InvalidInput(option, text, f"expected {expected}, got {show(text)}")
    if match[1] is not None:
        return Fraction(match[1])
    if int(match[3]) == 0:
        raise InvalidInput(option, text, f"the denominator of {show(text)} is 0")
    return Fraction(int(match[2]), int(match[3]))


def parse_date(option: str, text: str) -> date:
    """The date given to a command-line *option*, written ``YYYY-MM-DD`` as in the documents
    (:func:`ocop._convert.parse_date`)."""
    try:
        return _parse_date(text)
    except (TypeError, ValueError):
        raise InvalidInput(
            option, text, f"expected an ISO date YYYY-MM-DD, got {show(text)}"
        ) from None


def read_input(name: str) -> str:
    """The text of file *name*, or of standard input for ``-``: bytes read and decoded
    strictly as UTF-8 (:func:`ocop.serialize.decode_utf8`: a leading byte-order
    mark is dropped), at most :data:`~ocop.serialize.MAX_DOCUMENT` bytes."""
    from ocop.serialize import MAX_DOCUMENT, decode_utf8

    what = "standard input" if name == "-" else name
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in place of sys.stdin (tests, embedding)
            data = sys.stdin.read(MAX_DOCUMENT + 1).encode("utf-8", "surrogateescape")
        else:
            data = stream.read(MAX_DOCUMENT + 1)
    else:
        try:
            with open(name, "rb") as fh:
                data = fh.read(MAX_DOCUMENT + 1)
        except OSError as exc:
            raise InvalidInput("", name, f"cannot read {name}: {exc.strerror}") from None
    if len(data) > MAX_DOCUMENT:
        raise InvalidInput(
            "",
            None,
            f"{what} is larger than {MAX_DOCUMENT // 2**20} MiB ({MAX_DOCUMENT:,} bytes), "
            "the largest JSON document read",
        )
    return decode_utf8(data, what)


def read_document(name: str) -> Any:
    """The JSON document in file *name* (or ``-``), parsed by :func:`ocop.serialize.loads`."""
    from ocop.serialize import loads

    return loads(read_input(name))


def optional_date(option: str, text: str | None) -> date | None:
    """:func:`parse_date` of an option that may be absent (``None``)."""
    return None if text is None else parse_date(option, text)


def dump_json(doc: Any, out: TextIO) -> None:
    """Print a JSON document as every command does: indented, UTF-8 text as is."""
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
