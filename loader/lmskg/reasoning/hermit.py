"""OWL reasoning with HermiT, through owlready2.

The asserted graphs (ontology, vocabulary, sources) are loaded into a fresh
owlready2 world and classified by HermiT. Literals whose datatype is outside
the OWL 2 datatype map (xsd:date, xsd:gYear, xsd:gYearMonth) are ignored by
the reasoner; dates are checked by the SHACL shapes instead.

The triples HermiT adds (owlready2 keeps them in its 'inferrences' ontology),
with the superclass types of every individual, become the ``inferred`` named
graph, never mixed with curated statements.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..errors import CheckFailed, LmskgError
from ..ontology.namespaces import INFERRED_GRAPH
from ..transform.graphs import asserted


class Inconsistent(CheckFailed):
    """HermiT found the graph inconsistent."""


def _world_from(graph: Graph):  # -> owlready2.World
    import owlready2

    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="lmskg-owl-") as tmp:
        path = Path(tmp) / "graph.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load(format="ntriples")
    return world


def classify(graph: Graph) -> Graph:
    """The triples HermiT infers from ``graph``; raise Inconsistent if there is none."""
    import owlready2

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise LmskgError(f"the HermiT reasoner needs Java 17 or newer, and {owlready2.JAVA_EXE!r} "
                         "is not on PATH: install a JDK (Debian: apt install default-jre), or "
                         "skip reasoning with --no-reason (build, export)")

    world = _world_from(graph)
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                       ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        raise Inconsistent("HermiT: the graph is inconsistent") from exc
    except owlready2.OwlReadyJavaError as exc:
        # Java did not start, or HermiT stopped on something other than the graph: the
        # machine's problem, not a finding about the graph (exit 2, not "check failed")
        detail = " ".join(str(exc).replace("Java error message is:", "").split())[:500]
        raise LmskgError(f"the HermiT reasoner could not run ({owlready2.JAVA_EXE}): "
                         f"{detail or 'no message'} (check the Java installation, or skip "
                         "reasoning with --no-reason)") from exc
    except OSError as exc:  # the Java executable cannot be started at all
        raise LmskgError(f"the HermiT reasoner could not start {owlready2.JAVA_EXE}: "
                         f"{exc.strerror or exc}") from exc
    # owlready2 keeps what HermiT adds (types, subclass and equivalence links between
    # named entities) in its "inferrences" ontology; these are object triples only.
    onto = world.get_ontology("http://inferrences/")
    inferred = Graph()
    for s, p, o in onto._get_obj_triples_spo_spo(None, None, None):
        if s > 0 and o > 0:  # negative storids are anonymous class expressions
            inferred.add((URIRef(world._unabbreviate(s)), URIRef(world._unabbreviate(p)),
                          URIRef(world._unabbreviate(o))))
    inferred.remove((URIRef("http://inferrences"), None, None))
    return inferred


def superclass_types(graph: Graph, inferred: Graph) -> Graph:
    """rdf:type triples for every named superclass of every type an individual has.

    HermiT (as owlready2 reports it) gives only the most specific types; with these, a
    query for ``?c a lms:Claim`` finds every claim without a property path.
    """
    hierarchy = Graph()
    for g in (graph, inferred):
        for s, o in g.subject_objects(RDFS.subClassOf):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                hierarchy.add((s, RDFS.subClassOf, o))
    supers: dict[URIRef, set[URIRef]] = {}
    out = Graph()
    for g in (graph, inferred):
        for ind, cls in g.subject_objects(RDF.type):
            if not isinstance(ind, URIRef) or not isinstance(cls, URIRef) or \
                    str(cls).startswith(str(OWL)) or (cls, RDF.type, OWL.Class) not in graph:
                continue
            if cls not in supers:
                supers[cls] = {c for c in hierarchy.transitive_objects(cls, RDFS.subClassOf)
                               if isinstance(c, URIRef) and not str(c).startswith(str(OWL))}
            for c in supers[cls]:
                if (ind, RDF.type, c) not in graph and (ind, RDF.type, c) not in inferred:
                    out.add((ind, RDF.type, c))
    return out


def add_inferred(ds: Dataset) -> int:
    """Classify the asserted graphs and put what follows in the ``inferred`` graph: what
    HermiT adds (defined classes, subclass links) and the superclass types of every
    individual."""
    graph = asserted(ds)
    inferred = classify(graph)
    inferred += superclass_types(graph, inferred)
    target = ds.graph(INFERRED_GRAPH)
    target.remove((None, None, None))
    for triple in inferred:
        target.add(triple)
    return len(inferred)
