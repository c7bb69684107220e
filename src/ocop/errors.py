"""The exceptions of :mod:`ocop`.

Every error the library raises on purpose derives from :class:`OcopError`, so an
integrator can write ``except ocop.OcopError``. Each subclass also derives from the
matching built-in (:class:`ValueError` for bad input, :class:`LookupError` for
something that does not exist), so generic handlers keep working.

An error that concerns one place in the input names it with a *field path* in the
style ``members[2].answers["5.2"]`` and quotes the offending value:

>>> msg = "option 7 does not exist; options are 0, 1, 2"
>>> err = InvalidAnswer('members[2].answers["5.2"]', 7, msg)
>>> str(err)
'members[2].answers["5.2"]: option 7 does not exist; options are 0, 1, 2'
>>> err.path, err.value
('members[2].answers["5.2"]', 7)
"""

from __future__ import annotations

import reprlib

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only; `import ocop` stays light
    from datetime import date

__all__ = [
    "CatalogueIntegrityError",
    "HolidaysUnavailable",
    "IncompleteDossier",
    "InvalidAnswer",
    "InvalidCertificate",
    "InvalidCouncil",
    "InvalidHistory",
    "InvalidInput",
    "InvalidProductCode",
    "MissingAnswer",
    "MissingExtra",
    "NoRuleSetInForce",
    "NotEncoded",
    "OcopError",
    "SheetUnavailable",
    "UnknownCriterion",
    "UnknownLevel",
    "UnknownRuleSet",
    "UnknownSheet",
    "show",
]


class _BoundedRepr(reprlib.Repr):
    """A :mod:`reprlib` repr that never converts a huge integer to decimal digits."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 4 * self.maxlong:  # well under the 4300-digit conversion limit
            return f"<int of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


_REPR = _BoundedRepr()
_REPR.maxlevel = 4
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlong = 60
for _name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_REPR, _name, 8)


def show(value: object) -> str:
    """*value* as an error message quotes it: a bounded repr that never raises.

    A huge integer, a deeply nested or very long list, or an object whose own ``repr``
    fails is shown in a few dozen characters; a short value as Python shows it.

    >>> show("5.2"), show([1, 2]), show(10**5000)
    ("'5.2'", '[1, 2]', '<int of about 5001 digits>')
    """
    try:
        return _REPR.repr(value)
    except Exception:  # a repr that raises (RecursionError, a faulty __repr__...)
        return f"<{type(value).__name__} object>"


def _text(value: object) -> str:
    return value if isinstance(value, str) else show(value)


class OcopError(Exception):
    """Base class of every error raised by :mod:`ocop` on purpose."""


class InvalidInput(OcopError, ValueError):
    """Input that does not fit the rules: names the field *path* and the offending *value*.

    ``path`` is empty when the whole document is at fault.
    """

    def __init__(self, path: str, value: object, message: str) -> None:
        self.path = path
        self.value = value
        self.message = message
        # Built from text only (the value is quoted by the caller, with :func:`show`), so
        # that no input can make formatting the error fail.
        super().__init__(f"{_text(path)}: {_text(message)}" if path else _text(message))

    def __reduce__(self) -> tuple[type[InvalidInput], tuple[str, object, str]]:
        return (type(self), (self.path, self.value, self.message))


class InvalidAnswer(InvalidInput):
    """An answer that names no option of its criterion, or names one ambiguously."""


class MissingAnswer(InvalidInput):
    """A criterion that must be answered was not."""


class UnknownCriterion(InvalidInput, LookupError):
    """An answer for a code that is not a leaf criterion of the sheet."""


class UnknownSheet(InvalidInput, LookupError):
    """A criteria set (bộ sản phẩm) number that the rule set does not have."""


class SheetUnavailable(InvalidInput, LookupError):
    """A criteria set the rule set has, but whose criteria no known source gives in full.

    The message names the gap (e.g. "Part C criteria sum to 32 of 35 in the only
    transcription"); the library never ranks on a guessed sheet.
    """


class UnknownRuleSet(OcopError, LookupError):
    """A rule-set id that the library does not know."""

    def __init__(self, ruleset: str, known: tuple[str, ...]) -> None:
        self.ruleset = ruleset
        self.known = known
        super().__init__(f"unknown rule set {show(ruleset)}; known rule sets: {', '.join(known)}")

    def __reduce__(self) -> tuple[type[UnknownRuleSet], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.ruleset, self.known))


class NoRuleSetInForce(OcopError, LookupError):
    """No known rule set was in force on the date asked for."""

    def __init__(self, as_of: date, detail: str) -> None:
        self.as_of = as_of
        self.detail = detail
        super().__init__(f"no OCOP rule set in force on {as_of.isoformat()}: {detail}")

    def __reduce__(self) -> tuple[type[NoRuleSetInForce], tuple[date, str]]:
        return (type(self), (self.as_of, self.detail))


class CatalogueIntegrityError(OcopError, ValueError):
    """A shipped or user-supplied catalogue breaks an invariant (sums, order, markers...)."""

    def __init__(self, ruleset: str, path: str, message: str) -> None:
        self.ruleset = ruleset
        self.path = path
        self.message = message
        super().__init__(f"{ruleset}: {path}: {message}")

    def __reduce__(self) -> tuple[type[CatalogueIntegrityError], tuple[str, str, str]]:
        return (type(self), (self.ruleset, self.path, self.message))


class InvalidCertificate(InvalidInput):
    """A certificate (giấy chứng nhận) whose fields do not fit the rules of its rule set."""


class InvalidHistory(InvalidInput):
    """A certificate's history of events that cannot have happened (e.g. revoked before issue)."""


class InvalidProductCode(InvalidInput):
    """An OCOP product code (mã số sản phẩm) that does not parse or does not validate."""


class MissingExtra(OcopError, ImportError):
    """A feature needs an optional extra that is not installed (``pip install "ocop[EXTRA]"``)."""

    def __init__(self, extra: str, package: str, feature: str) -> None:
        self.extra = extra
        self.package = package
        self.feature = feature
        super().__init__(
            f'{feature} needs the optional package {package!r}: pip install "ocop[{extra}]"'
        )

    def __reduce__(self) -> tuple[type[MissingExtra], tuple[str, str, str]]:
        return (type(self), (self.extra, self.package, self.feature))


class UnknownLevel(InvalidInput, LookupError):
    """A procedure level (commune, district, province, central) that the rule set does not have."""


class InvalidCouncil(InvalidInput):
    """A council that does not meet what its rule set requires (chair, members, quorum)."""


class IncompleteDossier(InvalidInput):
    """A dossier that lacks components its rule set requires; ``value`` lists the missing keys."""


class NotEncoded(OcopError, LookupError):
    """A procedure fact that the library has not encoded for a rule set (the law was not read)."""

    def __init__(self, ruleset: str, what: str) -> None:
        self.ruleset = ruleset
        self.what = what
        super().__init__(f"{ruleset}: {what} not encoded")

    def __reduce__(self) -> tuple[type[NotEncoded], tuple[str, str]]:
        return (type(self), (self.ruleset, self.what))


class HolidaysUnavailable(OcopError, LookupError):
    """Working days were asked for, but no holiday calendar covers the dates.

    Install the optional extra (``pip install "ocop[holidays]"``) or pass an explicit
    :class:`ocop.procedure.HolidayCalendar`.
    """

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)

    def __reduce__(self) -> tuple[type[HolidaysUnavailable], tuple[str]]:
        return (type(self), (self.detail,))
