"""Advice on a ranking: the fewest improvements to a target class (:func:`advise`), the
same product re-ranked with changes (:func:`whatif`), and an old dossier read under the
rules of 26/2026 (:func:`migrate`).

Every result here is ranked by :func:`ocop.rank_request`: the advisor searches, the one
pipeline ranks.
"""

from __future__ import annotations

from ocop.advice.advise import advise
from ocop.advice.evidence import Evidence
from ocop.advice.plan import Advice, Costs, MemberChange, MinimumMet, Reason, Step

__all__ = [
    "Advice",
    "Costs",
    "Evidence",
    "MemberChange",
    "MinimumMet",
    "Reason",
    "Step",
    "advise",
]
