"""``ocop forms``: printable score sheets, the council's summary and the forms of Phụ lục III.

    ocop forms sheet --ruleset ID --sheet N --format html|pdf|docx --output FILE
                     [--answers REQUEST.json --member NAME]
                     [--product TEXT --code T-X-STT-YYYY --producer TEXT --phone TEXT
                      --address TEXT]
    ocop forms summary REQUEST.json --format html|pdf|docx --output FILE [--product TEXT]
    ocop forms registration|self-assessment|commune-report INPUT.json
                     --format docx|pdf|html --output FILE

PDF needs the extra ``pdf`` and DOCX the extra ``docx``; without it, one line names the
extra and the exit status is 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from ocop.cli._input import parse_integer, read_document
from ocop.errors import InvalidInput
from ocop.forms import (
    FORMATS,
    Document,
    SheetHeader,
    commune_report_document,
    council_summary_document,
    dossier_from_dict,
    registration_document,
    render,
    score_sheet_document,
    self_assessment_document,
)
from ocop.serialize import rank_request_from_dict

__all__ = ["add_commands"]

_DOSSIER = {
    "registration": registration_document,
    "self-assessment": self_assessment_document,
    "commune-report": commune_report_document,
}


def _write(document: Document, args: argparse.Namespace, out: TextIO) -> int:
    data = render(document, args.format)
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise InvalidInput("--output", args.output, f"cannot write: {exc.strerror}") from None
    out.write(f"{args.output}: {document.title} ({args.format}, {len(data):,} bytes)\n")
    return 0


def _sheet(args: argparse.Namespace, out: TextIO) -> int:
    number = parse_integer("--sheet", args.sheet, minimum=1)
    if (args.answers is None) != (args.member is None):
        raise InvalidInput("--member", args.member, "--answers and --member go together")
    request = None if args.answers is None else rank_request_from_dict(read_document(args.answers))
    header = SheetHeader(
        product=args.product,
        code=args.code,
        producer=args.producer,
        phone=args.phone,
        address=args.address,
    )
    document = score_sheet_document(
        args.ruleset, number, header=header, request=request, member=args.member
    )
    return _write(document, args, out)


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    request = rank_request_from_dict(read_document(args.file))
    return _write(council_summary_document(request, product=args.product), args, out)


def _dossier(args: argparse.Namespace, out: TextIO) -> int:
    dossier = dossier_from_dict(read_document(args.file))
    return _write(_DOSSIER[args.form](dossier), args, out)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True, help="the file's format")
    parser.add_argument("--output", required=True, metavar="FILE", help="the file to write")


def add_commands(sub: Any) -> None:
    """Register ``ocop forms`` on the main parser's subcommands."""
    forms = sub.add_parser(
        "forms", help="printable score sheets, the council's summary, dossier forms"
    )
    forms_sub = forms.add_subparsers(dest="form", required=True)
    sheet = forms_sub.add_parser("sheet", help="a score sheet (phiếu đánh giá), blank or filled")
    sheet.add_argument("--ruleset", required=True, help="rule-set id, e.g. qd26-2026")
    sheet.add_argument("--sheet", required=True, metavar="N", help="the criteria set's number")
    _output(sheet)
    sheet.add_argument("--answers", metavar="REQUEST.json", help="a rank request to fill from")
    sheet.add_argument("--member", metavar="NAME", help="the member whose answers to print")
    for name, what in (
        ("product", "Tên sản phẩm"),
        ("code", "Mã số sản phẩm, T-X-STT-YYYY"),
        ("producer", "Tên chủ thể sản xuất"),
        ("phone", "Số điện thoại"),
        ("address", "Địa chỉ"),
    ):
        sheet.add_argument(f"--{name}", help=f"the header's {what}")
    sheet.set_defaults(func=_sheet)
    summary = forms_sub.add_parser("summary", help="the council's summary (bảng tổng hợp)")
    summary.add_argument("file", help="the rank request (JSON); - reads standard input")
    _output(summary)
    summary.add_argument("--product", help="the product's name (default: the request's id)")
    summary.set_defaults(func=_summary)
    for name, function in _DOSSIER.items():
        form = forms_sub.add_parser(name, help=(function.__doc__ or "").split("\n")[0])
        form.add_argument("file", help="the dossier-forms document (JSON); - reads stdin")
        _output(form)
        form.set_defaults(func=_dossier)
