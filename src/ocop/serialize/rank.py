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

from ocop._convert import format_fraction, parse_date, structure
from ocop._trusted import unstructure
from ocop._version import __version__
from ocop.criteria.model import Lang
from ocop.criteria.ruleset import Rounding
from ocop.errors import InvalidInput
from ocop.ranking import RankRequest, RankResult, member_sheet
from ocop.ranking.result import display
from ocop.serialize._json import FORMAT_VERSION

__all__ = [
    "Detail",
    "rank_request_from_dict",
    "rank_request_to_dict",
    "result_from_dict",
    "result_to_dict",
]

_REQUEST_KEYS = ("id", "ruleset", "as_of", "filed", "kind", "sheet", "members", "flags", "policy")


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
    "flags": [...], "policy": "majority", "id": "..."}``
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
    )


def rank_request_to_dict(request: RankRequest) -> dict[str, Any]:
    """The rank request document of *request* (the inverse of :func:`rank_request_from_dict`)."""
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
    doc["policy"] = request.policy.value
    doc["members"] = [{"member": m.member, "answers": dict(m.answers)} for m in request.members]
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
        members=members,
        rounding=_rounding_doc(rounding, detail),
        caveats=list(result.caveats),
    )
    if detail == "full":
        doc["explanation_lang"] = lang
        doc["explanation"] = list(result.explain(lang))
    return doc


def result_from_dict(doc: Any) -> RankResult:
    """Read a result document back; display values must agree with the exact ones."""
    if not isinstance(doc, Mapping):
        raise InvalidInput("", doc, "a result is a JSON object")
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
    exact = {k: v for k, v in doc.items() if k not in _DERIVED}
    renamed = {k.removesuffix("_exact"): v for k, v in exact.items()}
    result = structure(renamed, RankResult)
    lang = doc.get("explanation_lang", "en")
    if lang not in ("en", "vi"):
        raise InvalidInput("explanation_lang", lang, "explanations are available in 'en' and 'vi'")
    again = result_to_dict(result, lang=lang)
    for key in _DERIVED:
        if key in doc and key != "ocop_version" and doc[key] != again.get(key):
            raise InvalidInput(
                key, doc[key], f"does not agree with the exact values (expected {again.get(key)!r})"
            )
    return result
