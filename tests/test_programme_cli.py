"""ocop stats and ocop report: JSON that validates against its schema, reports in HTML
and Markdown, one-line errors; progress computed from a registry against a user's plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ocop.cli import main
from ocop.programme import evaluate, load_plan, read_registry_csv
from ocop.programme.progress import Status
from ocop.schemas import load_schema
from ocop.serialize import plan_to_dict, progress_to_dict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "registry-ocop.csv")


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", EXAMPLE, "--as-of", "2020-06-01", "--json", "--from", "2019-01-01"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["as_of"], doc["valid"], doc["by_stars"]) == (
        "2020-06-01",
        13,
        {"3": 8, "4": 5, "5": 0},
    )
    assert doc["shares"]["by_stars"]["4"] == {"exact": "5/13", "percent": "38.5"}
    assert doc["flows"]["new"] == 13
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(doc, load_schema("programme-stats"))
    assert main(["stats", EXAMPLE, "--as-of", "2022-12-24", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] == 0
    assert "flows" not in doc
    jsonschema.validate(doc, load_schema("programme-stats"))


def test_stats_text_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["stats", EXAMPLE, "--as-of", "2025-07-01"]) == 0
    assert "1 products in force" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "product,stars,level,decision_date\nChè,9,province,2024-01-01\n", encoding="utf-8"
    )
    assert main(["stats", str(bad), "--as-of", "2025-07-01"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "line 2, stars" in err
    assert main(["stats", EXAMPLE, "--as-of", "2025-13-01"]) == 1
    assert main(["stats", str(tmp_path / "none.csv"), "--as-of", "2025-01-01"]) == 1


def test_report_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.md"
    args = ["report", EXAMPLE, "--plan", "thanh-hoa-134-2019", "--as-of", "2019-12-31"]
    assert main([*args, "--format", "md", "--lang", "en", "--no-charts", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert (
        "| tương ứng khoảng 30 sản phẩm | 30 products | 13 | 43% of the target | behind |" in text
    )
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_to_dict(load_plan("qd490-2018")), ensure_ascii=False), "utf-8")
    out = tmp_path / "r.html"
    national = ["report", EXAMPLE, "--plan", str(plan), "--output", str(out), "--as-of"]
    assert main([*national, "2019-12-31"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "vượt 1,86 lần" not in html  # as of 2019 nothing is reported yet
    assert main([*national, "2021-03-23"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "vượt 1,86 lần" in html
    assert html.count("<svg") == 3
    bad = ["report", EXAMPLE, "--plan", "no-such-plan", "--as-of", "2020-01-01"]
    assert main([*bad, "--output", str(out)]) == 1
    assert "shipped plans" in capsys.readouterr().err


SYNTHETIC = (  # invented rows: a user's registry of a province
    "product,producer,producer_type,province,stars,level,decision_date\n"
    "Chè,HTX A,HTX,Hòa Bình,3,province,2021-06-01\n"
    "Chè,HTX A,HTX,Hòa Bình,4,province,2022-06-01\n"
    "Miến,HTX A,HTX,Hòa Bình,3,province,2021-06-01\n"
    "Cam,Hộ B,hộ kinh doanh,Hòa Bình,3,province,2023-06-01\n"
    "Bưởi,Hộ C,hộ kinh doanh,Thanh Hóa,3,province,2023-06-01\n"
    "Mật ong,Công ty D,doanh nghiệp,Hòa Bình,5,central,2024-06-01\n"
)


def test_progress_computed_from_a_registry() -> None:
    reg = read_registry_csv(SYNTHETIC)
    rows = {
        p.target.id: p for p in evaluate(load_plan("hoa-binh-162-2022"), date(2024, 12, 31), reg)
    }
    products = rows["products_3star"]
    # Chè 4★, Cam, Mật ong 5★: Miến expired on 1 June 2024, Bưởi is Thanh Hóa's
    assert (products.basis, products.achieved) == ("computed", 3)
    assert products.status is Status.BEHIND  # 3 of 80, 4 of its 5 years gone
    five = rows["products_5star"]
    assert (five.achieved, five.status) == (1, Status.MET)
    up = rows["upgraded_share"]  # nothing in force on 1 January 2021: no figure
    assert up.status is Status.UNKNOWN
    assert rows["tourism_villages"].basis == "none"
    doc = progress_to_dict(tuple(rows.values()), lang="en")
    assert doc[0]["target"] == "products_3star"
    assert doc[0]["ratio"] == "3/80"
    assert doc[0]["ratio_text"] == "4% of the target"
    early = {
        p.target.id: p for p in evaluate(load_plan("hoa-binh-162-2022"), date(2021, 1, 10), reg)
    }
    assert early["products_3star"].status is Status.BEHIND  # 0 counted
    thanh_hoa = evaluate(load_plan("thanh-hoa-134-2019"), date(2019, 12, 31), reg)
    assert thanh_hoa[1].achieved == 0


def test_upgraded_share() -> None:
    text = SYNTHETIC.replace("2021-06-01", "2020-06-01")  # in force on 1 January 2021
    reg = read_registry_csv(text)
    plan = load_plan("hoa-binh-162-2022")
    up = {p.target.id: p for p in evaluate(plan, date(2024, 12, 31), reg)}["upgraded_share"]
    assert (up.basis, up.achieved, up.status) == ("computed", 50, Status.MET)  # Chè of 2
