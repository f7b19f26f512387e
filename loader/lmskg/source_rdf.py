"""A curated source and its claims to RDF (pure; no I/O).

Everything a source says goes into that source's named graph: the source
node, its metadata anchors, its citations, its claims with their anchors and
quantities. IRIs are built from the curated ids only, so they are stable.
"""

from __future__ import annotations

from typing import Any, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from . import terms as T
from .corpus import Document
from .namespaces import AGENT, CITO, CLAIM, OBO, REGIMEN, SOURCE, THERAPY, slug
from .rdfhelpers import Triple, anchor, en, individual, quantity
from .schema import CONTEXT_FIELDS
from .validate import SourceFile, parse_date
from .vocab_rdf import reference_iri, term_iri
from .vocabulary import OntologyIndex

DATE_PROPERTY = {"published": DCTERMS.issued, "medically-reviewed": T.medicallyReviewedOn,
                 "last-updated": DCTERMS.modified}
CONTEXT_PROPERTY = {"disease": T.disease, "extent": T.extent, "line": T.lineOfTherapy,
                    "timing": T.timing, "intent": T.intent, "biomarker": T.biomarker,
                    "site": T.site, "risk": T.riskGroup}
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
    sid = rec["id"]
    iri = source_iri(sid)
    doc_type = ontology.lookup("document-type", rec["type"])
    yield from individual(iri, T.Source, doc_type)
    yield iri, SKOS.notation, Literal(sid)
    yield iri, T.corpusFile, Literal(rec["file"])
    yield iri, T.sha256, Literal(doc.sha256)
    if "title" in rec:
        title = rec["title"]
        yield iri, DCTERMS.title, en(title.get("value", title["quote"]))
        yield iri, RDFS.label, en(title.get("value", title["quote"]))
        yield from _metadata_anchor(iri, iri, doc, "title", DCTERMS.title, title)
    else:
        yield iri, RDFS.label, en(f"{rec['file']} (the text has no title)")
    for d in rec.get("dates", []):
        prop = DATE_PROPERTY[d["kind"]]
        yield iri, prop, parse_date(d["value"])
        yield from _metadata_anchor(iri, iri, doc, f"date-{d['kind']}", prop, d)
    for name, prop in (("publisher", DCTERMS.publisher), ("reviewer", T.reviewer)):
        if name in rec:
            agent = AGENT[slug(rec[name]["value"])]
            yield iri, prop, agent
            yield from individual(agent, PROV.Agent)
            yield agent, RDFS.label, Literal(rec[name]["value"])
            yield from _metadata_anchor(iri, iri, doc, name, prop, rec[name])
    if "review_status" in rec:
        yield iri, T.reviewStatus, ontology.lookup("review-status", rec["review_status"]["value"])
        yield from _metadata_anchor(iri, iri, doc, "review-status", T.reviewStatus,
                                    rec["review_status"])
    for f in rec.get("flags", []):
        yield iri, T.flag, ontology.lookup("flag", f["value"])
        yield from _metadata_anchor(iri, iri, doc, f"flag-{f['value']}", T.flag, f)
    if "note" in rec:
        yield iri, SKOS.note, en(rec["note"])
    # marker -> reference, for the markers the source itself maps (stated); a curator's
    # inferred mapping stays on the citation node, with its status, and is not cito:cites
    resolved: dict[str, str | None] = {}
    for c in rec.get("citations", []):
        resolved[c["marker"]] = c.get("reference") if c["mapping"] == "stated" else None
        yield from _citation(ontology, sid, doc, c)
        if c.get("reference"):
            yield iri, CITO.cites, reference_iri(c["reference"])
    for claim in rec["claims"]:
        yield from claim_triples(ontology, sid, doc, claim, resolved)


def _metadata_anchor(subject: URIRef, source: URIRef, doc: Document, name: str, prop: URIRef,
                     a: dict[str, Any]) -> Iterator[Triple]:
    iri = URIRef(f"{subject}/anchor/{name}")
    yield subject, T.evidencedBy, iri
    yield from anchor(iri, source, doc, a["quote"], a["start"], a["end"])
    yield iri, T.supportsProperty, prop


def _citation(ontology: OntologyIndex, sid: str, doc: Document,
              c: dict[str, Any]) -> Iterator[Triple]:
    iri = citation_iri(sid, c["marker"])
    yield from individual(iri, T.Citation)
    yield iri, RDFS.label, Literal(c["marker"])
    yield iri, T.marker, Literal(c["marker"])
    yield iri, T.inSource, source_iri(sid)
    yield iri, T.mappingStatus, ontology.lookup("mapping", c["mapping"])
    if c.get("reference"):
        yield iri, T.refersTo, reference_iri(c["reference"])
    if "cited_as" in c:
        yield iri, T.citedAs, Literal(c["cited_as"]["quote"])
        yield from _metadata_anchor(iri, source_iri(sid), doc, "cited-as", T.citedAs,
                                    c["cited_as"])
    if "note" in c:
        yield iri, SKOS.note, en(c["note"])


def claim_triples(ontology: OntologyIndex, sid: str, doc: Document, c: dict[str, Any],
                  resolved: dict[str, str | None]) -> Iterator[Triple]:
    iri = CLAIM[c["id"]]
    src = source_iri(sid)
    yield from individual(iri, ontology.lookup("claim-type", c["type"]))
    yield iri, RDFS.label, en(f"claim {c['id']}")
    yield iri, SKOS.notation, Literal(c["id"])
    yield iri, T.source, src
    yield iri, T.anchor, URIRef(iri + "/anchor")
    yield from anchor(URIRef(iri + "/anchor"), src, doc, c["quote"], c["start"], c["end"])
    yield iri, T.direction, ontology.lookup("direction", c["direction"])
    if "date" in c:
        yield iri, T.statementDate, parse_date(c["date"]["value"])
        yield from _metadata_anchor(iri, src, doc, "date", T.statementDate, c["date"])
    traceable = False  # a reference the source itself identifies (a stated mapping)
    for marker in c.get("cites", []):
        yield iri, T.citation, citation_iri(sid, marker)
        ref = resolved.get(marker)
        if ref:
            traceable = True
            yield iri, CITO.cites, reference_iri(ref)
    yield iri, T.evidenceCode, ECO_WITH_REFERENCE if traceable else ECO_WITHOUT_REFERENCE
    for t in c.get("therapies", []):
        yield iri, T.therapy, THERAPY[t]
    if "unnamed_therapy" in c:
        # one node per description within a source: claims that describe the same unnamed
        # agent in the same words share it
        unnamed = unnamed_therapy_iri(sid, c["unnamed_therapy"])
        yield iri, T.therapy, unnamed
        yield from individual(unnamed, T.UnnamedTherapy)
        yield unnamed, RDFS.label, en("therapy not named in the text")
        yield unnamed, SKOS.note, en(c["unnamed_therapy"])
    if "regimen" in c:
        yield iri, T.regimen, REGIMEN[c["regimen"]]
    for dim in CONTEXT_FIELDS:
        for v in c.get(dim, []):
            value = (ontology.lookup(dim, v) if dim in ("line", "timing", "intent")
                     else term_iri("contexts", v))
            yield iri, CONTEXT_PROPERTY[dim], value
    if "measure" in c:
        yield iri, T.measure, ontology.lookup("measure", c["measure"])
    if "unit" in c:
        q = URIRef(iri + "/quantity")
        yield iri, T.quantity, q
        yield from quantity(q, c["unit"], c.get("value"), c.get("low"), c.get("high"),
                            tuple(ontology.lookup("qualifier", x) for x in c.get("qualifiers", [])))
    if "time_point" in c:
        tp = URIRef(iri + "/time-point")
        yield iri, T.timePoint, tp
        yield from quantity(tp, c["time_point"]["unit"], c["time_point"].get("value"),
                            c["time_point"].get("low"), c["time_point"].get("high"))
    for e in c.get("side_effects", []):
        yield iri, T.sideEffect, term_iri("effects", e)
    if "tool" in c:
        yield iri, T.prognosticTool, term_iri("tools", c["tool"])
    for f in c.get("factors", []):
        yield iri, T.factor, term_iri("factors", f)
    if "note" in c:
        yield iri, SKOS.note, en(c["note"])
