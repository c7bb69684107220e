"""Hand-computed rankings on sets 1–4 of 26/2026 (totals worked out from the printed sheets)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop import (
    InvalidAnswer,
    InvalidInput,
    MinimumPolicy,
    MissingAnswer,
    NoRuleSetInForce,
    UnknownCriterion,
    UnknownSheet,
    rank,
)

R = "qd26-2026"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"


def top(sheet: int) -> dict[str, str]:
    return {c.code: c.options[-1].key for c in ocop.load_ruleset(R).sheet(sheet).criteria}


# Set 2 (Thịt, thủy sản, trứng, sữa tươi): A 12+8+11=31, B 7+10=17, C 10+11=21 → 69.
SET2 = {
    "1.1": "c",
    "1.2": "b",
    "1.3": "b",
    "1.4": "b",
    "1.5": "c",
    "1.6": "a",
    "1.7": "b",
    "2.1": "c",
    "2.2": "c",
    "2.3": "c",
    "2.4": "no",
    "3.1": "c",
    "3.2": "b",
    "3.3": "c",
    "3.4": "b",
    "3.5": "b",
    "4.1": "c",
    "4.2": "c",
    "4.3": "c",
    "5.1": "e",
    "5.2": "c",
    "5.3": "c",
    "6.1": "b",
    "6.2": "d",
    "6.3": "c",
    "6.4": "c",
    "7": "c",
    "8": "a",
    "9": "b",
    "10": "b",
    "11": "a",
}

# Set 3 (Gạo, ngũ cốc): A 10+5+5=20, B 4+1=5 (5.2 not applicable), C 6+7=13 → 38.
SET3 = {
    "1.1": "c",
    "1.2": "a",
    "1.3": "b",
    "1.4": "b",
    "1.5": "b",
    "1.6": "b",
    "1.7": "a",
    "2.1": "b",
    "2.2": "c",
    "2.3": "a",
    "2.4": "yes",
    "3.1": "a",
    "3.2": "a",
    "3.3": "b",
    "3.4": "a",
    "3.5": "a",
    "4.1": "b",
    "4.2": "b",
    "4.3": "b",
    "5.1": "a",
    "5.3": "b",
    "6.1": "b",
    "6.2": "c",
    "6.3": "b",
    "6.4": "b",
    "7": "b",
    "8": "b",
    "9": "a",
    "10": "a",
    "11": "a",
    "12": "a",
}


def test_set1_full_marks_is_five_stars() -> None:
    result = rank([{"member": "A", "answers": top(1)}], sheet=1, ruleset=R)
    assert (result.stars, result.band_stars, result.average) == (5, 5, 100)
    assert result.parts == {"A": 40, "B": 25, "C": 35}
    assert result.to_next_band is None
    assert result.failed_minimums == ()


def test_set1_marked_minimum_caps_the_class() -> None:
    # 10 "Đảm bảo chất lượng": a (1 point, ***) instead of c (5): 96 points, band 5★,
    # but the **** option b is not reached → the class is 3★.
    answers = top(1) | {"10": "a"}
    result = rank([{"member": "A", "answers": answers}], sheet=1, ruleset=R)
    assert result.average == 96
    assert result.band_stars == 5
    assert result.stars == 3
    assert [
        (f.criterion, f.stars, f.required_option, f.required_points) for f in result.failed_minimums
    ] == [("10", 4, "b", 3)]


def test_set2_exactly_70_is_four_stars() -> None:
    second = SET2 | {"6.1": "c"}  # 2 → 4 points: 71
    result = rank(
        [{"member": "A", "answers": SET2}, {"member": "B", "answers": second}], sheet=2, ruleset=R
    )
    assert [m.total for m in result.members] == [69, 71]
    assert [dict(m.parts) for m in result.members] == [
        {"A": 31, "B": 17, "C": 21},
        {"A": 31, "B": 17, "C": 23},
    ]
    assert result.average == 70
    assert (result.band_stars, result.stars) == (4, 4)
    assert result.to_next_band == 20


def test_set2_69_and_a_half_is_three_stars() -> None:
    second = SET2 | {"6.1": "c", "1.7": "a"}  # 71 - 1 = 70
    result = rank(
        [{"member": "A", "answers": SET2}, {"member": "B", "answers": second}], sheet=2, ruleset=R
    )
    assert result.average == Fraction(139, 2)
    assert (result.band_stars, result.stars) == (3, 3)
    assert result.average_display == Decimal("69.50")
    assert result.to_next_band == Fraction(1, 2)


def test_set3_conditional_criterion_and_impurities() -> None:
    result = rank([{"member": "A", "answers": SET3}], sheet=3, ruleset=R)
    assert result.members[0].total == 38
    assert result.members[0].not_considered == ("5.2",)
    assert (result.band_stars, result.stars) == (2, 2)
    # Unacceptable impurities: 6.2 onwards are not evaluated (score 0): 38 - 11 = 27.
    flagged = rank(
        [{"member": "A", "answers": SET3}], sheet=3, ruleset=R, flags=["unsafe_impurities"]
    )
    assert flagged.members[0].total == 27
    assert flagged.members[0].not_considered == (
        "5.2",
        "6.2",
        "6.3",
        "6.4",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
    )
    assert flagged.stars == 1
    assert [c.key for c in flagged.conditions] == ["unsafe_impurities"]
    # ... and the skipped criteria may be left unanswered.
    trimmed = {k: v for k, v in SET3.items() if k not in flagged.members[0].not_considered}
    again = rank(
        [{"member": "A", "answers": trimmed}], sheet=3, ruleset=R, flags=["unsafe_impurities"]
    )
    assert again.members[0].total == 27


def test_set1_impurities_keep_a_product_from_recognition() -> None:
    result = rank(
        [{"member": "A", "answers": top(1)}], sheet=1, ruleset=R, flags=["unsafe_impurities"]
    )
    # 100 minus the skipped 6.2–12 (4+3+3+3+5+5+5+2+3 = 33) = 67: band 3★, but the *** option of
    # criterion 9 (2 points) is no longer reached → 2★.
    assert result.average == 67
    assert result.band_stars == 3
    assert result.stars == 2
    assert {f.criterion for f in result.failed_minimums} == {"9", "10"}


def test_disqualification_flag() -> None:
    result = rank(
        [{"member": "A", "answers": top(1)}], sheet=1, ruleset=R, flags=["dossier_rejected"]
    )
    assert result.status == "disqualified"
    assert result.stars is None
    assert result.band_stars == 5
    assert "disqualified" in result.explain()[-2]


def test_example_council_and_policies() -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    totals = [74, 75, 74, 75, 72]  # worked out by hand in examples/README
    by_policy = {}
    for policy in MinimumPolicy:
        result = rank(doc["members"], sheet=4, ruleset=R, policy=policy)
        assert [m.total for m in result.members] == totals
        assert result.average == 74
        assert result.band_stars == 4
        by_policy[policy] = result
    assert [f.criterion for f in by_policy[MinimumPolicy.MAJORITY].failed_minimums] == ["5.1"]
    # Every member must reach the **** options: Phạm Minh Đức ticks 6.4 c (2 < 3), Hoàng Văn Nam 8 b (1 < 3).
    assert [f.criterion for f in by_policy[MinimumPolicy.ALL].failed_minimums] == [
        "5.1",
        "6.4",
        "8",
    ]
    # Means: 5.1 19/5 < 5, 6.4 14/5 < 3, 8 13/5 < 3.
    assert [f.criterion for f in by_policy[MinimumPolicy.MEAN].failed_minimums] == [
        "5.1",
        "6.4",
        "8",
    ]
    assert {r.stars for r in by_policy.values()} == {3}


def _three(second: dict[str, Any], third: dict[str, Any], sheet: int = 1) -> list[dict[str, Any]]:
    return [
        {"member": "A", "answers": top(sheet)},
        {"member": "B", "answers": second},
        {"member": "C", "answers": third},
    ]


def test_policies_differ() -> None:
    # 1.3 top option c is the ***** minimum; C ticks b. Majority met (2 of 3); not every member; mean 8/3 < 3.
    members = _three(top(1), top(1) | {"1.3": "b"})
    got = {p: rank(members, sheet=1, ruleset=R, policy=p).stars for p in MinimumPolicy}
    assert got == {MinimumPolicy.MAJORITY: 5, MinimumPolicy.ALL: 4, MinimumPolicy.MEAN: 4}


def test_mean_policy_can_pass_where_majority_fails() -> None:
    # 4.1: options 1, 2 (***), 3 (****), 5 (*****). Points 5, 2, 2: mean 3 reaches ****, majority does not.
    members = _three(top(1) | {"4.1": "b"}, top(1) | {"4.1": "b"})
    assert rank(members, sheet=1, ruleset=R, policy="mean").stars == 4
    assert rank(members, sheet=1, ruleset=R, policy="majority").stars == 3


def test_even_split_is_not_a_majority() -> None:
    members = [
        {"member": "A", "answers": top(1)},
        {"member": "B", "answers": top(1) | {"1.3": "b"}},
    ]
    result = rank(members, sheet=1, ruleset=R)
    assert result.stars == 4
    assert result.failed_minimums[0].members_failing == ("B",)


def test_answers_by_points_equal_answers_by_key() -> None:
    sheet = ocop.load_ruleset(R).sheet(2)
    by_points = {code: sheet.criterion(code).option(key).points for code, key in SET2.items()}
    assert rank([{"member": "A", "answers": by_points}], sheet=2, ruleset=R) == rank(
        [{"member": "A", "answers": SET2}], sheet=2, ruleset=R
    )


def test_binary_criterion() -> None:
    assert rank([{"member": "A", "answers": top(1) | {"2.4": 0}}], sheet=1, ruleset=R).average == 99
    assert (
        rank([{"member": "A", "answers": top(1) | {"2.4": "no"}}], sheet=1, ruleset=R).average == 99
    )
    with pytest.raises(
        InvalidAnswer, match=r'answers\["2.4"\]: option 2 does not exist; options are 0, 1'
    ):
        rank([{"member": "A", "answers": top(1) | {"2.4": 2}}], sheet=1, ruleset=R)


def test_set26_alternative_cases() -> None:
    answers = top(26)
    assert answers["8"] == "b2"
    assert (
        rank([{"member": "A", "answers": answers | {"8": "a2"}}], sheet=26, ruleset=R).average
        == 100
    )
    with pytest.raises(InvalidAnswer, match="3 points is ambiguous: options 'a2', 'b2'"):
        rank([{"member": "A", "answers": answers | {"8": 3}}], sheet=26, ruleset=R)


def test_set16_zero_score_stops_evaluation_for_that_member() -> None:
    answers = top(16) | {"6.2": "a"}
    result = rank(
        [{"member": "A", "answers": answers}, {"member": "B", "answers": top(16)}],
        sheet=16,
        ruleset=R,
    )
    skipped = result.conditions[0].skipped
    assert result.conditions[0].key == "zero_sensory_score"
    assert result.conditions[0].members == ("A",)
    sheet = ocop.load_ruleset(R).sheet(16)
    lost = sheet.criterion("6.2").max_points + sum(sheet.criterion(c).max_points for c in skipped)
    assert result.members[0].total == 100 - lost
    assert result.members[1].total == 100


# ------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("answers", "error", "message"),
    [
        (
            top(1) | {"9.9": "a"},
            UnknownCriterion,
            r'^members\[0\]\.answers\["9.9"\]: criteria set 1 has no criterion 9.9',
        ),
        (
            top(1) | {"5.2": 7},
            InvalidAnswer,
            r'^members\[0\]\.answers\["5.2"\]: option 7 does not exist; options are 0, 1, 2$',
        ),
        (
            top(1) | {"5.2": "z"},
            InvalidAnswer,
            r"option 'z' does not exist; option keys are 'a', 'b', 'c'",
        ),
        (
            {k: v for k, v in top(1).items() if k != "1.2"},
            MissingAnswer,
            r'^members\[0\]\.answers\["1.2"\]: no answer',
        ),
        (
            top(1) | {"1": "a"},
            UnknownCriterion,
            r"1 is a heading, not a criterion; answer 1.1, 1.2",
        ),
        (top(1) | {"1.1": True}, InvalidAnswer, r"True is not an option"),
        (top(1) | {"1.1": 2.0}, InvalidAnswer, r"got float"),
        (top(1) | {"5.1": "a"}, InvalidAnswer, r"5.2 applies only when 5.1 is one of b, c, d, e"),
    ],
)
def test_bad_sheets(answers: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        rank([{"member": "A", "answers": answers}], sheet=1, ruleset=R)
    assert isinstance(info.value, ocop.OcopError)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value)


def test_missing_answers_are_all_named() -> None:
    answers = {k: v for k, v in top(1).items() if k not in ("1.2", "7", "12")}
    with pytest.raises(
        MissingAnswer, match=r"no answer for criterion 1.2, 7, 12; .* \(3 missing\)"
    ):
        rank([{"member": "A", "answers": answers}], sheet=1, ruleset=R)


def test_second_member_path() -> None:
    members = [{"member": "A", "answers": top(1)}, {"member": "B", "answers": top(1) | {"3.3": 9}}]
    with pytest.raises(InvalidAnswer, match=r'^members\[1\]\.answers\["3.3"\]'):
        rank(members, sheet=1, ruleset=R)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sheet": 27, "ruleset": R}, UnknownSheet, "no criteria set 27"),
        ({"sheet": "1", "ruleset": R}, InvalidInput, "^sheet: "),
        ({"sheet": 1}, InvalidInput, "exactly one of ruleset"),
        (
            {"sheet": 1, "ruleset": R, "as_of": date(2026, 6, 1)},
            InvalidInput,
            "exactly one of ruleset",
        ),
        ({"sheet": 1, "as_of": date(2019, 8, 20)}, NoRuleSetInForce, "2019-08-20"),
        (
            {"sheet": 1, "ruleset": R, "flags": ["forged"]},
            InvalidInput,
            r"^flags\[0\]: criteria set 1 has no condition 'forged'",
        ),
        ({"sheet": 1, "ruleset": R, "flags": "dossier_rejected"}, InvalidInput, "^flags: "),
        (
            {"sheet": 1, "ruleset": R, "policy": "unanimous"},
            InvalidInput,
            "^policy: unknown policy",
        ),
    ],
)
def test_bad_calls(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        rank([{"member": "A", "answers": top(1)}], **kwargs)


def test_bad_members() -> None:
    with pytest.raises(InvalidInput, match=r"^members: at least one member sheet"):
        rank([], sheet=1, ruleset=R)
    with pytest.raises(
        InvalidInput, match=r"^members\[1\]\.member: duplicate member; also members\[0\]"
    ):
        rank([{"member": "A", "answers": top(1)}] * 2, sheet=1, ruleset=R)
    with pytest.raises(InvalidInput, match=r"^members\[0\]: unknown key\(s\): score"):
        rank([{"member": "A", "answers": top(1), "score": 3}], sheet=1, ruleset=R)
    with pytest.raises(InvalidInput, match=r"^members\[0\]\.answers: required key"):
        rank([{"member": "A"}], sheet=1, ruleset=R)


def test_as_of_selects_the_ruleset() -> None:
    a = rank([{"member": "A", "answers": top(1)}], sheet=1, as_of=date(2026, 5, 22))
    assert a.ruleset == R
    assert ocop.ruleset_for(date(2026, 11, 22)).id == R
    with pytest.raises(NoRuleSetInForce) as info:
        ocop.ruleset_for(date(2019, 8, 20))
    assert isinstance(info.value, LookupError)


def test_member_names_are_nfc() -> None:
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks
    result = rank([{"member": decomposed, "answers": top(1)}], sheet=1, ruleset=R)
    assert result.members[0].member == "Nguyễn"


def test_explanations_in_both_languages() -> None:
    result = rank(
        [{"member": "A", "answers": top(1)}], sheet=1, ruleset=R, flags=["unsafe_impurities"]
    )
    en, vi = result.explain("en"), result.explain("vi")
    assert len(en) == len(vi)
    assert "Condition 'unsafe_impurities' applies to A: criteria 6.2, 6.3" in en[-3]
    assert (
        "Điều kiện 'unsafe_impurities' áp dụng với A: không đánh giá các tiêu chí 6.2, 6.3"
        in vi[-3]
    )
    assert vi[-2] == "Hạng sản phẩm: 2 sao."
    rejected = rank(
        [{"member": "A", "answers": top(1)}], sheet=1, ruleset=R, flags=["dossier_rejected"]
    )
    assert rejected.explain("vi")[-1] == "Không phân hạng: hồ sơ bị loại."
    with pytest.raises(InvalidInput, match=r"^lang: "):
        result.explain("fr")  # type: ignore[arg-type]


def test_wrong_sheet_number_is_hinted() -> None:
    answers = top(9)
    with pytest.raises(ocop.InvalidInput, match=r"fit criteria set 5, 9: is the sheet number"):
        ocop.rank([{"member": "A", "answers": answers}], sheet=19, ruleset=R)
    # a hint only where another sheet fits exactly
    with pytest.raises(ocop.MissingAnswer) as info:
        ocop.rank([{"member": "A", "answers": {"1.1": "a"}}], sheet=1, ruleset=R)
    assert "fit criteria set" not in str(info.value)


def test_messages_count_in_english() -> None:
    result = ocop.rank([{"member": "A", "answers": top(1)}], sheet=1, ruleset=R)
    assert "1 member," in repr(result)
    assert result.explain()[0].startswith("Average total of 1 member sheet:")
    # sheet 26 of 26/2026 has no flag conditions (flags are checked before the answers)
    assert not any(c.trigger == "flag" for c in ocop.load_ruleset(R).sheet(26).conditions)
    with pytest.raises(ocop.InvalidInput, match="has no condition 'x'; it has no flag conditions"):
        ocop.rank([{"member": "A", "answers": {}}], sheet=26, ruleset=R, flags=["x"])
