"""The neutral layout of a printable form: blocks of text, tables and signature blocks.

A form is built once, as a :class:`Document`, from the catalogue, a rank result or a
dossier input (:mod:`ocop.forms.sheet`, :mod:`ocop.forms.summary`, :mod:`ocop.forms.annex3`);
each renderer (:mod:`ocop.forms.html`, :mod:`ocop.forms.pdf`, :mod:`ocop.forms.docx`) walks
this one structure, never the catalogue. Rows of one table that must stay on one page (a
criterion and its options) share a ``group``.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "BOX",
    "TICKED",
    "Block",
    "Cell",
    "Document",
    "Para",
    "Row",
    "RowKind",
    "Signature",
    "Table",
    "dots",
]

BOX = "□"
"""An empty box, as the decision prints it (U+25A1)."""
TICKED = "⊠"
"""A ticked box (U+22A0, in every font bundled for the PDF)."""
DOTS = "…………………………………"

Align = Literal["left", "center", "right"]
Style = Literal["title", "subtitle", "heading", "body", "note", "italic", "small"]
RowKind = Literal[
    "head", "part", "heading", "criterion", "option", "note", "case", "total", "plain"
]


def dots(value: str | None, *, width: int = 1) -> str:
    """*value*, or the dotted line the decision prints for a blank (``…``), *width* times."""
    return value if value else DOTS * width


@attrs.frozen(kw_only=True)
class Para:
    """A paragraph of text."""

    text: str
    style: Style = "body"
    align: Align = "left"


@attrs.frozen(kw_only=True)
class Cell:
    """One cell of a table row."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    indent: int = 0
    """Indentation level (a box option is indented once under its criterion)."""


@attrs.frozen(kw_only=True)
class Row:
    """A table row; rows with the same ``group`` are kept on one page."""

    cells: tuple[Cell, ...]
    kind: RowKind = "plain"
    group: int | None = None


@attrs.frozen(kw_only=True)
class Table:
    """A table: column headers, relative column widths and rows."""

    header: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[Row, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.header) != len(self.widths):
            raise ValueError("a table needs one width per column")
        for row in self.rows:
            if len(row.cells) != len(self.widths):
                raise ValueError(f"a row has {len(row.cells)} cells for {len(self.widths)}")


@attrs.frozen(kw_only=True)
class Signature:
    """A signature block: place and date, the signer's title and a note (``Ký ...``),
    at the right; optionally a block of text at the left (a recipient, an agency)."""

    title: str
    note: str
    place_date: str = "..., ngày ... tháng ... năm ..."
    name: str | None = None
    left: tuple[str, ...] = ()


Block = Para | Table | Signature


@attrs.frozen(kw_only=True)
class Document:
    """A whole form: its title (the file's metadata) and its blocks in order."""

    title: str
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """All the text of the form, one line per paragraph or row (for tests and search)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Para):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.append(" | ".join(block.header))
                lines += [" | ".join(c.text for c in row.cells) for row in block.rows]
            else:
                lines += [*block.left, block.place_date, block.title, block.note]
                if block.name:
                    lines.append(block.name)
        return "\n".join(lines)
