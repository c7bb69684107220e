"""The conformance kit (ocop.conformance, ``ocop conformance export|run``)."""

from __future__ import annotations

import json
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ocop import load_ruleset
from ocop.cli import main
from ocop.conformance import (
    CASE_SCHEMA,
    GROUPS,
    compare,
    generate_cases,
    read_cases,
    write_kit,
)

CASES = generate_cases()
HAND = json.loads((Path(__file__).parent / "cases" / "qd26-2026.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("kit")
    assert main(["conformance", "export", str(directory)]) == 0
    return directory


@pytest.fixture(scope="module")
def small_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bands and minimums of sheets 1, 16 and 26 and of the other band tables: the
    toy implementations start a process per case, so they run on these only."""
    directory = tmp_path_factory.mktemp("small-kit")
    some = [
        c
        for c in CASES
        if c["group"] in ("bands", "minimums")
        and (c["request"]["sheet"] in (1, 16, 26) or c["request"]["ruleset"] != "qd26-2026")
    ]
    write_kit(directory, some, version="test")
    return directory


def test_export_writes_the_kit(kit: Path) -> None:
    assert sorted(p.name for p in kit.iterdir()) == ["README.md", "case.schema.json", "cases.jsonl"]
    assert json.loads((kit / "case.schema.json").read_text("utf-8")) == CASE_SCHEMA
    assert read_cases(kit) == CASES
    assert "ocop conformance run" in (kit / "README.md").read_text("utf-8")


def test_every_case_follows_the_schema_and_the_request_schema() -> None:
    from ocop.schemas import load_schema

    jsonschema.Draft202012Validator.check_schema(CASE_SCHEMA)
    case_v = jsonschema.Draft202012Validator(CASE_SCHEMA)
    request_v = jsonschema.Draft202012Validator(load_schema("rank-input"))
    for case in CASES:
        case_v.validate(case)
        request_v.validate(case["request"])


def test_ids_are_unique_and_every_group_is_there() -> None:
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert set(Counter(c["group"] for c in CASES)) == set(GROUPS)


def test_clauses_are_the_librarys_own_sources() -> None:
    rs = load_ruleset("qd26-2026")
    bands = {(b.source.instrument, b.source.provision) for b in rs.bands}
    for case in CASES:
        clause = (case["clause"]["instrument"], case["clause"]["provision"])
        if case["group"] == "bands" and case["request"]["ruleset"] == "qd26-2026":
            assert clause in bands
        if case["group"] in ("minimums", "policies"):
            sheet = rs.sheet(case["request"]["sheet"])
            assert clause in {(c.source.instrument, c.source.provision) for c in sheet.criteria}


def test_band_cases_sit_at_and_just_below_every_floor_of_every_sheet() -> None:
    bands = [c for c in CASES if c["group"] == "bands" and c["request"]["ruleset"] == "qd26-2026"]
    for case in bands:
        expected = case["expected"]
        assert expected["stars"] == expected["band_stars"]
        assert expected["failed_minimums"] == []
    floors = {(c["request"]["sheet"], c["expected"]["average_exact"]) for c in bands}
    for sheet in range(1, 26):  # sheet 26 cannot reach 30 without a knock-out or a marker
        assert {a for s, a in floors if s == sheet} == {
            "30", "59/2", "50", "99/2", "70", "139/2", "90", "179/2"
        }  # fmt: skip


def test_minimum_cases_agree_with_the_hand_computed_cases() -> None:
    """Every hand-computed "just below its marker" case of tests/cases is a not-met case."""
    ours = {
        (
            c["request"]["sheet"],
            json.dumps(c["request"]["members"][0]["answers"], sort_keys=True),
        ): c
        for c in CASES
        if c["group"] == "minimums"
    }
    hand = [c for c in HAND["cases"] if "just below" in c["name"]]
    assert len(hand) * 2 == sum(c["group"] == "minimums" for c in CASES)
    for h in hand:
        case = ours[(h["sheet"], json.dumps(h["answers"], sort_keys=True))]
        assert case["id"].endswith("/not-met")
        exp = case["expected"]
        assert (exp["status"], exp["stars"], exp["band_stars"]) == (
            h["expected"]["status"],
            h["expected"]["stars"],
            h["expected"]["band_stars"],
        )
        assert exp["average_exact"] == str(h["expected"]["total"])
        assert exp["failed_minimums"]


def test_condition_cases_agree_with_the_hand_computed_cases() -> None:
    ours = {
        (
            c["request"]["sheet"],
            tuple(c["request"]["flags"]),
            json.dumps(c["request"]["members"][0]["answers"], sort_keys=True),
        ): c["expected"]
        for c in CASES
        if c["group"] == "conditions"
    }
    hand = [c for c in HAND["cases"] if "just below" not in c["name"]]
    for h in hand:
        key = (h["sheet"], tuple(h["flags"]), json.dumps(h["answers"], sort_keys=True))
        exp = ours[key]
        assert (exp["status"], exp["stars"], exp["band_stars"]) == (
            h["expected"]["status"],
            h["expected"]["stars"],
            h["expected"]["band_stars"],
        ), h["name"]


def test_transition_cases_change_the_rule_set_on_the_edge_days() -> None:
    chosen = {
        (c["request"]["as_of"], c["request"].get("kind")): c["expected"]["ruleset"]
        for c in CASES
        if c["group"] == "transition" and "filed" in c["request"]
    }
    assert chosen[("2026-07-21", "first")] == "qd1489-2025"
    assert chosen[("2026-07-22", "first")] == "qd26-2026"
    assert chosen[("2026-06-22", "reranking")] == "qd1489-2025"
    assert chosen[("2026-06-23", "reranking")] == "qd26-2026"


def test_policy_cases_disagree_between_policies() -> None:
    by_mix: dict[str, set[Any]] = {}
    for c in CASES:
        if c["group"] == "policies":
            by_mix.setdefault(c["id"].rpartition("/")[0], set()).add(c["expected"]["stars"])
    assert by_mix
    assert all(len(stars) > 1 for stars in by_mix.values())


def test_compare_names_what_differs() -> None:
    expected = CASES[0]["expected"]
    assert compare(expected, dict(expected)) == ()
    assert compare(expected, {**expected, "average_exact": "30.0"}) == ()
    assert compare(expected, {**expected, "stars": 5}) == (
        f"stars: expected {expected['stars']}, got 5",
    )
    assert compare(expected, {}) != ()
    assert compare(expected, []) == ("the result is not a JSON object",)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["conformance", "run", *args])
    return status, capsys.readouterr().out.splitlines()


def test_ocop_rank_passes(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = f"{shlex.quote(sys.executable)} -m ocop rank -"
    args = ["--cases", str(kit), "--command", command, "--jobs", "4", "--timeout", "60"]
    status, lines = _run(capsys, *args, "--only", "minimums", "--limit", "4")
    assert status == 0, lines
    assert lines[-1] == "conformance: 4/4 cases passed"
    status, lines = _run(capsys, *args, "--only", "transition", "--limit", "4")
    assert status == 0, lines


TOY = """
import json, sys
from fractions import Fraction
POINTS = json.load(open({table!r}, encoding="utf-8"))
FLOORS = {floors}
req = json.load(sys.stdin)
sheet = POINTS[req["ruleset"]][str(req["sheet"])]
totals = [sum(sheet[c][k] for c, k in m["answers"].items()) for m in req["members"]]
avg = Fraction(sum(totals), len(totals))
band = 1 + sum(avg >= f for f in FLOORS)
json.dump({{"ruleset": req["ruleset"], "status": "ranked", "stars": band, "band_stars": band,
           "average_exact": str(avg), "failed_minimums": []}}, sys.stdout)
"""


def _toy(tmp_path: Path, floors: list[int]) -> str:
    """A wrong implementation: ranks by the band only, ignoring every per-star minimum."""
    points = {
        rs.id: {
            str(s.number): {c.code: {o.key: o.points for o in c.options} for c in s.criteria}
            for s in rs.sheets
        }
        for rs in map(load_ruleset, ("qd26-2026", "qd148-2023", "qd1048-2019"))
    }
    table = tmp_path / "points.json"
    table.write_text(json.dumps(points), encoding="utf-8")
    script = tmp_path / "toy.py"
    script.write_text(TOY.format(table=str(table), floors=floors), encoding="utf-8")
    return f"{shlex.quote(sys.executable)} -I -S {shlex.quote(str(script))}"


def _failed(lines: list[str]) -> dict[str, str]:
    return {
        line.split()[1]: line[line.index("[") + 1 : line.index("]")]
        for line in lines
        if line.startswith("FAIL ") and "[" in line
    }


def test_a_band_only_implementation_fails_exactly_the_unmet_minimums(
    small_kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = small_kit
    toy = _toy(tmp_path, [30, 50, 70, 90])
    only = ["--only", "bands", "--only", "minimums"]
    status, lines = _run(capsys, "--cases", str(kit), "--command", toy, "--jobs", "8", *only)
    assert status == 1
    cases = [c for c in read_cases(kit) if c["group"] in ("bands", "minimums")]
    wrong = {c["id"]: c for c in cases if c["expected"]["failed_minimums"]}
    failed = _failed(lines)
    assert set(failed) == set(wrong)
    assert all(i.startswith("minimums/") for i in failed)
    for case_id, clause in failed.items():
        assert clause == "{instrument}, {provision}".format(**wrong[case_id]["clause"])
        assert "tiêu chí" in clause
    assert "PASS bands" in " ".join(lines)


def test_wrong_band_floors_fail_the_band_cases(
    small_kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = small_kit
    toy = _toy(tmp_path, [30, 50, 75, 90])  # 70 is the floor of four stars (Điều 3.3.b)
    status, lines = _run(
        capsys, "--cases", str(kit), "--command", toy, "--only", "bands", "--jobs", "8"
    )
    assert status == 1
    failed = _failed(lines)
    assert failed
    assert all("/floor-70/" in i for i in failed)
    assert set(failed.values()) == {
        "26/2026/QĐ-TTg, Điều 3.3.b",
        "148/QĐ-TTg, Điều 1.2",
        "1048/QĐ-TTg, Điều 1.2",
    }


def test_run_reports_an_implementation_that_cannot_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "slow.py"
    script.write_text("import time; time.sleep(5)\n", encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    status, lines = _run(
        capsys, "--command", command, "--only", "transition", "--limit", "1", "--timeout", "0.5"
    )
    assert status == 1
    assert "no answer within 0.5 s" in lines[-2]
    status, lines = _run(
        capsys, "--url", "http://127.0.0.1:9/rank", "--only", "transition", "--limit", "1"
    )
    assert status == 1
    assert "cannot POST" in lines[-2]
