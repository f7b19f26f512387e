"""How the checks grow with the graph: the rule-based OWL reasoning and the SHACL shapes
compiled to SPARQL (both in Oxigraph), beside HermiT and pySHACL where those can run.

For each size a synthetic corpus (``lmskg synth``, seed 1) is written, read and checked
(curated data to typed records), and its named graphs are streamed into an in-memory
pyoxigraph store (the asserted graphs; no rdflib dataset is built). ``--derived`` adds the
derived graph, as a build leaves it (its computation grows with the square of the claims
today). Then, timed: the rules' work graphs, the inferred graph, the consistency checks, the
compiled shapes, and the QC queries (on the union of the graphs). ``--reference N`` also
times HermiT and pySHACL on the same graph up to N claims.

    python -m lmskg.bench.checks --sizes 1000,10000,100000 --reference 10000 --out DIR
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..checks.owl_rules import owl_rule_findings
from ..checks.shacl_sparql import shacl_sparql_findings
from ..config import Config
from ..derive.triples import derived_triples
from ..ontology.namespaces import DERIVED_GRAPH
from ..pipeline.inputs import load_inputs
from ..reasoning.rules import Reasoner
from ..stores.oxigraph import to_ox
from ..transform.graphs import named_graphs
from .synth import synthesize


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(root: Path, claims: int, derived: bool = False) -> tuple[ox.Store, dict, object]:
    """The store for a synthetic corpus (with the derived graph if asked: its computation
    grows with the square of the claims today); timings; the inputs read."""
    base = Config()
    timings: dict = {}
    if not (root / "data").exists():
        t = time.perf_counter()
        synthesize(root, claims, 1, base.data_dir, base.vocab_dir)
        timings["synth"] = time.perf_counter() - t
    config = replace(base, data_dir=root / "data", corpus_dir=root / "corpus",
                     shared_vocab_dir=root / "vocab")
    t = time.perf_counter()
    inputs = load_inputs(config)
    timings["read curated data"] = time.perf_counter() - t
    t = time.perf_counter()
    store = ox.Store()
    n = 0
    for name, triples in named_graphs(inputs.ontology, inputs.curated.vocab, inputs.curated.sources):
        g = ox.NamedNode(str(name))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
        n += len(quads)
        store.extend(quads)
    timings["asserted graphs to store"] = time.perf_counter() - t
    timings["asserted triples"] = n
    if derived:
        t = time.perf_counter()
        g = ox.NamedNode(str(DERIVED_GRAPH))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in derived_triples(
            inputs.ontology, inputs.curated.vocab, inputs.curated.sources)]
        store.extend(quads)
        timings["derived graph to store"] = time.perf_counter() - t
        timings["derived triples"] = len(quads)
    return store, timings, inputs


def measure(store: ox.Store, shapes: Path, qc_dir: Path) -> dict:
    out: dict = {}
    t = time.perf_counter()
    with Reasoner(store) as reasoner:
        reasoner.materialize()
        out["rules: work graphs"] = time.perf_counter() - t
        t = time.perf_counter()
        out["inferred triples"] = reasoner.write_inferred()
        out["rules: inferred graph"] = time.perf_counter() - t
        t = time.perf_counter()
        out["owl findings"] = len(owl_rule_findings(store, reasoner=reasoner))
        out["rules: consistency"] = time.perf_counter() - t
    t = time.perf_counter()
    found, _ = shacl_sparql_findings(store, shapes)
    out["shacl: compiled"] = time.perf_counter() - t
    out["shacl findings"] = len(found)
    t = time.perf_counter()
    rows = 0
    for path in sorted(qc_dir.glob("*-violation.rq")):
        rows += len(list(store.query(path.read_text(encoding="utf-8"),
                                     use_default_graph_as_union=True)))
    out["qc: queries"] = time.perf_counter() - t
    out["qc rows"] = rows
    out["check total"] = sum(out[k] for k in ("rules: work graphs", "rules: inferred graph",
                                              "rules: consistency", "shacl: compiled",
                                              "qc: queries"))
    return out


def reference(inputs, shapes: Path) -> dict:
    """HermiT (classification, as the build runs it) and pySHACL on the same graphs."""
    from ..checks.run import split_dataset
    from ..checks.shacl import shacl_findings
    from ..pipeline.dataset import build_dataset
    from ..reasoning.hermit import classify
    from ..transform.graphs import asserted

    out: dict = {}
    t = time.perf_counter()
    ds = build_dataset(inputs)
    out["rdflib dataset"] = time.perf_counter() - t
    t = time.perf_counter()
    classify(asserted(ds))
    out["hermit"] = time.perf_counter() - t
    data, onto = split_dataset(ds)
    merged = Graph()
    merged += onto
    merged += data
    t = time.perf_counter()
    shacl_findings(merged, shapes)
    out["pyshacl"] = time.perf_counter() - t
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m lmskg.bench.checks")
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--reference", type=int, default=0,
                   help="also time HermiT and pySHACL up to this many claims")
    p.add_argument("--out", type=Path, default=Path("/tmp/lmskg-scale"))
    p.add_argument("--derived", action="store_true",
                   help="also compute the derived graph and keep it in the store")
    args = p.parse_args(argv)
    repo = Config()
    shapes, qc_dir = repo.ontology_dir / "shapes.ttl", repo.queries_dir / "qc"
    results = []
    for size in [int(x) for x in args.sizes.split(",")]:
        store, timings, inputs = load(args.out / f"s{size}", size, args.derived)
        row = {"claims": size, **timings, **measure(store, shapes, qc_dir)}
        if size <= args.reference:
            row.update(reference(inputs, shapes))
        row["peak RSS MiB"] = _rss_mib()
        results.append(row)
        print(json.dumps(row, default=lambda x: round(x, 2)), flush=True)
        del store, inputs
    (args.out / "checks-bench.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
