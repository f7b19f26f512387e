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
