"""The advisor's endpoints: ``POST /advise``, ``POST /whatif``, ``POST /migrate``.

Each takes a rank request as its body and calls the same functions and writers as
``ocop advise``, ``ocop whatif`` and ``ocop migrate`` (:mod:`ocop.cli.advice`), so an answer
is byte for byte the command's output. The options are query parameters, one per option of
the command; the cost table of ``ocop advise --cost FILE`` is the ``costs`` document itself,
as the value of the query parameter ``costs`` (see ``docs/howto/serve.md`` for why).
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ocop.advice import Costs, advise, migrate, whatif
from ocop.advice.whatif import parse_setting
from ocop.errors import InvalidInput
from ocop.ranking import MinimumPolicy
from ocop.serialize import costs_from_dict, loads, rank_request_from_dict
from ocop.serialize.advice import advice_to_dict, migration_to_dict, whatif_to_dict
from ocop.service._http import (
    document,
    guarded,
    json_response,
    query_all,
    query_choice,
    query_date,
    query_integer,
    query_text,
)

__all__ = ["ADVICE_ROUTES", "MAX_COSTS"]

_LANGS = ("en", "vi")
_POLICIES = tuple(p.value for p in MinimumPolicy)
#: The longest ``costs`` query value read, in characters (a cost table of every criterion
#: of a sheet, each with a cost per option, is far shorter).
MAX_COSTS = 8192


def _costs(request: Request) -> Costs | None:
    """The query parameter ``costs``: a cost table document (the ``costs`` schema), read as
    every document is (:func:`ocop.serialize.loads`, :func:`ocop.serialize.costs_from_dict`)."""
    text = query_text(request, "costs")
    if text is None:
        return None
    if len(text) > MAX_COSTS:
        raise InvalidInput(
            "costs", len(text), f"the cost table is longer than {MAX_COSTS:,} characters"
        )
    try:
        doc = loads(text)
    except InvalidInput as exc:
        raise InvalidInput(
            "costs", text[:80], f"the cost table is not a JSON document: {exc.message}"
        ) from None
    try:
        return costs_from_dict(doc)
    except InvalidInput as exc:
        path = f"costs.{exc.path}" if exc.path else "costs"
        raise InvalidInput(path, exc.value, exc.message) from None


async def advise_endpoint(request: Request) -> Response:
    """``POST /advise``: a rank request → the advice (``ocop advise``): ``target``,
    ``fixed`` (repeated), ``costs`` (a cost table document), ``lang``."""
    lang = query_choice(request, "lang", _LANGS, "en")
    target = query_integer(request, "target", minimum=1, maximum=5)
    fixed = query_all(request, "fixed")
    costs = _costs(request)
    doc = await document(request)

    def work() -> dict[str, Any]:
        advice = advise(rank_request_from_dict(doc), target=target, costs=costs, fixed=fixed)
        return advice_to_dict(advice, lang=lang)  # type: ignore[arg-type]

    return json_response(await run_in_threadpool(work))


def _flags(request: Request) -> tuple[str, ...] | None:
    """``flags`` (repeated): absent, the request's own flags; ``flags=`` alone, none."""
    if "flags" not in request.query_params:
        return None
    return tuple(flag for flag in query_all(request, "flags") if flag)


async def whatif_endpoint(request: Request) -> Response:
    """``POST /whatif``: a rank request → it re-ranked with changes (``ocop whatif``):
    ``set=CODE=OPTION`` (repeated), ``member``, ``policy``, ``ruleset`` or ``as_of``,
    ``flags`` (repeated), ``lang``."""
    lang = query_choice(request, "lang", _LANGS, "en")
    settings = query_all(request, "set")
    answers = (
        dict(parse_setting(s, path=f"set[{i}]") for i, s in enumerate(settings))
        if settings
        else None
    )
    member = query_text(request, "member")
    policy = query_choice(request, "policy", ("", *_POLICIES), "") or None
    ruleset = query_text(request, "ruleset")
    as_of = query_date(request, "as_of")
    flags = _flags(request)
    doc = await document(request)

    def work() -> dict[str, Any]:
        result = whatif(
            rank_request_from_dict(doc),
            answers=answers,
            member=member,
            policy=policy,
            ruleset=ruleset,
            as_of=as_of,
            flags=flags,
        )
        return whatif_to_dict(result, lang=lang)  # type: ignore[arg-type]

    return json_response(await run_in_threadpool(work))


async def migrate_endpoint(request: Request) -> Response:
    """``POST /migrate``: an old dossier's rank request → it read under ``to`` (default
    ``qd26-2026``; ``ocop migrate``), with ``lang``."""
    lang = query_choice(request, "lang", _LANGS, "en")
    to = query_text(request, "to")
    doc = await document(request)

    def work() -> dict[str, Any]:
        req = rank_request_from_dict(doc)
        migration = migrate(req) if to is None else migrate(req, to=to)
        return migration_to_dict(migration, lang=lang)  # type: ignore[arg-type]

    return json_response(await run_in_threadpool(work))


ADVICE_ROUTES = [
    Route("/advise", guarded(advise_endpoint), methods=["POST"]),
    Route("/whatif", guarded(whatif_endpoint), methods=["POST"]),
    Route("/migrate", guarded(migrate_endpoint), methods=["POST"]),
]
"""The routes of the advisor's documents."""
