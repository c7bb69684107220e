"""The registry: one folder per decision, every law value in the data with its source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ocop
from ocop.certificates import certificate_ruleset, certificate_rulesets
from ocop.criteria import registry
from ocop.criteria.model import Source
from ocop.model import CouncilLevel
from ocop.procedure import list_procedures, load_procedure

SRC = Path(__file__).resolve().parents[1] / "src" / "ocop"


def _cited(source: Source | None) -> bool:
    return source is not None and bool(source.instrument.strip() and source.provision.strip())


def test_every_folder_has_its_files() -> None:
    root = SRC / "criteria" / registry.ROOT
    ids = [i.id for i in registry.rulesets()]
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == sorted(ids)
    for rid in ids:
        assert sorted(p.name for p in (root / rid).iterdir()) == sorted(registry.FILES)


@pytest.mark.parametrize("rid", [i.id for i in ocop.list_rulesets()])
def test_every_law_value_has_a_source(rid: str) -> None:
    rs = ocop.load_ruleset(rid)
    assert all(_cited(b.source) for b in rs.bands)
    proc = load_procedure(rid)
    assert all(_cited(s.source) for s in proc.stages)
    assert all(_cited(o.source) for o in proc.outcomes)
    assert all(_cited(c.source) for c in proc.councils)
    assert all(_cited(r.source) for r in proc.rounds)
    assert all(_cited(p.source) and p.length > 0 for p in proc.periods)
    rules = registry.certificate_rules(rid)
    assert _cited(rules.validity.source)
    assert all(_cited(p.source) and p.length > 0 for p in rules.periods)
    assert all(_cited(r.source) and r.title.strip() for r in rules.revocation_authorities)
    assert all(_cited(p.source) and p.text.strip() for p in rules.provisions)
    for stage in proc.stages:
        assert (stage.authority is None) == (not stage.recognises)
        assert all(not d.verified and d.reason.strip() for d in stage.doubtful)


def test_dates_exist_once() -> None:
    for info, proc in zip(registry.rulesets(), list_procedures(), strict=True):
        rs = ocop.load_ruleset(info.id)
        assert (proc.id, proc.in_force_from, proc.in_force_until) == (
            info.id,
            info.in_force_from,
            info.in_force_until,
        )
        assert (rs.in_force_from, rs.in_force_until) == (info.in_force_from, info.in_force_until)
        assert certificate_ruleset(info.id).in_force_from == info.in_force_from


def test_certificate_levels_are_the_procedures_recognises() -> None:
    for cert_rs in certificate_rulesets():
        proc = load_procedure(cert_rs.id)
        assert cert_rs.instrument == proc.instrument
        for stars in (3, 4, 5):
            sure = {CouncilLevel(s.level.value) for s in proc.stages if stars in s.recognises}
            doubtful = {
                CouncilLevel(s.level.value)
                for s in proc.stages
                for d in s.doubtful
                if stars in d.stars
            }
            assert cert_rs.levels[stars] == sure | doubtful
            assert cert_rs.doubtful.get(stars, frozenset()) == doubtful


def test_the_148_three_star_record() -> None:
    # One record: the district recognises 3 stars; the province's 3-star certificate is
    # accepted as doubtful, and the procedure finds no rule for that case.
    proc = load_procedure("qd148-2023")
    district, province = (
        next(s for s in proc.stages if s.level == lv) for lv in ("district", "province")
    )
    assert district.recognises == (3,)
    assert province.recognises == (4,)
    assert [d.stars for d in province.doubtful] == [(3,)]
    cert = certificate_ruleset("qd148-2023")
    assert cert.levels[3] == {CouncilLevel.DISTRICT, CouncilLevel.PROVINCE}
    assert cert.doubtful[3] == {CouncilLevel.PROVINCE}
    step = ocop.procedure.next_step(ruleset="qd148-2023", level="province", stars=3, score="60")
    assert step.action is ocop.procedure.Action.NO_RULE_FOUND


# --- No law constant in the Python code of procedure/ and certificates/ ---------------

_INSTRUMENT = re.compile(r"\d+/(?:\d{4}/)?QĐ-(?:TTg|BNN)")
_PROVISION = re.compile(r"Điều \d")
#: What is not law, or not yet moved (each with its reason).
_ALLOWED: dict[str, set[str]] = {
    # Product codes: the code format of Phụ lục II and the commune units of 19/2025
    # (instrument names in messages and the code's own source; not a period or threshold).
    "certificates/codes.py": {"26/2026/QĐ-TTg", "19/2025/QĐ-TTg"},
}


def _code_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docs.add(id(node.value))  # attribute docstrings
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


@pytest.mark.parametrize(
    "path",
    sorted([*(SRC / "procedure").glob("*.py"), *(SRC / "certificates").glob("*.py")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_law_constant_in_code(path: Path) -> None:
    rel = f"{path.parent.name}/{path.name}"
    allowed = _ALLOWED.get(rel, set())
    found = {m for s in _code_strings(path) for m in _INSTRUMENT.findall(s)} - allowed
    assert not found, f"{rel} cites {sorted(found)} in code: move it to the rule set's data"
    provisions = [s for s in _code_strings(path) if _PROVISION.search(s)]
    assert not provisions, f"{rel} names provisions in code: {provisions}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "date":
            assert not all(isinstance(a, ast.Constant) for a in node.args), (
                f"{rel}:{node.lineno}: a literal date is law; read it from the registry"
            )
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
            "days_after",
            "days_before",
        ):
            assert not isinstance(node.args[1], ast.Constant) or node.args[1].value == 1, (
                f"{rel}:{node.lineno}: a literal day count is law; read it from the registry"
            )


def test_revocation_authorities_come_from_the_data() -> None:
    from ocop.certificates import revocation_authority

    rules = registry.certificate_rules("qd26-2026")
    for rule in rules.revocation_authorities:
        for stars in rule.stars:
            found = revocation_authority(stars)
            assert (found.level, found.title, found.source) == (rule.level, rule.title, rule.source)
    assert str(revocation_authority(5).source) == "26/2026/QĐ-TTg, Điều 8, khoản 2, điểm b"
    for bad in (2, 6, True, "5"):
        with pytest.raises(ocop.InvalidInput, match="only 3- to 5-star"):
            revocation_authority(bad)  # type: ignore[arg-type]
