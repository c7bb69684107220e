"""JSON Schemas: shipped files equal the generated ones, and real documents validate."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

import ocop  # noqa: E402
from ocop.batch import rank_document  # noqa: E402
from ocop.cli import main  # noqa: E402
from ocop.schemas import SCHEMAS, load_schema  # noqa: E402
from ocop.serialize import result_to_dict, ruleset_to_dict  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from schemagen import GENERATORS, generate  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("rank-*.json"))


def _validate(doc: Any, name: str) -> None:
    jsonschema.Draft202012Validator(load_schema(name)).validate(doc)


def _errors(doc: Any, name: str) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(load_schema(name)).iter_errors(doc)]


def test_every_named_schema_has_a_generator() -> None:
    assert list(GENERATORS) == list(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_schema_is_generated_output(name: str) -> None:
    shipped = (ROOT / "src" / "ocop" / "schemas" / f"{name}.json").read_text(encoding="utf-8")
    assert shipped == json.dumps(generate(name), ensure_ascii=False, indent=2) + "\n", (
        "run python tools/make_schemas.py"
    )
    jsonschema.Draft202012Validator.check_schema(load_schema(name))
    assert load_schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_as_rank_input(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    _validate(doc, "rank-input")
    result = result_to_dict(rank_document(doc), lang="vi")
    _validate(result, "rank-output")
    _validate(result, "rank-jsonl-line")


def test_rank_input_rejects_what_the_library_rejects() -> None:
    doc = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    assert _errors({**doc, "colour": "red"}, "rank-input")
    assert _errors({**doc, "sheet": "4"}, "rank-input")
    assert _errors({**doc, "policy": "loud"}, "rank-input")
    assert _errors({**doc, "members": [{"member": "", "answers": {}}]}, "rank-input")
    assert _errors({**doc, "members": [{"member": "A", "answers": {"1.1": 1.5}}]}, "rank-input")
    assert _errors({k: v for k, v in doc.items() if k != "members"}, "rank-input")


def test_disqualified_result_and_error_line_validate() -> None:
    doc = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    doc["flags"] = ["dossier_rejected"]
    result = result_to_dict(rank_document(doc))
    assert result["stars"] is None
    assert result["conditions"]
    _validate(result, "rank-output")
    line = {"line": 3, "error": {"type": "InvalidInput", "message": "m", "path": "", "value": None}}
    _validate(line, "rank-jsonl-line")
    assert _errors({"line": 0, "error": {}}, "rank-jsonl-line")


@pytest.mark.parametrize("lang", [None, "en", "vi"])
def test_catalogue_export_validates(lang: Any) -> None:
    doc = ruleset_to_dict(ocop.load_ruleset("qd26-2026"), lang=lang)
    _validate(doc, "catalogue-export")
    doc["sheets"][0]["criteria"][0]["options"][0]["points"] = "0"
    assert _errors(doc, "catalogue-export")


def test_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "rank-input"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out) == load_schema("rank-input")
    assert main(["schema"]) == 0
    out, _ = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == list(SCHEMAS)
    assert main(["schema", "nope"]) == 1
    _, err = capsys.readouterr()
    assert "no schema named 'nope'" in err


@pytest.mark.parametrize("detail", ["summary", "full"])
def test_jsonl_lines_validate(detail: str) -> None:
    import io

    from ocop.jsonl import rank_jsonl

    lines = [json.dumps(json.loads(p.read_text(encoding="utf-8"))) for p in EXAMPLES]
    lines.append('{"sheet": 99, "ruleset": "qd26-2026", "members": []}')
    out = io.StringIO()
    rank_jsonl(io.BytesIO("\n".join(lines).encode()), out, detail=detail)  # type: ignore[arg-type]
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(docs) == len(lines)
    for doc in docs:
        _validate(doc, "rank-jsonl-line")
    summary, full = docs[0], result_to_dict(rank_document(json.loads(lines[0])))
    assert ("explanation" in summary) is (detail == "full")
    assert not _errors(full, "rank-jsonl-line")
    # a summary line is not a full result, and the other way round
    assert _errors(full, "rank-output") == []
    if detail == "summary":
        assert _errors(summary, "rank-output")


# --- Certificates and councils ------------------------------------------------------------

CERTIFICATE_EXAMPLES = sorted((ROOT / "examples").glob("certificate-*.json"))
COUNCIL_EXAMPLES = sorted((ROOT / "examples").glob("council-*.json"))


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_there_are_certificate_and_council_examples() -> None:
    assert CERTIFICATE_EXAMPLES
    assert COUNCIL_EXAMPLES


@pytest.mark.parametrize("path", CERTIFICATE_EXAMPLES, ids=lambda p: p.name)
def test_certificate_examples_validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _validate(json.loads(path.read_text(encoding="utf-8")), "certificate")
    for as_of in ("2027-01-01", "2029-03-01", "2029-09-01", "2030-06-01"):
        doc = _cli_json(capsys, "certificate", "status", "--file", str(path), "--as-of", as_of)
        _validate(doc, "certificate-status")


def test_certificate_documents_of_every_field_and_event_validate() -> None:
    from datetime import date

    from ocop.certificates import (
        Certificate,
        Event,
        ReRanked,
        ReRankingFiled,
        RevocationGround,
        Revoked,
        Upgraded,
    )
    from ocop.model import CouncilLevel
    from ocop.serialize import certificate_to_dict

    cert = Certificate(
        issued=date(2026, 8, 5),
        ruleset="qd26-2026",
        stars=3,
        product="Cà phê",
        producer="HTX Cầu Đất",
        product_code="68-24781-12-2026",
        authority="UBND tỉnh Lâm Đồng",
        level=CouncilLevel.PROVINCE,
        decision_number="3981/QĐ-UBND",
        stated_valid_until=date(2029, 8, 5),
    )
    histories: list[list[Event]] = [
        [],
        [Upgraded(on=date(2027, 1, 1), stars=4, decision_number="1/QĐ")],
        [
            ReRankingFiled(on=date(2029, 5, 1)),
            ReRanked(on=date(2029, 9, 1), stars=None, decision_number="2/QĐ"),
            Revoked(
                on=date(2029, 10, 1),
                ground=RevocationGround.DD,
                concluded_on=date(2029, 9, 20),
                decision_number="3/QĐ",
            ),
        ],
        [ReRankingFiled(on=date(2029, 3, 1)), ReRanked(on=date(2029, 4, 1), stars=4)],
    ]
    for events in histories:
        doc = certificate_to_dict(cert, events)
        assert len(doc["events"]) == len(events)
        _validate(doc, "certificate")
    bare = Certificate(issued=date(2020, 1, 1), ruleset="qd1048-2019")
    _validate(certificate_to_dict(bare), "certificate")


STATUS_COMMANDS = [
    # (arguments of `ocop certificate status`, the status they give)
    (["--issued", "2026-08-05", "--as-of", "2027-01-01"], "valid"),
    (["--issued", "2026-08-05", "--as-of", "2029-03-01", "--stars", "3"], "reranking_window"),
    (["--issued", "2023-08-31", "--as-of", "2026-08-01", "--stars", "4"], "expiring_soon"),
    (["--issued", "2023-06-01", "--as-of", "2026-07-01", "--filed", "2026-05-31"], "extended"),  # 148: last day 05-31
    (["--issued", "2021-01-01", "--as-of", "2024-01-02", "--ruleset", "qd781-2020"], "expired"),
    (
        ["--issued", "2026-08-05", "--as-of", "2027-01-01", "--revoked", "2026-12-01",
         "--ground", "c", "--stars", "5"],
        "revoked",
    ),
    (
        ["--issued", "2026-08-05", "--as-of", "2029-05-01", "--stars", "3", "--filed",
         "2029-03-01", "--result", "2029-04-01", "--result-stars", "4"],
        "superseded",
    ),
]  # fmt: skip


def test_status_commands_cover_every_status() -> None:
    from ocop.certificates import Status

    assert {status for _, status in STATUS_COMMANDS} == {s.value for s in Status}


@pytest.mark.parametrize(("argv", "status"), STATUS_COMMANDS, ids=[s for _, s in STATUS_COMMANDS])
def test_certificate_status_output_validates(
    argv: list[str], status: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _cli_json(capsys, "certificate", "status", *argv)
    assert doc["status"] == status
    _validate(doc, "certificate-status")
    broken = {**doc, "status": "lapsed"}
    assert _errors(broken, "certificate-status")
    assert _errors({k: v for k, v in doc.items() if k != "milestones"}, "certificate-status")


@pytest.mark.parametrize("path", COUNCIL_EXAMPLES, ids=lambda p: p.name)
def test_council_examples_validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _validate(json.loads(path.read_text(encoding="utf-8")), "council")
    doc = _cli_json(capsys, "council", "check", str(path), "--ruleset", "qd26-2026")
    _validate(doc, "council-check")


def test_council_check_outputs_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    central = {
        "level": "central",
        "chair": {"name": "Chủ tịch", "agency": "Bộ NN&PTNT"},
        "members": [{"name": f"Vụ {i}", "role": "Ủy viên"} for i in range(6)],
    }
    weak = json.loads(COUNCIL_EXAMPLES[0].read_text(encoding="utf-8"))
    weak["chair"]["agency"] = None
    weak["members"] = weak["members"][:2]
    runs = [
        (central, ["--ruleset", "qd148-2023", "--present", "4"]),  # quorum missed
        (central, ["--ruleset", "qd148-2023"]),  # quorum stated, attendance not given
        ({**central, "level": "district"}, ["--ruleset", "qd148-2023"]),  # nothing known
        (weak, ["--as-of", "2026-09-01"]),  # problems
    ]
    seen = set()
    for council, options in runs:
        path = tmp_path / "council.json"
        path.write_text(json.dumps(council, ensure_ascii=False), encoding="utf-8")
        _validate(council, "council")
        doc = _cli_json(capsys, "council", "check", str(path), *options)
        _validate(doc, "council-check")
        seen.add((doc["ok"], doc["quorum"] is None))
    assert seen == {(False, False), (True, False), (True, True), (False, True)}


_CERT: dict[str, Any] = {"issued": "2026-08-05", "ruleset": "qd26-2026", "stars": 3}
_FILED = {"kind": "reranking_filed", "on": "2029-05-01"}
_COUNCIL: dict[str, Any] = {"level": "province", "chair": {"name": "Trần Văn Bình"}}


def _read_certificate(doc: Any) -> None:
    from ocop.serialize import certificate_from_dict

    certificate_from_dict(doc)


def _read_council(doc: Any) -> None:
    from ocop.serialize import council_from_dict

    council_from_dict(doc)


def _read_request(doc: Any) -> None:
    from ocop.serialize import rank_request_from_dict

    rank_request_from_dict(doc)


_REJECTED = [
    ("certificate", {**_CERT, "colour": "red"}),
    ("certificate", {**_CERT, "stars": 2}),
    ("certificate", {**_CERT, "stars": "3"}),
    ("certificate", {**_CERT, "ruleset": "qd2030"}),
    ("certificate", {**_CERT, "issued": "20260805"}),
    ("certificate", {**_CERT, "issued": "2026-8-5"}),
    ("certificate", {**_CERT, "level": "commune"}),
    ("certificate", {**_CERT, "product": "  "}),
    ("certificate", {"ruleset": "qd26-2026"}),
    ("certificate", {**_CERT, "events": _FILED}),
    ("certificate", {**_CERT, "events": [{"kind": "expired", "on": "2029-08-06"}]}),
    ("certificate", {**_CERT, "events": [{"on": "2029-05-01"}]}),
    ("certificate", {**_CERT, "events": [{**_FILED, "by": "HTX"}]}),
    ("certificate", {**_CERT, "events": [_FILED, {"kind": "reranked", "on": "2029-09-01"}]}),
    ("certificate", {**_CERT, "events": [{"kind": "upgraded", "on": "2027-01-01", "stars": 6}]}),
    ("council", {**_COUNCIL, "colour": "red"}),
    ("council", {**_COUNCIL, "level": "commune"}),
    ("council", {"level": "province"}),
    ("council", {**_COUNCIL, "chair": {"name": ""}}),
    ("council", {**_COUNCIL, "members": [{"name": " "}]}),
    ("council", {**_COUNCIL, "members": [{"name": "B", "agencey": "Sở Y tế"}]}),
    ("council", {**_COUNCIL, "members": [{"name": "B", "agency": 3}]}),
    ("rank-input", {"as_of": "20261122", "sheet": 2, "members": [{"member": "A", "answers": {}}]}),
]
_READERS = {"certificate": _read_certificate, "council": _read_council, "rank-input": _read_request}


@pytest.mark.parametrize(("name", "doc"), _REJECTED)
def test_schema_rejects_what_the_reader_rejects(name: str, doc: Any) -> None:
    from ocop.errors import InvalidInput

    with pytest.raises(InvalidInput):
        _READERS[name](doc)
    assert _errors(doc, name)


@pytest.mark.parametrize(
    ("name", "doc"),
    [
        ("certificate", _CERT),
        ("certificate", {**_CERT, "level": None, "events": [_FILED]}),
        ("council", _COUNCIL),
        ("council", {**_COUNCIL, "name": None, "members": [{"name": "B", "agency": None}]}),
    ],
)
def test_schema_accepts_what_the_reader_accepts(name: str, doc: Any) -> None:
    _READERS[name](doc)
    assert _errors(doc, name) == []


def test_bundled_jsonl_lines_validate_as_rank_input() -> None:
    lines = (ROOT / "examples" / "councils.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:  # the third is valid JSON and a valid shape; its answer 'z' is not an option
        _validate(json.loads(line), "rank-input")


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--lang", "vi"],
        ["--policy", "all"],
        ["--level", "province"],
        ["--level", "central", "--lang", "vi"],
    ],
)
def test_rank_cli_output_validates_with_every_option(
    options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rank", str(EXAMPLES[0]), *options]) == 0
    doc = json.loads(capsys.readouterr().out)
    _validate(doc, "rank-output")
    assert ("next_step" in doc) is ("--level" in options)


@pytest.mark.parametrize("detail", ["summary", "full"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_rank_jsonl_cli_output_validates(
    detail: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = ROOT / "examples" / "councils.jsonl"
    main(["rank", "--jsonl", str(jsonl), "--detail", detail, "--lang", lang])
    lines = capsys.readouterr().out.splitlines()
    assert lines
    for line in lines:
        _validate(json.loads(line), "rank-jsonl-line")
