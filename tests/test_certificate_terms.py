"""Certificates as published practice reads them (issue 14): the term convention per rule
set, a term start other than the decision date, revocation under every rule set, and the
registry's doubts (148 provincial 3★, 1–5 July 2025)."""

from __future__ import annotations

from datetime import date

import pytest

from ocop.certificates import (
    Certificate,
    Revoked,
    certificate_doubts,
    certificate_ruleset,
    certificate_status,
    term_end,
)
from ocop.certificates.periods import revocation_authority
from ocop.errors import InvalidCertificate, InvalidHistory, InvalidInput
from ocop.model import CouncilLevel
from ocop.serialize import certificate_from_dict, certificate_status_to_dict, certificate_to_dict

D = date


def nghe_an() -> Certificate:
    # QĐ 303/QĐ-UBND of 4 February 2020 (Nghệ An), 48 products, 3 and 4 stars under 1048.
    return Certificate(
        issued=D(2020, 2, 4),
        ruleset="qd1048-2019",
        stars=3,
        authority="UBND tỉnh Nghệ An",
        decision_number="303/QĐ-UBND",
    )


def test_nghe_an_certificates_lose_effect_on_the_third_anniversary() -> None:
    # Reported: "đã hết hiệu lực kể từ ngày 4/2/2023".
    cert = nghe_an()
    assert cert.valid_until == D(2023, 2, 3)
    assert certificate_status(cert, D(2023, 2, 3)).is_valid
    assert not certificate_status(cert, D(2023, 2, 4)).is_valid
    doc = certificate_status_to_dict(certificate_status(cert, D(2023, 2, 4)))
    assert doc["status"] == "expired"
    assert "303/QĐ-UBND" in doc["conventions"]


@pytest.mark.parametrize(
    ("rid", "convention"),
    [
        ("qd1048-2019", "anniversary_excluded"),
        ("qd781-2020", "anniversary_excluded"),
        ("qd148-2023", "anniversary_excluded"),
        ("qd1489-2025", "anniversary_excluded"),
        ("qd26-2026", "civil_code"),  # explicit, pending a published decision of its own
    ],
)
def test_the_convention_is_each_rule_sets_documented_choice(rid: str, convention: str) -> None:
    rs = certificate_ruleset(rid)
    assert rs.convention == convention
    assert rs.convention_source is not None


def test_the_two_conventions() -> None:
    assert term_end(D(2020, 2, 4), 36, "anniversary_excluded") == D(2023, 2, 3)
    assert term_end(D(2020, 2, 4), 36, "civil_code") == D(2023, 2, 4)
    # no corresponding day: the month's last day in both readings
    assert term_end(D(2023, 5, 31), 1, "anniversary_excluded") == D(2023, 6, 30)
    assert term_end(D(2024, 2, 29), 36, "civil_code") == D(2027, 2, 28)


def test_1048_validity_is_cited_to_article_1() -> None:
    source = certificate_ruleset("qd1048-2019").validity
    assert source.provision.startswith("Điều 1 ")
    assert "Phụ lục II" not in source.provision


# ------------------------------------------------------------------ term start


def national_5_star() -> Certificate:
    # National 5★ re-recognitions decided in November 2024 count "từ ngày 1/7/2024".
    return Certificate(
        issued=D(2024, 11, 15),
        term_start=D(2024, 7, 1),
        ruleset="qd148-2023",
        stars=5,
        level=CouncilLevel.CENTRAL,
    )


def test_a_term_can_start_before_its_decision() -> None:
    cert = national_5_star()
    assert cert.valid_from == D(2024, 7, 1)
    assert cert.valid_until == D(2027, 6, 30)  # 148: anniversary excluded
    assert certificate_status(cert, D(2027, 6, 30)).is_valid
    assert not certificate_status(cert, D(2027, 7, 1)).is_valid
    without = Certificate(issued=D(2024, 11, 15), ruleset="qd148-2023", stars=5)
    assert without.valid_until == D(2027, 11, 14)


def test_term_start_travels_through_the_document() -> None:
    doc = certificate_to_dict(national_5_star())
    assert doc["term_start"] == "2024-07-01"
    cert, _ = certificate_from_dict(doc)
    assert cert == national_5_star()
    status = certificate_status_to_dict(certificate_status(cert, D(2025, 1, 1)))
    assert status["valid_from"] == "2024-07-01"
    with pytest.raises(InvalidInput) as info:
        certificate_from_dict({**doc, "term_start": "2024-07-01T00:00"})
    assert info.value.path == "term_start"


# ------------------------------------------------------------------ revocation


def test_revocation_under_a_provincial_regulation_is_answered() -> None:
    # Hà Tĩnh QĐ 3763/QĐ-UBND of 18/11/2021, under its Quy chế 843/QĐ-UBND (781 in force).
    cert = Certificate(issued=D(2020, 9, 1), ruleset="qd781-2020", stars=3)
    event = Revoked(on=D(2021, 11, 18), regulation="Quy chế 843/QĐ-UBND tỉnh Hà Tĩnh")
    st = certificate_status(cert, D(2021, 12, 1), (event,))
    assert st.status.value == "revoked"
    cited = [str(s) for s in st.sources]
    assert any(c.startswith("Quy chế 843/QĐ-UBND tỉnh Hà Tĩnh") for c in cited)
    assert any("Hà Tĩnh QĐ 3763/QĐ-UBND" in c for c in cited)  # the authority, 781's data
    doc = certificate_status_to_dict(st)
    assert doc["revocation"]["regulation"] == "Quy chế 843/QĐ-UBND tỉnh Hà Tĩnh"
    with pytest.raises(InvalidHistory):
        Revoked(on=D(2021, 11, 18), regulation="  ")


@pytest.mark.parametrize("rid", ["qd1048-2019", "qd781-2020", "qd148-2023", "qd1489-2025"])
def test_every_rule_set_answers_who_revokes(rid: str) -> None:
    for stars in (3, 4, 5):
        assert revocation_authority(stars, ruleset=rid).source.instrument
    assert revocation_authority(5, ruleset="qd26-2026").title.startswith("Bộ trưởng")


# ------------------------------------------------------------------ doubts from the registry


def test_148_provincial_3_star_carries_the_doubt() -> None:
    cert = Certificate(
        issued=D(2024, 5, 1), ruleset="qd148-2023", stars=3, level=CouncilLevel.PROVINCE
    )
    (doubt,) = certificate_doubts(cert)
    assert "no source names a provincial 3★ certificate" in doubt
    district = Certificate(
        issued=D(2024, 5, 1), ruleset="qd148-2023", stars=3, level=CouncilLevel.DISTRICT
    )
    assert certificate_doubts(district) == ()
    doc = certificate_status_to_dict(certificate_status(cert, D(2024, 6, 1)))
    assert doc["doubts"] == [doubt]


def test_1_to_5_july_2025_is_a_stated_gap() -> None:
    cert = Certificate(
        issued=D(2025, 7, 3), ruleset="qd148-2023", stars=4, level=CouncilLevel.PROVINCE
    )
    (doubt,) = certificate_doubts(cert)
    assert "between 2025-07-01 and 2025-07-05" in doubt
    assert "1489/QĐ-TTg" in doubt
    later = Certificate(issued=D(2025, 7, 6), ruleset="qd1489-2025", stars=4)
    assert certificate_doubts(later) == ()
    with pytest.raises(InvalidCertificate, match="abolished"):
        Certificate(
            issued=D(2025, 7, 3), ruleset="qd148-2023", stars=3, level=CouncilLevel.DISTRICT
        )
