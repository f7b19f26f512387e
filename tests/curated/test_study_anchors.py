"""The anchors of a study: the build checks each at its offsets, coverage counts it, and
``lmskg anchor`` fills in its missing offsets."""

from __future__ import annotations

import pytest

from lmskg.checks.coverage import document_coverage
from lmskg.curate.anchor import fill_offsets
from lmskg.curated import yamlio
from lmskg.curated.anchors import anchors_of
from lmskg.errors import InputError
from lmskg.pipeline.inputs import load_inputs
from tests.support import tiny_trial


def test_every_value_of_a_study_is_an_anchor():
    fields = {a.field for a in anchors_of(tiny_trial.source_data()) if a.kind == "study"}
    assert {"quote", "phase", "randomised", "registry_ids[0]", "arms[0]", "arms[0].size",
            "arms[0].administrations[0].doses[0]", "arms[0].administrations[0].days",
            "subgroups[0]", "subgroups[0].size"} <= fields


def test_a_study_value_not_at_its_offsets_is_bad_input(tmp_path):
    config = tiny_trial.write_tiny_trial(tmp_path)
    data = tiny_trial.source_data()
    data["studies"][0]["phase"]["start"] += 1
    tiny_trial.write_source(config, data)
    with pytest.raises(InputError) as err:
        load_inputs(config)
    assert "record t001-tiny: field phase: " in str(err.value)


def test_coverage_counts_what_a_study_explains(tmp_path):
    config = tiny_trial.write_tiny_trial(tmp_path)
    src = load_inputs(config).curated.sources[0]
    rows = document_coverage(src.record, src.document).rows
    first = next(r for r in rows if r.sentence.text.startswith("In this randomised"))
    assert "study t001-tiny" in first.explained_by
    assert "study t001-tiny (phase)" in first.explained_by
    assert not [r.sentence.text for r in rows if not r.covered]


def test_the_curator_tool_fills_the_offsets_of_a_study(tmp_path):
    config = tiny_trial.write_tiny_trial(tmp_path)
    data = tiny_trial.source_data()
    for record in (data["studies"][0]["phase"], data["studies"][0]["arms"][0]["size"]):
        del record["start"], record["end"]
    path = config.data_dir / "sources" / "t001.yaml"
    tiny_trial.write_source(config, data)
    report = fill_offsets(path, config.corpus_dir)
    assert any(line.startswith("t001-tiny.phase: ") for line in report)
    filled = yamlio.load(path)["studies"][0]
    assert filled["phase"]["start"] == tiny_trial.at("phase 3")["start"]
    assert filled["arms"][0]["size"]["end"] == tiny_trial.at("60 received gemcitabine")["end"]
