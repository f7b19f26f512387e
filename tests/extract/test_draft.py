"""The draft record: curated shape, provenance, proposals, no invented ids."""

import hashlib
import pytest
import yaml

from lmskg.extract.agent import NAME, VERSION
from lmskg.extract.draft import extract
from lmskg.extract.draft import curated_view

DOC = ("Made-up review of drug therapy\nLast updated: March 3, 2021\n\n"
       "Fooximab plus doxorubicin was tested. Doxorubicin (Rubex) remains the standard; "
       "grade 3 neutropenia occurred in 12% of patients on doxorubicin. "
       "Trabectedin with eribulin is being explored. Surgery is the mainstay and tend")


@pytest.fixture(scope="module")
def draft(vocab):
    return extract(DOC.encode("utf-8"), "s940", vocab, file_name="review.txt")


def test_source_fields(draft):
    src = draft.source
    assert src["sha256"] == hashlib.sha256(DOC.encode()).hexdigest()
    assert src["title"]["quote"] == "Made-up review of drug therapy"
    at = DOC.index("March 3, 2021")
    assert src["dates"] == [{"kind": "last-updated", "value": "2021-03-03", "quote": "March 3, 2021",
                             "start": at, "end": at + 13}]
    assert [f["value"] for f in src["flags"]] == ["truncated"]
    assert src["draft"]["status"] == "unreviewed"


def test_claims_are_unreviewed_and_attributed(draft):
    ids = [c["id"] for c in draft.claims]
    assert len(ids) == len(set(ids)) and all(i.startswith("s940-c") for i in ids)
    for c in draft.claims:
        assert c["draft"]["status"] == "unreviewed" and c["draft"]["extractor"] == NAME
        assert c["draft"]["version"] == VERSION


def test_side_effect_with_grade(draft):
    se = [c for c in draft.claims if c["type"] == "side-effect"][0]
    assert se["value"] == 12 and se["unit"] == "%"
    assert se["draft"]["stats"]["grade"] == "grade 3"
    assert se["draft"]["unmapped_terms"] == ["neutropenia"]


def test_unknown_terms_are_proposed_never_invented(draft, vocab):
    for c in draft.claims:
        for t in c.get("therapies", []):
            assert t in vocab.terms
        assert c.get("regimen") in (None, *vocab.terms)
    props = {(p["kind"], p["surface"]) for p in draft.vocabulary}
    assert ("drug", "Fooximab") in props
    assert ("alt-label", "Rubex") in props
    assert ("adverse-effect", "neutropenia") in props
    regimen = [p for p in draft.vocabulary if p["kind"] == "regimen"]
    assert regimen and regimen[0]["components"] == ["trabectedin", "eribulin"]


def test_yaml_round_trip(draft):
    back = yaml.safe_load(draft.to_yaml())
    assert back["claims"] == draft.claims
    vocab = yaml.safe_load(draft.vocabulary_yaml())
    assert vocab["proposals"] == draft.vocabulary and vocab["source"] == "s940"


def test_curated_view_passes_the_lmskg_schema(draft):
    from lmskg.curated.records import Source
    from lmskg.curated.structure import parse

    record, problems = parse(Source, curated_view(draft.source), "review.txt", "s940")
    assert problems == [] and record is not None
