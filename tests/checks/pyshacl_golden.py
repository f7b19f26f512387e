"""pySHACL's findings on the synthetic corpus with faults injected, kept as a golden file
because pySHACL takes about a minute on it: ``golden/pyshacl-synth-1000-seed-1.json.gz``
holds the findings ``checks.shacl.shacl_findings`` returns and the fingerprint of the graph
it ran on. A test that finds another fingerprint fails and says to regenerate:

    .venv/bin/python -m tests.checks.pyshacl_golden
"""

from __future__ import annotations

import gzip
import json
import tempfile
from dataclasses import asdict
from pathlib import Path

from rdflib import Graph

from lmskg.checks.report import Finding
from tests.support.cli import REPO
from tests.support.faults import apply_to_graph, faults
from tests.support.synth import fingerprint

GOLDEN = Path(__file__).parent / "golden" / "pyshacl-synth-1000-seed-1.json.gz"
SHAPES = REPO / "ontology" / "shapes.ttl"


def faulty_graph(ds) -> Graph:
    """The asserted graphs of a dataset, as ``checks.run`` merges them, with the faults."""
    from lmskg.checks.run import split_dataset

    data, onto = split_dataset(ds)
    merged = Graph()
    merged += onto
    merged += data
    apply_to_graph(merged, faults(merged))
    return merged


def key(f: Finding) -> tuple:
    return (f.source, f.claim, f.focus, f.message, f.rule)


def save(graph: Graph) -> None:
    from lmskg.checks.shacl import shacl_findings

    found, n = shacl_findings(graph, SHAPES)
    doc = {"input": fingerprint(graph), "shapes": SHAPES.read_text(encoding="utf-8"),
           "node_shapes": n, "findings": [asdict(f) for f in sorted(found, key=key)]}
    GOLDEN.parent.mkdir(exist_ok=True)
    with gzip.open(GOLDEN, "wt", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)


def load() -> dict:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        doc = json.load(f)
    doc["findings"] = [Finding(**x) for x in doc["findings"]]
    return doc


def main() -> None:
    from tests.support.synth import synth_dataset

    with tempfile.TemporaryDirectory() as tmp:
        save(faulty_graph(synth_dataset(Path(tmp))))
    print(f"wrote {GOLDEN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
