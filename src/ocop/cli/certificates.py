"""The ``ocop certificate`` and ``ocop code`` subcommands.

    ocop certificate status --issued DATE --as-of DATE [--stars N] [--ruleset ID]
                            [--valid-until DATE] [--filed DATE] [--result DATE [--result-stars N]]
                            [--revoked DATE --ground LETTER]
    ocop certificate status --file FILE|- --as-of DATE
    ocop code parse CODE [--check-commune]

Both print JSON on stdout. Bad input raises an :class:`~ocop.errors.OcopError`, which the
main program prints as one line on stderr with exit status 1.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ocop.certificates.codes import lookup_commune, parse_product_code
from ocop.certificates.events import Event, ReRanked, ReRankingFiled, RevocationGround, Revoked
from ocop.certificates.model import Certificate, certificate_rulesets, ruleset_in_force
from ocop.certificates.status import certificate_status
from ocop.cli._input import dump_json, optional_date, optional_integer, read_document
from ocop.errors import InvalidInput
from ocop.serialize.certificates import (
    certificate_from_dict,
    certificate_status_to_dict,
    product_code_to_dict,
)


def _need(option: str, value: date | None) -> date:
    if value is None:  # pragma: no cover - argparse marks these required
        raise InvalidInput(option, None, "is required")
    return value


#: The options that describe a certificate or its events, given instead of --file.
_CERTIFICATE_OPTIONS = (
    "stars",
    "ruleset",
    "valid_until",
    "filed",
    "result",
    "result_stars",
    "revoked",
    "ground",
)


def _from_options(args: argparse.Namespace) -> tuple[Certificate, list[Event]]:
    issued = _need("--issued", optional_date("--issued", args.issued))
    ruleset = args.ruleset if args.ruleset is not None else ruleset_in_force(issued).id
    cert = Certificate(
        issued=issued,
        ruleset=ruleset,
        stars=optional_integer("--stars", args.stars, minimum=3, maximum=5),
        stated_valid_until=optional_date("--valid-until", args.valid_until),
    )
    events: list[Event] = []
    filed = optional_date("--filed", args.filed)
    if filed is not None:
        events.append(ReRankingFiled(on=filed))
    result = optional_date("--result", args.result)
    result_stars = optional_integer("--result-stars", args.result_stars, minimum=3, maximum=5)
    if result is not None:
        events.append(ReRanked(on=result, stars=result_stars))
    elif args.result_stars is not None:
        raise InvalidInput("--result-stars", args.result_stars, "needs --result DATE")
    revoked = optional_date("--revoked", args.revoked)
    if revoked is not None:
        ground = None if args.ground is None else RevocationGround(args.ground)
        events.append(Revoked(on=revoked, ground=ground))
    elif args.ground is not None:
        raise InvalidInput("--ground", args.ground, "needs --revoked DATE")
    return cert, events


def _from_file(args: argparse.Namespace) -> tuple[Certificate, list[Event]]:
    given = [
        "--" + name.replace("_", "-")
        for name in _CERTIFICATE_OPTIONS
        if getattr(args, name) is not None
    ]
    if given:
        # A wrong command line, like --issued with --file (which argparse refuses): exit 2.
        args.usage_error(
            f"argument --file: not allowed with {', '.join(given)} (the certificate "
            "document holds the certificate and its events)"
        )
    cert, events = certificate_from_dict(read_document(args.file))
    return cert, list(events)


def _status(args: argparse.Namespace, out: TextIO) -> int:
    as_of = _need("--as-of", optional_date("--as-of", args.as_of))
    cert, events = _from_file(args) if args.file is not None else _from_options(args)
    status = certificate_status(cert, as_of, events)
    note = None
    if args.file is None and args.ruleset is None:
        note = f"no --ruleset given: the newest in force on {cert.issued.isoformat()}"
    dump_json(certificate_status_to_dict(status, ruleset_note=note), out)
    return 0


def _code_parse(args: argparse.Namespace, out: TextIO) -> int:
    code = parse_product_code(args.code)
    commune = lookup_commune(code) if args.check_commune else None
    dump_json(product_code_to_dict(code, commune=commune), out)
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``certificate`` and ``code`` to the ``ocop`` command's subparsers."""
    cert = subparsers.add_parser("certificate", help="certificates: validity, status, deadlines")
    cert_sub = cert.add_subparsers(dest="action", required=True)
    st = cert_sub.add_parser(
        "status",
        help="a certificate's status on a date, its re-ranking window and next deadline (JSON)",
    )
    which = st.add_mutually_exclusive_group(required=True)
    which.add_argument("--issued", help="day the certificate was issued (YYYY-MM-DD)")
    which.add_argument(
        "--file",
        help="a certificate document (JSON: the certificate and its events; - reads standard "
        "input), instead of --issued and the other options",
    )
    st.add_argument("--as-of", required=True, help="the day asked about (YYYY-MM-DD)")
    st.add_argument("--stars", metavar="{3,4,5}", help="the certified class")
    st.add_argument(
        "--ruleset",
        choices=[r.id for r in certificate_rulesets()],
        help="rule set it was issued under (default: the newest in force on the issue day)",
    )
    st.add_argument("--valid-until", help="expiry date printed in the decision, if any")
    st.add_argument("--filed", help="day a re-ranking dossier was filed")
    st.add_argument("--result", help="day of the re-ranking result")
    st.add_argument(
        "--result-stars",
        metavar="{3,4,5}",
        help="class re-recognised by the result (leave out if not re-recognised)",
    )
    st.add_argument("--revoked", help="day of a revocation decision")
    st.add_argument(
        "--ground",
        choices=[g.value for g in RevocationGround],
        help="ground of the revocation (26/2026 Điều 8.1)",
    )
    st.set_defaults(func=_status, usage_error=st.error)

    code = subparsers.add_parser("code", help="OCOP product codes (mã số sản phẩm)")
    code_sub = code.add_subparsers(dest="action", required=True)
    parse = code_sub.add_parser("parse", help="parse and validate a product code (JSON)")
    parse.add_argument("code", help="e.g. 68-24781-12-2026 or 83-832-28882-2-2022")
    parse.add_argument(
        "--check-commune",
        action="store_true",
        help='check the commune code too (needs pip install "ocop[provinces]")',
    )
    parse.set_defaults(func=_code_parse)
