"""`ocop forms ...` and the dossier forms of Phụ lục III (Mẫu số 01–03), read back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import ocop
from ocop.cli import main
from ocop.errors import InvalidInput
from ocop.forms import (
    dossier_from_dict,
    registration_document,
    render,
    self_assessment_document,
)
from ocop.serialize import loads

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")
jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
DOSSIER = ROOT / "examples" / "dossier-honey.json"
HONEY = ROOT / "examples" / "rank-honey-council.json"


def _dossier() -> ocop.forms.DossierInput:
    return dossier_from_dict(loads(DOSSIER.read_text(encoding="utf-8")))


def _pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages
    )


def test_example_validates_against_the_shipped_schema() -> None:
    from ocop.schemas import load_schema

    jsonschema.validate(
        json.loads(DOSSIER.read_text(encoding="utf-8")), load_schema("dossier-forms")
    )


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        (
            {
                "applicant": {"name": "A"},
                "product": {"name": "B", "classification": "I.2.b"},
                "kinds": 1,
            },
            "",
        ),
        (
            {
                "applicant": {"name": "A", "phone": 9},
                "product": {"name": "B", "classification": "I.2.b"},
            },
            "applicant.phone",
        ),
        (
            {"applicant": {"name": "A"}, "product": {"name": "B", "classification": "Z.9"}},
            "product.classification",
        ),
        (
            {
                "applicant": {"name": "A"},
                "product": {"name": "B", "classification": "I.2.b"},
                "kind": "again",
            },
            "kind",
        ),
    ],
)
def test_bad_dossier_input_names_the_field(doc: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        dossier_from_dict(doc)
    assert caught.value.path == path


def test_self_assessment_part_three_is_ranked_by_the_pipeline() -> None:
    d = _dossier()
    assert d.self_assessment is not None
    result = ocop.rank(
        [{"member": d.applicant.name, "answers": dict(d.self_assessment)}],
        sheet=4,
        ruleset="qd26-2026",
    )
    total = result.members[0].total
    text = self_assessment_document(d).text()
    assert f"Tổng điểm tự đánh giá: {total} " in text
    assert f"hạng dự kiến: {result.stars} sao" in text
    assert "3.3. Sử dụng lao động địa phương | 3 | 3 (" in text
    # signed by the representative; then ocop's annex (tests/test_forms_annex.py)
    assert "(Ký, họ tên, đóng dấu)\nNguyễn Thị Hạnh\nPHỤ LỤC: ĐỀ XUẤT CẢI THIỆN" in text
    pdf = _pdf_text(render(self_assessment_document(d), "pdf"))
    for line in (
        "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
        "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
        "Danh sách lao động đóng bảo hiểm có xác nhận của chủ thể, bao gồm cả nơi thường trú.",
        f"Tổng điểm tự đánh giá: {total}",
    ):
        assert line in pdf


def test_registration_follows_the_decision_and_ticks_the_kind() -> None:
    d = _dossier()
    document = docx.Document(io.BytesIO(render(registration_document(d), "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "PHIẾU ĐĂNG KÝ" in paragraphs
    assert "Tham gia đánh giá, phân hạng sản phẩm OCOP của tỉnh Lâm Đồng năm 2026" in paragraphs
    assert "4. Lần đăng ký đánh giá: Lần đầu ⊠ Nâng hạng: □ Đánh giá lại: □" in paragraphs
    assert any("I.2.b Mật ong, mật khác và nông sản thực phẩm khác" in p for p in paragraphs)


@pytest.mark.parametrize(
    ("argv", "magic"),
    [
        (["sheet", "--ruleset", "qd1048-2019", "--sheet", "3"], None),
        (
            [
                "sheet",
                "--ruleset",
                "qd26-2026",
                "--sheet",
                "4",
                "--answers",
                str(HONEY),
                "--member",
                "Hoàng Văn Nam (Sở Y tế)",
                "--code",
                "68-24781-12-2026",
                "--product",
                "Mật ong",
            ],
            None,
        ),
        (["summary", str(HONEY)], None),
        (["registration", str(DOSSIER)], None),
        (["self-assessment", str(DOSSIER)], None),
        (["commune-report", str(DOSSIER)], None),
    ],
)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_cli_writes_each_form(
    argv: list[str], magic: None, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"form.{fmt}"
    assert main(["forms", *argv, "--format", fmt, "--output", str(out)]) == 0
    data = out.read_bytes()
    start = {"html": b"<!DOCTYPE html>", "pdf": b"%PDF", "docx": b"PK"}[fmt]
    assert data.startswith(start)
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["sheet", "--ruleset", "qd26-2026", "--sheet", "99"],
        ["sheet", "--ruleset", "qd26-2026", "--sheet", "4", "--code", "1-2"],
        ["sheet", "--ruleset", "qd26-2026", "--sheet", "4", "--member", "A"],
        [
            "sheet",
            "--ruleset",
            "qd1048-2019",
            "--sheet",
            "3",
            "--answers",
            str(HONEY),
            "--member",
            "A",
        ],
    ],
)
def test_cli_refuses_bad_input_in_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.html"
    assert main(["forms", *argv, "--format", "html", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ocop: error: ")
    assert err.count("\n") == 1
    assert not out.exists()
