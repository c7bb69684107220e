"""The rules over HTTP: a Starlette application serving the library's public documents.

Needs the optional extra ``server`` (``pip install "ocop[server]"``: Starlette and uvicorn);
``ocop serve`` runs it. Every endpoint calls the same functions and writes the same
documents as the ``ocop`` command; see ``docs/howto/serve.md``.

- ``POST /rank`` (a rank request → the result; ``?level=`` adds the next step),
  ``POST /rank/jsonl`` (JSON Lines in, JSON Lines streamed out)
- ``GET /rulesets``, ``GET /rulesets/select?as_of=&filed=&kind=``, ``GET /rulesets/{id}``
- ``POST /certificates/status?as_of=``, ``GET /codes/{code}``, ``GET /next-step?level=...``
- ``POST /advise?target=&fixed=&costs=``, ``POST /whatif?set=&member=&policy=&ruleset=
  &as_of=&flags=``, ``POST /migrate?to=`` (the advisor: ``ocop advise``, ``whatif``, ``migrate``)
- ``POST /council/check``, ``GET /process/levels``, ``GET /calendar?year=``,
  ``GET /calendar/deadline?period=&from=``
- ``GET /schemas``, ``GET /schemas/{name}``, ``GET /openapi.json``, ``GET /docs``
- ``GET /health``, ``GET /version``

Bad input is a 400 (404 for an unknown rule set, sheet, schema or route; 405 for a wrong
method; 413 for a body over *max_body*; 415 for a body that is not JSON) whose body is
:func:`ocop.serialize.error_to_dict` of the error.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from ocop.errors import InvalidInput, MissingExtra
from ocop.serialize import MAX_DOCUMENT

__all__ = [
    "CORS_ENVIRONMENT",
    "LOG_FORMAT",
    "MAX_BODY",
    "MAX_LINES",
    "create_app",
    "create_app_from_environment",
]

#: The largest request body read by default, in bytes: the largest JSON document.
MAX_BODY = MAX_DOCUMENT
#: The most lines of a JSON Lines body ranked by one ``POST /rank/jsonl`` (each line is also
#: bounded by :data:`~ocop.serialize.MAX_LINE`, the body by *max_body*).
MAX_LINES = 10_000
#: The format of the log lines of ``ocop serve``.
LOG_FORMAT = "%(asctime)s %(name)s %(message)s"
#: The environment variable that passes ``ocop serve --cors`` to worker processes.
CORS_ENVIRONMENT = "OCOP_SERVE_CORS"


def create_app(
    *, max_body: int = MAX_BODY, cors: str | None = None, max_lines: int = MAX_LINES
) -> Any:
    """The Starlette application of the service.

    *max_body* bounds every request body, in bytes (a JSON Lines body too; each of its
    lines is also bounded by :data:`~ocop.serialize.MAX_LINE`). *cors*, when given, is
    the one origin allowed to call the service from a browser; cross-origin calls are
    refused by default.
    """
    try:
        from starlette.applications import Starlette
        from starlette.exceptions import HTTPException
        from starlette.middleware import Middleware
        from starlette.middleware.cors import CORSMiddleware
        from starlette.requests import Request
        from starlette.responses import HTMLResponse, Response
        from starlette.routing import Route
    except ImportError:
        raise MissingExtra("server", "starlette", "the rules service") from None
    from ocop.service._advice import ADVICE_ROUTES
    from ocop.service._http import RequestLog, error_response, json_response
    from ocop.service._procedure import PROCEDURE_ROUTES
    from ocop.service._routes import ROUTES
    from ocop.service.openapi import DOCS_PAGE, openapi

    if isinstance(max_body, bool) or not isinstance(max_body, int) or max_body < 1:
        raise InvalidInput("max_body", max_body, "max_body is a number of bytes, at least 1")
    if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1:
        raise InvalidInput("max_lines", max_lines, "max_lines is a number of lines, at least 1")
    spec = openapi()

    async def openapi_json(request: Request) -> Response:
        return json_response(spec)

    async def docs(request: Request) -> Response:
        return HTMLResponse(DOCS_PAGE)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {path}"
        else:
            message = f"no such route: {path}"
        return error_response(exc.status_code, InvalidInput("", path, message))

    middleware = [Middleware(RequestLog)]
    if cors is not None:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[cors],
                allow_methods=["GET", "POST"],
                allow_headers=["content-type"],
            )
        )
    routes = [
        *ROUTES,
        *PROCEDURE_ROUTES,
        *ADVICE_ROUTES,
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error}
    )
    app.state.max_body = max_body
    app.state.max_lines = max_lines
    app.state.internal_errors = 0
    return app


def create_app_from_environment() -> Any:
    """:func:`create_app` for ``ocop serve --workers N`` (each worker process builds its own
    application; the CORS origin comes from :data:`CORS_ENVIRONMENT`, and the request log
    lines go to standard error as in the one-process server)."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    return create_app(cors=os.environ.get(CORS_ENVIRONMENT) or None)
