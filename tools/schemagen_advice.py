"""The JSON Schemas of the advisor's documents (``ocop advise``, ``ocop whatif``, ``ocop migrate``).

Registered in :data:`schemagen.GENERATORS`; the shapes are those of
:mod:`ocop.serialize.advice`, and every result inside them is the rank result document.
"""

from __future__ import annotations

from schemagen import (
    CITATION,
    DISPLAY_NUMBER,
    EXACT_NUMBER,
    Schema,
    _closed,
    _document,
    _nullable,
    _result_body,
    rank_input,
)

__all__ = ["GENERATORS"]

_TEXT: Schema = {"type": "string"}
_TEXTS: Schema = {"type": "array", "items": {"type": "string"}}
_NULLABLE_TEXT: Schema = {"type": ["string", "null"]}
_HEAD: dict[str, Schema] = {"format_version": {"const": 1}, "ocop_version": _TEXT}
_EXPLANATION: dict[str, Schema] = {
    "explanation_lang": {"enum": ["en", "vi"]},
    "explanation": _TEXTS,
}
_RESULT: Schema = {"$ref": "#/$defs/RankResultDocument"}


def _request_body(defs: dict[str, Schema]) -> Schema:
    doc = rank_input()
    defs.update(doc.pop("$defs", {}))
    for key in ("$schema", "$id", "title"):
        doc.pop(key)
    return doc


def _advice_body(defs: dict[str, Schema]) -> Schema:
    defs.setdefault("RankResultDocument", _result_body(defs))
    change = _closed(
        {
            "criterion": {**_TEXT, "description": "The criterion raised (its printed code)."},
            "title": _TEXT,
            "title_en": _NULLABLE_TEXT,
            "to": {**_TEXT, "description": "The option key it is raised to."},
            "to_points": {"type": "integer"},
            "to_label": _TEXT,
            "points": dict(DISPLAY_NUMBER),
            "points_exact": dict(EXACT_NUMBER),
            "members": {
                "type": "array",
                "items": _closed(
                    {
                        "member": _TEXT,
                        "criterion": _TEXT,
                        "before": _NULLABLE_TEXT,
                        "after": _TEXT,
                        "implied": {"type": "boolean"},
                    }
                ),
            },
            "minimum": _nullable(
                _closed(
                    {
                        "stars": {"type": "integer", "minimum": 3, "maximum": 5},
                        "option": _TEXT,
                        "points": {"type": "integer"},
                        "required": {"type": "boolean"},
                    }
                )
            ),
            "cost": _nullable(dict(EXACT_NUMBER)),
            "source": CITATION,
            "evidence": _nullable(
                _closed(
                    {
                        "topic": _TEXT,
                        "requirement": _TEXT,
                        "basis": _TEXT,
                        "source": CITATION,
                    }
                )
            ),
        }
    )
    change["description"] = (
        "One improvement: a criterion raised to an option for every member below it."
    )
    defs["Change"] = change
    reason = _closed(
        {
            "code": {
                "enum": [
                    "disqualified",
                    "not_in_class",
                    "minimum_unreachable",
                    "band_unreachable",
                ]
            },
            "text": _TEXT,
            "text_vi": _TEXT,
            "criterion": _NULLABLE_TEXT,
            "stars": {"type": ["integer", "null"]},
        }
    )
    defs["Reason"] = reason
    body = _closed(
        {
            **_HEAD,
            "id": _TEXT,
            "ruleset": _TEXT,
            "sheet": {"type": "integer"},
            "target": {"type": "integer", "minimum": 1, "maximum": 5},
            "objective": {"enum": ["fewest_criteria", "cost"]},
            "reachable": {"type": "boolean"},
            "stars_before": {"type": ["integer", "null"]},
            "average_before": dict(DISPLAY_NUMBER),
            "average_before_exact": dict(EXACT_NUMBER),
            "before": _RESULT,
            "changes": {"type": "array", "items": {"$ref": "#/$defs/Change"}},
            "result": _nullable(_RESULT),
            "reasons": {"type": "array", "items": {"$ref": "#/$defs/Reason"}},
            "total_cost": _nullable(dict(EXACT_NUMBER)),
            "above_needed": _nullable(dict(EXACT_NUMBER)),
            "fixed": _TEXTS,
            "notes": _TEXTS,
            **_EXPLANATION,
        },
        optional=("id",),
    )
    body["description"] = (
        "The fewest (or cheapest) improvements that reach a target class (`ocop advise`): "
        "`before`, the rank result it starts from, `changes`, then `result`, the rank result "
        "after them (null when unreachable)."
    )
    return body


def advice_output() -> Schema:
    defs: dict[str, Schema] = {}
    body = _advice_body(defs)
    return _document("advice-output", "ocop advise output", body, defs)


def whatif_output() -> Schema:
    defs: dict[str, Schema] = {"RankResultDocument": {}}
    defs["RankResultDocument"] = _result_body(defs)
    defs["RankRequestDocument"] = _request_body(defs)
    difference = _closed(
        {
            "field": {
                "enum": ["stars", "band_stars", "status", "average", "ruleset", "failed_minimums"]
            },
            "before": _NULLABLE_TEXT,
            "after": _NULLABLE_TEXT,
            "newly_failed": _TEXTS,
            "newly_met": _TEXTS,
        }
    )
    body = _closed(
        {
            **_HEAD,
            "original_request": {"$ref": "#/$defs/RankRequestDocument"},
            "request": {"$ref": "#/$defs/RankRequestDocument"},
            "before": _RESULT,
            "after": _RESULT,
            "differences": {"type": "array", "items": difference},
            **_EXPLANATION,
        }
    )
    body["description"] = (
        "A product re-ranked with changes (`ocop whatif`): the request (`original_request`), "
        "the changed `request`, both results and what differs."
    )
    return _document("whatif-output", "ocop whatif output", body, defs)


def migrate_output() -> Schema:
    defs: dict[str, Schema] = {}
    defs["AdviceDocument"] = _advice_body(defs)
    defs["RankRequestDocument"] = _request_body(defs)
    previous = _closed({"member": _TEXT, "criterion": _TEXT, "option": _TEXT, "label": _TEXT})
    question = _closed(
        {
            "criterion": _TEXT,
            "title": _TEXT,
            "title_en": _NULLABLE_TEXT,
            "reason": {"enum": ["new_criterion", "wording_changed"]},
            "members": _TEXTS,
            "previous": {"type": "array", "items": previous},
        }
    )
    mapped = _closed({"entry": _TEXT, "reason": _TEXT, "members": _TEXTS})
    carried = _closed(
        {
            "criterion": _TEXT,
            "from_criterion": _TEXT,
            "members": {"type": "integer"},
            "mapping": _nullable(mapped),
            "mapped": {"type": "array", "items": mapped},
        }
    )
    body = _closed(
        {
            **_HEAD,
            "from_ruleset": _TEXT,
            "from_sheet": {"type": "integer"},
            "to_ruleset": _TEXT,
            "to_sheet": {"type": "integer"},
            "carried": {"type": "array", "items": carried},
            "questions": {"type": "array", "items": question},
            "dropped": _TEXTS,
            "dropped_flags": _TEXTS,
            "request": {"$ref": "#/$defs/RankRequestDocument"},
            "before": _nullable(_RESULT),
            "result": _nullable(_RESULT),
            "lowest": _nullable(_RESULT),
            "highest": _nullable(_RESULT),
            "advice": _nullable({"$ref": "#/$defs/AdviceDocument"}),
            "notes": _TEXTS,
        }
    )
    body["description"] = (
        "An old dossier read under a later rule set (`ocop migrate`): what carried over, the "
        "open questions, and the rankings."
    )
    return _document("migrate-output", "ocop migrate output", body, defs)


#: A cost as :func:`ocop.serialize.costs_from_dict` reads it: a non-negative integer, or
#: a non-negative exact number as a string (an integer, a decimal or a fraction).
_COST = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^[0-9]+(/[0-9]*[1-9][0-9]*|\.[0-9]+)?$",
            "description": 'A non-negative exact number: "20", "12.5" or "25/2".',
        },
    ]
}


def costs() -> Schema:
    """The cost table of ``ocop advise --cost FILE`` (and ``POST /advise?costs=``)."""
    entry = {
        "anyOf": [
            _COST,
            {"type": "null", "description": "Never raise this criterion."},
            {
                "type": "object",
                "description": "Option key → the cost of reaching that option (an option "
                "left out, or null, is never reached).",
                "additionalProperties": {"anyOf": [_COST, {"type": "null"}]},
            },
        ]
    }
    body = _closed(
        {
            "default": {
                "anyOf": [_COST, {"type": "null"}],
                "description": "The cost of raising a criterion not listed; null: only the "
                "listed criteria may be raised.",
            },
            "criteria": {
                "type": "object",
                "description": "Criterion code → its cost, its costs per option, or null.",
                "additionalProperties": entry,
            },
        },
        optional=("criteria",),
    )
    body["description"] = (
        "What raising each criterion costs (`ocop advise --cost FILE`): the advisor then "
        "gives the cheapest plan. Costs are exact: integers or numbers as strings."
    )
    return _document("costs", "a cost table of the advisor", body, {})


GENERATORS = {
    "advice-output": advice_output,
    "whatif-output": whatif_output,
    "migrate-output": migrate_output,
    "costs": costs,
}
