"""Curated terms, regimens and references to RDF (pure; no I/O).

All of it goes into the ``vocabulary`` named graph: the terms every source
shares.
"""

from __future__ import annotations

from typing import Any, Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from . import terms as T
from .namespaces import (BIBO, CONTEXT, EFFECT, FACTOR, REFERENCE, REGIMEN, THERAPY, TOOL,
                         identifier_iri)
from .rdfhelpers import Triple, en, individual, labelled, quantity
from .validate import parse_date
from .vocabulary import OntologyIndex, Vocabulary

NAMESPACE_OF = {"therapies": THERAPY, "contexts": CONTEXT, "effects": EFFECT, "tools": TOOL,
                "factors": FACTOR}
_FIXED_CLASS = {"adverse-effect": T.AdverseEffect, "prognostic-tool": T.PrognosticTool,
                "factor": T.Factor}
_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "related": SKOS.relatedMatch}


def term_iri(stem: str, key: str) -> URIRef:
    return NAMESPACE_OF[stem][key]


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


def _term(ontology: OntologyIndex, stem: str, t: dict[str, Any]) -> Iterator[Triple]:
    iri = term_iri(stem, t["id"])
    yield from individual(iri, _class_of(ontology, stem, t["kind"]), SKOS.Concept)
    yield from labelled(iri, t["label"], t["id"])
    for alt in t.get("alt_labels", []):
        yield iri, SKOS.altLabel, en(alt)
    if "definition" in t:
        yield iri, SKOS.definition, en(t["definition"])
    for c in t.get("in_class", []):
        yield iri, T.inClass, THERAPY[c]
    for b in t.get("broader", []):
        yield iri, SKOS.broader, term_iri(stem, b)
    if "part_of" in t:
        yield iri, T.partOfTool, TOOL[t["part_of"]]
    for m in t.get("mappings", []):
        yield iri, _MATCH[m["match"]], identifier_iri(m["scheme"], m["id"])
    if "note" in t:
        yield iri, SKOS.note, en(t["note"])


def _regimen(ontology: OntologyIndex, r: dict[str, Any]) -> Iterator[Triple]:
    iri = REGIMEN[r["id"]]
    cls = ontology.lookup("regimen-kind", r["kind"])
    assert cls is not None
    yield from individual(iri, cls, SKOS.Concept)
    yield from labelled(iri, r["label"], r["id"])
    for alt in r.get("alt_labels", []):
        yield iri, SKOS.altLabel, en(alt)
    for c in r["components"]:
        yield iri, T.hasComponent, THERAPY[c]
    if "dose" in r:
        dose = URIRef(iri + "/dose")
        yield iri, T.dose, dose
        yield from quantity(dose, r["dose"]["unit"], r["dose"].get("value"),
                            r["dose"].get("low"), r["dose"].get("high"))
    if "interval" in r:
        interval = URIRef(iri + "/interval")
        yield iri, T.scheduleInterval, interval
        yield from quantity(interval, r["interval"]["unit"], r["interval"].get("value"),
                            r["interval"].get("low"), r["interval"].get("high"))
    if "schedule" in r:
        yield iri, T.schedule, en(r["schedule"])
    for b in r.get("broader", []):
        yield iri, SKOS.broader, REGIMEN[b]
    if "note" in r:
        yield iri, SKOS.note, en(r["note"])


def reference_iri(key: str) -> URIRef:
    return REFERENCE[key]


def _reference(ontology: OntologyIndex, r: dict[str, Any]) -> Iterator[Triple]:
    iri = reference_iri(r["id"])
    doc_type = ontology.lookup("document-type", r["type"])
    assert doc_type is not None
    yield from individual(iri, T.Reference, doc_type)
    label = r.get("title") or r["description"]
    yield iri, RDFS.label, en(label)
    yield iri, SKOS.notation, Literal(r["id"])
    if "title" in r:
        yield iri, DCTERMS.title, en(r["title"])
    if "description" in r:
        yield iri, DCTERMS.description, en(r["description"])
    if "authors" in r:
        yield iri, T.authorsAsStated, Literal(r["authors"])
    if "journal" in r:
        yield iri, T.journal, Literal(r["journal"])
    if "date" in r:
        yield iri, DCTERMS.issued, parse_date(str(r["date"]))
    for name, prop in (("volume", BIBO.volume), ("issue", BIBO.issue), ("pages", BIBO.pages),
                       ("url", BIBO.uri)):
        if name in r:
            yield iri, prop, Literal(str(r[name]))
    if "retrieved" in r:
        yield iri, T.retrievedOn, parse_date(str(r["retrieved"]))
    ids = r.get("identifiers")
    if ids:
        if "pmid" in ids:
            yield iri, BIBO.pmid, Literal(ids["pmid"])
            yield iri, RDFS.seeAlso, URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{ids['pmid']}/")
        if "doi" in ids:
            yield iri, BIBO.doi, Literal(ids["doi"])
            yield iri, RDFS.seeAlso, URIRef(f"https://doi.org/{ids['doi']}")
        match = ontology.lookup("mapping", ids["match"])
        yield iri, T.identifierMatch, match
        yield iri, T.identifierBasis, en(ids["basis"])
    if "note" in r:
        yield iri, SKOS.note, en(r["note"])


def all_different(members: list[URIRef]) -> Graph:
    """An owl:AllDifferent axiom over ``members`` (so the reasoner can count components)."""
    g = Graph()
    node, head = BNode(), BNode()
    g.add((node, RDF.type, OWL.AllDifferent))
    g.add((node, OWL.distinctMembers, head))
    Collection(g, head, list(members))
    return g
