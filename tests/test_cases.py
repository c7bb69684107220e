"""Per-sheet ranking cases for all 26 sheets of 26/2026 (tests/cases/qd26-2026.json).

The expected numbers were worked out by tools/make_cases_qd26.py with plain arithmetic on
the printed points, apart from the engine, and are committed so that every one can be read
and checked against the sheet. Each sheet has a case per marker level it prints, one per
knock-out condition, and one for its conditional criterion; set 26 adds its alternative
cases and set 16 its zero-score trigger.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocop import rank

CASES = json.loads((Path(__file__).parent / "cases" / "qd26-2026.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_case(case: dict[str, Any]) -> None:
    result = rank(
        [{"member": "A", "answers": case["answers"]}],
        sheet=case["sheet"],
        ruleset=CASES["ruleset"],
        flags=case["flags"],
    )
    expected = case["expected"]
    assert result.members[0].total == expected["total"]
    assert result.band_stars == expected["band_stars"]
    assert result.status == expected["status"]
    assert result.stars == expected["stars"]


def test_every_sheet_and_every_marker_level_is_covered() -> None:
    sheets = {c["sheet"] for c in CASES["cases"]}
    assert sheets == set(range(1, 27))
    levels = {(c["sheet"], c["name"].count("*")) for c in CASES["cases"] if "*" in c["name"]}
    assert {lvl for _, lvl in levels} == {3, 4, 5}
    assert any("skips" in c["name"] for c in CASES["cases"])
    assert any("disqualifies" in c["name"] for c in CASES["cases"])
    assert any("not applicable" in c["name"] for c in CASES["cases"])
