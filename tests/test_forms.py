"""Printable score sheets (ocop.forms): read back as a person would see them.

Every sheet of every rule set is laid out and written as HTML, and its layout checked; PDF
and DOCX are written and read back (pypdf, python-docx) for every one of the 130 sheets
(about a minute of CPU). OCOP_FORMS_QUICK=1, for a quick run while developing, reads back a
sample instead (see :func:`_read_sheets`).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import sys
import unicodedata
import zlib
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import ocop
from ocop.errors import InvalidInput, MissingExtra
from ocop.forms import council_summary_document, render, score_sheet_document
from ocop.forms.summary import breach_rows
from ocop.ranking.council_rules import presets
from ocop.serialize import loads, rank_request_from_dict

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[1]
HONEY = ROOT / "examples" / "rank-honey-council.json"

ALL_SHEETS = [
    (i.id, s.number) for i in ocop.list_rulesets() for s in ocop.load_ruleset(i.id).sheets
]


def _read_sheets(format: str) -> list[tuple[str, int]]:
    """The sheets read back in *format* (``pdf`` or ``docx``): every sheet; with
    ``OCOP_FORMS_QUICK=1`` the first, the last and every unavailable sheet of each rule
    set, the honey sheet (26/2026 sheet 4) and the longest knock-out (18), in both formats,
    and every other sheet of 26/2026 in one of them, the formats taking turns (odd numbers
    in PDF, even in DOCX), so that each sheet of the rules in force is read back at least
    once. Measured on two shared cores: all 130 sheets in both formats, 59-63 s for this
    file; this sample (50 sheets, 78 reads), 24-29 s."""
    if not os.environ.get("OCOP_FORMS_QUICK"):
        return ALL_SHEETS
    chosen = set()
    for info in ocop.list_rulesets():
        sheets = ocop.load_ruleset(info.id).sheets
        chosen |= {(info.id, sheets[0].number), (info.id, sheets[-1].number)}
        chosen |= {(info.id, s.number) for s in sheets if not s.available}
    chosen |= {("qd26-2026", 4), ("qd26-2026", 18)}  # the honey sheet; the longest knock-out
    turn = 1 if format == "pdf" else 0
    chosen |= {
        ("qd26-2026", s.number)
        for s in ocop.load_ruleset("qd26-2026").sheets
        if s.number % 2 == turn
    }
    return sorted(chosen)


def test_every_sheet_in_force_is_read_back_in_a_binary_format() -> None:
    pdf, word = set(_read_sheets("pdf")), set(_read_sheets("docx"))
    in_force = {("qd26-2026", s.number) for s in ocop.load_ruleset("qd26-2026").sheets}
    assert in_force <= pdf | word
    assert len(in_force) == 26


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _option_lines(ruleset: str, number: int) -> list[str]:
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    return [
        f"{o.label}{'*' * o.min_stars if o.min_stars else ''}"
        for c in sheet.criteria
        for o in c.options
    ]


def _request() -> ocop.RankRequest:
    return rank_request_from_dict(loads(HONEY.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("ruleset", "number"), ALL_SHEETS)
def test_every_sheet_lays_out_every_criterion_option_and_marker(ruleset: str, number: int) -> None:
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    document = score_sheet_document(ruleset, number)
    text = document.text()
    table = next(b for b in document.blocks if hasattr(b, "rows"))
    options = [r for r in table.rows if r.kind == "option"]
    assert len(options) == sum(len(c.options) for c in sheet.criteria)
    for crit in sheet.criteria:
        assert f"{crit.code}. {crit.title}" in text
    for line in _option_lines(ruleset, number):
        assert f"□ {line}" in text
    html = render(document, "html").decode("utf-8")
    assert html.count('<tbody class="group">') == len(sheet.criteria)
    if not sheet.available:
        assert "không dùng để phân hạng được" in text


@pytest.mark.parametrize(("ruleset", "number"), _read_sheets("pdf"))
def test_pdf_text_holds_every_code_label_and_marker_and_no_criterion_is_split(
    ruleset: str, number: int
) -> None:
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    data = render(score_sheet_document(ruleset, number), "pdf")
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [_flat(p.extract_text()) for p in reader.pages]
    whole = " ".join(pages)
    for crit in sheet.criteria:
        assert f"{crit.code}. " in whole
        head = _flat(f"{crit.code}. {crit.title}")
        labels = [_flat(f"{o.label}{'*' * (o.min_stars or 0)}") for o in crit.options]
        # one page holds the criterion and all its options: no page break splits them
        assert any(head in p and all(lab in p for lab in labels) for p in pages), crit.code
    for stars in {o.min_stars for c in sheet.criteria for o in c.options} - {None}:
        assert "*" * stars in whole
    fonts = {
        str(f.get("/BaseFont")) for p in reader.pages for f in p["/Resources"]["/Font"].values()
    }
    assert all("DejaVuSerif" in f for f in fonts)  # the bundled font, embedded


@pytest.mark.parametrize(("ruleset", "number"), _read_sheets("docx"))
def test_docx_table_has_one_row_per_option(ruleset: str, number: int) -> None:
    sheet = ocop.load_ruleset(ruleset).sheet(number)
    document = docx.Document(io.BytesIO(render(score_sheet_document(ruleset, number), "docx")))
    table = document.tables[0]
    boxes = [r.cells[0].text for r in table.rows if r.cells[0].text.startswith("□")]
    assert len(boxes) == sum(len(c.options) for c in sheet.criteria)
    assert boxes == [f"□ {line}" for line in _option_lines(ruleset, number)]


def test_filled_sheet_ticks_the_members_answers_with_the_pipelines_totals() -> None:
    request = _request()
    result = ocop.rank_request(request)
    member = result.members[4]
    document = score_sheet_document("qd26-2026", 4, request=request, member=member.member)
    table = next(b for b in document.blocks if hasattr(b, "rows"))
    ticked = [r.cells[0].text for r in table.rows if r.cells[0].text.startswith("⊠")]
    sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    assert ticked == [
        f"⊠ {sheet.criterion(c).option(k).label}"
        + "*" * (sheet.criterion(c).option(k).min_stars or 0)
        for c, k in member.answers.items()
    ]
    totals = {r.cells[0].text: r.cells[2].text for r in table.rows if r.kind == "total"}
    assert totals == {
        "Cộng Phần A": str(member.parts["A"]),
        "Cộng Phần B": str(member.parts["B"]),
        "Cộng Phần C": str(member.parts["C"]),
        "TỔNG CỘNG": str(member.total),
    }
    pdf_text = _flat(
        " ".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render(document, "pdf"))).pages
        )
    )
    assert f"TỔNG CỘNG 100 {member.total}" in pdf_text
    with pytest.raises(InvalidInput, match="no member of that name"):
        score_sheet_document("qd26-2026", 4, request=request, member="Không có")
    with pytest.raises(InvalidInput, match="sheet"):
        score_sheet_document("qd26-2026", 5, request=request, member=member.member)


def test_summary_shows_each_member_the_exact_average_minimums_and_breaches() -> None:
    result = ocop.rank_request(_request())
    text = council_summary_document(result).text()
    for m in result.members:
        assert f"{m.member} | {m.parts['A']} | {m.parts['B']} | {m.parts['C']} | {m.total}" in text
    assert f"{result.average_display} ({result.average})" in text
    for failed in result.failed_minimums:
        assert re.search(rf"^{re.escape(failed.criterion)} \|.*\| Không đạt$", text, re.M)
    assert f"Kết quả phân hạng: {result.stars} sao" in text
    assert "Vi phạm quy chế" not in text  # not checked: no section
    # Tây Ninh's rules (totals at most 10 apart): no breach here (74, 75, 74, 75, 72).
    neutral = council_summary_document(attrs.evolve(_request(), council_rules="tay-ninh"))
    assert "Vi phạm quy chế hoạt động của Hội đồng:\nKhông có." in neutral.text()
    # The same rules with a limit of 2 points: one breach, the result's own, printed.
    tay_ninh = presets()["tay-ninh"]
    assert tay_ninh.spread is not None
    strict = attrs.evolve(tay_ninh, spread=attrs.evolve(tay_ninh.spread, points=Fraction(2)))
    checked = ocop.rank_request(attrs.evolve(_request(), council_rules=strict))
    rows = breach_rows(checked)
    assert rows is not None
    assert len(rows) == len(checked.council_breaches) == 1
    assert rows[0].detail == "3 điểm (vượt 1); chấm lại"
    with_rows = council_summary_document(checked).text()
    assert f"{rows[0].rule} | {', '.join(rows[0].members)} | 3 điểm (vượt 1); chấm lại" in with_rows
    data = render(council_summary_document(_request()), "docx")
    assert (
        docx.Document(io.BytesIO(data)).tables[0].rows[1].cells[1].text == result.members[0].member
    )


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    document = score_sheet_document("qd26-2026", 1)
    monkeypatch.setitem(sys.modules, "fpdf", None)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtra, match=r"ocop\[pdf\]"):
        render(document, "pdf")
    with pytest.raises(MissingExtra, match=r"ocop\[docx\]"):
        render(document, "docx")
    with pytest.raises(InvalidInput, match="formats"):
        render(document, "odt")


def _png_pixels_vary(data: bytes) -> bool:
    """Whether a PNG (8-bit RGB or RGBA, as Chromium writes) has more than one colour."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw[1:4000])) > 2 and raw.count(b"\xff" * 3) < len(raw) // 3 * 0.99


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_screenshot_of_sheet_4_is_not_blank(tmp_path: Path) -> None:
    page = tmp_path / "sheet4.html"
    page.write_bytes(render(score_sheet_document("qd26-2026", 4), "html"))
    shot = tmp_path / "sheet4.png"
    subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=800,1100",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert _png_pixels_vary(shot.read_bytes())
