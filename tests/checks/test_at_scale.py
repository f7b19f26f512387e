"""Checks at scale (``lmskg.checks.at_scale``): the rules path catches every negative
fixture (each check kind the HermiT path reports for it, SHACL and QC with the same
messages); ``--reasoner`` and the size decide the path; ``check_store`` leaves the store
as it was. Fast: HermiT runs once (the option test), the rules and shapes in Oxigraph."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from lmskg.checks.at_scale import check_store, choose, rule_checks
from lmskg.checks.run import load_graph_file
from lmskg.ontology.namespaces import ONTOLOGY_GRAPH
from lmskg.stores.oxigraph import from_dataset, to_ox
from tests.checks.test_check import EXPECTED, FIXTURES, TRIAL_EXPECTED
from tests.support.cli import run_cli

# the rules and the SHACL Core constraints run in two threads: pyoxigraph's results freed by
# the other thread's garbage collection are refused and leak, which pytest reports this way
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

NEGATIVE = {**EXPECTED, **TRIAL_EXPECTED,
            # test_check.test_black_box_explanation_when_no_axiom_pattern_applies
            "direction-outside-enumeration": [("owl", "lms:Sideways")]}


def figures(text: str) -> str:
    """Every figure in one form ('195', '195.0' and '0.60' as '195' and '0.6')."""
    return re.sub(r"-?\d+(?:\.\d+)?", lambda m: format(Decimal(m.group(0)).normalize(), "f"),
                  text)


def rules_report(name: str, config):
    data, onto = load_graph_file(FIXTURES / f"{name}.ttl", config.ontology_file)
    store = ox.Store()
    for graph_name, graph in ((str(ONTOLOGY_GRAPH), onto), ("urn:test:data", data)):
        g = ox.NamedNode(graph_name)
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph)
    return rule_checks(store, config.ontology_dir / "shapes.ttl", config.queries_dir / "qc",
                       0, copy=False, schema=False)


def test_every_negative_fixture_is_expected():
    negative = {p.stem for p in FIXTURES.glob("*.ttl") if not p.stem.startswith("valid")}
    assert negative == set(NEGATIVE)


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_the_rules_path_catches_each_negative_fixture(name, config):
    """SHACL and QC findings carry the HermiT path's messages (figures compared by value:
    the fixtures write '0.60'); an OWL finding is on the same node (the rules word their
    diagnosis in their own terms, e.g. the range's name instead of its bounds)."""
    report = rules_report(name, config)
    assert not report.ok
    found = [(f.kind, f.focus, figures(f"{f.message} {f.rule}")) for f in report.findings]
    for kind, fragment in NEGATIVE[name]:
        if kind == "owl":
            node = fragment.split(" ")[0]
            assert any(k == "owl" and (focus == node or node in text) for k, focus, text in found), \
                f"owl about {node} not in {json.dumps(found, indent=1)}"
        else:
            assert any(k == kind and figures(fragment) in text for k, _, text in found), \
                f"{kind}: {fragment!r} not in {json.dumps(found, indent=1)}"


@pytest.mark.parametrize("name", ["valid", "valid-trial"])
def test_the_rules_path_passes_the_valid_fixtures(name, config):
    assert rules_report(name, config).findings == []


def test_the_size_decides_unless_forced():
    assert choose("auto", 500, 500) == "hermit" and choose("auto", 501, 500) == "rules"
    assert choose("hermit", 10**6, 500) == "hermit" and choose("rules", 1, 500) == "rules"
    with pytest.raises(ValueError):
        choose("pellet", 1, 500)


def test_the_option_forces_the_rules():
    res = run_cli("check", "--graph", str(FIXTURES / "percentage-130.ttl"), "--reasoner", "rules",
                  "--format", "json")
    report = json.loads(res.out)
    assert res.code == 1 and "owl: rules" in report["timings_seconds"]
    assert {f["kind"] for f in report["findings"]} == {"owl", "shacl", "qc"}
    timed = report["timings_seconds"]
    assert {"owl and shacl core, side by side", "shacl: core", "shacl: sparql"} <= set(timed)
    assert timed["shacl"] == pytest.approx(timed["shacl: core"] + timed["shacl: sparql"], abs=0.02)


def test_a_failure_of_the_owl_thread_is_raised(config, monkeypatch):
    """The OWL part runs in a thread of its own beside the shapes: its error reaches the
    caller (the check fails), it is not lost with the thread."""
    import lmskg.checks.at_scale as at_scale

    def broken(store):
        raise RuntimeError("the rules broke")

    monkeypatch.setattr(at_scale, "owl_rule_findings", broken)
    with pytest.raises(RuntimeError, match="the rules broke"):
        rules_report("valid", config)


def test_check_store_reads_a_built_store_and_leaves_it(dataset, config):
    """A store as the build leaves it: the real graph passes although the inferred graph
    holds a claim without source or quote (not asserted, so not checked), and the store
    holds the same quads afterwards."""
    from lmskg.ontology import terms as T
    from lmskg.ontology.namespaces import INFERRED_GRAPH

    store = from_dataset(dataset)
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/lmskg/id/claim/x-c01"), to_ox(RDF.type),
                      to_ox(T.Claim), ox.NamedNode(str(INFERRED_GRAPH))))
    before = len(store)
    report = check_store(store, config.ontology_dir / "shapes.ttl", config.queries_dir / "qc",
                         "rules")
    assert report.ok, report.findings
    assert report.counts["claims"] > 100 and len(store) == before


def test_the_copy_keeps_asserted_graphs_and_shared_blank_nodes():
    from lmskg.checks.at_scale import asserted_copy
    from lmskg.ontology.namespaces import DERIVED_GRAPH, INFERRED_GRAPH, draft_graph

    store, b = ox.Store(), ox.BlankNode()
    a, p, q = (ox.NamedNode(f"urn:x:{n}") for n in "apq")
    store.add(ox.Quad(a, p, b, ox.NamedNode("urn:g:1")))
    store.add(ox.Quad(b, q, ox.Literal("1"), ox.NamedNode("urn:g:2")))
    # derived, inferred and a draft's unreviewed candidates are not curated data to check
    for name in (INFERRED_GRAPH, DERIVED_GRAPH, draft_graph("d001")):
        store.add(ox.Quad(b, q, ox.Literal("2"), ox.NamedNode(str(name))))
    copy = asserted_copy(store)
    assert len(copy) == 2 and len(store) == 5
    assert len(list(copy.query("SELECT * WHERE { GRAPH ?g { ?a ?p ?x } GRAPH ?h { ?x ?q ?v } }"))) == 1



def test_the_copy_of_graphs_bulk_loaded_holds_the_same_terms():
    """Graphs without blank nodes are bulk-loaded from their N-Triples: every kind of term
    comes back equal, in its graph; a literal whose text reads like a blank node sends its
    graph the slow way, which copies it all the same."""
    from lmskg.checks.at_scale import asserted_copy

    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")
    values = [ox.Literal("30.0", datatype=ox.NamedNode(xsd + "decimal")),
              ox.Literal("7", datatype=ox.NamedNode(xsd + "nonNegativeInteger")),
              ox.Literal("2024-05-01", datatype=ox.NamedNode(xsd + "date")),
              ox.Literal("taux de réponse", language="fr"),
              ox.Literal('a "quote"\nover two lines \\ and a tab\t'),
              ox.NamedNode("urn:x:o")]
    store = ox.Store()
    store.extend(ox.Quad(s, p, v, ox.NamedNode(f"urn:g:{k % 2}")) for k, v in enumerate(values))
    store.add(ox.Quad(s, p, ox.Literal("see _:b0"), ox.NamedNode("urn:g:2")))
    assert set(asserted_copy(store)) == set(store) and len(store) == 7


def test_an_error_while_writing_a_graph_out_reaches_the_caller():
    from lmskg.checks.at_scale import asserted_copy

    class Unreadable:
        def named_graphs(self):
            return iter([ox.NamedNode(f"urn:g:{k}") for k in range(20)])

        def dump(self, **_):
            raise OSError("the store cannot be read")

    with pytest.raises(OSError, match="the store cannot be read"):
        asserted_copy(Unreadable())


def test_the_rdflib_graphs_of_a_store_split_data_from_ontology_and_leave_drafts_out():
    from rdflib import Literal, URIRef

    from lmskg.checks.at_scale import rdflib_graphs
    from lmskg.ontology.namespaces import DERIVED_GRAPH, ONTOLOGY_GRAPH, draft_graph

    store = ox.Store()
    s, p = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")
    for value, graph in (("onto", ONTOLOGY_GRAPH), ("both", ONTOLOGY_GRAPH), ("both", "urn:g:1"),
                         ("data", "urn:g:1"), ("draft", draft_graph("d001")),
                         ("derived", DERIVED_GRAPH)):
        store.add(ox.Quad(s, p, ox.Literal(value), ox.NamedNode(str(graph))))
    data, onto = rdflib_graphs(store)
    values = {str(o) for _, _, o in data}, {str(o) for _, _, o in onto}
    assert values == ({"data"}, {"onto", "both"})
    assert (URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("both")) in onto


def test_the_text_report_gives_the_time_of_the_parts_run_side_by_side():
    from lmskg.checks.report import Report, render_text

    report = Report()
    report.timings.update({"owl: hermit (ontology, vocabulary)": 1.0, "owl: rules": 2.0,
                           "owl and shacl core, side by side": 3.5, "shacl": 4.0})
    head = render_text(report).splitlines()[1]
    assert "rules in Oxigraph 2.0 s) beside SHACL Core (3.5 s together); SHACL" in head
