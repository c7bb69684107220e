"""Benchmark the upgrade advisor: the time of ``ocop.advise`` on councils of real sheets.

Usage::

    python bench/bench_advise.py                 # 9-member councils, 2 per sheet, targets 4 and 5
    python bench/bench_advise.py --members 15 --per-sheet 5

For every rankable sheet of ``qd26-2026`` a deterministic set of councils is drawn (seed 2026):
each member answers every criterion with a random option, nearer the top than the bottom (a
product that a council would rank 2 to 4 stars), honouring ``applies_if``. For each council and
each target (the next class, and 5 stars) it times ``ocop.advise`` (exact search and the ranking
of every step through ``ocop.rank_request``) and prints the median, the 95th percentile and the
largest time, the number of plans found and the mean number of steps. Standard library only,
plus ``ocop``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

import ocop
from ocop.testing import rankable_sheets

RULESET = "qd26-2026"


def council(rng: random.Random, number: int, members: int) -> ocop.RankRequest:
    sheet = ocop.load_ruleset(RULESET).sheet(number)
    sheets: list[dict[str, Any]] = []
    for i in range(members):
        answers: dict[str, str] = {}
        for crit in sheet.criteria:
            rule = crit.applies_if
            if rule is not None and answers.get(rule.criterion) not in rule.options:
                continue
            options = list(crit.options)
            if crit.cases:  # one alternative case per council, as a product is one or the other
                options = [o for o in options if o.case == crit.cases[0].key]
            pick = min(len(options) - 1, int(len(options) * rng.random() ** 0.6))
            answers[crit.code] = options[pick].key
        sheets.append({"member": f"Member {i + 1}", "answers": answers})
    return ocop.RankRequest(ruleset=RULESET, sheet=number, members=sheets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=9)
    parser.add_argument("--per-sheet", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(2026)
    requests = [
        council(rng, number, args.members)
        for _, number in rankable_sheets(RULESET)
        for _ in range(args.per_sheet)
    ]
    ocop.advise(requests[0])  # load and compile outside the timings
    times: list[float] = []
    steps: list[int] = []
    reachable = 0
    for request in requests:
        now = ocop.rank_request(request).stars or 1
        for target in sorted({min(now + 1, 5), 5}):
            start = time.perf_counter()
            advice = ocop.advise(request, target=target)
            times.append(time.perf_counter() - start)
            if advice.reachable:
                reachable += 1
                steps.append(len(advice.steps))
    times.sort()
    ms = [t * 1000 for t in times]
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(
        f"{len(requests)} councils of {args.members} members, {len(ms)} advice runs: "
        f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; "
        f"{reachable} reachable, mean {statistics.mean(steps or [0]):.1f} steps"
    )


if __name__ == "__main__":
    main()
