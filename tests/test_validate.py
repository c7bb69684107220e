"""ocop validate: shipped schemas accept the examples and generated documents, reject broken ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ocop
import ocop.schemas
from ocop.cli import main
from ocop.cli.validate import guess_schema
from ocop.serialize import loads, result_to_dict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
EXPECTED = {
    "rank": "rank-input",
    "certificate": "certificate",
    "council": "council",
    "dossier": "dossier-forms",
    "errata": "errata-overlay",
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "validate", str(path))
    assert status == 0
    assert out == f"ok ({EXPECTED[path.name.split('-')[0]]})\n"


def test_jsonl_lines_validate(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "validate", "--jsonl", str(ROOT / "examples" / "councils.jsonl"))
    assert status == 0
    assert all(line.endswith("ok (rank-input)") for line in out.splitlines())


def _result_doc() -> dict[str, Any]:
    answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(4).criteria}
    result = ocop.rank([{"member": "A", "answers": answers}], sheet=4, ruleset="qd26-2026")
    return result_to_dict(result)


def test_a_result_is_guessed_and_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_result_doc()), "utf-8")
    assert _run(capsys, "validate", str(path)) == (0, "ok (rank-output)\n")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_broken_examples_are_refused(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = loads(path.read_text("utf-8"))
    doc["not_a_field"] = 1
    broken = tmp_path / "b.json"
    broken.write_text(json.dumps(doc), "utf-8")
    status, out = _run(capsys, "validate", str(broken))
    assert status == 1
    assert "not_a_field" in out


def test_error_lines_name_the_json_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = loads((ROOT / "examples" / "rank-honey-council.json").read_text("utf-8"))
    first = next(iter(doc["members"][0]["answers"]))
    doc["members"][0]["answers"][first] = 1.5
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), "utf-8")
    status, out = _run(capsys, "validate", str(path), "--schema", "rank-input")
    assert status == 1
    assert out.startswith(f'members[0].answers["{first}"]: 1.5 is not of type')


def test_duplicate_keys_and_unknown_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dup = tmp_path / "d.json"
    dup.write_text('{"sheet": 1, "sheet": 2, "members": []}', "utf-8")
    assert _run(capsys, "validate", str(dup))[0] == 1
    with pytest.raises(ocop.InvalidInput, match="--schema"):
        guess_schema({"nothing": 1})
    other = tmp_path / "o.json"
    other.write_text('{"nothing": 1}', "utf-8")
    assert main(["validate", str(other)]) == 1
    assert "--schema" in capsys.readouterr().err


def test_missing_extra_is_one_line_naming_it(tmp_path: Path) -> None:
    path = ROOT / "examples" / "council-province.json"
    code = (
        "import sys; sys.modules['jsonschema'] = None\n"
        "from ocop.cli import main\n"
        f"sys.exit(main(['validate', {str(path)!r}]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert 'pip install "ocop[validate]"' in run.stderr


def test_every_shipped_schema_validates_a_real_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ocop validate --schema NAME`` on a document of every shipped schema: the CLI's own
    output for each output schema, the examples for the input schemas."""
    pytest.importorskip("jsonschema")
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from test_cli_schemas import COMMANDS
    finally:
        sys.path.pop(0)
    documents: dict[str, Path] = {
        "rank-input": ROOT / "examples" / "rank-honey-council.json",
        "certificate": ROOT / "examples" / "certificate-lam-dong.json",
        "council": ROOT / "examples" / "council-province.json",
        "plan": ROOT / "src" / "ocop" / "programme" / "plans" / "hoa-binh-162-2022.json",
        "dossier-forms": ROOT / "examples" / "dossier-honey.json",
        "errata-overlay": ROOT / "examples" / "errata-overlay.json",
        "costs": ROOT / "examples" / "advice" / "costs.json",
    }
    for name, argv in COMMANDS:
        if name in documents:
            continue
        assert main(argv) == 0, argv
        path = tmp_path / f"{name}.json"
        path.write_text(capsys.readouterr().out, encoding="utf-8")
        documents[name] = path
    assert main(["rank", "--jsonl", str(ROOT / "examples" / "councils.jsonl")]) in (0, 1)
    line = capsys.readouterr().out.splitlines()[0]
    documents["rank-jsonl-line"] = tmp_path / "line.json"
    documents["rank-jsonl-line"].write_text(line, encoding="utf-8")
    assert set(documents) == set(ocop.schemas.SCHEMAS)
    for name, path in sorted(documents.items()):
        status, out = _run(capsys, "validate", str(path), "--schema", name)
        assert (status, out.strip()) == (0, f"ok ({name})"), (name, out)


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("advice-output", ["advise", str(ROOT / "examples" / "rank-honey-council.json")]),
        ("whatif-output", ["whatif", str(ROOT / "examples" / "rank-honey-council.json")]),
        (
            "migrate-output",
            ["migrate", str(ROOT / "examples" / "advice" / "dossier-honey-2024-qd148.json")],
        ),
        ("costs", None),
    ],
)
def test_the_advisor_documents_are_guessed(
    name: str, argv: list[str] | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ocop validate`` without ``--schema`` names the advisor's documents and the cost table."""
    pytest.importorskip("jsonschema")
    if argv is None:
        path = ROOT / "examples" / "advice" / "costs.json"
    else:
        assert main(argv) == 0
        path = tmp_path / "doc.json"
        path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert guess_schema(loads(path.read_text("utf-8"))) == name
    assert _run(capsys, "validate", str(path)) == (0, f"ok ({name})\n")


@pytest.mark.parametrize(
    "doc",
    [
        {"default": -1},
        {"default": "1e3"},
        {"default": " 5"},
        {"default": "1/0"},
        {"default": 1, "criteria": {"1.5": {"c": "-2"}}},
        {"default": 1, "criteria": {"1.5": True}},
    ],
)
def test_a_bad_cost_table_is_refused_by_schema_and_reader(doc: dict[str, Any]) -> None:
    """The schema and :func:`ocop.serialize.costs_from_dict` refuse the same tables."""
    pytest.importorskip("jsonschema")
    from ocop.cli.validate import validate_document
    from ocop.serialize import costs_from_dict

    assert guess_schema(doc) == "costs"
    assert validate_document(doc, "costs")
    with pytest.raises(ocop.InvalidInput):
        costs_from_dict(doc)
