"""The procedure data of every rule set (:mod:`ocop.criteria.registry`) and its integrity."""

from __future__ import annotations

import functools

from ocop._convert import structure
from ocop.criteria import registry
from ocop.errors import CatalogueIntegrityError, InvalidInput
from ocop.procedure.model import Action, ProcedureCatalogue

_FILE = "rulesets/*/procedure.json"


def _fail(path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(_FILE, path, message)


@functools.cache
def catalogue() -> ProcedureCatalogue:
    """Every rule set's procedure (:func:`ocop.criteria.registry.procedure_document`), with
    the shared agencies and gaps: read once (lazily) and checked."""
    try:
        cat = structure(registry.procedure_document(), ProcedureCatalogue)
    except InvalidInput as exc:
        raise CatalogueIntegrityError(_FILE, exc.path, exc.message) from exc
    check_integrity(cat)
    if not any(g.first_day == registry.districts_abolished().on for g in cat.gaps):
        raise CatalogueIntegrityError("shared.json", "gaps", "no gap starts when districts end")
    return cat


def check_integrity(cat: ProcedureCatalogue) -> None:
    """Every reference resolves; intervals are ordered; stars and scores are in range."""
    agencies = {a.key for a in cat.agencies}
    if len(agencies) != len(cat.agencies):
        raise _fail("agencies", "duplicate agency keys")
    ids = [r.id for r in cat.rulesets]
    if len(set(ids)) != len(ids):
        raise _fail("rulesets", f"duplicate rule-set ids {ids}")

    index = {i.id: (i.in_force_from, i.in_force_until) for i in registry.rulesets()}
    if {r.id: (r.in_force_from, r.in_force_until) for r in cat.rulesets} != index:
        raise _fail("rulesets", "rule-set ids or in-force dates differ from ocop.criteria")
    for rs in cat.rulesets:
        path = f"rulesets[{rs.id}]"
        if rs.in_force_until is not None and rs.in_force_until < rs.in_force_from:
            raise _fail(path, "in force until a day before it comes into force")
        if not rs.verified and not rs.reason.strip():
            raise _fail(path, "an unverified rule set must say why")
        levels = rs.levels
        if len(set(levels)) != len(levels):
            raise _fail(path, "a level appears twice")
        for stage in rs.stages:
            for doubt in stage.doubtful:
                sp = f"{path}.stages[{stage.level}].doubtful"
                if doubt.verified or not doubt.reason.strip() or rs.verified:
                    raise _fail(sp, "a doubt is unverified, says why, in an unverified rule set")
                if not doubt.stars or set(doubt.stars) & set(stage.recognises):
                    raise _fail(sp, "doubtful classes are ones the stage does not recognise")
                if not set(doubt.stars) <= {3, 4, 5}:
                    raise _fail(sp, f"stars {doubt.stars} outside 3..5")
        for i, rule in enumerate(rs.outcomes):
            rp = f"{path}.outcomes[{i}]"
            if rule.level not in levels:
                raise _fail(rp, f"level {rule.level} is not a stage of the rule set")
            if rule.to_level is not None and rule.to_level not in levels:
                raise _fail(rp, f"to_level {rule.to_level} is not a stage of the rule set")
            if (rule.action in (Action.FORWARD, Action.REFER_BACK)) != (rule.to_level is not None):
                raise _fail(rp, "forward and refer_back rules, and only they, name a to_level")
            if rule.stars is not None and not set(rule.stars) <= {1, 2, 3, 4, 5}:
                raise _fail(rp, f"stars {rule.stars} outside 1..5")
            if (
                rule.min_score is not None
                and rule.below_score is not None
                and rule.min_score >= rule.below_score
            ):
                raise _fail(rp, "min_score must be below below_score")
        for council in rs.councils:
            cp = f"{path}.councils[{council.level}]"
            if council.level not in levels:
                raise _fail(cp, "council of a level that is not a stage")
            named = [*council.chair, *council.chair_delegate, *(m.agency for m in council.members)]
            unknown = sorted(set(named) - agencies)
            if unknown:
                raise _fail(cp, f"unknown agencies {unknown}")
            if council.quorum is not None and not (
                0 < council.quorum.min_present <= council.quorum.of_members
            ):
                raise _fail(cp, "quorum must be 0 < present <= members")
        kinds = [(c.kind, c.stage) for c in rs.checklists]
        if len(set(kinds)) != len(kinds):
            raise _fail(path, "two checklists for the same kind and stage")
        for cl in rs.checklists:
            keys = [item.key for item in cl.items]
            if len(set(keys)) != len(keys):
                raise _fail(f"{path}.checklists[{cl.kind}/{cl.stage}]", "duplicate item keys")
    for prev, cur in zip(cat.rulesets, cat.rulesets[1:], strict=False):
        if cur.in_force_from <= prev.in_force_from:
            raise _fail("rulesets", "rule sets must be listed in order of entry into force")
    for gap in cat.gaps:
        if gap.ruleset not in ids:
            raise _fail("gaps", f"unknown rule set {gap.ruleset}")
