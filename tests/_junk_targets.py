"""The targets of tests/test_junk.py: every public callable with one valid call each.

Each entry is ``name -> (callable, baseline keyword arguments)``; the sweep replaces one
argument at a time (those of the baseline and those left at their defaults) by junk.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

import ocop
from ocop.model import CouncilLevel, CouncilMember, ProducerKind
from ocop.ranking.council_rules import presets, spread_breaches

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "ocop.serialize",
    "ocop.calendar",
    "ocop.procedure",
    "ocop.certificates",
    "ocop.batch",
    "ocop.records",
)

#: Public callables left out of the sweep, with why.
EXCLUDED = {
    "ocop.CouncilLevel": "an Enum: lookup by value is the standard library's (ValueError)",
    "ocop.DossierKind": "an Enum (ValueError); the readers parse it",
    "ocop.Level": "an Enum (ValueError); the readers parse it",
    "ocop.MinimumPolicy": "an Enum (ValueError); the readers parse it",
    "ocop.ProducerKind": "an Enum (ValueError); the readers parse it",
    "ocop.RevocationGround": "an Enum (ValueError); the readers parse it",
    "ocop.list_rulesets": "no arguments",
    "ocop.procedure.list_procedures": "no arguments",
    "ocop.certificates.certificate_rulesets": "no arguments",
    "ocop.serialize.rulesets_to_list": "no arguments",
}

RULESET = "qd26-2026"
DAY = date(2026, 6, 10)
ANSWERS = {c.code: c.options[-1].key for c in ocop.load_ruleset(RULESET).sheet(4).criteria}
MEMBER = {"member": "Chủ tịch", "answers": ANSWERS}
REQUEST_DOC = {"id": "p1", "ruleset": RULESET, "sheet": 4, "members": [MEMBER]}


def _samples() -> dict[str, Any]:
    """Valid objects of the library, to call the functions that take them."""
    from ocop.certificates import Certificate, certificate_status, parse_product_code
    from ocop.procedure import check_council, check_dossier, deadline, load_procedure, rounds
    from ocop.serialize import certificate_from_dict, council_from_dict, loads, overlay_from_dict

    result = ocop.rank([MEMBER], sheet=4, ruleset=RULESET, id="p1")
    council_doc = loads((ROOT / "examples" / "council-province.json").read_text("utf-8"))
    cert_doc = loads((ROOT / "examples" / "certificate-lam-dong.json").read_text("utf-8"))
    council = council_from_dict(council_doc)
    cert, events = certificate_from_dict(cert_doc)
    overlay_doc = loads((ROOT / "examples" / "errata-overlay.json").read_text("utf-8"))
    status = certificate_status(cert, date(2027, 1, 1), events)
    plain = Certificate(issued=DAY, ruleset=RULESET, stars=4)
    return {
        "result": result,
        "request": ocop.RankRequest(sheet=4, members=[MEMBER], ruleset=RULESET, id="p1"),
        "council_doc": council_doc,
        "cert_doc": cert_doc,
        "overlay_doc": overlay_doc,
        "overlay": overlay_from_dict(overlay_doc),
        "council": council,
        "cert": cert,
        "plain_cert": plain,
        "events": events,
        "status": status,
        "code": parse_product_code("68-24781-12-2026"),
        "council_check": check_council(council, ruleset=RULESET),
        "dossier_check": check_dossier([], kind="first", ruleset=RULESET),
        "deadline": deadline("rerank", DAY, ruleset=RULESET),
        "round": rounds(2026, ruleset=RULESET)[0],
        "procedure": load_procedure(RULESET),
        "ruleset": ocop.load_ruleset(RULESET),
        "selection": ocop.select_ruleset(DAY),
        "error": ocop.InvalidInput("x", 1, "bad"),
        "step": ocop.next_step(level="province", stars=4, score=Fraction(75), ruleset=RULESET),
        "window": status.reranking_window,
        "calendar": ocop.HolidayCalendar(holidays=frozenset({date(2026, 9, 2)})),
        "source": ocop.Source(instrument="26/2026/QĐ-TTg", provision="Điều 1"),
        **_programme(),
        **_advice_samples(),
    }


REGISTRY_CSV = "product,stars,level,decision_date\nChè,4,province,2024-01-15\n"
REGISTRY_JSONL = (
    '{"product": "Chè", "stars": 4, "level": "province", "decision_date": "2024-01-15"}\n'
)


def _frame() -> Any:
    import pandas as pd

    return pd.DataFrame(
        {"product": ["Chè"], "stars": [4], "level": ["province"], "decision_date": ["2024-01-15"]}
    )


def _programme() -> dict[str, Any]:
    from ocop.programme import evaluate, flows, load_plan, read_registry_csv, statistics
    from ocop.serialize import plan_to_dict

    plan = load_plan("hoa-binh-162-2022")
    reg = read_registry_csv(REGISTRY_CSV)
    return {
        "plan": plan,
        "registry": reg,
        "plan_doc": plan_to_dict(plan),
        "stats": statistics(reg, DAY),
        "flows": flows(reg, date(2024, 1, 1), DAY),
        "progress": evaluate(plan, DAY, reg),
    }


def _advice_samples() -> dict[str, Any]:
    """The advisor's objects: advice on the example council, a what-if, a migration."""
    from ocop.serialize import (
        advice_to_dict,
        loads,
        migration_to_dict,
        rank_request_from_dict,
        whatif_to_dict,
    )

    def read(name: str) -> ocop.RankRequest:
        return rank_request_from_dict(loads((ROOT / "examples" / name).read_text("utf-8")))

    honey, old = read("rank-honey-council.json"), read("advice/dossier-honey-2024-qd148.json")
    advice = ocop.advise(honey)
    w = ocop.whatif(honey, answers={"5.1": "e"})
    migration = ocop.migrate(old)
    return {
        "honey": honey,
        "old": old,
        "advice": advice,
        "whatif": w,
        "migration": migration,
        "advice_doc": advice_to_dict(advice),
        "whatif_doc": whatif_to_dict(w),
        "migration_doc": migration_to_dict(migration),
        "costs": ocop.Costs(default=Fraction(1), criteria={"3.2": None}),
    }


def _baselines(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    council_members = (
        [{"member": m.name, "answers": ANSWERS} for m in s["council"].all_members]
        if hasattr(s["council"], "all_members")
        else [{"member": s["council"].chair.name, "answers": ANSWERS}]
        + [{"member": m.name, "answers": ANSWERS} for m in s["council"].members]
    )
    return {
        # ocop.__all__ (constructors, then functions)
        "ocop.MemberSheet": {"member": "A", "answers": {"1.1": "a"}},
        "ocop.Producer": {"name": "HTX Mật ong", "kind": ProducerKind.HOP_TAC_XA},
        "ocop.Product": {"name": "Mật ong", "sheet": 4},
        "ocop.CouncilMember": {"name": "Nguyễn Văn A"},
        "ocop.Council": {
            "level": CouncilLevel.PROVINCE,
            "chair": CouncilMember(name="Chủ tịch"),
            "members": (CouncilMember(name="B"),),
        },
        "ocop.Certificate": {"issued": DAY, "ruleset": RULESET, "stars": 4},
        "ocop.HolidayCalendar": {"holidays": frozenset({date(2026, 9, 2)})},
        "ocop.RankRequest": {"sheet": 4, "members": [MEMBER], "ruleset": RULESET},
        "ocop.Source": {"instrument": "26/2026/QĐ-TTg", "provision": "Điều 1"},
        "ocop.certificate_status": {"cert": s["plain_cert"], "as_of": date(2027, 1, 1)},
        "ocop.check_council": {"council": s["council"], "ruleset": RULESET},
        "ocop.check_dossier": {"items": [], "kind": "first"},
        "ocop.council_rank": {
            "council": s["council"],
            "sheets": council_members,
            "sheet": 4,
            "ruleset": RULESET,
        },
        "ocop.deadline": {"period": "rerank", "start": DAY},
        "ocop.load_ruleset": {"ruleset_id": RULESET},
        "ocop.next_step": {"level": "province", "stars": 4, "score": "75", "ruleset": RULESET},
        "ocop.next_step_for": {"result": s["result"], "level": "province"},
        "ocop.parse_product_code": {"text": "68-24781-12-2026"},
        "ocop.procedure_for": {"as_of": DAY},
        "ocop.rank": {"members": [MEMBER], "sheet": 4, "ruleset": RULESET},
        "ocop.rank_many": {"requests": [REQUEST_DOC]},
        "ocop.rank_request": {"request": s["request"]},
        "ocop.read_jsonl": {"source": str(ROOT / "examples" / "councils.jsonl")},
        "ocop.rounds": {"year": 2026},
        "ocop.ruleset_for": {"as_of": DAY},
        "ocop.score_sheet": {"member": MEMBER, "sheet": 4, "ruleset": RULESET},
        "ocop.select_ruleset": {"evaluated": DAY},
        "ocop.to_frame": {"items": [s["result"]]},
        "ocop.to_records": {"items": [s["result"]]},
        "ocop.load_plan": {"plan_id": "qd490-2018"},
        "ocop.read_registry_csv": {"text": REGISTRY_CSV},
        "ocop.read_registry_jsonl": {"text": REGISTRY_JSONL},
        "ocop.registry_from_frame": {"frame": _frame()},
        "ocop.statistics": {"registry": s["registry"], "as_of": DAY, "area": None},
        "ocop.flows": {"registry": s["registry"], "start": date(2024, 1, 1), "end": DAY},
        "ocop.evaluate": {"plan": s["plan"], "as_of": DAY, "registry": s["registry"]},
        "ocop.advise": {"subject": s["honey"], "target": 4, "costs": s["costs"], "fixed": ()},
        "ocop.whatif": {"subject": s["honey"], "answers": {"5.1": "e"}},
        "ocop.migrate": {"request": s["old"], "to": "qd26-2026"},
        # ocop.serialize
        "ocop.serialize.advice_to_dict": {"advice": s["advice"], "lang": "en"},
        "ocop.serialize.whatif_to_dict": {"whatif": s["whatif"], "lang": "en"},
        "ocop.serialize.migration_to_dict": {"migration": s["migration"], "lang": "en"},
        "ocop.serialize.advice_from_dict": {"doc": s["advice_doc"], "path": ""},
        "ocop.serialize.whatif_from_dict": {"doc": s["whatif_doc"]},
        "ocop.serialize.migration_from_dict": {"doc": s["migration_doc"]},
        "ocop.serialize.costs_from_dict": {"doc": {"default": 1, "criteria": {"3.2": None}}},
        "ocop.serialize.calendar_to_dict": {"year": 2026, "calendar": None},
        "ocop.serialize.certificate_from_dict": {"doc": s["cert_doc"]},
        "ocop.serialize.certificate_status_to_dict": {"status": s["status"]},
        "ocop.serialize.certificate_to_dict": {"cert": s["cert"], "events": s["events"]},
        "ocop.serialize.classification_to_list": {"ruleset": s["ruleset"]},
        "ocop.serialize.council_check_to_dict": {"check": s["council_check"]},
        "ocop.serialize.council_from_dict": {"doc": s["council_doc"]},
        "ocop.serialize.council_to_dict": {"council": s["council"]},
        "ocop.serialize.deadline_to_dict": {"deadline": s["deadline"]},
        "ocop.serialize.dossier_check_to_dict": {"check": s["dossier_check"]},
        "ocop.serialize.error_to_dict": {"error": s["error"]},
        "ocop.serialize.loads": {"text": '{"a": 1}'},
        "ocop.serialize.decode_utf8": {"data": b"{}", "what": "the input"},
        "ocop.serialize.next_step_to_dict": {"step": s["step"]},
        "ocop.serialize.overlay_from_dict": {"doc": s["overlay_doc"]},
        "ocop.serialize.overlay_to_dict": {"overlay": s["overlay"]},
        "ocop.serialize.procedure_levels_to_dict": {"rs": s["procedure"]},
        "ocop.serialize.product_code_to_dict": {"code": s["code"]},
        "ocop.serialize.rank_request_from_dict": {"doc": REQUEST_DOC},
        "ocop.serialize.rank_request_to_dict": {"request": s["request"]},
        "ocop.serialize.reranking_window_to_dict": {"window": s["window"]},
        "ocop.serialize.result_from_dict": {"doc": None},  # filled below
        "ocop.serialize.result_to_dict": {"result": s["result"]},
        "ocop.serialize.round_to_dict": {"rnd": s["round"]},
        "ocop.serialize.ruleset_to_dict": {"ruleset": s["ruleset"]},
        "ocop.serialize.selection_to_dict": {"selection": s["selection"], "as_of": DAY},
        "ocop.serialize.plan_to_dict": {"plan": s["plan"]},
        "ocop.serialize.plan_from_dict": {"doc": s["plan_doc"]},
        "ocop.serialize.stats_to_dict": {"stats": s["stats"], "flows": s["flows"]},
        "ocop.serialize.flows_to_dict": {"flows": s["flows"]},
        "ocop.serialize.progress_to_dict": {"rows": s["progress"], "lang": "en"},
        # ocop.calendar
        "ocop.calendar.day_deadline": {"start": DAY, "length": 10},
        "ocop.calendar.days_before": {"reference": DAY, "days": 10},
        "ocop.calendar.default_calendar": {"years": [2026]},
        "ocop.calendar.last_day": {"start": DAY, "length": 10},
        "ocop.calendar.months_end": {"start": DAY, "months": 30},
        "ocop.calendar.next_working_day": {"day": DAY, "calendar": s["calendar"]},
        "ocop.calendar.period_deadline": {
            "what": "x",
            "start": DAY,
            "length": 10,
            "unit": "days",
            "source": s["source"],
        },
        "ocop.calendar.vietnam_calendar": {"years": [2026]},
        "ocop.calendar.working_day_deadline": {"start": DAY, "length": 10},
        # ocop.procedure
        "ocop.procedure.agency_for": {"text": "Ủy ban nhân dân tỉnh"},
        "ocop.procedure.band": {"score": Fraction(75)},
        "ocop.procedure.checklist": {"kind": "first"},
        "ocop.procedure.council_rule": {"level": "province", "ruleset": RULESET},
        "ocop.procedure.gap_on": {"as_of": DAY},
        "ocop.procedure.load_procedure": {"ruleset": RULESET},
        "ocop.procedure.recognising_stage": {"stars": 4, "ruleset": RULESET},
        "ocop.procedure.resolve_procedure": {"ruleset": RULESET, "as_of": None},
        "ocop.procedure.round_for": {"proposed": DAY, "level": "province"},
        "ocop.procedure.validate_council": {"council": s["council"], "ruleset": RULESET},
        # ocop.certificates
        "ocop.certificates.certificate_ruleset": {"ruleset_id": RULESET},
        "ocop.certificates.certificate_doubts": {"cert": s["plain_cert"]},
        "ocop.certificates.term_end": {"start": DAY, "months": 36, "convention": "civil_code"},
        "ocop.certificates.days_after": {"start": DAY, "length": 10},
        "ocop.certificates.format_product_code": {
            "province": "68",
            "commune": "24781",
            "sequence": 12,
            "year": 2026,
        },
        "ocop.certificates.lookup_commune": {"code": s["code"]},
        "ocop.certificates.province_key": {"name": "Tỉnh Hòa Bình"},
        "ocop.certificates.reranking_decision_due": {"dossier_complete_on": DAY},
        "ocop.certificates.reranking_window": {"valid_until": date(2029, 6, 10)},
        "ocop.certificates.revocation_authority": {"stars": 4},
        "ocop.certificates.ruleset_in_force": {"day": DAY},
        "ocop.certificates.validate_history": {"cert": s["cert"], "events": s["events"]},
        "ocop.certificates.validity_end": {"issued": DAY},
        # ocop.batch, ocop.records
        "ocop.batch.rank_document": {"request": REQUEST_DOC},
        "ocop.batch.request_id": {"request": REQUEST_DOC},
        "ocop.batch.with_overlay": {"request": s["request"], "overlay": s["overlay"]},
        "ocop.records.to_record": {"result": s["result"]},
    }


def targets() -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    """Every public callable, once (by object), with its baseline; attrs output classes
    take the fields of a sample instance as their baseline."""
    from ocop.serialize import result_to_dict

    samples = _samples()
    base = _baselines(samples)
    base["ocop.serialize.result_from_dict"] = {"doc": result_to_dict(samples["result"])}
    found: dict[str, Callable[..., Any]] = {}
    seen: set[int] = set()
    for module_name in ("ocop", *MODULES):
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            qual = f"{module_name}.{name}"
            if not callable(obj) or id(obj) in seen:
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            if module_name != "ocop" and not inspect.isfunction(obj):
                continue
            seen.add(id(obj))
            found[qual] = obj
    instances = _instances(samples)
    out: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}
    for qual, obj in found.items():
        if qual in EXCLUDED:
            continue
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            raise AssertionError(f"{qual}: an Enum not listed in EXCLUDED")
        if qual in base:
            out[qual] = (obj, base[qual])
        elif isinstance(obj, type) and attrs.has(obj) and obj in instances:
            inst = instances[obj]
            out[qual] = (obj, {f.alias: getattr(inst, f.name) for f in attrs.fields(obj) if f.init})
        else:
            raise AssertionError(f"{qual}: no baseline call; add one to tests/_junk_targets.py")
    return out


def _instances(s: dict[str, Any]) -> dict[type, Any]:
    result = s["result"]
    sheet = s["ruleset"].sheet(4)
    status = s["status"]
    return {
        type(result): result,
        type(result.members[0]): result.members[0],
        type(s["status"]): status,
        type(sheet): sheet,
        type(sheet.criteria[0]): sheet.criteria[0],
        type(sheet.criteria[0].options[0]): sheet.criteria[0].options[0],
        type(s["ruleset"]): s["ruleset"],
        type(ocop.list_rulesets()[0]): ocop.list_rulesets()[0],
        type(s["selection"]): s["selection"],
        type(s["step"]): s["step"],
        type(s["code"]): s["code"],
        ocop.AppliedCondition: ocop.AppliedCondition(
            key="k", effect="disqualify", text="t", members=("A",)
        ),
        ocop.Advice: s["advice"],
        ocop.Step: s["advice"].steps[0],
        ocop.WhatIf: s["whatif"],
        ocop.Migration: s["migration"],
        ocop.Question: s["migration"].questions[0],
        ocop.Costs: s["costs"],
        ocop.Plan: s["plan"],
        ocop.Target: s["plan"].targets[0],
        ocop.Registry: s["registry"],
        ocop.Overlay: s["overlay"],
        ocop.FailedMinimum: ocop.FailedMinimum(
            criterion="1.1", stars=4, required_option="b", required_points=2, members_failing=("A",)
        ),
        ocop.CouncilRules: presets()["tay-ninh"],
        ocop.CouncilBreach: spread_breaches(presets()["tay-ninh"], [("A", 60), ("B", 75)])[0],
    }
