"""Serialisations of the dataset, deterministic and written atomically.

Every export is produced from the one built :class:`~rdflib.Dataset`:

=====================  ===========================================================
``lmskg.ttl``          Turtle: ontology, vocabulary and every source merged
``lmskg.nt``           N-Triples of the same, one sorted line per triple
``lmskg.jsonld``       JSON-LD of the same, compacted with ``ontology/context.jsonld``
``lmskg.trig``         TriG: the same statements in named graphs (one per source, one
                       for the ontology, one for the vocabulary) plus ``inferred``
``lmskg-ontology.owl`` the ontology alone as RDF/XML (Protege, owlready2)
``evidence.csv``       the flat evidence table, one row per claim (a time point is
                       written into the measure: 'overall survival at 5 years')
=====================  ===========================================================

Blank nodes (only in OWL axioms) get canonical labels, subjects and lines are
sorted, so a rebuild gives byte-identical files. All files are first written
to a temporary directory beside ``build/`` and moved in only when every one
of them was written, so a failure leaves the previous build as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from xml.sax.saxutils import escape

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.compare import to_canonical_graph

from .errors import InputError, Problem
from .evidence import evidence_csv
from .namespaces import ONTOLOGY_GRAPH, PREFIXES
from .store import asserted

EXPORTS = ("lmskg.ttl", "lmskg.nt", "lmskg.jsonld", "lmskg.trig", "lmskg-ontology.owl",
           "evidence.csv")


def _bind(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def canonical(graph: Graph) -> Graph:
    """A copy with canonical blank-node labels and our prefixes."""
    out = Graph()
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return _bind(out)


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
    nodes = data.get("@graph", [])
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


def render_all(ds: Dataset, context_file: Path) -> dict[str, str]:
    """Every export as text, by file name."""
    whole = merged(ds)
    renderers: dict[str, Callable[[], str]] = {
        "lmskg.ttl": lambda: turtle(whole),
        "lmskg.nt": lambda: ntriples(whole),
        "lmskg.jsonld": lambda: jsonld(whole, context_file),
        "lmskg.trig": lambda: trig(ds),
        "lmskg-ontology.owl": lambda: ontology_rdfxml(ds),
        "evidence.csv": lambda: evidence_csv(ds),
    }
    return {name: renderers[name]() for name in EXPORTS}


def write_atomically(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write every file, or none: stage in a temporary directory, then move in."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=out_dir))
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write the build directory: "
                                 f"{exc.strerror}")) from exc
    try:
        for name, text in files.items():
            with open(stage / name, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        written = []
        for name in files:
            os.replace(stage / name, out_dir / name)
            written.append(out_dir / name)
        return written
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write exports: {exc}")) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
