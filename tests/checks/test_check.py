"""``lmskg check``: the real graph passes; each failure kind is caught with its message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli, run_subprocess

FIXTURES = Path(__file__).parent / "fixtures"

# fixture -> (check kind, fragment of the message) that must be reported
EXPECTED = {
    "drug-typed-as-procedure": [
        ("owl", "therapy:doxorubicin is a lms:Procedure (asserted lms:SurgicalProcedure, a "
                "subclass of lms:Procedure) and a lms:Drug"),
        ("owl", "AllDisjointClasses(lms:Procedure lms:SystemicTherapy lms:Drug"),
    ],
    "functional-property-two-values": [
        ("owl", "claim:t1-c01 has two values of the functional property lms:direction: lms:For "
                "and lms:Neutral"),
        ("shacl", "a claim has one direction"),
    ],
    "percentage-130": [
        ("owl", "is a lms:PercentageQuantity but its lms:value 130.0 is outside 0.0-100.0"),
        ("shacl", "percentage 130.0 is outside 0-100"),
        ("qc", "percentage 130.0 is outside 0-100"),
    ],
    "claim-without-source": [
        ("shacl", "a claim names exactly one source"),
        ("qc", "the claim names no source"),
    ],
    "claim-without-quote": [
        ("shacl", "a claim rests on exactly one anchored quote"),
        ("qc", "the claim has no anchored quote"),
    ],
    "combination-one-component": [
        ("shacl", "a combination has at least two components"),
        ("qc", "a combination with 1 component(s)"),
    ],
    "date-in-future": [
        ("shacl", "date 2999-01-01 is in the future"),
        ("qc", "date 2999-01-01 is in the future"),
    ],
    "unit-not-fitting-measure": [
        ("shacl", "unit mo does not fit the measure"),
        ("qc", "unit 'mo' does not fit the measure response rate"),
    ],
    "marker-points-to-nothing": [
        ("shacl", "a citation marker must point to a reference of the graph"),
        ("qc", "marker '1' points to https://w3id.org/lmskg/id/reference/missing"),
    ],
    "hierarchy-too-deep": [
        ("qc", "a chain of 3 lms:inClass or skos:broader steps; the catalogue follows 2"),
    ],
}


# trial reports: valid-trial.ttl with one problem -> (check kind, fragment) that must be
# reported. HermiT runs on the fixtures an OWL axiom catches (and on valid-trial.ttl); on the
# others only SHACL and the QC queries are asked, which keeps the suite fast.
TRIAL_EXPECTED = {
    "hazard-ratio-negative": [
        ("owl", "claim:t1-c02/quantity is a lms:RatioQuantity but its lms:value -0.55 is outside "
                "(0.0, inf)"),
        ("shacl", "a hazard-ratio is positive, found -0.55"),
        ("qc", "a hazard-ratio of -0.55 is not positive"),
    ],
    "ratio-with-a-unit": [
        ("shacl", "a hazard-ratio is dimensionless (unit '1'), not in 'mo'"),
        ("qc", "a hazard-ratio is dimensionless, not in 'mo'"),
    ],
    "ci-excludes-estimate": [
        ("shacl", "the confidence interval 0.60-0.70 does not contain the estimate 0.55"),
        ("qc", "the confidence interval 0.60-0.70 does not contain the estimate 0.55"),
    ],
    "ci-low-above-high": [
        ("shacl", "a confidence interval has one low limit, not above its high limit"),
        ("qc", "confidence interval 15.1-12.0 has its low above its high"),
    ],
    "ci-level-195": [
        ("owl", "claim:t1-c01/quantity has lms:ciLevel 195, outside (0.0, 100.0]"),
        ("shacl", "a confidence level is a percentage above 0, at most 100"),
    ],
    "p-value-above-one": [
        ("owl", "claim:t1-c04 has lms:pValue 1.57, outside 0.0-1.0 (the range of lms:pValue)"),
        ("shacl", "a p-value is one decimal from 0 to 1"),
        ("qc", "p-value 1.57 is outside 0-1"),
    ],
    "p-value-without-comparator": [
        ("shacl", "a p-value says how it is stated: =, <, <=, > or >="),
        ("qc", "p-value 0.57 has no comparator"),
    ],
    "comparison-of-an-arm-with-itself": [
        ("owl", "claim:t1-c02 has study:t1-trial/arm/trabectedin as both lms:comparatorArm and "
                "lms:arm, which are disjoint properties"),
        ("shacl", "a comparison has one arm, not its comparator arm"),
        ("qc", "arm/trabectedin is compared with itself"),
    ],
    "comparison-with-an-arm-of-another-study": [
        ("shacl", "t1-other/arm/placebo is not an arm or subgroup of the claim's study"),
        ("qc", "t1-other/arm/placebo is not an arm of the claim's study"),
    ],
    "arm-sizes-exceed-randomised": [
        ("shacl", "arm sizes add up to 618, more than the 518 randomised"),
        ("qc", "arm sizes add up to 618, more than the 518 randomised"),
    ],
    "numerator-above-denominator": [
        ("shacl", "a numerator is one non-negative integer, not above its denominator"),
        ("qc", "numerator 50 is above denominator 48"),
    ],
    "denominator-above-arm-size": [
        ("shacl", "denominator 348 exceeds the size 345 of the arm"),
        ("qc", "denominator 348 is above the arm's size 345"),
    ],
    "any-grade-with-grade-3": [
        ("shacl", "'any grade' is combined with"),
        ("qc", "'any grade' is combined with"),
    ],
    "subgroup-result-of-another-measure": [
        ("shacl", "the whole-study result https://w3id.org/lmskg/id/claim/t1-c02 differs in "
                  "measure"),
        ("qc", "differs from https://w3id.org/lmskg/id/claim/t1-c02 in "
               "https://w3id.org/lmskg/ontology#measure"),
    ],
    "registry-id-malformed": [
        ("shacl", "registry identifier NCT123 does not have the form of its registry"),
        ("qc", "registry identifier NCT123 does not have the form of its registry"),
    ],
    "arm-result-without-arm": [
        ("shacl", "an arm result is for exactly one arm"),
    ],
    "warning-against": [
        ("shacl", "a warning is neutral"),
    ],
    "arm-in-two-studies": [
        ("owl", "claim:t1-c01 is a lms:Claim"),
        ("shacl", "an arm belongs to exactly one study"),
    ],
}


def _check_json(path: Path) -> tuple[int, dict]:
    res = run_cli("check", "--graph", str(path), "--format", "json")
    return res.code, json.loads(res.out)


def _text(finding: dict) -> str:
    return f"{finding['message']} {finding['rule']}"


def test_the_real_graph_passes(config):
    res = run_cli("check", "--data", str(config.data_dir), "--corpus", str(config.corpus_dir))
    assert res.code == 0, res.out + res.err
    assert res.out.startswith("check passed: consistent, every shape conforms, no QC rows")


def test_the_valid_fixture_passes():
    code, report = _check_json(FIXTURES / "valid.ttl")
    assert code == 0 and report["ok"] and report["findings"] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_failure_kind_is_caught(name):
    code, report = _check_json(FIXTURES / f"{name}.ttl")
    assert code == 1
    assert not report["ok"]
    for kind, fragment in EXPECTED[name]:
        assert any(f["kind"] == kind and fragment in _text(f) for f in report["findings"]), \
            f"{kind}: {fragment!r} not in {json.dumps(report['findings'], indent=1)}"


def test_the_valid_trial_fixture_passes():
    code, report = _check_json(FIXTURES / "valid-trial.ttl")
    assert code == 0 and report["ok"] and report["findings"] == [], report["findings"]


@pytest.mark.parametrize("name", sorted(TRIAL_EXPECTED))
def test_each_trial_rule_is_caught(name, config):
    from lmskg.checks.run import load_graph_file, run_checks

    expected = TRIAL_EXPECTED[name]
    data, onto = load_graph_file(FIXTURES / f"{name}.ttl", config.ontology_file)
    report = run_checks(data, onto, config.ontology_dir / "shapes.ttl", config.queries_dir / "qc",
                        consistent_at_build=not any(kind == "owl" for kind, _ in expected))
    found = [(f.kind, f"{f.message} {f.rule}") for f in report.findings]
    assert found, f"{name}: nothing was found"
    for kind, fragment in expected:
        assert any(k == kind and fragment in text for k, text in found), \
            f"{kind}: {fragment!r} not in {json.dumps(found, indent=1)}"


def test_every_trial_fixture_is_expected():
    """Each file beside valid-trial.ttl that starts from it is a rule of TRIAL_EXPECTED."""
    trial = {p.stem for p in FIXTURES.glob("*.ttl")
             if p.read_text(encoding="utf-8").startswith("# valid-trial.ttl with one problem")}
    assert trial == set(TRIAL_EXPECTED)


def test_findings_about_a_study_name_its_source():
    from lmskg.checks.report import locate
    from rdflib import Graph

    g = Graph().parse(FIXTURES / "arm-sizes-exceed-randomised.ttl")
    assert locate(g, "https://w3id.org/lmskg/id/study/t1-trial") == ("t1", "")


def test_findings_name_the_claim_and_source():
    _, report = _check_json(FIXTURES / "percentage-130.ttl")
    owl = next(f for f in report["findings"] if f["kind"] == "owl")
    assert (owl["source"], owl["claim"]) == ("t1", "t1-c01")
    assert owl["rule"].startswith("SubClassOf(lms:PercentageQuantity")


def test_black_box_explanation_when_no_axiom_pattern_applies():
    """An inconsistency that the axiom-directed diagnosis does not see (a fourth direction
    declared different from the three of the enumeration) is found by re-running HermiT
    on parts of the graph; the report names the statements and the axiom."""
    code, report = _check_json(FIXTURES / "direction-outside-enumeration.ttl")
    assert code == 1
    owl = [f for f in report["findings"] if f["kind"] == "owl"]
    assert len(owl) == 1
    assert "lms:Sideways" in owl[0]["message"]
    assert owl[0]["rule"] == ("lms:Direction owl:equivalentClass "
                              "ObjectOneOf(lms:For lms:Against lms:Neutral)")


def test_text_report_groups_by_source_and_claim():
    res = run_cli("check", "--graph", str(FIXTURES / "functional-property-two-values.ttl"))
    assert res.code == 1
    lines = res.out.splitlines()
    assert lines[0] == "check FAILED: 2 problem(s)"
    assert "source t1, claim t1-c01" in lines
    assert any(line.strip().startswith("rule: FunctionalProperty(lms:direction)") for line in lines)


def test_exit_code_as_a_subprocess():
    proc = run_subprocess("check", "--graph", str(FIXTURES / "combination-one-component.ttl"))
    assert proc.returncode == 1
    assert "regimen:dox-ifo" in proc.stdout


def test_unparsable_graph_is_bad_input(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    res = run_cli("check", "--graph", str(bad))
    assert res.code == 2 and "does not parse as turtle" in res.err


def test_every_qc_query_checks_one_problem_and_is_documented(config):
    for path in sorted((config.queries_dir / "qc").glob("*.rq")):
        assert path.name.endswith("-violation.rq"), path.name
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{path.name}: start with a comment saying what it checks"
        assert "?entity" in text and "?problem" in text, path.name
