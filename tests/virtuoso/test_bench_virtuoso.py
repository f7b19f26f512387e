"""The Virtuoso benchmark (lmskg.bench.virtuoso) with --virtuoso-only: its own private
server, loaded by Virtuoso's bulk loader, every catalogue question timed over HTTP with
its answer's size (the figures of docs/remote-stores.md at 100,000 claims)."""

from __future__ import annotations

import pytest

from lmskg.bench.virtuoso import benchmark, markdown
from lmskg.sparql.catalogue import load_catalogue

pytestmark = pytest.mark.virtuoso


def test_virtuoso_only_times_every_question_on_its_own_server(trig_file, config):
    said = []
    result = benchmark(trig_file, config.queries_dir, config.ontology_file, repeat=1,
                       say=said.append, load="bulk", virtuoso_only=True)
    names = sorted(load_catalogue(config.queries_dir))
    assert [r["query"] for r in result["queries"]] == names
    assert result["bulk_seconds"] > 0 and "publish_seconds" not in result
    assert all(r["virtuoso"] > 0 and r["rows"] >= 0 for r in result["queries"])
    assert sum(r["rows"] for r in result["queries"]) > 100  # the real graph answers
    table = markdown(result)
    assert "| question | rows | Virtuoso s (first) | Virtuoso s |" in table
    assert len([line for line in table.splitlines() if line.startswith("| ")]) == len(names) + 2  # head, rule
