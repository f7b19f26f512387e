"""IRIs of the graph: external vocabularies, our ontology, and our data.

Our own ontology terms are reached through :mod:`lmskg.ontology.terms` (generated
from ``ontology/lmskg.ttl``), so a misspelt term fails at import time. This module is
also the one place that binds our prefixes and shortens IRIs for people.
"""

from __future__ import annotations

import re

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/lmskg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
LMS = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

OA = Namespace("http://www.w3.org/ns/oa#")
BIBO = Namespace("http://purl.org/ontology/bibo/")
CITO = Namespace("http://purl.org/spar/cito/")
VANN = Namespace("http://purl.org/vocab/vann/")
OBO = Namespace("http://purl.obolibrary.org/obo/")

# One namespace per kind of curated record.
CLAIM = Namespace(ID + "claim/")
SOURCE = Namespace(ID + "source/")
THERAPY = Namespace(ID + "therapy/")
REGIMEN = Namespace(ID + "regimen/")
CONTEXT = Namespace(ID + "context/")
REFERENCE = Namespace(ID + "reference/")
EFFECT = Namespace(ID + "effect/")
TOOL = Namespace(ID + "tool/")
FACTOR = Namespace(ID + "factor/")
AGENT = Namespace(ID + "agent/")
PAIR = Namespace(ID + "pair/")
ACTIVITY = Namespace(ID + "activity/")
STUDY = Namespace(ID + "study/")

ONTOLOGY_GRAPH = GRAPH["ontology"]
VOCABULARY_GRAPH = GRAPH["vocabulary"]
INFERRED_GRAPH = GRAPH["inferred"]
DERIVED_GRAPH = GRAPH["derived"]


def source_graph(source_id: str) -> URIRef:
    """The named graph that holds one source and its claims."""
    return GRAPH["source/" + source_id]


PREFIXES: dict[str, Namespace] = {
    "lms": LMS,
    "claim": CLAIM,
    "source": SOURCE,
    "therapy": THERAPY,
    "regimen": REGIMEN,
    "context": CONTEXT,
    "ref": REFERENCE,
    "effect": EFFECT,
    "tool": TOOL,
    "factor": FACTOR,
    "agent": AGENT,
    "pair": PAIR,
    "activity": ACTIVITY,
    "study": STUDY,
    "graph": GRAPH,
    "oa": OA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "bibo": BIBO,
    "cito": CITO,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "obo": OBO,
    "vann": VANN,
}

# CURIE prefixes of ../shared/vocab/crosswalk.csv and the IRIs they expand to
# (OBO PURLs for OBO ontologies, Bioregistry resolver IRIs for the others).
IDENTIFIER_PREFIXES: dict[str, str] = {
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "MAXO": "http://purl.obolibrary.org/obo/MAXO_",
    "ECO": "http://purl.obolibrary.org/obo/ECO_",
    "OBI": "http://purl.obolibrary.org/obo/OBI_",
    "STATO": "http://purl.obolibrary.org/obo/STATO_",
    "OBCS": "http://purl.obolibrary.org/obo/OBCS_",
    "ATC": "https://bioregistry.io/atc:",
    "DrugBank": "https://bioregistry.io/drugbank:",
    "Wikidata": "http://www.wikidata.org/entity/",
    "ONCOTREE": "https://bioregistry.io/oncotree:",
}

# Registry records are named by the Bioregistry resolver IRI of the identifier as the source
# writes it (crosswalk-trials.csv rows registry,*,Bioregistry), so that every study description
# that states the same identifier points to the same record.
REGISTRY_PREFIXES: dict[str, str] = {
    "clinicaltrials-gov": "https://bioregistry.io/clinicaltrials:",
    "eudract": "https://bioregistry.io/euclinicaltrials:",
}

SHAPES = Namespace(BASE + "shapes#")


def shorten(iri: str, strict: bool = True) -> str | None:
    """``prefix:local`` for an IRI under one of our prefixes (the longest that fits), else
    None. ``strict``: only when the local part is a plain name (no '/' or '#'), as a CURIE
    must be to be read back; otherwise also 'claim:s000-c01/quantity', for messages."""
    best = max((ns for ns in [*PREFIXES.values(), SHAPES] if iri.startswith(str(ns))),
               key=lambda ns: len(str(ns)), default=None)
    if best is None:
        return None
    local = iri[len(str(best)):]
    if not local or (strict and ("/" in local or "#" in local)):
        return None
    prefix = "lmsh" if best == SHAPES else next(p for p, n in PREFIXES.items() if n == best)
    return f"{prefix}:{local}"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind our prefixes on a graph or dataset (so serialisations use them); returns it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def show(term: object) -> str:
    """A term for a message: prefixed where we can, else <iri> or a quoted literal."""
    text = str(term)
    short = shorten(text, strict=False) if isinstance(term, URIRef) else None
    return short or (f"<{text}>" if isinstance(term, URIRef) else repr(text))


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case IRI-safe token for free text (agent names, markers)."""
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


def identifier_iri(scheme: str, identifier: str) -> URIRef:
    """Expand a crosswalk identifier to an IRI.

    ``scheme`` is the crosswalk's scheme column ('NCIT', 'ATC', 'ATC_former',
    'CHEBI_alt', ...); ``identifier`` its id column, with or without a CURIE
    prefix ('NCIT:C456', 'L01DB01').
    """
    base = scheme.split("_")[0]
    if base not in IDENTIFIER_PREFIXES:
        raise ValueError(f"no IRI pattern for identifier scheme {scheme!r}")
    local = identifier.split(":", 1)[1] if ":" in identifier else identifier
    return URIRef(IDENTIFIER_PREFIXES[base] + local)
