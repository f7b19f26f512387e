"""The one place that decides which RDF store holds the dataset.

Everything else works on an rdflib :class:`~rdflib.Dataset`, whatever store is
behind it. ``memory`` (rdflib's in-memory store) is the default; ``oxigraph``
plugs in Oxigraph through oxrdflib, which is much faster on large graphs (see
docs/decisions/0003-stores.md).
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from .errors import InputError, Problem
from .namespaces import INFERRED_GRAPH, PREFIXES

STORES = {"memory": "Memory", "oxigraph": "Oxigraph"}


def new_dataset(kind: str = "memory") -> Dataset:
    """An empty dataset on the chosen store, with our prefixes bound.

    The default graph of queries is the union of all named graphs, so a query
    sees every source unless it names a graph.
    """
    if kind not in STORES:
        raise InputError(Problem("--store", "", "store", f"unknown store {kind!r}",
                                 f"choose one of: {', '.join(STORES)}"))
    try:
        ds = Dataset(store=STORES[kind], default_union=True)
    except Exception as exc:  # plugin missing or failing to start
        raise InputError(Problem("--store", "", "store", f"store {kind!r} is unavailable: {exc}",
                                 "install oxrdflib, or use --store memory")) from exc
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def asserted_graphs(ds: Dataset) -> list[URIRef]:
    """The named graphs holding curated statements (everything but ``inferred``)."""
    return sorted(g.identifier for g in ds.graphs()
                  if isinstance(g.identifier, URIRef) and g.identifier != INFERRED_GRAPH
                  and len(g) > 0)


def asserted(ds: Dataset) -> Graph:
    """Every curated statement (ontology, vocabulary, sources) in one graph."""
    g = Graph()
    for name in asserted_graphs(ds):
        for triple in ds.graph(name):
            g.add(triple)
    return g
