"""Certificates and their validity, re-ranking, extension, revocation and upgrades; product codes.

The certificate's JSON documents (the certificate with its history, its status, a product
code) are written and read by :mod:`ocop.serialize` (:func:`ocop.serialize.certificate_to_dict`,
:func:`ocop.serialize.certificate_from_dict`, :func:`ocop.serialize.certificate_status_to_dict`),
which sits above this package.

>>> from datetime import date
>>> from ocop.certificates import Certificate, certificate_status
>>> cert = Certificate(issued=date(2023, 8, 31), ruleset="qd148-2023", stars=4)
>>> cert.valid_until       # 148: the third anniversary is the first day without effect
datetime.date(2026, 8, 30)
>>> certificate_status(cert, date(2026, 8, 1)).status.value
'expiring_soon'

See ``docs/certificates.md`` for the conventions (day counting per Bộ luật Dân sự 2015
Điều 147-148, by :mod:`ocop.calendar`; the last day of a term by each rule set's convention,
:mod:`ocop.certificates.terms`) and what is unverified. Modules: ``model`` (the
certificate, its rule sets), ``events``, ``periods`` (window, deadlines, extension,
revocation authority), ``history`` (replaying events), ``status``, ``codes``,
``provinces`` (the 34 provincial units and the 63 before Nghị quyết 202/2025/QH15).
"""

from __future__ import annotations

from ocop.certificates.codes import (
    CodeFormat,
    Commune,
    ProductCode,
    format_product_code,
    lookup_commune,
    parse_product_code,
)
from ocop.certificates.doubts import certificate_doubts
from ocop.certificates.events import (
    Event,
    ReRanked,
    ReRankingFiled,
    RevocationGround,
    Revoked,
    Upgraded,
)
from ocop.certificates.history import validate_history
from ocop.certificates.model import (
    Certificate,
    CertificateRuleSet,
    certificate_ruleset,
    certificate_rulesets,
    days_after,
    days_before,
    ruleset_in_force,
    validity_end,
)
from ocop.certificates.periods import (
    Deadline,
    Extension,
    FilingTiming,
    ReRankingWindow,
    RevocationAuthority,
    reranking_decision_due,
    reranking_window,
    revocation_authority,
)
from ocop.certificates.provinces import (
    Arrangement,
    FormerProvince,
    Province,
    ProvinceReform,
    ProvinceTable,
    province_key,
    province_reform,
    province_table,
)
from ocop.certificates.status import CertificateStatus, Status, SupersededBy, certificate_status
from ocop.certificates.terms import TermConvention, term_end

__all__ = [
    "QD26_IN_FORCE",
    "VALIDITY_MONTHS",
    "Arrangement",
    "Certificate",
    "CertificateRuleSet",
    "CertificateStatus",
    "CodeFormat",
    "Commune",
    "Deadline",
    "Event",
    "Extension",
    "FilingTiming",
    "FormerProvince",
    "ProductCode",
    "Province",
    "ProvinceReform",
    "ProvinceTable",
    "ReRanked",
    "ReRankingFiled",
    "ReRankingWindow",
    "RevocationAuthority",
    "RevocationGround",
    "Revoked",
    "Status",
    "SupersededBy",
    "TermConvention",
    "Upgraded",
    "certificate_doubts",
    "certificate_ruleset",
    "certificate_rulesets",
    "certificate_status",
    "days_after",
    "days_before",
    "format_product_code",
    "lookup_commune",
    "parse_product_code",
    "province_key",
    "province_reform",
    "province_table",
    "reranking_decision_due",
    "reranking_window",
    "revocation_authority",
    "ruleset_in_force",
    "term_end",
    "validate_history",
    "validity_end",
]


def __getattr__(name: str) -> object:
    """``QD26_IN_FORCE``, ``VALIDITY_MONTHS`` and the status periods: read from the data."""
    from ocop.certificates import model, periods

    if name in ("QD26_IN_FORCE", "VALIDITY_MONTHS"):
        return getattr(model, name)
    if name in periods.PERIOD_KEYS:
        return getattr(periods, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
