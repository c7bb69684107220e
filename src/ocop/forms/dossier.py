"""The input of the dossier forms of Phụ lục III of 26/2026/QĐ-TTg (one JSON document).

One document fills all three forms: Mẫu số 01 (the registration), Mẫu số 02 (the
producer's self-assessment report) and Mẫu số 03 (the commune's report). A field left out
prints as the decision's dotted line. The document is read strictly by the project's
converter (unknown keys and wrong types are errors naming the field path; text is NFC);
its JSON Schema is ``ocop schema dossier-forms``.

>>> d = dossier_from_dict({"applicant": {"name": "HTX Mật ong Tây Nguyên"},
...                        "product": {"name": "Mật ong hoa cà phê", "classification": "I.2.b"}})
>>> d.product.sheet, d.kind
(4, 'first')
>>> dossier_from_dict({"applicant": {"name": "A"}, "product": {"name": "B", "classification": "I"}})
Traceback (most recent call last):
...
ocop.errors.InvalidInput: product.classification: 'I' is a product group; give the code of the row that names a criteria set (Phụ lục I), e.g. 'I.2.b'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

import attrs

from ocop._convert import structure
from ocop.criteria import load_ruleset
from ocop.errors import InvalidInput, show

__all__ = [
    "FORMS_RULESET",
    "Applicant",
    "Checklist",
    "CommuneAssessment",
    "DossierInput",
    "ProductEntry",
    "Representative",
    "dossier_from_dict",
]

FORMS_RULESET = "qd26-2026"
"""The forms are those of 26/2026/QĐ-TTg Phụ lục III; products are classified by its Phụ lục I."""


@attrs.frozen(kw_only=True)
class Representative:
    """The legal representative (người đại diện pháp luật)."""

    name: str | None = None
    position: str | None = None
    """Chức vụ (Mẫu số 01)."""
    gender: Literal["Nam", "Nữ"] | None = None
    ethnicity: str | None = None
    """Dân tộc."""
    residence: str | None = None
    """Địa chỉ thường trú."""


@attrs.frozen(kw_only=True)
class Applicant:
    """The producer (chủ thể, đơn vị đăng ký)."""

    name: str
    kind: str | None = None
    """Loại hình tổ chức (e.g. "Hợp tác xã")."""
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    founded: date | None = None
    """Ngày thành lập/đăng ký kinh doanh."""
    registration: str | None = None
    """Số giấy đăng ký (nếu có)."""


@attrs.frozen(kw_only=True)
class ProductEntry:
    """The product registered."""

    name: str
    classification: str
    """The code of its row in Phụ lục I (``"I.2.b"``): the row that names its criteria set."""
    description: str | None = None
    """Mô tả về quy cách sản phẩm, tiêu chuẩn (Mẫu số 02, mục 7)."""
    samples: str | None = None
    """Sản phẩm mẫu (số lượng) (Mẫu số 01, mục 5)."""

    @property
    def sheet(self) -> int:
        """The number of its criteria set in Phụ lục II."""
        return _sheet_of(self.classification)


@attrs.frozen(kw_only=True)
class Checklist:
    """The boxes of Mẫu số 02, Phần I, mục 7 (*Đánh dấu (√) vào mục tương ứng*)."""

    business_registration: bool = False
    quality_declared: bool = False
    food_safety_certificate: bool = False
    production_certificate: bool = False
    intellectual_property: bool = False
    trademark: bool = False
    collective_rights: bool = False
    patent: bool = False
    industrial_design: bool = False
    copyright: bool = False
    other: str | None = None


@attrs.frozen(kw_only=True)
class CommuneAssessment:
    """Mẫu số 03, mục II: the commune's assessment of four points of the dossier."""

    commune: str | None = None
    province: str | None = None
    raw_materials: str | None = None
    labour: str | None = None
    idea_origin: str | None = None
    identity: str | None = None


@attrs.frozen(kw_only=True)
class DossierInput:
    """Everything the three forms of Phụ lục III ask for (a field left out prints blank)."""

    applicant: Applicant
    product: ProductEntry
    representative: Representative = Representative()
    province: str | None = None
    year: int | None = None
    kind: Literal["first", "upgrade", "reranking"] = "first"
    """Lần đăng ký đánh giá: lần đầu, nâng hạng, đánh giá lại (Mẫu số 01, mục 4)."""
    checklist: Checklist = Checklist()
    history: str | None = None
    organisation: str | None = None
    business_results: str | None = None
    """Phần II of Mẫu số 02."""
    plan: str | None = None
    """Phần IV of Mẫu số 02."""
    self_assessment: Mapping[str, str | int] | None = None
    """The producer's answers on the product's criteria set (code → option key or points),
    ranked by the one pipeline for Phần III of Mẫu số 02."""
    commune_report: CommuneAssessment = CommuneAssessment()


def _sheet_of(code: str, path: str = "product.classification") -> int:
    rs = load_ruleset(FORMS_RULESET)
    entry = next((e for e in rs.classification if e.code == code), None)
    if entry is None:
        raise InvalidInput(path, code, f"no row {show(code)} in Phụ lục I of 26/2026/QĐ-TTg")
    if entry.sheet is None:
        level = {"product_group": "a product group", "group": "a group"}.get(entry.level, "a row")
        raise InvalidInput(
            path,
            code,
            f"{show(code)} is {level}; give the code of the row that names a criteria set "
            "(Phụ lục I), e.g. 'I.2.b'",
        )
    return entry.sheet


def dossier_from_dict(doc: Any) -> DossierInput:
    """Read a dossier-forms document strictly (see the module); errors name the field path."""
    value = structure(doc, DossierInput)
    _sheet_of(value.product.classification)
    if value.year is not None and not 2019 <= value.year <= 9999:
        raise InvalidInput("year", value.year, "a year of evaluation, 2019 or later")
    return value
