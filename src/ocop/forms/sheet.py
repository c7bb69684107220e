"""The score sheet (phiếu đánh giá) of one criteria set, blank or filled with one member's answers.

Laid out as Phụ lục II of 26/2026/QĐ-TTg prints a sheet: the set's name and classification,
the header (product name, product code ``T-X-STT-YYYY``, producer, phone, address), the
knock-out line *Hồ sơ bị loại khi ...* where the sheet has one, then the table *Các tiêu chí
| Thang điểm*: parts, headings, every criterion with its notes and its boxes (□), each box
with its points and its star marker (``***``, ``****``, ``*****``), the total, the legend of
the markers, the member's opinion and the signature. A filled sheet ticks the chosen box
(⊠) and adds a column of the points the member gave, with a total per part; the points come
from the one pipeline (:func:`ocop.ranking.rank_request`), never from a second scorer.

>>> doc = score_sheet_document("qd26-2026", 4)
>>> doc.title
'Phiếu đánh giá — 26/2026/QĐ-TTg, bộ sản phẩm 4: Mật ong, mật khác và nông sản thực phẩm khác'
>>> "□ Sản phẩm được nuôi/trồng trên địa bàn cấp xã từ 75% đến 100%" in doc.text()
True
"""

from __future__ import annotations

import attrs

from ocop._text import nfc
from ocop.certificates import parse_product_code
from ocop.criteria import CriteriaSheet, Criterion, RuleSet, load_ruleset
from ocop.errors import InvalidInput, show
from ocop.forms._layout import BOX, TICKED, Cell, Document, Para, Row, Signature, Table, dots
from ocop.ranking import MemberScore, RankRequest, rank_request

__all__ = ["SheetHeader", "marker", "member_score", "score_sheet_document"]


def _optional_text(value: str | None) -> str | None:
    return None if value is None else nfc(value).strip() or None


def _code(value: str | None) -> str | None:
    text = _optional_text(value)
    if text is not None:
        parse_product_code(text, path="header.code")  # InvalidProductCode naming the field
    return text


@attrs.frozen(kw_only=True)
class SheetHeader:
    """What the head of a sheet asks for; a field left ``None`` prints as a dotted line."""

    product: str | None = attrs.field(default=None, converter=_optional_text)
    code: str | None = attrs.field(default=None, converter=_code)
    """The product code, ``T-X-STT-YYYY`` (checked by :func:`ocop.parse_product_code`)."""
    producer: str | None = attrs.field(default=None, converter=_optional_text)
    phone: str | None = attrs.field(default=None, converter=_optional_text)
    address: str | None = attrs.field(default=None, converter=_optional_text)


def marker(stars: int | None) -> str:
    """The printed star marker of an option: ``"***"`` for 3 stars, ``""`` for none."""
    return "" if stars is None else "*" * stars


def member_score(request: RankRequest, member: str) -> MemberScore:
    """The scores of *member* in *request*, ranked by the one pipeline."""
    wanted = nfc(member)
    result = rank_request(request)
    for score in result.members:
        if score.member == wanted:
            return score
    names = ", ".join(show(m.member) for m in result.members)
    raise InvalidInput("member", member, f"the request has no member of that name; it has {names}")


def _legend(ruleset: RuleSet) -> str | None:
    """The legend of the star markers, where the rule set's citation quotes it."""
    text = ruleset.marker_legend.provision
    first, last = text.find('"'), text.rfind('"')
    return f"Ghi chú: {text[first + 1 : last]}" if 0 <= first < last else None


def _doubts(ruleset: RuleSet, sheet: CriteriaSheet) -> list[Para]:
    """The library's own warnings (not the decision's text): unverified or incomplete sheets."""
    notes = []
    if not sheet.verified:
        why = sheet.verification_note or ruleset.verification_note
        notes.append(f"Lưu ý của ocop (không thuộc văn bản): chưa đối chiếu với văn bản gốc. {why}")
    for gap in sheet.gaps:
        notes.append(
            "Lưu ý của ocop (không thuộc văn bản): bộ tiêu chí này thiếu điểm, không dùng "
            f"để phân hạng được ({gap.points} điểm). {gap.text}"
        )
    return [Para(text=n, style="note") for n in notes]


class _Rows:
    """The rows of the criteria table, built in document order."""

    def __init__(self, ruleset: RuleSet, sheet: CriteriaSheet, score: MemberScore | None) -> None:
        self.ruleset, self.sheet, self.score = ruleset, sheet, score
        self.rows: list[Row] = []
        self.width = 2 if score is None else 3

    def add(self, kind: str, *cells: Cell, group: int | None = None) -> None:
        padded = (*cells, *(Cell(text="") for _ in range(self.width - len(cells))))
        self.rows.append(Row(cells=padded[: self.width], kind=kind, group=group))  # type: ignore[arg-type]

    def part_total(self, code: str) -> None:
        if self.score is None:
            return
        part = next(p for p in self.ruleset.parts if p.code == code)
        self.add(
            "total",
            Cell(text=f"Cộng Phần {code}", bold=True),
            Cell(text=str(part.max_points), bold=True, align="center"),
            Cell(text=str(self.score.parts.get(code, 0)), bold=True, align="center"),
        )

    def criterion(self, crit: Criterion, group: int) -> None:
        score = self.score
        chosen = None if score is None else score.answers.get(crit.code)
        given = ""
        if score is not None:
            if crit.code in score.not_considered:
                given = "0 (không xét)"
            elif chosen is not None:
                given = str(crit.option(chosen).points)
        self.add(
            "criterion",
            Cell(text=f"{crit.code}. {crit.title}", bold=True),
            Cell(text=str(crit.max_points), bold=True, align="center"),
            Cell(text=given, bold=True, align="center"),
            group=group,
        )
        for note in crit.notes:
            if note.kind == "requirement":
                self.add("note", Cell(text=note.text, italic=True), group=group)
        if crit.applies_if is not None:
            self.add("note", Cell(text=crit.applies_if.text, italic=True), group=group)
        if crit.cases_note:
            self.add("note", Cell(text=crit.cases_note, italic=True), group=group)
        cases = {c.key: c.label for c in crit.cases}
        case = None
        for opt in crit.options:
            if opt.case is not None and opt.case != case:
                case = opt.case
                self.add("case", Cell(text=cases.get(case, case), italic=True), group=group)
            box = TICKED if opt.key == chosen else BOX
            label = f"{box} {opt.label}{marker(opt.min_stars)}"
            self.add(
                "option",
                Cell(text=label, indent=1),
                Cell(text=str(opt.points), align="center"),
                group=group,
            )
        printed = {n.text for n in crit.notes if n.kind == "requirement"}
        for note in crit.notes:
            if note.kind == "note" and note.text not in printed:
                self.add("note", Cell(text=note.text, italic=True), group=group)
                printed.add(note.text)
        for cond in self.sheet.conditions:
            if cond.printed_at == crit.code and cond.text not in printed:
                self.add("note", Cell(text=cond.text, italic=True), group=group)

    def build(self) -> list[Row]:
        headings = {h.code: h for h in self.sheet.headings}
        parts = {p.code: p for p in self.ruleset.parts}
        shown: set[str] = set()
        part = None
        for group, crit in enumerate(self.sheet.criteria):
            if crit.part != part:
                if part is not None:
                    self.part_total(part)
                part = crit.part
                p = parts[part]
                self.add(
                    "part",
                    Cell(text=f"Phần {p.code}: {p.title.upper()} ({p.max_points} điểm)", bold=True),
                    Cell(text=str(p.max_points), bold=True, align="center"),
                )
            chain = []
            parent = crit.parent
            while parent is not None and parent not in shown and parent in headings:
                chain.append(headings[parent])
                parent = headings[parent].parent
            for heading in reversed(chain):
                shown.add(heading.code)
                self.add(
                    "heading",
                    Cell(text=f"{heading.code}. {heading.title}", bold=True),
                    Cell(text=str(heading.max_points), bold=True, align="center"),
                )
            self.criterion(crit, group)
        if part is not None:
            self.part_total(part)
        total = "" if self.score is None else str(self.score.total)
        self.add(
            "total",
            Cell(text="TỔNG CỘNG", bold=True),
            Cell(text=str(self.ruleset.max_points), bold=True, align="center"),
            Cell(text=total, bold=True, align="center"),
        )
        return self.rows


def score_sheet_document(
    ruleset: str,
    sheet: int,
    *,
    header: SheetHeader | None = None,
    request: RankRequest | None = None,
    member: str | None = None,
) -> Document:
    """The score sheet *sheet* of rule set *ruleset* as a :class:`~ocop.forms.Document`.

    Blank by default; with a rank *request* and the name of one of its *member*\\ s, filled
    with that member's answers as the pipeline scores them (the request must name the same
    rule set and sheet). A sheet that cannot be ranked (a gap in the sources) still prints
    blank, with the library's note saying why it cannot be ranked.
    """
    rs = load_ruleset(ruleset)
    sh = rs.sheet(sheet)
    head = header if header is not None else SheetHeader()
    score = None
    if (request is None) != (member is None):
        raise InvalidInput("member", member, "a filled sheet needs both a request and a member")
    if request is not None and member is not None:
        if request.sheet != sh.number:
            raise InvalidInput("sheet", request.sheet, f"the request is for sheet {request.sheet}")
        if request.ruleset is not None and load_ruleset(request.ruleset).id != rs.id:
            raise InvalidInput("ruleset", request.ruleset, f"the sheet is of {rs.id}")
        score = member_score(request, member)
    table = Table(
        header=("Các tiêu chí", "Thang điểm", *(() if score is None else ("Điểm chấm",))),
        widths=(80, 12) if score is None else (70, 12, 14),
        rows=tuple(_Rows(rs, sh, score).build()),
    )
    blocks: list[Para | Table | Signature] = [
        Para(text=f"{rs.instrument.number} — {sh.source.provision}", style="small", align="right"),
        Para(text=f"{sh.number}. Bộ sản phẩm: {sh.name}", style="title", align="center"),
    ]
    if sh.printed_classification and sh.printed_classification != sh.name:
        blocks.append(Para(text=f"({sh.printed_classification})", style="subtitle", align="center"))
    blocks += _doubts(rs, sh)
    blocks += [
        Para(text=f"Tên sản phẩm: {dots(head.product)}"),
        Para(text=f"Mã số sản phẩm: {dots(head.code)}"),
    ]
    if rs.id == "qd26-2026":
        blocks.append(
            Para(
                text="T: Mã tỉnh - X: Mã xã - STT: Số Thứ tự sản phẩm do xã lập thống kê - Năm "
                "đánh giá. Mã đơn vị hành chính theo Quyết định số 19/2025/QĐ-TTg ngày 30/6/2025",
                style="small",
            )
        )
    blocks += [
        Para(text=f"Tên chủ thể sản xuất: {dots(head.producer)}"),
        Para(text=f"Số điện thoại: {dots(head.phone)}"),
        Para(text=f"Địa chỉ: {dots(head.address)}"),
    ]
    blocks += [
        Para(text=c.text, style="italic")
        for c in sh.conditions
        if c.printed_at is None and c.trigger == "flag"
    ]
    blocks.append(table)
    legend = _legend(rs)
    if legend is not None and any(c.mandatory_for for c in sh.criteria):
        blocks.append(Para(text=legend, style="note"))
    blocks += [
        Para(text="Ý kiến của người đánh giá:"),
        Para(text=dots(None, width=3)),
        Para(text=dots(None, width=3)),
        Signature(title="Người đánh giá", note="(Ký và ghi rõ họ tên)", name=member),
    ]
    return Document(
        title=f"Phiếu đánh giá — {rs.instrument.number}, bộ sản phẩm {sh.number}: {sh.name}",
        blocks=tuple(blocks),
    )
