"""``ocop advise``, ``ocop whatif`` and ``ocop migrate``: the advisor on the command line.

    ocop advise REQUEST.json [--target N] [--cost FILE] [--fixed CODE ...] [--lang vi|en] [--text]
    ocop whatif REQUEST.json [--set CODE=OPTION ...] [--member NAME] [--policy P]
                             [--ruleset ID | --as-of DATE] [--flags F ...] [--lang] [--text]
    ocop migrate REQUEST.json [--to RULESET] [--lang vi|en] [--text]

JSON goes to stdout (the ``advice-output``, ``whatif-output`` and ``migrate-output``
documents); ``--text`` prints the explanation instead.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ocop.advice import advise, migrate, whatif
from ocop.advice.whatif import parse_setting
from ocop.cli._input import dump_json, optional_date, optional_integer, read_document
from ocop.ranking import MinimumPolicy
from ocop.serialize import rank_request_from_dict
from ocop.serialize.advice import (
    advice_to_dict,
    costs_from_dict,
    migration_to_dict,
    whatif_to_dict,
)

__all__ = ["add_commands"]


def _advise(args: argparse.Namespace, out: TextIO) -> int:
    request = rank_request_from_dict(read_document(args.file))
    costs = None if args.cost is None else costs_from_dict(read_document(args.cost))
    target = optional_integer("--target", args.target, minimum=1, maximum=5)
    advice = advise(request, target=target, costs=costs, fixed=args.fixed or ())
    if args.text:
        out.write("\n".join(advice.explain(args.lang)) + "\n")
    else:
        dump_json(advice_to_dict(advice, lang=args.lang), out)
    return 0


def _whatif(args: argparse.Namespace, out: TextIO) -> int:
    request = rank_request_from_dict(read_document(args.file))
    answers = dict(parse_setting(s) for s in args.set) if args.set else None
    result = whatif(
        request,
        answers=answers,
        member=args.member,
        policy=args.policy,
        ruleset=args.ruleset,
        as_of=optional_date("--as-of", args.as_of),
        flags=None if args.flags is None else tuple(args.flags),
    )
    if args.text:
        out.write("\n".join(result.explain(args.lang)) + "\n")
    else:
        dump_json(whatif_to_dict(result, lang=args.lang), out)
    return 0


def _migrate(args: argparse.Namespace, out: TextIO) -> int:
    migration = migrate(rank_request_from_dict(read_document(args.file)), to=args.to)
    if args.text:
        lines = [
            f"{migration.from_ruleset} sheet {migration.from_sheet} → "
            f"{migration.to_ruleset} sheet {migration.to_sheet}: "
            f"{len(migration.carried)} criteria carried over, "
            f"{len(migration.questions)} open question(s)."
        ]
        lines += [
            f"- {q.criterion} ({q.title}): {q.reason}, for {', '.join(q.members)}"
            for q in migration.questions
        ]
        for name, result in (
            ("Result", migration.result),
            ("Open questions at their lowest options", migration.lowest),
            ("Open questions at their highest options", migration.highest),
        ):
            if result is not None:
                lines.append(f"{name}: {result.stars}★, average {result.average_display}.")
        if migration.advice is not None:
            lines += migration.advice.explain(args.lang)
        lines += migration.notes
        out.write("\n".join(lines) + "\n")
    else:
        dump_json(migration_to_dict(migration, lang=args.lang), out)
    return 0


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("file", help="the rank request (JSON); - reads standard input")
    cmd.add_argument("--lang", choices=["en", "vi"], default="en", help="language of the text")
    cmd.add_argument("--text", action="store_true", help="print the explanation, not JSON")


def add_commands(sub: Any) -> None:
    """Register ``advise``, ``whatif`` and ``migrate``."""
    adv = sub.add_parser("advise", help="the fewest product improvements that reach a target class")
    _common(adv)
    adv.add_argument("--target", help="the star class to reach (default: the next one)")
    adv.add_argument("--cost", help="a cost table (JSON): the cheapest plan instead")
    adv.add_argument("--fixed", nargs="+", metavar="CODE", help="criteria not to raise")
    adv.set_defaults(func=_advise)

    wi = sub.add_parser("whatif", help="re-rank a product with changed answers, policy or rules")
    _common(wi)
    wi.add_argument("--set", action="append", metavar="CODE=OPTION", help="answer CODE with OPTION")
    wi.add_argument("--member", help="with --set: change this member's sheet only")
    wi.add_argument("--policy", choices=[p.value for p in MinimumPolicy], help="another policy")
    wi.add_argument("--ruleset", help="another rule set (the answers must fit its sheet)")
    wi.add_argument("--as-of", help="another evaluation date, YYYY-MM-DD")
    wi.add_argument("--flags", nargs="*", metavar="FLAG", help="another list of flags")
    wi.set_defaults(func=_whatif)

    mig = sub.add_parser("migrate", help="read an old dossier (148/1489) under 26/2026")
    _common(mig)
    mig.add_argument("--to", default="qd26-2026", help="the rule set (default: qd26-2026)")
    mig.set_defaults(func=_migrate)
