"""One calendar (ocop.calendar): the shipped holidays, Điều 148.5 on every path, layering."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ocop.calendar as cal_mod
from ocop import _holidays, certificates, criteria, procedure
from ocop.calendar import (
    BUNDLED_YEARS,
    Deadline,
    HolidayCalendar,
    bundled_calendar,
    day_deadline,
    days_before,
    default_calendar,
    last_day,
    months_end,
    period_deadline,
)
from ocop.certificates import (
    Certificate,
    ReRankingFiled,
    RevocationGround,
    Revoked,
    certificate_status,
    reranking_decision_due,
    validity_end,
)
from ocop.cli import main
from ocop.criteria import select_ruleset
from ocop.errors import CatalogueIntegrityError, HolidaysUnavailable, InvalidInput

ROOT = Path(__file__).resolve().parents[1]
D = date


# --- The shipped holidays ------------------------------------------------------------------


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_holidays_vn", ROOT / "tools/make_holidays_vn.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_holidays_are_the_generated_output() -> None:
    pytest.importorskip("holidays")
    shipped = (ROOT / "src/ocop/holidays_vn.json").read_text(encoding="utf-8")
    assert shipped == _tool().render(), "run python tools/make_holidays_vn.py"


def test_shipped_holidays_agree_with_python_holidays() -> None:
    pytest.importorskip("holidays")
    shipped = bundled_calendar()
    for year in (2019, 2025, 2026, 2027, 2035):
        other = cal_mod.vietnam_calendar([year])
        assert {d for d in shipped.holidays if d.year == year} == other.holidays
        assert {d for d in shipped.working_days if d.year == year} == other.working_days


def test_shipped_holidays_content() -> None:
    cal = bundled_calendar()
    assert cal.years == frozenset(BUNDLED_YEARS)
    # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 (the weekends around it are off anyway).
    assert {d for d in cal.holidays if D(2026, 2, 1) <= d <= D(2026, 2, 28)} == {
        D(2026, 2, d) for d in range(16, 21)
    }
    # Giỗ Tổ Hùng Vương 2026 is Sunday 26 April, observed Monday 27 April.
    assert D(2026, 4, 26) in cal.holidays
    assert not cal.is_working_day(D(2026, 4, 27))
    # A swap python-holidays knows: Saturday 22 August 2026 worked for Monday 31 August.
    assert cal.is_working_day(D(2026, 8, 22))
    assert not cal.is_working_day(D(2026, 8, 31))


def _doc() -> dict[str, Any]:
    return dict(json.loads((ROOT / "src/ocop/holidays_vn.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("working_days"), "unexpected keys"),
        (lambda d: d["holidays"].pop("2030-09-02"), "2030-09-02 is missing"),
        (lambda d: d["holidays"].update({"2018-12-31": "x"}), "not in order"),
        (lambda d: d["holidays"].update({"2036-01-01": "x"}), "outside 2019–2035"),
        (lambda d: d["working_days"].append("2026-08-24"), "weekend day"),
        (
            lambda d: [
                d["holidays"].pop(k) for k in list(d["holidays"]) if k.startswith("2027-02")
            ],
            "Tết",
        ),
        (
            lambda d: [
                d["holidays"].pop(k)
                for k in list(d["holidays"])
                if "2028-03-28" <= k < "2028-04-30"
            ],
            "Hùng Kings",
        ),
    ],
)
def test_shipped_holidays_integrity_checks(change: Any, message: str) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(CatalogueIntegrityError, match=message):
        _holidays._load_bundled(doc)


def test_default_calendar_needs_no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    cal = default_calendar([2026, 2040])
    assert cal.years == frozenset({2026})
    assert not cal.is_working_day(D(2026, 9, 2))
    with pytest.raises(HolidaysUnavailable, match=r"ocop\[holidays\]"):
        cal.is_working_day(D(2040, 1, 2))
    with pytest.raises(HolidaysUnavailable, match=r"ocop\[holidays\]"):
        day_deadline(D(2040, 6, 3), 45)
    # An explicit calendar still needs nothing.
    assert day_deadline(D(2040, 6, 3), 45, calendar=HolidayCalendar.explicit([])) == D(2040, 7, 18)


def test_default_calendar_beyond_the_shipped_years() -> None:
    pytest.importorskip("holidays")
    cal = default_calendar([2035, 2036])
    assert cal.years == frozenset({2035, 2036})
    assert "python-holidays" in cal.source
    assert not cal.is_working_day(D(2036, 9, 2))


def test_transition_rules_need_no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # 26/2026 Điều 11–12 with the runtime dependencies only.
    monkeypatch.setitem(sys.modules, "holidays", None)
    assert criteria.period_end(D(2026, 5, 22), 60) == D(2026, 7, 21)
    assert criteria.period_end(D(2026, 5, 22), 30) == D(2026, 6, 22)
    old = "qd1489-2025"
    assert select_ruleset(D(2026, 7, 21), filed=D(2026, 5, 1), kind="first").ruleset == old
    assert select_ruleset(D(2026, 7, 22), filed=D(2026, 5, 1), kind="first").ruleset != old
    assert select_ruleset(D(2026, 6, 22), filed=D(2026, 5, 1), kind="reranking").ruleset == old
    assert select_ruleset(D(2026, 6, 23), filed=D(2026, 5, 1), kind="reranking").ruleset != old


# --- Same provision, same date -------------------------------------------------------------


def test_rerank_45_days_from_3_june_2026_on_every_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """26/2026 Điều 7.6.g: day 45 is Saturday 18 July 2026, so the period ends Monday 20 July."""
    moved: list[date] = []
    original = HolidayCalendar.next_working_day

    def spy(self: HolidayCalendar, day: date) -> date:
        moved.append(day)
        return original(self, day)

    monkeypatch.setattr(HolidayCalendar, "next_working_day", spy)
    start, sat, mon = D(2026, 6, 3), D(2026, 7, 18), D(2026, 7, 20)
    paths: dict[str, date] = {
        "ocop.calendar.day_deadline": day_deadline(start, 45),
        "ocop.calendar.period_deadline": period_deadline(
            "rerank", start, 45, "days", source=cal_mod.CIVIL_CODE
        ).on,
        "ocop.procedure.deadline": procedure.deadline("rerank", start).end,
        "ocop.procedure.day_deadline": procedure.day_deadline(start, 45),
        "ocop.certificates.reranking_decision_due": reranking_decision_due(start).on,
        "ocop.certificates.days_after": certificates.days_after(start, 45),
        "ocop.criteria.period_end": criteria.period_end(start, 45),
    }
    assert main(["calendar", "--period", "rerank", "--from", "2026-06-03"]) == 0
    paths["ocop calendar --period rerank"] = date.fromisoformat(
        json.loads(capsys.readouterr().out)["end"]
    )
    assert paths == dict.fromkeys(paths, mon)
    # Every path moved Saturday 18 July through the one place Điều 148.5 is applied.
    assert moved.count(sat) == len(paths)


def test_the_calendar_functions_are_re_exported_not_copied() -> None:
    assert procedure.HolidayCalendar is HolidayCalendar
    assert procedure.vietnam_calendar is cal_mod.vietnam_calendar
    assert procedure.day_deadline is day_deadline
    assert procedure.working_day_deadline is cal_mod.working_day_deadline
    assert procedure.CIVIL_CODE is cal_mod.CIVIL_CODE
    assert criteria.period_end is day_deadline
    assert certificates.days_after is day_deadline
    assert certificates.days_before is days_before
    assert procedure.Deadline is certificates.Deadline is Deadline


def test_revocation_deadline_moves_off_a_weekend() -> None:
    # 15 days from Friday 3 July 2026 is Saturday 18 July: the decision is due Monday 20 July.
    rev = Revoked(on=D(2026, 7, 20), ground=RevocationGround.B, concluded_on=D(2026, 7, 3))
    assert rev.deadline == D(2026, 7, 20)
    assert rev.within_time_limit is True
    # 15 days from 15 April 2026 is Thursday 30 April, then 1 May and a weekend (Điều 8.4).
    rev = Revoked(on=D(2026, 5, 4), ground=RevocationGround.B, concluded_on=D(2026, 4, 15))
    assert rev.deadline == procedure.deadline("revocation", D(2026, 4, 15)).end == D(2026, 5, 4)


def test_validity_ends_are_not_moved() -> None:
    # 36 months from 18 July 2023 end on Saturday 18 July 2026 (docs/interpretations.md).
    assert validity_end(D(2023, 7, 18)) == D(2026, 7, 18) == months_end(D(2023, 7, 18), 36)
    # Under 148 the anniversary is the first day without effect (certificates.json,
    # issue 14): a certificate of 19 July 2023 has Saturday 18 July 2026 as its last day.
    cert = Certificate(issued=D(2023, 7, 19), ruleset="qd148-2023", stars=3)
    assert cert.valid_until == D(2026, 7, 18)
    assert certificate_status(cert, D(2026, 7, 19)).status.value == "expired"
    # The Điều 12.3 extension: 180 days from the expiry day, not moved either.
    st_ = certificate_status(cert, D(2026, 8, 1), (ReRankingFiled(on=D(2026, 7, 1)),))
    assert st_.extension is not None
    assert st_.extension.until_at_latest == last_day(D(2026, 7, 18), 180) == D(2027, 1, 14)


def test_period_arguments_are_checked() -> None:
    with pytest.raises(InvalidInput):
        period_deadline("x", D(2026, 1, 1), 3, "weeks", source=cal_mod.CIVIL_CODE)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        last_day(D(2026, 1, 1), -1)
    with pytest.raises(InvalidInput):
        days_before("2026-01-01", 3)  # type: ignore[arg-type]
    months = period_deadline("m", D(2024, 2, 29), 36, "months", source=cal_mod.CIVIL_CODE)
    assert (months.on, str(months.convention)) == (D(2027, 2, 28), str(cal_mod.BLDS_MONTHS))


# --- Layering ------------------------------------------------------------------------------


def test_calendar_is_a_bottom_module() -> None:
    tree = ast.parse((ROOT / "src/ocop/calendar.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    ocop_modules = {m for m in imported if m.startswith("ocop")}
    assert ocop_modules <= {
        "ocop.errors",
        "ocop._check",
        "ocop._source",
        "ocop._text",
        "ocop._holidays",
    }
    holidays_src = (ROOT / "src/ocop/_holidays.py").read_text(encoding="utf-8")
    rest = holidays_src.replace("from ocop.errors", "").replace("from ocop._check", "")
    assert "from ocop." not in rest
    code = (
        "import sys, ocop.calendar; "
        "bad = [m for m in sys.modules if m.startswith(('ocop.criteria', 'ocop.procedure', "
        "'ocop.certificates', 'ocop.ranking'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
