"""A draft of ``lmskg extract`` to RDF (pure): its document and unreviewed candidates.

Everything goes into the draft's own named graph (``graph/draft/<id>``), under its own IRIs
(``id/draft/<id>``, ``id/draft/<id>/<claim id>``), so that nothing of a draft is taken for
the curated graph: a candidate is an ``lms:CandidateClaim`` (never a claim class: its
proposed type is a value of ``lms:proposedType``), linked to its ``lms:DraftDocument`` by
``lms:draftOf`` (never ``lms:source``, which every claim question and export follows), with
``lms:candidateStatus lms:Unreviewed`` and ``prov:wasGeneratedBy`` the drafting activity,
``prov:wasAssociatedWith`` the extractor as a ``prov:SoftwareAgent`` with its
``lms:softwareVersion``. Its content (anchor, direction, therapies, regimen, context,
measure, figure) uses the properties of claims, so a question about claims reads a
candidate the same way inside ``GRAPH ?g``. Only vocabulary terms are named: the extractor
proposes the missing ones in a vocabulary draft instead.
"""

from __future__ import annotations

from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD

from ..curated.corpus import Document
from ..curated.drafts import DraftFile, DraftMark
from ..curated.records import Claim
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import DRAFT, REGIMEN, THERAPY, slug
from .nodes import Triple, anchor, en, individual
from .source import claim_content_triples


def draft_iri(draft_id: str) -> URIRef:
    return DRAFT[draft_id]


def candidate_iri(draft_id: str, claim_id: str) -> URIRef:
    return DRAFT[f"{draft_id}/{claim_id}"]


def agent_iri(mark: DraftMark) -> URIRef:
    return DRAFT[f"agent/{slug(mark.extractor)}-{slug(mark.version)}"]


def draft_triples(ontology: OntologyIndex, draft: DraftFile) -> Iterator[Triple]:
    rec, doc = draft.source.record, draft.source.document
    assert doc is not None  # checked before
    iri = draft_iri(rec.id)
    yield from individual(iri, T.DraftDocument)
    yield iri, SKOS.notation, Literal(rec.id)
    yield iri, T.corpusFile, Literal(rec.file)
    yield iri, T.sha256, Literal(doc.sha256)
    title = rec.title.text if rec.title is not None else rec.file
    yield iri, RDFS.label, en(f"draft of {title} (unreviewed)")
    if rec.title is not None:
        yield iri, DCTERMS.title, en(rec.title.text)
    activity = URIRef(iri + "/activity")
    yield from individual(activity, PROV.Activity)
    yield activity, RDFS.label, en(f"{draft.mark.extractor} {draft.mark.version} drafting "
                                   f"{rec.file}")
    yield activity, PROV.used, iri
    yield from _agent(activity, draft.mark)
    for claim in rec.claims:
        mark = draft.claim_marks.get(claim.id, draft.mark)
        yield from _candidate(ontology, rec.id, doc, claim, mark, activity)


def _agent(activity: URIRef, mark: DraftMark) -> Iterator[Triple]:
    agent = agent_iri(mark)
    yield activity, PROV.wasAssociatedWith, agent
    yield from individual(agent, PROV.SoftwareAgent)
    yield agent, RDFS.label, Literal(f"{mark.extractor} {mark.version}")
    yield agent, T.softwareVersion, Literal(mark.version)


def _candidate(ontology: OntologyIndex, draft_id: str, doc: Document, c: Claim,
               mark: DraftMark, activity: URIRef) -> Iterator[Triple]:
    iri = candidate_iri(draft_id, c.id)
    yield from individual(iri, T.CandidateClaim)
    yield iri, RDFS.label, en(f"candidate claim {c.id} (unreviewed)")
    yield iri, SKOS.notation, Literal(c.id)
    yield iri, T.draftOf, draft_iri(draft_id)
    yield iri, T.candidateStatus, ontology.lookup("candidate-status", mark.status)
    yield iri, T.proposedType, ontology.lookup("claim-type", c.type)
    yield iri, PROV.wasGeneratedBy, activity
    if mark.confidence is not None:
        yield iri, T.confidence, Literal(f"{mark.confidence:.2f}", datatype=XSD.decimal)
    yield iri, T.anchor, URIRef(iri + "/anchor")
    yield from anchor(URIRef(iri + "/anchor"), draft_iri(draft_id), doc, c.quote, c.start,
                      c.end)
    yield iri, T.direction, ontology.lookup("direction", c.direction)
    for t in c.therapies:
        yield iri, T.therapy, THERAPY[t]
    if c.regimen is not None:
        yield iri, T.regimen, REGIMEN[c.regimen]
    yield from claim_content_triples(ontology, c, iri)
    if c.note is not None:
        yield iri, SKOS.note, en(c.note)
