"""A form as one HTML page with print CSS for A4 (standard library only).

The rows of one criterion are one ``<tbody class="group">`` with ``break-inside: avoid``,
so a printed page never separates an option from its criterion.

>>> from ocop.forms.sheet import score_sheet_document
>>> page = render_html(score_sheet_document("qd26-2026", 1))
>>> page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
True
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from ocop.forms._layout import Cell, Document, Para, Row, Signature, Table

__all__ = ["CSS", "render_html"]

CSS = """
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif;
       font-size: 12pt; line-height: 1.3; margin: 0 auto; max-width: 180mm; color: #000; }
p { margin: 0.25em 0; }
.title { font-size: 14pt; font-weight: bold; text-align: center; margin-top: 0.6em; }
.subtitle { font-weight: bold; text-align: center; }
.heading { font-weight: bold; margin-top: 0.6em; }
.note { font-size: 10.5pt; font-style: italic; border-left: 2px solid #888; padding-left: 0.5em; }
.italic { font-style: italic; }
.small { font-size: 10pt; }
.center { text-align: center; } .right { text-align: right; } .left { text-align: left; }
table { width: 100%; border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #000; padding: 2px 5px; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tbody.group { break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.part td, tr.total td { background: #f2f2f2; }
td.indent { padding-left: 1.6em; }
b { font-weight: bold; } i { font-style: italic; }
.signature { display: flex; justify-content: space-between; margin-top: 1.2em;
             break-inside: avoid; page-break-inside: avoid; }
.signature > div { width: 48%; text-align: center; }
.signature .left { text-align: left; }
.signature .sign { min-height: 5em; }
@media print { body { max-width: none; } }
"""


def _para(block: Para) -> str:
    classes: list[str] = [block.style] if block.style != "body" else []
    if block.align != "left":
        classes.append(block.align)
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<p{attr}>{escape(block.text)}</p>"


def _cell(cell: Cell) -> str:
    text = escape(cell.text)
    if cell.bold:
        text = f"<b>{text}</b>"
    if cell.italic:
        text = f"<i>{text}</i>"
    classes: list[str] = [cell.align] if cell.align != "left" else []
    if cell.indent:
        classes.append("indent")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attr}>{text}</td>"


def _row(row: Row) -> str:
    return f'<tr class="{row.kind}">{"".join(_cell(c) for c in row.cells)}</tr>'


def _table(block: Table) -> str:
    total = sum(block.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    bodies = []
    for key, rows in groupby(block.rows, key=lambda r: r.group):
        klass = ' class="group"' if key is not None else ""
        bodies.append(f"<tbody{klass}>{''.join(_row(r) for r in rows)}</tbody>")
    return (
        f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"
    )


def _signature(block: Signature) -> str:
    left = "".join(f"<p>{escape(line)}</p>" for line in block.left)
    name = f"<p><b>{escape(block.name)}</b></p>" if block.name else ""
    return (
        f'<div class="signature"><div class="left">{left}</div><div>'
        f"<p><i>{escape(block.place_date)}</i></p><p><b>{escape(block.title)}</b></p>"
        f'<p><i>{escape(block.note)}</i></p><div class="sign"></div>{name}</div></div>'
    )


def render_html(document: Document) -> str:
    """*document* as a complete HTML page (UTF-8, ``lang="vi"``, print CSS for A4)."""
    parts = []
    for block in document.blocks:
        if isinstance(block, Para):
            parts.append(_para(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        else:
            parts.append(_signature(block))
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
