"""The tabular exports of a large build, written a few sources at a time.

The evidence table, the KGX files, the nanopublications and the ontology's RDF/XML are
rendered by the same functions as in the small build, but over a small rdflib dataset
that holds the ontology and vocabulary graphs and only the sources of one batch: every
row of those files depends on one claim, its source and the vocabulary, never on another
source, so the rows of all batches are the rows of the whole. Batches follow the order
of the sources (by id); within a batch rows are sorted as the small build sorts them, so
the files are sorted by source and then as in the small build (the same order when the
claim ids start with their source's id, as curated ids do).

The cited works are the one part of the vocabulary that grows with the corpus (2,000
references at 100,000 claims of the synthetic corpus, 16,000 of the vocabulary's 17,000
statements). A batch's dataset holds only the works its sources (or the rest of the
vocabulary) name: the rows reach a work only from a statement naming it, and copying every
work into every batch made the batches' cost grow with the square of the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from rdflib import RDF, Dataset, URIRef

from ..ontology.namespaces import (ID, ONTOLOGY_GRAPH, VOCABULARY_GRAPH, bind_prefixes,
                                   is_draft_graph)
from ..ontology import terms as T
from .evidence_csv import claim_rows, csv_writer
from .kgx import EDGE_COLUMNS, NODE_COLUMNS, PREFIX_MAP, _terms, edges_of, node_ids, \
    node_rows, table
from .nanopubs import header_lines, nanopub_lines
from .owl_xml import ontology_rdfxml

BATCH_CLAIMS = 2_000  # claims held in rdflib at once: bounded memory, few batches
FILES = ("lmskg-ontology.owl", "evidence.csv", "lmskg-kgx-nodes.tsv", "lmskg-kgx-edges.tsv",
         "lmskg-kgx-prefixes.json", "lmskg-nanopubs.trig")


class TablesBySource:
    """Give it the ontology and vocabulary graphs, then each source's graph in turn;
    :meth:`close` writes what is left and closes the files (``with`` closes them, or
    aborts them when the block fails)."""

    def __init__(self, stage: Path):
        self.stage = stage
        self.vocabulary: list[tuple[URIRef, list]] = []  # in every batch's dataset
        self.works: dict[URIRef, list] = {}  # a work's statements, for the batches naming it
        self.works_in_batch: set[URIRef] = set()
        self._new_dataset()
        self.batch: list[URIRef] = []
        self.claims = 0
        self.files: dict[str, object] = {}
        self.ids: dict[URIRef, str] = {}

    def add_graph(self, name: URIRef, triples: Iterable[tuple]) -> None:
        """Add a graph: the ontology and vocabulary first, then the sources in order (a
        draft's graph is left out: drafts are in no single-graph export)."""
        if is_draft_graph(name):
            return
        vocabulary = name in (ONTOLOGY_GRAPH, VOCABULARY_GRAPH)
        triples = list(triples)
        if vocabulary:
            # the whole graph in this dataset (the node table and the ontology file are
            # written from it); the works apart, for the batches that name them
            self._add(self.ds, name, triples)
            if name == VOCABULARY_GRAPH:
                works, triples = _works_apart(triples)
                self.works.update(works)
                self.works_in_batch.update(works)  # all of them, in this first dataset
            self.vocabulary.append((name, triples))
            return
        if not self.files:
            self._open()
        graph = self._add(self.ds, name, triples)
        self._add_works_named(triples)
        self.batch.append(name)
        self.claims += sum(1 for _ in graph.subjects(T.source, None))
        if self.claims >= BATCH_CLAIMS:
            self.flush()

    def _new_dataset(self) -> None:
        """A new dataset for the batch, holding the ontology and vocabulary graphs given so
        far (of the works, those the rest of the vocabulary names)."""
        self.ds = bind_prefixes(Dataset(default_union=True))
        self.works_in_batch = set()
        for name, triples in self.vocabulary:
            self._add(self.ds, name, triples)
        for _, triples in self.vocabulary:
            self._add_works_named(triples)

    def _add_works_named(self, triples: list) -> None:
        """Into the batch's vocabulary graph: each work ``triples`` name, and the works
        those name in turn."""
        todo = [o for _, _, o in triples if o in self.works and o not in self.works_in_batch]
        while todo:
            work = todo.pop()
            if work in self.works_in_batch:
                continue
            self.works_in_batch.add(work)
            self._add(self.ds, VOCABULARY_GRAPH, self.works[work])
            todo += [o for _, _, o in self.works[work]
                     if o in self.works and o not in self.works_in_batch]

    @staticmethod
    def _add(ds: Dataset, name: URIRef, triples: Iterable[tuple]):
        graph = ds.graph(name)
        for triple in triples:
            graph.add(triple)
        return graph

    def _open(self) -> None:
        """Once the vocabulary is in: the node table and the files' heads."""
        terms = _terms(self.ds)
        self.ids = node_ids(self.ds, terms)
        (self.stage / "lmskg-ontology.owl").write_text(ontology_rdfxml(self.ds),
                                                       encoding="utf-8", newline="")
        (self.stage / "lmskg-kgx-nodes.tsv").write_text(
            table(node_rows(self.ds, terms, self.ids), NODE_COLUMNS), encoding="utf-8",
            newline="")
        (self.stage / "lmskg-kgx-prefixes.json").write_text(
            json.dumps(PREFIX_MAP, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        for name in ("evidence.csv", "lmskg-kgx-edges.tsv", "lmskg-nanopubs.trig"):
            self.files[name] = open(self.stage / name, "w", encoding="utf-8", newline="")
        self.csv = csv_writer(self.files["evidence.csv"])
        self.csv.writeheader()
        self.files["lmskg-kgx-edges.tsv"].write(table([], EDGE_COLUMNS))
        self.files["lmskg-nanopubs.trig"].write("\n".join(header_lines()) + "\n")

    def flush(self) -> None:
        """Write the rows of the batch's sources and drop their graphs."""
        if not self.files:
            self._open()
        if not self.batch:
            return
        self.csv.writerows(claim_rows(self.ds))
        self.files["lmskg-kgx-edges.tsv"].write(table(edges_of(self.ds, self.ids),
                                                      EDGE_COLUMNS, header=False))
        claims = sorted({c for c in self.ds.subjects(T.source, None)
                         if str(c).startswith(str(ID) + "claim/")})
        lines = nanopub_lines(self.ds, claims)
        if lines:
            self.files["lmskg-nanopubs.trig"].write("\n".join(lines) + "\n")
        # a new dataset for the next batch: rdflib's remove_graph took a tenth of the
        # worker's time (py-spy, make bench at 10,000 claims)
        self._new_dataset()
        self.batch, self.claims = [], 0

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.abort()

    def abort(self) -> None:
        """Close the files as they are, writing nothing more (a build that failed)."""
        for fh in self.files.values():
            fh.close()

    def __enter__(self) -> "TablesBySource":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """Closed whole when the block ends normally, as they are when it fails."""
        if exc_type is None:
            self.close()
        else:
            self.abort()


def _works_apart(triples: list) -> tuple[dict[URIRef, list], list]:
    """(each cited work's statements by work, the vocabulary's other statements): a work
    is a subject typed ``lms:Reference``."""
    works = {s for s, p, o in triples if p == RDF.type and o == T.Reference}
    own: dict[URIRef, list] = {w: [] for w in works}
    rest = []
    for triple in triples:
        (own[triple[0]] if triple[0] in works else rest).append(triple)
    return own, rest
