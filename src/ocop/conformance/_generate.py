"""The conformance cases, generated from the library itself.

Every answer sheet is built from a sheet's catalogue (its options and their points), every
clause is a :class:`~ocop.Source` of the library (a band's, a criterion's, a sheet's, a
:class:`~ocop.criteria.Selection`'s), and every expected value is what
:func:`ocop.ranking.rank_request` gives for the request; nothing is typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from ocop._convert import format_fraction
from ocop._source import Source
from ocop.conformance._certificate_cases import certificate_cases
from ocop.conformance._code_cases import code_cases
from ocop.criteria import load_ruleset, select_ruleset
from ocop.criteria.model import Condition, CriteriaSheet, Criterion, Option
from ocop.criteria.registry import rulesets as list_rulesets
from ocop.criteria.ruleset import RuleSet
from ocop.ranking import RankResult, rank_request
from ocop.serialize import rank_request_from_dict

__all__ = ["GROUPS", "expected_of", "generate_cases"]

#: The clause groups, in the order they are generated and reported: the ranking's (``rank``
#: cases), the certificates' (``certificate-status`` cases) and the product codes'
#: (``code-parse`` cases).
GROUPS = (
    "bands",
    "minimums",
    "conditions",
    "policies",
    "transition",
    "terms",
    "reranking",
    "revocation",
    "codes",
)

_MAIN = "qd26-2026"


def _clause(source: Source) -> dict[str, str]:
    doc = {"instrument": source.instrument, "provision": source.provision}
    if source.url is not None:
        doc["url"] = source.url
    return doc


def expected_of(result: RankResult) -> dict[str, Any]:
    """The fields of *result* an implementation must reproduce."""
    return {
        "ruleset": result.ruleset,
        "status": result.status,
        "stars": result.stars,
        "band_stars": result.band_stars,
        "average_exact": format_fraction(result.average),
        "failed_minimums": sorted(
            ({"criterion": f.criterion, "stars": f.stars} for f in result.failed_minimums),
            key=lambda f: (f["criterion"], f["stars"]),
        ),
    }


def _case(group: str, id_: str, clause: Source, description: str, request: dict[str, Any]) -> Any:
    request = {"id": f"{group}/{id_}", **request}
    result = rank_request(rank_request_from_dict(request))
    return {
        "id": request["id"],
        "kind": "rank",
        "group": group,
        "clause": _clause(clause),
        "description": description,
        "request": request,
        "expected": expected_of(result),
    }


def _members(*answers: dict[str, str]) -> list[dict[str, Any]]:
    return [{"member": "ABCDEFGH"[i], "answers": a} for i, a in enumerate(answers)]


def top(sheet: CriteriaSheet) -> dict[str, str]:
    """Every criterion answered with its last (highest) option."""
    return {c.code: c.options[-1].key for c in sheet.criteria}


def _marker_floor(crit: Criterion, band: int) -> int:
    """The fewest points on *crit* that miss no marker of *band* stars or fewer."""
    return max((o.points for o in crit.options if o.min_stars and o.min_stars <= band), default=0)


def _allowed(sheet: CriteriaSheet, crit: Criterion, band: int) -> list[Option]:
    """The options *crit* may take in a band case: no marker of the band missed, no
    knock-out triggered, the top option's case kept, conditional criteria kept applicable."""
    zero_on = {c for cond in sheet.conditions for c in cond.zero_on}
    sources = {c.applies_if.criterion: c.applies_if.options for c in sheet.criteria if c.applies_if}
    best = crit.options[-1]
    keep = []
    for o in crit.options:
        if o.case != best.case or o.points < _marker_floor(crit, band):
            continue
        if (crit.code in zero_on and o.points == 0) or (
            crit.code in sources and o.key not in sources[crit.code]
        ):
            continue
        keep.append(o)
    return keep


def answers_with_total(sheet: CriteriaSheet, total: int, band: int) -> dict[str, str] | None:
    """A sheet scoring exactly *total* that misses no marker of *band* stars or fewer."""
    full = sum(c.max_points for c in sheet.criteria)
    # reachable[r] = the choices (criterion code -> option key) that lower the sheet by r
    reachable: dict[int, dict[str, str]] = {0: {}}
    for crit in sheet.criteria:
        step: dict[int, dict[str, str]] = {}
        for lost, chosen in reachable.items():
            for o in _allowed(sheet, crit, band):
                r = lost + crit.max_points - o.points
                if r <= full - total and r not in step:
                    step[r] = chosen | {crit.code: o.key}
        reachable = step
    return reachable.get(full - total)


def _band_cases(rs: RuleSet, sheets: Sequence[CriteriaSheet]) -> Iterator[Any]:
    for sheet in sheets:
        for band in rs.bands:
            if band.lower == 0 or band.lower.denominator != 1:
                continue
            floor = int(band.lower)
            below = next(b.stars for b in rs.bands if b.upper == band.lower)
            at = answers_with_total(sheet, floor, band.stars)
            under = answers_with_total(sheet, floor - 1, below)
            if at is None or under is None:  # the sheet cannot reach it within the constraints
                continue
            req = {"ruleset": rs.id, "sheet": sheet.number, "flags": [], "policy": "majority"}
            name = f"{rs.id}/sheet-{sheet.number:02d}/floor-{floor}"
            note = "" if rs.verified else " (a rule set the library marks unverified)"
            yield _case(
                "bands",
                f"{name}/at",
                band.source,
                f"{rs.id} sheet {sheet.number}: two members total {floor} each; the average "
                f"{floor} is the floor of the {band.stars}-star band, every per-star minimum "
                f"of that band is met{note}",
                req | {"members": _members(at, at)},
            )
            yield _case(
                "bands",
                f"{name}/just-below",
                band.source,
                f"{rs.id} sheet {sheet.number}: members total {floor} and {floor - 1}; the "
                f"average {format_fraction(Fraction(2 * floor - 1, 2))} is just below the "
                f"{band.stars}-star floor ({below}-star band, its minimums met){note}",
                req | {"members": _members(at, under)},
            )


def _just_below(crit: Criterion, level: int) -> tuple[Option, Option] | None:
    """The first option marked for *level* stars and the option below it, when missing
    it misses no lower marker (as tools/make_cases_qd26.py chooses them)."""
    opts = list(crit.options)
    marked = [i for i, o in enumerate(opts) if o.min_stars == level and not o.case]
    if not marked or marked[0] == 0:
        return None
    below = opts[marked[0] - 1]
    missed = {o.min_stars for o in opts if o.min_stars and below.points < o.points}
    return (opts[marked[0]], below) if min(missed) == level else None


def _minimum_cases(rs: RuleSet) -> Iterator[Any]:
    for sheet in rs.sheets:
        base = top(sheet)
        req = {"ruleset": rs.id, "sheet": sheet.number, "flags": [], "policy": "majority"}
        for level in (3, 4, 5):
            for crit in sheet.criteria:
                pair = _just_below(crit, level)
                if pair is None:
                    continue
                marked, below = pair
                name = f"{rs.id}/sheet-{sheet.number:02d}/{crit.code}-{level}-stars"
                what = f"{rs.id} sheet {sheet.number}, criterion {crit.code}: option"
                yield _case(
                    "minimums",
                    f"{name}/met",
                    crit.source,
                    f"{what} {marked.key!r} ({marked.points} points) is the {level}-star "
                    "minimum; reached, every other answer at its top",
                    req | {"members": _members(base | {crit.code: marked.key})},
                )
                yield _case(
                    "minimums",
                    f"{name}/not-met",
                    crit.source,
                    f"{what} {below.key!r} ({below.points} points) is just below the "
                    f"{level}-star minimum {marked.key!r}: at most {level - 1} stars",
                    req | {"members": _members(base | {crit.code: below.key})},
                )
                break


def _condition_source(sheet: CriteriaSheet, cond: Condition) -> Source:
    """Where a knock-out is printed: at its criterion's row, else on the sheet."""
    if cond.printed_at is not None:
        crit = next((c for c in sheet.criteria if c.code == cond.printed_at), None)
        if crit is not None:
            return crit.source
    return sheet.source


def _condition_cases(rs: RuleSet) -> Iterator[Any]:
    for sheet in rs.sheets:
        base = top(sheet)
        req = {"ruleset": rs.id, "sheet": sheet.number, "policy": "majority"}
        name = f"{rs.id}/sheet-{sheet.number:02d}"
        for cond in sheet.conditions:
            source = _condition_source(sheet, cond)
            if cond.trigger == "flag":
                answers = base
                if cond.effect == "skip_rest":
                    answers = {k: v for k, v in base.items() if k not in cond.skips}
                yield _case(
                    "conditions",
                    f"{name}/flag-{cond.key}",
                    source,
                    f"{rs.id} sheet {sheet.number}: the council raises flag {cond.key!r} "
                    f"({cond.effect}): {cond.text}",
                    req | {"flags": [cond.key], "members": _members(answers)},
                )
            else:
                crit = sheet.criterion(cond.zero_on[0])
                zero = next(o for o in crit.options if o.points == 0)
                yield _case(
                    "conditions",
                    f"{name}/zero-on-{crit.code}",
                    source,
                    f"{rs.id} sheet {sheet.number}: 0 points on {crit.code} ({cond.effect}): "
                    f"{cond.text}",
                    req | {"flags": [], "members": _members(base | {crit.code: zero.key})},
                )
        for crit in sheet.criteria:
            if crit.applies_if is not None:
                gate = sheet.criterion(crit.applies_if.criterion)
                off = next(o for o in gate.options if o.key not in crit.applies_if.options)
                answers = {k: v for k, v in base.items() if k != crit.code}
                yield _case(
                    "conditions",
                    f"{name}/{crit.code}-not-applicable",
                    crit.source,
                    f"{rs.id} sheet {sheet.number}: {gate.code} answered {off.key!r}, so "
                    f"{crit.code} does not apply ({crit.applies_if.text})",
                    req | {"flags": [], "members": _members(answers | {gate.code: off.key})},
                )
            for alt in crit.cases:
                opts = [o for o in crit.options if o.case == alt.key]
                for o, which in ((opts[-1], "top"), (opts[0], "lowest")):
                    yield _case(
                        "conditions",
                        f"{name}/{crit.code}-case-{alt.key}-{which}",
                        crit.source,
                        f"{rs.id} sheet {sheet.number}: {crit.code} scored under its "
                        f"alternative case {alt.key!r}, {which} option {o.key!r}",
                        req | {"flags": [], "members": _members(base | {crit.code: o.key})},
                    )


def _policy_cases(rs: RuleSet) -> Iterator[Any]:
    for sheet in rs.sheets:
        base = top(sheet)
        crit, pair = next(
            (c, p) for c in sheet.criteria if (p := _just_below(c, 4)) or (p := _just_below(c, 5))
        )
        marked, below = pair
        best = crit.options[-1]
        mixes = {
            "two-reach": (marked, marked, below),
            "one-above-one-at": (best, marked, below),
            "one-above": (best, below, below),
        }
        seen: set[tuple[str, ...]] = set()
        for mix, opts in mixes.items():
            if tuple(o.key for o in opts) in seen:
                continue
            seen.add(tuple(o.key for o in opts))
            members = _members(*(base | {crit.code: o.key} for o in opts))
            req = {"ruleset": rs.id, "sheet": sheet.number, "flags": [], "members": members}
            outcomes = {
                p: rank_request(rank_request_from_dict(req | {"policy": p})).stars
                for p in ("majority", "all", "mean")
            }
            if len(set(outcomes.values())) == 1:
                continue
            points = "/".join(str(o.points) for o in opts)
            for policy in outcomes:
                yield _case(
                    "policies",
                    f"{rs.id}/sheet-{sheet.number:02d}/{crit.code}/{mix}/{policy}",
                    crit.source,
                    f"{rs.id} sheet {sheet.number}: three members score {points} on "
                    f"{crit.code}, whose {marked.min_stars}-star minimum is {marked.points} "
                    f"points; policy {policy!r} (how several sheets meet a minimum is the "
                    "library's reading, docs/interpretations.md)",
                    req | {"policy": policy},
                )


#: (as_of, filed, kind): the edge days of 26/2026 Điều 11–12 and of 1489's entry into force.
_EDGES: tuple[tuple[date, date | None, str | None], ...] = (
    (date(2025, 7, 5), None, None),
    (date(2025, 7, 6), None, None),
    (date(2026, 5, 21), None, None),
    (date(2026, 5, 22), None, None),
    (date(2026, 5, 22), date(2026, 5, 21), "first"),
    (date(2026, 5, 22), date(2026, 5, 22), "first"),
    (date(2026, 7, 21), date(2026, 5, 21), "first"),
    (date(2026, 7, 22), date(2026, 5, 21), "first"),
    (date(2026, 7, 21), date(2026, 5, 21), "upgrade"),
    (date(2026, 7, 22), date(2026, 5, 21), "upgrade"),
    (date(2026, 6, 22), date(2026, 5, 21), "reranking"),
    (date(2026, 6, 23), date(2026, 5, 21), "reranking"),
    (date(2026, 6, 22), date(2026, 5, 21), None),
)


def _transition_cases(sheet: int = 1) -> Iterator[Any]:
    for as_of, filed, kind in _EDGES:
        choice = select_ruleset(as_of, filed=filed, kind=kind)
        req: dict[str, Any] = {"as_of": as_of.isoformat()}
        name = f"as-of-{as_of}"
        if filed is not None:
            req["filed"] = filed.isoformat()
            name += f"/filed-{filed}"
        if kind is not None:
            req["kind"] = kind
            name += f"/{kind}"
        rs = load_ruleset(choice.ruleset)
        req |= {"sheet": sheet, "flags": [], "policy": "majority"}
        yield _case(
            "transition",
            name,
            choice.source,
            f"evaluated {as_of}"
            + (f", filed {filed}" if filed else "")
            + (f", {kind}" if kind else "")
            + f": {choice.reason}; every answer at the top of {rs.id} sheet {sheet}",
            req | {"members": _members(top(rs.sheet(sheet)))},
        )


def _distinct_band_tables() -> Iterator[tuple[RuleSet, CriteriaSheet]]:
    """One rule set per band table (its floors and their sources) other than the main
    one's, with its first sheet that has no gap."""
    seen = {tuple((b.lower, b.upper, b.source) for b in load_ruleset(_MAIN).bands)}
    for info in list_rulesets():
        rs = load_ruleset(info.id)
        table = tuple((b.lower, b.upper, b.source) for b in rs.bands)
        if table in seen:
            continue
        seen.add(table)
        yield rs, next(s for s in rs.sheets if not s.gaps)


def generate_cases(groups: Sequence[str] = GROUPS) -> list[dict[str, Any]]:
    """The conformance cases of *groups*: for 26/2026 every sheet's bands, per-star
    minimums, knock-outs and council policies; the bands of every other band table; the
    Điều 12.2 transition; the certificates' terms under each rule set's convention, the
    re-ranking window and revocation; the product codes."""
    rs = load_ruleset(_MAIN)
    makers = {
        "bands": lambda: [
            *_band_cases(rs, rs.sheets),
            *(c for other, s in _distinct_band_tables() for c in _band_cases(other, [s])),
        ],
        "minimums": lambda: list(_minimum_cases(rs)),
        "conditions": lambda: list(_condition_cases(rs)),
        "policies": lambda: list(_policy_cases(rs)),
        "transition": lambda: list(_transition_cases()),
        "terms": lambda: certificate_cases(["terms"]),
        "reranking": lambda: certificate_cases(["reranking"]),
        "revocation": lambda: certificate_cases(["revocation"]),
        "codes": code_cases,
    }
    return [case for g in GROUPS if g in groups for case in makers[g]()]
