"""Certificates (giấy chứng nhận) and the events of their life, with the rule sets they cite.

A certificate is valid from the day the competent authority issues it, for 36 months
(26/2026/QĐ-TTg Điều 4.3; the same rule in 1048/QĐ-TTg and 148/QĐ-TTg). The end date
follows Bộ luật Dân sự 2015 Điều 147.2 and 148.3 (see :func:`validity_end`):

>>> from datetime import date
>>> cert = Certificate(issued=date(2024, 2, 29), ruleset="qd148-2023", stars=3)
>>> cert.valid_from, cert.valid_until
(datetime.date(2024, 2, 29), datetime.date(2027, 2, 28))
>>> str(cert.validity_source)
'148/QĐ-TTg, Phụ lục II (Giấy chứng nhận ... 36 tháng kể từ ngày ... ban hành)'
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, ClassVar

import attrs
from dateutil.relativedelta import relativedelta

from ocop._text import nfc
from ocop.criteria.model import Source
from ocop.errors import InvalidCertificate, InvalidHistory
from ocop.model import CouncilLevel

__all__ = [
    "BLDS_DAYS",
    "BLDS_MONTHS",
    "CURRENT",
    "Certificate",
    "CertificateRuleSet",
    "Event",
    "ReRanked",
    "ReRankingFiled",
    "RevocationGround",
    "Revoked",
    "Upgraded",
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

#: The rule set whose certificate rules govern from its entry into force (an id, not law):
#: its instrument, in-force date and periods are read from :mod:`ocop.criteria.registry`.
CURRENT = "qd26-2026"


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
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


_BLDS = "Bộ luật Dân sự 91/2015/QH13"
#: How a period in months counted from an event ends (start the next day; end on the
#: corresponding day of the last month, or that month's last day if it has none).
BLDS_MONTHS = Source(instrument=_BLDS, provision="Điều 147, khoản 2; Điều 148, khoản 3")
#: How a period in days counted from an event ends (start the next day; end at 24:00 of
#: the last day). Điều 148.5 (a last day that is a day off) is not applied by ocop.
BLDS_DAYS = Source(instrument=_BLDS, provision="Điều 147, khoản 2; Điều 148, khoản 1")


def _is_date(value: object) -> bool:
    # datetime is a subclass of date; a certificate's dates are calendar days.
    return type(value) is date


def validity_end(issued: date, months: int | None = None) -> date:
    """The last day of a period of *months* months counted from the day *issued*.

    Bộ luật Dân sự 2015 Điều 147.2: the day of the event is not counted; the period
    starts the next day. Điều 148.3: a period in months ends at the end of the
    corresponding day of its last month, or of that month's last day when it has no
    corresponding day. So the last valid day is ``issued + 36 months`` (inclusive),
    clamped to the month's end by :class:`dateutil.relativedelta.relativedelta`:

    >>> validity_end(date(2023, 8, 31))
    datetime.date(2026, 8, 31)
    >>> validity_end(date(2024, 2, 29))      # 2027 has no 29 February
    datetime.date(2027, 2, 28)
    >>> validity_end(date(2023, 5, 31), 1)   # a month without a 31st ends on its last day
    datetime.date(2023, 6, 30)
    """
    if not _is_date(issued):
        raise TypeError(f"issued must be a datetime.date, got {issued!r}")
    if months is None:  # the current rule set's validity (certificates.json)
        months = int(_law("VALIDITY_MONTHS"))
    end: date = issued + relativedelta(months=months)
    return end


def days_after(event: date, days: int) -> date:
    """The last day of a period of *days* days counted from the day *event* (BLDS Điều 147-148).

    >>> days_after(date(2026, 3, 1), 15)     # 15 days from 1 March: 2 March is day 1
    datetime.date(2026, 3, 16)
    """
    return event + timedelta(days=days)


def days_before(reference: date, days: int) -> date:
    """The day that lies *days* days before *reference* (counting back, *reference* not counted).

    >>> days_before(date(2026, 8, 31), 120)
    datetime.date(2026, 5, 3)
    """
    return reference - timedelta(days=days)


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
    raise InvalidCertificate(path, ruleset_id, f"unknown rule set {ruleset_id!r}; known: {known}")


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
        raise TypeError(f"expected a string, got {value!r}")
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

    def __attrs_post_init__(self) -> None:
        if not _is_date(self.issued):
            raise InvalidCertificate("issued", self.issued, "expected a date (not a datetime)")
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
            if self.stars not in (3, 4, 5):
                raise InvalidCertificate(
                    "stars",
                    self.stars,
                    f"{self.stars} stars get no certificate; only 3 to 5 stars are certified "
                    f"({qd26()} Điều 4.1.a)",
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
            if not _is_date(self.stated_valid_until):
                raise InvalidCertificate(
                    "stated_valid_until", self.stated_valid_until, "expected a date"
                )
            if self.stated_valid_until <= self.issued:
                raise InvalidCertificate(
                    "stated_valid_until",
                    self.stated_valid_until.isoformat(),
                    f"must be after the issue date {self.issued.isoformat()}",
                )
        for name in ("product", "producer", "authority", "decision_number", "product_code"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                raise InvalidCertificate(name, value, "must not be empty; leave it out instead")

    @property
    def ruleset_info(self) -> CertificateRuleSet:
        return certificate_ruleset(self.ruleset)

    @property
    def valid_from(self) -> date:
        """The first valid day: the issue day itself."""
        return self.issued

    @property
    def computed_valid_until(self) -> date:
        """The rule set's validity (36 months) from the issue (inclusive last day)."""
        return validity_end(self.issued, self.ruleset_info.validity_months)

    @property
    def valid_until(self) -> date:
        """The last valid day: the stated one if the decision gives one, else the computed one."""
        if self.stated_valid_until is not None:
            return self.stated_valid_until
        return self.computed_valid_until

    @property
    def validity_source(self) -> Source:
        return self.ruleset_info.validity


# --- Events ----------------------------------------------------------------------------


class RevocationGround(enum.StrEnum):
    """The grounds for revoking a certificate, 26/2026/QĐ-TTg Điều 8.1.a–e (six points)."""

    A = "a"
    """Untruthful information or forged documents in the dossier."""
    B = "b"
    """The product no longer meets the criteria (inspection conclusion)."""
    C = "c"
    """Violation of the law on quality, food safety, environment, IP, labelling, etc."""
    D = "d"
    """Misuse of the OCOP mark, misleading about the recognised product."""
    DD = "đ"
    """The producer no longer produces the OCOP product."""
    E = "e"
    """Another case concluded and proposed by a competent state body."""

    @property
    def source(self) -> Source:
        return Source(instrument=qd26(), provision=f"Điều 8, khoản 1, điểm {self.value}")

    @property
    def label_vi(self) -> str:
        return _GROUND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _GROUND_LABELS[self][1]


_GROUND_LABELS: dict[RevocationGround, tuple[str, str]] = {
    RevocationGround.A: (
        "Cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ",
        "Untruthful information or forged dossier",
    ),
    RevocationGround.B: (
        "Sản phẩm không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP",
        "The product no longer meets the OCOP criteria",
    ),
    RevocationGround.C: (
        "Vi phạm quy định pháp luật về chất lượng, an toàn thực phẩm, môi trường, "
        "sở hữu trí tuệ, ghi nhãn hàng hóa hoặc quy định khác",
        "Violation of the law on quality, food safety, environment, IP, labelling or other",
    ),
    RevocationGround.D: (
        "Sử dụng nhãn hiệu OCOP không đúng quy định",
        "Improper use of the OCOP mark",
    ),
    RevocationGround.DD: (
        "Không còn hoạt động sản xuất sản phẩm OCOP",
        "No longer produces the OCOP product",
    ),
    RevocationGround.E: (
        "Trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền",
        "Other case concluded by a competent state body",
    ),
}


def _event_date(_inst: object, attribute: attrs.Attribute[date], value: date) -> None:
    if not _is_date(value):
        raise InvalidHistory(attribute.name, value, "expected a date (not a datetime)")


def _event_stars(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value not in (3, 4, 5):
        raise InvalidHistory(attribute.name, value, "expected 3, 4 or 5 stars")


@attrs.frozen(kw_only=True)
class Upgraded:
    """An upgrade (nâng hạng): a new certificate of a higher class replaces this one on ``on``."""

    kind: ClassVar[str] = "upgraded"
    on: date = attrs.field(validator=_event_date)
    stars: int = attrs.field(validator=_event_stars)
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen(kw_only=True)
class ReRankingFiled:
    """The producer filed a re-ranking (đánh giá, phân hạng lại) dossier on ``on`` (Điều 7.6)."""

    kind: ClassVar[str] = "reranking_filed"
    on: date = attrs.field(validator=_event_date)


@attrs.frozen(kw_only=True)
class ReRanked:
    """The authority's result of a re-ranking, decided on ``on``.

    ``stars`` is the class re-recognised (công nhận lại), which replaces this certificate
    with a new one; ``None`` means the product was not re-recognised.
    """

    kind: ClassVar[str] = "reranked"
    on: date = attrs.field(validator=_event_date)
    stars: int | None = attrs.field(validator=_event_stars)
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen(kw_only=True)
class Revoked:
    """A revocation decision (quyết định thu hồi) of ``on`` (26/2026 Điều 8).

    ``concluded_on`` is the day of the competent body's conclusion (or the commune's
    confirmation that production stopped) from which the 15-day limit of Điều 8.4 runs.
    """

    kind: ClassVar[str] = "revoked"
    on: date = attrs.field(validator=_event_date)
    ground: RevocationGround | None = None
    concluded_on: date | None = None
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)

    def __attrs_post_init__(self) -> None:
        if self.ground is not None and not isinstance(self.ground, RevocationGround):
            raise InvalidHistory("ground", self.ground, "expected a RevocationGround")
        if self.concluded_on is not None:
            if not _is_date(self.concluded_on):
                raise InvalidHistory("concluded_on", self.concluded_on, "expected a date")
            if self.concluded_on > self.on:
                raise InvalidHistory(
                    "concluded_on",
                    self.concluded_on.isoformat(),
                    f"the conclusion cannot come after the revocation decision ({self.on})",
                )

    @property
    def deadline(self) -> date | None:
        """Last day for the decision: 15 days from the conclusion (Điều 8.4), if known."""
        if self.concluded_on is None:
            return None
        return days_after(self.concluded_on, revocation_period().length)

    @property
    def within_time_limit(self) -> bool | None:
        deadline = self.deadline
        return None if deadline is None else self.on <= deadline


def revocation_period() -> Any:
    """The revocation time limit of the current rule set (its ``procedure.json`` periods)."""
    from ocop.procedure import load_procedure

    for period in load_procedure(CURRENT).periods:
        if period.key == "revocation":
            return period
    raise KeyError("revocation")  # pragma: no cover - guarded by the registry tests


#: One event in a certificate's life.
Event = Upgraded | ReRankingFiled | ReRanked | Revoked
