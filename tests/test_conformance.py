"""The conformance kit (ocop.conformance, ``ocop conformance export|run``)."""

from __future__ import annotations

import io
import json
import re
import shlex
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ocop import load_ruleset
from ocop.certificates import certificate_rulesets, term_end
from ocop.cli import main
from ocop.conformance import (
    CASE_SCHEMA,
    GROUPS,
    command_target,
    compare,
    generate_cases,
    local_target,
    read_cases,
    run_cases,
    service_base,
    url_target,
    write_kit,
)
from ocop.errors import InvalidInput

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
    rank_v = jsonschema.Draft202012Validator(load_schema("rank-input"))
    cert_v = jsonschema.Draft202012Validator(load_schema("certificate"))
    for case in CASES:
        case_v.validate(case)
        if case["kind"] == "rank":
            rank_v.validate(case["request"])
        elif case["kind"] == "certificate-status":
            cert_v.validate(case["request"]["certificate"])
    assert Counter(c["kind"] for c in CASES).keys() == {"rank", "certificate-status", "code-parse"}
    wrong = {**CASES[-1], "expected": {"code": "x", "error": "InvalidProductCode"}}
    assert not case_v.is_valid(wrong)  # a refusal or fields, not both


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
    assert "cannot call http://127.0.0.1:9/rank" in lines[-2]


# --------------------------------------------------------------------------- kinds


def test_ocop_itself_passes_every_case_in_process() -> None:
    outcomes = run_cases(CASES, local_target())
    assert [o.id for o in outcomes if not o.passed] == []
    assert len(outcomes) == len(CASES)


def test_a_case_without_kind_is_a_rank_case(tmp_path: Path) -> None:
    old = {k: v for k, v in CASES[0].items() if k != "kind"}
    write_kit(tmp_path, [old], version="test")
    assert read_cases(tmp_path) == [old]
    jsonschema.Draft202012Validator(CASE_SCHEMA).validate(old)
    assert run_cases([old], local_target())[0].passed
    (tmp_path / "cases.jsonl").write_text(json.dumps({**old, "kind": "zap"}) + "\n", "utf-8")
    with pytest.raises(InvalidInput) as err:
        read_cases(tmp_path)
    assert err.value.path == "cases.jsonl:1.kind"


def test_compare_a_refusal() -> None:
    refusal = {"error": "InvalidProductCode"}
    error = {"type": "InvalidProductCode", "message": "m", "path": "code", "value": "x"}
    assert compare(refusal, error, kind="code-parse", refused=True) == ()
    assert compare(refusal, {**error, "type": "InvalidInput"}, refused=True) == (
        'refused as "InvalidInput", expected InvalidProductCode',
    )
    assert compare(refusal, {"code": "x"}, kind="code-parse") == (
        "expected the input refused (InvalidProductCode), got a result",
    )
    assert compare({"year": 2026}, error, kind="code-parse", refused=True) == (
        "refused: InvalidProductCode: m",
    )
    nested = {"reranking_window": {"opens": "2028-11-23", "state": "open"}}
    got = {"reranking_window": {"opens": "2028-11-23", "state": "open", "source": "..."}}
    assert compare(nested, got, kind="certificate-status") == ()
    got["reranking_window"]["state"] = "closed"
    assert compare(nested, got, kind="certificate-status") != ()
    assert compare({"days_left": 0}, {"days_left": False}, kind="certificate-status") != ()


def test_the_term_cases_follow_each_rule_sets_convention() -> None:
    """The published readings: Nghệ An's 1048 certificates of 4/2/2020 'hết hiệu lực kể từ
    ngày 4/2/2023' (the anniversary excluded); 26/2026 read by the Civil Code."""
    last = {
        c["request"]["certificate"]["ruleset"]: c
        for c in CASES
        if c["group"] == "terms" and "/first-day-" in c["id"] and c["id"].endswith("/last-day")
    }
    assert set(last) == {r.id for r in certificate_rulesets()}
    for ruleset, case in last.items():
        issued = date.fromisoformat(case["request"]["certificate"]["issued"])
        anniversary = issued.replace(year=issued.year + 3)
        expected = case["expected"]
        want = anniversary if ruleset == "qd26-2026" else anniversary - timedelta(days=1)
        assert expected["valid_until"] == want.isoformat() == case["request"]["as_of"]
        assert (expected["status"], expected["days_left"]) == ("expiring_soon", 0)
    for case in CASES:
        if case["group"] == "terms" and case["id"].endswith("/day-after"):
            assert case["expected"]["status"] == "expired"
    leap = next(c for c in CASES if c["id"] == "terms/qd148-2023/29-february-2024-02-29/last-day")
    assert leap["expected"]["valid_until"] == "2027-02-28"


def test_the_code_cases_cover_every_province_and_refuse_each_break() -> None:
    from ocop.certificates import province_table

    codes = [c for c in CASES if c["group"] == "codes"]
    valid = {c["expected"]["province"] for c in codes if "error" not in c["expected"]}
    assert {p.code for p in province_table().provinces} <= valid
    refused = [c for c in codes if c["id"].startswith("codes/invalid/")]
    assert refused
    assert all(c["expected"] == {"error": "InvalidProductCode"} for c in refused)
    assert all("error" not in c["expected"] for c in codes if c["id"].startswith("codes/valid/"))


def _civil_code_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wrong implementation: every rule set's term read by the Civil Code."""
    from ocop.certificates import model, terms

    monkeypatch.setattr(model, "term_end", lambda s, m, c: terms.term_end(s, m, "civil_code"))


def _differs(case: dict[str, Any]) -> bool:
    """Whether the Civil Code's last day differs from the case's certificate's own."""
    cert = case["request"]["certificate"]
    rs = next(r for r in certificate_rulesets() if r.id == cert["ruleset"])
    start = date.fromisoformat(cert.get("term_start", cert["issued"]))
    own = term_end(start, rs.validity_months, rs.convention)
    return "stated_valid_until" not in cert and own != term_end(start, 36, "civil_code")


def test_a_civil_code_implementation_fails_exactly_the_anniversary_cases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = [c for c in CASES if c["kind"] == "certificate-status"]
    _civil_code_everywhere(monkeypatch)
    failed = {o.id: o for o in run_cases(cases, local_target()) if not o.passed}
    wrong = {c["id"] for c in cases if _differs(c) and "error" not in c["expected"]}
    assert set(failed) == wrong
    assert {i.split("/")[0] for i in wrong} == {"terms", "reranking"}  # not revocation
    assert not any("qd26-2026" in i or "29-february" in i for i in wrong)
    day_after = failed["terms/qd1048-2019/first-day-2019-08-21/day-after"]
    assert day_after.problems[0] == 'status: expected "expired", got "expiring_soon"'
    assert day_after.clause.startswith("1048/QĐ-TTg, Điều 1")


_TOY_CODE = re.compile(r"^([0-9]{2})-(?:([0-9]{3})-)?([0-9]{5})-([0-9]{1,6})-([0-9]{4})$")


def _toy_code(code: str) -> tuple[dict[str, Any], bool]:
    """A wrong parser: the shape is right, but it reads the sequence number as a number
    (dropping its zeros) and takes any two-digit province."""
    from ocop.certificates import province_table

    refusal = {"type": "InvalidProductCode", "message": "bad code", "path": "code"}
    m = _TOY_CODE.match(code)
    if m is None or int(m[4]) == 0:
        return refusal, True
    year = int(m[5])
    if not (2000 <= year <= 2025 if m[2] else 2025 <= year <= 2099):
        return refusal, True
    province = province_table().get(m[1])
    doc = {
        "code": code,
        "format": "with_district" if m[2] else "qd26-2026",
        "province": m[1],
        "province_name": None if m[2] or province is None else province.name,
        "district": m[2],
        "commune": m[3],
        "sequence": str(int(m[4])),
        "year": year,
    }
    return doc, False


def test_a_wrong_code_parser_fails_exactly_the_cases_it_breaks() -> None:
    cases = [c for c in CASES if c["kind"] == "code-parse"]

    def toy(kind: str, request: dict[str, Any], timeout: float) -> tuple[str, bool]:
        assert kind == "code-parse"
        doc, refused = _toy_code(request["code"])
        return json.dumps(doc), refused

    failed = {o.id: o for o in run_cases(cases, toy) if not o.passed}
    assert set(failed) == {
        "codes/valid/sequence-leading-zeros",
        "codes/invalid/unknown-province-02",
    }
    zeros = failed["codes/valid/sequence-leading-zeros"]
    assert zeros.problems == ('sequence: expected "007", got "7"',)
    assert failed["codes/invalid/unknown-province-02"].clause.startswith("19/2025/QĐ-TTg")


def test_ocop_conformance_answer_as_a_command(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = f"{shlex.quote(sys.executable)} -m ocop conformance answer"
    args = ["--cases", str(kit), "--command", command, "--jobs", "4", "--timeout", "60"]
    for group in ("terms", "reranking", "codes", "bands"):
        status, lines = _run(capsys, *args, "--only", group, "--limit", "3")
        assert status == 0, lines
        assert lines[-1] == "conformance: 3/3 cases passed"
    refused = [c for c in CASES if c["id"] == "codes/invalid/year-2100"]
    outcomes = run_cases(refused, command_target(command), timeout=60)
    assert outcomes[0].passed


def test_ocop_conformance_answer_reads_the_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"code": "68-24781-12-2026"}'))
    monkeypatch.setenv("OCOP_CASE_KIND", "code-parse")
    assert main(["conformance", "answer"]) == 0
    assert json.loads(capsys.readouterr().out)["province_name"] == "Tỉnh Lâm Đồng"
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"code": "68-24781-12-2024"}'))
    assert main(["conformance", "answer"]) == 1
    assert json.loads(capsys.readouterr().out)["type"] == "InvalidProductCode"
    monkeypatch.setenv("OCOP_CASE_KIND", "zap")
    assert main(["conformance", "answer"]) == 1
    assert "OCOP_CASE_KIND: unknown case kind" in capsys.readouterr().err


def test_the_kit_passes_against_the_live_server() -> None:
    pytest.importorskip("uvicorn")
    from ocop.service import create_app

    sys.path.insert(0, str(Path(__file__).parent))
    try:
        from _live_server import Server
    finally:
        sys.path.pop(0)

    sample = [c for c in CASES if c["kind"] != "rank"]
    for group in GROUPS:  # the rank groups: a sample of each
        sample += [c for c in CASES if c["group"] == group and c["kind"] == "rank"][:5]
    with Server(create_app()) as server:
        for url in (server.url, server.url + "/", server.url + "/rank"):
            outcomes = run_cases(sample, url_target(url), timeout=30, jobs=4)
            assert [(o.id, o.problems) for o in outcomes if not o.passed] == []
        assert service_base(server.url + "/rank/") == server.url
