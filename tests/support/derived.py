"""What the build derives, computed again from a graph's own statements: the oracle the
tests hold ``graph/derived`` to, on the real graph (tests/derive) and on every question
fixture (tests/sparql/test_fixture_derived.py). It reads the graph, never the records, so
it checks the derivation rather than repeating it."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from lmskg.curated.contexts import in_display_order
from lmskg.derive.triples import UNNAMED
from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import BIBO, LMS
from tests.support.cli import REPO

ONTOLOGY = Graph().parse(REPO / "ontology" / "lmskg.ttl")


def above(c: URIRef) -> set:
    """The classes the ontology puts above ``c``."""
    return set(ONTOLOGY.transitive_objects(c, RDFS.subClassOf)) - {c}


DOCUMENT_CLASSES = {c for c in ONTOLOGY.subjects(SKOS.notation, None)
                    if BIBO.Document in above(c)}


def _notation(ds: Dataset, term) -> str | None:
    n = ds.value(term, SKOS.notation)
    n = n if n is not None else ONTOLOGY.value(term, SKOS.notation)
    return None if n is None else str(n)


def context_summary(ds: Dataset, claim) -> list[str]:
    """``lms:contextSummary`` of a claim: its context values' notations by kind in
    display order, then by notation, once each (none for a claim without context)."""
    ordered = sorted((k.display_rank, _notation(ds, v)) for k in in_display_order()
                     for v in ds.objects(claim, LMS[k.prop]) if _notation(ds, v) is not None)
    text = "; ".join(dict.fromkeys(n for _, n in ordered))
    return [text] if text else []


def treatment_summary(ds: Dataset, claim) -> list[str]:
    """``lms:treatmentSummary``: the regimen's notation, else the therapies' ("(unnamed)"
    for one without a notation), sorted."""
    regimens = [_notation(ds, r) for r in ds.objects(claim, T.regimen)]
    if regimens:
        return regimens[:1]
    text = "; ".join(sorted({_notation(ds, t) or UNNAMED for t in ds.objects(claim, T.therapy)}))
    return [text] if text else []


def document_type(ds: Dataset, doc) -> list[URIRef]:
    """``lms:documentType``: the document classes with a notation the document belongs
    to that no other such class of it is below (one, for any document the build writes)."""
    classes = set(ds.objects(doc, RDF.type)) & DOCUMENT_CLASSES
    return sorted(c for c in classes if not any(c in above(d) for d in classes))


def claims(ds: Dataset) -> set:
    return set(ds.subjects(T.source, None))


def documents(ds: Dataset) -> set:
    return set(ds.subjects(RDF.type, T.Source)) | set(ds.subjects(RDF.type, T.Reference))


# property -> (the nodes that have it, what the build derives for one)
SUMMARIES = {T.contextSummary: (claims, context_summary),
             T.treatmentSummary: (claims, treatment_summary),
             T.documentType: (documents, document_type)}


def mismatches(ds: Dataset, prop: URIRef) -> list[str]:
    """Each node whose ``prop`` in ``ds`` is not what the build derives from ``ds``."""
    whose, derive = SUMMARIES[prop]
    out = []
    for node in sorted(whose(ds)):
        got, expected = sorted(ds.objects(node, prop)), derive(ds, node)
        if [str(x) for x in got] != [str(x) for x in expected]:
            out.append(f"{node}: {[str(x) for x in got]} != {[str(x) for x in expected]}")
    return out
