"""The catalogue against the text of the decision itself.

When the plain-text rendering of Quyết định 26/2026/QĐ-TTg is available beside the
repository (``../shared/reference/laws/qd-26-2026.txt``, as on the developers'
machines and in CI), every criterion row and every option row of Phụ lục II is read
again here, by a reader written independently of the extraction script, and compared
with the shipped catalogue: codes, maxima, option order, labels, points and markers.
Where the catalogue deviates, it must be through a recorded erratum whose ``printed``
value is exactly what the text says.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ocop.criteria import load_ruleset

LAW = Path(__file__).resolve().parents[2] / "shared" / "reference" / "laws" / "qd-26-2026.txt"

pytestmark = pytest.mark.skipif(
    not LAW.exists(), reason="the text of 26/2026 is not beside the repository"
)

ROW = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*?)\s*\|\s*(.*?)\s*$")
BOX = re.compile(r"^(?:□|o )\s*(.*?)\s*\|\s*(.*?)\s*$")
STARS = re.compile(r"((?:\*\s*){3,5})")


def _sections() -> dict[int, list[str]]:
    lines = [unicodedata.normalize("NFC", x) for x in LAW.read_text(encoding="utf-8").splitlines()]
    start = lines.index("PHỤ LỤC II")
    end = lines.index("PHỤ LỤC III")
    body = lines[start:end]
    heads = [i for i, s in enumerate(body) if re.match(r"^\d+\. (Bộ sản phẩm: |Sản phẩm )", s)]
    out = {}
    for a, b in zip(heads, [*heads[1:], len(body)], strict=True):
        out[int(body[a].split(".", 1)[0])] = body[a + 1 : b]
    return out


@pytest.fixture(scope="module")
def sections() -> dict[int, list[str]]:
    return _sections()


def test_all_26_sheets_present(sections: dict[int, list[str]]) -> None:
    assert sorted(sections) == list(range(1, 27))
    assert len(load_ruleset("qd26-2026").sheets) == 26


@pytest.mark.parametrize("number", range(1, 27))
def test_sheet_matches_text(sections: dict[int, list[str]], number: int) -> None:
    sheet = load_ruleset("qd26-2026").sheet(number)
    nodes = {h.code: h for h in sheet.headings} | {c.code: c for c in sheet.criteria}
    rows: list[tuple[str, str]] = []  # (code, printed max)
    boxes: list[tuple[str, str, int | None]] = []  # (label, printed points, marker)
    in_parts = False
    for line in sections[number]:
        if re.match(r"^(Phần|PHẦN) [ABC]", line):
            in_parts = True
            continue
        if line.startswith("TỔNG CỘNG"):
            break
        if not in_parts:
            continue
        box = BOX.match(line)
        if box:
            label, points = box.group(1), box.group(2)
            label = label.split(" Ghi chú: ")[0]
            star = STARS.search(label)
            marker = star.group(1).count("*") if star else None
            label = STARS.sub("", label).strip()
            boxes.append((label, points, marker))
            continue
        row = ROW.match(line)
        if row:
            rows.append((row.group(1), row.group(3)))
    # every printed row is a node of the catalogue, in order, with its printed maximum
    printed_codes = [code for code, _ in rows]
    assert sorted(printed_codes) == sorted(nodes)
    leaf_codes = {c.code for c in sheet.criteria}
    assert [c for c in printed_codes if c in leaf_codes] == [c.code for c in sheet.criteria]
    for code, printed in rows:
        node = nodes[code]
        if str(node.max_points) != printed:
            assert [e.printed for e in node.errata if e.field == "max_points"] == [printed], code
    # every printed option is an option of the catalogue, in order
    options = [o for c in sheet.criteria for o in c.options if not o.implied]
    assert len(options) == len(boxes)
    for opt, (label, printed, marker) in zip(options, boxes, strict=True):
        assert opt.label == label
        assert opt.min_stars == marker, (opt.key, label)
        if str(opt.points) != printed:
            assert [e.printed for e in opt.errata if e.field == "points"] == [printed], label


def test_marker_count_matches_text(sections: dict[int, list[str]]) -> None:
    text_markers = sum(
        1 for lines in sections.values() for s in lines if BOX.match(s) and STARS.search(s)
    )
    catalogue_markers = sum(
        1
        for sh in load_ruleset("qd26-2026").sheets
        for c in sh.criteria
        for o in c.options
        if o.min_stars
    )
    assert catalogue_markers == text_markers == 575
