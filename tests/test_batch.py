"""Batch ranking: rank_many, read_jsonl and ocop rank --jsonl."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.batch import RankFailure, rank_many, read_jsonl
from ocop.cli import main
from ocop.criteria.model import CriteriaSheet
from ocop.errors import InvalidAnswer, InvalidInput
from ocop.jsonl import rank_jsonl
from ocop.ranking import RankRequest
from ocop.ranking import compile as _compile
from ocop.serialize import error_to_dict, rank_request_from_dict, result_to_dict

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"
RULESET = ocop.load_ruleset("qd26-2026")


def _request(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def _answers(draw: st.DrawFn, sheet: CriteriaSheet) -> dict[str, str | int]:
    answers: dict[str, str | int] = {}
    keys: dict[str, str] = {}
    for crit in sheet.criteria:
        if (
            crit.applies_if is not None
            and keys.get(crit.applies_if.criterion) not in crit.applies_if.options
        ):
            continue
        opt = draw(st.sampled_from(crit.options))
        keys[crit.code] = opt.key
        by_points = sum(o.points == opt.points for o in crit.options) == 1 and draw(st.booleans())
        answers[crit.code] = opt.points if by_points else opt.key
    return answers


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    sheet = draw(st.sampled_from(RULESET.sheets))
    size = draw(st.integers(1, 5))
    return {
        "ruleset": "qd26-2026",
        "sheet": sheet.number,
        "policy": draw(st.sampled_from(["majority", "all", "mean"])),
        "members": [{"member": f"M{i}", "answers": _answers(draw, sheet)} for i in range(size)],
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(requests(), max_size=6))
def test_rank_many_equals_rank(docs: list[dict[str, Any]]) -> None:
    expected = [
        ocop.rank(d["members"], sheet=d["sheet"], ruleset=d["ruleset"], policy=d["policy"])
        for d in docs
    ]
    assert list(rank_many(docs)) == expected
    parsed = [rank_request_from_dict(d) for d in docs]
    assert list(rank_many(parsed)) == expected
    assert list(rank_many(iter(docs), on_error="return")) == expected


def test_rank_many_is_lazy_and_reuses_compiled_sheets() -> None:
    doc = _request()
    _compile.compile_sheet.cache_clear()

    def endless() -> Any:
        while True:
            yield doc

    stream = rank_many(endless())
    results = [next(stream) for _ in range(5)]
    assert {r.stars for r in results} == {3}
    info = _compile.compile_sheet.cache_info()
    assert (info.misses, info.hits) == (1, 4)


def test_rank_many_policy_override_and_errors() -> None:
    doc = _request()
    strict = next(rank_many([doc], policy="all"))
    assert "6.4" in [f.criterion for f in strict.failed_minimums]
    assert strict.policy is ocop.MinimumPolicy.ALL
    bad = _request(id="bad-one")
    bad["members"][1]["answers"]["1.1"] = "z"
    with pytest.raises(InvalidAnswer) as info:
        list(rank_many([doc, bad]))
    assert info.value.path == 'members[1].answers["1.1"]'
    assert "in request 1 (id 'bad-one')" in info.value.__notes__
    items = list(rank_many([bad, doc, {"sheet": 1}], on_error="return"))
    assert isinstance(items[0], RankFailure)
    assert items[0].id == "bad-one"
    assert items[0].index == 0
    assert isinstance(items[0].error, InvalidAnswer)
    assert isinstance(items[1], ocop.RankResult)
    assert isinstance(items[2], RankFailure)
    assert items[2].index == 2
    with pytest.raises(InvalidInput, match="on_error"):
        rank_many([], on_error="ignore")  # type: ignore[call-overload]
    with pytest.raises(InvalidInput, match="unknown policy"):
        rank_many([], policy="loud")
    req = rank_request_from_dict(doc)
    assert isinstance(req, RankRequest)


def test_read_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"a": 1}\n\n  \n{"b": 2}\n')
    assert list(read_jsonl(str(path))) == [{"a": 1}, {"b": 2}]
    assert list(read_jsonl(io.StringIO('{"c": 3}\n'))) == [{"c": 3}]
    with pytest.raises(InvalidInput, match=r"line 2: .*appears twice"):
        list(read_jsonl(io.BytesIO(b'{}\n{"a": 1, "a": 2}\n')))
    with pytest.raises(InvalidInput, match="line 1: not UTF-8"):
        list(read_jsonl(io.BytesIO(b"\xff\n")))


def _jsonl(*docs: Any) -> bytes:
    return b"".join(
        (d if isinstance(d, bytes) else json.dumps(d, ensure_ascii=False).encode()) + b"\n"
        for d in docs
    )


def test_rank_jsonl_per_line_errors() -> None:
    good = _request()
    bad = _request(id="bad")
    bad["members"][2]["answers"]["5.2"] = 7
    data = _jsonl(good, b"{not json", b"", bad, {**good, "id": "again"}, b"\xff")
    out = io.StringIO()
    summary = rank_jsonl(io.BytesIO(data), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (summary.ranked, summary.failed, summary.failed_lines) == (2, 3, [2, 4, 6])
    assert str(summary) == "2 ranked, 3 failed (line 2, 4, 6)"
    assert lines[0] == result_to_dict(ocop.batch.rank_document(good), detail="summary")
    assert lines[1]["line"] == 2
    assert "not valid JSON" in lines[1]["error"]["message"]
    assert lines[2] == {
        "line": 4,
        "id": "bad",
        "error": {
            "type": "InvalidAnswer",
            "message": "option 7 does not exist; options are 0, 1, 2",
            "path": 'members[2].answers["5.2"]',
            "value": 7,
        },
    }
    assert lines[3]["id"] == "again"
    assert lines[3]["stars"] == 3
    assert lines[4]["line"] == 6
    assert lines[4]["error"]["message"] == "the line is not UTF-8 text"
    # --fail-fast stops after the first failure
    out = io.StringIO()
    summary = rank_jsonl(io.BytesIO(data), out, fail_fast=True)
    assert (summary.ranked, summary.failed, summary.stopped) == (1, 1, True)
    assert len(out.getvalue().splitlines()) == 2


def test_rank_jsonl_progress_only_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools
    import time

    ticks = itertools.count()
    monkeypatch.setattr(time, "monotonic", lambda: float(next(ticks)))  # a second per call
    data = _jsonl(*[_request(id=f"p{i}") for i in range(300)])
    progress = io.StringIO()
    summary = rank_jsonl(io.BytesIO(data), io.StringIO(), progress=progress, lang="vi")
    assert summary.ranked == 300
    members = 300 * len(_request()["members"])
    assert progress.getvalue().startswith(f"\rocop: 256 lines, {256 * members // 300:,} member")
    assert f"\rocop: 300 lines, {members:,} member sheets" in progress.getvalue()
    assert progress.getvalue().endswith("\n")
    quiet = rank_jsonl(io.BytesIO(data), io.StringIO())  # no stream, no progress
    assert quiet == summary


def test_cli_jsonl(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_jsonl(_request(), _request(sheet=99)))
    status = main(["rank", "--jsonl", str(path), "--policy", "all"])
    out, err = capsys.readouterr()
    assert status == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert docs[0]["policy"] == "all"
    assert docs[1]["line"] == 2
    assert err == "ocop: 1 ranked, 1 failed (line 2)\n"  # no progress: stderr is not a terminal
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_jsonl(_request()))))
    assert main(["rank", "--jsonl", "-"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["stars"] == 3
    assert err == "ocop: 1 ranked, 0 failed\n"
    assert main(["rank", "--jsonl", str(tmp_path / "missing.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_error_to_dict_is_json_safe() -> None:
    doc = error_to_dict(InvalidInput("x", object(), "bad"))
    assert json.loads(json.dumps(doc))["value"].startswith("<object")
    assert error_to_dict(ocop.UnknownRuleSet("zz", ("qd26-2026",)))["type"] == "UnknownRuleSet"
