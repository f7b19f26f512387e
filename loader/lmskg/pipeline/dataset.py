"""The asserted dataset: every named graph of the transform, in the chosen store."""

from __future__ import annotations

from rdflib import Dataset

from ..derive.triples import derived_triples
from ..ontology.namespaces import DERIVED_GRAPH, bind_prefixes
from ..stores.dataset import new_dataset
from ..transform.graphs import named_graphs
from .inputs import Inputs


def build_dataset(inputs: Inputs) -> Dataset:
    """Ontology graph, vocabulary graph, one graph per source and per draft, and the
    derived graph (no inferences)."""
    ds = bind_prefixes(new_dataset())
    curated = inputs.curated
    for name, triples in named_graphs(inputs.ontology, curated.vocab, curated.sources,
                                      curated.drafts):
        graph = ds.graph(name)
        for triple in triples:
            graph.add(triple)
    derived = ds.graph(DERIVED_GRAPH)
    for triple in derived_triples(inputs.ontology, curated.vocab, curated.sources):
        derived.add(triple)
    return ds
