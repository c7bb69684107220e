# ruff: noqa: E501 (the rows are the decision's text, one line each)
"""The evidence table of Mẫu số 02, Phần III (26/2026/QĐ-TTg, Phụ lục III), and which
criteria each row serves.

The rows (*Nội dung | Yêu cầu*) are the decision's, word for word. The decision gives them
as guidance for the annex of the report, not criterion by criterion: which criteria a row
serves is this library's reading, made by matching words of the row to the titles of the
criteria and their headings (``keywords``, folded: no case, no diacritics). Rows with no
keywords (the production certificate, awards) concern the
dossier as a whole and are printed with the table only. See docs/howto/print-forms.md.
"""

from __future__ import annotations

from ocop._source import Source
from ocop._text import fold
from ocop.criteria import CriteriaSheet, Criterion

__all__ = ["EVIDENCE", "SOURCE", "evidence_for"]

SOURCE = Source(instrument="26/2026/QĐ-TTg", provision="Phụ lục III, Mẫu số 02, Phần III")

EVIDENCE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Giấy đăng ký kinh doanh",
        "Bản sao chứng minh hoạt động kinh doanh hợp pháp (đối với các đơn vị/cá nhân có đăng ký kinh doanh)",
        ("loai hinh to chuc",),
    ),
    (
        "Giấy chứng nhận cơ sở đủ điều kiện sản xuất",
        "Bản sao (đối với sản phẩm cần phải có giấy chứng nhận theo quy định hiện hành)",
        (),
    ),
    (
        "Nguồn gốc nguyên liệu, vùng nguyên liệu, liên kết chuỗi",
        "Bản sao tài liệu: Giấy xác nhận an toàn thực phẩm đối với vùng nguyên liệu, hợp đồng mua bán/hợp đồng nguyên tắc, thỏa thuận liên kết, thanh lý hợp đồng, hóa đơn chứng từ hợp lệ... chứng minh nguồn gốc nguyên liệu, liên kết chuỗi.",
        ("nguon goc san pham", "nguon goc nguyen lieu", "vung nguyen lieu", "lien ket"),
    ),
    (
        "Bảo vệ môi trường, sử dụng công nghệ theo hướng bền vững",
        "Bản sao hồ sơ, thủ tục về môi trường theo quy định; hình ảnh minh chứng về thực hiện giải pháp bảo vệ môi trường; hình ảnh, mô tả công nghệ sử dụng theo hướng bền vững.",
        ("moi truong", "ben vung"),
    ),
    (
        "Sử dụng lao động địa phương",
        "Danh sách lao động đóng bảo hiểm có xác nhận của chủ thể, bao gồm cả nơi thường trú.",
        ("lao dong dia phuong",),
    ),
    (
        "Tăng trưởng sản xuất kinh doanh",
        "- Bản sao Tài liệu minh chứng kết quả phân loại hợp tác xã hoặc báo cáo tài chính 2 năm gần nhất. - Bản sao Báo cáo tài chính của chủ thể 2 năm gần nhất.",
        ("tang truong san xuat",),
    ),
    (
        "Sở hữu trí tuệ",
        "Minh chứng thể hiện Đơn đăng ký nhãn hiệu đã được cơ quan có thẩm quyền chấp nhận hoặc công bố. Bản sao Giấy chứng nhận đăng ký nhãn hiệu; văn bằng ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận; Bằng sáng chế, Bằng độc quyền kiểu dáng công nghiệp,...",
        ("so huu tri tue",),
    ),
    (
        "Phát triển thị trường, hoạt động quảng bá, xúc tiến thương mại",
        "Bản sao tài liệu: Hợp đồng, cam kết, ký gửi, đặt hàng, biên nhận, hóa đơn, chứng từ để minh chứng xác nhận về phân phối sản phẩm, xuất khẩu sản phẩm, hoạt động xúc tiến thương mại...",
        ("khu vuc phan phoi", "to chuc phan phoi", "thi truong toan cau"),
    ),
    ("Quảng bá sản phẩm", "Tài liệu minh chứng về website, hoạt động quảng bá.", ("quang ba",)),
    (
        "Câu chuyện về sản phẩm",
        "Bản sao tờ rơi, hình ảnh, phim, ghi âm... minh chứng về câu chuyện của sản phẩm",
        ("cau chuyen",),
    ),
    (
        "Công bố chất lượng sản phẩm",
        "Bản sao tài liệu, chứng minh chất lượng sản phẩm được công bố",
        ("cong bo",),
    ),
    (
        "Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, an toàn thực phẩm theo tiêu chuẩn công bố",
        "Bản sao tài liệu chứng minh đạt tiêu chuẩn chất lượng, an toàn thực phẩm.",
        ("cong bo",),
    ),
    (
        "Mã số mã vạch, tem truy xuất nguồn gốc,",
        "Bản sao tài liệu, chứng minh mã, tem, sở hữu thương hiệu...",
        ("ghi nhan",),
    ),
    (
        "Hệ thống quản lý chất lượng tiên tiến, kiểm soát chất lượng",
        "Bản sao tài liệu: chứng nhận Hệ thống quản lý chất lượng tiên tiến, chứng minh hệ thống quản lý đạt tiêu chuẩn",
        ("dam bao chat luong", "quan ly chat luong"),
    ),
    (
        "Giải thưởng của sản phẩm, bình chọn của các tổ chức uy tín trong nước và quốc tế...",
        "Bản sao tài liệu, minh chứng về các thành tích, giải thưởng, bình chọn...",
        (),
    ),
)
"""(Nội dung, Yêu cầu, keywords): the rows of the table, in the decision's order."""


def evidence_for(sheet: CriteriaSheet, criterion: Criterion) -> tuple[str, ...]:
    """The contents (*Nội dung*) of the rows whose keywords occur in the criterion's title or
    in the titles of its headings."""
    headings = {h.code: h for h in sheet.headings}
    titles = [criterion.title]
    parent = criterion.parent
    while parent is not None and parent in headings:
        titles.append(headings[parent].title)
        parent = headings[parent].parent
    text = " ".join(fold(t) for t in titles)
    return tuple(row for row, _, words in EVIDENCE if any(w in text for w in words))
