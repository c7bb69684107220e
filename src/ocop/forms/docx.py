"""A form as a Word document (python-docx, extra ``docx``), A4, for offices that edit it.

Each layout table is one Word table; the rows of one group (a criterion and its options)
are kept together (*keep with next* on every paragraph but the group's last, and *cannot
split* on every row), so Word does not separate an option from its criterion. Text is in
Times New Roman, the font of Vietnamese administrative documents.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from ocop.errors import MissingExtra
from ocop.forms._layout import Cell, Document, Para, Signature, Table

__all__ = ["render_docx"]

FONT = "Times New Roman"
_SIZES = {"title": 14.0, "subtitle": 12.0, "heading": 12.0, "body": 12.0, "note": 10.5}
_SIZES |= {"italic": 12.0, "small": 10.0}
CELL_SIZE = 11.0
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtra("docx", "python-docx", "DOCX output") from None
    return docx


def _align(docx: Any, align: str) -> Any:
    values = docx.enum.text.WD_ALIGN_PARAGRAPH
    return {"left": values.LEFT, "center": values.CENTER, "right": values.RIGHT}[align]


def _run(paragraph: Any, text: str, *, size: float, bold: bool, italic: bool) -> None:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT


def _para(docx: Any, out: Any, block: Para) -> None:
    paragraph = out.add_paragraph()
    paragraph.alignment = _align(docx, block.align)
    bold = block.style in ("title", "subtitle", "heading")
    italic = block.style in ("note", "italic")
    _run(paragraph, block.text, size=_SIZES[block.style], bold=bold, italic=italic)


def _cell(docx: Any, target: Any, cell: Cell, *, keep: bool) -> None:
    from docx.shared import Mm

    paragraph = target.paragraphs[0]
    paragraph.alignment = _align(docx, cell.align)
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.paragraph_format.space_after = 0
    if cell.indent:
        paragraph.paragraph_format.left_indent = Mm(4 * cell.indent)
    _run(paragraph, cell.text, size=CELL_SIZE, bold=cell.bold, italic=cell.italic)


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:tblHeader"))


def _table(docx: Any, out: Any, block: Table, width_mm: float) -> None:
    from docx.shared import Mm

    table = out.add_table(rows=1 + len(block.rows), cols=len(block.widths))
    table.style = "Table Grid"
    total = sum(block.widths)
    widths = [Mm(width_mm * w / total) for w in block.widths]
    rows = list(table.rows)
    head = rows[0]
    _repeat_header(head)
    for target, text, width in zip(head.cells, block.header, widths, strict=True):
        target.width = width
        _cell(docx, target, Cell(text=text, bold=True, align="center"), keep=True)
    for i, row in enumerate(block.rows):
        following = block.rows[i + 1] if i + 1 < len(block.rows) else None
        keep = row.group is not None and following is not None and following.group == row.group
        target_row = rows[i + 1]
        _cant_split(target_row)
        for target, cell, width in zip(target_row.cells, row.cells, widths, strict=True):
            target.width = width
            _cell(docx, target, cell, keep=keep)


def _signature(docx: Any, out: Any, block: Signature) -> None:
    table = out.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    first = True
    for line in block.left:
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        _run(paragraph, line, size=_SIZES["body"], bold=False, italic=False)
    lines = [(block.place_date, False, True), (block.title, True, False), (block.note, False, True)]
    if block.name:
        lines += [("", False, False), ("", False, False), (block.name, True, False)]
    for n, (text, bold, italic) in enumerate(lines):
        paragraph = right.paragraphs[0] if n == 0 else right.add_paragraph()
        paragraph.alignment = _align(docx, "center")
        _run(paragraph, text, size=_SIZES["body"], bold=bold, italic=italic)


def render_docx(document: Document) -> bytes:
    """*document* as the bytes of a ``.docx`` file (A4 portrait).

    Needs the extra ``docx`` (python-docx); without it, :class:`~ocop.errors.MissingExtra`.
    """
    docx = _docx()
    from docx.shared import Mm

    out = docx.Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = docx.shared.Pt(_SIZES["body"])
    props = out.core_properties
    props.title, props.author, props.created = document.title, "ocop", CREATED
    props.modified, props.last_modified_by, props.revision = CREATED, "ocop", 1
    for block in document.blocks:
        if isinstance(block, Para):
            _para(docx, out, block)
        elif isinstance(block, Table):
            _table(docx, out, block, 175.0)
        else:
            _signature(docx, out, block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
