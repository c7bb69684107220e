"""Batch ranking: many products, streamed, in constant memory.

:func:`rank_many` ranks an iterable of rank requests lazily, one result per request, in
input order, each through the one pipeline (:func:`ocop.ranking.rank_request`). Each
criteria sheet is compiled once and reused for every council scored on it.

>>> import ocop
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(3).criteria}
>>> requests = [
...     {"id": "p1", "ruleset": "qd26-2026", "sheet": 3,
...      "members": [{"member": "A", "answers": answers}]},
...     {"id": "p2", "ruleset": "qd26-2026", "sheet": 99, "members": []},
... ]
>>> for item in ocop.rank_many(requests, on_error="return"):
...     print(item)
<RankResult 'p1' qd26-2026 sheet 3: 5★ (band 5★, average 100.00, 1 member, policy majority)>
request 1 (id 'p2'): sheet: rule set qd26-2026 has no criteria set 99; its sets are numbered 1 to 26

:func:`read_jsonl` reads a JSON Lines file of requests lazily; ``ocop rank --jsonl`` is
the same pipeline on the command line (:mod:`ocop.jsonl`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, overload

import attrs

from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput, OcopError, show
from ocop.ranking import MinimumPolicy, RankRequest, RankResult
from ocop.ranking import rank_request as _rank_one
from ocop.ranking.request import minimum_policy
from ocop.serialize import MAX_LINE, loads, rank_request_from_dict

__all__ = [
    "RankFailure",
    "rank_document",
    "rank_many",
    "read_jsonl",
    "request_id",
    "with_overlay",
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
        named = "" if self.id is None else f" (id {show(self.id)})"
        return f"request {self.index}{named}: {self.error}"


def rank_document(
    request: RankRequest | Mapping[str, Any],
    *,
    policy: MinimumPolicy | str | None = None,
    overlay: Overlay | None = None,
) -> RankResult:
    """Rank one request document (read by :func:`ocop.serialize.rank_request_from_dict`)
    or :class:`~ocop.ranking.RankRequest`, through the one pipeline
    (:func:`ocop.ranking.rank_request`).

    ``policy``, when given, overrides the request's own (as ``ocop rank --policy`` does).
    ``overlay``, when given, is the errata overlay to rank under (as ``ocop rank --overlay``
    gives it): it becomes the request's ``overlay`` (:func:`with_overlay`), and a request
    that carries its own overlay is refused (an overlay is given once).
    """
    req = request if isinstance(request, RankRequest) else rank_request_from_dict(request)
    return _rank_one(with_overlay(req, overlay), policy=policy)


def with_overlay(request: RankRequest, overlay: Overlay | None) -> RankRequest:
    """*request* to be ranked under *overlay* (``None``: *request* itself); refused, naming
    ``overlay``, when the request already carries one or patches another rule set."""
    if not isinstance(request, RankRequest):
        raise InvalidInput("request", request, f"expected an ocop.RankRequest, got {show(request)}")
    if overlay is None:
        return request
    if not isinstance(overlay, Overlay):
        raise InvalidInput(
            "overlay", overlay, f"expected an errata overlay (ocop.Overlay), got {show(overlay)}"
        )
    if request.overlay is not None:
        raise InvalidInput(
            "overlay",
            request.overlay.id,
            f"the request carries its own errata overlay {show(request.overlay.id)}; "
            f"give one overlay, not also {show(overlay.id)}",
        )
    return attrs.evolve(request, overlay=overlay)


def request_id(request: object) -> str | None:
    """The ``id`` of a request (object or document) where it can be read, else None."""
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

    :param requests: rank requests, each a :class:`~ocop.ranking.RankRequest` or a
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
    override = None if policy is None else minimum_policy(policy)
    return _rank_many(requests, override, on_error)


def _rank_many(
    requests: Iterable[RankRequest | Mapping[str, Any]],
    policy: MinimumPolicy | None,
    on_error: str,
) -> Iterator[RankResult | RankFailure]:
    for index, request in enumerate(requests):
        try:
            yield rank_document(request, policy=policy)
        except OcopError as exc:
            if on_error == "raise":
                rid = request_id(request)
                exc.add_note(f"in request {index}" + (f" (id {show(rid)})" if rid else ""))
                raise
            yield RankFailure(index=index, error=exc, id=request_id(request))


def read_jsonl(source: str | Iterable[bytes] | Iterable[str]) -> Iterator[Any]:
    """The JSON documents of a JSON Lines file, one per non-blank line, read lazily.

    *source* is a path or an open file. Lines are parsed strictly (a repeated key is an
    error), as every document (:func:`ocop.serialize.loads`). A line that is not valid
    JSON or not UTF-8, or longer than 1 MiB (:data:`ocop.serialize.MAX_LINE`),
    raises :class:`~ocop.errors.InvalidInput` whose path names the line, e.g. ``line 7``.
    A byte-order mark at the start of the first line is dropped, as ``ocop rank --jsonl``
    does. A path that cannot be opened is an :class:`~ocop.errors.InvalidInput` too (as
    ``ocop rank --jsonl FILE`` says it), and so is a line that is neither bytes nor text.
    """
    if isinstance(source, str):
        yield from read_jsonl(_open(source))
        return
    given: object = source  # typed as lines, but bytes iterate as numbers
    if isinstance(given, bytes | bytearray):
        raise InvalidInput(
            "",
            show(given),
            "a JSON Lines source is a path or an iterable of lines, not "
            f"{type(given).__name__}; pass its lines (data.splitlines())",
        )
    lines: Iterable[bytes | str] = source
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, bytes | str):
            raise InvalidInput(
                f"line {number}", show(line), f"a line is bytes or str, got {type(line).__name__}"
            )
        if len(line) > MAX_LINE and _bytes(line) > MAX_LINE:  # bytes ≥ characters
            raise InvalidInput(f"line {number}", None, f"longer than {MAX_LINE:,} bytes (1 MiB)")
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            raise InvalidInput(f"line {number}", None, "not UTF-8 text") from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        if text.strip():
            try:
                yield loads(text)
            except InvalidInput as exc:
                raise InvalidInput(f"line {number}", None, exc.message) from None


def _open(path: str) -> Iterator[bytes]:
    """The lines of the file *path*, closed at the end; a path that cannot be opened
    (missing, a directory, a name with a NUL or a lone surrogate, too long) is refused."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        reason = exc.strerror or "cannot be opened"
    except ValueError:  # a NUL in the name; a lone surrogate (UnicodeEncodeError)
        reason = "not a valid file name"
    else:
        with fh:
            yield from fh
        return
    raise InvalidInput("", show(path), f"cannot read {show(path)}: {reason}")


def _bytes(line: bytes | str) -> int:
    """The length of a line in bytes, without its line break."""
    if isinstance(line, str):
        return len(line.rstrip("\r\n").encode("utf-8", "surrogatepass"))
    return len(line.rstrip(b"\r\n"))
