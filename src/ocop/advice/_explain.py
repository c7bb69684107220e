"""The advice as sentences, in English or Vietnamese (one phrase book per language)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ocop.errors import InvalidInput
from ocop.ranking.result import display

__all__ = ["exact", "explain_advice"]

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "start": "Now {stars}; target {target}★ ({objective}).",
        "done": "The product already reaches {target}★: nothing to improve.",
        "step": "{i}. Raise criterion {code} ({title}) to option {to!r} ({points} points) "
        "for {members}: +{gain} on the average (exact {exact}).",
        "minimum": "   This meets the {stars}★ minimum of criterion {code}.",
        "evidence": "   Evidence (Phụ lục III, Mẫu số 02): {topic}: {requirement}",
        "no_evidence": "   Phụ lục III lists no evidence for this criterion.",
        "cost": "   Cost: {cost}.",
        "implied": "   Criterion {code} now applies; taken at option {key!r}.",
        "result": "After the {n} change(s): {stars}, average {avg} (exact {exact}).",
        "unreachable": "{target}★ cannot be reached:",
        "reason": "- {text}",
        "stars": "{stars}★",
        "disqualified": "disqualified",
        "fewest_criteria": "fewest criteria raised",
        "cost_objective": "least total cost",
        "total_cost": "Total cost: {cost}.",
        "fixed": "Not raised: {codes}.",
    },
    "vi": {
        "start": "Hiện tại: {stars}; mục tiêu: hạng {target} sao ({objective}).",
        "done": "Sản phẩm đã đạt hạng {target} sao: không cần cải thiện.",
        "step": "{i}. Nâng tiêu chí {code} ({title}) lên phương án {to!r} ({points} điểm) "
        "cho {members}: điểm trung bình tăng {gain} (chính xác {exact}).",
        "minimum": "   Đạt yêu cầu tối thiểu hạng {stars} sao của tiêu chí {code}.",
        "evidence": "   Tài liệu minh chứng (Phụ lục III, Mẫu số 02): {topic}: {requirement}",
        "no_evidence": "   Phụ lục III không nêu tài liệu minh chứng cho tiêu chí này.",
        "cost": "   Chi phí: {cost}.",
        "implied": "   Tiêu chí {code} nay được áp dụng; tính ở phương án {key!r}.",
        "result": "Sau {n} thay đổi: hạng {stars}, điểm trung bình {avg} (chính xác {exact}).",
        "unreachable": "Không thể đạt hạng {target} sao:",
        "reason": "- {text}",
        "stars": "{stars} sao",
        "disqualified": "hồ sơ bị loại",
        "fewest_criteria": "ít tiêu chí phải nâng nhất",
        "cost_objective": "tổng chi phí thấp nhất",
        "total_cost": "Tổng chi phí: {cost}.",
        "fixed": "Không nâng: {codes}.",
    },
}


def exact(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def phrases(lang: str) -> dict[str, str]:
    found = _PHRASES.get(lang) if isinstance(lang, str) else None
    if found is None:
        raise InvalidInput("lang", lang, "explanations are available in 'en' and 'vi'")
    return found


def _stars(p: dict[str, str], stars: int | None) -> str:
    return p["disqualified"] if stars is None else p["stars"].format(stars=stars)


def explain_advice(advice: Any, lang: str) -> tuple[str, ...]:
    """The lines of :meth:`ocop.advice.Advice.explain` (typed loosely: plan imports this)."""
    p = phrases(lang)
    rounding = advice.before.rounding
    objective = p["fewest_criteria" if advice.objective == "fewest_criteria" else "cost_objective"]
    lines = [
        p["start"].format(
            stars=_stars(p, advice.before.stars), target=advice.target, objective=objective
        )
    ]
    if not advice.reachable:
        lines.append(p["unreachable"].format(target=advice.target))
        lines.extend(
            p["reason"].format(text=r.text_vi if lang == "vi" else r.text) for r in advice.reasons
        )
        return tuple(lines)
    if not advice.steps:
        lines.append(p["done"].format(target=advice.target))
    for i, step in enumerate(advice.steps, 1):
        raised = sorted({c.member for c in step.changes if c.criterion == step.criterion})
        title = step.title_en if lang == "en" and step.title_en else step.title
        lines.append(
            p["step"].format(
                i=i,
                code=step.criterion,
                title=title,
                to=step.to,
                points=step.to_points,
                members=", ".join(raised),
                gain=display(step.points, rounding),
                exact=exact(step.points),
            )
        )
        for code in sorted({c.criterion for c in step.changes if c.implied}):
            key = next(c.after for c in step.changes if c.criterion == code)
            lines.append(p["implied"].format(code=code, key=key))
        if step.minimum is not None and step.minimum.required:
            lines.append(p["minimum"].format(stars=step.minimum.stars, code=step.criterion))
        if step.cost is not None:
            lines.append(p["cost"].format(cost=exact(step.cost)))
        if step.evidence is None:
            lines.append(p["no_evidence"])
        else:
            lines.append(
                p["evidence"].format(
                    topic=step.evidence.topic, requirement=step.evidence.requirement
                )
            )
    if advice.result is not None and advice.steps:
        lines.append(
            p["result"].format(
                n=len(advice.steps),
                stars=_stars(p, advice.result.stars),
                avg=advice.result.average_display,
                exact=exact(advice.result.average),
            )
        )
    if advice.total_cost is not None:
        lines.append(p["total_cost"].format(cost=exact(advice.total_cost)))
    if advice.fixed:
        lines.append(p["fixed"].format(codes=", ".join(advice.fixed)))
    return tuple(lines)
