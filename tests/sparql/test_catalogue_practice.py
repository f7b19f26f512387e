"""The trial questions on the practice graph (examples/practice/data, built once per session
with HermiT's inferred graph): the answers a researcher would check against the texts.

The five seed sources describe no study, so the trial questions are pinned here; on the real
graph they must answer nothing (no study, arm or dose leaks into them). The questions that
take trial results into account (outcomes-for-regimen, conflicts, corroborations) are asked
here too.
"""

from __future__ import annotations

from typing import Callable

import pytest

from lmskg.ontology.namespaces import CLAIM, REGIMEN, SOURCE
from lmskg.sparql.local import run_local
from lmskg.sparql.params import bind, bindings_for
from tests.sparql.query_fixtures import catalogue, ontology

CATALOGUE = catalogue()
Rows = list[dict[str, str]]
PRACTICE_PINS: dict[str, Callable[[Callable[..., Rows]], None]] = {}
TRIAL_QUESTIONS = ("comparative-results-for-regimen", "arm-outcomes-of-study",
                   "adverse-events-of-regimen", "doses-and-schedules-per-arm",
                   "subgroup-results", "trials-of-regimen")


def pin(name: str):
    def register(check: Callable[[Callable[..., Rows]], None]):
        PRACTICE_PINS[name] = check
        return check
    return register


def claim(cid: str) -> str:
    return str(CLAIM[cid])


def row_for(rows: Rows, **want: str) -> dict[str, str]:
    found = [r for r in rows if all(r.get(k) == v for k, v in want.items())]
    assert found, f"no row with {want} among {len(rows)} rows:\n" + "\n".join(map(str, rows))
    return found[0]


@pin("comparative-results-for-regimen")
def _(ask):
    """The issue's example: the trabectedin notice gives PFS HR 0.55 (95% CI 0.44-0.70,
    p<0.001) and OS HR 0.93 for trabectedin versus dacarbazine in 518 patients, 2:1."""
    rows = ask(regimen="trabectedin")
    pfs = row_for(rows, claim=claim("p001-c05"))
    assert (pfs["outcome"], pfs["effect"], pfs["estimate"]) == \
        ("progression-free-survival", "hazard-ratio", "0.55")
    assert (pfs["ci"], pfs["p"]) == ("95% CI 0.44-0.7", "<0.001")
    os_ = row_for(rows, claim=claim("p001-c08"))
    assert (os_["outcome"], os_["estimate"], os_["ci"], os_["p"]) == \
        ("overall-survival", "0.93", "95% CI 0.75-1.15", "=0.49")
    for row in (pfs, os_):
        assert row["role"] == "arm"
        assert (row["arm_regimen"], row["comparator_regimen"]) == \
            (str(REGIMEN["trabectedin"]), str(REGIMEN["dacarbazine"]))
        assert (row["randomised"], row["ratio"], row["arm_n"], row["comparator_n"]) == \
            ("518", "2:1", "345", "173")
        assert row["study"] == "ET743-SAR-3007 (trabectedin versus dacarbazine)"
        assert (row["source"], row["date"]) == (str(SOURCE["p001"]), "2015-10-23")
        assert "significance" not in row  # the notice does not call either significant
    # dacarbazine is the comparator in the trabectedin and the eribulin trial
    dtic = ask(regimen="dacarbazine", measure="overall-survival")
    assert {r["role"] for r in dtic} == {"comparator"}
    sub = row_for(dtic, claim=claim("p004-c07"))
    assert (sub["subgroup"], sub["estimate"], sub["p"]) == \
        ("patients with leiomyosarcoma", "0.93", "=0.57")


@pin("arm-outcomes-of-study")
def _(ask):
    rows = ask(study="p003-palette")
    assert {r["claim"] for r in rows} == {claim(f"p003-c{n:02d}") for n in (3, 4, 6, 7)}
    paz = row_for(rows, claim=claim("p003-c03"))
    assert (paz["figure"], paz["ci"], paz["endpoint"], paz["arm_n"]) == \
        ("median 4.6 mo", "95% CI 3.7-4.8", "primary", "246")
    one_year = row_for(ask(study="p002-eortc-62012"), claim=claim("p002-c06"))
    assert (one_year["figure"], one_year["time_point"], one_year["arm_label"]) == \
        ("51 %", "1 a", "doxorubicin alone")


@pin("adverse-events-of-regimen")
def _(ask):
    assert ask() == []  # no practice text grades its adverse events: none at grade 3 or more
    rows = ask(regimen="pazopanib", min_grade="")
    fatigue = [r for r in rows if r["event"] == "fatigue"]
    assert {(r["arm_label"], r["rate"], r["given_regimen"]) for r in fatigue} == \
        {("pazopanib", "65 %", "yes"), ("placebo", "49 %", "no")}
    nausea = row_for(ask(regimen="trabectedin", min_grade=""), event="nausea")
    assert (nausea["rate"], nausea["arm_n"]) == ("at least 20 %", "345")


@pin("doses-and-schedules-per-arm")
def _(ask):
    rows = ask(study="p002-eortc-62012")
    combo = row_for(rows, arm_label="doxorubicin plus ifosfamide", agent="doxorubicin")
    assert (combo["doses"], combo["days"], combo["cycle_length"], combo["max_cycles"]) == \
        ("25 mg/m2 per-day; 75 mg/m2 per-cycle", "1, 2, 3", "3 wk", "6")
    bolus = row_for(rows, arm_label="doxorubicin alone", method="bolus")
    assert bolus["alternative_to"].endswith("/administration/doxorubicin-continuous")
    assert row_for(rows, agent="mesna")["supportive"] == "true"
    trab = row_for(ask(regimen="trabectedin"), agent="trabectedin")
    assert (trab["doses"], trab["route"], trab["duration"], trab["cycle_length"]) == \
        ("1.5 mg/m2", "intravenous", "24 h", "3 wk")


@pin("subgroup-results")
def _(ask):
    row = row_for(ask(measure="overall-survival"), subgroup_claim=claim("p004-c07"))
    assert row["whole_claim"] == claim("p004-c03")
    assert row["subgroup_figure"] == "hazard-ratio 0.93 (95% CI 0.71-1.2) p=0.57"
    assert row["whole_figure"] == "hazard-ratio 0.77 (95% CI 0.62-0.95) p=0.0169"
    assert row["subgroup_n"] == "309"


@pin("trials-of-regimen")
def _(ask):
    rows = ask()  # anthracycline-based
    assert {r["study"].rsplit("/", 1)[1] for r in rows} == {"p002-eortc-62012", "p004-geddis"}
    eortc = row_for(rows, regimen_arm="doxorubicin plus ifosfamide")
    assert (eortc["phase_id"], eortc["design"], eortc["registry_id"], eortc["randomised"],
            eortc["primary_endpoint"]) == ("phase-3", "randomised", "NCT00061984", "455",
                                          "overall-survival")
    dtic = {r["study"].rsplit("/", 1)[1] for r in ask(regimen="dacarbazine", phase="phase-3")}
    assert dtic == {"p001-et743-sar-3007", "p004-eribulin-dacarbazine"}


@pin("outcomes-for-regimen")
def _(ask):
    """An arm result is an outcome of its arm's regimen (with the inferred graph)."""
    rows = ask(regimen="anthracycline-based", measure="overall-survival")
    assert {r["claim"] for r in rows} >= {claim("p002-c03"), claim("p002-c04")}
    assert row_for(rows, claim=claim("p002-c04"))["stated_regimen"] == \
        str(REGIMEN["doxorubicin-ifosfamide"])
    assert not [r for r in rows if r["claim"] == claim("p002-c05")]  # a comparison is not


@pin("conflicts")
def _(ask):
    """Comparisons are never conflicts by themselves; a subgroup result does not conflict
    with the whole-study result it is the subgroup value of."""
    rows = ask(tolerance="0")
    # arm results are outcomes of their arm's regimen: dacarbazine's median progression-free
    # survival in the trabectedin trial (1.5 mo) and in the eribulin trial's leiomyosarcoma
    # subgroup (2.6 mo) differ
    row = row_for(rows, claim_a=claim("p001-c04"), claim_b=claim("p004-c09"))
    assert (row["conflict"], row["figure_a"], row["figure_b"]) == \
        ("values differ", "median 1.5 mo", "median 2.6 mo")
    comparisons = {claim(c) for c in ("p001-c05", "p001-c08", "p002-c05", "p003-c05",
                                      "p004-c03", "p004-c07", "p004-c14")}
    assert not [r for r in rows if {r["claim_a"], r["claim_b"]} & comparisons]
    assert not [r for r in rows if {r["claim_a"], r["claim_b"]} ==
                {claim("p004-c02"), claim("p004-c06")}]


@pin("corroborations")
def _(ask):
    rows = ask(tolerance="0")
    comparisons = {claim(c) for c in ("p001-c05", "p001-c08", "p003-c05", "p004-c03")}
    assert not [r for r in rows if {r["claim_a"], r["claim_b"]} & comparisons]


def test_every_trial_question_is_pinned_on_the_practice_graph():
    assert set(TRIAL_QUESTIONS) <= set(PRACTICE_PINS) and set(TRIAL_QUESTIONS) <= set(CATALOGUE)


@pytest.mark.parametrize("name", sorted(PRACTICE_PINS))
def test_practice_graph(name, practice_built):
    PRACTICE_PINS[name](_asker(name, practice_built.dataset))


@pytest.mark.parametrize("name", TRIAL_QUESTIONS)
def test_the_real_graph_has_no_trial_to_report(name, dataset):
    """The seed sources describe no study: every trial question answers nothing (with its
    defaults, and for every study, regimen and grade)."""
    ask = _asker(name, dataset)
    assert ask() == []
    everything = {p.name: "" for p in CATALOGUE[name].params}
    assert ask(**everything) == []


def _asker(name: str, ds) -> Callable[..., Rows]:
    query = CATALOGUE[name]

    def ask(**given: str) -> Rows:
        bindings = bindings_for(query, given, ontology())
        return run_local(ds, bind(query.text, bindings), name).as_dicts()

    return ask


def test_a_study_parameter_lists_studies_only(practice_built):
    """Arms and subgroups sit in the study namespace with notations of their own
    (id/study/<study>/arm/<key>); the list offers what the parameter takes: studies."""
    from lmskg.sparql.answer import LocalAnswerer
    from lmskg.sparql.values import values_of

    _, found = values_of(CATALOGUE["arm-outcomes-of-study"], "study",
                         LocalAnswerer(practice_built.dataset, timeout=0), ontology())
    assert [v for v, _ in found] == ["p001-et743-sar-3007", "p002-eortc-62012", "p003-palette",
                                     "p004-eribulin-dacarbazine", "p004-geddis"]
