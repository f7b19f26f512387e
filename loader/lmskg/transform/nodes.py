"""Small pure builders shared by the transforms: literals, anchors, quantities, dates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..curated.corpus import Document
from ..curated.dates import DAY, YEAR_MONTH, parse_date
from ..curated.records import Quantity
from ..ontology import terms as T
from ..ontology.namespaces import OA

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


def date_literal(text: str) -> Literal:
    """A curated date (already validated) at its precision: xsd:date, gYearMonth or gYear."""
    precision = parse_date(text).precision
    datatype = XSD.date if precision == DAY else XSD.gYearMonth if precision == YEAR_MONTH \
        else XSD.gYear
    return Literal(text, datatype=datatype)


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


def quantity(iri: URIRef, q: Quantity, qualifiers: tuple[URIRef, ...] = ()) -> Iterator[Triple]:
    """A lms:Quantity node: value or low/high, unit, qualifiers."""
    yield from individual(iri, T.Quantity)
    if q.value is not None:
        yield iri, T.value, dec(q.value)
    if q.low is not None:
        yield iri, T.lowValue, dec(q.low)
    if q.high is not None:
        yield iri, T.highValue, dec(q.high)
    yield iri, T.unit, Literal(q.unit)
    for qualifier in qualifiers:
        yield iri, T.qualifier, qualifier


def metadata_anchor(subject: URIRef, source: URIRef, doc: Document, name: str,
                    passage: object, *props: URIRef) -> Iterator[Triple]:
    """The anchor of one value of ``subject`` (a source's title, a study's phase), at
    ``subject``/anchor/``name``; ``props`` are the properties whose values it states.
    ``passage`` has quote, start and end."""
    iri = URIRef(f"{subject}/anchor/{name}")
    yield subject, T.evidencedBy, iri
    yield from anchor(iri, source, doc, passage.quote, passage.start, passage.end)
    for prop in props:
        yield iri, T.supportsProperty, prop
