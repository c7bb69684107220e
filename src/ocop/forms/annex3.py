"""The dossier forms of Phụ lục III of 26/2026/QĐ-TTg, filled from a :class:`DossierInput`.

* Mẫu số 01: Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP (:func:`registration_document`);
* Mẫu số 02: Báo cáo tự đánh giá về sản phẩm (:func:`self_assessment_document`), whose
  Phần III lists the product's criteria set with the producer's points, ranked by the one
  pipeline, and beside each criterion the rows of the decision's evidence table that serve
  it (:mod:`ocop.forms.evidence`); after it, ``ocop``'s own annex, the advisor's advice on
  that self-assessment (:mod:`ocop.forms.advice_annex`);
* Mẫu số 03: Báo cáo đánh giá một số nội dung của hồ sơ (:func:`commune_report_document`).

The wording is the decision's; a field the input leaves out prints as a dotted line.
"""

from __future__ import annotations

from ocop.criteria import load_ruleset
from ocop.forms._layout import BOX, TICKED, Cell, Document, Para, Row, Signature, Table, dots
from ocop.forms.advice_annex import advice_annex
from ocop.forms.dossier import FORMS_RULESET, DossierInput
from ocop.forms.evidence import EVIDENCE, SOURCE, evidence_for
from ocop.forms.sheet import member_score
from ocop.ranking import RankRequest, rank_request

__all__ = [
    "commune_report_document",
    "registration_document",
    "self_assessment_document",
    "self_assessment_request",
]

NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
SIGN_DATE = "........, ngày........tháng........năm......"


def _box(ticked: bool) -> str:  # noqa: FBT001
    return TICKED if ticked else BOX


def _nation() -> list[Para]:
    return [
        Para(text=NATION[0], style="subtitle", align="center"),
        Para(text=NATION[1], style="subtitle", align="center"),
    ]


def _classification(d: DossierInput) -> str:
    rows = load_ruleset(FORMS_RULESET).classify(d.product.sheet)
    return " - ".join(f"{e.code} {e.name}" for e in rows)


def registration_document(d: DossierInput) -> Document:
    """Mẫu số 01: Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP."""
    a, r = d.applicant, d.representative
    year = str(d.year) if d.year is not None else None
    kinds = {k: _box(d.kind == k) for k in ("first", "upgrade", "reranking")}
    receipt: list[Para | Table | Signature] = [
        Para(text="Phiếu số: ……-……. /PĐK- (Mã tỉnh) - (Mã xã) - (Năm)"),
        Para(text="Ngày nhận: " + dots(None, width=2)),
        Para(text="Người tiếp nhận: …………………………………….. Chữ ký: …………………………"),
        Signature(title="Cơ quan tiếp nhận", note="(Ký, đóng dấu và ghi rõ họ tên)", place_date=""),
    ]
    blocks: list[Para | Table | Signature] = [
        Para(text="Mẫu số 01", style="small", align="right"),
        *_nation(),
        Para(text="PHIẾU ĐĂNG KÝ", style="title", align="center"),
        Para(
            text=f"Tham gia đánh giá, phân hạng sản phẩm OCOP của tỉnh {dots(d.province)} "
            f"năm {dots(year)}",
            style="subtitle",
            align="center",
        ),
        Para(text="1. Thông tin về đơn vị đăng ký:"),
        Para(text=f"- Tên đơn vị: {a.name}"),
        Para(text=f"- Họ tên người đại diện pháp lý: {dots(r.name)}"),
        Para(text=f"- Chức vụ: {dots(r.position)}"),
        Para(text=f"- Địa chỉ liên hệ: {dots(a.address)}"),
        Para(text=f"- Điện thoại: {dots(a.phone)} Email: {dots(a.email)}"),
        Para(text=f"2. Tên sản phẩm: {d.product.name}"),
        Para(text=f"3. Nhóm sản phẩm đăng ký (Ngành, Nhóm, Phân nhóm¹): {_classification(d)}"),
        Para(
            text=f"4. Lần đăng ký đánh giá: Lần đầu {kinds['first']} Nâng hạng: "
            f"{kinds['upgrade']} Đánh giá lại: {kinds['reranking']}"
        ),
        Para(text="5. Tài liệu kèm theo:"),
        Para(text="- Báo cáo đánh giá về sản phẩm theo Bộ tiêu chí (bản gốc, bản điện tử)."),
        Para(text=f"- Sản phẩm mẫu (số lượng): {dots(d.product.samples)}"),
        Para(
            text="Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật, chúng tôi xin "
            "cam kết tuân thủ các quy định về đánh giá, phân hạng sản phẩm OCOP, chịu trách "
            "nhiệm trước Hội đồng và pháp luật về Hồ sơ đăng ký đánh giá, phân hạng sản phẩm."
        ),
        Signature(
            title="ĐẠI DIỆN",
            note="(Ký, đóng dấu, ghi rõ họ tên)",
            place_date=SIGN_DATE,
            name=r.name,
        ),
        Para(
            text="¹ Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, phân hạng "
            "sản phẩm OCOP.",
            style="small",
        ),
        Para(text="PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ", style="heading", align="center"),
        Para(text="DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ", style="heading"),
        *receipt,
        Para(text="DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH", style="heading"),
        *receipt,
    ]
    return Document(title=f"Mẫu số 01 — Phiếu đăng ký: {d.product.name}", blocks=tuple(blocks))


def self_assessment_request(d: DossierInput) -> RankRequest | None:
    """The producer's self-assessment (Phần III of Mẫu số 02) as a one-sheet rank request,
    or ``None`` when the input has none."""
    if d.self_assessment is None:
        return None
    return RankRequest(
        sheet=d.product.sheet,
        ruleset=FORMS_RULESET,
        members=[{"member": d.applicant.name, "answers": dict(d.self_assessment)}],
    )


def _part_three(d: DossierInput) -> list[Para | Table | Signature]:
    rs = load_ruleset(FORMS_RULESET)
    sheet = rs.sheet(d.product.sheet)
    score = result = None
    request = self_assessment_request(d)
    if request is not None:
        result = rank_request(request)
        score = member_score(request, d.applicant.name)
    rows = []
    for crit in sheet.criteria:
        points = ""
        if score is not None:
            key = score.answers.get(crit.code)
            points = "0" if key is None else str(crit.option(key).points)
            if key is not None:
                points += f" ({crit.option(key).label})"
        rows.append(
            Row(
                cells=(
                    Cell(text=f"{crit.code}. {crit.title}"),
                    Cell(text=str(crit.max_points), align="center"),
                    Cell(text=points),
                    Cell(text="; ".join(evidence_for(sheet, crit))),
                ),
            )
        )
    out: list[Para | Table | Signature] = [
        Para(
            text=f"Bộ tiêu chí: {rs.instrument.number}, {sheet.source.provision} — "
            f"Bộ sản phẩm {sheet.number}: {sheet.name}",
            style="note",
        ),
        Table(
            header=("Tiêu chí", "Thang điểm", "Điểm tự đánh giá", "Tài liệu minh chứng"),
            widths=(40, 10, 25, 25),
            rows=tuple(rows),
        ),
    ]
    if score is not None and result is not None:
        parts = ", ".join(f"Phần {k}: {v}" for k, v in score.parts.items())
        stars = "hồ sơ bị loại" if result.stars is None else f"{result.stars} sao"
        out.append(
            Para(text=f"Tổng điểm tự đánh giá: {score.total} ({parts}); hạng dự kiến: {stars}.")
        )
    out.append(
        Para(
            text="Cột «Tài liệu minh chứng» ghép các dòng của bảng hướng dẫn dưới đây với tiêu "
            f"chí theo cách đọc của ocop ({SOURCE.provision} không ghép theo từng tiêu chí).",
            style="note",
        )
    )
    return out


def self_assessment_document(d: DossierInput) -> Document:
    """Mẫu số 02: Báo cáo tự đánh giá về sản phẩm (Phần III filled from ``self_assessment``)."""
    a, r, c = d.applicant, d.representative, d.checklist
    founded = a.founded.strftime("%d/%m/%Y") if a.founded is not None else None
    blocks: list[Para | Table | Signature] = [
        Para(text="Mẫu số 02", style="small", align="right"),
        Para(text="BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM", style="title", align="center"),
        Para(text="(Dành cho chủ thể có sản phẩm đăng ký)", style="italic", align="center"),
        Para(text="Phần I", style="heading", align="center"),
        Para(text="THÔNG TIN CHUNG", style="heading", align="center"),
        Para(text=f"1. Tên chủ thể: {a.name}"),
        Para(text=f"2. Loại hình tổ chức: {dots(a.kind)}"),
        Para(text=f"3. Địa chỉ: {dots(a.address)}"),
        Para(text=f"4. Điện thoại: {dots(a.phone)} Email: {dots(a.email)}"),
        Para(text="5. Tên người đại diện pháp luật:"),
        Para(text=f"- Họ tên: {dots(r.name)}"),
        Para(text=f"- Giới tính: {dots(r.gender)} (Nam/nữ); Dân tộc: {dots(r.ethnicity)}"),
        Para(text=f"- Địa chỉ thường trú: {dots(r.residence)}"),
        Para(
            text=f"6. Ngày thành lập/đăng ký kinh doanh: {dots(founded)} Số giấy đăng ký "
            f"(nếu có): {dots(a.registration)}"
        ),
        Para(text="7. Tên sản phẩm/dịch vụ, mô tả về quy cách sản phẩm, tiêu chuẩn:"),
        Para(text=f"{d.product.name}. {dots(d.product.description, width=2)}"),
        Para(text="Đánh dấu (√) vào mục tương ứng:"),
        Para(text=f"a) Giấy đăng ký kinh doanh: {_box(c.business_registration)}"),
        Para(text=f"b) Đã công bố chất lượng sản phẩm theo quy định: {_box(c.quality_declared)}"),
        Para(text="c) Đã có các điều kiện sản xuất theo quy định:"),
        Para(
            text="- Giấy chứng nhận cơ sở đủ điều kiện vệ sinh an toàn thực phẩm theo quy định "
            f"của pháp luật cho sản xuất sản phẩm: {_box(c.food_safety_certificate)}"
        ),
        Para(
            text="- Giấy chứng nhận cơ sở đủ điều kiện sản xuất bắt buộc theo quy định cho sản "
            f"phẩm (đối với các sản phẩm bắt buộc theo quy định) {_box(c.production_certificate)}"
        ),
        Para(text=f"d) Đã có đăng ký sở hữu trí tuệ: {_box(c.intellectual_property)}"),
        Para(text=f"+ Giấy chứng nhận đăng ký nhãn hiệu: {_box(c.trademark)}"),
        Para(
            text="+ Văn bản ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu "
            f"chứng nhận: {_box(c.collective_rights)}"
        ),
        Para(text=f"+ Bằng sáng chế {_box(c.patent)}"),
        Para(text=f"+ Bằng độc quyền kiểu dáng công nghiệp: {_box(c.industrial_design)}"),
        Para(text=f"+ Giấy chứng nhận bản quyền tác giả {_box(c.copyright)}"),
        Para(text=f"+ Khác (ghi rõ):{_box(c.other is not None)} {c.other or ''}".rstrip()),
        Para(
            text="8. Lịch sử hình thành của chủ thể (nêu các giai đoạn hình thành và phát triển):"
        ),
        Para(text=dots(d.history, width=3)),
        Para(text="9. Cơ cấu tổ chức của chủ thể:"),
        Para(text=dots(d.organisation, width=3)),
        Para(text="Phần II", style="heading", align="center"),
        Para(
            text="KẾT QUẢ THỰC HIỆN PHƯƠNG ÁN SẢN XUẤT KINH DOANH", style="heading", align="center"
        ),
        Para(text=dots(d.business_results, width=3)),
        Para(text="Phần III", style="heading", align="center"),
        Para(
            text="ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
            style="heading",
            align="center",
        ),
        Para(
            text="- Căn cứ vào Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP tương ứng với sản "
            "phẩm đăng ký, chủ thể tự đánh giá về kết quả (điểm số) có thể đạt theo thứ tự "
            "từng tiêu chí."
        ),
        Para(
            text="- Mô tả, chứng minh về kết quả tương ứng (mô tả, tài liệu minh chứng cho nội "
            "dung mô tả, được sắp xếp theo thứ tự các chỉ tiêu trong Bộ tiêu chí)."
        ),
        *_part_three(d),
        Para(
            text="- Tài liệu minh chứng kèm theo vào phụ lục của Báo cáo, tham khảo hướng dẫn "
            "theo bảng dưới đây:"
        ),
        Table(
            header=("TT", "Nội dung", "Yêu cầu"),
            widths=(6, 34, 60),
            rows=tuple(
                Row(cells=(Cell(text="-"), Cell(text=row), Cell(text=need)))
                for row, need, _ in EVIDENCE
            ),
        ),
        Para(text="Phần IV", style="heading", align="center"),
        Para(text="KẾ HOẠCH SẢN XUẤT, KINH DOANH", style="heading", align="center"),
        Para(text=dots(d.plan, width=3)),
        Signature(
            title="ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ",
            note="(Ký, họ tên, đóng dấu)",
            place_date=SIGN_DATE,
            name=r.name,
        ),
    ]
    request = self_assessment_request(d)
    if request is not None:
        blocks += advice_annex(request)
    return Document(
        title=f"Mẫu số 02 — Báo cáo tự đánh giá: {d.product.name}", blocks=tuple(blocks)
    )


def commune_report_document(d: DossierInput) -> Document:
    """Mẫu số 03: Báo cáo đánh giá một số nội dung của hồ sơ đăng ký (by the commune)."""
    a, r, c = d.applicant, d.representative, d.commune_report
    commune = c.commune or "…"
    province = c.province or d.province or "…"
    return Document(
        title=f"Mẫu số 03 — Báo cáo của xã: {d.product.name}",
        blocks=(
            Para(text="Mẫu số 03", style="small", align="right"),
            Para(text=f"ỦY BAN NHÂN DÂN XÃ/PHƯỜNG {commune}", style="subtitle"),
            *_nation(),
            Para(text="BÁO CÁO", style="title", align="center"),
            Para(
                text="Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng "
                "sản phẩm OCOP",
                style="subtitle",
                align="center",
            ),
            Para(text="I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM", style="heading"),
            Para(text=f"1. Tên chủ thể: {a.name}"),
            Para(text=f"2. Loại hình tổ chức: {dots(a.kind)}"),
            Para(text=f"3. Địa chỉ: {dots(a.address)}"),
            Para(text="4. Tên người đại diện pháp luật:"),
            Para(text=f"- Họ tên: {dots(r.name)}"),
            Para(text=f"- Giới tính: {dots(r.gender)} (Nam/nữ); Dân tộc: {dots(r.ethnicity)}"),
            Para(text=f"- Địa chỉ thường trú: {dots(r.residence)}"),
            Para(text=f"5. Sản phẩm đăng ký đánh giá: {d.product.name}"),
            Para(text="II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM", style="heading"),
            Para(
                text="1. Về sử dụng nguyên liệu địa phương: (Nội dung thể hiện rõ mô tả của "
                "chủ thể và đánh giá về tình hình sử dụng nguyên liệu thực tế của chủ thể trên "
                "địa bàn xã)."
            ),
            Para(text=dots(c.raw_materials, width=3)),
            Para(
                text="2. Về sử dụng lao động địa phương: (Nội dung thể hiện rõ mô tả của "
                "chủ thể và đánh giá về tình hình sử dụng thực tế về lao động địa phương của chủ "
                "thể trên địa bàn xã)."
            ),
            Para(text=dots(c.labour, width=3)),
            Para(
                text="3. Nguồn gốc ý tưởng sản phẩm: (Nhận xét về nguồn gốc sản phẩm "
                "(truyền thống, sản phẩm mới) của chủ thể dựa trên thực tế của địa phương)."
            ),
            Para(text=dots(c.idea_origin, width=3)),
            Para(
                text="4. Bản sắc/trí tuệ địa phương: Đánh giá các giá trị văn hóa, tri thức "
                "bản địa (giống, nguyên liệu, điều kiện sản xuất), kinh nghiệm sản xuất của cộng "
                "đồng và phương thức sản xuất đặc trưng của địa phương, tạo nên sự khác biệt của "
                "sản phẩm)."
            ),
            Para(text=dots(c.identity, width=3)),
            Para(
                text=f"Ủy ban nhân dân xã {commune} đề nghị Ủy ban nhân dân tỉnh {province} đánh "
                f"giá, phân hạng sản phẩm OCOP cho sản phẩm {d.product.name} của {a.name}."
            ),
            Signature(
                title=f"T.M ỦY BAN NHÂN DÂN XÃ {commune}",
                note="(Ký tên và đóng dấu)",
                place_date="",
            ),
        ),
    )
