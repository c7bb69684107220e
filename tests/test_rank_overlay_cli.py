"""``ocop rank --overlay FILE`` (and with ``--jsonl``): an errata overlay given beside the
request, read through the documents layer and ranked through the one pipeline.

The overlay is the hypothetical fixture of tests/test_overlay.py (148's sheet 11 made whole);
148's sheet 11 is refused without it, so a passing rank proves the overlay was applied.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.cli import main
from ocop.criteria.overlay import apply_overlay
from ocop.jsonl import rank_jsonl
from ocop.serialize import overlay_from_dict, rank_request_from_dict, result_to_dict

sys.path.insert(0, str(Path(__file__).parent))
from test_overlay import sheet_11, top

sys.path.pop(0)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_OVERLAY = ROOT / "examples" / "errata-overlay.json"


def _request(**changes: Any) -> dict[str, Any]:
    patched = apply_overlay(ocop.load_ruleset("qd148-2023"), overlay_from_dict(sheet_11()))
    answers = top(patched, 11)
    doc = {
        "id": "tea-11",
        "ruleset": "qd148-2023",
        "sheet": 11,
        "members": [{"member": "A", "answers": answers}, {"member": "B", "answers": answers}],
    }
    return {**doc, **changes}


def _write(tmp_path: Path, name: str, doc: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_overlay_file_ranks_what_the_request_key_ranks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = _write(tmp_path, "req.json", _request())
    overlay = _write(tmp_path, "overlay.json", sheet_11())
    status, _out, err = _run(capsys, "rank", request)
    assert status == 1  # the sheet is refused without the overlay
    assert err.count("\n") == 1
    status, out, err = _run(capsys, "rank", request, "--overlay", overlay)
    assert (status, err) == (0, "")
    doc = json.loads(out)
    assert doc["overlay"]["id"] == "test-148-11"
    assert doc["average_exact"] == "100"
    assert any("Errata overlay 'test-148-11'" in c for c in doc["caveats"])
    # the same document as the request carrying the overlay itself (one pipeline)
    inline = _write(tmp_path, "inline.json", _request(overlay=sheet_11()))
    status, same, _ = _run(capsys, "rank", inline)
    assert status == 0
    assert json.loads(same) == doc
    # and as the Python API
    req = rank_request_from_dict(_request(overlay=sheet_11()))
    assert result_to_dict(ocop.rank_request(req), lang="en") == doc


def test_text_output_names_the_overlay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    request = _write(tmp_path, "req.json", _request())
    overlay = _write(tmp_path, "overlay.json", sheet_11())
    status, out, _ = _run(capsys, "rank", request, "--overlay", overlay, "--text")
    assert status == 0
    assert "test-148-11" in out


def test_a_request_with_its_own_overlay_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = _write(tmp_path, "req.json", _request(overlay=sheet_11()))
    overlay = _write(tmp_path, "overlay.json", {**sheet_11(), "id": "another"})
    status, out, err = _run(capsys, "rank", request, "--overlay", overlay)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    assert "overlay: the request carries its own errata overlay 'test-148-11'" in err
    assert "'another'" in err


@pytest.mark.parametrize(
    ("overlay", "expected"),
    [
        ({**sheet_11(), "colour": "red"}, "overlay.colour: unknown key"),
        ({**sheet_11(), "ruleset": "qd26-2026"}, "overlay.ruleset: the overlay patches qd26-2026"),
        ([1, 2], "overlay: an errata overlay is a JSON object"),
        (
            {**sheet_11(), "patches": [{**sheet_11()["patches"][0], "printed": 9}]},
            "overlay.patches[0].printed: the shipped value is 2",
        ),
    ],
)
def test_a_bad_overlay_file_is_one_line(
    overlay: Any, expected: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = _write(tmp_path, "req.json", _request())
    path = _write(tmp_path, "overlay.json", overlay)
    status, out, err = _run(capsys, "rank", request, "--overlay", path)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    assert expected in err


def test_the_overlay_file_is_read_strictly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request = _write(tmp_path, "req.json", _request())
    path = tmp_path / "dup.json"
    path.write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    status, _out, err = _run(capsys, "rank", request, "--overlay", str(path))
    assert status == 1
    assert "appears twice" in err
    status, _out, err = _run(capsys, "rank", request, "--overlay", str(tmp_path / "none.json"))
    assert status == 1
    assert "cannot read" in err


def _jsonl(*docs: Any) -> bytes:
    return b"".join(json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in docs)


def test_jsonl_ranks_every_line_under_the_overlay(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = _jsonl(_request(id="a"), _request(id="b", overlay=sheet_11()), _request(id="c"))
    path = tmp_path / "in.jsonl"
    path.write_bytes(lines)
    overlay = _write(tmp_path, "overlay.json", sheet_11())
    status, out, err = _run(capsys, "rank", "--jsonl", str(path), "--overlay", overlay)
    assert status == 1
    assert "2 ranked, 1 failed (line 2)" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", "c"]
    assert rows[0]["overlay"]["id"] == rows[2]["overlay"]["id"] == "test-148-11"
    assert rows[1]["error"]["path"] == "overlay"
    # without --overlay, the lines that carry none are refused and the one that does ranks
    status, out, _ = _run(capsys, "rank", "--jsonl", str(path))
    assert [("error" in json.loads(line)) for line in out.splitlines()] == [True, False, True]


def test_jsonl_with_workers_gives_the_same_bytes() -> None:
    lines = _jsonl(*(_request(id=f"p{i}") for i in range(300)))
    overlay = overlay_from_dict(sheet_11())
    one, two = io.StringIO(), io.StringIO()
    rank_jsonl(io.BytesIO(lines), one, overlay=overlay)
    summary = rank_jsonl(io.BytesIO(lines), two, overlay=overlay, jobs=min(2, os.cpu_count() or 1))
    assert (summary.ranked, summary.failed) == (300, 0)
    assert one.getvalue() == two.getvalue()


def test_the_shipped_example_overlay(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(ROOT / "examples" / "rank-honey-council.json")
    status, out, _ = _run(capsys, "rank", request, "--overlay", str(EXAMPLE_OVERLAY))
    assert status == 0
    assert json.loads(out)["overlay"]["id"] == "example-confirm-qd26-1-1.1"


def test_rank_jsonl_refuses_a_junk_overlay() -> None:
    with pytest.raises(ocop.InvalidInput) as info:
        rank_jsonl(io.BytesIO(b""), io.StringIO(), overlay={"id": "x"})  # type: ignore[arg-type]
    assert info.value.path == "overlay"
