"""Nanopublications, one per claim, checked for well-formedness (tests/support/nanopub_check.py:
the rules of the nanopub guidelines, as the ``nanopub`` library checks them and more)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import PROV

from lmskg.exports.nanopubs import NANOPUB, nanopubs
from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import OA
from tests.support.nanopub_check import check_trig


@pytest.fixture(scope="module")
def text(dataset) -> str:
    return nanopubs(dataset)


@pytest.fixture(scope="module")
def parsed(text) -> Dataset:
    ds = Dataset()
    ds.parse(data=text, format="trig")
    return ds


def claims_of(dataset) -> list[URIRef]:
    return sorted({c for c in dataset.subjects(T.source, None) if "/id/claim/" in str(c)})


def test_every_claim_has_a_well_formed_nanopublication(text, dataset):
    report = check_trig(text)
    assert report.errors() == []
    assert len(report.nanopubs) == len(claims_of(dataset)) == 176
    # the one warning: no creation time, so that a rebuild gives the same bytes
    assert {(f.rule, f.message) for f in report.findings} == {
        ("NP12", "publication info gives no creation time")}


def test_the_provenance_holds_the_exact_quote_and_the_source(parsed, dataset):
    for claim in claims_of(dataset):
        key = str(claim).rsplit("/", 1)[-1]
        provenance = parsed.graph(URIRef(f"{NANOPUB[key]}#provenance"))
        assertion = URIRef(f"{NANOPUB[key]}#assertion")
        source = dataset.value(claim, T.source)
        assert (assertion, PROV.wasDerivedFrom, source) in provenance
        quote = next(dataset.value(s, OA.exact) for s in
                     dataset.objects(dataset.value(claim, T.anchor), OA.hasSelector)
                     if dataset.value(s, OA.exact) is not None)
        assert quote in set(provenance.objects(None, OA.exact)), key


def test_the_assertion_is_the_claim_without_its_anchor(parsed):
    assertion = parsed.graph(URIRef(f"{NANOPUB['s000-c26']}#assertion"))
    claim = URIRef("https://w3id.org/lmskg/id/claim/s000-c26")
    assert (claim, T.regimen, URIRef("https://w3id.org/lmskg/id/regimen/gemcitabine-docetaxel")) \
        in assertion
    assert (URIRef(f"{claim}/quantity"), T.value, None) in assertion
    assert (claim, T.anchor, None) not in assertion


def test_the_export_is_the_same_every_time(text, dataset):
    assert nanopubs(dataset) == text


def test_the_check_finds_a_broken_nanopublication(text):
    """Dropping a provenance graph, or adding a stray one, is reported."""
    start = text.index(f"<{NANOPUB['s000-c26']}#provenance> {{")
    broken = text[:start] + text[text.index("}", start) + 1:]
    rules = {f.rule for f in check_trig(broken).errors()}
    assert "NP7" in rules
    stray = text + "\n<urn:x:stray> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n"
    assert "NP8" in {f.rule for f in check_trig(stray).errors()}
