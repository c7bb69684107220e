"""ocop: Vietnam's OCOP product-ranking rules (Chương trình Mỗi xã một sản phẩm) as code.

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(4).criteria}
>>> ocop.rank([{"member": "Chủ tịch", "answers": answers}], sheet=4, ruleset="qd26-2026").stars
5
"""

from __future__ import annotations

import importlib

from ocop._version import __version__
from ocop.errors import (
    CatalogueIntegrityError,
    HolidaysUnavailable,
    IncompleteDossier,
    InvalidAnswer,
    InvalidCertificate,
    InvalidCouncil,
    InvalidHistory,
    InvalidInput,
    InvalidProductCode,
    MissingAnswer,
    MissingExtra,
    NoRuleSetInForce,
    NotEncoded,
    OcopError,
    SheetUnavailable,
    UnknownCriterion,
    UnknownLevel,
    UnknownRuleSet,
    UnknownSheet,
)

TYPE_CHECKING = False  # not from typing: importing typing costs more than all of `import ocop`
if TYPE_CHECKING:  # imported on first use, through __getattr__ below (PEP 562)
    from typing import Any

    from ocop.batch import rank_many, read_jsonl
    from ocop.certificates import (
        Certificate,
        CertificateStatus,
        ProductCode,
        RevocationGround,
        certificate_status,
        parse_product_code,
    )
    from ocop.criteria import (
        DossierKind,
        RuleSetInfo,
        Selection,
        list_rulesets,
        load_ruleset,
        ruleset_for,
        select_ruleset,
    )
    from ocop.criteria.model import CriteriaSheet, Criterion, Option, Source
    from ocop.criteria.ruleset import RuleSet
    from ocop.model import (
        Council,
        CouncilLevel,
        CouncilMember,
        MemberSheet,
        Producer,
        ProducerKind,
        Product,
    )
    from ocop.procedure import (
        HolidayCalendar,
        Level,
        NextStep,
        check_council,
        check_dossier,
        council_rank,
        deadline,
        next_step,
        next_step_for,
        procedure_for,
        rounds,
    )
    from ocop.ranking import (
        AppliedCondition,
        FailedMinimum,
        MemberScore,
        MinimumPolicy,
        RankRequest,
        RankResult,
        rank,
        rank_request,
        score_sheet,
    )
    from ocop.records import PandasMissing, to_frame, to_records

# `import ocop` loads only the version and the errors; each other public name is
# imported from its module when first used, so that `import ocop` stays fast (attrs and
# the model classes cost tens of milliseconds to import).
_LAZY: dict[str, str] = {
    "Certificate": "ocop.certificates",
    "CertificateStatus": "ocop.certificates",
    "ProductCode": "ocop.certificates",
    "RevocationGround": "ocop.certificates",
    "certificate_status": "ocop.certificates",
    "parse_product_code": "ocop.certificates",
    "DossierKind": "ocop.criteria",
    "RuleSetInfo": "ocop.criteria",
    "Selection": "ocop.criteria",
    "list_rulesets": "ocop.criteria",
    "load_ruleset": "ocop.criteria",
    "ruleset_for": "ocop.criteria",
    "select_ruleset": "ocop.criteria",
    "CriteriaSheet": "ocop.criteria.model",
    "Criterion": "ocop.criteria.model",
    "Option": "ocop.criteria.model",
    "RuleSet": "ocop.criteria.ruleset",
    "Source": "ocop.criteria.model",
    "Council": "ocop.model",
    "CouncilLevel": "ocop.model",
    "CouncilMember": "ocop.model",
    "MemberSheet": "ocop.model",
    "Producer": "ocop.model",
    "ProducerKind": "ocop.model",
    "Product": "ocop.model",
    "HolidayCalendar": "ocop.procedure",
    "Level": "ocop.procedure",
    "NextStep": "ocop.procedure",
    "check_council": "ocop.procedure",
    "check_dossier": "ocop.procedure",
    "council_rank": "ocop.procedure",
    "deadline": "ocop.procedure",
    "next_step": "ocop.procedure",
    "next_step_for": "ocop.procedure",
    "procedure_for": "ocop.procedure",
    "rounds": "ocop.procedure",
    "AppliedCondition": "ocop.ranking",
    "FailedMinimum": "ocop.ranking",
    "MemberScore": "ocop.ranking",
    "MinimumPolicy": "ocop.ranking",
    "RankRequest": "ocop.ranking",
    "RankResult": "ocop.ranking",
    "rank": "ocop.ranking",
    "rank_request": "ocop.ranking",
    "score_sheet": "ocop.ranking",
    "rank_many": "ocop.batch",
    "read_jsonl": "ocop.batch",
    "PandasMissing": "ocop.records",
    "to_frame": "ocop.records",
    "to_records": "ocop.records",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ocop' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AppliedCondition",
    "CatalogueIntegrityError",
    "Certificate",
    "CertificateStatus",
    "Council",
    "CouncilLevel",
    "CouncilMember",
    "CriteriaSheet",
    "Criterion",
    "DossierKind",
    "FailedMinimum",
    "HolidayCalendar",
    "HolidaysUnavailable",
    "IncompleteDossier",
    "InvalidAnswer",
    "InvalidCertificate",
    "InvalidCouncil",
    "InvalidHistory",
    "InvalidInput",
    "InvalidProductCode",
    "Level",
    "MemberScore",
    "MemberSheet",
    "MinimumPolicy",
    "MissingAnswer",
    "MissingExtra",
    "NextStep",
    "NoRuleSetInForce",
    "NotEncoded",
    "OcopError",
    "Option",
    "PandasMissing",
    "Producer",
    "ProducerKind",
    "Product",
    "ProductCode",
    "RankRequest",
    "RankResult",
    "RevocationGround",
    "RuleSet",
    "RuleSetInfo",
    "Selection",
    "SheetUnavailable",
    "Source",
    "UnknownCriterion",
    "UnknownLevel",
    "UnknownRuleSet",
    "UnknownSheet",
    "__version__",
    "certificate_status",
    "check_council",
    "check_dossier",
    "council_rank",
    "deadline",
    "list_rulesets",
    "load_ruleset",
    "next_step",
    "next_step_for",
    "parse_product_code",
    "procedure_for",
    "rank",
    "rank_many",
    "rank_request",
    "read_jsonl",
    "rounds",
    "ruleset_for",
    "score_sheet",
    "select_ruleset",
    "to_frame",
    "to_records",
]
