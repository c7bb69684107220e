"""The fast paths agree with the strict ones: shipped data, JSON output, imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ocop
from ocop._convert import converter, structure
from ocop._trusted import structure_trusted, unstructure
from ocop.batch import rank_document
from ocop.criteria import _Index
from ocop.criteria._loader import _inherit, _prepare, read_package_json, structure_shipped
from ocop.criteria.ruleset import RuleSet
from ocop.errors import InvalidInput

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"


@pytest.mark.parametrize("info", ocop.list_rulesets(), ids=lambda i: i.id)
def test_trusted_structuring_equals_strict(info: ocop.RuleSetInfo) -> None:
    files = {i.id: i.file for i in ocop.list_rulesets()}

    def raw() -> object:
        return _prepare(_inherit(read_package_json(info.file), files))

    fast = structure_trusted(raw(), RuleSet)
    strict = structure(raw(), RuleSet)
    assert fast == strict
    assert ocop.load_ruleset(info.id) == strict
    index = read_package_json("rulesets/index.json")
    assert structure_trusted(index, _Index) == structure(index, _Index)


def test_trusted_failure_falls_back_to_strict_error() -> None:
    raw = _prepare(read_package_json("rulesets/qd26-2026/catalogue.json"))
    raw["sheets"][0]["criteria"][0]["options"][0]["colour"] = "red"
    with pytest.raises(InvalidInput, match="unknown key"):
        structure_shipped(raw, RuleSet)


def test_unstructure_equals_converter() -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for flags in ([], ["dossier_rejected"]):
        result = rank_document({**doc, "flags": flags})
        assert unstructure(result) == converter().unstructure(result)
    rs = ocop.load_ruleset("qd26-2026")
    assert unstructure(rs) == converter().unstructure(rs)


def test_import_is_lazy() -> None:
    code = (
        "import sys, ocop; heavy = {'attrs', 'cattrs', 'ocop.ranking', 'ocop.criteria'}; "
        "print(sorted(heavy & set(sys.modules))); ocop.load_ruleset('qd26-2026'); "
        "print('cattrs' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "False"]  # the shipped catalogue loads without cattrs
    assert all(getattr(ocop, name) is not None for name in ocop.__all__)
    assert set(ocop.__all__) <= set(dir(ocop))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = ocop.nope  # type: ignore[attr-defined]
