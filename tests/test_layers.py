"""The package's structure: layers without import circles, small modules, one public list.

Imports are read from the source (any depth, lazy ones included), so a cycle hidden
behind an import inside a function is found too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ocop

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    mods = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    return mods


def _imports(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    """The modules of the package that module *name* imports (at any depth of its code)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        for target in targets:
            while target and target not in mods:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path, _modules()) for name, path in _modules().items()}


def test_no_import_circles() -> None:
    done: set[str] = set()
    stack: list[str] = []

    def visit(name: str) -> None:
        if name in stack:
            cycle = [*stack[stack.index(name) :], name]
            pytest.fail("import circle: " + " -> ".join(cycle))
        if name in done:
            return
        stack.append(name)
        for target in sorted(GRAPH[name]):
            visit(target)
        stack.pop()
        done.add(name)

    for name in sorted(GRAPH):
        visit(name)


def test_modules_are_small() -> None:
    big = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert big == {}


def test_private_modules_stay_in_their_package() -> None:
    """``ocop.criteria._loader`` is for ``ocop.criteria`` only; top-level ``ocop._x`` modules
    are the shared bottom layer."""
    crossing = []
    for name, targets in GRAPH.items():
        for target in targets:
            package, _, leaf = target.rpartition(".")
            if leaf.startswith("_") and package != "ocop" and not name.startswith(package):
                crossing.append(f"{name} -> {target}")
    assert crossing == []


LAYERS = [
    {
        "ocop._version",
        "ocop.errors",
        "ocop._check",
        "ocop._text",
        "ocop._source",
        "ocop._trusted",
        "ocop._lazy",
    },
    {"ocop._convert", "ocop._holidays", "ocop.calendar", "ocop.model"},
    {"ocop.criteria"},
    {"ocop.ranking"},
    {"ocop.procedure", "ocop.certificates"},
    {"ocop.advice", "ocop.programme"},
    {"ocop.serialize", "ocop.schemas"},
    {"ocop.batch", "ocop.records", "ocop.jsonl", "ocop.conformance", "ocop.forms", "ocop.reports"},
    {"ocop.cli", "ocop.service", "ocop.__main__", "ocop", "ocop.testing"},
]


def _layer(name: str) -> int:
    for level, members in enumerate(LAYERS):
        if any(name == m or name.startswith(m + ".") for m in members if m != "ocop"):
            return level
    assert name == "ocop", name
    return len(LAYERS) - 1


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_arrows_point_down(name: str) -> None:
    """A module imports only from its own layer or the layers below it (docs/architecture.md);
    ``procedure`` and ``certificates`` are one layer, in which certificates read the procedure."""
    up = [t for t in GRAPH[name] if _layer(t) > _layer(name)]
    assert up == [], f"{name} imports from a higher layer: {up}"


def test_every_public_name_resolves_from_one_list() -> None:
    assert len(set(ocop.__all__)) == len(ocop.__all__)
    for name in ocop.__all__:
        assert getattr(ocop, name) is not None
    assert set(dir(ocop)) >= set(ocop.__all__)
    with pytest.raises(AttributeError):
        ocop.no_such_name  # noqa: B018
    assert ocop.rank_request.__module__ == "ocop.ranking"
    assert ocop.RuleSet.__module__ == "ocop.criteria.ruleset"
