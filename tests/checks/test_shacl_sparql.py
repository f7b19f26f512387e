"""SHACL compiled to SPARQL gives pySHACL's findings, exactly: on every check fixture
(figures in messages compared by value there, as the fixtures write '0.60'), on shapes
using every other supported component, on the real graph and on the synthetic corpus (both
with faults injected); unsupported constructs are refused by name."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from lmskg.checks.shacl import shacl_findings
from lmskg.checks.shacl_shapes import UnsupportedShape
from lmskg.checks.shacl_sparql import CORE, SPARQL, in_order, shacl_sparql_findings
from lmskg.ontology.namespaces import DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from lmskg.stores.oxigraph import from_dataset, to_ox
from tests.checks import pyshacl_golden as golden
from tests.support.cli import REPO
from tests.support.faults import apply_to_graph, apply_to_store, faults
from tests.support.synth import fingerprint

FIXTURES = Path(__file__).parent / "fixtures"
CASES = Path(__file__).parent / "shacl_cases"
SHAPES = REPO / "ontology" / "shapes.ttl"
key = golden.key


def store_of(*graphs: tuple[str, Graph]) -> ox.Store:
    store = ox.Store()
    for name, graph in graphs:
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name))
                     for s, p, o in graph)
    return store


def canonical_figures(findings: list) -> list:
    """The findings with every figure in their messages in one form ('0.60', '195' and
    '195.0' as '0.6', '195'): Oxigraph keeps a decimal's value, not its lexical form, so
    the compiled shapes quote a hand-written '0.60' as the build would write it ('0.6')."""
    def fig(m: re.Match) -> str:
        return format(Decimal(m.group(0)).normalize(), "f")
    return [replace(f, message=re.sub(r"-?\d+(?:\.\d+)?", fig, f.message)) for f in findings]


def compare(merged: Graph, store: ox.Store, shapes: Path = SHAPES, exact: bool = True) -> list:
    ref, n_ref = shacl_findings(merged, shapes)
    mine, n_mine = shacl_sparql_findings(store, shapes)
    if not exact:
        ref, mine = canonical_figures(ref), canonical_figures(mine)
    assert n_mine == n_ref
    assert sorted(mine, key=key) == sorted(ref, key=key), \
        f"pySHACL only: {set(ref) - set(mine)}\nSPARQL only: {set(mine) - set(ref)}"
    return mine


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.ttl")), ids=lambda p: p.stem)
def test_every_check_fixture(path):
    onto = Graph().parse(REPO / "ontology" / "lmskg.ttl")
    data = Graph().parse(path)
    merged = Graph()
    merged += onto
    merged += data
    found = compare(merged, store_of((str(ONTOLOGY_GRAPH), onto), ("urn:test:data", data)),
                    exact=False)  # the trial fixtures write decimals as '0.60'
    if not path.stem.startswith("valid"):
        # these two break no shape: the OWL check and a QC query catch them
        assert path.stem in ("drug-typed-as-procedure", "hierarchy-too-deep") or found


def test_every_other_component_and_default_messages():
    data = Graph().parse(CASES / "components-data.ttl")
    merged = Graph()  # as checks.run gives it: rdflib's own prefixes, not the file's
    merged += data
    found = compare(merged, store_of(("urn:test:data", data)), CASES / "components-shapes.ttl")
    assert len(found) > 25
    assert any(f.message.startswith("Node <http://example.org/l1> must not conform")
               for f in found)


def graph_of(store: ox.Store):
    def name(subject) -> str:
        for q in store.quads_for_pattern(to_ox(subject), None, None, None):
            if q.graph_name.value not in (str(DERIVED_GRAPH), str(INFERRED_GRAPH)):
                return q.graph_name.value
        return "urn:test:added"
    return name


def test_the_real_graph_with_faults(dataset):
    """The real graph (its derived graph included in the store, as a build leaves it),
    with a fault for every shape: pySHACL runs here (about 6 s)."""
    from lmskg.checks.run import split_dataset

    data, onto = split_dataset(dataset)
    merged = Graph()
    merged += onto
    merged += data
    edits = faults(merged)
    apply_to_graph(merged, edits)
    store = from_dataset(dataset)
    apply_to_store(store, graph_of(store), edits)
    found = compare(merged, store)
    assert len({f.rule for f in found}) >= 10


def test_the_real_graph_passes_as_with_pyshacl(dataset):
    assert shacl_sparql_findings(from_dataset(dataset), SHAPES)[0] == []


def test_the_synthetic_corpus_with_faults(synth_1k):
    merged = golden.faulty_graph(synth_1k)
    doc = golden.load()
    assert doc["input"] == fingerprint(merged) and doc["shapes"] == SHAPES.read_text(
        encoding="utf-8"), "regenerate with .venv/bin/python -m tests.checks.pyshacl_golden"
    store = from_dataset(synth_1k)
    apply_to_store(store, graph_of(store), faults(merged_without_faults(synth_1k)))
    mine, n = shacl_sparql_findings(store, SHAPES)
    assert n == doc["node_shapes"] and len(doc["findings"]) > 20
    assert sorted(mine, key=key) == doc["findings"]


def test_the_two_kinds_of_constraint_run_apart_give_the_findings_of_both(synth_1k):
    """The checks run the Core constraints beside the rules and the SPARQL-based ones after
    (lmskg.checks.at_scale): the two runs, joined, are the one run of both."""
    merged = golden.faulty_graph(synth_1k)
    store = from_dataset(synth_1k)
    apply_to_store(store, graph_of(store), faults(merged_without_faults(synth_1k)))
    both, n = shacl_sparql_findings(store, SHAPES)
    core, n_core = shacl_sparql_findings(store, SHAPES, kinds=(CORE,))
    written, n_written = shacl_sparql_findings(store, SHAPES, kinds=(SPARQL,))
    assert core and written and n == n_core == n_written
    assert in_order(core + written) == both and not set(core) & set(written)
    with pytest.raises(ValueError, match="constraint kinds \\['shapes'\\]"):
        shacl_sparql_findings(store, SHAPES, kinds=(CORE, "shapes"))


def merged_without_faults(ds) -> Graph:
    from lmskg.checks.run import split_dataset

    data, onto = split_dataset(ds)
    merged = Graph()
    merged += onto
    merged += data
    return merged


UNSUPPORTED = {
    "sh:languageIn": "sh:property [ sh:path ex:p ; sh:languageIn ( \"en\" ) ]",
    "sh:zeroOrMorePath": "sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ]",
    "sh:closed": "sh:closed true",
    "sh:qualifiedValueShapesDisjoint": "sh:property [ sh:path ex:p ; sh:qualifiedValueShape "
                                       "[ sh:class ex:C ] ; sh:qualifiedMinCount 1 ; "
                                       "sh:qualifiedValueShapesDisjoint true ]",
    "the parameter sh:fooBar": "sh:fooBar 1",
    "a SPARQL constraint in a shape used by sh:or": "sh:or ( [ sh:sparql [ sh:select "
                                                   "\"SELECT $this WHERE { $this ?p ?o }\" ] ] )",
}


@pytest.mark.parametrize("construct", sorted(UNSUPPORTED))
def test_an_unsupported_construct_is_refused_by_name(construct, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "@prefix ex: <http://example.org/> .\n"
                      f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; {UNSUPPORTED[construct]} .\n",
                      encoding="utf-8")
    data = Graph().parse(data="<http://example.org/x> a <http://example.org/C> ; "
                              "<http://example.org/p> 1 .", format="turtle")
    with pytest.raises(UnsupportedShape) as err:
        shacl_sparql_findings(store_of(("urn:test:data", data)), shapes)
    assert construct in str(err.value) and "does not support" in str(err.value)


def test_a_sparql_constraint_that_would_read_inferred_statements_is_refused(tmp_path):
    """SPARQL-based constraints run on the union of the graphs; one that reads a predicate
    the inferred graph also holds would see statements pySHACL never sees."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this a <http://example.org/D> }" ] .
""", encoding="utf-8")
    data = Graph().parse(data="<http://example.org/x> a <http://example.org/C> .",
                         format="turtle")
    inferred = Graph().parse(data="<http://example.org/x> a <http://example.org/D> .",
                             format="turtle")
    store = store_of(("urn:test:data", data), (str(INFERRED_GRAPH), inferred))
    with pytest.raises(UnsupportedShape, match="rdf:type"):
        shacl_sparql_findings(store, shapes)
    assert shacl_sparql_findings(store_of(("urn:test:data", data)), shapes)[0] == []


def test_known_difference_integer_types():
    """Oxigraph stores every integer type as xsd:integer, so a value written as a plain
    xsd:integer where sh:datatype asks for xsd:nonNegativeInteger cannot be told from a
    well-typed one: pySHACL reports it, the compiled check accepts any integer in the
    type's range (and still reports a negative one). The build writes the right types."""
    data = Graph().parse(data="""@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:Thing ; ex:count 3 . ex:b a ex:Thing ; ex:count "-1"^^xsd:integer .""",
                         format="turtle")
    shapes = CASES / "components-shapes.ttl"
    merged = Graph()
    merged += data
    ref = {f.focus for f in shacl_findings(merged, shapes)[0] if "nonNegativeInteger" in f.message}
    mine = {f.focus for f in shacl_sparql_findings(store_of(("urn:test:data", data)), shapes)[0]
            if "nonNegativeInteger" in f.message}
    assert ref == {"<http://example.org/a>", "<http://example.org/b>"}
    assert mine == {"<http://example.org/b>"}
