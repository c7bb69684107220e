"""The notebook under docs/notebooks runs, within its time budget.

Its code cells are run in order in one namespace, as a kernel would run them: no Jupyter
machinery is needed (the notebook uses no magics and no display hooks), and matplotlib is
optional (the notebook falls back to a table without it).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "rerank-history.ipynb"
BUDGET_SECONDS = 60  # CI runs the notebook only while it stays within a minute


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in cells:
        assert not cell["outputs"], "commit the notebook without outputs"
    return ["".join(c["source"]) for c in cells]


def test_notebook_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")  # plt.show() must not need a screen
    namespace: dict[str, Any] = {"__name__": "__notebook__"}
    start = time.perf_counter()
    for i, source in enumerate(code_cells(NOTEBOOK)):
        exec(compile(source, f"{NOTEBOOK.name}[cell {i}]", "exec"), namespace)
    elapsed = time.perf_counter() - start
    out = capsys.readouterr().out
    assert elapsed < BUDGET_SECONDS, f"the notebook took {elapsed:.1f} s"
    assert "checks passed for qd26-2026" in out
    # Every rule set listed is ranked, and the distribution covers every year.
    assert {row["ruleset"] for row in namespace["rows"]} == set(namespace["RULESETS"])
    years = {year for (_, year) in namespace["distribution"]}
    assert years == set(namespace["YEARS"])
    if os.environ.get("OCOP_PRINT_NOTEBOOK"):  # pragma: no cover - a debugging aid
        print(out)
