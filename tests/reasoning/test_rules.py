"""The rules give what HermiT gives: the same ``inferred`` graph on every graph HermiT runs
on in this suite, and an inconsistency wherever HermiT finds one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from lmskg.checks.owl_rules import owl_rule_findings
from lmskg.ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, show
from lmskg.reasoning.rules import Reasoner, inconsistencies, infer, inferred
from lmskg.stores.oxigraph import from_dataset, to_ox
from tests.checks.test_check import EXPECTED
from tests.reasoning import hermit_golden as golden

TARGET = "urn:test:rules"


def store_of(path) -> ox.Store:
    """A fixture as `lmskg check --graph` sees it: the ontology graph and one data graph."""
    store = ox.Store()
    onto = Graph().parse(golden.ONTOLOGY, format="turtle")
    data = Graph().parse(path, format="turtle")
    for name, graph in ((str(ONTOLOGY_GRAPH), onto), ("urn:test:data", data)):
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name))
                     for s, p, o in graph)
    return store


def rules_output(store: ox.Store) -> set:
    infer(store, target=TARGET)
    return set(inferred(store, TARGET))


def diff(mine: set, hermit: set) -> str:
    return (f"rules only: {sorted(tuple(map(show, t)) for t in mine - hermit)[:10]}; "
            f"HermiT only: {sorted(tuple(map(show, t)) for t in hermit - mine)[:10]}")


def test_real_graph_equals_hermit(reasoned_dataset):
    """The real graph: HermiT runs for this session's fixture; the rules run beside it."""
    hermit = set(reasoned_dataset.graph(INFERRED_GRAPH))
    mine = rules_output(from_dataset(reasoned_dataset))
    assert len(hermit) > 500
    assert mine == hermit, diff(mine, hermit)


@pytest.mark.parametrize("name", sorted(golden.small_graphs()))
def test_fixture_equals_hermit(name):
    path = golden.small_graphs()[name]
    assert golden.stale(name, golden.merged(path)) is None, golden.stale(name, golden.merged(path))
    _, consistent, hermit = golden.load(name)
    store = store_of(path)
    found = inconsistencies(store)
    if not consistent:
        assert found, f"HermiT finds {name} inconsistent; the rules find nothing"
        return
    assert found == [], [e.message for e in found]
    mine = rules_output(store)
    asserted = golden.merged(path)
    mine, hermit = representative_free(mine, asserted), representative_free(set(hermit), asserted)
    assert mine == hermit, diff(mine, hermit)


def representative_free(out: set, asserted: Graph) -> set:
    """``out`` without the subclass link HermiT prints from one member of a node of
    equivalent named classes when another member asserts that link: which member HermiT
    names is its own choice, and it changed with the size of the ontology (the trial
    classes); see :func:`lmskg.reasoning.tbox.tbox_inferences`."""
    from rdflib.namespace import OWL, RDFS

    equivalent = {(a, b) for a, p, b in out if p == OWL.equivalentClass} | \
        {(a, b) for a, b in asserted.subject_objects(OWL.equivalentClass)}
    partners: dict = {}
    for a, b in equivalent:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    return {(c, p, top) for c, p, top in out
            if not (p == RDFS.subClassOf and any((m, RDFS.subClassOf, top) in asserted
                                                 for m in partners.get(c, ())))}


def test_synthetic_corpus_equals_hermit(synth_1k):
    from lmskg.transform.graphs import asserted

    message = golden.stale(golden.SYNTH, asserted(synth_1k))
    assert message is None, message
    _, consistent, hermit = golden.load(golden.SYNTH)
    assert consistent and len(hermit) > 3000
    store = from_dataset(synth_1k)
    assert inconsistencies(store) == []
    mine = rules_output(store)
    assert mine == set(hermit), diff(mine, set(hermit))


@pytest.mark.parametrize("name", sorted(n for n, kinds in EXPECTED.items()
                                        if any(k == "owl" for k, _ in kinds)))
def test_negative_fixtures_give_the_same_findings_as_hermit_path(name):
    """Each fixture the HermiT path reports as inconsistent is reported by the rules, in a
    finding of the same form that names the same individual, claim and axiom."""
    store = store_of(golden.FIXTURES / f"{name}.ttl")
    found = owl_rule_findings(store)
    assert found and all(f.kind == "owl" and f.message.startswith("inconsistent: ")
                         for f in found)
    for kind, fragment in EXPECTED[name]:
        if kind == "owl":
            assert any(fragment in f"{f.message} {f.rule}" for f in found), \
                f"{fragment!r} not in {found}"
    if name == "percentage-130":
        assert (found[0].source, found[0].claim) == ("t1", "t1-c01")


def test_work_graphs_are_removed_and_target_replaced():
    store = store_of(golden.FIXTURES / "valid.ttl")
    store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.NamedNode("urn:y"),
                      ox.NamedNode(TARGET)))
    n = infer(store, target=TARGET)
    names = {g.value for g in store.named_graphs()}
    assert names == {str(ONTOLOGY_GRAPH), "urn:test:data", TARGET}
    out = inferred(store, TARGET)
    assert n == len(out) > 0
    assert not any(str(s) == "urn:x" for s in out.subjects())


def test_one_reasoner_infers_and_checks():
    """The pipeline can fill the work graphs once for both jobs."""
    store = store_of(golden.FIXTURES / "valid.ttl")
    with Reasoner(store, target=TARGET) as reasoner:
        assert reasoner.write_inferred() > 0
        assert owl_rule_findings(store, reasoner=reasoner) == []
    assert not any(g.value.startswith("https://w3id.org/lmskg/graph/work/")
                   for g in store.named_graphs())


def test_a_broken_union_domain_is_explained(tmp_path):
    """lms:citation's domain is Claim or Study: a source that carries a citation is in a
    class disjoint with both, and is named; a claim and an untyped node that carry one are
    not (nothing says the untyped node is outside the union)."""
    path = tmp_path / "union.ttl"
    path.write_text(
        "@prefix lms: <https://w3id.org/lmskg/ontology#> .\n"
        "@prefix : <http://example.org/> .\n"
        ":s a lms:Source ; lms:citation :c1 , :c2 .\n"
        ":k a lms:Claim ; lms:citation :c3 .\n"
        ":u lms:citation :c4 .\n", encoding="utf-8")
    found = inconsistencies(store_of(path))
    union = [e for e in found if "but is in a class disjoint with each" in e.message]
    assert [str(e.subject) for e in union] == ["http://example.org/s"]
    assert "must be a lms:Claim or lms:Study" in union[0].message
    assert union[0].axiom == "lms:citation rdfs:domain ObjectUnionOf(lms:Claim lms:Study)"


def test_two_values_known_to_differ_are_reported_not_merged(tmp_path):
    """A claim with two directions, lms:For and lms:Neutral (known to differ), is the one
    finding: the rules do not make the two equal, which would give every other claim with
    lms:For the second direction too (at 100,000 claims, 95,000 findings for one fault)."""
    path = tmp_path / "two-directions.ttl"
    path.write_text(
        "@prefix lms: <https://w3id.org/lmskg/ontology#> .\n"
        "@prefix : <http://example.org/> .\n"
        ":c1 a lms:Claim ; lms:direction lms:For , lms:Neutral .\n"
        ":c2 a lms:Claim ; lms:direction lms:For .\n"
        ":c3 a lms:Claim ; lms:direction lms:Neutral .\n", encoding="utf-8")
    store = store_of(path)
    found = inconsistencies(store)
    assert [(str(e.subject), e.axiom) for e in found] == [
        ("http://example.org/c1", "FunctionalProperty(lms:direction)")]
