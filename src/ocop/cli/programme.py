"""The ``ocop stats`` and ``ocop report`` subcommands (programme monitoring, issue 16).

    ocop stats REGISTRY --as-of DATE [--area NAME] [--from DATE] [--units current|as_recorded]
               [--json]
    ocop report REGISTRY --plan PLAN --as-of DATE [--format html|md] [--lang vi|en]
                [--no-charts] --output FILE

REGISTRY is a CSV (``.csv``) or JSON Lines (``.jsonl``) file of recognised products
(docs/howto/programme.md); PLAN a shipped plan's id (``qd490-2018``) or a plan document.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ocop.cli._input import dump_json, optional_date, parse_date, read_document
from ocop.errors import InvalidInput
from ocop.programme import (
    Plan,
    ProvinceUnits,
    Registry,
    flows,
    load_plan,
    read_registry_csv,
    read_registry_jsonl,
    shipped_plans,
    statistics,
)
from ocop.programme.units import DEFAULT_UNITS
from ocop.serialize.programme import plan_from_dict, stats_to_dict

#: The largest registry file read, in bytes (a national registry of 20,000 rows is ~3 MB).
MAX_REGISTRY = 256 * 2**20


def read_registry(name: str) -> Registry:
    """The registry in file *name*: CSV, or JSON Lines for a ``.jsonl`` name."""
    from ocop.serialize import decode_utf8

    try:
        with open(name, "rb") as fh:
            data = fh.read(MAX_REGISTRY + 1)
    except OSError as exc:
        raise InvalidInput("", name, f"cannot read {name}: {exc.strerror}") from None
    if len(data) > MAX_REGISTRY:
        raise InvalidInput("", name, f"{name} is larger than {MAX_REGISTRY // 2**20} MiB")
    text = decode_utf8(data, name)
    if name.endswith((".jsonl", ".ndjson")):
        return read_registry_jsonl(text)
    return read_registry_csv(text)


def _plan(name: str) -> Plan:
    if any(p.id == name for p in shipped_plans()):
        return load_plan(name)
    if not Path(name).exists():
        known = ", ".join(p.id for p in shipped_plans())
        raise InvalidInput("--plan", name, f"no such file or shipped plan; shipped plans: {known}")
    return plan_from_dict(read_document(name))


def _stats(args: argparse.Namespace, out: TextIO) -> int:
    as_of = parse_date("--as-of", args.as_of)
    start = optional_date("--from", args.start)
    registry = read_registry(args.registry)
    st = statistics(registry, as_of, area=args.area, units=args.units)
    period = (
        None if start is None else flows(registry, start, as_of, area=args.area, units=args.units)
    )
    if args.json:
        dump_json(stats_to_dict(st, flows=period), out)
        return 0
    out.write(
        f"as of {st.as_of.isoformat()}: {st.valid} products in force, "
        f"{st.producers} producers ({st.unnamed} products without a producer name)\n"
    )
    for name in ("by_stars", "by_producer_type", "by_province", "by_year"):
        counts = getattr(st, name)
        listed = ", ".join(f"{k}={v}" for k, v in counts.items()) or "none"
        out.write(f"{name}: {listed}\n")
    if st.unknown_provinces:
        unknown = ", ".join(st.unknown_provinces)
        out.write(f"not a province's name (counted as written): {unknown}\n")
    if period is not None:
        out.write(
            f"flows {period.start.isoformat()}..{period.end.isoformat()}: new={period.new}, "
            f"upgraded={period.upgraded}, reranked={period.reranked}, "
            f"expired={period.expired}, revoked={period.revoked}\n"
        )
    return 0


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from ocop.reports import render_report

    as_of = parse_date("--as-of", args.as_of)
    registry = read_registry(args.registry)
    plan = _plan(args.plan)
    text = render_report(
        registry, plan, as_of, fmt=args.format, lang=args.lang, charts=not args.no_charts
    )
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("--output", args.output, f"cannot write: {exc.strerror}") from None
    out.write(f"wrote {args.output}\n")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    st = sub.add_parser("stats", help="statistics of a registry of recognised products on a date")
    st.add_argument("registry", help="a CSV or JSON Lines (.jsonl) registry")
    st.add_argument("--as-of", required=True, help="the day (YYYY-MM-DD)")
    st.add_argument("--area", help="only this province or commune")
    st.add_argument("--from", dest="start", help="also the flows from this day to --as-of")
    st.add_argument(
        "--units",
        choices=[u.value for u in ProvinceUnits],
        default=DEFAULT_UNITS.value,
        help="count provinces as the units in force on --as-of (the 34 of Nghị quyết "
        "202/2025/QH15 from 2025-07-01; default) or as the registry writes them",
    )
    st.add_argument("--json", action="store_true", help="print the JSON document")
    st.set_defaults(func=_stats)

    rp = sub.add_parser("report", help="a progress report (HTML or Markdown) against a plan")
    rp.add_argument("registry", help="a CSV or JSON Lines (.jsonl) registry")
    rp.add_argument("--plan", required=True, help="a shipped plan's id or a plan document")
    rp.add_argument("--as-of", required=True, help="the day (YYYY-MM-DD)")
    rp.add_argument("--format", choices=["html", "md"], default="html")
    rp.add_argument("--lang", choices=["vi", "en"], default="vi")
    rp.add_argument("--no-charts", action="store_true", help="without charts (no matplotlib)")
    rp.add_argument("--output", required=True, help="the file to write")
    rp.set_defaults(func=_report)
