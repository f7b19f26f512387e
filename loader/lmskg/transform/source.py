"""A curated source and its claims to RDF (pure; no I/O).

Everything a source says goes into that source's named graph: the source node, its
metadata anchors, its citations, its claims with their anchors and quantities. IRIs
are built from the curated ids only, so they are stable.
"""

from __future__ import annotations

from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from ..curated.corpus import Document, SourceFile
from ..curated.records import Citation, Claim, Source
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import AGENT, CITO, CLAIM, OBO, REGIMEN, SOURCE, THERAPY, slug
from .contexts import context_triples
from .nodes import Triple, anchor, date_literal, en, individual, metadata_anchor, quantity
from .trials import arm_regimen, claim_trial_triples, study_triples
from .vocabulary import reference_iri, term_iri

DATE_PROPERTY = {"published": DCTERMS.issued, "medically-reviewed": T.medicallyReviewedOn,
                 "last-updated": DCTERMS.modified, "literature-cutoff": T.literatureCurrentTo}
# ECO classes (their ids are rows of ../shared/vocab/crosswalk.csv, kind evidence_code)
ECO_WITH_REFERENCE = OBO["ECO_0000033"]     # author statement supported by traceable reference
ECO_WITHOUT_REFERENCE = OBO["ECO_0000303"]  # author statement without traceable support ...


def source_iri(source_id: str) -> URIRef:
    return SOURCE[source_id]


def citation_iri(source_id: str, marker: str) -> URIRef:
    return URIRef(f"{SOURCE[source_id]}/citation/{slug(marker)}")


def unnamed_therapy_iri(source_id: str, description: str) -> URIRef:
    return URIRef(f"{SOURCE[source_id]}/unnamed-therapy/{slug(description)[:60].rstrip('-')}")


def source_triples(ontology: OntologyIndex, src: SourceFile) -> Iterator[Triple]:
    rec, doc = src.record, src.document
    assert doc is not None  # validated before
    iri = source_iri(rec.id)
    yield from individual(iri, T.Source, ontology.lookup("document-type", rec.type))
    yield iri, SKOS.notation, Literal(rec.id)
    yield iri, T.corpusFile, Literal(rec.file)
    yield iri, T.sha256, Literal(doc.sha256)
    if rec.title is not None:
        yield iri, DCTERMS.title, en(rec.title.text)
        yield iri, RDFS.label, en(rec.title.text)
        yield from metadata_anchor(iri, iri, doc, "title", rec.title, DCTERMS.title)
    else:
        yield iri, RDFS.label, en(f"{rec.file} (the text has no title)")
    for d in rec.dates:
        prop = DATE_PROPERTY[d.kind]
        yield iri, prop, date_literal(d.value)
        yield from metadata_anchor(iri, iri, doc, f"date-{d.kind}", d, prop)
    for name, prop in (("publisher", DCTERMS.publisher), ("reviewer", T.reviewer)):
        stated = getattr(rec, name)
        if stated is not None:
            agent = AGENT[slug(stated.value)]
            yield iri, prop, agent
            yield from individual(agent, PROV.Agent)
            yield agent, RDFS.label, Literal(stated.value)
            yield from metadata_anchor(iri, iri, doc, name, stated, prop)
    if rec.review_status is not None:
        yield iri, T.reviewStatus, ontology.lookup("review-status", rec.review_status.value)
        yield from metadata_anchor(iri, iri, doc, "review-status", rec.review_status,
                                   T.reviewStatus)
    for f in rec.flags:
        yield iri, T.flag, ontology.lookup("flag", f.value)
        yield from metadata_anchor(iri, iri, doc, f"flag-{f.value}", f, T.flag)
    if rec.note is not None:
        yield iri, SKOS.note, en(rec.note)
    # marker -> reference, for the markers the source itself maps (stated); a curator's
    # inferred mapping stays on the citation node, with its status, and is not cito:cites
    resolved: dict[str, str | None] = {}
    for c in rec.citations:
        resolved[c.marker] = c.reference if c.mapping == "stated" else None
        yield from _citation(ontology, rec.id, doc, c)
        if c.reference:
            yield iri, CITO.cites, reference_iri(c.reference)
    cited = {c.marker: (citation_iri(rec.id, c.marker),
                        reference_iri(resolved[c.marker]) if resolved[c.marker] else None)
             for c in rec.citations}
    for study in rec.studies:
        yield from study_triples(ontology, iri, doc, study, cited)
    for claim in rec.claims:
        yield from claim_triples(ontology, rec, doc, claim, resolved)


def _citation(ontology: OntologyIndex, sid: str, doc: Document,
              c: Citation) -> Iterator[Triple]:
    iri = citation_iri(sid, c.marker)
    yield from individual(iri, T.Citation)
    yield iri, RDFS.label, Literal(c.marker)
    yield iri, T.marker, Literal(c.marker)
    yield iri, T.inSource, source_iri(sid)
    yield iri, T.mappingStatus, ontology.lookup("mapping", c.mapping)
    if c.reference:
        yield iri, T.refersTo, reference_iri(c.reference)
    if c.cited_as is not None:
        yield iri, T.citedAs, Literal(c.cited_as.quote)
        yield from metadata_anchor(iri, source_iri(sid), doc, "cited-as", c.cited_as,
                                   T.citedAs)
    if c.note is not None:
        yield iri, SKOS.note, en(c.note)


def claim_triples(ontology: OntologyIndex, rec: Source, doc: Document, c: Claim,
                  resolved: dict[str, str | None]) -> Iterator[Triple]:
    sid = rec.id
    iri = CLAIM[c.id]
    src = source_iri(sid)
    yield from individual(iri, ontology.lookup("claim-type", c.type))
    yield iri, RDFS.label, en(f"claim {c.id}")
    yield iri, SKOS.notation, Literal(c.id)
    yield iri, T.source, src
    yield iri, T.anchor, URIRef(iri + "/anchor")
    yield from anchor(URIRef(iri + "/anchor"), src, doc, c.quote, c.start, c.end)
    yield iri, T.direction, ontology.lookup("direction", c.direction)
    if c.date is not None:
        yield iri, T.statementDate, date_literal(c.date.value)
        yield from metadata_anchor(iri, src, doc, "date", c.date, T.statementDate)
    traceable = False  # a reference the source itself identifies (a stated mapping)
    for marker in c.cites:
        yield iri, T.citation, citation_iri(sid, marker)
        ref = resolved.get(marker)
        if ref:
            traceable = True
            yield iri, CITO.cites, reference_iri(ref)
    yield iri, T.evidenceCode, ECO_WITH_REFERENCE if traceable else ECO_WITHOUT_REFERENCE
    for t in c.therapies:
        yield iri, T.therapy, THERAPY[t]
    if c.unnamed_therapy is not None:
        # one node per description within a source: claims that describe the same unnamed
        # agent in the same words share it
        unnamed = unnamed_therapy_iri(sid, c.unnamed_therapy)
        yield iri, T.therapy, unnamed
        yield from individual(unnamed, T.UnnamedTherapy)
        yield unnamed, RDFS.label, en("therapy not named in the text")
        yield unnamed, SKOS.note, en(c.unnamed_therapy)
    regimen = arm_regimen(rec, c)  # a result of one arm is about the arm's regimen
    if regimen is not None:
        yield iri, T.regimen, REGIMEN[regimen]
    for other in c.pooled_with:
        yield iri, T.pooledWith, CLAIM[other]
    yield from claim_content_triples(ontology, c, iri)
    yield from claim_trial_triples(ontology, c, iri)
    if c.note is not None:
        yield iri, SKOS.note, en(c.note)


def claim_content_triples(ontology: OntologyIndex, c: Claim, iri: URIRef) -> Iterator[Triple]:
    """What a claim says, as a claim and as a draft's candidate alike: its context, measure,
    figure and time point, side effects, prognostic tool and factors."""
    yield from context_triples(ontology, iri, c.context)
    if c.measure is not None:
        yield iri, T.measure, ontology.lookup("measure", c.measure)
    if c.figure is not None:
        yield iri, T.quantity, URIRef(iri + "/quantity")
        yield from quantity(URIRef(iri + "/quantity"), c.figure,
                            tuple(ontology.lookup("qualifier", x) for x in c.qualifiers))
    if c.time_point is not None:
        yield iri, T.timePoint, URIRef(iri + "/time-point")
        yield from quantity(URIRef(iri + "/time-point"), c.time_point)
    for e in c.side_effects:
        yield iri, T.sideEffect, term_iri("effects", e)
    if c.tool is not None:
        yield iri, T.prognosticTool, term_iri("tools", c.tool)
    for f in c.factors:
        yield iri, T.factor, term_iri("factors", f)
