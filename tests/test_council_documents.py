"""The council document: round trips, strict reading with field paths, ``ocop council check``."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.cli import main
from ocop.errors import InvalidInput
from ocop.model import Council, CouncilLevel, CouncilMember
from ocop.procedure import check_council
from ocop.serialize import council_check_to_dict, council_from_dict, council_to_dict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "council-province.json"

# Names must not be blank; text read from a document is NFC, so generate NFC text.
NAME = st.text(min_size=1, max_size=15).map(lambda s: unicodedata.normalize("NFC", s))
NAME = NAME.filter(lambda s: s.strip() != "")
OPTIONAL = st.none() | st.text(max_size=15).map(lambda s: unicodedata.normalize("NFC", s))
MEMBERS = st.builds(CouncilMember, name=NAME, agency=OPTIONAL, role=OPTIONAL)
COUNCILS = st.builds(
    Council,
    level=st.sampled_from(CouncilLevel),
    chair=MEMBERS,
    members=st.lists(MEMBERS, max_size=5).map(tuple),
    name=OPTIONAL,
)

BASE: dict[str, Any] = {"level": "province", "chair": {"name": "Trần Văn Bình"}}


@settings(max_examples=150)
@given(COUNCILS)
def test_round_trip_is_the_identity(council: Council) -> None:
    doc = council_to_dict(council)
    text = json.dumps(doc, ensure_ascii=False)
    assert council_from_dict(json.loads(text)) == council
    assert council_to_dict(council_from_dict(json.loads(text))) == doc


@settings(max_examples=100)
@given(COUNCILS)
def test_documents_validate_against_the_schema(council: Council) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from ocop.schemas import load_schema

    jsonschema.Draft202012Validator(load_schema("council")).validate(council_to_dict(council))


def test_document_shape() -> None:
    council = Council(
        level=CouncilLevel.CENTRAL,
        chair=CouncilMember(name="Nguyễn An", agency="Bộ NN&MT", role="Chủ tịch"),
        members=(CouncilMember(name="Lê Bình"), CouncilMember(name="Vũ Chi", agency="Bộ Y tế")),
        name="",
    )
    assert council_to_dict(council) == {
        "level": "central",
        "name": "",
        "chair": {"name": "Nguyễn An", "agency": "Bộ NN&MT", "role": "Chủ tịch"},
        "members": [{"name": "Lê Bình"}, {"name": "Vũ Chi", "agency": "Bộ Y tế"}],
    }
    bare = council_to_dict(Council(level=CouncilLevel.PROVINCE, chair=CouncilMember(name="A")))
    assert bare == {"level": "province", "chair": {"name": "A"}, "members": []}


def test_optional_keys_and_nulls() -> None:
    c = council_from_dict(BASE)
    assert c == Council(level=CouncilLevel.PROVINCE, chair=CouncilMember(name="Trần Văn Bình"))
    same = council_from_dict(
        {**BASE, "name": None, "members": [], "chair": {"name": "Trần Văn Bình", "agency": None}}
    )
    assert same == c


def test_example_document() -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    council = council_from_dict(doc)
    assert council.level is CouncilLevel.PROVINCE
    assert council.chair.role == "Chủ tịch Hội đồng"
    assert len(council.members) == 7
    assert council_to_dict(council) == doc
    assert check_council(council, ruleset="qd26-2026").ok


def test_text_is_nfc_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Sở Y tế")
    assert nfd != "Sở Y tế"
    c = council_from_dict({**BASE, "members": [{"name": "Hoàng Nam", "agency": nfd}]})
    assert c.members[0].agency == "Sở Y tế"


@pytest.mark.parametrize(
    ("doc", "path", "message"),
    [
        ({**BASE, "colour": "red"}, "colour", "unknown key; a council has level, chair"),
        ({**BASE, "chair": {"name": "A", "agencey": "UBND tỉnh"}}, "chair.agencey", "unknown key"),
        (
            {**BASE, "members": [{"name": "B"}, {"name": "C"}, {"name": "D", "seat": 1}]},
            "members[2].seat",
            "unknown key; a council member has name, agency, role",
        ),
        ({**BASE, "level": "commune"}, "level", "'commune' is not one of"),
        ({**BASE, "level": 2}, "level", "is not one of"),
        ({"chair": {"name": "A"}}, "level", "required key 'level' is missing"),
        ({"level": "province"}, "chair", "required key 'chair' is missing"),
        ({**BASE, "chair": "Trần Văn Bình"}, "chair", "a council member is a JSON object"),
        ({**BASE, "chair": {"agency": "UBND tỉnh"}}, "chair.name", "required key 'name'"),
        ({**BASE, "chair": {"name": ""}}, "chair.name", "must not be empty"),
        ({**BASE, "members": [{"name": "B"}, {"name": "  "}]}, "members[1].name", "not be empty"),
        ({**BASE, "members": [{"name": 5}]}, "members[0].name", "expected a string"),
        ({**BASE, "members": [{"name": "B", "agency": 3}]}, "members[0].agency", "a string"),
        ({**BASE, "members": "Lê Thị Hoa"}, "members", "a list of council members"),
        ({**BASE, "members": ["Lê Thị Hoa"]}, "members[0]", "a council member is a JSON object"),
        ({**BASE, "name": 1}, "name", "expected a string"),
        ([BASE], "", "a council is a JSON object"),
    ],
)
def test_strict_errors_name_the_path(doc: Any, path: str, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        council_from_dict(doc)
    assert info.value.path == path
    assert message in info.value.message


def test_writer_refuses_what_is_not_a_council() -> None:
    with pytest.raises(TypeError, match=r"^council_to_dict takes a Council, got dict$"):
        council_to_dict(BASE)  # type: ignore[arg-type]


# --- ocop council check ---------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_check_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "council", "check", str(EXAMPLE), "--ruleset", "qd26-2026")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    council = council_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert doc == council_check_to_dict(check_council(council, ruleset="qd26-2026"))
    assert doc["ok"] is True
    assert doc["quorum"] is None
    # --as-of picks the rule set of the date
    code, out, _ = run(capsys, "council", "check", str(EXAMPLE), "--as-of", "2026-09-01")
    assert json.loads(out)["ruleset"] == "qd26-2026"


def test_cli_problems_are_output_not_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["chair"]["agency"] = "Hội Nông dân"
    doc["members"] = [m for m in doc["members"] if m["agency"] != "Sở Y tế"]
    path = tmp_path / "council.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "council", "check", str(path), "--ruleset", "qd26-2026")
    assert code == 0
    check = json.loads(out)
    assert check["ok"] is False
    assert [p["path"] for p in check["problems"]] == ["chair.agency", "members"]
    assert "Sở Y tế" in check["problems"][1]["message"]
    assert check["problems"][0]["citation"] == "26/2026/QĐ-TTg, Điều 7 khoản 3 điểm b"


def test_cli_quorum_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = {
        "level": "central",
        "chair": {"name": "Chủ tịch", "agency": "Bộ NN&PTNT"},
        "members": [{"name": f"Vụ {i}"} for i in range(6)],
    }
    argv = ["council", "check", "-", "--ruleset", "qd148-2023", "--present"]
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))
    code, out, _ = run(capsys, *argv, "4")
    assert code == 0
    short = json.loads(out)
    assert short["ok"] is False
    assert short["problems"][0]["path"] == "present"
    assert short["quorum"]["min_present"] == 5
    assert short["quorum"]["of_members"] == 7
    assert short["quorum"]["verified"] is False
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))
    code, out, _ = run(capsys, *argv, "5")
    assert json.loads(out)["ok"] is True


@pytest.mark.parametrize(
    ("doc", "extra", "message"),
    [
        ({**BASE, "members": [{"name": "B", "agencey": "x"}]}, [], "members[0].agencey: unknown"),
        ({**BASE, "level": "district"}, [], "level: qd26-2026 has councils at province, central"),
        (
            {**BASE, "level": "central"},
            ["--present", "9", "--ruleset", "qd148-2023"],
            "present: the council has 1 member",
        ),
    ],
)
def test_cli_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    doc: dict[str, Any],
    extra: list[str],
    message: str,
) -> None:
    path = tmp_path / "council.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    ruleset = [] if "--ruleset" in extra else ["--ruleset", "qd26-2026"]
    code, out, err = run(capsys, "council", "check", str(path), *ruleset, *extra)
    assert code == 1
    assert out == ""
    assert err.startswith(f"ocop: error: {message}")
    assert err.count("\n") == 1


def test_cli_needs_a_ruleset_or_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["council", "check", str(EXAMPLE)])
    assert info.value.code == 2
    assert "one of the arguments --ruleset --as-of is required" in capsys.readouterr().err
