"""Council rules as data (issue 17, point 1): the presets, the spread and quorum checks,
their report in the result, the council check and the documents, and that the class is
the decision's whatever the council rules say."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.cli import main
from ocop.model import Council, CouncilLevel, CouncilMember
from ocop.procedure import check_council, council_rank
from ocop.ranking.council_rules import (
    NEUTRAL,
    CouncilRules,
    SpreadLimit,
    attendance_breaches,
    council_rules,
    presets,
    spread_breaches,
)
from ocop.serialize import (
    council_check_to_dict,
    loads,
    rank_request_from_dict,
    rank_request_to_dict,
    result_from_dict,
    result_to_dict,
)
from ocop.testing import rank_requests

ROOT = Path(__file__).resolve().parents[1]
SHEET = ocop.load_ruleset("qd26-2026").sheet(1)
FULL = {c.code: c.options[-1].key for c in SHEET.criteria}


def _lowered(n: int) -> dict[str, str]:
    """Sheet 1 answered in full but for the first *n* unconditional criteria, at their lowest."""
    answers = dict(FULL)
    for crit in [c for c in SHEET.criteria if c.applies_if is None][:n]:
        answers[crit.code] = crit.options[0].key
    return answers


def _rank(members: dict[str, dict[str, str]], rules: Any = None) -> ocop.RankResult:
    return ocop.rank(
        [{"member": m, "answers": a} for m, a in members.items()],
        sheet=1,
        ruleset="qd26-2026",
        council_rules=rules,
    )


def test_every_preset_cites_each_rule_and_says_its_doubt() -> None:
    found = presets()
    assert set(found) >= {NEUTRAL, "tay-ninh", "dong-thap", "central-757-2023"}
    neutral = found[NEUTRAL]
    assert (neutral.spread, neutral.criterion_spread, neutral.quorum) == (None, None, None)
    for rules in found.values():
        for rule in (rules.spread, rules.criterion_spread, rules.quorum):
            if rule is not None:
                assert rule.source.instrument
                assert rule.source.provision
                assert rule.source.url
                assert rule.source.url.startswith("https://")
        if not rules.verified:
            assert rules.doubt  # where only a summary was read, the doubt is written down
    tay_ninh = found["tay-ninh"]
    assert tay_ninh.spread is not None
    assert tay_ninh.quorum is not None
    assert (tay_ninh.spread.points, tay_ninh.spread.on_breach) == (10, "rescore")
    assert (tay_ninh.quorum.share, tay_ninh.quorum.chair) == (Fraction(3, 4), True)
    assert found["central-757-2023"].quorum.share == Fraction(5, 7)  # type: ignore[union-attr]


def test_tay_ninh_ten_points_is_allowed_eleven_is_a_breach() -> None:
    rules = council_rules("tay-ninh")
    assert spread_breaches(rules, [("A", 70), ("B", 80)]) == ()
    (breach,) = spread_breaches(rules, [("A", 70), ("B", 81), ("C", 81), ("D", 75)])
    assert breach.members == ("A", "B", "C")  # the lowest, then the highest
    assert (breach.actual, breach.limit, breach.excess) == (11, 10, 1)
    assert breach.on_breach == "rescore"
    assert breach.source == rules.spread.source  # type: ignore[union-attr]
    assert spread_breaches(council_rules(None), [("A", 0), ("B", 100)]) == ()


def test_a_breach_is_reported_in_the_result_and_explained_without_changing_the_class() -> None:
    members = {"Bình": FULL, "Hoa": _lowered(8), "Đức": FULL}
    plain, ruled = _rank(members), _rank(members, "tay-ninh")
    assert [m.total for m in ruled.members] == [100, 83, 100]
    assert attrs.evolve(ruled, council_rules=NEUTRAL, council_breaches=()) == plain
    (breach,) = ruled.council_breaches
    assert (breach.rule, breach.members, breach.excess) == ("spread", ("Hoa", "Bình", "Đức"), 7)
    en, vi = ruled.explain("en"), ruled.explain("vi")
    assert en[:3] == plain.explain("en")[:3]
    assert "Final class: 5★." in en
    assert any("differ by 17 points (lowest Hoa 83; highest Bình 100, Đức 100)" in x for x in en)
    assert any("chênh lệch 17 điểm" in line and "chấm lại" in line for line in vi)
    assert en[-1].startswith("The class above is the decision's")
    assert "Hạng sản phẩm: 5 sao." in vi


def test_criterion_spread_when_a_regulation_bounds_each_criterion() -> None:
    base = council_rules("tay-ninh")
    strict = attrs.evolve(base, id="strict", criterion_spread=attrs.evolve(base.spread, points=1))
    result = _rank({"A": FULL, "B": _lowered(2)}, strict)
    per_criterion = [b for b in result.council_breaches if b.rule == "criterion_spread"]
    lowered = [c.code for c in SHEET.criteria if c.applies_if is None][:2]
    assert [b.criterion for b in per_criterion] == [c for c in lowered if SHEET.criterion(c)]
    assert all(b.members == ("B", "A") for b in per_criterion)


def test_attendance_quorum_share_and_chair() -> None:
    rules = council_rules("tay-ninh")
    members = ["Chủ tịch", "B", "C", "D"]
    assert attendance_breaches(
        rules, members=members, chair="Chủ tịch", present=["Chủ tịch", "B", "C"]
    ) == ((), ())
    breaches, _ = attendance_breaches(rules, members=members, chair="Chủ tịch", present=["B", "C"])
    assert [(b.rule, b.members) for b in breaches] == [
        ("quorum", ("Chủ tịch", "D")),
        ("chair", ("Chủ tịch",)),
    ]
    assert (breaches[0].actual, breaches[0].excess) == (Fraction(1, 2), Fraction(1, 4))
    breaches, notes = attendance_breaches(rules, members=members, chair="Chủ tịch", present=3)
    assert breaches == ()
    assert "not checked" in notes[0]


@pytest.mark.parametrize(
    ("value", "path", "message"),
    [
        ("ha-noi", "council_rules", "no council rules"),
        (17, "council_rules", "an object"),
        ({"id": "x"}, "council_rules.title", "missing"),
        (
            {
                "id": "x",
                "title": "t",
                "quorum": {
                    "share": "5/4",
                    "chair": True,
                    "source": {"instrument": "i", "provision": "p"},
                },
            },
            "council_rules.quorum.share",
            "at most 1",
        ),
        (
            {
                "id": "x",
                "title": "t",
                "spread": {
                    "points": "-1",
                    "on_breach": "rescore",
                    "source": {"instrument": "i", "provision": "p"},
                },
            },
            "council_rules.spread.points",
            "at least 0",
        ),
        (
            {
                "id": "x",
                "title": "t",
                "spread": {
                    "points": "1",
                    "on_breach": "ignore",
                    "source": {"instrument": "i", "provision": "p"},
                },
            },
            "council_rules.spread.on_breach",
            "ignore",
        ),
        ({"id": "x", "title": "t", "colour": "red"}, "council_rules", "unknown key"),
    ],
)
def test_bad_council_rules_name_the_field(value: Any, path: str, message: str) -> None:
    doc = {"ruleset": "qd26-2026", "sheet": 1, "members": [{"member": "A", "answers": FULL}]}
    with pytest.raises(ocop.InvalidInput, match=message) as caught:
        rank_request_from_dict({**doc, "council_rules": value})
    assert caught.value.path.startswith(path)


def test_documents_round_trip_with_council_rules() -> None:
    members = [{"member": "A", "answers": FULL}, {"member": "B", "answers": _lowered(8)}]
    doc = {"ruleset": "qd26-2026", "sheet": 1, "members": members, "council_rules": "tay-ninh"}
    request = rank_request_from_dict(doc)
    assert rank_request_to_dict(request)["council_rules"] == "tay-ninh"
    custom = attrs.evolve(
        council_rules("tay-ninh"),
        id="tay-ninh-8",
        spread=attrs.evolve(council_rules("tay-ninh").spread, points=Fraction(8)),
    )
    written = rank_request_to_dict(attrs.evolve(request, council_rules=custom))
    assert written["council_rules"]["spread"]["points"] == "8"
    assert rank_request_from_dict(json.loads(json.dumps(written))).council_rules == custom
    result = ocop.rank_request(request)
    out = result_to_dict(result, lang="vi")
    assert out["council_rules"] == "tay-ninh"
    assert out["council_breaches"][0]["excess"] == "7"
    assert out["council_breaches"][0]["citation"] == str(result.council_breaches[0].source)
    assert result_from_dict(json.loads(json.dumps(out))) == result
    edited = json.loads(json.dumps(out))
    edited["council_breaches"] = []
    with pytest.raises(ocop.InvalidInput) as caught:
        result_from_dict(edited)
    assert caught.value.path == "explanation"  # the explanation tells of the breach
    del edited["explanation"], edited["explanation_lang"]
    with pytest.raises(ocop.InvalidInput) as caught:
        result_from_dict(edited)
    assert caught.value.path == "council_breaches"


def test_check_council_reports_breaches_beside_the_rule_set_problems(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = ROOT / "examples" / "council-province.json"
    doc = loads(path.read_text("utf-8"))
    names = [doc["chair"]["name"], *(m["name"] for m in doc["members"])]
    council = ocop.serialize.council_from_dict(doc)
    check = check_council(council, ruleset="qd26-2026", present=names[1:], council_rules="tay-ninh")
    assert check.ok  # the rule set's own check is unchanged
    assert [b.rule for b in check.breaches] == ["chair"]
    assert check_council(council, ruleset="qd26-2026", present=names[1:]).breaches == ()
    argv = ["council", "check", str(path), "--ruleset", "qd26-2026", "--council-rules", "tay-ninh"]
    for name in names[1:]:
        argv += ["--attending", name]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(council_check_to_dict(check)))
    assert printed["breaches"][0]["members"] == [names[0]]


def test_council_rank_passes_the_rules_to_the_check_and_the_ranking() -> None:
    chair = CouncilMember(name="Chủ tịch", agency="UBND tỉnh")
    council = Council(level=CouncilLevel.PROVINCE, chair=chair, members=(CouncilMember(name="B"),))
    sheets = [{"member": "Chủ tịch", "answers": FULL}, {"member": "B", "answers": _lowered(8)}]
    found = council_rank(
        council,
        sheets,
        sheet=1,
        ruleset="qd26-2026",
        strict=False,
        present=1,
        council_rules="tay-ninh",
    )
    assert [b.rule for b in found.result.council_breaches] == ["spread"]
    assert [b.rule for b in found.check.breaches] == ["quorum"]
    assert (
        found.result.stars
        == council_rank(council, sheets, sheet=1, ruleset="qd26-2026", strict=False).result.stars
    )


@given(
    totals=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12),
    limit=st.fractions(min_value=0, max_value=100),
)
def test_a_spread_is_a_breach_exactly_when_max_minus_min_exceeds_the_limit(
    totals: list[int], limit: Fraction
) -> None:
    base = council_rules("tay-ninh")
    rules = attrs.evolve(base, spread=attrs.evolve(base.spread, points=limit))
    named = [(f"m{i}", t) for i, t in enumerate(totals)]
    breaches = spread_breaches(rules, named)
    spread = max(totals) - min(totals)
    assert bool(breaches) == (spread > limit)
    if breaches:
        assert breaches[0].excess == spread - limit > 0


@settings(max_examples=40, deadline=None)
@given(doc=rank_requests(), limit=st.integers(min_value=0, max_value=30))
def test_council_rules_never_change_the_class(doc: dict[str, Any], limit: int) -> None:
    request = rank_request_from_dict(doc)
    base = council_rules("tay-ninh")
    spread = attrs.evolve(base.spread, points=Fraction(limit))
    rules = CouncilRules(id="probe", title="probe", spread=spread, criterion_spread=spread)
    plain = ocop.rank_request(request)
    ruled = ocop.rank_request(attrs.evolve(request, council_rules=rules))
    assert (ruled.stars, ruled.band_stars, ruled.average, ruled.status) == (
        plain.stars,
        plain.band_stars,
        plain.average,
        plain.status,
    )
    assert attrs.evolve(ruled, council_rules=NEUTRAL, council_breaches=()) == plain
    totals = [m.total for m in plain.members]
    assert any(b.rule == "spread" for b in ruled.council_breaches) == (
        max(totals) - min(totals) > limit
    )
    assert isinstance(spread, SpreadLimit)
