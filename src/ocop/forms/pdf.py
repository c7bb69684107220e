"""A form as an A4 PDF (fpdf2, extra ``pdf``), with a Vietnamese font embedded.

The font is DejaVu Serif Condensed, bundled in ``ocop/forms/fonts`` under its licence
(``LICENSE-DejaVu.txt``: Bitstream Vera licence, DejaVu changes in the public domain); it
covers every letter of Vietnamese and every character of the catalogues, and fpdf2 embeds the
glyphs used (a subset) with a ToUnicode map, so the PDF's text can be extracted and searched.
Table rows are measured before they are drawn: the rows of one group (a criterion and its
options) move to the next page together when they do not fit, so a page never separates an
option from its criterion. The output is deterministic (fixed creation date).
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime
from importlib import resources
from itertools import groupby
from typing import Any

from ocop.errors import MissingExtra
from ocop.forms._layout import Cell, Document, Para, Signature, Table

__all__ = ["render_pdf"]

FONT = "DejaVuSerif"
_FILES = {
    "": "DejaVuSerifCondensed.ttf",
    "B": "DejaVuSerifCondensed-Bold.ttf",
    "I": "DejaVuSerifCondensed-Italic.ttf",
}
_SIZES = {"title": 13.0, "subtitle": 11.5, "heading": 11.5, "body": 11.0, "note": 9.5}
_SIZES |= {"italic": 11.0, "small": 9.0}
_STYLES = {"title": "B", "subtitle": "B", "heading": "B", "note": "I", "italic": "I"}
CELL_SIZE = 10.0
LINE = 0.45  # line height per point of font size, in mm
PAD = 1.2  # cell padding, mm
INDENT = 4.0  # mm per indentation level
MARGINS = (20.0, 15.0, 15.0)  # left, top, right (mm); bottom margin 15 mm
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def _fpdf() -> Any:
    try:
        import fpdf
    except ImportError:
        raise MissingExtra("pdf", "fpdf2", "PDF output") from None
    return fpdf


class _Writer:
    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.width = pdf.w - pdf.l_margin - pdf.r_margin
        self.bottom = pdf.h - pdf.b_margin
        self._widths: dict[tuple[str, str], float] = {}

    def font(self, style: str, size: float) -> None:
        self.pdf.set_font(FONT, style, size)

    def para(self, block: Para) -> None:
        size = _SIZES[block.style]
        self.font(_STYLES.get(block.style, ""), size)
        align = {"left": "L", "center": "C", "right": "R"}[block.align]
        self.pdf.set_x(self.pdf.l_margin)
        self.pdf.multi_cell(self.width, size * LINE, block.text, align=align)
        self.pdf.ln(0.8)

    # -- tables: wrapped here with cached word widths (fpdf2's multi_cell measures each
    # character on every call and was most of the time spent)
    def _width(self, style: str, text: str) -> float:
        key = (style, text)
        width = self._widths.get(key)
        if width is None:
            self.font(style, CELL_SIZE)
            width = self._widths[key] = float(self.pdf.get_string_width(text))
        return width

    def _lines(self, cell: Cell, width: float) -> list[str]:
        style = ("B" if cell.bold else "") + ("I" if cell.italic else "")
        inner = width - 2 * PAD - INDENT * cell.indent
        space = self._width(style, " ")
        lines: list[str] = []
        current, used = "", 0.0
        for word in cell.text.split(" "):
            size = self._width(style, word)
            if current and used + space + size <= inner:
                current, used = f"{current} {word}", used + space + size
                continue
            if current:
                lines.append(current)
            while size > inner and len(word) > 1:  # a word wider than the cell: cut it
                cut = len(word) - 1
                while cut > 1 and self._width(style, word[:cut]) > inner:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                size = self._width(style, word)
            current, used = word, size
        lines.append(current)
        return lines

    def _height(self, cells: tuple[Cell, ...], widths: list[float]) -> float:
        count = max(len(self._lines(c, w)) for c, w in zip(cells, widths, strict=True))
        return count * CELL_SIZE * LINE + 2 * PAD

    def _draw(self, cells: tuple[Cell, ...], widths: list[float], *, fill: bool) -> None:
        pdf = self.pdf
        height = self._height(cells, widths)
        x, y = pdf.l_margin, pdf.get_y()
        line = CELL_SIZE * LINE
        for cell, width in zip(cells, widths, strict=True):
            pdf.set_fill_color(238, 238, 238)
            pdf.rect(x, y, width, height, style="DF" if fill else "D")
            style = ("B" if cell.bold else "") + ("I" if cell.italic else "")
            self.font(style, CELL_SIZE)
            left = x + PAD + INDENT * cell.indent
            inner = width - 2 * PAD - INDENT * cell.indent
            for i, text in enumerate(self._lines(cell, width)):
                shift = 0.0
                if cell.align != "left":
                    free = inner - self._width(style, text)
                    shift = free / 2 if cell.align == "center" else free
                pdf.text(left + shift, y + PAD + i * line + CELL_SIZE * 0.3528 * 0.85, text)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    def table(self, block: Table) -> None:
        total = sum(block.widths)
        widths = [self.width * w / total for w in block.widths]
        header = tuple(Cell(text=h, bold=True, align="center") for h in block.header)
        head_height = self._height(header, widths)
        self._draw(header, widths, fill=True)
        for _, rows in groupby(block.rows, key=lambda r: r.group):
            group = list(rows)
            heights = [self._height(r.cells, widths) for r in group]
            page = self.bottom - self.pdf.t_margin - head_height
            keep = group[0].group is not None and sum(heights) <= page
            if keep and self.pdf.get_y() + sum(heights) > self.bottom:
                self._new_page(header, widths)
            for row, height in zip(group, heights, strict=True):
                if self.pdf.get_y() + height > self.bottom:
                    self._new_page(header, widths)
                self._draw(row.cells, widths, fill=row.kind in ("part", "total"))
        self.pdf.ln(1.5)

    def _new_page(self, header: tuple[Cell, ...], widths: list[float]) -> None:
        self.pdf.add_page()
        self._draw(header, widths, fill=True)

    def signature(self, block: Signature) -> None:
        pdf = self.pdf
        lines = 5 + (1 if block.name else 0)
        if pdf.get_y() + lines * 6 + 20 > self.bottom:
            pdf.add_page()
        half = self.width / 2
        y = pdf.get_y() + 3
        self.font("", _SIZES["body"])
        pdf.set_xy(pdf.l_margin, y)
        for line in block.left:
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(half - 4, _SIZES["body"] * LINE, line)
        right = [("I", block.place_date), ("B", block.title), ("I", block.note)]
        pdf.set_xy(pdf.l_margin + half, y)
        for style, text in right:
            self.font(style, _SIZES["body"])
            pdf.set_x(pdf.l_margin + half)
            pdf.multi_cell(half, _SIZES["body"] * LINE, text, align="C")
        if block.name:
            pdf.set_xy(pdf.l_margin + half, pdf.get_y() + 18)
            self.font("B", _SIZES["body"])
            pdf.multi_cell(half, _SIZES["body"] * LINE, block.name, align="C")
        pdf.ln(4)


def render_pdf(document: Document) -> bytes:
    """*document* as the bytes of an A4 PDF with the bundled font embedded.

    Needs the extra ``pdf`` (fpdf2); without it, :class:`~ocop.errors.MissingExtra`.
    """
    fpdf = _fpdf()
    pdf = fpdf.FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(*MARGINS)
    pdf.set_auto_page_break(auto=True, margin=15.0)
    pdf.set_title(document.title)
    pdf.set_creator("ocop")
    pdf.set_lang("vi")
    pdf.set_creation_date(CREATED)
    fonts = resources.files("ocop.forms").joinpath("fonts")
    with ExitStack() as stack:
        for style, name in _FILES.items():
            path = stack.enter_context(resources.as_file(fonts.joinpath(name)))
            pdf.add_font(FONT, style, str(path))
        pdf.add_page()
        writer = _Writer(pdf)
        for block in document.blocks:
            if isinstance(block, Para):
                writer.para(block)
            elif isinstance(block, Table):
                writer.table(block)
            else:
                writer.signature(block)
        return bytes(pdf.output())
