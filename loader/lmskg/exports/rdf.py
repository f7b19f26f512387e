"""RDF serialisations of the dataset: Turtle, N-Triples, JSON-LD and TriG, deterministic.

Blank nodes (only in OWL axioms) get canonical labels (RDFC-1.0), subjects and lines
are sorted, so a rebuild gives byte-identical files (rdflib's own order depends on the
hash seed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef

from ..ontology.namespaces import PREFIXES, bind_prefixes
from ..stores.oxigraph import from_ox, to_ox
from ..transform.graphs import asserted


def canonical_triples(triples: Iterable[tuple]) -> list[tuple]:
    """The triples, their blank nodes labelled by the W3C's RDF Dataset Canonicalization
    (RDFC-1.0, SHA-256; Oxigraph's): the same labels (``c14n0``, ...) for the same graph
    however its blank nodes were named. Milliseconds for the ontology's 900 blank nodes,
    where rdflib's own algorithm (rdflib.compare) took 3.5 s."""
    triples = list(triples)
    if not any(isinstance(term, BNode) for triple in triples for term in triple):
        return triples
    dataset = ox.Dataset(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in dataset]


def canonical(graph: Graph) -> Graph:
    """A copy with canonical blank-node labels (:func:`canonical_triples`) and our
    prefixes."""
    out = Graph()
    for triple in canonical_triples(graph):
        out.add(triple)
    return bind_prefixes(out)


def merged(ds: Dataset) -> Graph:
    """Ontology, vocabulary and every source in one graph (no inferred triples)."""
    return canonical(asserted(ds))


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld(graph: Graph, context_file: Path) -> str:
    context = json.loads(context_file.read_text(encoding="utf-8"))["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if "@graph" in data:
        nodes = data["@graph"]
    else:  # a graph of one subject is written as that node alone
        node = {k: v for k, v in data.items() if k != "@context"}
        nodes = [node] if node else []
    nodes.sort(key=lambda n: n.get("@id", ""))
    data = {"@context": context, "@graph": [_sorted_node(n) for n in nodes]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _sorted_node(node: object) -> object:
    """Sort keys, and the values of multi-valued properties (never an @list)."""
    if isinstance(node, dict):
        out = {}
        for key in sorted(node, key=lambda k: (not k.startswith("@"), k)):
            value = node[key]
            if isinstance(value, list) and key != "@list":
                value = sorted((_sorted_node(v) for v in value),
                               key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            else:
                value = _sorted_node(value)
            out[key] = value
        return out
    if isinstance(node, list):
        return [_sorted_node(v) for v in node]
    return node


def trig(ds: Dataset) -> str:
    """Named graphs in sorted order, each as the Turtle body of its GRAPH block."""
    names = sorted(g.identifier for g in ds.graphs()
                   if isinstance(g.identifier, URIRef) and len(g) > 0)
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = []
    for name in names:
        body = canonical(ds.graph(name)).serialize(format="turtle")
        lines = [line for line in body.splitlines() if not line.startswith("@prefix")]
        text = "\n".join(lines).strip("\n")  # never indent: literals may span lines
        blocks.append(f"<{name}> {{\n{text}\n}}\n")
    return head + "\n" + "\n".join(blocks)
