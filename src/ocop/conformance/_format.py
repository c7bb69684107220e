"""The case format: its JSON Schema, the kit's README, writing and reading a kit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ocop.conformance._answer import KIND_ENVIRONMENT, KINDS, check_kind
from ocop.conformance._generate import GROUPS
from ocop.errors import InvalidInput
from ocop.serialize import loads

__all__ = ["CASES_FILE", "CASE_SCHEMA", "README", "SCHEMA_FILE", "read_cases", "write_kit"]

CASES_FILE = "cases.jsonl"
SCHEMA_FILE = "case.schema.json"

_NULLABLE_STARS = {"type": ["integer", "null"], "minimum": 1, "maximum": 5}
_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}

_RANK_EXPECTED: dict[str, Any] = {
    "type": "object",
    "description": "The fields of the rank result document to reproduce.",
    "additionalProperties": False,
    "required": ["ruleset", "status", "stars", "band_stars", "average_exact", "failed_minimums"],
    "properties": {
        "ruleset": {"type": "string", "description": "The rule set that governs."},
        "status": {"enum": ["ranked", "disqualified"]},
        "stars": {**_NULLABLE_STARS, "description": "The star class (null when disqualified)."},
        "band_stars": {**_NULLABLE_STARS, "description": "The band of the average."},
        "average_exact": {
            "type": "string",
            "pattern": r"^-?[0-9]+(/[0-9]+)?$",
            "description": "The council's average total, exact: '90' or '179/2'. "
            "Compared by value (a decimal such as '89.5' is accepted).",
        },
        "failed_minimums": {
            "type": "array",
            "description": "The per-star minimums not met, sorted; compared as a set.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["criterion", "stars"],
                "properties": {
                    "criterion": {"type": "string"},
                    "stars": {"type": "integer", "minimum": 3, "maximum": 5},
                },
            },
        },
    },
}
_REFUSAL: dict[str, Any] = {
    "type": "object",
    "description": "The input must be refused (HTTP 4xx, or a non-zero exit status) with an "
    "error document whose `type` is this.",
    "additionalProperties": False,
    "required": ["error"],
    "properties": {"error": {"type": "string", "examples": ["InvalidProductCode"]}},
}
_FIELDS_EXPECTED: dict[str, Any] = {
    "type": "object",
    "description": "Fields of the answer document (`ocop schema certificate-status` or "
    "`ocop schema code-parse`) to reproduce: each equal, an object field by field (its "
    "other fields, and the citation texts, are not compared).",
    "minProperties": 1,
    "not": {"required": ["error"]},
}

#: The JSON Schema of one case (one line of ``cases.jsonl``).
CASE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://ocop.invalid/schemas/conformance-case.schema.json",
    "title": "OCOP conformance case",
    "description": "One case of the ocop conformance kit: a request of a kind (a rank request, "
    "a certificate on a day, a product code), the clause it tests, and what any "
    "implementation of the OCOP rules must answer.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "group", "clause", "description", "request", "expected"],
    "properties": {
        "id": {"type": "string", "description": "Unique; a rank case's is also its request's id."},
        "kind": {
            "enum": list(KINDS),
            "default": "rank",
            "description": "What the request is and what answers it; a case without a kind "
            "is a rank case (the kit's first format).",
        },
        "group": {"enum": list(GROUPS), "description": "The clause group of the case."},
        "clause": {
            "type": "object",
            "description": "The provision the case tests: the library's own citation.",
            "additionalProperties": False,
            "required": ["instrument", "provision"],
            "properties": {
                "instrument": {"type": "string", "examples": ["26/2026/QĐ-TTg"]},
                "provision": {"type": "string", "examples": ["Điều 3.3.a"]},
                "url": {"type": "string"},
            },
        },
        "description": {"type": "string"},
        "request": {"type": "object"},
        "expected": {"type": "object"},
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "certificate-status"}}, "required": ["kind"]},
            "then": {
                "properties": {
                    "request": {
                        "description": "The day asked about and a certificate document "
                        "(`ocop schema certificate`).",
                        "additionalProperties": False,
                        "required": ["as_of", "certificate"],
                        "properties": {"as_of": _DATE, "certificate": {"type": "object"}},
                    },
                    "expected": {"oneOf": [_REFUSAL, _FIELDS_EXPECTED]},
                }
            },
        },
        {
            "if": {"properties": {"kind": {"const": "code-parse"}}, "required": ["kind"]},
            "then": {
                "properties": {
                    "request": {
                        "description": "A product code, as printed.",
                        "additionalProperties": False,
                        "required": ["code"],
                        "properties": {"code": {"type": "string"}},
                    },
                    "expected": {"oneOf": [_REFUSAL, _FIELDS_EXPECTED]},
                }
            },
        },
        {
            "if": {
                "anyOf": [
                    {"not": {"required": ["kind"]}},
                    {"properties": {"kind": {"const": "rank"}}},
                ]
            },
            "then": {
                "properties": {
                    "request": {
                        "description": "A rank request document, exactly as `ocop rank` "
                        "reads it (`ocop schema rank-input`).",
                        "required": ["id", "sheet", "members"],
                    },
                    "expected": _RANK_EXPECTED,
                }
            },
        },
    ],
}

README = """\
# OCOP conformance kit

Generated by `ocop conformance export` (ocop {version}); {count} cases.

Each line of `{cases}` is one case (JSON Schema: `{schema}`):

* `id`, `kind`, `group` (one of {groups}) and `clause`: the instrument and provision the
  case tests, as the ocop library cites them;
* `description`: what the case sets up, in words;
* `request` and `expected`, by `kind` (a case without `kind` is a `rank` case):
  * `rank`: a rank request document, exactly as `ocop rank` reads it; `expected` holds the
    fields of the result document to reproduce: `ruleset`, `status`, `stars`,
    `band_stars`, `average_exact` (compared by value, so `"179/2"` and `"89.5"` agree)
    and `failed_minimums` (the `{{criterion, stars}}` pairs, compared as a set);
  * `certificate-status`: `{{"as_of": DATE, "certificate": CERTIFICATE}}`, a certificate
    document (`ocop schema certificate`) asked about on a day; `expected` holds fields of
    the certificate-status document (`ocop schema certificate-status`);
  * `code-parse`: `{{"code": CODE}}`, a product code as printed; `expected` holds fields
    of the code-parse document (`ocop schema code-parse`).

  For the last two kinds each field of `expected` must be equal in the answer, an object
  field by field (other fields, and citation texts, are not compared). `expected` may
  instead be `{{"error": TYPE}}`: the input must be refused, with an error document
  (`{{"type": TYPE, "message": ..., "path": ..., "value": ...}}`) of that type.

The expected values are what the ocop library computes; the per-star minimum cases agree
with the hand-computed cases of its test suite. The `policies` group tests how several
members' sheets meet a per-star minimum (`majority`, `all`, `mean`), which the decision
does not say: it is the library's reading, named in each request's `policy`. The `terms`
group follows each rule set's reading of the last day of the 36 months (its
`certificates.json` `convention`: the anniversary excluded for 1048 to 1489, as published
decisions read it; the Civil Code's reading for 26/2026, a choice pending a published
decision).

Cases by group: {by_group}.

## Running it

    ocop conformance run --cases DIR --command "ocop conformance answer"
    ocop conformance run --cases DIR --url http://127.0.0.1:8000

`--command` runs the program once per case with the request on standard input and the
case's kind in the environment variable `{kind_variable}` (`rank`, `certificate-status`,
`code-parse`); it writes the answer document on standard output and exits with status 0,
or refuses the input with a non-zero exit status and an error document on standard output.
(`--command "ocop rank -"` still answers the rank cases.) `--url` takes the service's base
URL and calls `POST /rank`, `POST /certificates/status?as_of=DATE` (the certificate
document as the body) and `GET /codes/{{code}}` (the code percent-encoded); a 4xx answer
with an error document is a refusal. A URL ending in `/rank` is taken as before.

The report gives pass/fail per group and one line per failed case with its clause; the
exit status is 0 only if every case passes. `--only GROUP`, `--limit N`, `--timeout
SECONDS` and `--jobs N` bound the run.
"""


def write_kit(directory: Path, cases: Sequence[dict[str, Any]], *, version: str) -> list[Path]:
    """Write ``cases.jsonl``, ``case.schema.json`` and ``README.md`` into *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    groups: dict[str, int] = {}
    for case in cases:
        groups[case["group"]] = groups.get(case["group"], 0) + 1
    files = {
        CASES_FILE: "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases),
        SCHEMA_FILE: json.dumps(CASE_SCHEMA, ensure_ascii=False, indent=2) + "\n",
        "README.md": README.format(
            version=version,
            count=len(cases),
            cases=CASES_FILE,
            schema=SCHEMA_FILE,
            groups=", ".join(f"`{g}`" for g in GROUPS),
            kind_variable=KIND_ENVIRONMENT,
            by_group=", ".join(f"{g} {n}" for g, n in groups.items()),
        ),
    }
    written = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def read_cases(directory: Path) -> list[dict[str, Any]]:
    """The cases of a kit written by :func:`write_kit`."""
    path = directory / CASES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("--cases", str(directory), f"cannot read {path}: {exc}") from None
    cases = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        case = loads(line)
        if not isinstance(case, dict) or not {"id", "request", "expected"} <= set(case):
            raise InvalidInput(f"{CASES_FILE}:{number}", case, "not a conformance case")
        check_kind(case.get("kind", "rank"), f"{CASES_FILE}:{number}.kind")
        cases.append(case)
    return cases
