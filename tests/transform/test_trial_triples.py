"""A study and its results as triples, from the tiny trial: the study, its arm and dose, the
claims' study, arm, statistics and the regimen an arm result takes from its arm."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import CLAIM, CONTEXT, REGIMEN, SOURCE, STUDY, THERAPY
from lmskg.pipeline.inputs import load_inputs
from lmskg.transform.source import source_triples
from tests.support import tiny_trial

ARM = URIRef(f"{STUDY['t001-tiny']}/arm/gemcitabine")
COMPARATOR = URIRef(f"{STUDY['t001-tiny']}/arm/docetaxel")


def _graph(tmp_path) -> Graph:
    inputs = load_inputs(tiny_trial.write_tiny_trial(tmp_path))
    g = Graph()
    for triple in source_triples(inputs.ontology, inputs.curated.sources[0]):
        g.add(triple)
    return g


def test_the_study_and_its_values(tmp_path):
    g, s = _graph(tmp_path), STUDY["t001-tiny"]
    assert (s, RDF.type, T.Study) in g and (s, T.describedIn, SOURCE["t001"]) in g
    assert (s, T.phase, T.Phase3) in g and (s, T.studyDesign, T.RandomisedDesign) in g
    assert (s, T.randomisedCount, Literal("120", datatype=XSD.nonNegativeInteger)) in g
    record = URIRef("https://bioregistry.io/clinicaltrials:NCT01234567")
    assert (s, T.registeredAs, record) in g and (record, T.registry, T.ClinicalTrialsGov) in g
    assert (s, T.allocationRatio, Literal("1:1")) in g
    # every value rests on its words: the anchor says which property it supports
    anchor = URIRef(f"{s}/anchor/randomised")
    assert (s, T.evidencedBy, anchor) in g and (anchor, T.supportsProperty,
                                                 T.randomisedCount) in g


def test_an_arm_with_its_administration(tmp_path):
    g = _graph(tmp_path)
    assert (ARM, T.armOf, STUDY["t001-tiny"]) in g and (ARM, T.regimen, REGIMEN["gemcitabine"]) in g
    assert (ARM, T.armSize, Literal("60", datatype=XSD.nonNegativeInteger)) in g
    assert (ARM, T.allocationWeight, Literal("1", datatype=XSD.positiveInteger)) in g
    a = URIRef(f"{ARM}/administration/gemcitabine")
    assert (ARM, T.administration, a) in g and (a, T.agent, THERAPY["gemcitabine"]) in g
    assert {int(d) for d in g.objects(a, T.cycleDay)} == {1, 8}
    dose = URIRef(f"{a}/dose/1")
    assert (dose, T.value, Literal("900.0", datatype=XSD.decimal)) in g
    assert (dose, T.unit, Literal("mg/m2")) in g
    cycle = URIRef(f"{a}/cycle-length")
    assert (a, T.cycleLength, cycle) in g and (cycle, T.unit, Literal("wk")) in g


def test_an_arm_result_takes_its_arms_regimen(tmp_path):
    g, c = _graph(tmp_path), CLAIM["t001-c01"]
    assert (c, RDF.type, T.ArmResultClaim) in g
    assert (c, T.study, STUDY["t001-tiny"]) in g and (c, T.arm, ARM) in g
    assert (c, T.regimen, REGIMEN["gemcitabine"]) in g


def test_a_comparison_with_its_statistics(tmp_path):
    g, c = _graph(tmp_path), CLAIM["t001-c02"]
    assert (c, RDF.type, T.ComparativeResultClaim) in g
    assert (c, T.arm, ARM) in g and (c, T.comparatorArm, COMPARATOR) in g
    assert (c, T.effectMeasure, T.HazardRatio) in g
    assert not list(g.objects(c, T.regimen))  # a comparison is about two arms
    q = CLAIM["t001-c02/quantity"]
    assert (q, T.value, Literal("0.8", datatype=XSD.decimal)) in g
    assert (q, T.unit, Literal("1")) in g
    assert (q, T.ciLow, Literal("0.6", datatype=XSD.decimal)) in g
    assert (q, T.ciHigh, Literal("0.95", datatype=XSD.decimal)) in g
    assert (q, T.ciLevel, Literal("95.0", datatype=XSD.decimal)) in g
    assert (c, T.pValue, Literal("0.02", datatype=XSD.decimal)) in g
    assert (c, T.pComparator, Literal("=")) in g


def test_an_adverse_event_rate_and_a_subgroup_result(tmp_path):
    g = _graph(tmp_path)
    rate = CLAIM["t001-c03"]
    assert set(g.objects(rate, T.grade)) == {T.Grade3, T.Grade4, T.Grade5}
    assert (rate, T.numerator, Literal("6", datatype=XSD.nonNegativeInteger)) in g
    sub, group = CLAIM["t001-c04"], URIRef(f"{STUDY['t001-tiny']}/subgroup/leiomyosarcoma")
    assert (sub, T.subgroup, group) in g and (sub, T.subgroupOf, CLAIM["t001-c01"]) in g
    assert (group, T.disease, CONTEXT["leiomyosarcoma"]) in g
    assert (group, T.participants, Literal("40", datatype=XSD.nonNegativeInteger)) in g


def test_a_contraindication_names_its_condition(tmp_path):
    g, c = _graph(tmp_path), CLAIM["t001-c05"]
    assert (c, RDF.type, T.ContraindicationClaim) in g
    assert (c, T.patientCondition, CONTEXT["pregnancy"]) in g
    assert (c, T.direction, T.Against) in g


def test_follow_up_with_its_range_and_a_maintenance_agent(tmp_path):
    g, s = _graph(tmp_path), STUDY["t001-tiny"]
    f = URIRef(f"{s}/follow-up")
    assert (s, T.followUp, f) in g and (f, T.qualifier, T.Median) in g
    spread = URIRef(f"{f}/range")
    assert (f, T.observedRange, spread) in g
    assert (spread, T.lowValue, Literal("2.0", datatype=XSD.decimal)) in g
    assert (spread, T.highValue, Literal("40.0", datatype=XSD.decimal)) in g
    a = URIRef(f"{ARM}/administration/gemcitabine")
    assert (a, T.maintenance, Literal(True)) in g


def test_two_descriptions_of_one_trial_are_linked(tmp_path):
    from lmskg.curated import yamlio

    config = tiny_trial.write_tiny_trial(tmp_path)
    other = tiny_trial.source_data()
    other["id"], other["studies"][0]["id"] = "t002", "t002-tiny"
    other["studies"][0]["same_study_as"] = ["t001-tiny"]
    other["claims"] = []
    other["unclaimed"] = [{**tiny_trial.at("Tiny trial report"), "reason": "heading"}]
    (config.data_dir / "sources" / "t002.yaml").write_text(yamlio.dump(other),
                                                            encoding="utf-8")
    inputs = load_inputs(config)
    g = Graph()
    for src in inputs.curated.sources:
        for triple in source_triples(inputs.ontology, src):
            g.add(triple)
    assert (STUDY["t002-tiny"], T.sameStudyAs, STUDY["t001-tiny"]) in g
    # both state the NCT number: one registry record, two study descriptions
    record = URIRef("https://bioregistry.io/clinicaltrials:NCT01234567")
    assert set(g.subjects(T.registeredAs, record)) == {STUDY["t001-tiny"], STUDY["t002-tiny"]}
