"""The tables of a large build, a batch of sources at a time: each batch holds the cited
works its sources name, not every work of the vocabulary, and writes the same rows."""

from __future__ import annotations

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS

from lmskg.exports import tables_by_source
from lmskg.exports.tables_by_source import FILES, TablesBySource
from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import VOCABULARY_GRAPH
from lmskg.pipeline.large import graphs_of


def _tables(graphs, stage, monkeypatch, held: list | None = None) -> dict[str, bytes]:
    """The files written from ``graphs``, one source to a batch; ``held`` gets, for each
    batch, (the works its dataset holds, the works its sources' graphs name)."""
    monkeypatch.setattr(tables_by_source, "BATCH_CLAIMS", 1)
    stage.mkdir()
    named: set = set()
    with TablesBySource(stage) as tables:
        flush = tables.flush

        def spying_flush():
            if held is not None and tables.batch:
                held.append((set(tables.ds.subjects(RDF.type, T.Reference)), set(named)))
            named.clear()
            flush()

        tables.flush = spying_flush
        for name, triples in graphs:
            named.update(o for _, _, o in triples)
            tables.add_graph(name, triples)
    return {name: (stage / name).read_bytes() for name in FILES}


def test_a_batch_holds_the_works_its_sources_name_and_writes_the_same_rows(
        inputs, tmp_path, monkeypatch):
    graphs = list(graphs_of(inputs))
    held: list = []
    written = _tables(graphs, tmp_path / "apart", monkeypatch, held)
    # every work in every batch, as before the works were held apart
    monkeypatch.setattr(tables_by_source, "_works_apart", lambda triples: ({}, triples))
    assert written == _tables(graphs, tmp_path / "whole", monkeypatch)
    assert any(b"PMID" in written[name] for name in FILES)  # rows that need the works

    works = {s for name, triples in graphs for s, p, o in triples
             if p == RDF.type and o == T.Reference}
    assert len(held) >= 3 and works
    first, *later = held
    assert first[0] == works  # the first batch's dataset is the whole vocabulary's
    for in_dataset, named in later:  # the others hold exactly the works they name
        assert in_dataset == named & works
    assert any(in_dataset < works for in_dataset, _ in later)


def test_a_work_named_by_a_work_comes_with_it(tmp_path):
    a, b, c = (URIRef(f"https://example.org/work/{k}") for k in "abc")
    tables = TablesBySource(tmp_path)
    tables.add_graph(VOCABULARY_GRAPH, [
        (a, RDF.type, T.Reference), (a, DCTERMS.isPartOf, b),
        (b, RDF.type, T.Reference), (b, DCTERMS.title, Literal("B")),
        (c, RDF.type, T.Reference)])
    tables._new_dataset()  # a later batch's dataset: no work yet
    assert set(tables.ds.subjects(RDF.type, T.Reference)) == set()
    tables._add_works_named([(URIRef("https://example.org/claim"), T.citation, a)])
    assert set(tables.ds.subjects(RDF.type, T.Reference)) == {a, b}
    assert (b, DCTERMS.title, Literal("B")) in tables.ds
