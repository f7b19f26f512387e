"""A trial result and a review's summary of the same trial, built and asked: they agree,
and the answers say they are one origin, not two confirmations (issues 11 and 12)."""

from __future__ import annotations

import hashlib
import json

import pytest

from lmskg.curated import yamlio
from lmskg.ontology.namespaces import CLAIM
from tests.support import tiny_trial
from tests.support.cli import run_cli

REVIEW = ("Tiny review\n"
          "In the randomised trial NCT01234567, those given gemcitabine lived a median of "
          "12 months, and those given docetaxel 7 months.\n")


def _at(quote: str) -> dict:
    start = REVIEW.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def _review() -> dict:
    """The review describes the trial as its own study (stating the registry id) and gives
    one arm's survival (and another figure for the other arm: 7 months against the report's 10)."""
    sentence = REVIEW.splitlines()[1]
    study = {"id": "t002-tiny", "label": "the tiny trial, as the review tells it",
             **_at("the randomised trial NCT01234567"),
             "registry_ids": [{"value": "NCT01234567", "registry": "clinicaltrials-gov",
                               **_at("NCT01234567")}],
             "arms": [{"key": "gemcitabine", "label": "gemcitabine", "regimen": "gemcitabine",
                       **_at("those given gemcitabine")},
                      {"key": "docetaxel", "label": "docetaxel", "regimen": "docetaxel",
                       **_at("those given docetaxel")}]}
    claims = [{"id": f"t002-c0{i}", "type": "arm-result", **_at(sentence), "direction": "neutral",
               "measure": "overall-survival", "value": value, "unit": "mo",
               "qualifiers": ["median"], "study": "t002-tiny", "arm": arm}
              for i, (arm, value) in enumerate((("gemcitabine", 12), ("docetaxel", 7)), 1)]
    return {"id": "t002", "file": "review.txt",
            "sha256": hashlib.sha256(REVIEW.encode("utf-8")).hexdigest(),
            "type": "review-article", "title": _at("Tiny review"),
            "studies": [study], "claims": claims}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("one-trial")
    config = tiny_trial.write_tiny_trial(root)
    report = tiny_trial.source_data()  # and the report's figure for the docetaxel arm
    report["claims"].append({"id": "t001-c06", "type": "arm-result",
                             **tiny_trial.at(tiny_trial.OS_SENTENCE), "direction": "neutral",
                             "measure": "overall-survival", "value": 10, "unit": "mo",
                             "qualifiers": ["median"], "study": "t001-tiny", "arm": "docetaxel"})
    tiny_trial.write_source(config, report)
    (config.corpus_dir / "review.txt").write_text(REVIEW, encoding="utf-8")
    (config.data_dir / "sources" / "t002.yaml").write_text(yamlio.dump(_review()),
                                                            encoding="utf-8")
    args = ("--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
            "--build", str(root / "build"))
    result = run_cli("build", "--no-reason", *args)
    assert result.code == 0, result.err
    return args


def _ask(args, name: str) -> list[dict]:
    result = run_cli("query", name, "--format", "json", *args)
    assert result.code == 0, result.err
    return [{k: v["value"] for k, v in row.items()}
            for row in json.loads(result.out)["results"]["bindings"]]


def test_a_result_and_the_reviews_summary_corroborate_as_one_origin(built):
    rows = [r for r in _ask(built, "corroborations")
            if {r["claim_a"], r["claim_b"]} == {str(CLAIM["t001-c01"]), str(CLAIM["t002-c01"])}]
    assert len(rows) == 1, rows
    assert rows[0]["independent"] == ("no: likely one origin: both report one trial "
                                      "(studies t001-tiny, t002-tiny; registry NCT01234567)")
    assert rows[0]["independent_sources"] == "1"


def test_two_reports_of_one_trial_that_differ_stand_side_by_side_marked(built):
    rows = [r for r in _ask(built, "conflicts")
            if {r["claim_a"], r["claim_b"]} == {str(CLAIM["t001-c06"]), str(CLAIM["t002-c02"])}]
    assert len(rows) == 1, "the review's 7 months and the report's 10 months are not shown"
    assert rows[0]["same_origin"] == ("likely: both report one trial (studies t001-tiny, "
                                      "t002-tiny; registry NCT01234567)")


def test_the_whole_trial_and_the_reports_subgroup_are_not_compared_across_descriptions(built):
    pairs = {frozenset((r["claim_a"], r["claim_b"])) for r in _ask(built, "corroborations")}
    assert frozenset((str(CLAIM["t001-c04"]), str(CLAIM["t002-c01"]))) not in pairs
