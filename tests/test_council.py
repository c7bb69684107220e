"""Councils: composition per rule set, quorum, and the council's result."""

from __future__ import annotations

import pytest

import ocop
from ocop.errors import IncompleteDossier, InvalidCouncil, InvalidInput, NotEncoded, UnknownLevel
from ocop.model import Council, CouncilLevel, CouncilMember
from ocop.procedure import (
    Action,
    agency_for,
    check_council,
    check_dossier,
    checklist,
    council_rank,
    council_rule,
    validate_council,
)
from ocop.serialize import dossier_check_to_dict

PROVINCE_SEATS = [
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Y tế",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Văn phòng Điều phối nông thôn mới tỉnh",
    "don_vi_chuyen_nganh_so_nnmt",
]
CENTRAL_SEATS = [
    "Bộ Công Thương",
    "Bộ Y tế",
    "Bộ Khoa học và Công nghệ",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Văn phòng Điều phối nông thôn mới Trung ương",
    "co_quan_chuyen_nganh_bo_nnmt",
]


def council(level: CouncilLevel, chair_agency: str | None, seats: list[str]) -> Council:
    return Council(
        level=level,
        chair=CouncilMember(name="Chủ tịch", agency=chair_agency),
        members=tuple(CouncilMember(name=f"Thành viên {i}", agency=a) for i, a in enumerate(seats)),
    )


def test_valid_provincial_council() -> None:
    check = check_council(
        council(CouncilLevel.PROVINCE, "Ủy ban nhân dân tỉnh", PROVINCE_SEATS), ruleset="qd26-2026"
    )
    assert check.ok, check.problems
    assert any("no quorum" in n for n in check.notes)
    assert any("Sở An toàn thực phẩm" in n for n in check.notes)
    assert check.verified
    assert validate_council(
        council(CouncilLevel.PROVINCE, "UBND tỉnh", [*PROVINCE_SEATS, "Sở An toàn thực phẩm"]),
        as_of=ocop.procedure.levels.date(2026, 9, 1),
    ).ok


@pytest.mark.parametrize("missing", PROVINCE_SEATS)
def test_each_required_department(missing: str) -> None:
    seats = [s for s in PROVINCE_SEATS if s != missing]
    check = check_council(council(CouncilLevel.PROVINCE, "UBND tỉnh", seats), ruleset="qd26-2026")
    assert not check.ok
    assert check.problems[0].path == "members"
    assert str(check.problems[0].source) == "26/2026/QĐ-TTg, Điều 7 khoản 3 điểm b"
    with pytest.raises(InvalidCouncil, match="no member represents"):
        validate_council(council(CouncilLevel.PROVINCE, "UBND tỉnh", seats), ruleset="qd26-2026")


def test_chair() -> None:
    delegated = check_council(
        council(CouncilLevel.PROVINCE, "Sở Nông nghiệp và Môi trường", PROVINCE_SEATS),
        ruleset="qd26-2026",
    )
    assert delegated.ok
    assert "delegation" in delegated.notes[0]
    bad = check_council(
        council(CouncilLevel.PROVINCE, "Hội Nông dân tỉnh", PROVINCE_SEATS), ruleset="qd26-2026"
    )
    assert [p.path for p in bad.problems] == ["chair.agency"]
    with pytest.raises(InvalidCouncil) as exc:
        validate_council(council(CouncilLevel.PROVINCE, None, PROVINCE_SEATS), ruleset="qd26-2026")
    assert exc.value.path == "council.chair.agency"


def test_central_council_26_2026() -> None:
    good = check_council(
        council(CouncilLevel.CENTRAL, "Bộ Nông nghiệp và Môi trường", CENTRAL_SEATS),
        ruleset="qd26-2026",
    )
    assert good.ok, good.problems
    assert good.quorum is None
    assert any("757" in n for n in good.notes)
    # A provincial chair cannot chair the central council.
    assert not check_council(
        council(CouncilLevel.CENTRAL, "UBND tỉnh", CENTRAL_SEATS), ruleset="qd26-2026"
    ).ok


def test_duplicate_member() -> None:
    c = Council(
        level=CouncilLevel.PROVINCE,
        chair=CouncilMember(name="A", agency="UBND tỉnh"),
        members=(
            *(CouncilMember(name=f"M{i}", agency=a) for i, a in enumerate(PROVINCE_SEATS)),
            CouncilMember(name="A", agency="Sở Y tế"),
        ),
    )
    check = check_council(c, ruleset="qd26-2026")
    assert [p.path for p in check.problems] == ["members[7].name"]


def seven_member_central() -> Council:
    return council(CouncilLevel.CENTRAL, "Bộ NN&PTNT", [f"Vụ {i}" for i in range(6)])


def test_quorum_148_central() -> None:
    c = seven_member_central()
    assert check_council(c, ruleset="qd148-2023", present=5).ok
    short = check_council(c, ruleset="qd148-2023", present=4)
    assert [p.path for p in short.problems] == ["present"]
    assert "757/QĐ-BNN-VPĐP" in str(short.problems[0].source)
    names = ["Chủ tịch", "Thành viên 0", "Thành viên 1", "Thành viên 2", "Thành viên 3"]
    assert check_council(c, ruleset="qd148-2023", present=names).ok
    assert any("unverified" in n for n in check_council(c, ruleset="qd148-2023", present=5).notes)
    not_given = check_council(c, ruleset="qd148-2023")
    assert any("attendance not given" in n for n in not_given.notes)
    with pytest.raises(InvalidInput):
        check_council(c, ruleset="qd148-2023", present=["Somebody"])
    with pytest.raises(InvalidInput):
        check_council(c, ruleset="qd148-2023", present=9)


def test_quorum_not_applied_to_other_sizes() -> None:
    c = council(CouncilLevel.CENTRAL, "Bộ NN&PTNT", [f"Vụ {i}" for i in range(8)])
    check = check_council(c, ruleset="qd1489-2025", present=2)
    assert check.ok
    assert any("not applied" in n for n in check.notes)


@pytest.mark.parametrize("ruleset", ["qd1048-2019", "qd781-2020", "qd148-2023"])
@pytest.mark.parametrize("level", [CouncilLevel.DISTRICT, CouncilLevel.PROVINCE])
def test_no_composition_rule_found(ruleset: str, level: CouncilLevel) -> None:
    check = check_council(council(level, None, []), ruleset=ruleset)
    assert check.ok
    assert check.quorum is None
    assert any("Not" in n or "not" in n for n in check.notes)
    assert not check.verified


def test_levels_without_a_council() -> None:
    with pytest.raises(UnknownLevel):
        check_council(council(CouncilLevel.DISTRICT, None, []), ruleset="qd26-2026")
    with pytest.raises(UnknownLevel):
        council_rule("commune", ruleset="qd26-2026")
    assert council_rule("province", ruleset="qd26-2026").established_by == "Chủ tịch UBND cấp tỉnh"


def test_agency_matching() -> None:
    assert agency_for("SỞ Y TẾ") is not None
    assert agency_for("so_khcn") is not None
    assert agency_for("Sở KH&CN") is not None
    assert agency_for(None) is None


def _answers(top: bool) -> dict[str, str]:
    sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    answers = {c.code: c.options[-1].key for c in sheet.criteria}
    if not top:
        answers["10"] = sheet.criterion("10").options[0].key
    return answers


def test_council_rank_same_engine_as_rank() -> None:
    c = council(CouncilLevel.PROVINCE, "UBND tỉnh", PROVINCE_SEATS)
    sheets = [
        {"member": "Chủ tịch", "answers": _answers(top=True)},
        {"member": "Thành viên 0", "answers": _answers(top=True)},
        {"member": "Thành viên 1", "answers": _answers(top=False)},
    ]
    out = council_rank(c, sheets, sheet=4, ruleset="qd26-2026")
    assert out.result == ocop.rank(sheets, sheet=4, ruleset="qd26-2026")
    assert out.check.ok
    assert out.next_step.level.value == "province"
    assert out.next_step.score == out.result.average
    full = council_rank(c, sheets[:1], sheet=4, ruleset="qd26-2026")
    assert full.next_step.action is Action.FORWARD


def test_council_rank_rejects_foreign_sheets() -> None:
    c = council(CouncilLevel.PROVINCE, "UBND tỉnh", PROVINCE_SEATS)
    with pytest.raises(InvalidCouncil, match="not signed by a council member"):
        council_rank(
            c, [{"member": "Stranger", "answers": _answers(top=True)}], sheet=4, ruleset="qd26-2026"
        )
    twice = [{"member": "Chủ tịch", "answers": _answers(top=True)}] * 2
    with pytest.raises(InvalidCouncil, match="one sheet"):
        council_rank(c, twice, sheet=4, ruleset="qd26-2026")
    incomplete = council(CouncilLevel.PROVINCE, "UBND tỉnh", PROVINCE_SEATS[1:])
    with pytest.raises(InvalidCouncil):
        council_rank(incomplete, twice[:1], sheet=4, ruleset="qd26-2026")
    lenient = council_rank(incomplete, twice[:1], sheet=4, ruleset="qd26-2026", strict=False)
    assert not lenient.check.ok


# ----------------------------------------------------------------------------- dossiers


@pytest.mark.parametrize(
    ("kind", "stage", "provision", "keys"),
    [
        ("first", "producer", "Điều 6 khoản 1 điểm a", ["mau_01", "mau_02"]),
        ("upgrade", "producer", "Điều 6 khoản 1 điểm b", ["mau_01", "mau_02", "changes_evidence"]),
        ("reranking", "producer", "Điều 6 khoản 1 điểm c", None),
        (
            "first",
            "commune",
            "Điều 6 khoản 2",
            ["commune_letter", "mau_03", "product_dossier", "samples"],
        ),
        ("reranking", "commune", "Điều 6 khoản 2", None),
        ("first", "province", "Điều 6 khoản 3 điểm a", None),
        ("upgrade", "province", "Điều 6 khoản 3 điểm a", None),
        ("reranking", "province", "Điều 6 khoản 3 điểm b", None),
    ],
)
def test_checklists(kind: str, stage: str, provision: str, keys: list[str] | None) -> None:
    cl = checklist(kind, stage=stage)  # type: ignore[arg-type]
    assert provision in cl.source.provision
    if keys is not None:
        assert [i.key for i in cl.items] == keys
    everything = [i.key for i in cl.items]
    assert check_dossier(everything, kind=kind, stage=stage).complete  # type: ignore[arg-type]
    required = [i.key for i in cl.items if not i.optional]
    assert check_dossier(required, kind=kind, stage=stage).complete  # type: ignore[arg-type]
    for key in required:
        partial = [k for k in required if k != key]
        check = check_dossier(partial, kind=kind, stage=stage)  # type: ignore[arg-type]
        assert [m.key for m in check.missing] == [key]


def test_rerank_lists_every_update() -> None:
    keys = [i.key for i in checklist("reranking").items]
    assert len(keys) == 12
    assert "periodic_test_reports" in keys
    assert "time_limited_papers" in keys


def test_tourism_sends_no_samples() -> None:
    items = ["commune_letter", "mau_03", "product_dossier"]
    assert not check_dossier(items, kind="first", stage="commune").complete
    check = check_dossier(items, kind="first", stage="commune", tourism=True)
    assert check.complete
    assert [i.key for i in check.not_required] == ["samples"]


def test_strict_dossier_names_missing_items() -> None:
    with pytest.raises(IncompleteDossier) as exc:
        check_dossier(["mau_01"], kind="first", strict=True)
    assert exc.value.value == ["mau_02"]
    assert "Mẫu số 02" in str(exc.value)
    assert dossier_check_to_dict(check_dossier(["mau_01", "mau_02"], kind="first", strict=True))[
        "complete"
    ]


def test_dossier_bad_input() -> None:
    with pytest.raises(InvalidInput, match="unknown item"):
        check_dossier(["mau_09"], kind="first")
    with pytest.raises(InvalidInput):
        check_dossier("mau_01", kind="first")
    with pytest.raises(InvalidInput):
        check_dossier([], kind="renewal")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        check_dossier([], kind="first", stage="central")  # type: ignore[arg-type]
    with pytest.raises(NotEncoded):
        checklist("first", ruleset="qd148-2023")
