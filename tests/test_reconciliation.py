"""1048/781 reconciled with the second, independent transcription (issue 14).

``tools/qd1048_second_source.json`` is the comparison data ``tools/reconcile_qd1048.py``
derives from ``congnn1107/ocop_project`` (pinned commit); ``tools/extract_qd1048.py``
applies it. Every point value either equals the second transcription or carries a doubt
naming both readings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.criteria._checks import iter_doubts
from ocop.serialize import ruleset_to_dict

ROOT = Path(__file__).resolve().parents[1]
SECOND = json.loads((ROOT / "tools" / "qd1048_second_source.json").read_text(encoding="utf-8"))
MIRROR = Path("/work/.mirror/congnn1107+ocop_project/repo")
NOTES = ROOT.parent / "shared" / "reference" / "qd-1048-2019.md"


def joined(points: list[int]) -> str:
    return "/".join(map(str, points))


@pytest.mark.parametrize("rid", ["qd1048-2019", "qd781-2020"])
def test_every_difference_carries_a_doubt_with_both_readings(rid: str) -> None:
    rs = ocop.load_ruleset(rid)
    differing = 0
    for entry in SECOND["sheets"]:
        for diff in entry.get("differences", []):
            differing += 1
            crit = rs.sheet(entry["sheet"]).criterion(diff["first_code"])
            (doubt,) = [d for d in crit.doubts if d.field == "points"]
            second = diff["second"]
            printed = "—" if second is None else joined([o["points"] for o in second["options"]])
            assert [r.printed for r in doubt.readings] == [joined(diff["first_points"]), printed]
            assert "congnn1107/ocop_project" in doubt.readings[1].source
            assert doubt.used == joined([o.points for o in crit.options])
            assert doubt.used in {r.printed for r in doubt.readings}
    assert differing == 12
    assert SECOND["compared"] == {"criteria": 718, "agree": 707}


def test_criteria_without_a_doubt_are_not_listed_as_differing() -> None:
    rs = ocop.load_ruleset("qd1048-2019")
    listed = {
        (e["sheet"], d["first_code"]) for e in SECOND["sheets"] for d in e.get("differences", [])
    }
    doubted = {
        (int(loc.split(":")[0]), loc.split(":")[1])
        for loc, d in iter_doubts(rs)
        if d.field == "points"
    }
    assert doubted == listed


def test_sheet_3_is_the_second_transcription() -> None:
    (entry,) = [e for e in SECOND["sheets"] if e["sheet"] == 3]
    sheet = ocop.load_ruleset("qd1048-2019").sheet(3)
    assert sheet.available
    assert not sheet.verified
    assert sheet.verification_note is not None
    assert "Only the second" in sheet.verification_note
    assert [[o.points for o in c.options] for c in sheet.criteria] == [
        [o["points"] for o in leaf["options"]] for leaf in entry["criteria"]
    ]
    assert [c.code for c in sheet.criteria][-5:] == ["7", "8", "9.1", "9.2", "10", "11"][-5:]
    crit = sheet.criterion("3.2")
    assert [(o.key, o.points) for o in crit.options] == [("a1", 1), ("a2", 2), ("b1", 0), ("b2", 1)]
    assert sheet.criterion("5.2").applies_if is not None
    assert sheet.criterion("8").title == "TÍNH ĐỘC ĐÁO"  # titled by its options (an erratum)


def test_changed_values() -> None:
    rs = ocop.load_ruleset("qd781-2020")  # inherits 1048's sheets

    def pts(sheet: int, code: str) -> list[int]:
        return [o.points for o in rs.sheet(sheet).criterion(code).options]

    assert pts(6, "6.2") == [0, 1, 2, 3]
    assert pts(10, "7") == [0, 1, 3, 5]
    assert pts(16, "6.2") == [0, 1, 2, 3]
    assert pts(16, "6.3") == [0, 1, 2, 4, 6]
    assert pts(16, "6.5") == [0, 1, 3, 5, 8]
    assert pts(16, "7") == [0, 2, 3, 5]
    # where the second source is the odd one out, the first is kept
    assert pts(17, "7") == [0, 2, 5, 10]
    assert pts(7, "3.1") == [1, 2, 3]
    heading = next(h for h in rs.sheet(16).headings if h.code == "6")
    assert heading.max_points == 20
    assert [r.printed for r in heading.doubts[0].readings] == ["18", "none printed"]


def _top(rid: str, sheet: int) -> dict[str, str]:
    crits = ocop.load_ruleset(rid).sheet(sheet).criteria
    return {c.code: max(c.options, key=lambda o: o.points).key for c in crits}


@pytest.mark.parametrize("sheet", [3, 10, 16])
def test_reconciled_sheets_rank(sheet: int) -> None:
    res = ocop.rank([{"member": "A", "answers": _top("qd1048-2019", sheet)}], sheet=sheet,
                    ruleset="qd1048-2019")  # fmt: skip
    assert res.average == 100
    assert res.stars == 5


def test_sheet_10_by_hand() -> None:
    # Top everywhere except 7 (Tính độc đáo) at "Độc đáo": 3 of 5 under the second reading,
    # so 98; the first transcription (0/1/2/3) would have given 2 of a 3-point criterion.
    answers = _top("qd1048-2019", 10) | {"7": "c"}
    res = ocop.rank([{"member": "A", "answers": answers}], sheet=10, as_of=date(2020, 1, 6))
    assert res.average == Fraction(98)
    assert res.parts["C"] == 38


def test_doubts_are_exported() -> None:
    doc = ruleset_to_dict(ocop.load_ruleset("qd1048-2019"))
    crit = next(c for c in doc["sheets"][9]["criteria"] if c["code"] == "7")
    assert crit["doubts"][0]["used"] == "0/1/3/5"
    assert [r["printed"] for r in crit["doubts"][0]["readings"]] == ["0/1/2/3", "0/1/3/5"]


@pytest.mark.skipif(
    not (MIRROR.exists() and NOTES.exists()), reason="the mirror of the second source is absent"
)
def test_comparison_data_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "second.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools/reconcile_qd1048.py"),
            str(MIRROR),
            str(NOTES),
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "tools" / "qd1048_second_source.json").read_bytes()


def test_comparison_data_cites_its_source() -> None:
    source: dict[str, Any] = SECOND["source"]
    assert source["repository"] == "congnn1107/ocop_project"
    assert len(source["commit"]) == 40
    assert "licence" in SECOND
