"""The engine that answers is a choice of configuration; answers do not depend on it."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from lmskg.errors import InputError
from lmskg.sparql.engines import OxigraphEngine, RdflibEngine
from lmskg.sparql.local import run_local
from lmskg.sparql.params import bind, bindings_for
from lmskg.stores.oxigraph import from_dataset, from_ox, to_ox
from lmskg.sparql.results import to_json
from tests.sparql.query_fixtures import catalogue, compare, ontology


@pytest.fixture(scope="module")
def engines(reasoned_dataset):
    return RdflibEngine(reasoned_dataset), OxigraphEngine(from_dataset(reasoned_dataset))


@pytest.fixture(scope="module")
def practice_engines(practice_built):
    """The practice graph (with its inferred graph): the seed sources describe no study."""
    ds = practice_built.dataset
    return RdflibEngine(ds), OxigraphEngine(from_dataset(ds))


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_catalogue_question_answers_the_same_on_both_engines(request, name):
    """On the real graph; the trial questions on the practice graph, with every parameter
    empty where the defaults find nothing there (no practice text grades an adverse event)."""
    from tests.sparql.test_catalogue_practice import TRIAL_QUESTIONS

    trial = name in TRIAL_QUESTIONS
    engines = request.getfixturevalue("practice_engines" if trial else "engines")
    query = catalogue()[name]
    given = {p.name: "" for p in query.params} if trial else {}
    text = bind(query.text, bindings_for(query, given, ontology()))
    memory, oxigraph = (run_local(e, text, name) for e in engines)
    if name != "draft-claims":  # the real data has no drafts (its fixture has one)
        assert memory.rows, \
            f"{name} answers nothing on the {'practice' if trial else 'real'} graph"
    assert compare(query, oxigraph, json.loads(to_json(memory))) == []


def test_the_engines_hold_the_same_graphs(engines):
    memory, oxigraph = engines
    assert memory.graph_names() == oxigraph.graph_names()


@pytest.mark.parametrize("term", [URIRef("https://w3id.org/lmskg/id/claim/s000-c01"),
                                  BNode("b0"), Literal("x"), Literal("x", lang="en"),
                                  Literal("2.5", datatype=XSD.decimal),
                                  Literal("2023", datatype=XSD.gYear)])
def test_terms_cross_between_rdflib_and_oxigraph_unchanged(term):
    assert from_ox(to_ox(term)) == term


def test_unknown_store_is_bad_input(config):
    from dataclasses import replace

    from lmskg.pipeline.queryable import engine_for_queries

    with pytest.raises(InputError, match="unknown store 'postgres'"):
        engine_for_queries(replace(config, store="postgres"))
