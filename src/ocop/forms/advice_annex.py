"""The advisor's advice as an annex of Mẫu số 02 (the producer's self-assessment report).

Issue 17 asks for Mẫu 02's Phần III "and, where the advisor exists, its advice as an
annex". The annex is ``ocop``'s, not the decision's (Phụ lục III prints no such page, and
says so on the page): :func:`ocop.advise` on the very rank request that Phần III ranks,
one row per improvement it advises (criterion, the producer's option → the advised one,
the points it adds), then the class after them, or why the next class cannot be reached.
It is laid out in the neutral :class:`~ocop.forms.Document` blocks, so HTML, PDF and DOCX
print it alike.
"""

from __future__ import annotations

from ocop.advice import Advice, advise
from ocop.criteria import load_ruleset
from ocop.forms._layout import Block, Cell, Para, Row, Table
from ocop.ranking import RankRequest
from ocop.ranking.result import display

__all__ = ["advice_annex", "advice_rows"]

TITLE = "PHỤ LỤC: ĐỀ XUẤT CẢI THIỆN ĐỂ NÂNG HẠNG SẢN PHẨM"
NOTE = (
    "Phụ lục do ocop lập từ kết quả tự đánh giá ở Phần III (ocop.advise: ít tiêu chí phải "
    "nâng nhất); không thuộc mẫu của Phụ lục III, Quyết định 26/2026/QĐ-TTg."
)
HEADER = ("Tiêu chí", "Phương án hiện tại", "Phương án đề xuất", "Điểm tăng")


def advice_rows(advice: Advice) -> tuple[Row, ...]:
    """One row per advised step: the criterion (code and title), the option the sheet has
    (key, points, label), the option advised, and the points it adds to the average."""
    sheet = load_ruleset(advice.ruleset).sheet(advice.sheet)
    rounding = advice.before.rounding
    rows = []
    for step in advice.steps:
        crit = sheet.criterion(step.criterion)
        befores = sorted({c.before for c in step.changes if c.before is not None})
        now = "; ".join(
            f"{key} ({crit.option(key).points} điểm): {crit.option(key).label}" for key in befores
        )
        rows.append(
            Row(
                cells=(
                    Cell(text=f"{step.criterion}. {step.title}"),
                    Cell(text=now or "(chưa trả lời)"),
                    Cell(text=f"{step.to} ({step.to_points} điểm): {step.to_label}"),
                    Cell(text=f"+{display(step.points, rounding)}", align="right"),
                ),
                kind="plain",
            )
        )
    return tuple(rows)


def advice_annex(request: RankRequest) -> list[Block]:
    """The annex: :func:`ocop.advise` on *request* (the self-assessment ranked in Phần
    III), toward the next class above its result."""
    advice = advise(request)
    before = advice.before
    now = "hồ sơ bị loại" if before.stars is None else f"{before.stars} sao"
    out: list[Block] = [
        Para(text=TITLE, style="heading", align="center"),
        Para(text=NOTE, style="note"),
        Para(
            text=f"Hạng dự kiến theo tự đánh giá: {now}, điểm {before.average_display}; "
            f"mục tiêu: {advice.target} sao."
        ),
    ]
    if advice.reachable and not advice.steps:
        out.append(Para(text="Sản phẩm đã đạt hạng mục tiêu; không cần nâng tiêu chí nào."))
    elif advice.reachable:
        assert advice.result is not None  # a reachable plan has its result
        out.append(Table(header=HEADER, widths=(34, 27, 27, 12), rows=advice_rows(advice)))
        out.append(
            Para(
                text=f"Sau {len(advice.steps)} cải thiện: {advice.result.stars} sao, điểm "
                f"{advice.result.average_display}."
            )
        )
    else:
        out.append(Para(text=f"Không thể đạt hạng {advice.target} sao:"))
        out += [Para(text=f"- {reason.text_vi}") for reason in advice.reasons]
    return out
