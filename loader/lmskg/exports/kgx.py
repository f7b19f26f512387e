"""KGX: the graph as Biolink-model nodes and edges (two TSV files) for Biolink tools.

Nodes are the therapies, regimens, diseases and side effects; edges are the claims that
relate a treatment to a disease or an effect, one edge per treatment and object a claim
names. Each edge carries what the claim rests on: the source and the works it cites
(``publications``), the quote (``supporting_text``), the evidence code (``has_evidence``),
and says that a person curated it from a text (``knowledge_level``
``knowledge_assertion``, ``agent_type`` ``manual_agent``). An edge says that a source
said it, never that it is true.

Claim types map to Biolink predicates (docs/decisions/0012-site-and-iris.md says why):

=============================================  =================================
regulatory approval (for)                      ``biolink:treats``
treatment option, recommendation (not against)  ``biolink:applied_to_treat``
outcome, investigational therapy               ``biolink:studied_to_treat``
trial referral                                 ``biolink:in_clinical_trials_for``
recommendation against (against)               ``biolink:contraindicated_in``
side effect                                    ``biolink:has_side_effect``
=============================================  =================================

Other claims (doses, descriptions, prognostic tools and factors, treatment selection,
neutral cautions) have no Biolink counterpart and are not exported; nor are care activities
("talk with your doctor") and therapies a text does not name.

A node's id is the external identifier of the term (``skos:exactMatch``) in the Biolink
prefix map, preferred by kind (MONDO, then NCIT for diseases; CHEBI, DRUGBANK, NCIT for
drugs; MAXO, NCIT for procedures), when no other term of ours has the same one; else our
own: one prefix per kind of record (:data:`PREFIX_MAP`: ``lmskg.regimen:gemcitabine-docetaxel``
is ``https://w3id.org/lmskg/id/regimen/gemcitabine-docetaxel``), since a KGX CURIE may not
hold a ``/`` after its prefix. Consumers add these prefixes to the Biolink ones. Multi-valued
cells are joined with ``|``; a tab, line break or ``|`` inside a text (KGX's separators)
becomes a space, a space or ``¦``. Rows are sorted: a rebuild gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..ontology import terms as T
from ..ontology.namespaces import CONTEXT, EFFECT, ID, OA, REGIMEN, THERAPY

KINDS = ("claim", "source", "therapy", "regimen", "context", "effect", "reference")
PREFIX_MAP = {f"lmskg.{kind}": f"{ID}{kind}/" for kind in KINDS}
KNOWLEDGE_SOURCE = "infores:lmskg"
NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri",
                "provided_by")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "knowledge_level", "agent_type",
                "primary_knowledge_source", "publications", "supporting_text",
                "has_evidence", "clinical_approval_status", "iri")

# asserted class of the claim -> (predicate, directions it applies to (None: any), object)
PREDICATES = {
    T.RegulatoryApprovalClaim: ("biolink:treats", {T.For}, "disease"),
    T.TreatmentOptionClaim: ("biolink:applied_to_treat", {T.For, T.Neutral}, "disease"),
    T.RecommendationClaim: ("biolink:applied_to_treat", {T.For, T.Neutral}, "disease"),
    T.OutcomeClaim: ("biolink:studied_to_treat", None, "disease"),
    T.InvestigationalTherapyClaim: ("biolink:studied_to_treat", None, "disease"),
    T.ClinicalTrialReferralClaim: ("biolink:in_clinical_trials_for", None, "disease"),
    T.RecommendationAgainstClaim: ("biolink:contraindicated_in", {T.Against}, "disease"),
    T.SideEffectClaim: ("biolink:has_side_effect", None, "effect"),
}
# our classes -> Biolink categories, most specific first (the first that applies wins)
CATEGORIES = (
    (T.Regimen, ("biolink:Treatment",)),
    (T.Drug, ("biolink:Drug",)),
    (T.DrugClass, ("biolink:ChemicalEntity",)),
    (T.Procedure, ("biolink:Procedure", "biolink:Treatment")),
    (T.SystemicTherapy, ("biolink:Treatment",)),
    (T.Disease, ("biolink:Disease",)),
    (T.AdverseEffect, ("biolink:PhenotypicFeature",)),
)
# external identifiers: IRI start -> CURIE prefix (those of the Biolink prefix map)
_IDENTIFIERS = (("http://purl.obolibrary.org/obo/MONDO_", "MONDO"),
                ("http://purl.obolibrary.org/obo/CHEBI_", "CHEBI"),
                ("http://purl.obolibrary.org/obo/NCIT_", "NCIT"),
                ("http://purl.obolibrary.org/obo/MAXO_", "MAXO"),
                ("http://purl.obolibrary.org/obo/HP_", "HP"),
                ("http://purl.obolibrary.org/obo/ECO_", "ECO"),
                ("https://bioregistry.io/drugbank:", "DRUGBANK"),
                ("http://www.wikidata.org/entity/", "WIKIDATA"))
_PREFERRED = {"biolink:Disease": ("MONDO", "NCIT"),
              "biolink:Drug": ("CHEBI", "DRUGBANK", "NCIT"),
              "biolink:Procedure": ("MAXO", "NCIT"),
              "biolink:PhenotypicFeature": ("HP", "NCIT"),
              "biolink:ChemicalEntity": ("CHEBI", "NCIT"),
              "biolink:Treatment": ("NCIT", "MAXO")}
_CLEAN = str.maketrans({"\t": " ", "\r": " ", "\n": " ", "|": "\u00a6"})


@dataclass(frozen=True)
class Kgx:
    nodes: str
    edges: str


def curie(iri: str) -> str | None:
    """An external identifier's CURIE (``NCIT:C456``), or None for one outside the map."""
    for start, prefix in _IDENTIFIERS:
        if iri.startswith(start):
            return f"{prefix}:{iri[len(start):]}"
    return None


def local_id(iri: str) -> str:
    """Our own CURIE for a record's IRI (``lmskg.claim:s000-c26``)."""
    kind, _, key = iri[len(str(ID)):].partition("/")
    return f"lmskg.{kind}:{key}"


def _text(value: object) -> str:
    return " ".join(str(value).translate(_CLEAN).split()) if value is not None else ""


def _categories(ds: Dataset, term: URIRef) -> tuple[str, ...]:
    for cls, categories in CATEGORIES:
        if (term, RDF.type, cls) in ds or any(
                (term, RDF.type, sub) in ds for sub in ds.transitive_subjects(RDFS.subClassOf,
                                                                              cls)):
            return categories
    return ()


def _terms(ds: Dataset) -> list[URIRef]:
    """The therapies, regimens, disease contexts and effects that get a node."""
    spaces = (str(THERAPY), str(REGIMEN), str(CONTEXT), str(EFFECT))
    return sorted({s for s in ds.subjects(RDF.type, None) if isinstance(s, URIRef)
                   and str(s).startswith(spaces) and str(s).count("/") == str(ID).count("/")
                   + 1 and _categories(ds, s)})


def node_ids(ds: Dataset, terms: list[URIRef]) -> dict[URIRef, str]:
    """Each term's node id: its preferred external identifier if no other term shares it."""
    chosen: dict[URIRef, str] = {}
    for term in terms:
        matches = sorted(c for m in ds.objects(term, SKOS.exactMatch) if (c := curie(str(m))))
        order = _PREFERRED.get(_categories(ds, term)[0], ())
        best = next((c for prefix in order for c in matches if c.startswith(prefix + ":")),
                    None)
        if best:
            chosen[term] = best
    shared = Counter(chosen.values())
    return {t: (chosen[t] if t in chosen and shared[chosen[t]] == 1 else local_id(str(t)))
            for t in terms}


def _row(values: dict[str, str], columns: tuple[str, ...]) -> str:
    return "\t".join(values.get(c, "") for c in columns)


def _publications(ds: Dataset, claim: URIRef, source: URIRef) -> list[str]:
    out = [local_id(str(source))]
    for citation in ds.objects(claim, T.citation):
        ref = ds.value(citation, T.refersTo)
        status = ds.value(citation, T.mappingStatus)
        if ref is None or status not in (T.StatedMapping, T.InferredMapping):
            continue  # a candidate mapping is never counted as a citation of the work
        pmid, doi = ds.value(ref, URIRef("http://purl.org/ontology/bibo/pmid")), \
            ds.value(ref, URIRef("http://purl.org/ontology/bibo/doi"))
        out += [f"PMID:{pmid}"] if pmid else []
        out += [f"doi:{doi}"] if doi else []
    return sorted(set(out))


def _quote(ds: Dataset, claim: URIRef) -> str:
    anchor = ds.value(claim, T.anchor)
    for selector in ds.objects(anchor, OA.hasSelector):
        exact = ds.value(selector, OA.exact)
        if exact is not None:
            return _text(exact)
    return ""


def edges_of(ds: Dataset, ids: dict[URIRef, str]) -> list[dict[str, str]]:
    rows = []
    for claim in sorted({s for s in ds.subjects(T.source, None)
                         if str(s).startswith(str(ID) + "claim/")}):
        for cls, (predicate, directions, obj_kind) in PREDICATES.items():
            if (claim, RDF.type, cls) not in ds:
                continue
            if directions is not None and ds.value(claim, T.direction) not in directions:
                continue
            subjects = [t for t in [ds.value(claim, T.regimen), *ds.objects(claim, T.therapy)]
                        if t is not None and t in ids]
            objects = [o for o in ds.objects(claim, T.disease if obj_kind == "disease"
                                             else T.sideEffect) if o in ids]
            source = ds.value(claim, T.source)
            code = ds.value(claim, T.evidenceCode)
            for s in sorted(set(subjects), key=str):
                for o in sorted(set(objects), key=str):
                    rows.append({
                        "subject": ids[s], "predicate": predicate, "object": ids[o],
                        "knowledge_level": "knowledge_assertion", "agent_type": "manual_agent",
                        "primary_knowledge_source": KNOWLEDGE_SOURCE,
                        "publications": "|".join(_publications(ds, claim, source)),
                        "supporting_text": _quote(ds, claim),
                        "has_evidence": curie(str(code)) or "" if code is not None else "",
                        "clinical_approval_status": "approved_for_condition"
                        if cls == T.RegulatoryApprovalClaim else "",
                        "iri": str(claim)})
    rows.sort(key=lambda r: (r["iri"], r["subject"], r["object"], r["predicate"]))
    counts: Counter[str] = Counter()
    for r in rows:
        counts[r["iri"]] += 1
        r["id"] = f"{local_id(r['iri'])}#{counts[r['iri']]}"
    return rows


def kgx(ds: Dataset) -> Kgx:
    """The two KGX files: nodes.tsv and edges.tsv."""
    terms = _terms(ds)
    ids = node_ids(ds, terms)
    nodes = []
    for term in terms:
        label = ds.value(term, SKOS.prefLabel) or ds.value(term, RDFS.label)
        xrefs = sorted({c for m in ds.objects(term, SKOS.exactMatch) if (c := curie(str(m)))}
                       - {ids[term]})
        nodes.append({
            "id": ids[term], "category": "|".join(_categories(ds, term)),
            "name": _text(label), "description": _text(ds.value(term, SKOS.definition)),
            "synonym": "|".join(sorted(_text(a) for a in ds.objects(term, SKOS.altLabel))),
            "xref": "|".join(xrefs), "iri": str(term), "provided_by": KNOWLEDGE_SOURCE})
    nodes.sort(key=lambda n: n["id"])
    edges = edges_of(ds, ids)
    return Kgx("\n".join([_row(dict(zip(NODE_COLUMNS, NODE_COLUMNS)), NODE_COLUMNS),
                          *(_row(n, NODE_COLUMNS) for n in nodes)]) + "\n",
               "\n".join([_row(dict(zip(EDGE_COLUMNS, EDGE_COLUMNS)), EDGE_COLUMNS),
                          *(_row(e, EDGE_COLUMNS) for e in edges)]) + "\n")

