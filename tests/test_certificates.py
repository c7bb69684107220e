"""Certificates: validity, status on a date, windows, extension, revocation, upgrades, CLI.

Every expected date below was computed by hand (counting days on a calendar), not with
the library's own helpers.
"""

from __future__ import annotations

import calendar
import itertools
import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.certificates import (
    Certificate,
    FilingTiming,
    ReRanked,
    ReRankingFiled,
    RevocationGround,
    Revoked,
    Status,
    SupersededBy,
    Upgraded,
    certificate_ruleset,
    certificate_rulesets,
    certificate_status,
    reranking_decision_due,
    reranking_window,
    revocation_authority,
    ruleset_in_force,
    validate_history,
    validity_end,
)
from ocop.cli import main
from ocop.errors import InvalidCertificate, InvalidHistory, InvalidInput, OcopError
from ocop.model import CouncilLevel
from ocop.serialize import certificate_status_to_dict

D = date


def lam_dong() -> Certificate:
    """3981/QĐ-UBND of Lâm Đồng, 5 Aug 2026: 3 stars, expiry 2029-08-05 in the province's data."""
    return Certificate(
        issued=D(2026, 8, 5),
        ruleset="qd26-2026",
        stars=3,
        product="Cà phê Arabica Cầu Đất",
        producer="HTX Cầu Đất",
        authority="UBND tỉnh Lâm Đồng",
        level=CouncilLevel.PROVINCE,
        decision_number="3981/QĐ-UBND",
    )


def status_on(cert: Certificate, day: date, events: tuple[object, ...] = ()) -> Status:
    return certificate_status(cert, day, events).status  # type: ignore[arg-type]


# --- 36 months: month ends and leap years ----------------------------------------------


@pytest.mark.parametrize(
    ("issued", "ruleset", "until"),
    [
        # The rule sets before 26/2026 follow published practice (certificates.json,
        # convention "anniversary_excluded", issue 14): the anniversary is the first day
        # without effect (Nghệ An QĐ 303/QĐ-UBND); 26/2026 keeps the Civil Code reading.
        (D(2024, 2, 29), "qd148-2023", D(2027, 2, 28)),  # 2027 has no 29 February
        (D(2023, 8, 31), "qd148-2023", D(2026, 8, 30)),  # August has a 31st
        (D(2023, 5, 31), "qd148-2023", D(2026, 5, 30)),
        (D(2025, 2, 28), "qd148-2023", D(2028, 2, 27)),  # not moved to the 29th
        (D(2021, 2, 28), "qd781-2020", D(2024, 2, 27)),
        (D(2019, 8, 21), "qd1048-2019", D(2022, 8, 20)),
        (D(2025, 11, 30), "qd1489-2025", D(2028, 11, 29)),
        (D(2026, 8, 5), "qd26-2026", D(2029, 8, 5)),  # the Lâm Đồng decision's expiry
        (D(2026, 12, 31), "qd26-2026", D(2029, 12, 31)),
    ],
)
def test_valid_until(issued: date, ruleset: str, until: date) -> None:
    cert = Certificate(issued=issued, ruleset=ruleset)
    assert cert.valid_from == issued
    assert cert.valid_until == until
    # Inclusive: valid on the last day, expired the day after.
    assert certificate_status(cert, until).is_valid
    assert certificate_status(cert, until + timedelta(days=1)).status is Status.EXPIRED


def test_validity_end_month_periods() -> None:
    assert validity_end(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert validity_end(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert validity_end(D(2023, 3, 31), 3) == D(2023, 6, 30)
    with pytest.raises(InvalidInput, match=r"pass its \.date\(\)"):
        validity_end(datetime(2024, 1, 1, 12, 0), 36)  # noqa: DTZ001


def test_validity_cites_the_instrument_and_blds() -> None:
    st_ = certificate_status(lam_dong(), D(2027, 1, 1))
    assert st_.status is Status.VALID
    texts = [str(s) for s in st_.sources]
    assert texts[0] == "26/2026/QĐ-TTg, Điều 4, khoản 3"
    assert "Bộ luật Dân sự 91/2015/QH13, Điều 147, khoản 2; Điều 148, khoản 3" in texts


def test_stated_valid_until_governs() -> None:
    cert = Certificate(
        issued=D(2024, 3, 1), ruleset="qd148-2023", stated_valid_until=D(2027, 2, 28)
    )
    assert cert.computed_valid_until == D(2027, 2, 28)  # 148: anniversary excluded
    assert cert.valid_until == D(2027, 2, 28)
    assert certificate_status(cert, D(2027, 3, 1)).status is Status.EXPIRED


def test_old_certificates_keep_their_validity_under_26_2026() -> None:
    cert = Certificate(issued=D(2024, 6, 10), ruleset="qd148-2023", stars=3)
    st_ = certificate_status(cert, D(2026, 6, 1))
    assert st_.status is Status.VALID
    assert "26/2026/QĐ-TTg, Điều 12, khoản 1" in [str(s) for s in st_.sources]
    assert st_.valid_until == D(2027, 6, 9)  # 148: the anniversary is the first day without


# --- Each edge day of each window ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected", "next_what", "next_on"),
    [
        (D(2026, 8, 5), Status.VALID, "reranking_window_opens", D(2029, 2, 6)),
        (D(2029, 2, 5), Status.VALID, "reranking_window_opens", D(2029, 2, 6)),
        (D(2029, 2, 6), Status.RERANKING_WINDOW, "reranking_window_closes", D(2029, 4, 7)),
        (D(2029, 4, 7), Status.RERANKING_WINDOW, "reranking_window_closes", D(2029, 4, 7)),
        (D(2029, 4, 8), Status.VALID, "expiring_soon", D(2029, 7, 6)),
        (D(2029, 7, 5), Status.VALID, "expiring_soon", D(2029, 7, 6)),
        (D(2029, 7, 6), Status.EXPIRING_SOON, "expires", D(2029, 8, 5)),
        (D(2029, 8, 5), Status.EXPIRING_SOON, "expires", D(2029, 8, 5)),
        (D(2029, 8, 6), Status.EXPIRED, None, None),
    ],
)
def test_edges_without_events(
    day: date, expected: Status, next_what: str | None, next_on: date | None
) -> None:
    st_ = certificate_status(lam_dong(), day)
    assert st_.status is expected
    if next_what is None:
        assert st_.next_deadline is None
    else:
        assert st_.next_deadline is not None
        assert (st_.next_deadline.what, st_.next_deadline.on) == (next_what, next_on)


def test_window_dates_and_days_left() -> None:
    st_ = certificate_status(lam_dong(), D(2029, 8, 5))
    assert st_.days_left == 0
    assert st_.reranking_window.opens == D(2029, 2, 6)
    assert st_.reranking_window.closes == D(2029, 4, 7)
    assert st_.reranking_window.state(D(2029, 2, 5)) == "not_yet_open"
    assert st_.reranking_window.state(D(2029, 4, 8)) == "closed"
    assert certificate_status(lam_dong(), D(2029, 8, 4)).days_left == 1
    assert certificate_status(lam_dong(), D(2029, 8, 6)).days_left is None
    # 61 days, both ends included.
    w = reranking_window(D(2029, 8, 5))
    assert (w.closes - w.opens).days + 1 == 61


def test_window_in_a_leap_year() -> None:
    # Expiry 2028-08-30 (1489: the anniversary, 31 August, is the first day without effect);
    # 2028 is a leap year: 180 days back is 3 March, 120 days back 2 May.
    cert = Certificate(issued=D(2025, 8, 31), ruleset="qd1489-2025")
    w = certificate_status(cert, D(2027, 1, 1)).reranking_window
    assert (w.opens, w.closes) == (D(2028, 3, 3), D(2028, 5, 2))


def test_window_before_26_2026_does_not_apply() -> None:
    # Expiry 2026-03-01: its window (2025-09-02 to 2025-11-01) ran under 148, which had none.
    cert = Certificate(issued=D(2023, 3, 1), ruleset="qd148-2023")
    st_ = certificate_status(cert, D(2025, 10, 1))
    assert st_.status is Status.VALID
    assert not st_.reranking_window.applies
    assert st_.next_deadline is not None
    assert st_.next_deadline.what == "expiring_soon"


def test_window_open_before_26_2026_took_effect() -> None:
    # Expiry 2026-09-30 (148: anniversary excluded): window 2026-04-03 to 2026-06-02; it
    # binds only from 22 May 2026.
    cert = Certificate(issued=D(2023, 10, 1), ruleset="qd148-2023")
    assert status_on(cert, D(2026, 5, 21)) is Status.VALID
    assert status_on(cert, D(2026, 5, 22)) is Status.RERANKING_WINDOW
    assert status_on(cert, D(2026, 6, 2)) is Status.RERANKING_WINDOW
    assert status_on(cert, D(2026, 6, 3)) is Status.VALID


def test_expiring_soon_cites_148_notice_for_148_certificates() -> None:
    cert = Certificate(issued=D(2023, 8, 31), ruleset="qd148-2023")  # last day 2026-08-30
    st_ = certificate_status(cert, D(2026, 7, 31))
    assert st_.status is Status.EXPIRING_SOON
    assert st_.expiring_soon_from == D(2026, 7, 31)
    assert any(s.instrument == "148/QĐ-TTg" and "30 ngày" in s.provision for s in st_.sources)
    assert certificate_status(cert, D(2026, 7, 30)).status is Status.VALID
    # 26/2026 certificates: no notice rule is cited.
    st26 = certificate_status(lam_dong(), D(2029, 7, 6))
    assert all(s.instrument != "148/QĐ-TTg" for s in st26.sources)


# --- Re-ranking and the Điều 12.3 extension -------------------------------------------


def test_late_filing_extends_up_to_180_days() -> None:
    events = (ReRankingFiled(on=D(2029, 5, 1)),)  # after the window closed on 7 April
    cert = lam_dong()
    st_ = certificate_status(cert, D(2029, 8, 6), events)
    assert st_.status is Status.EXTENDED
    assert st_.filing_timing is FilingTiming.LATE
    assert st_.extension is not None
    # 180 days from 5 Aug 2029, 5 Aug not counted: 1 Feb 2030.
    assert st_.extension.until_at_latest == D(2030, 2, 1)
    assert st_.next_deadline is not None
    assert (st_.next_deadline.what, st_.next_deadline.on) == ("extension_ends", D(2030, 2, 1))
    assert "26/2026/QĐ-TTg, Điều 12, khoản 3" in [str(s) for s in st_.sources]
    assert certificate_status(cert, D(2030, 2, 1), events).status is Status.EXTENDED
    assert certificate_status(cert, D(2030, 2, 1), events).days_left == 0
    assert certificate_status(cert, D(2030, 2, 2), events).status is Status.EXPIRED


def test_filing_inside_the_window_is_on_time_and_status_is_valid() -> None:
    events = (ReRankingFiled(on=D(2029, 3, 1)),)
    st_ = certificate_status(lam_dong(), D(2029, 3, 2), events)
    assert st_.status is Status.VALID  # filed: the window no longer calls for action
    assert st_.filing_timing is FilingTiming.ON_TIME
    assert st_.next_deadline is not None
    assert st_.next_deadline.what == "expiring_soon"
    # A result still pending at expiry extends an on-time filing as well.
    assert status_on(lam_dong(), D(2029, 9, 1), events) is Status.EXTENDED


def test_edge_days_of_filing_timing() -> None:
    cert = lam_dong()
    for day, timing in [
        (D(2029, 2, 6), FilingTiming.ON_TIME),
        (D(2029, 4, 7), FilingTiming.ON_TIME),
        (D(2029, 4, 8), FilingTiming.LATE),
        (D(2029, 8, 5), FilingTiming.LATE),
        (D(2029, 8, 6), FilingTiming.AFTER_EXPIRY),
    ]:
        st_ = certificate_status(cert, D(2029, 8, 10), (ReRankingFiled(on=day),))
        assert st_.filing_timing is timing, day
    with pytest.raises(InvalidHistory, match=r"events\[0\]\.on: filed before the re-ranking"):
        certificate_status(cert, D(2029, 8, 10), (ReRankingFiled(on=D(2029, 2, 5)),))


def test_filing_after_expiry_does_not_revive() -> None:
    st_ = certificate_status(lam_dong(), D(2029, 8, 10), (ReRankingFiled(on=D(2029, 8, 6)),))
    assert st_.status is Status.EXPIRED
    assert st_.extension is None


def test_result_ends_the_extension_on_its_day() -> None:
    events = (ReRankingFiled(on=D(2029, 5, 1)), ReRanked(on=D(2029, 10, 1), stars=None))
    cert = lam_dong()
    assert status_on(cert, D(2029, 9, 30), events) is Status.EXTENDED
    st_ = certificate_status(cert, D(2029, 10, 1), events)
    assert st_.status is Status.EXTENDED
    assert st_.extension is not None
    assert st_.extension.ended_on == D(2029, 10, 1)
    assert status_on(cert, D(2029, 10, 2), events) is Status.EXPIRED


def test_re_recognition_supersedes() -> None:
    events = (ReRankingFiled(on=D(2029, 5, 1)), ReRanked(on=D(2029, 10, 1), stars=4))
    st_ = certificate_status(lam_dong(), D(2029, 10, 1), events)
    assert st_.status is Status.SUPERSEDED
    assert st_.superseded_by is SupersededBy.RE_RECOGNITION
    assert [str(s) for s in st_.sources] == ["26/2026/QĐ-TTg, Điều 7, khoản 6"]
    assert st_.next_deadline is None
    # Re-recognised before expiry, in time.
    events = (ReRankingFiled(on=D(2029, 3, 1)), ReRanked(on=D(2029, 4, 10), stars=3))
    assert status_on(lam_dong(), D(2029, 4, 9), events) is Status.VALID
    assert status_on(lam_dong(), D(2029, 4, 10), events) is Status.SUPERSEDED


def test_result_after_the_longest_extension_does_not_supersede() -> None:
    events = (ReRankingFiled(on=D(2029, 5, 1)), ReRanked(on=D(2030, 3, 1), stars=3))
    assert status_on(lam_dong(), D(2030, 3, 1), events) is Status.EXPIRED


def test_refused_before_expiry_then_no_extension() -> None:
    events = (ReRankingFiled(on=D(2029, 3, 1)), ReRanked(on=D(2029, 4, 10), stars=None))
    assert status_on(lam_dong(), D(2029, 8, 5), events) is Status.EXPIRING_SOON
    assert status_on(lam_dong(), D(2029, 8, 6), events) is Status.EXPIRED


def test_transitional_late_filing_on_a_148_certificate() -> None:
    # 148 certificate of 2023-06-01, last valid day 2026-05-31 (anniversary excluded); filed
    # 2026-05-31 under 26/2026 (window long gone).
    cert = Certificate(issued=D(2023, 6, 1), ruleset="qd148-2023", stars=3)
    events = (ReRankingFiled(on=D(2026, 5, 31)),)
    st_ = certificate_status(cert, D(2026, 7, 1), events)
    assert st_.status is Status.EXTENDED
    assert st_.extension is not None
    assert st_.extension.until_at_latest == D(2026, 11, 27)  # May 31 + 180 days


def test_filing_before_26_2026_pending_at_expiry_is_extended() -> None:
    # Filed 10 May 2026 under the old rules (Điều 12.2.b), expiry 1 June 2026, no result yet.
    cert = Certificate(issued=D(2023, 6, 1), ruleset="qd148-2023")
    events = (ReRankingFiled(on=D(2026, 5, 10)),)
    st_ = certificate_status(cert, D(2026, 6, 2), events)
    assert st_.filing_timing is FilingTiming.BEFORE_QD26
    assert st_.status is Status.EXTENDED


def test_no_extension_when_expiry_precedes_26_2026() -> None:
    cert = Certificate(issued=D(2023, 3, 1), ruleset="qd148-2023")
    events = (ReRankingFiled(on=D(2026, 2, 15)),)
    assert status_on(cert, D(2026, 3, 2), events) is Status.EXPIRED


def test_reranking_decision_due() -> None:
    due = reranking_decision_due(D(2029, 3, 20))
    assert due.on == D(2029, 5, 4)  # 45 days: 11 in March, 30 in April, 4 in May
    assert str(due.source) == "26/2026/QĐ-TTg, Điều 7 khoản 6 điểm g"  # procedure.json period


# --- Revocation -------------------------------------------------------------------------


def test_revocation() -> None:
    cert = Certificate(issued=D(2026, 8, 5), ruleset="qd26-2026", stars=4)
    rev = Revoked(on=D(2027, 3, 10), ground=RevocationGround.C, concluded_on=D(2027, 3, 1))
    assert rev.deadline == D(2027, 3, 16)
    assert rev.within_time_limit is True
    assert status_on(cert, D(2027, 3, 9), (rev,)) is Status.VALID
    st_ = certificate_status(cert, D(2027, 3, 10), (rev,))
    assert st_.status is Status.REVOKED
    assert st_.revocation == rev
    assert not st_.is_valid
    assert st_.next_deadline is None
    texts = [str(s) for s in st_.sources]
    assert "26/2026/QĐ-TTg, Điều 8, khoản 1, điểm c" in texts
    assert "26/2026/QĐ-TTg, Điều 8, khoản 2, điểm a" in texts
    assert "26/2026/QĐ-TTg, Điều 8 khoản 4" in texts  # procedure.json period
    late = Revoked(on=D(2027, 3, 17), ground=RevocationGround.B, concluded_on=D(2027, 3, 1))
    assert late.within_time_limit is False
    assert Revoked(on=D(2027, 3, 16), ground=RevocationGround.B).within_time_limit is None


def test_revocation_grounds_are_the_six_points_of_dieu_8_1() -> None:
    assert [g.value for g in RevocationGround] == ["a", "b", "c", "d", "đ", "e"]
    assert str(RevocationGround.DD.source) == "26/2026/QĐ-TTg, Điều 8, khoản 1, điểm đ"
    assert RevocationGround.DD.label_en == "No longer produces the OCOP product"
    assert RevocationGround("đ") is RevocationGround.DD


def test_revocation_authority_by_star_class() -> None:
    for stars in (3, 4):
        a = revocation_authority(stars)
        assert (a.level, a.title) == (CouncilLevel.PROVINCE, "Chủ tịch UBND cấp tỉnh")
        assert str(a.source) == "26/2026/QĐ-TTg, Điều 8, khoản 2, điểm a"
    five = revocation_authority(5)
    assert five.level is CouncilLevel.CENTRAL
    assert str(five.source) == "26/2026/QĐ-TTg, Điều 8, khoản 2, điểm b"
    for bad in (2, 6, True):
        with pytest.raises(InvalidInput):
            revocation_authority(bad)


def test_revocation_after_expiry_is_recorded() -> None:
    # Đồng Tháp, Dec 2024: certificates of 2021 revoked after 36 months without re-ranking.
    cert = Certificate(issued=D(2021, 12, 1), ruleset="qd781-2020", stars=3)
    events = (Revoked(on=D(2024, 12, 21)),)  # before 26/2026: no ground is required
    assert status_on(cert, D(2024, 12, 10), events) is Status.EXPIRED
    assert status_on(cert, D(2024, 12, 21), events) is Status.REVOKED


def test_revocation_needs_a_ground_under_26_2026() -> None:
    with pytest.raises(InvalidHistory, match=r"events\[0\]\.ground: a revocation from 2026-05-22"):
        certificate_status(lam_dong(), D(2027, 1, 1), (Revoked(on=D(2027, 1, 1)),))


def test_conclusion_after_decision_is_an_error() -> None:
    with pytest.raises(InvalidHistory, match="concluded_on"):
        Revoked(on=D(2027, 1, 1), ground=RevocationGround.A, concluded_on=D(2027, 1, 2))


# --- Upgrades ---------------------------------------------------------------------------


def test_upgrade_supersedes() -> None:
    events = (Upgraded(on=D(2027, 6, 1), stars=4),)
    assert status_on(lam_dong(), D(2027, 5, 31), events) is Status.VALID
    st_ = certificate_status(lam_dong(), D(2027, 6, 1), events)
    assert st_.status is Status.SUPERSEDED
    assert st_.superseded_by is SupersededBy.UPGRADE
    assert [str(s) for s in st_.sources] == ["26/2026/QĐ-TTg, Điều 7, khoản 5"]


def test_upgrade_during_extension_is_allowed() -> None:
    events = (ReRankingFiled(on=D(2029, 5, 1)), Upgraded(on=D(2029, 9, 1), stars=5))
    assert status_on(lam_dong(), D(2029, 9, 1), events) is Status.SUPERSEDED


@pytest.mark.parametrize(
    ("events", "match"),
    [
        ((Upgraded(on=D(2029, 8, 6), stars=4),), r"events\[0\]\.on: an upgrade on 2029-08-06"),
        ((Upgraded(on=D(2027, 1, 1), stars=3),), r"events\[0\]\.stars: an upgrade must raise"),
        ((Revoked(on=D(2026, 8, 4), ground=RevocationGround.A),), "before the certificate was"),
        (
            (
                Revoked(on=D(2027, 1, 1), ground=RevocationGround.D),
                Upgraded(on=D(2027, 2, 1), stars=4),
            ),
            r"events\[1\]\.on: upgraded on 2027-02-01 comes after the certificate was revoked",
        ),
        (
            (Upgraded(on=D(2027, 2, 1), stars=4), ReRankingFiled(on=D(2029, 3, 1))),
            r"events\[1\]\.on: reranking_filed on 2029-03-01 comes after .* superseded",
        ),
        (
            (ReRankingFiled(on=D(2029, 3, 1)), ReRankingFiled(on=D(2029, 3, 5))),
            "a re-ranking filed on 2029-03-01 is still pending",
        ),
        ((ReRanked(on=D(2029, 3, 1), stars=3),), "without a re-ranking filed"),
        (
            (ReRanked(on=D(2029, 3, 1), stars=3), ReRankingFiled(on=D(2029, 3, 2))),
            r"events\[0\]\.on: re-ranking result on 2029-03-01 without",
        ),
    ],
)
def test_invalid_histories(events: tuple[object, ...], match: str) -> None:
    with pytest.raises(InvalidHistory, match=match):
        validate_history(lam_dong(), events)  # type: ignore[arg-type]
    with pytest.raises(InvalidHistory):
        certificate_status(lam_dong(), D(2030, 6, 1), events)  # type: ignore[arg-type]


def test_upgrade_needs_known_stars() -> None:
    cert = Certificate(issued=D(2026, 8, 5), ruleset="qd26-2026")
    with pytest.raises(InvalidHistory, match="stars are not known"):
        validate_history(cert, (Upgraded(on=D(2027, 1, 1), stars=4),))


def test_event_fields_are_strict() -> None:
    with pytest.raises(InvalidHistory, match="stars"):
        Upgraded(on=D(2027, 1, 1), stars=6)
    with pytest.raises(InvalidHistory, match="on"):
        ReRankingFiled(on=datetime(2027, 1, 1))  # noqa: DTZ001
    with pytest.raises(InvalidHistory, match="stars"):
        ReRanked(on=D(2027, 1, 1), stars=True)
    with pytest.raises(InvalidHistory, match="not a certificate event"):
        validate_history(lam_dong(), ("2027-01-01",))  # type: ignore[arg-type]


def test_history_out_of_order_is_sorted() -> None:
    filed = ReRankingFiled(on=D(2029, 5, 1))
    result = ReRanked(on=D(2029, 10, 1), stars=None)
    revoked = Revoked(on=D(2029, 9, 15), ground=RevocationGround.DD)
    in_order = (filed, revoked)
    shuffled = (revoked, filed)
    assert validate_history(lam_dong(), shuffled) == in_order
    for day in (D(2029, 9, 14), D(2029, 9, 15), D(2030, 1, 1)):
        assert certificate_status(lam_dong(), day, in_order) == certificate_status(
            lam_dong(), day, shuffled
        )
        assert status_on(lam_dong(), day, in_order) is status_on(lam_dong(), day, shuffled)
    assert status_on(lam_dong(), D(2029, 9, 15), shuffled) is Status.REVOKED
    # Result given before the filing in the input: sorted by date, it is valid.
    assert validate_history(lam_dong(), (result, filed)) == (filed, result)


def test_future_events_do_not_count_but_are_validated() -> None:
    events = (Upgraded(on=D(2028, 1, 1), stars=5),)
    assert status_on(lam_dong(), D(2027, 1, 1), events) is Status.VALID
    with pytest.raises(InvalidHistory):
        certificate_status(lam_dong(), D(2027, 1, 1), (Upgraded(on=D(2031, 1, 1), stars=4),))


# --- The certificate entity -------------------------------------------------------------


def test_certificate_fields() -> None:
    cert = lam_dong()
    assert cert.product == "Cà phê Arabica Cầu Đất"
    decomposed = "Ca\u0300 phe\u0302"
    assert Certificate(issued=D(2026, 8, 5), ruleset="qd26-2026", product=decomposed).product == (
        "Cà phê"
    )
    assert cert.ruleset_info.instrument == "26/2026/QĐ-TTg"
    assert (
        Certificate(
            issued=D(2024, 5, 1), ruleset="qd148-2023", stars=3, level=CouncilLevel.DISTRICT
        ).level
        is CouncilLevel.DISTRICT
    )


@pytest.mark.parametrize(
    ("kwargs", "path", "match"),
    [
        ({"stars": 2}, "stars", "2 stars get no certificate"),
        ({"stars": True}, "stars", "expected an integer"),
        ({"stars": 6}, "stars", "only 3 to 5 stars"),
        ({"ruleset": "qd999"}, "ruleset", "unknown rule set 'qd999'"),
        ({"issued": D(2026, 5, 21)}, "issued", "not on 2026-05-21"),
        ({"issued": datetime(2026, 8, 5)}, "issued", "got a datetime.datetime"),  # noqa: DTZ001
        ({"stars": 5, "level": CouncilLevel.PROVINCE}, "level", "issued at level central"),
        ({"stars": 3, "level": CouncilLevel.DISTRICT}, "level", "not district"),
        ({"stated_valid_until": D(2026, 8, 5)}, "stated_valid_until", "must be after"),
        ({"product": "  "}, "product", "must not be empty"),
    ],
)
def test_certificate_errors(kwargs: dict[str, object], path: str, match: str) -> None:
    base: dict[str, object] = {"issued": D(2026, 8, 5), "ruleset": "qd26-2026"}
    with pytest.raises(InvalidCertificate, match=match) as info:
        Certificate(**{**base, **kwargs})  # type: ignore[arg-type]
    assert info.value.path == path
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, OcopError)


def test_as_of_before_issue_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="as_of: 2026-08-04 is before the certificate"):
        certificate_status(lam_dong(), D(2026, 8, 4))


def test_rulesets_table() -> None:
    ids = [r.id for r in certificate_rulesets()]
    assert ids == ["qd1048-2019", "qd781-2020", "qd148-2023", "qd1489-2025", "qd26-2026"]
    # Consecutive, without gaps, except that 1489 overlaps 26/2026 until 21 July 2026.
    rs = certificate_rulesets()
    for before, after in itertools.pairwise(rs[:4]):
        assert before.in_force_until is not None
        assert before.in_force_until + timedelta(days=1) == after.in_force_from
    assert certificate_ruleset("qd1489-2025").in_force_until == D(2026, 7, 21)
    assert ruleset_in_force(D(2023, 2, 24)).id == "qd148-2023"
    assert ruleset_in_force(D(2026, 7, 21)).id == "qd26-2026"
    assert [r.id for r in rs if r.verified] == ["qd26-2026"]
    with pytest.raises(InvalidCertificate, match="no OCOP rule set was in force on 2019-08-20"):
        ruleset_in_force(D(2019, 8, 20))


def test_public_names() -> None:
    assert ocop.Certificate is Certificate
    assert ocop.certificate_status is certificate_status
    assert {"Certificate", "certificate_status", "parse_product_code"} <= set(ocop.__all__)


def test_status_document() -> None:
    doc = certificate_status_to_dict(certificate_status(lam_dong(), D(2029, 3, 1)))
    assert doc["status"] == "reranking_window"
    assert doc["valid_until"] == "2029-08-05"
    assert doc["reranking_window"] == {
        "opens": "2029-02-06",
        "closes": "2029-04-07",
        "applies": True,
        "source": "26/2026/QĐ-TTg, Điều 7, khoản 6, điểm a",
        "state": "open",
    }
    assert doc["next_deadline"]["on"] == "2029-04-07"
    json.dumps(doc)  # JSON-ready


# --- Properties -------------------------------------------------------------------------

ISSUE_DATES = st.dates(min_value=D(2019, 8, 21), max_value=D(2035, 12, 31))


def _cert(issued: date) -> Certificate:
    return Certificate(issued=issued, ruleset=ruleset_in_force(issued).id)


@given(ISSUE_DATES)
def test_valid_until_is_36_months_after_issue(issued: date) -> None:
    cert = _cert(issued)
    until = cert.valid_until
    last_day = calendar.monthrange(issued.year + 3, issued.month)[1]
    anniversary = D(issued.year + 3, issued.month, min(issued.day, last_day))
    if cert.ruleset_info.convention == "civil_code" or anniversary.day != issued.day:
        assert until == anniversary
    else:  # published practice: the anniversary is the first day without effect
        assert until == anniversary - timedelta(days=1)


_PHASE = {
    Status.RERANKING_WINDOW: 1,
    Status.EXPIRING_SOON: 3,
    Status.EXPIRED: 4,
}


def _phase(cert: Certificate, day: date) -> int:
    st_ = certificate_status(cert, day)
    if st_.status is Status.VALID:
        return 0 if st_.reranking_window.state(day) == "not_yet_open" else 2
    return _PHASE[st_.status]


@settings(max_examples=60)
@given(ISSUE_DATES, st.integers(0, 1200), st.integers(0, 1200))
def test_status_is_monotone_in_time_without_events(issued: date, a: int, b: int) -> None:
    cert = _cert(issued)
    d1, d2 = sorted((issued + timedelta(days=a), issued + timedelta(days=b)))
    assert _phase(cert, d1) <= _phase(cert, d2)
    v1, v2 = certificate_status(cert, d1).is_valid, certificate_status(cert, d2).is_valid
    assert v1 or not v2  # once invalid, never valid again
    assert v1 == (d1 <= cert.valid_until)


@settings(max_examples=40)
@given(st.permutations([0, 1, 2]), st.integers(0, 400))
def test_event_order_in_input_does_not_matter(order: list[int], offset: int) -> None:
    events = [
        ReRankingFiled(on=D(2029, 5, 1)),
        ReRanked(on=D(2029, 9, 1), stars=None),
        Revoked(on=D(2029, 11, 1), ground=RevocationGround.B),
    ]
    day = D(2029, 4, 1) + timedelta(days=offset)
    given_ = [events[i] for i in order]
    assert status_on(lam_dong(), day, tuple(given_)) is status_on(lam_dong(), day, tuple(events))


# --- Command line -----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "certificate", "status", "--issued", "2026-08-05", "--as-of", "2029-03-01",
        "--stars", "3",
    )  # fmt: skip
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["status"] == "reranking_window"
    assert doc["valid_until"] == "2029-08-05"
    assert doc["ruleset"] == "qd26-2026"
    assert doc["reranking_window"]["closes"] == "2029-04-07"
    assert doc["next_deadline"]["source"] == "26/2026/QĐ-TTg, Điều 7, khoản 6, điểm a"
    assert doc["revocation_authority"]["title"] == "Chủ tịch UBND cấp tỉnh"


def test_cli_status_with_events(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "certificate", "status", "--issued", "2023-06-01", "--as-of", "2026-07-01",
        "--ruleset", "qd148-2023", "--filed", "2026-05-31",
    )  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert doc["status"] == "extended"
    assert doc["extension"]["until_at_latest"] == "2026-11-27"  # last valid day 2026-05-31
    code, out, _ = run(
        capsys, "certificate", "status", "--issued", "2026-08-05", "--as-of", "2027-01-01",
        "--revoked", "2026-12-01", "--ground", "đ", "--stars", "5",
    )  # fmt: skip
    doc = json.loads(out)
    assert doc["status"] == "revoked"
    assert doc["revocation"] == {"on": "2026-12-01", "ground": "đ"}
    assert "26/2026/QĐ-TTg, Điều 8, khoản 2, điểm b" in doc["sources"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--issued", "2026-13-01", "--as-of", "2027-01-01"], "--issued: expected an ISO date"),
        (["--issued", "2026-08-05", "--as-of", "2026-08-01"], "as_of: 2026-08-01 is before"),
        (["--issued", "2019-01-01", "--as-of", "2020-01-01"], "no OCOP rule set was in force"),
        (
            ["--issued", "2026-08-05", "--as-of", "2027-01-01", "--revoked", "2026-12-01"],
            "ground",
        ),
        (["--issued", "2026-08-05", "--as-of", "2027-01-01", "--ground", "a"], "needs --revoked"),
    ],
)
def test_cli_status_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "certificate", "status", *argv)
    assert code == 1
    assert out == ""
    assert err.startswith("ocop: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_no_district_certificate_after_the_district_level_ended() -> None:
    # 148 lets districts certify 3 stars, but districts were abolished on 1 July 2025.
    ok = Certificate(
        issued=D(2025, 6, 30), ruleset="qd148-2023", stars=3, level=CouncilLevel.DISTRICT
    )
    assert ok.level is CouncilLevel.DISTRICT
    with pytest.raises(InvalidCertificate, match="abolished on 2025-07-01"):
        Certificate(
            issued=D(2025, 7, 3), ruleset="qd148-2023", stars=3, level=CouncilLevel.DISTRICT
        )
