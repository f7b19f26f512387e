"""What the build derives from the records: claim dates, same origins, the pairs compared."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lmskg.curated.corpus import Document, SourceFile
from lmskg.curated.records import (Citation, Claim, Quantity, Reference, Source, SourceDate,
                                   StatedDate)
from lmskg.curated.structure import Context
from lmskg.curated.studies import Arm, RegistryId, StatedValue, Study, Subgroup
from lmskg.curated.vocabulary import Vocabulary
from lmskg.derive.dating import claim_dates, not_before
from lmskg.derive.hierarchy import Hierarchy
from lmskg.derive.origin import same_origin
from lmskg.derive.pairs import (CLASS_AND_MEMBER, FIGURES, OPPOSITE, SAME_REGIMEN, SAME_STANCE,
                                VARIANT, claim_pairs, gap_percent, with_independent_sources)

H = Hierarchy(
    regimen_ancestors={"fdr-gem-doce": frozenset({"gem-doce", "gem-based"}),
                       "gem-doce": frozenset({"gem-based"}), "gem-based": frozenset()},
    regimen_is_class={"gem-based": True, "gem-doce": False, "fdr-gem-doce": False},
    context_ancestors={"disease": {"lms": frozenset({"sts"}), "sts": frozenset(),
                                   "ulms": frozenset({"lms", "sts"})},
                       "line": {"first-line": frozenset(), "second-line": frozenset()},
                       "extent": {"advanced": frozenset(), "disseminated": frozenset()}})


def claim(cid: str, quote: str = "a quote of enough words to be compared here", **kw) -> Claim:
    base = dict(id=cid, type="recommendation", quote=quote, start=0, end=len(quote),
                direction="for")
    return Claim(**{**base, **kw})


def source(sid: str, claims: list[Claim], dates=(), citations=(), studies=()) -> SourceFile:
    record = Source(id=sid, file=f"{sid}.txt", sha256="0" * 64, type="web-page",
                    dates=tuple(dates), citations=tuple(citations), claims=tuple(claims),
                    studies=tuple(studies))
    return SourceFile(f"{sid}.yaml", record, Document(f"{sid}.txt", "", "0" * 64))


def ctx(**kinds: tuple[str, ...]) -> Context:
    return Context(tuple((k, v) for k, v in kinds.items()))


# -- dating ------------------------------------------------------------------------------------

def test_a_statement_date_wins_then_the_latest_own_date_with_its_kind():
    src = source("s1", [claim("s1-c01", date=StatedDate(value="2016-10-12", quote="x", start=0,
                                                         end=1)), claim("s1-c02")],
                 dates=[SourceDate(kind="published", value="2020", quote="x", start=0, end=1),
                        SourceDate(kind="last-updated", value="2021-03", quote="x", start=0,
                                   end=1)])
    dated = claim_dates(src, not_before(src, Vocabulary()))
    assert (dated["s1-c01"].text, dated["s1-c01"].kind) == ("2016-10-12", "statement")
    assert (dated["s1-c02"].text, dated["s1-c02"].kind) == ("2021-03", "last-updated")


def test_an_undated_source_is_bounded_by_what_it_cites_and_retrieved():
    vocab = Vocabulary(references={
        "old": Reference(id="old", type="journal-issue", title="t", date="2002-06"),
        "page": Reference(id="page", type="web-page", title="p", retrieved="2003-09-03"),
        "guess": Reference(id="guess", type="web-page", title="g", date="2024")})
    cites = [Citation(marker="a", reference="old", mapping="stated"),
             Citation(marker="b", reference="page", mapping="inferred"),
             Citation(marker="c", reference="guess", mapping="candidate")]
    src = source("s1", [claim("s1-c01")], citations=cites)
    bound = not_before(src, vocab)
    assert bound.text == "2003-09-03" and "retriev" in bound.basis  # never from a candidate
    assert claim_dates(src, bound)["s1-c01"].kind == "not-before"


def test_a_dated_source_has_no_bound():
    src = source("s1", [claim("s1-c01")],
                 dates=[SourceDate(kind="published", value="2020", quote="x", start=0, end=1)])
    assert not_before(src, Vocabulary()) is None


# -- same origin -------------------------------------------------------------------------------

COPY = "which provide a median progression-free survival time of about 5 months"


def test_near_identical_wording_across_sources_is_one_origin():
    found = same_origin([source("s1", [claim("s1-c01", "Indeed, " + COPY + ".")]),
                         source("s2", [claim("s2-c01", COPY)])])
    assert "near-identical wording" in found.copies[("s1-c01", "s2-c01")].basis
    assert found.between("s2-c01", "s1-c01") == found.copies[("s1-c01", "s2-c01")]


def test_one_template_with_other_figures_is_two_reports_not_a_copy():
    def pfs(cid, quote, value):
        return claim(cid, quote, type="outcome", measure="progression-free-survival",
                     value=value, unit="mo")
    found = same_origin([source("s1", [pfs("s1-c01", COPY, 5)]),
                         source("s2", [pfs("s2-c01", COPY.replace("5 months", "7 months"), 7)]),
                         source("s3", [pfs("s3-c01", COPY + " 2", 5)])])  # 2: a marker
    assert set(found.copies) == {("s1-c01", "s3-c01")}


def test_the_prefix_filter_misses_no_copy_that_word_by_word_comparison_finds():
    import random
    from itertools import combinations

    from lmskg.derive.origin import MIN_WORDS, SIMILAR, near_copies, similarity, words

    rng = random.Random(7)
    vocabulary = [a + b + "x" for a in "abcdefgh" for b in "abcde"]  # no digits: no figures
    bases = [rng.sample(vocabulary, rng.randrange(6, 14)) for _ in range(25)]
    quotes, owner = {}, {}
    for i in range(150):  # variants of a few sentences: some near copies, some not
        words_ = list(rng.choice(bases))
        for _ in range(rng.randrange(4)):
            words_[rng.randrange(len(words_))] = rng.choice(vocabulary)
        if rng.random() < 0.3:
            words_.insert(rng.randrange(len(words_)), rng.choice(vocabulary))
        quotes[f"c{i:03d}"], owner[f"c{i:03d}"] = " ".join(words_), f"s{i % 7}"
    expected = {(a, b) for a, b in combinations(sorted(quotes), 2)
                if owner[a] != owner[b] and len(words(quotes[a])) >= MIN_WORDS
                and len(words(quotes[b])) >= MIN_WORDS
                and similarity(words(quotes[a]), words(quotes[b])) >= SIMILAR}
    assert expected  # the sample does hold copies
    assert set(near_copies(quotes, owner)) == expected


def test_a_copy_is_found_when_full_word_lists_hid_some_of_the_words_it_shares(monkeypatch):
    from lmskg.derive import origin

    # with lists of one claim, z0 holds the list of a word x and y share, so x is not
    # indexed under it: y meets x twice in its prefix, and counting the two shared words
    # took that for too little overlap (found by search against the earlier version, which
    # lost such pairs at 100,000 synthetic claims; traced there)
    monkeypatch.setattr(origin, "COMMON", 1)
    quotes = {
        "x": "Patients with unresectable uterine leiomyosarcoma may be referred to clinical "
             "trials according to the panel.",
        "y": "Patients with unresectable non-uterine leiomyosarcoma may be referred to "
             "clinical trials alongside nubituab monitoring according to the panel.",
        "z0": "to trials clinical non patients alongside according unresectable may nubituab "
              "the",
        "z1": "referred alongside trials monitoring non patients to be panel",
        "z2": "uterine referred be leiomyosarcoma alongside with"}
    found = origin.near_copies(quotes, {k: k for k in quotes})
    assert sorted(found) == [("x", "y")]
    assert origin.similarity(origin.words(quotes["x"]), origin.words(quotes["y"])) >= \
        origin.SIMILAR


def test_the_same_source_and_short_or_different_quotes_are_not_marked():
    found = same_origin([source("s1", [claim("s1-c01", COPY), claim("s1-c02", COPY)]),
                         source("s2", [claim("s2-c01", "Surgery."),
                                       claim("s2-c02", "an entirely different sentence with "
                                                       "other words in it")]),
                         source("s3", [claim("s3-c01", "Surgery.")])])
    assert found.copies == {} and found.between("s2-c01", "s3-c01") is None


def test_citing_the_same_work_is_one_origin():
    cite = [Citation(marker="1", reference="w", mapping="stated")]
    found = same_origin([source("s1", [claim("s1-c01", "one thing said here", cites=("1",))],
                                citations=cite),
                         source("s2", [claim("s2-c01", "quite another", cites=("1",))],
                                citations=cite)])
    assert found.copies == {}  # asked of pairs, never listed for every two citing claims
    assert found.between("s2-c01", "s1-c01").basis == "both cite w (stated mapping)"


# -- pairs -------------------------------------------------------------------------------------

def _pairs(*claims_by_source):
    sources = [source(f"s{i}", list(cs)) for i, cs in enumerate(claims_by_source)]
    return claim_pairs(sources, H)


def test_stances_on_related_regimens_pair_with_their_relation():
    pairs = _pairs([claim("s0-c01", regimen="gem-doce", direction="against")],
                   [claim("s1-c01", regimen="fdr-gem-doce"), claim("s1-c02", regimen="gem-based"),
                    claim("s1-c03", regimen="gem-doce")])
    got = {(p.first.id, p.second.id): (p.kind, p.relation) for p in pairs}
    assert got[("s0-c01", "s1-c01")] == (OPPOSITE, VARIANT)
    assert got[("s0-c01", "s1-c02")] == (OPPOSITE, CLASS_AND_MEMBER)
    assert got[("s0-c01", "s1-c03")] == (OPPOSITE, SAME_REGIMEN)
    assert got[("s1-c01", "s1-c03")] == (SAME_STANCE, VARIANT)


def test_contexts_that_exclude_each_other_are_not_paired_and_others_are_described():
    pairs = _pairs([claim("s0-c01", regimen="gem-doce", context=ctx(line=("first-line",),
                                                                    disease=("lms",)))],
                   [claim("s1-c01", regimen="gem-doce", context=ctx(line=("second-line",))),
                    claim("s1-c02", regimen="gem-doce", context=ctx(disease=("sts",),
                                                                    extent=("advanced",))),
                    claim("s1-c03", regimen="gem-doce", context=ctx(extent=("disseminated",)))])
    got = {(p.first.id, p.second.id): p.differences for p in pairs}
    assert ("s0-c01", "s1-c01") not in got  # first line and second line: no pair
    assert got[("s0-c01", "s1-c02")] == ("disease: lms is narrower than sts",
                                         "extent: advanced stated by s1-c02 only",
                                         "line: first-line stated by s0-c01 only")
    assert got[("s1-c02", "s1-c03")] == ("disease: sts stated by s1-c02 only",
                                         "extent: advanced and disseminated are not linked")


def test_figures_pair_on_measure_unit_and_time_point_with_their_gap():
    def outcome(cid, value, unit="%", **kw):
        return claim(cid, type="outcome", direction="neutral", regimen="gem-doce",
                     measure="response-rate", value=value, unit=unit, **kw)
    pairs = _pairs([outcome("s0-c01", 50, qualifiers=("approximate",))],
                   [outcome("s1-c01", 54), outcome("s1-c02", 20),
                    outcome("s1-c03", 50, time_point=Quantity(value=1, unit="a")),
                    claim("s1-c04", type="outcome", direction="neutral", regimen="gem-doce",
                          measure="overall-survival", value=12, unit="mo")])
    got = {(p.first.id, p.second.id): p for p in pairs}
    assert got[("s0-c01", "s1-c01")].kind == FIGURES
    assert got[("s0-c01", "s1-c01")].gap == Decimal("3.85")
    assert got[("s0-c01", "s1-c02")].gap == Decimal("42.86")
    assert ("s0-c01", "s1-c03") not in got and ("s0-c01", "s1-c04") not in got


@pytest.mark.parametrize("a, qa, b, qb, gap", [
    (50, (), 60, ("upper-bound",), "0"),  # 'up to 60' spans 0-60
    (70, (), 60, ("lower-bound",), "0"),  # 'at least 60' spans 60 and above
    (20, (), 30, (), "20.00"),
])
def test_the_gap_reads_bounds(a, qa, b, qb, gap):
    ca = claim("a", type="outcome", value=a, unit="%", qualifiers=qa)
    cb = claim("b", type="outcome", value=b, unit="%", qualifiers=qb)
    assert gap_percent(ca, cb) == Decimal(gap)


def test_independent_sources_count_copies_once():
    sources = [source("s0", [claim("s0-c01", COPY, regimen="gem-doce")]),
               source("s1", [claim("s1-c01", COPY, regimen="gem-doce")]),
               source("s2", [claim("s2-c01", "said independently by another source here",
                                   regimen="gem-doce")])]
    origins = same_origin(sources)
    owner = {c.id: s.record.id for s in sources for c in s.record.claims}
    pairs = with_independent_sources(claim_pairs(sources, H, origins), owner)
    assert {p.independent_sources for p in pairs} == {2}
    copy = next(p for p in pairs if p.first.id == "s0-c01" and p.second.id == "s1-c01")
    assert copy.origin is not None


def test_a_long_list_is_swept_in_windows_and_every_claim_still_meets_its_neighbours():
    from lmskg.derive.pairs import SMALL, WINDOW

    def outcome(cid, value, year):
        return claim(cid, type="outcome", direction="neutral", regimen="gem-doce",
                     measure="response-rate", value=value, unit="%")
    n = 10 * SMALL
    claims = [outcome(f"s{i:03d}-c01", 20 + i % 17, 2000 + i % 23) for i in range(n)]
    sources = [source(f"s{i:03d}", [c]) for i, c in enumerate(claims)]
    dates = {c.id: str(2000 + i % 23) for i, c in enumerate(claims)}
    pairs = claim_pairs(sources, H, dates=dates)
    partners: dict[str, int] = {}
    for p in pairs:
        for c in (p.first.id, p.second.id):
            partners[c] = partners.get(c, 0) + 1
    assert len(pairs) <= 2 * WINDOW * n < n * (n - 1) // 2
    assert set(partners) == {c.id for c in claims}
    assert max(partners.values()) <= 4 * WINDOW
    # neighbours by figure agree; neighbours in time also disagree
    assert any(p.gap == 0 for p in pairs) and any(p.gap > 10 for p in pairs)
    assert pairs == claim_pairs(list(reversed(sources)), H, dates=dates)  # order-free


def test_a_short_list_is_compared_all_with_all():
    from lmskg.derive.pairs import SMALL

    claims = [claim(f"s{i}-c01", regimen="gem-doce") for i in range(SMALL)]
    pairs = claim_pairs([source(f"s{i}", [c]) for i, c in enumerate(claims)], H)
    assert len(pairs) == SMALL * (SMALL - 1) // 2


# -- trial results ---------------------------------------------------------------------------

def test_arm_results_count_for_their_arm_and_subgroups_of_one_study_are_not_compared(tmp_path):
    from lmskg.derive.hierarchy import hierarchy
    from lmskg.pipeline.inputs import load_inputs
    from tests.support.tiny_trial import write_tiny_trial

    inputs = load_inputs(write_tiny_trial(tmp_path))
    trial = next(s for s in inputs.curated.sources if s.record.id == "t001")
    other = source("s9", [claim("s9-c01", type="outcome", direction="neutral",
                                regimen="gemcitabine", measure="overall-survival", value=12,
                                unit="mo", qualifiers=("median",))])
    pairs = claim_pairs([trial, other], hierarchy(inputs.ontology, inputs.curated.vocab))
    got = {(p.first.id, p.second.id): p for p in pairs}
    # the whole-study result and the subgroup's: one study, two populations, no pair
    assert ("t001-c01", "t001-c04") not in got
    # both meet an outcome of the arm's regimen stated elsewhere
    assert got[("s9-c01", "t001-c01")].gap == 0
    assert got[("s9-c01", "t001-c04")].relation == SAME_REGIMEN
    # a comparison of two arms names no regimen: never compared
    assert not any("t001-c02" in key for key in got)


def test_the_outcome_types_are_the_ontologys_outcome_claims(inputs):
    from rdflib.namespace import RDFS, SKOS

    from lmskg.derive.pairs import OUTCOME_TYPES
    from lmskg.ontology import terms as T

    graph = inputs.ontology.graph
    outcome_classes = set(graph.transitive_subjects(RDFS.subClassOf, T.OutcomeClaim))
    notations = {str(n) for c in outcome_classes for n in graph.objects(c, SKOS.notation)}
    assert set(OUTCOME_TYPES) == notations


def test_a_literature_cutoff_alone_bounds_the_claims_and_never_dates_them():
    cutoff = SourceDate(kind="literature-cutoff", value="2019-06", quote="x", start=0, end=1)
    src = source("s1", [claim("s1-c01")], dates=[cutoff])
    bound = not_before(src, Vocabulary())
    assert (bound.text, bound.basis) == ("2019-06", "its literature is current to 2019-06")
    assert claim_dates(src, bound)["s1-c01"] == claim_dates(src, bound)["s1-c01"].__class__(
        "2019-06", "not-before")
    published = SourceDate(kind="published", value="2020", quote="x", start=0, end=1)
    dated = source("s2", [claim("s2-c01")], dates=[cutoff, published])
    assert not_before(dated, Vocabulary()) is None
    assert claim_dates(dated, None)["s2-c01"].kind == "published"


# -- reports of one trial --------------------------------------------------------------------

def study(sid: str, registry: str | None = None, cites: tuple[str, ...] = (),
          same_as: tuple[str, ...] = (), subgroup: bool = False) -> Study:
    def stated(v):
        return StatedValue(value=v, quote=v, start=0, end=len(v))
    return Study(id=sid, label=sid, quote="a trial", start=0, end=7,
                 registry_ids=(RegistryId(value=registry, registry="clinicaltrials-gov",
                                          quote=registry, start=0, end=len(registry)),)
                 if registry else (),
                 cites=tuple(stated(m) for m in cites), same_study_as=same_as,
                 arms=(Arm(key="gem", label="gem", regimen="gem-doce", quote="gem", start=0,
                           end=3),),
                 subgroups=(Subgroup(key="lms", label="lms", quote="lms", start=0, end=3),)
                 if subgroup else ())


def result(cid: str, study_id: str | None, value: float = 12, **kw) -> Claim:
    fields = dict(type="outcome", regimen="gem-doce") if study_id is None else \
        dict(type="arm-result", study=study_id, arm="gem")
    wording = {"1": "median overall survival was {} months with the experimental arm",
               "2": "patients on this schedule lived for a median of {} months overall",
               "3": "in that cohort survival reached {} months at the median, a reviewer noted",
               "4": "half of the patients were still alive {} months after they started"}
    return claim(cid, wording[cid[1]].format(value),
                 direction="neutral", measure="overall-survival", value=value, unit="mo",
                 qualifiers=("median",), **{**fields, **kw})


def test_two_descriptions_with_one_registry_id_report_one_trial():
    sources = [source("s1", [result("s1-c01", "s1-a")], studies=[study("s1-a", "NCT01234567")]),
               source("s2", [result("s2-c01", "s2-b", 11)],
                      studies=[study("s2-b", "nct01234567 ")]),
               source("s3", [result("s3-c01", "s3-c")], studies=[study("s3-c", "NCT07654321")])]
    found = same_origin(sources)
    assert found.between("s2-c01", "s1-c01").basis == \
        "both report one trial (studies s1-a, s2-b; registry NCT01234567)"
    assert found.between("s1-c01", "s3-c01") is None  # another trial, same figure
    pairs = with_independent_sources(claim_pairs(sources, H, found), found.owner)
    got = {(p.first.id, p.second.id): p for p in pairs}
    assert got[("s1-c01", "s2-c01")].origin is not None  # an interim and a final report
    assert got[("s1-c01", "s2-c01")].gap > 0  # stand side by side, figures and all
    # s1 and s2 are one origin: with s3, two independent sources agree on 12 months
    assert got[("s1-c01", "s3-c01")].independent_sources == 2


def test_a_review_sentence_citing_the_trials_work_reports_the_trial():
    cite = [Citation(marker="[1]", reference="w", mapping="stated")]
    trial = source("s1", [result("s1-c01", "s1-a")], studies=[study("s1-a", same_as=("s2-b",))])
    review = source("s2", [result("s2-c01", None, cites=("[1]",))], citations=cite,
                    studies=[study("s2-b", cites=("[1]",))])
    unrelated = source("s3", [result("s3-c01", None, cites=("[1]",))],
                       citations=[Citation(marker="[1]", reference="v", mapping="stated")])
    found = same_origin([trial, review, unrelated])
    # linked by the curator's same_study_as, and the review's sentence cites the study's work
    assert found.between("s1-c01", "s2-c01").basis == \
        "both report one trial (studies s1-a, s2-b; work w)"
    # a work no study is described by reports no trial
    assert found.between("s1-c01", "s3-c01") is None
    assert found.trials.of_claim.keys() == {"s1-c01", "s2-c01"}


def test_an_unresolved_citation_links_no_trial():
    loose = [Citation(marker="[1]", reference="w", mapping="unresolved")]
    found = same_origin([
        source("s1", [result("s1-c01", "s1-a")], citations=loose,
               studies=[study("s1-a", cites=("[1]",))]),
        source("s2", [result("s2-c01", "s2-b")], citations=loose,
               studies=[study("s2-b", cites=("[1]",))])])
    assert found.between("s1-c01", "s2-c01") is None


def test_the_whole_trial_and_a_subgroup_of_another_description_are_not_compared():
    sources = [source("s1", [result("s1-c01", "s1-a")], studies=[study("s1-a", "NCT01234567")]),
               source("s2", [result("s2-c01", "s2-b", subgroup="lms")],
                      studies=[study("s2-b", "NCT01234567", subgroup=True)]),
               source("s3", [result("s3-c01", "s3-c", subgroup="lms")],
                      studies=[study("s3-c", "NCT07654321", subgroup=True)])]
    pairs = claim_pairs(sources, H, same_origin(sources))
    got = {(p.first.id, p.second.id) for p in pairs}
    assert ("s1-c01", "s2-c01") not in got  # one trial: the whole and a part
    assert ("s1-c01", "s3-c01") in got  # another trial's subgroup is another report


def test_a_work_cited_for_two_registered_trials_or_by_a_candidate_mapping_joins_nothing():
    pooled = [Citation(marker="[1]", reference="pooled", mapping="stated")]
    guessed = [Citation(marker="[2]", reference="w", mapping="candidate")]
    found = same_origin([
        source("s1", [result("s1-c01", "s1-a")], citations=pooled,
               studies=[study("s1-a", "NCT01234567", cites=("[1]",))]),
        source("s2", [result("s2-c01", "s2-b")], citations=pooled + guessed,
               studies=[study("s2-b", "NCT07654321", cites=("[1]", "[2]"))]),
        source("s3", [result("s3-c01", None, cites=("[1]",))], citations=pooled),
        source("s4", [result("s4-c01", "s4-c")], citations=guessed,
               studies=[study("s4-c", cites=("[2]",))])])
    # a pooled analysis cited for two registered trials is not one trial, and a sentence
    # citing it reports neither
    assert found.between("s1-c01", "s2-c01") is None
    assert "s3-c01" not in found.trials.of_claim
    # a doubted (candidate) mapping links no trial
    assert found.between("s2-c01", "s4-c01") is None


def test_a_claims_context_in_short_lists_kinds_in_display_order_then_ids_once():
    from lmskg.derive.triples import context_summary

    context = ctx(line=("second-line",), disease=("uterine-lms", "lms"), site=("uterus",),
                  intent=("palliative",))
    assert context_summary(context) == "lms; uterine-lms; uterus; second-line; palliative"
    assert context_summary(Context()) == ""


def test_the_derived_context_in_short_is_what_the_graphs_context_statements_say(dataset):
    """Every claim of the real graph: lms:contextSummary equals its context values'
    notations gathered from the graph (by kind in display order, then notation), and a
    claim without context has none."""
    from lmskg.ontology import terms as T
    from tests.support.derived import claims, context_summary, mismatches

    assert mismatches(dataset, T.contextSummary) == []
    with_context = [c for c in claims(dataset) if context_summary(dataset, c)]
    assert len(claims(dataset)) > 100 and len(with_context) > 50


def test_a_claims_treatment_in_short_is_its_regimen_else_its_therapies_sorted():
    from lmskg.derive.triples import treatment_summary

    rec = source("s1", []).record
    assert treatment_summary(rec, claim("s1-c01", regimen="gemcitabine-docetaxel",
                                        therapies=("surgery",))) == "gemcitabine-docetaxel"
    assert treatment_summary(rec, claim("s1-c02", therapies=("surgery", "chemotherapy",
                                                             "surgery"))) == \
        "chemotherapy; surgery"
    assert treatment_summary(rec, claim("s1-c03", therapies=("surgery",),
                                        unnamed_therapy="a new drug")) == "(unnamed); surgery"
    assert treatment_summary(rec, claim("s1-c04")) == ""


def test_the_derived_treatment_in_short_is_what_the_graphs_statements_say(dataset):
    """Every claim of the real graph: lms:treatmentSummary is the notation of its regimen,
    else its therapies' notations ("(unnamed)" for a node without one), sorted."""
    from lmskg.ontology import terms as T
    from tests.support.derived import claims, mismatches

    assert mismatches(dataset, T.treatmentSummary) == []
    named = [c for c in claims(dataset) if list(dataset.objects(c, T.treatmentSummary))]
    with_regimen = [c for c in named if list(dataset.objects(c, T.regimen))]
    assert len(with_regimen) > 20 and len(named) - len(with_regimen) > 50


def test_the_derived_document_type_is_the_most_specific_document_class(dataset):
    """Every source and reference of the real graph: lms:documentType is the one document
    class with a notation it belongs to that no other such class of it is below."""
    from lmskg.ontology import terms as T
    from tests.support.derived import document_type, documents, mismatches

    assert mismatches(dataset, T.documentType) == []
    assert all(len(document_type(dataset, d)) == 1 for d in documents(dataset))
    assert len(documents(dataset)) > 10
