"""The advisor's documents: advice (``ocop advise``), what-if (``ocop whatif``), migration
(``ocop migrate``), and the cost table they read (``ocop advise --cost FILE``).

Every result inside them is the rank result document (:func:`result_to_dict`). Exact
numbers travel as strings (``"6/5"``) with display values beside them (``"1.20"``). The
readers are in :mod:`ocop.serialize.advice_read`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ocop._convert import format_fraction
from ocop._version import __version__
from ocop.advice import Advice, Costs, Mapped, Migration, Step, WhatIf
from ocop.criteria.model import Lang
from ocop.errors import InvalidInput, show
from ocop.ranking import RankResult
from ocop.ranking.result import display
from ocop.serialize._json import FORMAT_VERSION, expect
from ocop.serialize.rank import rank_request_to_dict, result_to_dict

__all__ = ["advice_to_dict", "costs_from_dict", "migration_to_dict", "whatif_to_dict"]


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else format_fraction(value)


def _lang(lang: object) -> None:
    if lang not in ("en", "vi"):
        raise InvalidInput("lang", lang, "explanations are available in 'en' and 'vi'")


def _head() -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "ocop_version": __version__}


def _step(step: Step, rounding: Any) -> dict[str, Any]:
    minimum = step.minimum
    evidence = step.evidence
    return {
        "criterion": step.criterion,
        "title": step.title,
        "title_en": step.title_en,
        "to": step.to,
        "to_points": step.to_points,
        "to_label": step.to_label,
        "points": str(display(step.points, rounding)),
        "points_exact": format_fraction(step.points),
        "members": [
            {
                "member": c.member,
                "criterion": c.criterion,
                "before": c.before,
                "after": c.after,
                "implied": c.implied,
            }
            for c in step.changes
        ],
        "minimum": None
        if minimum is None
        else {
            "stars": minimum.stars,
            "option": minimum.option,
            "points": minimum.points,
            "required": minimum.required,
        },
        "cost": _exact(step.cost),
        "source": str(step.source),
        "evidence": None
        if evidence is None
        else {
            "topic": evidence.topic,
            "requirement": evidence.requirement,
            "basis": evidence.basis,
            "source": str(evidence.source),
        },
    }


def advice_to_dict(advice: Advice, *, lang: Lang = "en") -> dict[str, Any]:
    """The advice document: ``before`` (the rank result the advice starts from), ``changes``
    (one per improvement, with ``criterion`` and ``to``), ``result`` (the rank result after
    them, or ``null``), ``reasons`` when unreachable. Read back by
    :func:`ocop.serialize.advice_from_dict`."""
    expect(advice, Advice, "advice_to_dict")
    _lang(lang)
    rounding = advice.before.rounding
    doc = _head()
    if advice.before.id is not None:
        doc["id"] = advice.before.id
    doc.update(
        ruleset=advice.ruleset,
        sheet=advice.sheet,
        target=advice.target,
        objective=advice.objective,
        reachable=advice.reachable,
        stars_before=advice.before.stars,
        average_before=str(advice.before.average_display),
        average_before_exact=format_fraction(advice.before.average),
        before=result_to_dict(advice.before, lang=lang),
        changes=[_step(s, rounding) for s in advice.steps],
        result=None if advice.result is None else result_to_dict(advice.result, lang=lang),
        reasons=[
            {
                "code": r.code,
                "text": r.text,
                "text_vi": r.text_vi,
                "criterion": r.criterion,
                "stars": r.stars,
            }
            for r in advice.reasons
        ],
        total_cost=_exact(advice.total_cost),
        above_needed=_exact(advice.above_needed),
        fixed=list(advice.fixed),
        notes=list(advice.notes),
        explanation_lang=lang,
        explanation=list(advice.explain(lang)),
    )
    return doc


def whatif_to_dict(whatif: WhatIf, *, lang: Lang = "en") -> dict[str, Any]:
    """The what-if document: the request (``original_request``), the changed request
    (``request``), both results and the differences (read back by
    :func:`ocop.serialize.whatif_from_dict`)."""
    expect(whatif, WhatIf, "whatif_to_dict")
    _lang(lang)
    doc = _head()
    doc.update(
        original_request=rank_request_to_dict(whatif.request),
        request=rank_request_to_dict(whatif.changed),
        before=result_to_dict(whatif.before, lang=lang),
        after=result_to_dict(whatif.after, lang=lang),
        differences=[
            {
                "field": d.field,
                "before": d.before,
                "after": d.after,
                "newly_failed": list(d.newly_failed),
                "newly_met": list(d.newly_met),
            }
            for d in whatif.differences
        ],
        explanation_lang=lang,
        explanation=list(whatif.explain(lang)),
    )
    return doc


def _result(result: RankResult | None, lang: Lang) -> dict[str, Any] | None:
    return None if result is None else result_to_dict(result, lang=lang)


def _mapped(mapped: Mapped) -> dict[str, Any]:
    return {"entry": mapped.entry, "reason": mapped.reason, "members": list(mapped.members)}


def migration_to_dict(migration: Migration, *, lang: Lang = "en") -> dict[str, Any]:
    """The migration document: what carried over, the open questions, the rankings (read
    back by :func:`ocop.serialize.migration_from_dict`)."""
    expect(migration, Migration, "migration_to_dict")
    _lang(lang)
    doc = _head()
    doc.update(
        from_ruleset=migration.from_ruleset,
        from_sheet=migration.from_sheet,
        to_ruleset=migration.to_ruleset,
        to_sheet=migration.to_sheet,
        carried=[
            {
                "criterion": c.criterion,
                "from_criterion": c.from_criterion,
                "members": c.members,
                "mapping": None if c.mapping is None else _mapped(c.mapping),
                "mapped": [_mapped(m) for m in c.mapped],
            }
            for c in migration.carried
        ],
        questions=[
            {
                "criterion": q.criterion,
                "title": q.title,
                "title_en": q.title_en,
                "reason": q.reason,
                "members": list(q.members),
                "previous": [
                    {
                        "member": p.member,
                        "criterion": p.criterion,
                        "option": p.option,
                        "label": p.label,
                    }
                    for p in q.previous
                ],
            }
            for q in migration.questions
        ],
        dropped=list(migration.dropped),
        dropped_flags=list(migration.dropped_flags),
        request=rank_request_to_dict(migration.request),
        before=_result(migration.before, lang),
        result=_result(migration.result, lang),
        lowest=_result(migration.lowest, lang),
        highest=_result(migration.highest, lang),
        advice=None if migration.advice is None else advice_to_dict(migration.advice, lang=lang),
        notes=list(migration.notes),
    )
    return doc


#: A cost written as a string: a non-negative integer, decimal or fraction (the ``costs``
#: schema's pattern; no sign, exponent or spaces, which :class:`~fractions.Fraction` would take).
_COST_TEXT = re.compile(r"[0-9]+(/[0-9]*[1-9][0-9]*|\.[0-9]+)?")


def _cost(path: str, value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(
            path,
            value,
            f'a cost is an integer or an exact number as a string ("12.5"), got {show(value)}',
        )
    if isinstance(value, str) and not _COST_TEXT.fullmatch(value):
        raise InvalidInput(
            path,
            value,
            f'a cost is a non-negative exact number such as "20", "12.5" or "25/2", '
            f"got {show(value)}",
        )
    if isinstance(value, int) and value < 0:
        raise InvalidInput(path, value, "a cost cannot be negative")
    try:
        return Fraction(value)
    except ValueError:  # more digits than Python converts
        raise InvalidInput(path, value, "a cost has too many digits") from None


def costs_from_dict(doc: Any) -> Costs:
    """Read a cost table: ``{"default": 1 | "2.5" | null, "criteria": {"3.5": 20,
    "1.5": {"c": 5, "d": 12}, "3.2": null}}``. ``default`` is required (``null``: only the
    listed criteria may be raised); a criterion's ``null`` means it is never raised."""
    if not isinstance(doc, Mapping):
        raise InvalidInput("", doc, "a cost table is a JSON object")
    for key in doc:
        if key not in ("default", "criteria"):
            raise InvalidInput(key, doc[key], "unknown key; a cost table has default, criteria")
    if "default" not in doc:
        raise InvalidInput("default", None, "required key 'default' is missing (a cost or null)")
    table = doc.get("criteria", {})
    if not isinstance(table, Mapping):
        raise InvalidInput("criteria", table, "criteria map a criterion code to a cost")
    criteria: dict[str, Fraction | Mapping[str, Fraction] | None] = {}
    for code, entry in table.items():
        path = f"criteria[{code!r}]"
        if isinstance(entry, Mapping):
            options: dict[str, Fraction] = {}
            for key, value in entry.items():
                cost = _cost(f"{path}[{key!r}]", value)
                if cost is None:
                    continue  # an option without a cost is never reached
                options[key] = cost
            criteria[code] = options
        else:
            criteria[code] = _cost(path, entry)
    return Costs(default=_cost("default", doc["default"]), criteria=criteria)
