"""``lmskg synth``: the same seed writes the same bytes, a stamp says a corpus is whole,
and the corpus reads as curated data (quotes at their offsets)."""

from __future__ import annotations

import json
import shutil

import pytest

from lmskg.bench import synth
from lmskg.config import Config
from lmskg.curated import yamlio


def _write(root, claims=300, seed=7):
    base = Config()
    return synth.synthesize(root, claims, seed, base.data_dir, base.vocab_dir)


def _files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    _write(tmp_path / "a")
    _write(tmp_path / "b")
    _write(tmp_path / "c", seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_claims_name_a_regimen_or_therapies_and_quote_their_text_at_its_offsets(tmp_path):
    summary = _write(tmp_path)
    assert summary["claims"] == 300
    regimen = therapies = 0
    for path in sorted((tmp_path / "data" / "sources").glob("*.yaml")):
        record = yamlio.load(path)
        text = (tmp_path / "corpus" / record["file"]).read_text(encoding="utf-8")
        for claim in record["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["quote"], claim["id"]
            assert not ("regimen" in claim and "therapies" in claim), claim["id"]
            regimen += "regimen" in claim
            therapies += "therapies" in claim
    assert regimen > 100 and therapies > 30  # figures name regimens; many statements do not


def test_a_corpus_is_reused_only_when_its_stamp_says_this_synth_wrote_it_whole(tmp_path,
                                                                            monkeypatch):
    data = Config().data_dir
    assert not synth.is_written(tmp_path, 300, 7, data)  # nothing written yet
    _write(tmp_path)
    stamp = json.loads((tmp_path / synth.STAMP).read_text())
    assert stamp == {"claims": 300, "seed": 7, "synth_version": synth.SYNTH_VERSION,
                     "vocabulary_sha256": stamp["vocabulary_sha256"]}
    assert len(stamp["vocabulary_sha256"]) == 64
    assert synth.is_written(tmp_path, 300, 7, data)
    assert not synth.is_written(tmp_path, 300, 8, data)
    assert not synth.is_written(tmp_path, 301, 7, data)
    edited = tmp_path / "edited"  # another vocabulary: the claims would be about other terms
    shutil.copytree(data / "vocabulary", edited / "vocabulary")
    with open(edited / "vocabulary" / "therapies.yaml", "a", encoding="utf-8") as fh:
        fh.write("# an edit\n")
    assert not synth.is_written(tmp_path, 300, 7, edited)
    monkeypatch.setattr(synth, "SYNTH_VERSION", synth.SYNTH_VERSION + 1)  # a newer generator
    assert not synth.is_written(tmp_path, 300, 7, data)


def test_a_run_that_stops_midway_leaves_no_stamp(tmp_path, monkeypatch):
    _write(tmp_path)

    def broken(self, sid, n):
        raise KeyboardInterrupt

    monkeypatch.setattr(synth.Writer, "source", broken)
    with pytest.raises(KeyboardInterrupt):
        _write(tmp_path)
    assert not (tmp_path / synth.STAMP).exists()
    assert not synth.is_written(tmp_path, 300, 7, Config().data_dir)


def test_trial_reports_describe_a_two_arm_trial_and_report_its_results_at_their_offsets(
        tmp_path):
    _write(tmp_path, claims=2000)
    trials = 0
    timed = set()
    for path in sorted((tmp_path / "data" / "sources").glob("*.yaml")):
        record = yamlio.load(path)
        text = (tmp_path / "corpus" / record["file"]).read_text(encoding="utf-8")

        def quoted(part):
            assert text[part["start"]:part["end"]] == part["quote"], (path.name, part)

        timed.update(t for c in record["claims"] for t in c.get("timing", ()))
        if record["type"] != "clinical-trial-report":
            assert "studies" not in record, path.name
            continue
        trials += 1
        (study,) = record["studies"]
        quoted(study)
        arms = {arm["key"]: arm for arm in study["arms"]}
        assert sorted(arms) == ["control", "experimental"]
        for arm in arms.values():
            quoted(arm)
            quoted(arm["size"])
            for given in arm.get("administrations", ()):
                quoted(given)
                assert given["start"] >= arm["start"], (path.name, given)
        assert study["randomised"]["value"] == sum(a["size"]["value"] for a in arms.values())
        results = [c for c in record["claims"] if c.get("study") == study["id"]]
        assert [c["type"] for c in results] == ["arm-result", "arm-result",
                                               "comparative-result", "adverse-event-rate"]
        for claim in results:
            quoted(claim)
            assert claim["arm"] in arms
        ratio = results[2]
        assert ratio["comparator_arm"] == "control"
        assert ratio["ci_low"] < ratio["value"] < ratio["ci_high"]
        assert f"HR {ratio['value']:g}" in ratio["quote"]
        rate = results[3]
        assert f"{rate['numerator']}/{rate['denominator']}" in rate["quote"]
        assert rate["denominator"] == arms["experimental"]["size"]["value"]
    assert trials >= 5
    assert timed == {"adjuvant", "neoadjuvant", "postoperative"}


def test_beside_every_fiftieth_source_a_draft_of_another_document_is_left_unreviewed(
        tmp_path):
    from dataclasses import replace

    from lmskg.pipeline.inputs import load_inputs

    summary = _write(tmp_path, claims=2 * synth.DRAFT_EVERY * 50)
    assert summary["drafts"] == summary["sources"] // synth.DRAFT_EVERY >= 1
    config = replace(Config(), data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus",
                     shared_vocab_dir=tmp_path / "vocab")
    curated = load_inputs(config).curated  # drafts are read and checked like curated files
    assert curated.claim_count == summary["claims"]  # their candidates are not claims
    assert len(curated.drafts) == summary["drafts"]
    for draft in curated.drafts:
        assert draft.mark.status == "unreviewed"
        assert set(draft.claim_marks) == {c.id for c in draft.source.record.claims}
