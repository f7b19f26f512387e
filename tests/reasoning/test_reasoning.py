"""What HermiT infers, kept in its own named graph."""

from __future__ import annotations

from rdflib.namespace import RDF

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import CLAIM, INFERRED_GRAPH, REGIMEN
from lmskg.transform.graphs import asserted


def test_defined_classes_classify_the_data(reasoned_dataset):
    inferred = reasoned_dataset.graph(INFERRED_GRAPH)
    assert (REGIMEN["doxorubicin-ifosfamide"], RDF.type, T.AnthracyclineContainingRegimen) \
        in inferred
    assert (REGIMEN["fdr-gemcitabine-docetaxel"], RDF.type, T.GemcitabineContainingRegimen) \
        in inferred
    assert (CLAIM["s002-c13"], RDF.type, T.SecondLineClaim) in inferred
    assert (CLAIM["s000-c26"], RDF.type, T.ResponseRateClaim) in inferred
    assert (CLAIM["s002-c11"], RDF.type, T.AIGeneratedSourceClaim) in inferred
    assert (CLAIM["s002-c11"], RDF.type, T.UnreviewedSourceClaim) in inferred


def test_superclass_types_are_inferred_so_plain_type_queries_work(reasoned_dataset):
    n_claims = len(set(reasoned_dataset.subjects(T.source, None)))
    typed = set(reasoned_dataset.subjects(RDF.type, T.Claim))
    assert len(typed) == n_claims
    inferred = reasoned_dataset.graph(INFERRED_GRAPH)
    assert (CLAIM["s000-c26"], RDF.type, T.Claim) in inferred


def test_inferred_triples_are_never_asserted_ones(reasoned_dataset):
    curated = asserted(reasoned_dataset)
    inferred = reasoned_dataset.graph(INFERRED_GRAPH)
    assert len(inferred) > 0
    assert not [t for t in inferred if t in curated]
