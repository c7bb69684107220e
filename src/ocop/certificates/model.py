"""Certificates (giấy chứng nhận) and the events of their life, with the rule sets they cite.

A certificate is valid from the day the competent authority issues it, for 36 months
(26/2026/QĐ-TTg Điều 4.3; the same rule in 1048/QĐ-TTg and 148/QĐ-TTg). The end date
follows Bộ luật Dân sự 2015 Điều 147.2 and 148.3 (see :func:`validity_end`). The events of a
certificate's life are in :mod:`ocop.certificates.events`; periods are counted by
:mod:`ocop.calendar` (``days_after`` and ``days_before`` here are its functions):

>>> from datetime import date, datetime
>>> cert = Certificate(issued=date(2024, 2, 29), ruleset="qd148-2023", stars=3)
>>> cert.valid_from, cert.valid_until
(datetime.date(2024, 2, 29), datetime.date(2027, 2, 28))
>>> str(cert.validity_source)
'148/QĐ-TTg, Phụ lục II (Giấy chứng nhận ... 36 tháng kể từ ngày ... ban hành)'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import attrs

from ocop._check import check_date
from ocop._source import Source
from ocop._text import nfc
from ocop.calendar import BLDS_DAYS, BLDS_MONTHS, days_before
from ocop.calendar import day_deadline as days_after
from ocop.certificates.terms import CURRENT, TermConvention, term_end, validity_end
from ocop.errors import InvalidCertificate, InvalidInput, show
from ocop.model import CouncilLevel

__all__ = [
    "BLDS_DAYS",
    "BLDS_MONTHS",
    "CURRENT",
    "Certificate",
    "CertificateRuleSet",
    "certificate_ruleset",
    "certificate_rulesets",
    "days_after",
    "days_before",
    "districts_abolished",
    "qd26",
    "qd26_in_force",
    "revocation_period",
    "ruleset_in_force",
    "validity_end",
]


def _law(name: str) -> Any:
    """The values once written here as constants, now read from the registry (lazily)."""
    from ocop.criteria import registry

    if name == "QD26":
        return registry.info(CURRENT).instrument
    if name == "QD26_IN_FORCE":
        return registry.info(CURRENT).in_force_from
    if name == "VALIDITY_MONTHS":
        return registry.certificate_rules(CURRENT).validity.months
    if name == "DISTRICTS_ABOLISHED":
        return registry.districts_abolished().on
    raise AttributeError(f"module {show(__name__)} has no attribute {show(name)}")


def __getattr__(name: str) -> Any:
    """``QD26``, ``QD26_IN_FORCE``, ``VALIDITY_MONTHS``, ``DISTRICTS_ABOLISHED``: from the data."""
    return _law(name)


def qd26() -> str:
    """The instrument of the current rule set, ``"26/2026/QĐ-TTg"`` (``index.json``)."""
    return str(_law("QD26"))


def qd26_in_force() -> date:
    """The day the current rule set comes into force (``index.json``; 26/2026 Điều 11.1)."""
    day: date = _law("QD26_IN_FORCE")
    return day


def districts_abolished() -> date:
    """The day the district level ended (``shared.json``; the 1-5 July gap: docs/procedure.md)."""
    day: date = _law("DISTRICTS_ABOLISHED")
    return day


def _is_date(value: object) -> bool:
    # datetime is a subclass of date; a certificate's dates are calendar days
    # (the one rule of ocop._check.check_date).
    return isinstance(value, date) and not isinstance(value, datetime)


# --- Rule sets, as far as certificates are concerned -----------------------------------


@attrs.frozen(kw_only=True)
class CertificateRuleSet:
    """What a certificate needs to know of the rule set it was issued under.

    ``levels`` maps a star class to the levels that issue certificates for it.
    ``verified`` says whether the provisions below were read in the legal text itself
    (only 26/2026 was); ``note`` says what is uncertain.
    """

    id: str
    instrument: str
    validity: Source
    """The provision that makes a certificate valid for ``validity_months`` from its issue."""
    levels: Mapping[int, frozenset[CouncilLevel]]
    """The procedure's ``recognises`` of each stage, plus its ``doubtful`` classes."""
    verified: bool
    note: str = ""
    validity_months: int = attrs.field(default=0)
    """How many months a certificate is valid (``certificates.json``)."""
    convention: TermConvention = "anniversary_excluded"
    """How the term's last day is read (``certificates.json``; :func:`term_end`)."""
    convention_source: Source | None = None
    doubtful: Mapping[int, frozenset[CouncilLevel]] = attrs.field(
        factory=lambda: MappingProxyType({})
    )
    """The levels among ``levels`` that no source confirms, per class (see ``note``)."""

    @property
    def in_force_from(self) -> date:
        """First day in force, from :func:`ocop.list_rulesets` (the one table of dates)."""
        return _interval(self.id)[0]

    @property
    def in_force_until(self) -> date | None:
        """Last day in force, inclusive; ``None`` while in force."""
        return _interval(self.id)[1]

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


def _interval(ruleset_id: str) -> tuple[date, date | None]:
    from ocop.criteria import list_rulesets

    for info in list_rulesets():
        if info.id == ruleset_id:
            return info.in_force_from, info.in_force_until
    raise KeyError(ruleset_id)  # pragma: no cover - guarded by the tests


@functools.cache
def _rulesets() -> tuple[CertificateRuleSet, ...]:
    """Built from the registry: each rule set's ``certificates.json`` and the levels its
    procedure recognises (one record, read by the procedure too)."""
    from ocop.criteria import registry
    from ocop.procedure import load_procedure

    out = []
    for entry in registry.rulesets():
        rules = registry.certificate_rules(entry.id)
        proc = load_procedure(entry.id)
        levels: dict[int, set[CouncilLevel]] = {}
        doubtful: dict[int, set[CouncilLevel]] = {}
        for stage in proc.stages:
            for stars in stage.recognises:
                levels.setdefault(stars, set()).add(CouncilLevel(stage.level.value))
            for doubt in stage.doubtful:
                for stars in doubt.stars:
                    levels.setdefault(stars, set()).add(CouncilLevel(stage.level.value))
                    doubtful.setdefault(stars, set()).add(CouncilLevel(stage.level.value))
        out.append(
            CertificateRuleSet(
                id=entry.id,
                instrument=proc.instrument,
                validity=rules.validity.source,
                validity_months=rules.validity.months,
                convention=rules.validity.convention,
                convention_source=rules.validity.convention_source,
                levels=MappingProxyType({k: frozenset(v) for k, v in sorted(levels.items())}),
                doubtful=MappingProxyType({k: frozenset(v) for k, v in sorted(doubtful.items())}),
                verified=rules.verified,
                note=rules.note,
            )
        )
    return tuple(out)


def certificate_rulesets() -> tuple[CertificateRuleSet, ...]:
    """The rule sets a certificate may be issued under, oldest first.

    >>> [r.id for r in certificate_rulesets()]
    ['qd1048-2019', 'qd781-2020', 'qd148-2023', 'qd1489-2025', 'qd26-2026']
    """
    return _rulesets()


def certificate_ruleset(ruleset_id: str, *, path: str = "ruleset") -> CertificateRuleSet:
    """The rule set with this id; an unknown id is an :class:`InvalidCertificate`."""
    for ruleset in _rulesets():
        if ruleset.id == ruleset_id:
            return ruleset
    known = ", ".join(r.id for r in _rulesets())
    raise InvalidCertificate(
        path, ruleset_id, f"unknown rule set {show(ruleset_id)}; known: {known}"
    )


def ruleset_in_force(day: date) -> CertificateRuleSet:
    """The rule set that governs an evaluation on *day* (:func:`ocop.select_ruleset`;
    where two overlap, the newer one).

    >>> ruleset_in_force(date(2026, 6, 1)).id      # 1489 still runs until 21 July 2026
    'qd26-2026'
    >>> ruleset_in_force(date(2025, 7, 6)).id
    'qd1489-2025'
    """
    from ocop.criteria import select_ruleset
    from ocop.errors import NoRuleSetInForce

    try:
        return certificate_ruleset(select_ruleset(day).ruleset)
    except NoRuleSetInForce:
        raise InvalidCertificate(
            "issued",
            day,
            f"no OCOP rule set was in force on {day.isoformat()} "
            f"(the first, {_rulesets()[0].instrument}, applies from "
            f"{_rulesets()[0].in_force_from.isoformat()})",
        ) from None


# --- The certificate ---------------------------------------------------------------------


def _opt_text(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {show(value)}")
    return nfc(value)


@attrs.frozen(kw_only=True)
class Certificate:
    """A certificate recognising an OCOP product's star class (giấy chứng nhận sản phẩm OCOP).

    ``issued`` is the day the competent authority issued the recognition decision and
    the certificate (*ngày cơ quan có thẩm quyền ban hành*). Only ``issued`` and
    ``ruleset`` are needed to compute validity; the other fields describe the
    certificate and are checked when given. ``stated_valid_until`` is the expiry date
    printed in the decision, if any: under 26/2026 Điều 12.1 a certificate keeps the
    term of its own decision, so a stated date governs over the computed one.
    """

    issued: date
    ruleset: str
    stars: int | None = None
    product: str | None = attrs.field(default=None, converter=_opt_text)
    producer: str | None = attrs.field(default=None, converter=_opt_text)
    product_code: str | None = attrs.field(default=None, converter=_opt_text)
    authority: str | None = attrs.field(default=None, converter=_opt_text)
    """The issuing authority as printed, e.g. ``"UBND tỉnh Lâm Đồng"``."""
    level: CouncilLevel | None = None
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)
    stated_valid_until: date | None = None
    term_start: date | None = None
    """The first day of the term when the decision sets one other than its own date (the
    national 5★ re-recognitions decided in November 2024 count "từ ngày 1/7/2024")."""

    def __attrs_post_init__(self) -> None:
        check_date("issued", self.issued, InvalidCertificate)
        if self.term_start is not None:
            check_date("term_start", self.term_start, InvalidCertificate)
        rs = certificate_ruleset(self.ruleset)
        if not rs.in_force_on(self.issued):
            until = rs.in_force_until.isoformat() if rs.in_force_until else "…"
            raise InvalidCertificate(
                "issued",
                self.issued.isoformat(),
                f"{rs.id} ({rs.instrument}) was in force "
                f"{rs.in_force_from.isoformat()}–{until}, not on {self.issued.isoformat()}",
            )
        if self.stars is not None:
            if isinstance(self.stars, bool) or not isinstance(self.stars, int):
                raise InvalidCertificate("stars", self.stars, "expected an integer 3, 4 or 5")
            if self.stars not in rs.levels:  # the classes its procedure certifies
                low, high = min(rs.levels), max(rs.levels)
                raise InvalidCertificate(
                    "stars",
                    self.stars,
                    f"{show(self.stars)} stars get no certificate; only {low} to {high} stars are "
                    f"certified under {rs.instrument}",
                )
        if self.level is not None:
            if not isinstance(self.level, CouncilLevel):
                raise InvalidCertificate("level", self.level, "expected a CouncilLevel")
            if self.stars is not None and self.level not in rs.levels[self.stars]:
                allowed = ", ".join(sorted(lv.value for lv in rs.levels[self.stars]))
                raise InvalidCertificate(
                    "level",
                    self.level.value,
                    f"under {rs.id} a {self.stars}-star certificate is issued at level "
                    f"{allowed}, not {self.level.value}",
                )
            if self.level is CouncilLevel.DISTRICT and self.issued >= districts_abolished():
                raise InvalidCertificate(
                    "level",
                    self.level.value,
                    f"the district level was abolished on {districts_abolished().isoformat()}; "
                    f"no district issued certificates on {self.issued.isoformat()}",
                )
        if self.stated_valid_until is not None:
            check_date("stated_valid_until", self.stated_valid_until, InvalidCertificate)
            if self.stated_valid_until <= max(self.issued, self.valid_from):
                raise InvalidCertificate(
                    "stated_valid_until",
                    self.stated_valid_until.isoformat(),
                    f"must be after the issue date {self.issued.isoformat()} and the term's start",
                )
        try:  # a validity that would end after 31 December 9999
            self.computed_valid_until  # noqa: B018
        except InvalidInput as exc:
            raise InvalidCertificate("issued", self.issued, exc.message) from None
        for name in ("product", "producer", "authority", "decision_number", "product_code"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                raise InvalidCertificate(name, value, "must not be empty; leave it out instead")

    @property
    def ruleset_info(self) -> CertificateRuleSet:
        return certificate_ruleset(self.ruleset)

    @property
    def valid_from(self) -> date:
        """The term's first day: ``term_start`` if the decision sets one, else the issue day."""
        return self.issued if self.term_start is None else self.term_start

    @property
    def computed_valid_until(self) -> date:
        """The rule set's validity (36 months) from the term's start, its last day read by
        the rule set's convention (:func:`~ocop.certificates.terms.term_end`)."""
        rs = self.ruleset_info
        return term_end(self.valid_from, rs.validity_months, rs.convention)

    @property
    def valid_until(self) -> date:
        """The last valid day: the stated one if the decision gives one, else the computed one."""
        if self.stated_valid_until is not None:
            return self.stated_valid_until
        return self.computed_valid_until

    @property
    def validity_source(self) -> Source:
        return self.ruleset_info.validity


def revocation_period() -> Any:
    """The revocation time limit of the current rule set (its ``procedure.json`` periods)."""
    from ocop.procedure import load_procedure

    for period in load_procedure(CURRENT).periods:
        if period.key == "revocation":
            return period
    raise KeyError("revocation")  # pragma: no cover - guarded by the registry tests
