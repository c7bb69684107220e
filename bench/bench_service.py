"""Load-test the rules service: ``POST /rank`` over HTTP on loopback, against ``rank_many``.

Usage::

    python bench/bench_service.py               # 2,000 requests, 8 clients, 1 and 2 workers
    python bench/bench_service.py --requests 5000 --clients 16 --workers 1,2

Needs the extra ``server``. For each number of workers W, the script starts
``ocop serve --host 127.0.0.1 --port <free port> --workers W`` as a subprocess, waits for
``GET /health``, sends a fixed number of ``POST /rank`` requests (each one council of 9
members, the same deterministic councils as ``bench_rank.py``, on several sheets of
``qd26-2026``) from a fixed number of client threads, each with one keep-alive
``http.client`` connection, then terminates the server and waits for it. It stops by itself.

Measured, per W:

* requests per second and member sheets per second (the timed requests only, after a short
  warm-up of a few requests per client that is not counted);
* latency p50 and p99 (one request's round trip: send, read the whole response);
* errors: any response other than 200, or a failed connection (must be 0);
* the server's memory before the load (idle, after ``/health``) and after it: the sum of
  VmRSS, and the sum of VmHWM (each process's own peak), over the server process and all its
  descendants (the worker processes when W > 1), from ``/proc/<pid>/status``;
* in-process ``ocop.rank_many`` on the same request documents (already parsed, in memory),
  in W processes each ranking its share at the same time: member sheets per second;
* the ratio HTTP / in-process, member sheets per second with the same number of processes.

The client threads run in this process, on the same machine as the server: they take CPU
from it, so on a small machine the HTTP figures are a lower bound. Standard library only,
plus ``ocop``; Linux (``/proc``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from typing import Any

from bench_rank import generate

import ocop

MEMBERS = 9
HEADERS = {"Content-Type": "application/json"}


def councils(count: int) -> list[dict[str, Any]]:
    """*count* deterministic rank requests of exactly 9 members, on the sheets in turn."""
    out: list[dict[str, Any]] = []
    for request in generate(10**9):
        if len(request["members"]) == MEMBERS:
            out.append(request)
            if len(out) == count:
                return out
    raise AssertionError("unreachable")  # pragma: no cover


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# -- the server's memory ------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """*pid* and every process below it (from ``/proc/<pid>/task/*/children``)."""
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as fh:
                    found.extend(int(c) for c in fh.read().split())
            except OSError:
                continue
    return found


def memory(pid: int) -> tuple[int, float, float]:
    """(processes, sum of VmRSS, sum of VmHWM) in MiB over *pid* and its descendants."""
    rss = hwm = 0
    count = 0
    for proc in descendants(pid):
        try:
            with open(f"/proc/{proc}/status", encoding="ascii") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        count += 1
        rss += int(fields.get("VmRSS", "0 kB").split()[0])
        hwm += int(fields.get("VmHWM", "0 kB").split()[0])
    return count, rss / 1024, hwm / 1024


# -- the server ---------------------------------------------------------------------------


def start_server(workers: int, log: Any) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    argv = [sys.executable, "-m", "ocop", "serve", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(workers)]
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            sys.exit(f"ocop serve exited with status {proc.returncode}; see its log")
        if time.monotonic() > deadline:
            stop_server(proc)
            sys.exit("ocop serve did not answer /health within 60 s")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            ok = conn.getresponse().status == 200
            conn.close()
        except OSError:
            ok = False
        # with worker processes, wait until every worker is up (the supervisor's children)
        if ok and len(descendants(proc.pid)) > (workers if workers > 1 else 0):
            return proc, port
        time.sleep(0.1)


def stop_server(proc: subprocess.Popen[bytes]) -> int:
    proc.terminate()
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return -9


# -- the load -----------------------------------------------------------------------------


@dataclass
class Client:
    """One client thread's work and what it measured: *bodies* posted to *path* on one
    keep-alive connection, the first *warmup* of them untimed; *check* says what is wrong
    with an answer of status 200, if anything."""

    port: int
    bodies: Sequence[bytes]
    warmup: int
    path: str = "/rank"
    headers: dict[str, str] = field(default_factory=lambda: dict(HEADERS))
    check: Callable[[bytes], str | None] = lambda data: None
    timeout: float = 60
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self, start: threading.Barrier) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        for body in self.bodies[: self.warmup]:
            self.post(conn, body, timed=False)
        start.wait()
        for body in self.bodies[self.warmup :]:
            self.post(conn, body, timed=True)
        conn.close()

    def post(self, conn: http.client.HTTPConnection, body: bytes, *, timed: bool) -> None:
        began = time.perf_counter()
        try:
            conn.request("POST", self.path, body, self.headers)
            response = conn.getresponse()
            data = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()  # the next request reconnects
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return
        elapsed = time.perf_counter() - began
        wrong = f"{status}: {data[:200]!r}" if status != 200 else self.check(data)
        if wrong is not None:
            self.errors.append(wrong)
        elif timed:
            self.latencies.append(elapsed)


@dataclass
class Load:
    requests: int
    seconds: float
    latencies: list[float]
    errors: list[str]


def load(port: int, bodies: list[bytes], clients: int, warmup: int, **client: Any) -> Load:
    """Send every body once (plus *warmup* per client first, not counted), spread over
    *clients* threads (each a :class:`Client`, with *client*'s settings); time from the
    moment every thread has warmed up to the last answer."""
    shares = [bodies[i::clients] for i in range(clients)]
    workers = [Client(port, share[:warmup] + share, warmup, **client) for share in shares]
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
    return Load(len(latencies), seconds, latencies, errors)


@dataclass
class Served:
    result: Load
    before: tuple[int, float, float]
    """The server's processes, RSS and peak (MiB) before the load, and after it."""
    after: tuple[int, float, float]
    failed: bool
    """Whether the server stopped with a status other than 0 or SIGTERM's."""


def served(workers: int, run: Callable[[int], Load]) -> Served:
    """Start ``ocop serve`` with *workers*, *run* the load against its port, stop it; its
    memory before and after, and its log's tail on stderr if it did not stop cleanly."""
    with tempfile.TemporaryFile() as log:
        server, port = start_server(workers, log)
        try:
            before = memory(server.pid)
            result = run(port)
            after = memory(server.pid)
        finally:
            status = stop_server(server)
        failed = status not in (0, -15)
        if failed:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-2000:]
            print(f"ocop serve stopped with status {status}:\n{tail}", file=sys.stderr)
    return Served(result, before, after, failed)


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


# -- in process ---------------------------------------------------------------------------


def _rank_share(
    documents: list[dict[str, Any]], barrier: Barrier, out: multiprocessing.SimpleQueue[Any]
) -> None:
    for _ in ocop.rank_many(documents[:20]):  # warm: the imports, the catalogue
        pass
    barrier.wait()
    began = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes on Linux
    sheets = 0
    for result in ocop.rank_many(documents):
        sheets += len(result.members)
    out.put((began, time.perf_counter(), sheets))


def in_process(documents: list[dict[str, Any]], processes: int) -> float:
    """Member sheets per second of ``rank_many`` over *documents*, split over *processes*
    processes that start together; wall time from the first start to the last end."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(processes)
    out: multiprocessing.SimpleQueue[Any] = ctx.SimpleQueue()
    procs = [
        ctx.Process(target=_rank_share, args=(documents[i::processes], barrier, out))
        for i in range(processes)
    ]
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
        if proc.exitcode != 0:
            sys.exit(f"rank_many process failed ({proc.exitcode})")
    began = min(r[0] for r in results)
    ended = max(r[1] for r in results)
    sheets = sum(r[2] for r in results)
    return float(sheets / (ended - began))


# -- main ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per run")
    parser.add_argument("--clients", type=int, default=8, help="client threads (connections)")
    parser.add_argument("--workers", default="1,2", help="server worker counts, comma-separated")
    parser.add_argument(
        "--councils", type=int, default=200, help="different councils (request bodies), cycled"
    )
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per client")
    args = parser.parse_args()
    if args.requests < 1 or args.clients < 1 or args.councils < 1 or args.warmup < 0:
        parser.error("--requests, --clients and --councils are at least 1; --warmup at least 0")

    distinct = councils(args.councils)
    documents = [distinct[i % len(distinct)] for i in range(args.requests)]
    bodies = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in documents]
    sheets = MEMBERS * args.requests
    sheet_numbers = sorted({d["sheet"] for d in distinct})
    print(f"ocop {ocop.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(
        f"{args.requests} POST /rank requests ({sheets} member sheets; {len(distinct)} "
        f"different councils of {MEMBERS} on {len(sheet_numbers)} sheets of qd26-2026, "
        f"~{sum(map(len, bodies)) // len(bodies)} bytes each), {args.clients} client threads, "
        f"{args.warmup} warm-up requests per client not counted"
    )
    header = (
        f"{'W':>2} | {'req/s':>7} {'sheets/s':>9} | {'p50 ms':>7} {'p99 ms':>7} | {'errors':>6} | "
        f"{'rank_many':>9} | {'ratio':>5} | "
        "server MiB: processes, RSS before -> after, peak (sum of VmHWM) before -> after"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for workers in (int(w) for w in args.workers.split(",")):
        inproc = in_process(documents, workers)
        run = served(workers, lambda port: load(port, bodies, args.clients, args.warmup))
        result, (count, rss0, hwm0), (_, rss1, hwm1) = run.result, run.before, run.after
        failed |= run.failed
        http_sheets = MEMBERS * len(result.latencies) / result.seconds
        print(
            f"{workers:>2} | {len(result.latencies) / result.seconds:>7,.0f} "
            f"{http_sheets:>9,.0f} | {1000 * percentile(result.latencies, 50):>7.1f} "
            f"{1000 * percentile(result.latencies, 99):>7.1f} | {len(result.errors):>6} | "
            f"{inproc:>9,.0f} | {http_sheets / inproc:>5.2f} | "
            f"{count}: {rss0:.1f} -> {rss1:.1f}, {hwm0:.1f} -> {hwm1:.1f}"
        )
        if result.errors:
            failed = True
            for error in result.errors[:5]:
                print(f"   error: {error}", file=sys.stderr)
    print("ratio: HTTP member sheets/s over rank_many's in W processes; the target is >= 0.33")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
