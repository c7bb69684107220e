"""The provinces of Nghị quyết 202/2025/QH15 (63 former → 34) and statistics counted by the
units in force on their date: the mapping's integrity, its load-time checks, the cross-check
with the vietnam-provinces package, hand-computed statistics across 1 July 2025, the example
registry, and totals equal under both unit choices."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop._text import nfc
from ocop.certificates import province_key, province_reform, province_table
from ocop.certificates import provinces as provinces_module
from ocop.cli import main
from ocop.errors import CatalogueIntegrityError, InvalidInput
from ocop.model import CouncilLevel
from ocop.programme import ProvinceUnits, flows, read_registry_csv, registry_from_rows, statistics
from ocop.programme.registry import RegistryRow
from ocop.schemas import load_schema
from ocop.serialize import stats_to_dict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PATH = ROOT / "examples" / "registry-ocop.csv"
SWITCH = date(2025, 7, 1)
EVE = date(2025, 6, 30)

# The 11 units Điều 1 leaves as they were (quoted by thuviennhadat.vn, and Nghị quyết
# 60-NQ/TW's list I).
NOT_ARRANGED = {
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
}  # fmt: skip


# -- the mapping ---------------------------------------------------------------------------


def test_63_former_provinces_each_in_one_of_the_34() -> None:
    reform = province_reform()
    assert len(reform.arrangements) == 34
    formers = [f for a in reform.arrangements for f in a.former]
    assert len(formers) == 63
    assert len({f.code for f in formers}) == 63
    assert len({province_key(f.name) for f in formers}) == 63
    assert {a.province.code for a in reform.arrangements} == {
        p.code for p in province_table().provinces
    }
    arranged = [a for a in reform.arrangements if a.arranged]
    assert len(arranged) == 23
    assert sum(len(a.former) for a in arranged) == 52
    assert {a.province.short_name for a in reform.arrangements if not a.arranged} == NOT_ARRANGED
    assert sorted(int(a.clause.rsplit(" ", 1)[1]) for a in arranged) == list(range(1, 24))
    for a in reform.arrangements:
        # the new code is that of a former province merged into it; the new name one of theirs
        assert a.province.code in {f.code for f in a.former}
        assert a.province.short_name in {f.short_name for f in a.former}
        assert a.doubt
        assert a.verified is False
        for f in a.former:
            assert f.name == nfc(f.name)
            assert f.name.endswith(f.short_name)
            assert f.name.split(" ")[0] in ("Tỉnh", "Thành")


@pytest.mark.parametrize(
    ("clause", "new", "former"),
    [
        ("Điều 1 khoản 1", "Tuyên Quang", {"Hà Giang", "Tuyên Quang"}),
        ("Điều 1 khoản 4", "Phú Thọ", {"Vĩnh Phúc", "Hòa Bình", "Phú Thọ"}),
        ("Điều 1 khoản 7", "Hải Phòng", {"Hải Dương", "Hải Phòng"}),
        ("Điều 1 khoản 14", "Lâm Đồng", {"Lâm Đồng", "Đắk Nông", "Bình Thuận"}),
        ("Điều 1 khoản 16", "Hồ Chí Minh", {"Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Bình Dương"}),
        ("Điều 1 khoản 17", "Đồng Nai", {"Bình Phước", "Đồng Nai"}),
        ("Điều 1 khoản 23", "An Giang", {"Kiên Giang", "An Giang"}),
    ],
)
def test_arrangements_read_in_the_sources(clause: str, new: str, former: set[str]) -> None:
    reform = province_reform()
    (item,) = [a for a in reform.arrangements if a.clause == clause]
    assert item.province.short_name == new
    assert {f.short_name for f in item.former} == former


def test_every_former_name_with_and_without_its_prefix() -> None:
    reform = province_reform()
    for a in reform.arrangements:
        for f in a.former:
            for name in (f.name, f.short_name, f.name.upper(), f"  {f.short_name} "):
                assert reform.successor(name) == a.province, name
                assert reform.former(name) == f
                assert reform.unit(name, EVE) == f.short_name
                assert reform.unit(name, SWITCH) == a.province.short_name
    # spellings: old-style tone marks, no diacritics, other dashes, TP.
    assert reform.former("Hoà Bình") == reform.former("hoa binh") == reform.former("Hòa Bình")
    assert reform.successor("Bà Rịa–Vũng Tàu") == reform.successor("TP. Hồ Chí Minh")
    assert reform.successor("Thừa Thiên Huế").code == "46"  # Huế's name before 2025
    for unknown in ("Xứ Đoài", "Hòa Bìnk", "", "Huyện Lương Sơn"):
        assert reform.successor(unknown) is None
        assert reform.unit(unknown, SWITCH) is None


@pytest.fixture
def fresh_reform() -> Iterator[None]:
    province_reform.cache_clear()
    yield
    province_reform.cache_clear()


def _reform_with(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    real = provinces_module._read
    raw = copy.deepcopy(real("province_reform.json"))
    change(raw)

    def fake(name: str) -> dict[str, Any]:
        return raw if name == "province_reform.json" else real(name)

    monkeypatch.setattr(provinces_module, "_read", fake)


def _by_code(raw: dict[str, Any], code: str) -> dict[str, Any]:
    (item,) = [p for p in raw["provinces"] if p["code"] == code]
    return item


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # a former province listed twice (Hòa Bình also under Hà Nội)
        (
            lambda raw: _by_code(raw, "01")["former"].append(_by_code(raw, "25")["former"][1]),
            "63 distinct codes of 64",
        ),
        # a name that would be two provinces' (Vĩnh Phúc also called Phú Thọ)
        (
            lambda raw: _by_code(raw, "25")["former"][0].update(aliases=["Tỉnh Phú Thọ"]),
            "'Tỉnh Phú Thọ' also names",
        ),
        # a new province left out
        (lambda raw: raw["provinces"].remove(_by_code(raw, "38")), "not the 34"),
        # a former province lost (Hòa Bình dropped from khoản 4)
        (lambda raw: _by_code(raw, "25")["former"].pop(1), "need 63"),
        # a khoản cited twice
        (
            lambda raw: _by_code(raw, "08").update(clause="Điều 1 khoản 4"),
            "each citing its own clause",
        ),
        # a name not matching its kind
        (
            lambda raw: _by_code(raw, "25")["former"][1].update(name="Thành phố Hòa Bình"),
            "is not tinh",
        ),
        (lambda raw: raw.update(in_force_from="2025-06-12"), "differs from provinces.json"),
    ],
)
def test_the_mapping_is_checked_at_load(
    fresh_reform: None, monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    _reform_with(monkeypatch, change)
    with pytest.raises(CatalogueIntegrityError, match=message):
        province_reform()


def test_cross_check_with_vietnam_provinces() -> None:
    vp = pytest.importorskip("vietnam_provinces")
    theirs = {f"{int(p.code):02d}": province_key(str(p.name)) for p in vp.Province.iter_all()}
    ours = {a.province.code: province_key(a.province.name) for a in province_reform().arrangements}
    assert theirs == ours


# -- statistics across 1 July 2025 ---------------------------------------------------------

HEADER = "product,producer,province,stars,level,decision_date\n"
SPANNING = read_registry_csv(
    HEADER
    + "Chè,HTX A,Hòa Bình,4,province,2024-03-01\n"  # line 2
    + "Mật ong,HTX B,Tỉnh Vĩnh Phúc,3,province,2024-05-02\n"  # 3
    + "Bưởi,HTX C,Phú Thọ,3,province,2023-09-01\n"  # 4
    + "Nước mắm,HTX D,Thanh Hóa,4,province,2024-01-10\n"  # 5
    + "Miến,HTX E,Xứ Đoài,3,province,2024-02-01\n"  # 6: not a province's name
    + "Trà,HTX F,Tỉnh Phú Thọ,3,province,2025-08-01\n"  # 7: recorded under the new name
)


def test_hoa_binh_4_stars_of_2024_moves_to_phu_tho_on_1_july_2025() -> None:
    reg = read_registry_csv(HEADER + "Chè,HTX A,Hòa Bình,4,province,2024-03-01\n")
    before = statistics(reg, EVE, units="current")
    after = statistics(reg, SWITCH, units="current")
    assert dict(before.by_province) == {"Hòa Bình": 1}
    assert dict(after.by_province) == {"Phú Thọ": 1}
    assert dict(statistics(reg, SWITCH, units="as_recorded").by_province) == {"Hòa Bình": 1}
    assert before.by_stars[4] == after.by_stars[4] == 1


def test_by_province_on_each_side_of_the_reform() -> None:
    eve = statistics(SPANNING, EVE)
    assert eve.units is ProvinceUnits.CURRENT  # the default
    assert dict(eve.by_province) == {
        "Hòa Bình": 1, "Phú Thọ": 1, "Thanh Hóa": 1, "Vĩnh Phúc": 1, "Xứ Đoài": 1,
    }  # fmt: skip
    assert eve.unknown_provinces == ("Xứ Đoài",)
    assert dict(statistics(SPANNING, SWITCH).by_province) == {
        "Phú Thọ": 3, "Thanh Hóa": 1, "Xứ Đoài": 1,
    }  # fmt: skip
    assert dict(statistics(SPANNING, date(2025, 8, 1)).by_province)["Phú Thọ"] == 4
    recorded = statistics(SPANNING, date(2025, 8, 1), units=ProvinceUnits.AS_RECORDED)
    assert dict(recorded.by_province) == {
        "Hòa Bình": 1, "Phú Thọ": 1, "Thanh Hóa": 1, "Tỉnh Phú Thọ": 1, "Tỉnh Vĩnh Phúc": 1,
        "Xứ Đoài": 1,
    }  # fmt: skip
    assert recorded.unknown_provinces == ("Xứ Đoài",)


@pytest.mark.parametrize(
    ("area", "day", "units", "valid"),
    [
        ("Phú Thọ", EVE, "current", 1),  # the former Phú Thọ
        ("Phú Thọ", SWITCH, "current", 3),  # with Hòa Bình and Vĩnh Phúc
        ("Tỉnh Phú Thọ", date(2025, 8, 1), "current", 4),
        ("Phú Thọ", SWITCH, "as_recorded", 1),
        ("Hòa Bình", SWITCH, "current", 1),  # a former name: its own territory
        ("Tỉnh Hoà Bình", SWITCH, "current", 1),
        ("Hoa Binh", EVE, "current", 1),
        ("Vĩnh Phúc", SWITCH, "current", 1),
        ("Vĩnh Phúc", SWITCH, "as_recorded", 1),
        ("Thanh Hóa", SWITCH, "current", 1),
        ("Xứ Đoài", SWITCH, "current", 1),  # unknown names are matched as written
        ("Hà Nội", SWITCH, "current", 0),
    ],
)
def test_area_by_former_or_new_name(area: str, day: date, units: str, valid: int) -> None:
    assert statistics(SPANNING, day, area=area, units=units).valid == valid


def test_flows_take_the_area_of_the_periods_end() -> None:
    current = flows(SPANNING, date(2024, 1, 1), date(2025, 12, 31), area="Phú Thọ")
    assert current.new == 3  # Chè (Hòa Bình), Mật ong (Vĩnh Phúc), Trà
    recorded = flows(
        SPANNING, date(2024, 1, 1), date(2025, 12, 31), area="Phú Thọ", units="as_recorded"
    )
    assert recorded.new == 1
    assert flows(SPANNING, date(2024, 1, 1), EVE, area="Phú Thọ").new == 0


def test_units_is_checked() -> None:
    with pytest.raises(InvalidInput, match=r"units.*expected one of current, as_recorded"):
        statistics(SPANNING, SWITCH, units="new")
    with pytest.raises(InvalidInput, match="units"):
        flows(SPANNING, EVE, SWITCH, area="Phú Thọ", units=None)  # type: ignore[arg-type]


def test_document_and_command_carry_the_choice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = stats_to_dict(statistics(SPANNING, SWITCH, units="as_recorded"))
    assert (doc["units"], doc["unknown_provinces"]) == ("as_recorded", ["Xứ Đoài"])
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(doc, load_schema("programme-stats"))
    path = tmp_path / "reg.csv"
    path.write_text(
        HEADER + "Chè,HTX A,Hòa Bình,4,province,2024-03-01\nMiến,HTX E,Xứ Đoài,3,province,"
        "2024-02-01\n",
        encoding="utf-8",
    )
    assert main(["stats", str(path), "--as-of", "2025-07-01", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["units"], doc["by_province"]) == ("current", {"Phú Thọ": 1, "Xứ Đoài": 1})
    jsonschema.validate(doc, load_schema("programme-stats"))
    assert main(["stats", str(path), "--as-of", "2025-07-01", "--units", "as_recorded"]) == 0
    out = capsys.readouterr().out
    assert "by_province: Hòa Bình=1, Xứ Đoài=1" in out
    assert "not a province's name (counted as written): Xứ Đoài" in out


# -- the example registry ------------------------------------------------------------------


def test_example_registry_where_provinces_did_not_merge_or_kept_their_name() -> None:
    reform = province_reform()
    # Thanh Hóa was not arranged; Thái Nguyên took in Bắc Kạn (khoản 3) and kept its name
    assert not reform.arrangement("38").arranged
    thai_nguyen = reform.arrangement("19")
    assert thai_nguyen.clause == "Điều 1 khoản 3"
    assert {f.short_name for f in thai_nguyen.former} == {"Bắc Kạn", "Thái Nguyên"}
    example = read_registry_csv(EXAMPLE_PATH.read_text(encoding="utf-8"))
    for day, counts in [
        (date(2020, 6, 1), {"Thanh Hóa": 13}),
        (date(2025, 6, 26), {"Thái Nguyên": 1}),
        (SWITCH, {"Thái Nguyên": 1}),
        (date(2026, 6, 1), {"Thái Nguyên": 1}),
    ]:
        for units in ProvinceUnits:
            st_ = statistics(example, day, units=units)
            assert dict(st_.by_province) == counts, (day, units)
            assert st_.unknown_provinces == ()


# -- invariants ----------------------------------------------------------------------------

NAMES = [
    None, "Hòa Bình", "Tỉnh Hòa Bình", "Hoà Bình", "Phú Thọ", "Tỉnh Vĩnh Phúc", "Thanh Hóa",
    "Thái Nguyên", "Bắc Kạn", "Thành phố Hồ Chí Minh", "Bình Dương", "Thừa Thiên Huế",
    "Xứ Đoài", "Huyện Lương Sơn",
]  # fmt: skip


@st.composite
def registries(draw: st.DrawFn) -> list[RegistryRow]:
    rows = []
    for i in range(draw(st.integers(0, 12))):
        rows.append(
            RegistryRow(
                line=i + 2,
                product=f"P{i}",
                producer=f"HTX {i}",
                province=draw(st.sampled_from(NAMES)),
                stars=draw(st.sampled_from((3, 4))),  # 5 stars is a central decision
                level=CouncilLevel.PROVINCE,
                decision_date=date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 1400))),
            )
        )
    return rows


@settings(max_examples=60, deadline=None)
@given(registries(), st.integers(0, 1800))
def test_totals_are_equal_under_both_unit_choices(rows: list[RegistryRow], offset: int) -> None:
    reg = registry_from_rows(rows)
    day = date(2022, 1, 1) + timedelta(days=offset)
    current = statistics(reg, day, units="current")
    recorded = statistics(reg, day, units="as_recorded")
    assert current.valid == recorded.valid == sum(current.by_province.values())
    assert sum(recorded.by_province.values()) == recorded.valid
    assert dict(current.by_stars) == dict(recorded.by_stars)
    assert current.unknown_provinces == recorded.unknown_provinces
    assert set(current.unknown_provinces) <= {"Xứ Đoài", "Huyện Lương Sơn"}
    # current counts every spelling of one unit under one key: never more keys
    assert len(current.by_province) <= len(recorded.by_province)
    # a province's area count is at least the rows recorded under its own name
    for area in ("Phú Thọ", "Hòa Bình", "Hồ Chí Minh"):
        assert (
            statistics(reg, day, area=area).valid
            >= statistics(reg, day, area=area, units="as_recorded").valid
        )


def test_report_chart_counts_provinces_as_statistics_do() -> None:
    from ocop.reports.charts import stars_by

    assert stars_by(SPANNING, EVE, "province", area="Phú Thọ") == {"Phú Thọ": {3: 1, 4: 0, 5: 0}}
    assert stars_by(SPANNING, SWITCH, "province") == {
        "Phú Thọ": {3: 2, 4: 1, 5: 0},
        "Thanh Hóa": {3: 0, 4: 1, 5: 0},
        "Xứ Đoài": {3: 1, 4: 0, 5: 0},
    }
