"""The ``ocop`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_criteria_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "criteria", "list")
    assert status == 0
    assert "qd26-2026" in out
    assert "26/2026/QĐ-TTg" in out
    assert "2026-05-22" in out
    status, out, _ = run(capsys, "criteria", "list", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["in_force_from"], r["in_force_until"]) for r in rows] == [
        ("qd1048-2019", "2019-08-21", "2020-06-07"),
        ("qd781-2020", "2020-06-08", "2023-02-23"),
        ("qd148-2023", "2023-02-24", "2025-07-05"),
        ("qd1489-2025", "2025-07-06", "2026-07-21"),
        ("qd26-2026", "2026-05-22", None),
    ]
    assert [r["verified"] for r in rows] == [False, False, False, False, True]
    assert rows[1]["amends"] == "qd1048-2019"
    assert rows[3]["amends"] == "qd148-2023"
    # 3, 10 and 16 rank since the reconciliation with the second transcription (issue 14)
    assert rows[0]["unavailable_sheets"] == [19, 26]
    assert rows[2]["unavailable_sheets"] == [7, 11, 12, 13]
    assert rows[4]["unavailable_sheets"] == []


def test_criteria_export_contract(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "criteria", "export", "qd26-2026")
    assert status == 0
    doc = json.loads(out)
    assert doc["id"] == "qd26-2026"
    assert doc["instrument"] == "26/2026/QĐ-TTg"
    assert [s["number"] for s in doc["sheets"]] == list(range(1, 27))
    s1 = doc["sheets"][0]
    assert s1["name"] == "Rau, củ, quả, hạt tươi"
    assert [c["code"] for c in s1["criteria"]][:8] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "2.1",
    ]
    crit = {c["code"]: c for c in s1["criteria"]}
    assert crit["1.5"]["part"] == "A"
    assert crit["1.5"]["max_points"] == 3
    assert [(o["label"][:22], o["points"], o["min_stars"]) for o in crit["1.5"]["options"]] == [
        ("Không có liên kết hoặc", 0, None),
        ("Có hợp đồng liên kết t", 1, None),
        ("Có hợp đồng liên kết t", 2, 4),
        ("Có hợp đồng liên kết t", 3, 5),
    ]
    assert crit["1.5"]["mandatory_for"] == [4, 5]
    assert crit["7"]["part"] == "C"
    assert crit["1.1"]["source"] == {
        "instrument": "26/2026/QĐ-TTg",
        "provision": "Phụ lục II, mục 1, tiêu chí 1.1",
        "url": None,
    }
    # a criterion printed with a maximum but no options: its two implied options are marked so
    assert [(o["key"], o["points"], o["implied"]) for o in crit["2.4"]["options"]] == [
        ("no", 0, True),
        ("yes", 1, True),
    ]
    # the export agrees with the loaded catalogue on every option of every sheet
    rs = ocop.load_ruleset("qd26-2026")
    for sheet_doc, sheet in zip(doc["sheets"], rs.sheets, strict=True):
        got = [
            (c["code"], [(o["points"], o["min_stars"]) for o in c["options"]])
            for c in sheet_doc["criteria"]
        ]
        assert got == [
            (c.code, [(o.points, o.min_stars) for o in c.options]) for c in sheet.criteria
        ]


def test_rank_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "rank", str(EXAMPLE))
    assert (status, err) == (0, "")
    doc = json.loads(out)
    assert doc["id"] == "example-honey-2026-01"
    assert (doc["stars"], doc["band_stars"], doc["average"], doc["average_exact"]) == (
        3,
        4,
        "74.00",
        "74",
    )
    assert doc["parts"] == {"A": "32.80", "B": "16.60", "C": "24.60"}
    assert [m["total"] for m in doc["members"]] == [74, 75, 74, 75, 72]
    assert [f["criterion"] for f in doc["failed_minimums"]] == ["5.1"]
    assert doc["ruleset"] == "qd26-2026"
    assert doc["explanation"][-2] == "Final class: 3★."


def test_rank_text_and_policy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rank", str(EXAMPLE), "--text", "--policy", "all")
    assert status == 0
    assert "Minimum for 4★ not met on criterion 6.4" in out
    assert "Final class: 3★." in out


def test_rank_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(EXAMPLE.read_text(encoding="utf-8")))
    status, out, _ = run(capsys, "rank", "-")
    assert status == 0
    assert json.loads(out)["stars"] == 3


def _request(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"sheet": 1, "sheet": 2, "members": []}', "key 'sheet' appears twice"),
        (json.dumps(_request(sheet=99)), "sheet: rule set qd26-2026 has no criteria set 99"),
        (json.dumps(_request(colour="red")), "colour: unknown key"),
        (
            json.dumps(_request(as_of="2019-05-01", ruleset=None)),
            "no OCOP rule set in force on 2019-05-01",
        ),
        (json.dumps(_request(as_of="01/06/2026", ruleset=None)), "as_of"),
        (json.dumps(_request(sheet="4")), "sheet"),
        (
            json.dumps(_request(policy="loud")),
            "policy: 'loud' is not one of 'majority', 'all', 'mean'",
        ),
        (
            json.dumps(_request(flags="dossier_rejected")),
            "flags: expected a list, got 'dossier_rejected'",
        ),
        (json.dumps(_request(flags=["dossier_rejected", 3])), "flags[1]: expected a string, got 3"),
    ],
)
def test_rank_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "request.json"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "rank", str(path))
    assert status == 1
    assert out == ""
    assert err.startswith("ocop: error: ")
    assert err.count("\n") == 1
    assert message in err


def test_rank_bad_answer_names_the_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _request()
    doc["members"][2]["answers"]["5.2"] = 7
    path = tmp_path / "request.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    status, _, err = run(capsys, "rank", str(path))
    assert status == 1
    assert (
        err
        == 'ocop: error: members[2].answers["5.2"]: option 7 does not exist; options are 0, 1, 2\n'
    )


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "rank", "/nonexistent/request.json")
    assert status == 1
    assert "cannot read /nonexistent/request.json" in err


def test_unknown_ruleset_export(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "criteria", "export", "qd1048-2018")
    assert status == 1
    assert "unknown rule set 'qd1048-2018'" in err


def test_python_dash_m_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"sheet": 1}', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ocop", "rank", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "ocop: error: members: members are a list of member sheets"


def test_classification_listing(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "criteria", "list", "qd26-2026")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "I. SẢN PHẨM THỰC PHẨM"
    assert sum(1 for line in lines if "→ sheet" in line) == 26
    assert "    b. Mật ong, mật khác và nông sản thực phẩm khác  → sheet 4:" in out
    status, out, _ = run(capsys, "criteria", "list", "qd26-2026", "--lang", "en")
    assert out.splitlines()[0] == "I. Food products"
    assert "[Ministry of Health]" in out
    status, out, _ = run(capsys, "criteria", "list", "qd26-2026", "--json")
    entries = json.loads(out)
    assert [e["sheet"] for e in entries if e["sheet"] is not None] == list(range(1, 27))


def test_find(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "criteria", "find", "mat ong")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == ["4", "8"]
    status, out, _ = run(capsys, "criteria", "find", "flowers", "--lang", "en")
    assert out.strip().startswith("23  Flowers")


def test_rank_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rank", str(EXAMPLE), "--text", "--lang", "vi")
    assert status == 0
    assert "Hạng sản phẩm: 3 sao." in out
    status, out, _ = run(capsys, "rank", str(EXAMPLE), "--lang", "vi")
    doc = json.loads(out)
    assert doc["explanation_lang"] == "vi"
    assert doc["stars"] == 3  # codes and numbers never change with the language
    from ocop.serialize import result_from_dict

    assert result_from_dict(doc).stars == 3


def test_export_labels_in_either_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, vi, _ = run(capsys, "criteria", "export", "qd26-2026", "--lang", "vi")
    _, en, _ = run(capsys, "criteria", "export", "qd26-2026", "--lang", "en")
    dvi, den = json.loads(vi), json.loads(en)
    assert dvi["sheets"][3]["label"] == "Mật ong, mật khác và nông sản thực phẩm khác"
    assert den["sheets"][3]["label"].startswith("Honey")
    assert den["sheets"][0]["criteria"][0]["label"] == "Product origin"
    assert den["classification"][0]["label"] == "Food products"

    def strip(doc: Any) -> Any:
        if isinstance(doc, dict):
            return {k: strip(v) for k, v in doc.items() if k not in ("label", "lang")}
        if isinstance(doc, list):
            return [strip(v) for v in doc]
        return doc

    assert strip(dvi) == strip(den)  # codes and data never change with the language


@pytest.mark.parametrize("text", ["20260805", "2026-W32-3", "2026-8-5", "2026-02-30", "٢٠٢٦-٠٨-٠٥"])
def test_date_options_take_only_yyyy_mm_dd(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line reads dates as the documents do (not date.fromisoformat's extras)."""
    for argv in (
        ["criteria", "which", "--as-of", text],
        ["certificate", "status", "--issued", text, "--as-of", "2026-11-22"],
        ["process", "levels", "--as-of", text],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"expected an ISO date YYYY-MM-DD, got {text!r}" in err
