"""Every axiom of the ontology is compiled or listed as without effect; an axiom kind the
compiler does not know is an error that names it, never silently ignored."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import ONTOLOGY_GRAPH, VOCABULARY_GRAPH
from lmskg.reasoning.owl_schema import (NO_EFFECT, And, HasValue, Named, UnsupportedAxiom,
                                        read_schema)
from lmskg.reasoning.rules import Reasoner
from lmskg.stores.oxigraph import to_ox
from tests.reasoning.hermit_golden import ONTOLOGY

PREFIXES = """
@prefix lms: <https://w3id.org/lmskg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <http://example.org/> .
"""


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def test_every_statement_of_the_ontology_has_a_reading():
    schema = read_schema(ontology())
    assert set(schema.no_effect) <= set(NO_EFFECT)
    assert schema.no_effect["annotation"] > 400 and schema.no_effect["declaration"] > 200
    # what the rules compile, one of each kind the ontology uses
    second_line = next(e for a, e, _ in schema.equivalent if a == Named(T.SecondLineClaim))
    assert second_line == And((Named(T.Claim), HasValue(second_line.parts[1].prop,
                                                        T.SecondLine)))
    assert (Named(T.Guideline), Named(T.ResearchArticle)) in \
        {(a, b) for members, _ in schema.disjoint for a in members for b in members}
    assert schema.has(T.direction, "functional") and schema.has(T.pooledWith, "symmetric")
    assert T.PercentRange in schema.datatypes
    assert (T.disease, Named(T.Claim)) not in {(p, e) for p, e, _ in schema.domains}
    assert any(p == T.context for p, _, _ in schema.domains)


UNKNOWN = {
    "keys (owl:hasKey)": ":C a owl:Class ; owl:hasKey ( lms:source ) .",
    "property chains": "lms:context owl:propertyChainAxiom ( lms:source lms:flag ) .",
    "transitive": "lms:partOfTool a owl:TransitiveProperty .",
    "reflexive": "lms:partOfTool a owl:ReflexiveProperty .",
    "owl:NegativePropertyAssertion": "[] a owl:NegativePropertyAssertion ; "
                                     "owl:sourceIndividual :a ; owl:assertionProperty lms:flag ; "
                                     "owl:targetIndividual :b .",
    "owl:fooBar": ":C owl:fooBar :D .",
    "a class assertion with a class expression": ":i a [ a owl:Restriction ; owl:onProperty "
                                                 "lms:flag ; owl:hasValue lms:Truncated ] .",
    "a restriction of this kind": ":C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; "
                                  "owl:onProperty lms:flag ; owl:hasSelf true ] .",
    "owl:AllDisjointProperties": "[] a owl:AllDisjointProperties ; owl:members "
                                 "( lms:flag lms:reviewer ) .",
}


@pytest.mark.parametrize("construct", sorted(UNKNOWN))
def test_an_unknown_construct_is_an_error_naming_it(construct):
    g = ontology()
    g.parse(data=PREFIXES + UNKNOWN[construct], format="turtle")
    with pytest.raises(UnsupportedAxiom) as err:
        read_schema(g)
    assert construct.split(" (")[0] in str(err.value) or construct in str(err.value)
    assert "does not support" in str(err.value)


def test_an_unknown_construct_in_a_data_graph_is_found_too():
    """Axioms outside the ontology graph (the vocabulary graph holds an owl:AllDifferent)
    are read as well: the rules refuse to run rather than ignore them."""
    store = ox.Store()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(ONTOLOGY_GRAPH)))
                 for s, p, o in ontology())
    extra = Graph().parse(data=PREFIXES + UNKNOWN["transitive"], format="turtle")
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(VOCABULARY_GRAPH)))
                 for s, p, o in extra)
    with pytest.raises(UnsupportedAxiom, match="transitive"):
        Reasoner(store)


def test_a_definition_the_rules_cannot_evaluate_is_an_error():
    """A class defined by a universal restriction would need closed-world knowledge to
    classify individuals: refused, not ignored."""
    g = ontology()
    g.parse(data=PREFIXES + ":C a owl:Class ; owl:equivalentClass [ a owl:Restriction ; "
            "owl:onProperty lms:flag ; owl:allValuesFrom lms:SourceFlag ] .", format="turtle")
    store = ox.Store()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(ONTOLOGY_GRAPH)))
                 for s, p, o in g)
    with pytest.raises(UnsupportedAxiom, match="All as a condition"):
        Reasoner(store)


def test_owl_thing_and_nothing_are_not_classes_of_the_schema():
    schema = read_schema(ontology())
    assert URIRef(OWL.Thing) not in schema.classes and T.Claim in schema.classes
