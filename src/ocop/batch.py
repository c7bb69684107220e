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

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Literal, overload

import attrs

from ocop.errors import InvalidInput, OcopError
from ocop.ranking import MinimumPolicy, RankResult, rank
from ocop.serialize import RankRequest, loads, rank_request_from_dict

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
        if self._stream is None or lines % 64:
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
    fail_fast: bool = False,
    progress: IO[str] | None = None,
) -> JsonlSummary:
    """Rank every line of a JSON Lines stream of rank requests; write one line per input line.

    Each non-blank input line is a rank request document. Each output line is the result
    document (as ``ocop rank`` prints it, on one line) or, for a line that fails,
    ``{"line": N, "id": ..., "error": {...}}`` (:func:`error_to_dict`). Lines are read,
    ranked and written one at a time: memory does not grow with the input. With
    ``fail_fast``, the run stops after the first failed line. ``progress``, when given, is
    a terminal stream that gets a progress line.
    """
    from ocop.serialize import result_to_dict

    override = _policy(policy)
    summary = JsonlSummary()
    meter = _Progress(progress)
    members = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = out.write
    for number, raw in enumerate(source, start=1):
        request_id: str | None = None
        try:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput("", None, "the line is not UTF-8 text") from None
            if not text.strip():
                continue
            doc = loads(text)
            request_id = _request_id(doc)
            result = rank_request(doc, policy=override)
        except OcopError as exc:
            summary.failed += 1
            if len(summary.failed_lines) < 10:
                summary.failed_lines.append(number)
            failure: dict[str, Any] = {"line": number}
            if request_id is not None:
                failure["id"] = request_id
            failure["error"] = error_to_dict(exc)
            write(dumps(failure) + "\n")
            if fail_fast:
                summary.stopped = True
                break
            continue
        summary.ranked += 1
        members += len(result.members)
        write(dumps(result_to_dict(result, request_id=request_id, lang=lang)) + "\n")
        meter.update(number, members)
    meter.done()
    return summary
