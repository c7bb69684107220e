"""Flat records and DataFrames of rank results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ocop
import ocop.jsonl
from ocop.batch import RankFailure, rank_document
from ocop.errors import InvalidInput
from ocop.records import MEMBER_COLUMNS, PRODUCT_COLUMNS, to_record, to_records
from ocop.serialize import result_to_dict

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"


def _request() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return doc


def test_product_row() -> None:
    result = rank_document({**_request(), "id": "p1"})
    row = to_record(result)
    assert list(row) == list(PRODUCT_COLUMNS)
    assert row["id"] == "p1"
    assert to_record(rank_document({**_request(), "id": None}))["id"] is None
    assert (row["ruleset"], row["sheet"], row["policy"], row["status"]) == (
        "qd26-2026",
        4,
        "majority",
        "ranked",
    )
    assert (row["stars"], row["band_stars"], row["average"], row["average_display"]) == (
        3,
        4,
        "74",
        "74.00",
    )
    assert (row["part_A"], row["part_B"], row["part_C"]) == ("32.80", "16.60", "24.60")
    assert (row["part_A_exact"], row["part_B_exact"], row["part_C_exact"]) == (
        "164/5",
        "83/5",
        "123/5",
    )
    assert row["to_next_band"] == "16.00"
    assert row["members"] == 5
    assert (row["min_failed"], row["min_failed_3"], row["min_failed_4"], row["min_failed_5"]) == (
        1,
        "",
        "5.1",
        "",
    )
    assert row["conditions"] == ""
    assert row["error"] is None


def test_member_rows_and_documents_and_failures() -> None:
    request = _request()
    result = rank_document(request)
    rows = list(to_records([result], members=True))
    assert [r["member_total"] for r in rows] == [74, 75, 74, 75, 72]
    assert all(list(r) == [*PRODUCT_COLUMNS, *MEMBER_COLUMNS] for r in rows)
    assert sum(r["member_part_A"] for r in rows) == 164
    # a result document (as ocop rank --jsonl writes it) gives the same row, with its id
    doc = result_to_dict(result)
    assert list(to_records([doc])) == [to_record(result)]
    # failures: a RankFailure and an error line become error rows with the same columns
    failure = RankFailure(index=2, id="bad", error=InvalidInput("sheet", 99, "no such set"))
    line = {"line": 7, "id": "x", "error": {"type": "T", "message": "m", "path": "members"}}
    err_rows = list(to_records([failure, line], members=True))
    assert [(r["id"], r["status"], r["error"]) for r in err_rows] == [
        ("bad", "error", "sheet: no such set"),
        ("x", "error", "line 7: members: m"),
    ]
    assert all(list(r) == [*PRODUCT_COLUMNS, *MEMBER_COLUMNS] for r in err_rows)
    with pytest.raises(InvalidInput, match=r"items\[0\]: expected a RankResult"):
        list(to_records([42]))


def test_disqualified_row() -> None:
    request = _request()
    request["flags"] = ["dossier_rejected"]
    row = to_record(rank_document(request))
    assert (row["status"], row["stars"], row["conditions"]) == (
        "disqualified",
        None,
        "dossier_rejected",
    )


def test_to_frame(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "in.jsonl"
    request = _request()
    bad = {**request, "id": "bad", "sheet": 99}
    path.write_text(json.dumps(request) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    frame = ocop.to_frame(ocop.rank_many(ocop.read_jsonl(str(path)), on_error="return"))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(PRODUCT_COLUMNS)
    assert frame["average_display"].iloc[0] == 74.0
    assert frame["status"].tolist() == ["ranked", "error"]
    members = ocop.to_frame([rank_document(request)], members=True)
    assert len(members) == 5
    # the three lines of the docs: a JSON Lines run, then its output into a DataFrame
    out = tmp_path / "out.jsonl"
    with path.open("rb") as src, out.open("w", encoding="utf-8") as dst:
        ocop.jsonl.rank_jsonl(src, dst)
    frame = ocop.to_frame(ocop.read_jsonl(str(out)), members=True)
    assert len(frame) == 6  # five member rows and the error row
    assert frame["member_total"].iloc[:5].tolist() == [s.total for s in members_of(request)]
    assert frame["error"].iloc[5].startswith("line 2: sheet: ")


def members_of(request: dict[str, Any]) -> tuple[ocop.MemberScore, ...]:
    return rank_document(request).members


def test_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ocop.PandasMissing, match=r"ocop\[pandas\]"):
        ocop.to_frame([])


def test_summary_and_full_jsonl_give_the_same_rows() -> None:
    import io

    from ocop.jsonl import rank_jsonl
    from ocop.serialize import result_from_dict

    data = (Path(__file__).resolve().parents[1] / "examples" / "councils.jsonl").read_bytes()
    docs = {}
    for detail in ("summary", "full"):
        out = io.StringIO()
        rank_jsonl(io.BytesIO(data), out, detail=detail)  # type: ignore[arg-type]
        docs[detail] = [json.loads(line) for line in out.getvalue().splitlines()]
    for members in (False, True):
        summary = list(to_records(docs["summary"], members=members))
        assert summary == list(to_records(docs["full"], members=members))
        assert [r["status"] for r in summary].count("error") == 1  # line 3 of the file
    assert "answers" not in docs["summary"][0]["members"][0]
    with pytest.raises(InvalidInput, match="summary document"):
        result_from_dict(docs["summary"][0])
