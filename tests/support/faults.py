"""Faults injected into a valid graph, so that checks compared on it have something to find:
one or more per constraint of ``ontology/shapes.ttl``, including the shapes without a
``sh:message`` (pySHACL then writes its own wording).

:func:`faults` picks its victims by sorted IRI, so the same graph gets the same faults;
:func:`apply_to_graph` and :func:`apply_to_store` make the same edits to an rdflib graph
and to an Oxigraph store.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import OA, REFERENCE
from lmskg.stores.oxigraph import to_ox


def _sorted(nodes) -> list:
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def faults(g: Graph) -> tuple[list, list]:
    """(triples to remove, triples to add)."""
    remove, add = [], []
    claims = _sorted(g.subjects(T.source, None))
    sources = _sorted(g.subjects(RDF.type, T.Source))
    quantities = _sorted(g.subjects(T.unit, None))
    selectors = _sorted(g.subjects(RDF.type, OA.TextPositionSelector))
    quotes = _sorted(g.subjects(RDF.type, OA.TextQuoteSelector))
    citations = _sorted(g.subjects(RDF.type, T.Citation))
    drugs = _sorted(g.subjects(RDF.type, T.Drug))
    recommendations = _sorted(g.subjects(RDF.type, T.RecommendationClaim))
    ranges = _sorted(g.subjects(T.lowValue, None))

    def swap(s, p, value):
        remove.extend((s, p, o) for o in g.objects(s, p))
        add.append((s, p, value))

    remove += [(claims[0], T.source, o) for o in g.objects(claims[0], T.source)]
    add.append((claims[1], T.direction, T.Against))
    add.append((claims[1], T.direction, T.Neutral))
    swap(quantities[0], T.unit, Literal("xx"))
    add += [(sources[0], DCTERMS.issued, Literal("2999-01-01", datatype=XSD.date)),
            (sources[0], DCTERMS.issued, Literal("2001", datatype=XSD.gYear)),
            (sources[1], DCTERMS.modified, Literal("2020", datatype=XSD.string))]
    remove += [(sources[2], p, o) for p in (DCTERMS.title, RDFS.label)
               for o in g.objects(sources[2], p)]
    swap(sources[-1], T.sha256, Literal("XYZ"))
    if ranges:
        swap(ranges[0], T.lowValue, Literal("99.0", datatype=XSD.decimal))
        add.append((ranges[-1], T.value, Literal("1.0", datatype=XSD.decimal)))
    start = next(iter(g.objects(selectors[0], OA.end)))
    swap(selectors[0], OA.start, Literal(str(int(start) + 5), datatype=XSD.nonNegativeInteger))
    swap(selectors[1], OA.end, Literal("-3", datatype=XSD.integer))
    add += [(claims[2], T.therapy, URIRef("urn:unknown:therapy")),
            (claims[3], T.statementDate, Literal("sometime")),
            (claims[4], T.evidenceCode, Literal("ECO")),
            (drugs[0], SKOS.prefLabel, Literal("one", lang="en")),
            (drugs[0], SKOS.prefLabel, Literal("two", lang="EN"))]
    remove.append((quotes[0], RDF.type, OA.TextQuoteSelector))
    swap(quotes[1], OA.exact, Literal(""))
    if citations:
        swap(citations[0], T.refersTo, REFERENCE["missing"])
        swap(citations[-1], T.marker, Literal(""))
    percent = _sorted(s for s in g.subjects(T.unit, Literal("%")) if (s, T.value, None) in g)
    if percent:
        swap(percent[0], T.value, Literal("130.0", datatype=XSD.decimal))
    if recommendations:
        swap(recommendations[0], T.direction, T.Neutral)
    return remove, add


def apply_to_graph(g: Graph, edits: tuple[list, list]) -> None:
    remove, add = edits
    for t in remove:
        g.remove(t)
    for t in add:
        g.add(t)


def apply_to_store(store: ox.Store, graph_of, edits: tuple[list, list]) -> None:
    """``graph_of(subject)`` names the graph an added statement goes to."""
    remove, add = edits
    for s, p, o in remove:
        for q in list(store.quads_for_pattern(to_ox(s), to_ox(p), to_ox(o), None)):
            store.remove(q)
    for s, p, o in add:
        store.add(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(graph_of(s))))
