"""The legal citation type, at the bottom of the package (it imports nothing of ``ocop``).

:class:`Source` is used by every layer (criteria, procedure, certificates, the calendar
of legal periods); it is re-exported as :class:`ocop.criteria.model.Source` and
:class:`ocop.Source`.
"""

from __future__ import annotations

import attrs

__all__ = ["Source"]


@attrs.frozen(kw_only=True)
class Source:
    """A legal citation: the instrument and the provision inside it."""

    instrument: str
    provision: str
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.instrument}, {self.provision}"
