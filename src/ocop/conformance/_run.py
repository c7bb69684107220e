"""Running the cases against another implementation: a command or an HTTP endpoint."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TextIO

import attrs

from ocop.conformance._answer import KIND_ENVIRONMENT, answer

__all__ = [
    "Outcome",
    "TargetError",
    "command_target",
    "compare",
    "local_target",
    "report",
    "run_cases",
    "service_base",
    "url_target",
]

#: A target: the answer to a request of a kind, within a timeout, as (the document's text,
#: whether the implementation refused the input); or a :class:`TargetError`.
Target = Callable[[str, dict[str, Any], float], tuple[str, bool]]

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


def _error_document(text: str) -> bool:
    """Whether *text* is an error document (a JSON object with a ``type``)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return False
    return isinstance(doc, dict) and isinstance(doc.get("type"), str)


def command_target(command: str) -> Target:
    """Run *command* (split like a shell would, not run by one) once per request: the
    request on standard input, the case's kind in the environment variable
    ``OCOP_CASE_KIND``; the answer on standard output. A refusal exits with a non-zero
    status and writes an error document (``{"type": ...}``) on standard output."""
    argv = shlex.split(command)
    if not argv:
        raise ValueError("the command is empty")

    def run(kind: str, request: dict[str, Any], timeout: float) -> tuple[str, bool]:
        try:
            done = subprocess.run(
                argv,
                input=json.dumps(request, ensure_ascii=False),
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=timeout,
                check=False,
                env={**os.environ, KIND_ENVIRONMENT: kind},
            )
        except subprocess.TimeoutExpired:
            raise TargetError(f"no answer within {timeout:g} s") from None
        except OSError as exc:
            raise TargetError(f"cannot run {argv[0]}: {exc.strerror}") from None
        if done.returncode != 0:
            if _error_document(done.stdout):
                return done.stdout, True
            err = done.stderr.strip().splitlines()
            raise TargetError(f"exit status {done.returncode}: {err[-1] if err else ''}")
        return done.stdout, False

    return run


_JSON = {"Content-Type": "application/json"}


def service_base(url: str) -> str:
    """The service's base URL: *url* without a trailing ``/`` or ``/rank`` (the kit's
    first format took the ``POST /rank`` endpoint itself)."""
    base = url.rstrip("/")
    return base[: -len("/rank")] if base.endswith("/rank") else base


def _http_request(base: str, kind: str, request: dict[str, Any]) -> urllib.request.Request:
    if kind == "certificate-status":
        query = urllib.parse.urlencode({"as_of": request.get("as_of", "")})
        body = json.dumps(request.get("certificate"), ensure_ascii=False).encode("utf-8")
        return urllib.request.Request(
            f"{base}/certificates/status?{query}", data=body, method="POST", headers=_JSON
        )
    if kind == "code-parse":
        code = urllib.parse.quote(str(request.get("code", "")), safe="")
        return urllib.request.Request(f"{base}/codes/{code}", method="GET")
    body = json.dumps(request, ensure_ascii=False).encode("utf-8")
    return urllib.request.Request(f"{base}/rank", data=body, method="POST", headers=_JSON)


def url_target(url: str) -> Target:
    """Call the service at *url* (its base URL): ``POST /rank``, ``POST
    /certificates/status?as_of=`` (the certificate document as the body) or ``GET
    /codes/{code}``, by the case's kind. A 4xx answer with an error document is a refusal."""
    base = service_base(url)

    def run(kind: str, request: dict[str, Any], timeout: float) -> tuple[str, bool]:
        req = _http_request(base, kind, request)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                body: bytes = response.read()
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace")
            if 400 <= exc.code < 500 and _error_document(text):
                return text, True
            raise TargetError(f"HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TargetError(f"cannot call {req.full_url}: {exc}") from None
        return body.decode("utf-8", "replace"), False

    return run


def local_target() -> Target:
    """ocop itself, in this process (:func:`~ocop.conformance.answer`)."""

    def run(kind: str, request: dict[str, Any], timeout: float) -> tuple[str, bool]:
        doc, refused = answer(kind, request)
        return json.dumps(doc, ensure_ascii=False), refused

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


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _compare_rank(expected: dict[str, Any], result: dict[str, Any]) -> list[str]:
    problems = []
    for key in _FIELDS:
        want = expected[key]
        if key not in result:
            problems.append(f"{key}: missing (expected {_show(want)})")
            continue
        got = result[key]
        if key == "average_exact":
            same = _number(got) == _number(want)
        elif key == "failed_minimums":
            same = _pairs(got) == _pairs(want)
        else:
            same = got == want and type(got) is type(want)
        if not same:
            problems.append(f"{key}: expected {_show(want)}, got {_show(got)}")
    return problems


def _same(want: object, got: object) -> bool:
    """*got* has every field of *want* (objects: field by field, extra fields ignored)."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and _same(v, got[k]) for k, v in want.items())
    return got == want and type(got) is type(want)


def _compare_fields(expected: dict[str, Any], result: dict[str, Any]) -> list[str]:
    problems = []
    for key, want in expected.items():
        if key not in result:
            problems.append(f"{key}: missing (expected {_show(want)})")
        elif not _same(want, result[key]):
            problems.append(f"{key}: expected {_show(want)}, got {_show(result[key])}")
    return problems


def compare(
    expected: dict[str, Any], result: object, *, kind: str = "rank", refused: bool = False
) -> tuple[str, ...]:
    """What differs between the *expected* fields and the *result* document of a case of
    *kind*; *refused* says the implementation refused the input (*result* is then its
    error document). ``{"error": TYPE}`` expects a refusal of that type."""
    if not isinstance(result, dict):
        return ("the result is not a JSON object",)
    if "error" in expected and len(expected) == 1:
        if not refused:
            return (f"expected the input refused ({expected['error']}), got a result",)
        if result.get("type") != expected["error"]:
            return (f"refused as {_show(result.get('type'))}, expected {expected['error']}",)
        return ()
    if refused:
        return (f"refused: {result.get('type')}: {result.get('message', '')}",)
    if kind == "rank":
        return tuple(_compare_rank(expected, result))
    return tuple(_compare_fields(expected, result))


def _clause(case: dict[str, Any]) -> str:
    clause = case.get("clause") or {}
    return f"{clause.get('instrument', '?')}, {clause.get('provision', '?')}"


def _one(case: dict[str, Any], target: Target, timeout: float) -> Outcome:
    base = {"id": case["id"], "group": case.get("group", "?"), "clause": _clause(case)}
    kind = case.get("kind", "rank")
    try:
        text, refused = target(kind, case["request"], timeout)
    except TargetError as exc:
        return Outcome(**base, problems=(str(exc),))
    try:
        result = json.loads(text)
    except ValueError:
        return Outcome(**base, problems=("the output is not one JSON document",))
    return Outcome(**base, problems=compare(case["expected"], result, kind=kind, refused=refused))


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
