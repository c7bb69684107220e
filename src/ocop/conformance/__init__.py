"""The conformance kit: cases any implementation of the OCOP ranking rules must pass.

In the spirit of the DMN TCK: each case is a rank request document, the clause it tests
(the library's own :class:`~ocop.Source`) and the result fields to reproduce. The cases
are generated from the library (:func:`generate_cases`), written as a kit
(:func:`write_kit`: ``cases.jsonl``, ``case.schema.json``, ``README.md``) and run against
another implementation, a command or an HTTP endpoint (:func:`run_cases`).
``ocop conformance export DIR`` and ``ocop conformance run`` are the command line.
"""

from __future__ import annotations

from ocop.conformance._format import (
    CASE_SCHEMA,
    CASES_FILE,
    SCHEMA_FILE,
    read_cases,
    write_kit,
)
from ocop.conformance._generate import GROUPS, expected_of, generate_cases
from ocop.conformance._run import (
    Outcome,
    TargetError,
    command_target,
    compare,
    report,
    run_cases,
    url_target,
)

__all__ = [
    "CASES_FILE",
    "CASE_SCHEMA",
    "GROUPS",
    "SCHEMA_FILE",
    "Outcome",
    "TargetError",
    "command_target",
    "compare",
    "expected_of",
    "generate_cases",
    "read_cases",
    "report",
    "run_cases",
    "url_target",
    "write_kit",
]
