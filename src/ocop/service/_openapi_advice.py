"""The OpenAPI paths of the advisor's endpoints (:mod:`ocop.service._advice`).

The cost table of ``POST /advise`` is a query parameter whose value is the ``costs``
document: OpenAPI 3.1 describes it with ``content`` (a JSON-serialised parameter) and the
shipped schema, so it is not a second description either.
"""

from __future__ import annotations

from typing import Any

from ocop.service._spec import (
    AS_OF,
    DATE,
    LANG,
    POLICY,
    json_content,
    operation,
    query,
    ref,
    repeated,
)

__all__ = ["advice_paths"]

_ERRORS = ("400", "404", "413", "415")
_BODY = {"application/json": {"schema": ref("rank-input")}}


_TEXT = {"type": "string"}


def advice_paths() -> dict[str, Any]:
    """``/advise``, ``/whatif`` and ``/migrate``."""
    costs = {
        "name": "costs",
        "in": "query",
        "required": False,
        "description": "a cost table (the costs document, JSON, URL-encoded; at most 8,192 "
        "characters): the cheapest plan instead of the fewest criteria (ocop advise --cost)",
        "content": {"application/json": {"schema": ref("costs")}},
    }
    return {
        "/advise": {
            "post": operation(
                "The fewest (or cheapest) improvements that reach a target class (ocop advise)",
                json_content(ref("advice-output"), "the advice"),
                parameters=(
                    query(
                        "target",
                        "the class to reach (default: the next one)",
                        schema={"type": "integer", "minimum": 1, "maximum": 5},
                    ),
                    repeated("fixed", "a criterion not to raise, by code", _TEXT),
                    costs,
                    LANG,
                ),
                body=_BODY,
                errors=_ERRORS,
            )
        },
        "/whatif": {
            "post": operation(
                "A product re-ranked with changed answers, policy or rules (ocop whatif)",
                json_content(ref("whatif-output"), "the what-if"),
                parameters=(
                    repeated("set", "CODE=OPTION: answer criterion CODE with OPTION", _TEXT),
                    query("member", "with set: change this member's sheet only"),
                    POLICY,
                    query("ruleset", "another rule set (the answers must fit its sheet)"),
                    {**AS_OF, "description": "another evaluation date", "schema": DATE},
                    repeated("flags", "a knock-out flag; flags= alone: no flags", _TEXT),
                    LANG,
                ),
                body=_BODY,
                errors=_ERRORS,
            )
        },
        "/migrate": {
            "post": operation(
                "An old dossier (148, 1489) read under a later rule set (ocop migrate)",
                json_content(ref("migrate-output"), "the migration"),
                parameters=(query("to", "the rule set (default: qd26-2026)"), LANG),
                body=_BODY,
                errors=_ERRORS,
            )
        },
    }
