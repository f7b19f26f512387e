"""The ontology alone as RDF/XML, for Protege and owlready2, deterministic.

rdflib's RDF/XML writer orders subjects by hash; this writes one rdf:Description per
subject, subjects and statements sorted, blank nodes canonically labelled.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from rdflib import BNode, Dataset, URIRef
from rdflib.namespace import RDF

from ..ontology.namespaces import ONTOLOGY_GRAPH, PREFIXES
from .rdf import canonical


def ontology_rdfxml(ds: Dataset) -> str:
    """The ontology as RDF/XML, one rdf:Description per subject, all sorted."""
    g = canonical(ds.graph(ONTOLOGY_GRAPH))
    used = {p for p in g.predicates()} | {o for o in g.objects(None, RDF.type)}
    spaces = {ns: pfx for pfx, ns in PREFIXES.items()
              if any(str(p).startswith(str(ns)) for p in used)}

    def qname(iri: URIRef) -> str:
        for ns, pfx in sorted(spaces.items(), key=lambda kv: -len(str(kv[0]))):
            local = str(iri)[len(str(ns)):]
            if str(iri).startswith(str(ns)) and local.replace("-", "_").isidentifier():
                return f"{pfx}:{local}"
        raise ValueError(f"cannot write {iri} as an XML element name")

    def about(node: object) -> str:
        if isinstance(node, BNode):
            return f'rdf:nodeID="{node}"'
        return f'rdf:about="{escape(str(node), {chr(34): "&quot;"})}"'

    out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    for ns, pfx in sorted(spaces.items(), key=lambda kv: kv[1]):
        out.append(f'   xmlns:{pfx}="{ns}"')
    out[-1] += ">"
    for subject in sorted(set(g.subjects()), key=lambda n: (isinstance(n, BNode), str(n))):
        out.append(f"  <rdf:Description {about(subject)}>")
        for p, o in sorted(g.predicate_objects(subject), key=lambda po: (str(po[0]), o_key(po[1]))):
            tag = qname(p)
            if isinstance(o, BNode):
                out.append(f'    <{tag} rdf:nodeID="{o}"/>')
            elif isinstance(o, URIRef):
                out.append(f'    <{tag} rdf:resource="{escape(str(o), {chr(34): "&quot;"})}"/>')
            else:
                attr = (f' xml:lang="{o.language}"' if o.language else
                        f' rdf:datatype="{o.datatype}"' if o.datatype else "")
                out.append(f"    <{tag}{attr}>{escape(str(o))}</{tag}>")
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def o_key(term: object) -> str:
    return term.n3() if hasattr(term, "n3") else str(term)
