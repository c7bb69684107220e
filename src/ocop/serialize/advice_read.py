"""Reading the advisor's documents back: advice, what-if and migration (the output of
``ocop advise``, ``ocop whatif`` and ``ocop migrate``, written by :mod:`ocop.serialize.advice`).

Each reader is strict, as every reader of :mod:`ocop.serialize` is: an unknown or missing
key, a value of the wrong type, or a value that does not agree with the others is an
:class:`~ocop.errors.InvalidInput` naming its path from the document's root
(``changes[0].members[2].after``, ``result.members[1].total``). What the document holds is
read; what it derives is computed again and compared, never taken on trust:

* every rank result inside (``before``, ``result``, ...) is read by
  :func:`~ocop.serialize.result_from_dict`, which ranks its answers again and refuses a
  hand-edited result; a request by :func:`~ocop.serialize.rank_request_from_dict`;
* an advice's steps are replayed: each step's member changes are applied to the answers of
  ``before`` in order, the product is ranked again after each, and the step's ``points``
  must be what it adds to the average; the answers after the last step must be those of
  ``result``. A step's title, option, citation and evidence are the catalogue's;
  ``above_needed``, ``total_cost``, the display values and the explanation are computed
  again;
* a what-if's results must be the rankings of its two requests, and its differences
  theirs; a migration's ``result`` the ranking of its ``request``, its ``advice`` read by
  :func:`advice_from_dict`.

So a document read back equals the object written (``advice_from_dict(advice_to_dict(a))
== a``), and a document that reads is one the advisor could have written. ``ocop_version``
is not compared: a document written by another version reads if its contents agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar

import attrs

import ocop.serialize._advice_check as _c
from ocop._convert import check_keys, join_path, structure
from ocop.advice import (
    Advice,
    Carried,
    Difference,
    Migration,
    Question,
    Reason,
    WhatIf,
)
from ocop.advice.migrate import mapping_reason
from ocop.advice.whatif import differences
from ocop.errors import InvalidInput, show
from ocop.ranking import rank_request
from ocop.serialize._json import FORMAT_VERSION
from ocop.serialize.advice import advice_to_dict, migration_to_dict, whatif_to_dict

__all__ = ["advice_from_dict", "migration_from_dict", "whatif_from_dict"]

T = TypeVar("T")

_ADVICE_KEYS = (
    *("format_version", "ocop_version", "id", "ruleset", "sheet", "target", "objective"),
    *("reachable", "stars_before", "average_before", "average_before_exact", "before"),
    *("changes", "result", "reasons", "total_cost", "above_needed", "fixed", "notes"),
    *("explanation_lang", "explanation"),
)
_WHATIF_KEYS = (
    *("format_version", "ocop_version", "original_request", "request", "before", "after"),
    *("differences", "explanation_lang", "explanation"),
)
_MIGRATION_KEYS = (
    *("format_version", "ocop_version", "from_ruleset", "from_sheet", "to_ruleset"),
    *("to_sheet", "carried", "questions", "dropped", "dropped_flags", "request", "before"),
    *("result", "lowest", "highest", "advice", "notes"),
)


def _head(doc: object, keys: Sequence[str], path: str, what: str) -> Mapping[str, Any]:
    body = check_keys(doc, keys, path=path, what=what)
    missing = [k for k in keys if k not in body and k != "id"]
    if missing:
        raise InvalidInput(join_path(path, missing[0]), None, f"required key {missing[0]!r}")
    version = body["format_version"]
    if type(version) is not int or version != FORMAT_VERSION:
        raise InvalidInput(join_path(path, "format_version"), version, f"expected {FORMAT_VERSION}")
    if not isinstance(body["ocop_version"], str):
        raise InvalidInput(join_path(path, "ocop_version"), body["ocop_version"], "a string")
    return body


def _plain(value: Any) -> Any:
    """*value* without its ``ocop_version`` keys (nested documents included)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if k != "ocop_version"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _agree(doc: Mapping[str, Any], again: Mapping[str, Any], path: str) -> None:
    """*doc* is what the writer writes again from what was read (``ocop_version`` aside):
    a key it derives (a display value, a title, an explanation) that disagrees is refused."""
    for key in again:
        if key not in doc:
            raise InvalidInput(join_path(path, key), None, f"required key {key!r} is missing")
        if key != "ocop_version" and _plain(doc[key]) != _plain(again[key]):
            raise InvalidInput(
                join_path(path, key),
                doc[key],
                f"does not agree with the rest of the document (expected {show(again[key])})",
            )


def _lang(doc: Mapping[str, Any], path: str) -> Any:
    lang = doc["explanation_lang"]
    if lang not in ("en", "vi"):
        raise InvalidInput(join_path(path, "explanation_lang"), lang, "expected 'en' or 'vi'")
    return lang


def advice_from_dict(doc: Any, *, path: str = "") -> Advice:
    """Read an advice document (``ocop advise``; :func:`~ocop.serialize.advice_to_dict`)
    strictly, checking what it derives (see the module's text); *path* prefixes the
    errors' paths (``advice.``… inside a migration)."""
    if not isinstance(path, str):
        raise InvalidInput("path", type(path).__name__, "the path of a document is a string")
    body = _head(doc, _ADVICE_KEYS, path, "an advice document")
    lang = _lang(body, path)
    before = _c.read_ranked(body, "before", path)
    ruleset, sheet = before.ruleset, before.sheet
    with _c.under(path):
        fields = structure(
            {k: body[k] for k in ("ruleset", "sheet", "target", "objective", "reachable")},
            _AdviceHead,
        )
    steps = tuple(
        _c.read_step(item, f"{join_path(path, 'changes')}[{i}]", ruleset, sheet)
        for i, item in enumerate(_c.listed(body, "changes", path))
    )
    advice = Advice(
        ruleset=fields.ruleset,
        sheet=fields.sheet,
        target=fields.target,
        objective=fields.objective,
        reachable=fields.reachable,
        before=before,
        steps=steps,
        result=_c.read_result(body, "result", path),
        reasons=_c.read_items(body, "reasons", Reason, path),
        total_cost=_c.read_exact(body, "total_cost", path),
        above_needed=_c.read_exact(body, "above_needed", path),
        fixed=_c.read_texts(body, "fixed", path),
        notes=_c.read_texts(body, "notes", path),
    )
    if advice.target not in (1, 2, 3, 4, 5):
        raise InvalidInput(join_path(path, "target"), advice.target, "a class from 1 to 5")
    _c.check_advice(advice, path)
    _agree(body, advice_to_dict(advice, lang=lang), path)
    return advice


@attrs.frozen(kw_only=True)
class _AdviceHead:
    ruleset: str
    sheet: int
    target: int
    objective: Literal["fewest_criteria", "cost"]
    reachable: bool


def whatif_from_dict(doc: Any) -> WhatIf:
    """Read a what-if document (``ocop whatif``; :func:`~ocop.serialize.whatif_to_dict`):
    ``before`` and ``after`` must be the rankings of ``original_request`` and ``request``,
    and ``differences`` and the explanation theirs."""
    body = _head(doc, _WHATIF_KEYS, "", "a what-if document")
    lang = _lang(body, "")
    request, changed = (
        _c.read_request(body, "original_request", ""),
        _c.read_request(body, "request", ""),
    )
    before, after = _c.read_ranked(body, "before", ""), _c.read_ranked(body, "after", "")
    for key, name, req, res in (
        ("before", "original_request", request, before),
        ("after", "request", changed, after),
    ):
        with _c.under(name):
            again = rank_request(req)
        if again != res:
            raise InvalidInput(key, res.stars, f"is not the ranking of {name}")
    # the differences' shape here; their values are compared with the writer's below
    _c.read_items(body, "differences", Difference, "")
    whatif = WhatIf(
        request=request,
        changed=changed,
        before=before,
        after=after,
        differences=differences(before, after),
    )
    _agree(body, whatif_to_dict(whatif, lang=lang), "")
    return whatif


def migration_from_dict(doc: Any) -> Migration:
    """Read a migration document (``ocop migrate``; :func:`~ocop.serialize.migration_to_dict`):
    its results through :func:`~ocop.serialize.result_from_dict`, its advice through
    :func:`advice_from_dict`; ``result``, when given, must be the ranking of ``request``."""
    body = _head(doc, _MIGRATION_KEYS, "", "a migration document")
    request = _c.read_request(body, "request", "")
    advice = None if body["advice"] is None else advice_from_dict(body["advice"], path="advice")
    result = _c.read_result(body, "result", "")
    migration = Migration(
        from_ruleset=structure(body["from_ruleset"], str, path="from_ruleset"),
        from_sheet=structure(body["from_sheet"], int, path="from_sheet"),
        to_ruleset=structure(body["to_ruleset"], str, path="to_ruleset"),
        to_sheet=structure(body["to_sheet"], int, path="to_sheet"),
        carried=_c.read_items(body, "carried", Carried, ""),
        questions=_c.read_items(body, "questions", Question, ""),
        dropped=_c.read_texts(body, "dropped", ""),
        dropped_flags=_c.read_texts(body, "dropped_flags", ""),
        request=request,
        before=_c.read_result(body, "before", ""),
        result=result,
        lowest=_c.read_result(body, "lowest", ""),
        highest=_c.read_result(body, "highest", ""),
        advice=advice,
        notes=_c.read_texts(body, "notes", ""),
    )
    _check_mapped(migration)
    if (result is None) != bool(migration.questions):
        raise InvalidInput("result", None if result is None else result.stars, _OPEN)
    if (migration.lowest is None) == bool(migration.questions) or (
        migration.highest is None
    ) == bool(migration.questions):
        raise InvalidInput("lowest", None, _OPEN)
    if result is not None:
        with _c.under("request"):
            again = rank_request(request)
        if again != result:
            raise InvalidInput("result", result.stars, "is not the ranking of request")
    if request.sheet != migration.to_sheet:
        raise InvalidInput("to_sheet", migration.to_sheet, "is not the request's sheet")
    _agree(body, migration_to_dict(migration, lang=_nested_lang(body)), "")
    return migration


def _check_mapped(migration: Migration) -> None:
    for i, carried in enumerate(migration.carried):
        named = [("mapping", carried.mapping)] if carried.mapping is not None else []
        named += [(f"mapped[{j}]", m) for j, m in enumerate(carried.mapped)]
        for where, mapped in named:
            if mapping_reason(mapped.entry) != mapped.reason:
                raise InvalidInput(
                    f"carried[{i}].{where}.entry",
                    mapped.entry,
                    "is not an entry of the carry-over table with that reason",
                )


def _nested_lang(body: Mapping[str, Any]) -> Any:
    """The language of a migration's explanations: its results' (the writer's *lang*)."""
    for key in ("before", "result", "lowest", "highest", "advice"):
        if isinstance(body[key], Mapping) and body[key].get("explanation_lang") in ("en", "vi"):
            return body[key]["explanation_lang"]
    return "en"


_OPEN = "a migration with open questions is ranked lowest and highest; without, it has a result"
