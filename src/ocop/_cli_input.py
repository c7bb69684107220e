"""Reading a JSON document named on the command line (a file, or ``-`` for standard input).

Shared by the subcommands of ``ocop``; errors are :class:`~ocop.errors.InvalidInput`,
which the main program prints as one line with exit status 1.
"""

from __future__ import annotations

import sys
from typing import Any

from ocop.errors import InvalidInput

__all__ = ["read_document", "read_input"]


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
