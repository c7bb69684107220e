"""The public JSON documents of :mod:`ocop`: rank requests, rank results, catalogue exports,
councils. (Certificates: :mod:`ocop.certificates.documents`.)

These shapes are a contract for systems written in other languages; they change only
with a new ``format_version``. Exact numbers travel as strings (``"215/3"``,
``"71.67"``), never as JSON floats.

>>> import ocop
>>> from ocop.serialize import result_to_dict, result_from_dict
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(2).criteria}
>>> result = ocop.rank([{"member": "A", "answers": answers}], sheet=2, ruleset="qd26-2026")
>>> doc = result_to_dict(result)
>>> doc["stars"], doc["average"], doc["average_exact"]
(5, '100.00', '100')
>>> result_from_dict(doc) == result
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any, Literal

import attrs

from ocop._convert import check_keys, format_fraction, structure
from ocop._text import nfc
from ocop._trusted import unstructure
from ocop._version import __version__
from ocop.criteria import DossierKind
from ocop.criteria.model import Lang, Rounding, RuleSet
from ocop.errors import InvalidInput
from ocop.model import Council, CouncilMember, MemberSheet
from ocop.ranking import MinimumPolicy, RankResult, member_sheet
from ocop.ranking.result import display

__all__ = [
    "RankRequest",
    "council_from_dict",
    "council_to_dict",
    "loads",
    "rank_request_from_dict",
    "rank_request_to_dict",
    "result_from_dict",
    "result_to_dict",
    "ruleset_to_dict",
]

FORMAT_VERSION = 1


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InvalidInput(f'["{key}"]', key, f"key {key!r} appears twice in one JSON object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise InvalidInput("", name, f"{name} is not valid JSON")


_STRICT = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
"""One decoder for every document (``json.loads`` with options builds a new one per call)."""


def loads(text: str) -> Any:
    """Parse JSON strictly: a key repeated in one object is an error, not 'last one wins'."""
    try:
        if text.startswith("\ufeff"):  # as json.loads says
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return _STRICT.decode(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "", None, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


@attrs.frozen(kw_only=True)
class _RequestHeader:
    """Every field of a rank request but its members (validated before them)."""

    sheet: int
    ruleset: str | None = None
    as_of: date | None = None
    flags: tuple[str, ...] = ()
    policy: MinimumPolicy = MinimumPolicy.MAJORITY
    id: str | None = None
    """A caller's identifier for the product, echoed in the result document."""
    filed: date | None = None
    """With ``as_of``: when the dossier was filed (26/2026 Điều 12.2)."""
    kind: DossierKind | None = None
    """With ``as_of``: the dossier's kind (first, upgrade, reranking)."""


@attrs.frozen(kw_only=True)
class RankRequest(_RequestHeader):
    """A parsed rank request (the input document of ``ocop rank``)."""

    members: tuple[MemberSheet, ...]


_REQUEST_KEYS = (
    "id",
    "ruleset",
    "as_of",
    "filed",
    "kind",
    "sheet",
    "members",
    "flags",
    "policy",
)


def rank_request_from_dict(doc: Any) -> RankRequest:
    """Validate a rank request document; errors name the field path.

    ``{"ruleset": "qd26-2026" | "as_of": "YYYY-MM-DD" [, "filed": "YYYY-MM-DD",
    "kind": "first" | "upgrade" | "reranking"], "sheet": 1,
    "members": [{"member": "...", "answers": {"1.1": "b" | 2, ...}}, ...],
    "flags": [...], "policy": "majority", "id": "..."}``
    """
    if not isinstance(doc, Mapping):
        raise InvalidInput("", doc, "a rank request is a JSON object")
    extra = sorted(set(doc) - set(_REQUEST_KEYS))
    if extra:
        raise InvalidInput(
            extra[0], doc[extra[0]], f"unknown key; a rank request has {', '.join(_REQUEST_KEYS)}"
        )
    members = doc.get("members")
    if not isinstance(members, list):
        raise InvalidInput("members", members, "members are a list of member sheets")
    sheets = tuple(member_sheet(m, path=f"members[{i}]") for i, m in enumerate(members))
    header = {k: doc[k] for k in _REQUEST_KEYS if k in doc and k != "members"}
    if "sheet" not in header:
        raise InvalidInput(
            "sheet", None, "required key 'sheet' is missing (the criteria set number)"
        )
    parsed = _plain_header(header) or structure(header, _RequestHeader)
    return RankRequest(members=sheets, **attrs.asdict(parsed, recurse=False))


def _plain_header(header: dict[str, Any]) -> _RequestHeader | None:
    """The header when every field is plainly valid (the common case, without the converter);
    ``None`` to let the strict converter find the error and its path."""
    sheet, ruleset, as_of = header["sheet"], header.get("ruleset"), header.get("as_of")
    flags, policy, rid = header.get("flags", []), header.get("policy", "majority"), header.get("id")
    if (
        type(sheet) is not int
        or not (ruleset is None or type(ruleset) is str)
        or as_of is not None
        or type(flags) is not list
        or not all(type(f) is str and f.isascii() for f in flags)
        or type(policy) is not str
        or policy not in _POLICIES
        or not (rid is None or type(rid) is str)
    ):
        return None
    return _RequestHeader(
        sheet=sheet,
        ruleset=None if ruleset is None else nfc(ruleset),
        flags=tuple(flags),
        policy=MinimumPolicy(policy),
        id=None if rid is None else nfc(rid),
    )


_POLICIES = frozenset(p.value for p in MinimumPolicy)


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


_DERIVED = (
    "average",
    "parts",
    "to_next_band",
    "explanation",
    "explanation_lang",
    "ocop_version",
    "format_version",
    "id",
)


#: What a result document holds: ``full`` (as ``ocop rank`` prints it) or ``summary``
#: (without each member's answers and without the explanation: the default line of
#: ``ocop rank --jsonl``, whose input already holds the answers).
Detail = Literal["full", "summary"]


def result_to_dict(
    result: RankResult,
    *,
    request_id: str | None = None,
    lang: Lang = "en",
    detail: Detail = "full",
) -> dict[str, Any]:
    """The result document: exact values (``*_exact``) beside their display values.

    ``lang`` chooses the language of ``explanation`` only; every other value is the same.
    ``detail="summary"`` leaves out ``members[].answers``, ``explanation_lang`` and
    ``explanation``.
    """
    raw = unstructure(result)
    members = raw["members"]
    if detail == "summary":
        for member in members:
            del member["answers"]
    elif detail != "full":
        raise InvalidInput("detail", detail, "detail is 'full' or 'summary'")
    doc = result_document(
        request_id=request_id,
        ruleset=result.ruleset,
        sheet=result.sheet,
        policy=raw["policy"],
        status=raw["status"],
        stars=result.stars,
        band_stars=result.band_stars,
        average=result.average,
        parts=result.parts,
        to_next_band=result.to_next_band,
        failed_minimums=raw["failed_minimums"],
        conditions=raw["conditions"],
        members=members,
        rounding=result.rounding,
        caveats=raw["caveats"],
    )
    if detail == "full":
        doc["explanation_lang"] = lang
        doc["explanation"] = list(result.explain(lang))
    return doc


def result_document(
    *,
    request_id: str | None,
    ruleset: str,
    sheet: int,
    policy: str,
    status: str,
    stars: int | None,
    band_stars: int,
    average: Fraction,
    parts: Mapping[str, Fraction],
    to_next_band: Fraction | None,
    failed_minimums: list[dict[str, Any]],
    conditions: list[dict[str, Any]],
    members: list[dict[str, Any]],
    rounding: Rounding,
    caveats: list[str],
) -> dict[str, Any]:
    """The result document's layout and number formats, in one place.

    Used by :func:`result_to_dict` and by the fast summary path of ``ocop rank --jsonl``
    (:mod:`ocop.batch`), so both write the same bytes.
    """
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "ocop_version": __version__}
    if request_id is not None:
        doc["id"] = request_id
    doc.update(
        ruleset=ruleset,
        sheet=sheet,
        policy=policy,
        status=status,
        stars=stars,
        band_stars=band_stars,
        average=str(display(average, rounding)),
        average_exact=format_fraction(average),
        parts={k: str(display(v, rounding)) for k, v in parts.items()},
        parts_exact={k: format_fraction(v) for k, v in parts.items()},
        to_next_band=None if to_next_band is None else str(display(to_next_band, rounding)),
        to_next_band_exact=None if to_next_band is None else format_fraction(to_next_band),
        failed_minimums=failed_minimums,
        conditions=conditions,
        members=members,
        rounding=_rounding_doc(rounding),
        caveats=caveats,
    )
    return doc


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""How ``ocop rank --jsonl`` encodes a line: compact, UTF-8 text as is."""
_STRING: Callable[[str], str] = json.encoder.encode_basestring
"""The encoder's own escaping of a string (with ``ensure_ascii=False``)."""


def summary_line(
    *,
    request_id: str | None,
    ruleset: str,
    sheet: int,
    policy: str,
    stars: int,
    band_stars: int,
    average: Fraction,
    parts: Mapping[str, Fraction],
    to_next_band: Fraction | None,
    failed_minimums: list[dict[str, Any]],
    members: Sequence[tuple[str, int, Mapping[str, int], list[str]]],
    rounding: Rounding,
    caveats: list[str],
) -> str:
    """``_ENCODE(result_document(...))`` of a ranked summary, written without the dict.

    The fast path of ``ocop rank --jsonl`` writes its lines with this; the layout is
    :func:`result_document`'s, and ``tests/test_fast_ranking.py`` checks that both give
    the same bytes. *members* are (name, total, points per part, codes not considered).
    """
    rows = ",".join(
        f'{{"member":{_STRING(name)},"total":{total},"parts":{{'
        + ",".join(f"{_STRING(part)}:{value}" for part, value in points.items())
        + f'}},"not_considered":{_ENCODE(skipped) if skipped else "[]"}}}'
        for name, total, points, skipped in members
    )
    shown = {k: _STRING(str(display(v, rounding))) for k, v in parts.items()}
    exact = {k: _STRING(format_fraction(v)) for k, v in parts.items()}
    return (
        f'{{"format_version":{FORMAT_VERSION},"ocop_version":{_STRING(__version__)},'
        + ("" if request_id is None else f'"id":{_STRING(request_id)},')
        + f'"ruleset":{_STRING(ruleset)},"sheet":{sheet},"policy":{_STRING(policy)},'
        f'"status":"ranked","stars":{stars},"band_stars":{band_stars},'
        f'"average":"{display(average, rounding)}","average_exact":"{format_fraction(average)}",'
        f'"parts":{{{",".join(f"{_STRING(k)}:{v}" for k, v in shown.items())}}},'
        f'"parts_exact":{{{",".join(f"{_STRING(k)}:{v}" for k, v in exact.items())}}},'
        + (
            '"to_next_band":null,"to_next_band_exact":null,'
            if to_next_band is None
            else f'"to_next_band":"{display(to_next_band, rounding)}",'
            f'"to_next_band_exact":"{format_fraction(to_next_band)}",'
        )
        + f'"failed_minimums":{_ENCODE(failed_minimums)},"conditions":[],"members":[{rows}],'
        f'"rounding":{_ENCODE(_rounding_doc(rounding))},"caveats":{_ENCODE(caveats)}}}'
    )


def _rounding_doc(rounding: Rounding) -> dict[str, Any]:
    return {"places": rounding.places, "mode": rounding.mode, "note": rounding.note}


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
    again = result_to_dict(result, request_id=doc.get("id"), lang=lang)
    for key in _DERIVED:
        if key in doc and key != "ocop_version" and doc[key] != again.get(key):
            raise InvalidInput(
                key, doc[key], f"does not agree with the exact values (expected {again.get(key)!r})"
            )
    return result


def ruleset_to_dict(ruleset: RuleSet, *, lang: Lang | None = None) -> dict[str, Any]:
    """The catalogue export document (``ocop criteria export``).

    Top level: ``id``, ``instrument`` (its number), ``sheets``; each sheet ``number``,
    ``name``, ``criteria`` (leaves, in document order); each criterion ``code`` as
    printed, ``part``, ``max_points``, ``options``; each option ``label``, ``points``,
    ``min_stars`` (3, 4, 5 or null). Everything else the catalogue holds is there too.

    Vietnamese (``name``, ``title``) and English (``name_en``, ``title_en``) are always both
    present. With ``lang``, each sheet, part, heading, criterion and classification row also
    gets a ``label`` in that language (falling back to Vietnamese where no English exists);
    codes and values never change with the language.
    """
    raw = unstructure(ruleset)
    instrument = raw.pop("instrument")
    doc: dict[str, Any] = {
        "format": "ocop-catalogue",
        "format_version": FORMAT_VERSION,
        "ocop_version": __version__,
        "id": raw.pop("id"),
        "instrument": instrument["number"],
        "instrument_details": instrument,
        "max_points": ruleset.max_points,
    }
    for sheet_doc, sheet in zip(raw["sheets"], ruleset.sheets, strict=True):
        for crit_doc, crit in zip(sheet_doc["criteria"], sheet.criteria, strict=True):
            crit_doc["mandatory_for"] = list(crit.mandatory_for)
    doc.update(raw)
    if lang is not None:
        _add_labels(doc, lang)
    doc["bands"] = [
        {
            "stars": b.stars,
            "lower": format_fraction(b.lower),
            "upper": None if b.upper is None else format_fraction(b.upper),
            "lower_inclusive": True,
            "upper_inclusive": False,
            "printed": b.printed,
            "source": unstructure(b.source),
        }
        for b in ruleset.bands
    ]
    return doc


def _label(item: dict[str, Any], key: str, lang: Lang) -> None:
    english = item.get(f"{key}_en")
    item["label"] = english if lang == "en" and english else item[key]


def _add_labels(doc: dict[str, Any], lang: Lang) -> None:
    doc["lang"] = lang
    for part in doc["parts"]:
        _label(part, "title", lang)
    for entry in doc["classification"]:
        _label(entry, "name", lang)
    for sheet in doc["sheets"]:
        _label(sheet, "name", lang)
        for node in (*sheet["headings"], *sheet["criteria"]):
            _label(node, "title", lang)


# --------------------------------------------------------------------------- councils

_COUNCIL_KEYS = tuple(f.name for f in attrs.fields(Council))
_MEMBER_KEYS = tuple(f.name for f in attrs.fields(CouncilMember))


def _member_to_dict(member: CouncilMember) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": member.name}
    if member.agency is not None:
        doc["agency"] = member.agency
    if member.role is not None:
        doc["role"] = member.role
    return doc


def council_to_dict(council: Council) -> dict[str, Any]:
    """The council document of *council* (the input of ``ocop council check``).

    ``{"level": "province", "name": "...", "chair": {"name": "...", "agency": "...",
    "role": "..."}, "members": [{"name": "...", "agency": "..."}, ...]}``; ``name``,
    ``agency`` and ``role`` are left out when ``None``, ``members`` is always written.

    >>> from ocop.model import CouncilLevel
    >>> chair = CouncilMember(name="Trần Văn Bình", agency="UBND tỉnh")
    >>> doc = council_to_dict(Council(level=CouncilLevel.PROVINCE, chair=chair))
    >>> doc
    {'level': 'province', 'chair': {'name': 'Trần Văn Bình', 'agency': 'UBND tỉnh'}, 'members': []}
    >>> council_from_dict(doc) == Council(level=CouncilLevel.PROVINCE, chair=chair)
    True
    """
    if not isinstance(council, Council):
        raise InvalidInput("", council, "expected an ocop.Council")
    doc: dict[str, Any] = {"level": council.level.value}
    if council.name is not None:
        doc["name"] = council.name
    doc["chair"] = _member_to_dict(council.chair)
    doc["members"] = [_member_to_dict(m) for m in council.members]
    return doc


def _check_member(raw: object, path: str) -> None:
    member = check_keys(raw, _MEMBER_KEYS, path=path, what="a council member")
    name = member.get("name")
    if isinstance(name, str) and not name.strip():
        raise InvalidInput(f"{path}.name", name, "a member's name must not be empty")


def council_from_dict(doc: Any) -> Council:
    """Read a council document (see :func:`council_to_dict`); errors name the field path.

    Strict like the rank request: an unknown key (``members[2].agencey``), a value of the
    wrong type, an unknown ``level`` or an empty name is an
    :class:`~ocop.errors.InvalidInput`. Text is NFC-normalised. Whether the council meets
    its rule set is :func:`ocop.procedure.check_council`'s question, not this one's.
    """
    check_keys(doc, _COUNCIL_KEYS, path="", what="a council")
    if "chair" in doc:
        _check_member(doc["chair"], "chair")
    members = doc.get("members", [])
    if not isinstance(members, list):
        raise InvalidInput("members", members, "members are a list of council members")
    for i, member in enumerate(members):
        _check_member(member, f"members[{i}]")
    return structure(doc, Council)
