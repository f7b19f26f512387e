"""Nanopublications: one per claim, all in one TriG file.

A nanopublication ``https://w3id.org/lmskg/np/<claim>`` has four named graphs
(``#Head``, ``#assertion``, ``#provenance``, ``#pubinfo``):

- **assertion**: the claim as the graph records it (its statements in its source's graph,
  and those of its quantity and time point), without its anchor and citations;
- **provenance**: the assertion was derived from (``prov:wasDerivedFrom``) and attributed to
  (``prov:wasAttributedTo``) the source, and quoted from (``prov:wasQuotedFrom``) the
  anchor, whose Web Annotation selectors hold the exact quote and its offsets; the
  source's title, corpus file and checksum; the claim's citation markers with the works
  they refer to and their PMID and DOI;
- **pubinfo**: made by lmskg (``pav:createdBy``) from the claim (``prov:wasDerivedFrom``),
  under CC BY 4.0. There is no creation time: the file is the same on every build, and a
  time would change it; nor a signature or trusty URI, which publishing to the nanopub
  network would add.

Lines are N-Triples terms (prefixed where a prefix fits) sorted within each graph, and
graphs in order: a rebuild gives the same bytes.
"""

from __future__ import annotations

from typing import Callable

from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, NamespaceManager
from rdflib.term import Node

from ..ontology import terms as T
from ..ontology.namespaces import BASE, BIBO, ID, OA, PREFIXES, source_graph

NP = Namespace("http://www.nanopub.org/nschema#")
PAV = Namespace("http://purl.org/pav/")
NANOPUB = Namespace(BASE + "np/")
PROJECT = URIRef(BASE.rstrip("/"))
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
PARTS = ("quantity", "time-point")  # parts of a claim that belong to its assertion
_OWN = (T.anchor, T.citation)  # statements of the claim that go to the provenance


def _nsm() -> NamespaceManager:
    nsm = NamespaceManager(Dataset(), bind_namespaces="none")
    for prefix, ns in {**PREFIXES, "np": NP, "pav": PAV}.items():
        nsm.bind(prefix, ns, override=True, replace=True)
    return nsm


def _describe(ds: Dataset, graph: URIRef, subject: URIRef,
              skip: tuple[URIRef, ...] = ()) -> list[tuple[Node, Node, Node]]:
    return [(subject, p, o) for p, o in ds.graph(graph).predicate_objects(subject)
            if p not in skip]


def nanopub_graphs(ds: Dataset, claim: URIRef) -> dict[URIRef, list[tuple[Node, Node, Node]]]:
    """The four graphs of one claim's nanopublication, by name."""
    key = str(claim)[len(str(ID) + "claim/"):]
    n = NANOPUB[key]
    head, assertion, provenance, pubinfo = (URIRef(f"{n}#{g}") for g in
                                            ("Head", "assertion", "provenance", "pubinfo"))
    source = ds.value(claim, T.source)
    home = source_graph(str(source)[len(str(ID) + "source/"):])
    asserted = _describe(ds, home, claim, _OWN)
    for part in PARTS:
        asserted += _describe(ds, home, URIRef(f"{claim}/{part}"))
    prov = [(assertion, PROV.wasDerivedFrom, source), (assertion, PROV.wasAttributedTo, source)]
    anchor = ds.value(claim, T.anchor)
    if anchor is not None:
        prov += [(assertion, PROV.wasQuotedFrom, anchor)] + _describe(ds, home, anchor)
        for selector in ds.graph(home).objects(anchor, OA.hasSelector):
            prov += _describe(ds, home, selector)
    prov += [(source, p, o) for p in (RDF.type, DCTERMS.title, T.corpusFile, T.sha256)
             for o in ds.graph(home).objects(source, p)]
    for citation in ds.graph(home).objects(claim, T.citation):
        prov += [(claim, T.citation, citation)] + _describe(ds, home, citation)
        ref = ds.value(citation, T.refersTo)
        if ref is not None:
            prov += [(ref, p, o) for p in (DCTERMS.title, BIBO.pmid, BIBO.doi)
                     for o in ds.objects(ref, p)]
    return {
        head: [(n, RDF.type, NP.Nanopublication), (n, NP.hasAssertion, assertion),
               (n, NP.hasProvenance, provenance), (n, NP.hasPublicationInfo, pubinfo)],
        assertion: asserted,
        provenance: prov,
        pubinfo: [(n, PAV.createdBy, PROJECT), (n, PROV.wasDerivedFrom, claim),
                  (n, DCTERMS.license, LICENSE)],
    }


def nanopubs(ds: Dataset) -> str:
    """Every claim's nanopublication, as TriG."""
    claims = sorted({c for c in ds.subjects(T.source, None)
                     if str(c).startswith(str(ID) + "claim/")})
    return "\n".join([*header_lines(), *nanopub_lines(ds, claims)]) + "\n"


def header_lines() -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in sorted({**PREFIXES, "np": NP,
                                                          "pav": PAV}.items())]


def nanopub_lines(ds: Dataset, claims: list[URIRef]) -> list[str]:
    """The TriG lines of each claim's nanopublication, in the order of ``claims``."""
    lines: list[str] = []
    for i, claim in enumerate(claims):
        if i % 200 == 0:  # rdflib's namespace manager slows as it learns namespaces
            n3 = _writer(_nsm())
        for name, triples in nanopub_graphs(ds, claim).items():
            body = sorted({" ".join(n3(t) for t in triple) + " ." for triple in triples})
            lines += ["", f"{n3(name)} {{", *(f"  {b}" for b in body), "}"]
    return lines


def _writer(nsm: NamespaceManager) -> Callable[[Node], str]:
    """``term.n3(nsm)``, remembered: the same IRIs (predicates, classes, vocabulary terms)
    recur in every nanopublication, and rdflib's prefix look-up is most of the time spent
    writing them. Literals are remembered by lexical form, datatype and language."""
    seen: dict[object, str] = {}

    def n3(term: Node) -> str:
        key = (term.__class__, str(term), getattr(term, "datatype", None),
               getattr(term, "language", None))
        text = seen.get(key)
        if text is None:
            text = seen[key] = term.n3(nsm)
        return text

    return n3
