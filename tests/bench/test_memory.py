"""How the benchmark measures the memory of a build that forks a worker."""

from __future__ import annotations

import sys

from lmskg.bench.scale import SAMPLING_SHARE, next_wait, run_process, tree_pss_mib

# a parent and a forked child, each holding 150 MiB of its own, for about a second
TWO_PROCESSES = """
import os, time
if os.fork() == 0:
    data = b"c" * (150 << 20); time.sleep(1.5); os._exit(0)
data = b"p" * (150 << 20); time.sleep(1.5); os.wait()
"""


def test_the_peak_of_a_process_and_its_forked_worker_is_counted_together():
    seconds, largest, _, together = run_process([sys.executable, "-c", TWO_PROCESSES])
    # the kernel's peak is of one process (it may include what the forking test process
    # held before the exec: Linux keeps the larger of the two)
    assert largest >= 150
    assert together >= 290  # both, sampled while they ran
    assert seconds >= 1.5


def test_a_process_that_is_gone_holds_nothing():
    assert tree_pss_mib(2 ** 22 + 12345) == 0  # above Linux's pid limit: no such process


def test_sampling_waits_longer_when_a_sample_is_slow():
    """A quick sample keeps the interval; a slow one (large processes) waits so long that
    the sampler stays within its share of a core."""
    assert next_wait(0.2, 0.001) == 0.2
    wait = next_wait(0.2, 0.5)
    assert wait > 0.2
    assert abs(0.5 / (0.5 + wait) - SAMPLING_SHARE) < 1e-9
