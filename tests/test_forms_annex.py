"""Mẫu số 02's annex: the advisor's advice on the producer's self-assessment, read back from
the document, HTML, PDF and DOCX as a person would read it."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.forms import dossier_from_dict, render, self_assessment_document
from ocop.forms.advice_annex import HEADER, TITLE
from ocop.forms.annex3 import self_assessment_request
from ocop.ranking.result import display

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = json.loads((ROOT / "examples" / "dossier-honey.json").read_text(encoding="utf-8"))


def dossier(**answers: str) -> ocop.forms.DossierInput:
    doc: dict[str, Any] = json.loads(json.dumps(SOURCE))
    doc["self_assessment"].update(answers)
    return dossier_from_dict(doc)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def step_lines(advice: ocop.Advice) -> list[tuple[str, str, str, str]]:
    """Each advised step as the annex must show it: code, the option now, the one advised,
    the points added (the one member's before and after, from ocop.advise itself)."""
    sheet = ocop.load_ruleset(advice.ruleset).sheet(advice.sheet)
    out = []
    for step in advice.steps:
        [change] = step.changes  # one sheet: the producer's
        assert change.before is not None
        crit = sheet.criterion(step.criterion)
        out.append(
            (
                f"{step.criterion}. {step.title}",
                f"{change.before} ({crit.option(change.before).points} điểm)",
                f"{step.to} ({step.to_points} điểm)",
                f"+{display(step.points, advice.before.rounding)}",
            )
        )
    return out


# the example (3★, one step: 5.1 d → e); two steps to 4★; a 2★ self-assessment, two steps to 3★
CASES = [{}, {"5.1": "b", "6.4": "b", "4.3": "b"}, {"4.1": "a", "2.2": "a", "3.3": "a"}]


@pytest.mark.parametrize("answers", CASES)
def test_the_annex_is_ocop_advise_on_the_ranked_self_assessment(answers: dict[str, str]) -> None:
    d = dossier(**answers)
    request = self_assessment_request(d)
    assert request is not None
    advice = ocop.advise(request)
    text = self_assessment_document(d).text()
    annex = text[text.index(TITLE) :]
    ranked = ocop.rank_request(request)  # the same sheet Phần III ranks
    assert f"hạng dự kiến: {ranked.stars} sao" in text
    assert f"Hạng dự kiến theo tự đánh giá: {ranked.stars} sao" in annex
    assert advice.before == ranked
    assert f"mục tiêu: {advice.target} sao" in annex
    lines = step_lines(advice)
    assert lines, "every case here has something to advise"
    for code, now, to, points in lines:
        row = next(r for r in annex.splitlines() if r.startswith(code + " | "))
        cells = row.split(" | ")
        assert cells[1].startswith(now)
        assert cells[2].startswith(to)
        assert cells[3] == points
    assert annex.count(" | ") == 3 * (len(lines) + 1)  # the header and one row per step
    assert advice.result is not None
    assert f"Sau {len(lines)} cải thiện: {advice.result.stars} sao" in annex


def test_the_annex_prints_in_every_format() -> None:
    d = dossier(**CASES[1])
    request = self_assessment_request(d)
    assert request is not None
    lines = step_lines(ocop.advise(request))
    document = self_assessment_document(d)
    html = render(document, "html").decode("utf-8")
    pdf = flat(
        " ".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render(document, "pdf"))).pages
        )
    )
    word = docx.Document(io.BytesIO(render(document, "docx")))
    [table] = [t for t in word.tables if tuple(c.text for c in t.rows[0].cells) == HEADER]
    rows = [tuple(c.text for c in r.cells) for r in table.rows[1:]]
    assert len(rows) == len(lines)
    assert TITLE in html
    assert TITLE in pdf
    assert TITLE in [p.text for p in word.paragraphs]
    for (code, now, to, points), row in zip(lines, rows, strict=True):
        assert row[0] == code
        assert row[1].startswith(now)
        assert row[2].startswith(to)
        assert row[3] == points
        for part in (code, now, to, points):
            assert part in html
            assert flat(part) in pdf


def test_a_top_self_assessment_needs_nothing_and_says_so() -> None:
    sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    top = {c.code: c.options[-1].key for c in sheet.criteria}
    d = dossier(**top)
    request = self_assessment_request(d)
    assert request is not None
    assert ocop.rank_request(request).stars == 5
    text = self_assessment_document(d).text()
    annex = text[text.index(TITLE) :]
    assert "mục tiêu: 5 sao" in annex
    assert "không cần nâng tiêu chí nào" in annex
    assert " | ".join(HEADER) not in annex


def test_without_a_self_assessment_there_is_no_annex() -> None:
    doc = json.loads(json.dumps(SOURCE))
    del doc["self_assessment"]
    assert TITLE not in self_assessment_document(dossier_from_dict(doc)).text()


def test_an_unreachable_class_gives_the_advisors_reasons() -> None:
    """A knocked-out dossier (flag ``dossier_rejected``) cannot be raised: the annex prints
    the advisor's reasons, in Vietnamese, instead of a table."""
    import attrs

    from ocop.forms.advice_annex import advice_annex

    request = self_assessment_request(dossier())
    assert request is not None
    rejected = attrs.evolve(request, flags=("dossier_rejected",))
    advice = ocop.advise(rejected)
    assert not advice.reachable
    text = "\n".join(b.text for b in advice_annex(rejected) if hasattr(b, "text"))
    assert f"Không thể đạt hạng {advice.target} sao:" in text
    for reason in advice.reasons:
        assert f"- {reason.text_vi}" in text
