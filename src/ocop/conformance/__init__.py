"""The conformance kit: cases any implementation of the OCOP rules must pass.

In the spirit of the DMN TCK: each case is a request of a kind (a rank request, a
certificate asked about on a day, a product code), the clause it tests (the library's own
:class:`~ocop.Source`) and the answer's fields to reproduce, or the refusal expected. The
cases are generated from the library (:func:`generate_cases`), written as a kit
(:func:`write_kit`: ``cases.jsonl``, ``case.schema.json``, ``README.md``) and run against
another implementation, a command or an HTTP service (:func:`run_cases`).
``ocop conformance export DIR``, ``ocop conformance run`` and ``ocop conformance answer``
(ocop's own answer, for ``--command``) are the command line.
"""

from __future__ import annotations

from ocop.conformance._answer import KIND_ENVIRONMENT, KINDS, answer, check_kind
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
    local_target,
    report,
    run_cases,
    service_base,
    url_target,
)

__all__ = [
    "CASES_FILE",
    "CASE_SCHEMA",
    "GROUPS",
    "KINDS",
    "KIND_ENVIRONMENT",
    "SCHEMA_FILE",
    "Outcome",
    "TargetError",
    "answer",
    "check_kind",
    "command_target",
    "compare",
    "expected_of",
    "generate_cases",
    "local_target",
    "read_cases",
    "report",
    "run_cases",
    "service_base",
    "url_target",
    "write_kit",
]
