"""The KGX export: Biolink nodes and edges, validated against the Biolink Model itself.

The checker (tests/support/biolink_check.py) reads the model of the pinned
``biolink-model`` package with linkml-runtime's SchemaView; decision 0012 says why it is
used rather than the ``kgx`` package's validator (which, run by hand offline on this export
with our prefixes declared, also reports nothing).
"""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from lmskg.exports.kgx import PREFIX_MAP, _text, kgx, node_ids
from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import OA, THERAPY
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from tests.support import tiny
from tests.support.biolink_check import BiolinkChecker


@pytest.fixture(scope="module")
def checker() -> BiolinkChecker:
    return BiolinkChecker(extra_prefixes=frozenset(PREFIX_MAP))


@pytest.fixture(scope="module")
def export(dataset):
    return kgx(dataset)


def rows(tsv: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_real_export_is_valid_biolink(export, checker):
    assert checker.check(export.nodes, export.edges) == {}


def test_therapies_regimens_and_diseases_are_nodes_with_categories(export):
    nodes = {n["iri"]: n for n in rows(export.nodes)}
    assert nodes[str(THERAPY.doxorubicin)]["id"] == "CHEBI:28748"
    assert nodes[str(THERAPY.doxorubicin)]["category"] == "biolink:Drug"
    regimen = nodes["https://w3id.org/lmskg/id/regimen/gemcitabine-docetaxel"]
    assert (regimen["id"], regimen["category"]) == ("lmskg.regimen:gemcitabine-docetaxel",
                                                    "biolink:Treatment")
    lms = nodes["https://w3id.org/lmskg/id/context/leiomyosarcoma"]
    assert (lms["id"], lms["category"]) == ("MONDO:0005058", "biolink:Disease")
    assert "NCIT:C3158" in lms["xref"].split("|")


def test_every_edge_carries_its_claim_quote_and_source(export, dataset):
    edges = rows(export.edges)
    assert len(edges) > 50
    for e in edges:
        claim = URIRef(e["iri"])
        anchor = dataset.value(claim, T.anchor)
        quotes = [dataset.value(s, OA.exact) for s in dataset.objects(anchor, OA.hasSelector)]
        assert e["supporting_text"] == _text(next(q for q in quotes if q is not None))
        source = str(dataset.value(claim, T.source)).rsplit("/", 1)[-1]
        assert f"lmskg.source:{source}" in e["publications"].split("|")
        assert (e["knowledge_level"], e["agent_type"]) == ("knowledge_assertion",
                                                           "manual_agent")


def test_predicates_follow_the_claim_type(export, dataset):
    by_type: dict[str, set[str]] = {}
    for e in rows(export.edges):
        claim = URIRef(e["iri"])
        kind = next(str(dataset.value(t, SKOS.notation)) for t in dataset.objects(claim, RDF.type)
                    if dataset.value(t, SKOS.notation) is not None)
        by_type.setdefault(kind, set()).add(e["predicate"])
    assert by_type["treatment-option"] == {"biolink:applied_to_treat"}
    assert by_type["outcome"] == {"biolink:studied_to_treat"}
    assert by_type["recommendation-against"] == {"biolink:contraindicated_in"}
    assert by_type["side-effect"] == {"biolink:has_side_effect"}
    # the one approval names no therapy; descriptions, doses and tools have no counterpart
    assert not {"regulatory-approval", "therapy-description", "dose", "prognostic-tool"} \
        & set(by_type)


def test_a_stated_citation_is_a_publication_with_its_pmid_and_doi(export):
    """hensley2002, cited with a stated mapping; candidate mappings are never publications."""
    edges = [e for e in rows(export.edges) if "PMID:" in e["publications"]]
    assert edges and all(e["publications"] == "PMID:12065559|doi:10.1200/JCO.2002.11.050|"
                         "lmskg.source:s000" for e in edges)


def test_an_approval_is_treats_approved_for_condition(tmp_path, checker):
    ds = build_dataset(load_inputs(tiny.write_tiny(tmp_path)))
    claim = URIRef("https://w3id.org/lmskg/id/claim/t001-c01")
    graph = ds.graph(URIRef("https://w3id.org/lmskg/graph/source/t001"))
    graph.remove((claim, RDF.type, T.OutcomeClaim))
    graph.add((claim, RDF.type, T.RegulatoryApprovalClaim))
    graph.set((claim, T.direction, T.For))
    out = kgx(ds)
    (edge,) = rows(out.edges)
    assert (edge["predicate"], edge["clinical_approval_status"]) == (
        "biolink:treats", "approved_for_condition")
    assert checker.check(out.nodes, out.edges) == {}
    graph.set((claim, T.direction, T.Against))  # an approval against: no such edge
    assert rows(kgx(ds).edges) == []


def test_the_tiny_outcome_is_one_edge(tmp_path, checker):
    out = kgx(build_dataset(load_inputs(tiny.write_tiny(tmp_path))))
    (edge,) = rows(out.edges)
    assert (edge["id"], edge["subject"], edge["predicate"], edge["object"]) == (
        "lmskg.claim:t001-c01#1", "lmskg.regimen:gemcitabine-docetaxel",
        "biolink:studied_to_treat", "lmskg.context:leiomyosarcoma")
    assert edge["supporting_text"] == tiny.QUOTE
    assert checker.check(out.nodes, out.edges) == {}


def test_an_identifier_two_terms_share_is_nobodys():
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("urn:x:g"))
    ncit = URIRef("http://purl.obolibrary.org/obo/NCIT_C15632")
    for key in ("chemotherapy", "cytotoxic-chemotherapy"):
        g.add((THERAPY[key], RDF.type, T.Chemotherapy))
        g.add((THERAPY[key], SKOS.exactMatch, ncit))
    g.add((T.Chemotherapy, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
           T.SystemicTherapy))
    ids = node_ids(ds, [THERAPY.chemotherapy, THERAPY["cytotoxic-chemotherapy"]])
    assert sorted(ids.values()) == ["lmskg.therapy:chemotherapy",
                                    "lmskg.therapy:cytotoxic-chemotherapy"]


def test_separators_inside_a_text_are_replaced():
    assert _text("a\tb|c\nd  e") == "a b\u00a6c d e"


def test_the_checker_finds_what_is_wrong(export, checker):
    """The check is not vacuous: each kind of mistake in a copy of the export is reported."""
    nodes, edges = rows(export.nodes), rows(export.edges)
    nodes[0]["category"] = "biolink:Medication"
    nodes[1]["id"] = "lmskg.regimen:a/b"
    edges[0]["predicate"] = "biolink:cures"
    edges[1]["knowledge_level"] = ""
    edges[2]["agent_type"] = "human"
    edges[3]["object"] = "MONDO:0000000"
    edges[4]["subject"] = "NOPREFIX:1"

    def tsv(found: list[dict[str, str]]) -> str:
        head = list(found[0])
        return "\n".join(["\t".join(head), *("\t".join(r[c] for c in head) for r in found)])

    report = checker.check(tsv(nodes), tsv(edges))
    kinds = set(report["ERROR"])
    assert {"INVALID_CATEGORY", "INVALID_NODE_ID", "INVALID_EDGE_PREDICATE",
            "MISSING_EDGE_PROPERTY", "INVALID_EDGE_PROPERTY_VALUE", "MISSING_NODE"} <= kinds
    assert BiolinkChecker().check(export.nodes, export.edges)["ERROR"]["UNKNOWN_PREFIX"]
    with pytest.raises(ValueError, match="cells"):
        checker.check(export.nodes, export.edges.replace("\tknowledge_assertion", "\tx\ty", 1))
