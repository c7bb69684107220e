"""Reading a JSON document named on the command line (a file, or ``-`` for standard input).

Shared by the subcommands of ``ocop``; errors are :class:`~ocop.errors.InvalidInput`,
which the main program prints as one line with exit status 1.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, TextIO

from ocop._convert import parse_date as _parse_date
from ocop.errors import InvalidInput

__all__ = ["dump_json", "optional_date", "parse_date", "read_document", "read_input"]


def parse_date(option: str, text: str) -> date:
    """The date given to a command-line *option*, written ``YYYY-MM-DD`` as in the documents
    (:func:`ocop._convert.parse_date`)."""
    try:
        return _parse_date(text)
    except (TypeError, ValueError):
        raise InvalidInput(option, text, f"expected an ISO date YYYY-MM-DD, got {text!r}") from None


def read_input(name: str) -> str:
    """The text of file *name* (UTF-8), or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.read()
    try:
        with open(name, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise InvalidInput("", name, f"cannot read {name}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput("", name, f"{name} is not UTF-8 text") from None


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
