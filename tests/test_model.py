"""Domain entities: producers, products, councils, member sheets."""

from __future__ import annotations

import pytest

from ocop import Council, CouncilLevel, CouncilMember, MemberSheet, Producer, ProducerKind, Product
from ocop.errors import InvalidInput


def test_producer_kinds_follow_article_2_3() -> None:
    assert len(ProducerKind) == 10
    assert {k for k in ProducerKind if k.tourism_only} == {
        ProducerKind.HOI,
        ProducerKind.HIEP_HOI,
        ProducerKind.TRUNG_TAM_DIEU_HANH,
        ProducerKind.TO_CHUC_TUONG_DUONG,
    }
    assert ProducerKind.HOP_TAC_XA.label_vi == "Hợp tác xã"
    assert ProducerKind.HOP_TAC_XA.label_en == "Cooperative"
    assert ProducerKind("doanh_nghiep_nho_va_vua") is ProducerKind.DOANH_NGHIEP_NHO_VA_VUA


def test_names_are_nfc_and_not_empty() -> None:
    p = Producer(name="HTX Mật ong Ba\u0300 Chiểu", kind=ProducerKind.HOP_TAC_XA)
    assert p.name == "HTX Mật ong Bà Chiểu"
    with pytest.raises(ValueError, match="name must not be empty"):
        Producer(name="  ", kind=ProducerKind.TRANG_TRAI)
    with pytest.raises(InvalidInput, match=r"expected an ocop\.ProducerKind") as info:
        Producer(name="X", kind="hop_tac_xa")  # type: ignore[arg-type]
    assert info.value.path == "kind"


def test_product_and_council() -> None:
    producer = Producer(name="HTX Mật ong Bà Chiểu", kind=ProducerKind.HOP_TAC_XA)
    product = Product(name="Mật ong hoa nhãn", sheet=4, producer=producer, code="11-12345-001-2026")
    assert product.producer is producer
    chair = CouncilMember(name="Trần Văn Bình", agency="UBND tỉnh", role="Chủ tịch Hội đồng")
    council = Council(level=CouncilLevel.PROVINCE, chair=chair, members=(chair,))
    assert council.level == "province"
    assert "Trần Văn Bình" in repr(council)


def test_member_sheet_is_immutable_and_compares_by_content() -> None:
    a = MemberSheet(member="A", answers={"1.1": "c", "1.2": 1})
    b = MemberSheet(member="A", answers={"1.2": 1, "1.1": "c"})
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(TypeError):
        a.answers["1.1"] = "a"  # type: ignore[index]
    assert repr(a) == "MemberSheet(member='A', answers={'1.1': 'c', '1.2': 1})"
