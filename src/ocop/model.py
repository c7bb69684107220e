"""Domain entities: producers (chủ thể OCOP), products, councils and score sheets.

These are plain frozen attrs classes with no rules attached; the rules that use them
live in :mod:`ocop.ranking` and the JSON mapping in :mod:`ocop.serialize`. Each checks
the types of its own fields when built: a wrong one is an :class:`~ocop.errors.InvalidInput`
(:class:`~ocop.errors.InvalidCouncil` for a council and its members) naming the field.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ocop._text import nfc
from ocop.errors import InvalidCouncil, InvalidInput, UnknownCriterion, show

__all__ = [
    "Council",
    "CouncilLevel",
    "CouncilMember",
    "MemberSheet",
    "Producer",
    "ProducerKind",
    "Product",
]

#: An answer names an option by its key (``"b"``) or by its points (``2``).
Answer = str | int


class ProducerKind(enum.StrEnum):
    """Who may take part (chủ thể OCOP), 26/2026/QĐ-TTg Điều 2.3.

    The last four kinds are admitted only for the community-tourism group
    (sheet 26, *dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch*).
    """

    HOP_TAC_XA = "hop_tac_xa"
    """Hợp tác xã (cooperative)."""
    TO_HOP_TAC = "to_hop_tac"
    """Tổ hợp tác (cooperative group)."""
    DOANH_NGHIEP_NHO_VA_VUA = "doanh_nghiep_nho_va_vua"
    """Doanh nghiệp nhỏ và vừa (small or medium enterprise)."""
    TRANG_TRAI = "trang_trai"
    """Trang trại (farm)."""
    HO_SAN_XUAT = "ho_san_xuat"
    """Hộ sản xuất có đăng ký kinh doanh (registered production household)."""
    HO_GIA_DINH = "ho_gia_dinh"
    """Hộ gia đình có đăng ký kinh doanh (registered family household)."""
    HOI = "hoi"
    """Hội (association); tourism group only."""
    HIEP_HOI = "hiep_hoi"
    """Hiệp hội (federation of associations); tourism group only."""
    TRUNG_TAM_DIEU_HANH = "trung_tam_dieu_hanh"
    """Trung tâm điều hành (operations centre); tourism group only."""
    TO_CHUC_TUONG_DUONG = "to_chuc_tuong_duong"
    """Tổ chức tương đương (equivalent organisation); tourism group only."""

    @property
    def tourism_only(self) -> bool:
        """True for the kinds admitted only for the tourism group (Điều 2.3, second sentence)."""
        return self in _TOURISM_ONLY

    @property
    def label_vi(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]


_TOURISM_ONLY = frozenset(
    {
        ProducerKind.HOI,
        ProducerKind.HIEP_HOI,
        ProducerKind.TRUNG_TAM_DIEU_HANH,
        ProducerKind.TO_CHUC_TUONG_DUONG,
    }
)
_LABELS: dict[ProducerKind, tuple[str, str]] = {
    ProducerKind.HOP_TAC_XA: ("Hợp tác xã", "Cooperative"),
    ProducerKind.TO_HOP_TAC: ("Tổ hợp tác", "Cooperative group"),
    ProducerKind.DOANH_NGHIEP_NHO_VA_VUA: ("Doanh nghiệp nhỏ và vừa", "Small or medium enterprise"),
    ProducerKind.TRANG_TRAI: ("Trang trại", "Farm"),
    ProducerKind.HO_SAN_XUAT: (
        "Hộ sản xuất có đăng ký kinh doanh",
        "Registered production household",
    ),
    ProducerKind.HO_GIA_DINH: ("Hộ gia đình có đăng ký kinh doanh", "Registered family household"),
    ProducerKind.HOI: ("Hội", "Association"),
    ProducerKind.HIEP_HOI: ("Hiệp hội", "Federation of associations"),
    ProducerKind.TRUNG_TAM_DIEU_HANH: ("Trung tâm điều hành", "Operations centre"),
    ProducerKind.TO_CHUC_TUONG_DUONG: ("Tổ chức tương đương", "Equivalent organisation"),
}


def _checked_name(value: object, error: type[InvalidInput]) -> str:
    """A non-empty string, in NFC, or *error* naming the field ``name``."""
    if not isinstance(value, str):
        raise error("name", value, f"the name is a string, got {show(value)}")
    if not value.strip():
        raise error("name", value, "name must not be empty")
    return nfc(value)


def _name(value: object) -> str:
    return _checked_name(value, InvalidInput)


def _member_name(value: object) -> str:
    return _checked_name(value, InvalidCouncil)


def _optional_text(error: type[InvalidInput] = InvalidInput) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise error(attribute.name, value, f"expected a string or None, got {show(value)}")

    return check


def _instance(
    cls: type, error: type[InvalidInput] = InvalidInput, *, optional: bool = False
) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if optional and value is None:
            return
        if not isinstance(value, cls):
            raise error(
                attribute.name,
                value,
                f"expected an ocop.{cls.__name__}, got {type(value).__name__} {show(value)}",
            )

    return check


def _sheet_number(_inst: object, _attr: object, value: int) -> None:
    if type(value) is not int:
        raise InvalidInput("sheet", value, "the criteria set is named by its number (an integer)")


@attrs.frozen(kw_only=True)
class Producer:
    """A producer taking part in OCOP (chủ thể OCOP)."""

    name: str = attrs.field(converter=_name)
    kind: ProducerKind = attrs.field(validator=_instance(ProducerKind))
    address: str | None = attrs.field(default=None, validator=_optional_text())


@attrs.frozen(kw_only=True)
class Product:
    """A product put forward for ranking, with the criteria sheet it is scored on."""

    name: str = attrs.field(converter=_name)
    sheet: int = attrs.field(validator=_sheet_number)
    producer: Producer | None = attrs.field(
        default=None, validator=_instance(Producer, optional=True)
    )
    code: str | None = attrs.field(default=None, validator=_optional_text())
    """The OCOP product code as printed (``T-X-STT-YYYY`` under 26/2026); not parsed yet."""


class CouncilLevel(enum.StrEnum):
    """Levels that evaluate OCOP products (which exist depends on the rule set)."""

    DISTRICT = "district"
    """Cấp huyện (until the district level was abolished on 1 July 2025)."""
    PROVINCE = "province"
    """Cấp tỉnh."""
    CENTRAL = "central"
    """Cấp trung ương (quốc gia)."""


@attrs.frozen(kw_only=True)
class CouncilMember:
    """A member of an evaluation council (Hội đồng đánh giá, phân hạng)."""

    name: str = attrs.field(converter=_member_name)
    agency: str | None = attrs.field(default=None, validator=_optional_text(InvalidCouncil))
    role: str | None = attrs.field(default=None, validator=_optional_text(InvalidCouncil))


def _council_members(value: object) -> tuple[CouncilMember, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidCouncil("members", value, "members are a list of ocop.CouncilMember")
    members = tuple(value)
    for i, member in enumerate(members):
        if not isinstance(member, CouncilMember):
            raise InvalidCouncil(
                f"members[{i}]", member, f"expected an ocop.CouncilMember, got {show(member)}"
            )
    return members


@attrs.frozen(kw_only=True)
class Council:
    """An evaluation council: its level, chair and members (a list, kept as a tuple)."""

    level: CouncilLevel = attrs.field(validator=_instance(CouncilLevel, InvalidCouncil))
    chair: CouncilMember = attrs.field(validator=_instance(CouncilMember, InvalidCouncil))
    members: tuple[CouncilMember, ...] = attrs.field(default=(), converter=_council_members)
    name: str | None = attrs.field(default=None, validator=_optional_text(InvalidCouncil))


def _freeze_answers(value: Mapping[str, Answer]) -> Mapping[str, Answer]:
    # A private copy, read-only. Criterion codes are ASCII ("1.1"): only other keys
    # need normalising, and the common all-ASCII case is checked in one C-level pass.
    if not isinstance(value, Mapping):  # data (a JSON document's value), not a type error
        raise InvalidInput(
            "answers",
            value,
            "answers are a mapping of criterion code to option key or points, "
            f"got {type(value).__name__}",
        )
    copy = dict(value.items())
    try:
        if all(map(str.isascii, copy)):
            return MappingProxyType(copy)
    except TypeError:  # a key that is not a string: kept, for the ranking to report
        pass
    normal = {nfc(k) if isinstance(k, str) and not k.isascii() else k: v for k, v in copy.items()}
    if len(normal) != len(copy):
        seen: dict[object, object] = {}
        for key in copy:
            same = nfc(key) if isinstance(key, str) else key
            if same in seen:
                raise UnknownCriterion(
                    "answers",
                    key,
                    f"keys {show(seen[same])} and {show(key)} are the same code after Unicode "
                    "NFC normalisation; answer each criterion once",
                )
            seen[same] = key
    return MappingProxyType(normal)


@attrs.frozen(kw_only=True, eq=False)
class MemberSheet:
    """One council member's filled-in score sheet (phiếu đánh giá).

    ``answers`` maps a leaf criterion's printed code (``"1.1"``, ``"7"``) to the
    chosen option: its key (``"b"``) or its points (``2``). Nothing is validated
    here; :func:`ocop.rank` validates a sheet against its criteria set.
    """

    member: str = attrs.field(converter=nfc)
    answers: Mapping[str, Answer] = attrs.field(converter=_freeze_answers)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MemberSheet):
            return NotImplemented
        return self.member == other.member and dict(self.answers) == dict(other.answers)

    def __hash__(self) -> int:
        return hash((self.member, tuple(sorted(self.answers.items(), key=lambda kv: str(kv[0])))))

    def __repr__(self) -> str:
        return f"MemberSheet(member={show(self.member)}, answers={show(dict(self.answers))})"
