"""The named graphs of the dataset, and what goes into each.

- ``graph/ontology``: the ontology file as it is;
- ``graph/vocabulary``: the curated terms, regimens and references (and an
  owl:AllDifferent over the therapies, so the reasoner can count components);
- ``graph/source/<id>``: one per source, everything it says;
- ``graph/draft/<id>``: one per draft of ``lmskg extract`` (``<data>/drafts/``): its
  unreviewed candidate claims (:mod:`lmskg.transform.drafts`), left out of reasoning,
  checks and the single-graph exports;
- ``graph/derived``: what the build computes from the records (written by
  :mod:`lmskg.derive`: claim dates, same-origin marks, the pairs the agreement
  questions compare);
- ``graph/inferred``: what the reasoner adds (written by :mod:`lmskg.reasoning`).

Everything but ``derived``, ``inferred`` and the drafts is asserted: curated statements
only.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from ..curated.corpus import SourceFile
from ..curated.drafts import DraftFile
from ..curated.vocabulary import Vocabulary
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                   VOCABULARY_GRAPH, draft_graph, is_draft_graph,
                                   source_graph)
from .drafts import draft_triples
from .nodes import Triple
from .source import source_triples
from .vocabulary import all_different, term_iri, vocabulary_triples


def named_graphs(ontology: OntologyIndex, vocab: Vocabulary, sources: Iterable[SourceFile],
                 drafts: Iterable[DraftFile] = ()
                 ) -> Iterator[tuple[URIRef, Iterable[Triple]]]:
    """(graph name, its triples) for every asserted graph and every draft, in a fixed
    order."""
    yield ONTOLOGY_GRAPH, iter(ontology.graph)
    yield VOCABULARY_GRAPH, _vocabulary(ontology, vocab)
    for src in sources:
        yield source_graph(src.record.id), source_triples(ontology, src)
    for draft in drafts:
        yield draft_graph(draft.source.record.id), draft_triples(ontology, draft)


def _vocabulary(ontology: OntologyIndex, vocab: Vocabulary) -> Iterator[Triple]:
    yield from vocabulary_triples(ontology, vocab)
    therapies = sorted(term_iri("therapies", k) for k in vocab.table("therapies"))
    if len(therapies) > 1:
        yield from all_different(therapies)


def asserted_graphs(ds: Dataset) -> list[URIRef]:
    """The named graphs holding curated statements (not ``derived``, not ``inferred``, not
    the drafts)."""
    return sorted(g.identifier for g in ds.graphs()
                  if isinstance(g.identifier, URIRef) and not is_draft_graph(g.identifier)
                  and g.identifier not in (DERIVED_GRAPH, INFERRED_GRAPH) and len(g) > 0)


def asserted(ds: Dataset) -> Graph:
    """Every curated statement (ontology, vocabulary, sources) in one graph."""
    g = Graph()
    for name in asserted_graphs(ds):
        for triple in ds.graph(name):
            g.add(triple)
    return g
