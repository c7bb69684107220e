"""``ocop serve``: the rules service (:mod:`ocop.service`) over HTTP, run by uvicorn.

    ocop serve [--host 127.0.0.1] [--port 8000] [--workers N] [--cors ORIGIN]

Needs the optional extra ``server`` (``pip install "ocop[server]"``); without it, one line
names the extra and the exit status is 1. Starlette and uvicorn are imported only when
the command runs.
"""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any, TextIO

from ocop.cli._input import parse_integer
from ocop.errors import InvalidInput, MissingExtra

__all__ = ["add_commands"]


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    port = parse_integer("--port", args.port, maximum=65535)
    workers = parse_integer("--workers", args.workers, minimum=1, maximum=64)
    try:
        import uvicorn
    except ImportError:
        raise MissingExtra("server", "uvicorn", "ocop serve") from None
    from ocop.service import CORS_ENVIRONMENT, LOG_FORMAT, create_app

    app = create_app(cors=args.cors)  # also checks that Starlette is installed
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    options: dict[str, Any] = {"host": args.host, "port": port, "access_log": False}
    if workers == 1:
        uvicorn.run(app, **options)
    else:  # worker processes import the application by name
        if args.cors is not None:
            os.environ[CORS_ENVIRONMENT] = args.cors
        _run_workers(
            uvicorn.Config(
                "ocop.service:create_app_from_environment",
                factory=True,
                workers=workers,
                **options,
            ),
            args.host,
            port,
        )
    return 0


def _run_workers(config: Any, host: str, port: int) -> None:
    """``uvicorn.run`` with workers, listening on a socket made here as a TCP socket.

    uvicorn makes its shared listening socket without naming the protocol, so asyncio does
    not switch Nagle's algorithm off on the connections it accepts, and every answer on a
    kept-alive connection waits for the client's delayed ACK (~40 ms; uvicorn issue 3149).
    A socket made with ``IPPROTO_TCP`` gets ``TCP_NODELAY`` on every connection, as with
    one worker. Measured with ``bench/bench_service.py`` (docs/performance.md).
    """
    import inspect
    import socket

    from uvicorn import Server
    from uvicorn.supervisors import Multiprocess

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise InvalidInput(
            "--port", port, f"cannot listen on {host}:{port}: {exc.strerror}"
        ) from None
    sock.set_inheritable(True)
    supervisor: Any = Multiprocess
    if "target" in inspect.signature(Multiprocess).parameters:  # older uvicorn takes it too
        supervisor(config, target=Server(config=config).run, sockets=[sock]).run()
    else:
        supervisor(config, sockets=[sock]).run()


def add_commands(subparsers: Any) -> None:
    """Add ``serve`` to the ``ocop`` command's subparsers."""
    srv = subparsers.add_parser(
        "serve", help='the rules over HTTP (JSON in, JSON out; needs "ocop[server]")'
    )
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    srv.add_argument("--port", default="8000", help="port to listen on (8000)")
    srv.add_argument("--workers", default="1", metavar="N", help="worker processes (1)")
    srv.add_argument(
        "--cors", metavar="ORIGIN", help="allow browsers on ORIGIN to call the service"
    )
    srv.set_defaults(func=_serve)
