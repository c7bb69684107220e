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
    InvalidAnswer,
    InvalidInput,
    MissingAnswer,
    NoRuleSetInForce,
    OcopError,
    UnknownCriterion,
    UnknownRuleSet,
    UnknownSheet,
)

TYPE_CHECKING = False  # not from typing: importing typing costs more than all of `import ocop`
if TYPE_CHECKING:  # imported on first use, through __getattr__ below (PEP 562)
    from typing import Any

    from ocop.batch import rank_many, read_jsonl
    from ocop.criteria import RuleSetInfo, list_rulesets, load_ruleset, ruleset_for
    from ocop.criteria.model import CriteriaSheet, Criterion, Option, RuleSet, Source
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
    from ocop.records import PandasMissing, to_frame, to_records

# `import ocop` loads only the version and the errors; each other public name is
# imported from its module when first used, so that `import ocop` stays fast (attrs and
# the model classes cost tens of milliseconds to import).
_LAZY: dict[str, str] = {
    "RuleSetInfo": "ocop.criteria",
    "list_rulesets": "ocop.criteria",
    "load_ruleset": "ocop.criteria",
    "ruleset_for": "ocop.criteria",
    "CriteriaSheet": "ocop.criteria.model",
    "Criterion": "ocop.criteria.model",
    "Option": "ocop.criteria.model",
    "RuleSet": "ocop.criteria.model",
    "Source": "ocop.criteria.model",
    "Council": "ocop.model",
    "CouncilLevel": "ocop.model",
    "CouncilMember": "ocop.model",
    "MemberSheet": "ocop.model",
    "Producer": "ocop.model",
    "ProducerKind": "ocop.model",
    "Product": "ocop.model",
    "AppliedCondition": "ocop.ranking",
    "FailedMinimum": "ocop.ranking",
    "MemberScore": "ocop.ranking",
    "MinimumPolicy": "ocop.ranking",
    "RankResult": "ocop.ranking",
    "rank": "ocop.ranking",
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
    "Council",
    "CouncilLevel",
    "CouncilMember",
    "CriteriaSheet",
    "Criterion",
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
    "PandasMissing",
    "Producer",
    "ProducerKind",
    "Product",
    "RankResult",
    "RuleSet",
    "RuleSetInfo",
    "Source",
    "UnknownCriterion",
    "UnknownRuleSet",
    "UnknownSheet",
    "__version__",
    "list_rulesets",
    "load_ruleset",
    "rank",
    "rank_many",
    "read_jsonl",
    "ruleset_for",
    "score_sheet",
    "to_frame",
    "to_records",
]
