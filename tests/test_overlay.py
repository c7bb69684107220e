"""Errata overlays: a user's patch of named values of a named rule set (issue 14).

The overlays below are test fixtures: their values are hypothetical (a user holding a text
would cite it); none of them is shipped data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.criteria.overlay import Overlay, Patch, apply_overlay
from ocop.errors import InvalidInput, SheetUnavailable
from ocop.serialize import (
    overlay_from_dict,
    overlay_to_dict,
    rank_request_from_dict,
    result_from_dict,
    result_to_dict,
)

ROOT = Path(__file__).resolve().parents[1]
CITATION = "Hypothetical: 148/QĐ-TTg, Phụ lục III, phiếu 11 (the user's copy of the text)"


def sheet_11() -> dict[str, Any]:
    """Make Part C of 148's sheet 11 whole (32 → 35): 6.b.3 Vị nước 0/1/3/5 (as 26/2026
    prints it, 2 points more) and criterion 11 worth 4 (1 point more)."""
    return {
        "format": "ocop-errata-overlay",
        "format_version": 1,
        "id": "test-148-11",
        "ruleset": "qd148-2023",
        "citation": CITATION,
        "patches": [
            {"sheet": 11, "criterion": "6.b.3", "option": "c", "printed": 2, "value": 3},
            {"sheet": 11, "criterion": "6.b.3", "option": "d", "printed": 3, "value": 5},
            {"sheet": 11, "criterion": "6.b.3", "field": "max_points", "printed": 3, "value": 5},
            {"sheet": 11, "criterion": "6.b", "field": "max_points", "printed": 9, "value": 11},
            {"sheet": 11, "criterion": "6", "field": "max_points", "printed": 13, "value": 15},
            {"sheet": 11, "criterion": "11", "option": "c", "printed": 3, "value": 4},
            {"sheet": 11, "criterion": "11", "field": "max_points", "printed": 3, "value": 4},
        ],
    }


def top(rs: ocop.RuleSet, sheet: int) -> dict[str, str]:
    return {c.code: max(c.options, key=lambda o: o.points).key for c in rs.sheet(sheet).criteria}


def test_an_overlay_makes_a_refused_sheet_rankable_with_its_caveat() -> None:
    overlay = overlay_from_dict(sheet_11())
    with pytest.raises(SheetUnavailable):
        ocop.rank([{"member": "A", "answers": {}}], sheet=11, ruleset="qd148-2023")
    patched = apply_overlay(ocop.load_ruleset("qd148-2023"), overlay)
    assert patched.sheet(11).available
    assert [o.points for o in patched.sheet(11).criterion("6.b.3").options] == [0, 1, 3, 5]
    assert ocop.load_ruleset("qd148-2023").sheet(11).gaps  # the shipped data is untouched
    res = ocop.rank(
        [{"member": "A", "answers": top(patched, 11)}],
        sheet=11,
        ruleset="qd148-2023",
        overlay=overlay,
    )
    assert res.average == 100
    (caveat,) = [c for c in res.caveats if "Errata overlay" in c]
    assert "'test-148-11'" in caveat
    assert CITATION in caveat
    assert "sheet 11 6.b.3/d points 3 → 5" in caveat
    assert res.overlay == overlay


def test_the_overlay_travels_through_the_documents() -> None:
    patched = apply_overlay(ocop.load_ruleset("qd148-2023"), overlay_from_dict(sheet_11()))
    request = rank_request_from_dict(
        {
            "ruleset": "qd148-2023",
            "sheet": 11,
            "overlay": sheet_11(),
            "members": [{"member": "A", "answers": top(patched, 11)}],
        }
    )
    result = ocop.rank_request(request)
    doc = result_to_dict(result)
    assert doc["overlay"]["id"] == "test-148-11"
    again = result_from_dict(json.loads(json.dumps(doc)))  # ranked again under the overlay
    assert again == result
    assert overlay_to_dict(overlay_from_dict(sheet_11()))["patches"][2]["field"] == "max_points"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"ruleset": "qd26-2026"}, "overlay.ruleset", "another rule set"),
        ({"patches": [{"sheet": 11, "criterion": "9.z", "option": "a", "printed": 0,
                       "value": 1}]}, "overlay.patches[0].criterion", "not on sheet 11"),
        ({"patches": [{"sheet": 11, "criterion": "7", "option": "c", "printed": 2,
                       "value": 4}]}, "overlay.patches[0].printed", "shipped value is 3"),
        ({"patches": [{"sheet": 11, "criterion": "7", "option": "c", "printed": 3,
                       "value": 9}]}, "overlay.patches", "breaks a check"),
    ],
)  # fmt: skip
def test_a_bad_overlay_is_refused(change: dict[str, Any], path: str, message: str) -> None:
    overlay = overlay_from_dict({**sheet_11(), **change})
    with pytest.raises(InvalidInput) as info:
        apply_overlay(ocop.load_ruleset("qd148-2023"), overlay)
    assert info.value.path == path
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        ({**sheet_11(), "extra": 1}, "extra"),
        ({**sheet_11(), "format": "other"}, "format"),
        ({**sheet_11(), "citation": " "}, "citation"),
        ({**sheet_11(), "patches": []}, "patches"),
        ({**sheet_11(), "patches": [{"sheet": 11, "criterion": "7", "printed": 3, "value": 4}]},
         "patches[0].option"),
    ],
)  # fmt: skip
def test_the_document_is_strict(doc: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidInput) as info:
        overlay_from_dict(doc)
    assert info.value.path == path


def test_a_request_under_another_rule_set_is_refused() -> None:
    overlay = overlay_from_dict(sheet_11())
    with pytest.raises(InvalidInput, match="the overlay patches qd148-2023"):
        ocop.rank([{"member": "A", "answers": {}}], sheet=11, ruleset="qd26-2026", overlay=overlay)


def test_the_shipped_example_applies() -> None:
    doc = json.loads((ROOT / "examples" / "errata-overlay.json").read_text(encoding="utf-8"))
    overlay = overlay_from_dict(doc)
    assert isinstance(overlay, Overlay)
    assert overlay.patches == (Patch(sheet=1, criterion="1.1", option="a", printed=1, value=1),)
    rs = apply_overlay(ocop.load_ruleset("qd26-2026"), overlay)
    assert "Example only" in rs.caveats[-1]


def test_advice_and_what_if_keep_a_results_overlay_rules_and_answers() -> None:
    """A result carries what its request said (overlay, council rules, 'none applies'):
    ``request_of`` rebuilds that request, so advice and what-if on the result rank as the
    result did."""
    from ocop.ranking import request_of

    doc = json.loads((ROOT / "examples" / "errata-overlay.json").read_text(encoding="utf-8"))
    overlay = overlay_from_dict(doc)
    sheet = ocop.load_ruleset("qd26-2026").sheet(1)
    answers = {c.code: c.options[0].key for c in sheet.criteria if c.applies_if is None}
    request = ocop.RankRequest(
        ruleset="qd26-2026",
        sheet=1,
        members=[{"member": "A", "answers": answers}, {"member": "B", "answers": answers}],
        overlay=overlay,
        council_rules="tay-ninh",
        none_apply=True,
    )
    result = ocop.rank_request(request)
    again = request_of(result)
    assert (again.overlay, again.none_apply) == (overlay, True)
    assert again.council_rules is not None
    assert again.council_rules.id == "tay-ninh"
    assert ocop.rank_request(again) == result
    assert ocop.advise(result).before == result
    assert ocop.whatif(result, answers={}).before == result
