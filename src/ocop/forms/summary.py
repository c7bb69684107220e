"""The council's summary (bảng tổng hợp kết quả đánh giá) of one product.

No decision prints a template for it; this layout is the library's: each member's points per
part and in total, the average (exact fraction and displayed value with the rule set's
rounding), the band, every per-star minimum of the sheet with the members below it and
whether the council met it (as the one pipeline decided), the knock-outs that applied, the
final class, the breaches of the council's operating rules where they were checked, and a
signature block for the members, the secretary and the chair. Every figure comes from the
:class:`~ocop.ranking.RankResult` of :func:`ocop.ranking.rank_request`.
"""

from __future__ import annotations

import attrs

from ocop.criteria import load_ruleset
from ocop.forms._layout import Cell, Document, Para, Row, Signature, Table
from ocop.forms.sheet import marker
from ocop.ranking import RankRequest, RankResult, rank_request
from ocop.ranking.council_rules import NEUTRAL

__all__ = ["BreachRow", "breach_rows", "council_summary_document"]


@attrs.frozen(kw_only=True)
class BreachRow:
    """One breach of the council's operating rules (quy chế hoạt động), as a printed row.

    The council rules themselves are checked elsewhere; the summary prints what it is given.
    """

    rule: str
    """The rule broken, in words (e.g. ``"Chênh lệch tổng điểm giữa các thành viên ≤ 10"``)."""
    members: tuple[str, ...]
    detail: str
    """By how much, or what happened."""
    citation: str
    """The provision of the regulation that states the rule."""


def _exact(value: object) -> str:
    return str(value)


def breach_rows(result: RankResult) -> tuple[BreachRow, ...] | None:
    """The printed rows of *result*'s breaches of its council rules (``None`` when only the
    neutral rules, which check nothing, were applied: the summary then leaves the section
    out)."""
    if result.council_rules == NEUTRAL:
        return None
    rows = []
    for b in result.council_breaches:
        if b.rule == "criterion_spread":
            rule = f"Chênh lệch điểm tiêu chí {b.criterion} giữa các thành viên ≤ {b.limit}"
        else:
            rule = f"Chênh lệch tổng điểm giữa các thành viên ≤ {b.limit}"
        detail = f"{b.actual} điểm (vượt {b.excess})"
        if b.on_breach == "rescore":
            detail += "; chấm lại"
        rows.append(
            BreachRow(
                rule=f"{result.council_rules}: {rule}",
                members=b.members,
                detail=detail,
                citation=str(b.source),
            )
        )
    return tuple(rows)


def council_summary_document(
    source: RankRequest | RankResult,
    *,
    product: str | None = None,
) -> Document:
    """The council's summary of *source* (a request, ranked here by the one pipeline, or
    its result) as a :class:`~ocop.forms.Document`.

    The breaches of the council's operating rules are the result's own
    (:attr:`~ocop.RankResult.council_breaches`, see :func:`breach_rows`).
    """
    result = rank_request(source) if isinstance(source, RankRequest) else source
    if not isinstance(result, RankResult):
        raise TypeError(f"expected an ocop.RankRequest or RankResult, got {type(source).__name__}")
    breaches = breach_rows(result)
    rs = load_ruleset(result.ruleset)
    sheet = rs.sheet(result.sheet)
    parts = [p.code for p in rs.parts]
    rows = [
        Row(
            cells=(
                Cell(text=str(n)),
                Cell(text=m.member),
                *(Cell(text=str(m.parts.get(p, 0)), align="center") for p in parts),
                Cell(text=str(m.total), bold=True, align="center"),
            )
        )
        for n, m in enumerate(result.members, 1)
    ]
    shown = rs.rounding
    rows.append(
        Row(
            kind="total",
            cells=(
                Cell(text=""),
                Cell(text="Điểm trung bình", bold=True),
                *(Cell(text=_exact(result.parts.get(p, 0)), align="center") for p in parts),
                Cell(text=f"{result.average_display} ({_exact(result.average)})", bold=True),
            ),
        )
    )
    members = Table(
        header=("TT", "Thành viên Hội đồng", *(f"Phần {p}" for p in parts), "Tổng điểm"),
        widths=(6, 44, *(12 for _ in parts), 22),
        rows=tuple(rows),
    )
    blocks: list[Para | Table | Signature] = [
        Para(text="BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", style="title"),
        Para(
            text=f"Bộ sản phẩm {sheet.number}: {sheet.name} — {rs.instrument.number}",
            style="subtitle",
            align="center",
        ),
        Para(text=f"Tên sản phẩm: {product or result.id or '…………………………………'}"),
        members,
        Para(
            text=f"Điểm trung bình: {result.average_display} (chính xác: {_exact(result.average)}; "
            f"làm tròn {shown.places} chữ số thập phân, {shown.mode}). Khoảng điểm: "
            f"{result.band_stars} sao.",
        ),
    ]
    failed = {(f.criterion, f.stars): f for f in result.failed_minimums}
    minimum_rows = []
    for crit in sheet.criteria:
        for opt in crit.options:
            if opt.min_stars is None or opt.min_stars > max(result.band_stars, 3):
                continue
            below = tuple(
                m.member
                for m in result.members
                if crit.code not in m.answers
                or crit.option(m.answers[crit.code]).points < opt.points
            )
            met = "Không đạt" if (crit.code, opt.min_stars) in failed else "Đạt"
            minimum_rows.append(
                Row(
                    cells=(
                        Cell(text=crit.code),
                        Cell(text=f"{marker(opt.min_stars)} {opt.label} ({opt.points} điểm)"),
                        Cell(text=", ".join(below) or "—"),
                        Cell(text=met, align="center"),
                    )
                )
            )
    if minimum_rows:
        blocks += [
            Para(
                text=f"Yêu cầu tối thiểu theo hạng sao (đến {max(result.band_stars, 3)} sao; cách "
                f"tính nhiều phiếu: {result.policy.value}):",
                style="heading",
            ),
            Table(
                header=("Tiêu chí", "Mức tối thiểu", "Thành viên chấm dưới mức", "Kết quả"),
                widths=(10, 50, 28, 12),
                rows=tuple(minimum_rows),
            ),
        ]
    blocks.append(Para(text="Điều kiện loại, điều kiện dừng đánh giá:", style="heading"))
    if result.conditions:
        blocks += [
            Para(text=f"{c.text} (áp dụng cho: {', '.join(c.members)})") for c in result.conditions
        ]
    else:
        blocks.append(Para(text="Không có."))
    if breaches is not None:
        blocks.append(Para(text="Vi phạm quy chế hoạt động của Hội đồng:", style="heading"))
        if breaches:
            blocks.append(
                Table(
                    header=("Quy định", "Thành viên", "Mức vi phạm", "Căn cứ"),
                    widths=(30, 25, 20, 25),
                    rows=tuple(
                        Row(
                            cells=(
                                Cell(text=b.rule),
                                Cell(text=", ".join(b.members)),
                                Cell(text=b.detail),
                                Cell(text=b.citation),
                            )
                        )
                        for b in breaches
                    ),
                )
            )
        else:
            blocks.append(Para(text="Không có."))
    final = (
        "Hồ sơ bị loại (không xếp hạng)"
        if result.stars is None
        else f"{result.stars} sao"
        if result.stars >= 3
        else f"{result.stars} sao (chưa đạt hạng OCOP)"
    )
    blocks.append(Para(text=f"Kết quả phân hạng: {final}", style="heading"))
    blocks += [Para(text=c, style="note") for c in result.caveats]
    blocks.append(
        Table(
            header=("Thành viên Hội đồng", "Chữ ký"),
            widths=(60, 40),
            rows=tuple(Row(cells=(Cell(text=m.member), Cell(text=""))) for m in result.members),
        )
    )
    blocks.append(
        Signature(
            title="CHỦ TỊCH HỘI ĐỒNG",
            note="(Ký và ghi rõ họ tên)",
            left=("THƯ KÝ HỘI ĐỒNG", "(Ký và ghi rõ họ tên)"),
        )
    )
    return Document(
        title=f"Bảng tổng hợp — {rs.instrument.number}, bộ sản phẩm {sheet.number}",
        blocks=tuple(blocks),
    )
