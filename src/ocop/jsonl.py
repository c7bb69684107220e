"""``ocop rank --jsonl``: rank a JSON Lines stream of rank requests, one output line per line.

Each line goes through the one pipeline: strict JSON (:func:`ocop.serialize.loads`), the
one request reader (:func:`ocop.serialize.rank_request_from_dict`), the one ranking
(:func:`ocop.ranking.rank_request`) and the one result writer
(:func:`ocop.serialize.result_to_dict`).
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import itertools
import os
from collections.abc import Generator, Iterable, Iterator
from typing import IO, Any, Literal

import attrs

from ocop._text import nfc
from ocop.batch import rank_document, request_id
from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput, OcopError
from ocop.ranking import MinimumPolicy
from ocop.ranking.request import minimum_policy
from ocop.serialize import (
    MAX_LINE,
    Detail,
    encode_line,
    error_to_dict,
    loads,
    result_to_dict,
)

__all__ = ["JsonlSummary", "iter_rank_jsonl", "rank_jsonl"]


@attrs.define
class JsonlSummary:
    """Counts of a JSON Lines run: lines ranked, lines failed, the first failed line numbers."""

    ranked: int = 0
    failed: int = 0
    failed_lines: list[int] = attrs.field(factory=list)
    """At most the first 10 (memory stays constant)."""
    stopped: bool = False
    """True when ``fail_fast`` stopped the run at the first failure."""
    hint: str | None = None
    """What the input looks like when it does not look like JSON Lines (a pretty-printed
    JSON document, say)."""

    def __str__(self) -> str:
        text = f"{self.ranked} ranked, {self.failed} failed"
        if self.failed_lines:
            more = ", …" if self.failed > len(self.failed_lines) else ""
            text += f" (line {', '.join(map(str, self.failed_lines))}{more})"
        if self.stopped:
            text += "; stopped at the first failure (--fail-fast)"
        if self.hint is not None:
            text += f"; {self.hint}"
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
    overlay: Overlay | None = None,
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

    A line longer than :data:`~ocop.serialize.MAX_LINE` (1 MiB) fails without being
    held in memory whole; a byte-order mark at the start of the first line is dropped.
    ``jobs`` is at most the number of CPUs. ``overlay``, when given, is the errata overlay
    every line is ranked under (``ocop rank --jsonl --overlay``); a line whose request
    carries its own ``overlay`` then fails (:func:`ocop.batch.with_overlay`).
    """
    options = _options(policy, lang, detail, fail_fast=fail_fast, overlay=overlay)
    cpus = os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise InvalidInput("jobs", jobs, "jobs is a number of processes (0: one per CPU)")
    if jobs > cpus:
        raise InvalidInput(
            "jobs",
            jobs,
            f"at most {cpus} worker processes, one per CPU of this machine (0: {cpus})",
        )
    summary = JsonlSummary()
    meter = _Progress(progress)
    members = 0
    # closing: the worker processes end here, also when writing fails or on an interrupt
    with contextlib.closing(_blocks(_lines(source), options, jobs or cpus)) as blocks:
        for block in blocks:
            out.write(block.text)
            summary.ranked += block.ranked
            summary.failed += block.failed
            room = 10 - len(summary.failed_lines)
            summary.failed_lines.extend(block.failed_lines[:room])
            summary.hint = summary.hint or block.hint
            members += block.members
            meter.update(block.last_line, members)
            if block.stopped:
                summary.stopped = True
                break
    meter.done()
    return summary


def _options(
    policy: object, lang: object, detail: object, *, fail_fast: bool, overlay: object = None
) -> _Options:
    override = None if policy is None else minimum_policy(policy)
    if overlay is not None and not isinstance(overlay, Overlay):
        raise InvalidInput("overlay", overlay, "expected an errata overlay (ocop.Overlay)")
    if detail not in ("full", "summary"):
        raise InvalidInput("detail", detail, "detail is 'full' or 'summary'")
    if lang not in ("en", "vi"):
        raise InvalidInput("lang", lang, "lang is 'en' or 'vi'")
    return _Options(policy=override, lang=lang, detail=detail, fail_fast=fail_fast, overlay=overlay)


def iter_rank_jsonl(
    source: IO[bytes] | Iterable[bytes],
    *,
    policy: MinimumPolicy | str | None = None,
    lang: Literal["en", "vi"] = "en",
    detail: Detail = "summary",
) -> Iterator[str]:
    """The output of :func:`rank_jsonl` for *source*, lazily, as text in blocks of whole
    lines (at most 256 lines each), in one process: what ``POST /rank/jsonl`` streams.

    The options are checked before the first line is read. Joined, the blocks are
    :func:`rank_jsonl`'s output, byte for byte.
    """
    options = _options(policy, lang, detail, fail_fast=False)

    def blocks() -> Iterator[str]:
        with contextlib.closing(_blocks(_lines(source), options, 1)) as ranked:
            for block in ranked:
                yield block.text

    return blocks()


def _lines(source: IO[bytes] | Iterable[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """The numbered lines of *source*; ``None`` for a line longer than :data:`MAX_LINE`
    bytes, which is skipped without being held whole. A leading byte-order mark is dropped.
    """
    readline = getattr(source, "readline", None)
    if readline is None:  # any iterable of lines
        for number, line in enumerate(source, start=1):
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            yield number, (None if len(line.rstrip(b"\n")) > MAX_LINE else line)
        return
    number = 0
    while line := readline(MAX_LINE + 2):
        number += 1
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if len(line) <= MAX_LINE or len(line.rstrip(b"\n")) <= MAX_LINE:
            yield number, line
            continue
        while not line.endswith(b"\n") and (line := readline(MAX_LINE)):
            pass  # the rest of the long line
        yield number, None


#: Lines per block: the unit of work of a process, and of the progress line.
_BLOCK = 256


@attrs.frozen
class _Options:
    policy: MinimumPolicy | None
    lang: Literal["en", "vi"]
    detail: Detail
    fail_fast: bool
    overlay: Overlay | None = None


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
    hint: str | None = None


def _blocks(
    numbered: Iterator[tuple[int, bytes | None]], options: _Options, jobs: int
) -> Generator[_Block, None, None]:
    """The blocks of lines ranked, in input order; at most ``2 * jobs`` in flight."""
    chunks = iter(lambda: list(itertools.islice(numbered, _BLOCK)), [])
    if jobs == 1:
        for chunk in chunks:
            yield _rank_block(chunk, options)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    # Leaving the block (the end, an error, an interrupt, the generator closed) cancels
    # the blocks not started and waits for the workers, which then exit. Workers ignore
    # Ctrl-C: the main process handles it and shuts them down.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt) as pool:
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
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupt() -> None:  # pragma: no cover - runs in the worker processes
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_TOO_LONG = (
    f"the line is longer than {MAX_LINE // 2**20} MiB ({MAX_LINE:,} bytes), "
    "the longest JSON Lines line read"
)
_NOT_JSON_LINES = (
    "is this one JSON document rather than JSON Lines (one request per line)? "
    "ocop rank FILE reads a document"
)


def _looks_pretty(text: str) -> bool:
    """Whether a first line that is not JSON looks like the start of a pretty-printed
    document: ``{`` or ``[`` alone, or an object or array left open."""
    line = text.strip()
    return line[:1] in ("{", "[") and line[-1:] not in ("}", "]")


def _rank_block(chunk: list[tuple[int, bytes | None]], options: _Options) -> _Block:
    """Rank a block of numbered lines (in a worker process when ``jobs`` > 1)."""
    dumps = encode_line
    texts: list[str] = []
    ranked = failed = members = 0
    failed_lines: list[int] = []
    stopped = False
    hint: str | None = None
    first = chunk[0][0] == 1 if chunk else False  # the first non-blank line not yet read
    number = 0
    for number, raw in chunk:
        rid: str | None = None
        try:
            if raw is None:
                raise InvalidInput("", None, _TOO_LONG)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput("", None, "the line is not UTF-8 text") from None
            if not text.strip():
                continue
            try:
                doc = loads(text)
            except InvalidInput as exc:
                if first and exc.message.startswith("not valid JSON") and _looks_pretty(text):
                    hint = _NOT_JSON_LINES
                    raise InvalidInput(exc.path, exc.value, f"{exc.message}; {hint}") from None
                raise
            finally:
                first = False
            if type(doc) is list:
                raise InvalidInput(
                    "", doc, "the line is a JSON array; JSON Lines holds one request per line"
                )
            rid = request_id(doc)
            result = rank_document(doc, policy=options.policy, overlay=options.overlay)
            encoded = dumps(result_to_dict(result, lang=options.lang, detail=options.detail))
            count = len(result.members)
        except OcopError as exc:
            failed += 1
            if len(failed_lines) < 10:
                failed_lines.append(number)
            failure: dict[str, Any] = {"line": number}
            if rid is not None:
                failure["id"] = nfc(rid)  # as the request reader reads it (ocop rank)
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
        hint=hint,
    )
