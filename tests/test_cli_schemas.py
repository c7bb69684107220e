"""Every command that prints JSON, with every option that changes its output, prints a
document that validates against the schema ``ocop schema`` prints for it; and the model
classes write no JSON themselves (no ``to_dict`` outside :mod:`ocop.serialize`)."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from ocop.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RANK = str(EXAMPLES / "rank-honey-council.json")
CERTIFICATE = str(EXAMPLES / "certificate-lam-dong.json")
COUNCIL = str(EXAMPLES / "council-province.json")
REGISTRY = str(EXAMPLES / "registry-ocop.csv")


def _schema(name: str, capsys: pytest.CaptureFixture[str]) -> Any:
    """The schema as the user gets it: the output of ``ocop schema NAME``."""
    assert main(["schema", name]) == 0
    return json.loads(capsys.readouterr().out)


# (schema name, the command's arguments)
COMMANDS: list[tuple[str, list[str]]] = [
    ("rank-output", ["rank", RANK]),
    ("advice-output", ["advise", RANK]),
    ("advice-output", ["advise", RANK, "--target", "5", "--lang", "vi"]),
    ("advice-output", ["advise", RANK, "--cost", str(EXAMPLES / "advice" / "costs.json")]),
    ("whatif-output", ["whatif", RANK, "--set", "5.1=e", "--policy", "mean"]),
    ("migrate-output", ["migrate", str(EXAMPLES / "advice" / "dossier-honey-2024-qd148.json")]),
    ("rank-output", ["rank", RANK, "--lang", "vi"]),
    ("rank-output", ["rank", RANK, "--policy", "all"]),
    ("rank-output", ["rank", RANK, "--level", "province"]),
    ("rank-output", ["rank", RANK, "--level", "central", "--lang", "vi"]),
    ("rank-output", ["rank", RANK, "--level", "province", "--policy", "mean"]),
    ("rank-output", ["rank", RANK, "--overlay", str(EXAMPLES / "errata-overlay.json")]),
    ("next-step", ["process", "next", "--ruleset", "qd26-2026", "--level", "province",
                   "--stars", "4", "--score", "78"]),
    ("next-step", ["process", "next", "--ruleset", "qd26-2026", "--level", "province",
                   "--stars", "5", "--score", "93"]),
    ("next-step", ["process", "next", "--ruleset", "qd26-2026", "--level", "commune",
                   "--disqualified"]),
    ("next-step", ["process", "next", "--as-of", "2025-07-03", "--level", "district",
                   "--stars", "3", "--score", "65"]),
    ("next-step", ["process", "next", "--as-of", "2026-06-01", "--filed", "2026-05-10",
                   "--level", "province", "--stars", "3", "--score", "139/2"]),
    ("procedure-levels", ["process", "levels", "--ruleset", "qd26-2026"]),
    ("procedure-levels", ["process", "levels", "--ruleset", "qd148-2023"]),
    ("procedure-levels", ["process", "levels", "--as-of", "2020-01-01"]),
    ("council-check", ["council", "check", COUNCIL, "--ruleset", "qd26-2026"]),
    ("council-check", ["council", "check", COUNCIL, "--as-of", "2024-01-01"]),
    ("council-check", ["council", "check", COUNCIL, "--ruleset", "qd148-2023",
                       "--present", "3"]),
    ("programme-stats", ["stats", REGISTRY, "--as-of", "2020-06-01", "--json"]),
    ("programme-stats", ["stats", REGISTRY, "--as-of", "2025-07-01", "--json", "--from",
                         "2019-01-01", "--area", "Thái Nguyên"]),
    ("calendar", ["calendar", "--year", "2026"]),
    ("calendar", ["calendar", "--year", "2027", "--no-holidays"]),
    ("calendar", ["calendar", "--year", "2026", "--holiday", "2026-03-03",
                  "--working-day", "2026-03-07"]),
    ("calendar", ["calendar", "--period", "commune_precheck", "--from", "2026-02-10"]),
    ("calendar", ["calendar", "--period", "rerank", "--from", "2026-06-03"]),
    ("calendar", ["calendar", "--period", "revocation", "--from", "2026-06-03",
                  "--no-holidays"]),
    ("certificate-status", ["certificate", "status", "--issued", "2026-08-05",
                            "--as-of", "2029-03-01", "--stars", "3"]),
    ("certificate-status", ["certificate", "status", "--issued", "2026-08-05",
                            "--as-of", "2027-01-01", "--ruleset", "qd26-2026"]),
    ("code-parse", ["code", "parse", "68-24781-12-2026"]),
    ("code-parse", ["code", "parse", "83-832-28882-2-2022"]),
    ("ruleset-selection", ["criteria", "which", "--as-of", "2026-06-01", "--json"]),
    ("ruleset-selection", ["criteria", "which", "--as-of", "2026-06-01", "--filed",
                           "2026-05-10", "--kind", "first", "--json"]),
    ("ruleset-selection", ["criteria", "which", "--as-of", "2026-06-01", "--filed",
                           "2026-05-10", "--kind", "reranking", "--json"]),
    ("rulesets", ["criteria", "list", "--json"]),
    ("rulesets", ["criteria", "list", "--json", "--lang", "en"]),
    ("classification", ["criteria", "list", "qd26-2026", "--json"]),
    ("classification", ["criteria", "list", "qd26-2026", "--json", "--lang", "en"]),
    ("catalogue-export", ["criteria", "export", "qd26-2026"]),
    ("catalogue-export", ["criteria", "export", "qd26-2026", "--lang", "en"]),
    ("catalogue-export", ["criteria", "export", "qd148-2023", "--lang", "vi"]),
]  # fmt: skip
COMMANDS += [
    ("certificate-status", ["certificate", "status", "--file", CERTIFICATE, "--as-of", day])
    for day in ("2026-08-05", "2027-01-01", "2029-03-01", "2029-06-01", "2029-09-01",
                "2030-06-01")
]  # fmt: skip


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


@pytest.mark.parametrize(
    ("name", "argv"), COMMANDS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(COMMANDS)]
)
def test_cli_output_validates_against_its_schema(
    name: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _run(argv, capsys)
    jsonschema.Draft202012Validator(_schema(name, capsys)).validate(doc)


def test_every_json_schema_of_an_output_is_exercised() -> None:
    outputs = {name for name, _ in COMMANDS}
    inputs = {
        "rank-input",
        "certificate",
        "council",
        "rank-jsonl-line",
        "plan",
        "dossier-forms",
        "errata-overlay",
        "costs",
    }
    from ocop.schemas import SCHEMAS

    assert set(SCHEMAS) - inputs <= outputs


def test_calendar_forms_and_no_holidays_year_validate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "holidays", None)  # a year beyond the shipped holidays
    doc = _run(["calendar", "--year", "2040"], capsys)
    assert doc["holidays"] is None
    assert "holidays_note" in doc
    jsonschema.Draft202012Validator(_schema("calendar", capsys)).validate(doc)


def test_code_parse_check_commune_validates(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocop.certificates import Commune
    from ocop.cli import certificates as certificate_cli

    monkeypatch.setattr(
        certificate_cli,
        "lookup_commune",
        lambda code: Commune(code=code.commune, name="Phường Xuân Hương", province="68"),
    )
    doc = _run(["code", "parse", "68-24781-12-2026", "--check-commune"], capsys)
    assert doc["commune_name"] == "Phường Xuân Hương"
    jsonschema.Draft202012Validator(_schema("code-parse", capsys)).validate(doc)


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("next-step", {"action": "promote"}),
        ("procedure-levels", {"stages": [{}]}),
        ("calendar", {"rounds": "none"}),
        ("code-parse", {"year": "2026"}),
        ("ruleset-selection", {"kind": "second"}),
    ],
)
def test_schemas_reject_a_wrong_document(
    name: str, broken: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = next(a for n, a in COMMANDS if n == name)
    doc = {**_run(argv, capsys), **broken}
    assert list(jsonschema.Draft202012Validator(_schema(name, capsys)).iter_errors(doc))


def test_documents_of_the_library_are_the_cli_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import date

    from ocop.criteria import load_ruleset, select_ruleset
    from ocop.procedure import load_procedure, next_step
    from ocop.serialize import (
        classification_to_list,
        next_step_to_dict,
        procedure_levels_to_dict,
        rulesets_to_list,
        selection_to_dict,
    )

    step = next_step(ruleset="qd26-2026", level="province", stars=4, score="78")
    argv = ["process", "next", "--ruleset", "qd26-2026", "--level", "province"]
    assert _run([*argv, "--stars", "4", "--score", "78"], capsys) == next_step_to_dict(step)
    levels = _run(["process", "levels", "--ruleset", "qd26-2026"], capsys)
    assert levels == procedure_levels_to_dict(load_procedure("qd26-2026"))
    assert _run(["criteria", "list", "--json"], capsys) == rulesets_to_list()
    classes = _run(["criteria", "list", "qd26-2026", "--json"], capsys)
    assert classes == classification_to_list(load_ruleset("qd26-2026"))
    day = date(2026, 6, 1)
    which = _run(["criteria", "which", "--as-of", "2026-06-01", "--json"], capsys)
    assert which == selection_to_dict(select_ruleset(day), as_of=day)


# --- No to_dict on model classes ------------------------------------------------------------

SRC = ROOT / "src" / "ocop"


def _classes_with_to_dict() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.relative_to(SRC).parts[0] == "serialize":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if (
                        isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                        and item.name == "to_dict"
                    ):
                        found.append(f"{path.relative_to(SRC)}:{node.name}")
    return found


def test_no_model_class_writes_json_itself() -> None:
    assert _classes_with_to_dict() == [], "write documents in ocop.serialize"


def test_certificates_and_procedure_do_not_import_serialize_at_module_level() -> None:
    """ocop.serialize sits above them; they may import it only inside a function."""
    offenders = []
    for package in ("certificates", "procedure"):
        for path in sorted((SRC / package).glob("*.py")):
            if path.name == "cli.py":  # the command line sits above the documents layer
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                names: list[str] = []
                if isinstance(node, ast.ImportFrom) and node.module is not None:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                if any(n == "ocop.serialize" or n.startswith("ocop.serialize.") for n in names):
                    offenders.append(f"{package}/{path.name}")
    assert offenders == []
