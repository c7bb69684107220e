"""The endpoints: each calls the same public functions and writers as the ``ocop`` command.

Work that computes (ranking, catalogue export, status) runs in a worker thread, so that one
slow request does not hold the others.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ocop._version import __version__
from ocop.certificates.codes import parse_product_code
from ocop.certificates.status import certificate_status
from ocop.criteria import DossierKind, load_ruleset, select_ruleset
from ocop.errors import InvalidInput
from ocop.jsonl import iter_rank_jsonl
from ocop.procedure.levels import next_step, next_step_for
from ocop.ranking import MinimumPolicy, rank_request
from ocop.schemas import SCHEMAS, load_schema
from ocop.serialize import (
    FORMAT_VERSION,
    certificate_from_dict,
    certificate_status_to_dict,
    product_code_to_dict,
    rank_request_from_dict,
    result_to_dict,
    ruleset_to_dict,
    rulesets_to_list,
    selection_to_dict,
)
from ocop.serialize.procedure import next_step_to_dict
from ocop.service._http import (
    JSON_LINES_TYPES,
    HttpError,
    boolean,
    document,
    guarded,
    json_response,
    query_choice,
    query_date,
    query_integer,
    query_text,
    read_body,
    required_date,
)

__all__ = ["ROUTES"]

_LANGS = ("en", "vi")
_DETAILS = ("full", "summary")
_POLICIES = tuple(p.value for p in MinimumPolicy)
_LEVELS = ("province", "central", "district")  # as ocop rank --level


def _policy(request: Request) -> str | None:
    policy = query_choice(request, "policy", ("", *_POLICIES), "")
    return policy or None


async def rank(request: Request) -> Response:
    """``POST /rank``: a rank request → its result document (``ocop rank``); with
    ``?level=``, the next step after that level added as ``next_step`` (``--level``)."""
    lang = query_choice(request, "lang", _LANGS, "en")
    detail = query_choice(request, "detail", _DETAILS, "full")
    policy = _policy(request)
    level = query_choice(request, "level", ("", *_LEVELS), "") or None
    doc = await document(request)

    def work() -> dict[str, Any]:
        result = rank_request(rank_request_from_dict(doc), policy=policy)
        out = result_to_dict(result, lang=lang, detail=detail)  # type: ignore[arg-type]
        if level is not None:
            out["next_step"] = next_step_to_dict(next_step_for(result, level=level))
        return out

    if _small(doc):
        return json_response(work())
    return json_response(await run_in_threadpool(work))


SMALL_COUNCIL = 25
"""Requests of at most this many member sheets are ranked in the event loop (about 0.2 ms
for nine: less than the hop to a worker thread, docs/performance.md); larger ones in a
worker thread, so that the server keeps answering while they are ranked."""


def _small(doc: Any) -> bool:
    members = doc.get("members") if isinstance(doc, dict) else None
    return isinstance(members, list) and len(members) <= SMALL_COUNCIL


def _count_lines(body: bytes) -> int:
    """The number of lines of a JSON Lines body (a last line without a line break counts)."""
    return body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)


async def rank_lines(request: Request) -> Response:
    """``POST /rank/jsonl``: JSON Lines in, one line out per line (``ocop rank --jsonl``),
    streamed as the lines are ranked (in blocks of at most 256 lines)."""
    lang = query_choice(request, "lang", _LANGS, "en")
    detail = query_choice(request, "detail", _DETAILS, "summary")
    policy = _policy(request)
    body = await read_body(request, JSON_LINES_TYPES)
    limit: int = request.app.state.max_lines
    lines = _count_lines(body)
    if lines > limit:
        raise HttpError(
            413, InvalidInput("", lines, f"{lines:,} lines; at most {limit:,} are ranked at once")
        )
    blocks = iter_rank_jsonl(io.BytesIO(body), policy=policy, lang=lang, detail=detail)  # type: ignore[arg-type]

    def encoded() -> Iterator[bytes]:
        for text in blocks:
            yield text.encode("utf-8")

    # A sync iterator: Starlette takes each block in a worker thread, as ranking is CPU work.
    return StreamingResponse(encoded(), 200, media_type="application/jsonl")


async def rulesets(request: Request) -> Response:
    """``GET /rulesets``: the rule sets known (``ocop criteria list --json``)."""
    return json_response(rulesets_to_list())


async def ruleset_select(request: Request) -> Response:
    """``GET /rulesets/select``: the rule set for a date, and why (``ocop criteria which``)."""
    as_of = required_date(request, "as_of")
    filed = query_date(request, "filed")
    kinds = tuple(k.value for k in DossierKind)
    kind = query_choice(request, "kind", ("", *kinds), "") or None
    choice = select_ruleset(as_of, filed=filed, kind=kind)
    return json_response(selection_to_dict(choice, as_of=as_of, filed=filed, kind=kind))


async def ruleset_export(request: Request) -> Response:
    """``GET /rulesets/{id}``: a rule set's catalogue (``ocop criteria export``)."""
    lang = query_choice(request, "lang", ("", *_LANGS), "") or None
    ident: str = request.path_params["id"]

    def work() -> dict[str, Any]:
        return ruleset_to_dict(load_ruleset(ident), lang=lang)  # type: ignore[arg-type]

    return json_response(await run_in_threadpool(work))


async def certificate(request: Request) -> Response:
    """``POST /certificates/status``: a certificate document → its status on ``as_of``
    (``ocop certificate status --file``)."""
    as_of = required_date(request, "as_of")
    doc = await document(request)

    def work() -> dict[str, Any]:
        cert, events = certificate_from_dict(doc)
        return certificate_status_to_dict(certificate_status(cert, as_of, events))

    return json_response(await run_in_threadpool(work))


async def code(request: Request) -> Response:
    """``GET /codes/{code}``: a product code's parts (``ocop code parse``)."""
    return json_response(product_code_to_dict(parse_product_code(request.path_params["code"])))


async def step(request: Request) -> Response:
    """``GET /next-step``: the next step after a level (``ocop process next``)."""
    level = query_text(request, "level")
    if level is None:
        raise InvalidInput("level", None, "query parameter 'level' is required")
    found = next_step(
        level=level,
        stars=query_integer(request, "stars", minimum=1, maximum=5),
        score=query_text(request, "score"),
        disqualified=boolean(request, "disqualified"),
        ruleset=query_text(request, "ruleset"),
        as_of=query_date(request, "as_of"),
        filed=query_date(request, "filed"),
    )
    return json_response(next_step_to_dict(found))


async def schemas(request: Request) -> Response:
    """``GET /schemas``: the name and title of every shipped schema (``ocop schema``)."""
    return json_response(SCHEMAS)


async def schema(request: Request) -> Response:
    """``GET /schemas/{name}``: one shipped JSON Schema (``ocop schema NAME``)."""
    name: str = request.path_params["name"]
    try:
        return json_response(load_schema(name))
    except InvalidInput as exc:
        raise HttpError(404, exc) from None


async def health(request: Request) -> Response:
    """``GET /health``: the server answers."""
    return json_response({"status": "ok"})


async def version(request: Request) -> Response:
    """``GET /version``: the library's version and the documents' format version."""
    return json_response({"ocop": __version__, "format_version": FORMAT_VERSION})


ROUTES = [
    Route("/rank", guarded(rank), methods=["POST"]),
    Route("/rank/jsonl", guarded(rank_lines), methods=["POST"]),
    Route("/rulesets", guarded(rulesets), methods=["GET"]),
    Route("/rulesets/select", guarded(ruleset_select), methods=["GET"]),
    Route("/rulesets/{id}", guarded(ruleset_export), methods=["GET"]),
    Route("/certificates/status", guarded(certificate), methods=["POST"]),
    Route("/codes/{code}", guarded(code), methods=["GET"]),
    Route("/next-step", guarded(step), methods=["GET"]),
    Route("/schemas", guarded(schemas), methods=["GET"]),
    Route("/schemas/{name}", guarded(schema), methods=["GET"]),
    Route("/health", guarded(health), methods=["GET"]),
    Route("/version", guarded(version), methods=["GET"]),
]
"""The routes of the documents (the OpenAPI routes are added by :func:`create_app`)."""
