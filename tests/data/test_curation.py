"""The curated data, checked as a researcher would: the facts checked first, figures in
their quotes, identifiers from the crosswalk, every sentence accounted for."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from lmskg.ontology import terms as T
from lmskg.checks.coverage import coverage, sentences
from lmskg.exports.evidence_csv import claim_rows
from lmskg.ontology.namespaces import REFERENCE, REGIMEN
from lmskg.curated.figures import appears_in


@pytest.fixture(scope="module")
def rows(dataset) -> list[dict[str, str]]:
    return claim_rows(dataset)


def _find(rows, **want) -> list[dict[str, str]]:
    return [r for r in rows if all(r[k] == v for k, v in want.items())]


def test_all_five_sources_are_curated(curated):
    files = {s.record.file for s in curated.sources}
    assert files == {"000_8daea3747560c7ca.txt", "001_ec7731737b03cd0f.txt",
                     "002_a78cd8b76ecc5d4e.txt", "003_f5d1aeef8ebe5428.txt",
                     "004_80e856165cb47fd5.txt"}
    for src in curated.sources:
        assert len(src.record.claims) >= 20, src.record.id


def test_gemcitabine_docetaxel_response_rate_of_about_50_percent(rows):
    found = _find(rows, source_id="s000", regimen="gemcitabine plus docetaxel",
                  measure="response rate", value="50", unit="%")
    assert len(found) == 1
    assert found[0]["qualifier"] == "approximate"
    assert "around fifty percent" in found[0]["quote"]
    assert "advanced" in found[0]["setting"].split(";")


@pytest.mark.parametrize("regimen", ["doxorubicin plus dacarbazine", "doxorubicin plus ifosfamide"])
def test_doxorubicin_combinations_30_percent_and_9_to_12_months(rows, regimen):
    rr = _find(rows, source_id="s000", regimen=regimen, measure="response rate", value="30")
    assert len(rr) == 1 and rr[0]["unit"] == "%" and "approximate" in rr[0]["qualifier"]
    surv = _find(rows, source_id="s000", regimen=regimen, value_low="9", value_high="12")
    assert len(surv) == 1 and surv[0]["unit"] == "mo"
    assert "approximate" in surv[0]["qualifier"].split(";")


@pytest.mark.parametrize("source", ["s002", "s003"])
@pytest.mark.parametrize("regimen", ["anthracycline-based regimens", "gemcitabine-based regimens"])
def test_first_line_pfs_about_5_months_and_os_14_to_16_months(rows, source, regimen):
    pfs = _find(rows, source_id=source, regimen=regimen, measure="progression-free survival",
                value="5", unit="mo")
    assert len(pfs) == 1, (source, regimen)
    assert {"approximate", "median"} <= set(pfs[0]["qualifier"].split(";"))
    assert "first-line" in pfs[0]["setting"].split(";")
    os_ = _find(rows, source_id=source, regimen=regimen, measure="overall survival",
                value_low="14", value_high="16", unit="mo")
    assert len(os_) == 1, (source, regimen)


def test_the_s003_statement_carries_its_own_date(rows):
    pfs = _find(rows, source_id="s003", measure="progression-free survival")
    assert {r["statement_date"] for r in pfs} == {"2023-03-08"}


def test_doxorubicin_75_mg_m2_every_3_weeks(rows, dataset):
    dose = _find(rows, source_id="s002", claim_type="dose", therapies="doxorubicin")
    assert len(dose) == 1
    assert (dose[0]["value"], dose[0]["unit"]) == ("75", "mg/m2")
    regimen = REGIMEN["doxorubicin-75-q3w"]
    interval = dataset.value(regimen, T.scheduleInterval)
    assert (str(dataset.value(interval, T.value)), str(dataset.value(interval, T.unit))) == \
        ("3.0", "wk")


def test_every_numeric_value_appears_in_its_own_quote(rows):
    for r in rows:
        for key in ("value", "value_low", "value_high"):
            if r[key]:
                assert appears_in(Decimal(r[key]), r["quote"]), (r["claim_id"], key, r[key])


def test_every_quote_sits_at_its_offsets(rows, config):
    for r in rows:
        text = (config.corpus_dir / r["source_file"]).read_text(encoding="utf-8")
        assert text[int(r["start"]):int(r["end"])] == r["quote"], r["claim_id"]


def test_identifiers_all_come_from_the_crosswalk(dataset, config):
    """Mappings of terms, of the ontology's own terms included, and evidence codes are rows
    of ../shared/vocab/crosswalk.csv or crosswalk-trials.csv."""
    from lmskg.curated.crosswalk import CROSSWALKS
    from lmskg.ontology.namespaces import IDENTIFIER_PREFIXES, identifier_iri

    allowed = set()
    for name in CROSSWALKS:
        with (config.vocab_dir / name).open(encoding="utf-8", newline="") as fh:
            allowed |= {identifier_iri(r["scheme"], r["id"]) for r in csv.DictReader(fh)
                        if r["scheme"].split("_")[0] in IDENTIFIER_PREFIXES}
    used = set()
    for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch):
        used |= {o for o in dataset.objects(None, p)}
    used |= set(dataset.objects(None, T.evidenceCode))
    assert used and used <= allowed, sorted(used - allowed)


def test_pmids_and_dois_come_from_references_csv(dataset, config):
    from lmskg.ontology.namespaces import BIBO

    with (config.vocab_dir / "references.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {str(o) for o in dataset.objects(None, BIBO.pmid)} <= {r["pmid"] for r in rows}
    assert {str(o) for o in dataset.objects(None, BIBO.doi)} <= {r["doi"] for r in rows}


def test_inferred_identifier_matches_are_marked(dataset):
    from lmskg.ontology.namespaces import REFERENCE

    for key in ("frontiers2023", "hyman2014", "demetri2016", "lecesne2005"):
        assert dataset.value(REFERENCE[key], T.identifierMatch) == T.InferredMapping, key


def test_markers_matched_by_position_only_are_candidates_never_citations(dataset):
    from lmskg.ontology.namespaces import CITO
    from lmskg.transform.source import citation_iri

    for marker, work in (("2", "frontiers2023"), ("3", "hyman2014"),
                         ("4", "biology-treatment-lms-2023"), ("5", "lms-hemonc-clinics-2013")):
        cit = citation_iri("s002", marker)
        assert dataset.value(cit, T.mappingStatus) == T.CandidateMapping
        assert dataset.value(cit, T.refersTo) == REFERENCE[work]
        assert "by position" in str(dataset.value(cit, SKOS.note))
        citing = set(dataset.subjects(T.citation, cit))
        assert citing and not any((c, CITO.cites, REFERENCE[work]) in dataset for c in citing)
    six = citation_iri("s002", "6")
    assert dataset.value(six, T.mappingStatus) == T.UnresolvedMapping
    assert dataset.value(six, T.refersTo) is None


def test_the_context_rule_holds(inputs):
    """Every context term named in a claim's own sentence is recorded on the claim, belongs
    to another claim's clause, or the claim's note says why not (checks/context_mentions)."""
    from lmskg.checks.context_mentions import unrecorded_mentions

    assert unrecorded_mentions(inputs.ontology, inputs.curated) == []


def test_pooled_statements_are_marked(dataset):
    from lmskg.ontology.namespaces import CLAIM

    for a, b in (("s000-c22a", "s000-c22b"), ("s002-c20a", "s002-c20b"),
                 ("s003-c13a", "s003-c13b")):
        assert (CLAIM[a], T.pooledWith, CLAIM[b]) in dataset
        assert (CLAIM[b], T.pooledWith, CLAIM[a]) in dataset


def test_the_unnamed_eu_approved_treatment_stays_unnamed(dataset, config):
    text = (config.corpus_dir / "003_f5d1aeef8ebe5428.txt").read_text(encoding="utf-8")
    assert "trabectedin" not in text.lower()
    s003 = [c for c in dataset.subjects(T.source, URIRef("https://w3id.org/lmskg/id/source/s003"))]
    approval = [c for c in s003 if (c, None, T.RegulatoryApprovalClaim) in dataset]
    assert approval
    for claim in approval:
        therapies = list(dataset.objects(claim, T.therapy))
        assert therapies and all((t, None, T.UnnamedTherapy) in dataset for t in therapies)


def test_source_metadata_as_stated(dataset):
    from rdflib.namespace import DCTERMS
    from lmskg.ontology.namespaces import SOURCE

    assert str(dataset.value(SOURCE["s001"], T.medicallyReviewedOn)) == "2024-02-21"
    assert str(dataset.value(SOURCE["s002"], DCTERMS.modified)) == "2025-05-15"
    assert dataset.value(SOURCE["s002"], T.reviewStatus) == T.PendingHumanReview
    assert (SOURCE["s002"], T.flag, T.Truncated) not in dataset
    assert (SOURCE["s004"], T.flag, T.Truncated) in dataset
    assert (SOURCE["s002"], None, T.AIGeneratedAnswer) in dataset


def test_the_retrieval_date_of_the_cited_page(dataset):
    from lmskg.ontology.namespaces import REFERENCE

    assert str(dataset.value(REFERENCE["indiacancer-uterus"], T.retrievedOn)) == "2003-09-03"


def test_coverage_has_no_unexplained_sentence(curated):
    docs = coverage(curated)
    unexplained = [(d.source_id, r.sentence.text) for d in docs for r in d.unexplained]
    assert unexplained == []
    assert sum(len(d.rows) for d in docs) > 150


def test_sentence_splitter_keeps_initials_and_abbreviations_together():
    text = ("Hensley, M. L., Maki, R., et al.. (2002, June). A trial. See Dr. Smith.\n"
            "  \u2013 Surgery is often the primary treatment. For localized disease, it helps.")
    got = [s.text for s in sentences(text)]
    assert got == ["Hensley, M. L., Maki, R., et al..", "(2002, June).", "A trial.",
                   "See Dr. Smith.", "Surgery is often the primary treatment.",
                   "For localized disease, it helps."]
    for s in sentences(text):
        assert text[s.start:s.end] == s.text


def test_only_stated_citations_make_a_claim_cite_a_work(dataset):
    """A curator's inferred marker mapping stays on the citation node with its status; the
    claim does not cito:cite the work, and its evidence code is 'without traceable support'."""
    from lmskg.ontology.namespaces import CITO, CLAIM, OBO, REFERENCE

    inferred = CLAIM["s000-c21a"]  # 'An article by Martee L. Hensley' -> hensley2002, inferred
    assert (inferred, CITO.cites, REFERENCE["hensley2002"]) not in dataset
    assert dataset.value(inferred, T.evidenceCode) == OBO["ECO_0000303"]
    citation = dataset.value(inferred, T.citation)
    assert (dataset.value(citation, T.refersTo), dataset.value(citation, T.mappingStatus)) == \
        (REFERENCE["hensley2002"], T.InferredMapping)
    stated = CLAIM["s000-c02"]  # 'the June 2002 issue of Journal of Clinical Oncology'
    assert (stated, CITO.cites, REFERENCE["jco-2002-06-issue"]) in dataset
    assert dataset.value(stated, T.evidenceCode) == OBO["ECO_0000033"]
