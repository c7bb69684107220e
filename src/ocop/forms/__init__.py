"""Printable forms: score sheets, the council's summary and the dossier forms of Phụ lục III.

Each form is built once as a neutral :class:`Document` (blocks of text, tables, signature
blocks) and written by one of three renderers: HTML with print CSS for A4 (standard library),
PDF (extra ``pdf``: fpdf2, with a bundled Vietnamese font embedded) and DOCX (extra ``docx``:
python-docx). Every figure on a filled form comes from :func:`ocop.ranking.rank_request`.

>>> doc = score_sheet_document("qd26-2026", 4)
>>> render(doc, "html")[:15]
b'<!DOCTYPE html>'
"""

from __future__ import annotations

from typing import Literal

from ocop.errors import InvalidInput
from ocop.forms._layout import Document
from ocop.forms.annex3 import (
    commune_report_document,
    registration_document,
    self_assessment_document,
)
from ocop.forms.dossier import DossierInput, dossier_from_dict
from ocop.forms.html import render_html
from ocop.forms.sheet import SheetHeader, score_sheet_document
from ocop.forms.summary import BreachRow, council_summary_document

__all__ = [
    "FORMATS",
    "BreachRow",
    "Document",
    "DossierInput",
    "Format",
    "SheetHeader",
    "commune_report_document",
    "council_summary_document",
    "dossier_from_dict",
    "registration_document",
    "render",
    "score_sheet_document",
    "self_assessment_document",
]

Format = Literal["html", "pdf", "docx"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "docx")


def render(document: Document, format: str) -> bytes:
    """*document* as the bytes of a file in *format* (``"html"``, ``"pdf"`` or ``"docx"``).

    PDF needs the extra ``pdf`` and DOCX the extra ``docx``
    (:class:`~ocop.errors.MissingExtra` names it when missing).
    """
    if format == "html":
        return render_html(document).encode("utf-8")
    if format == "pdf":
        from ocop.forms.pdf import render_pdf

        return render_pdf(document)
    if format == "docx":
        from ocop.forms.docx import render_docx

        return render_docx(document)
    raise InvalidInput("format", format, f"the formats are {', '.join(FORMATS)}")
