"""Batch ranking: many products, streamed, in constant memory.

:func:`rank_many` ranks an iterable of rank requests lazily, one result per request, in
input order. Each criteria sheet is compiled once (the engine's cache) and reused for
every council scored on it; no catalogue object is built per member sheet.

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(3).criteria}
>>> requests = [
...     {"ruleset": "qd26-2026", "sheet": 3, "members": [{"member": "A", "answers": answers}]},
...     {"ruleset": "qd26-2026", "sheet": 99, "members": []},
... ]
>>> for item in ocop.rank_many(requests, on_error="return"):
...     print(item)
<RankResult qd26-2026 sheet 3: 5★ (band 5★, average 100.00, 1 members, policy majority)>
request 1: sheet: rule set qd26-2026 has no criteria set 99; its sets are numbered 1 to 26

:func:`read_jsonl` reads a JSON Lines file of requests lazily; ``ocop rank --jsonl`` is
the same pipeline on the command line (see :mod:`ocop.cli`).
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import IO, Any, Literal, overload

import attrs

from ocop.errors import InvalidInput, OcopError
from ocop.ranking import MinimumPolicy, RankResult, rank
from ocop.ranking._engine import (
    FAST_MAX_MEMBERS,
    compile_sheet,
    council_outcome,
    fast_member,
)
from ocop.serialize import (
    _ENCODE,
    Detail,
    RankRequest,
    loads,
    rank_request_from_dict,
    result_to_dict,
    summary_line,
)

__all__ = [
    "JsonlSummary",
    "RankFailure",
    "error_to_dict",
    "rank_jsonl",
    "rank_many",
    "rank_request",
    "read_jsonl",
]


@attrs.frozen(kw_only=True)
class RankFailure:
    """A request of a batch that could not be ranked (``rank_many(..., on_error="return")``).

    ``index`` counts the requests from 0; ``id`` is the request's ``id`` where it could
    be read; ``error`` is the :class:`~ocop.errors.OcopError` that :func:`ocop.rank`
    raised, with its field path.
    """

    index: int
    error: OcopError
    id: str | None = None

    def __str__(self) -> str:
        return f"request {self.index}: {self.error}"


def _policy(value: MinimumPolicy | str | None) -> MinimumPolicy | None:
    if value is None:
        return None
    try:
        return MinimumPolicy(value)
    except ValueError:
        raise InvalidInput(
            "policy",
            value,
            f"unknown policy; policies are {', '.join(p.value for p in MinimumPolicy)}",
        ) from None


def rank_request(
    request: RankRequest | Mapping[str, Any], *, policy: MinimumPolicy | str | None = None
) -> RankResult:
    """Rank one request: a :class:`~ocop.serialize.RankRequest` or a request document.

    ``policy``, when given, overrides the request's own (as ``ocop rank --policy`` does).
    """
    req = request if isinstance(request, RankRequest) else rank_request_from_dict(request)
    override = _policy(policy)
    return rank(
        req.members,
        sheet=req.sheet,
        ruleset=req.ruleset,
        as_of=req.as_of,
        flags=req.flags,
        policy=req.policy if override is None else override,
    )


def _request_id(request: object) -> str | None:
    if isinstance(request, RankRequest):
        return request.id
    if isinstance(request, Mapping):
        value = request.get("id")
        return value if isinstance(value, str) else None
    return None


@overload
def rank_many(
    requests: Iterable[RankRequest | Mapping[str, Any]],
    *,
    policy: MinimumPolicy | str | None = ...,
    on_error: Literal["raise"] = ...,
) -> Iterator[RankResult]: ...


@overload
def rank_many(
    requests: Iterable[RankRequest | Mapping[str, Any]],
    *,
    policy: MinimumPolicy | str | None = ...,
    on_error: Literal["return"],
) -> Iterator[RankResult | RankFailure]: ...


def rank_many(
    requests: Iterable[RankRequest | Mapping[str, Any]],
    *,
    policy: MinimumPolicy | str | None = None,
    on_error: Literal["raise", "return"] = "raise",
) -> Iterator[RankResult | RankFailure]:
    """Rank many products lazily: one :class:`~ocop.RankResult` per request, in order.

    :param requests: rank requests, each a :class:`~ocop.serialize.RankRequest` or a
        request document (the JSON object ``ocop rank`` reads: ``ruleset`` or ``as_of``,
        ``sheet``, ``members``, ``flags``, ``policy``, ``id``). Consumed one at a time.
    :param policy: overrides every request's policy when given.
    :param on_error: ``"raise"`` (the default) raises the first request's error, with a
        note naming the request; ``"return"`` yields a :class:`RankFailure` in its place
        and goes on.

    The results equal ``[ocop.rank(...) for each request]``; memory does not grow with
    the number of requests.
    """
    if on_error not in ("raise", "return"):
        raise InvalidInput("on_error", on_error, "on_error is 'raise' or 'return'")
    override = _policy(policy)
    return _rank_many(requests, override, on_error)


def _rank_many(
    requests: Iterable[RankRequest | Mapping[str, Any]],
    policy: MinimumPolicy | None,
    on_error: str,
) -> Iterator[RankResult | RankFailure]:
    for index, request in enumerate(requests):
        try:
            yield rank_request(request, policy=policy)
        except OcopError as exc:
            if on_error == "raise":
                rid = _request_id(request)
                exc.add_note(f"in request {index}" + (f" (id {rid!r})" if rid else ""))
                raise
            yield RankFailure(index=index, error=exc, id=_request_id(request))


def read_jsonl(source: str | Iterable[bytes] | Iterable[str]) -> Iterator[Any]:
    """The JSON documents of a JSON Lines file, one per non-blank line, read lazily.

    *source* is a path or an open file. Lines are parsed strictly (a repeated key is an
    error). A line that is not valid JSON or not UTF-8 raises
    :class:`~ocop.errors.InvalidInput` whose path names the line, e.g. ``line 7``.
    """
    if isinstance(source, str):
        with open(source, "rb") as fh:
            yield from read_jsonl(fh)
        return
    lines: Iterable[bytes | str] = source
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            raise InvalidInput(f"line {number}", None, "not UTF-8 text") from None
        if text.strip():
            try:
                yield loads(text)
            except InvalidInput as exc:
                raise InvalidInput(f"line {number}", None, exc.message) from None


def _json_safe(value: object) -> object:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


def error_to_dict(error: OcopError) -> dict[str, Any]:
    """An error as a JSON object: ``type``, ``message``, and ``path`` and ``value`` when known.

    >>> from ocop.errors import InvalidAnswer
    >>> error_to_dict(InvalidAnswer('members[0].answers["1.1"]', "z", "no such option"))
    {'type': 'InvalidAnswer', 'message': 'no such option', 'path': 'members[0].answers["1.1"]', 'value': 'z'}
    """  # noqa: E501
    doc: dict[str, Any] = {"type": type(error).__name__}
    if isinstance(error, InvalidInput):
        doc["message"] = error.message
        doc["path"] = error.path
        doc["value"] = _json_safe(error.value)
    else:
        doc["message"] = str(error)
    return doc


@attrs.define
class JsonlSummary:
    """Counts of a JSON Lines run: lines ranked, lines failed, the first failed line numbers."""

    ranked: int = 0
    failed: int = 0
    failed_lines: list[int] = attrs.field(factory=list)
    """At most the first 10 (memory stays constant)."""
    stopped: bool = False
    """True when ``fail_fast`` stopped the run at the first failure."""

    def __str__(self) -> str:
        text = f"{self.ranked} ranked, {self.failed} failed"
        if self.failed_lines:
            more = ", …" if self.failed > len(self.failed_lines) else ""
            text += f" (line {', '.join(map(str, self.failed_lines))}{more})"
        if self.stopped:
            text += "; stopped at the first failure (--fail-fast)"
        return text


class _Progress:
    """A progress line on a terminal, rewritten in place at most a few times a second."""

    def __init__(self, stream: IO[str] | None) -> None:
        import time

        self._clock = time.monotonic
        self._stream = stream
        self._start = self._last = self._clock()

    def update(self, lines: int, members: int) -> None:
        if self._stream is None:
            return
        now = self._clock()
        if now - self._last < 0.5:
            return
        self._last = now
        rate = members / max(now - self._start, 1e-9)
        self._stream.write(f"\rocop: {lines:,} lines, {members:,} member sheets, {rate:,.0f}/s")
        self._stream.flush()

    def done(self) -> None:
        if self._stream is not None and self._last != self._start:
            self._stream.write("\n")


def rank_jsonl(
    source: IO[bytes],
    out: IO[str],
    *,
    policy: MinimumPolicy | str | None = None,
    lang: Literal["en", "vi"] = "en",
    detail: Detail = "summary",
    fail_fast: bool = False,
    progress: IO[str] | None = None,
    jobs: int = 1,
) -> JsonlSummary:
    """Rank every line of a JSON Lines stream of rank requests; write one line per input line.

    Each non-blank input line is a rank request document. Each output line is the result
    document or, for a line that fails, ``{"line": N, "id": ..., "error": {...}}``
    (:func:`error_to_dict`). ``detail="summary"`` (the default) writes the result without
    each member's answers and without the explanation (the input holds the answers);
    ``detail="full"`` writes the whole document, as ``ocop rank`` prints it, with the
    explanation in *lang*.

    Lines are read, ranked and written in order, a bounded number at a time: memory does
    not grow with the input. ``jobs`` > 1 ranks blocks of lines in that many worker
    processes (``0``: one per CPU); the output is the same, byte for byte. With
    ``fail_fast``, the run stops after the first failed line. ``progress``, when given,
    is a terminal stream that gets a progress line.
    """
    override = _policy(policy)
    if detail not in ("full", "summary"):
        raise InvalidInput("detail", detail, "detail is 'full' or 'summary'")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise InvalidInput("jobs", jobs, "jobs is a number of processes (0: one per CPU)")
    options = _Options(policy=override, lang=lang, detail=detail, fail_fast=fail_fast)
    summary = JsonlSummary()
    meter = _Progress(progress)
    members = 0
    for block in _blocks(source, options, jobs or os.cpu_count() or 1):
        out.write(block.text)
        summary.ranked += block.ranked
        summary.failed += block.failed
        room = 10 - len(summary.failed_lines)
        summary.failed_lines.extend(block.failed_lines[:room])
        members += block.members
        meter.update(block.last_line, members)
        if block.stopped:
            summary.stopped = True
            break
    meter.done()
    return summary


#: Lines per block: the unit of work of a process, and of the progress line.
_BLOCK = 256


@attrs.frozen
class _Options:
    policy: MinimumPolicy | None
    lang: Literal["en", "vi"]
    detail: Detail
    fail_fast: bool


@attrs.frozen
class _Block:
    """The output of a block of input lines, and its counts."""

    text: str
    ranked: int
    failed: int
    failed_lines: list[int]
    members: int
    last_line: int
    stopped: bool


def _blocks(source: IO[bytes], options: _Options, jobs: int) -> Iterator[_Block]:
    """The blocks of *source* ranked, in input order; at most ``2 * jobs`` in flight."""
    numbered = enumerate(source, start=1)
    chunks = iter(lambda: list(itertools.islice(numbered, _BLOCK)), [])
    if jobs == 1:
        for chunk in chunks:
            yield _rank_block(chunk, options)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: collections.deque[Future[_Block]] = collections.deque()
        try:
            for chunk in chunks:
                window.append(pool.submit(_rank_block, chunk, options))
                if len(window) >= 2 * jobs:
                    block = window.popleft().result()
                    yield block
                    if block.stopped:
                        return
            while window:
                block = window.popleft().result()
                yield block
                if block.stopped:
                    return
        finally:
            for future in window:
                future.cancel()


def _rank_block(chunk: list[tuple[int, bytes]], options: _Options) -> _Block:
    """Rank a block of numbered lines (in a worker process when ``jobs`` > 1)."""
    dumps = _ENCODE
    texts: list[str] = []
    ranked = failed = members = 0
    failed_lines: list[int] = []
    stopped = False
    number = 0
    for number, raw in chunk:
        request_id: str | None = None
        try:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput("", None, "the line is not UTF-8 text") from None
            if not text.strip():
                continue
            fast = _summary_fast(text, options.policy) if options.detail == "summary" else None
            if fast is not None:
                encoded, count = fast
            else:
                request = loads(text)
                request_id = _request_id(request)
                result = rank_request(request, policy=options.policy)
                encoded = dumps(
                    result_to_dict(
                        result, request_id=request_id, lang=options.lang, detail=options.detail
                    )
                )
                count = len(result.members)
        except OcopError as exc:
            failed += 1
            if len(failed_lines) < 10:
                failed_lines.append(number)
            failure: dict[str, Any] = {"line": number}
            if request_id is not None:
                failure["id"] = request_id
            failure["error"] = error_to_dict(exc)
            texts.append(dumps(failure))
            if options.fail_fast:
                stopped = True
                break
            continue
        ranked += 1
        members += count
        texts.append(encoded)
    return _Block(
        text="".join(line + "\n" for line in texts),
        ranked=ranked,
        failed=failed,
        failed_lines=failed_lines,
        members=members,
        last_line=number,
        stopped=stopped,
    )


_FAST_KEYS = frozenset({"id", "ruleset", "sheet", "policy", "members"})
_POLICIES = {p.value: p for p in MinimumPolicy}


def _summary_fast(text: str, override: MinimumPolicy | None) -> tuple[str, int] | None:
    """The summary line (encoded) of a plain, valid request line and its number of members,
    or None to take the checked path.

    "Plain": a ``ruleset`` id, no ``as_of``/``flags``, every answer an option key, member
    names in NFC, no condition triggered. Anything else, valid or not, returns None and
    the checked path (strict parser, :func:`rank_request`) ranks the line or names its
    error, so both paths give the same output for every line.

    The line is parsed by :func:`json.loads`, which keeps the last of repeated keys; the
    strict parser refuses them. They are ruled out by counting: the line has at least one
    ``:`` per key written (a separator, outside strings), and the parsed objects hold at
    most that many keys; when the count of ``:`` equals the keys parsed, no key was
    written twice. Otherwise (e.g. a ``:`` in a member name) the checked path decides.
    """
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    if type(doc) is not dict or not doc.keys() <= _FAST_KEYS:
        return None
    ruleset, sheet, rid = doc.get("ruleset"), doc.get("sheet"), doc.get("id")
    named = doc.get("policy", "majority")
    policy = _POLICIES.get(named) if type(named) is str else None
    members = doc.get("members")
    if (
        type(ruleset) is not str
        or type(sheet) is not int
        or policy is None
        or not (rid is None or (type(rid) is str and rid.isascii()))
        or type(members) is not list
        or not members
    ):
        return None
    try:
        compiled = compile_sheet(ruleset, sheet)
    except (OcopError, TypeError):
        return None
    fast = compiled.fast
    if fast is None or compiled.ruleset.id != ruleset:
        return None
    if len(members) > FAST_MAX_MEMBERS:
        return None
    keys = len(doc)
    names: list[str] = []
    totals: list[int] = []
    rows: list[tuple[str, int, dict[str, int], list[str]]] = []
    sheets: list[dict[str, Any]] = []
    council = 0
    for member in members:
        if type(member) is not dict or len(member) != 2:
            return None
        name, answers = member.get("member"), member.get("answers")
        if (
            type(name) is not str
            or type(answers) is not dict
            or not name.strip()
            or not (name.isascii() or unicodedata.is_normalized("NFC", name))
        ):
            return None
        scored = fast_member(fast, answers)
        if scored is None:
            return None
        packed, not_considered = scored
        council += packed
        parts = fast.parts(packed)
        total = sum(parts.values())
        keys += 2 + len(answers)
        names.append(name)
        totals.append(total)
        sheets.append(answers)
        rows.append((name, total, parts, not_considered))
    if len(set(names)) != len(names) or text.count(":") != keys:
        return None
    pol = policy if override is None else override

    def below(m: Any) -> tuple[str, ...]:
        table = fast.points[m.code]
        return tuple(
            sorted(
                name
                for name, answers in zip(names, sheets, strict=True)
                if table.get(answers.get(m.code, ""), 0) < m.option.points
            )
        )

    average, band, stars, failing = council_outcome(
        compiled, totals, pol, lambda m: fast.reached(m.code, m.option.points, sheets), below
    )
    n = len(totals)
    following = [b.lower for b in compiled.bands if b.stars == band.stars + 1]
    line = summary_line(
        request_id=rid,
        ruleset=ruleset,
        sheet=sheet,
        policy=pol.value,
        stars=stars,
        band_stars=band.stars,
        average=average,
        parts={p: Fraction(v, n) for p, v in fast.parts(council).items()},
        to_next_band=following[0] - average if following else None,
        failed_minimums=[
            {
                "criterion": m.code,
                "stars": m.stars,
                "required_option": m.option.key,
                "required_points": m.option.points,
                "members_failing": list(names_below),
            }
            for m, names_below in failing
        ],
        members=rows,
        rounding=compiled.ruleset.rounding,
        caveats=list(compiled.caveats),
    )
    return line, n
