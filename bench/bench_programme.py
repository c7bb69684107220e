"""Benchmark programme statistics on a synthetic national-scale registry.

Usage::

    python bench/bench_programme.py                      # 18,500 products (seed 2026)
    python bench/bench_programme.py --products 40000
    python bench/bench_programme.py --generate 18500 --out registry.csv   # only write it

The registry is synthetic and deterministic (``random.Random(2026)``): products of the 34
provinces of 2025, first recognised between September 2019 and December 2025 (3 stars
64%, 4 stars 34%, 5 stars 2%, after the national shares of 2018-2020), of the four
producer types; some are upgraded while in force (15%), re-recognised after their
certificate expired (30%) or revoked (2%, with a ground). Every row is a valid
certificate, so reading it checks each one (``ocop.programme.read_registry_csv``).

Printed: the rows, the time to read the registry (once), and the time of
``statistics`` on one date, of ``flows`` over a year and of ``stats_to_dict`` (the
median of 5 runs each). Standard library only, plus ``ocop``.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics as stats_
import sys
import time
from datetime import date, timedelta

from ocop.certificates.codes import province_table
from ocop.certificates.model import validity_end
from ocop.programme import flows, read_registry_csv, statistics
from ocop.serialize import stats_to_dict

SEED = 2026
TYPES = ("HTX", "doanh nghiệp", "tổ hợp tác", "hộ kinh doanh")
GROUPS = ("Thực phẩm", "Đồ uống", "Dược liệu", "Thủ công mỹ nghệ", "Du lịch")
FIRST, LAST = date(2019, 9, 1), date(2025, 12, 31)
COLUMNS = (
    "product,producer,producer_type,province,commune,group,stars,level,decision,"
    "decision_date,term_start,revoked_on,revocation_ground"
)


def _level(stars: int) -> str:
    return "central" if stars == 5 else "province"


def generate(products: int, seed: int = SEED) -> str:
    """The CSV text of a synthetic registry of *products* products."""
    rng = random.Random(seed)
    provinces = [p.name for p in province_table().provinces]
    out = io.StringIO()
    out.write(COLUMNS + "\n")
    writer = csv.writer(out, lineterminator="\n")
    span = (LAST - FIRST).days
    for n in range(products):
        province = provinces[n % len(provinces)]
        producer = f"Chủ thể {n // 3}"
        kind = TYPES[rng.randrange(4)]
        stars = rng.choices((3, 4, 5), weights=(64, 34, 2))[0]
        day = FIRST + timedelta(days=rng.randrange(span))
        rows = [(stars, day, "", "")]
        draw = rng.random()
        end = validity_end(day, 36)
        if draw < 0.15 and stars < 5:  # upgraded while in force
            later = day + timedelta(days=rng.randrange(200, 900))
            rows.append((stars + 1, later, "", ""))
        elif draw < 0.45:  # re-recognised after a lapse
            rows.append((stars, end + timedelta(days=rng.randrange(1, 200)), "", ""))
        elif draw < 0.47:  # revoked
            revoked = day + timedelta(days=rng.randrange(30, 700))
            rows[0] = (stars, day, revoked.isoformat(), "b")
        for stars_, day_, revoked_on, ground in rows:
            writer.writerow(
                (
                    f"Sản phẩm {n}",
                    producer,
                    kind,
                    province,
                    f"Xã {n % 97}",
                    GROUPS[n % len(GROUPS)],
                    stars_,
                    _level(stars_),
                    f"{n}/QĐ",
                    day_.isoformat(),
                    "",
                    revoked_on,
                    ground,
                )
            )
    return out.getvalue()


def _median(func: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return stats_.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=18_500)
    parser.add_argument("--generate", type=int, help="only write a registry of N products")
    parser.add_argument("--out", help="with --generate: the CSV file to write")
    args = parser.parse_args(argv)
    if args.generate is not None:
        text = generate(args.generate)
        with open(args.out or "registry.csv", "w", encoding="utf-8") as fh:
            fh.write(text)
        return 0
    text = generate(args.products)
    start = time.perf_counter()
    registry = read_registry_csv(text)
    read = time.perf_counter() - start
    day = date(2025, 12, 31)
    st = statistics(registry, day)
    t_stats = _median(lambda: statistics(registry, day))
    t_flows = _median(lambda: flows(registry, date(2025, 1, 1), day))
    t_doc = _median(lambda: stats_to_dict(statistics(registry, day)))
    print(f"products {args.products:,}, rows {len(registry):,}, in force on {day}: {st.valid:,}")
    print(f"read (once, every row checked as a certificate): {read:.2f} s")
    print(f"statistics(as_of): {t_stats * 1000:.0f} ms")
    print(f"flows(one year):   {t_flows * 1000:.0f} ms")
    print(f"stats_to_dict:     {t_doc * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
