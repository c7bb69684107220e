"""``ocop conformance export DIR`` and ``ocop conformance run``: the conformance kit.

    ocop conformance export DIR [--only GROUP]
    ocop conformance run [--cases DIR] (--command CMD | --url URL) [--only GROUP]
                         [--limit N] [--timeout SECONDS] [--jobs N]
    ocop conformance answer [--kind KIND]

``run`` without ``--cases`` generates the cases in memory. It prints pass/fail per clause
group and one line per failed case with its clause; exit status 0 only if all pass.
``answer`` is ocop's own answer to one case's request on standard input (the kind from
``--kind`` or the environment variable ``OCOP_CASE_KIND``, default ``rank``), as a
``--command`` program: the answer document on stdout, or an error document on stdout and
exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from ocop._version import __version__
from ocop.cli._input import parse_integer
from ocop.conformance import (
    GROUPS,
    KIND_ENVIRONMENT,
    KINDS,
    answer,
    check_kind,
    command_target,
    generate_cases,
    read_cases,
    report,
    run_cases,
    url_target,
    write_kit,
)
from ocop.errors import InvalidInput
from ocop.serialize import loads

__all__ = ["add_commands"]


def _export(args: argparse.Namespace, out: TextIO) -> int:
    cases = generate_cases(args.only or GROUPS)
    for path in write_kit(Path(args.dir), cases, version=__version__):
        out.write(f"{path}\n")
    return 0


def _select(args: argparse.Namespace) -> list[dict[str, Any]]:
    cases = read_cases(Path(args.cases)) if args.cases else generate_cases(args.only or GROUPS)
    if args.only:
        cases = [c for c in cases if c.get("group") in args.only]
    if args.limit is not None:
        limit = parse_integer("--limit", args.limit, maximum=10**6)
        cases = cases[:limit]
    return cases


def _run(args: argparse.Namespace, out: TextIO) -> int:
    try:
        timeout = float(args.timeout)
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 600:
        raise InvalidInput("--timeout", args.timeout, "seconds per case, more than 0, at most 600")
    jobs = parse_integer("--jobs", args.jobs, maximum=64)
    if args.command is not None:
        try:
            target = command_target(args.command)
        except ValueError as exc:
            raise InvalidInput("--command", args.command, str(exc)) from None
    else:
        target = url_target(args.url)
    outcomes = run_cases(_select(args), target, timeout=timeout, jobs=max(jobs, 1))
    return 0 if report(outcomes, out) else 1


def _answer(args: argparse.Namespace, out: TextIO) -> int:
    kind = args.kind or check_kind(os.environ.get(KIND_ENVIRONMENT) or "rank", KIND_ENVIRONMENT)
    doc, refused = answer(kind, loads(sys.stdin.read()))
    out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return 1 if refused else 0


def add_commands(sub: Any) -> None:
    """Register ``ocop conformance`` on the top-level subparsers *sub*."""
    conf = sub.add_parser("conformance", help="the conformance kit: export it, run it")
    conf_sub = conf.add_subparsers(dest="action", required=True)
    exp = conf_sub.add_parser(
        "export", help="write cases.jsonl, case.schema.json and README.md into DIR"
    )
    exp.add_argument("dir", help="the directory to write (created if needed)")
    exp.add_argument("--only", action="append", choices=GROUPS, help="only this clause group")
    exp.set_defaults(func=_export)
    run = conf_sub.add_parser("run", help="run the cases against another implementation")
    run.add_argument("--cases", help="the kit's directory (default: generate the cases)")
    how = run.add_mutually_exclusive_group(required=True)
    how.add_argument("--command", help='a program reading a request on stdin, e.g. "ocop rank -"')
    how.add_argument(
        "--url", help="the service's base URL, e.g. http://127.0.0.1:8000 (see the kit's README)"
    )
    run.add_argument(
        "--only", action="append", choices=GROUPS, help="only this clause group (repeatable)"
    )
    run.add_argument("--limit", help="run at most N cases")
    run.add_argument("--timeout", default="10", help="seconds per case (default: 10)")
    run.add_argument("--jobs", default="1", help="cases run at once (default: 1)")
    run.set_defaults(func=_run)
    ans = conf_sub.add_parser(
        "answer", help="ocop's answer to one case's request on stdin (a --command program)"
    )
    ans.add_argument(
        "--kind", choices=KINDS, help=f"the case's kind (default: ${KIND_ENVIRONMENT}, or rank)"
    )
    ans.set_defaults(func=_answer)
