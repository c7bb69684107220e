"""Load-test the rules service in batches: ``POST /rank/jsonl`` over HTTP, against ``rank_many``.

Usage::

    python bench/bench_service_jsonl.py        # 20,000 councils, batches of 100 and 1000, W 1,2
    python bench/bench_service_jsonl.py --councils 5000 --batches 100 --workers 1

Needs the extra ``server``. The councils are the same deterministic 9-member councils as
``bench_service.py`` (``bench_rank.py``'s generator, on all 26 sheets of ``qd26-2026``).
For each number of workers W and each batch size B, the script starts ``ocop serve --host
127.0.0.1 --port <free port> --workers W`` as a subprocess, waits for ``GET /health``,
sends the councils as ``POST /rank/jsonl`` requests of B lines each (JSON Lines in, the
default ``detail=summary`` lines streamed out) from a fixed number of client threads, each
with one keep-alive ``http.client`` connection, then terminates the server. It stops by
itself.

Measured, per (W, B):

* councils ranked per second through HTTP (the timed requests only, after one untimed
  warm-up request per client), and member sheets per second (9 per council);
* latency p50 and p99 of one request (send the batch, read the whole streamed answer);
* errors: a response other than 200, a failed connection, an answer without exactly B
  lines, or a line that is an error line (``"error":{`` in it; the request ids never hold
  it): must be 0;
* the server's memory, as in ``bench_service.py`` (sum of VmRSS before and after the load,
  sum of VmHWM after it, over the server process and its descendants);
* in-process ``ocop.rank_many`` on the same councils (already parsed, in memory), in W
  processes each ranking its share at the same time, and the ratio of councils per second
  HTTP / in-process. The target of issue 18 is a ratio of at least 1/3.

The client threads run in this process, on the same machine: they take CPU from the server
(they read the answers, but do not parse them), so on a small machine the HTTP figures are
a lower bound. Standard library only, plus ``ocop``; Linux (``/proc``).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable

from bench_service import (
    MEMBERS,
    Load,
    councils,
    in_process,
    percentile,
    served,
)
from bench_service import load as load_bodies

import ocop

HEADERS = {"Content-Type": "application/jsonl"}
_ERROR = b'"error":{'


def check(lines: int) -> Callable[[bytes], str | None]:
    """What is wrong with an answer of status 200 to a batch of *lines* councils."""

    def wrong(data: bytes) -> str | None:
        if (got := data.count(b"\n")) != lines:
            return f"{got} lines for {lines}"
        if _ERROR in data:
            return f"an error line: {data[data.index(_ERROR) - 100 :][:300]!r}"
        return None

    return wrong


def _load_at(batches: list[bytes], size: int, clients: int, port: int) -> Load:
    return load(port, batches, size, clients)


def load(port: int, batches: list[bytes], size: int, clients: int) -> Load:
    """Send every batch of *size* councils once, spread over *clients* threads (each first
    sends one untimed warm-up batch): :func:`bench_service.load`."""
    return load_bodies(
        port,
        batches,
        clients,
        1,
        path="/rank/jsonl",
        headers=HEADERS,
        check=check(size),
        timeout=300,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--councils", type=int, default=20_000, help="councils per run")
    parser.add_argument("--batches", default="100,1000", help="councils per request, comma-sep.")
    parser.add_argument("--workers", default="1,2", help="server worker counts, comma-separated")
    parser.add_argument("--clients", type=int, default=4, help="client threads (connections)")
    parser.add_argument("--distinct", type=int, default=200, help="different councils, cycled")
    args = parser.parse_args()
    sizes = [int(b) for b in args.batches.split(",")]
    if args.councils < 1 or args.clients < 1 or min(sizes) < 1 or args.distinct < 1:
        parser.error("--councils, --clients, --distinct and the batch sizes are at least 1")

    distinct = councils(args.distinct)
    documents = [distinct[i % len(distinct)] for i in range(args.councils)]
    lines = [json.dumps(d, ensure_ascii=False).encode("utf-8") + b"\n" for d in documents]
    print(f"ocop {ocop.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{args.councils:,} councils of {MEMBERS} members per run ({len(distinct)} different, "
        f"~{sum(map(len, lines)) // len(lines)} bytes a line), POST /rank/jsonl in batches, "
        f"{args.clients} client threads, 1 warm-up batch per client not counted"
    )
    header = (
        f"{'W':>2} {'B':>5} | {'req/s':>6} {'councils/s':>10} {'sheets/s':>9} | "
        f"{'p50 ms':>8} {'p99 ms':>8} | {'errors':>6} | {'rank_many':>9} | {'ratio':>5} | "
        "server MiB: processes, RSS before -> after, peak"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for workers in (int(w) for w in args.workers.split(",")):
        inproc = in_process(documents, workers) / MEMBERS  # councils per second
        for size in sizes:
            batches = [b"".join(lines[i : i + size]) for i in range(0, len(lines), size)]
            batches = [b for b in batches if b.count(b"\n") == size]  # whole batches only
            run = served(workers, functools.partial(_load_at, batches, size, args.clients))
            result, (count, rss0, _), (_, rss1, hwm1) = run.result, run.before, run.after
            failed |= run.failed
            rate = size * result.requests / result.seconds
            print(
                f"{workers:>2} {size:>5} | {len(result.latencies) / result.seconds:>6,.1f} "
                f"{rate:>10,.0f} {rate * MEMBERS:>9,.0f} | "
                f"{1000 * percentile(result.latencies, 50):>8.1f} "
                f"{1000 * percentile(result.latencies, 99):>8.1f} | {len(result.errors):>6} | "
                f"{inproc:>9,.0f} | {rate / inproc:>5.2f} | "
                f"{count}: {rss0:.1f} -> {rss1:.1f}, {hwm1:.1f}"
            )
            if result.errors:
                failed = True
                for error in result.errors[:5]:
                    print(f"   error: {error}", file=sys.stderr)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("ratio: HTTP councils/s over rank_many's in W processes; the target is >= 0.33")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
