"""``ocop validate FILE|- [--schema NAME] [--jsonl]``: check a document against its JSON Schema.

The document is read with the library's strict reader (:func:`ocop.serialize.loads`: a
repeated key is an error); without ``--schema`` the schema is guessed from the document's
keys. Prints ``ok (NAME)``, or one line per error with its JSON path, e.g.
``members[0].answers["1.1"]: ...``; exit status 0 or 1. Needs the optional extra
``validate`` (``pip install "ocop[validate]"``, for ``jsonschema``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ocop.cli._input import read_input
from ocop.errors import InvalidInput, MissingExtra
from ocop.schemas import SCHEMAS, load_schema

__all__ = ["add_commands", "guess_schema", "validate_document"]


def guess_schema(doc: Any) -> str:
    """The name of the schema a document most likely follows (an InvalidInput if none)."""
    if isinstance(doc, list):
        if all(isinstance(x, Mapping) and "in_force_from" in x for x in doc):
            return "rulesets"
        if all(isinstance(x, Mapping) and "level" in x and "code" in x for x in doc):
            return "classification"
    elif isinstance(doc, Mapping):
        keys = set(doc)
        rules = [
            ("line" in keys and "error" in keys, "rank-jsonl-line"),
            (doc.get("format") == "ocop-errata-overlay", "errata-overlay"),
            ("objective" in keys and "changes" in keys, "advice-output"),
            ("differences" in keys and "after" in keys, "whatif-output"),
            ("from_ruleset" in keys and "carried" in keys, "migrate-output"),
            ("default" in keys and keys <= {"default", "criteria"}, "costs"),
            ("format_version" in keys and "stars" in keys, "rank-output"),
            ("members" in keys and "sheet" in keys, "rank-input"),
            ("issued" in keys, "certificate"),
            ("chair" in keys, "council"),
            ("applicant" in keys and "product" in keys, "dossier-forms"),
            ("sheets" in keys and "bands" in keys, "catalogue-export"),
            ("certificate" in keys and "status" in keys, "certificate-status"),
            ("province" in keys and "sequence" in keys, "code-parse"),
            ("action" in keys, "next-step"),
            ("levels" in keys, "procedure-levels"),
            ("rounds" in keys or "deadline" in keys, "calendar"),
            ("ruleset" in keys and "reason" in keys, "ruleset-selection"),
            ("targets" in keys and "instrument" in keys, "plan"),
            ("valid" in keys and "by_stars" in keys, "programme-stats"),
        ]
        for hit, name in rules:
            if hit:
                return name
    raise InvalidInput(
        "",
        None,
        f"cannot tell which document this is; name its schema with --schema ({', '.join(SCHEMAS)})",
    )


def _path(parts: Iterable[object]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out and not str(part).isidentifier():
            out += f'["{part}"]'
        else:
            out += f".{part}" if out else str(part)
    return out


def _validator(name: str) -> Any:
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtra("validate", "jsonschema", "ocop validate") from None
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate_document(doc: Any, name: str) -> list[str]:
    """The errors of *doc* against schema *name*, one line each, with its JSON path."""
    validator = _validator(name)
    errors = sorted(validator.iter_errors(doc), key=lambda e: (list(map(str, e.path)), e.message))
    lines = []
    for err in errors:
        where = _path(err.absolute_path)
        lines.append(f"{where}: {err.message}" if where else err.message)
    return lines


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from ocop.serialize import loads

    if args.schema is not None:
        load_schema(args.schema)  # an unknown name is an error before reading
    _validator(args.schema or "rank-input")  # the missing extra, before reading
    text = read_input(args.file)
    if args.jsonl:
        docs = [
            (f"line {n}: ", line) for n, line in enumerate(text.splitlines(), 1) if line.strip()
        ]
    else:
        docs = [("", text)]
    failed = False
    for prefix, body in docs:
        try:
            doc = loads(body)
        except InvalidInput as exc:
            out.write(f"{prefix}{exc}\n")
            failed = True
            continue
        name = args.schema or guess_schema(doc)
        errors = validate_document(doc, name)
        if errors:
            failed = True
            for line in errors:
                out.write(f"{prefix}{line} ({name})\n")
        else:
            out.write(f"{prefix}ok ({name})\n")
    return 1 if failed else 0


def add_commands(subparsers: Any) -> None:
    """Add ``validate`` to the ``ocop`` command's subparsers."""
    val = subparsers.add_parser(
        "validate", help="check a JSON document against its schema (needs ocop[validate])"
    )
    val.add_argument("file", help="the document (JSON); - reads standard input")
    val.add_argument(
        "--schema", choices=list(SCHEMAS), help="the schema (default: guessed from the document)"
    )
    val.add_argument("--jsonl", action="store_true", help="FILE is JSON Lines: check each line")
    val.set_defaults(func=_validate)
