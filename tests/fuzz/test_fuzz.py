"""The short fuzz run (part of ``python -m pytest``); ``FUZZ_SECONDS=600`` makes it long.

Each target runs for a share of ``FUZZ_SECONDS`` (default: a short run of about a minute
for all targets together, by example counts), then the figures are printed (``-s``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from . import harness
from .atheris_targets import SEEDS, one_input, seed_corpus

SECONDS = float(os.environ.get("FUZZ_SECONDS", "0"))
SHORT = {"rank-request": 1000, "rank-result": 300, "certificate": 1500, "council": 1500}


@pytest.mark.fuzz
@pytest.mark.parametrize("target", sorted(harness.TARGETS))
def test_fuzz(target: str) -> None:
    make, _reader = harness.TARGETS[target]
    deadline = time.monotonic() + SECONDS / len(harness.TARGETS) if SECONDS else None

    @settings(
        max_examples=SHORT[target],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(harness.mutated(make()) | make().map(lambda d: __import__("json").dumps(d)))
    def run(text: str) -> None:
        harness.check(target, text)

    if deadline is None:
        run()
    else:
        while time.monotonic() < deadline:  # rounds of SHORT[target] examples, new seeds
            run()
    print(f"\n{harness.report()}")
    assert not harness.BUGS


@pytest.mark.parametrize("target", sorted(SEEDS))
def test_atheris_targets_take_any_bytes(target: str) -> None:
    """The byte-level targets (run by hand with atheris) on their seeds and on junk bytes."""
    folder = Path(seed_corpus(target))
    seeds = [p.read_bytes() for p in folder.iterdir()]
    junk = [b"", b"\xff\xfe", b"\xef\xbb\xbf{}", b"[" * 100, b'{"a":1e400}', b"\x00", b"{" + b"}"]
    for data in [*seeds, *junk, *(s[: len(s) // 2] for s in seeds)]:
        one_input(target, data)  # returns: read, or refused with an OcopError
