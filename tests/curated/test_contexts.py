"""One registry of context kinds: a kind added there is seen by every stage."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from rdflib import URIRef

import lmskg.curated.contexts as contexts
from lmskg.curated.contexts import ContextKind
from lmskg.curated.records import Claim, Source
from lmskg.curated.structure import json_schema, known_keys
from lmskg.errors import InputError
from lmskg.exports.evidence_csv import claim_rows
from lmskg.ontology import terms as T
from lmskg.ontology.index import load_ontology
from lmskg.ontology.namespaces import CLAIM, CONTEXT, LMS
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from lmskg.sparql.params import kind_classes, to_term, type_docs, types
from tests.support import tiny
from tests.support.cli import REPO

HISTOLOGY = ContextKind("histology", "histology", "Histology", "vocabulary", 9, True, "setting",
                        "Histological subtype.", "a histology id (contexts.yaml, kind histology)")
DECLARATIONS = """
lms:Histology a owl:Class ; rdfs:subClassOf lms:ClinicalContext ;
    rdfs:label "histology"@en ; skos:notation "histology" ;
    skos:definition "A histological subtype."@en .
lms:histology a owl:ObjectProperty ; rdfs:subPropertyOf lms:context ;
    rdfs:label "histology"@en ; skos:definition "The histology the claim is about."@en ;
    rdfs:range lms:Histology .
"""


@pytest.fixture
def with_histology(monkeypatch, tmp_path):
    """The registry with one more kind, and a copy of the ontology that declares it."""
    monkeypatch.setattr(contexts, "CONTEXT_KINDS", (*contexts.CONTEXT_KINDS, HISTOLOGY))
    config = tiny.write_tiny(tmp_path)
    onto = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", onto)
    with open(onto / "lmskg.ttl", "a", encoding="utf-8") as fh:
        fh.write(DECLARATIONS)
    with open(config.data_dir / "vocabulary" / "contexts.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: spindle-cell\n  kind: histology\n  label: spindle cell\n")
    source = config.data_dir / "sources" / "t001.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "  histology:\n  - spindle-cell\n",
                      encoding="utf-8")
    return replace(config, ontology_dir=onto)


def test_a_new_kind_reaches_every_stage(with_histology):
    config = with_histology
    # the schema of curated files, and the JSON Schema editors use
    assert "histology" in known_keys(Claim)
    claim_schema = json_schema(Source, "t")["$defs"]["Claim"]["properties"]
    assert claim_schema["histology"]["description"] == "Histological subtype."
    # validation accepts the term, and the record holds it
    inputs = load_inputs(config)
    claim = inputs.curated.sources[0].record.claims[0]
    assert claim.context.values("histology") == ("spindle-cell",)
    # RDF: the kind's property
    ds = build_dataset(inputs)
    assert (CLAIM["t001-c01"], LMS.histology, CONTEXT["spindle-cell"]) in ds
    # evidence.csv: the setting column
    row = claim_rows(ds)[0]
    assert "spindle cell" in row["setting"].split(";")
    # query parameters
    assert "histology" in types() and "histology" in type_docs()
    assert to_term("histology", "spindle-cell", inputs.ontology) == CONTEXT["spindle-cell"]
    assert kind_classes()["histology"] == (LMS.Histology,)
    # what the questions list as the claim's context (derived in the registry's order)
    summary = str(ds.value(CLAIM["t001-c01"], T.contextSummary))
    assert "spindle-cell" in summary.split("; ")


def test_validation_refuses_a_term_of_another_kind(with_histology):
    source = with_histology.data_dir / "sources" / "t001.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "  - spindle-cell\n", "  - leiomyosarcoma\n"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_inputs(with_histology)
    assert "record t001-c01: field histology: unknown histology term 'leiomyosarcoma'" in \
        str(err.value)


def test_a_kind_the_ontology_does_not_declare_is_named(monkeypatch):
    monkeypatch.setattr(contexts, "CONTEXT_KINDS", (*contexts.CONTEXT_KINDS, HISTOLOGY))
    with pytest.raises(InputError) as err:
        load_ontology(REPO / "ontology" / "lmskg.ttl")
    message = str(err.value)
    assert "context kind 'histology': declare lms:histology as an owl:ObjectProperty" in message
    assert "declare lms:Histology as a subclass of lms:ClinicalContext" in message


def test_a_context_property_without_a_kind_is_named(tmp_path):
    onto = tmp_path / "lmskg.ttl"
    onto.write_text((REPO / "ontology" / "lmskg.ttl").read_text(encoding="utf-8")
                    + DECLARATIONS, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_ontology(onto)
    assert f"{URIRef(LMS.histology)} is a sub-property of lms:context but no context kind" \
        in str(err.value)
