"""``lmskg check``: OWL reasoning, SHACL shapes and QC queries, in one report.

Three kinds of check run on the asserted graphs (ontology, vocabulary, sources):

- ``owl``: HermiT consistency; when inconsistent, :mod:`lmskg.reasoning.explain` names
  the individual, its claim and source, and the axiom involved. A build that just
  classified the same graph has already answered this; it is then not asked again;
- ``shacl``: the shapes of ``ontology/shapes.ttl`` (pySHACL), closed-world;
- ``qc``: the ``queries/qc/*-violation.rq`` queries; each must return no rows.

Any finding fails the check (exit 1).
"""

from __future__ import annotations

import time
from pathlib import Path

from rdflib import Dataset, Graph

from ..errors import InputError, Problem
from ..ontology import terms as T
from ..ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, is_draft_graph
from ..transform.graphs import asserted
from .owl import owl_findings
from .qc import qc_findings
from .report import Report
from .shacl import shacl_findings


def run_checks(data: Graph, onto: Graph, shapes_file: Path, qc_dir: Path,
               consistent_at_build: bool = False) -> Report:
    """Every check on ``data`` under ``onto``; ``consistent_at_build``: HermiT already
    found this very graph consistent (while classifying it), so it is not run again."""
    report = Report()
    merged = Graph()
    merged += onto
    merged += data
    t = time.perf_counter()
    if consistent_at_build:
        report.notes["owl"] = "consistent at build"
    else:
        report.findings += owl_findings(data, onto)
    report.timings["owl"] = time.perf_counter() - t
    t = time.perf_counter()
    found, report.counts["shapes"] = shacl_findings(merged, shapes_file)
    report.findings += found
    report.timings["shacl"] = time.perf_counter() - t
    t = time.perf_counter()
    found, report.counts["qc queries"] = qc_findings(merged, qc_dir)
    report.findings += found
    report.timings["qc"] = time.perf_counter() - t
    report.counts["triples"] = len(merged)
    report.counts["claims"] = len(set(merged.subjects(T.source, None)))
    return report


def split_dataset(ds: Dataset) -> tuple[Graph, Graph]:
    """(data, ontology) from a built dataset: every asserted graph but the ontology's."""
    onto = Graph()
    onto += ds.graph(ONTOLOGY_GRAPH)
    whole = asserted(ds)
    data = Graph()
    for triple in whole:
        if triple not in onto:
            data.add(triple)
    return data, onto


def load_graph_file(path: Path, ontology_file: Path) -> tuple[Graph, Graph]:
    """(data, ontology) from an RDF file to check; the ontology is added if absent."""
    fmt = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
           ".owl": "xml", ".rdf": "xml"}.get(path.suffix)
    if fmt is None:
        raise InputError(Problem(str(path), "", "", "unknown RDF format",
                                 "use .trig, .ttl, .nt, .jsonld or .owl"))
    try:
        if fmt == "trig":
            ds = Dataset()
            ds.parse(path, format="trig")
            whole = Graph()
            for g in ds.graphs():
                if g.identifier == INFERRED_GRAPH or is_draft_graph(g.identifier):
                    continue  # drafts are unreviewed: never checked as curated data
                whole += g
        else:
            whole = Graph().parse(path, format=fmt)
    except OSError as exc:
        raise InputError(Problem(str(path), "", "", f"cannot read: {exc.strerror}")) from exc
    except Exception as exc:  # parser errors come in many types
        reason = " ".join(str(getattr(exc, "message", None) or exc).split())
        reason = reason.split(" at ^ in:")[0]  # rdflib appends the text as bytes reprs
        raise InputError(Problem(str(path), "", "", f"does not parse as {fmt}: "
                                 f"{reason[:300]}")) from exc
    onto = Graph().parse(ontology_file, format="turtle")
    data = Graph()
    for triple in whole:
        if triple not in onto:
            data.add(triple)
    return data, onto
