"""The HTTP side of the service: bounded bodies, query values, JSON responses, errors, logs.

Every answer that is not a document is an error document, :func:`ocop.serialize.error_to_dict`
of an :class:`~ocop.errors.OcopError`, with a 4xx status; a bug gives a generic 500.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ocop._convert import parse_date
from ocop.errors import InvalidInput, OcopError, UnknownRuleSet, UnknownSheet, show
from ocop.serialize import decode_utf8, error_to_dict, loads

__all__ = [
    "JSON_LINES_TYPES",
    "LOG",
    "HttpError",
    "RequestLog",
    "boolean",
    "document",
    "guarded",
    "json_response",
    "query_all",
    "query_choice",
    "query_date",
    "query_integer",
    "read_body",
    "required_date",
]

LOG = logging.getLogger("ocop.service")

#: The media types read as JSON Lines by ``POST /rank/jsonl``.
JSON_LINES_TYPES = ("application/jsonl", "application/x-ndjson", "application/json-lines")
_INTEGER = re.compile(r"[0-9]{1,18}")
#: The longest path written in a log line, in characters.
MAX_LOGGED_PATH = 200


class HttpError(Exception):
    """An error with its HTTP status: *error*'s document is the body."""

    def __init__(self, status: int, error: OcopError) -> None:
        super().__init__(str(error))
        self.status = status
        self.error = error


def _indented_writer() -> Callable[[Any], bytes]:
    """*doc* indented by 2, UTF-8 text as is, a final line break: ``json.dumps``'s bytes,
    written by msgspec when the ``fast`` extra is installed (the same bytes, ~7 times
    faster than the standard library's indenting encoder: docs/performance.md)."""
    try:
        import msgspec
    except ImportError:
        return lambda doc: (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()
    encode, indent = msgspec.json.Encoder().encode, msgspec.json.format
    return lambda doc: indent(encode(doc), indent=2) + b"\n"


#: How :func:`json_response` writes a document.
write_indented = _indented_writer()


def json_response(doc: Any, status: int = 200) -> Response:
    """*doc* written as the command line prints it: indented, UTF-8 text as is, a final
    line break (so a body is byte for byte ``ocop``'s output for the same input)."""
    return Response(write_indented(doc), status, media_type="application/json")


def error_response(status: int, error: OcopError) -> Response:
    return json_response(error_to_dict(error), status)


def status_of(error: OcopError) -> int:
    """404 for an unknown rule set or sheet, else 400 (every other OcopError is bad input)."""
    return 404 if isinstance(error, UnknownRuleSet | UnknownSheet) else 400


_INTERNAL = {"type": "InternalError", "message": "internal error (logged by the server)"}


def guarded(
    work: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """*work* as an endpoint: an OcopError becomes its error document (4xx), anything else a
    bug, logged with its traceback and answered with a generic 500 (no trace in the body)."""

    async def endpoint(request: Request) -> Response:
        try:
            return await work(request)
        except HttpError as exc:
            return error_response(exc.status, exc.error)
        except OcopError as exc:
            return error_response(status_of(exc), exc)
        except Exception:
            LOG.exception("internal error on %s %s", request.method, request.url.path)
            request.app.state.internal_errors += 1
            return json_response(_INTERNAL, 500)

    endpoint.__name__ = work.__name__
    endpoint.__doc__ = work.__doc__
    return endpoint


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, media_types: tuple[str, ...]) -> bytes:
    """The request's body, of one of *media_types* (else 415), at most
    ``app.state.max_body`` bytes (else 413, without reading the rest)."""
    given = _media_type(request)
    if given not in media_types:
        raise HttpError(
            415,
            InvalidInput(
                "content-type",
                given or None,
                f"the body must be {' or '.join(media_types)}, got {show(given or 'none')}",
            ),
        )
    limit: int = request.app.state.max_body
    too_big = HttpError(
        413,
        InvalidInput(
            "", None, f"the request body is larger than {limit:,} bytes, the largest read"
        ),
    )
    length = request.headers.get("content-length")
    if length is not None and (not _INTEGER.fullmatch(length) or int(length) > limit):
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def document(request: Request) -> Any:
    """The request's JSON document, read as every document is (:func:`ocop.serialize.loads`)."""
    body = await read_body(request, ("application/json",))
    return loads(decode_utf8(body, "the request body"))


def _one(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise InvalidInput(name, values[:2], f"query parameter {name!r} is given twice")
    return values[0] if values else None


def query_date(request: Request, name: str, *, required: bool = False) -> date | None:
    """Query parameter *name* as a date ``YYYY-MM-DD`` (absent: ``None``, or an error)."""
    text = _one(request, name)
    if text is None:
        if required:
            raise InvalidInput(name, None, f"query parameter {name!r} is required")
        return None
    try:
        return parse_date(text)
    except (TypeError, ValueError):
        raise InvalidInput(
            name, text, f"expected an ISO date YYYY-MM-DD, got {show(text)}"
        ) from None


def required_date(request: Request, name: str) -> date:
    """Query parameter *name* as a date ``YYYY-MM-DD``; an error when absent."""
    day = query_date(request, name, required=True)
    assert day is not None  # required=True raises instead
    return day


def query_integer(request: Request, name: str, *, minimum: int, maximum: int) -> int | None:
    """Query parameter *name* as a whole number in ASCII digits, *minimum* to *maximum*."""
    text = _one(request, name)
    if text is None:
        return None
    if not _INTEGER.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise InvalidInput(
            name, text, f"expected a whole number from {minimum} to {maximum}, got {show(text)}"
        )
    return int(text)


def query_choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    """Query parameter *name*, one of *choices* (absent: *default*)."""
    text = _one(request, name)
    if text is None:
        return default
    if text not in choices:
        raise InvalidInput(name, text, f"{name} is one of {', '.join(choices)}, got {show(text)}")
    return text


#: The most values one repeated query parameter may have (``attending``, ``holiday``).
MAX_REPEATED = 200


def query_all(request: Request, name: str) -> list[str]:
    """Every value of the repeated query parameter *name* (at most :data:`MAX_REPEATED`)."""
    values = request.query_params.getlist(name)
    if len(values) > MAX_REPEATED:
        raise InvalidInput(name, len(values), f"at most {MAX_REPEATED} values of {name!r}")
    return values


def query_text(request: Request, name: str) -> str | None:
    """Query parameter *name* as given (checked by the library function it is passed to)."""
    return _one(request, name)


def boolean(request: Request, name: str) -> bool:
    """Query parameter *name*: ``true`` or ``false`` (absent: false)."""
    return query_choice(request, name, ("false", "true"), "false") == "true"


class RequestLog:
    """ASGI middleware: one log line per request (method, path, status, milliseconds);
    never a body or a query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            ms = (time.perf_counter() - start) * 1000
            path = repr(scope["path"][:MAX_LOGGED_PATH])[1:-1]  # no line break gets through
            LOG.info("%s %s %d %.1fms", scope["method"], path, status, ms)
