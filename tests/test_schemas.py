"""JSON Schemas: shipped files equal the generated ones, and real documents validate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

import ocop  # noqa: E402
from ocop.batch import rank_request  # noqa: E402
from ocop.cli import main  # noqa: E402
from ocop.schemas import SCHEMAS, generate, load_schema  # noqa: E402
from ocop.serialize import result_to_dict, ruleset_to_dict  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("rank-*.json"))


def _validate(doc: Any, name: str) -> None:
    jsonschema.Draft202012Validator(load_schema(name)).validate(doc)


def _errors(doc: Any, name: str) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(load_schema(name)).iter_errors(doc)]


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
    result = result_to_dict(rank_request(doc), request_id=doc.get("id"), lang="vi")
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
    result = result_to_dict(rank_request(doc))
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

    from ocop.batch import rank_jsonl

    lines = [json.dumps(json.loads(p.read_text(encoding="utf-8"))) for p in EXAMPLES]
    lines.append('{"sheet": 99, "ruleset": "qd26-2026", "members": []}')
    out = io.StringIO()
    rank_jsonl(io.BytesIO("\n".join(lines).encode()), out, detail=detail)  # type: ignore[arg-type]
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(docs) == len(lines)
    for doc in docs:
        _validate(doc, "rank-jsonl-line")
    summary, full = docs[0], result_to_dict(rank_request(json.loads(lines[0])))
    assert ("explanation" in summary) is (detail == "full")
    assert not _errors(full, "rank-jsonl-line")
    # a summary line is not a full result, and the other way round
    assert _errors(full, "rank-output") == []
    if detail == "summary":
        assert _errors(summary, "rank-output")
