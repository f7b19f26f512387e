"""``lmskg check`` on an Oxigraph store, by size: HermiT where it can run, rules above that.

HermiT classifies the whole graph in one Java process: seconds at a few hundred claims,
minutes at a thousand, out of reach at 100,000. So:

- the ontology and the vocabulary (small, the same at every size) are always given to
  HermiT, which proves them consistent or explains why not;
- at or below ``threshold`` claims (``HERMIT_MAX_CLAIMS``) the whole graph goes through
  the path :func:`.run.run_checks` has always taken (HermiT, pySHACL, QC queries on rdflib);
- above it, the claims are checked in Oxigraph: the OWL axioms as rules
  (:mod:`lmskg.reasoning.rules`, proven equal to HermiT on the fixtures and a synthetic
  corpus), the shapes compiled to SPARQL (:mod:`.shacl_sparql`, equal to pySHACL) and the
  QC queries run by Oxigraph; the OWL part and the SHACL Core constraints run side by
  side, one on each core (:func:`rule_checks`).

:func:`check_store` takes a store holding the built dataset (named graphs as in
``build/lmskg.trig``; ``derived``, ``inferred`` and the drafts' graphs are not checked)
and returns the report :func:`.run.run_checks` gives. It only reads that store: the rules
and the QC queries run on an in-memory copy of its asserted graphs (the rules write work
graphs; the QC queries read the asserted graphs as one default graph).
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from ..files import read_text
from ..ontology import terms as T
from ..ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                   VOCABULARY_GRAPH, is_draft_graph)
from ..reasoning.limits import HERMIT_MAX_CLAIMS
from ..reasoning.scope import WORK_GRAPHS, Scope, iri
from ..stores.oxigraph import from_ox
from .located import claim_sources
from .owl_rules import owl_rule_findings
from .report import Finding, Report, finding
from .shacl_sparql import CORE, SPARQL, in_order, shacl_sparql_findings

REASONERS = ("auto", "hermit", "rules")
NOT_ASSERTED = frozenset({str(DERIVED_GRAPH), str(INFERRED_GRAPH)}) | WORK_GRAPHS


def count_claims(store: ox.Store) -> int:
    """Claims (subjects of lms:source) in the asserted graphs of the store."""
    scope = Scope(store)
    rows = scope.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ "
                        f"{scope.asserted('?c', iri(T.source), '?s')} }}")
    return int(rows[0]["n"])


def choose(reasoner: str, claims: int, threshold: int = HERMIT_MAX_CLAIMS) -> str:
    """'hermit' or 'rules' for a graph of ``claims`` claims."""
    if reasoner not in REASONERS:
        raise ValueError(f"reasoner {reasoner!r}: one of {', '.join(REASONERS)}")
    if reasoner != "auto":
        return reasoner
    return "hermit" if claims <= threshold else "rules"


def check_graphs(data: Graph, onto: Graph, shapes_file: Path, qc_dir: Path,
                 reasoner: str = "auto", threshold: int = HERMIT_MAX_CLAIMS,
                 consistent_at_build: bool = False) -> Report:
    """The checks on rdflib graphs (``lmskg check --graph``, ``lmskg build --check``): at
    or below ``threshold`` claims exactly :func:`.run.run_checks`; above it the rules."""
    from ..stores.oxigraph import to_ox
    from .run import run_checks

    claims = len(set(data.subjects(T.source, None)) | set(onto.subjects(T.source, None)))
    chosen = choose(reasoner, claims, threshold)
    if chosen == "hermit":
        report = run_checks(data, onto, shapes_file, qc_dir, consistent_at_build)
    else:
        t = time.perf_counter()
        store = ox.Store()
        for name, graph in ((str(ONTOLOGY_GRAPH), onto), ("urn:lmskg:checked", data)):
            g = ox.NamedNode(name)
            store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph])
        to_store = time.perf_counter() - t
        report = rule_checks(store, shapes_file, qc_dir, claims)
        report.timings["to store"] = to_store
    report.notes["reasoner"] = f"{chosen} ({claims} claims, threshold {threshold})"
    return report


def check_inputs(inputs: object, shapes_file: Path, qc_dir: Path, reasoner: str = "auto",
                 threshold: int = HERMIT_MAX_CLAIMS) -> Report:
    """``lmskg check`` on curated inputs: the asserted graphs streamed into a store; at or
    below ``threshold`` claims exactly the rdflib path of :func:`.run.run_checks`."""
    t = time.perf_counter()
    store = store_from_inputs(inputs)
    claims = count_claims(store)
    to_store = time.perf_counter() - t
    chosen = choose(reasoner, claims, threshold)
    if chosen == "hermit":
        from .run import run_checks

        del store
        data, onto = inputs_graphs(inputs)
        report = run_checks(data, onto, shapes_file, qc_dir)
    else:
        report = rule_checks(store, shapes_file, qc_dir, claims, copy=False)
        report.timings["to store"] = to_store
    report.notes["reasoner"] = f"{chosen} ({claims} claims, threshold {threshold})"
    return report


def check_store(store: ox.Store, shapes_file: Path, qc_dir: Path, reasoner: str = "auto",
                threshold: int = HERMIT_MAX_CLAIMS) -> Report:
    """Every check on the asserted graphs of ``store`` (a built dataset, named graphs as in
    ``build/lmskg.trig``: ``derived`` and ``inferred`` are not checked), as
    :func:`.run.run_checks` reports them. The store is only read.

    ``reasoner`` (auto, hermit or rules) decides the OWL part: HermiT on the whole graph
    (read back from the store) or the rules. The shapes are always the compiled ones and
    the QC queries run in Oxigraph: pySHACL cannot be given what the store holds, since
    Oxigraph keeps values, not datatypes (an xsd:nonNegativeInteger comes back as
    xsd:integer, which pySHACL's sh:datatype refuses)."""
    t = time.perf_counter()
    claims = count_claims(store)
    chosen = choose(reasoner, claims, threshold)
    report = rule_checks(store, shapes_file, qc_dir, claims, hermit=chosen == "hermit")
    report.timings["total"] = time.perf_counter() - t
    report.notes["reasoner"] = f"{chosen} ({claims} claims, threshold {threshold})"
    return report


def rule_checks(store: ox.Store, shapes_file: Path, qc_dir: Path, claims: int,
                copy: bool = True, hermit: bool = False, schema: bool = True) -> Report:
    """The checks in Oxigraph: HermiT on the ontology and vocabulary (on the whole graph
    if ``hermit``), the OWL rules (unless ``hermit``), the compiled shapes, the QC queries.
    ``copy``: work on a copy of the asserted graphs (the store is left as it was);
    ``schema``: give the ontology and vocabulary to HermiT (tests leave it out: the rules
    read the same axioms)."""
    report = Report()
    report.counts["claims"] = claims
    if hermit:
        return _whole_graph_by_hermit(report, store, shapes_file, qc_dir, copy)
    # Two threads, one on each core: pyoxigraph and HermiT's Java process let go of
    # Python's lock while they work. The other thread runs the OWL part: HermiT on the
    # ontology and vocabulary (read from the store as given, while this thread copies),
    # then the rules on the copy. This thread runs the SHACL Core constraints meanwhile.
    # The rules write their work graphs into the copy as they go: the Core constraints
    # never read those graphs (each pattern filters its graph), and the in-memory store
    # gives each query a snapshot. The SPARQL-based constraints and the QC queries read
    # every graph as written, so they wait until the rules have removed theirs.
    with ThreadPoolExecutor(max_workers=1) as other:
        on_schema = other.submit(_timed, schema_findings if schema else lambda _: [], store)
        t = time.perf_counter()
        if copy:
            store = asserted_copy(store)
            report.timings["copy asserted graphs"] = time.perf_counter() - t
        report.counts["triples"] = len(store)
        by_rules = other.submit(_timed, owl_rule_findings, store)
        t = time.perf_counter()
        core, report.counts["shapes"] = shacl_sparql_findings(store, shapes_file,
                                                              kinds=(CORE,))
        report.timings["shacl: core"] = time.perf_counter() - t
        (schema_found, report.timings["owl: hermit (ontology, vocabulary)"]), \
            (rules_found, report.timings["owl: rules"]) = on_schema.result(), by_rules.result()
    report.timings["owl and shacl core, side by side"] = time.perf_counter() - t
    report.timings["owl"] = report.timings["owl: hermit (ontology, vocabulary)"] + \
        report.timings["owl: rules"]
    report.findings += sorted(set(schema_found) | set(rules_found),
                              key=lambda f: (f.source, f.claim, f.focus, f.message))
    t = time.perf_counter()
    written, _ = shacl_sparql_findings(store, shapes_file, kinds=(SPARQL,))
    report.timings["shacl: sparql"] = time.perf_counter() - t
    report.timings["shacl"] = report.timings["shacl: core"] + report.timings["shacl: sparql"]
    report.findings += in_order(core + written)
    _qc(report, store, qc_dir)
    return report


def _whole_graph_by_hermit(report: Report, store: ox.Store, shapes_file: Path,
                           qc_dir: Path, copy: bool) -> Report:
    """:func:`rule_checks` with HermiT on the whole graph instead of the rules."""
    from .owl import owl_findings

    t = time.perf_counter()
    if copy:
        store = asserted_copy(store)
        report.timings["copy asserted graphs"] = time.perf_counter() - t
    report.counts["triples"] = len(store)
    t = time.perf_counter()
    data, onto = rdflib_graphs(store)
    report.findings += owl_findings(data, onto)
    report.timings["owl"] = time.perf_counter() - t
    t = time.perf_counter()
    found, report.counts["shapes"] = shacl_sparql_findings(store, shapes_file)
    report.findings += found
    report.timings["shacl"] = time.perf_counter() - t
    _qc(report, store, qc_dir)
    return report


def _qc(report: Report, store: ox.Store, qc_dir: Path) -> None:
    t = time.perf_counter()
    found, report.counts["qc queries"] = qc_store_findings(store, qc_dir)
    report.findings += found
    report.timings["qc"] = time.perf_counter() - t


def _timed(work: Callable, *args: object) -> tuple[object, float]:
    """(what ``work(*args)`` returns, the seconds it took)."""
    t = time.perf_counter()
    return work(*args), time.perf_counter() - t


def inputs_graphs(inputs: object) -> tuple[Graph, Graph]:
    """(data, ontology) of the curated inputs as :func:`.run.split_dataset` gives them for
    the built dataset: every asserted triple not in the ontology graph, and that graph."""
    from ..transform.graphs import named_graphs

    return _data_and_ontology(
        (name, triple) for name, triples in named_graphs(
            inputs.ontology, inputs.curated.vocab, inputs.curated.sources)
        for triple in triples)


def store_from_inputs(inputs: object) -> ox.Store:
    """The asserted graphs of the curated inputs, streamed into an in-memory store (no
    rdflib dataset in between)."""
    from ..stores.oxigraph import to_ox
    from ..transform.graphs import named_graphs

    store = ox.Store()
    for name, triples in named_graphs(inputs.ontology, inputs.curated.vocab,
                                      inputs.curated.sources):
        g = ox.NamedNode(str(name))
        store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples])
    return store


def asserted_copy(store: ox.Store) -> ox.Store:
    """An in-memory store with the asserted graphs of ``store`` (their names kept); derived,
    inferred and work graphs are left out.

    Each graph is written out as N-Triples by another thread, a few graphs ahead, while
    this one bulk-loads the text: both let go of Python's lock, so reading the store and
    filling the copy share the two cores (at 100,000 claims: 25 s instead of 42 to 58 s
    quad by quad, every quad a Python object). A graph with a blank node is copied as
    terms instead: a bulk load gives blank nodes new labels, so a node shared by two
    graphs would become two."""
    copy = ox.Store()
    names = sorted((n for n in store.named_graphs() if is_asserted(n)), key=str)
    for name, text in _written_ahead(store, names):
        if b"_:" in text:  # a blank node, or a literal that reads like one
            copy.extend(store.quads_for_pattern(None, None, None, name))
        else:
            copy.bulk_load(text, ox.RdfFormat.N_TRIPLES, to_graph=name)
    return copy


def _written_ahead(store: ox.Store, names: list, ahead: int = 8) -> Iterator[tuple[object, bytes]]:
    """(name, N-Triples of the graph) for each graph in order, written by another thread
    at most ``ahead`` graphs before the one asked for (so memory holds a few graphs'
    text, not the whole store's)."""
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: deque = deque()
        for name in names:
            pending.append((name, writer.submit(store.dump, format=ox.RdfFormat.N_TRIPLES,
                                                from_graph=name)))
            if len(pending) > ahead:
                done, text = pending.popleft()
                yield done, text.result()
        while pending:
            done, text = pending.popleft()
            yield done, text.result()


def rdflib_graphs(store: ox.Store) -> tuple[Graph, Graph]:
    """(data, ontology) as :func:`.run.split_dataset` gives them: every asserted triple
    not in the ontology graph, and the ontology graph."""
    return _data_and_ontology(
        (q.graph_name.value, (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        for q in store.quads_for_pattern(None, None, None, None) if is_asserted(q.graph_name))


def is_asserted(name: object) -> bool:
    """Whether a graph of the store holds curated statements to check: not the default
    graph, ``derived``, ``inferred``, a work graph of the rules, or a draft's graph
    (unreviewed candidates are never checked as curated data, as in :mod:`.run`)."""
    return isinstance(name, ox.NamedNode) and name.value not in NOT_ASSERTED \
        and not is_draft_graph(name.value)


def _data_and_ontology(named: Iterable[tuple[str, tuple]]) -> tuple[Graph, Graph]:
    """(every triple not in the ontology graph, the ontology graph) of (graph, triple)
    pairs; a triple stated in the ontology graph and elsewhere counts as the ontology's."""
    onto, whole = Graph(), Graph()
    for name, triple in named:
        whole.add(triple)
        if str(name) == str(ONTOLOGY_GRAPH):
            onto.add(triple)
    data = Graph()
    for triple in whole:
        if triple not in onto:
            data.add(triple)
    return data, onto


def schema_findings(store: ox.Store) -> list[Finding]:
    """HermiT on the ontology and vocabulary graphs alone (small at every size)."""
    from .owl import owl_findings

    onto, vocab = Graph(), Graph()
    for graph, name in ((onto, ONTOLOGY_GRAPH), (vocab, VOCABULARY_GRAPH)):
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    if not len(onto):
        return []
    return owl_findings(vocab, onto)


def qc_store_findings(store: ox.Store, qc_dir: Path) -> tuple[list[Finding], int]:
    """The QC queries on the union of the store's graphs (hand it asserted graphs only),
    as :func:`.qc.qc_findings` reports them."""
    out: list[tuple] = []
    files = sorted(qc_dir.glob("*-violation.rq"))
    for path in files:
        rows = store.query(read_text(path, "query", str(path)), use_default_graph_as_union=True)
        for row in rows:
            entity, problem = from_ox(row[0]), from_ox(row[1]) if len(row) > 1 else None
            out.append((entity, str(problem or "violation"), f"query queries/qc/{path.name}"))
    located = claim_sources(Scope(store), (e for e, _, _ in out))
    return [finding(located, "qc", e, m, r) for e, m, r in out], len(files)
