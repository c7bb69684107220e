"""26/2026 calendar: rounds, periods, working days (BLDS 2015 Điều 147–148), Tết."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.cli import main
from ocop.errors import HolidaysUnavailable, InvalidInput, NotEncoded
from ocop.procedure import (
    HolidayCalendar,
    Level,
    day_deadline,
    deadline,
    round_for,
    rounds,
    vietnam_calendar,
    working_day_deadline,
)
from ocop.serialize import deadline_to_dict

WEEKENDS_ONLY = HolidayCalendar.explicit([])
TET_2026 = [date(2026, 2, d) for d in range(16, 21)]  # Mon 16 – Fri 20 February 2026


def test_working_days_skip_weekends() -> None:
    # Friday 2026-01-09 + 1 working day = Monday 12th; the day of the event does not count.
    assert working_day_deadline(date(2026, 1, 9), 1, calendar=WEEKENDS_ONLY) == date(2026, 1, 12)
    assert working_day_deadline(date(2026, 1, 5), 15, calendar=WEEKENDS_ONLY) == date(2026, 1, 26)


def test_working_days_around_explicit_tet() -> None:
    cal = HolidayCalendar.explicit(TET_2026)
    # Received Tue 10 Feb: 11, 12, 13, then Tết week, then 23 Feb onwards.
    assert working_day_deadline(date(2026, 2, 10), 15, calendar=cal) == date(2026, 3, 10)
    assert working_day_deadline(date(2026, 2, 10), 15, calendar=WEEKENDS_ONLY) == date(2026, 3, 3)


def test_make_up_working_day_counts() -> None:
    cal = HolidayCalendar.explicit([date(2026, 1, 2)], [date(2026, 1, 10)])
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 1, 10))  # a Saturday worked in exchange
    assert working_day_deadline(date(2026, 1, 8), 2, calendar=cal) == date(2026, 1, 10)


def test_day_periods_roll_to_next_working_day() -> None:
    # 26/2026 Điều 11.2: 148 and 1489 cease 60 days after 22 May 2026.
    assert day_deadline(date(2026, 5, 22), 60, calendar=WEEKENDS_ONLY) == date(2026, 7, 21)
    # Ending on Saturday 2026-01-17 moves to Monday the 19th (Điều 148.5).
    assert day_deadline(date(2026, 1, 2), 15, calendar=WEEKENDS_ONLY) == date(2026, 1, 19)
    cal = HolidayCalendar.explicit(TET_2026)
    # 45 days from 2026-01-01 is Sunday 15 Feb, then Tết: the period ends on Mon 23 Feb.
    assert day_deadline(date(2026, 1, 1), 45, calendar=cal) == date(2026, 2, 23)


def test_explicit_years_are_enforced() -> None:
    cal = HolidayCalendar.explicit(TET_2026, years=[2026])
    with pytest.raises(HolidaysUnavailable, match="2027"):
        working_day_deadline(date(2026, 12, 28), 5, calendar=cal)


def test_bad_input() -> None:
    with pytest.raises(InvalidInput):
        working_day_deadline(date(2026, 1, 1), 0, calendar=WEEKENDS_ONLY)
    with pytest.raises(InvalidInput):
        working_day_deadline("2026-01-01", 3, calendar=WEEKENDS_ONLY)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        HolidayCalendar.explicit(["2026-01-01"])  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="periods are"):
        deadline("appeal", date(2026, 1, 1), calendar=WEEKENDS_ONLY)
    with pytest.raises(NotEncoded):
        deadline("rerank", date(2024, 1, 1), ruleset="qd148-2023", calendar=WEEKENDS_ONLY)
    with pytest.raises(NotEncoded):
        rounds(2024, ruleset="qd148-2023")
    with pytest.raises(InvalidInput):
        rounds(True)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        round_for(date(2026, 1, 1), "commune")


def test_without_python_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    with pytest.raises(HolidaysUnavailable, match=r"ocop\[holidays\]"):
        vietnam_calendar([2026])
    # The holidays shipped with ocop (2019–2035) need no extra: the same day as with
    # python-holidays (test_commune_precheck_over_tet_2026).
    assert deadline("commune_precheck", date(2026, 2, 10)).end == date(2026, 3, 10)
    # Beyond the shipped years, the extra or an explicit calendar is needed.
    with pytest.raises(HolidaysUnavailable, match=r"ocop\[holidays\]"):
        deadline("commune_precheck", date(2040, 2, 10))
    # An explicit calendar needs nothing.
    assert deadline("commune_precheck", date(2026, 2, 10), calendar=WEEKENDS_ONLY).end == date(
        2026, 3, 3
    )


def test_rounds_2026() -> None:
    found = {(r.level, r.number): r for r in rounds(2026)}
    prov1 = found[(Level.PROVINCE, 1)]
    assert (prov1.proposed_before, prov1.finish_before) == (date(2026, 4, 30), date(2026, 6, 30))
    assert prov1.last_proposal_day == date(2026, 4, 29)
    assert prov1.last_evaluation_day == date(2026, 6, 29)
    prov2 = found[(Level.PROVINCE, 2)]
    assert (prov2.proposed_before, prov2.finish_before) == (date(2026, 10, 30), date(2026, 12, 30))
    cen1 = found[(Level.CENTRAL, 1)]
    assert (cen1.proposed_before, cen1.finish_before) == (date(2026, 7, 30), date(2026, 9, 30))
    cen2 = found[(Level.CENTRAL, 2)]
    assert (cen2.proposed_before, cen2.finish_before) == (date(2026, 1, 30), date(2026, 3, 30))
    assert str(prov1.source) == "26/2026/QĐ-TTg, Điều 5 khoản 1"
    assert str(cen1.source) == "26/2026/QĐ-TTg, Điều 5 khoản 2"


@pytest.mark.parametrize(
    ("proposed", "level", "number", "finish_before"),
    [
        (date(2026, 4, 29), "province", 1, date(2026, 6, 30)),
        (date(2026, 4, 30), "province", 2, date(2026, 12, 30)),
        (date(2026, 10, 29), "province", 2, date(2026, 12, 30)),
        (date(2026, 10, 30), "province", 1, date(2027, 6, 30)),
        (date(2026, 12, 31), "province", 1, date(2027, 6, 30)),
        (date(2026, 1, 29), "central", 2, date(2026, 3, 30)),
        (date(2026, 1, 30), "central", 1, date(2026, 9, 30)),
        (date(2026, 7, 29), "central", 1, date(2026, 9, 30)),
        (date(2026, 7, 30), "central", 2, date(2027, 3, 30)),
    ],
)
def test_round_for(proposed: date, level: str, number: int, finish_before: date) -> None:
    r = round_for(proposed, level)
    assert (r.number, r.finish_before) == (number, finish_before)


def test_periods_are_cited() -> None:
    d = deadline("rerank", date(2026, 6, 1), calendar=WEEKENDS_ONLY)
    assert d.unit == "days"
    assert d.length == 45
    assert str(d.source) == "26/2026/QĐ-TTg, Điều 7 khoản 6 điểm g"
    assert d.end == date(2026, 7, 16)
    assert deadline_to_dict(d)["convention"] == "Bộ luật Dân sự 2015 (91/2015/QH13), Điều 147–148"
    r = deadline("revocation", date(2026, 6, 1), calendar=WEEKENDS_ONLY)
    assert str(r.source) == "26/2026/QĐ-TTg, Điều 8 khoản 4"
    assert r.end == date(2026, 6, 16)


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    n=st.integers(1, 40),
)
def test_working_day_deadline_counts_exactly(start: date, n: int) -> None:
    cal = HolidayCalendar.explicit(TET_2026)
    end = working_day_deadline(start, n, calendar=cal)
    assert cal.is_working_day(end)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(cal.is_working_day(d) for d in days) == n


# ---------------------------------------------------------------- with python-holidays


def test_python_holidays_tet_2026() -> None:
    pytest.importorskip("holidays")
    cal = vietnam_calendar([2026])
    for day in TET_2026:
        assert not cal.is_working_day(day), day
    assert date(2026, 9, 2) in cal.holidays  # Quốc khánh
    assert date(2026, 4, 30) in cal.holidays
    assert date(2026, 5, 1) in cal.holidays
    assert cal.source.startswith("python-holidays")


def test_python_holidays_tet_2027() -> None:
    pytest.importorskip("holidays")
    cal = vietnam_calendar([2027])
    # Lunar New Year 2027 falls on Saturday 6 February.
    assert date(2027, 2, 6) in cal.holidays
    assert not cal.is_working_day(date(2027, 2, 8))


def test_commune_precheck_over_tet_2026() -> None:
    pytest.importorskip("holidays")
    d = deadline("commune_precheck", date(2026, 2, 10))
    assert d.end == date(2026, 3, 10)
    assert d.unit == "working_days"
    assert str(d.source) == "26/2026/QĐ-TTg, Điều 7 khoản 2"
    # Received on the Friday before Tết: 15 working days end on 13 March.
    assert deadline("commune_precheck", date(2026, 2, 13)).end == date(2026, 3, 13)


def test_revocation_across_30_april_2026() -> None:
    pytest.importorskip("holidays")
    # 15 days from 15 April is Thursday 30 April (holiday), then 1 May, then the weekend.
    assert deadline("revocation", date(2026, 4, 15)).end == date(2026, 5, 4)


def test_extra_holidays_and_working_days() -> None:
    pytest.importorskip("holidays")
    cal = vietnam_calendar(
        [2026], extra_holidays=[date(2026, 3, 2)], extra_working_days=[date(2026, 3, 7)]
    )
    assert not cal.is_working_day(date(2026, 3, 2))
    assert cal.is_working_day(date(2026, 3, 7))
    with pytest.raises(HolidaysUnavailable):
        cal.is_working_day(date(2027, 1, 4))


def test_cli_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--year", "2026", "--no-holidays"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["finish_before"] for r in doc["rounds"]] == [
        "2026-03-30",
        "2026-06-30",
        "2026-09-30",
        "2026-12-30",
    ]
    assert doc["holidays"] == []
    assert doc["working_days"] == 261
    assert {p["key"] for p in doc["periods"]} == {"commune_precheck", "rerank", "revocation"}
    assert main(["calendar", "--period", "rerank", "--from", "2026-06-01", "--no-holidays"]) == 0
    assert json.loads(capsys.readouterr().out)["end"] == "2026-07-16"
    assert main(["calendar", "--period", "rerank"]) == 1
    assert main(["calendar"]) == 1
    assert main(["calendar", "--year", "2024", "--ruleset", "qd148-2023"]) == 1
    assert "not encoded" in capsys.readouterr().err


def test_cli_calendar_with_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("holidays")
    assert main(["calendar", "--year", "2026"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "2026-02-17" in doc["holidays"]
    assert doc["working_days"] < 261
    assert main(["calendar", "--period", "commune_precheck", "--from", "2026-02-10"]) == 0
    assert json.loads(capsys.readouterr().out)["end"] == "2026-03-10"
