"""The service's OpenAPI 3.1 description, built from the shipped JSON Schemas.

Every document is described once, by its shipped schema (:mod:`ocop.schemas`), which is
put whole under ``components/schemas/NAME`` (:func:`component`: only its local references
are made to point there); the paths only refer to them. The error
document is the ``error`` of a failed JSON Lines line (the same :func:`error_to_dict`).

>>> spec = openapi()
>>> spec["openapi"], sorted(spec["components"]["schemas"]) == sorted(SCHEMAS)
('3.1.0', True)
"""

from __future__ import annotations

import html
from typing import Any

from ocop._version import __version__
from ocop.ranking.council_rules import presets
from ocop.schemas import SCHEMAS, load_schema

__all__ = ["DOCS_PAGE", "component", "openapi"]

_ERROR = "#/components/schemas/rank-jsonl-line/$defs/ErrorLine/properties/error"
_CALENDAR = "#/components/schemas/calendar/$defs/"
_INT = {"type": "integer"}


def _rebased(node: Any, base: str) -> Any:
    """*node* with every local ``$ref`` (``#/$defs/X``) pointing under *base* instead."""
    if isinstance(node, dict):
        return {
            key: base + value[1:]
            if key == "$ref" and isinstance(value, str) and value.startswith("#/")
            else _rebased(value, base)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rebased(item, base) for item in node]
    return node


def component(name: str) -> dict[str, Any]:
    """The shipped schema *name* as an OpenAPI component: the same schema, its local
    references (``#/$defs/X``) made to point inside the component, its ``$id`` left out
    (a base URI of its own would take those references away from the OpenAPI document)."""
    schema = load_schema(name)
    del schema["$id"]
    rebased: dict[str, Any] = _rebased(schema, f"#/components/schemas/{name}")
    return rebased


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(
    name: str,
    description: str,
    *,
    required: bool = False,
    schema: dict[str, Any] | None = None,
    enum: list[str] | None = None,
) -> dict[str, Any]:
    if enum is not None:
        schema = {"enum": enum}
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


_DATE = {"type": "string", "format": "date"}
_LANG = _query("lang", "language of the explanation", enum=["en", "vi"])
_POLICY = _query("policy", "overrides the request's policy", enum=["majority", "all", "mean"])
_RULESET = _query("ruleset", "rule-set id, e.g. qd26-2026")
_AS_OF = _query("as_of", "a date, to pick the rule set", schema=_DATE)
_DAYS = {"type": "array", "items": _DATE}


def _repeated(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description + " (repeatable)",
        "schema": _DAYS,
        "style": "form",
        "explode": True,
    }


_HOLIDAYS = (
    _query("no_holidays", "true: only the holidays given here", enum=["true", "false"]),
    _repeated("holiday", "an extra public holiday, YYYY-MM-DD"),
    _repeated("working_day", "an extra make-up working day, YYYY-MM-DD"),
)


def _operation(
    summary: str,
    response: dict[str, Any],
    *,
    parameters: tuple[dict[str, Any], ...] = (),
    body: dict[str, Any] | None = None,
    errors: tuple[str, ...] = ("400",),
) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": {"200": response}}
    if parameters:
        op["parameters"] = list(parameters)
    if body is not None:
        op["requestBody"] = {"required": True, "content": body}
    for status in errors:
        op["responses"][status] = _json({"$ref": _ERROR}, "an error document")
    return op


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of :func:`ocop.service.create_app`'s endpoints."""
    json_errors = ("400", "404", "413", "415")
    ok = {"type": "object", "properties": {"status": {"const": "ok"}}, "required": ["status"]}
    version = {
        "type": "object",
        "properties": {"ocop": {"type": "string"}, "format_version": {"type": "integer"}},
        "required": ["ocop", "format_version"],
    }
    lines = {"application/jsonl": {"schema": _ref("rank-input")}}
    paths = {
        "/rank": {
            "post": _operation(
                "Rank one product (ocop rank)",
                _json(_ref("rank-output"), "the result document"),
                parameters=(
                    _LANG,
                    _query("detail", "full or summary", enum=["full", "summary"]),
                    _POLICY,
                    _query(
                        "level",
                        "adds next_step: what happens after this level (ocop rank --level)",
                        enum=["province", "central", "district"],
                    ),
                ),
                body={"application/json": {"schema": _ref("rank-input")}},
                errors=json_errors,
            )
        },
        "/rank/jsonl": {
            "post": _operation(
                "Rank JSON Lines (ocop rank --jsonl): one output line per input line, "
                "streamed; at most max_lines lines (10,000 by default), else 413",
                {
                    "description": "one line per input line, each a rank-jsonl-line",
                    "content": {"application/jsonl": {"schema": _ref("rank-jsonl-line")}},
                },
                parameters=(
                    _LANG,
                    _query("detail", "summary or full", enum=["summary", "full"]),
                    _POLICY,
                ),
                body=lines,
                errors=("400", "413", "415"),
            )
        },
        "/rulesets": {
            "get": _operation(
                "The rule sets known (ocop criteria list --json)",
                _json(_ref("rulesets"), "the rule sets"),
                errors=(),
            )
        },
        "/rulesets/select": {
            "get": _operation(
                "The rule set for a date, and why (ocop criteria which --json)",
                _json(_ref("ruleset-selection"), "the selection"),
                parameters=(
                    _query("as_of", "evaluation date", required=True, schema=_DATE),
                    _query("filed", "day the dossier was filed", schema=_DATE),
                    _query("kind", "the dossier's kind", enum=["first", "upgrade", "reranking"]),
                ),
            )
        },
        "/rulesets/{id}": {
            "get": _operation(
                "A rule set's catalogue (ocop criteria export)",
                _json(_ref("catalogue-export"), "the catalogue"),
                parameters=(_path("id", "rule-set id, e.g. qd26-2026"), _LANG),
                errors=("400", "404"),
            )
        },
        "/certificates/status": {
            "post": _operation(
                "A certificate's status on a date (ocop certificate status --file)",
                _json(_ref("certificate-status"), "the status"),
                parameters=(_query("as_of", "the day asked about", required=True, schema=_DATE),),
                body={"application/json": {"schema": _ref("certificate")}},
                errors=json_errors,
            )
        },
        "/codes/{code}": {
            "get": _operation(
                "A product code's parts (ocop code parse)",
                _json(_ref("code-parse"), "the parts"),
                parameters=(_path("code", "e.g. 68-24781-12-2026"),),
            )
        },
        "/next-step": {
            "get": _operation(
                "The next step after a level (ocop process next)",
                _json(_ref("next-step"), "the next step"),
                parameters=(
                    _query("level", "commune, district, province or central", required=True),
                    _query("stars", "the class at that level", schema={"type": "integer"}),
                    _query("score", "the average score, e.g. 92 or 139/2"),
                    _query("disqualified", "true or false", enum=["true", "false"]),
                    _query("ruleset", "rule-set id"),
                    _query("as_of", "evaluation date", schema=_DATE),
                    _query("filed", "day the dossier was filed", schema=_DATE),
                ),
                errors=("400", "404"),
            )
        },
        "/council/check": {
            "post": _operation(
                "Check a council against its rule set and council rules (ocop council check)",
                _json(_ref("council-check"), "the check"),
                parameters=(
                    _RULESET,
                    _AS_OF,
                    _query("present", "members present, chair included", schema=_INT),
                    {
                        "name": "attending",
                        "in": "query",
                        "required": False,
                        "description": "a member present, by name (repeatable; not with present)",
                        "schema": {"type": "array", "items": {"type": "string"}},
                        "style": "form",
                        "explode": True,
                    },
                    _query(
                        "council_rules",
                        "the council's operating rules, a preset id",
                        enum=list(presets()),
                    ),
                ),
                body={"application/json": {"schema": _ref("council")}},
                errors=json_errors,
            )
        },
        "/process/levels": {
            "get": _operation(
                "A rule set's levels and who recognises what (ocop process levels)",
                _json(_ref("procedure-levels"), "the levels"),
                parameters=(_RULESET, _AS_OF),
                errors=("400", "404"),
            )
        },
        "/calendar": {
            "get": _operation(
                "A year's rounds, holidays and working days (ocop calendar --year)",
                _json({"$ref": _CALENDAR + "CalendarYear"}, "the calendar of the year"),
                parameters=(
                    _query("year", "the year", required=True, schema=_INT),
                    _RULESET,
                    *_HOLIDAYS,
                ),
            )
        },
        "/calendar/deadline": {
            "get": _operation(
                "The last day of a period (ocop calendar --period KEY --from DATE)",
                _json({"$ref": _CALENDAR + "PeriodDeadline"}, "the deadline"),
                parameters=(
                    _query(
                        "period",
                        "the period",
                        required=True,
                        enum=["commune_precheck", "rerank", "revocation"],
                    ),
                    _query("from", "the event the period runs from", required=True, schema=_DATE),
                    _RULESET,
                    *_HOLIDAYS,
                ),
            )
        },
        "/schemas": {
            "get": _operation(
                "The shipped JSON Schemas: name and title (ocop schema)",
                _json(
                    {"type": "object", "additionalProperties": {"type": "string"}},
                    "name → title",
                ),
                errors=(),
            )
        },
        "/schemas/{name}": {
            "get": _operation(
                "One shipped JSON Schema (ocop schema NAME)",
                _json({"type": "object"}, "a JSON Schema (draft 2020-12)"),
                parameters=(_path("name", "the document's name"),),
                errors=("404",),
            )
        },
        "/health": {"get": _operation("The server answers", _json(ok, "ok"), errors=())},
        "/version": {"get": _operation("Versions", _json(version, "the versions"), errors=())},
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "ocop rules service",
            "version": __version__,
            "description": "Vietnam's OCOP product-ranking rules over HTTP: the documents "
            "of the ocop library and command line, unchanged.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": {name: component(name) for name in SCHEMAS}},
    }


def _docs_page() -> str:
    rows = "\n".join(
        f'<li><a href="schemas/{html.escape(name)}"><code>{html.escape(name)}</code></a>: '
        f"{html.escape(title)}</li>"
        for name, title in SCHEMAS.items()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ocop rules service</title></head>
<body>
<h1>ocop rules service {html.escape(__version__)}</h1>
<p>The API is described by <a href="openapi.json">openapi.json</a> (OpenAPI 3.1), whose
documents are the library's shipped JSON Schemas:</p>
<ul>
{rows}
</ul>
</body></html>
"""


DOCS_PAGE = _docs_page()
"""The ``/docs`` page: plain HTML, no script, linking the OpenAPI document and schemas."""
