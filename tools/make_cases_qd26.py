"""Write tests/cases/qd26-2026.json: per-sheet ranking cases with expected results.

The expectations come from this script's own arithmetic on the printed points, written apart
from the engine (src/ocop/ranking): start from a sheet answered with every top option
(100 points), change one thing, and work out the total, the band and the class by hand rules:

* lowering criterion X from its top option to option o loses (max - o.points);
* a marked option m of level L on X is missed when o.points < m.points, and then the class is
  at most L - 1; the class is the band's class otherwise;
* a "skip_rest" knock-out loses the maxima of the skipped criteria and misses their markers;
* 5.1 answered "Không có câu chuyện" (0) makes 5.2 not applicable: both score 0.

The committed JSON is the reviewable record; tests/test_cases.py runs it through ocop.rank().
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ocop
from ocop.criteria.model import CriteriaSheet, Criterion

ROOT = Path(__file__).resolve().parents[1]
RS = ocop.load_ruleset("qd26-2026")
BANDS = [(90, 5), (70, 4), (50, 3), (30, 2), (0, 1)]


def band(total: int) -> int:
    return next(s for low, s in BANDS if total >= low)


def top(sheet: CriteriaSheet) -> dict[str, str]:
    return {c.code: c.options[-1].key for c in sheet.criteria}


def missed_levels(crit: Criterion, points: int) -> set[int]:
    return {o.min_stars for o in crit.options if o.min_stars and points < o.points}


def case(
    sheet: CriteriaSheet,
    name: str,
    answers: dict[str, str],
    total: int,
    stars: int | None,
    flags: Sequence[str] = (),
    status: str = "ranked",
) -> dict[str, Any]:
    b = band(total)
    return {
        "name": name,
        "sheet": sheet.number,
        "flags": list(flags),
        "answers": answers,
        "expected": {
            "total": total,
            "band_stars": b,
            "stars": None if status == "disqualified" else stars,
            "status": status,
        },
    }


cases: list[dict[str, Any]] = []
for sheet in RS.sheets:
    base = top(sheet)
    # one case per marker level present on the sheet
    for level in (3, 4, 5):
        for crit in sheet.criteria:
            opts = list(crit.options)
            marked = [i for i, o in enumerate(opts) if o.min_stars == level and not o.case]
            if not marked or marked[0] == 0:
                continue
            below = opts[marked[0] - 1]
            lost = crit.max_points - below.points
            missed = missed_levels(crit, below.points)
            if min(missed) != level:
                continue
            total = 100 - lost
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: {crit.code} just below its {'*' * level} option",
                    base | {crit.code: below.key},
                    total,
                    min(band(total), level - 1),
                )
            )
            break
    # knock-outs
    for cond in sheet.conditions:
        if cond.trigger != "flag":
            continue
        if cond.effect == "disqualify":
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: flag {cond.key} disqualifies",
                    base,
                    100,
                    None,
                    flags=[cond.key],
                    status="disqualified",
                )
            )
        else:
            skipped = [sheet.criterion(c) for c in cond.skips]
            total = 100 - sum(c.max_points for c in skipped)
            missed = set().union(*(missed_levels(c, 0) for c in skipped))
            stars = min([band(total)] + [lvl - 1 for lvl in missed])
            answers = {k: v for k, v in base.items() if k not in cond.skips}
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: flag {cond.key} skips {len(skipped)} criteria",
                    answers,
                    total,
                    stars,
                    flags=[cond.key],
                )
            )
    # the conditional criterion
    if any(c.applies_if for c in sheet.criteria):
        c51, c52 = sheet.criterion("5.1"), sheet.criterion("5.2")
        none = c51.options[0]
        total = 100 - c51.max_points - c52.max_points
        stars = min([band(total)] + [lvl - 1 for lvl in missed_levels(c51, none.points)])
        answers = {k: v for k, v in base.items() if k != "5.2"} | {"5.1": none.key}
        cases.append(
            case(
                sheet,
                f"sheet {sheet.number}: no product story, 5.2 not applicable",
                answers,
                total,
                stars,
            )
        )

    # alternative cases (set 26): the other case's options are as good
    for crit in sheet.criteria:
        if crit.cases:
            other = [o for o in crit.options if o.case == crit.cases[0].key]
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: {crit.code} scored under case {other[-1].case}",
                    base | {crit.code: other[-1].key},
                    100,
                    5,
                )
            )
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: {crit.code} lowest option of case {other[0].case}",
                    base | {crit.code: other[0].key},
                    100 - crit.max_points + other[0].points,
                    band(100 - crit.max_points + other[0].points),
                )
            )
    # a zero on a sensory criterion stops the evaluation (set 16)
    for cond in sheet.conditions:
        if cond.trigger == "zero_on":
            crit = sheet.criterion(cond.zero_on[0])
            zero = next(o for o in crit.options if o.points == 0)
            skipped = [sheet.criterion(c) for c in cond.skips]
            total = 100 - crit.max_points - sum(c.max_points for c in skipped)
            missed = missed_levels(crit, 0).union(*(missed_levels(c, 0) for c in skipped))
            stars = min([band(total)] + [lvl - 1 for lvl in missed])
            cases.append(
                case(
                    sheet,
                    f"sheet {sheet.number}: 0 on {crit.code} stops the evaluation",
                    base | {crit.code: zero.key},
                    total,
                    stars,
                )
            )

doc = {"ruleset": "qd26-2026", "generated_by": "tools/make_cases_qd26.py", "cases": cases}
out = ROOT / "tests" / "cases" / "qd26-2026.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(len(cases), "cases")
