"""The knock-outs of 1048 and 148 as conditions, 781's known Mục 6 minimums, and the
council's "none applies" answer (issue 14)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

import ocop
from ocop.errors import InvalidInput
from ocop.serialize import rank_request_from_dict, result_from_dict, result_to_dict


def top(rid: str, sheet: int, **changes: str) -> dict[str, str]:
    crits = ocop.load_ruleset(rid).sheet(sheet).criteria
    out = {c.code: max(c.options, key=lambda o: o.points).key for c in crits}
    out.update({k.replace("_", "."): v for k, v in changes.items()})
    return out


def one(rid: str, sheet: int, **kw: Any) -> ocop.RankResult:
    return ocop.rank([{"member": "A", "answers": top(rid, sheet)}], sheet=sheet, ruleset=rid, **kw)


# ------------------------------------------------------------------ knock-outs of 1048 and 148


@pytest.mark.parametrize(
    ("rid", "sheet", "key"),
    [
        ("qd1048-2019", 4, "imported_or_unknown_materials"),  # "Bị loại nếu sử dụng toàn bộ …"
        ("qd1048-2019", 23, "ip_infringement"),  # "… vi phạm sở hữu trí tuệ, sẽ bị loại bỏ"
        ("qd781-2020", 10, "imported_or_unknown_materials"),  # inherited by 781
        ("qd148-2023", 5, "copy_of_other_product"),  # "Bị loại nếu phát hiện giống hệt …"
        ("qd1489-2025", 1, "common_product_without_distinction"),
    ],
)
def test_disqualifying_notes_disqualify(rid: str, sheet: int, key: str) -> None:
    assert one(rid, sheet).stars == 5
    res = one(rid, sheet, flags=[key])
    assert (res.status, res.stars) == ("disqualified", None)
    assert [(c.key, c.effect) for c in res.conditions] == [(key, "disqualify")]


def test_1048_impurities_skip_the_rest_of_the_sheet() -> None:
    # Sheet 2, 6.1 "Chú ý: Nếu có các tạp chất … sẽ không đánh giá các bước tiếp theo": the
    # nine criteria after 6.1 (35 of Part C's 40 points) are not evaluated.
    sheet = ocop.load_ruleset("qd1048-2019").sheet(2)
    (cond,) = [c for c in sheet.conditions if c.key == "unsafe_impurities"]
    assert cond.printed_at == "6.1"
    lost = sum(sheet.criterion(code).max_points for code in cond.skips)
    res = one("qd1048-2019", 2, flags=["unsafe_impurities"])
    assert lost == 35
    assert res.average == 65
    assert res.stars == 3


def test_1048_zero_score_triggers_by_itself() -> None:
    # Sheet 7, 6.1 "Ghi chú: Nếu bị 0 Điểm, sẽ không đánh giá các bước tiếp theo".
    rs = ocop.load_ruleset("qd1048-2019")
    (cond,) = [c for c in rs.sheet(7).conditions if c.trigger == "zero_on"]
    assert cond.zero_on == ("6.1",)
    zero = next(o.key for o in rs.sheet(7).criterion("6.1").options if o.points == 0)
    answers = top("qd1048-2019", 7) | {"6.1": zero}
    res = ocop.rank([{"member": "A", "answers": answers}], sheet=7, ruleset="qd1048-2019")
    assert [c.key for c in res.conditions] == ["zero_score"]
    assert res.members[0].total == 100 - 3 - sum(
        rs.sheet(7).criterion(code).max_points for code in cond.skips
    )


def test_148_impurities_change_the_class() -> None:
    res = one("qd148-2023", 1, flags=["unsafe_impurities"])
    assert res.average < 100
    assert res.stars < 5


# ------------------------------------------------------------------ none applies


def test_none_apply_is_an_answer() -> None:
    assert one("qd148-2023", 1).conditions_answered is False
    assert one("qd148-2023", 1, none_apply=True).conditions_answered is True
    assert one("qd148-2023", 1, flags=["unsafe_impurities"]).conditions_answered is True
    with pytest.raises(InvalidInput) as info:
        one("qd148-2023", 1, flags=["unsafe_impurities"], none_apply=True)
    assert info.value.path == "none_apply"
    with pytest.raises(InvalidInput, match="expected true or false"):
        one("qd148-2023", 1, none_apply="yes")


def test_none_apply_travels_through_the_documents() -> None:
    req = rank_request_from_dict(
        {
            "ruleset": "qd1048-2019",
            "sheet": 4,
            "none_apply": True,
            "members": [{"member": "A", "answers": top("qd1048-2019", 4)}],
        }
    )
    res = ocop.rank_request(req)
    doc = result_to_dict(res)
    assert doc["conditions_answered"] is True
    assert result_from_dict(doc).conditions_answered is True
    assert "none_apply" not in ocop.serialize.rank_request_to_dict(
        ocop.RankRequest(sheet=4, ruleset="qd1048-2019", members=req.members)
    )


# ------------------------------------------------------------------ 781 Mục 6


def test_781_failing_a_known_minimum_is_not_placed_in_that_class() -> None:
    # Band 5★; the council finds no product standard declared (Mục 6, 3★ row (1)): the 2020
    # national round classed such dossiers "Không đạt"; the product is not placed in 3★ or
    # above.
    res = one("qd781-2020", 1, flags=["m6_3_standard_declared"])
    assert (res.band_stars, res.stars, res.status) == (5, 2, "ranked")
    (cond,) = res.conditions
    assert (cond.effect, cond.stars) == ("not_in_class", 3)
    assert any("not placed in the 3★ class" in line for line in res.explain())
    assert result_from_dict(result_to_dict(res)).stars == 2
    # the 4★ row (Tính độc đáo, nhóm 1-4) keeps it out of 4★ and 5★ only
    assert one("qd781-2020", 1, flags=["m6_4_distinctive_quality"]).stars == 3


def test_781_minimums_follow_the_groups() -> None:
    rs = ocop.load_ruleset("qd781-2020")
    keys = {n: {c.key for c in rs.conditions_of(n) if c.key.startswith("m6_")} for n in (1, 24)}
    assert keys[1] == {
        "m6_3_standard_declared",
        "m6_3_internal_control_traceability",
        "m6_4_distinctive_quality",
    }
    assert keys[24] == {
        "m6_2_quality_description",
        "m6_3_standard_declared",
        "m6_3_artistic_technical_value",
    }
    assert one("qd781-2020", 24, flags=["m6_2_quality_description"]).stars == 1
    with pytest.raises(InvalidInput, match="no condition"):
        one("qd781-2020", 1, flags=["m6_2_quality_description"])  # nhóm 4-5 only
    # the tourism sheet is outside Mục 6, and 1048 before 8 June 2020 has no Mục 6
    assert not [c for c in rs.conditions_of(26) if c.key.startswith("m6_")]
    with pytest.raises(InvalidInput):
        ocop.rank(
            [{"member": "A", "answers": top("qd1048-2019", 1)}],
            sheet=1,
            as_of=date(2020, 6, 7),
            flags=["m6_3_standard_declared"],
        )


def test_781_unknown_rows_are_a_caveat_where_they_could_apply() -> None:
    res = one("qd781-2020", 1)
    assert res.stars == 5
    gap = [c for c in res.caveats if "Mục 6" in c]
    assert len(gap) == 1
    assert "Not known" in gap[0]
    assert not [c for c in one("qd781-2020", 26).caveats if "Mục 6" in c]
    assert not [c for c in one("qd1048-2019", 1).caveats if "Mục 6" in c]


def test_a_minimum_above_the_band_changes_nothing() -> None:
    # 3.2 case a1 (1 of 2) and 4.1 option a (1 of 5) etc. would be needed to lower the band;
    # simpler: 70-point sheet, band 4★; the 4★ minimum flagged → 3★; the 3★ one → 2★.
    answers = top("qd781-2020", 1) | {"6.2": "a", "4.1": "a", "4.2": "a", "4.3": "a", "10": "a"}
    sheets = [{"member": "A", "answers": answers}]
    res = ocop.rank(sheets, sheet=1, ruleset="qd781-2020")
    assert res.average == Fraction(73)
    assert res.band_stars == 4
    flagged = ocop.rank(sheets, sheet=1, ruleset="qd781-2020", flags=["m6_4_distinctive_quality"])
    assert flagged.stars == 3
