"""OCOP product codes: the 26/2026 form, the older form with a district part, and junk."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates import (
    CodeFormat,
    format_product_code,
    lookup_commune,
    parse_product_code,
    province_table,
)
from ocop.cli import main
from ocop.errors import InvalidProductCode, MissingExtra, OcopError

CODES_34 = [
    "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37",
    "38", "40", "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82",
    "86", "91", "92", "96",
]  # fmt: skip


def test_parse_26_2026_code() -> None:
    code = parse_product_code("01-00070-3-2026")
    assert code.format is CodeFormat.QD26_2026
    assert (code.province, code.district, code.commune, code.sequence, code.year) == (
        "01",
        None,
        "00070",
        "3",
        2026,
    )
    assert code.province_name == "Thành phố Hà Nội"
    assert str(code) == "01-00070-3-2026"


def test_sequence_keeps_leading_zeros() -> None:
    code = parse_product_code("79-26734-007-2025")
    assert code.sequence == "007"
    assert code.number == 7
    assert str(code) == "79-26734-007-2025"


def test_parse_code_with_district() -> None:
    code = parse_product_code("83-829-28780-3-2022")  # Bến Tre, pre-2025 scoring software
    assert code.format is CodeFormat.WITH_DISTRICT
    assert (code.province, code.district, code.commune, code.sequence, code.year) == (
        "83",
        "829",
        "28780",
        "3",
        2022,
    )
    assert code.province_name is None  # 83 (Bến Tre) is not a 2025 provincial code
    assert str(code) == "83-829-28780-3-2022"
    # 2025 is the last year a district part can appear (districts ended 1 July 2025).
    assert parse_product_code("83-829-28780-3-2025").year == 2025


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty product code"),
        (" 01-00070-3-2026", "leading or trailing spaces"),
        ("01-00070-3-2026\n", "leading or trailing spaces"),
        ("01–00070–3–2026", "uses '–'; separate the parts with '-'"),
        ("01-00070-3", "has 3 part(s); expected 4"),
        ("01-00070-3-2026-1-2", "has 6 part(s)"),
        ("1-00070-3-2026", "province code (T) '1' must have 2 digits"),
        ("01-0070-3-2026", "commune code (X) '0070' must have 5 digits"),
        ("01-00000-3-2026", "commune code (X) '00000' cannot be zero"),
        ("01-00070-0-2026", "sequence number (STT) '0' cannot be zero"),
        ("01-00070--2026", "sequence number (STT) is empty"),
        ("01-00070-A3-2026", "sequence number (STT) 'A3' must be digits only"),
        ("01-00070-3-26", "year of evaluation '26' must have 4 digits"),
        ("HN-00070-3-2026", "province code (T) 'HN' must be digits only"),
        ("０１-00070-3-2026", "must be digits only"),  # full-width digits
        ("34-00070-3-2026", "'34' is not one of the 34 provincial units"),  # Thái Bình, merged
        ("01-00070-3-2024", "year 2024 is before 2025"),
        ("01-00070-3-2100", "not of the form 20.."),
        ("83-829-28780-3-2026", "cannot be from 2026: the district level was abolished"),
        ("83-82-28780-3-2022", "district code (H) '82' must have 3 digits"),
        ("83-829-28780-3-1999", "not a plausible year"),
        ("83 829 28780 3 2022", "has 1 part(s)"),
    ],
)
def test_junk_codes(text: str, message: str) -> None:
    with pytest.raises(InvalidProductCode) as info:
        parse_product_code(text)
    assert message in str(info.value)
    assert info.value.path == "code"
    assert info.value.value == text
    assert isinstance(info.value, ValueError)


def test_not_a_string() -> None:
    with pytest.raises(InvalidProductCode, match="a product code is text, got int"):
        parse_product_code(1003202)  # type: ignore[arg-type]


def test_format_product_code() -> None:
    assert format_product_code(province="68", commune="24781", sequence=12, year=2026) == (
        "68-24781-12-2026"
    )
    with pytest.raises(InvalidProductCode, match="not one of the 34"):
        format_product_code(province="99", commune="24781", sequence=1, year=2026)
    with pytest.raises(InvalidProductCode, match="expected an integer year"):
        format_product_code(province="68", commune="24781", sequence=1, year="2026")  # type: ignore[arg-type]
    with pytest.raises(InvalidProductCode, match="sequence"):
        format_product_code(province="68", commune="24781", sequence=True, year=2026)


def test_province_table() -> None:
    table = province_table()
    assert [p.code for p in table.provinces] == CODES_34
    assert len({p.name for p in table.provinces}) == 34
    assert table.get("79") is not None
    assert table.get("79").name == "Thành phố Hồ Chí Minh"  # type: ignore[union-attr]
    assert sum(p.kind == "thanh_pho" for p in table.provinces) == 6  # 6 cities, 28 provinces
    assert table.source.instrument == "19/2025/QĐ-TTg"
    assert table.verified is False
    assert "gazette" in table.verification


@given(
    st.sampled_from(CODES_34),
    st.integers(1, 99999),
    st.integers(1, 999999),
    st.integers(2025, 2099),
)
def test_format_then_parse_round_trip(province: str, commune: int, seq: int, year: int) -> None:
    text = format_product_code(province=province, commune=f"{commune:05d}", sequence=seq, year=year)
    code = parse_product_code(text)
    assert str(code) == text
    assert (code.province, int(code.commune), code.number, code.year) == (
        province,
        commune,
        seq,
        year,
    )


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_invalid_product_code(text: str) -> None:
    try:
        code = parse_product_code(text)
    except InvalidProductCode:
        return
    assert str(code) == text


def test_lookup_commune_with_the_extra() -> None:
    pytest.importorskip("vietnam_provinces")
    commune = lookup_commune(parse_product_code("01-00070-3-2026"))
    assert (commune.name, commune.province) == ("Phường Hoàn Kiếm", "01")
    with pytest.raises(InvalidProductCode, match="belongs to province 01, not 68"):
        lookup_commune(parse_product_code("68-00070-3-2026"))
    with pytest.raises(InvalidProductCode, match="'99999' is not in the list of 2025 communes"):
        lookup_commune(parse_product_code("01-99999-3-2026"))


def test_lookup_commune_refuses_old_codes() -> None:
    with pytest.raises(InvalidProductCode, match="before the 2025 reorganisation"):
        lookup_commune(parse_product_code("83-829-28780-3-2022"))


def test_lookup_commune_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str, package: str | None = None) -> Any:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(MissingExtra, match=r'pip install "ocop\[provinces\]"') as info:
        lookup_commune(parse_product_code("01-00070-3-2026"))
    assert isinstance(info.value, OcopError)
    assert isinstance(info.value, ImportError)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_code_parse(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "code", "parse", "68-24781-12-2026")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["format"] == "qd26-2026"
    assert doc["province_name"] == "Tỉnh Lâm Đồng"
    assert doc["province_verified"] is False
    code, out, _ = run(capsys, "code", "parse", "83-832-28882-2-2022")
    doc = json.loads(out)
    assert (doc["format"], doc["district"], doc["province_name"]) == ("with_district", "832", None)


def test_cli_code_parse_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "code", "parse", "68-24781-12")
    assert (code, out) == (1, "")
    assert err == (
        "ocop: error: code: '68-24781-12' has 3 part(s); expected 4 (T-X-STT-YYYY, 26/2026) "
        "or 5 (T-H-X-STT-YYYY, before July 2025)\n"
    )


def test_cli_code_parse_check_commune(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("vietnam_provinces")
    code, out, _ = run(capsys, "code", "parse", "68-24781-12-2026", "--check-commune")
    assert code == 0
    assert json.loads(out)["commune_name"] == "Phường Xuân Hương - Đà Lạt"
    code, _, err = run(capsys, "code", "parse", "01-24781-12-2026", "--check-commune")
    assert code == 1
    assert "belongs to province 68, not 01" in err
