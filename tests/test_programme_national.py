"""Done when: the 2018-2020 national outcome evaluated against 490/QĐ-TTg reproduces the
published 72%, 82.4%, the star and producer-type shares and «vượt 1,86 lần» (national
conference of 23 March 2021), from the reported figures with their sources."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ocop.programme import evaluate, load_plan, percent, reported_outcome
from ocop.programme.progress import Status

CONFERENCE = date(2021, 3, 23)
PLAN = load_plan("qd490-2018")


def test_the_national_ratios() -> None:
    out = reported_outcome(PLAN, CONFERENCE)
    assert out.products_share == Fraction(4469, 6210)
    assert percent(out.products_share, 0) == "72"
    assert out.producers_share == Fraction(2439, 2961)
    assert percent(out.producers_share, 1) == "82.4"
    assert out.times_target == Fraction(4469, 2400)
    assert all("23/3/2021" in s.instrument for s in out.sources)


def test_the_star_and_producer_type_shares() -> None:
    out = reported_outcome(PLAN, CONFERENCE)
    assert {k: percent(v, 1) for k, v in out.star_shares.items()} == {
        "share_3star": "62.2",
        "share_4star": "36.2",
        "share_5star_potential": "1.7",
    }
    types = {k: percent(v, 1) for k, v in out.producer_type_shares.items()}
    assert types == {
        "hop_tac_xa": "38.3",
        "doanh_nghiep": "27.5",
        "ho_san_xuat": "31.5",
        "to_hop_tac": "2.7",  # «còn lại là tổ hợp tác»: 100 - 38.3 - 27.5 - 31.5
    }
    assert sum(out.producer_type_shares.values()) == 1


def test_progress_against_the_plan() -> None:
    rows = {p.target.id: p for p in evaluate(PLAN, CONFERENCE)}
    products = rows["products_3star"]
    assert products.achieved == 4469
    assert products.basis == "reported"
    assert products.ratio_text("vi") == "vượt 1,86 lần"
    assert products.ratio_text("en") == "1.86 times the target"
    assert products.status is Status.MET
    share = rows["standardised_share"]
    assert share.basis == "derived"
    assert share.achieved == Fraction(4469 * 100, 6210)
    assert share.achieved_text("vi") == "72%"
    assert share.status is Status.MET
    assert len(share.sources) == 3  # the target's clause and the two reported figures
    assert rows["officials_trained"].status is Status.UNKNOWN  # nothing reported


def test_before_the_report_nothing_is_known() -> None:
    rows = evaluate(PLAN, date(2020, 6, 1))
    assert {p.status for p in rows} == {Status.UNKNOWN}
