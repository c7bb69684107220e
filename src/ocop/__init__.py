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
    InvalidAnswer,
    InvalidInput,
    MissingAnswer,
    NoRuleSetInForce,
    OcopError,
    SheetUnavailable,
    UnknownCriterion,
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
    "InvalidAnswer",
    "InvalidInput",
    "MemberScore",
    "MemberSheet",
    "MinimumPolicy",
    "MissingAnswer",
    "NoRuleSetInForce",
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
    "UnknownRuleSet",
    "UnknownSheet",
    "__version__",
    "list_rulesets",
    "load_ruleset",
    "rank",
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
