"""The building blocks of the service's OpenAPI description: references to the shipped
schemas, query and path parameters, operations with their error answers.

Used by :mod:`ocop.service.openapi` (and the advisor's paths, :mod:`ocop.service._openapi_advice`).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AS_OF",
    "DATE",
    "ERROR",
    "HOLIDAYS",
    "INT",
    "LANG",
    "POLICY",
    "RULESET",
    "json_content",
    "operation",
    "path_param",
    "query",
    "ref",
    "repeated",
]

ERROR = "#/components/schemas/rank-jsonl-line/$defs/ErrorLine/properties/error"
INT = {"type": "integer"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def query(
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


def path_param(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


DATE = {"type": "string", "format": "date"}
LANG = query("lang", "language of the explanation", enum=["en", "vi"])
POLICY = query("policy", "overrides the request's policy", enum=["majority", "all", "mean"])
RULESET = query("ruleset", "rule-set id, e.g. qd26-2026")
AS_OF = query("as_of", "a date, to pick the rule set", schema=DATE)


def repeated(name: str, description: str, items: dict[str, Any] = DATE) -> dict[str, Any]:
    """A query parameter given any number of times (``?fixed=1.1&fixed=3.2``)."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description + " (repeatable)",
        "schema": {"type": "array", "items": items},
        "style": "form",
        "explode": True,
    }


HOLIDAYS = (
    query("no_holidays", "true: only the holidays given here", enum=["true", "false"]),
    repeated("holiday", "an extra public holiday, YYYY-MM-DD"),
    repeated("working_day", "an extra make-up working day, YYYY-MM-DD"),
)


def operation(
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
        op["responses"][status] = json_content({"$ref": ERROR}, "an error document")
    return op
