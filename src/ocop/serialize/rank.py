"""The rank request and rank result documents (``ocop rank``, ``ocop rank --jsonl``).

A request document is read into the one :class:`~ocop.ranking.RankRequest`, whose own
checks apply; here only the JSON shapes are checked (a date is a ``YYYY-MM-DD`` string,
flags are a list of strings, no unknown key). Exact numbers travel as strings
(``"215/3"``, ``"71.67"``), never as JSON floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

import attrs

from ocop._convert import format_fraction, parse_date, structure
from ocop._trusted import unstructure
from ocop._version import __version__
from ocop.criteria.model import Lang
from ocop.criteria.ruleset import Rounding
from ocop.errors import InvalidInput, show
from ocop.ranking import RankRequest, RankResult, member_sheet
from ocop.ranking.council_rules import NEUTRAL, presets
from ocop.ranking.result import display
from ocop.serialize._json import FORMAT_VERSION, expect
from ocop.serialize._result_check import check_result, disagree
from ocop.serialize.council import breach_from_dict, breach_to_dict, council_rules_to_doc
from ocop.serialize.overlay import overlay_from_dict, overlay_to_dict

__all__ = [
    "Detail",
    "rank_request_from_dict",
    "rank_request_to_dict",
    "result_from_dict",
    "result_to_dict",
]

_REQUEST_KEYS = (
    "id",
    "ruleset",
    "as_of",
    "filed",
    "kind",
    "sheet",
    "members",
    "flags",
    "none_apply",
    "overlay",
    "policy",
    "council_rules",
)


def _json_date(key: str, value: object) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(key, value, str(exc)) from None


def rank_request_from_dict(doc: Any) -> RankRequest:
    """Read a rank request document; errors name the field path.

    ``{"ruleset": "qd26-2026" | "as_of": "YYYY-MM-DD" [, "filed": "YYYY-MM-DD",
    "kind": "first" | "upgrade" | "reranking"], "sheet": 1,
    "members": [{"member": "...", "answers": {"1.1": "b" | 2, ...}}, ...],
    "flags": [...], "policy": "majority", "id": "...",
    "council_rules": "tay-ninh" | {...}}``
    """
    if not isinstance(doc, Mapping):
        raise InvalidInput("", doc, "a rank request is a JSON object")
    for key in doc:
        if key not in _REQUEST_KEYS:
            raise InvalidInput(
                key, doc[key], f"unknown key; a rank request has {', '.join(_REQUEST_KEYS)}"
            )
    members = doc.get("members")
    if not isinstance(members, list):
        raise InvalidInput("members", members, "members are a list of member sheets")
    sheets = tuple(member_sheet(m, path=f"members[{i}]") for i, m in enumerate(members))
    if "sheet" not in doc:
        raise InvalidInput(
            "sheet", None, "required key 'sheet' is missing (the criteria set number)"
        )
    return RankRequest(
        sheet=doc["sheet"],
        members=sheets,
        ruleset=doc.get("ruleset"),
        as_of=_json_date("as_of", doc.get("as_of")),
        filed=_json_date("filed", doc.get("filed")),
        kind=doc.get("kind"),
        flags=doc.get("flags", ()),
        policy=doc.get("policy", "majority"),
        id=doc.get("id"),
        council_rules=doc.get("council_rules"),
        none_apply=doc.get("none_apply", False),
        overlay=None
        if doc.get("overlay") is None
        else overlay_from_dict(doc["overlay"], path="overlay"),
    )


def rank_request_to_dict(request: RankRequest) -> dict[str, Any]:
    """The rank request document of *request* (the inverse of :func:`rank_request_from_dict`)."""
    expect(request, RankRequest, "rank_request_to_dict")
    doc: dict[str, Any] = {}
    if request.id is not None:
        doc["id"] = request.id
    if request.ruleset is not None:
        doc["ruleset"] = request.ruleset
    if request.as_of is not None:
        doc["as_of"] = request.as_of.isoformat()
    if request.filed is not None:
        doc["filed"] = request.filed.isoformat()
    if request.kind is not None:
        doc["kind"] = request.kind.value
    doc["sheet"] = request.sheet
    doc["flags"] = list(request.flags)
    if request.none_apply:
        doc["none_apply"] = True
    if request.overlay is not None:
        doc["overlay"] = overlay_to_dict(request.overlay)
    doc["policy"] = request.policy.value
    doc["members"] = [{"member": m.member, "answers": dict(m.answers)} for m in request.members]
    if request.council_rules is not None:
        doc["council_rules"] = council_rules_to_doc(request.council_rules)
    return doc


#: What a result document holds: ``full`` (as ``ocop rank`` prints it) or ``summary``
#: (the default line of ``ocop rank --jsonl``, whose input already holds the answers:
#: without each member's answers, without the explanation and without the rounding
#: note, so that no text is repeated on every line).
Detail = Literal["full", "summary"]

_DERIVED = (
    "average",
    "parts",
    "to_next_band",
    "explanation",
    "explanation_lang",
    "ocop_version",
    "format_version",
)


def _rounding_doc(rounding: Rounding, detail: Detail) -> dict[str, Any]:
    doc: dict[str, Any] = {"places": rounding.places, "mode": rounding.mode}
    if detail == "full":
        doc["note"] = rounding.note
    return doc


def result_to_dict(
    result: RankResult, *, lang: Lang = "en", detail: Detail = "full"
) -> dict[str, Any]:
    """The result document: exact values (``*_exact``) beside their display values.

    ``id`` is the request's (left out when it had none). ``lang`` chooses the language of
    ``explanation`` only; every other value is the same. ``detail="summary"`` leaves out
    ``members[].answers``, ``rounding.note``, ``explanation_lang`` and ``explanation``.
    """
    expect(result, RankResult, "result_to_dict")
    if detail not in ("full", "summary"):
        raise InvalidInput("detail", detail, "detail is 'full' or 'summary'")
    full = detail == "full"
    members = []
    for score in result.members:
        row: dict[str, Any] = {"member": score.member, "total": score.total}
        row["parts"] = dict(score.parts)
        if full:
            row["answers"] = dict(score.answers)
        row["not_considered"] = list(score.not_considered)
        members.append(row)
    rounding = result.rounding
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "ocop_version": __version__}
    if result.id is not None:
        doc["id"] = result.id
    doc.update(
        ruleset=result.ruleset,
        sheet=result.sheet,
        policy=result.policy.value,
        status=result.status,
        stars=result.stars,
        band_stars=result.band_stars,
        average=str(display(result.average, rounding)),
        average_exact=format_fraction(result.average),
        parts={k: str(display(v, rounding)) for k, v in result.parts.items()},
        parts_exact={k: format_fraction(v) for k, v in result.parts.items()},
        to_next_band=None
        if result.to_next_band is None
        else str(display(result.to_next_band, rounding)),
        to_next_band_exact=None
        if result.to_next_band is None
        else format_fraction(result.to_next_band),
        failed_minimums=[unstructure(f) for f in result.failed_minimums],
        conditions=[unstructure(c) for c in result.conditions],
        conditions_answered=result.conditions_answered,
        members=members,
        rounding=_rounding_doc(rounding, detail),
        caveats=list(result.caveats),
        council_rules=result.council_rules,
        council_breaches=[breach_to_dict(b) for b in result.council_breaches],
    )
    if result.overlay is not None:
        doc["overlay"] = overlay_to_dict(result.overlay)
    if detail == "full":
        doc["explanation_lang"] = lang
        doc["explanation"] = list(result.explain(lang))
    return doc


_RANKED = (
    "status",
    "stars",
    "band_stars",
    "failed_minimums",
    "conditions",
    "conditions_answered",
    "members",
)


def _rerank(result: RankResult, lang: Lang) -> None:
    """Rank the members' answers again (:func:`ocop.ranking.request_of`: the same rule set,
    sheet, policy, flag conditions, overlay and, where they are a preset, council rules)
    and compare. (Council rules written out in the request are not in the result: its
    breaches are then taken as they are.)"""
    from ocop.ranking import rank_request, request_of

    known = result.council_rules == NEUTRAL or result.council_rules in presets()
    again = rank_request(request_of(result))
    given, expected = result_to_dict(result, lang=lang), result_to_dict(again, lang=lang)
    why = "ranking the members' answers again"
    for i, (mine, theirs) in enumerate(zip(given["members"], expected["members"], strict=True)):
        for field in mine:
            if mine[field] != theirs[field]:
                raise disagree(f"members[{i}].{field}", mine[field], theirs[field], why)
    ranked: tuple[str, ...] = _RANKED
    if known:
        ranked = (*_RANKED, "council_breaches")
    for key in ranked:
        if given[key] != expected[key]:
            raise disagree(key, given[key], expected[key], why)


def result_from_dict(doc: Any, *, rerank: bool = True) -> RankResult:
    """Read a result document back, and check it.

    Display values must agree with the exact ones, and the fields with each other
    (:func:`check_result`); ``format_version`` is the integer 1. With *rerank* (the
    default), the members' answers are ranked again with the document's rule set, sheet,
    policy and flag conditions, and the class, band, minimums, conditions and members'
    scores must be the same: a document edited by hand is refused, naming the first field
    that disagrees.
    """
    if not isinstance(doc, Mapping):
        raise InvalidInput("", doc, "a result is a JSON object")
    version = doc.get("format_version", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:
        raise InvalidInput(
            "format_version", version, f"this ocop reads format_version {FORMAT_VERSION}"
        )
    members = doc.get("members")
    if "explanation" not in doc and isinstance(members, list) and members:
        first = members[0]
        if isinstance(first, Mapping) and "answers" not in first:
            raise InvalidInput(
                "members[0].answers",
                None,
                "this is a summary document (ocop rank --jsonl's default), which has no answers "
                "to read back; rank with --detail full, or read it with ocop.to_records",
            )
    exact = {k: v for k, v in doc.items() if k not in _DERIVED and k != "overlay"}
    renamed = {k.removesuffix("_exact"): v for k, v in exact.items()}
    raw_breaches = renamed.pop("council_breaches", [])
    if not isinstance(raw_breaches, list):
        raise InvalidInput("council_breaches", raw_breaches, "a list of breaches")
    breaches = tuple(
        breach_from_dict(b, path=f"council_breaches[{i}]") for i, b in enumerate(raw_breaches)
    )
    result = attrs.evolve(structure(renamed, RankResult), council_breaches=breaches)
    if doc.get("overlay") is not None:
        result = attrs.evolve(result, overlay=overlay_from_dict(doc["overlay"], path="overlay"))
    lang = doc.get("explanation_lang", "en")
    if lang not in ("en", "vi"):
        raise InvalidInput("explanation_lang", lang, "explanations are available in 'en' and 'vi'")
    check_result(result)  # first: the display values below are computed with its rounding
    again = result_to_dict(result, lang=lang)
    for key in _DERIVED:
        if key in doc and key != "ocop_version" and doc[key] != again.get(key):
            raise InvalidInput(
                key,
                doc[key],
                f"does not agree with the exact values (expected {show(again.get(key))})",
            )
    if rerank:
        _rerank(result, lang)
    return result
