"""JSON Schemas (draft 2020-12) of the public JSON documents of :mod:`ocop`.

They are generated from the model by ``tools/make_schemas.py`` and shipped as package data;
``ocop schema NAME`` prints one. A test checks that the shipped files equal the generated
ones, and validates real documents (CLI output with every option) against them.

>>> from ocop.schemas import SCHEMAS, load_schema
>>> sorted(SCHEMAS)  # doctest: +NORMALIZE_WHITESPACE
['advice-output', 'calendar', 'catalogue-export', 'certificate', 'certificate-status',
 'classification', 'code-parse', 'costs', 'council', 'council-check', 'dossier-forms',
 'errata-overlay', 'migrate-output', 'next-step', 'plan', 'procedure-levels',
 'programme-stats', 'rank-input', 'rank-jsonl-line', 'rank-output', 'ruleset-selection',
 'rulesets', 'whatif-output']
>>> load_schema("rank-input")["required"]
['sheet', 'members']
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ocop.errors import InvalidInput

__all__ = ["SCHEMAS", "load_schema"]

SCHEMAS: dict[str, str] = {
    "rank-input": "a rank request (input of ocop rank)",
    "rank-output": "a rank result (output of ocop rank)",
    "rank-jsonl-line": "an output line of ocop rank --jsonl",
    "catalogue-export": "a catalogue (output of ocop criteria export)",
    "certificate": "a certificate and its history (ocop certificate status --file)",
    "certificate-status": "a certificate's status (output of ocop certificate status)",
    "council": "an evaluation council (input of ocop council check)",
    "council-check": "the check of a council (output of ocop council check)",
    "next-step": "the next step after a level (output of ocop process next)",
    "procedure-levels": "a rule set's levels (output of ocop process levels)",
    "calendar": "a year's rounds and holidays, or a deadline (output of ocop calendar)",
    "code-parse": "a product code's parts (output of ocop code parse)",
    "ruleset-selection": "the rule set for a date (output of ocop criteria which --json)",
    "rulesets": "the rule sets known (output of ocop criteria list --json)",
    "classification": "a classification of products (ocop criteria list RULESET --json)",
    "plan": "a programme plan with its targets (ocop report --plan FILE)",
    "programme-stats": "a registry's statistics on a date (output of ocop stats --json)",
    "dossier-forms": "the input of the Phụ lục III forms (ocop forms registration ...)",
    "errata-overlay": "a user's patch of named values of a rule set (rank request 'overlay')",
    "advice-output": "the fewest improvements to a target class (output of ocop advise)",
    "whatif-output": "a product re-ranked with changes (output of ocop whatif)",
    "migrate-output": "an old dossier under a later rule set (output of ocop migrate)",
    "costs": "a cost table of the advisor (ocop advise --cost FILE)",
}
"""Document name → what it is: every public document that has a schema."""


def load_schema(name: str) -> dict[str, Any]:
    """The shipped schema of document *name* (a JSON file in this package)."""
    if name not in SCHEMAS:
        raise InvalidInput("", name, f"no schema named {name!r}; schemas: {', '.join(SCHEMAS)}")
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
