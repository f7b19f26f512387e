"""Small pure helpers shared by the transforms: literals, anchors, quantities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from . import terms as T
from .corpus import Document
from .namespaces import OA

Triple = tuple[URIRef, URIRef, Any]


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def dec(value: float | int | Decimal) -> Literal:
    """An xsd:decimal in canonical lexical form ('30.0', '2.5')."""
    d = Decimal(str(value))
    text = format(d.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def nonneg(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


def labelled(iri: URIRef, label: str, notation: str | None = None) -> Iterator[Triple]:
    yield iri, RDFS.label, en(label)
    yield iri, SKOS.prefLabel, en(label)
    if notation:
        yield iri, SKOS.notation, Literal(notation)


def individual(iri: URIRef, *classes: URIRef) -> Iterator[Triple]:
    yield iri, RDF.type, OWL.NamedIndividual
    for cls in classes:
        yield iri, RDF.type, cls


def anchor(iri: URIRef, source: URIRef, doc: Document, quote: str, start: int,
           end: int) -> Iterator[Triple]:
    """A Web Annotation SpecificResource with a quote and a position selector."""
    prefix, suffix = doc.context(start, end)
    qsel, psel = URIRef(iri + "/quote"), URIRef(iri + "/position")
    yield from individual(iri, OA.SpecificResource)
    yield iri, OA.hasSource, source
    yield iri, OA.hasSelector, qsel
    yield iri, OA.hasSelector, psel
    yield from individual(qsel, OA.TextQuoteSelector)
    yield qsel, OA.exact, Literal(quote)
    if prefix:
        yield qsel, OA.prefix, Literal(prefix)
    if suffix:
        yield qsel, OA.suffix, Literal(suffix)
    yield from individual(psel, OA.TextPositionSelector)
    yield psel, OA.start, nonneg(start)
    yield psel, OA.end, nonneg(end)


def quantity(iri: URIRef, unit: str, value: Any = None, low: Any = None, high: Any = None,
             qualifiers: tuple[URIRef, ...] = ()) -> Iterator[Triple]:
    yield from individual(iri, T.Quantity)
    if value is not None:
        yield iri, T.value, dec(value)
    if low is not None:
        yield iri, T.lowValue, dec(low)
    if high is not None:
        yield iri, T.highValue, dec(high)
    yield iri, T.unit, Literal(unit)
    for q in qualifiers:
        yield iri, T.qualifier, q
