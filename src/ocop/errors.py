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

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only; `import ocop` stays light
    from datetime import date

__all__ = [
    "CatalogueIntegrityError",
    "InvalidAnswer",
    "InvalidInput",
    "MissingAnswer",
    "NoRuleSetInForce",
    "OcopError",
    "UnknownCriterion",
    "UnknownRuleSet",
    "UnknownSheet",
]


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
        super().__init__(f"{path}: {message}" if path else message)

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


class UnknownRuleSet(OcopError, LookupError):
    """A rule-set id that the library does not know."""

    def __init__(self, ruleset: str, known: tuple[str, ...]) -> None:
        self.ruleset = ruleset
        self.known = known
        super().__init__(f"unknown rule set {ruleset!r}; known rule sets: {', '.join(known)}")

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
