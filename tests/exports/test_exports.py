"""Exports: every file parses back to the same graph; a rebuild is byte-identical."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from tests.support.cli import run_cli
from lmskg.exports.evidence_csv import COLUMNS
from lmskg.exports import EXPORTS
from lmskg.exports.rdf import merged
from lmskg.ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                   VOCABULARY_GRAPH, source_graph)


@pytest.fixture(scope="module")
def built(tmp_path_factory, config) -> Path:
    out = tmp_path_factory.mktemp("build")
    res = run_cli("build", "--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
                  "--build", str(out))
    assert res.code == 0, res.err
    return out


def test_every_export_is_written(built):
    # and the persistent store the questions open (tests/stores/test_persistent.py)
    assert sorted(p.name for p in built.iterdir()) == sorted([*EXPORTS, "manifest.json",
                                                              "oxigraph"])


@pytest.mark.parametrize("name,fmt", [("lmskg.ttl", "turtle"), ("lmskg.nt", "nt"),
                                      ("lmskg.jsonld", "json-ld")])
def test_merged_exports_round_trip(built, dataset, name, fmt):
    parsed = Graph().parse(built / name, format=fmt)
    assert isomorphic(parsed, merged(dataset))


def test_trig_holds_the_same_statements_in_named_graphs(built, curated, dataset):
    ds = Dataset()
    ds.parse(built / "lmskg.trig", format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    expected = {ONTOLOGY_GRAPH, VOCABULARY_GRAPH, INFERRED_GRAPH, DERIVED_GRAPH,
                *(source_graph(s.record.id) for s in curated.sources)}
    assert names == expected
    union = Graph()
    for g in ds.graphs():
        if g.identifier not in (INFERRED_GRAPH, DERIVED_GRAPH):
            for t in g:
                union.add(t)
    assert isomorphic(union, merged(dataset))
    for src in curated.sources:
        graph = ds.graph(source_graph(src.record.id))
        assert isomorphic(graph, Graph() + dataset.graph(source_graph(src.record.id)))


def test_inferred_graph_is_kept_apart(built):
    merged_graph = Graph().parse(built / "lmskg.ttl", format="turtle")
    ds = Dataset()
    ds.parse(built / "lmskg.trig", format="trig")
    inferred = ds.graph(INFERRED_GRAPH)
    assert len(inferred) > 0
    assert not [t for t in inferred if t in merged_graph]


def test_ontology_rdfxml_is_the_ontology(built, config):
    assert isomorphic(Graph().parse(built / "lmskg-ontology.owl", format="xml"),
                      Graph().parse(config.ontology_file, format="turtle"))


def test_ontology_rdfxml_loads_in_owlready2(built):
    import owlready2

    onto = owlready2.World().get_ontology(built.joinpath("lmskg-ontology.owl").as_uri()).load()
    names = {c.name for c in onto.classes()}
    assert {"Claim", "Source", "CombinationRegimen"} <= names


def test_jsonld_is_compact_with_the_context(built):
    doc = json.loads((built / "lmskg.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["lms"] == "https://w3id.org/lmskg/ontology#"
    ids = [n["@id"] for n in doc["@graph"]]
    assert "claim:s002-c11" in ids
    assert ids == sorted(ids)


def test_evidence_csv_has_exactly_the_columns(built, curated):
    with (built / "evidence.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames) == COLUMNS
    assert len(rows) == sum(len(s.record.claims) for s in curated.sources)
    row = next(r for r in rows if r["claim_id"] == "s002-c08")
    assert (row["claim_type"], row["therapies"], row["value"], row["unit"]) == \
        ("dose", "doxorubicin", "75", "mg/m2")
    assert row["regimen"] == "doxorubicin 75 mg/m2 every 3 weeks"
    assert (row["source_date"], row["source_date_kind"]) == ("2025-05-15", "last updated")


def test_evidence_csv_lists_setting_and_therapies_sorted(built):
    with (built / "evidence.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["claim_id"]: r for r in csv.DictReader(fh)}
    r = rows["s002-c20a"]
    assert r["setting"] == "first-line;metastatic;unresectable"
    assert r["therapies"] == "anthracyclines"
    assert rows["s002-c07b"]["therapies"] == "doxorubicin;ifosfamide"
    assert rows["s002-c22"]["cited_reference"] == "candidate:frontiers2023"
    assert rows["s002-c11"]["cited_reference"] == "inferred:droracle-guideline-2025"
    assert rows["s000-c02"]["cited_reference"] == "jco-2002-06-issue"


def test_evidence_quotes_sit_at_their_offsets(built, config):
    with (built / "evidence.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text = (config.corpus_dir / r["source_file"]).read_text(encoding="utf-8")
            assert text[int(r["start"]):int(r["end"])] == r["quote"], r["claim_id"]


def test_rebuild_is_byte_identical(built, tmp_path, config):
    res = run_cli("build", "--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
                  "--build", str(tmp_path))
    assert res.code == 0, res.err
    for name in [*EXPORTS, "manifest.json"]:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_no_blank_node_in_curated_statements(dataset):
    from rdflib import BNode

    for name in (g.identifier for g in dataset.graphs()):
        if name in (ONTOLOGY_GRAPH, VOCABULARY_GRAPH):
            continue  # OWL axioms (restrictions, lists) are blank nodes by the OWL mapping
        for triple in dataset.graph(name):
            assert not any(isinstance(t, BNode) for t in triple), triple


def test_evidence_csv_keeps_a_time_point_in_the_measure(built):
    with (built / "evidence.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["claim_id"]: r for r in csv.DictReader(fh)}
    assert rows["s003-c29a"]["measure"] == "overall survival at 5 years"
    assert rows["s003-c29b"]["measure"] == "overall survival at 10 years"
