"""A claim's triples, from the tiny input: anchor, regimen, context, measure, figure."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import CLAIM, CONTEXT, OA, REGIMEN, SOURCE
from lmskg.pipeline.inputs import load_inputs
from lmskg.transform.source import source_triples
from tests.support import tiny


def _graph(tmp_path) -> Graph:
    inputs = load_inputs(tiny.write_tiny(tmp_path))
    g = Graph()
    for triple in source_triples(inputs.ontology, inputs.curated.sources[0]):
        g.add(triple)
    return g


def test_the_claim_and_its_context(tmp_path):
    g, c = _graph(tmp_path), CLAIM["t001-c01"]
    assert (c, RDF.type, T.OutcomeClaim) in g
    assert (c, T.source, SOURCE["t001"]) in g
    assert (c, T.regimen, REGIMEN["gemcitabine-docetaxel"]) in g
    assert (c, T.disease, CONTEXT["leiomyosarcoma"]) in g
    assert (c, T.extent, CONTEXT["metastatic"]) in g
    assert (c, T.measure, T.ResponseRate) in g
    assert (c, T.direction, T.Neutral) in g


def test_the_figure_is_a_quantity(tmp_path):
    g, q = _graph(tmp_path), CLAIM["t001-c01/quantity"]
    assert (CLAIM["t001-c01"], T.quantity, q) in g
    assert (q, T.value, Literal("50.0", datatype=XSD.decimal)) in g
    assert (q, T.unit, Literal("%")) in g
    assert (q, T.qualifier, T.Approximate) in g


def test_the_quote_is_anchored_with_both_selectors(tmp_path):
    g, a = _graph(tmp_path), CLAIM["t001-c01/anchor"]
    assert (a, OA.hasSource, SOURCE["t001"]) in g
    assert (CLAIM["t001-c01/anchor/quote"], OA.exact, Literal(tiny.QUOTE)) in g
    assert (CLAIM["t001-c01/anchor/position"], OA.start,
            Literal(str(tiny.START), datatype=XSD.nonNegativeInteger)) in g
