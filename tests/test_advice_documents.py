"""What-if, migration, and the advisor's documents and commands (validated by their schemas)."""

from __future__ import annotations

import json
import re
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.advice import migrate, whatif
from ocop.advice._carry_over import read_table
from ocop.advice.evidence import _table
from ocop.cli import main
from ocop.errors import InvalidInput
from ocop.serialize import costs_from_dict, loads, rank_request_from_dict

jsonschema = pytest.importorskip("jsonschema")

from ocop.schemas import load_schema  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HONEY = ROOT / "examples" / "rank-honey-council.json"
OLD = ROOT / "examples" / "advice" / "dossier-honey-2024-qd148.json"
COSTS = ROOT / "examples" / "advice" / "costs.json"
LAW = ROOT.parent / "shared" / "reference" / "laws" / "qd-26-2026.txt"


def request(path: Path) -> ocop.RankRequest:
    return rank_request_from_dict(loads(path.read_text(encoding="utf-8")))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def valid(doc: Any, name: str) -> None:
    jsonschema.Draft202012Validator(load_schema(name)).validate(doc)


@pytest.mark.parametrize(
    "argv",
    [
        [str(HONEY)],
        [str(HONEY), "--target", "5", "--lang", "vi"],
        [str(HONEY), "--target", "5", "--cost", str(COSTS)],
        [str(HONEY), "--target", "4", "--fixed", "5.1"],
        [str(OLD), "--target", "5"],
    ],
)
def test_ocop_advise_prints_a_valid_document(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["advise", *argv], capsys)
    assert (status, err) == (0, "")
    doc = json.loads(out)
    valid(doc, "advice-output")
    if doc["reachable"]:
        assert doc["result"]["stars"] >= doc["target"]
        for change in doc["changes"]:
            assert {"criterion", "to"} <= set(change)
    else:
        assert doc["result"] is None
        assert doc["reasons"]


def test_ocop_advise_text_and_changes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["advise", str(HONEY)], capsys)
    doc = json.loads(out)
    assert [(c["criterion"], c["to"]) for c in doc["changes"]] == [("5.1", "e")]
    assert doc["result"]["stars"] == 4
    status, out, _ = run(["advise", str(HONEY), "--text", "--lang", "vi"], capsys)
    assert status == 0
    assert "Nâng tiêu chí 5.1" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["advise", str(HONEY), "--target", "7"], "--target"),
        (["advise", str(HONEY), "--fixed", "99"], "fixed"),
        (["whatif", str(HONEY), "--set", "5.1"], "--set"),
        (["whatif", str(HONEY), "--set", "5.1=z"], "5.1"),
        (["whatif", str(HONEY), "--member", "Nobody", "--set", "5.1=e"], "member"),
        (["migrate", str(HONEY)], "already"),
    ],
)
def test_bad_input_is_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_cost_tables_are_read_strictly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    costs = costs_from_dict(loads(COSTS.read_text(encoding="utf-8")))
    assert costs.cost("3.2", "b") is None
    assert costs.cost("1.5", "d") == 12
    assert costs.cost("1.5", "b") is None
    assert costs.cost("7", "c") == 1
    for bad, field in [
        ({"criteria": {}}, "default"),
        ({"default": 1.5}, "default"),
        ({"default": "-1"}, "default"),
        ({"default": 1, "extra": 1}, "extra"),
        ({"default": 1, "criteria": {"1.5": {"c": True}}}, "criteria['1.5']['c']"),
    ]:
        with pytest.raises(InvalidInput) as info:
            costs_from_dict(bad)
        assert info.value.path == field
    path = tmp_path / "costs.json"
    path.write_text('{"default": 1, "criteria": {"99": 3}}', encoding="utf-8")
    status, _, err = run(["advise", str(HONEY), "--cost", str(path)], capsys)
    assert status == 1
    assert "costs.criteria['99']" in err


def test_whatif_answers_policy_and_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    req = request(HONEY)
    w = whatif(req, answers={"5.1": "e"})
    assert (w.before.stars, w.after.stars) == (3, 4)
    assert w.after == ocop.rank_request(w.changed)  # the pipeline, nothing recomputed
    [failed] = [d for d in w.differences if d.field == "failed_minimums"]
    assert failed.newly_met == ("5.1@4",)
    one = whatif(req, answers={"5.1": "e"}, member=w.before.failed_minimums[0].members_failing[0])
    assert one.after.average - w.before.average == Fraction(2, 5)
    strict = whatif(req, policy="all")
    assert strict.after.policy.value == "all"
    assert whatif(req).differences == ()
    assert whatif(req).explain("vi")[0] == "Kết quả không thay đổi."
    status, out, _ = run(["whatif", str(HONEY), "--set", "5.1=e", "--policy", "all"], capsys)
    assert status == 0
    doc = json.loads(out)
    valid(doc, "whatif-output")
    assert doc["request"]["policy"] == "all"
    status, out, _ = run(["whatif", str(OLD), "--ruleset", "qd1489-2025"], capsys)
    doc = json.loads(out)
    valid(doc, "whatif-output")
    assert doc["after"]["ruleset"] == "qd1489-2025"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_migration_lists_exactly_the_questions_left() -> None:
    old = request(OLD)
    m = migrate(old)
    assert (m.from_ruleset, m.to_ruleset, m.to_sheet) == ("qd148-2023", "qd26-2026", 4)
    before = ocop.rank_request(old)
    assert m.before == before
    old_sheet = ocop.load_ruleset("qd148-2023").sheet(4)
    new_sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    # the expected questions, worked out again from the two sheets' texts and the pairs
    # the carry-over table lists for sheet 4 (tests/test_carry_over.py checks the table)
    by_title = {_norm(c.title).casefold(): c for c in old_sheet.criteria}
    table = read_table()
    paired = {r["to_criterion"]: r["from_criterion"] for r in table["criteria"] if 4 in r["sheets"]}
    listed = {
        (r["from_criterion"], r["from_option"], r["to_criterion"])
        for r in table["options"]
        if 4 in r["sheets"]
    }
    expected = {}
    for crit in new_sheet.criteria:
        source = by_title.get(_norm(crit.title).casefold())
        if crit.code in paired:
            source = old_sheet.criterion(paired[crit.code])
        for member in before.members:
            if crit.applies_if is not None:
                continue  # 5.2: open exactly when 5.1 is (checked below)
            carried = source is not None and (
                any(
                    _norm(o.label) == _norm(source.option(member.answers[source.code]).label)
                    for o in crit.options
                )
                or (source.code, member.answers[source.code], crit.code) in listed
            )
            if not carried:
                expected.setdefault(crit.code, []).append(member.member)
    got = {q.criterion: sorted(q.members) for q in m.questions if q.criterion != "5.2"}
    assert got == {k: sorted(v) for k, v in expected.items()}
    assert m.result is None
    assert m.lowest is not None
    assert m.highest is not None
    assert m.lowest.average <= m.highest.average
    # answering every question at its lowest option ranks as `lowest`
    assert m.advice is not None
    assert m.advice.before == m.lowest
    assert m.advice.result is not None
    assert m.advice.result.stars is not None
    assert m.advice.result.stars >= before.stars  # type: ignore[operator]


def test_a_dossier_whose_wording_all_carries_ranks() -> None:
    old = request(OLD)
    same = ocop.RankRequest(
        ruleset="qd1489-2025", sheet=4, members=old.members, policy=old.policy, id=old.id
    )
    m = migrate(same, to="qd148-2023")
    assert m.questions == ()
    assert m.result is not None
    assert (m.result.stars, m.result.average) == (m.before.stars, m.before.average)  # type: ignore[union-attr]


def test_ocop_migrate_prints_a_valid_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["migrate", str(OLD)], capsys)
    assert status == 0
    doc = json.loads(out)
    valid(doc, "migrate-output")
    assert doc["questions"]
    status, out, _ = run(["migrate", str(OLD), "--text"], capsys)
    assert "open question" in out


@pytest.mark.skipif(not LAW.exists(), reason="the decision's text is not beside the repo")
def test_evidence_rows_are_the_decision_s_words() -> None:
    law = _norm(LAW.read_text(encoding="utf-8"))
    _, table = _table()
    for evidence in set(table.values()):
        assert _norm(evidence.topic) in law
        assert _norm(evidence.requirement) in law
