"""Advice on a ranking: the fewest improvements to a target class (:func:`advise`), the
same product re-ranked with changes (:func:`whatif`), and an old dossier read under the
rules of 26/2026 (:func:`migrate`).

Every result here is ranked by :func:`ocop.rank_request`: the advisor searches, the one
pipeline ranks.
"""

from __future__ import annotations

from ocop.advice.advise import advise
from ocop.advice.evidence import Evidence
from ocop.advice.migrate import Carried, Mapped, Migration, Previous, Question, migrate
from ocop.advice.plan import Advice, Costs, MemberChange, MinimumMet, Reason, Step
from ocop.advice.whatif import Difference, WhatIf, whatif

__all__ = [
    "Advice",
    "Carried",
    "Costs",
    "Difference",
    "Evidence",
    "Mapped",
    "MemberChange",
    "Migration",
    "MinimumMet",
    "Previous",
    "Question",
    "Reason",
    "Step",
    "WhatIf",
    "advise",
    "migrate",
    "whatif",
]
