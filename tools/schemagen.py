"""The generator of the JSON Schemas (draft 2020-12) of the public JSON documents of :mod:`ocop`.

Not shipped: ``tools/make_schemas.py`` runs it and writes the schemas into the package
(``src/ocop/schemas/NAME.json``), where ``ocop schema NAME`` reads them. The schemas are
generated from the attrs model classes and the renames of the JSON layer
(:mod:`ocop.serialize`): a document that writes a class's fields under their names takes
their schemas from the class (:func:`pick`); only the fields a writer derives (a citation
as text, ``ok``, ``days_left``) are described here. A test checks that the shipped files
equal the generated ones, and validates every command's JSON output against them
(tests/test_cli_schemas.py).

To add a document, write a function that returns its schema (usually
``object_schema(SomeAttrsClass, defs)`` plus the document's own adjustments), register it
in :data:`GENERATORS` and name it in ``ocop.schemas.SCHEMAS``.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

__all__ = ["GENERATORS", "generate", "object_schema", "pick", "type_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://ocop.invalid/schemas/"
"""Schema ids are URIs by the standard; they identify the schema and are not fetched."""

EXACT_NUMBER = {
    "type": "string",
    "pattern": r"^-?[0-9]+(/[0-9]+|\.[0-9]+)?$",
    "description": 'An exact number: an integer, a decimal or a fraction ("70", "69.5", "215/3").',
}
DISPLAY_NUMBER = {
    "type": "string",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": 'A display value, rounded as the rule set says (e.g. "71.67").',
}

ISO_DATE = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
"""A calendar date, ``YYYY-MM-DD`` (the only form the JSON layer reads)."""
NON_BLANK = r"\S"
"""The pattern of text that must not be empty or only spaces."""

Schema = dict[str, Any]


def _doc(cls: type[Any]) -> str | None:
    text = (cls.__doc__ or "").strip()
    return text.split("\n\n")[0].replace("\n", " ") if text else None


def type_schema(tp: Any, defs: dict[str, Schema]) -> Schema:
    """The schema of a value of type *tp* as the JSON layer writes it."""
    origin = typing.get_origin(tp)
    if tp is object or tp is Any:
        return {}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is type(None):
        return {"type": "null"}
    if tp is date:
        return dict(ISO_DATE)
    if tp is Fraction:
        return dict(EXACT_NUMBER)
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # a placeholder against recursion
            defs[tp.__name__] = object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin is tuple:
        return {"type": "array", "items": type_schema(typing.get_args(tp)[0], defs)}
    if origin in (Mapping, dict):
        return {
            "type": "object",
            "additionalProperties": type_schema(typing.get_args(tp)[1], defs),
        }
    if origin in (typing.Union, types.UnionType):
        options = [type_schema(a, defs) for a in typing.get_args(tp)]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    raise TypeError(f"no JSON Schema for {tp!r}")


def object_schema(cls: type[Any], defs: dict[str, Schema]) -> Schema:
    """The schema of an attrs class as a JSON object: its fields, the required ones, no others."""
    hints = typing.get_type_hints(cls)
    properties = {f.name: type_schema(hints[f.name], defs) for f in attrs.fields(cls)}
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    schema: Schema = {"type": "object"}
    description = _doc(cls)
    if description:
        schema["description"] = description
    schema.update(properties=properties, required=required, additionalProperties=False)
    return schema


def pick(
    cls: type[Any], names: tuple[str, ...], defs: dict[str, Schema], **extra: Schema
) -> Schema:
    """A closed object with the fields *names* of the attrs class *cls* (their schemas as
    :func:`object_schema` gives them, in that order) and then the *extra* properties (which
    replace a field of the same name in place); every property is required."""
    props: dict[str, Schema] = object_schema(cls, defs)["properties"]
    chosen = {name: extra.pop(name) if name in extra else props[name] for name in names}
    chosen.update(extra)
    schema: Schema = {"type": "object"}
    description = _doc(cls)
    if description:
        schema["description"] = description
    schema.update(properties=chosen, required=list(chosen), additionalProperties=False)
    return schema


CITATION = {"type": "string", "description": "A provision, as text."}


def _document(name: str, title: str, body: Schema, defs: dict[str, Schema]) -> Schema:
    doc: Schema = {"$schema": DIALECT, "$id": f"{BASE_URI}{name}.json", "title": title}
    doc.update(body)
    if defs:
        doc["$defs"] = dict(sorted(defs.items()))
    return doc


# --------------------------------------------------------------------------- documents


def _with_citation(defs: dict[str, Schema], name: str) -> None:
    """Add ``citation`` (the source as one line, written after it) to the object *name*."""
    props = defs[name]["properties"]
    props["citation"] = dict(CITATION)
    defs[name]["required"] = [*defs[name]["required"], "citation"]


def _overlay_body(defs: dict[str, Schema]) -> Schema:
    """The errata overlay document (ocop.serialize.overlay_from_dict)."""
    from ocop.criteria.overlay import Overlay, Patch

    body = object_schema(Overlay, defs)
    text = {"type": "string", "minLength": 1}
    patch = pick(Patch, ("sheet", "criterion", "option", "field", "printed", "value"), defs)
    patch["required"] = ["sheet", "criterion", "printed", "value"]
    props: dict[str, Schema] = {
        "format": {"const": "ocop-errata-overlay"},
        "format_version": {"const": 1},
        "id": dict(text),
        "ruleset": dict(text),
        "citation": {**text, "description": "The text the values follow (the user's citation)."},
        "patches": {"type": "array", "items": patch, "minItems": 1},
    }
    return {
        "type": "object",
        "description": body.get("description", ""),
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def errata_overlay() -> Schema:
    defs: dict[str, Schema] = {}
    return _document("errata-overlay", "ocop errata overlay", _overlay_body(defs), defs)


def rank_input() -> Schema:
    from ocop.model import MemberSheet
    from ocop.ranking import RankRequest
    from ocop.ranking.council_rules import presets

    defs: dict[str, Schema] = {}
    body = object_schema(RankRequest, defs)
    body["properties"]["overlay"] = _overlay_body(defs)
    body["properties"]["members"]["minItems"] = 1
    member = defs[MemberSheet.__name__]
    member["properties"]["member"]["minLength"] = 1
    member["properties"]["answers"]["description"] = (
        'Criterion code as printed ("1.1", "7") → the chosen option\'s key ("b") or points (2).'
    )
    body["properties"]["ruleset"]["description"] = 'A rule-set id such as "qd26-2026".'
    body["properties"]["as_of"]["description"] = "The evaluation date; picks the rule set."
    body["properties"]["council_rules"] = {
        "description": "The council's operating rules whose breaches the result reports: a "
        "preset's id, or the rules written out (the class is never changed by them).",
        "anyOf": [
            {"enum": list(presets())},
            {"$ref": "#/$defs/CouncilRules"},
            {"type": "null"},
        ],
    }
    body["description"] = (
        "A rank request (the input of `ocop rank`, one line of `ocop rank --jsonl`). "
        "Give exactly one of ruleset or as_of."
    )
    return _document("rank-input", "ocop rank request", body, defs)


def _result_body(defs: dict[str, Schema]) -> Schema:
    from ocop.ranking import RankResult

    body = object_schema(RankResult, defs)
    props: dict[str, Schema] = body["properties"]
    out: dict[str, Schema] = {
        "format_version": {"const": 1},
        "ocop_version": {"type": "string"},
        "id": {"type": "string", "description": "The request's id, when it had one."},
    }
    for name, schema in props.items():
        if name == "id":
            continue
        if name == "average":
            out["average"] = dict(DISPLAY_NUMBER)
            out["average_exact"] = schema
        elif name == "parts":
            out["parts"] = {"type": "object", "additionalProperties": dict(DISPLAY_NUMBER)}
            out["parts_exact"] = schema
        elif name == "to_next_band":
            out["to_next_band"] = {"anyOf": [dict(DISPLAY_NUMBER), {"type": "null"}]}
            out["to_next_band_exact"] = schema
        else:
            out[name] = schema
    out["overlay"] = _overlay_body(defs)
    out["explanation_lang"] = {"enum": ["en", "vi"]}
    out["explanation"] = {"type": "array", "items": {"type": "string"}}
    if "citation" not in defs["CouncilBreach"]["properties"]:
        _with_citation(defs, "CouncilBreach")
    out["council_rules"]["description"] = 'The id of the council rules checked ("neutral": none).'
    body["properties"] = out
    body["required"] = [k for k in out if k not in ("id", "overlay")]
    body["description"] = "The result of ranking one product (the output of `ocop rank`)."
    return body


def _summary_body(defs: dict[str, Schema]) -> Schema:
    """The result document with ``detail="summary"``: no answers, no explanation."""
    body: Schema = json.loads(json.dumps(_result_body(defs)))
    for name in ("explanation_lang", "explanation"):
        del body["properties"][name]
        body["required"].remove(name)
    member = json.loads(json.dumps(defs["MemberScore"]))
    del member["properties"]["answers"]
    member["required"].remove("answers")
    member["description"] = "One member's scores, without the answers (summary lines)."
    defs["MemberSummary"] = member
    rounding = json.loads(json.dumps(defs["Rounding"]))
    del rounding["properties"]["note"]
    rounding["required"].remove("note")
    rounding["description"] = "The rule set's display rounding, without its note (summary lines)."
    defs["RoundingSummary"] = rounding
    body["properties"]["rounding"] = {"$ref": "#/$defs/RoundingSummary"}
    body["properties"]["members"] = {"type": "array", "items": {"$ref": "#/$defs/MemberSummary"}}
    body["description"] = (
        "The summary of ranking one product (the default line of `ocop rank --jsonl`): "
        "the result document without members' answers, the explanation and the "
        "rounding note."
    )
    return body


def _next_step(defs: dict[str, Schema]) -> Schema:
    """The next step after a level (``ocop process next``; ``ocop rank --level``): the
    fields of NextStep, with ``citation`` after ``source`` (next_step_to_dict)."""
    from ocop.procedure import NextStep

    body = object_schema(NextStep, defs)
    props: dict[str, Schema] = {}
    for name, schema in body["properties"].items():
        props[name] = schema
        if name == "source":
            props["citation"] = {
                "type": ["string", "null"],
                "description": "The source as one line of text.",
            }
    body["properties"] = props
    body["required"] = list(props)
    return body


def rank_output() -> Schema:
    defs: dict[str, Schema] = {}
    body = _result_body(defs)
    defs["NextStep"] = _next_step(defs)
    body["properties"]["next_step"] = {
        "$ref": "#/$defs/NextStep",
        "description": "With `ocop rank --level LEVEL`: what happens after that level.",
    }
    return _document("rank-output", "ocop rank result", body, defs)


def rank_jsonl_line() -> Schema:
    defs: dict[str, Schema] = {}
    defs["RankResultDocument"] = _result_body(defs)
    defs["RankSummaryDocument"] = _summary_body(defs)
    defs["ErrorLine"] = {
        "type": "object",
        "description": "A line of the input that could not be ranked.",
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "id": {"type": "string"},
            "error": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "message": {"type": "string"},
                    "path": {"type": "string"},
                    "value": {},
                },
                "required": ["type", "message"],
                "additionalProperties": False,
            },
        },
        "required": ["line", "error"],
        "additionalProperties": False,
    }
    body: Schema = {
        "description": "One output line of `ocop rank --jsonl`: a result (a summary, the "
        "default, or the full document with --detail full) or an error.",
        "oneOf": [
            {"$ref": "#/$defs/RankSummaryDocument"},
            {"$ref": "#/$defs/RankResultDocument"},
            {"$ref": "#/$defs/ErrorLine"},
        ],
    }
    return _document("rank-jsonl-line", "ocop rank --jsonl output line", body, defs)


def catalogue_export() -> Schema:
    from ocop.criteria.model import CriteriaSheet, Criterion, Heading, Instrument, Source
    from ocop.criteria.ruleset import ClassEntry, Part, RuleSet

    defs: dict[str, Schema] = {}
    body = object_schema(RuleSet, defs)
    props: dict[str, Schema] = body["properties"]
    label = {"type": "string", "description": "The name in the language asked for (--lang)."}
    for cls in (Part, ClassEntry, CriteriaSheet, Heading, Criterion):
        defs[cls.__name__]["properties"]["label"] = label
    crit = defs[Criterion.__name__]
    crit["properties"]["mandatory_for"] = {
        "type": "array",
        "items": {"enum": [3, 4, 5]},
        "description": "The star classes for which this criterion carries a minimum.",
    }
    crit["required"].append("mandatory_for")
    type_schema(Instrument, defs)
    type_schema(Source, defs)
    band = {
        "type": "object",
        "properties": {
            "stars": {"type": "integer"},
            "lower": dict(EXACT_NUMBER),
            "upper": {"anyOf": [dict(EXACT_NUMBER), {"type": "null"}]},
            "lower_inclusive": {"const": True},
            "upper_inclusive": {"const": False},
            "printed": {
                "type": ["string", "null"],
                "description": "The band as the decision words it.",
            },
            "source": {"$ref": "#/$defs/Source"},
        },
        "required": [
            "stars",
            "lower",
            "upper",
            "lower_inclusive",
            "upper_inclusive",
            "printed",
            "source",
        ],
        "additionalProperties": False,
    }
    defs.pop("Band", None)
    out: dict[str, Schema] = {
        "format": {"const": "ocop-catalogue"},
        "format_version": {"const": 1},
        "ocop_version": {"type": "string"},
        "id": props.pop("id"),
        "instrument": {"type": "string", "description": "The instrument's number."},
        "instrument_details": {"$ref": "#/$defs/Instrument"},
        "max_points": {"type": "integer"},
    }
    props.pop("instrument")
    props["bands"] = {"type": "array", "items": band}
    out.update(props)
    out["lang"] = {"enum": ["vi", "en"], "description": "Present with --lang."}
    body["properties"] = out
    body["required"] = [k for k in out if k != "lang"]
    body["description"] = "A rule set's complete catalogue (the output of `ocop criteria export`)."
    return _document("catalogue-export", "ocop criteria catalogue export", body, defs)


def certificate() -> Schema:
    from ocop.certificates.model import Certificate, certificate_rulesets
    from ocop.serialize.certificates import EVENT_KINDS

    defs: dict[str, Schema] = {}
    body = object_schema(Certificate, defs)
    props: dict[str, Schema] = body["properties"]
    props["ruleset"] = {
        "enum": [r.id for r in certificate_rulesets()],
        "description": "The rule set the certificate was issued under; the issue day must "
        "fall in its period in force.",
    }
    props["stars"] = {"enum": [3, 4, 5, None], "description": "Only 3 to 5 stars are certified."}
    for name in ("product", "producer", "product_code", "authority", "decision_number"):
        props[name]["pattern"] = NON_BLANK
    refs = []
    for kind, cls in EVENT_KINDS.items():
        event = object_schema(cls, defs)
        event["properties"] = {"kind": {"const": kind}, **event["properties"]}
        event["required"] = ["kind", *event["required"]]
        if "stars" in event["properties"]:
            optional = type(None) in typing.get_args(typing.get_type_hints(cls)["stars"])
            event["properties"]["stars"] = {"enum": [3, 4, 5, None] if optional else [3, 4, 5]}
        defs[cls.__name__] = event
        refs.append({"$ref": f"#/$defs/{cls.__name__}"})
    props["events"] = {
        "type": "array",
        "items": {"oneOf": refs},
        "description": "The certificate's history, each event tagged by its kind.",
    }
    body["description"] = (
        "A certificate with its history (ocop.serialize.certificate_to_dict; the input "
        "of `ocop certificate status --file`). The schema checks the shape; the reader also "
        "checks the rules (the issue day within the rule set's period, the level for the "
        "class, a history that can have happened)."
    )
    return _document("certificate", "ocop certificate", body, defs)


def _closed(properties: dict[str, Schema], *, optional: tuple[str, ...] = ()) -> Schema:
    """An object with exactly these properties (all required but *optional*)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _milestone(scratch: dict[str, Schema]) -> Schema:
    """A dated milestone of a certificate (:func:`ocop.serialize.deadline_to_dict`)."""
    from ocop.calendar import Deadline

    what = {
        "enum": [
            "reranking_window_opens",
            "reranking_window_closes",
            "expiring_soon",
            "expires",
            "extension_ends",
        ]
    }
    schema = pick(
        Deadline, ("what", "on", "description", "source"), scratch, what=what, source=CITATION
    )
    schema["description"] = "A dated milestone, with the provision it comes from."
    return schema


def certificate_status() -> Schema:
    from ocop.certificates.events import ReRankingFiled, Revoked
    from ocop.certificates.model import Certificate, certificate_rulesets
    from ocop.certificates.periods import (
        Extension,
        FilingTiming,
        ReRankingWindow,
        RevocationAuthority,
    )
    from ocop.certificates.status import CertificateStatus

    scratch: dict[str, Schema] = {}  # the classes' own $defs, not written
    defs: dict[str, Schema] = {"Deadline": _milestone(scratch)}
    cert = object_schema(Certificate, scratch)["properties"]
    status = object_schema(CertificateStatus, scratch)["properties"]
    window_state = {"enum": ["not_yet_open", "open", "closed"]}
    revocation = pick(Revoked, ("on", "ground", "regulation"), scratch)
    revocation["required"].remove("regulation")  # written only when given
    props: dict[str, Schema] = {
        "as_of": status["as_of"],
        "status": status["status"],
        "is_valid": {"type": "boolean"},
        "ruleset": {"enum": [r.id for r in certificate_rulesets()]},
        "stars": {"enum": [3, 4, 5, None]},
        "issued": cert["issued"],
        "valid_from": dict(ISO_DATE),
        "valid_until": dict(ISO_DATE),
        "days_left": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": "Days of validity left after as_of (0 on the last day); "
            "null when not valid.",
        },
        "reranking_window": pick(
            ReRankingWindow,
            ("opens", "closes", "applies", "source", "state"),
            scratch,
            applies={"type": "boolean"},
            source=CITATION,
            state=window_state,
        ),
        "expiring_soon_from": status["expiring_soon_from"],
        "extension": _nullable(
            pick(
                Extension,
                ("filed_on", "timing", "until_at_latest", "ended_on", "source"),
                scratch,
                source=CITATION,
            )
        ),
        "filing": _nullable(
            pick(
                ReRankingFiled,
                ("on",),
                scratch,
                timing=_nullable(type_schema(FilingTiming, scratch)),
            )
        ),
        "superseded_by": status["superseded_by"],
        "revocation": _nullable(revocation),
        "next_deadline": _nullable({"$ref": "#/$defs/Deadline"}),
        "milestones": {"type": "array", "items": {"$ref": "#/$defs/Deadline"}},
        "sources": {"type": "array", "items": CITATION},
        "conventions": CITATION,
        "doubts": {"type": "array", "items": {"type": "string"}},
        "revocation_authority": pick(
            RevocationAuthority, ("title", "level", "source"), scratch, source=CITATION
        ),
        "ruleset_note": {"type": "string"},
    }
    props["revocation_authority"]["description"] = (
        "Who revokes a certificate of this class (26/2026 Điều 8.2); present when the "
        "stars are known."
    )
    props["ruleset_note"]["description"] = (
        "Added by `ocop certificate status` when no --ruleset was given."
    )
    body = _closed(props, optional=("revocation_authority", "ruleset_note"))
    body["description"] = (
        "A certificate's status on a date (ocop.serialize.certificate_status_to_dict; the "
        "output of `ocop certificate status`)."
    )
    return _document("certificate-status", "ocop certificate status", body, defs)


def council() -> Schema:
    from ocop.model import Council, CouncilMember

    defs: dict[str, Schema] = {}
    body = object_schema(Council, defs)
    member = defs[CouncilMember.__name__]
    member["properties"]["name"]["pattern"] = NON_BLANK
    member["properties"]["agency"]["description"] = (
        'The agency represented: its key ("so_y_te"), name ("Sở Y tế") or an alias.'
    )
    body["description"] = (
        "An evaluation council: its level, chair and members (ocop.serialize.council_to_dict; "
        "the input of `ocop council check`)."
    )
    return _document("council", "ocop council", body, defs)


def council_check() -> Schema:
    from ocop.procedure.council import CouncilCheck, CouncilProblem
    from ocop.procedure.model import QuorumRule

    scratch: dict[str, Schema] = {}
    problem = pick(CouncilProblem, ("path", "message", "citation"), scratch, citation=CITATION)
    problem["properties"]["path"]["description"] = "The field of the council at fault."
    quorum = pick(
        QuorumRule,
        ("min_present", "of_members", "citation", "verified"),
        scratch,
        citation=CITATION,
    )
    quorum["properties"]["min_present"]["minimum"] = 0
    quorum["properties"]["of_members"]["minimum"] = 1
    defs: dict[str, Schema] = {}
    breaches = type_schema(typing.get_type_hints(CouncilCheck)["breaches"], defs)
    _with_citation(defs, "CouncilBreach")
    body = pick(
        CouncilCheck,
        (
            "ruleset",
            "level",
            "ok",
            "problems",
            "notes",
            "quorum",
            "verified",
            "council_rules",
            "breaches",
        ),
        scratch,
        ok={"type": "boolean", "description": "True when there are no problems."},
        problems={"type": "array", "items": problem},
        quorum=_nullable(quorum),
        breaches=breaches,
    )
    props = body["properties"]
    props["ruleset"]["description"] = 'A rule-set id such as "qd26-2026".'
    props["notes"]["description"] = "What the rule set leaves open or was not checked."
    props["verified"]["description"] = "Whether the rule set's procedure was read in its own text."
    body["description"] = (
        "The check of a council against its rule set (ocop.serialize.council_check_to_dict; "
        "the output of `ocop council check`)."
    )
    return _document("council-check", "ocop council check", body, defs)


def next_step() -> Schema:
    defs: dict[str, Schema] = {}
    body = _next_step(defs)
    body["description"] = (
        "What happens to a product after a level has ranked it, with the provision "
        "(ocop.serialize.next_step_to_dict; the output of `ocop process next`, and "
        "`next_step` of `ocop rank --level`)."
    )
    return _document("next-step", "ocop process next", body, defs)


def procedure_levels() -> Schema:
    from ocop.procedure.model import ProcedureRuleSet, Stage

    scratch: dict[str, Schema] = {}
    stage = pick(
        Stage,
        ("level", "role", "actor", "recognises", "authority", "citation", "note"),
        scratch,
        citation=CITATION,
    )
    body = pick(
        ProcedureRuleSet,
        ("ruleset", "instrument", "in_force_from", "in_force_until", "verified", "reason"),
        scratch,
        ruleset={"type": "string", "description": 'A rule-set id such as "qd26-2026".'},
        stages={"type": "array", "items": {"$ref": "#/$defs/Stage"}},
    )
    body["description"] = (
        "A rule set's levels and who recognises which class "
        "(ocop.serialize.procedure_levels_to_dict; the output of `ocop process levels`)."
    )
    return _document("procedure-levels", "ocop process levels", body, {"Stage": stage})


def calendar() -> Schema:
    from ocop.calendar import Deadline, Unit
    from ocop.procedure.calendar import Round
    from ocop.procedure.model import Period

    scratch: dict[str, Schema] = {}
    dates = {"type": "array", "items": dict(ISO_DATE)}
    defs: dict[str, Schema] = {
        "Round": pick(
            Round,
            ("level", "round", "year", "proposed_before", "finish_before", "proposer"),
            scratch,
            round={"type": "integer", "minimum": 1},
            citation=CITATION,
        ),
        "Period": pick(
            Period,
            ("key", "length", "unit", "counted_from", "citation"),
            scratch,
            counted_from={"type": "string", "description": "The event the period runs from."},
            citation=CITATION,
        ),
        "PeriodDeadline": pick(
            Deadline,
            ("period", "start", "end", "length", "unit", "counted_from", "citation"),
            scratch,
            period={"type": "string", "description": 'The period\'s key ("rerank").'},
            start=dict(ISO_DATE),
            end=dict(ISO_DATE),
            length={"type": "integer", "minimum": 0},
            unit=type_schema(Unit, scratch),
            citation=CITATION,
            convention={"type": "string", "description": "The day-counting rule."},
            calendar={"type": "string", "description": "The holiday calendar used."},
        ),
    }
    defs["PeriodDeadline"]["description"] = (
        "The last day of a period counted from an event (ocop.serialize.deadline_to_dict; "
        "`ocop calendar --period KEY --from DATE`)."
    )
    year = _closed(
        {
            "ruleset": {"type": "string"},
            "year": {"type": "integer"},
            "rounds": {"type": "array", "items": {"$ref": "#/$defs/Round"}},
            "periods": {"type": "array", "items": {"$ref": "#/$defs/Period"}},
            "convention": {"type": "string"},
            "holidays": {"anyOf": [dates, {"type": "null"}]},
            "holidays_note": {
                "type": "string",
                "description": "Why no holidays are given (holidays is null).",
            },
            "make_up_working_days": dates,
            "working_days": {"type": "integer", "minimum": 0},
            "calendar": {"type": "string", "description": "The holiday calendar used."},
        },
        optional=("holidays_note", "make_up_working_days", "working_days", "calendar"),
    )
    year["description"] = (
        "A year's rounds, periods, holidays and working days "
        "(ocop.serialize.calendar_to_dict; `ocop calendar --year YEAR`)."
    )
    defs["CalendarYear"] = year
    body: Schema = {
        "description": "The output of `ocop calendar`: a year (--year) or a deadline "
        "(--period with --from).",
        "oneOf": [{"$ref": "#/$defs/CalendarYear"}, {"$ref": "#/$defs/PeriodDeadline"}],
    }
    return _document("calendar", "ocop calendar", body, defs)


def code_parse() -> Schema:
    from ocop.certificates.codes import ProductCode

    scratch: dict[str, Schema] = {}
    body = pick(
        ProductCode,
        ("code", "format", "province", "province_name", "district", "commune", "sequence", "year"),
        scratch,
        code={"type": "string", "description": "The code as printed."},
        province_name={"type": ["string", "null"], "description": "For a 26/2026 code."},
        province_source={"type": "string", "description": "Where the province list comes from."},
        province_verified={"type": "boolean"},
        commune_name={"type": "string", "description": "With --check-commune."},
    )
    body["required"] = [
        k
        for k in body["required"]
        if k not in ("province_source", "province_verified", "commune_name")
    ]
    body["description"] = (
        "A product code and its parts (ocop.serialize.product_code_to_dict; the output of "
        "`ocop code parse`)."
    )
    return _document("code-parse", "ocop code parse", body, {})


def ruleset_selection() -> Schema:
    from ocop.criteria import DossierKind, Selection

    defs: dict[str, Schema] = {}
    body = pick(
        Selection,
        ("as_of", "filed", "kind", "ruleset", "instrument", "in_force", "reason", "source"),
        defs,
        as_of={**ISO_DATE, "description": "The evaluation date asked about."},
        filed=_nullable(dict(ISO_DATE)),
        kind={"enum": [*(k.value for k in DossierKind), None]},
        instrument={"type": "string", "description": "The rule set's instrument (its number)."},
    )
    body["description"] = (
        "The rule set that governs an evaluation, and why (ocop.serialize.selection_to_dict; "
        "the output of `ocop criteria which --json`)."
    )
    return _document("ruleset-selection", "ocop criteria which", body, defs)


def rulesets() -> Schema:
    from ocop.criteria import RuleSetInfo
    from ocop.criteria.ruleset import RuleSet

    scratch: dict[str, Schema] = {}
    catalogue = object_schema(RuleSet, scratch)["properties"]
    row = pick(
        RuleSetInfo,
        ("id", "instrument", "in_force_from", "in_force_until"),
        scratch,
        amends=catalogue["amends"],
        verified=catalogue["verified"],
        sheets={"type": "integer", "minimum": 0, "description": "The number of sheets."},
        unavailable_sheets={
            "type": "array",
            "items": {"type": "integer"},
            "description": "The sheets without full criteria.",
        },
    )
    body: Schema = {
        "description": "The rule sets known, in order of entry into force "
        "(ocop.serialize.rulesets_to_list; the output of `ocop criteria list --json`).",
        "type": "array",
        "items": {"$ref": "#/$defs/RuleSetRow"},
    }
    return _document("rulesets", "ocop criteria list", body, {"RuleSetRow": row})


def classification() -> Schema:
    from ocop.criteria.ruleset import ClassEntry

    defs: dict[str, Schema] = {}
    body: Schema = {
        "description": "A rule set's classification of products, Phụ lục I "
        "(ocop.serialize.classification_to_list; the output of "
        "`ocop criteria list RULESET --json`).",
        "type": "array",
        "items": type_schema(ClassEntry, defs),
    }
    return _document("classification", "ocop criteria list RULESET", body, defs)


def plan() -> Schema:
    from ocop.programme import Plan
    from ocop.programme._checks import MAX_DECIMALS

    defs: dict[str, Schema] = {}
    body = object_schema(Plan, defs)
    defs["Target"]["properties"]["decimals"].update(minimum=0, maximum=MAX_DECIMALS)
    body["description"] = (
        "A programme plan with its targets, milestones and reported figures "
        "(ocop.serialize.plan_to_dict / plan_from_dict; `ocop report --plan FILE`). "
        "Exact numbers are strings."
    )
    return _document("plan", "a programme plan", body, defs)


def programme_stats() -> Schema:
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
    share = _closed({"exact": dict(EXACT_NUMBER), "percent": dict(DISPLAY_NUMBER)})
    from ocop.programme.stats import BREAKDOWNS as names

    flows = _closed(
        {
            "start": dict(ISO_DATE),
            "end": dict(ISO_DATE),
            "area": {"type": ["string", "null"]},
            **{
                k: {"type": "integer", "minimum": 0}
                for k in ("new", "upgraded", "reranked", "expired", "revoked")
            },
        }
    )
    body = _closed(
        {
            "as_of": dict(ISO_DATE),
            "area": {"type": ["string", "null"]},
            "units": {
                "enum": ["current", "as_recorded"],
                "description": "The provincial units of by_province and area: those in force "
                "on as_of (the 63 former provinces before 2025-07-01, the 34 of Nghị quyết "
                "202/2025/QH15 from then), or the names as the registry writes them.",
            },
            "valid": {
                "type": "integer",
                "minimum": 0,
                "description": "The certificates in force on as_of.",
            },
            "producers": {"type": "integer", "minimum": 0},
            "unnamed": {"type": "integer", "minimum": 0},
            **dict.fromkeys(names, counts),
            "shares": _closed(
                {name: {"type": "object", "additionalProperties": share} for name in names}
            ),
            "flows": flows,
            "unknown_provinces": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Province names of rows in force that are no province's, "
                "counted as written.",
            },
        },
        optional=("flows",),
    )
    body["description"] = (
        "A registry's statistics on a date (ocop.serialize.stats_to_dict; the output of "
        "`ocop stats --json`)."
    )
    return _document("programme-stats", "ocop stats", body, {})


def dossier_forms() -> Schema:
    from ocop.forms.dossier import DossierInput

    defs: dict[str, Schema] = {}
    body = object_schema(DossierInput, defs)
    body["description"] = (
        "The input of the dossier forms of 26/2026/QĐ-TTg Phụ lục III, Mẫu số 01–03 "
        "(ocop.forms.dossier_from_dict; `ocop forms registration|self-assessment|"
        "commune-report`)."
    )
    return _document("dossier-forms", "ocop forms (Phụ lục III)", body, defs)


GENERATORS: dict[str, Callable[[], Schema]] = {
    "rank-input": rank_input,
    "rank-output": rank_output,
    "rank-jsonl-line": rank_jsonl_line,
    "catalogue-export": catalogue_export,
    "certificate": certificate,
    "certificate-status": certificate_status,
    "council": council,
    "council-check": council_check,
    "next-step": next_step,
    "procedure-levels": procedure_levels,
    "calendar": calendar,
    "code-parse": code_parse,
    "ruleset-selection": ruleset_selection,
    "rulesets": rulesets,
    "classification": classification,
    "plan": plan,
    "programme-stats": programme_stats,
    "dossier-forms": dossier_forms,
    "errata-overlay": errata_overlay,
}
"""Document name → the function that generates its schema (names: ``ocop.schemas.SCHEMAS``)."""

from schemagen_advice import GENERATORS as _ADVICE  # noqa: E402 - it uses the helpers above

GENERATORS.update(_ADVICE)


def generate(name: str) -> Schema:
    """Generate the schema of document *name* from the model (what ``make_schemas.py`` writes)."""
    if name not in GENERATORS:
        raise KeyError(name)
    return GENERATORS[name]()
