"""The committed catalogue is exactly what tools/extract_qd26.py makes of the decision's text.

So every value in ``rulesets/qd26-2026/catalogue.json`` is either read from the text or set by an ``ERRATA`` entry
(with its reasoning) or a label in ``tools/qd26_labels_en.json``: nothing was edited by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT.parent / "shared" / "reference" / "laws" / "qd-26-2026.txt"
TOOL = ROOT / "tools" / "extract_qd26.py"


@pytest.mark.skipif(not LAW.exists(), reason="the text of 26/2026 is not beside the repository")
@pytest.mark.skipif(not TOOL.exists(), reason="tools/ is not part of an sdist-less checkout")
def test_catalogue_is_reproducible_from_the_text(tmp_path: Path) -> None:
    out = tmp_path / "qd26-2026.json"
    subprocess.run([sys.executable, str(TOOL), str(LAW), str(out)], check=True, capture_output=True)
    committed = ROOT / "src" / "ocop" / "criteria" / "rulesets" / "qd26-2026" / "catalogue.json"
    assert out.read_bytes() == committed.read_bytes()
