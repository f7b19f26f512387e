"""The measurement behind decision 0009 runs: direct and through the front, a table."""

from __future__ import annotations

import pytest

from lmskg.bench.server import main

pytestmark = pytest.mark.server


def test_the_server_bench_measures_both_ways(trig_file, capsys, config):
    assert main(["--trig", str(trig_file), "--small", "3", "--big-rows", "50",
                 "--catalogue", str(config.queries_dir / "conflicts.rq")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| queries | n | answer bytes | direct ms")
    rows = [line.split(" | ") for line in lines[2:]]
    assert [r[0] for r in rows] == [
        "| small SELECT (no 'service' in it: not parsed)",
        "| small SELECT with 'service' in a comment (parsed by rdflib)",
        "| conflicts.rq (not parsed)", "| conflicts.rq with 'service' in a comment (parsed)",
        "| big answer: 50 rows as CSV"]
    assert all(float(r[-1].rstrip(" |")) > 0 for r in rows)  # a ratio for each
