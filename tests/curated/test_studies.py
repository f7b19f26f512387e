"""Trial reports in the curated stage: the tiny trial loads; every problem a study or a
result claim can have is reported with file, record and field (one case per check of
lmskg.curated.validate_studies and validate_results, and the trial rules of
lmskg.curated.validate)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import pytest

from lmskg.curated.load import load_curated
from lmskg.errors import InputError
from lmskg.ontology.index import load_ontology
from tests.support import tiny_trial
from tests.support.cli import REPO

Data = dict[str, Any]


@lru_cache(maxsize=1)
def notations():
    return load_ontology(REPO / "ontology" / "lmskg.ttl").notations


def _load(config):
    return load_curated(config.data_dir, config.corpus_dir, config.vocab_dir, notations())


@pytest.fixture
def trial(tmp_path):
    return tiny_trial.write_tiny_trial(tmp_path)


def test_the_tiny_trial_loads(trial):
    curated = _load(trial)
    rec = curated.sources[0].record
    study = rec.study("t001-tiny")
    assert study is not None and [a.key for a in study.arms] == ["gemcitabine", "docetaxel"]
    assert study.arm("gemcitabine").administrations[0].days.value == (1, 8)
    assert study.subgroup("leiomyosarcoma").context.values("disease") == ("leiomyosarcoma",)
    assert [c.type for c in rec.claims] == ["arm-result", "comparative-result",
                                            "adverse-event-rate", "arm-result",
                                            "contraindication"]


def study(d: Data) -> Data:
    return d["studies"][0]


def arm(d: Data, i: int = 0) -> Data:
    return study(d)["arms"][i]


def adm(d: Data) -> Data:
    return arm(d)["administrations"][0]


def claim(d: Data, n: int) -> Data:
    return d["claims"][n - 1]


def put(target: Callable[[Data], Data], **values: Any) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        target(d).update(values)
    return change


def drop(target: Callable[[Data], Data], *names: str) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        for name in names:
            target(d).pop(name)
    return change


def quote(text: str) -> dict:
    return tiny_trial.at(text)


S, C = "t001-tiny", lambda n: f"t001-c{n:02d}"  # noqa: E731
# (case, change, record, field, fragment of the message)
CASES: list[tuple[str, Callable[[Data], None], str, str, str]] = [
    # -- the study --
    ("study id of another source", put(study, id="x001-tiny"), "x001-tiny", "id",
     "study ids of this source start with t001-"),
    ("duplicate study", lambda d: d["studies"].append(dict(study(d), arms=[], subgroups=[])),
     S, "id", "duplicate study id"),
    ("unknown design", lambda d: study(d)["design"][0].update(value="crossover"), S,
     "design[0].value", "unknown study-design 'crossover'"),
    ("unknown phase", lambda d: study(d)["phase"].update(value="phase-9"), S, "phase.value",
     "unknown phase 'phase-9'"),
    ("unknown blinding", put(study, blinding={"value": "triple-blind", **quote("trial")}), S,
     "blinding.value", "unknown blinding 'triple-blind'"),
    ("unknown control", put(study, control=[{"value": "sham", **quote("trial")}]), S,
     "control[0].value", "unknown control 'sham'"),
    ("unknown registry", lambda d: study(d)["registry_ids"][0].update(registry="isrctn"), S,
     "registry_ids[0].registry", "unknown registry 'isrctn'"),
    ("malformed NCT number", lambda d: study(d)["registry_ids"][0].update(value="NCT0123"),
     S, "registry_ids[0].value", "'NCT0123' is not a clinicaltrials-gov identifier"),
    ("randomised not in its quote", lambda d: study(d)["randomised"].update(value=121), S,
     "randomised.value", "121 does not appear in the quote"),
    ("negative count", put(study, enrolled={"value": -1, **quote("120 patients")}), S,
     "enrolled.value", "-1 is negative"),
    ("randomised above enrolled", put(study, enrolled={"value": 60, **quote("60 received")}),
     S, "randomised.value", "120 randomised is more than the 60 enrolled"),
    ("malformed ratio", lambda d: study(d)["allocation_ratio"].update(value="1-1"), S,
     "allocation_ratio.value", "'1-1' is not a ratio such as 2:1"),
    ("ratio with more parts than arms", lambda d: study(d)["allocation_ratio"].update(
        arms=["gemcitabine"]), S, "allocation_ratio.arms", "has 2 parts but names 1 arm(s)"),
    ("ratio of an unknown arm", lambda d: study(d)["allocation_ratio"].update(
        arms=["gemcitabine", "placebo"]), S, "allocation_ratio.arms",
     "unknown arm 'placebo' of t001-tiny"),
    ("ratio not in its quote", lambda d: study(d)["allocation_ratio"].update(
        value="2:1", **quote("randomised")), S, "allocation_ratio.value",
     "'2:1' is not in its quote"),
    ("unknown population context", put(study, population=[
        {**quote("patients"), "disease": ["nowhere-sarcoma"]}]), S, "population[0].disease",
     "unknown disease term 'nowhere-sarcoma'"),
    ("unknown prior therapy", put(study, population=[
        {**quote("patients"), "prior_therapies": ["aspirin"]}]), S,
     "population[0].prior_therapies", "unknown therapy 'aspirin'"),
    ("unknown prior regimen", put(study, population=[
        {**quote("patients"), "prior_regimens": ["folfox"]}]), S,
     "population[0].prior_regimens", "unknown regimen 'folfox'"),
    ("unknown excluded prior therapy", put(study, population=[
        {**quote("patients"), "excluded_prior_therapies": ["aspirin"]}]), S,
     "population[0].excluded_prior_therapies", "unknown therapy 'aspirin'"),
    ("prior regimens not in the quote", put(study, population=[
        {**quote("patients"), "min_prior_regimens": 2}]), S, "population[0].min_prior_regimens",
     "2 does not appear in the quote"),
    ("unknown characteristic kind", put(study, characteristics=[
        {"kind": "weight", "value": 120, "unit": "1", **quote("120 patients")}]), S,
     "characteristics[0].kind", "unknown characteristic-kind 'weight'"),
    ("characteristic in the wrong unit", put(study, characteristics=[
        {"kind": "age", "value": 120, "unit": "mo", **quote("120 patients")}]), S,
     "characteristics[0].unit", "a age characteristic is in a, not 'mo'"),
    ("share above 100 %", put(study, characteristics=[
        {"kind": "disease-share", "value": 120, "unit": "%", "disease": ["leiomyosarcoma"],
         **quote("120 patients")}]), S, "characteristics[0].value",
     "percentage 120 is outside 0-100"),
    ("disease on a count", put(study, characteristics=[
        {"kind": "sites", "value": 120, "unit": "1", "disease": ["leiomyosarcoma"],
         **quote("120 patients")}]), S, "characteristics[0].disease",
     "only a disease-share names a disease"),
    ("characteristic with value and range", put(study, characteristics=[
        {"kind": "sites", "value": 120, "low": 1, "high": 3, "unit": "1",
         **quote("120 patients")}]), S, "characteristics[0]",
     "give either value, or both low and high"),
    ("characteristic range reversed", put(study, characteristics=[
        {"kind": "eligible-age", "low": 8, "high": 1, "unit": "a",
         **quote("days 1 and 8")}]), S, "characteristics[0].low", "low 8 is above high 1"),
    ("unknown qualifier", put(study, characteristics=[
        {"kind": "sites", "value": 120, "unit": "1", "qualifiers": ["mean"],
         **quote("120 patients")}]), S, "characteristics[0].qualifiers",
     "unknown qualifier 'mean'"),
    ("follow-up not a time", put(study, follow_up={"value": 12, "unit": "mg", **quote(
        "12 months")}), S, "follow_up.unit", "unit 'mg' is not a time"),
    ("follow-up spread without its ends", put(study, follow_up={
        "value": 12, "unit": "mo", "spread": "iqr", **quote("12 months")}), S,
     "follow_up.spread", "a spread has its kind, low and high"),
    ("follow-up spread reversed", put(study, follow_up={
        "value": 12, "unit": "mo", "spread": "range", "spread_low": 12, "spread_high": 10,
        **quote("12 months with gemcitabine and 10 months")}), S, "follow_up.spread_low",
     "low 12 is above high 10"),
    ("follow-up spread not in the quote", put(study, follow_up={
        "value": 12, "unit": "mo", "spread": "range", "spread_low": 2, "spread_high": 30,
        **quote("12 months")}), S, "follow_up.spread_low", "2 does not appear in the quote"),
    ("impossible recruitment date", put(study, recruitment={
        "start_date": "2010-13", **quote("trial")}), S, "recruitment.start_date",
     "impossible date"),
    ("recruitment ends before it starts", put(study, recruitment={
        "start_date": "2010-05", "end_date": "2003-04", **quote("trial")}), S,
     "recruitment.end_date", "ends (2003-04) before it starts (2010-05)"),
    ("unknown endpoint role", put(study, endpoints=[
        {"measure": "overall-survival", "role": "main", **quote("overall survival")}]), S,
     "endpoints[0].role", "unknown endpoint-role 'main'"),
    ("unknown endpoint measure", put(study, endpoints=[
        {"measure": "happiness", "role": "primary", **quote("overall survival")}]), S,
     "endpoints[0].measure", "unknown measure 'happiness'"),
    ("unknown analysis population", put(study, endpoints=[
        {"measure": "overall-survival", "role": "primary", "analysis_population": "per-protocol",
         **quote("overall survival")}]), S, "endpoints[0].analysis_population",
     "unknown analysis-population 'per-protocol'"),
    ("unknown citation marker", put(study, cites=[{"value": "[9]", **quote("trial")}]), S,
     "cites[0].value", "marker '[9]' is not among the source's citations"),
    ("same study as an unknown study", put(study, same_study_as=["t009-other"]), S,
     "same_study_as", "unknown study 't009-other'"),
    ("same study as itself", put(study, same_study_as=["t001-tiny"]), S, "same_study_as",
     "'t001-tiny' is described in the same source"),
    # -- arms and administrations --
    ("duplicate arm key", lambda d: arm(d, 1).update(key="gemcitabine"), S, "arms[1].key",
     "duplicate arm key 'gemcitabine'"),
    ("unknown arm regimen", lambda d: arm(d).update(regimen="folfox"), S, "arms[0].regimen",
     "unknown regimen 'folfox'"),
    ("unknown arm role", put(arm, role={"value": "leading", **quote("gemcitabine")}), S,
     "arms[0].role.value", "unknown arm-role 'leading'"),
    ("arm size not in its quote", lambda d: arm(d)["size"].update(value=61), S,
     "arms[0].size.value", "61 does not appear in the quote"),
    ("arm larger than the trial", lambda d: arm(d).update(size={"value": 900, **quote(
        "900 mg/m2")}), S, "arms[0].size.value", "arm size 900 exceeds the 120 randomised"),
    ("arms larger than the trial", lambda d: arm(d, 1).update(size={"value": 120, **quote(
        "120 patients")}), S, "arms", "arm sizes add up to 180, more than the 120 randomised"),
    ("duplicate administration", lambda d: arm(d)["administrations"].append(dict(adm(d))), S,
     "arms[0].administrations[1].key", "duplicate administration key 'gemcitabine'"),
    ("unknown agent", lambda d: adm(d).update(agent="aspirin"), S,
     "arms[0].administrations[0].agent", "unknown therapy 'aspirin'"),
    ("dose in the wrong unit", lambda d: adm(d)["doses"][0].update(unit="wk"), S,
     "arms[0].administrations[0].doses[0].unit", "unit 'wk' is not allowed here"),
    ("dose not in its quote", lambda d: adm(d)["doses"][0].update(value=90), S,
     "arms[0].administrations[0].doses[0].value", "90 does not appear in the quote"),
    ("zero dose", lambda d: adm(d)["doses"][0].update(value=0, **quote("0 mg/m2")), S,
     "arms[0].administrations[0].doses[0].value", "0 must be positive"),
    ("unknown dose basis", lambda d: adm(d)["doses"][0].update(basis="per-week"), S,
     "arms[0].administrations[0].doses[0].basis", "unknown dose-basis 'per-week'"),
    ("unknown route", put(adm, route={"value": "nasal", **quote("gemcitabine")}), S,
     "arms[0].administrations[0].route.value", "unknown route 'nasal'"),
    ("unknown method", put(adm, method={"value": "drip", **quote("gemcitabine")}), S,
     "arms[0].administrations[0].method.value", "unknown method 'drip'"),
    ("cycle in hours", lambda d: adm(d)["cycle_length"].update(unit="h"), S,
     "arms[0].administrations[0].cycle_length.unit", "unit 'h' is not allowed here"),
    ("day zero", lambda d: adm(d)["days"].update(value=[0, 8]), S,
     "arms[0].administrations[0].days.value", "days of the cycle are whole numbers from 1"),
    ("last day not in the quote", lambda d: adm(d)["days"].update(value=[1, 15]), S,
     "arms[0].administrations[0].days.value", "15 does not appear in the quote"),
    ("no cycles", put(adm, max_cycles={"value": 0, **quote("0 mg/m2")}), S,
     "arms[0].administrations[0].max_cycles.value", "a maximum number of cycles is at least 1"),
    ("alternative of another agent", put(adm, alternative_to=["docetaxel"]), S,
     "arms[0].administrations[0].alternative_to",
     "'docetaxel' is not another administration of gemcitabine in this arm"),
    # -- subgroups --
    ("duplicate subgroup", lambda d: study(d)["subgroups"].append(dict(study(d)["subgroups"][0])),
     S, "subgroups[1].key", "duplicate subgroup key 'leiomyosarcoma'"),
    ("subgroup without a context", lambda d: study(d)["subgroups"][0].pop("disease"), S,
     "subgroups[0]", "a subgroup is defined by a context"),
    ("subgroup of an unknown disease", lambda d: study(d)["subgroups"][0].update(
        disease=["nowhere-sarcoma"]), S, "subgroups[0].disease",
     "unknown disease term 'nowhere-sarcoma'"),
    ("subgroup size not in its quote", lambda d: study(d)["subgroups"][0]["size"].update(
        value=41), S, "subgroups[0].size.value", "41 does not appear in the quote"),
    ("subgroup larger than the trial", lambda d: study(d)["subgroups"][0].update(size={
        "value": 900, **quote("900 mg/m2")}), S, "subgroups[0].size.value",
     "a subgroup of 900 is larger than the 120 randomised"),
    # -- claims that state a study's results --
    ("unknown study", lambda d: claim(d, 1).update(study="t001-other"), C(1), "study",
     "unknown study 't001-other'"),
    ("arm without a study", drop(lambda d: claim(d, 1), "study"), C(1), "arm",
     "arm names a part of a study: give the claim's study"),
    ("unknown arm", lambda d: claim(d, 1).update(arm="placebo"), C(1), "arm",
     "unknown arm 'placebo' of t001-tiny"),
    ("unknown comparator arm", lambda d: claim(d, 2).update(comparator_arm="placebo"), C(2),
     "comparator_arm", "unknown arm 'placebo' of t001-tiny"),
    ("unknown subgroup", lambda d: claim(d, 4).update(subgroup="women"), C(4), "subgroup",
     "unknown subgroup 'women' of t001-tiny"),
    ("an arm compared with itself", lambda d: claim(d, 2).update(comparator_arm="gemcitabine"),
     C(2), "comparator_arm", "an arm is compared with itself"),
    ("arm result without its arm", drop(lambda d: claim(d, 1), "arm"), C(1), "arm",
     "an arm-result claim names its arm"),
    ("arm result without a measure", drop(lambda d: claim(d, 1), "measure", "unit", "value",
                                          "qualifiers"), C(1), "measure",
     "a arm-result claim needs measure"),
    ("comparison without comparator", drop(lambda d: claim(d, 2), "comparator_arm"), C(2),
     "comparator_arm", "a comparative-result claim names its comparator_arm"),
    ("comparison of nothing", drop(lambda d: claim(d, 2), "measure"), C(2), "measure",
     "a comparative-result claim names what it compares"),
    ("comparison with a regimen", lambda d: claim(d, 2).update(regimen="gemcitabine"), C(2),
     "regimen", "a comparison is about its two arms, not one regimen"),
    ("comparator of an arm result", lambda d: claim(d, 1).update(comparator_arm="docetaxel"),
     C(1), "comparator_arm", "only a comparative-result claim has a comparator arm"),
    ("regimen of another arm", lambda d: claim(d, 1).update(regimen="docetaxel"), C(1),
     "regimen", "regimen 'docetaxel' is not the regimen of arm 'gemcitabine'"),
    ("p-value of an arm result", lambda d: claim(d, 1).update(p_value=0.02, p_relation="="),
     C(1), "p_value", "only a comparative-result claim has p_value"),
    ("grades of an arm result", lambda d: claim(d, 1).update(grades=["grade-3"]), C(1),
     "grades", "grades qualify an adverse-event rate or its comparison"),
    ("adverse-event rate of nothing", drop(lambda d: claim(d, 3), "arm"), C(3), "therapies",
     "a adverse-event-rate claim names a therapy, a regimen"),
    ("contraindication without a condition", drop(lambda d: claim(d, 5), "condition"), C(5),
     "condition", "a contraindication names the patient condition"),
    ("contraindication not against", lambda d: claim(d, 5).update(direction="neutral"), C(5),
     "direction", "a contraindication claim has direction against"),
    ("result for a therapy", lambda d: claim(d, 1).update(direction="for"), C(1), "direction",
     "a arm-result claim has direction neutral"),
    ("warning against", lambda d: claim(d, 5).update(type="warning", direction="against"),
     C(5), "direction", "a warning claim has direction neutral"),
    ("statistic not in the quote", lambda d: claim(d, 2).update(ci_low=0.5), C(2), "ci_low",
     "0.5 does not appear in the quote"),
    ("estimate without effect measure", drop(lambda d: claim(d, 2), "effect_measure"), C(2),
     "effect_measure", "the estimate of a comparison needs its effect measure"),
    ("hazard ratio in months", lambda d: claim(d, 2).update(unit="mo"), C(2), "unit",
     "unit 'mo' does not fit a hazard-ratio"),
    ("negative hazard ratio", lambda d: claim(d, 2).update(value=-0.8, ci_low=-0.95,
                                                             ci_high=-0.6), C(2), "value",
     "a hazard-ratio is positive, found -0.8"),
    ("one confidence limit", drop(lambda d: claim(d, 2), "ci_high"), C(2), "ci_high",
     "a confidence interval needs both limits"),
    ("interval without estimate", lambda d: claim(d, 3).update(ci_low=6, ci_high=60), C(3),
     "ci_low", "a confidence interval belongs to an estimate"),
    ("interval without its estimate", lambda d: claim(d, 2).update(value=0.95, ci_low=0.6,
                                                                     ci_high=0.8), C(2), "value",
     "the confidence interval 0.6-0.8 does not contain the estimate 0.95"),
    ("interval reversed", lambda d: claim(d, 2).update(ci_low=0.95, ci_high=0.6), C(2),
     "ci_low", "ci_low 0.95 is above ci_high 0.6"),
    ("level without interval", drop(lambda d: claim(d, 2), "ci_low", "ci_high"), C(2),
     "ci_level", "a confidence level needs its interval"),
    ("level of 195 %", lambda d: claim(d, 2).update(ci_level=195), C(2), "ci_level",
     "confidence level 195 is not a percentage"),
    ("p-value without relation", drop(lambda d: claim(d, 2), "p_relation"), C(2),
     "p_relation", "p_value and p_relation come together"),
    ("p-value above one", lambda d: claim(d, 2).update(p_value=2, quote=tiny_trial.OS_SENTENCE),
     C(2), "p_value", "p-value 2 is outside 0-1"),
    ("numerator without denominator", drop(lambda d: claim(d, 3), "denominator"), C(3),
     "denominator", "a numerator needs its denominator"),
    ("numerator above denominator", lambda d: claim(d, 3).update(numerator=60, denominator=6),
     C(3), "numerator", "numerator 60 is above denominator 6"),
    ("denominator above the arm", lambda d: arm(d).update(size={"value": 6, **quote("6/60")}),
     C(3), "denominator", "denominator 60 exceeds the size 6 of arm 'gemcitabine'"),
    ("negative participants", lambda d: claim(d, 3).update(participants=-6), C(3),
     "participants", "-6 is negative"),
    ("unknown grade", lambda d: claim(d, 3).update(grades=["grade-7"]), C(3), "grades",
     "unknown grade 'grade-7'"),
    ("any grade with grade 3", lambda d: claim(d, 3).update(grades=["any-grade", "grade-3"]),
     C(3), "grades", "'any grade' stands alone"),
    ("rate in months", lambda d: claim(d, 3).update(value=6, unit="mo"), C(3), "unit",
     "unit 'mo' does not fit a adverse-event-rate"),
    ("unknown analysis", lambda d: claim(d, 1).update(analysis="midway"), C(1), "analysis",
     "unknown analysis 'midway'"),
    ("unknown assessor", lambda d: claim(d, 1).update(assessment="patient"), C(1),
     "assessment", "unknown assessor 'patient'"),
    ("unknown effect measure", lambda d: claim(d, 2).update(effect_measure="ratio"), C(2),
     "effect_measure", "unknown effect-measure 'ratio'"),
    ("unknown significance", lambda d: claim(d, 2).update(significance="trend"), C(2),
     "significance", "unknown significance 'trend'"),
    ("unknown prior regimen of a claim", lambda d: claim(d, 1).update(prior_regimens=["folfox"]),
     C(1), "prior_regimens", "unknown regimen 'folfox'"),
    ("unknown prior therapy of a claim", lambda d: claim(d, 1).update(prior_therapies=["aspirin"]),
     C(1), "prior_therapies", "unknown therapy 'aspirin'"),
    ("subgroup result of an unknown claim", lambda d: claim(d, 4).update(subgroup_of="t001-c99"),
     C(4), "subgroup_of", "unknown claim 't001-c99' of this source"),
    ("subgroup result without its subgroup", drop(lambda d: claim(d, 4), "subgroup"), C(4),
     "subgroup", "a subgroup result names its subgroup"),
    ("subgroup result of a subgroup result", lambda d: claim(d, 1).update(
        subgroup="leiomyosarcoma", subgroup_of="t001-c04"), C(4), "subgroup_of",
     "t001-c01 is itself a subgroup result"),
    ("subgroup result of another arm", lambda d: claim(d, 4).update(subgroup_of="t001-c02"),
     C(4), "subgroup_of", "the whole-study result t001-c02 differs in comparator_arm"),
]


@pytest.mark.parametrize("case,change,record,field,fragment", CASES,
                         ids=[c[0] for c in CASES])
def test_each_problem_is_named(trial, case, change, record, field, fragment):
    data = tiny_trial.source_data()
    change(data)
    tiny_trial.write_source(trial, data)
    with pytest.raises(InputError) as err:
        _load(trial)
    expected = f"record {record}: field {field}: "
    problems = [str(p) for p in err.value.problems]
    assert any(expected in p and fragment in p for p in problems), "\n".join(problems)


def test_a_list_of_days_holds_whole_numbers(trial):
    data = tiny_trial.source_data()
    adm(data)["days"]["value"] = [1, "eight"]
    tiny_trial.write_source(trial, data)
    with pytest.raises(InputError) as err:
        _load(trial)
    assert "list items must be whole numbers, found 'eight'" in str(err.value)


def test_a_negative_difference_is_allowed(trial):
    """The estimate of a difference may be negative (its quote gives the number without a
    sign: '10 months' shorter)."""
    data = tiny_trial.source_data()
    claim(data, 2).update(effect_measure="difference", value=-10, unit="mo")
    for name in ("ci_low", "ci_high", "ci_level"):
        claim(data, 2).pop(name)
    tiny_trial.write_source(trial, data)
    rec = _load(trial).sources[0].record
    assert rec.claims[1].value == -10


def test_a_difference_in_adverse_events_is_in_percent(trial):
    """A comparison of adverse events by their difference is in percentage points ('%')."""
    data = tiny_trial.source_data()
    claim(data, 2).update(effect_measure="difference", value=10, unit="mo",
                          side_effects=["neutropenia"])
    for name in ("measure", "ci_low", "ci_high", "ci_level"):
        claim(data, 2).pop(name)
    tiny_trial.write_source(trial, data)
    with pytest.raises(InputError) as err:
        _load(trial)
    assert "record t001-c02: field unit: unit 'mo' does not fit a comparative-result" in \
        str(err.value)
    claim(data, 2)["unit"] = "%"
    tiny_trial.write_source(trial, data)
    assert _load(trial).sources[0].record.claims[1].unit == "%"


def test_same_study_as_another_source(trial):
    """Two reports of one trial: the second source's study names the first's."""
    other = tiny_trial.source_data()
    other["id"], other["studies"][0]["id"] = "t002", "t002-tiny"
    other["studies"][0]["same_study_as"] = ["t001-tiny"]
    other["claims"] = [dict(c, id=c["id"].replace("t001", "t002"),
                            **({"study": "t002-tiny"} if "study" in c else {}),
                            **({"subgroup_of": "t002-c01"} if "subgroup_of" in c else {}))
                       for c in other["claims"]]
    path = trial.data_dir / "sources" / "t002.yaml"
    from lmskg.curated import yamlio

    path.write_text(yamlio.dump(other), encoding="utf-8")
    curated = _load(trial)
    assert curated.sources[1].record.studies[0].same_study_as == ("t001-tiny",)
