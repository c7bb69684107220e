"""Levels and authority per rule set: what happens next, at every threshold edge."""

from __future__ import annotations

import json
import shlex
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop
from ocop.cli import main
from ocop.errors import InvalidInput, NoRuleSetInForce, UnknownLevel, UnknownRuleSet
from ocop.procedure import (
    Action,
    Level,
    band,
    gap_on,
    list_procedures,
    load_procedure,
    next_step,
    next_step_for,
    procedure_for,
    recognising_stage,
)
from ocop.serialize import dossier_check_to_dict

R, F, B, N, X = (
    Action.RECOGNISE,
    Action.FORWARD,
    Action.REFER_BACK,
    Action.NO_RECOGNITION,
    Action.NO_RULE_FOUND,
)

# (ruleset, level, stars, score, action, to_level, provision fragment)
CASES = [
    # 26/2026: province recognises 3★/4★, forwards ≥ 90, no decision for 1★/2★.
    ("qd26-2026", "commune", None, None, F, "province", "Điều 7 khoản 2"),
    ("qd26-2026", "province", 1, "0", N, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 1, "2999/100", N, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 2, "30", N, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 2, "4999/100", N, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 3, "50", R, None, "Điều 7 khoản 3 điểm e"),
    ("qd26-2026", "province", 3, "6999/100", R, None, "Điều 7 khoản 3 điểm e"),
    ("qd26-2026", "province", 4, "70", R, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 4, "8999/100", R, None, "Điều 4 khoản 1 điểm a"),
    ("qd26-2026", "province", 5, "90", F, "central", "Điều 7 khoản 3 điểm e"),
    ("qd26-2026", "province", 5, "100", F, "central", "Điều 7 khoản 3 điểm e"),
    ("qd26-2026", "central", 5, "90", R, None, "Điều 4 khoản 1 điểm b"),
    ("qd26-2026", "central", 4, "8999/100", B, "province", "Điều 7 khoản 4 điểm g"),
    ("qd26-2026", "central", 3, "50", B, "province", "Điều 7 khoản 4 điểm g"),
    ("qd26-2026", "central", 2, "4999/100", N, None, "Điều 7 khoản 4 điểm g"),
    ("qd26-2026", "central", 4, "90", X, None, "Điều 7 khoản 4 điểm g"),
    # 1489/2025: commune pre-check, province 3★/4★, ≥ 90 to Bộ NN&MT.
    ("qd1489-2025", "commune", None, None, F, "province", "Phụ lục II"),
    ("qd1489-2025", "province", 2, "4999/100", N, None, "Phụ lục II"),
    ("qd1489-2025", "province", 3, "50", R, None, "Phụ lục II"),
    ("qd1489-2025", "province", 4, "8999/100", R, None, "Phụ lục II"),
    ("qd1489-2025", "province", 5, "90", F, "central", "Phụ lục II"),
    ("qd1489-2025", "central", 5, "90", R, None, "Phụ lục II"),
    ("qd1489-2025", "central", 4, "85", X, None, None),
    # 148/2023: district 3★ and ≥ 70 forward; province 4★ and ≥ 90 forward; central 5★.
    ("qd148-2023", "district", 2, "4999/100", N, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "district", 3, "50", R, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "district", 3, "6999/100", R, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "district", 4, "70", F, "province", "Phụ lục II, mục 1"),
    ("qd148-2023", "district", 5, "100", F, "province", "Phụ lục II, mục 1"),
    ("qd148-2023", "province", 4, "70", R, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "province", 4, "8999/100", R, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "province", 5, "90", F, "central", "Phụ lục II, mục 1"),
    ("qd148-2023", "province", 3, "60", X, None, None),
    ("qd148-2023", "province", 1, "10", N, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "central", 5, "90", R, None, "Phụ lục II, mục 1"),
    ("qd148-2023", "central", 4, "8999/100", X, None, None),
    # 1048/2019 and 781/2020: district forwards ≥ 50, no certificate; province 3★–4★.
    ("qd1048-2019", "district", 2, "4999/100", N, None, "Phụ lục II, mục 1"),
    ("qd1048-2019", "district", 3, "50", F, "province", "Phụ lục II, mục 1"),
    ("qd1048-2019", "district", 5, "100", F, "province", "Phụ lục II, mục 1"),
    ("qd1048-2019", "province", 3, "50", R, None, "Phụ lục II, mục 1"),
    ("qd1048-2019", "province", 4, "8999/100", R, None, "Phụ lục II, mục 1"),
    ("qd1048-2019", "province", 5, "90", F, "central", "Phụ lục II, mục 1"),
    ("qd1048-2019", "province", 2, "30", N, None, "Phụ lục II, mục 1"),
    ("qd1048-2019", "central", 5, "90", R, None, "Phụ lục II, mục 1"),
    ("qd1048-2019", "central", 4, "80", X, None, None),
    ("qd781-2020", "district", 2, "4999/100", N, None, "Phụ lục II, mục 1"),
    ("qd781-2020", "district", 3, "50", F, "province", "Phụ lục II, mục 1"),
    ("qd781-2020", "province", 3, "50", R, None, "Phụ lục II, mục 1"),
    ("qd781-2020", "province", 5, "90", F, "central", "Phụ lục II, mục 1"),
    ("qd781-2020", "central", 5, "90", R, None, "Phụ lục II, mục 1"),
]


@pytest.mark.parametrize(
    ("ruleset", "level", "stars", "score", "action", "to_level", "provision"), CASES
)
def test_next_step(
    ruleset: str,
    level: str,
    stars: int | None,
    score: str | None,
    action: Action,
    to_level: str | None,
    provision: str | None,
) -> None:
    step = next_step(ruleset=ruleset, level=level, stars=stars, score=score)
    assert step.action is action
    assert step.ruleset == ruleset
    assert (step.to_level.value if step.to_level else None) == to_level
    if provision is None:
        assert step.note
    else:
        assert step.source is not None
        assert provision in step.source.provision
    if action in (R, F, B):
        assert step.authority
        assert step.authority_en
    assert step.verified is (ruleset == "qd26-2026")


def test_authorities() -> None:
    assert next_step(ruleset="qd26-2026", level="central", stars=5, score=95).authority == (
        "Bộ trưởng Bộ Nông nghiệp và Môi trường"
    )
    assert next_step(ruleset="qd148-2023", level="district", stars=3, score=60).authority == (
        "Ủy ban nhân dân cấp huyện"
    )
    assert "Phát triển nông thôn" in str(
        next_step(ruleset="qd148-2023", level="central", stars=5, score=95).authority
    )
    step = next_step(ruleset="qd26-2026", level="province", stars=4, score=80)
    assert step.certificate


def test_forward_on_score_with_lower_class_has_a_caveat() -> None:
    step = next_step(ruleset="qd26-2026", level="province", stars=4, score="92")
    assert step.action is F
    assert step.caveats
    assert "score alone" in step.caveats[0]
    step = next_step(ruleset="qd148-2023", level="district", stars=3, score="75")
    assert step.action is F
    assert step.caveats


def test_disqualified() -> None:
    step = next_step(ruleset="qd26-2026", level="province", disqualified=True)
    assert step.action is N
    assert step.source is not None
    assert "Phụ lục II" in step.source.provision


EDGE_DAYS = sorted(
    {i.in_force_from for i in ocop.list_rulesets()}
    | {i.in_force_until for i in ocop.list_rulesets() if i.in_force_until is not None}
)


@pytest.mark.parametrize("day", EDGE_DAYS)
def test_procedure_for_follows_the_rule_set_selection(day: date) -> None:
    # The edge days themselves are tested against hand values in tests/test_rulesets.py.
    assert procedure_for(day).id == ocop.select_ruleset(day).ruleset


def test_overlap_uses_filing_date() -> None:
    # Điều 12.2: the old rules for 60 days (first, upgrade) or 30 days (re-ranking, to 22 June).
    old = date(2026, 5, 21)
    assert procedure_for(date(2026, 7, 21), filed=old, kind="first").id == "qd1489-2025"
    assert procedure_for(date(2026, 7, 21), filed=old, kind="reranking").id == "qd26-2026"
    assert procedure_for(date(2026, 6, 22), filed=old).id == "qd1489-2025"
    with pytest.raises(InvalidInput, match="give the dossier kind"):
        procedure_for(date(2026, 7, 21), filed=old)
    assert procedure_for(date(2026, 7, 21), filed=date(2026, 5, 22)).id == "qd26-2026"
    # After 21 July 2026 only 26/2026 is in force (Điều 11.2).
    assert procedure_for(date(2026, 7, 22), filed=date(2026, 5, 1)).id == "qd26-2026"


def test_before_2019() -> None:
    with pytest.raises(NoRuleSetInForce):
        procedure_for(date(2019, 8, 20))
    with pytest.raises(NoRuleSetInForce):
        next_step(as_of=date(2018, 1, 1), level="province", stars=3, score=60)


@pytest.mark.parametrize("day", [date(2025, 7, d) for d in range(1, 6)])
@pytest.mark.parametrize("level", ["district", "commune"])
def test_july_2025_gap(day: date, level: str) -> None:
    assert gap_on(day) is not None
    step = next_step(as_of=day, level=level, stars=3, score="60")
    assert step.action is X
    assert "6 July 2025" in step.note
    assert not step.verified
    assert step.caveats


def test_gap_edges() -> None:
    assert gap_on(date(2025, 6, 30)) is None
    assert gap_on(date(2025, 7, 6)) is None
    assert next_step(as_of=date(2025, 6, 30), level="district", stars=3, score=60).action is R
    with pytest.raises(UnknownLevel):
        next_step(as_of=date(2025, 7, 6), level="district", stars=3, score=60)
    assert next_step(as_of=date(2025, 7, 6), level="commune").action is F
    # The province still existed during the gap; 148's province rule applies, with a caveat.
    step = next_step(as_of=date(2025, 7, 3), level="province", stars=4, score=80)
    assert step.action is R
    assert step.caveats


def test_bad_input() -> None:
    with pytest.raises(UnknownLevel, match="levels are commune, province, central"):
        next_step(ruleset="qd26-2026", level="district", stars=3, score=60)
    with pytest.raises(UnknownLevel):
        next_step(ruleset="qd26-2026", level="village", stars=3, score=60)
    with pytest.raises(InvalidInput, match="band"):
        next_step(ruleset="qd26-2026", level="province", stars=5, score="8999/100")
    with pytest.raises(InvalidInput):
        next_step(ruleset="qd26-2026", level="province", stars=3, score="abc")
    with pytest.raises(InvalidInput):
        next_step(ruleset="qd26-2026", level="province", stars=3, score=101)
    with pytest.raises(InvalidInput):
        next_step(ruleset="qd26-2026", level="province", stars=3, score=60.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        next_step(ruleset="qd26-2026", level="province", stars=True, score=60)
    with pytest.raises(InvalidInput, match="needs both"):
        next_step(ruleset="qd26-2026", level="province", stars=3)
    with pytest.raises(InvalidInput, match="exactly one"):
        next_step(ruleset="qd26-2026", as_of=date(2026, 6, 1), level="province", stars=3, score=60)
    with pytest.raises(UnknownRuleSet):
        next_step(ruleset="qd1-2000", level="province", stars=3, score=60)


def test_council_level_enum_accepted() -> None:
    step = next_step(ruleset="qd26-2026", level=ocop.CouncilLevel.PROVINCE, stars=3, score=55)
    assert step.level is Level.PROVINCE


def test_recognising_stage() -> None:
    assert recognising_stage(3, ruleset="qd1048-2019").level is Level.PROVINCE
    assert recognising_stage(3, ruleset="qd148-2023").level is Level.DISTRICT
    assert recognising_stage(4, ruleset="qd148-2023").level is Level.PROVINCE
    assert recognising_stage(5, as_of=date(2026, 9, 1)).level is Level.CENTRAL
    assert recognising_stage(1, ruleset="qd26-2026") is None


def test_band() -> None:
    assert [band(Fraction(s)) for s in (0, 30, 49, 50, 70, 90, 100)] == [1, 2, 2, 3, 4, 5, 5]


def test_data_is_cited() -> None:
    for rs in list_procedures():
        assert rs.verified or rs.reason
        for rule in rs.outcomes:
            assert rule.source.instrument
            assert rule.source.provision
        for stage in rs.stages:
            assert stage.source.provision
        for council in rs.councils:
            assert council.quorum is not None or council.quorum_note
    assert load_procedure("qd26-2026").verified


def _top_answers(sheet: int) -> dict[str, str]:
    return {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(sheet).criteria}


def test_next_step_for_rank_result() -> None:
    result = ocop.rank([{"member": "A", "answers": _top_answers(1)}], sheet=1, ruleset="qd26-2026")
    step = next_step_for(result, level="province")
    assert (step.action, step.to_level, step.score) == (F, Level.CENTRAL, Fraction(100))
    assert next_step_for(result, level="central").action is R
    rejected = ocop.rank(
        [{"member": "A", "answers": _top_answers(1)}],
        sheet=1,
        ruleset="qd26-2026",
        flags=["dossier_rejected"],
    )
    assert rejected.status == "disqualified"
    assert next_step_for(rejected, level="province").action is N


def _valid_result(draw: st.DrawFn) -> tuple[int, Fraction]:
    score = Fraction(draw(st.integers(0, 10000)), 100)
    stars = draw(st.integers(1, band(score)))
    return stars, score


@given(
    day=st.dates(min_value=date(2019, 8, 21), max_value=date(2032, 12, 31)),
    data=st.data(),
)
def test_any_date_any_result_gets_an_answer(day: date, data: st.DataObject) -> None:
    rs = procedure_for(day)
    level = data.draw(st.sampled_from(rs.levels))
    stars, score = data.draw(st.composite(_valid_result)())
    step = next_step(as_of=day, level=level, stars=stars, score=score)
    assert step.ruleset == rs.id
    if step.action is X:
        assert step.note
    else:
        assert step.source is not None
    if step.action in (F, B):
        assert step.to_level in rs.levels
    if step.action is R:
        assert step.authority
        stage = next(s for s in rs.stages if s.level == level)
        assert stars in stage.recognises


def test_cli_process_next(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        shlex.split("process next --ruleset qd26-2026 --level province --stars 5 --score 90")
    )
    doc = json.loads(capsys.readouterr().out)
    assert status == 0
    assert doc["action"] == "forward"
    assert doc["to_level"] == "central"
    assert doc["citation"] == "26/2026/QĐ-TTg, Điều 7 khoản 3 điểm e"
    status = main(
        shlex.split("process next --as-of 2025-07-02 --level district --stars 3 --score 60")
    )
    assert json.loads(capsys.readouterr().out)["action"] == "no_rule_found"
    status = main(
        shlex.split("process next --ruleset qd26-2026 --level district --stars 3 --score 60")
    )
    assert status == 1
    assert "has no district level" in capsys.readouterr().err
    status = main(
        shlex.split("process next --ruleset qd26-2026 --level province --stars x --score 60")
    )
    assert status == 1


def test_cli_process_levels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["process", "levels", "--as-of", "2024-01-01"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ruleset"] == "qd148-2023"
    assert [s["level"] for s in doc["stages"]] == ["district", "province", "central"]
    assert doc["verified"] is False


def test_cli_rank_level(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"
    assert main(["rank", str(example), "--level", "province"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["next_step"]["action"] == "recognise"
    assert doc["next_step"]["stars"] == doc["stars"] == 3
    assert main(["rank", str(example)]) == 0
    assert "next_step" not in json.loads(capsys.readouterr().out)
    assert main(["rank", str(example), "--text", "--level", "central"]) == 0
    assert "Next step:" in capsys.readouterr().out


def test_dates_cover_every_day_since_2019() -> None:
    day = date(2019, 8, 21)
    while day < date(2027, 1, 1):
        assert procedure_for(day).in_force(day)
        day += timedelta(days=1)


def test_dossier_kind_is_the_one_enum() -> None:
    from ocop.criteria import DossierKind
    from ocop.procedure import check_dossier, dossier

    assert dossier.DossierKind is DossierKind
    by_enum = check_dossier(["mau_01"], kind=DossierKind.UPGRADE)
    by_text = check_dossier(["mau_01"], kind="upgrade")
    assert by_enum == by_text
    assert by_text.kind is DossierKind.UPGRADE
    assert dossier_check_to_dict(by_text)["kind"] == "upgrade"
    with pytest.raises(InvalidInput, match="unknown dossier kind"):
        check_dossier(["mau_01"], kind="rerank")
