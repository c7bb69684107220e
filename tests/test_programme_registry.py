"""A registry of recognised products: strict reading (line and field in every error), the
certificates in force on a date (expiry, revocation, term start, re-ranking, upgrade)
checked against hand-computed cases, and against ocop.certificates.certificate_status."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.certificates import certificate_status
from ocop.programme import (
    InvalidRegistry,
    ProducerType,
    flows,
    read_registry_csv,
    read_registry_jsonl,
    registry_from_frame,
    statistics,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = read_registry_csv((ROOT / "examples" / "registry-ocop.csv").read_text(encoding="utf-8"))

# A synthetic registry (invented rows, for the cases the real example lacks).
HEADER = (
    "product,producer,producer_type,province,commune,stars,level,decision,decision_date,"
    "term_start,revoked_on,revocation_ground\n"
)
SYNTHETIC = HEADER + (
    "Chè A,HTX Một,HTX,Hòa Bình,Xã X,3,province,1/QĐ,2021-03-01,,,\n"  # 2: upgraded by 3
    "Chè A,HTX Một,HTX,Hòa Bình,Xã X,4,province,2/QĐ,2022-06-01,,,\n"  # 3
    "Mật ong,Hộ B,hộ kinh doanh,Hòa Bình,Xã Y,3,province,1/QĐ,2021-03-01,,2022-01-10,\n"  # 4
    "Gạo,Công ty C,doanh nghiệp,Hòa Bình,,4,province,3/QĐ,2023-05-10,,,\n"  # 5: re-ranked by 6
    "Gạo,Công ty C,doanh nghiệp,Hòa Bình,,4,province,9/QĐ,2026-04-01,,,\n"  # 6
    "Miến,HTX D,HTX,Hòa Bình,,3,province,4/QĐ,2022-01-05,2022-03-01,,\n"  # 7: term start
    "Nước mắm,HTX E,HTX,Thanh Hóa,,3,province,5/QĐ,2020-01-10,,,\n"  # 8: expires
    "Nước mắm,HTX E,HTX,Thanh Hóa,,3,province,6/QĐ,2023-03-01,,,\n"  # 9: after a lapse
)
REG = read_registry_csv(SYNTHETIC)


def _valid(reg, day: str) -> int:
    return statistics(reg, date.fromisoformat(day)).valid


@pytest.mark.parametrize(
    ("day", "valid", "stars"),
    [
        ("2019-12-22", 0, {3: 0, 4: 0, 5: 0}),
        ("2019-12-23", 13, {3: 8, 4: 5, 5: 0}),  # 5445/QĐ-UBND of Thanh Hóa
        # the last of its 36 months: the third anniversary is the first day without effect
        # under 1048 (the term convention of published decisions, docs/certificates.md)
        ("2022-12-22", 13, {3: 8, 4: 5, 5: 0}),
        ("2022-12-23", 0, {3: 0, 4: 0, 5: 0}),
        ("2025-06-26", 1, {3: 0, 4: 0, 5: 1}),  # 2361/QĐ-BNNMT
        ("2028-06-25", 1, {3: 0, 4: 0, 5: 1}),  # 148's convention: the day before
        ("2028-06-26", 0, {3: 0, 4: 0, 5: 0}),  # the third anniversary
    ],
)
def test_the_example_registry_by_hand(day: str, valid: int, stars: dict[int, int]) -> None:
    st_ = statistics(EXAMPLE, date.fromisoformat(day))
    assert (st_.valid, dict(st_.by_stars)) == (valid, stars)


def test_the_example_registry_rules_and_sources() -> None:
    assert [e.certificate.ruleset for e in EXAMPLE.entries] == ["qd1048-2019"] * 13 + ["qd148-2023"]
    assert all(e.row.source and e.row.source.startswith("https://") for e in EXAMPLE.entries)
    st_ = statistics(EXAMPLE, date(2025, 7, 1))
    assert (st_.producers, dict(st_.producers_by_type)) == (1, {"hop_tac_xa": 1})
    assert dict(statistics(EXAMPLE, date(2020, 1, 1), area="Tỉnh Thanh Hóa").by_stars)[4] == 5


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        ("2021-06-01", 3),
        ("2022-01-09", 4),  # the honey's last day before its revocation
        ("2022-01-10", 3),  # revoked
        ("2022-05-31", 3),  # Chè A 3★ still; Miến since 5 January
        ("2022-06-01", 3),  # Chè A upgraded to 4★ the same day: counted once
        ("2023-01-09", 3),  # Nước mắm's last day (decided 2020-01-10 under 1048)
        ("2023-01-10", 2),
        ("2025-01-05", 4),  # Miến: 36 months from its decision would end here ...
        ("2025-02-28", 4),  # ... its term runs from 1 March 2022 (last day under 781)
        ("2025-03-01", 3),
        ("2026-03-31", 1),  # Gạo's first certificate, re-ranked on 1 April 2026
        ("2026-04-01", 1),
        ("2029-03-31", 1),  # Gạo's re-ranked certificate, decided under 1489
        ("2029-04-01", 0),
    ],
)
def test_expiry_revocation_term_start_and_reranking_by_hand(day: str, valid: int) -> None:
    assert _valid(REG, day) == valid


def test_how_each_certificate_ended() -> None:
    ended = [(e.row.line, e.ended_by, e.last_day.isoformat()) for e in REG.entries]
    assert ended == [
        (2, "upgraded", "2022-05-31"),
        (3, "expired", "2025-05-31"),
        (4, "revoked", "2022-01-09"),
        (5, "reranked", "2026-03-31"),
        (6, "expired", "2029-03-31"),
        (7, "expired", "2025-02-28"),
        (8, "expired", "2023-01-09"),
        (9, "expired", "2026-02-28"),
    ]
    assert REG.entries[1].previous == 0
    assert REG.entries[6].previous is None
    assert REG.entries[7].previous == 6  # re-recognised after the lapse


def test_breakdowns_and_flows() -> None:
    st_ = statistics(REG, date(2022, 6, 1))
    assert dict(st_.by_stars) == {3: 2, 4: 1, 5: 0}
    assert (st_.producers, dict(st_.producers_by_type)) == (3, {"hop_tac_xa": 3})
    assert dict(st_.by_province) == {"Hòa Bình": 2, "Thanh Hóa": 1}
    assert dict(st_.by_year) == {2020: 1, 2022: 2}
    f = flows(REG, date(2021, 1, 1), date(2026, 12, 31))
    assert (f.new, f.upgraded, f.reranked, f.expired, f.revoked) == (4, 1, 2, 4, 1)
    f = flows(REG, date(2021, 1, 1), date(2026, 12, 31), area="Hòa Bình")
    assert (f.new, f.upgraded, f.reranked, f.expired, f.revoked) == (4, 1, 1, 2, 1)
    assert REG.entries[2].row.producer_type is ProducerType.HO_SAN_XUAT


def _days(entry, draw_offsets):
    return [entry.first_day + timedelta(days=o) for o in draw_offsets]


@settings(max_examples=60, deadline=None)
@given(offsets=st.lists(st.integers(min_value=-5, max_value=1500), min_size=1, max_size=5))
def test_in_force_is_certificate_status(offsets: list[int]) -> None:
    """The interval computed once per row is the status ocop.certificates gives."""
    for entry in (*REG.entries, *EXAMPLE.entries):
        for day in _days(entry, offsets):
            if day < entry.certificate.issued:
                assert not entry.in_force(day)
                continue
            status = certificate_status(entry.certificate, day, entry.events)
            assert entry.in_force(day) == status.is_valid, (entry.row.line, day, status.status)


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (HEADER + "Chè,,,,,6,province,,2023-01-01,,,\n", 2, "stars"),
        (HEADER + "Chè,,,,,3,province,,2023-02-30,,,\n", 2, "decision_date"),
        (HEADER + ",,,,,3,province,,2023-02-01,,,\n", 2, "product"),
        (HEADER + "Chè,,HTXX,,,3,province,,2023-02-01,,,\n", 2, "producer_type"),
        (HEADER + "Chè,,,,,4,district,,2023-02-01,,,\n", 2, "level"),  # 4★: province only
        (HEADER + "Chè,,,,,3,province,,2018-05-01,,,\n", 2, "decision_date"),  # before 1048
        (HEADER + "Chè,,,,,3,province,,2026-06-01,,2026-07-01,\n", 2, "revocation_ground"),
        (HEADER + "Chè,,,,,3,province,,2023-02-01,,2023-01-01,\n", 2, "revoked_on"),
        (HEADER + "Chè,,,,,3,province,,2023-02-01,,,x\n", 2, "revocation_ground"),
        (
            HEADER + "Chè,,,,,3,province,,2023-02-01,,,\nChè,,,,,3,province,,2023-02-01,,,\n",
            3,
            "decision_date",
        ),
        # re-ranked before 26/2026's window opens (Điều 7.6.a): the result's day is too early
        (
            HEADER + "Chè,,,,,3,province,,2026-06-01,,,\nChè,,,,,3,province,,2027-01-01,,,\n",
            3,
            "decision_date",
        ),
        (HEADER + "Chè,,,,,3,province,,2023-02-01,,,\nChè,,,3,province\n", 3, ""),
        ("product,stars,colour\n", 1, "colour"),
    ],
)
def test_errors_name_line_and_field(text: str, line: int, field: str) -> None:
    with pytest.raises(InvalidRegistry) as err:
        read_registry_csv(text)
    assert (err.value.line, err.value.field) == (line, field)
    assert str(err.value).startswith(f"line {line}")


def test_json_lines_and_dataframes_read_the_same() -> None:
    jsonl = (
        '{"product": "Chè", "stars": 4, "level": "province", "decision_date": "2024-01-15"}\n'
        "\n"
        '{"product": "Miến", "stars": 3, "level": "province", "decision_date": "2024-01-15",'
        ' "producer": "HTX D", "producer_type": "htx"}\n'
    )
    reg = read_registry_jsonl(jsonl)
    assert [e.row.line for e in reg.entries] == [1, 3]
    with pytest.raises(InvalidRegistry) as err:
        read_registry_jsonl(
            '{"product": "Chè", "stars": 4.0, "level": "province", "decision_date": "2024-01-15"}\n'
        )
    assert (err.value.line, err.value.field) == (1, "stars")
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(ROOT / "examples" / "registry-ocop.csv", dtype=str)
    lines = [e.row.line for e in registry_from_frame(frame).entries]
    assert lines == list(range(1, 15))  # a DataFrame's row i is "line" i + 1
    same = [attrs.evolve(e.row, line=0) for e in registry_from_frame(frame).entries]
    assert same == [attrs.evolve(e.row, line=0) for e in EXAMPLE.entries]
    frame = pd.DataFrame(
        {
            "product": ["Chè"],
            "stars": [4],
            "level": ["province"],
            "decision_date": [pd.Timestamp("2024-01-15")],
        }
    )
    assert statistics(registry_from_frame(frame), date(2024, 2, 1)).valid == 1
    frame.loc[0, "stars"] = 7
    with pytest.raises(InvalidRegistry) as err:
        registry_from_frame(frame)
    assert (err.value.line, err.value.field) == (1, "stars")


def test_one_product_across_spellings_and_the_2025_merger() -> None:
    """Hòa Bình joined Phú Thọ on 1 July 2025 (Nghị quyết 202/2025/QH15 Điều 1): a product
    recognised by "Tỉnh Hòa Bình" and upgraded under "Phú Thọ" keeps one history, and is
    counted once."""
    reg = read_registry_csv(
        "product,producer,province,stars,level,decision_date\n"
        "Chè Shan,HTX Chè A,Tỉnh Hòa Bình,4,province,2024-01-15\n"
        "Chè Shan,HTX Chè A,Phú Thọ,5,central,2026-03-01\n"
        "Cam,HTX Cam B,Hòa Bình,3,province,2024-01-15\n"
        "Cam,HTX Cam B,hoa binh,4,province,2025-02-01\n"
    )
    assert [e.previous for e in reg.entries] == [None, 0, None, 2]
    assert [e.ended_by for e in reg.entries] == ["upgraded", "expired", "upgraded", "expired"]
    assert _valid(reg, "2026-06-01") == 2
    assert dict(statistics(reg, date(2026, 6, 1)).by_province) == {"Phú Thọ": 2}
