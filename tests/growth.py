"""Linear time, checked by how the time grows with the input, never by a number of seconds.

`assert_linear(run, size)` times `run(size)` and `run(size * FACTOR)` in CPU seconds of this
process (so other processes on the machine count for little) and asserts that FACTOR times the
input took less than SLACK × FACTOR times as long: about FACTOR when linear, FACTOR² when quadratic.
These checks measure, so they belong in the slow suite.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

FACTOR = 4
# For FACTOR 4, linear is 4 and quadratic 16: 10 leaves room for caches and a busy machine.
SLACK = 2.5
TRIES = 3
# Each timing repeats the call until it has run this long, so the clock's grain does not count.
ENOUGH = 0.02


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU seconds one call of `run` takes, the calls repeated until they make ENOUGH."""
    calls, started = 0, time.process_time()
    while True:
        run()
        calls += 1
        spent = time.process_time() - started
        if spent >= ENOUGH:
            return spent / calls


def growth(run: Callable[[int], object], size: int, factor: int = FACTOR) -> float:
    """How many times longer `run(size * factor)` takes than `run(size)`, the least of TRIES."""
    ratios = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(TRIES):
            small = cpu_seconds(lambda: run(size))
            large = cpu_seconds(lambda: run(size * factor))
            ratios.append(large / small)
            if ratios[-1] < SLACK * factor:
                break  # a try under the bound settles it; only a slow one is tried again
    finally:
        if enabled:
            gc.enable()
    return min(ratios)


def assert_linear(run: Callable[[int], object], size: int, factor: int = FACTOR) -> None:
    ratio = growth(run, size, factor)
    assert ratio < SLACK * factor, f"{factor} times the input took {ratio:.1f} times as long"
