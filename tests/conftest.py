"""Test-wide settings.

Hypothesis's per-example deadline (200 ms by default) is off: speed is measured by the
benchmarks in ``bench/`` (docs/performance.md), never by a unit test, and a deadline would
make a loaded CI machine fail tests that are correct.
"""

from hypothesis import settings

settings.register_profile("ocop", deadline=None)
settings.load_profile("ocop")
