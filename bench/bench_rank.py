"""Benchmark batch ranking: throughput (member sheets per second) and peak memory.

Usage::

    python bench/bench_rank.py                       # sizes 10000,100000 member sheets
    python bench/bench_rank.py --sizes 10000,100000,1000000
    python bench/bench_rank.py --generate 1000000 --out councils.jsonl   # only write a dataset

For each size (a number of member sheets), a deterministic synthetic dataset is generated:
valid sheets across all 26 criteria sets of ``qd26-2026``, councils of 7 to 11 members,
one rank request per line. Three things are measured on it, in the same run:

* ``rank_many``: :func:`ocop.rank_many` on request documents already in memory;
* ``jsonl``: ``ocop rank --jsonl FILE`` end to end, in a fresh process (reading, full
  validation, ranking, writing a summary line per product to a file), in one process
  and with ``--jobs N`` worker processes (``--jobs``, default 2);
* ``full``: the same with ``--detail full`` (the whole result document per line, with
  each member's answers and the explanation);
* ``naive``: a reference loop written here, in the same kind of fresh process: read each
  line with ``json.loads``, look each answer up in a dict of points per option, sum,
  average and band, and write one small JSON line. No validation, no per-star minimums,
  no conditions, no explanation.

The ratios printed are the ``jsonl`` throughputs (one process; N processes) over the
``naive`` one. Each measurement
runs in a fresh process; its time includes starting Python, importing ``ocop`` and
loading the catalogue. Peak memory is that process's maximum resident set size
(``ru_maxrss``). ``rank_many`` reads the dataset file lazily (a generator), unless
``--in-memory`` holds the parsed requests in a list first (then its memory includes the
dataset). Standard library only, plus ``ocop``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import ocop

RULESET = "qd26-2026"


def _answer_tables() -> list[tuple[int, list[tuple[str, list[str], Any]]]]:
    """Per sheet: (number, [(code, option keys ascending, applies_if)])."""
    tables = []
    for sheet in ocop.load_ruleset(RULESET).sheets:
        rows = []
        for crit in sheet.criteria:
            rows.append((crit.code, [o.key for o in crit.options], crit.applies_if))
        tables.append((sheet.number, rows))
    return tables


def _points_of() -> dict[int, dict[str, dict[str, int]]]:
    """sheet → code → key → the option's points, where no other option has the same points."""
    out: dict[int, dict[str, dict[str, int]]] = {}
    for sheet in ocop.load_ruleset(RULESET).sheets:
        out[sheet.number] = {}
        for crit in sheet.criteria:
            counts: dict[int, int] = {}
            for o in crit.options:
                counts[o.points] = counts.get(o.points, 0) + 1
            out[sheet.number][crit.code] = {
                o.key: o.points for o in crit.options if counts[o.points] == 1
            }
    return out


def generate(member_sheets: int, seed: int = 2026, *, by: str = "key") -> Iterator[dict[str, Any]]:
    """Deterministic rank requests totalling at least *member_sheets* member sheets.

    ``by="points"`` answers by the option's points wherever they name one option (most
    council data), by key elsewhere.
    """
    rng = random.Random(seed)
    tables = _answer_tables()
    unique = _points_of() if by == "points" else {}
    done = 0
    product = 0
    while done < member_sheets:
        number, rows = tables[product % len(tables)]
        size = rng.randint(7, 11)
        quality = rng.random()
        members = []
        for m in range(size):
            answers: dict[str, str] = {}
            for code, keys, applies_if in rows:
                if applies_if is not None and answers.get(applies_if.criterion) not in set(
                    applies_if.options
                ):
                    continue
                top = len(keys) - 1
                pick = round(quality * top + rng.uniform(-1.0, 1.0))
                answers[code] = keys[min(max(pick, 0), top)]
            if by == "points":
                table = unique[number]
                answers = {c: table[c].get(k, k) for c, k in answers.items()}  # type: ignore[misc]
            members.append({"member": f"Member {m + 1}", "answers": answers})
        yield {
            "id": f"P{product:07d}",
            "ruleset": RULESET,
            "sheet": number,
            "policy": "majority",
            "members": members,
        }
        done += size
        product += 1


def write_dataset(path: str, member_sheets: int, *, by: str = "key") -> tuple[int, int]:
    """Write the dataset as JSON Lines; returns (products, member sheets)."""
    products = sheets = 0
    with open(path, "w", encoding="utf-8") as fh:
        for request in generate(member_sheets, by=by):
            fh.write(json.dumps(request, ensure_ascii=False) + "\n")
            products += 1
            sheets += len(request["members"])
    return products, sheets


NAIVE = r"""
import json, sys, ocop
from fractions import Fraction
rs = ocop.load_ruleset("qd26-2026")
points = {s.number: {c.code: {o.key: o.points for o in c.options} for c in s.criteria}
          for s in rs.sheets}
bands = sorted(((float(b.lower), b.stars) for b in rs.bands), reverse=True)
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        req = json.loads(line)
        table = points[req["sheet"]]
        totals = [
            sum(v if type(v) is int else table[c][v] for c, v in m["answers"].items())
            for m in req["members"]
        ]
        average = sum(totals) / len(totals)
        stars = next(s for low, s in bands if average >= low)
        out.write(json.dumps({"id": req["id"], "average": average, "stars": stars}) + "\n")
"""


def _child(argv: list[str], stdout: str) -> tuple[float, int, float | None]:
    """Run a fresh Python process: its seconds, its peak RSS in KiB, and the seconds of
    its ranking alone where it reports them (``rank_many``).

    ``argv`` is ``["ocop", ...]`` (the command line), ``["ocop-stdlib", ...]`` (the same
    without the ``fast`` extra's decoder), ``["naive", input, output]`` or
    ``["rank_many", input, "stream" | "memory"]``.
    """
    start = time.perf_counter()
    code = (
        "import resource, runpy, sys\n"
        "sys.argv = sys.argv[1:]\n"
        "try:\n"
        "    if sys.argv[0] == 'naive':\n"
        f"        exec(compile({NAIVE!r}, '<naive>', 'exec'), {{'__name__': '__main__'}})\n"
        "    elif sys.argv[0] == 'rank_many':\n"
        f"        exec(compile({RANK_MANY!r}, '<rank_many>', 'exec'), {{'__name__': '__main__'}})\n"
        "    else:\n"
        "        if sys.argv[0] == 'ocop-stdlib':\n"
        "            import ocop.serialize._json as j\n"
        "            j.FAST = None\n"
        "            sys.argv[0] = 'ocop'\n"
        "        runpy.run_module('ocop', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as e:\n"
        "    status = e.code\n"
        "else:\n"
        "    status = 0\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    with open(stdout, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            [sys.executable, "-c", code, *argv],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed ({proc.returncode}):\n{proc.stderr}")
    lines = proc.stderr.strip().splitlines()
    inner = [float(x.split()[1]) for x in lines if x.startswith("ranking ")]
    return seconds, int(lines[-1]), inner[0] if inner else None


RANK_MANY = r"""
import json, sys, time, ocop
def lines(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)
requests = list(lines(sys.argv[1])) if sys.argv[2] == "memory" else lines(sys.argv[1])
ocop.rank_many([])  # the imports, outside the timing
start = time.perf_counter()
count = 0
for result in ocop.rank_many(requests):
    count += len(result.members)
print(f"ranking {time.perf_counter() - start}", file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="member sheets per run, comma-separated"
    )
    parser.add_argument("--generate", type=int, help="only write a dataset of this many sheets")
    parser.add_argument("--out", default="councils.jsonl", help="with --generate: the file")
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes for the parallel jsonl run"
    )
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="rank_many over a list held in memory (its peak then includes the dataset)",
    )
    args = parser.parse_args()
    if args.generate:
        products, sheets = write_dataset(args.out, args.generate)
        print(f"wrote {products} requests, {sheets} member sheets to {args.out}")
        return

    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); import ocop; t1 = time.perf_counter(); "
            "ocop.rank; t2 = time.perf_counter(); ocop.load_ruleset('qd26-2026'); "
            "t3 = time.perf_counter(); print(t1 - t, t2 - t1, t3 - t2)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    import_s, api_s, load_s = map(float, proc.stdout.split())
    import_ms = 1000 * import_s
    print(f"ocop {ocop.__version__}, Python {sys.version.split()[0]}, {sys.platform}")
    print(
        f"import ocop: {import_ms:.1f} ms; first use of the API (model classes): "
        f"{1000 * api_s:.1f} ms; first catalogue load: {1000 * load_s:.1f} ms"
    )
    header = (
        f"{'answers':>7} {'sheets':>9} | {'rank_many':>9} | {'jsonl':>8} {'fast':>8} "
        f"{'jobs ' + str(args.jobs):>8} {'full':>8} | {'naive':>8} | {'ratio':>5} {'fast':>5} | "
        "peak RSS MiB (rank_many, jsonl, fast, full, naive)"
    )
    print("member sheets per second; ratio: jsonl (standard library) / naive; fast: with msgspec")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            for by in ("key", "points"):
                data = os.path.join(tmp, f"councils-{size}-{by}.jsonl")
                out = os.path.join(tmp, "out.jsonl")
                _, sheets = write_dataset(data, size, by=by)
                where = "memory" if args.in_memory else "stream"
                rm_s, rm_rss, rm_inner = _child(["rank_many", data, where], os.devnull)
                st_s, st_rss, _ = _child(["ocop-stdlib", "rank", "--jsonl", data], out)
                fa_s, fa_rss, _ = _child(["ocop", "rank", "--jsonl", data], out)
                jp_s, _, _ = _child(
                    ["ocop", "rank", "--jsonl", data, "--jobs", str(args.jobs)], out
                )
                fu_s, fu_rss, _ = _child(["ocop", "rank", "--jsonl", data, "--detail", "full"], out)
                nv_s, nv_rss, _ = _child(["naive", data, out + ".naive"], os.devnull)
                ranked = rm_inner if rm_inner else rm_s
                rss = ", ".join(f"{r / 1024:.1f}" for r in (rm_rss, st_rss, fa_rss, fu_rss, nv_rss))
                print(
                    f"{by:>7} {sheets:>9} | {sheets / ranked:>9,.0f} | {sheets / st_s:>8,.0f} "
                    f"{sheets / fa_s:>8,.0f} {sheets / jp_s:>8,.0f} {sheets / fu_s:>8,.0f} | "
                    f"{sheets / nv_s:>8,.0f} | {nv_s / st_s:>5.2f} {nv_s / fa_s:>5.2f} | {rss}"
                )


if __name__ == "__main__":
    main()
