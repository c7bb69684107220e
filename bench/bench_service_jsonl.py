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
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from bench_service import (
    MEMBERS,
    councils,
    in_process,
    memory,
    percentile,
    start_server,
    stop_server,
)

import ocop

HEADERS = {"Content-Type": "application/jsonl"}
_ERROR = b'"error":{'


@dataclass
class Client:
    """One client thread: its batches, and what it measured."""

    port: int
    bodies: list[tuple[bytes, int]]
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self, start: threading.Barrier) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        self.post(conn, *self.bodies[0], timed=False)  # warm-up
        start.wait()
        for body, lines in self.bodies[1:]:
            self.post(conn, body, lines, timed=True)
        conn.close()

    def post(
        self, conn: http.client.HTTPConnection, body: bytes, lines: int, *, timed: bool
    ) -> None:
        began = time.perf_counter()
        try:
            conn.request("POST", "/rank/jsonl", body, HEADERS)
            response = conn.getresponse()
            data = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return
        elapsed = time.perf_counter() - began
        if status != 200:
            self.errors.append(f"{status}: {data[:200]!r}")
        elif (got := data.count(b"\n")) != lines:
            self.errors.append(f"{got} lines for {lines}")
        elif _ERROR in data:
            self.errors.append(f"an error line: {data[data.index(_ERROR) - 100 :][:300]!r}")
        elif timed:
            self.latencies.append(elapsed)


@dataclass
class Load:
    councils: int
    seconds: float
    latencies: list[float]
    errors: list[str]


def load(port: int, batches: list[bytes], size: int, clients: int) -> Load:
    """Send every batch once, spread over *clients* threads (each first sends one untimed
    warm-up batch); time from the moment every thread has warmed up to the last answer."""
    shares = [batches[i::clients] for i in range(clients)]
    workers = [Client(port, [(b, size) for b in share[:1] + share]) for share in shares]
    start = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=c.run, args=(start,)) for c in workers]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    latencies = sorted(x for c in workers for x in c.latencies)
    errors = [e for c in workers for e in c.errors]
    return Load(size * len(latencies), seconds, latencies, errors)


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
            with tempfile.TemporaryFile() as log:
                server, port = start_server(workers, log)
                try:
                    count, rss0, _ = memory(server.pid)
                    result = load(port, batches, size, args.clients)
                    _, rss1, hwm1 = memory(server.pid)
                finally:
                    status = stop_server(server)
                if status not in (0, -15):
                    log.seek(0)
                    tail = log.read().decode("utf-8", "replace")[-2000:]
                    print(f"ocop serve stopped with status {status}:\n{tail}", file=sys.stderr)
                    failed = True
            rate = result.councils / result.seconds
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
