"""Running the cases against another implementation: a command or an HTTP endpoint."""

from __future__ import annotations

import json
import shlex
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TextIO

import attrs

__all__ = [
    "Outcome",
    "TargetError",
    "command_target",
    "compare",
    "report",
    "run_cases",
    "url_target",
]

#: A target: the result document (text) for a request document, or an exception.
Target = Callable[[dict[str, Any], float], str]

_FIELDS = ("ruleset", "status", "stars", "band_stars", "average_exact", "failed_minimums")


class TargetError(Exception):
    """The implementation did not give a result document."""


@attrs.frozen(kw_only=True)
class Outcome:
    """One case's run: its id, group and clause, and what differed (empty: passed)."""

    id: str
    group: str
    clause: str
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def command_target(command: str) -> Target:
    """Run *command* (split like a shell would, not run by one) once per request."""
    argv = shlex.split(command)
    if not argv:
        raise ValueError("the command is empty")

    def run(request: dict[str, Any], timeout: float) -> str:
        try:
            done = subprocess.run(
                argv,
                input=json.dumps(request, ensure_ascii=False),
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise TargetError(f"no answer within {timeout:g} s") from None
        except OSError as exc:
            raise TargetError(f"cannot run {argv[0]}: {exc.strerror}") from None
        if done.returncode != 0:
            err = done.stderr.strip().splitlines()
            raise TargetError(f"exit status {done.returncode}: {err[-1] if err else ''}")
        return done.stdout

    return run


def url_target(url: str) -> Target:
    """POST each request as JSON to *url*."""

    def run(request: dict[str, Any], timeout: float) -> str:
        data = json.dumps(request, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(
            url, data=data, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                body: bytes = response.read()
        except urllib.error.HTTPError as exc:
            raise TargetError(f"HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TargetError(f"cannot POST to {url}: {exc}") from None
        return body.decode("utf-8", "replace")

    return run


def _number(value: object) -> Fraction | None:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    try:
        return (
            Fraction(Decimal(value))
            if isinstance(value, str) and "/" not in value
            else (Fraction(value))
        )
    except (ValueError, ZeroDivisionError, InvalidOperation):
        return None


def _pairs(value: object) -> set[tuple[object, object]] | None:
    if not isinstance(value, list) or not all(isinstance(f, dict) for f in value):
        return None
    return {(f.get("criterion"), f.get("stars")) for f in value}


def compare(expected: dict[str, Any], result: object) -> tuple[str, ...]:
    """What differs between the *expected* fields and the *result* document."""
    if not isinstance(result, dict):
        return ("the result is not a JSON object",)
    problems = []
    for key in _FIELDS:
        want = expected[key]
        if key not in result:
            problems.append(f"{key}: missing (expected {json.dumps(want, ensure_ascii=False)})")
            continue
        got = result[key]
        if key == "average_exact":
            same = _number(got) == _number(want)
        elif key == "failed_minimums":
            same = _pairs(got) == _pairs(want)
        else:
            same = got == want and type(got) is type(want)
        if not same:
            problems.append(
                f"{key}: expected {json.dumps(want, ensure_ascii=False)}, "
                f"got {json.dumps(got, ensure_ascii=False)}"
            )
    return tuple(problems)


def _clause(case: dict[str, Any]) -> str:
    clause = case.get("clause") or {}
    return f"{clause.get('instrument', '?')}, {clause.get('provision', '?')}"


def _one(case: dict[str, Any], target: Target, timeout: float) -> Outcome:
    base = {"id": case["id"], "group": case.get("group", "?"), "clause": _clause(case)}
    try:
        text = target(case["request"], timeout)
    except TargetError as exc:
        return Outcome(**base, problems=(str(exc),))
    try:
        result = json.loads(text)
    except ValueError:
        return Outcome(**base, problems=("the output is not one JSON document",))
    return Outcome(**base, problems=compare(case["expected"], result))


def run_cases(
    cases: Sequence[dict[str, Any]], target: Target, *, timeout: float = 10.0, jobs: int = 1
) -> list[Outcome]:
    """Run every case against *target* (at most *timeout* seconds each), in order."""
    if jobs <= 1:
        return [_one(c, target, timeout) for c in cases]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda c: _one(c, target, timeout), cases))


def report(outcomes: Iterable[Outcome], out: TextIO) -> bool:
    """Print pass/fail per group and one line per failed case; ``True`` if all passed."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.group, []).append(outcome)
    failed = [o for runs in groups.values() for o in runs if not o.passed]
    width = max((len(g) for g in groups), default=0)
    for group, runs in groups.items():
        bad = sum(not o.passed for o in runs)
        state = "PASS" if not bad else "FAIL"
        out.write(f"{state} {group:<{width}}  {len(runs) - bad}/{len(runs)} passed\n")
    for o in failed:
        out.write(f"FAIL {o.id} [{o.clause}]: {'; '.join(o.problems)}\n")
    total = sum(len(r) for r in groups.values())
    out.write(f"conformance: {total - len(failed)}/{total} cases passed\n")
    return not failed
