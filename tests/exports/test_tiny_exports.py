"""Every export of the tiny input: each renders on its own and reads back."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from lmskg.exports import EXPORTS, render
from lmskg.exports.rdf import merged
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from tests.support import tiny
from tests.support.cli import REPO

CONTEXT = REPO / "ontology" / "context.jsonld"


@pytest.fixture
def tiny_dataset(tmp_path):
    return build_dataset(load_inputs(tiny.write_tiny(tmp_path)))


def test_the_evidence_row(tiny_dataset):
    (row,) = csv.DictReader(io.StringIO(render(tiny_dataset, CONTEXT, ("evidence.csv",))
                                        ["evidence.csv"]))
    assert row["claim_id"] == "t001-c01" and row["source_type"] == "clinical trial report"
    assert row["therapies"] == "docetaxel;gemcitabine"
    assert row["regimen"] == "gemcitabine plus docetaxel"
    assert row["disease"] == "leiomyosarcoma" and row["setting"] == "metastatic"
    assert (row["measure"], row["value"], row["unit"], row["qualifier"]) == \
        ("response rate", "50", "%", "approximate")
    assert (row["start"], row["end"]) == (str(tiny.START), str(tiny.END))


def test_only_the_asked_export_is_rendered(tiny_dataset):
    assert list(render(tiny_dataset, CONTEXT, ("lmskg.nt",))) == ["lmskg.nt"]


@pytest.mark.parametrize("name, fmt", [("lmskg.ttl", "turtle"), ("lmskg.nt", "nt"),
                                       ("lmskg.jsonld", "json-ld")])
def test_each_graph_export_reads_back(tiny_dataset, name, fmt):
    text = render(tiny_dataset, CONTEXT, (name,))[name]
    assert isomorphic(Graph().parse(data=text, format=fmt), merged(tiny_dataset))


def test_the_trig_keeps_the_named_graphs(tiny_dataset):
    back = Dataset()
    back.parse(data=render(tiny_dataset, CONTEXT, ("lmskg.trig",))["lmskg.trig"], format="trig")
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert names == {"https://w3id.org/lmskg/graph/ontology",
                     "https://w3id.org/lmskg/graph/vocabulary",
                     "https://w3id.org/lmskg/graph/derived",
                     "https://w3id.org/lmskg/graph/source/t001"}


def test_every_export_has_a_format_name():
    assert sorted(EXPORTS.values()) == ["csv", "jsonld", "kgx-edges", "kgx-nodes",
                                        "kgx-prefixes", "nanopubs", "nt", "owl", "trig", "ttl"]
