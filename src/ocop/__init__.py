"""ocop: Vietnam's OCOP product-ranking rules (Chương trình Mỗi xã một sản phẩm) as code.

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(4).criteria}
>>> ocop.rank([{"member": "Chủ tịch", "answers": answers}], sheet=4, ruleset="qd26-2026").stars
5
"""

from __future__ import annotations

from ocop._lazy import lazy_attribute
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

    from ocop.advice import (
        Advice,
        Costs,
        Migration,
        Question,
        Step,
        WhatIf,
        advise,
        migrate,
        whatif,
    )
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
    from ocop.criteria.overlay import Overlay
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
    from ocop.programme import (
        Plan,
        Registry,
        Target,
        evaluate,
        flows,
        load_plan,
        read_registry_csv,
        read_registry_jsonl,
        registry_from_frame,
        statistics,
    )
    from ocop.ranking import (
        AppliedCondition,
        CouncilBreach,
        CouncilRules,
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

# `import ocop` loads only the version and the errors; each other public name (in __all__,
# the one list) is imported from the first of these modules whose own __all__ has it, when
# first used, so that `import ocop` stays fast (attrs and the model classes cost tens of
# milliseconds to import). The order puts the lighter modules first.
_MODULES = (
    "ocop.model",
    "ocop.criteria",
    "ocop.criteria.model",
    "ocop.criteria.overlay",
    "ocop.ranking",
    "ocop.batch",
    "ocop.records",
    "ocop.procedure",
    "ocop.certificates",
    "ocop.programme",
    "ocop.advice",
)


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, name, __all__, _MODULES, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Advice",
    "AppliedCondition",
    "CatalogueIntegrityError",
    "Certificate",
    "CertificateStatus",
    "Costs",
    "Council",
    "CouncilBreach",
    "CouncilLevel",
    "CouncilMember",
    "CouncilRules",
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
    "Migration",
    "MinimumPolicy",
    "MissingAnswer",
    "MissingExtra",
    "NextStep",
    "NoRuleSetInForce",
    "NotEncoded",
    "OcopError",
    "Option",
    "Overlay",
    "PandasMissing",
    "Plan",
    "Producer",
    "ProducerKind",
    "Product",
    "ProductCode",
    "Question",
    "RankRequest",
    "RankResult",
    "Registry",
    "RevocationGround",
    "RuleSet",
    "RuleSetInfo",
    "Selection",
    "SheetUnavailable",
    "Source",
    "Step",
    "Target",
    "UnknownCriterion",
    "UnknownLevel",
    "UnknownRuleSet",
    "UnknownSheet",
    "WhatIf",
    "__version__",
    "advise",
    "certificate_status",
    "check_council",
    "check_dossier",
    "council_rank",
    "deadline",
    "evaluate",
    "flows",
    "list_rulesets",
    "load_plan",
    "load_ruleset",
    "migrate",
    "next_step",
    "next_step_for",
    "parse_product_code",
    "procedure_for",
    "rank",
    "rank_many",
    "rank_request",
    "read_jsonl",
    "read_registry_csv",
    "read_registry_jsonl",
    "registry_from_frame",
    "rounds",
    "ruleset_for",
    "score_sheet",
    "select_ruleset",
    "statistics",
    "to_frame",
    "to_records",
    "whatif",
]
