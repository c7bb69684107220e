"""ocop: Vietnam's OCOP product-ranking rules (Chương trình Mỗi xã một sản phẩm) as code.

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(4).criteria}
>>> ocop.rank([{"member": "Chủ tịch", "answers": answers}], sheet=4, ruleset="qd26-2026").stars
5
"""

from __future__ import annotations

from ocop._version import __version__
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
from ocop.criteria.model import CriteriaSheet, Criterion, Option, RuleSet, Source
from ocop.errors import (
    CatalogueIntegrityError,
    HolidaysUnavailable,
    IncompleteDossier,
    InvalidAnswer,
    InvalidCouncil,
    InvalidInput,
    MissingAnswer,
    NoRuleSetInForce,
    NotEncoded,
    OcopError,
    SheetUnavailable,
    UnknownCriterion,
    UnknownLevel,
    UnknownRuleSet,
    UnknownSheet,
)
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
    RankResult,
    rank,
    score_sheet,
)

__all__ = [
    "AppliedCondition",
    "CatalogueIntegrityError",
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
    "InvalidCouncil",
    "InvalidInput",
    "Level",
    "MemberScore",
    "MemberSheet",
    "MinimumPolicy",
    "MissingAnswer",
    "NextStep",
    "NoRuleSetInForce",
    "NotEncoded",
    "OcopError",
    "Option",
    "Producer",
    "ProducerKind",
    "Product",
    "RankResult",
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
    "check_council",
    "check_dossier",
    "council_rank",
    "deadline",
    "list_rulesets",
    "load_ruleset",
    "next_step",
    "next_step_for",
    "procedure_for",
    "rank",
    "rounds",
    "ruleset_for",
    "score_sheet",
    "select_ruleset",
]
__all__ += [
    "Certificate",
    "CertificateStatus",
    "ProductCode",
    "RevocationGround",
    "certificate_status",
    "parse_product_code",
]
