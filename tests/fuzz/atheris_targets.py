"""Coverage-guided byte fuzzing of the readers with atheris (``pip install atheris``).

Each target turns the fuzzer's bytes into text the way ``ocop`` reads a file (strict
UTF-8, a byte-order mark dropped: :func:`ocop.serialize.decode_utf8`) and hands it to the
same check as the hypothesis harness (:func:`tests.fuzz.harness.check`): the document is
read, or refused with an :class:`~ocop.errors.OcopError`; for rank requests the fast and
checked scorers agree and ``ocop rank --jsonl`` writes the one pipeline's line. Anything
else is a crash that atheris reports with the input that caused it. Seeds: the valid
examples of ``examples/``, which the fuzzer mutates.

    python -m tests.fuzz.atheris_targets rank-request -max_total_time=600
    python -m tests.fuzz.atheris_targets council -runs=100000

Targets: ``rank-request``, ``rank-result``, ``certificate``, ``council``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ocop.errors import OcopError
from ocop.serialize import decode_utf8

from .harness import ROOT, TARGETS, check

SEEDS = {
    "rank-request": ["rank-honey-council.json"],
    "rank-result": [],
    "certificate": ["certificate-lam-dong.json"],
    "council": ["council-province.json"],
}


def one_input(target: str, data: bytes) -> None:
    """The check of one fuzzer input (what atheris calls)."""
    try:
        text = decode_utf8(data, "the input")
    except OcopError:
        return
    try:
        check(target, text)
    except OcopError:
        return


def seed_corpus(target: str) -> str:
    """A directory holding the seed documents of *target*."""
    folder = tempfile.mkdtemp(prefix=f"ocop-{target}-")
    for name in SEEDS[target]:
        data = (ROOT / "examples" / name).read_bytes()
        (Path(folder) / name).write_bytes(data)
    return folder


def main(argv: list[str]) -> int:  # pragma: no cover - needs atheris, run by hand
    if len(argv) < 2 or argv[1] not in TARGETS:
        print(f"usage: python -m tests.fuzz.atheris_targets ({'|'.join(TARGETS)}) [atheris args]")
        return 2
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        print("atheris is not installed: pip install atheris")
        return 2
    target = argv[1]
    atheris.instrument_all()  # coverage of every loaded module (ocop's readers included)
    atheris.Setup([argv[0], *argv[2:], seed_corpus(target)], lambda d: one_input(target, d))
    atheris.Fuzz()  # exits the process; a crash is reported with its input
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv))
