"""Integrity of the shipped catalogues, checked here independently of the loader."""

from __future__ import annotations

import copy
import json
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from ocop import CatalogueIntegrityError, UnknownRuleSet, list_rulesets, load_ruleset
from ocop.criteria import _loader
from ocop.criteria._loader import check_integrity, iter_errata
from ocop.criteria.ruleset import RuleSet
from ocop.errors import UnknownSheet

QD26 = "qd26-2026"


@pytest.fixture(scope="module")
def rs() -> RuleSet:
    return load_ruleset(QD26)


def test_index_matches_files() -> None:
    for info in list_rulesets():
        ruleset = load_ruleset(info.id)
        assert (ruleset.id, ruleset.in_force_from, ruleset.in_force_until) == (
            info.id,
            info.in_force_from,
            info.in_force_until,
        )
        assert ruleset.instrument.number == info.instrument


def test_unknown_ruleset() -> None:
    with pytest.raises(UnknownRuleSet, match="qd26-2026"):
        load_ruleset("qd148-2099")


def test_parts_and_bands(rs: RuleSet) -> None:
    assert [(p.code, p.max_points) for p in rs.parts] == [("A", 40), ("B", 25), ("C", 35)]
    assert [(b.stars, b.lower, b.upper) for b in rs.bands] == [
        (1, 0, 30),
        (2, 30, 50),
        (3, 50, 70),
        (4, 70, 90),
        (5, 90, None),
    ]
    assert all(b.source.instrument == "26/2026/QĐ-TTg" for b in rs.bands)


@pytest.mark.parametrize("number", range(1, 27))
def test_sheet_sums(rs: RuleSet, number: int) -> None:
    sheet = rs.sheet(number)
    sums: dict[str, int] = {}
    for crit in sheet.criteria:
        sums[crit.part] = sums.get(crit.part, 0) + crit.max_points
        assert crit.options[-1].points == crit.max_points or crit.cases
        assert crit.source.instrument == "26/2026/QĐ-TTg"
        assert crit.source.provision == f"Phụ lục II, mục {number}, tiêu chí {crit.code}"
        for opt in crit.options:
            assert opt.min_stars in (None, 3, 4, 5)
            assert 0 <= opt.points <= crit.max_points
            assert unicodedata.is_normalized("NFC", opt.label)
    assert sums == {"A": 40, "B": 25, "C": 35}
    for head in sheet.headings:
        children = [
            n.max_points for n in (*sheet.headings, *sheet.criteria) if n.parent == head.code
        ]
        assert sum(children) == head.max_points, head.code


def test_leaf_and_option_counts(rs: RuleSet) -> None:
    # Counted from the text of Phụ lục II: 787 scored rows, 2,535 printed options, 575 markers.
    leaves = [c for s in rs.sheets for c in s.criteria]
    assert len(leaves) == 787
    assert sum(1 for c in leaves for o in c.options if not o.implied) == 2535
    assert sum(1 for c in leaves for o in c.options if o.min_stars) == 575
    binary = sorted((s.number, c.code) for s in rs.sheets for c in s.criteria if c.binary)
    assert binary == sorted([(n, "2.4") for n in range(1, 21)] + [(21, "2.3"), (22, "2.3")])


KNOWN_ANOMALIES = {
    "1:Hồ sơ bị loại khi:disqualification": "duplicated_line",
    "4:1.2/a:points": "empty_cell",
    "4:7/c:points": "over_maximum",
    "7:1.2/a:points": "empty_cell",
    "7:3.1/b:points": "equal_points",
    "10:1.2/a:points": "empty_cell",
    "11:1.2/a:points": "empty_cell",
    "11:6.1.1/b:points": "over_maximum",
    "23:6.2/b:points": "equal_points",
    "23:9:max_points": "malformed_cell",
    "26:Phần A:title": "header_contradiction",
}


def test_exact_list_of_known_anomalies(rs: RuleSet) -> None:
    """A new anomaly (or a lost one) fails here: every one must be reviewed and documented."""
    assert {loc: e.kind for loc, e in iter_errata(rs)} == KNOWN_ANOMALIES


def test_anomaly_values(rs: RuleSet) -> None:
    errata = dict(iter_errata(rs))
    assert (errata["4:7/c:points"].printed, errata["4:7/c:points"].used) == ("13", 3)
    assert (errata["11:6.1.1/b:points"].printed, errata["11:6.1.1/b:points"].used) == ("11", 1)
    assert (errata["23:9:max_points"].printed, errata["23:9:max_points"].used) == ("4 1", 4)
    # An equal-points anomaly is scored as printed: the printed value is a possible score.
    assert errata["7:3.1/b:points"].printed == "1"
    assert errata["7:3.1/b:points"].used == 1
    assert rs.sheet(7).criterion("3.1").option("b").points == 1
    for loc in ("4:1.2/a:points", "7:1.2/a:points", "10:1.2/a:points", "11:1.2/a:points"):
        assert (errata[loc].printed, errata[loc].used) == ("", 0)


def test_anomalies_are_documented(rs: RuleSet) -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "anomalies.md").read_text(
        encoding="utf-8"
    )
    for loc in KNOWN_ANOMALIES:
        assert f"`{loc}`" in text, loc


# ---------------------------------------------------------------- set 1–4 spot checks from the text


def test_set1_markers_from_the_text(rs: RuleSet) -> None:
    s1 = rs.sheet(1)
    assert s1.name == "Rau, củ, quả, hạt tươi"
    assert [(o.points, o.min_stars) for o in s1.criterion("1.3").options] == [
        (1, None),
        (2, None),
        (3, 5),
    ]
    assert [(o.points, o.min_stars) for o in s1.criterion("1.5").options] == [
        (0, None),
        (1, None),
        (2, 4),
        (3, 5),
    ]
    assert [(o.points, o.min_stars) for o in s1.criterion("10").options] == [
        (1, 3),
        (3, 4),
        (5, None),
    ]
    assert [(o.points, o.min_stars) for o in s1.criterion("8").options] == [
        (0, None),
        (1, None),
        (3, 4),
        (5, None),
    ]
    assert s1.criterion("5.2").applies_if is not None
    assert s1.criterion("5.2").applies_if.options == ("b", "c", "d", "e")
    assert (
        s1.criterion("1.1").notes[0].text
        == "Yêu cầu: 100% sản phẩm được trồng trên địa bàn cấp tỉnh"
    )
    assert [c.key for c in s1.conditions] == [
        "dossier_rejected",
        "common_product_without_distinction",
        "unsafe_impurities",
    ]
    impurities = s1.conditions[2]
    assert impurities.effect == "skip_rest"
    assert impurities.skips == ("6.2", "6.3", "6.4", "7", "8", "9", "10", "11", "12")


def test_set2_spaced_marker_is_read(rs: RuleSet) -> None:
    # The text prints "* * * *" after the top option of 5.1 in set 2.
    assert rs.sheet(2).criterion("5.1").options[-1].min_stars == 4


def test_set16_zero_trigger(rs: RuleSet) -> None:
    cond = {c.key: c for c in rs.sheet(16).conditions}["zero_sensory_score"]
    assert (cond.trigger, cond.zero_on) == ("zero_on", ("6.1", "6.2", "6.3", "6.4"))
    assert cond.skips[0] == "7"


def test_set26_cases(rs: RuleSet) -> None:
    crit = rs.sheet(26).criterion("8")
    assert [c.key for c in crit.cases] == ["a", "b"]
    assert [(o.key, o.points, o.case) for o in crit.options] == [
        ("a1", 1, "a"),
        ("a2", 3, "a"),
        ("b1", 1, "b"),
        ("b2", 3, "b"),
    ]


# ---------------------------------------------------------------- the checker rejects broken data


def _raw() -> dict[str, Any]:
    return _loader._prepare(_loader.read_package_json("rulesets/qd26-2026/catalogue.json"))  # type: ignore[no-any-return]


def _broken(mutate: Any) -> None:
    from ocop._convert import structure

    raw = copy.deepcopy(_raw())
    mutate(raw)
    check_integrity(structure(raw, RuleSet))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda r: r["sheets"][0]["criteria"][0].update(max_points=4),
            "heading maximum|part sums|top option",
        ),
        (lambda r: r["sheets"][0]["criteria"][1]["options"].reverse(), "ascend"),
        (lambda r: r["sheets"][0]["criteria"][1]["options"][0].update(points=9), "outside"),
        (lambda r: r["sheets"][0]["criteria"][4]["options"][2].update(min_stars=5), "markers"),
        (lambda r: r["bands"][1].update(lower="31"), "gap or overlap"),
        (
            lambda r: r["sheets"][3]["criteria"][1]["options"][0]["errata"][0].update(used=1),
            "erratum",
        ),
        (lambda r: r["sheets"][0]["conditions"][2].update(skips=["99"]), "unknown criteria"),
        (
            lambda r: r["sheets"][0]["criteria"][0]["options"].append(
                {"key": "a", "label": "x", "points": 3, "min_stars": None}
            ),
            "duplicate option keys",
        ),
    ],
)
def test_checker_catches(mutate: Any, message: str) -> None:
    with pytest.raises(CatalogueIntegrityError, match=message):
        _broken(mutate)


def test_unknown_key_in_data_is_an_error() -> None:
    raw = copy.deepcopy(_raw())
    raw["sheets"][0]["criteria"][0]["weight"] = 2
    from ocop._convert import structure
    from ocop.errors import InvalidInput

    with pytest.raises(InvalidInput, match=r"sheets\[0\]\.criteria\[0\]: unknown key\(s\): weight"):
        structure(raw, RuleSet)


def test_data_file_is_nfc_json() -> None:
    text = (
        resources.files("ocop.criteria")
        .joinpath("rulesets/qd26-2026/catalogue.json")
        .read_text(encoding="utf-8")
    )
    assert unicodedata.is_normalized("NFC", text)
    json.loads(text)


# ---------------------------------------------------------------- Phụ lục I: the classification

# Transcribed by hand from the table of Phụ lục I: (group code, managing ministries) per sheet.
MOA, MOIT, MOH, MOCST = (
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Công Thương",
    "Bộ Y tế",
    "Bộ Văn hóa, Thể thao và Du lịch",
)
PHU_LUC_I = {
    1: ("I.1.a", (MOA,)), 2: ("I.1.b", (MOA,)), 3: ("I.2.a", (MOA,)), 4: ("I.2.b", (MOA,)),
    5: ("I.3.a", (MOIT,)), 6: ("I.3.b", (MOA, MOIT)), 7: ("I.3.c", (MOA,)), 8: ("I.3.d", (MOA, MOIT)),
    9: ("I.4.a", (MOA,)), 10: ("I.4.b", (MOA,)), 11: ("I.5.a", (MOA,)), 12: ("I.5.b", (MOA,)),
    13: ("I.6", (MOA,)), 14: ("II.1.a", (MOIT,)), 15: ("II.1.b", (MOIT,)), 16: ("II.2.a", (MOH,)),
    17: ("II.2.b", (MOIT,)), 18: ("III.1", (MOH,)), 19: ("III.2", (MOH,)), 20: ("III.3", (MOH, MOIT)),
    21: ("IV.1", (MOIT, MOA)), 22: ("IV.2", (MOIT,)), 23: ("V.1", (MOA,)), 24: ("V.2", (MOA,)),
    25: ("V.3", (MOA,)), 26: ("VI.1", (MOCST, MOA)),
}  # fmt: skip


def test_classification_matches_phu_luc_i(rs: RuleSet) -> None:
    for number, (code, ministries) in PHU_LUC_I.items():
        path = rs.classify(number)
        assert path[-1].code == code
        assert path[-1].ministries == ministries
        assert len(path[-1].ministries_en) == len(ministries)
        assert path[0].level == "product_group"
    assert [e.name for e in rs.classification if e.level == "product_group"] == [
        "SẢN PHẨM THỰC PHẨM",
        "SẢN PHẨM ĐỒ UỐNG",
        "SẢN PHẨM DƯỢC LIỆU VÀ SẢN PHẨM TỪ DƯỢC LIỆU",
        "SẢN PHẨM HÀNG THỦ CÔNG MỸ NGHỆ",
        "SẢN PHẨM SINH VẬT CẢNH",
        "SẢN PHẨM DỊCH VỤ DU LỊCH CỘNG ĐỒNG, DU LỊCH SINH THÁI VÀ ĐIỂM DU LỊCH",
    ]
    assert sum(1 for e in rs.classification if e.level == "group") == 17


def test_every_label_has_english(rs: RuleSet) -> None:
    for sheet in rs.sheets:
        assert sheet.name_en
        assert all(h.title_en for h in sheet.headings)
        assert all(c.title_en for c in sheet.criteria)
    assert all(e.name_en for e in rs.classification)
    assert all(p.title_en for p in rs.parts)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("mật ong", [4, 8]),
        ("MAT ONG", [4, 8]),
        ("honey", [4, 8]),
        ("rượu", [14]),
        ("du lich", [26]),
        ("ornamental", [23, 24, 25]),
        ("xyzzy", []),
    ],
)
def test_find_sheets(rs: RuleSet, text: str, numbers: list[int]) -> None:
    assert [s.number for s in rs.find_sheets(text)] == numbers


def test_classify_unknown_sheet(rs: RuleSet) -> None:
    with pytest.raises(UnknownSheet):
        rs.classify(27)
