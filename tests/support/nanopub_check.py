"""Structural check of nanopublications in an RDF dataset (TriG, N-Quads, ...), with rdflib only.

Follows "Well-formed Nanopublications" in the nanopub guidelines (working draft, nanopub.net),
plus the stricter head-graph rule of the 2013 draft / nanopub-java. No signing, no trusty URIs,
no network. A file may hold several nanopublications; every graph must belong to one of them.
The `nanopub` library's ``Nanopub.is_valid`` checks NP2-NP7, NP9 (subject only) and NP10, one
nanopublication per file; this check is chosen over it in docs/decisions/0012-site-and-iris.md.

Rules (ERROR unless marked):
  NP1  every triple is in a named graph (none in the default graph); graph names are IRIs
  NP2  exactly one quad  N rdf:type np:Nanopublication H  per nanopublication N (H = head graph)
  NP3  exactly one  N np:hasAssertion A        in H
  NP4  exactly one  N np:hasProvenance P       in H
  NP5  exactly one  N np:hasPublicationInfo I  in H
  NP6  N, H, A, P, I are IRIs and all different
  NP7  the graphs A, P and I exist and are not empty
  NP8  every graph in the file is the H, A, P or I of some nanopublication, and of only one
  NP9  some triple in P refers to A (as subject or object)
  NP10 some triple in I refers to N (as subject or object)
  NP11 H holds only the four head triples above (2013 draft, nanopub-java)
  NP12 (WARNING) I says who made the nanopublication and when (dct:creator|prov:wasAttributedTo|
       pav:createdBy, and dct:created|prov:generatedAtTime)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, RDF

NP = Namespace("http://www.nanopub.org/nschema#")
PAV = Namespace("http://purl.org/pav/")
HEAD_PREDICATES = (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo)
CREATOR = (DCTERMS.creator, PROV.wasAttributedTo, PAV.createdBy, PAV.authoredBy)
CREATED = (DCTERMS.created, PROV.generatedAtTime, PAV.createdOn)


@dataclass
class Finding:
    rule: str
    level: str  # ERROR or WARNING
    nanopub: str
    message: str

    def __str__(self):
        return f"{self.level} {self.rule} [{self.nanopub}] {self.message}"


@dataclass
class Report:
    nanopubs: list = field(default_factory=list)
    findings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.level == "ERROR" for f in self.findings)

    def errors(self) -> list:
        return [f for f in self.findings if f.level == "ERROR"]


def check_dataset(ds: Dataset) -> Report:
    rep = Report()

    def err(rule, np_, msg, level="ERROR"):
        rep.findings.append(Finding(rule, level, str(np_), msg))

    graphs = {}
    for g in ds.graphs():
        if len(g):
            graphs[g.identifier] = g
    if DATASET_DEFAULT_GRAPH_ID in graphs:
        err("NP1", "-",
            f"{len(graphs[DATASET_DEFAULT_GRAPH_ID])} triple(s) outside any named graph")
    for name in graphs:
        if name != DATASET_DEFAULT_GRAPH_ID and not isinstance(name, URIRef):
            err("NP1", "-", f"graph name {name!r} is not an IRI")

    heads = [(s, gname) for gname, g in graphs.items()
             for s in g.subjects(RDF.type, NP.Nanopublication)]
    if not heads:
        err("NP2", "-", "no quad 'N rdf:type np:Nanopublication H'")
    count = defaultdict(int)
    for n, _ in heads:
        count[n] += 1
    owner = defaultdict(set)  # graph -> nanopubs claiming it
    for n, h in heads:
        rep.nanopubs.append(str(n))
        if count[n] > 1:
            err("NP2", n, f"typed np:Nanopublication in {count[n]} graphs")
        head = graphs[h]
        parts = {}
        for rule, pred in zip(("NP3", "NP4", "NP5"), HEAD_PREDICATES):
            objs = list(head.objects(n, pred))
            if len(objs) != 1:
                err(rule, n, f"{len(objs)} '{pred.n3(ds.namespace_manager)}' in the head graph, "
                    "expected 1")
            parts[pred] = objs[0] if objs else None
        a, p, i = (parts[x] for x in HEAD_PREDICATES)
        names = {"N": n, "H": h, "A": a, "P": p, "I": i}
        for k, v in names.items():
            if v is not None and not isinstance(v, URIRef):
                err("NP6", n, f"{k} = {v!r} is not an IRI")
        present = [v for v in names.values() if v is not None]
        if len(set(present)) != len(present):
            same = [f"{k}={v}" for k, v in names.items() if v is not None and present.count(v) > 1]
            err("NP6", n, "URIs must all differ: " + ", ".join(same))
        for k in ("A", "P", "I"):
            if names[k] is not None and names[k] not in graphs:
                err("NP7", n, f"graph {k} <{names[k]}> is missing or empty")
        for g in (h, a, p, i):
            if g is not None:
                owner[g].add(n)
        if p in graphs and a is not None and not _refers_to(graphs[p], a):
            err("NP9", n, f"no triple in the provenance graph refers to the assertion <{a}>")
        if i in graphs and not _refers_to(graphs[i], n):
            err("NP10", n, "no triple in the publication info graph refers to the "
                f"nanopublication <{n}>")
        allowed = {(n, RDF.type, NP.Nanopublication)} | {(n, pr, o) for pr in HEAD_PREDICATES
                                                          for o in head.objects(n, pr)}
        extra = [t for t in head if t not in allowed]
        if extra:
            err("NP11", n, f"{len(extra)} other triple(s) in the head graph, e.g. {extra[0][1]}")
        if i in graphs:
            pub = graphs[i]
            if not any((n, pr, None) in pub for pr in CREATOR):
                err("NP12", n, "publication info names no creator of the nanopublication",
                    "WARNING")
            if not any((n, pr, None) in pub for pr in CREATED):
                err("NP12", n, "publication info gives no creation time", "WARNING")
    for gname in graphs:
        if gname == DATASET_DEFAULT_GRAPH_ID:
            continue
        if not owner.get(gname):
            err("NP8", "-", f"graph <{gname}> belongs to no nanopublication")
        elif len(owner[gname]) > 1:
            err("NP8", "-", f"graph <{gname}> is shared by {len(owner[gname])} nanopublications")
    return rep


def _refers_to(g, node) -> bool:
    return any(True for _ in g.triples((node, None, None))) \
        or any(True for _ in g.triples((None, None, node)))


def check_trig(text: str) -> Report:
    """Check every nanopublication of a TriG text."""
    ds = Dataset()
    ds.parse(data=text, format="trig")
    return check_dataset(ds)
