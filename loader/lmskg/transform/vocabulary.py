"""Curated terms, regimens and references to RDF (pure; no I/O).

All of it goes into the ``vocabulary`` named graph: the terms every source shares.
"""

from __future__ import annotations

from typing import Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..curated.records import Reference, Regimen, Term
from ..curated.vocabulary import Vocabulary
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import (BIBO, CONTEXT, EFFECT, FACTOR, REFERENCE, REGIMEN,
                                   THERAPY, TOOL, identifier_iri)
from .nodes import Triple, date_literal, en, individual, labelled, quantity

NAMESPACE_OF = {"therapies": THERAPY, "contexts": CONTEXT, "effects": EFFECT, "tools": TOOL,
                "factors": FACTOR}
_FIXED_CLASS = {"adverse-effect": T.AdverseEffect, "prognostic-tool": T.PrognosticTool,
                "factor": T.Factor}
_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "related": SKOS.relatedMatch}


def term_iri(stem: str, key: str) -> URIRef:
    return NAMESPACE_OF[stem][key]


def reference_iri(key: str) -> URIRef:
    return REFERENCE[key]


def _class_of(ontology: OntologyIndex, stem: str, kind: str) -> URIRef:
    if kind in _FIXED_CLASS:
        return _FIXED_CLASS[kind]
    category = "therapy-kind" if stem == "therapies" else "context-kind"
    iri = ontology.lookup(category, kind)
    assert iri is not None, (stem, kind)  # validated before
    return iri


def vocabulary_triples(ontology: OntologyIndex, vocab: Vocabulary) -> Iterator[Triple]:
    for stem in sorted(vocab.terms):
        for key in sorted(vocab.terms[stem]):
            yield from _term(ontology, stem, vocab.terms[stem][key])
    for key in sorted(vocab.regimens):
        yield from _regimen(ontology, vocab.regimens[key])
    for key in sorted(vocab.references):
        yield from _reference(ontology, vocab.references[key])


def _term(ontology: OntologyIndex, stem: str, t: Term) -> Iterator[Triple]:
    iri = term_iri(stem, t.id)
    yield from individual(iri, _class_of(ontology, stem, t.kind), SKOS.Concept)
    yield from labelled(iri, t.label, t.id)
    for alt in t.alt_labels:
        yield iri, SKOS.altLabel, en(alt)
    if t.definition is not None:
        yield iri, SKOS.definition, en(t.definition)
    for c in t.in_class:
        yield iri, T.inClass, THERAPY[c]
    for b in t.broader:
        yield iri, SKOS.broader, term_iri(stem, b)
    if t.part_of is not None:
        yield iri, T.partOfTool, TOOL[t.part_of]
    for m in t.mappings:
        yield iri, _MATCH[m.match], identifier_iri(m.scheme, m.id)
    if t.note is not None:
        yield iri, SKOS.note, en(t.note)


def _regimen(ontology: OntologyIndex, r: Regimen) -> Iterator[Triple]:
    iri = REGIMEN[r.id]
    cls = ontology.lookup("regimen-kind", r.kind)
    assert cls is not None
    yield from individual(iri, cls, SKOS.Concept)
    yield from labelled(iri, r.label, r.id)
    for alt in r.alt_labels:
        yield iri, SKOS.altLabel, en(alt)
    for c in r.components:
        yield iri, T.hasComponent, THERAPY[c]
    if r.dose is not None:
        yield iri, T.dose, URIRef(iri + "/dose")
        yield from quantity(URIRef(iri + "/dose"), r.dose)
    if r.interval is not None:
        yield iri, T.scheduleInterval, URIRef(iri + "/interval")
        yield from quantity(URIRef(iri + "/interval"), r.interval)
    if r.schedule is not None:
        yield iri, T.schedule, en(r.schedule)
    for b in r.broader:
        yield iri, SKOS.broader, REGIMEN[b]
    if r.note is not None:
        yield iri, SKOS.note, en(r.note)


def _reference(ontology: OntologyIndex, r: Reference) -> Iterator[Triple]:
    iri = reference_iri(r.id)
    doc_type = ontology.lookup("document-type", r.type)
    assert doc_type is not None
    yield from individual(iri, T.Reference, doc_type)
    yield iri, RDFS.label, en(r.title or r.description or "")
    yield iri, SKOS.notation, Literal(r.id)
    if r.title is not None:
        yield iri, DCTERMS.title, en(r.title)
    if r.description is not None:
        yield iri, DCTERMS.description, en(r.description)
    if r.authors is not None:
        yield iri, T.authorsAsStated, Literal(r.authors)
    if r.journal is not None:
        yield iri, T.journal, Literal(r.journal)
    if r.date is not None:
        yield iri, DCTERMS.issued, date_literal(r.date)
    for name, prop in (("volume", BIBO.volume), ("issue", BIBO.issue), ("pages", BIBO.pages),
                       ("url", BIBO.uri)):
        value = getattr(r, name)
        if value is not None:
            yield iri, prop, Literal(value)
    if r.retrieved is not None:
        yield iri, T.retrievedOn, date_literal(r.retrieved)
    ids = r.identifiers
    if ids is not None:
        if ids.pmid is not None:
            yield iri, BIBO.pmid, Literal(ids.pmid)
            yield iri, RDFS.seeAlso, URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{ids.pmid}/")
        if ids.doi is not None:
            yield iri, BIBO.doi, Literal(ids.doi)
            yield iri, RDFS.seeAlso, URIRef(f"https://doi.org/{ids.doi}")
        yield iri, T.identifierMatch, ontology.lookup("mapping", ids.match)
        yield iri, T.identifierBasis, en(ids.basis)
    if r.note is not None:
        yield iri, SKOS.note, en(r.note)


def all_different(members: list[URIRef]) -> Graph:
    """An owl:AllDifferent axiom over ``members`` (so the reasoner can count components)."""
    g = Graph()
    # labelled in order, so the same members give the same blank nodes (a large build
    # writes this graph without relabelling it; see lmskg.pipeline.large)
    cells = [BNode(f"alldifferent-{i}") for i in range(len(members))]
    node = BNode("alldifferent")
    g.add((node, RDF.type, OWL.AllDifferent))
    g.add((node, OWL.distinctMembers, cells[0] if cells else RDF.nil))
    for i, (cell, member) in enumerate(zip(cells, members)):
        g.add((cell, RDF.first, member))
        g.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
    return g
