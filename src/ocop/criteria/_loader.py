"""Load a catalogue data file, structure it strictly and check its integrity."""

from __future__ import annotations

import itertools
import json
import os
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from ocop._convert import structure
from ocop._trusted import structure_trusted
from ocop.criteria._checks import check_doubts, check_ruleset_conditions
from ocop.criteria.model import CriteriaSheet, Criterion, Erratum, Heading, Option
from ocop.criteria.ruleset import RuleSet
from ocop.errors import CatalogueIntegrityError, InvalidInput

_IMPLIED_NO = "Không"
_IMPLIED_YES = "Có"

T = TypeVar("T")


def read_package_json(filename: str) -> Any:
    """Parse a JSON file shipped in :mod:`ocop.criteria`.

    The file is read through this package's loader (a directory or a zip archive alike);
    :mod:`importlib.resources` is the fallback, as it is slow to import.
    """
    loader, origin = __spec__.loader, __spec__.origin
    get_data = getattr(loader, "get_data", None)
    if get_data is not None and origin is not None:
        data: bytes = get_data(os.path.join(os.path.dirname(origin), filename))
        return json.loads(data.decode("utf-8"))
    from importlib import resources  # pragma: no cover - loaders without get_data

    text = resources.files("ocop.criteria").joinpath(filename).read_text(encoding="utf-8")
    return json.loads(text)  # pragma: no cover


def structure_shipped(raw: Any, cls: type[T], *, path: str = "") -> T:
    """Structure shipped (trusted) data fast; on any failure, strictly, for the error's path.

    The test suite checks that both paths give equal objects for every shipped file
    (see :mod:`ocop._trusted`).
    """
    try:
        return structure_trusted(raw, cls)
    except (KeyError, TypeError, ValueError, AttributeError):
        return structure(raw, cls, path=path)


def _prepare(raw: Any) -> Any:
    """Derive what the data file leaves implicit, before strict structuring.

    * every criterion gets a :class:`~ocop.criteria.model.Source` citing its sheet
      and code, unless the file gives one;
    * a yes/no criterion (``binary: true``, printed with a maximum but no options)
      gets its two implied options ``no`` (0) and ``yes`` (its maximum);
    * a sheet of an unverified rule set is unverified (``verified`` is the sheet's own
      flag *and* the rule set's): the file marks the sheets whose own source is doubtful,
      and no sheet of a rule set that was not checked against its text claims to be.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("sheets"), list):
        return raw
    for sheet in raw["sheets"]:
        if not isinstance(sheet, dict):
            continue
        if raw.get("verified") is False:
            sheet["verified"] = False
        sheet_source = sheet.get("source")
        for crit in sheet.get("criteria", []):
            if not isinstance(crit, dict):
                continue
            if isinstance(sheet_source, dict) and "source" not in crit:
                crit["source"] = {
                    "instrument": sheet_source.get("instrument"),
                    "provision": f"{sheet_source.get('provision')}, tiêu chí {crit.get('code')}",
                }
            if crit.get("binary") is True and crit.get("options") == []:
                crit["options"] = [
                    {"key": "no", "label": _IMPLIED_NO, "points": 0, "implied": True},
                    {
                        "key": "yes",
                        "label": _IMPLIED_YES,
                        "points": crit.get("max_points"),
                        "implied": True,
                    },
                ]
    return raw


def _inherit(raw: Any, files: Mapping[str, str], seen: tuple[str, ...] = ()) -> Any:
    """Resolve ``"inherits": "<rule-set id>"``: an amending decision's file lists only what
    it changes. Sheets missing from the file, and the classification if absent, come from
    the inherited rule set; the file's own sheets replace the inherited ones by number."""
    if not isinstance(raw, dict) or "inherits" not in raw:
        return raw
    base_id = raw.pop("inherits")
    if base_id not in files or base_id in seen:
        raise CatalogueIntegrityError(str(raw.get("id")), "inherits", f"bad base {base_id!r}")
    base = _inherit(read_package_json(files[base_id]), files, (*seen, base_id))
    own = {s.get("number"): s for s in raw.get("sheets", []) if isinstance(s, dict)}
    raw["sheets"] = [own.pop(s["number"], s) for s in base["sheets"]] + list(own.values())
    raw.setdefault("classification", base.get("classification", []))
    return raw


def load_ruleset_file(filename: str, files: Mapping[str, str] | None = None) -> RuleSet:
    """Read, structure and check one shipped catalogue file.

    *files* maps rule-set ids to file names, for files that inherit from another.
    """
    raw = _prepare(_inherit(read_package_json(filename), files or {}))
    try:
        ruleset = structure_shipped(raw, RuleSet)
    except InvalidInput as exc:
        raise CatalogueIntegrityError(filename, exc.path, exc.message) from exc
    check_integrity(ruleset)
    return ruleset


# --------------------------------------------------------------------------- integrity


def _fail(ruleset: RuleSet, path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(ruleset.id, path, message)


def iter_errata(ruleset: RuleSet) -> Iterator[tuple[str, Erratum]]:
    """Every erratum of the rule set with a stable location id.

    The id reads ``<sheet>:<code>[/<option key>]:<field>`` or, for sheet-level
    errata, ``<sheet>:<location>:<field>``.
    """
    for sheet in ruleset.sheets:
        for err in sheet.errata:
            yield f"{sheet.number}:{err.location}:{err.field}", err
        for head in sheet.headings:
            for err in head.errata:
                yield f"{sheet.number}:{head.code}:{err.field}", err
        for crit in sheet.criteria:
            for err in crit.errata:
                yield f"{sheet.number}:{crit.code}:{err.field}", err
            for opt in crit.options:
                for err in opt.errata:
                    yield f"{sheet.number}:{crit.code}/{opt.key}:{err.field}", err


def _text_ok(text: str) -> bool:
    return bool(text) and text == text.strip() and unicodedata.is_normalized("NFC", text)


def _check_text(ruleset: RuleSet, path: str, text: str) -> None:
    if unicodedata.normalize("NFC", text) != text:
        raise _fail(ruleset, path, "text is not in Unicode NFC")
    if text != text.strip() or not text:
        raise _fail(ruleset, path, f"text is empty or has surrounding blanks: {text!r}")


def _check_errata(
    ruleset: RuleSet, path: str, errata: tuple[Erratum, ...], values: dict[str, object]
) -> None:
    for err in errata:
        if err.field in values and values[err.field] != err.used:
            raise _fail(
                ruleset,
                path,
                f"erratum says {err.field} {err.used!r} is used, "
                f"but the value is {values[err.field]!r}",
            )
        if not err.reason.strip():
            raise _fail(ruleset, path, "erratum without a reason")


def _check_options(ruleset: RuleSet, path: str, crit: Criterion) -> None:
    if not crit.options:
        raise _fail(ruleset, path, "criterion has no options")
    if crit.binary and not all(o.implied for o in crit.options):
        raise _fail(ruleset, path, "a binary criterion lists options")
    keys = [o.key for o in crit.options]
    if len(set(keys)) != len(keys):
        raise _fail(ruleset, path, f"duplicate option keys {keys}")
    case_keys = {c.key for c in crit.cases}
    by_case: dict[str | None, list[Option]] = {}
    for opt in crit.options:
        if (opt.case is None) != (not case_keys) or (
            opt.case is not None and opt.case not in case_keys
        ):
            raise _fail(
                ruleset,
                f"{path}/{opt.key}",
                f"option case {opt.case!r} does not fit the cases {sorted(case_keys)}",
            )
        by_case.setdefault(opt.case, []).append(opt)
        if not _text_ok(opt.label):  # the path is formatted only on failure (hot loop)
            _check_text(ruleset, f"{path}/{opt.key}.label", opt.label)
        if opt.errata:
            _check_errata(ruleset, f"{path}/{opt.key}", opt.errata, {"points": opt.points})
        if not 0 <= opt.points <= crit.max_points:
            raise _fail(
                ruleset, f"{path}/{opt.key}", f"points {opt.points} outside 0..{crit.max_points}"
            )
    for case, opts in by_case.items():
        where = f"{path} (case {case})" if case else path
        for prev, cur in itertools.pairwise(opts):
            equal_ok = any(e.kind == "equal_points" for e in cur.errata)
            if cur.points < prev.points or (cur.points == prev.points and not equal_ok):
                raise _fail(ruleset, where, f"options do not ascend: {[o.points for o in opts]}")
        if opts[-1].points > crit.max_points or (
            not case_keys and opts[-1].points != crit.max_points
        ):
            raise _fail(
                ruleset,
                where,
                f"top option is worth {opts[-1].points}, the maximum is {crit.max_points}",
            )
    if case_keys and max(o.points for o in crit.options) != crit.max_points:
        raise _fail(ruleset, path, f"no case reaches the maximum {crit.max_points}")
    for case, opts in by_case.items():
        where = f"{path} (case {case})" if case else path
        levels = [(i, o.min_stars) for i, o in enumerate(opts) if o.min_stars is not None]
        seen = [lvl for _, lvl in levels]
        if seen != sorted(set(seen)):
            raise _fail(
                ruleset,
                where,
                f"markers must rise with the options and appear once per level: {seen}",
            )


def check_integrity(ruleset: RuleSet) -> None:
    """Check every invariant of a rule set; raise :class:`CatalogueIntegrityError` on a breach.

    * bands partition ``[0, max]``: they start at 0, touch, and the top band is open-ended;
    * sheets are numbered 1..n; codes and keys are unique; parents exist;
    * each part's leaf maxima sum to the part's maximum, or fall short by exactly the
      points the sheet declares as gaps (what no source gives);
    * each heading's maximum equals the sum of its children's;
    * options ascend (strictly, unless an ``equal_points`` erratum says otherwise), stay within
      0..maximum, and the top option is worth the maximum (with alternative cases: the best
      case reaches it);
    * markers are 3, 4 or 5, rise with the options and appear at most once per level;
    * ``applies_if`` and the conditions name criteria and options that exist;
    * every erratum's ``used`` equals the value beside it; all text is NFC.
    """
    max_points = ruleset.max_points
    bands = sorted(ruleset.bands, key=lambda b: b.lower)
    if [b.stars for b in bands] != list(range(1, len(bands) + 1)):
        raise _fail(ruleset, "bands", "bands must be 1..n stars in ascending order of score")
    if bands[0].lower != 0 or bands[-1].upper is not None:
        raise _fail(ruleset, "bands", "bands must start at 0 and the top band must be open-ended")
    for low, high in itertools.pairwise(bands):
        if low.upper != high.lower:
            raise _fail(ruleset, "bands", f"gap or overlap between {low.stars}★ and {high.stars}★")
    if not bands[-1].lower <= max_points:
        raise _fail(ruleset, "bands", "top band starts above the maximum score")
    part_max: dict[str, int] = {p.code: p.max_points for p in ruleset.parts}
    numbers = [s.number for s in ruleset.sheets]
    if numbers != list(range(1, len(numbers) + 1)):
        raise _fail(ruleset, "sheets", f"sheets must be numbered 1..n in order, got {numbers}")
    for sheet in ruleset.sheets:
        _check_sheet(ruleset, sheet, part_max)
    check_ruleset_conditions(ruleset)
    _check_classification(ruleset)


def _check_classification(ruleset: RuleSet) -> None:
    """Phụ lục I: a tree whose leaves name each sheet exactly once, with their ministries."""
    if not ruleset.classification:
        return
    codes: dict[str, str] = {}
    depth = {"product_group": 0, "group": 1, "subgroup": 2}
    for entry in ruleset.classification:
        path = f"classification {entry.code}"
        if entry.code in codes:
            raise _fail(ruleset, path, "duplicate code")
        expected_parent = entry.code.rsplit(".", 1)[0] if "." in entry.code else None
        if entry.parent != expected_parent or (
            entry.parent is not None and entry.parent not in codes
        ):
            raise _fail(ruleset, path, f"parent {entry.parent!r} does not fit the code")
        if depth[entry.level] != entry.code.count("."):
            raise _fail(ruleset, path, f"level {entry.level} does not fit the code")
        if (entry.sheet is None) != (not entry.ministries):
            raise _fail(ruleset, path, "exactly the rows with a sheet name their ministries")
        if len(entry.ministries_en) != len(entry.ministries):
            raise _fail(ruleset, path, "every ministry needs its English name")
        _check_text(ruleset, f"{path}.name", entry.name)
        codes[entry.code] = entry.level
    sheets = sorted(e.sheet for e in ruleset.classification if e.sheet is not None)
    if sheets != [s.number for s in ruleset.sheets]:
        raise _fail(ruleset, "classification", f"must name every sheet once, names {sheets}")


def _check_sheet(ruleset: RuleSet, sheet: CriteriaSheet, part_max: Mapping[str, int]) -> None:
    sp = f"sheet {sheet.number}"
    _check_text(ruleset, f"{sp}.name", sheet.name)
    codes = [h.code for h in sheet.headings] + [c.code for c in sheet.criteria]
    if len(set(codes)) != len(codes):
        raise _fail(ruleset, sp, "duplicate codes")
    heading_codes = {h.code for h in sheet.headings}
    children: dict[str, int] = {}
    nodes: list[Heading | Criterion] = [*sheet.headings, *sheet.criteria]
    for node in nodes:
        if node.parent is not None:
            if node.parent not in heading_codes:
                raise _fail(ruleset, f"{sp} {node.code}", f"parent {node.parent} is not a heading")
            children[node.parent] = children.get(node.parent, 0) + node.max_points
        if not _text_ok(node.title):
            _check_text(ruleset, f"{sp} {node.code}.title", node.title)
    for head in sheet.headings:
        _check_errata(ruleset, f"{sp} {head.code}", head.errata, {"max_points": head.max_points})
        if head.doubts:
            check_doubts(
                ruleset, f"{sp} {head.code}", head.doubts, {"max_points": str(head.max_points)}
            )
        if children.get(head.code, 0) != head.max_points:
            raise _fail(
                ruleset,
                f"{sp} {head.code}",
                f"heading maximum {head.max_points} != "
                f"sum of its children {children.get(head.code, 0)}",
            )
    sums: dict[str, int] = {}
    for crit in sheet.criteria:
        path = f"{sp} {crit.code}"
        sums[crit.part] = sums.get(crit.part, 0) + crit.max_points
        _check_errata(ruleset, path, crit.errata, {"max_points": crit.max_points})
        _check_options(ruleset, path, crit)
        if crit.doubts:
            values = {
                "max_points": str(crit.max_points),
                "points": "/".join(str(o.points) for o in crit.options),
            }
            check_doubts(ruleset, path, crit.doubts, values)
        if crit.applies_if is not None:
            try:
                ref = sheet.criterion(crit.applies_if.criterion)
            except KeyError:
                raise _fail(
                    ruleset, path, f"applies_if names unknown criterion {crit.applies_if.criterion}"
                ) from None
            unknown = set(crit.applies_if.options) - {o.key for o in ref.options}
            if unknown or not crit.applies_if.options:
                raise _fail(ruleset, path, f"applies_if names unknown options {sorted(unknown)}")
    check_doubts(ruleset, sp, sheet.doubts, {})
    if any(g.part is None for g in sheet.gaps):
        if sheet.criteria or sheet.headings or len(sheet.gaps) != 1:
            raise _fail(ruleset, sp, "a missing sheet has one whole-sheet gap and no criteria")
        return
    missing = {p: sum(g.points for g in sheet.gaps if g.part == p) for p in part_max}
    if any(g.points <= 0 for g in sheet.gaps) or (sheet.verified and sheet.gaps):
        raise _fail(ruleset, sp, "gaps are positive and only on unverified sheets")
    if {p: sums.get(p, 0) + missing[p] for p in part_max} != part_max:
        raise _fail(ruleset, sp, f"part sums {sums} plus gaps {missing} != part maxima {part_max}")
    leaf_codes = {c.code for c in sheet.criteria}
    keys: set[str] = set()
    for cond in sheet.conditions:
        if (cond.effect == "not_in_class") != (cond.stars is not None):
            raise _fail(ruleset, f"{sp} condition {cond.key}", "only not_in_class names a class")
        cp = f"{sp} condition {cond.key}"
        if cond.key in keys:
            raise _fail(ruleset, cp, "duplicate condition key")
        keys.add(cond.key)
        if cond.printed_at is not None and cond.printed_at not in leaf_codes:
            raise _fail(ruleset, cp, f"printed at unknown criterion {cond.printed_at}")
        if set(cond.skips) - leaf_codes or set(cond.zero_on) - leaf_codes:
            raise _fail(ruleset, cp, "names unknown criteria")
        if (cond.effect == "skip_rest") != bool(cond.skips):
            raise _fail(
                ruleset, cp, "skip_rest conditions, and only they, list the criteria they skip"
            )
        if (cond.trigger == "zero_on") != bool(cond.zero_on):
            raise _fail(ruleset, cp, "zero_on triggers, and only they, list their criteria")
        if cond.sheets:
            raise _fail(ruleset, cp, "a sheet's condition names no sheets")
