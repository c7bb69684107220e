"""The events of a certificate's life: upgrade, re-ranking filed and decided, revocation.

>>> from datetime import date
>>> rev = Revoked(on=date(2026, 7, 1), ground=RevocationGround.B, concluded_on=date(2026, 6, 15))
>>> rev.deadline                  # day 15 is Tuesday 30 June 2026
datetime.date(2026, 6, 30)
>>> rev.within_time_limit
False
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any, ClassVar

import attrs

from ocop._check import check_date
from ocop._source import Source
from ocop.calendar import day_deadline
from ocop.certificates.model import _opt_text, revocation_period
from ocop.certificates.periods import cite
from ocop.errors import InvalidHistory

__all__ = [
    "Event",
    "ReRanked",
    "ReRankingFiled",
    "RevocationGround",
    "Revoked",
    "Upgraded",
]


class RevocationGround(enum.StrEnum):
    """The grounds for revoking a certificate, 26/2026/QĐ-TTg Điều 8.1.a–e (six points)."""

    A = "a"
    """Untruthful information or forged documents in the dossier."""
    B = "b"
    """The product no longer meets the criteria (inspection conclusion)."""
    C = "c"
    """Violation of the law on quality, food safety, environment, IP, labelling, etc."""
    D = "d"
    """Misuse of the OCOP mark, misleading about the recognised product."""
    DD = "đ"
    """The producer no longer produces the OCOP product."""
    E = "e"
    """Another case concluded and proposed by a competent state body."""

    @property
    def source(self) -> Source:
        grounds = cite("revocation_grounds")
        return attrs.evolve(grounds, provision=f"{grounds.provision}, điểm {self.value}")

    @property
    def label_vi(self) -> str:
        return _GROUND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _GROUND_LABELS[self][1]


_GROUND_LABELS: dict[RevocationGround, tuple[str, str]] = {
    RevocationGround.A: (
        "Cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ",
        "Untruthful information or forged dossier",
    ),
    RevocationGround.B: (
        "Sản phẩm không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP",
        "The product no longer meets the OCOP criteria",
    ),
    RevocationGround.C: (
        "Vi phạm quy định pháp luật về chất lượng, an toàn thực phẩm, môi trường, "
        "sở hữu trí tuệ, ghi nhãn hàng hóa hoặc quy định khác",
        "Violation of the law on quality, food safety, environment, IP, labelling or other",
    ),
    RevocationGround.D: (
        "Sử dụng nhãn hiệu OCOP không đúng quy định",
        "Improper use of the OCOP mark",
    ),
    RevocationGround.DD: (
        "Không còn hoạt động sản xuất sản phẩm OCOP",
        "No longer produces the OCOP product",
    ),
    RevocationGround.E: (
        "Trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền",
        "Other case concluded by a competent state body",
    ),
}


def _event_date(_inst: object, attribute: attrs.Attribute[date], value: date) -> None:
    check_date(attribute.name, value, InvalidHistory)


def _event_stars(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value not in (3, 4, 5):
        raise InvalidHistory(attribute.name, value, "expected 3, 4 or 5 stars")


@attrs.frozen(kw_only=True)
class Upgraded:
    """An upgrade (nâng hạng): a new certificate of a higher class replaces this one on ``on``."""

    kind: ClassVar[str] = "upgraded"
    on: date = attrs.field(validator=_event_date)
    stars: int = attrs.field(validator=_event_stars)
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen(kw_only=True)
class ReRankingFiled:
    """The producer filed a re-ranking (đánh giá, phân hạng lại) dossier on ``on`` (Điều 7.6)."""

    kind: ClassVar[str] = "reranking_filed"
    on: date = attrs.field(validator=_event_date)


@attrs.frozen(kw_only=True)
class ReRanked:
    """The authority's result of a re-ranking, decided on ``on``.

    ``stars`` is the class re-recognised (công nhận lại), which replaces this certificate
    with a new one; ``None`` means the product was not re-recognised.
    """

    kind: ClassVar[str] = "reranked"
    on: date = attrs.field(validator=_event_date)
    stars: int | None = attrs.field(validator=_event_stars)
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen(kw_only=True)
class Revoked:
    """A revocation decision (quyết định thu hồi) of ``on`` (26/2026 Điều 8).

    ``concluded_on`` is the day of the competent body's conclusion (or the commune's
    confirmation that production stopped) from which the 15-day limit of Điều 8.4 runs.

    Before 26/2026, no decision of the Prime Minister gave grounds: provinces revoked under
    their own regulations. ``regulation`` names that regulation as the ground (e.g.
    ``"Quy chế 843/QĐ-UBND tỉnh Hà Tĩnh"``, applied by QĐ 3763/QĐ-UBND of 18/11/2021); it is
    accepted for a certificate of any rule set, never refused.
    """

    kind: ClassVar[str] = "revoked"
    on: date = attrs.field(validator=_event_date)
    ground: RevocationGround | None = None
    concluded_on: date | None = None
    decision_number: str | None = attrs.field(default=None, converter=_opt_text)
    regulation: str | None = attrs.field(default=None, converter=_opt_text)

    @property
    def regulation_source(self) -> Source:
        """The named provincial regulation, as a source (``regulation`` must be given)."""
        return Source(
            instrument=self.regulation or "",
            provision="the province's own regulation, named as the ground of the revocation",
        )

    def __attrs_post_init__(self) -> None:
        if self.ground is not None and not isinstance(self.ground, RevocationGround):
            raise InvalidHistory("ground", self.ground, "expected a RevocationGround")
        if self.regulation is not None and not self.regulation.strip():
            raise InvalidHistory(
                "regulation", self.regulation, "name the regulation, or leave it out"
            )
        if self.concluded_on is not None:
            check_date("concluded_on", self.concluded_on, InvalidHistory)
            if self.concluded_on > self.on:
                raise InvalidHistory(
                    "concluded_on",
                    self.concluded_on.isoformat(),
                    f"the conclusion cannot come after the revocation decision ({self.on})",
                )

    @property
    def deadline(self) -> date | None:
        """Last day for the decision: 15 days from the conclusion (Điều 8.4), if known.

        Counted by :func:`ocop.calendar.day_deadline`: a 15th day that is a weekend day
        or a public holiday moves to the next working day (Bộ luật Dân sự Điều 148.5).
        """
        if self.concluded_on is None:
            return None
        return day_deadline(self.concluded_on, revocation_period().length)

    @property
    def within_time_limit(self) -> bool | None:
        deadline = self.deadline
        return None if deadline is None else self.on <= deadline


#: One event in a certificate's life.
Event = Upgraded | ReRankingFiled | ReRanked | Revoked
