"""The ``ocop`` command line (also ``python -m ocop``).

    ocop criteria list [RULESET] [--json] [--lang vi|en]
    ocop criteria find TEXT [--ruleset RULESET] [--lang vi|en]
    ocop criteria which --as-of DATE [--filed DATE --kind first|upgrade|reranking] [--json]
    ocop criteria export RULESET [--lang vi|en]
    ocop rank FILE|-  [--policy majority|all|mean] [--text] [--lang en|vi] [--level LEVEL]
                      [--overlay OVERLAY]
    ocop rank --jsonl FILE|-  [--policy ...] [--lang en|vi] [--fail-fast]
                              [--detail summary|full] [--jobs N] [--overlay OVERLAY]
    ocop schema [NAME]
    ocop process next|levels ...   ocop council check ...   ocop calendar ...
                                   (see ocop.cli.procedure)
    ocop certificate status ...    ocop code parse CODE   (see ocop.cli.certificates)
    ocop stats REGISTRY --as-of DATE [--json]   ocop report REGISTRY --plan PLAN ...
                                   (see ocop.cli.programme)
    ocop forms sheet|summary|registration|self-assessment|commune-report ...
                                   (see ocop.cli.forms)
    ocop advise|whatif|migrate ... (see ocop.cli.advice)

JSON goes to stdout; errors go to stderr as one line, with exit status 1 for bad
input and 2 for bad usage. No traceback is shown for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from ocop._version import __version__
from ocop.batch import with_overlay
from ocop.cli import procedure as procedure_cli
from ocop.cli._input import dump_json, optional_date, parse_date, parse_integer, read_document
from ocop.cli.advice import add_commands as add_advice_commands
from ocop.cli.certificates import add_commands as add_certificate_commands
from ocop.cli.conformance import add_commands as add_conformance_commands
from ocop.cli.forms import add_commands as add_forms_commands
from ocop.cli.programme import add_commands as add_programme_commands
from ocop.cli.serve import add_commands as add_serve_commands
from ocop.cli.validate import add_commands as add_validate_commands
from ocop.criteria import DossierKind, load_ruleset, select_ruleset
from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput, OcopError
from ocop.procedure import next_step_for
from ocop.ranking import MinimumPolicy, rank_request
from ocop.serialize import (
    classification_to_list,
    overlay_from_dict,
    rank_request_from_dict,
    result_to_dict,
    ruleset_to_dict,
)
from ocop.serialize.procedure import next_step_to_dict, rulesets_to_list, selection_to_dict


def _classification(args: argparse.Namespace, out: TextIO) -> int:
    ruleset = load_ruleset(args.ruleset)
    if args.json:
        dump_json(classification_to_list(ruleset), out)
        return 0
    indent = {"product_group": "", "group": "  ", "subgroup": "    "}
    for entry in ruleset.classification:
        code = entry.code.rsplit(".", 1)[-1]
        line = f"{indent[entry.level]}{code}. {entry.label(args.lang)}"
        if entry.sheet is not None:
            sheet = ruleset.sheet(entry.sheet)
            name = sheet.name_en if args.lang == "en" and sheet.name_en else sheet.name
            ministries = "; ".join(entry.ministries_in(args.lang))
            line += f"  → sheet {entry.sheet}: {name} [{ministries}]"
        out.write(line + "\n")
    return 0


def _criteria_find(args: argparse.Namespace, out: TextIO) -> int:
    ruleset = load_ruleset(args.ruleset)
    for sheet in ruleset.find_sheets(args.text):
        name = sheet.name_en if args.lang == "en" and sheet.name_en else sheet.name
        path = " › ".join(e.label(args.lang) for e in ruleset.classify(sheet.number)[:-1])
        out.write(f"{sheet.number:>2}  {name}  ({path})\n")
    return 0


def _criteria_list(args: argparse.Namespace, out: TextIO) -> int:
    if args.ruleset is not None:
        return _classification(args, out)
    rows = rulesets_to_list()
    if args.json:
        dump_json(rows, out)
        return 0
    for row in rows:
        until = row["in_force_until"] or "(in force)"
        state = "verified" if row["verified"] else "UNVERIFIED"
        gaps = row["unavailable_sheets"]
        missing = f"; sheets without full criteria: {', '.join(map(str, gaps))}" if gaps else ""
        out.write(
            f"{row['id']:<12} {row['instrument']:<15} {row['in_force_from']} – {until:<10}  "
            f"{row['sheets']} sheets, {state}{missing}\n"
        )
    return 0


def _criteria_which(args: argparse.Namespace, out: TextIO) -> int:
    as_of = parse_date("as_of", args.as_of)
    filed = optional_date("filed", args.filed)
    choice = select_ruleset(as_of, filed=filed, kind=args.kind)
    if args.json:
        dump_json(selection_to_dict(choice, as_of=as_of, filed=filed, kind=args.kind), out)
    else:
        out.write(f"{choice.ruleset}: {choice.reason} [{choice.source}]\n")
    return 0


def _criteria_export(args: argparse.Namespace, out: TextIO) -> int:
    dump_json(ruleset_to_dict(load_ruleset(args.ruleset), lang=args.lang), out)
    return 0


def _rank_jsonl(args: argparse.Namespace, out: TextIO) -> int:
    from ocop.jsonl import rank_jsonl

    cpus = os.cpu_count() or 1
    jobs = parse_integer("--jobs", args.jobs, maximum=cpus, bound=" (one per CPU; 0: all)")
    overlay = _overlay(args.overlay)
    source = sys.stdin.buffer if args.file == "-" else None
    try:
        fh = source if source is not None else open(args.file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InvalidInput("", args.file, f"cannot read {args.file}: {exc.strerror}") from None
    try:
        summary = rank_jsonl(
            fh,
            out,
            policy=args.policy,
            lang=args.lang,
            detail=args.detail,
            fail_fast=args.fail_fast,
            progress=sys.stderr if sys.stderr.isatty() else None,
            jobs=jobs,
            overlay=overlay,
        )
    finally:
        if source is None:
            fh.close()
    print(f"ocop: {summary}", file=sys.stderr)
    return 1 if summary.failed else 0


def _overlay(name: str | None) -> Overlay | None:
    """The errata overlay document named by ``--overlay`` (errors name ``overlay.…``)."""
    return None if name is None else overlay_from_dict(read_document(name), path="overlay")


def _rank(args: argparse.Namespace, out: TextIO) -> int:
    if args.jsonl:
        return _rank_jsonl(args, out)
    overlay = _overlay(args.overlay)
    request = with_overlay(rank_request_from_dict(read_document(args.file)), overlay)
    result = rank_request(request, policy=args.policy)
    step = None if args.level is None else next_step_for(result, level=args.level)
    if args.text:
        out.write("\n".join(result.explain(args.lang)) + "\n")
        if step is not None:
            out.write(f"Next step: {step}\n")
    else:
        doc = result_to_dict(result, lang=args.lang)
        if step is not None:
            doc["next_step"] = next_step_to_dict(step)
        dump_json(doc, out)
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from ocop.schemas import SCHEMAS, load_schema

    if args.name is None:
        width = max(map(len, SCHEMAS)) + 1
        for name, title in SCHEMAS.items():
            out.write(f"{name:<{width}} {title}\n")
        return 0
    dump_json(load_schema(args.name), out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocop",
        description="Vietnam's OCOP product-ranking rules: criteria catalogues and star ranking.",
    )
    parser.add_argument("--version", action="version", version=f"ocop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    crit = sub.add_parser("criteria", help="the criteria catalogues (rule sets)")
    crit_sub = crit.add_subparsers(dest="action", required=True)
    lst = crit_sub.add_parser(
        "list",
        help="the rule sets known; with a rule set, its classification of products (Phụ lục I)",
    )
    lst.add_argument("ruleset", nargs="?", help="list this rule set's product groups and sheets")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lst.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the labels")
    lst.set_defaults(func=_criteria_list)
    find = crit_sub.add_parser("find", help="which criteria sheet a kind of product belongs to")
    find.add_argument("text", help='part of a name, in Vietnamese or English ("mật ong", "honey")')
    find.add_argument("--ruleset", default="qd26-2026", help="rule-set id (default: qd26-2026)")
    find.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the labels")
    find.set_defaults(func=_criteria_find)
    which = crit_sub.add_parser(
        "which", help="the rule set that governs an evaluation on a date (and why)"
    )
    which.add_argument("--as-of", required=True, help="evaluation date, YYYY-MM-DD")
    which.add_argument("--filed", help="date the dossier was filed, YYYY-MM-DD")
    which.add_argument("--kind", choices=[k.value for k in DossierKind], help="the dossier's kind")
    which.add_argument("--json", action="store_true", help="print JSON instead of a line")
    which.set_defaults(func=_criteria_which)
    exp = crit_sub.add_parser("export", help="a rule set's complete catalogue as JSON")
    exp.add_argument("ruleset", help="rule-set id, e.g. qd26-2026")
    exp.add_argument(
        "--lang", choices=["vi", "en"], help="also give every name a 'label' in this language"
    )
    exp.set_defaults(func=_criteria_export)

    rk = sub.add_parser("rank", help="rank one product from its council members' sheets (JSON)")
    rk.add_argument("file", help="the rank request (JSON); - reads standard input")
    rk.add_argument(
        "--policy",
        choices=[p.value for p in MinimumPolicy],
        help="how several sheets meet a per-star minimum (default: the request's, else majority)",
    )
    rk.add_argument(
        "--text", action="store_true", help="print the explanation as text instead of JSON"
    )
    rk.add_argument(
        "--lang", choices=["en", "vi"], default="en", help="language of the explanation"
    )
    rk.add_argument(
        "--level",
        choices=["province", "central", "district"],
        help="add the next step after this level (recognise, forward, ...) to the output",
    )
    rk.add_argument(
        "--jsonl",
        action="store_true",
        help="FILE is JSON Lines: one rank request per line, one result (or error) per line out",
    )
    rk.add_argument(
        "--fail-fast", action="store_true", help="with --jsonl: stop at the first failed line"
    )
    rk.add_argument(
        "--detail",
        choices=["summary", "full"],
        default="summary",
        help="with --jsonl: summary lines (no answers, no explanation; the default) "
        "or the full result document",
    )
    rk.add_argument(
        "--jobs",
        default="1",
        metavar="N",
        help="with --jsonl: rank in N worker processes, at most one per CPU (0: one per "
        "CPU); same output",
    )
    rk.add_argument(
        "--overlay",
        metavar="OVERLAY",
        help="rank under this errata overlay (a JSON document, schema errata-overlay); "
        "a request that carries its own overlay is refused",
    )
    rk.set_defaults(func=_rank)

    sch = sub.add_parser("schema", help="print the JSON Schema of a public JSON document")
    sch.add_argument("name", nargs="?", help="the document; leave out to list them")
    sch.set_defaults(func=_schema)
    add_certificate_commands(sub)
    add_validate_commands(sub)
    add_conformance_commands(sub)
    add_serve_commands(sub)
    add_programme_commands(sub)
    add_forms_commands(sub)
    procedure_cli.add_commands(sub)
    add_advice_commands(sub)
    return parser


#: The longest error message printed, in characters (values are quoted in messages).
MAX_MESSAGE_CHARS = 1000


def _one_line(message: str) -> str:
    """*message* on one line (line breaks escaped), at most :data:`MAX_MESSAGE_CHARS`."""
    line = message.replace("\r", "\\r").replace("\n", "\\n")
    line = line.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
    return line if len(line) <= MAX_MESSAGE_CHARS else line[:MAX_MESSAGE_CHARS] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args, sys.stdout)
    except OcopError as exc:
        print(f"ocop: error: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ocop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `ocop criteria export ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
