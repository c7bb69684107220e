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
from ocop.service._openapi_advice import advice_paths
from ocop.service._spec import (
    AS_OF,
    DATE,
    HOLIDAYS,
    INT,
    LANG,
    POLICY,
    RULESET,
    json_content,
    operation,
    path_param,
    query,
    ref,
)

__all__ = ["DOCS_PAGE", "component", "openapi"]

_CALENDAR = "#/components/schemas/calendar/$defs/"


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


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of :func:`ocop.service.create_app`'s endpoints."""
    json_errors = ("400", "404", "413", "415")
    ok = {"type": "object", "properties": {"status": {"const": "ok"}}, "required": ["status"]}
    version = {
        "type": "object",
        "properties": {"ocop": {"type": "string"}, "format_version": {"type": "integer"}},
        "required": ["ocop", "format_version"],
    }
    lines = {"application/jsonl": {"schema": ref("rank-input")}}
    paths = {
        "/rank": {
            "post": operation(
                "Rank one product (ocop rank)",
                json_content(ref("rank-output"), "the result document"),
                parameters=(
                    LANG,
                    query("detail", "full or summary", enum=["full", "summary"]),
                    POLICY,
                    query(
                        "level",
                        "adds next_step: what happens after this level (ocop rank --level)",
                        enum=["province", "central", "district"],
                    ),
                ),
                body={"application/json": {"schema": ref("rank-input")}},
                errors=json_errors,
            )
        },
        "/rank/jsonl": {
            "post": operation(
                "Rank JSON Lines (ocop rank --jsonl): one output line per input line, "
                "streamed; at most max_lines lines (10,000 by default), else 413",
                {
                    "description": "one line per input line, each a rank-jsonl-line",
                    "content": {"application/jsonl": {"schema": ref("rank-jsonl-line")}},
                },
                parameters=(
                    LANG,
                    query("detail", "summary or full", enum=["summary", "full"]),
                    POLICY,
                ),
                body=lines,
                errors=("400", "413", "415"),
            )
        },
        "/rulesets": {
            "get": operation(
                "The rule sets known (ocop criteria list --json)",
                json_content(ref("rulesets"), "the rule sets"),
                errors=(),
            )
        },
        "/rulesets/select": {
            "get": operation(
                "The rule set for a date, and why (ocop criteria which --json)",
                json_content(ref("ruleset-selection"), "the selection"),
                parameters=(
                    query("as_of", "evaluation date", required=True, schema=DATE),
                    query("filed", "day the dossier was filed", schema=DATE),
                    query("kind", "the dossier's kind", enum=["first", "upgrade", "reranking"]),
                ),
            )
        },
        "/rulesets/{id}": {
            "get": operation(
                "A rule set's catalogue (ocop criteria export)",
                json_content(ref("catalogue-export"), "the catalogue"),
                parameters=(path_param("id", "rule-set id, e.g. qd26-2026"), LANG),
                errors=("400", "404"),
            )
        },
        "/certificates/status": {
            "post": operation(
                "A certificate's status on a date (ocop certificate status --file)",
                json_content(ref("certificate-status"), "the status"),
                parameters=(query("as_of", "the day asked about", required=True, schema=DATE),),
                body={"application/json": {"schema": ref("certificate")}},
                errors=json_errors,
            )
        },
        "/codes/{code}": {
            "get": operation(
                "A product code's parts (ocop code parse)",
                json_content(ref("code-parse"), "the parts"),
                parameters=(path_param("code", "e.g. 68-24781-12-2026"),),
            )
        },
        "/next-step": {
            "get": operation(
                "The next step after a level (ocop process next)",
                json_content(ref("next-step"), "the next step"),
                parameters=(
                    query("level", "commune, district, province or central", required=True),
                    query("stars", "the class at that level", schema={"type": "integer"}),
                    query("score", "the average score, e.g. 92 or 139/2"),
                    query("disqualified", "true or false", enum=["true", "false"]),
                    query("ruleset", "rule-set id"),
                    query("as_of", "evaluation date", schema=DATE),
                    query("filed", "day the dossier was filed", schema=DATE),
                ),
                errors=("400", "404"),
            )
        },
        **advice_paths(),
        "/council/check": {
            "post": operation(
                "Check a council against its rule set and council rules (ocop council check)",
                json_content(ref("council-check"), "the check"),
                parameters=(
                    RULESET,
                    AS_OF,
                    query("present", "members present, chair included", schema=INT),
                    {
                        "name": "attending",
                        "in": "query",
                        "required": False,
                        "description": "a member present, by name (repeatable; not with present)",
                        "schema": {"type": "array", "items": {"type": "string"}},
                        "style": "form",
                        "explode": True,
                    },
                    query(
                        "council_rules",
                        "the council's operating rules, a preset id",
                        enum=list(presets()),
                    ),
                ),
                body={"application/json": {"schema": ref("council")}},
                errors=json_errors,
            )
        },
        "/process/levels": {
            "get": operation(
                "A rule set's levels and who recognises what (ocop process levels)",
                json_content(ref("procedure-levels"), "the levels"),
                parameters=(RULESET, AS_OF),
                errors=("400", "404"),
            )
        },
        "/calendar": {
            "get": operation(
                "A year's rounds, holidays and working days (ocop calendar --year)",
                json_content({"$ref": _CALENDAR + "CalendarYear"}, "the calendar of the year"),
                parameters=(
                    query("year", "the year", required=True, schema=INT),
                    RULESET,
                    *HOLIDAYS,
                ),
            )
        },
        "/calendar/deadline": {
            "get": operation(
                "The last day of a period (ocop calendar --period KEY --from DATE)",
                json_content({"$ref": _CALENDAR + "PeriodDeadline"}, "the deadline"),
                parameters=(
                    query(
                        "period",
                        "the period",
                        required=True,
                        enum=["commune_precheck", "rerank", "revocation"],
                    ),
                    query("from", "the event the period runs from", required=True, schema=DATE),
                    RULESET,
                    *HOLIDAYS,
                ),
            )
        },
        "/schemas": {
            "get": operation(
                "The shipped JSON Schemas: name and title (ocop schema)",
                json_content(
                    {"type": "object", "additionalProperties": {"type": "string"}},
                    "name → title",
                ),
                errors=(),
            )
        },
        "/schemas/{name}": {
            "get": operation(
                "One shipped JSON Schema (ocop schema NAME)",
                json_content({"type": "object"}, "a JSON Schema (draft 2020-12)"),
                parameters=(path_param("name", "the document's name"),),
                errors=("404",),
            )
        },
        "/health": {"get": operation("The server answers", json_content(ok, "ok"), errors=())},
        "/version": {
            "get": operation("Versions", json_content(version, "the versions"), errors=())
        },
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
