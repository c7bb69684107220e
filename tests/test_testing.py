"""ocop.testing: its strategies draw only valid inputs, over every rankable sheet."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ocop
from ocop.ranking.compile import compile_sheet
from ocop.ranking.score import _score_checked
from ocop.testing import councils, member_sheets, rank_requests, rankable_sheets

RANKABLE = rankable_sheets()
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def test_import_ocop_does_not_import_the_strategies() -> None:
    code = "import ocop, sys; assert 'ocop.testing' not in sys.modules; assert 'hypothesis' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_hypothesis_the_error_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import ocop\n"
        "try:\n    import ocop.testing\n"
        "except ocop.MissingExtra as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert 'pip install "ocop[test]"' in out.stdout
    assert "hypothesis" in out.stdout


def test_every_rule_set_has_rankable_sheets() -> None:
    assert {r for r, _ in RANKABLE} == {i.id for i in ocop.list_rulesets()}
    assert len(RANKABLE) > 100


@pytest.mark.parametrize(("ruleset", "number"), RANKABLE)
def test_member_sheets_of_every_sheet_rank(ruleset: str, number: int) -> None:
    @settings(FAST, max_examples=4)
    @given(councils(ruleset, number, by="mixed", max_size=2))
    def check(members: list[dict[str, Any]]) -> None:
        result = ocop.rank(members, sheet=number, ruleset=ruleset)
        assert len(result.members) == len(members)

    check()


@settings(FAST, max_examples=1000)
@given(rank_requests(max_members=3))
def test_a_thousand_rank_requests_rank(doc: dict[str, Any]) -> None:
    (result,) = ocop.rank_many([doc])
    assert result.sheet == doc["sheet"]
    if "ruleset" in doc:
        assert result.ruleset == doc["ruleset"]


@settings(FAST, max_examples=200)
@given(rank_requests(by="points"), st.data())
def test_fast_and_checked_scorers_agree_on_generated_sheets(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    (result,) = ocop.rank_many([doc])
    compiled = compile_sheet(result.ruleset, doc["sheet"])
    for i, raw in enumerate(doc["members"]):
        sheet = ocop.ranking.member_sheet(raw)
        checked, _, _ = _score_checked(compiled, sheet, position=i, skipped_by_flags=frozenset())
        if not doc.get("flags"):
            assert result.members[i] == checked


KNOCKOUT = ("qd26-2026", 16)  # zero on sensory criteria 6.x skips 7 to 10


@settings(FAST, max_examples=60)
@given(member_sheets(*KNOCKOUT, knockouts=True, by="mixed"))
def test_knockouts_true_triggers_a_condition(sheet: dict[str, Any]) -> None:
    result = ocop.rank([sheet], sheet=KNOCKOUT[1], ruleset=KNOCKOUT[0])
    assert result.conditions
    assert result.members[0].not_considered


@settings(FAST, max_examples=60)
@given(member_sheets(*KNOCKOUT, knockouts=False, member="Chủ tịch"))
def test_knockouts_false_triggers_none(sheet: dict[str, Any]) -> None:
    assert sheet["member"] == "Chủ tịch"
    result = ocop.rank([sheet], sheet=KNOCKOUT[1], ruleset=KNOCKOUT[0])
    assert not result.conditions


def test_applies_if_and_cases_are_exercised() -> None:
    """Not vacuous: sheets with conditional criteria leave them out, and cases are drawn."""
    sheet = ocop.load_ruleset("qd1048-2019").sheet(1)
    conditional = [c for c in sheet.criteria if c.applies_if is not None]
    assert conditional
    left_out: set[str] = set()
    cases: set[str] = set()

    @settings(FAST, max_examples=150)
    @given(member_sheets("qd1048-2019", 1))
    def collect(doc: dict[str, Any]) -> None:
        left_out.update(c.code for c in conditional if c.code not in doc["answers"])
        cases.update(str(doc["answers"]["3.2"])[:1])

    collect()
    assert left_out
    assert cases == {"a", "b"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: member_sheets("qd26-2026", 99),
        lambda: member_sheets("qd1048-2019", 19),  # a sheet with gaps (3 ranks since issue 14)
        lambda: member_sheets("qd26-2026", 1, by="name"),  # type: ignore[arg-type]
        lambda: councils("qd26-2026", 1, min_size=0),
        lambda: rank_requests(rulesets=["qd0-1900"]),
    ],
)
def test_bad_arguments_are_ocop_errors(make: Any) -> None:
    with pytest.raises(ocop.OcopError):
        make()


def test_knockouts_true_needs_a_zero_condition() -> None:
    @settings(FAST, max_examples=1)
    @given(member_sheets("qd26-2026", 1, knockouts=True))
    def draw(doc: dict[str, Any]) -> None:
        pass

    with pytest.raises(ocop.InvalidInput, match="no knock-out"):
        draw()
